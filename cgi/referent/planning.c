/* The referent's planning of mystery campaigns: pages and creation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "cal.h"
#include "db.h"
#include "fields.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "plan.h"
#include "planning.h"
#include "referentials.h"
#include "school.h"
#include "services.h"
#include "site.h"
#include "staff.h"
#include "utf8.h"
#include "xmalloc.h"

#define NEW_PATH	PLANNING_PREFIX "/nouvelle"
#define TITLE_MAX	200		/* characters, as the schema says */
#define NO_FIRST	"Indiquez le premier jour de la campagne."
#define NO_LAST		"Indiquez le dernier jour de la campagne."
#define DATE_EXAMPLE	"2027-03-22"	/* in the message of a bad date */

enum stmt {
	STMT_LIST,
	STMT_CONTEXT,
	STMT_NEW_CAMPAIGN,
	STMT_NEW_SERVICES,
	STMT_NEW_SLOTS,
	STMT__MAX
};

static const struct db_stmt planning_stmts[STMT__MAX] = {
	/* The policies keep this to the sites the user plans; the WHERE
	   says so too, for the reader. */
	[STMT_LIST] = { "planning_list",
	    "SELECT c.title, c.kind, to_char(c.opens_on, 'YYYY-MM-DD')"
	    " AS opens_on, to_char(c.closes_on, 'YYYY-MM-DD') AS closes_on,"
	    " c.target_count, s.name AS site,"
	    " qualimetre.mystery_campaign_recorded(c.id) AS recorded"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE c.kind IN ('mystery-call', 'mystery-email')"
	    " AND qualimetre.user_plans_site(c.site_id)"
	    " ORDER BY c.opens_on DESC, c.id DESC", 0 },
	/*
	 * Everything the form needs, in one round trip, one row per item:
	 * the user's sites (with their today), their enquirers, the school
	 * holidays of site $1's zone over [$2, $3] and the school years of
	 * $2 and $3 its zone has holidays for, the latest mystery grids,
	 * the slugs already taken at site $1 on day $2, the referentials
	 * offered, and the active services of the user's sites in their
	 * order.
	 */
	[STMT_CONTEXT] = { "planning_context",
	    "SELECT 'site' AS what, s.id::text AS id, s.code AS a,"
	    " s.name AS b, s.department AS c, coalesce(s.school_zone, '')"
	    " AS d, to_char((now() AT TIME ZONE s.timezone)::date,"
	    " 'YYYY-MM-DD') AS e, s.name AS o1, '' AS o2"
	    " FROM qualimetre.site s WHERE qualimetre.user_plans_site(s.id)"
	    " UNION ALL"
	    " SELECT 'user', e.id::text, e.login, e.display_name, s.id::text,"
	    " s.name, NULL, s.name, e.display_name || ' ' || e.login"
	    " FROM qualimetre.site s"
	    " CROSS JOIN LATERAL qualimetre.site_enquirers(s.id) e"
	    " WHERE qualimetre.user_plans_site(s.id)"
	    " UNION ALL"
	    " SELECT 'holiday', NULL, to_char(h.first_day, 'YYYY-MM-DD'),"
	    " to_char(h.last_day, 'YYYY-MM-DD'), h.label, h.zone, NULL,"
	    " to_char(h.first_day, 'YYYY-MM-DD'), ''"
	    " FROM qualimetre.school_holiday h"
	    " JOIN qualimetre.site s ON s.school_zone = h.zone"
	    " WHERE s.id = $1::bigint AND h.last_day >= $2::date"
	    " AND h.first_day <= $3::date"
	    " UNION ALL"
	    " SELECT DISTINCT 'year', NULL, h.school_year, NULL, NULL, NULL,"
	    " NULL, h.school_year, ''"
	    " FROM qualimetre.school_holiday h"
	    " JOIN qualimetre.site s ON s.school_zone = h.zone"
	    " WHERE s.id = $1::bigint AND h.school_year IN"
	    " (to_char($2::date - interval '8 months', 'YYYY') || '-' ||"
	    " to_char($2::date + interval '4 months', 'YYYY'),"
	    " to_char($3::date - interval '8 months', 'YYYY') || '-' ||"
	    " to_char($3::date + interval '4 months', 'YYYY'))"
	    " UNION ALL"
	    " SELECT 'form', f.id::text, f.key, NULL, NULL, NULL, NULL,"
	    " f.key, ''"
	    " FROM (SELECT DISTINCT ON (key) id, key"
	    " FROM qualimetre.form"
	    " WHERE key IN ('mystery-call', 'mystery-email')"
	    " ORDER BY key, version DESC) f"
	    " UNION ALL"
	    " SELECT 'slug', NULL, c.slug, NULL, NULL, NULL, NULL, c.slug, ''"
	    " FROM qualimetre.campaign c"
	    " WHERE c.site_id = $1::bigint AND c.opens_on = $2::date"
	    " UNION ALL"
	    " SELECT 'ref', r.id::text, r.name, coalesce(r.key, ''),"
	    " coalesce(r.site_id::text, ''), NULL, NULL,"
	    " to_char(r.position, 'FM00000'), r.name"
	    " FROM qualimetre.referential r WHERE r.offered"
	    " UNION ALL"
	    " SELECT 'service', ss.site_id::text, ss.key, ss.label,"
	    " CASE WHEN ss.by_phone THEN 't' ELSE 'f' END,"
	    " CASE WHEN ss.by_email THEN 't' ELSE 'f' END, NULL,"
	    " lpad(ss.position::text, 10, '0'), ss.key"
	    " FROM qualimetre.site_service ss"
	    " WHERE NOT ss.retired AND qualimetre.user_plans_site(ss.site_id)"
	    " ORDER BY what, o1, o2", 3 },
	/*
	 * The campaign, its services, its slots: pipelined in one
	 * transaction (db_exec_as_seq). The later ones find the campaign by
	 * its slug, which the planner's policy lets them read.
	 */
	[STMT_NEW_CAMPAIGN] = { "planning_new_campaign",
	    "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title,"
	    " opens_on, closes_on, target_count, slug, referential_id)"
	    " VALUES ($1::bigint, $2::bigint, $3, $4, $5::date, $6::date,"
	    " $7::int, $8, $9::bigint)", 9 },
	[STMT_NEW_SERVICES] = { "planning_new_services",
	    "INSERT INTO qualimetre.campaign_service"
	    " (campaign_id, key, label, position)"
	    " SELECT c.id, s.key, s.label, s.position"
	    " FROM qualimetre.campaign c,"
	    " unnest($2::text[], $3::text[]) WITH ORDINALITY"
	    " AS s(key, label, position)"
	    " WHERE c.slug = $1", 3 },
	[STMT_NEW_SLOTS] = { "planning_new_slots",
	    "INSERT INTO qualimetre.slot"
	    " (campaign_id, day, afternoon, service_key, enquirer_id)"
	    " SELECT c.id, s.day, s.afternoon, s.service_key, s.enquirer_id"
	    " FROM qualimetre.campaign c,"
	    " unnest($2::date[], $3::boolean[], $4::text[], $5::bigint[])"
	    " AS s(day, afternoon, service_key, enquirer_id)"
	    " WHERE c.slug = $1", 5 },
};

static const struct pl_kind {
	const char	*value;		/* the form's value */
	const char	*label;		/* shown */
	const char	*word;		/* starts titles */
	const char	*kind;		/* campaign.kind, and the grid's key */
} pl_kinds[PLANNING_KIND__MAX] = {
	[PLANNING_CALLS] = { "appels", "Appels téléphoniques", "Appels",
	    "mystery-call" },
	[PLANNING_EMAILS] = { "courriels", "Courriels", "Courriels",
	    "mystery-email" },
};


/* What can be wrong, each shown next to its field. */
enum pl_err {
	E_SITE,
	E_KIND,
	E_TITLE,
	E_FIRST,
	E_LAST,
	E_PERIOD,		/* the two dates together, or the plan */
	E_TARGET,
	E_SERVICE,
	E_ENQUIRER,
	E_REFERENTIAL,
	E_CALENDAR,		/* the school calendar is not known */
	E__MAX
};
_Static_assert(E__MAX <= FIELDS_SLOTS_MAX, "too many error slots");

static const char *const pl_err_names[E__MAX] = {
	[E_SITE] = "Site",
	[E_KIND] = "Type de contrôle",
	[E_TITLE] = "Titre",
	[E_FIRST] = "Premier jour",
	[E_LAST] = "Dernier jour",
	[E_PERIOD] = "Période",
	[E_TARGET] = "Objectif",
	[E_SERVICE] = "Services à tester",
	[E_ENQUIRER] = "Enquêteurs",
	[E_REFERENTIAL] = "Référentiel",
	[E_CALENDAR] = "Calendrier scolaire",
};

enum pl_action {
	ACT_FORM,		/* GET: the form with its defaults */
	ACT_PREVIEW,		/* show the proposed slots */
	ACT_CREATE,		/* store the campaign */
	ACT__MAX
};

/* The form as sent (or its defaults), checked. Strings point into the
   request or into the buffers below. */
