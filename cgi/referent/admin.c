/* Sites of the referent's program; the people are people.c's, the
   national view national.c's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "admin.h"
#include "buf.h"
#include "cal.h"
#include "db.h"
#include "fields.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "school.h"
#include "site.h"
#include "staff.h"
#include "utf8.h"
#include "xmalloc.h"

#define PREFIX		"/referent"
enum stmt {
	S_SITES,
	S_SITE_CREATE,
	S_SITE_UPDATE,
	S__MAX
};

static const struct db_stmt admin_stmts[S__MAX] = {
	/* The policies give an admin every site, a referent their own. */
	[S_SITES] = { "admin_sites",
	    "SELECT id, code, name, department,"
	    " coalesce(school_zone, '') AS school_zone, timezone,"
	    " coalesce(parent_id::text, '') AS parent_id"
	    " FROM qualimetre.site ORDER BY code", 0 },
	/* An admin only (policy referent_admin_creates_sites); audited. */
	[S_SITE_CREATE] = { "admin_site_create",
	    "WITH s AS (INSERT INTO qualimetre.site (code, name, department,"
	    "  school_zone, timezone, parent_id)"
	    "  VALUES ($1, $2, $3, $4, $5, $6::bigint)"
	    "  RETURNING id, code),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event,"
	    "  detail) SELECT qualimetre.current_user_id(),"
	    "  (SELECT u.login FROM qualimetre.app_user u"
	    "   WHERE u.id = qualimetre.current_user_id()),"
	    "  'site-create', s.code FROM s)"
	    " SELECT id FROM s", 6 },
	[S_SITE_UPDATE] = { "admin_site_update",
	    "WITH s AS (UPDATE qualimetre.site SET name = $2, school_zone = $3,"
	    "  parent_id = $4::bigint WHERE id = $1 RETURNING id, code),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event,"
	    "  detail) SELECT qualimetre.current_user_id(),"
	    "  (SELECT u.login FROM qualimetre.app_user u"
	    "   WHERE u.id = qualimetre.current_user_id()),"
	    "  'site-update', s.code FROM s)"
	    " SELECT id FROM s", 4 },
};

struct admin {
	struct db		*db;
	struct staff		*staff;		/* the program's, for frames */
	size_t			 base;		/* of our statements in db */
};

/* The time zones a site may have: metropolitan France and overseas. */
static const struct {
	const char	*tz;
	const char	*label;
} timezones[] = {
	{ "Europe/Paris",	"Europe/Paris (métropole, Corse)" },
	{ "America/Guadeloupe",	"America/Guadeloupe" },
	{ "America/Martinique",	"America/Martinique" },
	{ "America/Cayenne",	"America/Cayenne (Guyane)" },
	{ "Indian/Reunion",	"Indian/Reunion (La Réunion)" },
	{ "Indian/Mayotte",	"Indian/Mayotte" },
	{ "America/Miquelon",	"America/Miquelon (Saint-Pierre-et-Miquelon)" },
};
#define NTIMEZONES	(sizeof(timezones) / sizeof(timezones[0]))

/* One field of a form as shown again: its value and its error. A form
   of sites has FLD_MAX fields at most. */
#define FLD_MAX		8
struct fld {
	const char	*id;		/* the input's id, ours */
	const char	*name;		/* its label in the error summary */
	const char	*value;		/* as sent, or NULL */
	const char	*error;		/* French, or NULL */
};

struct admin *
admin_create(struct db *db, struct staff *staff)
{
	struct admin	*ra;

	ra = xcalloc(1, sizeof(*ra));
	ra->db = db;
	ra->staff = staff;
	ra->base = db_register(db, admin_stmts, S__MAX);
	return ra;
}

void
admin_free(struct admin *ra)
{
	free(ra);
}

static enum db_status
run(struct admin *ra, const struct staff_user *u, enum stmt s,
    const char *const *params, PGresult **res, char *sqlstate)
{
	return db_exec_as_logged(ra->db, u->session, u->login, ra->base + s,
	    admin_stmts[s].name, params, res, sqlstate);
}

static void
message(struct admin *ra, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(ra->staff, p, u, status, title, text, PREFIX "/",
	    "Accueil");
}

