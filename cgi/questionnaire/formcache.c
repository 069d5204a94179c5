/* Form definitions loaded from the database, parsed once per process. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "db.h"
#include "form.h"
#include "formcache.h"
#include "log.h"
#include "xmalloc.h"

static const struct db_stmt formcache_stmts[] = {
	{ "formcache_xml", "SELECT xml FROM qualimetre.form WHERE id = $1", 1 },
};

struct formcache_entry {
	long long		 id;
	struct form		*form;
	unsigned long long	 used;		/* the clock at its last use */
};

struct formcache {
	struct db		*db;		/* or NULL: no loading */
	size_t			 stmt;		/* our statement's number */
	char			*schema;
	struct formcache_entry	*forms;
	size_t			 n, cap;
	unsigned long long	 clock;		/* one tick per get */
};

struct formcache *
formcache_create(struct db *db, const char *schema_path)
{
	struct formcache	*fc;

	fc = xcalloc(1, sizeof(*fc));
	fc->db = db;
	if (db != NULL)
		fc->stmt = db_register(db, formcache_stmts, 1);
	fc->schema = xstrdup(schema_path);
	return fc;
}

void
formcache_free(struct formcache *fc)
{
	size_t	i;

	if (fc == NULL)
		return;
	for (i = 0; i < fc->n; i++)
		form_free(fc->forms[i].form);
	free(fc->forms);
	free(fc->schema);
	free(fc);
}

static struct formcache_entry *
formcache_find(struct formcache *fc, long long id)
{
	size_t	i;

	for (i = 0; i < fc->n; i++)
		if (fc->forms[i].id == id)
			return &fc->forms[i];
	return NULL;
}

void
formcache_add(struct formcache *fc, long long id, struct form *f)
{
	struct formcache_entry	*e;

	if ((e = formcache_find(fc, id)) != NULL) {
		form_free(f);
		return;
	}
	if (fc->n == fc->cap) {
		fc->cap = fc->cap == 0 ? FORMCACHE_MAX : fc->cap * 2;
		fc->forms = xreallocarray(fc->forms, fc->cap,
		    sizeof(*fc->forms));
	}
	e = &fc->forms[fc->n++];
	e->id = id;
	e->form = f;
	e->used = ++fc->clock;
}

/* Loads form id from the database; NULL when it cannot (logged). */
static struct form *
formcache_load(struct formcache *fc, long long form_id)
{
	struct form	*f = NULL;
	PGresult	*res;
	const char	*params[1];
	char		 id[32], sqlstate[6], *cause = NULL, name[64];

	snprintf(id, sizeof(id), "%lld", form_id);
	params[0] = id;
	if (db_exec(fc->db, fc->stmt, params, &res, sqlstate, &cause) !=
	    DB_OK) {
		log_warnx("form %s: %s", id, cause);
		free(cause);
		return NULL;
	}
	if (PQntuples(res) != 1) {
		log_warnx("form %s: not found", id);
		PQclear(res);
		return NULL;
	}
	snprintf(name, sizeof(name), "form #%lld", form_id);
	if (form_load_memory(PQgetvalue(res, 0, 0), (size_t)PQgetlength(res,
	    0, 0), name, fc->schema, &f, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		f = NULL;
	}
	PQclear(res);
	return f;
}

const struct form *
formcache_get(struct formcache *fc, long long form_id)
{
	struct formcache_entry	*e;
	struct form		*f;

	if ((e = formcache_find(fc, form_id)) != NULL) {
		e->used = ++fc->clock;
		return e->form;
	}
	if (fc->db == NULL || (f = formcache_load(fc, form_id)) == NULL)
		return NULL;
	formcache_add(fc, form_id, f);
	return f;
}

/* The most recently used first. */
static int
formcache_cmp(const void *a, const void *b)
{
	const struct formcache_entry	*x = a, *y = b;

	return x->used < y->used ? 1 : x->used > y->used ? -1 : 0;
}

void
formcache_trim(struct formcache *fc)
{
	size_t	i;

	if (fc->n <= FORMCACHE_MAX)
		return;
	qsort(fc->forms, fc->n, sizeof(*fc->forms), formcache_cmp);
	for (i = FORMCACHE_MAX; i < fc->n; i++)
		form_free(fc->forms[i].form);
	fc->n = FORMCACHE_MAX;
}
