/* A satisfaction campaign's edits, cancellation, archiving, restoring;
   a mystery campaign's archiving and restoring (its slots: slots.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "cal.h"
#include "campaigns.h"
#include "db.h"
#include "fields.h"
#include "html.h"
#include "http.h"
#include "lifecycle.h"
#include "log.h"
#include "page.h"
#include "staff.h"
#include "utf8.h"
#include "xmalloc.h"

#define TITLE_MAX	200		/* characters, as the schema says */
#define SLUG_MIN	3
#define SLUG_MAX	63
#define BAD_SLUG	"L’adresse compte de 3 à 63 caractères : lettres " \
			"minuscules sans accent, chiffres et tirets, sans " \
			"tiret au début."
#define FORGED		"Cette demande ne vient pas d’une page de ce " \
			"service : rien n’a été modifié."

enum stmt {
	STMT_CAMPAIGN,
	STMT_SLUG_FREE,
	STMT_EDIT,
	STMT_CANCEL,
	STMT_ARCHIVE,
	STMT_RESTORE,
	STMT_ARCHIVE_MYSTERY,
	STMT_RESTORE_MYSTERY,
	STMT_ARCHIVED,
	STMT__MAX
};

/* Who did it, for the audit log: the logged-in user (sql/007). */
#define WHO \
	"qualimetre.current_user_id(), (SELECT l.login" \
	" FROM qualimetre.app_user l" \
	" WHERE l.id = qualimetre.current_user_id())"

