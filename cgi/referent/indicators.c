/* The quality indicators: a site's year, the values entered, targets. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "buf.h"
#include "cal.h"
#include "chart.h"
#include "db.h"
#include "fields.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "indicator.h"
#include "indicators.h"
#include "log.h"
#include "page.h"
#include "referential.h"
#include "referentials.h"
#include "results.h"
#include "staff.h"
#include "stats.h"
#include "xmalloc.h"

#define SELF		INDICATORS_PREFIX
#define ENTRY		INDICATORS_PREFIX "/saisie"
#define TARGETS		INDICATORS_PREFIX "/objectifs"
/* The email grids' delay and the answer it runs from (forms/
   mystery-email*.xml, rule "reply-delay"). */
#define DELAY_KEY	"delai"
#define DELAY_FROM	"envoi"
/* The years offered, back from this one. */
#define YEARS_BACK	5
/* The largest value entered: a delay in days, a count, cases. */
#define VALUE_MAX	999999999L
/* An empty cell. */
#define EMDASH		"\xe2\x80\x94"

enum stmt {
	S_YEAR,
	S_ENTER,
	S_TARGETS,
	S__MAX
};

/* A column of every part of S_YEAR but REFERENTIAL_COLUMNS: NULL. */
#define NUL_T	"NULL::text"
#define NUL_REF	" NULL::text, NULL::integer, NULL::numeric, NULL::integer," \
	" NULL::numeric, NULL::numeric"

/* Who did what, in the audit log, with the site's code and what. */
#define AUDIT(event, detail) \
	" a AS (INSERT INTO qualimetre.audit_log (user_id, login, event," \
	"  detail) SELECT qualimetre.current_user_id()," \
	"  (SELECT u.login FROM qualimetre.app_user u" \
	"   WHERE u.id = qualimetre.current_user_id()), " event "," \
	"  (SELECT s.code FROM qualimetre.site s WHERE s.id = $1::bigint)" \
	"  || ' ' || i.key || ' ' || " detail \
	"  FROM ins JOIN qualimetre.indicator i ON i.id = ins.indicator_id)"

static const struct db_stmt indicators_stmts[S__MAX] = {
	/*
	 * A site's year in one round trip: the site ($1, or the user's
	 * first by code; the policies keep it to the user's), its
	 * indicators with their target (the site's newest, else the
	 * catalogue's), the newest value entered for each period of year
	 * $2, and what the computed ones need: the campaigns opened that
	 * year with their referential, the counts of their answers but the
	 * responses set aside (as a campaign's results count them), and
	 * the emails without a delay ($3) by the day they were sent ($4).
	 */
	[S_YEAR] = { "indicators_year",
	    "WITH s AS (SELECT s.id, s.code, s.name, s.department,"
	    "  (now() AT TIME ZONE s.timezone)::date AS today"
	    "  FROM qualimetre.site s"
	    "  WHERE $1::bigint IS NULL OR s.id = $1::bigint"
	    "  ORDER BY s.code LIMIT 1),"
	    " c AS (SELECT c.id, c.kind, c.form_id,"
	    "  extract(month FROM c.opens_on)::int AS month,"
	    REFERENTIAL_COLUMNS
	    "  FROM qualimetre.campaign c JOIN s ON c.site_id = s.id"
	    REFERENTIAL_JOIN
	    "  WHERE extract(year FROM c.opens_on) = $2::int),"
	    " u AS (SELECT x.id FROM qualimetre.set_aside_response x"
	    "  JOIN c ON x.campaign_id = c.id),"
	    " t AS (SELECT DISTINCT ON (t.indicator_id) t.indicator_id,"
	    "  t.target FROM qualimetre.indicator_target t"
	    "  JOIN s ON t.site_id = s.id ORDER BY t.indicator_id, t.id DESC),"
	    " v AS (SELECT DISTINCT ON (v.indicator_id, v.period)"
	    "  v.indicator_id, v.period, v.value, v.cases"
	    "  FROM qualimetre.indicator_value v JOIN s ON v.site_id = s.id"
	    "  WHERE v.year = $2::int"
	    "  ORDER BY v.indicator_id, v.period, v.id DESC)"
	    " SELECT 'a-site' AS part, s.id::text AS id, s.code AS k,"
	    "  s.name AS label, s.department AS unit, " NUL_T " AS better,"
	    "  " NUL_T " AS source, " NUL_T " AS periodicity,"
	    "  to_char(s.today, 'YYYY-MM-DD') AS target, " NUL_T " AS period,"
	    "  " NUL_T " AS value, " NUL_T " AS cases, 0::bigint AS n,"
	    "  " NUL_T " AS form_id,"
	    "  NULL::text AS ref_name, NULL::integer AS reply_delay,"
	    "  NULL::numeric AS reply_target, NULL::integer AS rings_max,"
	    "  NULL::numeric AS rings_target, NULL::numeric AS picked_up_target"
	    "  FROM s"
	    /* The user's sites, to choose from. */
	    " UNION ALL"
	    " SELECT 'a-sites', x.id::text, x.code, x.name, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, 0, NULL," NUL_REF
	    "  FROM qualimetre.site x WHERE qualimetre.user_plans_site(x.id)"
	    " UNION ALL"
	    " SELECT 'b-ind', i.id::text, i.key, i.label, i.unit, i.better,"
	    "  i.source, i.periodicity,"
	    "  coalesce(t.target, i.default_target)::text,"
	    "  (t.target IS NOT NULL)::text, i.default_target::text, NULL,"
	    "  i.position, NULL,"
	    NUL_REF
	    "  FROM qualimetre.indicator i LEFT JOIN t ON t.indicator_id = i.id"
	    "  WHERE EXISTS (SELECT 1 FROM s)"
	    " UNION ALL"
	    " SELECT 'c-val', v.indicator_id::text, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, v.period::text, v.value::text, v.cases::text,"
	    "  0, NULL," NUL_REF
	    "  FROM v WHERE v.value IS NOT NULL"
	    " UNION ALL"
	    " SELECT 'd-camp', c.id::text, c.kind, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, c.month::text, NULL, NULL, 0, c.form_id::text,"
	    "  c.ref_name, c.reply_delay, c.reply_target, c.rings_max,"
	    "  c.rings_target, c.picked_up_target FROM c"
	    " UNION ALL"
	    /* The counts kept as answers arrive (sql/043). */
	    " SELECT 'e-count', k.campaign_id::text, k.question, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, k.value, NULL, sum(k.n)::bigint,"
	    "  NULL," NUL_REF
	    "  FROM qualimetre.answer_count k JOIN c ON k.campaign_id = c.id"
	    "  GROUP BY k.campaign_id, k.question, k.value HAVING sum(k.n) <> 0"
	    " UNION ALL"
	    " SELECT 'f-unans', a.campaign_id::text, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, left(a.value, 10), NULL, count(*), NULL,"
	    NUL_REF
	    "  FROM qualimetre.answer a JOIN c ON a.campaign_id = c.id"
	    "  WHERE c.kind = 'mystery-email' AND a.question = $4"
	    "  AND a.response_id NOT IN (SELECT id FROM u)"
	    "  AND NOT EXISTS (SELECT 1 FROM qualimetre.answer d"
	    "   WHERE d.response_id = a.response_id"
	    "   AND d.campaign_id = a.campaign_id AND d.question = $3)"
	    "  GROUP BY a.campaign_id, left(a.value, 10)"
	    " ORDER BY 1, 13, 3, 2", 4 },
	/*
	 * The values of indicator $2 at site $1 for the periods $4 of year
	 * $3 ($5 the values, NULL to erase; $6 the cases of a proportion):
	 * a new row for each period whose value changes, the rows before
	 * kept as history, each in the audit log. Returns how many.
	 */
	[S_ENTER] = { "indicators_enter",
	    "WITH cur AS (SELECT DISTINCT ON (v.period) v.period, v.value,"
	    "  v.cases FROM qualimetre.indicator_value v"
	    "  WHERE v.site_id = $1::bigint AND v.indicator_id = $2::bigint"
	    "  AND v.year = $3::int ORDER BY v.period, v.id DESC),"
	    " new AS (SELECT p.period, p.value, p.cases FROM unnest($4::int[],"
	    "  $5::numeric[], $6::bigint[]) AS p(period, value, cases)"
	    "  LEFT JOIN cur ON cur.period = p.period"
	    "  WHERE (cur.period IS NULL AND p.value IS NOT NULL)"
	    "  OR (cur.period IS NOT NULL AND (cur.value IS DISTINCT FROM"
	    "  p.value OR cur.cases IS DISTINCT FROM p.cases))),"
	    " ins AS (INSERT INTO qualimetre.indicator_value (site_id,"
	    "  indicator_id, year, period, value, cases)"
	    "  SELECT $1::bigint, $2::bigint, $3::int, period, value, cases"
	    "  FROM new RETURNING indicator_id, period, value, cases),"
	    AUDIT("'indicator-value'", "$3::int || '/' || ins.period || ' ' ||"
	    "  coalesce(ins.value::text || coalesce('/' || ins.cases, ''),"
	    "  'effacée')")
	    " SELECT count(*) AS n FROM ins", 6 },
	/*
	 * The targets $3 of the indicators $2 at site $1 (NULL: back to the
	 * catalogue's): a new row for each that changes, the rows before
	 * kept as history, each in the audit log. Returns how many.
	 */
	[S_TARGETS] = { "indicators_targets",
	    "WITH cur AS (SELECT DISTINCT ON (t.indicator_id) t.indicator_id,"
	    "  t.target FROM qualimetre.indicator_target t"
	    "  WHERE t.site_id = $1::bigint ORDER BY t.indicator_id, t.id DESC),"
	    " new AS (SELECT p.i, p.target FROM unnest($2::bigint[],"
	    "  $3::numeric[]) AS p(i, target)"
	    "  LEFT JOIN cur ON cur.indicator_id = p.i"
	    "  WHERE (cur.indicator_id IS NULL AND p.target IS NOT NULL)"
	    "  OR (cur.indicator_id IS NOT NULL"
	    "  AND cur.target IS DISTINCT FROM p.target)),"
	    " ins AS (INSERT INTO qualimetre.indicator_target (site_id,"
	    "  indicator_id, target) SELECT $1::bigint, i, target FROM new"
	    "  RETURNING indicator_id, target),"
	    AUDIT("'indicator-target'", "coalesce(ins.target::text, "
	    "  'par défaut')")
	    " SELECT count(*) AS n FROM ins", 3 },
};

