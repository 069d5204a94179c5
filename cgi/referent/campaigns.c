/* The referent's satisfaction campaigns: creation, opening, closing, paper. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "answers.h"
#include "buf.h"
#include "cal.h"
#include "campaigns.h"
#include "db.h"
#include "fields.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "render.h"
#include "site.h"
#include "staff.h"
#include "stats.h"
#include "token.h"
#include "utf8.h"
#include "valid.h"
#include "xmalloc.h"

#define HOME		"/referent/"
#define NEW_PATH	CAMPAIGNS_PREFIX "/nouvelle"
#define TITLE_MAX	200		/* characters, as the schema says */
#define BAD_FORM	"Choisissez un questionnaire dans la liste."
#define NO_OPENS	"Indiquez la date d’ouverture de la campagne."
#define NO_CLOSES	"Indiquez la date de clôture de la campagne."
#define DATE_EXAMPLE	"2027-04-01"	/* in the message of a bad date */
#define RATE_BAD	"L’objectif de satisfaction doit être un nombre " \
			"entier de 1 à 100 (en %), ou rester vide."
#define RATE_HINT	"Facultatif, de 1 à 100 : la part de réponses " \
			"satisfaites visée pour chaque critère, qui donne " \
			"le verdict « atteint », « non atteint » ou « non " \
			"concluant » des résultats."
#define SLUG_MAX	63
#define SLUG_TRIES	10		/* slugs tried after a taken one */

enum stmt {
	STMT_CONTEXT,
	STMT_CREATE,
	STMT_CAMPAIGN,
	STMT_DATES,
	STMT_RATE,
	STMT_PAPER_RESPONSE,
	STMT_PAPER_ANSWERS,
	STMT_PAPER_COUNT,
	STMT__MAX
};