static const struct db_stmt lc_stmts[STMT__MAX] = {
	/*
	 * A campaign of the user's sites (the policies hide the others),
	 * its site's today, the day of its first response and that of its
	 * last web response (paper ones are typed after the closing).
	 */
	[STMT_CAMPAIGN] = { "lifecycle_campaign",
	    "SELECT c.id, c.kind, c.title, s.name AS site, c.slug,"
	    " to_char(c.opens_on, 'YYYY-MM-DD') AS opens_on,"
	    " to_char(c.closes_on, 'YYYY-MM-DD') AS closes_on,"
	    " coalesce(c.target_count::text, '') AS target, c.status,"
	    " to_char(t.today, 'YYYY-MM-DD') AS today,"
	    " to_char(min((r.submitted_at AT TIME ZONE s.timezone)::date),"
	    "  'YYYY-MM-DD') AS first_day,"
	    " to_char(max((r.submitted_at AT TIME ZONE s.timezone)::date)"
	    "  FILTER (WHERE r.channel = 'web'), 'YYYY-MM-DD') AS last_web_day"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE s.timezone)::date"
	    "  AS today) t"
	    " LEFT JOIN qualimetre.response r ON r.campaign_id = c.id"
	    " WHERE c.id = $1::bigint"
	    " GROUP BY c.id, s.id, t.today", 1 },
	/* Whether slug $1 may become campaign $2's (sql/032). */
	[STMT_SLUG_FREE] = { "lifecycle_slug_free",
	    "SELECT qualimetre.slug_free($1, $2::bigint) AS free", 2 },
	/*
	 * The edit, if the campaign is active still, the slug free and no
	 * response outside the new period (a web one after the closing);
	 * the former slug kept, the audit row with what changed.
	 */
	[STMT_EDIT] = { "lifecycle_edit",
	    "WITH old AS (SELECT c.id, c.title, c.opens_on, c.closes_on,"
	    "  c.target_count, c.slug, s.timezone FROM qualimetre.campaign c"
	    "  JOIN qualimetre.site s ON s.id = c.site_id"
	    "  WHERE c.id = $1::bigint AND c.kind = 'satisfaction'"
	    "  AND c.status = 'active'),"
	    " u AS (UPDATE qualimetre.campaign c SET title = $2::text,"
	    "  opens_on = $3::date, closes_on = $4::date,"
	    "  target_count = $5::int, slug = $6::text FROM old"
	    "  WHERE c.id = old.id AND qualimetre.slug_free($6::text, c.id)"
	    "  AND NOT EXISTS (SELECT 1 FROM qualimetre.response r"
	    "   WHERE r.campaign_id = old.id"
	    "   AND ((r.submitted_at AT TIME ZONE old.timezone)::date"
	    "    < $3::date OR (r.channel = 'web'"
	    "    AND (r.submitted_at AT TIME ZONE old.timezone)::date"
	    "    > $4::date)))"
	    "  RETURNING c.id),"
	    " f AS (INSERT INTO qualimetre.campaign_former_slug"
	    "  (slug, campaign_id) SELECT old.slug, old.id FROM old"
	    "  JOIN u ON u.id = old.id WHERE old.slug <> $6::text"
	    "  ON CONFLICT (slug) DO NOTHING),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail) SELECT " WHO ","
	    "  'campaign-edit', left('campaign ' || old.id || ': ' ||"
	    "  concat_ws('; ',"
	    "  CASE WHEN old.title <> $2::text THEN"
	    "   format('title %L -> %L', old.title, $2::text) END,"
	    "  CASE WHEN old.opens_on <> $3::date THEN format('opens_on %s"
	    " -> %s', old.opens_on, $3::date) END,"
	    "  CASE WHEN old.closes_on <> $4::date THEN format('closes_on %s"
	    " -> %s', old.closes_on, $4::date) END,"
	    "  CASE WHEN old.target_count IS DISTINCT FROM $5::int THEN"
	    "   format('target_count %s -> %s', coalesce(old.target_count::text,"
	    "   'none'), coalesce($5::int::text, 'none')) END,"
	    "  CASE WHEN old.slug <> $6::text THEN format('slug %s -> %s"
	    " (kept as a redirect)', old.slug, $6::text) END), 1000)"
	    "  FROM old JOIN u ON u.id = old.id)"
	    " SELECT id FROM u", 6 },
	/* Cancelling an active campaign, with its reason $2: a mystery one
	   too (the policies of sql/032). */
	[STMT_CANCEL] = { "lifecycle_cancel",
	    "WITH u AS (UPDATE qualimetre.campaign c SET status = 'cancelled',"
	    "  status_at = now(), status_by = qualimetre.current_user_id(),"
	    "  status_reason = $2::text, cancelled_at = now()"
	    "  WHERE c.id = $1::bigint AND c.status = 'active'"
	    "  RETURNING c.id),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail) SELECT " WHO ","
	    "  'campaign-cancel', left(format('campaign %s: active"
	    " -> cancelled, reason %L', u.id, $2::text), 1000) FROM u)"
	    " SELECT id FROM u", 2 },
	/* Archiving a cancelled campaign, or an active one that ended. */
	[STMT_ARCHIVE] = { "lifecycle_archive",
	    "WITH u AS (UPDATE qualimetre.campaign c SET status = 'archived',"
	    "  status_at = now(), status_by = qualimetre.current_user_id()"
	    "  FROM qualimetre.site s"
	    "  WHERE c.id = $1::bigint AND s.id = c.site_id"
	    "  AND c.kind = 'satisfaction' AND (c.status = 'cancelled'"
	    "  OR (c.status = 'active'"
	    "  AND c.closes_on < (now() AT TIME ZONE s.timezone)::date))"
	    "  RETURNING c.id, c.cancelled_at IS NOT NULL AS cancelled),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail) SELECT " WHO ","
	    "  'campaign-archive', format('campaign %s: %s -> archived', u.id,"
	    "  CASE WHEN u.cancelled THEN 'cancelled' ELSE 'active' END)"
	    "  FROM u)"
	    " SELECT id FROM u", 1 },
	/* Restoring an archived campaign to what it was: cancelled stays. */
	[STMT_RESTORE] = { "lifecycle_restore",
	    "WITH u AS (UPDATE qualimetre.campaign c SET status = CASE WHEN"
	    "  c.cancelled_at IS NOT NULL THEN 'cancelled' ELSE 'active' END,"
	    "  status_at = now(), status_by = qualimetre.current_user_id()"
	    "  WHERE c.id = $1::bigint AND c.kind = 'satisfaction'"
	    "  AND c.status = 'archived' RETURNING c.id, c.status),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail) SELECT " WHO ","
	    "  'campaign-restore', format('campaign %s: archived -> %s', u.id,"
	    "  u.status) FROM u)"
	    " SELECT id FROM u", 1 },
	/* A mystery campaign's, through sql/042: one row when done. */
	[STMT_ARCHIVE_MYSTERY] = { "lifecycle_archive_mystery",
	    "SELECT $1::bigint AS id"
	    " WHERE qualimetre.mystery_campaign_archive($1::bigint, true)", 1 },
	[STMT_RESTORE_MYSTERY] = { "lifecycle_restore_mystery",
	    "SELECT $1::bigint AS id"
	    " WHERE qualimetre.mystery_campaign_archive($1::bigint, false)", 1 },
	/* The archived campaigns of the user's sites (the policies). */
	[STMT_ARCHIVED] = { "lifecycle_archived",
	    "SELECT c.id, c.title, s.name AS site,"
	    " to_char(c.opens_on, 'YYYY-MM-DD') AS opens_on,"
	    " to_char(c.closes_on, 'YYYY-MM-DD') AS closes_on,"
	    " (c.cancelled_at IS NOT NULL) AS cancelled,"
	    " coalesce(c.status_reason, '') AS reason"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE c.status = 'archived'"
	    " ORDER BY c.closes_on DESC, c.id DESC", 0 },
};

struct lifecycle {
	struct db	*db;
	struct staff	*staff;
	size_t		 base;		/* our first statement */
};

/* What can be wrong in the edit and cancel forms. */
enum lc_err {
	E_TITLE,
	E_OPENS,
	E_CLOSES,
	E_PERIOD,		/* the two dates together */
	E_TARGET,
	E_SLUG,
	E_REASON,
	E__MAX
};
_Static_assert(E__MAX <= FIELDS_SLOTS_MAX, "too many error slots");

static const char *const lc_err_names[E__MAX] = {
	[E_TITLE] = "Titre",
	[E_OPENS] = "Ouverture",
	[E_CLOSES] = "Clôture",
	[E_PERIOD] = "Période",
	[E_TARGET] = "Objectif",
	[E_SLUG] = "Adresse",
	[E_REASON] = "Motif",
};

static const char *const lc_err_anchors[E__MAX] = {
	[E_TITLE] = "lc-title",
	[E_OPENS] = "lc-opens",
	[E_CLOSES] = "lc-closes",
	[E_PERIOD] = "lc-opens",
	[E_TARGET] = "lc-target",
	[E_SLUG] = "lc-slug",
	[E_REASON] = "lc-reason",
};