struct indicators {
	struct db		*db;
	struct staff		*staff;		/* the program's, for frames */
	struct formcache	*forms;
	size_t			 base;		/* our first statement */
};

struct indicators *
indicators_create(struct db *db, struct staff *staff,
    struct formcache *forms)
{
	struct indicators	*in;

	in = xcalloc(1, sizeof(*in));
	in->db = db;
	in->staff = staff;
	in->forms = forms;
	in->base = db_register(db, indicators_stmts, S__MAX);
	return in;
}

void
indicators_free(struct indicators *in)
{
	free(in);
}

void
indicators_year_free(struct indicators_year *y)
{
	size_t	i;

	if (y == NULL)
		return;
	PQclear(y->res);
	for (i = 0; i < y->nrows; i++) {
		free(y->rows[i].key_buf);
		free(y->rows[i].label_buf);
	}
	free(y->rows);
	memset(y, 0, sizeof(*y));
}

/* ---------------------------------------------------------------- load */

/* The rows of part in y->res: [*first, *last). */
static void
part_range(const PGresult *res, const char *part, int *first, int *last)
{
	int	i, cp = PQfnumber(res, "part");

	*first = *last = PQntuples(res);
	for (i = 0; i < PQntuples(res); i++)
		if (strcmp(PQgetvalue(res, i, cp), part) == 0) {
			if (*first == PQntuples(res))
				*first = i;
			*last = i + 1;
		}
	if (*first > *last)
		*first = *last;
}

/* The row of indicator id among y's, or NULL. */
static struct indicators_row *
row_by_id(struct indicators_year *y, const char *const *ids, const char *id)
{
	size_t	i;

	for (i = 0; i < y->nrows; i++)
		if (ids[i] != NULL && strcmp(ids[i], id) == 0)
			return &y->rows[i];
	return NULL;
}

/* The row of the computed source among y's, or NULL. */
static struct indicators_row *
row_by_source(struct indicators_year *y, const char *source)
{
	size_t	i;

	for (i = 0; i < y->nrows; i++)
		if (strcmp(y->rows[i].source, source) == 0)
			return &y->rows[i];
	return NULL;
}

/* The criterion of f that follows rule, as ref rules it, into *eq. */
static int
ruled(const struct form *f, enum form_rule rule,
    const struct form_referential *ref, struct form_question *eq)
{
	const struct form_question	*q;
	size_t				 k;

	for (k = 0; k < form_nquestions(f); k++) {
		q = form_question(f, k);
		if (q->criterion && q->rule == rule) {
			form_rule_apply(q, ref, eq);
			return 0;
		}
	}
	return -1;
}

/* Counts the answers of campaign id to eq (results_count_add). */
static void
count_campaign(const PGresult *res, int first, int last, const char *id,
    const struct form_question *eq, struct results_count *c,
    double *sum, long long *values)
{
	const char	*v;
	long long	 k;
	int		 i;

	memset(c, 0, sizeof(*c));
	c->key = eq->key;
	for (i = first; i < last; i++) {
		if (strcmp(db_value(res, i, "id"), id) != 0 ||
		    strcmp(db_value(res, i, "k"), eq->key) != 0)
			continue;
		v = db_value(res, i, "value");
		k = strtoll(db_value(res, i, "n"), NULL, 10);
		results_count_add(c, eq, v, k);
		if (sum != NULL) {
			*sum += (double)strtoll(v, NULL, 10) * (double)k;
			*values += k;
		}
	}
}

/*
 * The emails of campaign id without a reply whose deadline (eq's
 * conform_max working days after they were sent) has passed by today:
 * late, as a campaign's results count them.
 */
static long long
late_emails(const PGresult *res, int first, int last, const char *id,
    const struct form_question *eq, long today, const char *department)
{
	long long	 late = 0;
	long		 sent, delay;
	int		 i;

	if (!eq->has_conform_max || eq->delay_from == NULL ||
	    strcmp(eq->key, DELAY_KEY) != 0 ||
	    strcmp(eq->delay_from, DELAY_FROM) != 0)
		return 0;
	for (i = first; i < last; i++) {
		if (strcmp(db_value(res, i, "id"), id) != 0 ||
		    cal_parse(db_value(res, i, "value"), &sent) == -1)
			continue;
		delay = cal_working_delay(sent, today, department);
		if (delay > eq->conform_max)
			late += strtoll(db_value(res, i, "n"), NULL, 10);
	}
	return late;
}

/*
 * Adds the survey's criteria of f (counted from campaign id) to y's
 * rows after the survey's own: one row per criterion key, whatever the
 * form's version.
 */
static void
survey_add(struct indicators_year *y, const PGresult *res, int first,
    int last, const char *id, const struct form *f, size_t maxrows)
{
	const struct form_question	*q;
	struct indicators_row		*base, *r;
	struct results_count		 c;
	size_t				 k, i;

	if ((base = row_by_source(y, "survey-rate")) == NULL)
		return;
	for (k = 0; k < form_nquestions(f); k++) {
		q = form_question(f, k);
		if (!q->criterion)
			continue;
		r = NULL;
		for (i = 0; i < y->nrows; i++)
			if (y->rows[i].key_buf != NULL &&
			    strcmp(y->rows[i].key_buf, q->key) == 0)
				r = &y->rows[i];
		if (r == NULL) {
			if (y->nrows == maxrows)
				return;
			r = &y->rows[y->nrows++];
			*r = *base;
			r->key = r->key_buf = xstrdup(q->key);
			xasprintf(&r->label_buf, "%s : %s", base->label,
			    q->short_label != NULL ? q->short_label :
			    q->label);
			r->label = r->label_buf;
			/* The form's target, unless the site set one. */
			if (!base->own_target)
				r->target = q->target >= 0.0 ? q->target :
				    base->target;
		}
		count_campaign(res, first, last, id, q, &c, NULL, NULL);
		r->x[0] += c.satisfied;
		r->n[0] += c.opinions;
	}
}