static const struct db_stmt rc_stmts[STMT__MAX] = {
	/*
	 * The creation form's context, one row per item: the user's sites
	 * with their today (the policies keep them to the user's; the
	 * WHERE says so too), the latest version of each satisfaction form,
	 * and the slugs of site $1's campaigns.
	 */
	[STMT_CONTEXT] = { "campaigns_context",
	    "SELECT 'site' AS what, s.id::text AS id, s.code AS a,"
	    " s.name AS b, to_char((now() AT TIME ZONE s.timezone)::date,"
	    " 'YYYY-MM-DD') AS c"
	    " FROM qualimetre.site s WHERE qualimetre.user_plans_site(s.id)"
	    " UNION ALL"
	    " SELECT 'form', f.id::text, f.key, f.title, f.version::text"
	    " FROM (SELECT DISTINCT ON (key) id, key, title, version"
	    " FROM qualimetre.form WHERE kind = 'satisfaction'"
	    " ORDER BY key, version DESC) f"
	    " UNION ALL"
	    " SELECT 'slug', NULL, c.slug, NULL, NULL"
	    " FROM qualimetre.campaign c WHERE c.site_id = $1::bigint"
	    " ORDER BY what, b, a", 1 },
	[STMT_CREATE] = { "campaigns_create",
	    "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title,"
	    " opens_on, closes_on, target_count, slug, target_rate)"
	    " VALUES ($1::bigint, $2::bigint, 'satisfaction', $3, $4::date,"
	    " $5::date, $6::int, $7, $8::numeric / 100) RETURNING id", 8 },
	/* A campaign of the user's sites (the policies hide the others),
	   its site's today and its counts (withdrawn questionnaires do
	   not count: sql/017). */
	[STMT_CAMPAIGN] = { "campaigns_campaign",
	    "SELECT c.id, c.form_id, c.kind, c.title, s.name AS site,"
	    " to_char(c.opens_on, 'YYYY-MM-DD') AS opens_on,"
	    " to_char(c.closes_on, 'YYYY-MM-DD') AS closes_on,"
	    " to_char((now() AT TIME ZONE s.timezone)::date, 'YYYY-MM-DD')"
	    " AS today, round(c.target_rate * 100)::text AS target_rate,"
	    " (SELECT string_agg(o.title, ' ; ' ORDER BY o.opens_on)"
	    "  FROM qualimetre.campaign o WHERE o.site_id = c.site_id"
	    "  AND o.kind = 'satisfaction' AND o.id <> c.id"
	    "  AND (now() AT TIME ZONE s.timezone)::date"
	    "  BETWEEN o.opens_on AND o.closes_on) AS others_open,"
	    /* Counted as they arrive (sql/043); paper is never set
	       aside. */
	    " (SELECT coalesce(sum(k.counted), 0)"
	    "  FROM qualimetre.response_count k"
	    "  WHERE k.campaign_id = c.id) AS responses,"
	    " (SELECT coalesce(sum(k.counted), 0)"
	    "  FROM qualimetre.response_slot_count k"
	    "  WHERE k.campaign_id = c.id AND k.channel = 'paper') AS paper"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE c.id = $1::bigint", 1 },
	/* Opening or closing: the new dates, if the old ones still hold. */
	[STMT_DATES] = { "campaigns_dates",
	    "UPDATE qualimetre.campaign SET opens_on = $2::date,"
	    " closes_on = $3::date"
	    " WHERE id = $1::bigint AND kind = 'satisfaction'"
	    " AND opens_on = $4::date AND closes_on = $5::date"
	    " RETURNING id", 5 },
	/* The campaign's own target rate, in %, or none (NULL). */
	[STMT_RATE] = { "campaigns_rate",
	    "UPDATE qualimetre.campaign SET target_rate = $2::numeric / 100"
	    " WHERE id = $1::bigint AND kind = 'satisfaction'"
	    " RETURNING id", 2 },
	/* A paper questionnaire: the response, its answers, then its
	   number (the campaign's paper questionnaires, withdrawn ones
	   included, as the list of cgi/referent/revisions.c numbers them),
	   in one pipelined transaction. */
	[STMT_PAPER_RESPONSE] = { "campaigns_paper_response",
	    "INSERT INTO qualimetre.response"
	    " (id, campaign_id, channel, entered_by, form_token)"
	    " VALUES ($1::uuid, $2::bigint, 'paper',"
	    " qualimetre.current_user_id(), $3)", 3 },
	[STMT_PAPER_ANSWERS] = { "campaigns_paper_answers",
	    "INSERT INTO qualimetre.answer"
	    " (response_id, campaign_id, question, value, text)"
	    " SELECT $1::uuid, $2::bigint, a.q, a.v, a.t"
	    " FROM unnest($3::text[], $4::text[], $5::text[]) AS a(q, v, t)",
	    5 },
	[STMT_PAPER_COUNT] = { "campaigns_paper_count",
	    "SELECT count(*) AS paper FROM qualimetre.response"
	    " WHERE campaign_id = $1::bigint AND channel = 'paper'", 1 },
};

struct campaigns {
	struct db		*db;
	struct staff		*staff;		/* the program's, for frames */
	struct formcache	*forms;
	size_t			 base;		/* our first statement */
	unsigned char		 key[TOKEN_KEY_LEN];
};

/* What can be wrong in the creation form, each next to its field. */
enum rc_err {
	E_SITE,
	E_FORM,
	E_TITLE,
	E_OPENS,
	E_CLOSES,
	E_PERIOD,		/* the two dates together */
	E_TARGET,
	E_RATE,			/* the target rate, in % */
	E__MAX
};
_Static_assert(E__MAX <= FIELDS_SLOTS_MAX, "too many error slots");

static const char *const rc_err_names[E__MAX] = {
	[E_SITE] = "Site",
	[E_FORM] = "Questionnaire",
	[E_TITLE] = "Titre",
	[E_OPENS] = "Ouverture",
	[E_CLOSES] = "Clôture",
	[E_PERIOD] = "Période",
	[E_TARGET] = "Objectif",
	[E_RATE] = "Objectif de satisfaction",
};

/* Where the summary's link for each error goes. */
static const char *const rc_err_anchors[E__MAX] = {
	[E_SITE] = "rc-site",
	[E_FORM] = "rc-form",
	[E_TITLE] = "rc-title",
	[E_OPENS] = "rc-opens",
	[E_CLOSES] = "rc-closes",
	[E_PERIOD] = "rc-opens",
	[E_TARGET] = "rc-target",
	[E_RATE] = "rc-rate",
};

/* The creation form as sent (or its defaults), checked. Strings point
   into the request or into the buffers below. */
struct rc_input {
	long long	 site;		/* 0: none or invalid */
	long long	 form;
	const char	*title;		/* as typed, or NULL */
	const char	*title_default;	/* the default the form showed */
	int		 title_auto;	/* title is the default: the form
					   carries it to be followed */
	const char	*opens_s;	/* as typed, or NULL */
	const char	*closes_s;
	const char	*target_s;	/* as typed, or NULL */
	long		 opens;		/* valid when opens_ok */
	long		 closes;
	int		 opens_ok;
	int		 closes_ok;
	long		 target;	/* 0: none */
	const char	*rate_s;	/* as typed, or NULL */
	long		 rate;		/* target rate in %, 0: none */
	struct fields_errors errs;	/* slots: enum rc_err */
	char		 buf_title[64];
	char		 buf_opens[CAL_DATE_LEN + 1];
	char		 buf_closes[CAL_DATE_LEN + 1];
};

struct rc_site {
	long long	 id;
	const char	*code;
	const char	*name;
	long		 today;
};

struct rc_form {
	long long	 id;
	const char	*key;
	const char	*title;
	const char	*version;
};

/* What the database says around the creation form (STMT_CONTEXT). */
struct rc_ctx {
	PGresult	*res;		/* the strings point into it */
	struct rc_site	*sites;
	size_t		 nsites;
	struct rc_form	*forms;
	size_t		 nforms;
	const char	**slugs;	/* of the chosen site */
	size_t		 nslugs;
};

/* A campaign as STMT_CAMPAIGN reads it. */
struct rc_campaign {
	long long	 id;
	long long	 form_id;
	int		 satisfaction;
	char		 title[256];
	char		 site[256];
	char		 opens_s[CAL_DATE_LEN + 1];
	char		 closes_s[CAL_DATE_LEN + 1];
	long		 opens;
	long		 closes;
	long		 today;
	long long	 responses;
	long long	 paper;
	char		 rate_s[8];	/* target rate in %, or "" */
	char		 others[256];	/* the titles of the site's other
					   satisfaction campaigns open
					   today, or "" */
};

struct campaigns *
campaigns_create(struct db *db, struct staff *staff, struct formcache *forms,
    const unsigned char *key)
{
	struct campaigns	*rc;

	rc = xcalloc(1, sizeof(*rc));
	rc->db = db;
	rc->staff = staff;
	rc->forms = forms;
	rc->base = db_register(db, rc_stmts, STMT__MAX);
	memcpy(rc->key, key, TOKEN_KEY_LEN);
	return rc;
}

void
campaigns_free(struct campaigns *rc)
{
	if (rc == NULL)
		return;
	free(rc);
}

/* ---------------------------------------------------------------- pages */

/* A message page; back to the campaign id when non-NULL, else home. */
static void
refused(struct campaigns *rc, struct resp *p, const struct staff_user *u,
    int status, const char *id, const char *title, const char *text)
{
	char	back[64];

	if (id != NULL) {
		snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", id);
		staff_page_message(rc->staff, p, u, status, title, text, back,
		    "Retour à la campagne");
	} else
		staff_page_message(rc->staff, p, u, status, title, text, HOME,
		    "Mes campagnes");
}

static void
unavailable(struct campaigns *rc, struct resp *p, const struct staff_user *u,
    const char *id)
{
	refused(rc, p, u, 503, id, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été modifié.");
}

static void
not_found(struct campaigns *rc, struct resp *p, const struct staff_user *u)
{
	refused(rc, p, u, 404, NULL, "Campagne introuvable", "Cette campagne "
	    "n’existe pas, ou n’est pas sur un site dont vous avez la "
	    "charge.");
}

/* Writes "N" with a narrow no-break space between thousands. */
static void
put_count(struct buf *b, long long n)
{
	char	digits[32];
	size_t	i, len;

	len = (size_t)snprintf(digits, sizeof(digits), "%lld", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0 && digits[0] != '-')
			buf_puts(b, "\xe2\x80\xaf");
		buf_putc(b, digits[i]);
	}
}

/* ---------------------------------------------------------------- input */

static int
v_site(void *arg, const char *v)
{
	struct rc_input	*in = arg;

	return fields_id(&in->errs, E_SITE, v, &in->site, "Choisissez un "
	    "site dans la liste.");
}

static int
v_form(void *arg, const char *v)
{
	struct rc_input	*in = arg;

	return fields_id(&in->errs, E_FORM, v, &in->form, BAD_FORM);
}

int
campaigns_title_check(struct fields_errors *errs, size_t slot, const char *v)
{
	return fields_text(errs, slot, v, TITLE_MAX, "Le titre");
}

int
campaigns_date_check(struct fields_errors *errs, size_t slot, const char *v,
    int closing, long *day)
{
	return fields_date(errs, slot, v, day, closing ? NO_CLOSES : NO_OPENS,
	    DATE_EXAMPLE);
}

int
campaigns_target_check(struct fields_errors *errs, size_t slot,
    const char *v, long *n)
{
	return fields_count(errs, slot, v, CAMPAIGNS_TARGET_MAX,
	    FIELDS_OPTIONAL, n, "L’objectif doit être un nombre entier de 1 "
	    "à 100 000 questionnaires, ou rester vide.");
}

static int
v_title(void *arg, const char *v)
{
	struct rc_input	*in = arg;

	in->title = v;
	return campaigns_title_check(&in->errs, E_TITLE, v);
}

static int
v_opens(void *arg, const char *v)
{
	struct rc_input	*in = arg;

	in->opens_s = v;
	in->opens_ok = campaigns_date_check(&in->errs, E_OPENS, v, 0,
	    &in->opens);
	return in->opens_ok;
}

static int
v_closes(void *arg, const char *v)
{
	struct rc_input	*in = arg;

	in->closes_s = v;
	in->closes_ok = campaigns_date_check(&in->errs, E_CLOSES, v, 1,
	    &in->closes);
	return in->closes_ok;
}

/* The default title the form showed, to tell it from a typed one. */
static int
v_title_default(void *arg, const char *v)
{
	struct rc_input	*in = arg;

	in->title_default = v;
	return campaigns_title_check(&in->errs, E_TITLE, v);
}

/* Optional: blank leaves no target. */
static int
v_target(void *arg, const char *v)
{
	struct rc_input	*in = arg;

	in->target_s = v;
	return campaigns_target_check(&in->errs, E_TARGET, v, &in->target);
}

/* Optional: blank leaves no target rate. */
static int
v_rate(void *arg, const char *v)
{
	struct rc_input	*in = arg;

	in->rate_s = v;
	return fields_count(&in->errs, E_RATE, v, 100, FIELDS_OPTIONAL,
	    &in->rate, RATE_BAD);
}

/* The fields of the creation form, each with its validator. */
static const struct fields_field rc_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "site",	v_site,		0, E_SITE },
	{ "form",	v_form,		0, E_FORM },
	{ "title",	v_title,	0, E_TITLE },
	{ "title_default", v_title_default, 0, E_TITLE },
	{ "opens_on",	v_opens,	0, E_OPENS },
	{ "closes_on",	v_closes,	0, E_CLOSES },
	{ "target",	v_target,	0, E_TARGET },
	{ "target_rate", v_rate,	0, E_RATE },
};
#define RC_NFIELDS	(sizeof(rc_fields) / sizeof(rc_fields[0]))