struct pl_input {
	enum pl_action	 action;
	long long	 site;		/* 0: none or invalid */
	int		 kind;		/* enum planning_kind, -1: none */
	const char	*title;		/* as typed, or NULL */
	const char	*title_default;	/* the default the form showed */
	int		 title_auto;	/* title is the default: the form
					   carries it to be followed */
	const char	*first_s;	/* as typed, or NULL */
	const char	*last_s;
	const char	*target_s;
	long		 first;		/* valid when first_ok */
	long		 last;
	int		 first_ok;
	int		 last_ok;
	size_t		 target;	/* 0: none or invalid */
	const char	**svc;		/* service keys checked, each
					   once, not yet known to be the
					   site's */
	size_t		 nsvc;
	long long	*enq;		/* ids checked, each once */
	size_t		 nenq;
	long long	 referential;	/* 0: none or invalid */
	int		 calendar_ok;	/* planned without the calendar,
					   knowingly */
	/* Why the school holidays are not known over the period (set by
	   calendar_gap): GAP_NONE, or the site's zone or a school year
	   missing. */
	enum { GAP_NONE, GAP_ZONE, GAP_YEAR } gap;
	char		 gap_year[SCHOOL_YEAR_LEN + 1];
	const char	*gap_zone;	/* its label */
	struct fields_errors errs;	/* slots: enum pl_err */
	/* Defaults and computed values. */
	char		 buf_title[256];
	char		 buf_first[CAL_DATE_LEN + 1];
	char		 buf_last[CAL_DATE_LEN + 1];
	char		 buf_target[16];
};

/* One of the user's sites. */
struct pl_site {
	long long	 id;
	const char	*code;
	const char	*name;
	const char	*department;
	const char	*zone;		/* "" when none */
	long		 today;		/* its local date */
};

/* A referential the campaign may be run under (sql/016). */
struct pl_ref {
	long long	 id;
	const char	*id_s;		/* as the select sends it */
	const char	*name;
	const char	*key;		/* "" for a site's own */
	long long	 site;		/* its site, or 0: national */
};

/* The referential a campaign is planned under unless chosen. */
#define PL_REF_DEFAULT	"qual-e-pref"

/* An enquirer of one of those sites. */
struct pl_user {
	long long	 id;
	long long	 site;
	const char	*login;
	const char	*name;		/* display name, or the login */
	const char	*site_name;
};

/* An active service of one of those sites (sql/015). */
struct pl_service {
	long long	 site;
	const char	*key;
	const char	*label;
	int		 phone;		/* reached by telephone */
	int		 email;		/* reached by email */
};

/* What the database says around the form (STMT_CONTEXT). */
struct pl_ctx {
	PGresult		*res;		/* the strings point into it */
	struct pl_site		*sites;
	size_t			 nsites;
	struct pl_user		*users;
	size_t			 nusers;
	struct cal_range	*holidays;	/* of the chosen site's zone */
	const char		**holiday_labels;
	size_t			 nholidays;
	long long		 form[PLANNING_KIND__MAX]; /* 0: not loaded */
	const char		**slugs;	/* taken that day, that site */
	size_t			 nslugs;
	struct pl_ref		*refs;		/* offered referentials */
	size_t			 nrefs;
	const char		**years;	/* school years the zone has */
	size_t			 nyears;
	struct pl_service	*services;	/* in each site's order */
	size_t			 nservices;
};

struct planning {
	struct db	*db;
	struct staff	*staff;		/* the program's, for the frame */
	size_t		 base;		/* our first statement's number */
};

struct planning *
planning_create(struct db *db, struct staff *staff)
{
	struct planning	*pl;

	pl = xcalloc(1, sizeof(*pl));
	pl->db = db;
	pl->staff = staff;
	pl->base = db_register(db, planning_stmts, STMT__MAX);
	return pl;
}

void
planning_free(struct planning *pl)
{
	free(pl);
}

void
planning_default_period(long today, struct cal_range *out)
{
	/* 8 - weekday: Monday (1) gives a week later, Sunday (7) the day
	   after. */
	out->first = today + (8 - cal_weekday(today));
	out->last = out->first + 11;
}

void
planning_title(enum planning_kind kind, long first, char *out, size_t size)
{
	int	y, m, d;

	if (size == 0)
		return;
	if (kind < 0 || kind >= PLANNING_KIND__MAX) {
		out[0] = '\0';
		return;
	}
	cal_ymd(first, &y, &m, &d);
	snprintf(out, size, "%s mystère %s %d", pl_kinds[kind].word,
	    cal_month_name(m), y);
}