static void
unavailable(struct admin *ra, struct resp *p, const struct staff_user *u)
{
	message(ra, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été enregistré.");
}

static void
redirect(struct resp *p, const char *to)
{
	buf_reset(&p->body);
	p->status = 303;
	p->location = xstrdup(to);
}

/* The value of field key when it holds no NUL byte, or NULL. */
static const char *
field(const struct req *r, const char *key)
{
	const struct http_field	*f;

	return (f = http_field_get(r, key)) != NULL ? f->val : NULL;
}

/* Whether s is UTF-8 of 1 to max code points, not only spaces. */
static int
valid_text(const char *s, size_t max)
{
	size_t	len;

	if (s == NULL)
		return 0;
	len = strlen(s);
	if (!utf8_valid(s, len) || utf8_length(s, len) > max)
		return 0;
	return strspn(s, " \t\r\n") < len;
}

static int
valid_zone(const char *s)
{
	return s != NULL && (s[0] == '\0' || school_zone_by_code(s) != NULL);
}

/* A parent as sent: none, or a site's id (the database checks which). */
static int
valid_parent(const char *s)
{
	return s != NULL && (*s == '\0' || http_id_parse(s, NULL));
}

/* The errors the database gives a parent (sql/040), on its field. */
static const char *
parent_refused(const char *sqlstate)
{
	if (strcmp(sqlstate, "23514") == 0 || strcmp(sqlstate, "23503") == 0)
		return "Choisissez une préfecture du même département, qui "
		    "n’est elle-même rattachée à aucun site ; un site auquel "
		    "d’autres sont rattachés ne peut pas l’être.";
	return NULL;
}

static int
valid_timezone(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < NTIMEZONES; i++)
		if (strcmp(s, timezones[i].tz) == 0)
			return 1;
	return 0;
}

/* The errors of a form at its top, each linked to its field. */
static void
error_summary(struct buf *b, const struct fld *f, size_t n,
    const char *what)
{
	const char	*errors[FLD_MAX], *labels[FLD_MAX], *anchors[FLD_MAX];
	size_t		 i;

	for (i = 0; i < n && i < FLD_MAX; i++) {
		errors[i] = f[i].error;
		labels[i] = f[i].name;
		anchors[i] = f[i].id;
	}
	fields_summary_of(b, what, NULL, errors, labels, anchors, i, 0);
}

/* A text input in its DSFR group, with its error under it. */
static void
text_input(struct buf *b, const struct fld *f, const char *name,
    const char *label, const char *hint, const char *attrs)
{
	page_field_input(b, f->id, name, "text", attrs, label, hint, f->value,
	    f->error, NULL, NULL);
}

/* A select in its DSFR group; options are value/label pairs, ours. */
static void
select_input(struct buf *b, const struct fld *f, const char *name,
    const char *label, const char *const *opts, size_t nopts)
{
	page_field_select(b, f->id, name, label, opts, nopts, f->value,
	    f->error);
}

/* ------------------------------------------------------------ sites */

enum site_field {
	SF_CODE,
	SF_NAME,
	SF_DEPARTMENT,
	SF_ZONE,
	SF_TIMEZONE,
	SF_PARENT,
	SF__MAX
};
_Static_assert(SF__MAX <= FLD_MAX, "too many fields");

/* "No zone", then every zone of the school calendar (school.h). */
static const char *const *
zone_opts(size_t *n)
{
	static const char	*opts[2 * (SCHOOL_ZONES_MAX + 1)];
	size_t			 i;

	opts[0] = "";
	opts[1] = "Aucune (le calendrier scolaire n’est pas suivi)";
	for (i = 0; i < school_nzones; i++) {
		opts[2 * i + 2] = school_zones[i].code;
		opts[2 * i + 3] = school_zones[i].label;
	}
	*n = school_nzones + 1;
	return opts;
}

static void
site_fields_init(struct fld *f)
{
	static const char *const ids[SF__MAX] = { "s-code", "s-name",
	    "s-department", "s-zone", "s-timezone", "s-parent" };
	static const char *const names[SF__MAX] = { "Code", "Nom",
	    "Département", "Zone de vacances scolaires", "Fuseau horaire",
	    "Rattachement" };
	size_t	i;

	for (i = 0; i < SF__MAX; i++) {
		f[i].id = ids[i];
		f[i].name = names[i];
		f[i].value = NULL;
		f[i].error = NULL;
	}
}