/* The computed indicators of one campaign, row i of the 'd-camp' part. */
static void
campaign_add(struct indicators *ind, struct indicators_year *y, int i,
    int cf, int cl, int uf, int ul, long today, const char *department,
    size_t maxrows)
{
	const PGresult		*res = y->res;
	const struct form	*f;
	struct form_referential	 ref;
	struct form_question	 eq;
	struct results_count	 c;
	struct indicators_row	*r, *m;
	const char		*id, *kind;
	double			 sum = 0.0;
	long long		 values = 0, late;
	int			 month, p;

	id = db_value(res, i, "id");
	kind = db_value(res, i, "k");
	month = (int)strtol(db_value(res, i, "period"), NULL, 10);
	if ((f = formcache_get(ind->forms, strtoll(db_value(res, i,
	    "form_id"), NULL, 10))) == NULL) {
		log_warnx("indicators: campaign %s: no form", id);
		return;
	}
	if (strcmp(kind, "satisfaction") == 0) {
		survey_add(y, res, cf, cl, id, f, maxrows);
		return;
	}
	referential_read(res, i, &ref);
	if (strcmp(kind, "mystery-call") == 0 &&
	    (r = row_by_source(y, "mystery-call-picked-up")) != NULL &&
	    ruled(f, FORM_RULE_PICKED_UP, &ref, &eq) == 0 &&
	    (p = indicator_period_of(r->periodicity, month)) > 0) {
		count_campaign(res, cf, cl, id, &eq, &c, NULL, NULL);
		r->x[p - 1] += c.satisfied;
		r->n[p - 1] += c.opinions;
	}
	if (strcmp(kind, "mystery-email") != 0 ||
	    ruled(f, FORM_RULE_REPLY_DELAY, &ref, &eq) == -1)
		return;
	count_campaign(res, cf, cl, id, &eq, &c, &sum, &values);
	late = late_emails(res, uf, ul, id, &eq, today, department);
	if ((r = row_by_source(y, "mystery-email-in-time")) != NULL &&
	    (p = indicator_period_of(r->periodicity, month)) > 0) {
		r->x[p - 1] += c.satisfied;
		r->n[p - 1] += c.opinions + late;
		r->unanswered += late;
	}
	/* The mean delay: of the emails answered; sums kept in x. */
	if ((m = row_by_source(y, "mystery-email-mean-delay")) != NULL &&
	    (p = indicator_period_of(m->periodicity, month)) > 0) {
		m->x[p - 1] += (long long)sum;
		m->n[p - 1] += values;
		m->unanswered += late;
	}
}

/* Judges each period and the year of row r, proportions by method. */
static void
row_judge(struct indicators_row *r, const double *entered,
    enum stats_method method)
{
	double		 v[INDICATOR_PERIODS_MAX], total = 0.0;
	long long	 values = 0;
	int		 p, np = 0;

	r->year_x = r->year_n = 0;
	for (p = 0; p < r->nperiods; p++) {
		if (strcmp(r->unit, "proportion") == 0) {
			if (indicator_judge_proportion(r->x[p], r->n[p],
			    r->target, r->better, method, &r->period[p]) != 0)
				memset(&r->period[p], 0, sizeof(r->period[p]));
			r->year_x += r->x[p];
			r->year_n += r->n[p];
		} else if (entered != NULL) {
			indicator_judge_value(entered[p], r->target, r->better,
			    &r->period[p]);
			if (!isnan(entered[p])) {
				total += entered[p];
				np++;
			}
		} else {
			/* A computed mean: the sum of the values over n. */
			indicator_judge_value(r->n[p] > 0 ? (double)r->x[p] /
			    (double)r->n[p] : NAN, r->target, r->better,
			    &r->period[p]);
			r->year_x += r->x[p];
			r->year_n += r->n[p];
			values += r->n[p];
		}
		v[p] = r->period[p].has_value ? r->period[p].value : NAN;
	}
	if (strcmp(r->unit, "proportion") == 0) {
		if (indicator_judge_proportion(r->year_x, r->year_n, r->target,
		    r->better, method, &r->year) != 0)
			memset(&r->year, 0, sizeof(r->year));
	} else if (entered != NULL) {
		indicator_judge_value(np > 0 ? total / np : NAN, r->target,
		    r->better, &r->year);
		r->year_n = np;
	} else
		indicator_judge_value(values > 0 ? (double)r->year_x /
		    (double)values : NAN, r->target, r->better, &r->year);
	r->trend = indicator_trend_of(v, (size_t)r->nperiods, r->better);
}

int
indicators_year_load(struct indicators *ind, const struct staff_user *u,
    const char *site_id, int year, struct indicators_year *y)
{
	const char		*params[4] = { site_id, NULL, DELAY_KEY,
				    DELAY_FROM }, **ids = NULL;
	double			(*entered)[INDICATOR_PERIODS_MAX] = NULL;
	struct indicators_row	*r;
	char			 ys[16], sqlstate[6];
	const char		*department;
	long			 today;
	size_t			 maxrows, k;
	int			 f, l, cf, cl, uf, ul, i, p, rc = -1, d, m;

	memset(y, 0, sizeof(*y));
	snprintf(ys, sizeof(ys), "%d", year);
	params[1] = ys;
	if (db_exec_as_logged(ind->db, u->session, u->login,
	    ind->base + S_YEAR, indicators_stmts[S_YEAR].name, params, &y->res,
	    sqlstate) != DB_OK)
		return -1;
	part_range(y->res, "a-site", &f, &l);
	if (f == l) {
		rc = 0;
		goto out;
	}
	y->site_id = db_value(y->res, f, "id");
	y->site_code = db_value(y->res, f, "k");
	y->site_name = db_value(y->res, f, "label");
	department = db_value(y->res, f, "unit");
	if (cal_parse(db_value(y->res, f, "target"), &today) == -1)
		goto out;
	cal_ymd(today, &y->this_year, &y->this_month, &d);
	y->year = year;

	part_range(y->res, "b-ind", &f, &l);
	part_range(y->res, "e-count", &cf, &cl);
	/* Room for the survey's criteria, one row per answered key. */
	maxrows = (size_t)(l - f) + (size_t)(cl - cf) + 1;
	y->rows = xcalloc(maxrows, sizeof(*y->rows));
	ids = xcalloc(maxrows, sizeof(*ids));
	entered = xcalloc(maxrows, sizeof(*entered));
	for (i = f; i < l; i++) {
		r = &y->rows[y->nrows];
		if (indicator_better_parse(db_value(y->res, i, "better"),
		    &r->better) == -1 || indicator_periodicity_parse(
		    db_value(y->res, i, "periodicity"), &r->periodicity) == -1)
			continue;
		ids[y->nrows] = r->id = db_value(y->res, i, "id");
		r->key = db_value(y->res, i, "k");
		r->label = db_value(y->res, i, "label");
		r->unit = db_value(y->res, i, "unit");
		r->source = db_value(y->res, i, "source");
		r->nperiods = indicator_periods(r->periodicity);
		r->available = strcmp(r->source, "complaints") != 0;
		r->target = *db_value(y->res, i, "target") != '\0' ?
		    strtod(db_value(y->res, i, "target"), NULL) : -1.0;
		r->own_target = strcmp(db_value(y->res, i, "period"),
		    "true") == 0;
		r->default_target = *db_value(y->res, i, "value") != '\0' ?
		    strtod(db_value(y->res, i, "value"), NULL) : -1.0;
		for (p = 0; p < INDICATOR_PERIODS_MAX; p++)
			entered[y->nrows][p] = NAN;
		y->nrows++;
	}

	part_range(y->res, "c-val", &f, &l);
	for (i = f; i < l; i++) {
		if ((r = row_by_id(y, ids, db_value(y->res, i, "id"))) == NULL)
			continue;
		p = (int)strtol(db_value(y->res, i, "period"), NULL, 10);
		if (p < 1 || p > r->nperiods)
			continue;
		if (strcmp(r->unit, "proportion") == 0) {
			r->x[p - 1] = strtoll(db_value(y->res, i, "value"),
			    NULL, 10);
			r->n[p - 1] = strtoll(db_value(y->res, i, "cases"),
			    NULL, 10);
		} else
			entered[r - y->rows][p - 1] = strtod(db_value(y->res,
			    i, "value"), NULL);
	}

	part_range(y->res, "d-camp", &f, &l);
	part_range(y->res, "f-unans", &uf, &ul);
	for (i = f; i < l; i++)
		campaign_add(ind, y, i, cf, cl, uf, ul, today, department,
		    maxrows);

	for (k = 0; k < y->nrows; k++) {
		r = &y->rows[k];
		m = strcmp(r->source, "entered") == 0 &&
		    strcmp(r->unit, "proportion") != 0;
		/* The 20-contact grids and the small counts entered use
		   the exact interval, the questionnaire Wilson's. */
		row_judge(r, m ? entered[k] : NULL, strcmp(r->source,
		    "survey-rate") == 0 ? STATS_WILSON : STATS_EXACT);
	}
	rc = 1;
out:
	free(ids);
	free(entered);
	return rc;
}