int
planning_slug(enum planning_kind kind, const char *site_code, long first,
    unsigned int n, char out[PLANNING_SLUG_MAX + 1])
{
	char	code[SITE_CODE_MAX + 1], date[CAL_DATE_LEN + 1];
	int	w;

	out[0] = '\0';
	if (kind < 0 || kind >= PLANNING_KIND__MAX || n == 0 || n > 999 ||
	    site_code_lower(site_code, code) == -1)
		return -1;
	if (cal_format(first, date) == -1)
		return -1;
	if (n == 1)
		w = snprintf(out, PLANNING_SLUG_MAX + 1, "%s-%s-%s",
		    pl_kinds[kind].value, code, date);
	else
		w = snprintf(out, PLANNING_SLUG_MAX + 1, "%s-%s-%s-%u",
		    pl_kinds[kind].value, code, date, n);
	if (w < 0 || w > PLANNING_SLUG_MAX) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- pages */

static void
refused(struct planning *pl, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(pl->staff, p, u, status, title, text,
	    PLANNING_PREFIX, "Campagnes mystère");
}

static void
unavailable(struct planning *pl, struct resp *p, const struct staff_user *u)
{
	refused(pl, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été créé.");
}

/* A date in words: "lundi 22 mars 2027". */
static void
long_date(struct buf *b, long day)
{
	char	iso[CAL_DATE_LEN + 1];

	if (cal_format(day, iso) == -1)
		return;
	buf_puts(b, cal_weekday_name(cal_weekday(day)));
	buf_putc(b, ' ');
	page_date(b, iso);
}

static void
list(struct planning *pl, const struct staff_user *u, const struct req *r,
    struct resp *p)
{
	struct buf	*b = &p->body;
	PGresult	*res;
	char		 sqlstate[6], *cause = NULL;
	const char	*recorded;
	int		 i, n;

	if (db_exec_as(pl->db, u->session, pl->base + STMT_LIST, NULL, &res,
	    sqlstate, &cause) != DB_OK) {
		log_warnx("planning list for %s: %s", u->login, cause);
		free(cause);
		unavailable(pl, p, u);
		return;
	}
	staff_page_open(pl->staff, p, u, "Campagnes mystère");
	buf_puts(b, "<h1>Campagnes mystère</h1>\n");
	if (r->query != NULL && strcmp(r->query, "cree") == 0)
		buf_puts(b, "<div class=\"fr-alert fr-alert--success "
		    "fr-alert--sm fr-mb-4w\" role=\"status\">\n<p>La campagne "
		    "est créée : ses créneaux sont attribués aux enquêteurs, "
		    "qui les trouvent dans leur espace.</p>\n</div>\n");
	buf_puts(b, "<p><a class=\"fr-btn fr-icon-add-line "
	    "fr-btn--icon-left\" href=\"" NEW_PATH "\">Planifier une "
	    "campagne</a> <a class=\"fr-btn fr-btn--secondary\" href=\""
	    SERVICES_PREFIX "\">Services des sites</a></p>\n");
	if ((n = PQntuples(res)) == 0) {
		buf_puts(b, "<p>Aucune campagne mystère n’est encore "
		    "planifiée sur vos sites.</p>\n");
		goto out;
	}
	buf_puts(b, "<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n<caption>Campagnes "
	    "mystère de vos sites</caption>\n<thead><tr><th scope=\"col\">"
	    "Campagne</th><th scope=\"col\">Site</th><th scope=\"col\">Type"
	    "</th><th scope=\"col\">Période</th><th scope=\"col\">Avancement"
	    "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		buf_puts(b, "<tr><td>");
		html_puts(b, db_value(res, i, "title"));
		buf_puts(b, "</td><td>");
		html_puts(b, db_value(res, i, "site"));
		buf_puts(b, "</td><td>");
		buf_puts(b, strcmp(db_value(res, i, "kind"), "mystery-email") == 0 ?
		    "Courriels" : "Appels");
		buf_puts(b, "</td><td>du ");
		page_date(b, db_value(res, i, "opens_on"));
		buf_puts(b, " au ");
		page_date(b, db_value(res, i, "closes_on"));
		buf_puts(b, "</td><td>");
		recorded = db_value(res, i, "recorded");
		html_puts(b, *recorded != '\0' ? recorded : "0");
		if (*db_value(res, i, "target_count") != '\0') {
			buf_puts(b, " / ");
			html_puts(b, db_value(res, i, "target_count"));
		}
		buf_puts(b, " contacts saisis</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
out:
	buf_puts(b, "<p><a class=\"fr-link\" href=\"/referent/\">Mes "
	    "campagnes</a></p>\n");
	PQclear(res);
	page_end(b);
}

/* ---------------------------------------------------------------- input */

static int
v_action(void *arg, const char *v)
{
	struct pl_input	*in = arg;

	if (strcmp(v, "apercu") == 0)
		in->action = ACT_PREVIEW;
	else if (strcmp(v, "creer") == 0)
		in->action = ACT_CREATE;
	else {
		fields_form_fail(&in->errs, "Action inconnue : rechargez la "
		    "page.");
		return 0;
	}
	return 1;
}

static int
v_site(void *arg, const char *v)
{
	struct pl_input	*in = arg;

	return fields_id(&in->errs, E_SITE, v, &in->site, "Choisissez un "
	    "site dans la liste.");
}

static int
v_kind(void *arg, const char *v)
{
	struct pl_input	*in = arg;
	int		 k;

	for (k = 0; k < PLANNING_KIND__MAX; k++)
		if (strcmp(v, pl_kinds[k].value) == 0) {
			in->kind = k;
			return 1;
		}
	fields_fail(&in->errs, E_KIND, "Choisissez « Appels téléphoniques » "
	    "ou « Courriels ».");
	return 0;
}

static int
v_title(void *arg, const char *v)
{
	struct pl_input	*in = arg;

	in->title = v;
	return fields_text(&in->errs, E_TITLE, v, TITLE_MAX, "Le titre");
}

/* The default title the form showed, to tell it from a typed one. */
static int
v_title_default(void *arg, const char *v)
{
	struct pl_input	*in = arg;

	in->title_default = v;
	return fields_text(&in->errs, E_TITLE, v, TITLE_MAX, "Le titre");
}

static int
v_first(void *arg, const char *v)
{
	struct pl_input	*in = arg;

	in->first_s = v;
	in->first_ok = fields_date(&in->errs, E_FIRST, v, &in->first,
	    NO_FIRST, DATE_EXAMPLE);
	return in->first_ok;
}

static int
v_last(void *arg, const char *v)
{
	struct pl_input	*in = arg;

	in->last_s = v;
	in->last_ok = fields_date(&in->errs, E_LAST, v, &in->last, NO_LAST,
	    DATE_EXAMPLE);
	return in->last_ok;
}

static int
v_target(void *arg, const char *v)
{
	struct pl_input	*in = arg;
	char		 bad[128];
	long		 n;
	int		 ok;

	in->target_s = v;
	snprintf(bad, sizeof(bad), "L’objectif doit être un nombre entier "
	    "de 1 à %d contacts.", PLANNING_TARGET_MAX);
	ok = fields_count(&in->errs, E_TARGET, v, PLANNING_TARGET_MAX, 0, &n,
	    bad);
	in->target = (size_t)n;
	return ok;
}

static int
v_service(void *arg, const char *v)
{
	struct pl_input	*in = arg;
	size_t		 i;

	if (!services_key_valid(v)) {
		fields_fail(&in->errs, E_SERVICE, "Choisissez les services dans "
		    "la liste.");
		return 0;
	}
	for (i = 0; i < in->nsvc; i++)
		if (strcmp(in->svc[i], v) == 0)
			return 1;
	/* At most HTTP_FIELDS_MAX values: the array stays small. */
	in->svc = xreallocarray(in->svc, in->nsvc + 1, sizeof(*in->svc));
	in->svc[in->nsvc++] = v;
	return 1;
}

static int
v_enquirer(void *arg, const char *v)
{
	struct pl_input	*in = arg;
	long long	 id;
	size_t		 i;

	if (!fields_id(&in->errs, E_ENQUIRER, v, &id, "Choisissez les "
	    "enquêteurs dans la liste."))
		return 0;
	for (i = 0; i < in->nenq; i++)
		if (in->enq[i] == id)
			return 1;
	/* At most HTTP_FIELDS_MAX values: the array stays small. */
	in->enq = xreallocarray(in->enq, in->nenq + 1, sizeof(*in->enq));
	in->enq[in->nenq++] = id;
	return 1;
}

static int
v_referential(void *arg, const char *v)
{
	struct pl_input	*in = arg;

	return fields_id(&in->errs, E_REFERENTIAL, v, &in->referential,
	    "Choisissez un référentiel dans la liste.");
}

static int
v_calendar(void *arg, const char *v)
{
	struct pl_input	*in = arg;

	if (strcmp(v, "oui") != 0) {
		fields_form_fail(&in->errs, "Réponse inattendue : rechargez "
		    "la page.");
		return 0;
	}
	in->calendar_ok = 1;
	return 1;
}

/* The fields of the form; each is checked by its validator, which
   returns 1 when the value passed. A bad byte in the action is an error
   of the whole form. */
static const struct fields_field pl_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "action",	v_action,	0, FIELDS_NO_SLOT },
	{ "site",	v_site,		0, E_SITE },
	{ "kind",	v_kind,		0, E_KIND },
	{ "title",	v_title,	0, E_TITLE },
	{ "title_default", v_title_default, 0, E_TITLE },
	{ "first",	v_first,	0, E_FIRST },
	{ "last",	v_last,		0, E_LAST },
	{ "target",	v_target,	0, E_TARGET },
	{ "service",	v_service,	1, E_SERVICE },
	{ "enquirer",	v_enquirer,	1, E_ENQUIRER },
	{ "referential", v_referential,	0, E_REFERENTIAL },
	{ "calendrier",	v_calendar,	0, E_CALENDAR },
};
#define PL_NFIELDS	(sizeof(pl_fields) / sizeof(pl_fields[0]))

/* Checks each field of a POST on its own, then what needs several. */
static void
read_input(const struct req *r, struct pl_input *in)
{
	struct fields_errors	*errs = &in->errs;
	size_t			 nservices;

	in->kind = -1;
	in->action = ACT_PREVIEW;
	fields_read(r, pl_fields, PL_NFIELDS, FIELDS_NAME_FIELD, in, errs);

	/* What must be there. */
	if (in->site == 0)
		fields_fail(errs, E_SITE, "Choisissez le site.");
	if (in->kind == -1)
		fields_fail(errs, E_KIND, "Choisissez le type de contrôle.");
	if (in->first_s == NULL)
		fields_fail(errs, E_FIRST, "%s", NO_FIRST);
	if (in->last_s == NULL)
		fields_fail(errs, E_LAST, "%s", NO_LAST);
	if (in->target_s == NULL)
		fields_fail(errs, E_TARGET, "Indiquez l’objectif, en nombre de "
		    "contacts.");
	if ((nservices = in->nsvc) == 0)
		fields_fail(errs, E_SERVICE, "Choisissez au moins un service à "
		    "tester.");
	if (in->nenq == 0)
		fields_fail(errs, E_ENQUIRER, "Choisissez au moins un "
		    "enquêteur.");

	/* What needs two fields. */
	if (in->first_ok && in->last_ok) {
		if (in->last < in->first)
			fields_fail(errs, E_PERIOD, "Le dernier jour ne peut pas "
			    "précéder le premier.");
		else if (in->last - in->first >= PLAN_DAYS_MAX)
			fields_fail(errs, E_PERIOD, "La période ne peut "
			    "dépasser %d jours.", PLAN_DAYS_MAX);
	}
	if (in->target > 0 && nservices > in->target)
		fields_fail(errs, E_TARGET, "L’objectif (%zu contacts) est "
		    "inférieur au nombre de services choisis (%zu) : chaque "
		    "service doit être testé au moins une fois.", in->target,
		    nservices);
	/*
	 * The default shown and left as it was follows the kind and the
	 * first day as saved ("Courriels mystère" for emails); a blank
	 * title gets the default too; a title the referent typed stays.
	 */
	if (in->title != NULL && in->title_default != NULL &&
	    strcmp(in->title, in->title_default) == 0) {
		if (in->kind != -1 && in->first_ok)
			in->title = NULL;
		in->title_auto = 1;	/* still the default, shown again */
	}
	if ((in->title == NULL || utf8_blank(in->title)) &&
	    errs->error[E_TITLE] == NULL && in->kind != -1 && in->first_ok) {
		planning_title(in->kind, in->first, in->buf_title,
		    sizeof(in->buf_title));
		in->title = in->buf_title;
		in->title_auto = 1;
	}
}

static void
input_free(struct pl_input *in)
{
	fields_free(&in->errs);
	free(in->enq);
	free(in->svc);
}

/* ---------------------------------------------------------------- context */

static void
ctx_free(struct pl_ctx *c)
{
	free(c->sites);
	free(c->users);
	free(c->holidays);
	free(c->holiday_labels);
	free(c->slugs);
	free(c->refs);
	free(c->years);
	free(c->services);
	PQclear(c->res);
	memset(c, 0, sizeof(*c));
}

/*
 * Reads the form's context for site (0: none) over [first, last] (NULL:
 * none). Returns 0, or -1 when the database is unavailable (logged).
 */
static int
ctx_load(struct planning *pl, const struct staff_user *u, long long site,
    const char *first, const char *last, struct pl_ctx *c)
{
	const char	*params[3];
	const char	*what;
	struct pl_site	*s;
	struct pl_user	*e;
	struct pl_ref	*r;
	struct pl_service *sv;
	char		 id[32], sqlstate[6], *cause = NULL;
	int		 i, n, k;
	long		 a, b;

	memset(c, 0, sizeof(*c));
	snprintf(id, sizeof(id), "%lld", site);
	params[0] = site > 0 ? id : NULL;
	params[1] = first;
	params[2] = last;
	if (db_exec_as(pl->db, u->session, pl->base + STMT_CONTEXT, params,
	    &c->res, sqlstate, &cause) != DB_OK) {
		log_warnx("planning context for %s: %s", u->login, cause);
		free(cause);
		return -1;
	}
	n = PQntuples(c->res);
	if (n > 0) {
		c->sites = xcalloc((size_t)n, sizeof(*c->sites));
		c->users = xcalloc((size_t)n, sizeof(*c->users));
		c->holidays = xcalloc((size_t)n, sizeof(*c->holidays));
		c->holiday_labels = xcalloc((size_t)n,
		    sizeof(*c->holiday_labels));
		c->slugs = xcalloc((size_t)n, sizeof(*c->slugs));
		c->refs = xcalloc((size_t)n, sizeof(*c->refs));
		c->years = xcalloc((size_t)n, sizeof(*c->years));
		c->services = xcalloc((size_t)n, sizeof(*c->services));
	}
	for (i = 0; i < n; i++) {
		what = db_value(c->res, i, "what");
		if (strcmp(what, "site") == 0) {
			s = &c->sites[c->nsites];
			if (!http_id_parse(db_value(c->res, i, "id"), &s->id) ||
			    cal_parse(db_value(c->res, i, "e"), &s->today) == -1)
				continue;
			s->code = db_value(c->res, i, "a");
			s->name = db_value(c->res, i, "b");
			s->department = db_value(c->res, i, "c");
			s->zone = db_value(c->res, i, "d");
			c->nsites++;
		} else if (strcmp(what, "user") == 0) {
			e = &c->users[c->nusers];
			if (!http_id_parse(db_value(c->res, i, "id"), &e->id) ||
			    !http_id_parse(db_value(c->res, i, "c"), &e->site))
				continue;
			e->login = db_value(c->res, i, "a");
			e->name = *db_value(c->res, i, "b") != '\0' ?
			    db_value(c->res, i, "b") : e->login;
			e->site_name = db_value(c->res, i, "d");
			c->nusers++;
		} else if (strcmp(what, "holiday") == 0) {
			if (cal_parse(db_value(c->res, i, "a"), &a) == -1 ||
			    cal_parse(db_value(c->res, i, "b"), &b) == -1)
				continue;
			c->holidays[c->nholidays].first = a;
			c->holidays[c->nholidays].last = b;
			c->holiday_labels[c->nholidays++] = db_value(c->res, i, "c");
		} else if (strcmp(what, "form") == 0) {
			for (k = 0; k < PLANNING_KIND__MAX; k++)
				if (strcmp(db_value(c->res, i, "a"),
				    pl_kinds[k].kind) == 0)
					http_id_parse(db_value(c->res, i, "id"),
					    &c->form[k]);
		} else if (strcmp(what, "slug") == 0)
			c->slugs[c->nslugs++] = db_value(c->res, i, "a");
		else if (strcmp(what, "ref") == 0) {
			r = &c->refs[c->nrefs];
			if (!http_id_parse(db_value(c->res, i, "id"), &r->id) ||
			    (*db_value(c->res, i, "c") != '\0' &&
			    !http_id_parse(db_value(c->res, i, "c"), &r->site)))
				continue;
			r->id_s = db_value(c->res, i, "id");
			r->name = db_value(c->res, i, "a");
			r->key = db_value(c->res, i, "b");
			c->nrefs++;
		}
		else if (strcmp(what, "year") == 0)
			c->years[c->nyears++] = db_value(c->res, i, "a");
		else if (strcmp(what, "service") == 0) {
			sv = &c->services[c->nservices];
			if (!http_id_parse(db_value(c->res, i, "id"), &sv->site))
				continue;
			sv->key = db_value(c->res, i, "a");
			sv->label = db_value(c->res, i, "b");
			sv->phone = *db_value(c->res, i, "c") == 't';
			sv->email = *db_value(c->res, i, "d") == 't';
			c->nservices++;
		}
	}
	return 0;
}

static const struct pl_site *
ctx_site(const struct pl_ctx *c, long long id)
{
	size_t	i;

	for (i = 0; i < c->nsites; i++)
		if (c->sites[i].id == id)
			return &c->sites[i];
	return NULL;
}

/* The referential id, offered at site (national or the site's own). */
static const struct pl_ref *
ctx_ref(const struct pl_ctx *c, long long site, long long id)
{
	size_t	i;

	for (i = 0; i < c->nrefs; i++)
		if (c->refs[i].id == id && (c->refs[i].site == 0 ||
		    c->refs[i].site == site))
			return &c->refs[i];
	return NULL;
}

/* The default referential's id (PL_REF_DEFAULT), or 0 when not there. */
static long long
ctx_ref_default(const struct pl_ctx *c)
{
	size_t	i;

	for (i = 0; i < c->nrefs; i++)
		if (strcmp(c->refs[i].key, PL_REF_DEFAULT) == 0)
			return c->refs[i].id;
	return 0;
}

static const struct pl_service *
ctx_service(const struct pl_ctx *c, long long site, const char *key)
{
	size_t	i;

	for (i = 0; i < c->nservices; i++)
		if (c->services[i].site == site &&
		    strcmp(c->services[i].key, key) == 0)
			return &c->services[i];
	return NULL;
}

/* Whether service key is among those checked. */
static int
service_checked(const struct pl_input *in, const char *key)
{
	size_t	i;

	for (i = 0; i < in->nsvc; i++)
		if (strcmp(in->svc[i], key) == 0)
			return 1;
	return 0;
}

/* Whether service sv can be tested by a campaign of this kind. */
static int
service_reached(const struct pl_service *sv, int kind)
{
	return kind == PLANNING_EMAILS ? sv->email : sv->phone;
}

static const struct pl_user *
ctx_user(const struct pl_ctx *c, long long site, long long id)
{
	size_t	i;

	for (i = 0; i < c->nusers; i++)
		if (c->users[i].site == site && c->users[i].id == id)
			return &c->users[i];
	return NULL;
}

/* Whether enquirer id is among those checked. */
static int
checked(const struct pl_input *in, long long id)
{
	size_t	i;

	for (i = 0; i < in->nenq; i++)
		if (in->enq[i] == id)
			return 1;
	return 0;
}

/*
 * Whether the school holidays of site over the period are known: the
 * site has a zone, and the zone has holidays for the school years of the
 * first and the last day. Sets in->gap, and what is missing.
 */
static void
calendar_gap(const struct pl_ctx *c, struct pl_input *in,
    const struct pl_site *site)
{
	const struct school_zone *z;
	char			 years[2][SCHOOL_YEAR_LEN + 1];
	size_t			 i, k;

	in->gap = GAP_NONE;
	if ((z = school_zone_by_code(site->zone)) == NULL) {
		in->gap = GAP_ZONE;
		return;
	}
	in->gap_zone = z->label;
	school_year_of(in->first, years[0]);
	school_year_of(in->last, years[1]);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < c->nyears; i++)
			if (strcmp(c->years[i], years[k]) == 0)
				break;
		if (i == c->nyears) {
			in->gap = GAP_YEAR;
			memcpy(in->gap_year, years[k], sizeof(in->gap_year));
			return;
		}
	}
}