/*
 * The sites another may be put under, from the rows of S_SITES: those
 * without a parent, but self (NULL for a new site). The first option is
 * none. Returns the number of options; *opts is the caller's to free.
 */
static size_t
parent_opts(PGresult *res, const char *self, const char ***opts)
{
	size_t	 n = 1;
	int	 k, cid, cname, cparent;

	cid = PQfnumber(res, "id");
	cname = PQfnumber(res, "name");
	cparent = PQfnumber(res, "parent_id");
	*opts = xcalloc(2 * ((size_t)PQntuples(res) + 1), sizeof(**opts));
	(*opts)[0] = "";
	(*opts)[1] = "Aucun : une préfecture, ou un site à part";
	for (k = 0; k < PQntuples(res); k++) {
		if (*PQgetvalue(res, k, cparent) != '\0' || (self != NULL &&
		    strcmp(PQgetvalue(res, k, cid), self) == 0))
			continue;
		(*opts)[2 * n] = PQgetvalue(res, k, cid);
		(*opts)[2 * n + 1] = PQgetvalue(res, k, cname);
		n++;
	}
	return n;
}

/* The name, the zone and the site this one is under. */
static void
site_name_zone(struct buf *b, struct fld *f, PGresult *sites,
    const char *self)
{
	const char *const	*opts;
	const char		**popts;
	size_t			 n;

	text_input(b, &f[SF_NAME], "name", "Nom", "Par exemple : "
	    "Préfecture de Loir-et-Cher (200 caractères au plus)",
	    " required maxlength=\"200\"");
	opts = zone_opts(&n);
	select_input(b, &f[SF_ZONE], "zone", "Zone de vacances scolaires",
	    opts, n);
	n = parent_opts(sites, self, &popts);
	page_field_select(b, f[SF_PARENT].id, "parent", "Rattaché à (pour "
	    "une sous-préfecture, sa préfecture)", popts, n,
	    f[SF_PARENT].value, f[SF_PARENT].error);
	free(popts);
}

/* The code of the site row k of S_SITES is under, or "". */
static const char *
parent_code(PGresult *res, int k)
{
	const char	*parent;
	int		 j, cid;

	cid = PQfnumber(res, "id");
	parent = PQgetvalue(res, k, PQfnumber(res, "parent_id"));
	for (j = 0; *parent != '\0' && j < PQntuples(res); j++)
		if (strcmp(PQgetvalue(res, j, cid), parent) == 0)
			return PQgetvalue(res, j, PQfnumber(res, "code"));
	return "";
}

static void
sites_page(struct admin *ra, const struct staff_user *u, struct resp *p,
    struct fld *f, const char *done)
{
	struct buf	*b = &p->body;
	PGresult	*res = NULL;
	const char	*tzopts[2 * NTIMEZONES];
	char		 sqlstate[6];
	size_t		 i;
	const struct school_zone *zone;
	int		 k, n, cid, ccode, cname, cdep, czone, ctz;