/* A campaign as STMT_CAMPAIGN reads it. */
struct lc_campaign {
	int		 satisfaction;
	char		 title[TITLE_MAX * 4 + 1];
	char		 site[256];
	char		 slug[SLUG_MAX + 1];
	char		 opens_s[CAL_DATE_LEN + 1];
	char		 closes_s[CAL_DATE_LEN + 1];
	char		 target_s[16];
	char		 status[16];
	char		 first_s[CAL_DATE_LEN + 1];	/* or "" */
	char		 last_web_s[CAL_DATE_LEN + 1];	/* or "" */
	long		 opens;
	long		 closes;
	long		 today;
	long		 first;		/* valid when first_s is set */
	long		 last_web;
};

/* The edit and cancel forms as sent, checked. */
struct lc_input {
	const char	*title;
	const char	*opens_s;
	const char	*closes_s;
	const char	*target_s;
	const char	*slug;
	const char	*reason;
	long		 opens;
	long		 closes;
	int		 opens_ok;
	int		 closes_ok;
	long		 target;	/* 0: none */
	struct fields_errors errs;	/* slots: enum lc_err */
};

struct lifecycle *
lifecycle_create(struct db *db, struct staff *staff)
{
	struct lifecycle	*lc;

	lc = xcalloc(1, sizeof(*lc));
	lc->db = db;
	lc->staff = staff;
	lc->base = db_register(db, lc_stmts, STMT__MAX);
	return lc;
}

void
lifecycle_free(struct lifecycle *lc)
{
	free(lc);
}

/* ---------------------------------------------------------------- pages */

/* A message page, back to campaign id when non-NULL, else home. */
static void
refused(struct lifecycle *lc, struct resp *p, const struct staff_user *u,
    int status, const char *id, const char *title, const char *text)
{
	char	back[64];

	if (id != NULL) {
		snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", id);
		staff_page_message(lc->staff, p, u, status, title, text, back,
		    "Retour à la campagne");
	} else
		staff_page_message(lc->staff, p, u, status, title, text,
		    "/referent/", "Mes campagnes");
}

static void
unavailable(struct lifecycle *lc, struct resp *p, const struct staff_user *u,
    const char *id)
{
	refused(lc, p, u, 503, id, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été modifié.");
}

/*
 * Loads campaign id as the user sees it into cp. Returns 1, 0 when it
 * is not there (or not on the user's sites: 404 written), -1 when the
 * database is unavailable (503 written).
 */
static int
campaign_load(struct lifecycle *lc, const struct staff_user *u,
    struct resp *p, const char *id, struct lc_campaign *cp)
{
	const char	*params[1] = { id };
	PGresult	*res = NULL;
	char		 sqlstate[6];
	int		 found = 0;

	memset(cp, 0, sizeof(*cp));
	if (db_exec_as_logged(lc->db, u->session, u->login, lc->base +
	    STMT_CAMPAIGN, "campaign lifecycle", params, &res, sqlstate) !=
	    DB_OK) {
		unavailable(lc, p, u, id);
		return -1;
	}
	if (PQntuples(res) == 1 &&
	    cal_parse(db_value(res, 0, "opens_on"), &cp->opens) == 0 &&
	    cal_parse(db_value(res, 0, "closes_on"), &cp->closes) == 0 &&
	    cal_parse(db_value(res, 0, "today"), &cp->today) == 0) {
		cp->satisfaction = strcmp(db_value(res, 0, "kind"),
		    "satisfaction") == 0;
		snprintf(cp->title, sizeof(cp->title), "%s",
		    db_value(res, 0, "title"));
		snprintf(cp->site, sizeof(cp->site), "%s",
		    db_value(res, 0, "site"));
		snprintf(cp->slug, sizeof(cp->slug), "%s",
		    db_value(res, 0, "slug"));
		snprintf(cp->opens_s, sizeof(cp->opens_s), "%s",
		    db_value(res, 0, "opens_on"));
		snprintf(cp->closes_s, sizeof(cp->closes_s), "%s",
		    db_value(res, 0, "closes_on"));
		snprintf(cp->target_s, sizeof(cp->target_s), "%s",
		    db_value(res, 0, "target"));
		snprintf(cp->status, sizeof(cp->status), "%s",
		    db_value(res, 0, "status"));
		if (cal_parse(db_value(res, 0, "first_day"), &cp->first) == 0)
			cal_format(cp->first, cp->first_s);
		if (cal_parse(db_value(res, 0, "last_web_day"),
		    &cp->last_web) == 0)
			cal_format(cp->last_web, cp->last_web_s);
		found = 1;
	} else
		refused(lc, p, u, 404, NULL, "Campagne introuvable", "Cette "
		    "campagne n’existe pas, ou n’est pas sur un site dont vous "
		    "avez la charge.");
	PQclear(res);
	return found;
}

/* The campaign's title and site, under a page's heading. */
static void
lead(struct buf *b, const struct lc_campaign *cp)
{
	buf_puts(b, "<p class=\"fr-text--lead\">« ");
	html_puts(b, cp->title);
	buf_puts(b, " » (");
	html_puts(b, cp->site);
	buf_puts(b, ")</p>\n");
}

/* ---------------------------------------------------------------- input */

static int
v_title(void *arg, const char *v)
{
	struct lc_input	*in = arg;

	in->title = v;
	return campaigns_title_check(&in->errs, E_TITLE, v);
}

static int
v_opens(void *arg, const char *v)
{
	struct lc_input	*in = arg;

	in->opens_s = v;
	in->opens_ok = campaigns_date_check(&in->errs, E_OPENS, v, 0,
	    &in->opens);
	return in->opens_ok;
}

static int
v_closes(void *arg, const char *v)
{
	struct lc_input	*in = arg;

	in->closes_s = v;
	in->closes_ok = campaigns_date_check(&in->errs, E_CLOSES, v, 1,
	    &in->closes);
	return in->closes_ok;
}

static int
v_target(void *arg, const char *v)
{
	struct lc_input	*in = arg;

	in->target_s = v;
	return campaigns_target_check(&in->errs, E_TARGET, v, &in->target);
}

/* The public address: what the schema's CHECK and the survey accept. */
static int
v_slug(void *arg, const char *v)
{
	struct lc_input	*in = arg;
	size_t		 i, len = strlen(v);

	in->slug = v;
	if (len < SLUG_MIN || len > SLUG_MAX || v[0] == '-')
		goto bad;
	for (i = 0; i < len; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') ||
		    (v[i] >= '0' && v[i] <= '9') || v[i] == '-'))
			goto bad;
	return 1;
bad:
	fields_fail(&in->errs, E_SLUG, "%s", BAD_SLUG);
	return 0;
}