/* The form's defaults, seen from the first site's today. */
static void
defaults(const struct pl_ctx *c, struct pl_input *in)
{
	const struct pl_site	*s = &c->sites[0];
	struct cal_range	 r;
	size_t			 i;

	memset(in, 0, sizeof(*in));
	in->action = ACT_FORM;
	in->site = s->id;
	in->kind = PLANNING_CALLS;
	planning_default_period(s->today, &r);
	in->first = r.first;
	in->last = r.last;
	in->first_ok = in->last_ok = 1;
	cal_format(r.first, in->buf_first);
	cal_format(r.last, in->buf_last);
	in->first_s = in->buf_first;
	in->last_s = in->buf_last;
	planning_title(in->kind, in->first, in->buf_title,
	    sizeof(in->buf_title));
	in->title = in->buf_title;
	in->title_auto = 1;
	snprintf(in->buf_target, sizeof(in->buf_target), "%d",
	    PLANNING_TARGET_DEFAULT);
	in->target_s = in->buf_target;
	in->target = PLANNING_TARGET_DEFAULT;
	/* Every service of that site that a call reaches. */
	for (i = 0; i < c->nservices; i++)
		if (c->services[i].site == s->id &&
		    service_reached(&c->services[i], in->kind)) {
			in->svc = xreallocarray(in->svc, in->nsvc + 1,
			    sizeof(*in->svc));
			in->svc[in->nsvc++] = c->services[i].key;
		}
	in->referential = ctx_ref_default(c);
	/* Every enquirer of that site. */
	for (i = 0; i < c->nusers; i++)
		if (c->users[i].site == s->id && !checked(in,
		    c->users[i].id)) {
			in->enq = xreallocarray(in->enq, in->nenq + 1,
			    sizeof(*in->enq));
			in->enq[in->nenq++] = c->users[i].id;
		}
}

/* ---------------------------------------------------------------- form */

/* The errors at the top of the form, each linked to its field. */
static void
error_summary(struct buf *b, const struct pl_ctx *c,
    const struct pl_input *in)
{
	const char	*anchors[E__MAX];
	char		 kind[64], service[64], enquirer[64];
	size_t		 i;

	snprintf(kind, sizeof(kind), "pl-kind-%s", pl_kinds[0].value);
	/* The first box of the chosen site's services, if it has any. */
	snprintf(service, sizeof(service), "pl-service");
	for (i = 0; i < c->nservices; i++)
		if (c->services[i].site == in->site) {
			snprintf(service, sizeof(service), "pl-service-%s",
			    c->services[i].key);
			break;
		}
	/* The first box of the chosen site's enquirers, if it has any. */
	snprintf(enquirer, sizeof(enquirer), "pl-enquirer");
	for (i = 0; i < c->nusers; i++)
		if (c->users[i].site == in->site) {
			snprintf(enquirer, sizeof(enquirer),
			    "pl-enquirer-%lld-%lld", c->users[i].site,
			    c->users[i].id);
			break;
		}
	anchors[E_SITE] = "pl-site";
	anchors[E_KIND] = kind;
	anchors[E_TITLE] = "pl-title";
	anchors[E_FIRST] = "pl-first";
	anchors[E_LAST] = "pl-last";
	anchors[E_PERIOD] = "pl-first";
	anchors[E_TARGET] = "pl-target";
	anchors[E_SERVICE] = service;
	anchors[E_ENQUIRER] = enquirer;
	anchors[E_REFERENTIAL] = "pl-referential";
	anchors[E_CALENDAR] = "pl-calendar";
	fields_summary(b, &in->errs, "Rien n’a été créé", pl_err_names,
	    anchors, E__MAX, 0);
}

