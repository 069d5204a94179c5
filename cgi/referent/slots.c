/* A mystery campaign's slots moved, or given to another enquirer; its
   period shortened or extended. */
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
#include "page.h"
#include "plan.h"
#include "slots.h"
#include "staff.h"
#include "xmalloc.h"

#define LABEL_MAX	160		/* bytes of an option's label */

enum stmt {
	STMT_CONTEXT,
	STMT_MOVE,
	STMT_GIVE,
	STMT_GIVE_ALL,
	STMT_PERIOD,
	STMT__MAX
};

/* Who did it, for the audit log: the logged-in user (sql/007). */
#define WHO \
	"qualimetre.current_user_id(), (SELECT l.login" \
	" FROM qualimetre.app_user l" \
	" WHERE l.id = qualimetre.current_user_id())"
/* An enquirer's login, or their id when it cannot be read. */
#define LOGIN(id) \
	"coalesce((SELECT l.login FROM qualimetre.app_user l" \
	" WHERE l.id = " id "), (" id ")::text)"

static const struct db_stmt sl_stmts[STMT__MAX] = {
	/*
	 * The page's context, one row per item: the campaign if the user
	 * plans it (its site's department and today), its slots (recorded
	 * or not), the enquirers of its site, and the school holidays of
	 * the site's zone around its period.
	 */
	[STMT_CONTEXT] = { "slots_context",
	    "SELECT 'campaign' AS what, c.id::text AS a, c.title AS b,"
	    " s.name AS c, s.department AS d,"
	    " to_char(c.opens_on, 'YYYY-MM-DD') AS e,"
	    " to_char(c.closes_on, 'YYYY-MM-DD') AS f,"
	    " to_char((now() AT TIME ZONE s.timezone)::date, 'YYYY-MM-DD')"
	    " AS g, c.status AS h"
	    " FROM qualimetre.campaign c JOIN qualimetre.site s"
	    " ON s.id = c.site_id"
	    " WHERE c.id = $1::bigint AND qualimetre.user_plans_campaign(c.id)"
	    " UNION ALL"
	    " SELECT 'slot', sl.id::text, to_char(sl.day, 'YYYY-MM-DD'),"
	    " sl.afternoon::text, coalesce(cs.label, sl.service_key),"
	    " sl.enquirer_id::text, coalesce(nullif(e.display_name, ''),"
	    " e.login, 'n° ' || sl.enquirer_id),"
	    " (EXISTS (SELECT 1 FROM qualimetre.response r"
	    "  WHERE r.slot_id = sl.id))::text, NULL"
	    " FROM qualimetre.slot sl"
	    " LEFT JOIN qualimetre.campaign_service cs"
	    " ON cs.campaign_id = sl.campaign_id AND cs.key = sl.service_key"
	    " LEFT JOIN qualimetre.app_user e ON e.id = sl.enquirer_id"
	    " WHERE sl.campaign_id = $1::bigint"
	    " UNION ALL"
	    " SELECT 'enquirer', e.id::text, coalesce(nullif(e.display_name,"
	    " ''), e.login), e.login, NULL, NULL, NULL, NULL, NULL"
	    " FROM qualimetre.campaign c"
	    " CROSS JOIN LATERAL qualimetre.site_enquirers(c.site_id) e"
	    " WHERE c.id = $1::bigint"
	    " UNION ALL"
	    " SELECT 'holiday', NULL, to_char(h.first_day, 'YYYY-MM-DD'),"
	    " to_char(h.last_day, 'YYYY-MM-DD'), NULL, NULL, NULL, NULL, NULL"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " JOIN qualimetre.school_holiday h ON h.zone = s.school_zone"
	    " WHERE c.id = $1::bigint AND h.last_day >= c.opens_on"
	    " AND h.first_day <= c.closes_on"
	    " ORDER BY what, b, c", 1 },
	/* Slot $2 of campaign $1 moved to day $3, afternoon $4. */
	[STMT_MOVE] = { "slots_move",
	    "WITH old AS (SELECT sl.id, sl.day, sl.afternoon"
	    "  FROM qualimetre.slot sl"
	    "  WHERE sl.id = $2::bigint AND sl.campaign_id = $1::bigint),"
	    " u AS (UPDATE qualimetre.slot sl SET day = $3::date,"
	    "  afternoon = $4::boolean FROM old WHERE sl.id = old.id"
	    "  RETURNING sl.id),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail) SELECT " WHO ", 'slot-move',"
	    "  format('campaign %s: slot %s moved from %s %s to %s %s', $1,"
	    "  old.id, old.day, CASE WHEN old.afternoon THEN 'afternoon'"
	    "  ELSE 'morning' END, $3::date, CASE WHEN $4::boolean"
	    "  THEN 'afternoon' ELSE 'morning' END)"
	    "  FROM old JOIN u ON u.id = old.id)"
	    " SELECT id FROM u", 4 },
	/* Slot $2 of campaign $1 given to enquirer $3. */
	[STMT_GIVE] = { "slots_give",
	    "WITH old AS (SELECT sl.id, sl.enquirer_id"
	    "  FROM qualimetre.slot sl"
	    "  WHERE sl.id = $2::bigint AND sl.campaign_id = $1::bigint),"
	    " u AS (UPDATE qualimetre.slot sl SET enquirer_id = $3::bigint"
	    "  FROM old WHERE sl.id = old.id RETURNING sl.id),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail) SELECT " WHO ", 'slot-give',"
	    "  format('campaign %s: slot %s given from %s to %s', $1, old.id, "
	    LOGIN("old.enquirer_id") ", " LOGIN("$3::bigint") ")"
	    "  FROM old JOIN u ON u.id = old.id)"
	    " SELECT id FROM u", 3 },
	/* The remaining slots of enquirer $2 in campaign $1 given to $3:
	   from the site's today, not recorded. */
	[STMT_GIVE_ALL] = { "slots_give_all",
	    "WITH u AS (UPDATE qualimetre.slot sl SET enquirer_id = $3::bigint"
	    "  FROM qualimetre.campaign c"
	    "  JOIN qualimetre.site s ON s.id = c.site_id"
	    "  WHERE c.id = $1::bigint AND sl.campaign_id = c.id"
	    "  AND sl.enquirer_id = $2::bigint"
	    "  AND sl.day >= (now() AT TIME ZONE s.timezone)::date"
	    "  AND NOT EXISTS (SELECT 1 FROM qualimetre.response r"
	    "   WHERE r.slot_id = sl.id)"
	    "  RETURNING sl.id),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail) SELECT " WHO ","
	    "  'slot-give-all', left(format('campaign %s: %s slots given from"
	    "  %s to %s: %s', $1, count(*), " LOGIN("$2::bigint") ", "
	    LOGIN("$3::bigint") ", string_agg(u.id::text, ', '"
	    "  ORDER BY u.id)), 1000) FROM u HAVING count(*) > 0)"
	    " SELECT count(*) AS n FROM u", 3 },
	/* Campaign $1 from $2 to $3, audited (sql/041). */
	[STMT_PERIOD] = { "slots_period",
	    "SELECT qualimetre.mystery_campaign_period($1::bigint, $2::date,"
	    " $3::date) AS ok", 3 },
};