void
campaigns_period_check(struct fields_errors *errs, size_t slot, long opens,
    long closes)
{
	if (closes < opens)
		fields_fail(errs, slot, "La date de clôture ne peut pas "
		    "précéder la date d’ouverture.");
	else if (closes - opens + 1 > CAMPAIGNS_DAYS_MAX)
		fields_fail(errs, slot, "Une campagne dure au plus %d jours.",
		    CAMPAIGNS_DAYS_MAX);
}

/* The default title: "Enquête de satisfaction 2027". */
static void
default_title(long day, char *out, size_t size)
{
	int	y, m, d;

	cal_ymd(day, &y, &m, &d);
	snprintf(out, size, "Enquête de satisfaction %d", y);
}

/* Checks each field of a POST on its own, then what needs two. */
static void
read_input(const struct req *r, struct rc_input *in)
{
	struct fields_errors	*errs = &in->errs;

	fields_read(r, rc_fields, RC_NFIELDS, 0, in, errs);
	if (in->site == 0)
		fields_fail(errs, E_SITE, "Choisissez le site.");
	if (in->form == 0)
		fields_fail(errs, E_FORM, "Choisissez le questionnaire.");
	if (in->opens_s == NULL)
		fields_fail(errs, E_OPENS, "%s", NO_OPENS);
	if (in->closes_s == NULL)
		fields_fail(errs, E_CLOSES, "%s", NO_CLOSES);
	if (in->opens_ok && in->closes_ok)
		campaigns_period_check(errs, E_PERIOD, in->opens, in->closes);
	/*
	 * The default shown and left as it was follows the dates as saved
	 * (a campaign opening in April 2027 is of 2027); a blank title gets
	 * the default too; a title the referent typed stays.
	 */
	if (in->title != NULL && in->title_default != NULL &&
	    strcmp(in->title, in->title_default) == 0) {
		if (in->opens_ok)
			in->title = NULL;
		in->title_auto = 1;	/* still the default, shown again */
	}
	if ((in->title == NULL || utf8_blank(in->title)) &&
	    errs->error[E_TITLE] == NULL && in->opens_ok) {
		default_title(in->opens, in->buf_title, sizeof(in->buf_title));
		in->title = in->buf_title;
		in->title_auto = 1;
	} else if (in->title == NULL || utf8_blank(in->title))
		fields_fail(errs, E_TITLE, "Indiquez le titre de la campagne.");
}

/* ---------------------------------------------------------------- context */

static void
ctx_free(struct rc_ctx *c)
{
	free(c->sites);
	free(c->forms);
	free(c->slugs);
	PQclear(c->res);
	memset(c, 0, sizeof(*c));
}

/*
 * Reads the creation form's context, with the slugs of site (0: none).
 * Returns 0, or -1 when the database is unavailable (logged).
 */
static int
ctx_load(struct campaigns *rc, const struct staff_user *u, long long site,
    struct rc_ctx *c)
{
	const char	*params[1];
	const char	*what;
	char		 id[32], sqlstate[6], *cause = NULL;
	int		 i, n;

	memset(c, 0, sizeof(*c));
	snprintf(id, sizeof(id), "%lld", site);
	params[0] = site > 0 ? id : NULL;
	if (db_exec_as(rc->db, u->session, rc->base + STMT_CONTEXT, params,
	    &c->res, sqlstate, &cause) != DB_OK) {
		log_warnx("campaign form for %s: %s", u->login, cause);
		free(cause);
		return -1;
	}
	n = PQntuples(c->res);
	c->sites = xcalloc((size_t)n + 1, sizeof(*c->sites));
	c->forms = xcalloc((size_t)n + 1, sizeof(*c->forms));
	c->slugs = xcalloc((size_t)n + 1, sizeof(*c->slugs));
	for (i = 0; i < n; i++) {
		what = db_value(c->res, i, "what");
		if (strcmp(what, "site") == 0) {
			if (!http_id_parse(db_value(c->res, i, "id"),
			    &c->sites[c->nsites].id) ||
			    cal_parse(db_value(c->res, i, "c"),
			    &c->sites[c->nsites].today) == -1)
				continue;
			c->sites[c->nsites].code = db_value(c->res, i, "a");
			c->sites[c->nsites++].name = db_value(c->res, i, "b");
		} else if (strcmp(what, "form") == 0) {
			if (!http_id_parse(db_value(c->res, i, "id"),
			    &c->forms[c->nforms].id))
				continue;
			c->forms[c->nforms].key = db_value(c->res, i, "a");
			c->forms[c->nforms].title = db_value(c->res, i, "b");
			c->forms[c->nforms++].version = db_value(c->res, i, "c");
		} else if (strcmp(what, "slug") == 0)
			c->slugs[c->nslugs++] = db_value(c->res, i, "a");
	}
	return 0;
}

static const struct rc_site *
ctx_site(const struct rc_ctx *c, long long id)
{
	size_t	i;

	for (i = 0; i < c->nsites; i++)
		if (c->sites[i].id == id)
			return &c->sites[i];
	return NULL;
}

static int
ctx_has_form(const struct rc_ctx *c, long long id)
{
	size_t	i;

	for (i = 0; i < c->nforms; i++)
		if (c->forms[i].id == id)
			return 1;
	return 0;
}

static int
ctx_has_slug(const struct rc_ctx *c, const char *slug)
{
	size_t	i;

	for (i = 0; i < c->nslugs; i++)
		if (strcmp(c->slugs[i], slug) == 0)
			return 1;
	return 0;
}

/*
 * Writes the public slug of the n-th campaign of year at the site whose
 * code is code: "pref-41-2027", then "pref-41-2027-2"... Returns 0, or
 * -1 (out empty) when the code is not a site code or it does not fit.
 */