	if (run(ra, u, S_SITES, NULL, &res, sqlstate) != DB_OK) {
		unavailable(ra, p, u);
		return;
	}
	p->no_store = 1;
	staff_page_open(ra->staff, p, u, "Sites");
	page_back_link(b, PREFIX "/", "Accueil");
	buf_puts(b, "<h1>Sites</h1>\n");
	if (done != NULL)
		page_success(b, done);
	n = PQntuples(res);
	cid = PQfnumber(res, "id");
	ccode = PQfnumber(res, "code");
	cname = PQfnumber(res, "name");
	cdep = PQfnumber(res, "department");
	czone = PQfnumber(res, "school_zone");
	ctz = PQfnumber(res, "timezone");
	if (n == 0)
		buf_puts(b, "<p>Aucun site pour l’instant.</p>\n");
	else {
		buf_puts(b, "<div class=\"fr-table\">\n"
		    HTML_TABLE_BOXES "<table>\n<caption>"
		    "Les sites</caption>\n<thead><tr><th scope=\"col\">Code"
		    "</th><th scope=\"col\">Nom</th><th scope=\"col\">"
		    "Département</th><th scope=\"col\">Rattaché à</th>"
		    "<th scope=\"col\">Zone</th>"
		    "<th scope=\"col\">Fuseau horaire</th><th scope=\"col\">"
		    "Action</th></tr></thead>\n<tbody>\n");
		for (k = 0; k < n; k++) {
			buf_puts(b, "<tr><td>");
			html_puts(b, PQgetvalue(res, k, ccode));
			buf_puts(b, "</td><td>");
			html_puts(b, PQgetvalue(res, k, cname));
			buf_puts(b, "</td><td>");
			html_puts(b, PQgetvalue(res, k, cdep));
			buf_puts(b, "</td><td>");
			html_puts(b, parent_code(res, k));
			buf_puts(b, "</td><td>");
			zone = school_zone_by_code(PQgetvalue(res, k, czone));
			html_puts(b, zone != NULL ? zone->label : "aucune");
			buf_puts(b, "</td><td>");
			html_puts(b, PQgetvalue(res, k, ctz));
			buf_puts(b, "</td><td><a href=\"" PREFIX "/sites/");
			html_puts(b, PQgetvalue(res, k, cid));
			buf_puts(b, "\">Modifier<span class=\"fr-sr-only\"> ");
			html_puts(b, PQgetvalue(res, k, cname));
			buf_puts(b, "</span></a></td></tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n"
		    HTML_TABLE_BOXES_END "</div>\n");
	}

	buf_puts(b, "<h2 id=\"nouveau\">Nouveau site</h2>\n");
	error_summary(b, f, SF__MAX, "Le site n’a pas été créé");
	buf_puts(b, "<form method=\"post\" action=\"" PREFIX "/sites\" "
	    "novalidate>\n");
	staff_csrf_input(b, u);
	text_input(b, &f[SF_CODE], "code", "Code", "Lettres majuscules, "
	    "chiffres et tirets, 16 au plus ; par exemple : PREF-41",
	    " required maxlength=\"16\" autocapitalize=\"characters\"");
	site_name_zone(b, f, res, NULL);
	text_input(b, &f[SF_DEPARTMENT], "department", "Département",
	    "Code INSEE : 41, 2A, 974…", " required maxlength=\"3\"");
	for (i = 0; i < NTIMEZONES; i++) {
		tzopts[2 * i] = timezones[i].tz;
		tzopts[2 * i + 1] = timezones[i].label;
	}
	if (f[SF_TIMEZONE].value == NULL)
		f[SF_TIMEZONE].value = "Europe/Paris";
	select_input(b, &f[SF_TIMEZONE], "timezone", "Fuseau horaire",
	    tzopts, NTIMEZONES);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Créer le site"
	    "</button>\n</form>\n");
	page_end(b);
	PQclear(res);
}