/* Says that the school holidays are not known over the period, why, and
   who can mend it. */
static void
calendar_alert(struct buf *b, const struct pl_input *in,
    const struct pl_site *site)
{
	if (in->gap == GAP_NONE)
		return;
	buf_puts(b, "<div class=\"fr-alert fr-alert--warning fr-mb-4w\" "
	    "id=\"pl-calendar-alert\">\n<h2 class=\"fr-alert__title\">");
	if (in->gap == GAP_ZONE) {
		buf_puts(b, "Ce site n’a pas de zone de vacances scolaires"
		    "</h2>\n<p>Le site « ");
		html_puts(b, site->name);
		buf_puts(b, " » n’a pas de zone de vacances scolaires : les "
		    "créneaux proposés ne tiennent compte d’aucune vacance "
		    "scolaire et peuvent tomber pendant les vacances. Un "
		    "administrateur doit choisir la zone du site (page "
		    "« Sites ») et importer le calendrier scolaire officiel "
		    "avec la commande <code>qualimetre school-holidays "
		    "import</code>.</p>\n");
	} else {
		buf_puts(b, "Calendrier scolaire inconnu pour cette période"
		    "</h2>\n<p>Le calendrier scolaire de l’année ");
		html_puts(b, in->gap_year);
		buf_puts(b, " n’est pas chargé pour la zone « ");
		html_puts(b, in->gap_zone);
		buf_puts(b, " » : les créneaux proposés peuvent tomber pendant "
		    "les vacances scolaires. Un administrateur doit importer "
		    "le calendrier officiel (jeu de données "
		    "« fr-en-calendrier-scolaire » du ministère de l’Éducation "
		    "nationale) avec la commande <code>qualimetre "
		    "school-holidays import</code>.</p>\n");
	}
	buf_puts(b, "<p>Pour créer la campagne malgré tout, vérifiez "
	    "vous-même les dates des vacances scolaires, puis cochez la case "
	    "sous les créneaux proposés.</p>\n</div>\n");
}

/* The box that creates a campaign whose school holidays are not known,
   knowingly. */
static void
calendar_box(struct buf *b, const struct pl_input *in)
{
	const char	*err = in->errs.error[E_CALENDAR];

	if (in->gap == GAP_NONE)
		return;
	buf_printf(b, "<div class=\"fr-checkbox-group%s fr-mb-3w\">\n"
	    "<input type=\"checkbox\" id=\"pl-calendar\" name=\"calendrier\" "
	    "value=\"oui\"%s%s>\n<label class=\"fr-label\" for=\""
	    "pl-calendar\">Créer la campagne sans calendrier scolaire : j’ai "
	    "vérifié moi-même que ses créneaux ne tombent pas pendant des "
	    "vacances scolaires du site.</label>\n", err != NULL ?
	    " fr-checkbox-group--error" : "", in->calendar_ok ? " checked" :
	    "", err != NULL ? " aria-describedby=\"pl-calendar-error\"" : "");
	if (err != NULL) {
		buf_puts(b, "<div class=\"fr-messages-group\" "
		    "aria-live=\"polite\">\n<p class=\"fr-message "
		    "fr-message--error\" id=\"pl-calendar-error\">");
		html_puts(b, err);
		buf_puts(b, "</p>\n</div>\n");
	}
	buf_puts(b, "</div>\n");
}

/* Opens a fieldset of check boxes or radio buttons, or of dates. */
static void
fieldset_open(struct buf *b, const struct pl_input *in, enum pl_err e,
    const char *id, const char *legend, const char *hint)
{
	page_fieldset_open(b, id, legend, hint, in->errs.error[e]);
}

/* Closes it with its message. */
static void
fieldset_close(struct buf *b, const struct pl_input *in, enum pl_err e,
    const char *id)
{
	page_fieldset_close(b, id, in->errs.error[e]);
}

/* A text, date or number input in its group; label and hint are our
   own markup. */
static void
input(struct buf *b, const struct pl_input *in, enum pl_err e,
    const char *id, const char *name, const char *type, const char *attrs,
    const char *label, const char *hint, const char *value, int period)
{
	page_field_input(b, id, name, type, attrs, label, hint, value,
	    in->errs.error[e], period ? in->errs.error[E_PERIOD] : NULL,
	    "pl-period-error");
}

static void
site_select(struct buf *b, const struct pl_ctx *c, const struct pl_input *in)
{
	size_t	i;

	buf_printf(b, "<div class=\"fr-select-group%s\">\n"
	    "<label class=\"fr-label\" for=\"pl-site\">Site</label>\n"
	    "<select class=\"fr-select%s\" id=\"pl-site\" name=\"site\"",
	    in->errs.error[E_SITE] != NULL ? " fr-select-group--error" : "",
	    in->errs.error[E_SITE] != NULL ? " fr-select--error" : "");
	page_field_described(b, in->errs.error[E_SITE], "pl-site", NULL,
	    NULL);
	buf_puts(b, ">\n");
	for (i = 0; i < c->nsites; i++) {
		buf_printf(b, "<option value=\"%lld\"%s>", c->sites[i].id,
		    c->sites[i].id == in->site ? " selected" : "");
		html_puts(b, c->sites[i].name);
		buf_puts(b, " (");
		html_puts(b, c->sites[i].code);
		buf_puts(b, ")</option>\n");
	}
	buf_puts(b, "</select>\n");
	page_field_error(b, in->errs.error[E_SITE], "pl-site");
	buf_puts(b, "</div>\n");
}

/*
 * The referentials offered: the national ones, and the chosen site's own
 * (the others' are refused by check_context).
 */
static void
referential_select(struct buf *b, const struct pl_ctx *c,
    const struct pl_input *in)
{
	const char	**opts;
	char		**labels, chosen[32];
	size_t		 i, n = 0;

	opts = xcalloc(2 * c->nrefs + 1, sizeof(*opts));
	labels = xcalloc(c->nrefs + 1, sizeof(*labels));
	for (i = 0; i < c->nrefs; i++) {
		if (c->refs[i].site != 0)
			xasprintf(&labels[i], "%s (propre au site)",
			    c->refs[i].name);
		opts[2 * n] = c->refs[i].id_s;
		opts[2 * n + 1] = labels[i] != NULL ? labels[i] :
		    c->refs[i].name;
		n++;
	}
	snprintf(chosen, sizeof(chosen), "%lld", in->referential);
	page_field_select(b, "pl-referential", "referential", "Référentiel "
	    "<span class=\"fr-hint-text\">Il fixe les seuils et les objectifs "
	    "de la grille : délai de réponse aux courriels, nombre de "
	    "sonneries, part des appels décrochés.</span>", opts, n, chosen,
	    in->errs.error[E_REFERENTIAL]);
	/* The site chosen, or the list of the user's. */
	buf_puts(b, "<p class=\"fr-text--sm fr-mb-3w\"><a "
	    "class=\"fr-link fr-link--sm\" href=\"" REFERENTIALS_PREFIX);
	if (in->site > 0)
		buf_printf(b, "/%lld", in->site);
	buf_puts(b, "\">Définir le référentiel propre du site</a></p>\n");
	for (i = 0; i < c->nrefs; i++)
		free(labels[i]);
	free(labels);
	free(opts);
}

static void
kind_radios(struct buf *b, const struct pl_input *in)
{
	int	k;

	fieldset_open(b, in, E_KIND, "pl-kind", "Type de contrôle", NULL);
	for (k = 0; k < PLANNING_KIND__MAX; k++) {
		buf_printf(b, "<div class=\"fr-fieldset__element "
		    "fr-fieldset__element--inline\">\n<div class=\""
		    "fr-radio-group\">\n<input type=\"radio\" "
		    "id=\"pl-kind-%s\" "
		    "name=\"kind\" value=\"%s\"%s>\n<label class=\"fr-label\" "
		    "for=\"pl-kind-%s\">%s</label>\n</div>\n</div>\n",
		    pl_kinds[k].value, pl_kinds[k].value, in->kind == k ?
		    " checked" : "", pl_kinds[k].value, pl_kinds[k].label);
	}
	fieldset_close(b, in, E_KIND, "pl-kind");
}