static int
make_slug(const char *code, int year, unsigned int n,
    char out[SLUG_MAX + 1])
{
	char	lower[SITE_CODE_MAX + 1];
	int	w;

	out[0] = '\0';
	if (n == 0 || n > 999 || site_code_lower(code, lower) == -1)
		return -1;
	if (n == 1)
		w = snprintf(out, SLUG_MAX + 1, "%s-%d", lower, year);
	else
		w = snprintf(out, SLUG_MAX + 1, "%s-%d-%u", lower, year, n);
	if (w < 0 || w > SLUG_MAX) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- form */

/* The errors at the top of the form, each linked to its field. */
static void
error_summary(struct buf *b, const struct rc_input *in)
{
	fields_summary(b, &in->errs, "Rien n’a été créé", rc_err_names,
	    rc_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
}

/* A text, date or number input in its group; label and hint are our
   own markup. */
static void
input(struct buf *b, const struct rc_input *in, enum rc_err e,
    const char *id, const char *name, const char *type, const char *attrs,
    const char *label, const char *hint, const char *value, int period)
{
	page_field_input(b, id, name, type, attrs, label, hint, value,
	    in->errs.error[e], period ? in->errs.error[E_PERIOD] : NULL,
	    "rc-period-error");
}

static void
select_open(struct buf *b, const struct rc_input *in, enum rc_err e,
    const char *id, const char *name, const char *label)
{
	buf_printf(b, "<div class=\"fr-select-group%s\">\n"
	    "<label class=\"fr-label\" for=\"%s\">%s</label>\n"
	    "<select class=\"fr-select%s\" id=\"%s\" name=\"%s\"",
	    in->errs.error[e] != NULL ? " fr-select-group--error" : "", id,
	    label, in->errs.error[e] != NULL ? " fr-select--error" : "", id,
	    name);
	page_field_described(b, in->errs.error[e], id, NULL,
	    NULL);
	buf_puts(b, ">\n");
}

static void
select_close(struct buf *b, const struct rc_input *in, enum rc_err e,
    const char *id)
{
	buf_puts(b, "</select>\n");
	page_field_error(b, in->errs.error[e], id);
	buf_puts(b, "</div>\n");
}

/* The creation form with what in holds and its errors. */
static void
new_page(struct campaigns *rc, struct resp *p, const struct staff_user *u,
    const struct rc_ctx *c,
    const struct rc_input *in)
{
	struct buf	*b = &p->body;
	char		 hint[512];
	long long	 n;
	size_t		 i;

	staff_page_open(rc->staff, p, u, in->errs.nerrors > 0 ? "Erreur – "
	    "Nouvelle campagne" : "Nouvelle campagne");
	page_back_link(b, HOME, "Mes campagnes");
	buf_puts(b, "<h1>Nouvelle enquête de satisfaction</h1>\n");
	if (in->errs.nerrors > 0)
		error_summary(b, in);
	if (c->nsites == 0) {
		buf_puts(b, "<p class=\"fr-text--lead\">Aucun site ne vous est "
		    "confié : demandez à un administrateur de vous rattacher "
		    "au site dont vous êtes le référent qualité.</p>\n");
		page_end(b);
		return;
	}
	if (c->nforms == 0) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--warning "
		    "fr-mb-4w\">\n<p>Aucun questionnaire de satisfaction n’est "
		    "chargé dans la base : demandez à un administrateur d’en "
		    "charger un (<code>forms/satisfaction.xml</code>).</p>\n"
		    "</div>\n");
		page_end(b);
		return;
	}
	buf_puts(b, "<p>Le questionnaire est accessible au public par un "
	    "lien et un code QR du jour d’ouverture au jour de clôture "
	    "inclus (dates du site). Les questionnaires papier peuvent "
	    "être saisis jusqu’à 30 jours après la clôture.</p>\n"
	    "<form method=\"post\" action=\"" NEW_PATH "\" novalidate>\n"
	    "<input type=\"hidden\" name=\"" STAFF_CSRF_FIELD "\" value=\"");
	html_puts(b, u->csrf);
	buf_puts(b, "\">\n");

	select_open(b, in, E_SITE, "rc-site", "site", "Site");
	for (i = 0; i < c->nsites; i++) {
		buf_printf(b, "<option value=\"%lld\"%s>", c->sites[i].id,
		    c->sites[i].id == in->site ? " selected" : "");
		html_puts(b, c->sites[i].name);
		buf_puts(b, " (");
		html_puts(b, c->sites[i].code);
		buf_puts(b, ")</option>\n");
	}
	select_close(b, in, E_SITE, "rc-site");

	select_open(b, in, E_FORM, "rc-form", "form", "Questionnaire");
	for (i = 0; i < c->nforms; i++) {
		buf_printf(b, "<option value=\"%lld\"%s>", c->forms[i].id,
		    c->forms[i].id == in->form ? " selected" : "");
		html_puts(b, c->forms[i].title);
		buf_puts(b, " (");
		html_puts(b, c->forms[i].key);
		buf_puts(b, ", version ");
		html_puts(b, c->forms[i].version);
		buf_puts(b, ")</option>\n");
	}
	select_close(b, in, E_FORM, "rc-form");

	input(b, in, E_TITLE, "rc-title", "title", "text",
	    " maxlength=\"200\" autocomplete=\"off\"", "Titre",
	    "Laissé tel quel ou vide : « Enquête de satisfaction » et "
	    "l’année d’ouverture.", in->title, 0);
	if (in->title_auto) {
		buf_puts(b, "<input type=\"hidden\" name=\"title_default\" "
		    "value=\"");
		html_puts(b, in->title);
		buf_puts(b, "\">\n");
	}

	buf_printf(b, "<fieldset class=\"fr-fieldset%s\" id=\"rc-period\" "
	    "aria-labelledby=\"rc-period-legend rc-period-messages\">\n"
	    "<legend class=\"fr-fieldset__legend\" id=\"rc-period-legend\">"
	    "Période\n<span class=\"fr-hint-text\">Au plus %d jours, "
	    "ouverture et clôture incluses.</span></legend>\n"
	    "<div class=\"fr-fieldset__element "
	    "fr-fieldset__element--inline\">\n", in->errs.error[E_PERIOD] !=
	    NULL ? " fr-fieldset--error" : "", CAMPAIGNS_DAYS_MAX);
	input(b, in, E_OPENS, "rc-opens", "opens_on", "date", "",
	    "Ouverture", NULL, in->opens_s, 1);
	buf_puts(b, "</div>\n<div class=\"fr-fieldset__element "
	    "fr-fieldset__element--inline\">\n");
	input(b, in, E_CLOSES, "rc-closes", "closes_on", "date", "",
	    "Clôture (incluse)", NULL, in->closes_s, 1);
	buf_puts(b, "</div>\n<div class=\"fr-messages-group\" "
	    "id=\"rc-period-messages\" aria-live=\"polite\">\n");
	if (in->errs.error[E_PERIOD] != NULL) {
		buf_puts(b, "<p class=\"fr-message fr-message--error\" "
		    "id=\"rc-period-error\">");
		html_puts(b, in->errs.error[E_PERIOD]);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</div>\n</fieldset>\n");

	/* The hint is computed, never typed: our own markup. */
	if (stats_sample_size(0.05, 0.95, 0.5, 0, &n) == 0)
		snprintf(hint, sizeof(hint), "Facultatif, de 1 à 100 000. "
		    "À titre indicatif, pour une marge d’erreur de ± 5 points : "
		    "%lld questionnaires (niveau de confiance de 95 %%).", n);
	else
		snprintf(hint, sizeof(hint), "Facultatif, de 1 à 100 000.");
	input(b, in, E_TARGET, "rc-target", "target", "number",
	    " inputmode=\"numeric\" min=\"1\" max=\"100000\" step=\"1\"",
	    "Objectif (nombre de questionnaires)", hint, in->target_s, 0);
	input(b, in, E_RATE, "rc-rate", "target_rate", "number",
	    " inputmode=\"numeric\" min=\"1\" max=\"100\" step=\"1\"",
	    "Objectif de satisfaction (%)", RATE_HINT, in->rate_s, 0);

	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Créer la "
	    "campagne</button>\n</form>\n");
	page_end(b);
}

/* The form's defaults, seen from the first site's today. */
static void
defaults(const struct rc_ctx *c, struct rc_input *in)
{
	long	today = c->sites[0].today;

	memset(in, 0, sizeof(*in));
	in->site = c->sites[0].id;
	in->form = c->nforms > 0 ? c->forms[0].id : 0;
	in->opens = today;
	in->closes = today + 29;
	in->opens_ok = in->closes_ok = 1;
	cal_format(in->opens, in->buf_opens);
	cal_format(in->closes, in->buf_closes);
	in->opens_s = in->buf_opens;
	in->closes_s = in->buf_closes;
	default_title(today, in->buf_title, sizeof(in->buf_title));
	in->title = in->buf_title;
	in->title_auto = 1;
}

/* GET and POST of CAMPAIGNS_PREFIX "/nouvelle". */
static void
create(struct campaigns *rc, const struct staff_user *u, struct req *r,
    struct resp *p)
{
	struct rc_ctx		 c;
	struct rc_input		 in;
	const struct rc_site	*site = NULL;
	const char		*params[8];
	PGresult		*res = NULL;
	char			 site_s[32], form_s[32], target_s[16], rate_s[8];
	char			 opens_s[CAL_DATE_LEN + 1];
	char			 closes_s[CAL_DATE_LEN + 1];
	char			 slug[SLUG_MAX + 1], sqlstate[6], *cause = NULL;
	unsigned int		 n, tries;
	int			 y, m, d;
	enum db_status		 st = DB_UNAVAILABLE;
	long long		 id;