static void
site_create(struct admin *ra, const struct staff_user *u,
    const struct req *r, struct resp *p)
{
	struct fld	 f[SF__MAX];
	const char	*params[6];
	PGresult	*res = NULL;
	char		 sqlstate[6];
	enum db_status	 st;
	size_t		 i;
	int		 bad = 0;

	site_fields_init(f);
	f[SF_CODE].value = field(r, "code");
	f[SF_NAME].value = field(r, "name");
	f[SF_DEPARTMENT].value = field(r, "department");
	f[SF_ZONE].value = field(r, "zone");
	f[SF_TIMEZONE].value = field(r, "timezone");
	f[SF_PARENT].value = field(r, "parent");
	if (f[SF_PARENT].value == NULL)
		f[SF_PARENT].value = "";
	if (!site_code_valid(f[SF_CODE].value))
		f[SF_CODE].error = "Saisissez un code de 1 à 16 lettres "
		    "majuscules, chiffres ou tirets, sans tiret au début.";
	if (!valid_text(f[SF_NAME].value, 200))
		f[SF_NAME].error = "Saisissez le nom du site (200 caractères "
		    "au plus).";
	if (f[SF_DEPARTMENT].value == NULL ||
	    !cal_department_ok(f[SF_DEPARTMENT].value))
		f[SF_DEPARTMENT].error = "Saisissez un code de département "
		    "INSEE : de 01 à 95, 2A, 2B, ou de 971 à 976.";
	if (!valid_zone(f[SF_ZONE].value))
		f[SF_ZONE].error = "Choisissez une zone, ou aucune.";
	if (!valid_timezone(f[SF_TIMEZONE].value))
		f[SF_TIMEZONE].error = "Choisissez un fuseau horaire de la "
		    "liste.";
	if (!valid_parent(f[SF_PARENT].value))
		f[SF_PARENT].error = "Choisissez un site de la liste, ou "
		    "aucun.";
	for (i = 0; i < SF__MAX; i++)
		if (f[i].error != NULL)
			bad = 1;
	if (!bad) {
		params[0] = f[SF_CODE].value;
		params[1] = f[SF_NAME].value;
		params[2] = f[SF_DEPARTMENT].value;
		params[3] = *f[SF_ZONE].value != '\0' ? f[SF_ZONE].value : NULL;
		params[4] = f[SF_TIMEZONE].value;
		params[5] = *f[SF_PARENT].value != '\0' ?
		    f[SF_PARENT].value : NULL;
		st = run(ra, u, S_SITE_CREATE, params, &res, sqlstate);
		if (st == DB_UNAVAILABLE) {
			unavailable(ra, p, u);
			return;
		}
		if (st == DB_OK) {
			PQclear(res);
			redirect(p, PREFIX "/sites?fait=cree");
			return;
		}
		if (strcmp(sqlstate, "23505") == 0)
			f[SF_CODE].error = "Un site porte déjà ce code.";
		else if (parent_refused(sqlstate) != NULL)
			f[SF_PARENT].error = parent_refused(sqlstate);
		else if (strcmp(sqlstate, "42501") == 0) {
			message(ra, p, u, 403, "Accès réservé", "Seul un "
			    "administrateur crée des sites.");
			return;
		} else
			f[SF_CODE].error = "Le site a été refusé par la base "
			    "de données ; vérifiez les champs.";
	}
	p->status = 400;
	sites_page(ra, u, p, f, NULL);
}

static void
site_edit_page(struct admin *ra, const struct staff_user *u,
    struct resp *p, const char *id, struct fld *f)
{
	struct buf	*b = &p->body;
	PGresult	*res = NULL;
	char		 sqlstate[6];
	int		 k, row = -1, cid;

	if (run(ra, u, S_SITES, NULL, &res, sqlstate) != DB_OK) {
		unavailable(ra, p, u);
		return;
	}
	cid = PQfnumber(res, "id");
	for (k = 0; k < PQntuples(res); k++)
		if (strcmp(PQgetvalue(res, k, cid), id) == 0)
			row = k;
	if (row == -1) {
		PQclear(res);
		message(ra, p, u, 404, "Site introuvable", "Ce site n’existe "
		    "pas.");
		return;
	}
	if (f[SF_NAME].value == NULL)
		f[SF_NAME].value = PQgetvalue(res, row, PQfnumber(res, "name"));
	if (f[SF_ZONE].value == NULL)
		f[SF_ZONE].value = PQgetvalue(res, row, PQfnumber(res,
		    "school_zone"));
	if (f[SF_PARENT].value == NULL)
		f[SF_PARENT].value = PQgetvalue(res, row, PQfnumber(res,
		    "parent_id"));
	p->no_store = 1;
	staff_page_open(ra->staff, p, u, "Modifier un site");
	page_back_link(b, PREFIX "/sites", "Sites");
	buf_puts(b, "<h1>Modifier le site ");
	html_puts(b, PQgetvalue(res, row, PQfnumber(res, "code")));
	buf_puts(b, "</h1>\n");
	error_summary(b, f, SF__MAX, "Le site n’a pas été modifié");
	buf_puts(b, "<form method=\"post\" action=\"" PREFIX "/sites/");
	html_puts(b, id);
	buf_puts(b, "\" novalidate>\n");
	staff_csrf_input(b, u);
	site_name_zone(b, f, res, id);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Enregistrer"
	    "</button>\n</form>\n");
	page_end(b);
	PQclear(res);
}