/* ---------------------------------------------------------------- pages */

static void
message(struct indicators *ind, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(ind->staff, p, u, status, title, text, SELF,
	    "Indicateurs qualité");
}

static void
unavailable(struct indicators *ind, struct resp *p,
    const struct staff_user *u)
{
	message(ind, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été enregistré.");
}

/* A value as the tables write it: "78,0 %", "4,5 j", "1 234". */
static void
put_value(struct buf *b, const struct indicators_row *r, double v)
{
	char	num[CHART_NUMBER_MAX];

	if (isnan(v)) {
		buf_puts(b, EMDASH);
		return;
	}
	if (strcmp(r->unit, "proportion") == 0)
		chart_percent(v, 1, num, sizeof(num));
	else if (strcmp(r->unit, "days") == 0) {
		chart_number(v, 1, num, sizeof(num));
		buf_puts(b, num);
		buf_puts(b, CHART_NBSP "j");
		return;
	} else
		chart_number(v, 0, num, sizeof(num));
	buf_puts(b, num);
}

/* The target: "80 %", "au plus 18 j", "au moins 1 000", or a dash. */
static void
put_target(struct buf *b, const struct indicators_row *r)
{
	if (r->target < 0.0) {
		buf_puts(b, "Pas d’objectif fixé");
		return;
	}
	if (strcmp(r->unit, "proportion") != 0)
		buf_puts(b, r->better == INDICATOR_LOWER ? "au plus " :
		    "au moins ");
	put_value(b, r, r->target);
	if (r->own_target)
		buf_puts(b, " <span class=\"fr-text--xs\">(propre au "
		    "site)</span>");
}

/* A judgement's verdict as a DSFR badge, or a dash. */
static void
put_verdict(struct buf *b, const struct indicator_judgement *j)
{
	static const char *const variant[STATS_VERDICT__MAX] = {
		[STATS_ABOVE] = "success", [STATS_MET] = "success",
		[STATS_BELOW] = "error", [STATS_INCONCLUSIVE] = "warning",
	};

	if (!j->has_value || !j->has_verdict) {
		buf_puts(b, EMDASH);
		return;
	}
	buf_printf(b, "<p class=\"fr-badge fr-badge--sm fr-badge--%s\">%s"
	    "</p>", variant[j->verdict], chart_verdict_name(j->verdict));
}

/* One period's or the year's figure: the value, the interval, n. */
static void
put_judged(struct buf *b, const struct indicators_row *r,
    const struct indicator_judgement *j, long long x, long long n)
{
	if (!j->has_value) {
		buf_puts(b, EMDASH);
		return;
	}
	put_value(b, r, j->value);
	if (j->has_interval) {
		buf_puts(b, " <span class=\"fr-text--xs\">");
		chart_put_interval(b, j->lower, j->upper, 1);
		buf_printf(b, " (%lld/%lld)</span>", x, n);
	} else if (strcmp(r->source, "mystery-email-mean-delay") == 0) {
		buf_puts(b, " <span class=\"fr-text--xs\">(n" CHART_NBSP "="
		    CHART_NBSP);
		chart_put_count(b, n);
		buf_puts(b, ")</span>");
	}
}

static const char *const trend_names[INDICATOR_TREND__MAX] = {
	[INDICATOR_TREND_NONE] = EMDASH,
	[INDICATOR_TREND_BETTER] = "en progrès",
	[INDICATOR_TREND_SAME] = "stable",
	[INDICATOR_TREND_WORSE] = "en recul",
};

/* The trend cell: the line with its text alternative, and in words. */
static void
put_trend(struct buf *b, const struct indicators_row *r, size_t k)
{
	double		 v[INDICATOR_PERIODS_MAX];
	char		 label[INDICATOR_LABEL_MAX], id[32], title[300];
	struct buf	 t[INDICATOR_PERIODS_MAX];
	const char	*texts[INDICATOR_PERIODS_MAX];
	int		 p;

	memset(t, 0, sizeof(t));
	for (p = 0; p < r->nperiods; p++) {
		v[p] = r->period[p].has_value ? r->period[p].value : NAN;
		indicator_period_label(r->periodicity, p + 1, label,
		    sizeof(label));
		buf_puts(&t[p], label);
		buf_puts(&t[p], " : ");
		if (isnan(v[p]))
			buf_puts(&t[p], "pas de valeur");
		else
			put_value(&t[p], r, v[p]);
		texts[p] = t[p].data;
	}
	if (r->nperiods > 1) {
		snprintf(id, sizeof(id), "tendance-%zu", k);
		snprintf(title, sizeof(title), "Tendance : %s", r->label);
		chart_trend(b, v, (size_t)r->nperiods, r->target, texts,
		    title, id);
		buf_puts(b, "<br>");
	}
	buf_puts(b, trend_names[r->trend]);
	for (p = 0; p < r->nperiods; p++)
		buf_free(&t[p]);
}

/* The values of each period, as a list. */
static void
put_periods(struct buf *b, const struct indicators_row *r)
{
	char	label[INDICATOR_LABEL_MAX];
	int	p;

	buf_puts(b, "<ul class=\"qm-periods\">");
	for (p = 0; p < r->nperiods; p++) {
		indicator_period_label(r->periodicity, p + 1, label,
		    sizeof(label));
		buf_puts(b, "<li>");
		buf_puts(b, label);
		buf_puts(b, " : ");
		put_judged(b, r, &r->period[p], r->x[p], r->n[p]);
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul>");
}

/* The dashboard's choice of site and year. */
static void
choice_form(struct buf *b, const struct indicators_year *y)
{
	const char	**opts;
	char		 years[YEARS_BACK + 1][12], sel[12];
	const char	*yopts[2 * (YEARS_BACK + 1)];
	int		 i, n, f, l;

	buf_puts(b, "<form method=\"get\" action=\"" SELF "\" "
	    "class=\"fr-mb-4w\">\n<div class=\"fr-grid-row "
	    "fr-grid-row--gutters fr-grid-row--bottom\">\n"
	    "<div class=\"fr-col-12 fr-col-md-5\">\n");
	part_range(y->res, "a-sites", &f, &l);
	n = l - f;
	opts = xcalloc((size_t)n * 2 + 1, sizeof(*opts));
	for (i = 0; i < n; i++) {
		opts[2 * i] = db_value(y->res, f + i, "id");
		opts[2 * i + 1] = db_value(y->res, f + i, "label");
	}
	page_field_select(b, "ind-site", "site", "Site", opts, (size_t)n,
	    y->site_id, NULL);
	free(opts);
	buf_puts(b, "</div>\n<div class=\"fr-col-12 fr-col-md-3\">\n");
	for (i = 0; i <= YEARS_BACK; i++) {
		snprintf(years[i], sizeof(years[i]), "%d", y->this_year - i);
		yopts[2 * i] = yopts[2 * i + 1] = years[i];
	}
	/* An older year asked for by its address takes the last place. */
	if (y->year < y->this_year - YEARS_BACK)
		snprintf(years[YEARS_BACK], sizeof(years[YEARS_BACK]), "%d",
		    y->year);
	snprintf(sel, sizeof(sel), "%d", y->year);
	page_field_select(b, "ind-annee", "annee", "Année", yopts,
	    YEARS_BACK + 1, sel, NULL);
	buf_puts(b, "</div>\n<div class=\"fr-col-12 fr-col-md-4\">\n"
	    "<button class=\"fr-btn fr-mb-3v\" type=\"submit\">Afficher"
	    "</button>\n</div>\n</div>\n</form>\n");
}

/* GET SELF: the dashboard of y. */
static void
dashboard(struct indicators *ind, const struct staff_user *u,
    struct resp *p, const struct indicators_year *y, const char *done)
{
	const struct indicators_row	*r;
	struct buf			*b = &p->body;
	size_t				 k, i;
	int				 criteria;

	staff_page_open(ind->staff, p, u, "Indicateurs qualité");
	page_back_link(b, "/referent/", "Accueil");
	buf_puts(b, "<h1>Indicateurs qualité</h1>\n<p>Les indicateurs du "
	    "label pour un site et une année : ceux que Qualimètre mesure "
	    "(appels et courriels mystère, questionnaire de satisfaction) "
	    "sont calculés comme les résultats des campagnes, chacune "
	    "comptée dans la période de son premier jour ; les autres sont "
	    "saisis par le référent. Une proportion est donnée avec son "
	    "intervalle de confiance à 95 % ; le verdict la compare à "
	    "l’objectif par un test exact.</p>\n");
	if (done != NULL)
		page_success(b, done);
	choice_form(b, y);
	buf_puts(b, "<h2>");
	html_puts(b, y->site_name);
	buf_printf(b, " — %d</h2>\n<p><a class=\"fr-link\" href=\"" TARGETS
	    "?site=", y->year);
	html_puts(b, y->site_id);
	buf_puts(b, "\">Modifier les objectifs du site</a></p>\n");
	chart_table_open(b, "indicateurs");
	buf_printf(b, "<caption>Indicateurs de %d</caption>\n<thead><tr>"
	    "<th scope=\"col\">Indicateur</th><th scope=\"col\">Objectif</th>"
	    "<th scope=\"col\">Valeurs par période</th>"
	    "<th scope=\"col\">Tendance</th><th scope=\"col\">Année</th>"
	    "<th scope=\"col\">Verdict</th></tr></thead>\n<tbody>\n", y->year);
	for (k = 0; k < y->nrows; k++) {
		r = &y->rows[k];
		if (strcmp(r->source, "survey-rate") == 0 &&
		    r->key_buf == NULL) {
			criteria = 0;
			for (i = 0; i < y->nrows; i++)
				criteria |= y->rows[i].key_buf != NULL;
			if (criteria)
				continue;
			buf_puts(b, "<tr><th scope=\"row\">");
			html_puts(b, r->label);
			buf_puts(b, "</th><td colspan=\"5\">Aucun questionnaire "
			    "de satisfaction ouvert cette année.</td></tr>\n");
			continue;
		}
		buf_puts(b, "<tr><th scope=\"row\">");
		html_puts(b, r->label);
		if (!r->available) {
			buf_puts(b, "</th><td>");
			put_target(b, r);
			buf_puts(b, "</td><td colspan=\"4\">Disponible avec le "
			    "registre des réclamations.</td></tr>\n");
			continue;
		}
		if (strcmp(r->source, "entered") == 0) {
			buf_printf(b, "<br><a class=\"fr-link fr-text--sm\" "
			    "href=\"" ENTRY "?site=");
			html_puts(b, y->site_id);
			buf_printf(b, "&amp;annee=%d&amp;indicateur=", y->year);
			html_puts(b, r->key);
			buf_puts(b, "\">Saisir<span class=\"fr-sr-only\"> ");
			html_puts(b, r->label);
			buf_puts(b, "</span></a>");
		} else
			buf_puts(b, "<br><span class=\"fr-text--xs\">Calculé"
			    "</span>");
		if (r->unanswered > 0)
			buf_printf(b, "<br><span class=\"fr-text--xs\">dont "
			    "%lld courriel%s sans réponse après le délai"
			    "</span>", r->unanswered, r->unanswered > 1 ?
			    "s" : "");
		buf_puts(b, "</th><td>");
		put_target(b, r);
		buf_puts(b, "</td><td>");
		put_periods(b, r);
		buf_puts(b, "</td><td>");
		put_trend(b, r, k);
		buf_puts(b, "</td><td>");
		put_judged(b, r, &r->year, r->year_x, r->year_n);
		buf_puts(b, "</td><td>");
		put_verdict(b, &r->year);
		buf_puts(b, "</td></tr>\n");
	}
	chart_table_close(b);
	page_end(b);
}

/* ---------------------------------------------------------------- input */

/*
 * Reads a non-negative number with at most decimals digits after a comma
 * or a dot ("4,5", "4.5", "1200"; spaces around it ignored), below
 * VALUE_MAX, and writes it as the database takes it into out. Returns
 * 1, 0 when v is blank (out ""), -1 otherwise (out "").
 */
static int
parse_number(const char *v, int decimals, char *out, size_t size)
{
	size_t	n, len, f = 0;

	out[0] = '\0';
	v += strspn(v, " ");
	len = strlen(v);
	while (len > 0 && v[len - 1] == ' ')
		len--;
	if (len == 0)
		return 0;
	n = strspn(v, "0123456789");
	if (n == 0 || n > 9 || n > len)
		return -1;
	if (n < len) {
		if ((v[n] != ',' && v[n] != '.') || decimals == 0)
			return -1;
		f = len - n - 1;
		if (f == 0 || f > (size_t)decimals ||
		    strspn(v + n + 1, "0123456789") != f)
			return -1;
	}
	if (n + 1 + f + 1 > size)
		return -1;
	memcpy(out, v, n);
	out[n] = '\0';
	if (f > 0) {
		out[n] = '.';
		memcpy(out + n + 1, v + n + 1, f);
		out[n + 1 + f] = '\0';
	}
	return 1;
}

/* The first month of period p (1-based) of r's periodicity. */
static int
first_month(const struct indicators_row *r, int p)
{
	return (p - 1) * (12 / r->nperiods) + 1;
}

/* Whether period p of y's year has begun at the site's today. */
static int
begun(const struct indicators_year *y, const struct indicators_row *r,
    int p)
{
	return y->year < y->this_year || (y->year == y->this_year &&
	    first_month(r, p) <= y->this_month);
}

/* The names of the period fields: v1 .. v12, x1 .., n1 ... */
static const char *const v_names[INDICATOR_PERIODS_MAX] = {
	"v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",
	"v12" };
static const char *const x_names[INDICATOR_PERIODS_MAX] = {
	"x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
	"x12" };
static const char *const n_names[INDICATOR_PERIODS_MAX] = {
	"n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11",
	"n12" };

/* The entry form's fields: each period's slot is its number - 1; the
   fields are read after fields_read has checked the names and bytes. */
static const struct fields_field entry_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },
	{ "site", NULL, 0, FIELDS_NO_SLOT },
	{ "annee", NULL, 0, FIELDS_NO_SLOT },
	{ "indicateur", NULL, 0, FIELDS_NO_SLOT },
	{ "v1", NULL, 0, 0 }, { "v2", NULL, 0, 1 }, { "v3", NULL, 0, 2 },
	{ "v4", NULL, 0, 3 }, { "v5", NULL, 0, 4 }, { "v6", NULL, 0, 5 },
	{ "v7", NULL, 0, 6 }, { "v8", NULL, 0, 7 }, { "v9", NULL, 0, 8 },
	{ "v10", NULL, 0, 9 }, { "v11", NULL, 0, 10 }, { "v12", NULL, 0, 11 },
	{ "x1", NULL, 0, 0 }, { "x2", NULL, 0, 1 }, { "x3", NULL, 0, 2 },
	{ "x4", NULL, 0, 3 }, { "n1", NULL, 0, 0 }, { "n2", NULL, 0, 1 },
	{ "n3", NULL, 0, 2 }, { "n4", NULL, 0, 3 },
};
#define ENTRY_NFIELDS	(sizeof(entry_fields) / sizeof(entry_fields[0]))