	memset(&in, 0, sizeof(in));
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		refused(rc, p, u, 403, NULL, "Action refusée", "Cette demande ne "
		    "vient pas d’une page de ce service : rien n’a été créé.");
		return;
	}
	if (r->method == HTTP_POST)
		read_input(r, &in);
	if (ctx_load(rc, u, in.site, &c) == -1) {
		fields_free(&in.errs);
		unavailable(rc, p, u, NULL);
		return;
	}
	if (r->method != HTTP_POST) {
		if (c.nsites > 0)
			defaults(&c, &in);
		new_page(rc, p, u, &c, &in);
		goto out;
	}
	/* What only the database knows: the user's sites and forms. */
	if (in.site != 0 && (site = ctx_site(&c, in.site)) == NULL)
		fields_fail(&in.errs, E_SITE, "Choisissez un site dans la "
		    "liste : vous n’avez pas la charge de ce site.");
	if (in.form != 0 && !ctx_has_form(&c, in.form))
		fields_fail(&in.errs, E_FORM, "%s", BAD_FORM);
	if (in.errs.nerrors > 0 || (site = ctx_site(&c, in.site)) == NULL) {
		p->status = 400;
		new_page(rc, p, u, &c, &in);
		goto out;
	}

	snprintf(site_s, sizeof(site_s), "%lld", in.site);
	snprintf(form_s, sizeof(form_s), "%lld", in.form);
	snprintf(target_s, sizeof(target_s), "%ld", in.target);
	cal_format(in.opens, opens_s);
	cal_format(in.closes, closes_s);
	cal_ymd(in.opens, &y, &m, &d);
	params[0] = site_s;
	params[1] = form_s;
	params[2] = in.title;
	params[3] = opens_s;
	params[4] = closes_s;
	params[5] = in.target > 0 ? target_s : NULL;
	params[6] = slug;
	snprintf(rate_s, sizeof(rate_s), "%ld", in.rate);
	params[7] = in.rate > 0 ? rate_s : NULL;
	/* The first slug free among those the user sees; another site's
	   campaign may hold it still: then the next one. */
	for (n = 1; n <= 999; n++)
		if (make_slug(site->code, y, n, slug) == -1 ||
		    !ctx_has_slug(&c, slug))
			break;
	for (tries = 0; tries < SLUG_TRIES && n <= 999; tries++, n++) {
		if (make_slug(site->code, y, n, slug) == -1)
			break;
		free(cause);
		cause = NULL;
		st = db_exec_as(rc->db, u->session, rc->base + STMT_CREATE, params,
		    &res, sqlstate, &cause);
		if (st != DB_REFUSED || strcmp(sqlstate, "23505") != 0)
			break;
	}
	if (st == DB_OK && PQntuples(res) == 1 &&
	    http_id_parse(db_value(res, 0, "id"), &id)) {
		p->status = 303;
		xasprintf(&p->location, CAMPAIGNS_PREFIX "/%lld", id);
	} else if (st == DB_REFUSED && strcmp(sqlstate, "42501") == 0) {
		refused(rc, p, u, 403, NULL, "Création refusée", "Vous n’avez pas "
		    "la charge de ce site, ou ce questionnaire n’est pas un "
		    "questionnaire de satisfaction : rien n’a été créé.");
	} else {
		log_warnx("new campaign for %s: %s", u->login, cause != NULL ?
		    cause : "no slug left");
		refused(rc, p, u, st == DB_UNAVAILABLE ? 503 : 500, NULL,
		    "Service momentanément indisponible", "Réessayez dans "
		    "quelques instants : rien n’a été créé.");
	}
	PQclear(res);
	free(cause);
out:
	ctx_free(&c);
	fields_free(&in.errs);
}

/* ---------------------------------------------------------------- campaign */

/*
 * Loads campaign id as the user sees it. Returns 1, 0 when it is not
 * there (or not on the user's sites), -1 when the database is
 * unavailable (logged).
 */
static int
campaign_load(struct campaigns *rc, const struct staff_user *u,
    const char *id, struct rc_campaign *cp)
{
	const char	*params[1] = { id };
	PGresult	*res;
	char		 sqlstate[6], *cause = NULL;
	int		 found = 0;

	memset(cp, 0, sizeof(*cp));
	if (db_exec_as(rc->db, u->session, rc->base + STMT_CAMPAIGN, params, &res,
	    sqlstate, &cause) != DB_OK) {
		log_warnx("campaign %s for %s: %s", id, u->login, cause);
		free(cause);
		return -1;
	}
	if (PQntuples(res) == 1 && http_id_parse(db_value(res, 0, "id"), &cp->id) &&
	    http_id_parse(db_value(res, 0, "form_id"), &cp->form_id) &&
	    cal_parse(db_value(res, 0, "opens_on"), &cp->opens) == 0 &&
	    cal_parse(db_value(res, 0, "closes_on"), &cp->closes) == 0 &&
	    cal_parse(db_value(res, 0, "today"), &cp->today) == 0) {
		cp->satisfaction = strcmp(db_value(res, 0, "kind"),
		    "satisfaction") == 0;
		snprintf(cp->title, sizeof(cp->title), "%s",
		    db_value(res, 0, "title"));
		snprintf(cp->site, sizeof(cp->site), "%s", db_value(res, 0, "site"));
		snprintf(cp->opens_s, sizeof(cp->opens_s), "%s",
		    db_value(res, 0, "opens_on"));
		snprintf(cp->closes_s, sizeof(cp->closes_s), "%s",
		    db_value(res, 0, "closes_on"));
		cp->responses = strtoll(db_value(res, 0, "responses"), NULL, 10);
		cp->paper = strtoll(db_value(res, 0, "paper"), NULL, 10);
		snprintf(cp->rate_s, sizeof(cp->rate_s), "%s",
		    db_value(res, 0, "target_rate"));
		snprintf(cp->others, sizeof(cp->others), "%s",
		    db_value(res, 0, "others_open"));
		found = 1;
	}
	PQclear(res);
	return found;
}

/*
 * The dates campaign cp takes when opened (opening) or closed today,
 * in *opens and *closes. Returns 0, 1 when it is so already (nothing to
 * do), or -1 when it cannot be done, with the page's title and text.
 */
static int
new_dates(const struct rc_campaign *cp, int opening, long *opens,
    long *closes, const char **title, char *text, size_t size)
{
	if (opening) {
		if (cp->opens <= cp->today && cp->today <= cp->closes)
			return 1;		/* open already */
		/* From today, or reopened until the end of today. */
		*opens = cp->opens < cp->today ? cp->opens : cp->today;
		*closes = cp->closes > cp->today ? cp->closes : cp->today;
		if (*closes - *opens + 1 > CAMPAIGNS_DAYS_MAX) {
			*title = "Ouverture impossible";
			snprintf(text, size, "Rouverte aujourd’hui, cette "
			    "campagne durerait plus de %d jours : créez "
			    "plutôt une nouvelle campagne.",
			    CAMPAIGNS_DAYS_MAX);
			return -1;
		}
		return 0;
	}
	if (cp->closes < cp->today)
		return 1;			/* closed already */
	/* Closed from today: its last day was yesterday. */
	*opens = cp->opens;
	*closes = cp->today - 1;
	if (*opens > *closes) {
		*title = "Fermeture impossible";
		snprintf(text, size, "%s", cp->opens > cp->today ? "Cette "
		    "campagne n’est pas encore ouverte : il n’y a rien à "
		    "fermer." : "Cette campagne a ouvert aujourd’hui : elle "
		    "ne peut être fermée qu’à partir de demain, sa période "
		    "comptant au moins un jour.");
		return -1;
	}
	return 0;
}

/*
 * GET CAMPAIGNS_PREFIX "/<id>/ouvrir" and "/fermer": what the action
 * will do, to confirm with a POST, or why it cannot be done.
 */
static void
confirm_page(struct campaigns *rc, const struct staff_user *u,
    struct resp *p, const char *id, int opening)
{
	struct rc_campaign	 cp;
	struct buf		*b = &p->body;
	const char		*title = NULL;
	char			 text[512], date[CAL_DATE_LEN + 1];
	char			 back[64];
	long			 opens, closes;
	int			 found, rc_dates;