static int
v_reason(void *arg, const char *v)
{
	struct lc_input	*in = arg;

	in->reason = v;
	return fields_text(&in->errs, E_REASON, v, LIFECYCLE_REASON_MAX,
	    "Le motif");
}

static const struct fields_field edit_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "title",	v_title,	0, E_TITLE },
	{ "opens_on",	v_opens,	0, E_OPENS },
	{ "closes_on",	v_closes,	0, E_CLOSES },
	{ "target",	v_target,	0, E_TARGET },
	{ "slug",	v_slug,		0, E_SLUG },
};
#define EDIT_NFIELDS	(sizeof(edit_fields) / sizeof(edit_fields[0]))

static const struct fields_field cancel_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "reason",	v_reason,	0, E_REASON },
};
#define CANCEL_NFIELDS	(sizeof(cancel_fields) / sizeof(cancel_fields[0]))

/*
 * Checks an edit against the campaign cp: what must be there, the
 * period as at creation (campaigns_period_check), and the responses it
 * holds: the opening cannot move after the first, the closing cannot
 * move before the last web one.
 */
static void
edit_check(const struct lc_campaign *cp, struct lc_input *in)
{
	struct fields_errors	*errs = &in->errs;

	if (in->title == NULL || utf8_blank(in->title))
		fields_fail(errs, E_TITLE, "Indiquez le titre de la "
		    "campagne.");
	if (in->opens_s == NULL)
		campaigns_date_check(errs, E_OPENS, "", 0, &in->opens);
	if (in->closes_s == NULL)
		campaigns_date_check(errs, E_CLOSES, "", 1, &in->closes);
	if (in->slug == NULL)
		fields_fail(errs, E_SLUG, "%s", BAD_SLUG);
	if (in->opens_ok && in->closes_ok)
		campaigns_period_check(errs, E_PERIOD, in->opens, in->closes);
	if (in->opens_ok && cp->first_s[0] != '\0' && in->opens > cp->first)
		fields_fail(errs, E_OPENS, "Des réponses sont arrivées dès le "
		    "%s : l’ouverture ne peut pas être placée après ce jour.",
		    cp->first_s);
	if (in->closes_ok && cp->last_web_s[0] != '\0' &&
	    in->closes < cp->last_web)
		fields_fail(errs, E_CLOSES, "Des réponses en ligne sont "
		    "arrivées jusqu’au %s : la clôture ne peut pas être placée "
		    "avant ce jour.", cp->last_web_s);
}

/* ---------------------------------------------------------------- edit */