/* An entry form as sent and checked; strings point into the request. */
struct entry_input {
	const char		*typed_v[INDICATOR_PERIODS_MAX];
	const char		*typed_x[INDICATOR_PERIODS_MAX];
	const char		*typed_n[INDICATOR_PERIODS_MAX];
	char			 value[INDICATOR_PERIODS_MAX][24];
	char			 cases[INDICATOR_PERIODS_MAX][24];
	struct fields_errors	 errs;
};

/* The value of field name in r, or NULL. */
static const char *
field(const struct req *r, const char *name)
{
	const struct http_field	*f;

	return (f = http_field_get(r, name)) != NULL ? f->val : NULL;
}

/* Checks the periods of r's row sent in req into in. */
static void
entry_read(const struct req *req, const struct indicators_year *y,
    const struct indicators_row *r, struct entry_input *in)
{
	const char	*v, *x, *n;
	char		 label[INDICATOR_LABEL_MAX];
	long long	 xv, nv;
	int		 p, prop = strcmp(r->unit, "proportion") == 0, rx, rn;

	memset(in, 0, sizeof(*in));
	fields_read(req, entry_fields, ENTRY_NFIELDS, FIELDS_NAME_FIELD, in,
	    &in->errs);
	for (p = 0; p < INDICATOR_PERIODS_MAX; p++) {
		v = field(req, v_names[p]);
		x = p < 4 ? field(req, x_names[p]) : NULL;
		n = p < 4 ? field(req, n_names[p]) : NULL;
		in->typed_v[p] = v;
		in->typed_x[p] = x;
		in->typed_n[p] = n;
		if (v == NULL && x == NULL && n == NULL)
			continue;
		indicator_period_label(r->periodicity, p + 1, label,
		    sizeof(label));
		if (p >= r->nperiods || (prop ? v != NULL : (x != NULL ||
		    n != NULL))) {
			fields_form_fail(&in->errs, "Cet indicateur n’a pas "
			    "de telle période : rechargez la page.");
			continue;
		}
		if (!begun(y, r, p + 1)) {
			fields_fail(&in->errs, (size_t)p, "La période %s %d "
			    "n’a pas encore commencé : laissez-la vide.",
			    label, y->year);
			continue;
		}
		if (!prop) {
			if (parse_number(v, strcmp(r->unit, "days") == 0 ?
			    2 : 0, in->value[p], sizeof(in->value[p])) == -1)
				fields_fail(&in->errs, (size_t)p, "%s : "
				    "saisissez %s, ou laissez le champ vide.",
				    label, strcmp(r->unit, "days") == 0 ?
				    "un nombre de jours positif, deux "
				    "décimales au plus (par exemple 4,5)" :
				    "un nombre entier positif");
			continue;
		}
		rx = parse_number(x != NULL ? x : "", 0, in->value[p],
		    sizeof(in->value[p]));
		rn = parse_number(n != NULL ? n : "", 0, in->cases[p],
		    sizeof(in->cases[p]));
		if (rx == 0 && rn == 0)
			continue;
		xv = strtoll(in->value[p], NULL, 10);
		nv = strtoll(in->cases[p], NULL, 10);
		if (rx != 1 || rn != 1 || nv == 0 || xv > nv) {
			fields_fail(&in->errs, (size_t)p, "%s : saisissez deux "
			    "nombres entiers, le second (le total) d’au moins "
			    "1, le premier pas plus grand que lui ; ou "
			    "laissez les deux vides.", label);
			in->value[p][0] = in->cases[p][0] = '\0';
		}
	}
}