	if ((found = campaign_load(rc, u, id, &cp)) == -1) {
		unavailable(rc, p, u, id);
		return;
	}
	if (found == 0) {
		not_found(rc, p, u);
		return;
	}
	if (!cp.satisfaction) {
		refused(rc, p, u, 409, id, "Action impossible", "Seules les "
		    "enquêtes de satisfaction s’ouvrent et se ferment ici ; "
		    "les dates d’une campagne mystère suivent ses créneaux.");
		return;
	}
	rc_dates = new_dates(&cp, opening, &opens, &closes, &title, text,
	    sizeof(text));
	if (rc_dates == -1) {
		refused(rc, p, u, 409, id, title, text);
		return;
	}
	if (rc_dates == 1) {
		refused(rc, p, u, 409, id, opening ? "Campagne déjà ouverte" :
		    "Campagne déjà fermée", opening ? "Cette campagne est déjà "
		    "ouverte : il n’y a rien à faire." : "Cette campagne est "
		    "déjà fermée : il n’y a rien à faire.");
		return;
	}
	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", id);
	staff_page_open(rc->staff, p, u, opening ? "Ouvrir la campagne" :
	    "Fermer la campagne");
	page_back_link(b, back, "Retour à la campagne");
	buf_printf(b, "<h1>%s la campagne ?</h1>\n<p class=\"fr-text--lead\">"
	    "« ", opening ? "Ouvrir" : "Fermer");
	html_puts(b, cp.title);
	buf_puts(b, " » (");
	html_puts(b, cp.site);
	buf_puts(b, ")</p>\n");
	cal_format(closes, date);
	if (opening && cp.others[0] != '\0') {
		buf_puts(b, "<div class=\"fr-alert fr-alert--warning fr-mb-4w\">"
		    "\n<h2 class=\"fr-alert__title\">Une autre enquête est "
		    "déjà ouverte sur ce site</h2>\n<p>« ");
		html_puts(b, cp.others);
		buf_puts(b, " » reçoit déjà les réponses du public : ouvrez "
		    "celle-ci seulement si les deux doivent courir en même "
		    "temps.</p>\n</div>\n");
	}
	buf_puts(b, "<p>");
	if (opening) {
		buf_puts(b, "Le questionnaire sera accessible au public dès "
		    "aujourd’hui et jusqu’au ");
		page_date(b, date);
		buf_puts(b, " inclus.");
	} else {
		buf_puts(b, "Le questionnaire ne sera plus accessible au public "
		    "dès aujourd’hui : le dernier jour de la campagne sera le ");
		page_date(b, date);
		buf_printf(b, ". Les questionnaires papier pourront encore être "
		    "saisis pendant %d jours.", CAMPAIGNS_PAPER_GRACE);
	}
	buf_printf(b, "</p>\n<form method=\"post\" action=\""
	    CAMPAIGNS_PREFIX "/%s/%s\">\n", id, opening ? "ouvrir" : "fermer");
	staff_csrf_input(b, u);
	buf_printf(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md\">"
	    "\n<li><button class=\"fr-btn\" type=\"submit\">Confirmer "
	    "%s</button></li>\n<li><a class=\"fr-btn fr-btn--secondary\" "
	    "href=\"%s\">Annuler</a></li>\n</ul>\n</form>\n",
	    opening ? "l’ouverture" : "la fermeture", back);
	page_end(b);
}

/* POST CAMPAIGNS_PREFIX "/<id>/ouvrir" and "/fermer". */
static void
open_close(struct campaigns *rc, const struct staff_user *u,
    const struct req *r, struct resp *p, const char *id, int opening)
{
	struct rc_campaign	 cp;
	const char		*params[5], *title = NULL;
	PGresult		*res = NULL;
	char			 opens_s[CAL_DATE_LEN + 1];
	char			 closes_s[CAL_DATE_LEN + 1];
	char			 sqlstate[6], text[512], *cause = NULL;
	long			 opens, closes;
	int			 found, rc_dates;
	enum db_status		 st;

	if (!staff_csrf_ok(u, r)) {
		refused(rc, p, u, 403, id, "Action refusée", "Cette demande ne "
		    "vient pas d’une page de ce service : rien n’a été "
		    "modifié.");
		return;
	}
	if ((found = campaign_load(rc, u, id, &cp)) == -1) {
		unavailable(rc, p, u, id);
		return;
	}
	if (found == 0) {
		not_found(rc, p, u);
		return;
	}
	if (!cp.satisfaction) {
		refused(rc, p, u, 409, id, "Action impossible", "Seules les "
		    "enquêtes de satisfaction s’ouvrent et se ferment ici ; "
		    "les dates d’une campagne mystère suivent ses créneaux.");
		return;
	}
	rc_dates = new_dates(&cp, opening, &opens, &closes, &title, text,
	    sizeof(text));
	if (rc_dates == 1)
		goto done;
	if (rc_dates == -1) {
		refused(rc, p, u, 409, id, title, text);
		return;
	}
	if (cal_format(opens, opens_s) == -1 ||
	    cal_format(closes, closes_s) == -1) {
		refused(rc, p, u, 409, id, "Action impossible", "Ces dates ne "
		    "peuvent pas être enregistrées.");
		return;
	}
	params[0] = id;
	params[1] = opens_s;
	params[2] = closes_s;
	params[3] = cp.opens_s;
	params[4] = cp.closes_s;
	st = db_exec_as(rc->db, u->session, rc->base + STMT_DATES, params, &res,
	    sqlstate, &cause);
	if (st == DB_REFUSED && strcmp(sqlstate, "42501") == 0) {
		refused(rc, p, u, 403, id, "Action refusée", "Vous n’avez pas la "
		    "charge de cette campagne : rien n’a été modifié.");
		goto out;
	}
	if (st != DB_OK) {
		log_warnx("%s %s for %s: %s", opening ? "open" : "close", id,
		    u->login, cause);
		unavailable(rc, p, u, id);
		goto out;
	}
	if (PQntuples(res) != 1) {
		refused(rc, p, u, 409, id, "Campagne modifiée entre-temps",
		    "Ses dates ont changé depuis l’affichage de la page : "
		    "rien n’a été modifié. Vérifiez-les, puis réessayez.");
		goto out;
	}
done:
	p->status = 303;
	xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s?%s", id, opening ?
	    "ouverte" : "fermee");
out:
	PQclear(res);
	free(cause);
}

/* The fields of the target rate's form. */
static const struct fields_field rate_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "target_rate", v_rate,	0, E_RATE },
};
#define RATE_NFIELDS	(sizeof(rate_fields) / sizeof(rate_fields[0]))

/*
 * GET and POST CAMPAIGNS_PREFIX "/<id>/objectif": the campaign's own
 * target rate, which every criterion without a target of its form's is
 * held against; blank removes it.
 */
static void
rate(struct campaigns *rc, const struct staff_user *u, struct req *r,
    struct resp *p, const char *id)
{
	struct rc_campaign	 cp;
	struct rc_input		 in;
	struct buf		*b = &p->body;
	const char		*params[2];
	PGresult		*res = NULL;
	char			 rate_s[8], back[64], sqlstate[6];
	char			*cause = NULL;
	int			 found;
	enum db_status		 st;