static void
edit_page(struct lifecycle *lc, struct resp *p, const struct staff_user *u,
    const char *id, const struct lc_campaign *cp, const struct lc_input *in)
{
	struct buf	*b = &p->body;
	const char	*period = in->errs.error[E_PERIOD];
	char		 back[64], hint[128];

	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", id);
	staff_page_open(lc->staff, p, u, in->errs.nerrors > 0 ? "Erreur – "
	    "Modifier la campagne" : "Modifier la campagne");
	page_back_link(b, back, "Retour à la campagne");
	buf_puts(b, "<h1>Modifier la campagne</h1>\n");
	lead(b, cp);
	fields_summary(b, &in->errs, "Rien n’a été modifié", lc_err_names,
	    lc_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
	if (cp->first_s[0] != '\0') {
		buf_puts(b, "<p>Des réponses sont déjà arrivées : l’ouverture "
		    "ne peut pas être placée après le ");
		page_date(b, cp->first_s);
		if (cp->last_web_s[0] != '\0') {
			buf_puts(b, ", ni la clôture avant le ");
			page_date(b, cp->last_web_s);
		}
		buf_puts(b, ".</p>\n");
	}
	buf_printf(b, "<form method=\"post\" action=\"%s/modifier\" "
	    "novalidate>\n", back);
	staff_csrf_input(b, u);
	page_field_input(b, "lc-title", "title", "text",
	    " maxlength=\"200\" autocomplete=\"off\"", "Titre", NULL,
	    in->title, in->errs.error[E_TITLE], NULL, NULL);
	snprintf(hint, sizeof(hint), "Au plus %d jours, ouverture et clôture "
	    "incluses.", CAMPAIGNS_DAYS_MAX);
	page_fieldset_open(b, "lc-period", "Période", hint, period);
	buf_puts(b, "<div class=\"fr-fieldset__element "
	    "fr-fieldset__element--inline\">\n");
	page_field_input(b, "lc-opens", "opens_on", "date", "", "Ouverture",
	    NULL, in->opens_s, in->errs.error[E_OPENS], period,
	    "lc-period-error");
	buf_puts(b, "</div>\n<div class=\"fr-fieldset__element "
	    "fr-fieldset__element--inline\">\n");
	page_field_input(b, "lc-closes", "closes_on", "date", "",
	    "Clôture (incluse)", NULL, in->closes_s,
	    in->errs.error[E_CLOSES], period, "lc-period-error");
	buf_puts(b, "</div>\n");
	page_fieldset_close(b, "lc-period", period);
	page_field_input(b, "lc-target", "target", "number",
	    " inputmode=\"numeric\" min=\"1\" max=\"100000\" step=\"1\"",
	    "Objectif (nombre de questionnaires)", "Facultatif, de 1 à "
	    "100 000.", in->target_s, in->errs.error[E_TARGET], NULL, NULL);
	page_field_input(b, "lc-slug", "slug", "text",
	    " maxlength=\"63\" autocomplete=\"off\" spellcheck=\"false\"",
	    "Adresse du questionnaire", "La fin du lien public, après "
	    "« /enquete/ » : lettres minuscules sans accent, chiffres et tirets. L’ancienne adresse reste "
	    "valable et mène à la nouvelle : les codes QR déjà imprimés "
	    "fonctionnent toujours.", in->slug,
	    in->errs.error[E_SLUG], NULL, NULL);
	buf_printf(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md\">"
	    "\n<li><button class=\"fr-btn\" type=\"submit\">Enregistrer"
	    "</button></li>\n<li><a class=\"fr-btn fr-btn--secondary\" "
	    "href=\"%s\">Annuler</a></li>\n</ul>\n</form>\n", back);
	page_end(b);
}

/*
 * Whether the campaign may still be changed: 1, or 0 (409 written). A
 * mystery one may be cancelled (cancelling non-zero), not edited.
 */
static int
changeable(struct lifecycle *lc, struct resp *p, const struct staff_user *u,
    const char *id, const struct lc_campaign *cp, int cancelling)
{
	if (!cp->satisfaction && !cancelling) {
		refused(lc, p, u, 409, id, "Action impossible", "Seules les "
		    "enquêtes de satisfaction se modifient ici ; les créneaux "
		    "d’une campagne mystère se déplacent depuis sa page.");
		return 0;
	}
	if (strcmp(cp->status, "active") != 0) {
		refused(lc, p, u, 409, id, "Action impossible", strcmp(
		    cp->status, "cancelled") == 0 ? "Cette campagne est "
		    "annulée : elle ne se modifie plus." : "Cette campagne "
		    "est archivée : restaurez-la d’abord.");
		return 0;
	}
	return 1;
}

/* GET and POST CAMPAIGNS_PREFIX "/<id>/modifier". */
static void
edit(struct lifecycle *lc, const struct staff_user *u, struct req *r,
    struct resp *p, const char *id)
{
	struct lc_campaign	 cp;
	struct lc_input		 in;
	const char		*params[6];
	PGresult		*res = NULL;
	char			 opens_s[CAL_DATE_LEN + 1];
	char			 closes_s[CAL_DATE_LEN + 1];
	char			 target_s[16], sqlstate[6];
	enum db_status		 st;

	memset(&in, 0, sizeof(in));
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		refused(lc, p, u, 403, id, "Action refusée", FORGED);
		return;
	}
	if (campaign_load(lc, u, p, id, &cp) != 1 ||
	    !changeable(lc, p, u, id, &cp, 0))
		return;
	if (r->method != HTTP_POST) {
		in.title = cp.title;
		in.opens_s = cp.opens_s;
		in.closes_s = cp.closes_s;
		in.target_s = cp.target_s;
		in.slug = cp.slug;
		edit_page(lc, p, u, id, &cp, &in);
		return;
	}
	fields_read(r, edit_fields, EDIT_NFIELDS, 0, &in, &in.errs);
	edit_check(&cp, &in);
	if (in.errs.error[E_SLUG] == NULL && strcmp(in.slug, cp.slug) != 0) {
		params[0] = in.slug;
		params[1] = id;
		st = db_exec_as_logged(lc->db, u->session, u->login,
		    lc->base + STMT_SLUG_FREE, "slug check", params, &res,
		    sqlstate);
		if (st != DB_OK) {
			unavailable(lc, p, u, id);
			goto out;
		}
		if (strcmp(db_value(res, 0, "free"), "t") != 0)
			fields_fail(&in.errs, E_SLUG, "Cette adresse est déjà "
			    "celle d’une autre campagne, ou l’a été : "
			    "choisissez-en une autre.");
		PQclear(res);
		res = NULL;
	}
	if (in.errs.nerrors > 0) {
		p->status = 400;
		edit_page(lc, p, u, id, &cp, &in);
		goto out;
	}
	cal_format(in.opens, opens_s);
	cal_format(in.closes, closes_s);
	snprintf(target_s, sizeof(target_s), "%ld", in.target);
	params[0] = id;
	params[1] = in.title;
	params[2] = opens_s;
	params[3] = closes_s;
	params[4] = in.target > 0 ? target_s : NULL;
	params[5] = in.slug;
	st = db_exec_as_logged(lc->db, u->session, u->login,
	    lc->base + STMT_EDIT, "campaign edit", params, &res, sqlstate);
	if (st == DB_OK && PQntuples(res) == 1) {
		p->status = 303;
		xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s?modifiee", id);
	} else if (st == DB_OK || (st == DB_REFUSED &&
	    strcmp(sqlstate, "23505") == 0))
		refused(lc, p, u, 409, id, "Campagne modifiée entre-temps",
		    "Elle a changé, ou a reçu des réponses, depuis l’affichage "
		    "de la page : rien n’a été modifié. Vérifiez-la, puis "
		    "réessayez.");
	else if (st == DB_REFUSED)
		refused(lc, p, u, 403, id, "Action refusée", "Vous n’avez pas "
		    "la charge de cette campagne : rien n’a été modifié.");
	else
		unavailable(lc, p, u, id);
out:
	PQclear(res);
	fields_free(&in.errs);
}