static void
period_fields(struct buf *b, const struct pl_input *in)
{
	fieldset_open(b, in, E_PERIOD, "pl-period", "Période",
	    "Deux semaines de jours ouvrés par défaut. Les week-ends, les "
	    "jours fériés et les vacances scolaires de la zone du site sont "
	    "exclus.");
	buf_puts(b, "<div class=\"fr-fieldset__element "
	    "fr-fieldset__element--inline\">\n");
	input(b, in, E_FIRST, "pl-first", "first", "date", "",
	    "Premier jour", NULL, in->first_s, 1);
	buf_puts(b, "</div>\n<div class=\"fr-fieldset__element "
	    "fr-fieldset__element--inline\">\n");
	input(b, in, E_LAST, "pl-last", "last", "date", "",
	    "Dernier jour (inclus)", NULL, in->last_s, 1);
	buf_puts(b, "</div>\n");
	fieldset_close(b, in, E_PERIOD, "pl-period");
}

/* The active services of the chosen site (or of the first one). */
static void
service_boxes(struct buf *b, const struct pl_ctx *c,
    const struct pl_input *in)
{
	const struct pl_service	*sv;
	long long		 site;
	size_t			 i, n = 0;

	site = ctx_site(c, in->site) != NULL ? in->site : c->sites[0].id;
	fieldset_open(b, in, E_SERVICE, "pl-service", "Services à tester",
	    "Les services actifs du site choisi ; les contacts sont répartis "
	    "à tour de rôle entre les services cochés. Une campagne d’appels "
	    "ne teste que des services joignables par téléphone, une "
	    "campagne de courriels des services joignables par courriel.");
	for (i = 0; i < c->nservices; i++) {
		sv = &c->services[i];
		if (sv->site != site)
			continue;
		n++;
		buf_puts(b, "<div class=\"fr-fieldset__element\">\n"
		    "<div class=\"fr-checkbox-group\">\n"
		    "<input type=\"checkbox\" id=\"pl-service-");
		html_puts(b, sv->key);
		buf_puts(b, "\" name=\"service\" value=\"");
		html_puts(b, sv->key);
		buf_puts(b, "\"");
		if (service_checked(in, sv->key))
			buf_puts(b, " checked");
		if (in->errs.error[E_SERVICE] != NULL)
			buf_puts(b, " aria-describedby=\"pl-service-error\"");
		buf_puts(b, ">\n<label class=\"fr-label\" for=\"pl-service-");
		html_puts(b, sv->key);
		buf_puts(b, "\">");
		html_puts(b, sv->label);
		buf_printf(b, "<span class=\"fr-hint-text\">%s</span></label>"
		    "\n</div>\n</div>\n", services_reach(sv->phone, sv->email));
	}
	if (n == 0)
		buf_puts(b, "<p class=\"fr-fieldset__element\">Ce site n’a "
		    "aucun service actif.</p>\n");
	buf_printf(b, "<p class=\"fr-fieldset__element\"><a class=\"fr-link\" "
	    "href=\"" SERVICES_PREFIX "/%lld\">Gérer les services du site"
	    "</a></p>\n", site);
	fieldset_close(b, in, E_SERVICE, "pl-service");
}

static void
enquirer_boxes(struct buf *b, const struct pl_ctx *c,
    const struct pl_input *in)
{
	const struct pl_user	*e;
	size_t			 i;

	fieldset_open(b, in, E_ENQUIRER, "pl-enquirer", "Enquêteurs",
	    c->nsites > 1 ? "Cochez des enquêteurs du site choisi : les "
	    "créneaux leur sont attribués à tour de rôle." : "Les créneaux "
	    "sont attribués à tour de rôle aux enquêteurs cochés.");
	if (c->nusers == 0)
		buf_puts(b, "<p class=\"fr-fieldset__element\">Aucun enquêteur "
		    "n’est rattaché à vos sites : demandez à un administrateur "
		    "d’en créer (commande <code>qualimetre user add</code>)."
		    "</p>\n");
	for (i = 0; i < c->nusers; i++) {
		e = &c->users[i];
		buf_printf(b, "<div class=\"fr-fieldset__element\">\n"
		    "<div class=\"fr-checkbox-group\">\n"
		    "<input type=\"checkbox\" "
		    "id=\"pl-enquirer-%lld-%lld\" name=\"enquirer\" "
		    "value=\"%lld\"%s", e->site, e->id, e->id,
		    checked(in, e->id) && (in->site == e->site ||
		    ctx_site(c, in->site) == NULL) ? " checked" : "");
		if (in->errs.error[E_ENQUIRER] != NULL)
			buf_puts(b, " aria-describedby=\"pl-enquirer-error\"");
		buf_printf(b, ">\n<label class=\"fr-label\" for=\"pl-enquirer-"
		    "%lld-%lld\">", e->site, e->id);
		html_puts(b, e->name);
		/* The login tells two namesakes apart; the site, which
		   enquirer goes with which site. */
		buf_puts(b, "<span class=\"fr-hint-text\">");
		html_puts(b, e->login);
		if (c->nsites > 1) {
			buf_puts(b, " — ");
			html_puts(b, e->site_name);
		}
		buf_puts(b, "</span></label>\n</div>\n</div>\n");
	}
	fieldset_close(b, in, E_ENQUIRER, "pl-enquirer");
}

/* Whose slot it is: the chosen enquirers, in the form's order. */
static size_t
chosen_users(const struct pl_ctx *c, const struct pl_input *in,
    const struct pl_user **out)
{
	size_t	i, n = 0;

	for (i = 0; i < c->nusers; i++)
		if (c->users[i].site == in->site && checked(in,
		    c->users[i].id))
			out[n++] = &c->users[i];
	return n;
}

/* The services chosen, in the site's order: those of the chosen site
   that are checked; out has room for c->nservices. */
static size_t
chosen_services(const struct pl_ctx *c, const struct pl_input *in,
    const struct pl_service **out)
{
	size_t	i, n = 0;

	for (i = 0; i < c->nservices; i++)
		if (c->services[i].site == in->site &&
		    service_checked(in, c->services[i].key))
			out[n++] = &c->services[i];
	return n;
}

/* The proposed slots, and what was left out of the period. */
static void
preview(struct buf *b, const struct pl_ctx *c, const struct pl_input *in,
    const struct pl_site *site, const struct plan_slot *slots,
    size_t nslots, size_t available)
{
	const struct pl_user	**users;
	const struct pl_service	**services;
	size_t			 i, n = 0;
	const char		*name;
	char			 iso[CAL_DATE_LEN + 1];
	long			 d;

	users = xcalloc(c->nusers + 1, sizeof(*users));
	chosen_users(c, in, users);
	services = xcalloc(c->nservices + 1, sizeof(*services));
	chosen_services(c, in, services);

	buf_puts(b, "<section class=\"fr-mt-6w\" id=\"apercu\" "
	    "aria-labelledby=\"apercu-titre\">\n<h2 id=\"apercu-titre\">"
	    "Créneaux proposés</h2>\n");
	buf_printf(b, "<p>%zu créneau%s, un par demi-journée, parmi les "
	    "%zu demi-journées possibles du ", nslots, nslots > 1 ? "x" : "",
	    available);
	long_date(b, in->first);
	buf_puts(b, " au ");
	long_date(b, in->last);
	buf_puts(b, " : jours ouvrés, hors jours fériés et vacances "
	    "scolaires");
	if (in->gap_zone != NULL) {
		buf_puts(b, " (");
		html_puts(b, in->gap_zone);
		buf_putc(b, ')');
	}
	buf_puts(b, ".</p>\n");

	for (d = in->first; d <= in->last; d++) {
		if (cal_weekday(d) > 5 ||
		    (name = cal_holiday_name(d, site->department)) == NULL)
			continue;
		buf_puts(b, n++ == 0 ? "<p>Jours fériés exclus : " : ", ");
		long_date(b, d);
		buf_puts(b, " (");
		html_puts(b, name);
		buf_putc(b, ')');
	}
	if (n > 0)
		buf_puts(b, ".</p>\n");
	for (i = 0; i < c->nholidays; i++) {
		buf_puts(b, i == 0 ? "<p>Vacances scolaires exclues : " :
		    " ; ");
		html_puts(b, c->holiday_labels[i]);
		buf_puts(b, ", du ");
		cal_format(c->holidays[i].first, iso);
		page_date(b, iso);
		buf_puts(b, " au ");
		cal_format(c->holidays[i].last, iso);
		page_date(b, iso);
	}
	if (c->nholidays > 0)
		buf_puts(b, ".</p>\n");

	buf_puts(b, "<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n<caption>Créneaux "
	    "proposés</caption>\n<thead><tr><th scope=\"col\">Jour</th>"
	    "<th scope=\"col\">Demi-journée</th><th scope=\"col\">Service"
	    "</th><th scope=\"col\">Enquêteur</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < nslots; i++) {
		cal_format(slots[i].day, iso);
		buf_printf(b, "<tr data-day=\"%s\"><td>", iso);
		long_date(b, slots[i].day);
		buf_puts(b, "</td><td>");
		buf_puts(b, slots[i].afternoon ? "Après-midi" : "Matin");
		buf_puts(b, "</td><td>");
		html_puts(b, services[slots[i].service]->label);
		buf_puts(b, "</td><td>");
		html_puts(b, users[slots[i].enquirer]->name);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n"
	    HTML_TABLE_BOXES_END "</div>\n<p>Rien n’est encore créé : "
	    "vérifiez ces créneaux, puis créez la campagne. Les créneaux "
	    "sont recalculés à partir du formulaire ci-dessus.</p>\n");
	calendar_box(b, in);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\" name=\"action\" "
	    "value=\"creer\">Créer la campagne et attribuer les créneaux"
	    "</button>\n</section>\n");
	free(services);
	free(users);
}