	memset(&in, 0, sizeof(in));
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		refused(rc, p, u, 403, id, "Action refusée", "Cette demande ne "
		    "vient pas d’une page de ce service : rien n’a été "
		    "modifié.");
		return;
	}
	if ((found = campaign_load(rc, u, id, &cp)) == -1) {
		unavailable(rc, p, u, id);
		return;
	}
	if (found == 0) {
		not_found(rc, p, u);
		return;
	}
	if (!cp.satisfaction) {
		refused(rc, p, u, 409, id, "Action impossible", "Les objectifs "
		    "d’une campagne mystère sont ceux de son référentiel.");
		return;
	}
	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", id);
	in.rate_s = cp.rate_s;
	if (r->method == HTTP_POST) {
		in.rate_s = NULL;
		fields_read(r, rate_fields, RATE_NFIELDS, 0, &in, &in.errs);
		if (in.errs.nerrors == 0) {
			snprintf(rate_s, sizeof(rate_s), "%ld", in.rate);
			params[0] = id;
			params[1] = in.rate > 0 ? rate_s : NULL;
			st = db_exec_as(rc->db, u->session, rc->base + STMT_RATE,
			    params, &res, sqlstate, &cause);
			if (st == DB_OK && PQntuples(res) == 1) {
				p->status = 303;
				xasprintf(&p->location, "%s?objectif", back);
			} else if (st == DB_OK || st == DB_REFUSED)
				refused(rc, p, u, 403, id, "Action refusée",
				    "Vous n’avez pas la charge de cette "
				    "campagne : rien n’a été modifié.");
			else {
				log_warnx("target rate of %s for %s: %s", id,
				    u->login, cause);
				unavailable(rc, p, u, id);
			}
			PQclear(res);
			free(cause);
			goto out;
		}
		p->status = 400;
	}
	staff_page_open(rc->staff, p, u, in.errs.nerrors > 0 ? "Erreur – "
	    "Objectif de satisfaction" : "Objectif de satisfaction");
	page_back_link(b, back, "Retour à la campagne");
	buf_puts(b, "<h1>Objectif de satisfaction</h1>\n"
	    "<p class=\"fr-text--lead\">« ");
	html_puts(b, cp.title);
	buf_puts(b, " » (");
	html_puts(b, cp.site);
	buf_puts(b, ")</p>\n");
	if (in.errs.nerrors > 0)
		fields_summary(b, &in.errs, "Rien n’a été modifié",
		    rc_err_names, rc_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_printf(b, "<form method=\"post\" action=\"%s/objectif\" "
	    "novalidate>\n", back);
	staff_csrf_input(b, u);
	input(b, &in, E_RATE, "rc-rate", "target_rate", "number",
	    " inputmode=\"numeric\" min=\"1\" max=\"100\" step=\"1\"",
	    "Objectif de satisfaction (%)", RATE_HINT " Laissé vide : pas "
	    "d’objectif.", in.rate_s, 0);
	buf_printf(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md\">"
	    "\n<li><button class=\"fr-btn\" type=\"submit\">Enregistrer"
	    "</button></li>\n<li><a class=\"fr-btn fr-btn--secondary\" "
	    "href=\"%s\">Annuler</a></li>\n</ul>\n</form>\n", back);
	page_end(b);
out:
	fields_free(&in.errs);
}

/* ---------------------------------------------------------------- paper */

/*
 * Where " autofocus" goes in a questionnaire rendered into q: the error
 * summary when there is one, else the first field a person fills in
 * (after the last hidden input, the first <input> or <textarea>).
 * Returns the offset just after the element's name, or 0 for none.
 */
static size_t
focus_offset(const struct buf *q)
{
	const char	*s, *form, *in, *ta, *hit;

	if (q->data == NULL)
		return 0;
	if ((s = strstr(q->data, "<div class=\"fr-alert fr-alert--error"))
	    != NULL)
		return (size_t)(s - q->data) + sizeof("<div") - 1;
	if ((form = strstr(q->data, "<form ")) == NULL)
		return 0;
	for (in = strstr(form, "<input "); in != NULL &&
	    strncmp(in, "<input type=\"hidden\"",
	    sizeof("<input type=\"hidden\"") - 1) == 0;
	    in = strstr(in + 1, "<input "))
		;		/* the token fields */
	ta = strstr(form, "<textarea ");
	hit = in == NULL || (ta != NULL && ta < in) ? ta : in;
	if (hit == NULL)
		return 0;
	return (size_t)(hit - q->data) + (hit == ta ? sizeof("<textarea") :
	    sizeof("<input")) - 1;
}

/* The paper form of campaign cp, with a note of what was just saved. */
static void
paper_page(struct campaigns *rc, struct resp *p, const struct staff_user *u,
    const struct rc_campaign *cp, const struct form *f, const char *token,
    const struct answerset *s, const char *saved, int again,
    const char *alert_title, const char *alert_text)
{
	struct buf	*b = &p->body, q = { 0 };
	char		 action[64], back[64];
	size_t		 at;

	snprintf(action, sizeof(action), CAMPAIGNS_PREFIX "/%lld/papier",
	    cp->id);
	staff_page_open(rc->staff, p, u, s != NULL && s->nerrors > 0 ? "Erreur – Saisie d’un "
	    "questionnaire papier" : "Saisie d’un questionnaire papier");
	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%lld", cp->id);
	page_back_link(b, back, cp->title);
	if (saved != NULL || again) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--success "
		    "fr-alert--sm fr-mb-4w\" role=\"status\">\n<p>");
		if (saved != NULL) {
			buf_puts(b, "Questionnaire n° ");
			html_puts(b, saved);
			buf_puts(b, " enregistré.");
		} else
			buf_puts(b, "Ce questionnaire était déjà enregistré : "
			    "rien n’a été ajouté.");
		buf_puts(b, " Saisissez le suivant.</p>\n</div>\n");
	}
	buf_puts(b, "<p class=\"fr-text--lead\">Saisie des questionnaires "
	    "papier — ");
	html_puts(b, cp->site);
	buf_puts(b, " — ");
	put_count(b, cp->paper);
	buf_printf(b, " questionnaire%s papier saisi%s, ", cp->paper > 1 ?
	    "s" : "", cp->paper > 1 ? "s" : "");
	put_count(b, cp->responses);
	buf_printf(b, " réponse%s en tout.</p>\n", cp->responses > 1 ?
	    "s" : "");
	buf_printf(b, "<p><a class=\"fr-link fr-icon-list-unordered "
	    "fr-link--icon-left\" href=\"" CAMPAIGNS_PREFIX "/%lld/papier/"
	    "saisis\">Questionnaires déjà saisis : les revoir, les corriger ou "
	    "les retirer</a></p>\n", cp->id);
	buf_puts(b, "<p class=\"fr-text--sm\">Au clavier : Tab passe d’une "
	    "question à l’autre, les flèches choisissent une réponse, "
	    "Entrée enregistre le questionnaire et ouvre un formulaire vide "
	    "pour le suivant.</p>\n");

	render_questionnaire_staff(&q, f, action, token, u->csrf, s,
	    alert_title, alert_text, NULL);
	at = focus_offset(&q);
	if (at > 0) {
		buf_put(b, q.data, at);
		buf_puts(b, " autofocus");
		buf_put(b, q.data + at, q.len - at);
	} else if (q.len > 0)
		buf_put(b, q.data, q.len);
	buf_free(&q);
	page_end(b);
}

/*
 * Loads campaign id for typing paper questionnaires into *cp and its
 * form into *f. Returns 1, or 0 when p already says why not: not there,
 * not a questionnaire, not open yet, closed too long ago, unavailable.
 */
static int
paper_campaign(struct campaigns *rc, const struct staff_user *u,
    struct resp *p, const char *id, struct rc_campaign *cp,
    const struct form **f)
{
	char	text[512];
	int	found;

	if ((found = campaign_load(rc, u, id, cp)) == -1) {
		unavailable(rc, p, u, id);
		return 0;
	}
	if (found == 0 || !cp->satisfaction) {
		refused(rc, p, u, 404, found == 0 ? NULL : id, "Saisie papier "
		    "impossible", found == 0 ? "Cette campagne n’existe pas, "
		    "ou n’est pas sur un site dont vous avez la charge." :
		    "Seules les enquêtes de satisfaction ont des "
		    "questionnaires papier.");
		return 0;
	}
	if (cp->today < cp->opens) {
		refused(rc, p, u, 403, id, "Campagne pas encore ouverte", "Les "
		    "questionnaires papier d’une campagne se saisissent à "
		    "partir de son ouverture.");
		return 0;
	}
	if (cp->today > cp->closes + CAMPAIGNS_PAPER_GRACE) {
		snprintf(text, sizeof(text), "Les questionnaires papier se "
		    "saisissent jusqu’à %d jours après la clôture de la "
		    "campagne : ce délai est passé, rien ne peut plus y être "
		    "ajouté.", CAMPAIGNS_PAPER_GRACE);
		refused(rc, p, u, 403, id, "Saisie close", text);
		return 0;
	}
	if ((*f = formcache_get(rc->forms, cp->form_id)) == NULL) {
		refused(rc, p, u, 503, id, "Service momentanément indisponible",
		    "Le questionnaire ne peut pas être affiché pour le "
		    "moment.");
		return 0;
	}
	return 1;
}