struct slots {
	struct db	*db;
	struct staff	*staff;
	size_t		 base;		/* our first statement */
};

/* What can be wrong, each next to its field. */
enum sl_err {
	E_MOVE_SLOT,
	E_DAY,
	E_HALF,
	E_GIVE_SLOT,
	E_ENQUIRER,
	E_FROM,
	E_TO,
	E_OPENS,
	E_CLOSES,
	E__MAX
};
_Static_assert(E__MAX <= FIELDS_SLOTS_MAX, "too many error slots");

static const char *const sl_err_names[E__MAX] = {
	[E_MOVE_SLOT] = "Créneau à déplacer",
	[E_DAY] = "Nouveau jour",
	[E_HALF] = "Demi-journée",
	[E_GIVE_SLOT] = "Créneau à confier",
	[E_ENQUIRER] = "Enquêteur",
	[E_FROM] = "Enquêteur absent",
	[E_TO] = "Enquêteur remplaçant",
	[E_OPENS] = "Premier jour",
	[E_CLOSES] = "Dernier jour",
};

static const char *const sl_err_anchors[E__MAX] = {
	[E_MOVE_SLOT] = "mv-slot",
	[E_DAY] = "mv-day",
	[E_HALF] = "mv-half",
	[E_GIVE_SLOT] = "gv-slot",
	[E_ENQUIRER] = "gv-enquirer",
	[E_FROM] = "ga-from",
	[E_TO] = "ga-to",
	[E_OPENS] = "pe-opens",
	[E_CLOSES] = "pe-closes",
};

enum sl_action {
	A_NONE,
	A_MOVE,
	A_GIVE,
	A_GIVE_ALL,
	A_PERIOD,
};

struct sl_slot {
	const char	*id;
	long long	 nid;
	long		 day;
	int		 afternoon;
	const char	*service;
	const char	*enquirer;	/* id */
	const char	*name;		/* the enquirer's */
	int		 recorded;
	char		 label[LABEL_MAX];
};

struct sl_enquirer {
	const char	*id;
	const char	*name;
};

/* What the database says (STMT_CONTEXT); strings point into res. */
struct sl_ctx {
	PGresult		*res;
	const char		*id;
	const char		*title;
	const char		*site;
	const char		*department;
	const char		*status;
	long			 opens;
	long			 closes;
	long			 today;
	struct sl_slot		*slots;
	size_t			 nslots;
	struct sl_enquirer	*enquirers;
	size_t			 nenquirers;
	struct cal_range	*holidays;
	size_t			 nholidays;
};

/* The forms as sent, checked. */
struct sl_input {
	enum sl_action	 action;
	long long	 slot;
	const char	*slot_s;
	const char	*day_s;
	long		 day;
	int		 day_ok;
	const char	*half_s;
	int		 afternoon;
	long long	 enquirer;
	const char	*enquirer_s;
	long long	 from;
	const char	*from_s;
	long long	 to;
	const char	*to_s;
	const char	*opens_s;
	long		 opens;
	int		 opens_ok;
	const char	*closes_s;
	long		 closes;
	int		 closes_ok;
	struct fields_errors errs;
};