/*
 * The planning form with what in holds, its errors, an optional warning
 * and, when slots is non-NULL, the proposed slots and the button that
 * creates the campaign.
 */
static void
form_page(struct planning *pl, struct resp *p, const struct staff_user *u,
    const struct pl_ctx *c, const struct pl_input *in,
    const struct plan_slot *slots, size_t nslots, size_t available,
    const char *alert_title, const char *alert_text)
{
	struct buf		*b = &p->body;
	const struct pl_site	*site = ctx_site(c, in->site);
	int			 k;

	staff_page_open(pl->staff, p, u, in->errs.nerrors > 0 ? "Erreur – "
	    "Planifier une campagne mystère" : slots != NULL ? "Créneaux "
	    "proposés – Planifier une campagne mystère" : "Planifier une "
	    "campagne mystère");
	page_back_link(b, PLANNING_PREFIX, "Campagnes mystère");
	buf_puts(b, "<h1>Planifier une campagne mystère</h1>\n");
	if (alert_title != NULL) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--warning "
		    "fr-mb-4w\" role=\"alert\">\n"
		    "<h2 class=\"fr-alert__title\">");
		html_puts(b, alert_title);
		buf_puts(b, "</h2>\n<p>");
		html_puts(b, alert_text);
		buf_puts(b, "</p>\n</div>\n");
	}
	if (site != NULL)
		calendar_alert(b, in, site);
	for (k = 0; k < PLANNING_KIND__MAX; k++)
		if (c->form[k] == 0)
			buf_printf(b, "<div class=\"fr-alert fr-alert--warning "
			    "fr-alert--sm fr-mb-2w\">\n<p>La grille des %s "
			    "mystère (<code>%s</code>) n’est pas chargée dans "
			    "la base : aucune campagne de %s ne peut être "
			    "créée "
			    "tant qu’un administrateur ne l’a pas chargée "
			    "(<code>forms/%s.xml</code>).</p>\n</div>\n",
			    k == PLANNING_CALLS ? "appels" : "courriels",
			    pl_kinds[k].kind, k == PLANNING_CALLS ? "appels" :
			    "courriels", pl_kinds[k].kind);
	if (in->errs.nerrors > 0)
		error_summary(b, c, in);
	if (c->nsites == 0) {
		buf_puts(b, "<p class=\"fr-text--lead\">Aucun site ne vous est "
		    "confié : demandez à un administrateur de vous rattacher "
		    "au site dont vous êtes le référent qualité.</p>\n");
		page_end(b);
		return;
	}
	buf_puts(b, "<p class=\"fr-text--sm\">Tous les champs sont "
	    "obligatoires, sauf le titre.</p>\n<form method=\"post\" "
	    "action=\"" NEW_PATH "\" novalidate>\n<input type=\"hidden\" "
	    "name=\"" STAFF_CSRF_FIELD "\" value=\"");
	html_puts(b, u->csrf);
	buf_puts(b, "\">\n");
	site_select(b, c, in);
	kind_radios(b, in);
	referential_select(b, c, in);
	input(b, in, E_TITLE, "pl-title", "title", "text",
	    " maxlength=\"200\"", "Titre", "Laissé tel quel ou vide : "
	    "« Appels mystère » ou « Courriels mystère », suivi du mois "
	    "et de l’année du premier jour.", in->title, 0);
	if (in->title_auto && in->title != NULL) {
		buf_puts(b, "<input type=\"hidden\" name=\"title_default\" "
		    "value=\"");
		html_puts(b, in->title);
		buf_puts(b, "\">\n");
	}
	period_fields(b, in);
	input(b, in, E_TARGET, "pl-target", "target", "number",
	    " inputmode=\"numeric\" min=\"1\" max=\"200\" step=\"1\"",
	    "Objectif (nombre de contacts)", "Au moins 20 pour le label, un "
	    "par demi-journée.", in->target_s, 0);
	service_boxes(b, c, in);
	enquirer_boxes(b, c, in);
	buf_printf(b, "<button class=\"fr-btn%s\" type=\"submit\" "
	    "name=\"action\" value=\"apercu\">%s</button>\n",
	    slots != NULL ? " fr-btn--secondary fr-mb-4w" : "",
	    slots != NULL ? "Recalculer les créneaux" : "Proposer les "
	    "créneaux");
	if (slots != NULL && site != NULL)
		preview(b, c, in, site, slots, nslots, available);
	buf_puts(b, "</form>\n");
	page_end(b);
}

/* ---------------------------------------------------------------- create */

/* Checks what only the database knows: the site, its enquirers, the
   grid; then plans the slots. */
static void
check_context(const struct pl_ctx *c, struct pl_input *in,
    const struct pl_site **sitep, struct plan_slot **slots, size_t *nslots,
    size_t *available)
{
	const struct pl_site	*site = NULL;
	const struct pl_user	**users;
	const struct pl_service	**services, *sv;
	struct plan_request	 req;
	size_t			 i, bad = 0;
	char			*cause = NULL;

	*sitep = NULL;
	if (in->site != 0 && (site = ctx_site(c, in->site)) == NULL)
		fields_fail(&in->errs, E_SITE, "Ce site ne vous est pas "
		    "confié : choisissez un de vos sites.");
	if (in->kind != -1 && c->form[in->kind] == 0)
		fields_fail(&in->errs, E_KIND, "La grille des %s mystère (%s) "
		    "n’est pas chargée dans la base : la campagne ne peut pas "
		    "être créée. Demandez à un administrateur de la charger.",
		    in->kind == PLANNING_CALLS ? "appels" : "courriels",
		    pl_kinds[in->kind].kind);
	/* Not sent (an older page, a script): the default one. */
	if (in->referential == 0 && in->errs.error[E_REFERENTIAL] == NULL)
		in->referential = ctx_ref_default(c);
	if (in->referential != 0 && site != NULL &&
	    ctx_ref(c, site->id, in->referential) == NULL)
		fields_fail(&in->errs, E_REFERENTIAL, "Ce référentiel n’est "
		    "pas proposé pour ce site : choisissez-en un dans la "
		    "liste.");
	if (site != NULL) {
		for (i = 0; i < in->nenq; i++)
			if (ctx_user(c, site->id, in->enq[i]) == NULL)
				bad++;
		if (bad > 0)
			fields_fail(&in->errs, E_ENQUIRER, "Cochez seulement "
			    "des enquêteurs du site choisi (%s).", site->name);
		for (i = 0, bad = 0; i < in->nsvc; i++)
			if ((sv = ctx_service(c, site->id, in->svc[i])) ==
			    NULL)
				bad++;
			else if (in->kind != -1 && !service_reached(sv,
			    in->kind))
				fields_fail(&in->errs, E_SERVICE, "« %s » ne se "
				    "joint pas par %s : décochez-le, ou "
				    "changez le type de contrôle.", sv->label,
				    in->kind == PLANNING_EMAILS ? "courriel" :
				    "téléphone");
		if (bad > 0)
			fields_fail(&in->errs, E_SERVICE, "Cochez seulement des "
			    "services actifs du site choisi (%s).", site->name);
	}
	if (in->errs.nerrors > 0 || site == NULL)
		return;
	*sitep = site;

	users = xcalloc(c->nusers + 1, sizeof(*users));
	memset(&req, 0, sizeof(req));
	req.from = in->first;
	req.to = in->last;
	req.department = site->department;
	req.excluded = c->holidays;
	req.nexcluded = c->nholidays;
	req.target = in->target;
	services = xcalloc(c->nservices + 1, sizeof(*services));
	req.nservices = chosen_services(c, in, services);
	req.nenquirers = chosen_users(c, in, users);
	free(services);
	free(users);
	if (plan_slots(&req, slots, nslots, available, &cause) == -1) {
		/* plan.h's messages start lower case, without a stop. */
		if (cause[0] >= 'a' && cause[0] <= 'z')
			cause[0] = cause[0] - 'a' + 'A';
		fields_fail(&in->errs, E_PERIOD, "%s.", cause);
		free(cause);
	}
}

/* Whether slug is taken at the site that day (STMT_CONTEXT). */
static int
slug_taken(const struct pl_ctx *c, const char *slug)
{
	size_t	i;

	for (i = 0; i < c->nslugs; i++)
		if (strcmp(c->slugs[i], slug) == 0)
			return 1;
	return 0;
}

/* A new campaign's services and slots, as PostgreSQL arrays. */
struct pl_arrays {
	struct buf	keys, labels;		/* its services */
	struct buf	days, pms, skeys, ids;	/* its slots */
};