/*
 * Stores the checked answers s of one paper questionnaire of campaign
 * id in one transaction, and says how it went: on to the next one, or
 * the form again.
 */
static void
paper_store(struct campaigns *rc, const struct staff_user *u,
    struct resp *p, const char *id, const struct rc_campaign *cp,
    const struct form *f, const struct answerset *s)
{
	struct answer_rows	 rows;
	const char		*p0[3], *p1[5], *p2[1], *const *pp[3];
	const size_t		 seq[3] = { rc->base + STMT_PAPER_RESPONSE,
				    rc->base + STMT_PAPER_ANSWERS,
				    rc->base + STMT_PAPER_COUNT };
	PGresult		*res = NULL;
	char			 uuid[37], sqlstate[6], *cause = NULL;
	enum db_status		 st;

	answers_make(&rows, s, NULL, NULL, 0);
	token_uuid(uuid);
	p0[0] = uuid;
	p0[1] = id;
	p0[2] = s->token;
	p1[0] = uuid;
	p1[1] = id;
	p1[2] = rows.questions.data;
	p1[3] = rows.values.data;
	p1[4] = rows.texts.data;
	p2[0] = id;
	pp[0] = p0;
	pp[1] = p1;
	pp[2] = p2;
	st = db_exec_as_seq(rc->db, u->session, 3, seq, pp, &res, sqlstate,
	    &cause);
	answers_free(&rows);
	if (st == DB_OK && PQntuples(res) == 1) {
		p->status = 303;
		xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/papier?"
		    "enregistre=%lld", id, strtoll(db_value(res, 0, "paper"), NULL,
		    10));
	} else if (st == DB_REFUSED && strcmp(sqlstate, "23505") == 0) {
		/* This form was sent already (a double Enter). */
		p->status = 303;
		xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/papier?deja",
		    id);
	} else if (st == DB_REFUSED && strcmp(sqlstate, "42501") == 0) {
		refused(rc, p, u, 403, id, "Saisie refusée", "Cette campagne "
		    "n’accepte plus de questionnaires papier, ou n’est pas sur "
		    "un site dont vous avez la charge : rien n’a été "
		    "enregistré.");
	} else {
		log_warnx("paper for %s in %s: %s", u->login, id, cause);
		p->status = st == DB_UNAVAILABLE ? 503 : 500;
		paper_page(rc, p, u, cp, f, s->token, s, NULL, 0, "Rien n’a "
		    "encore été enregistré", "Le service est momentanément "
		    "indisponible. Les réponses sont conservées ci-dessous : "
		    "enregistrez-les à nouveau dans quelques instants.");
	}
	PQclear(res);
	free(cause);
}

/* GET and POST of CAMPAIGNS_PREFIX "/<id>/papier". */
static void
paper(struct campaigns *rc, const struct staff_user *u, struct req *r,
    struct resp *p, const char *id)
{
	struct rc_campaign	 cp;
	const struct form	*f;
	const struct http_field	*hf;
	struct answerset	 s;
	char			 token[TOKEN_LEN + 1];
	const char		*saved = NULL;
	long long		 n;

	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		refused(rc, p, u, 403, id, "Action refusée", "Cette demande ne "
		    "vient pas d’une page de ce service : rien n’a été "
		    "enregistré.");
		return;
	}
	if (!paper_campaign(rc, u, p, id, &cp, &f))
		return;
	if (r->method != HTTP_POST) {
		if ((hf = http_field_get(r, "enregistre")) != NULL &&
		    http_id_parse(hf->val, &n))
			saved = hf->val;
		token_issue(rc->key, cp.id, token);
		paper_page(rc, p, u, &cp, f, token, NULL, saved,
		    http_field_get(r, "deja") != NULL, NULL, NULL);
		return;
	}
	if (http_field_get(r, STAFF_REVIEW_FIELD) != NULL) {
		/* Held through a login: shown again, filled in, not stored. */
		valid_answers_prefilled(f, NULL, r->fields, r->nfields, &s);
		if (s.token == NULL || !token_check(rc->key, cp.id, s.token))
			token_issue(rc->key, cp.id, token);
		else
			snprintf(token, sizeof(token), "%s", s.token);
		paper_page(rc, p, u, &cp, f, token, &s, NULL, 0, "Votre saisie "
		    "vous attend", "Vous êtes reconnecté : voici le "
		    "questionnaire que vous aviez envoyé quand votre session a "
		    "expiré. Rien n’est encore enregistré : vérifiez, puis "
		    "enregistrez.");
		valid_answers_free(&s);
		return;
	}
	valid_answers(f, r->fields, r->nfields, &s);
	if (s.token == NULL || !token_check(rc->key, cp.id, s.token)) {
		token_issue(rc->key, cp.id, token);
		p->status = 400;
		paper_page(rc, p, u, &cp, f, token, &s, NULL, 0, "Ce formulaire a "
		    "expiré", "Rien n’a été enregistré ; les réponses sont "
		    "conservées ci-dessous : vérifiez-les puis enregistrez.");
	} else if (s.nerrors > 0) {
		p->status = 400;
		paper_page(rc, p, u, &cp, f, s.token, &s, NULL, 0, NULL, NULL);
	} else
		paper_store(rc, u, p, id, &cp, f, &s);
	valid_answers_free(&s);
}

/* ---------------------------------------------------------------- router */

int
campaigns_handle(struct campaigns *rc, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	char	id[32], action[16], tail;
	int	n;

	if (strncmp(r->path, CAMPAIGNS_PREFIX "/",
	    sizeof(CAMPAIGNS_PREFIX "/") - 1) != 0)
		return 0;
	if (strcmp(r->path, NEW_PATH) == 0) {
		if (r->method == HTTP_OTHER) {
			p->status = 405;
			p->allow = "GET, HEAD, POST";
			return 1;
		}
		if (u->role == STAFF_ENQUIRER)
			refused(rc, p, u, 403, NULL, "Accès réservé", "Cet espace "
			    "est réservé aux référents qualité.");
		else
			create(rc, u, r, p);
		return 1;
	}
	n = sscanf(r->path, CAMPAIGNS_PREFIX "/%18[0-9]/%15[a-z]%c", id,
	    action, &tail);
	if (n != 2 || !http_id_parse(id, NULL))
		return 0;
	if (strcmp(action, "ouvrir") == 0 || strcmp(action, "fermer") == 0) {
		if (r->method == HTTP_OTHER) {
			p->status = 405;
			p->allow = "GET, HEAD, POST";
			return 1;
		}
		if (u->role == STAFF_ENQUIRER)
			not_found(rc, p, u);
		else if (r->method == HTTP_POST)
			open_close(rc, u, r, p, id, action[0] == 'o');
		else
			confirm_page(rc, u, p, id, action[0] == 'o');
		return 1;
	}
	if (strcmp(action, "objectif") == 0) {
		if (r->method == HTTP_OTHER) {
			p->status = 405;
			p->allow = "GET, HEAD, POST";
			return 1;
		}
		if (u->role == STAFF_ENQUIRER)
			not_found(rc, p, u);
		else
			rate(rc, u, r, p, id);
		return 1;
	}
	if (strcmp(action, "papier") == 0) {
		if (r->method == HTTP_OTHER) {
			p->status = 405;
			p->allow = "GET, HEAD, POST";
			return 1;
		}
		if (u->role == STAFF_ENQUIRER)
			not_found(rc, p, u);
		else
			paper(rc, u, r, p, id);
		return 1;
	}
	return 0;
}
