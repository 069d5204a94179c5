/* Form definitions loaded from the database, parsed once per process. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <libpq-fe.h>

#include "db.h"
#include "form.h"
#include "formcache.h"
#include "util.h"

/* More versions in use at once than this empties the cache. */
#define FORMCACHE_MAX	32

static const struct db_stmt formcache_stmts[] = {
	{ "formcache_xml", "SELECT xml FROM qualimetre.form WHERE id = $1", 1 },
};

struct formcache {
	struct db	*db;
	size_t		 stmt;		/* our statement's number */
	char		*schema;
	struct {
		long long	 id;
		struct form	*form;
	}		 forms[FORMCACHE_MAX];
	size_t		 n;
};

struct formcache *
formcache_create(struct db *db, const char *schema_path)
{
	struct formcache	*fc;

	fc = xcalloc(1, sizeof(*fc));
	fc->db = db;
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
	free(fc->schema);
	free(fc);
}

const struct form *
formcache_get(struct formcache *fc, long long form_id)
{
	struct form	*f = NULL;
	PGresult	*res;
	const char	*params[1];
	char		 id[32], sqlstate[6], *cause = NULL, name[64];
	size_t		 i;

	for (i = 0; i < fc->n; i++)
		if (fc->forms[i].id == form_id)
			return fc->forms[i].form;
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
		PQclear(res);
		return NULL;
	}
	PQclear(res);
	if (fc->n == FORMCACHE_MAX) {
		log_warnx("form cache full, emptying it");
		for (i = 0; i < fc->n; i++)
			form_free(fc->forms[i].form);
		fc->n = 0;
	}
	fc->forms[fc->n].id = form_id;
	fc->forms[fc->n].form = f;
	fc->n++;
	return f;
}