static void
site_update(struct admin *ra, const struct staff_user *u,
    const struct req *r, struct resp *p, const char *id)
{
	struct fld	 f[SF__MAX];
	const char	*params[4];
	PGresult	*res = NULL;
	char		 sqlstate[6];
	enum db_status	 st;

	site_fields_init(f);
	f[SF_NAME].value = field(r, "name");
	f[SF_ZONE].value = field(r, "zone");
	f[SF_PARENT].value = field(r, "parent");
	if (f[SF_PARENT].value == NULL)
		f[SF_PARENT].value = "";
	if (!valid_parent(f[SF_PARENT].value))
		f[SF_PARENT].error = "Choisissez un site de la liste, ou "
		    "aucun.";
	if (!valid_text(f[SF_NAME].value, 200))
		f[SF_NAME].error = "Saisissez le nom du site (200 caractères "
		    "au plus).";
	if (!valid_zone(f[SF_ZONE].value))
		f[SF_ZONE].error = "Choisissez une zone, ou aucune.";
	if (f[SF_NAME].error == NULL && f[SF_ZONE].error == NULL &&
	    f[SF_PARENT].error == NULL) {
		params[0] = id;
		params[1] = f[SF_NAME].value;
		params[2] = *f[SF_ZONE].value != '\0' ? f[SF_ZONE].value : NULL;
		params[3] = *f[SF_PARENT].value != '\0' ?
		    f[SF_PARENT].value : NULL;
		st = run(ra, u, S_SITE_UPDATE, params, &res, sqlstate);
		if (st == DB_UNAVAILABLE) {
			unavailable(ra, p, u);
			return;
		}
		if (st != DB_OK && parent_refused(sqlstate) != NULL) {
			f[SF_PARENT].error = parent_refused(sqlstate);
			p->status = 400;
			site_edit_page(ra, u, p, id, f);
			return;
		}
		if (st == DB_REFUSED) {
			message(ra, p, u, 403, "Accès réservé", "Seul un "
			    "administrateur modifie les sites.");
			return;
		}
		if (PQntuples(res) == 0) {
			PQclear(res);
			message(ra, p, u, 404, "Site introuvable", "Ce site "
			    "n’existe pas.");
			return;
		}
		PQclear(res);
		redirect(p, PREFIX "/sites?fait=modifie");
		return;
	}
	p->status = 400;
	site_edit_page(ra, u, p, id, f);
}

static void
sites(struct admin *ra, const struct staff_user *u, const struct req *r,
    struct resp *p, const char *id)
{
	struct fld	 f[SF__MAX];
	const char	*done, *v;

	site_fields_init(f);
	if (id != NULL) {
		if (r->method == HTTP_POST)
			site_update(ra, u, r, p, id);
		else
			site_edit_page(ra, u, p, id, f);
		return;
	}
	if (r->method == HTTP_POST) {
		site_create(ra, u, r, p);
		return;
	}
	done = NULL;
	if ((v = field(r, "fait")) != NULL) {
		if (strcmp(v, "cree") == 0)
			done = "Le site a été créé.";
		else if (strcmp(v, "modifie") == 0)
			done = "Le site a été modifié.";
	}
	sites_page(ra, u, p, f, done);
}

/* ------------------------------------------------------------ router */

int
admin_handle(struct admin *ra, const struct staff_user *u, struct req *r,
    struct resp *p)
{
	char		 id[32], tail;
	const char	*path = r->path;
	int		 has_id = 0;

	if (path == NULL)
		return 0;
	if (sscanf(path, PREFIX "/sites/%18[0-9]%c", id, &tail) == 1 &&
	    http_id_parse(id, NULL))
		has_id = 1;
	else if (strcmp(path, PREFIX "/sites") != 0)
		return 0;

	http_resp_reset(p);
	if (r->method != HTTP_GET && r->method != HTTP_HEAD &&
	    r->method != HTTP_POST) {
		p->status = 405;
		p->allow = "GET, HEAD, POST";
		return 1;
	}
	if (u->role != STAFF_ADMIN) {
		message(ra, p, u, 403, "Accès réservé", "Cette page est réservée "
		    "aux administrateurs.");
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		message(ra, p, u, 403, "Formulaire expiré", "Ce formulaire a "
		    "expiré ou ne vient pas de cette session : rien n’a été "
		    "enregistré. Rechargez la page et recommencez.");
		return 1;
	}
	sites(ra, u, r, p, has_id ? id : NULL);
	return 1;
}
