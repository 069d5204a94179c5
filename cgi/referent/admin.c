/* Sites and the national view of the referent's program. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "admin.h"
#include "buf.h"
#include "cal.h"
#include "chart.h"
#include "db.h"
#include "fields.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "results.h"
#include "school.h"
#include "site.h"
#include "staff.h"
#include "stats.h"
#include "utf8.h"
#include "xmalloc.h"

#define PREFIX		"/referent"
enum stmt {
	S_SITES,
	S_SITE_CREATE,
	S_SITE_UPDATE,
	S_NATIONAL,
	S__MAX
};

static const struct db_stmt admin_stmts[S__MAX] = {
	/* The policies give an admin every site, a referent their own. */
	[S_SITES] = { "admin_sites",
	    "SELECT id, code, name, department,"
	    " coalesce(school_zone, '') AS school_zone, timezone"
	    " FROM qualimetre.site ORDER BY code", 0 },
	/* An admin only (policy referent_admin_creates_sites); audited. */
	[S_SITE_CREATE] = { "admin_site_create",
	    "WITH s AS (INSERT INTO qualimetre.site (code, name, department,"
	    "  school_zone, timezone) VALUES ($1, $2, $3, $4, $5)"
	    "  RETURNING id, code),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event,"
	    "  detail) SELECT qualimetre.current_user_id(),"
	    "  (SELECT u.login FROM qualimetre.app_user u"
	    "   WHERE u.id = qualimetre.current_user_id()),"
	    "  'site-create', s.code FROM s)"
	    " SELECT id FROM s", 5 },
	[S_SITE_UPDATE] = { "admin_site_update",
	    "WITH s AS (UPDATE qualimetre.site SET name = $2, school_zone = $3"
	    "  WHERE id = $1 RETURNING id, code),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event,"
	    "  detail) SELECT qualimetre.current_user_id(),"
	    "  (SELECT u.login FROM qualimetre.app_user u"
	    "   WHERE u.id = qualimetre.current_user_id()),"
	    "  'site-update', s.code FROM s)"
	    " SELECT id FROM s", 3 },
	/*
	 * The whole national page in one query: the year shown ($1, or the
	 * latest with answers), the years with satisfaction campaigns, and
	 * the counts of each (site, form, question, value) of that year's
	 * satisfaction campaigns (by their opening date). Counts come from
	 * the index on answer (campaign_id, question, value).
	 */
	[S_NATIONAL] = { "admin_national",
	    "WITH y AS (SELECT coalesce($1::int, (SELECT"
	    "  max(extract(year FROM c.opens_on))::int"
	    "  FROM qualimetre.campaign c WHERE c.kind = 'satisfaction'"
	    "  AND EXISTS (SELECT 1 FROM qualimetre.answer a"
	    "   WHERE a.campaign_id = c.id))) AS y),"
	    " c AS (SELECT c.id, c.site_id, c.form_id"
	    "  FROM qualimetre.campaign c, y WHERE c.kind = 'satisfaction'"
	    "  AND extract(year FROM c.opens_on) = y.y)"
	    " SELECT 'year' AS part, y.y::text AS site, NULL::text AS code,"
	    "  NULL::bigint AS form_id, NULL::text AS question,"
	    "  NULL::text AS value, NULL::bigint AS n FROM y"
	    " UNION ALL"
	    " SELECT 'years', extract(year FROM c.opens_on)::int::text, NULL,"
	    "  NULL, NULL, NULL, NULL FROM qualimetre.campaign c"
	    "  WHERE c.kind = 'satisfaction' GROUP BY 2"
	    " UNION ALL"
	    " SELECT 'count', s.name, s.code, c.form_id, a.question, a.value,"
	    "  count(*) FROM qualimetre.answer a JOIN c ON a.campaign_id = c.id"
	    "  JOIN qualimetre.site s ON s.id = c.site_id"
	    "  WHERE a.value IS NOT NULL"
	    "  GROUP BY s.name, s.code, c.form_id, a.question, a.value", 1 },
};