/* The entry page of r in y (in: as sent with its errors, or NULL). */
static void
entry_page(struct indicators *ind, const struct staff_user *u,
    struct resp *p, const struct indicators_year *y,
    const struct indicators_row *r, const struct entry_input *in)
{
	struct buf	*b = &p->body;
	const char	*labels[INDICATOR_PERIODS_MAX];
	const char	*anchors[INDICATOR_PERIODS_MAX];
	char		 label[INDICATOR_PERIODS_MAX][INDICATOR_LABEL_MAX];
	char		 anchor[INDICATOR_PERIODS_MAX][16], id[16], lg[200];
	char		 now_v[INDICATOR_PERIODS_MAX][CHART_NUMBER_MAX];
	char		 now_x[INDICATOR_PERIODS_MAX][24];
	char		 now_n[INDICATOR_PERIODS_MAX][24];
	const char	*tv, *tx, *tn, *err;
	int		 k, prop = strcmp(r->unit, "proportion") == 0, days;

	days = strcmp(r->unit, "days") == 0;
	for (k = 0; k < r->nperiods; k++) {
		indicator_period_label(r->periodicity, k + 1, label[k],
		    sizeof(label[k]));
		labels[k] = label[k];
		snprintf(anchor[k], sizeof(anchor[k]), prop ? "ind-x%d" :
		    "ind-v%d", k + 1);
		anchors[k] = anchor[k];
		now_v[k][0] = now_x[k][0] = now_n[k][0] = '\0';
		if (prop && r->n[k] > 0) {
			snprintf(now_x[k], sizeof(now_x[k]), "%lld", r->x[k]);
			snprintf(now_n[k], sizeof(now_n[k]), "%lld", r->n[k]);
		} else if (!prop && r->period[k].has_value)
			chart_number(r->period[k].value, days ? 2 : 0,
			    now_v[k], sizeof(now_v[k]));
	}
	staff_page_open(ind->staff, p, u, in != NULL && in->errs.nerrors > 0 ?
	    "Erreur – Saisie d’un indicateur" : "Saisie d’un indicateur");
	buf_puts(b, "<nav class=\"fr-mb-2w\"><a class=\"fr-link "
	    "fr-icon-arrow-left-line fr-link--icon-left\" href=\"" SELF
	    "?site=");
	html_puts(b, y->site_id);
	buf_printf(b, "&amp;annee=%d\">Indicateurs qualité</a></nav>\n",
	    y->year);
	buf_puts(b, "<h1>");
	html_puts(b, r->label);
	buf_puts(b, "</h1>\n<p>");
	html_puts(b, y->site_name);
	buf_printf(b, ", %d. ", y->year);
	if (prop)
		buf_puts(b, "Pour chaque période, saisissez le nombre de cas "
		    "traités dans le délai et le nombre total de cas.");
	else if (days)
		buf_puts(b, "Pour chaque période, saisissez le délai moyen en "
		    "jours, deux décimales au plus (par exemple 4,5).");
	else
		buf_puts(b, "Pour chaque période, saisissez un nombre entier.");
	buf_puts(b, " Un champ vidé efface la valeur de sa période ; chaque "
	    "valeur garde son historique. Une période qui n’a pas commencé "
	    "ne se saisit pas.</p>\n");
	if (in != NULL)
		fields_summary(b, &in->errs, "Rien n’a été enregistré",
		    labels, anchors, (size_t)r->nperiods, FIELDS_AUTOFOCUS);
	buf_puts(b, "<form method=\"post\" action=\"" ENTRY "\" novalidate>\n");
	staff_csrf_input(b, u);
	buf_puts(b, "<input type=\"hidden\" name=\"site\" value=\"");
	html_puts(b, y->site_id);
	buf_printf(b, "\">\n<input type=\"hidden\" name=\"annee\" "
	    "value=\"%d\">\n<input type=\"hidden\" name=\"indicateur\" "
	    "value=\"", y->year);
	html_puts(b, r->key);
	buf_puts(b, "\">\n");
	for (k = 0; k < r->nperiods; k++) {
		if (!begun(y, r, k + 1))
			continue;
		err = in != NULL ? in->errs.error[k] : NULL;
		if (!prop) {
			tv = in != NULL ? in->typed_v[k] : now_v[k];
			snprintf(id, sizeof(id), "ind-v%d", k + 1);
			snprintf(lg, sizeof(lg), "%.15s %d%s", label[k], y->year,
			    days ? " (jours)" : "");
			page_field_input(b, id, v_names[k], "text", days ?
			    " inputmode=\"decimal\" maxlength=\"12\" "
			    "autocomplete=\"off\"" : " inputmode=\"numeric\" "
			    "maxlength=\"12\" autocomplete=\"off\"", lg, NULL,
			    tv, err, NULL, NULL);
			continue;
		}
		tx = in != NULL ? in->typed_x[k] : now_x[k];
		tn = in != NULL ? in->typed_n[k] : now_n[k];
		snprintf(id, sizeof(id), "ind-p%d", k + 1);
		snprintf(lg, sizeof(lg), "%.15s %d", label[k], y->year);
		page_fieldset_open(b, id, lg, NULL, err);
		buf_puts(b, "<div class=\"fr-fieldset__element "
		    "fr-fieldset__element--inline\">\n");
		snprintf(id, sizeof(id), "ind-x%d", k + 1);
		page_field_input(b, id, x_names[k], "text", " inputmode="
		    "\"numeric\" maxlength=\"10\" autocomplete=\"off\"",
		    "Dans le délai", NULL, tx, NULL, NULL, NULL);
		buf_puts(b, "</div>\n<div class=\"fr-fieldset__element "
		    "fr-fieldset__element--inline\">\n");
		snprintf(id, sizeof(id), "ind-n%d", k + 1);
		page_field_input(b, id, n_names[k], "text", " inputmode="
		    "\"numeric\" maxlength=\"10\" autocomplete=\"off\"",
		    "Total", NULL, tn, NULL, NULL, NULL);
		buf_puts(b, "</div>\n");
		snprintf(id, sizeof(id), "ind-p%d", k + 1);
		page_fieldset_close(b, id, err);
	}
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Enregistrer"
	    "</button>\n</form>\n");
	page_end(b);
}