struct slots *
slots_create(struct db *db, struct staff *staff)
{
	struct slots	*sl;

	sl = xcalloc(1, sizeof(*sl));
	sl->db = db;
	sl->staff = staff;
	sl->base = db_register(db, sl_stmts, STMT__MAX);
	return sl;
}

void
slots_free(struct slots *sl)
{
	free(sl);
}

/* "lundi 7 décembre 2026" into out. */
static void
day_label(long day, char *out, size_t size)
{
	int	y, m, d;

	cal_ymd(day, &y, &m, &d);
	snprintf(out, size, "%s %d%s %s %d", cal_weekday_name(cal_weekday(day)),
	    d, d == 1 ? "er" : "", cal_month_name(m), y);
}

/* ---------------------------------------------------------------- context */

static void
ctx_free(struct sl_ctx *c)
{
	free(c->slots);
	free(c->enquirers);
	free(c->holidays);
	PQclear(c->res);
	memset(c, 0, sizeof(*c));
}

/*
 * Reads campaign id's context. Returns 1, 0 when the user does not plan
 * it, -1 when the database is unavailable (logged).
 */
static int
ctx_load(struct slots *sl, const struct staff_user *u, const char *id,
    struct sl_ctx *c)
{
	const char	*params[1] = { id };
	const char	*what;
	struct sl_slot	*s;
	char		 sqlstate[6], day[64];
	int		 i, n;

	memset(c, 0, sizeof(*c));
	if (db_exec_as_logged(sl->db, u->session, u->login, sl->base +
	    STMT_CONTEXT, "slots", params, &c->res, sqlstate) != DB_OK)
		return -1;
	n = PQntuples(c->res);
	c->slots = xcalloc((size_t)n + 1, sizeof(*c->slots));
	c->enquirers = xcalloc((size_t)n + 1, sizeof(*c->enquirers));
	c->holidays = xcalloc((size_t)n + 1, sizeof(*c->holidays));
	for (i = 0; i < n; i++) {
		what = db_value(c->res, i, "what");
		if (strcmp(what, "campaign") == 0) {
			if (cal_parse(db_value(c->res, i, "e"), &c->opens) ||
			    cal_parse(db_value(c->res, i, "f"), &c->closes) ||
			    cal_parse(db_value(c->res, i, "g"), &c->today))
				continue;
			c->id = db_value(c->res, i, "a");
			c->title = db_value(c->res, i, "b");
			c->site = db_value(c->res, i, "c");
			c->department = db_value(c->res, i, "d");
			c->status = db_value(c->res, i, "h");
		} else if (strcmp(what, "slot") == 0) {
			s = &c->slots[c->nslots];
			s->id = db_value(c->res, i, "a");
			if (!http_id_parse(s->id, &s->nid) ||
			    cal_parse(db_value(c->res, i, "b"), &s->day) == -1)
				continue;
			s->afternoon = strcmp(db_value(c->res, i, "c"),
			    "true") == 0;
			s->service = db_value(c->res, i, "d");
			s->enquirer = db_value(c->res, i, "e");
			s->name = db_value(c->res, i, "f");
			s->recorded = strcmp(db_value(c->res, i, "g"),
			    "true") == 0;
			day_label(s->day, day, sizeof(day));
			snprintf(s->label, sizeof(s->label), "%s, %s – %s (%s)",
			    day, s->afternoon ? "après-midi" : "matin",
			    s->service, s->name);
			c->nslots++;
		} else if (strcmp(what, "enquirer") == 0) {
			c->enquirers[c->nenquirers].id = db_value(c->res, i,
			    "a");
			c->enquirers[c->nenquirers++].name = db_value(c->res,
			    i, "b");
		} else if (strcmp(what, "holiday") == 0 &&
		    cal_parse(db_value(c->res, i, "b"),
		    &c->holidays[c->nholidays].first) == 0 &&
		    cal_parse(db_value(c->res, i, "c"),
		    &c->holidays[c->nholidays].last) == 0)
			c->nholidays++;
	}
	return c->id != NULL;
}

static const struct sl_slot *
ctx_slot(const struct sl_ctx *c, long long id)
{
	size_t	i;

	for (i = 0; i < c->nslots; i++)
		if (c->slots[i].nid == id)
			return &c->slots[i];
	return NULL;
}

static const struct sl_enquirer *
ctx_enquirer(const struct sl_ctx *c, long long id)
{
	long long	e;
	size_t		i;

	for (i = 0; i < c->nenquirers; i++)
		if (http_id_parse(c->enquirers[i].id, &e) && e == id)
			return &c->enquirers[i];
	return NULL;
}

/* Whether slot s may still change: not recorded, not past. */
static int
movable(const struct sl_ctx *c, const struct sl_slot *s)
{
	return !s->recorded && s->day >= c->today;
}

/* ---------------------------------------------------------------- input */