/* ---------------------------------------------------------------- cancel */

static void
cancel_page(struct lifecycle *lc, struct resp *p, const struct staff_user *u,
    const char *id, const struct lc_campaign *cp, const struct lc_input *in)
{
	struct buf	*b = &p->body;
	const char	*error = in->errs.error[E_REASON];
	char		 back[64];

	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", id);
	staff_page_open(lc->staff, p, u, in->errs.nerrors > 0 ? "Erreur – "
	    "Annuler la campagne" : "Annuler la campagne");
	page_back_link(b, back, "Retour à la campagne");
	buf_puts(b, "<h1>Annuler la campagne ?</h1>\n");
	lead(b, cp);
	fields_summary(b, &in->errs, "Rien n’a été modifié", lc_err_names,
	    lc_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_puts(b, cp->satisfaction ? "<p>Le questionnaire ne sera plus "
	    "accessible au public, et aucun questionnaire papier ne pourra "
	    "plus être saisi. Les réponses déjà reçues" : "<p>Les enquêteurs "
	    "ne pourront plus enregistrer ni corriger de contact. Les contacts "
	    "déjà enregistrés");
	buf_puts(b, " et les résultats restent consultables ; la campagne "
	    "apparaîtra comme « Annulée », avec son motif. Une annulation "
	    "est définitive.</p>\n");
	buf_printf(b, "<form method=\"post\" action=\"%s/annuler\" "
	    "novalidate>\n", back);
	staff_csrf_input(b, u);
	buf_printf(b, "<div class=\"fr-input-group%s\">\n<label "
	    "class=\"fr-label\" for=\"lc-reason\">Motif de l’annulation<span "
	    "class=\"fr-hint-text\">Tel qu’il sera affiché avec la campagne "
	    "(%d à %d caractères).</span></label>\n<textarea "
	    "class=\"fr-input%s\" id=\"lc-reason\" name=\"reason\" rows=\"3\" "
	    "maxlength=\"%d\"", error != NULL ? " fr-input-group--error" : "",
	    LIFECYCLE_REASON_MIN, LIFECYCLE_REASON_MAX, error != NULL ?
	    " fr-input--error" : "", LIFECYCLE_REASON_MAX);
	page_field_described(b, error, "lc-reason", NULL, NULL);
	buf_puts(b, ">");
	if (in->reason != NULL)
		html_puts(b, in->reason);
	buf_puts(b, "</textarea>\n");
	page_field_error(b, error, "lc-reason");
	buf_printf(b, "</div>\n<ul class=\"fr-btns-group "
	    "fr-btns-group--inline-md\">\n<li><button class=\"fr-btn\" "
	    "type=\"submit\">Confirmer l’annulation</button></li>\n<li><a "
	    "class=\"fr-btn fr-btn--secondary\" href=\"%s\">Garder la "
	    "campagne</a></li>\n</ul>\n</form>\n", back);
	page_end(b);
}

/* GET and POST CAMPAIGNS_PREFIX "/<id>/annuler". */
static void
cancel(struct lifecycle *lc, const struct staff_user *u, struct req *r,
    struct resp *p, const char *id)
{
	struct lc_campaign	 cp;
	struct lc_input		 in;
	const char		*params[2];
	PGresult		*res = NULL;
	char			 sqlstate[6];
	enum db_status		 st;

	memset(&in, 0, sizeof(in));
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		refused(lc, p, u, 403, id, "Action refusée", FORGED);
		return;
	}
	if (campaign_load(lc, u, p, id, &cp) != 1 ||
	    !changeable(lc, p, u, id, &cp, 1))
		return;
	if (r->method != HTTP_POST) {
		cancel_page(lc, p, u, id, &cp, &in);
		return;
	}
	fields_read(r, cancel_fields, CANCEL_NFIELDS, 0, &in, &in.errs);
	if (in.errs.error[E_REASON] == NULL && (in.reason == NULL ||
	    utf8_length(in.reason, strlen(in.reason)) < LIFECYCLE_REASON_MIN ||
	    utf8_blank(in.reason)))
		fields_fail(&in.errs, E_REASON, "Indiquez le motif de "
		    "l’annulation, en %d caractères au moins.",
		    LIFECYCLE_REASON_MIN);
	if (in.errs.nerrors > 0) {
		p->status = 400;
		cancel_page(lc, p, u, id, &cp, &in);
		goto out;
	}
	params[0] = id;
	params[1] = in.reason;
	st = db_exec_as_logged(lc->db, u->session, u->login,
	    lc->base + STMT_CANCEL, "campaign cancel", params, &res, sqlstate);
	if (st == DB_OK && PQntuples(res) == 1) {
		p->status = 303;
		xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s?annulee", id);
	} else if (st == DB_OK)
		refused(lc, p, u, 409, id, "Campagne modifiée entre-temps",
		    "Elle a changé depuis l’affichage de la page : rien n’a été "
		    "modifié.");
	else if (st == DB_REFUSED)
		refused(lc, p, u, 403, id, "Action refusée", "Vous n’avez pas "
		    "la charge de cette campagne : rien n’a été modifié.");
	else
		unavailable(lc, p, u, id);
out:
	PQclear(res);
	fields_free(&in.errs);
}