/* POST ENTRY: stores the periods of r that changed, or says why not. */
static void
entry_post(struct indicators *ind, const struct staff_user *u,
    const struct req *req, struct resp *p, const struct indicators_year *y,
    const struct indicators_row *r, const char *ind_id)
{
	struct entry_input	 in;
	struct buf		 periods, values, cases;
	const char		*pv[INDICATOR_PERIODS_MAX];
	const char		*vv[INDICATOR_PERIODS_MAX];
	const char		*cv[INDICATOR_PERIODS_MAX];
	const char		*params[6];
	char			 pn[INDICATOR_PERIODS_MAX][12], ys[12];
	char			 sqlstate[6];
	PGresult		*res = NULL;
	enum db_status		 rc;
	size_t			 n = 0;
	int			 k;

	memset(&periods, 0, sizeof(periods));
	memset(&values, 0, sizeof(values));
	memset(&cases, 0, sizeof(cases));
	entry_read(req, y, r, &in);
	if (in.errs.nerrors > 0) {
		p->status = 400;
		entry_page(ind, u, p, y, r, &in);
		goto out;
	}
	for (k = 0; k < r->nperiods; k++) {
		if (!begun(y, r, k + 1))
			continue;
		snprintf(pn[k], sizeof(pn[k]), "%d", k + 1);
		pv[n] = pn[k];
		vv[n] = in.value[k][0] != '\0' ? in.value[k] : NULL;
		cv[n] = in.cases[k][0] != '\0' ? in.cases[k] : NULL;
		n++;
	}
	db_array(&periods, pv, n);
	db_array(&values, vv, n);
	db_array(&cases, cv, n);
	snprintf(ys, sizeof(ys), "%d", y->year);
	params[0] = y->site_id;
	params[1] = ind_id;
	params[2] = ys;
	params[3] = periods.data != NULL ? periods.data : "{}";
	params[4] = values.data != NULL ? values.data : "{}";
	params[5] = cases.data != NULL ? cases.data : "{}";
	rc = db_exec_as_logged(ind->db, u->session, u->login,
	    ind->base + S_ENTER, indicators_stmts[S_ENTER].name, params, &res,
	    sqlstate);
	if (rc == DB_UNAVAILABLE)
		unavailable(ind, p, u);
	else if (rc == DB_REFUSED && strcmp(sqlstate, "42501") == 0)
		message(ind, p, u, 403, "Saisie refusée", "Ce site ne vous est "
		    "pas confié : rien n’a été enregistré.");
	else if (rc != DB_OK)
		message(ind, p, u, 400, "Saisie refusée", "La base de données "
		    "refuse ces valeurs : rien n’a été enregistré.");
	else {
		p->status = 303;
		xasprintf(&p->location, SELF "?site=%s&annee=%d&fait=valeurs",
		    y->site_id, y->year);
	}
	PQclear(res);
out:
	buf_free(&periods);
	buf_free(&values);
	buf_free(&cases);
	fields_free(&in.errs);
}

/* ---------------------------------------------------------------- targets */

/* The rows of y's catalogue, first in y->rows (the survey's criteria,
   which take the survey's target, come after them), at most as many as
   a form has error slots. */
static size_t
catalogue_rows(const struct indicators_year *y)
{
	size_t	k;

	for (k = 0; k < y->nrows && k < FIELDS_SLOTS_MAX; k++)
		if (y->rows[k].key_buf != NULL)
			break;
	return k;
}

/* A target as typed into out: per cent for a proportion, else days or
   a whole count. Returns as parse_number. */
static int
parse_target(const struct indicators_row *r, const char *v, char *out,
    size_t size)
{
	char	frac[REFERENTIALS_FRACTION_MAX];
	int	rc;

	if (strcmp(r->unit, "proportion") != 0)
		return parse_number(v, strcmp(r->unit, "days") == 0 ? 2 : 0,
		    out, size);
	rc = referentials_percent(v, frac);
	snprintf(out, size, "%s", frac);
	return rc;
}

/* The targets page of y (typed, errs: as sent, or NULL). */
static void
targets_page(struct indicators *ind, const struct staff_user *u,
    struct resp *p, const struct indicators_year *y,
    const char *const *typed, const struct fields_errors *errs,
    const char *done)
{
	const struct indicators_row	*r;
	struct buf			*b = &p->body;
	const char			*labels[FIELDS_SLOTS_MAX];
	const char			*anchors[FIELDS_SLOTS_MAX];
	char				 anchor[FIELDS_SLOTS_MAX][48];
	char				 now[FIELDS_SLOTS_MAX][CHART_NUMBER_MAX];
	char				 name[48];
	const char			*hint;
	struct buf			 lb, hb;
	size_t				 k;

	memset(&lb, 0, sizeof(lb));
	memset(&hb, 0, sizeof(hb));
	for (k = 0; k < catalogue_rows(y); k++) {
		r = &y->rows[k];
		labels[k] = r->label;
		snprintf(anchor[k], sizeof(anchor[k]), "obj-%s", r->key);
		anchors[k] = anchor[k];
		now[k][0] = '\0';
		if (r->own_target)
			chart_number(strcmp(r->unit, "proportion") == 0 ?
			    100.0 * r->target : r->target, strcmp(r->unit,
			    "count") == 0 ? 0 : strcmp(r->unit, "days") == 0 ?
			    2 : chart_target_decimals(r->target), now[k],
			    sizeof(now[k]));
	}
	staff_page_open(ind->staff, p, u, errs != NULL && errs->nerrors > 0 ?
	    "Erreur – Objectifs des indicateurs" :
	    "Objectifs des indicateurs");
	buf_puts(b, "<nav class=\"fr-mb-2w\"><a class=\"fr-link "
	    "fr-icon-arrow-left-line fr-link--icon-left\" href=\"" SELF
	    "?site=");
	html_puts(b, y->site_id);
	buf_puts(b, "\">Indicateurs qualité</a></nav>\n<h1>Objectifs des "
	    "indicateurs : ");
	html_puts(b, y->site_name);
	buf_puts(b, "</h1>\n");
	if (done != NULL)
		page_success(b, done);
	if (errs != NULL)
		fields_summary(b, errs, "Rien n’a été enregistré", labels,
		    anchors, k, FIELDS_AUTOFOCUS);
	buf_puts(b, "<p>Un champ vide reprend l’objectif par défaut du "
	    "label, indiqué sous le champ. Chaque changement est gardé dans "
	    "l’historique.</p>\n<form method=\"post\" action=\"" TARGETS
	    "\" novalidate>\n");
	staff_csrf_input(b, u);
	buf_puts(b, "<input type=\"hidden\" name=\"site\" value=\"");
	html_puts(b, y->site_id);
	buf_puts(b, "\">\n");
	for (k = 0; k < catalogue_rows(y); k++) {
		r = &y->rows[k];
		snprintf(name, sizeof(name), "objectif-%s", r->key);
		hint = strcmp(r->unit, "proportion") == 0 ? "En %, de 0 à "
		    "100, une décimale au plus (par exemple 80 ou 82,5)." :
		    strcmp(r->unit, "days") == 0 ? (r->better ==
		    INDICATOR_LOWER ? "Au plus, en jours (par exemple 18 ou "
		    "4,5)." : "Au moins, en jours.") : "Au moins, un nombre "
		    "entier.";
		/* The label is the catalogue's: escaped here. */
		buf_reset(&lb);
		html_puts(&lb, r->label);
		buf_reset(&hb);
		buf_puts(&hb, hint);
		if (r->default_target >= 0.0) {
			buf_puts(&hb, " Par défaut : ");
			put_value(&hb, r, r->default_target);
			buf_puts(&hb, ".");
		} else
			buf_puts(&hb, " Pas d’objectif par défaut.");
		page_field_input(b, anchor[k], name, "text", " maxlength="
		    "\"12\" autocomplete=\"off\"", lb.data, hb.data,
		    typed != NULL ? typed[k] : now[k], errs != NULL ?
		    errs->error[k] : NULL, NULL, NULL);
	}
	buf_free(&lb);
	buf_free(&hb);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Enregistrer les "
	    "objectifs</button>\n</form>\n");
	page_end(b);
}