static void
arrays_make(const struct pl_ctx *c, const struct pl_input *in,
    const struct plan_slot *slots, size_t nslots, struct pl_arrays *a)
{
	const struct pl_user	**users;
	const struct pl_service	**services;
	size_t			 nservices, i;
	const char		**keys, **labels, **days, **pms, **skeys;
	const char		**ids;
	char			 (*dbuf)[CAL_DATE_LEN + 1], (*ibuf)[32];

	memset(a, 0, sizeof(*a));
	users = xcalloc(c->nusers + 1, sizeof(*users));
	chosen_users(c, in, users);
	services = xcalloc(c->nservices + 1, sizeof(*services));
	nservices = chosen_services(c, in, services);
	keys = xcalloc(nservices + 1, sizeof(*keys));
	labels = xcalloc(nservices + 1, sizeof(*labels));
	for (i = 0; i < nservices; i++) {
		keys[i] = services[i]->key;
		labels[i] = services[i]->label;
	}
	db_array(&a->keys, keys, nservices);
	db_array(&a->labels, labels, nservices);

	days = xcalloc(nslots + 1, sizeof(*days));
	pms = xcalloc(nslots + 1, sizeof(*pms));
	skeys = xcalloc(nslots + 1, sizeof(*skeys));
	ids = xcalloc(nslots + 1, sizeof(*ids));
	dbuf = xcalloc(nslots + 1, sizeof(*dbuf));
	ibuf = xcalloc(nslots + 1, sizeof(*ibuf));
	for (i = 0; i < nslots; i++) {
		cal_format(slots[i].day, dbuf[i]);
		days[i] = dbuf[i];
		pms[i] = slots[i].afternoon ? "t" : "f";
		skeys[i] = services[slots[i].service]->key;
		snprintf(ibuf[i], sizeof(ibuf[i]), "%lld",
		    users[slots[i].enquirer]->id);
		ids[i] = ibuf[i];
	}
	db_array(&a->days, days, nslots);
	db_array(&a->pms, pms, nslots);
	db_array(&a->skeys, skeys, nslots);
	db_array(&a->ids, ids, nslots);
	free(keys);
	free(labels);
	free(days);
	free(pms);
	free(skeys);
	free(ids);
	free(dbuf);
	free(ibuf);
	free(services);
	free(users);
}

static void
arrays_free(struct pl_arrays *a)
{
	buf_free(&a->keys);
	buf_free(&a->labels);
	buf_free(&a->days);
	buf_free(&a->pms);
	buf_free(&a->skeys);
	buf_free(&a->ids);
}

/*
 * Stores the campaign, its services and its slots in one transaction,
 * and fills p: a redirection to the list, or the form again saying why
 * nothing was created.
 */
static void
create(struct planning *pl, const struct staff_user *u, struct resp *p,
    const struct pl_ctx *c, struct pl_input *in, const struct pl_site *site,
    const struct plan_slot *slots, size_t nslots, size_t available)
{
	struct pl_arrays	 a;
	const char		*p0[9], *p1[3], *p2[5], *const *pp[3];
	char			 slug[PLANNING_SLUG_MAX + 1];
	char			 siteid[32], formid[32], target[16], ref[32];
	char			 first[CAL_DATE_LEN + 1];
	char			 last[CAL_DATE_LEN + 1];
	char			 sqlstate[6], *cause = NULL;
	size_t			 seq[3];
	unsigned int		 n;
	PGresult		*res = NULL;
	enum db_status		 rc;

	for (n = 1; n <= 999; n++)
		if (planning_slug(in->kind, site->code, in->first, n,
		    slug) == 0 && !slug_taken(c, slug))
			break;
	if (n > 999) {
		p->status = 409;
		form_page(pl, p, u, c, in, slots, nslots, available, "Rien n’a "
		    "été créé", "Trop de campagnes commencent ce jour-là sur "
		    "ce site : choisissez un autre premier jour.");
		return;
	}

	arrays_make(c, in, slots, nslots, &a);
	snprintf(siteid, sizeof(siteid), "%lld", site->id);
	snprintf(formid, sizeof(formid), "%lld", c->form[in->kind]);
	snprintf(target, sizeof(target), "%zu", in->target);
	cal_format(in->first, first);
	cal_format(in->last, last);
	p0[0] = siteid;
	p0[1] = formid;
	p0[2] = pl_kinds[in->kind].kind;
	p0[3] = in->title;
	p0[4] = first;
	p0[5] = last;
	p0[6] = target;
	p0[7] = slug;
	snprintf(ref, sizeof(ref), "%lld", in->referential);
	p0[8] = in->referential > 0 ? ref : NULL;
	p1[0] = slug;
	p1[1] = a.keys.data;
	p1[2] = a.labels.data;
	p2[0] = slug;
	p2[1] = a.days.data;
	p2[2] = a.pms.data;
	p2[3] = a.skeys.data;
	p2[4] = a.ids.data;
	pp[0] = p0;
	pp[1] = p1;
	pp[2] = p2;
	seq[0] = pl->base + STMT_NEW_CAMPAIGN;
	seq[1] = pl->base + STMT_NEW_SERVICES;
	seq[2] = pl->base + STMT_NEW_SLOTS;
	rc = db_exec_as_seq(pl->db, u->session, 3, seq, pp, &res, sqlstate,
	    &cause);
	PQclear(res);
	arrays_free(&a);
	if (rc == DB_OK) {
		p->status = 303;
		xasprintf(&p->location, PLANNING_PREFIX "?cree");
	} else if (rc == DB_REFUSED && strcmp(sqlstate, "42501") == 0) {
		log_warnx("planning by %s refused: %s", u->login, cause);
		refused(pl, p, u, 403, "Création refusée", "La base de données "
		    "refuse cette campagne : ce site ne vous est pas confié, "
		    "ou un enquêteur n’en fait pas partie. Rien n’a été "
		    "créé.");
	} else if (rc == DB_REFUSED && strcmp(sqlstate, "23505") == 0) {
		p->status = 409;
		form_page(pl, p, u, c, in, slots, nslots, available, "Rien n’a "
		    "été créé", "Une campagne de même type commençant le même "
		    "jour vient d’être créée sur ce site. Vérifiez la liste "
		    "des campagnes avant de réessayer.");
	} else {
		log_warnx("planning by %s: %s", u->login, cause);
		p->status = rc == DB_UNAVAILABLE ? 503 : 500;
		form_page(pl, p, u, c, in, slots, nslots, available, "Rien n’a "
		    "été créé", "Le service est momentanément indisponible. "
		    "Le formulaire est conservé ci-dessous : créez la campagne "
		    "à nouveau dans quelques instants.");
	}
	free(cause);
}

/* GET: the form; POST: a preview or the creation. */
static void
new_campaign(struct planning *pl, const struct staff_user *u,
    const struct req *r, struct resp *p)
{
	struct pl_input		 in;
	struct pl_ctx		 c;
	const struct pl_site	*site = NULL;
	struct plan_slot	*slots = NULL;
	size_t			 nslots = 0, available = 0;

	memset(&in, 0, sizeof(in));
	if (r->method != HTTP_POST) {
		if (ctx_load(pl, u, 0, NULL, NULL, &c) == -1) {
			unavailable(pl, p, u);
			return;
		}
		if (c.nsites > 0)
			defaults(&c, &in);
		form_page(pl, p, u, &c, &in, NULL, 0, 0, NULL, NULL);
		goto out;
	}
	read_input(r, &in);
	if (ctx_load(pl, u, in.site, in.first_ok ? in.first_s : NULL,
	    in.last_ok ? in.last_s : NULL, &c) == -1) {
		unavailable(pl, p, u);
		input_free(&in);
		return;
	}
	check_context(&c, &in, &site, &slots, &nslots, &available);
	if (in.errs.nerrors > 0 || site == NULL) {
		p->status = 400;
		form_page(pl, p, u, &c, &in, NULL, 0, 0, NULL, NULL);
		goto out;
	}
	/* Unknown school holidays do not stop the planning (a site may
	   need a campaign before the ministry's file is imported), but no
	   campaign is created without the referent saying they know. */
	calendar_gap(&c, &in, site);
	if (in.action == ACT_CREATE && in.gap != GAP_NONE && !in.calendar_ok) {
		fields_fail(&in.errs, E_CALENDAR, "Cochez cette case pour créer "
		    "la campagne sans calendrier scolaire, ou demandez à un "
		    "administrateur d’importer le calendrier.");
		p->status = 400;
		form_page(pl, p, u, &c, &in, slots, nslots, available, NULL,
		    NULL);
		goto out;
	}
	if (in.action != ACT_CREATE) {
		form_page(pl, p, u, &c, &in, slots, nslots, available, NULL, NULL);
		goto out;
	}
	create(pl, u, p, &c, &in, site, slots, nslots, available);
out:
	plan_free(slots);
	ctx_free(&c);
	input_free(&in);
}

int
planning_handle(struct planning *pl, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	const size_t	n = sizeof(PLANNING_PREFIX) - 1;
	int		is_list, is_new;

	if (strncmp(r->path, PLANNING_PREFIX, n) != 0 ||
	    (r->path[n] != '\0' && r->path[n] != '/'))
		return 0;
	is_list = r->path[n] == '\0' || strcmp(r->path + n, "/") == 0;
	is_new = strcmp(r->path, NEW_PATH) == 0;
	if (u->role != STAFF_REFERENT && u->role != STAFF_ADMIN) {
		refused(pl, p, u, 403, "Accès réservé", "La planification des "
		    "campagnes mystère est réservée aux référents qualité et "
		    "aux administrateurs.");
		return 1;
	}
	if (!is_list && !is_new) {
		refused(pl, p, u, 404, "Page introuvable", "Cette page n’existe "
		    "pas.");
		return 1;
	}
	if (r->method == HTTP_OTHER || (is_list && r->method == HTTP_POST)) {
		p->status = 405;
		p->allow = is_list ? "GET, HEAD" : "GET, HEAD, POST";
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		refused(pl, p, u, 403, "Action refusée", "Cette demande ne vient "
		    "pas d’une page de ce service : rien n’a été créé.");
		return 1;
	}
	if (is_list)
		list(pl, u, r, p);
	else
		new_campaign(pl, u, r, p);
	return 1;
}