static int
v_action(void *arg, const char *v)
{
	struct sl_input	*in = arg;

	in->action = strcmp(v, "deplacer") == 0 ? A_MOVE :
	    strcmp(v, "confier") == 0 ? A_GIVE :
	    strcmp(v, "confier-tout") == 0 ? A_GIVE_ALL :
	    strcmp(v, "periode") == 0 ? A_PERIOD : A_NONE;
	if (in->action == A_NONE)
		fields_form_fail(&in->errs, "Cette action n’existe pas.");
	return in->action != A_NONE;
}

static int
v_slot(void *arg, const char *v)
{
	struct sl_input	*in = arg;

	in->slot_s = v;
	return fields_id(&in->errs, in->action == A_GIVE ? E_GIVE_SLOT :
	    E_MOVE_SLOT, v, &in->slot, "Choisissez un créneau dans la liste.");
}

static int
v_day(void *arg, const char *v)
{
	struct sl_input	*in = arg;

	in->day_s = v;
	in->day_ok = fields_date(&in->errs, E_DAY, v, &in->day, "Indiquez "
	    "le nouveau jour du créneau.", "2027-04-01");
	return in->day_ok;
}

static int
v_half(void *arg, const char *v)
{
	struct sl_input	*in = arg;

	in->half_s = v;
	if (strcmp(v, "matin") == 0 || strcmp(v, "apres-midi") == 0) {
		in->afternoon = v[0] == 'a';
		return 1;
	}
	fields_fail(&in->errs, E_HALF, "Choisissez le matin ou l’après-midi.");
	return 0;
}

static int
v_enquirer(void *arg, const char *v)
{
	struct sl_input	*in = arg;

	in->enquirer_s = v;
	return fields_id(&in->errs, E_ENQUIRER, v, &in->enquirer,
	    "Choisissez un enquêteur dans la liste.");
}

static int
v_from(void *arg, const char *v)
{
	struct sl_input	*in = arg;

	in->from_s = v;
	return fields_id(&in->errs, E_FROM, v, &in->from, "Choisissez "
	    "l’enquêteur absent dans la liste.");
}

static int
v_to(void *arg, const char *v)
{
	struct sl_input	*in = arg;

	in->to_s = v;
	return fields_id(&in->errs, E_TO, v, &in->to, "Choisissez "
	    "l’enquêteur remplaçant dans la liste.");
}

static int
v_opens(void *arg, const char *v)
{
	struct sl_input	*in = arg;

	in->opens_s = v;
	in->opens_ok = fields_date(&in->errs, E_OPENS, v, &in->opens,
	    "Indiquez le premier jour de la campagne.", "2027-04-01");
	return in->opens_ok;
}

static int
v_closes(void *arg, const char *v)
{
	struct sl_input	*in = arg;

	in->closes_s = v;
	in->closes_ok = fields_date(&in->errs, E_CLOSES, v, &in->closes,
	    "Indiquez le dernier jour de la campagne.", "2027-04-15");
	return in->closes_ok;
}

/* The action comes first in the forms: the slot's error follows it. */
static const struct fields_field sl_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "action",	v_action,	0, FIELDS_NO_SLOT },
	{ "slot",	v_slot,		0, E_MOVE_SLOT },
	{ "day",	v_day,		0, E_DAY },
	{ "half",	v_half,		0, E_HALF },
	{ "enquirer",	v_enquirer,	0, E_ENQUIRER },
	{ "from",	v_from,		0, E_FROM },
	{ "to",		v_to,		0, E_TO },
	{ "opens_on",	v_opens,	0, E_OPENS },
	{ "closes_on",	v_closes,	0, E_CLOSES },
};
#define SL_NFIELDS	(sizeof(sl_fields) / sizeof(sl_fields[0]))

/*
 * Checks a move of in->slot to in->day, in->afternoon by the planning's
 * rules (plan_day_possible), then against the other slots.
 */
static void
check_move(const struct sl_ctx *c, struct sl_input *in,
    const struct sl_slot *s)
{
	struct plan_request	 req;
	char			 day[64], opens[64], closes[64];
	size_t			 i;

	if (in->half_s == NULL)
		fields_fail(&in->errs, E_HALF, "Choisissez le matin ou "
		    "l’après-midi.");
	if (!in->day_ok) {
		if (in->day_s == NULL)
			fields_fail(&in->errs, E_DAY, "Indiquez le nouveau jour "
			    "du créneau.");
		return;
	}
	memset(&req, 0, sizeof(req));
	req.from = c->opens;
	req.to = c->closes;
	req.department = c->department;
	req.excluded = c->holidays;
	req.nexcluded = c->nholidays;
	day_label(in->day, day, sizeof(day));
	if (in->day < c->today)
		fields_fail(&in->errs, E_DAY, "Le %s est passé : choisissez "
		    "aujourd’hui ou un jour à venir.", day);
	else if (in->day < c->opens || in->day > c->closes) {
		day_label(c->opens, opens, sizeof(opens));
		day_label(c->closes, closes, sizeof(closes));
		fields_fail(&in->errs, E_DAY, "Choisissez un jour de la "
		    "campagne, du %s au %s ; pour aller au-delà, prolongez "
		    "d’abord la campagne.", opens, closes);
	} else if (cal_is_working_day(in->day, c->department) != 1)
		fields_fail(&in->errs, E_DAY, "Le %s n’est pas un jour ouvré "
		    "(week-end ou jour férié).", day);
	else if (plan_day_possible(&req, in->day) != 1)
		fields_fail(&in->errs, E_DAY, "Le %s tombe pendant les "
		    "vacances scolaires de la zone du site : les contacts "
		    "mystère ont lieu hors vacances.", day);
	if (in->errs.nerrors > 0 || in->half_s == NULL)
		return;
	for (i = 0; i < c->nslots; i++) {
		if (c->slots[i].day != in->day ||
		    c->slots[i].afternoon != in->afternoon)
			continue;
		if (&c->slots[i] == s)
			fields_fail(&in->errs, E_DAY, "Ce créneau est déjà à "
			    "cette demi-journée : rien à déplacer.");
		else
			fields_fail(&in->errs, E_HALF, "Cette demi-journée a "
			    "déjà son contact (%s) : un seul contact par "
			    "demi-journée.", c->slots[i].label);
	}
}