/* POST TARGETS: stores the targets that changed, or says why not. */
static void
targets_post(struct indicators *ind, const struct staff_user *u,
    const struct req *req, struct resp *p, const struct indicators_year *y)
{
	struct fields_field	 table[FIELDS_SLOTS_MAX + 2];
	struct fields_errors	 errs;
	struct buf		 ids, targets;
	const char		*typed[FIELDS_SLOTS_MAX], *iv[FIELDS_SLOTS_MAX];
	const char		*tv[FIELDS_SLOTS_MAX], *params[3];
	char			 names[FIELDS_SLOTS_MAX][48];
	char			 out[FIELDS_SLOTS_MAX][32], sqlstate[6];
	const struct indicators_row *r;
	PGresult		*res = NULL;
	enum db_status		 rc;
	size_t			 k, n;

	memset(&errs, 0, sizeof(errs));
	memset(&ids, 0, sizeof(ids));
	memset(&targets, 0, sizeof(targets));
	memset(table, 0, sizeof(table));
	table[0].name = STAFF_CSRF_FIELD;
	table[0].slot = FIELDS_NO_SLOT;
	table[1].name = "site";
	table[1].slot = FIELDS_NO_SLOT;
	n = catalogue_rows(y);
	for (k = 0; k < n; k++) {
		snprintf(names[k], sizeof(names[k]), "objectif-%s",
		    y->rows[k].key);
		table[k + 2].name = names[k];
		table[k + 2].slot = k;
	}
	fields_read(req, table, n + 2, FIELDS_NAME_FIELD, NULL, &errs);
	for (k = 0; k < n; k++) {
		r = &y->rows[k];
		typed[k] = field(req, names[k]);
		iv[k] = r->id;
		tv[k] = NULL;
		if (typed[k] == NULL)
			typed[k] = "";
		switch (parse_target(r, typed[k], out[k], sizeof(out[k]))) {
		case 1:
			tv[k] = out[k];
			break;
		case 0:
			break;
		default:
			fields_fail(&errs, k, "%s", strcmp(r->unit,
			    "proportion") == 0 ? "Saisissez un pourcentage de "
			    "0 à 100, une décimale au plus (par exemple 80 ou "
			    "82,5), ou laissez le champ vide." :
			    strcmp(r->unit, "days") == 0 ? "Saisissez un "
			    "nombre de jours positif, deux décimales au plus, "
			    "ou laissez le champ vide." : "Saisissez un "
			    "nombre entier positif, ou laissez le champ vide.");
		}
	}
	if (errs.nerrors > 0) {
		p->status = 400;
		targets_page(ind, u, p, y, typed, &errs, NULL);
		goto out;
	}
	db_array(&ids, iv, n);
	db_array(&targets, tv, n);
	params[0] = y->site_id;
	params[1] = ids.data != NULL ? ids.data : "{}";
	params[2] = targets.data != NULL ? targets.data : "{}";
	rc = db_exec_as_logged(ind->db, u->session, u->login,
	    ind->base + S_TARGETS, indicators_stmts[S_TARGETS].name, params,
	    &res, sqlstate);
	if (rc == DB_UNAVAILABLE)
		unavailable(ind, p, u);
	else if (rc == DB_REFUSED && strcmp(sqlstate, "42501") == 0)
		message(ind, p, u, 403, "Modification refusée", "Ce site ne "
		    "vous est pas confié : rien n’a été enregistré.");
	else if (rc != DB_OK)
		message(ind, p, u, 400, "Modification refusée", "La base de "
		    "données refuse ces objectifs : rien n’a été enregistré.");
	else {
		p->status = 303;
		xasprintf(&p->location, TARGETS "?site=%s&fait=objectifs",
		    y->site_id);
	}
	PQclear(res);
out:
	buf_free(&ids);
	buf_free(&targets);
	fields_free(&errs);
}

/* ---------------------------------------------------------------- routes */

/*
 * The site (an id, or NULL: the user's first) and year (4 digits in
 * 2000 .. 2100, or NULL: this year) of a request, checked. Returns 0, or
 * -1 with a 400 page.
 */
static int
which(struct indicators *ind, const struct staff_user *u,
    const struct req *r, struct resp *p, const char **site, int *year)
{
	const char	*v;

	*site = field(r, "site");
	if (*site != NULL && !http_id_parse(*site, NULL)) {
		message(ind, p, u, 400, "Site inconnu", "Ce site n’existe pas : "
		    "choisissez-le dans la liste.");
		return -1;
	}
	*year = 0;
	if ((v = field(r, "annee")) != NULL) {
		if (strlen(v) != 4 || strspn(v, "0123456789") != 4 ||
		    (*year = atoi(v)) < 2000 || *year > 2100) {
			message(ind, p, u, 400, "Année inconnue", "Choisissez "
			    "une année de quatre chiffres dans la liste.");
			return -1;
		}
	}
	return 0;
}

/* The row of the entered indicator key in y, or NULL. */
static const struct indicators_row *
entered_row(const struct indicators_year *y, const char *key)
{
	size_t	k;

	for (k = 0; key != NULL && k < y->nrows; k++)
		if (y->rows[k].key_buf == NULL &&
		    strcmp(y->rows[k].key, key) == 0 &&
		    strcmp(y->rows[k].source, "entered") == 0)
			return &y->rows[k];
	return NULL;
}

int
indicators_handle(struct indicators *ind, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	struct indicators_year		 y;
	const struct indicators_row	*row;
	const char			*site, *f;
	struct tm			 tm;
	time_t				 now;
	int				 year, found, page;

	if (strcmp(r->path, SELF) == 0)
		page = 0;
	else if (strcmp(r->path, ENTRY) == 0)
		page = 1;
	else if (strcmp(r->path, TARGETS) == 0)
		page = 2;
	else
		return 0;
	memset(&y, 0, sizeof(y));
	if (u->role != STAFF_REFERENT && u->role != STAFF_ADMIN) {
		message(ind, p, u, 403, "Accès réservé", "Les indicateurs sont "
		    "suivis par les référents qualité et les administrateurs.");
		return 1;
	}
	if (r->method == HTTP_OTHER || (r->method == HTTP_POST && page == 0)) {
		p->status = 405;
		p->allow = page == 0 ? "GET, HEAD" : "GET, HEAD, POST";
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		message(ind, p, u, 403, "Formulaire expiré", "Ce formulaire a "
		    "expiré ou ne vient pas de cette session : rien n’a été "
		    "enregistré. Rechargez la page et recommencez.");
		return 1;
	}
	if (which(ind, u, r, p, &site, &year) == -1)
		return 1;
	/* By default this year (UTC's: the site's may differ for hours on
	   the 1st of January, when the year asked for is then refused). */
	if (year == 0) {
		now = time(NULL);
		gmtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	found = indicators_year_load(ind, u, site, year, &y);
	if (found == -1)
		unavailable(ind, p, u);
	else if (found == 0)
		message(ind, p, u, 404, "Site introuvable", "Ce site n’existe "
		    "pas, ou il ne vous est pas confié.");
	else if (year > y.this_year)
		message(ind, p, u, 400, "Année à venir", "Cette année n’a pas "
		    "commencé : rien ne s’y saisit ni ne s’y mesure encore.");
	else if (page == 0) {
		f = field(r, "fait");
		dashboard(ind, u, p, &y, f == NULL ? NULL :
		    strcmp(f, "valeurs") == 0 ? "Les valeurs sont "
		    "enregistrées." : NULL);
	} else if (page == 2) {
		f = field(r, "fait");
		if (r->method == HTTP_POST)
			targets_post(ind, u, r, p, &y);
		else
			targets_page(ind, u, p, &y, NULL, NULL, f != NULL &&
			    strcmp(f, "objectifs") == 0 ? "Les objectifs sont "
			    "enregistrés." : NULL);
	} else if ((row = entered_row(&y, field(r, "indicateur"))) == NULL)
		message(ind, p, u, 404, "Indicateur introuvable", "Cet "
		    "indicateur n’existe pas ou n’est pas saisi par le "
		    "référent : il est calculé par Qualimètre.");
	else if (r->method == HTTP_POST)
		entry_post(ind, u, r, p, &y, row, row->id);
	else
		entry_page(ind, u, p, &y, row, NULL);
	indicators_year_free(&y);
	return 1;
}