struct admin {
	struct db		*db;
	struct staff		*staff;		/* the program's, for frames */
	struct formcache	*forms;
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
admin_create(struct db *db, struct staff *staff, struct formcache *forms)
{
	struct admin	*ra;

	ra = xcalloc(1, sizeof(*ra));
	ra->db = db;
	ra->staff = staff;
	ra->forms = forms;
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
	    "s-department", "s-zone", "s-timezone" };
	static const char *const names[SF__MAX] = { "Code", "Nom",
	    "Département", "Zone de vacances scolaires", "Fuseau horaire" };
	size_t	i;

	for (i = 0; i < SF__MAX; i++) {
		f[i].id = ids[i];
		f[i].name = names[i];
		f[i].value = NULL;
		f[i].error = NULL;
	}
}

static void
site_name_zone(struct buf *b, struct fld *f)
{
	const char *const	*opts;
	size_t			 n;

	text_input(b, &f[SF_NAME], "name", "Nom", "Par exemple : "
	    "Préfecture de Loir-et-Cher (200 caractères au plus)",
	    " required maxlength=\"200\"");
	opts = zone_opts(&n);
	select_input(b, &f[SF_ZONE], "zone", "Zone de vacances scolaires",
	    opts, n);
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
		    "Département</th><th scope=\"col\">Zone</th>"
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
	PQclear(res);

	buf_puts(b, "<h2 id=\"nouveau\">Nouveau site</h2>\n");
	error_summary(b, f, SF__MAX, "Le site n’a pas été créé");
	buf_puts(b, "<form method=\"post\" action=\"" PREFIX "/sites\" "
	    "novalidate>\n");
	staff_csrf_input(b, u);
	text_input(b, &f[SF_CODE], "code", "Code", "Lettres majuscules, "
	    "chiffres et tirets, 16 au plus ; par exemple : PREF-41",
	    " required maxlength=\"16\" autocapitalize=\"characters\"");
	site_name_zone(b, f);
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
}