/*
 * Checks a new period by the terms of sql/041, each refusal in words: a
 * whole period under PLAN_DAYS_MAX days, the first day kept once the
 * campaign has opened, no past day cut or added, every slot inside.
 */
static void
check_period(const struct sl_ctx *c, struct sl_input *in)
{
	char	 day[64], list[512];
	size_t	 i, n, len;

	if (in->opens_s == NULL)
		fields_fail(&in->errs, E_OPENS, "Indiquez le premier jour de la "
		    "campagne.");
	if (in->closes_s == NULL)
		fields_fail(&in->errs, E_CLOSES, "Indiquez le dernier jour de "
		    "la campagne.");
	if (!in->opens_ok || !in->closes_ok)
		return;
	day_label(c->opens, day, sizeof(day));
	if (c->opens <= c->today && in->opens != c->opens)
		fields_fail(&in->errs, E_OPENS, "La campagne a commencé : son "
		    "premier jour reste le %s.", day);
	else if (in->opens < c->today && in->opens != c->opens)
		fields_fail(&in->errs, E_OPENS, "Choisissez aujourd’hui ou un "
		    "jour à venir.");
	if (in->closes < in->opens)
		fields_fail(&in->errs, E_CLOSES, "Le dernier jour précède le "
		    "premier.");
	else if (in->closes - in->opens >= PLAN_DAYS_MAX)
		fields_fail(&in->errs, E_CLOSES, "Une campagne dure moins de "
		    "%d jours.", PLAN_DAYS_MAX);
	else if (in->closes < c->today)
		fields_fail(&in->errs, E_CLOSES, "Choisissez aujourd’hui ou un "
		    "jour à venir : une campagne ne se termine pas dans le "
		    "passé.");
	else if (in->opens == c->opens && in->closes == c->closes)
		fields_fail(&in->errs, E_CLOSES, "Ce sont déjà ses dates : "
		    "rien à changer.");
	if (in->errs.nerrors > 0)
		return;
	list[0] = '\0';
	for (i = n = 0; i < c->nslots; i++) {
		if (c->slots[i].day >= in->opens &&
		    c->slots[i].day <= in->closes)
			continue;
		if (n++ < 4) {
			len = strlen(list);
			snprintf(list + len, sizeof(list) - len, "%s%s",
			    len > 0 ? " ; " : "", c->slots[i].label);
		}
	}
	if (n > 0)
		fields_fail(&in->errs, c->slots[0].day < in->opens &&
		    in->opens != c->opens ? E_OPENS : E_CLOSES, "%zu %s hors "
		    "de cette période : déplacez-%s d’abord (%s%s).", n, n > 1 ?
		    "créneaux tombent" : "créneau tombe", n > 1 ? "les" : "le",
		    list, n > 4 ? "…" : "");
}