/* ---------------------------------------------------------------- archive */

/* POST CAMPAIGNS_PREFIX "/<id>/archiver" and "/restaurer". */
static void
archive(struct lifecycle *lc, const struct staff_user *u,
    const struct req *r, struct resp *p, const char *id, int restoring)
{
	struct lc_campaign	 cp;
	const char		*params[1] = { id };
	PGresult		*res = NULL;
	char			 sqlstate[6];
	enum db_status		 st;

	if (r->method != HTTP_POST) {
		p->status = 405;
		p->allow = "POST";
		return;
	}
	if (!staff_csrf_ok(u, r)) {
		refused(lc, p, u, 403, id, "Action refusée", FORGED);
		return;
	}
	if (campaign_load(lc, u, p, id, &cp) != 1)
		return;
	if (restoring && strcmp(cp.status, "archived") != 0) {
		refused(lc, p, u, 409, id, "Campagne non archivée", "Cette "
		    "campagne n’est pas archivée : il n’y a rien à restaurer.");
		return;
	}
	if (!restoring && strcmp(cp.status, "archived") == 0) {
		refused(lc, p, u, 409, id, "Campagne déjà archivée", "Cette "
		    "campagne est déjà archivée : il n’y a rien à faire.");
		return;
	}
	if (!restoring && strcmp(cp.status, "active") == 0 &&
	    cp.closes >= cp.today) {
		refused(lc, p, u, 409, id, "Archivage impossible", "Cette "
		    "campagne n’est pas terminée : fermez-la ou annulez-la "
		    "avant de l’archiver.");
		return;
	}
	st = db_exec_as_logged(lc->db, u->session, u->login, lc->base +
	    (cp.satisfaction ? (restoring ? STMT_RESTORE : STMT_ARCHIVE) :
	    (restoring ? STMT_RESTORE_MYSTERY : STMT_ARCHIVE_MYSTERY)),
	    restoring ?
	    "campaign restore" : "campaign archive", params, &res, sqlstate);
	if (st == DB_OK && PQntuples(res) == 1) {
		p->status = 303;
		xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s?%s", id,
		    restoring ? "restauree" : "archivee");
	} else if (st == DB_OK)
		refused(lc, p, u, 409, id, "Campagne modifiée entre-temps",
		    "Elle a changé depuis l’affichage de la page : rien n’a été "
		    "modifié.");
	else if (st == DB_REFUSED)
		refused(lc, p, u, 403, id, "Action refusée", "Vous n’avez pas "
		    "la charge de cette campagne : rien n’a été modifié.");
	else
		unavailable(lc, p, u, id);
	PQclear(res);
}

/* A button that posts to CAMPAIGNS_PREFIX "/<id>/<action>". */
static void
post_button(struct buf *b, const struct staff_user *u, const char *id,
    const char *action, const char *label, const char *extra)
{
	buf_puts(b, "<form method=\"post\" action=\"" CAMPAIGNS_PREFIX "/");
	html_puts(b, id);
	buf_printf(b, "/%s\">\n", action);
	staff_csrf_input(b, u);
	buf_printf(b, "<button class=\"fr-btn fr-btn--secondary%s\" "
	    "type=\"submit\">%s</button>\n</form>\n", extra, label);
}