static void
site_create(struct admin *ra, const struct staff_user *u,
    const struct req *r, struct resp *p)
{
	struct fld	 f[SF__MAX];
	const char	*params[5];
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
	for (i = 0; i < SF__MAX; i++)
		if (f[i].error != NULL)
			bad = 1;
	if (!bad) {
		params[0] = f[SF_CODE].value;
		params[1] = f[SF_NAME].value;
		params[2] = f[SF_DEPARTMENT].value;
		params[3] = *f[SF_ZONE].value != '\0' ? f[SF_ZONE].value : NULL;
		params[4] = f[SF_TIMEZONE].value;
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
	site_name_zone(b, f);
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
	const char	*params[3];
	PGresult	*res = NULL;
	char		 sqlstate[6];
	enum db_status	 st;

	site_fields_init(f);
	f[SF_NAME].value = field(r, "name");
	f[SF_ZONE].value = field(r, "zone");
	if (!valid_text(f[SF_NAME].value, 200))
		f[SF_NAME].error = "Saisissez le nom du site (200 caractères "
		    "au plus).";
	if (!valid_zone(f[SF_ZONE].value))
		f[SF_ZONE].error = "Choisissez une zone, ou aucune.";
	if (f[SF_NAME].error == NULL && f[SF_ZONE].error == NULL) {
		params[0] = id;
		params[1] = f[SF_NAME].value;
		params[2] = *f[SF_ZONE].value != '\0' ? f[SF_ZONE].value : NULL;
		st = run(ra, u, S_SITE_UPDATE, params, &res, sqlstate);
		if (st == DB_UNAVAILABLE) {
			unavailable(ra, p, u);
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

/* ------------------------------------------------------------ national */

/* A criterion of the national view, by key across form versions. */
struct ncrit {
	const char	*key;
	const char	*label;		/* the latest version's */
};

/* One site's figures on one criterion. */
struct nrow {
	const char	*name, *code;
	long long	 x, n;
	double		 rate, lower, upper;
	int		 best, worst;	/* rank range; 0 when n is 0 */
};

static int
nrow_cmp(const void *a, const void *b)
{
	const struct nrow	*x = a, *y = b;

	if ((x->n > 0) != (y->n > 0))
		return x->n > 0 ? -1 : 1;
	if (x->n > 0 && x->rate != y->rate)
		return x->rate > y->rate ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int
year_cmp(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return (x < y) - (x > y);	/* latest first */
}

/*
 * The rank ranges of the n rows: a site's best rank is 1 + the number of
 * sites whose lower bound is above its upper bound; its worst rank, the
 * number of sites (itself included) whose upper bound is not below its
 * lower bound. Rows without opinions are not ranked.
 */
static void
rank_ranges(struct nrow *rows, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		if (rows[i].n == 0)
			continue;
		rows[i].best = 1;
		rows[i].worst = 0;
		for (j = 0; j < n; j++) {
			if (rows[j].n == 0)
				continue;
			if (rows[j].lower > rows[i].upper)
				rows[i].best++;
			if (rows[j].upper >= rows[i].lower)
				rows[i].worst++;
		}
	}
}

static void
national_table(struct buf *b, const struct ncrit *c, size_t ci,
    struct nrow *rows, size_t n)
{
	char	num[CHART_NUMBER_MAX], lo[CHART_NUMBER_MAX];
	char	hi[CHART_NUMBER_MAX];
	size_t	i;

	rank_ranges(rows, n);
	qsort(rows, n, sizeof(*rows), nrow_cmp);
	buf_printf(b, "<h2 id=\"critere-%zu\">", ci + 1);
	html_puts(b, c->label);
	buf_puts(b, "</h2>\n<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table data-criterion=\"");
	html_puts(b, c->key);
	buf_puts(b, "\">\n<caption>");
	html_puts(b, c->label);
	buf_puts(b, " : les sites du plus satisfait au moins satisfait"
	    "</caption>\n<thead><tr><th scope=\"col\">Site</th>"
	    "<th scope=\"col\">Avis exprimés</th><th scope=\"col\">Taux de "
	    "satisfaction</th><th scope=\"col\">Intervalle de confiance à "
	    "95 %</th><th scope=\"col\">Rang possible</th></tr></thead>\n"
	    "<tbody>\n");
	for (i = 0; i < n; i++) {
		buf_puts(b, "<tr data-site=\"");
		html_puts(b, rows[i].code);
		buf_printf(b, "\" data-n=\"%lld\" data-satisfied=\"%lld\"",
		    rows[i].n, rows[i].x);
		if (rows[i].n > 0)
			buf_printf(b, " data-rate=\"%.17g\" data-lower=\"%.17g\""
			    " data-upper=\"%.17g\" data-best=\"%d\" "
			    "data-worst=\"%d\"", rows[i].rate, rows[i].lower,
			    rows[i].upper, rows[i].best, rows[i].worst);
		buf_puts(b, "><th scope=\"row\">");
		html_puts(b, rows[i].name);
		chart_number((double)rows[i].n, 0, num, sizeof(num));
		buf_puts(b, "</th><td>");
		html_puts(b, num);
		buf_puts(b, "</td><td>");
		if (rows[i].n == 0) {
			buf_puts(b, "pas d’avis</td><td>—</td><td>—</td>"
			    "</tr>\n");
			continue;
		}
		chart_percent(rows[i].rate, 1, num, sizeof(num));
		chart_percent(rows[i].lower, 1, lo, sizeof(lo));
		chart_percent(rows[i].upper, 1, hi, sizeof(hi));
		html_puts(b, num);
		buf_puts(b, "</td><td>de ");
		html_puts(b, lo);
		buf_puts(b, " à ");
		html_puts(b, hi);
		buf_puts(b, "</td><td>");
		if (rows[i].best == rows[i].worst)
			buf_printf(b, "%d", rows[i].best);
		else
			buf_printf(b, "%d–%d<span class=\"fr-sr-only\"> (entre "
			    "le %d%s et le %de rang)</span>", rows[i].best,
			    rows[i].worst, rows[i].best, rows[i].best == 1 ?
			    "er" : "e", rows[i].worst);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

/* Adds k answers of value v to criterion q's counts (results_count_add). */
static void
national_count(const struct form_question *q, const char *v, long long k,
    struct nrow *row)
{
	struct results_count	c = { 0 };

	results_count_add(&c, q, v, k);
	row->n += c.opinions;
	row->x += c.satisfied;
}

/* The national view of one year: its rows, read then computed. */
struct nview {
	PGresult	*res;		/* the strings below point into it */
	const char	*year;		/* shown, or NULL: none yet */
	int		*years;		/* the years offered, newest first */
	int		 nyears;
	const char	**sites;	/* codes, in the rows' order */
	const char	**names;
	size_t		 nsites;
	long long	*fids;		/* the forms used, newest first */
	size_t		 nfids;
	struct ncrit	*crit;
	size_t		 ncrit;
	struct nrow	*cells;		/* [c * nsites + s]: criterion c at
					   site s */
};

static void
nview_free(struct nview *nv)
{
	free(nv->cells);
	free(nv->crit);
	free(nv->names);
	free(nv->sites);
	free(nv->fids);
	free(nv->years);
	PQclear(nv->res);
	memset(nv, 0, sizeof(*nv));
}

static int
fid_cmp(const void *a, const void *b)
{
	const long long	*x = a, *y = b;

	return *x < *y ? 1 : *x > *y ? -1 : 0;
}

/* The year, the years, the sites and the forms of nv->res's rows. */
static void
national_lists(struct nview *nv)
{
	PGresult	*res = nv->res;
	const char	*v;
	long long	 fid;
	size_t		 i;
	int		 k, n = PQntuples(res);
	int		 cpart = PQfnumber(res, "part");
	int		 csite = PQfnumber(res, "site");
	int		 ccode = PQfnumber(res, "code");
	int		 cform = PQfnumber(res, "form_id");

	nv->years = xcalloc((size_t)n + 1, sizeof(*nv->years));
	nv->fids = xcalloc((size_t)n + 1, sizeof(*nv->fids));
	nv->sites = xcalloc((size_t)n + 1, sizeof(*nv->sites));
	nv->names = xcalloc((size_t)n + 1, sizeof(*nv->names));
	for (k = 0; k < n; k++) {
		v = PQgetvalue(res, k, cpart);
		if (strcmp(v, "year") == 0) {
			if (!PQgetisnull(res, k, csite))
				nv->year = PQgetvalue(res, k, csite);
			continue;
		}
		if (strcmp(v, "years") == 0) {
			nv->years[nv->nyears++] = atoi(PQgetvalue(res, k,
			    csite));
			continue;
		}
		fid = strtoll(PQgetvalue(res, k, cform), NULL, 10);
		for (i = 0; i < nv->nfids && nv->fids[i] != fid; i++)
			;
		if (i == nv->nfids)
			nv->fids[nv->nfids++] = fid;
		v = PQgetvalue(res, k, ccode);
		for (i = 0; i < nv->nsites && strcmp(nv->sites[i], v) != 0; i++)
			;
		if (i == nv->nsites) {
			nv->sites[nv->nsites] = v;
			nv->names[nv->nsites++] = PQgetvalue(res, k, csite);
		}
	}
	qsort(nv->years, (size_t)nv->nyears, sizeof(*nv->years), year_cmp);
	qsort(nv->fids, nv->nfids, sizeof(*nv->fids), fid_cmp);
}

/*
 * The criteria of every form used, the latest version's label first.
 * Returns 0, or -1 when a form cannot be read.
 */
static int
national_criteria(struct admin *ra, struct nview *nv)
{
	const struct form		*form;
	const struct form_question	*q;
	size_t				 i, j, qi;

	for (i = 0; i < nv->nfids; i++) {
		if ((form = formcache_get(ra->forms, nv->fids[i])) == NULL)
			return -1;
		nv->crit = xreallocarray(nv->crit, nv->ncrit +
		    form_nquestions(form) + 1, sizeof(*nv->crit));
		for (qi = 0; qi < form_nquestions(form); qi++) {
			q = form_question(form, qi);
			if (!q->criterion)
				continue;
			for (j = 0; j < nv->ncrit; j++)
				if (strcmp(nv->crit[j].key, q->key) == 0)
					break;
			if (j < nv->ncrit)
				continue;
			nv->crit[nv->ncrit].key = q->key;
			nv->crit[nv->ncrit].label = q->label;
			nv->ncrit++;
		}
	}
	return 0;
}

/* Each criterion's counts at each site, then its rate and interval. */
static void
national_cells(struct admin *ra, struct nview *nv)
{
	PGresult			*res = nv->res;
	const struct form		*form;
	const struct form_question	*q;
	struct stats_interval		 iv;
	struct nrow			*cell;
	const char			*v;
	size_t				 i, j, ns = nv->nsites;
	int				 k, e;
	int				 cpart = PQfnumber(res, "part");
	int				 ccode = PQfnumber(res, "code");
	int				 cform = PQfnumber(res, "form_id");
	int				 cq = PQfnumber(res, "question");
	int				 cv = PQfnumber(res, "value");
	int				 cn = PQfnumber(res, "n");

	nv->cells = xcalloc(nv->ncrit * ns + 1, sizeof(*nv->cells));
	for (j = 0; j < nv->ncrit; j++)
		for (i = 0; i < ns; i++) {
			nv->cells[j * ns + i].code = nv->sites[i];
			nv->cells[j * ns + i].name = nv->names[i];
		}
	for (k = 0; k < PQntuples(res); k++) {
		if (strcmp(PQgetvalue(res, k, cpart), "count") != 0)
			continue;
		form = formcache_get(ra->forms, strtoll(PQgetvalue(res, k,
		    cform), NULL, 10));
		if (form == NULL ||
		    (q = form_find(form, PQgetvalue(res, k, cq))) == NULL ||
		    !q->criterion)
			continue;
		for (j = 0; j < nv->ncrit &&
		    strcmp(nv->crit[j].key, q->key) != 0; j++)
			;
		v = PQgetvalue(res, k, ccode);
		for (i = 0; i < ns && strcmp(nv->sites[i], v) != 0; i++)
			;
		if (j == nv->ncrit || i == ns)
			continue;
		national_count(q, PQgetvalue(res, k, cv), strtoll(PQgetvalue(
		    res, k, cn), NULL, 10), &nv->cells[j * ns + i]);
	}
	for (i = 0; i < nv->ncrit * ns; i++) {
		cell = &nv->cells[i];
		if (cell->n == 0)
			continue;
		if ((e = stats_proportion(STATS_WILSON, RESULTS_LEVEL,
		    cell->x, cell->n, &iv)) != 0) {
			log_warnx("national %s at %s: %s", cell->code,
			    nv->year != NULL ? nv->year : "-", stats_strerror(e));
			cell->n = 0;
			continue;
		}
		cell->rate = iv.estimate;
		cell->lower = iv.lower;
		cell->upper = iv.upper;
	}
}

/* The choice of the year, as a small GET form. */
static void
national_years(struct buf *b, const struct nview *nv)
{
	int	k;

	if (nv->nyears == 0)
		return;
	buf_puts(b, "<form method=\"get\" action=\"" PREFIX "/national\" "
	    "class=\"fr-mb-4w\">\n<div class=\"fr-select-group\">\n"
	    "<label class=\"fr-label\" for=\"annee\">Année des "
	    "questionnaires de satisfaction</label>\n<select "
	    "class=\"fr-select\" id=\"annee\" name=\"annee\">\n");
	for (k = 0; k < nv->nyears; k++)
		buf_printf(b, "<option value=\"%d\"%s>%d</option>\n",
		    nv->years[k], nv->year != NULL && atoi(nv->year) ==
		    nv->years[k] ? " selected" : "", nv->years[k]);
	buf_puts(b, "</select>\n</div>\n<button class=\"fr-btn fr-btn--sm\" "
	    "type=\"submit\">Afficher</button>\n</form>\n");
}

static void
national_page(struct admin *ra, struct resp *p, const struct staff_user *u,
    const struct nview *nv)
{
	struct buf	*b = &p->body;
	struct nrow	*rows;
	size_t		 j, ns = nv->nsites;

	staff_page_open(ra->staff, p, u, "Vue nationale");
	page_back_link(b, PREFIX "/", "Accueil");
	buf_puts(b, "<h1>Vue nationale");
	if (nv->year != NULL) {
		buf_puts(b, " ");
		html_puts(b, nv->year);
	}
	buf_puts(b, "</h1>\n");
	national_years(b, nv);
	buf_puts(b, "<p>Pour chaque critère, les sites sont classés du taux "
	    "de satisfaction le plus haut au plus bas, sur les avis "
	    "exprimés (les réponses « sans avis » sont écartées), avec "
	    "l’intervalle de confiance à 95 % de chaque taux (méthode de "
	    "Wilson) et les questionnaires de satisfaction ouverts dans "
	    "l’année.</p>\n<p>Le <strong>rang possible</strong> remplace un "
	    "classement trop précis : un taux mesuré sur quelques dizaines "
	    "de réponses est incertain, et deux sites dont les intervalles "
	    "se chevauchent ne peuvent pas être départagés. « 1–3 » veut "
	    "dire que le site peut être premier comme troisième : il n’est "
	    "devancé avec certitude que par les sites dont tout "
	    "l’intervalle est au-dessus du sien, et ne devance avec "
	    "certitude que les sites dont tout l’intervalle est au-dessous. "
	    "Plus les réponses sont nombreuses, plus les intervalles sont "
	    "étroits et les rangs précis.</p>\n");
	if (ns == 0 || nv->ncrit == 0)
		buf_puts(b, "<p class=\"fr-text--lead\">Aucune réponse aux "
		    "questionnaires de satisfaction pour cette année.</p>\n");
	/* national_table sorts its rows: give it a copy. */
	rows = xcalloc(ns + 1, sizeof(*rows));
	for (j = 0; j < nv->ncrit; j++) {
		memcpy(rows, &nv->cells[j * ns], ns * sizeof(*rows));
		national_table(b, &nv->crit[j], j, rows, ns);
	}
	free(rows);
	page_end(b);
}

/* GET PREFIX "/national[?annee=YYYY]": load, compute, render. */
static void
national(struct admin *ra, const struct staff_user *u, const struct req *r,
    struct resp *p)
{
	struct nview	 nv = { 0 };
	const char	*params[1], *v;
	char		 sqlstate[6];

	v = field(r, "annee");
	if (v != NULL && *v != '\0' && (strlen(v) != 4 ||
	    strspn(v, "0123456789") != 4 || v[0] < '1')) {
		message(ra, p, u, 400, "Année invalide", "Choisissez une année "
		    "dans la liste.");
		return;
	}
	params[0] = v != NULL && *v != '\0' ? v : NULL;
	if (run(ra, u, S_NATIONAL, params, &nv.res, sqlstate) != DB_OK) {
		unavailable(ra, p, u);
		return;
	}
	national_lists(&nv);
	if (national_criteria(ra, &nv) == -1)
		unavailable(ra, p, u);
	else {
		national_cells(ra, &nv);
		national_page(ra, p, u, &nv);
	}
	nview_free(&nv);
}

/* ------------------------------------------------------------ router */

int
admin_handle(struct admin *ra, const struct staff_user *u, struct req *r,
    struct resp *p)
{
	char		 id[32], tail;
	const char	*path = r->path;
	int		 admin_only, is_sites = 0, post_ok = 1;
	int		 has_id = 0;

	if (path == NULL)
		return 0;
	if (strcmp(path, PREFIX "/sites") == 0)
		is_sites = 1;
	else if (sscanf(path, PREFIX "/sites/%18[0-9]%c", id, &tail) == 1 &&
	    http_id_parse(id, NULL))
		is_sites = has_id = 1;
	else if (strcmp(path, PREFIX "/national") == 0)
		post_ok = 0;
	else
		return 0;
	admin_only = is_sites || !post_ok;

	http_resp_reset(p);
	if (r->method != HTTP_GET && r->method != HTTP_HEAD &&
	    (r->method != HTTP_POST || !post_ok)) {
		p->status = 405;
		p->allow = post_ok ? "GET, HEAD, POST" : "GET, HEAD";
		return 1;
	}
	if (admin_only && u->role != STAFF_ADMIN) {
		message(ra, p, u, 403, "Accès réservé", "Cette page est réservée "
		    "aux administrateurs.");
		return 1;
	}
	if (u->role != STAFF_ADMIN && u->role != STAFF_REFERENT) {
		message(ra, p, u, 403, "Accès réservé", "Cet espace est réservé "
		    "aux référents qualité et aux administrateurs.");
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		message(ra, p, u, 403, "Formulaire expiré", "Ce formulaire a "
		    "expiré ou ne vient pas de cette session : rien n’a été "
		    "enregistré. Rechargez la page et recommencez.");
		return 1;
	}
	if (is_sites)
		sites(ra, u, r, p, has_id ? id : NULL);
	else
		national(ra, u, r, p);
	return 1;
}
