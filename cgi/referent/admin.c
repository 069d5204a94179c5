/* Sites and people of the referent's program. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sodium.h>

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
/*
 * A temporary password is dictated over the phone: 16 characters drawn
 * from an alphabet without the look-alikes (no i, l, 1, o, 0, no capital)
 * in four groups of four, "k7pm-3xw9-qr4t-h2vd": log2(31) x 16, 79 bits.
 */
#define TEMP_PW_ALPHABET	"abcdefghjkmnpqrstuvwxyz23456789"
#define TEMP_PW_CHARS		16
#define TEMP_PW_GROUP		4
#define TEMP_PW_LEN		(TEMP_PW_CHARS + TEMP_PW_CHARS / TEMP_PW_GROUP - 1)
/* The most sites one account is given in one form. */
#define MAX_SITES	64

enum stmt {
	S_SITES,
	S_SITE_CREATE,
	S_SITE_UPDATE,
	S_STAFF_LIST,
	S_STAFF_CREATE,
	S_STAFF_DISABLE,
	S_STAFF_SITE,
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
	[S_STAFF_LIST] = { "admin_staff_list",
	    "SELECT id, login, display_name, role, disabled, sites, site_ids,"
	    " manageable FROM qualimetre.staff_list()", 0 },
	[S_STAFF_CREATE] = { "admin_staff_create",
	    "SELECT qualimetre.staff_create($1, $2, $3, $4, $5::bigint[])"
	    " AS id", 5 },
	[S_STAFF_DISABLE] = { "admin_staff_disable",
	    "SELECT qualimetre.staff_set_disabled($1, $2) AS changed", 2 },
	[S_STAFF_SITE] = { "admin_staff_site",
	    "SELECT qualimetre.staff_set_site($1, $2, $3) AS changed", 3 },
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
   of sites or people has FLD_MAX fields at most. */
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
	return db_exec_as_logged(ra->db, u->id, u->login, ra->base + s,
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

static const char *
role_label(const char *role)
{
	if (strcmp(role, "admin") == 0)
		return "Administrateur";
	if (strcmp(role, "referent") == 0)
		return "Référent qualité";
	return "Enquêteur";
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
valid_login(const char *s)
{
	size_t	n;

	if (s == NULL || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789")
	    == 0)
		return 0;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-");
	return s[n] == '\0' && n >= 2 && n <= 64;
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

/* ------------------------------------------------------------ people */

enum person_field {
	PF_LOGIN,
	PF_NAME,
	PF_ROLE,
	PF_SITES,
	PF__MAX
};
_Static_assert(PF__MAX <= FLD_MAX, "too many fields");

static void
person_fields_init(struct fld *f)
{
	static const char *const ids[PF__MAX] = { "p-login", "p-name",
	    "p-role", "p-sites" };
	static const char *const names[PF__MAX] = { "Identifiant",
	    "Nom affiché", "Rôle", "Sites" };
	size_t	i;

	for (i = 0; i < PF__MAX; i++) {
		f[i].id = ids[i];
		f[i].name = names[i];
		f[i].value = NULL;
		f[i].error = NULL;
	}
}

/* The columns of S_STAFF_LIST and S_SITES the people page reads. */
struct people_cols {
	int	id, login, name, role, disabled, sites, manageable;
	int	site_id, site_code, site_name;
};

/* The forms that act on account k: (re)activate it, give or take a site. */
static void
people_actions(struct buf *b, const struct staff_user *u, PGresult *ures,
    PGresult *sres, int k, const struct people_cols *c)
{
	const char	*id = PQgetvalue(ures, k, c->id);
	int		 dis = *PQgetvalue(ures, k, c->disabled) == 't';
	int		 i, ns = PQntuples(sres);

	if (*PQgetvalue(ures, k, c->manageable) == 't') {
		buf_puts(b, "<form method=\"post\" action=\"" PREFIX
		    "/personnes\">\n");
		staff_csrf_input(b, u);
		buf_puts(b, "<input type=\"hidden\" name=\"user\" value=\"");
		html_puts(b, id);
		buf_printf(b, "\">\n<button class=\"fr-btn fr-btn--sm "
		    "fr-btn--secondary\" type=\"submit\" name=\"action\" "
		    "value=\"%s\">%s<span class=\"fr-sr-only\"> ", dis ?
		    "enable" : "disable", dis ? "Réactiver" : "Désactiver");
		html_puts(b, PQgetvalue(ures, k, c->login));
		buf_puts(b, "</span></button>\n</form>\n");
	}
	if (u->role != STAFF_ADMIN || strcmp(PQgetvalue(ures, k, c->role),
	    "admin") == 0 || ns == 0)
		return;
	buf_puts(b, "<form method=\"post\" action=\"" PREFIX "/personnes\" "
	    "class=\"fr-mt-1w\">\n");
	staff_csrf_input(b, u);
	buf_puts(b, "<input type=\"hidden\" name=\"user\" value=\"");
	html_puts(b, id);
	buf_puts(b, "\">\n<div class=\"fr-select-group\">\n"
	    "<label class=\"fr-label\" for=\"site-");
	html_puts(b, id);
	buf_puts(b, "\">Site de ");
	html_puts(b, PQgetvalue(ures, k, c->login));
	buf_puts(b, "</label>\n<select class=\"fr-select\" id=\"site-");
	html_puts(b, id);
	buf_puts(b, "\" name=\"site\">\n");
	for (i = 0; i < ns; i++) {
		buf_puts(b, "<option value=\"");
		html_puts(b, PQgetvalue(sres, i, c->site_id));
		buf_puts(b, "\">");
		html_puts(b, PQgetvalue(sres, i, c->site_code));
		buf_puts(b, " – ");
		html_puts(b, PQgetvalue(sres, i, c->site_name));
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select>\n</div>\n<button class=\"fr-btn fr-btn--sm "
	    "fr-btn--tertiary\" type=\"submit\" name=\"action\" "
	    "value=\"site-add\">Donner ce site</button>\n<button "
	    "class=\"fr-btn fr-btn--sm fr-btn--tertiary\" type=\"submit\" "
	    "name=\"action\" value=\"site-remove\">Retirer ce site</button>\n"
	    "</form>\n");
}

/* The accounts the user may see, each with its actions. */
static void
people_table(struct buf *b, const struct staff_user *u, PGresult *ures,
    PGresult *sres, const struct people_cols *c)
{
	int	k, n = PQntuples(ures);

	if (n == 0) {
		buf_puts(b, "<p>Aucun compte.</p>\n");
		return;
	}
	buf_puts(b, "<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n<caption>"
	    "Les comptes</caption>\n<thead><tr><th scope=\"col\">"
	    "Identifiant</th><th scope=\"col\">Nom</th>"
	    "<th scope=\"col\">Rôle</th><th scope=\"col\">Sites</th>"
	    "<th scope=\"col\">État</th><th scope=\"col\">Actions"
	    "</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < n; k++) {
		buf_puts(b, "<tr><td>");
		html_puts(b, PQgetvalue(ures, k, c->login));
		buf_puts(b, "</td><td>");
		html_puts(b, PQgetvalue(ures, k, c->name));
		buf_puts(b, "</td><td>");
		html_puts(b, role_label(PQgetvalue(ures, k, c->role)));
		buf_puts(b, "</td><td>");
		html_puts(b, PQgetvalue(ures, k, c->sites));
		buf_puts(b, *PQgetvalue(ures, k, c->disabled) == 't' ?
		    "</td><td>désactivé</td><td>" : "</td><td>actif</td><td>");
		people_actions(b, u, ures, sres, k, c);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

/* The creation form's fieldset of sites, those in checked[] ticked. */
static void
people_sites(struct buf *b, const struct fld *f, PGresult *sres,
    const struct people_cols *c, const char *const *checked,
    size_t nchecked)
{
	const char	*v;
	size_t		 j;
	int		 i, on;

	buf_printf(b, "<fieldset class=\"fr-fieldset%s\" id=\"p-sites\" "
	    "aria-labelledby=\"p-sites-legend p-sites-messages\">\n"
	    "<legend class=\"fr-fieldset__legend\" id=\"p-sites-legend\">"
	    "Sites<span class=\"fr-hint-text\">Au moins un</span></legend>\n",
	    f->error != NULL ? " fr-fieldset--error" : "");
	for (i = 0; i < PQntuples(sres); i++) {
		v = PQgetvalue(sres, i, c->site_id);
		on = 0;
		for (j = 0; j < nchecked; j++)
			if (strcmp(checked[j], v) == 0)
				on = 1;
		buf_puts(b, "<div class=\"fr-fieldset__element\">\n"
		    "<div class=\"fr-checkbox-group\">\n<input type=\"checkbox\" "
		    "name=\"site\" id=\"p-site-");
		html_puts(b, v);
		buf_puts(b, "\" value=\"");
		html_puts(b, v);
		buf_puts(b, on ? "\" checked" : "\"");
		if (f->error != NULL)
			buf_puts(b, " aria-describedby=\"p-sites-error\"");
		buf_puts(b, ">\n<label class=\"fr-label\" for=\"p-site-");
		html_puts(b, v);
		buf_puts(b, "\">");
		html_puts(b, PQgetvalue(sres, i, c->site_code));
		buf_puts(b, " – ");
		html_puts(b, PQgetvalue(sres, i, c->site_name));
		buf_puts(b, "</label>\n</div>\n</div>\n");
	}
	buf_puts(b, "<div class=\"fr-messages-group\" id=\"p-sites-messages\" "
	    "aria-live=\"polite\">\n");
	if (f->error != NULL) {
		buf_puts(b, "<p class=\"fr-message fr-message--error\" "
		    "id=\"p-sites-error\">");
		html_puts(b, f->error);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</div>\n</fieldset>\n");
}

/* The form that creates an account (an enquirer's, for a referent). */
static void
people_form(struct buf *b, const struct staff_user *u, struct fld *f,
    PGresult *sres, const struct people_cols *c,
    const char *const *checked, size_t nchecked)
{
	static const char *const role_opts[] = { "enquirer", "Enquêteur",
	    "referent", "Référent qualité" };
	int	admin = u->role == STAFF_ADMIN;

	buf_puts(b, admin ? "<h2 id=\"nouveau\">Nouveau compte</h2>\n" :
	    "<h2 id=\"nouveau\">Nouvel enquêteur</h2>\n");
	error_summary(b, f, PF__MAX, "Le compte n’a pas été créé");
	buf_puts(b, "<p>Un mot de passe provisoire est tiré au hasard et "
	    "affiché une seule fois, une fois le compte créé.</p>\n"
	    "<form method=\"post\" action=\"" PREFIX "/personnes\" "
	    "novalidate>\n");
	staff_csrf_input(b, u);
	buf_puts(b, "<input type=\"hidden\" name=\"action\" "
	    "value=\"create\">\n");
	text_input(b, &f[PF_LOGIN], "login", "Identifiant", "De 2 à 64 "
	    "caractères : lettres minuscules sans accent, chiffres, points, "
	    "tirets ; par exemple : jeanne.martin",
	    " required maxlength=\"64\" autocomplete=\"off\" "
	    "autocapitalize=\"none\" spellcheck=\"false\"");
	text_input(b, &f[PF_NAME], "name", "Nom affiché", "Prénom et nom, "
	    "200 caractères au plus", " required maxlength=\"200\"");
	if (admin)
		select_input(b, &f[PF_ROLE], "role", "Rôle", role_opts, 2);
	else
		buf_puts(b, "<input type=\"hidden\" name=\"role\" "
		    "value=\"enquirer\">\n");
	people_sites(b, &f[PF_SITES], sres, c, checked, nchecked);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Créer le "
	    "compte</button>\n</form>\n");
}

/*
 * The people page: the accounts the user may see, the forms to act on
 * them, and the creation form (f, the checked sites in checked[], the
 * password of an account just created in pw).
 */
static void
people_page(struct admin *ra, const struct staff_user *u, struct resp *p,
    struct fld *f, const char *const *checked, size_t nchecked,
    const char *done, const char *created, const char *pw)
{
	struct buf		*b = &p->body;
	PGresult		*ures = NULL, *sres = NULL;
	struct people_cols	 c;
	char			 sqlstate[6];

	if (run(ra, u, S_STAFF_LIST, NULL, &ures, sqlstate) != DB_OK ||
	    run(ra, u, S_SITES, NULL, &sres, sqlstate) != DB_OK) {
		PQclear(ures);
		unavailable(ra, p, u);
		return;
	}
	c.id = PQfnumber(ures, "id");
	c.login = PQfnumber(ures, "login");
	c.name = PQfnumber(ures, "display_name");
	c.role = PQfnumber(ures, "role");
	c.disabled = PQfnumber(ures, "disabled");
	c.sites = PQfnumber(ures, "sites");
	c.manageable = PQfnumber(ures, "manageable");
	c.site_id = PQfnumber(sres, "id");
	c.site_code = PQfnumber(sres, "code");
	c.site_name = PQfnumber(sres, "name");

	staff_page_open(ra->staff, p, u, "Personnes");
	page_back_link(b, PREFIX "/", "Accueil");
	buf_puts(b, "<h1>Personnes</h1>\n");
	if (u->role != STAFF_ADMIN)
		buf_puts(b, "<p>Les enquêteurs et référents des sites dont "
		    "vous avez la charge. Vous pouvez créer des comptes "
		    "d’enquêteur sur ces sites, les désactiver et les "
		    "réactiver.</p>\n");
	if (done != NULL)
		page_success(b, done);
	if (pw != NULL) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--success "
		    "fr-mb-4w\" role=\"status\" id=\"mot-de-passe\">\n"
		    "<h2 class=\"fr-alert__title\">Compte « ");
		html_puts(b, created);
		buf_puts(b, " » créé</h2>\n<p>Son mot de passe provisoire, "
		    "affiché cette fois seulement : <code "
		    "id=\"mot-de-passe-provisoire\">");
		html_puts(b, pw);
		buf_puts(b, "</code>. Transmettez-le à la personne par un "
		    "canal sûr (de vive voix, par téléphone) ; elle pourra "
		    "se connecter avec son identifiant et ce mot de "
		    "passe.</p>\n</div>\n");
	}
	people_table(b, u, ures, sres, &c);
	people_form(b, u, f, sres, &c, checked, nchecked);
	page_end(b);
	PQclear(ures);
	PQclear(sres);
}

/*
 * Writes a temporary password into out: TEMP_PW_CHARS characters of
 * TEMP_PW_ALPHABET drawn uniformly by libsodium, a dash between groups.
 */
static void
temp_password(char out[TEMP_PW_LEN + 1])
{
	size_t	i, k = 0;

	for (i = 0; i < TEMP_PW_CHARS; i++) {
		if (i > 0 && i % TEMP_PW_GROUP == 0)
			out[k++] = '-';
		out[k++] = TEMP_PW_ALPHABET[randombytes_uniform(
		    sizeof(TEMP_PW_ALPHABET) - 1)];
	}
	out[k] = '\0';
}

/*
 * The sites ticked in the creation form, into checked[] (at most
 * MAX_SITES, each once): each must be one the user sees, which the
 * policies decide. Returns their number, or -1 when the database is
 * unavailable; a bad one is said in *f.
 */
static int
person_sites(struct admin *ra, const struct staff_user *u,
    const struct req *r, struct fld *f, const char **checked)
{
	PGresult	*sres = NULL;
	const char	*v;
	char		 sqlstate[6];
	size_t		 i, j, nchecked = 0;
	int		 k, found;

	if (run(ra, u, S_SITES, NULL, &sres, sqlstate) != DB_OK)
		return -1;
	for (i = 0; i < r->nfields; i++) {
		if (strcmp(r->fields[i].key, "site") != 0)
			continue;
		v = r->fields[i].val;
		if (strlen(v) != r->fields[i].vallen ||
		    !http_id_parse(v, NULL)) {
			f->error = "Un des sites envoyés n’existe pas.";
			continue;
		}
		found = 0;
		for (k = 0; k < PQntuples(sres); k++)
			if (strcmp(PQgetvalue(sres, k, PQfnumber(sres, "id")),
			    v) == 0)
				found = 1;
		if (!found) {
			f->error = "Un des sites envoyés n’est pas un site dont "
			    "vous avez la charge.";
			continue;
		}
		for (j = 0; j < nchecked; j++)
			if (strcmp(checked[j], v) == 0)
				break;
		if (j < nchecked)
			continue;
		if (nchecked == MAX_SITES) {
			f->error = "Trop de sites à la fois.";
			break;
		}
		checked[nchecked++] = v;
	}
	PQclear(sres);
	if (f->error == NULL && nchecked == 0)
		f->error = "Cochez au moins un site.";
	return (int)nchecked;
}

/* The login, the name and the role of the creation form, into f. */
static void
person_check(const struct staff_user *u, const struct req *r, struct fld *f)
{
	f[PF_LOGIN].value = field(r, "login");
	f[PF_NAME].value = field(r, "name");
	f[PF_ROLE].value = field(r, "role");
	if (!valid_login(f[PF_LOGIN].value))
		f[PF_LOGIN].error = "Saisissez un identifiant de 2 à 64 "
		    "caractères : lettres minuscules sans accent, chiffres, "
		    "points, tirets, commençant par une lettre ou un chiffre.";
	if (!valid_text(f[PF_NAME].value, 200))
		f[PF_NAME].error = "Saisissez le nom de la personne (200 "
		    "caractères au plus).";
	if (f[PF_ROLE].value == NULL ||
	    (strcmp(f[PF_ROLE].value, "enquirer") != 0 &&
	    strcmp(f[PF_ROLE].value, "referent") != 0))
		f[PF_ROLE].error = "Choisissez enquêteur ou référent.";
	else if (u->role != STAFF_ADMIN &&
	    strcmp(f[PF_ROLE].value, "enquirer") != 0)
		f[PF_ROLE].error = "Vous ne pouvez créer que des comptes "
		    "d’enquêteur.";
}

/* POST PREFIX "/personnes" action=create: check, then create. */
static void
person_create(struct admin *ra, const struct staff_user *u,
    const struct req *r, struct resp *p)
{
	struct fld	 f[PF__MAX];
	const char	*checked[MAX_SITES], *params[5];
	struct buf	 arr = { 0 };
	PGresult	*res = NULL;
	char		 sqlstate[6], pw[TEMP_PW_LEN + 1], *hash = NULL;
	enum db_status	 st;
	size_t		 i, nchecked;
	int		 n, bad = 0;

	person_fields_init(f);
	person_check(u, r, f);
	if ((n = person_sites(ra, u, r, &f[PF_SITES], checked)) == -1) {
		unavailable(ra, p, u);
		return;
	}
	nchecked = (size_t)n;
	for (i = 0; i < PF__MAX; i++)
		if (f[i].error != NULL)
			bad = 1;
	if (bad) {
		p->status = 400;
		people_page(ra, u, p, f, checked, nchecked, NULL, NULL, NULL);
		return;
	}

	temp_password(pw);
	if ((hash = staff_password_hash(pw, TEMP_PW_LEN)) == NULL) {
		log_warnx("no memory to hash a password");
		sodium_memzero(pw, sizeof(pw));
		message(ra, p, u, 500, "Erreur", "Le compte n’a pas été créé ; "
		    "l’erreur est signalée.");
		return;
	}
	db_array(&arr, checked, nchecked);
	params[0] = f[PF_LOGIN].value;
	params[1] = f[PF_NAME].value;
	params[2] = f[PF_ROLE].value;
	params[3] = hash;
	params[4] = arr.data;
	st = run(ra, u, S_STAFF_CREATE, params, &res, sqlstate);
	buf_free(&arr);
	free(hash);
	if (st == DB_UNAVAILABLE) {
		sodium_memzero(pw, sizeof(pw));
		unavailable(ra, p, u);
		return;
	}
	if (st == DB_REFUSED) {
		sodium_memzero(pw, sizeof(pw));
		if (strcmp(sqlstate, "42501") == 0) {
			message(ra, p, u, 403, "Création refusée", "Vous ne "
			    "pouvez créer que des comptes d’enquêteur sur les "
			    "sites dont vous avez la charge : rien n’a été "
			    "créé.");
			return;
		}
		if (strcmp(sqlstate, "23505") == 0)
			f[PF_LOGIN].error = "Cet identifiant est déjà pris.";
		else
			f[PF_SITES].error = "Le compte a été refusé par la "
			    "base de données ; vérifiez les sites.";
		p->status = 400;
		people_page(ra, u, p, f, checked, nchecked, NULL, NULL, NULL);
		return;
	}
	PQclear(res);
	person_fields_init(f);
	people_page(ra, u, p, f, NULL, 0, NULL, field(r, "login"), pw);
	sodium_memzero(pw, sizeof(pw));
}

/* disable, enable, site-add, site-remove: then back to the list. */
static void
person_action(struct admin *ra, const struct staff_user *u,
    const struct req *r, struct resp *p, const char *action)
{
	const char	*user = field(r, "user"), *site = field(r, "site");
	const char	*params[3], *to;
	PGresult	*res = NULL;
	char		 sqlstate[6];
	enum stmt	 s;
	enum db_status	 st;

	if (!http_id_parse(user, NULL)) {
		message(ra, p, u, 400, "Envoi incomplet", "Le compte n’est pas "
		    "indiqué : rien n’a été changé.");
		return;
	}
	params[0] = user;
	if (strcmp(action, "disable") == 0 || strcmp(action, "enable") == 0) {
		s = S_STAFF_DISABLE;
		params[1] = strcmp(action, "disable") == 0 ? "true" : "false";
		to = strcmp(action, "disable") == 0 ?
		    PREFIX "/personnes?fait=desactive" :
		    PREFIX "/personnes?fait=reactive";
	} else {
		if (u->role != STAFF_ADMIN) {
			message(ra, p, u, 403, "Accès réservé", "Seul un "
			    "administrateur donne ou retire des sites.");
			return;
		}
		if (!http_id_parse(site, NULL)) {
			message(ra, p, u, 400, "Envoi incomplet", "Le site n’est "
			    "pas indiqué : rien n’a été changé.");
			return;
		}
		s = S_STAFF_SITE;
		params[1] = site;
		params[2] = strcmp(action, "site-add") == 0 ? "true" : "false";
		to = PREFIX "/personnes?fait=sites";
	}
	st = run(ra, u, s, params, &res, sqlstate);
	if (st == DB_UNAVAILABLE) {
		unavailable(ra, p, u);
		return;
	}
	if (st == DB_REFUSED) {
		message(ra, p, u, 403, "Action refusée", "Vous ne pouvez pas "
		    "changer ce compte : rien n’a été changé.");
		return;
	}
	PQclear(res);
	redirect(p, to);
}

static void
people(struct admin *ra, const struct staff_user *u, const struct req *r,
    struct resp *p)
{
	struct fld	 f[PF__MAX];
	const char	*action, *v, *done = NULL;

	if (r->method == HTTP_POST) {
		action = field(r, "action");
		if (action != NULL && strcmp(action, "create") == 0)
			person_create(ra, u, r, p);
		else if (action != NULL && (strcmp(action, "disable") == 0 ||
		    strcmp(action, "enable") == 0 ||
		    strcmp(action, "site-add") == 0 ||
		    strcmp(action, "site-remove") == 0))
			person_action(ra, u, r, p, action);
		else
			message(ra, p, u, 400, "Envoi illisible", "Ce formulaire "
			    "n’a pas pu être lu : rien n’a été changé.");
		return;
	}
	if ((v = field(r, "fait")) != NULL) {
		if (strcmp(v, "desactive") == 0)
			done = "Le compte a été désactivé ; ses sessions "
			    "ouvertes sont fermées.";
		else if (strcmp(v, "reactive") == 0)
			done = "Le compte a été réactivé.";
		else if (strcmp(v, "sites") == 0)
			done = "Les sites du compte ont été mis à jour.";
	}
	person_fields_init(f);
	f[PF_ROLE].value = "enquirer";
	people_page(ra, u, p, f, NULL, 0, done, NULL, NULL);
}

/* ------------------------------------------------------------ router */

int
admin_handle(struct admin *ra, const struct staff_user *u, struct req *r,
    struct resp *p)
{
	char		 id[32], tail;
	const char	*path = r->path;
	int		 is_sites = 0;
	int		 has_id = 0;

	if (path == NULL)
		return 0;
	if (strcmp(path, PREFIX "/sites") == 0)
		is_sites = 1;
	else if (sscanf(path, PREFIX "/sites/%18[0-9]%c", id, &tail) == 1 &&
	    http_id_parse(id, NULL))
		is_sites = has_id = 1;
	else if (strcmp(path, PREFIX "/personnes") != 0)
		return 0;

	http_resp_reset(p);
	if (r->method != HTTP_GET && r->method != HTTP_HEAD &&
	    r->method != HTTP_POST) {
		p->status = 405;
		p->allow = "GET, HEAD, POST";
		return 1;
	}
	if (is_sites && u->role != STAFF_ADMIN) {
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
		people(ra, u, r, p);
	return 1;
}