/* GET LIFECYCLE_ARCHIVED. */
static void
archived(struct lifecycle *lc, const struct staff_user *u, struct resp *p)
{
	struct buf	*b = &p->body;
	PGresult	*res = NULL;
	char		 sqlstate[6];
	const char	*id;
	int		 i, n;

	if (db_exec_as_logged(lc->db, u->session, u->login, lc->base +
	    STMT_ARCHIVED, "archived campaigns", NULL, &res, sqlstate) !=
	    DB_OK) {
		unavailable(lc, p, u, NULL);
		return;
	}
	p->no_store = 1;
	staff_page_open(lc->staff, p, u, "Campagnes archivées");
	page_back_link(b, "/referent/", "Mes campagnes");
	buf_puts(b, "<h1>Campagnes archivées</h1>\n<p>Une campagne archivée "
	    "ne figure plus dans « Mes campagnes » ; ses réponses et ses "
	    "résultats sont conservés. Restaurée, elle y revient.</p>\n");
	n = PQntuples(res);
	if (n == 0) {
		buf_puts(b, "<p class=\"fr-text--lead\">Aucune campagne "
		    "archivée.</p>\n");
		goto out;
	}
	buf_puts(b, "<div class=\"fr-table\">\n" HTML_TABLE_BOXES
	    "<table>\n<caption>Campagnes archivées des sites dont vous avez "
	    "la charge</caption>\n<thead><tr><th scope=\"col\">Campagne</th>"
	    "<th scope=\"col\">Site</th><th scope=\"col\">Période</th>"
	    "<th scope=\"col\">État</th><th scope=\"col\">Action</th></tr>"
	    "</thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		id = db_value(res, i, "id");
		buf_puts(b, "<tr><td><a href=\"" CAMPAIGNS_PREFIX "/");
		html_puts(b, id);
		buf_puts(b, "\">");
		html_puts(b, db_value(res, i, "title"));
		buf_puts(b, "</a></td><td>");
		html_puts(b, db_value(res, i, "site"));
		buf_puts(b, "</td><td>du ");
		page_date(b, db_value(res, i, "opens_on"));
		buf_puts(b, " au ");
		page_date(b, db_value(res, i, "closes_on"));
		buf_puts(b, "</td><td>");
		if (strcmp(db_value(res, i, "cancelled"), "t") == 0) {
			buf_puts(b, "Annulée : ");
			html_puts(b, db_value(res, i, "reason"));
		} else
			buf_puts(b, "Terminée");
		buf_puts(b, "</td><td>");
		post_button(b, u, id, "restaurer", "Restaurer",
		    " fr-btn--sm");
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
out:
	page_end(b);
	PQclear(res);
}

/* ---------------------------------------------------------------- page */

void
lifecycle_actions(struct buf *b, const struct staff_user *u, const char *id,
    const char *status, int ended)
{
	int	active = strcmp(status, "active") == 0;

	if (active) {
		buf_puts(b, "<ul class=\"fr-btns-group "
		    "fr-btns-group--inline-md fr-mb-2w\">\n<li><a "
		    "class=\"fr-btn fr-btn--secondary\" href=\""
		    CAMPAIGNS_PREFIX "/");
		html_puts(b, id);
		buf_puts(b, "/modifier\">Modifier la campagne</a></li>\n"
		    "<li><a class=\"fr-btn fr-btn--tertiary\" href=\""
		    CAMPAIGNS_PREFIX "/");
		html_puts(b, id);
		buf_puts(b, "/annuler\">Annuler la campagne</a></li>\n</ul>\n");
	}
	lifecycle_archive_button(b, u, id, status, ended);
}

void
lifecycle_archive_button(struct buf *b, const struct staff_user *u,
    const char *id, const char *status, int ended)
{
	if (strcmp(status, "archived") == 0)
		post_button(b, u, id, "restaurer", "Restaurer la campagne",
		    " fr-mb-4w");
	else if (strcmp(status, "active") != 0 || ended)
		post_button(b, u, id, "archiver", "Archiver la campagne",
		    " fr-mb-4w");
}

void
lifecycle_notice(struct buf *b, const struct req *r, const char *status,
    const char *reason)
{
	static const struct {
		const char	*field;
		const char	*text;
	} done[] = {
		{ "modifiee", "La campagne est modifiée." },
		{ "annulee", "La campagne est annulée." },
		{ "archivee", "La campagne est archivée." },
		{ "restauree", "La campagne est restaurée." },
	};
	size_t	i;

	for (i = 0; i < sizeof(done) / sizeof(done[0]); i++)
		if (http_field_get(r, done[i].field) != NULL)
			page_success(b, done[i].text);
	if (strcmp(status, "cancelled") == 0 ||
	    (strcmp(status, "archived") == 0 && reason != NULL &&
	    reason[0] != '\0')) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--warning fr-mb-4w\" "
		    "id=\"annulee\">\n<h2 class=\"fr-alert__title\">Campagne "
		    "annulée</h2>\n<p>Motif : ");
		html_puts(b, reason != NULL ? reason : "");
		buf_puts(b, ". Elle ne reçoit plus de réponses ; celles déjà "
		    "reçues restent comptées ci-dessous.</p>\n</div>\n");
	}
	if (strcmp(status, "archived") == 0)
		buf_puts(b, "<div class=\"fr-alert fr-alert--info fr-mb-4w\" "
		    "id=\"archivee\">\n<h2 class=\"fr-alert__title\">Campagne "
		    "archivée</h2>\n<p>Elle ne figure plus dans « Mes "
		    "campagnes » ; restaurez-la pour l’y remettre.</p>\n"
		    "</div>\n");
}

/* ---------------------------------------------------------------- router */

int
lifecycle_handle(struct lifecycle *lc, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	char	id[32], action[16], tail;
	int	n;

	if (strcmp(r->path, LIFECYCLE_ARCHIVED) == 0) {
		if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
			p->status = 405;
			p->allow = "GET, HEAD";
			return 1;
		}
		archived(lc, u, p);
		return 1;
	}
	n = sscanf(r->path, CAMPAIGNS_PREFIX "/%18[0-9]/%15[a-z]%c", id,
	    action, &tail);
	if (n != 2 || !http_id_parse(id, NULL))
		return 0;
	if (strcmp(action, "modifier") == 0 ||
	    strcmp(action, "annuler") == 0) {
		if (r->method != HTTP_GET && r->method != HTTP_HEAD &&
		    r->method != HTTP_POST) {
			p->status = 405;
			p->allow = "GET, HEAD, POST";
		} else if (action[0] == 'm')
			edit(lc, u, r, p, id);
		else
			cancel(lc, u, r, p, id);
		return 1;
	}
	if (strcmp(action, "archiver") == 0 ||
	    strcmp(action, "restaurer") == 0) {
		archive(lc, u, r, p, id, action[0] == 'r');
		return 1;
	}
	return 0;
}