/* Checks what needs the context, after each field on its own. */
static const struct sl_slot *
check(const struct sl_ctx *c, struct sl_input *in)
{
	const struct sl_slot	*s = NULL;
	size_t			 slot = in->action == A_GIVE ? E_GIVE_SLOT :
				    E_MOVE_SLOT;
	size_t			 i, left;

	if (in->action == A_NONE) {
		fields_form_fail(&in->errs, "Choisissez une action.");
		return NULL;
	}
	if (in->action == A_PERIOD) {
		check_period(c, in);
		return NULL;
	}
	if (in->action != A_GIVE_ALL) {
		if (in->slot_s == NULL)
			fields_fail(&in->errs, slot, "Choisissez un créneau.");
		else if (in->slot != 0 && (s = ctx_slot(c, in->slot)) == NULL)
			fields_fail(&in->errs, slot, "Choisissez un créneau de "
			    "cette campagne.");
		else if (s != NULL && s->recorded)
			fields_fail(&in->errs, slot, "Ce créneau est déjà "
			    "enregistré : il ne peut être ni déplacé ni confié "
			    "à un autre enquêteur.");
		else if (s != NULL && !movable(c, s))
			fields_fail(&in->errs, slot, "Ce créneau est passé : il "
			    "ne peut plus changer.");
	}
	if (in->action == A_MOVE)
		check_move(c, in, s);
	if (in->action == A_GIVE) {
		if (in->enquirer_s == NULL)
			fields_fail(&in->errs, E_ENQUIRER, "Choisissez "
			    "l’enquêteur.");
		else if (in->enquirer != 0 && ctx_enquirer(c,
		    in->enquirer) == NULL)
			fields_fail(&in->errs, E_ENQUIRER, "Choisissez un "
			    "enquêteur du site, dont le compte est actif.");
		else if (s != NULL && in->enquirer != 0 &&
		    strtoll(s->enquirer, NULL, 10) == in->enquirer)
			fields_fail(&in->errs, E_ENQUIRER, "Ce créneau est déjà "
			    "le sien : choisissez un autre enquêteur.");
	}
	if (in->action == A_GIVE_ALL) {
		if (in->from_s == NULL)
			fields_fail(&in->errs, E_FROM, "Choisissez l’enquêteur "
			    "absent.");
		if (in->to_s == NULL)
			fields_fail(&in->errs, E_TO, "Choisissez l’enquêteur "
			    "remplaçant.");
		else if (in->to != 0 && ctx_enquirer(c, in->to) == NULL)
			fields_fail(&in->errs, E_TO, "Choisissez un enquêteur "
			    "du site, dont le compte est actif.");
		else if (in->to != 0 && in->to == in->from)
			fields_fail(&in->errs, E_TO, "Choisissez un autre "
			    "enquêteur que l’absent.");
		for (i = left = 0; i < c->nslots; i++)
			if (movable(c, &c->slots[i]) &&
			    strtoll(c->slots[i].enquirer, NULL, 10) == in->from)
				left++;
		if (in->from != 0 && left == 0)
			fields_fail(&in->errs, E_FROM, "Cet enquêteur n’a aucun "
			    "créneau à venir non enregistré dans cette "
			    "campagne.");
	}
	return s;
}

/* ---------------------------------------------------------------- page */

/* The options of the slots that may change, value/label pairs. */
static size_t
slot_options(const struct sl_ctx *c, const char **opts)
{
	size_t	i, n = 0;

	for (i = 0; i < c->nslots; i++)
		if (movable(c, &c->slots[i])) {
			opts[2 * n] = c->slots[i].id;
			opts[2 * n++ + 1] = c->slots[i].label;
		}
	return n;
}

static void
form_open(struct buf *b, const struct staff_user *u, const char *id,
    const char *action, const char *legend)
{
	buf_printf(b, "<h2 class=\"fr-h5\">%s</h2>\n<form method=\"post\" "
	    "action=\"" CAMPAIGNS_PREFIX "/", legend);
	html_puts(b, id);
	buf_printf(b, "/creneaux\" novalidate class=\"fr-mb-4w\">\n<input "
	    "type=\"hidden\" name=\"action\" value=\"%s\">\n", action);
	staff_csrf_input(b, u);
}

static void
form_close(struct buf *b, const char *button)
{
	buf_printf(b, "<button class=\"fr-btn fr-btn--secondary\" "
	    "type=\"submit\">%s</button>\n</form>\n", button);
}

/* The four forms, each with what was sent when it was the one. */
static void
forms(struct buf *b, const struct staff_user *u, const struct sl_ctx *c,
    const struct sl_input *in)
{
	static const char *const halves[] = {
		"matin", "Matin", "apres-midi", "Après-midi",
	};
	const char	**opts, **people;
	size_t		 nopts, i;
	char *const	*e = in->errs.error;
	char		 opens[CAL_DATE_LEN + 1], closes[CAL_DATE_LEN + 1];

	cal_format(c->opens, opens);
	cal_format(c->closes, closes);

	opts = xcalloc(2 * c->nslots + 1, sizeof(*opts));
	people = xcalloc(2 * c->nenquirers + 1, sizeof(*people));
	nopts = slot_options(c, opts);
	for (i = 0; i < c->nenquirers; i++) {
		people[2 * i] = c->enquirers[i].id;
		people[2 * i + 1] = c->enquirers[i].name;
	}
	form_open(b, u, c->id, "periode", "Raccourcir ou prolonger la "
	    "campagne");
	buf_puts(b, "<p class=\"fr-hint-text\">Une campagne commencée garde "
	    "son premier jour ; ses créneaux doivent tous tenir dans la "
	    "nouvelle période.</p>\n");
	page_field_input(b, "pe-opens", "opens_on", "date", "", "Premier jour",
	    NULL, in->action == A_PERIOD ? in->opens_s : opens, e[E_OPENS],
	    NULL, NULL);
	page_field_input(b, "pe-closes", "closes_on", "date", "",
	    "Dernier jour (inclus)", NULL, in->action == A_PERIOD ?
	    in->closes_s : closes, e[E_CLOSES], NULL, NULL);
	form_close(b, "Changer la période");
	if (nopts == 0) {
		buf_puts(b, "<p>Aucun créneau à venir non enregistré : il n’y "
		    "a rien à déplacer ni à confier.</p>\n");
		goto out;
	}
	form_open(b, u, c->id, "deplacer", "Déplacer un créneau");
	page_field_select(b, "mv-slot", "slot", "Créneau", opts, nopts,
	    in->action == A_MOVE ? in->slot_s : NULL, e[E_MOVE_SLOT]);
	page_field_input(b, "mv-day", "day", "date", "", "Nouveau jour",
	    "Un jour ouvré de la campagne, hors vacances scolaires.",
	    in->action == A_MOVE ? in->day_s : NULL, e[E_DAY], NULL, NULL);
	page_field_select(b, "mv-half", "half", "Demi-journée", halves, 2,
	    in->action == A_MOVE ? in->half_s : NULL, e[E_HALF]);
	form_close(b, "Déplacer le créneau");

	form_open(b, u, c->id, "confier", "Confier un créneau à un autre "
	    "enquêteur");
	page_field_select(b, "gv-slot", "slot", "Créneau", opts, nopts,
	    in->action == A_GIVE ? in->slot_s : NULL, e[E_GIVE_SLOT]);
	page_field_select(b, "gv-enquirer", "enquirer", "Enquêteur", people,
	    c->nenquirers, in->action == A_GIVE ? in->enquirer_s : NULL,
	    e[E_ENQUIRER]);
	form_close(b, "Confier le créneau");

	form_open(b, u, c->id, "confier-tout", "Confier tous les créneaux "
	    "restants d’un enquêteur absent");
	page_field_select(b, "ga-from", "from", "Enquêteur absent", people,
	    c->nenquirers, in->action == A_GIVE_ALL ? in->from_s : NULL,
	    e[E_FROM]);
	page_field_select(b, "ga-to", "to", "Enquêteur remplaçant", people,
	    c->nenquirers, in->action == A_GIVE_ALL ? in->to_s : NULL,
	    e[E_TO]);
	form_close(b, "Confier ses créneaux");
out:
	free(opts);
	free(people);
}

static void
slots_table(struct buf *b, const struct sl_ctx *c)
{
	char	day[64];
	size_t	i;

	buf_puts(b, "<div class=\"fr-table\">\n" HTML_TABLE_BOXES
	    "<table>\n<caption>Créneaux de la campagne</caption>\n<thead><tr>"
	    "<th scope=\"col\">Jour</th><th scope=\"col\">Demi-journée</th>"
	    "<th scope=\"col\">Service</th><th scope=\"col\">Enquêteur</th>"
	    "<th scope=\"col\">État</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < c->nslots; i++) {
		day_label(c->slots[i].day, day, sizeof(day));
		buf_puts(b, "<tr><td>");
		html_puts(b, day);
		buf_printf(b, "</td><td>%s</td><td>", c->slots[i].afternoon ?
		    "Après-midi" : "Matin");
		html_puts(b, c->slots[i].service);
		buf_puts(b, "</td><td>");
		html_puts(b, c->slots[i].name);
		buf_printf(b, "</td><td>%s</td></tr>\n", c->slots[i].recorded ?
		    "Enregistré" : c->slots[i].day < c->today ? "Passé" :
		    "À venir");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

static void
page(struct slots *sl, struct resp *p, const struct staff_user *u,
    const struct req *r, const struct sl_ctx *c, const struct sl_input *in)
{
	struct buf		*b = &p->body;
	const struct http_field	*f;
	char			 back[64], text[128];
	long long		 n;

	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", c->id);
	staff_page_open(sl->staff, p, u, in->errs.nerrors > 0 ? "Erreur – "
	    "Créneaux de la campagne" : "Créneaux de la campagne");
	page_back_link(b, back, "Retour à la campagne");
	buf_puts(b, "<h1>Créneaux de la campagne</h1>\n<p "
	    "class=\"fr-text--lead\">« ");
	html_puts(b, c->title);
	buf_puts(b, " » (");
	html_puts(b, c->site);
	buf_puts(b, ")</p>\n");
	fields_summary(b, &in->errs, "Rien n’a été modifié", sl_err_names,
	    sl_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
	if (http_field_get(r, "deplace") != NULL)
		page_success(b, "Le créneau est déplacé.");
	if (http_field_get(r, "confie") != NULL)
		page_success(b, "Le créneau est confié.");
	if (http_field_get(r, "periode") != NULL)
		page_success(b, "La période de la campagne est changée.");
	if ((f = http_field_get(r, "confies")) != NULL &&
	    http_id_parse(f->val, &n)) {
		snprintf(text, sizeof(text), "%lld %s à l’enquêteur "
		    "remplaçant.", n, n > 1 ? "créneaux confiés" :
		    "créneau confié");
		page_success(b, text);
	}
	if (strcmp(c->status, "active") != 0)
		buf_puts(b, "<p>Cette campagne n’est plus active : ses "
		    "créneaux ne changent plus.</p>\n");
	else
		forms(b, u, c, in);
	if (c->nslots > 0)
		slots_table(b, c);
	page_end(b);
}

/* ---------------------------------------------------------------- handler */

static void
change(struct slots *sl, const struct staff_user *u, struct req *r,
    struct resp *p, struct sl_ctx *c)
{
	struct sl_input		 in;
	const struct sl_slot	*s;
	const char		*params[4];
	PGresult		*res = NULL;
	char			 a[32], d[CAL_DATE_LEN + 1], sqlstate[6];
	enum db_status		 st;
	size_t			 stmt;

	memset(&in, 0, sizeof(in));
	fields_read(r, sl_fields, SL_NFIELDS, 0, &in, &in.errs);
	s = check(c, &in);
	if (in.errs.nerrors > 0) {
		p->status = 400;
		page(sl, p, u, r, c, &in);
		goto out;
	}
	params[0] = c->id;
	if (in.action == A_MOVE) {
		cal_format(in.day, d);
		params[1] = s->id;
		params[2] = d;
		params[3] = in.afternoon ? "true" : "false";
		stmt = STMT_MOVE;
	} else if (in.action == A_GIVE) {
		snprintf(a, sizeof(a), "%lld", in.enquirer);
		params[1] = s->id;
		params[2] = a;
		stmt = STMT_GIVE;
	} else if (in.action == A_PERIOD) {
		params[1] = in.opens_s;
		params[2] = in.closes_s;
		stmt = STMT_PERIOD;
	} else {
		params[1] = in.from_s;
		params[2] = in.to_s;
		stmt = STMT_GIVE_ALL;
	}
	st = db_exec_as_logged(sl->db, u->session, u->login, sl->base + stmt,
	    "slot change", params, &res, sqlstate);
	if (st == DB_OK && PQntuples(res) == 1 && (stmt == STMT_GIVE_ALL ?
	    strcmp(db_value(res, 0, "n"), "0") != 0 : stmt == STMT_PERIOD ?
	    strcmp(db_value(res, 0, "ok"), "t") == 0 : 1)) {
		p->status = 303;
		if (stmt == STMT_PERIOD)
			xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/creneaux"
			    "?periode", c->id);
		else if (stmt == STMT_GIVE_ALL)
			xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/creneaux"
			    "?confies=%s", c->id, db_value(res, 0, "n"));
		else
			xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/creneaux"
			    "?%s", c->id, stmt == STMT_MOVE ? "deplace" :
			    "confie");
	} else if (st == DB_OK || (st == DB_REFUSED &&
	    (strcmp(sqlstate, "23505") == 0 ||
	    strcmp(sqlstate, "23514") == 0 ||
	    strcmp(sqlstate, "42501") == 0))) {
		staff_page_message(sl->staff, p, u, 409, "Créneau modifié "
		    "entre-temps", "Les créneaux ont changé depuis l’affichage "
		    "de la page, ou la base a refusé ce changement : rien n’a "
		    "été modifié. Vérifiez-les, puis réessayez.", r->path,
		    "Retour aux créneaux");
	} else
		staff_page_message(sl->staff, p, u, 503, "Service "
		    "momentanément indisponible", "Réessayez dans quelques "
		    "instants : rien n’a été modifié.", r->path,
		    "Retour aux créneaux");
out:
	PQclear(res);
	fields_free(&in.errs);
}

int
slots_handle(struct slots *sl, const struct staff_user *u, struct req *r,
    struct resp *p)
{
	struct sl_ctx	 c;
	struct sl_input	 none;
	char		 id[32], name[16], tail;
	int		 found;

	if (sscanf(r->path, CAMPAIGNS_PREFIX "/%18[0-9]/%15[a-z]%c", id,
	    name, &tail) != 2 || strcmp(name, "creneaux") != 0 ||
	    !http_id_parse(id, NULL))
		return 0;
	if (r->method != HTTP_GET && r->method != HTTP_HEAD &&
	    r->method != HTTP_POST) {
		p->status = 405;
		p->allow = "GET, HEAD, POST";
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		staff_page_message(sl->staff, p, u, 403, "Action refusée",
		    "Cette demande ne vient pas d’une page de ce service : rien "
		    "n’a été modifié.", "/referent/", "Mes campagnes");
		return 1;
	}
	if ((found = ctx_load(sl, u, id, &c)) != 1) {
		staff_page_message(sl->staff, p, u, found == 0 ? 404 : 503,
		    found == 0 ? "Campagne introuvable" : "Service "
		    "momentanément indisponible", found == 0 ? "Cette "
		    "campagne mystère n’existe pas, ou n’est pas sur un site "
		    "dont vous avez la charge." : "Réessayez dans quelques "
		    "instants.", "/referent/", "Mes campagnes");
		ctx_free(&c);
		return 1;
	}
	if (r->method == HTTP_POST && strcmp(c.status, "active") != 0)
		staff_page_message(sl->staff, p, u, 409, "Action impossible",
		    "Cette campagne n’est plus active : ses créneaux ne "
		    "changent plus.", r->path, "Retour aux créneaux");
	else if (r->method == HTTP_POST)
		change(sl, u, r, p, &c);
	else {
		memset(&none, 0, sizeof(none));
		page(sl, p, u, r, &c, &none);
	}
	ctx_free(&c);
	return 1;
}
