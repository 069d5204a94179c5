/* The national view: the sites by their criteria, and one criterion's chart. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
#include "log.h"
#include "national.h"
#include "page.h"
#include "referential.h"
#include "results.h"
#include "staff.h"
#include "stats.h"
#include "xmalloc.h"

#define PREFIX		"/referent"
#define SELF		PREFIX "/national"
/* The sort parameter's value for the sites' column. */
#define SORT_SITE	"site"
/* The longest key of a form's question (forms/form.rng). */
#define KEY_MAX		64
/* The ids of the page's parts. */
#define ID_TABLE	"sites"
#define ID_CHART	"graphique"
#define ID_RANKS	"classement"

enum stmt {
	S_NATIONAL,
	S_UNANSWERED,
	S__MAX
};

/*
 * A campaign of kind $2 shown: of the site of code $3 or one of its
 * children when $3 is not NULL, of the department $4 when it is not
 * NULL. Row-level security keeps a referent to their own sites.
 */
#define NATIONAL_SCOPE \
	" c.kind = $2 AND ($3::text IS NULL OR c.site_id IN" \
	"  (SELECT g.id FROM qualimetre.site g WHERE g.code = $3" \
	"   OR g.parent_id = (SELECT h.id FROM qualimetre.site h" \
	"   WHERE h.code = $3)))" \
	" AND ($4::text IS NULL OR c.site_id IN" \
	"  (SELECT g.id FROM qualimetre.site g WHERE g.department = $4))" \
	" AND c.cancelled_at IS NULL"

static const struct db_stmt national_stmts[S__MAX] = {
	/*
	 * The whole view in one query: the year shown ($1, or the latest
	 * with answers), the years with campaigns in scope, and the counts
	 * of each (site, form, referential, question, value) of that
	 * year's campaigns in scope (by their opening date), cancelled ones
	 * left out (sql/032), with the referential's rules. Counts are the
	 * sums of those kept as answers arrive (sql/043), the responses set
	 * aside left out.
	 */
	[S_NATIONAL] = { "national_view",
	    "WITH y AS (SELECT coalesce($1::int, (SELECT"
	    "  max(extract(year FROM c.opens_on))::int"
	    "  FROM qualimetre.campaign c WHERE" NATIONAL_SCOPE
	    "  AND EXISTS (SELECT 1 FROM qualimetre.answer a"
	    "   WHERE a.campaign_id = c.id))) AS y),"
	    " c AS (SELECT c.id, c.site_id, c.form_id, c.referential_id"
	    "  FROM qualimetre.campaign c, y WHERE" NATIONAL_SCOPE
	    "  AND extract(year FROM c.opens_on) = y.y)"
	    " SELECT 'year' AS part, y.y::text AS site, NULL::text AS code,"
	    "  NULL::bigint AS form_id, NULL::text AS question,"
	    "  NULL::text AS value, NULL::bigint AS n, NULL::text AS ref_name,"
	    "  NULL::int AS reply_delay, NULL::numeric AS reply_target,"
	    "  NULL::int AS rings_max, NULL::numeric AS rings_target,"
	    "  NULL::numeric AS picked_up_target FROM y"
	    " UNION ALL"
	    " SELECT 'years', extract(year FROM c.opens_on)::int::text, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
	    "  FROM qualimetre.campaign c WHERE" NATIONAL_SCOPE " GROUP BY 2"
	    " UNION ALL"
	    " SELECT 'count', s.name, s.code, c.form_id, k.question, k.value,"
	    "  sum(k.n)::bigint," REFERENTIAL_COLUMNS
	    "  FROM qualimetre.answer_count k JOIN c ON k.campaign_id = c.id"
	    "  JOIN qualimetre.site s ON s.id = c.site_id" REFERENTIAL_JOIN
	    "  GROUP BY s.name, s.code, c.form_id, c.referential_id,"
	    "  ref.name, ref.reply_delay, ref.reply_target, ref.rings_max,"
	    "  ref.rings_target, ref.picked_up_target, k.question, k.value"
	    "  HAVING sum(k.n) <> 0",
	    4 },
	/*
	 * The emails of year $1's campaigns in scope that have no answer
	 * yet: the answers to $5 (when it was sent) of the responses
	 * without a value of the delay $6, counted by site, form,
	 * referential and the day they were sent, with the site's today.
	 */
	[S_UNANSWERED] = { "national_unanswered",
	    "SELECT s.code, c.form_id, s.department, left(a.value, 10) AS sent,"
	    " to_char((now() AT TIME ZONE s.timezone)::date, 'YYYY-MM-DD')"
	    "  AS today, count(*) AS n," REFERENTIAL_COLUMNS
	    " FROM qualimetre.answer a"
	    " JOIN qualimetre.campaign c ON c.id = a.campaign_id"
	    " JOIN qualimetre.site s ON s.id = c.site_id" REFERENTIAL_JOIN
	    " WHERE" NATIONAL_SCOPE " AND extract(year FROM c.opens_on) = $1"
	    " AND a.question = $5 AND a.response_id NOT IN"
	    "  (SELECT x.id FROM qualimetre.set_aside_response x"
	    "   WHERE x.campaign_id = c.id)"
	    " AND NOT EXISTS (SELECT 1 FROM qualimetre.answer d"
	    "  WHERE d.response_id = a.response_id"
	    "  AND d.campaign_id = a.campaign_id AND d.question = $6)"
	    " GROUP BY s.code, c.form_id, s.department, s.timezone, 4,"
	    "  c.referential_id, ref.name, ref.reply_delay, ref.reply_target,"
	    "  ref.rings_max, ref.rings_target, ref.picked_up_target", 6 },
};

struct national {
	struct db		*db;
	struct staff		*staff;		/* the program's, for frames */
	struct formcache	*forms;
	size_t			 base;		/* of our statements in db */
};

/* The page's parameters, as checked. */
enum nq_slot {
	NQ_KIND = NATIONAL_SLOT_KIND,
	NQ_YEAR = NATIONAL_SLOT_YEAR,
	NQ_SORT,
	NQ_ORDER,
	NQ_CRIT,
	NQ__MAX
};

struct nquery {
	struct national_query	 nq;	/* first: the kind and the year */
	const char		*sort;	/* SORT_SITE or a key; NULL: site */
	const char		*order;	/* "asc", "desc" or NULL */
	const char		*crit;	/* a key, or NULL: the first */
};

/* The page as computed from the view and the query. */
struct nshown {
	size_t			 sort;	/* criterion sorted by, or ncrit:
					   the sites' names */
	int			 desc;
	size_t			 crit;	/* the chart's criterion */
	size_t			*order;	/* the table's rows */
	size_t			*ranked; /* the chart's rows, by rate */
};

struct national *
national_create(struct db *db, struct staff *staff, struct formcache *forms)
{
	struct national	*nt;

	nt = xcalloc(1, sizeof(*nt));
	nt->db = db;
	nt->staff = staff;
	nt->forms = forms;
	nt->base = db_register(db, national_stmts, S__MAX);
	return nt;
}

void
national_free(struct national *nt)
{
	free(nt);
}

/* ------------------------------------------------------------ compute */

void
national_rank_ranges(struct national_cell *cells, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		cells[i].best = cells[i].worst = 0;
		if (cells[i].n == 0)
			continue;
		cells[i].best = 1;
		for (j = 0; j < n; j++) {
			if (cells[j].n == 0)
				continue;
			if (cells[j].lower > cells[i].upper)
				cells[i].best++;
			if (cells[j].upper >= cells[i].lower)
				cells[i].worst++;
		}
	}
}

/* Whether cell a comes after cell b in the order by, desc says. */
static int
national_after(const struct national_cell *a, const struct national_cell *b,
    enum national_sort by, int desc)
{
	int	c;

	if (by == NATIONAL_BY_RATE) {
		/* Without opinions, last whichever the direction. */
		if ((a->n > 0) != (b->n > 0))
			return b->n > 0;
		if (a->n > 0 && a->rate != b->rate)
			return desc ? a->rate < b->rate : a->rate > b->rate;
		/* Equal rates keep the names' order. */
		desc = 0;
	}
	if ((c = strcmp(a->name, b->name)) == 0)
		c = strcmp(a->code, b->code);
	return desc ? c < 0 : c > 0;
}

void
national_order(const struct national_cell *cells, size_t n,
    enum national_sort by, int desc, size_t *order)
{
	size_t	i, j, k;

	/* An insertion sort: stable, and a hundred sites are few. */
	for (i = 0; i < n; i++) {
		k = i;
		for (j = i; j > 0 && national_after(&cells[order[j - 1]],
		    &cells[k], by, desc); j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
}

/* ------------------------------------------------------------ load */

static int
year_cmp(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return (x < y) - (x > y);	/* latest first */
}

static int
fid_cmp(const void *a, const void *b)
{
	const long long	*x = a, *y = b;

	return *x < *y ? 1 : *x > *y ? -1 : 0;
}

void
national_view_free(struct national_view *nv)
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

/* The year, the years, the sites and the forms of nv->res's rows. */
static void
national_lists(struct national_view *nv)
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
 * The criteria of every form used, the latest version's labels first: a
 * grid's rule checks only. Returns 0, or -1 when a form cannot be read.
 */
static int
national_criteria(struct national *nt, struct national_view *nv)
{
	const struct form		*form;
	const struct form_question	*q;
	size_t				 i, j, qi;

	for (i = 0; i < nv->nfids; i++) {
		if ((form = formcache_get(nt->forms, nv->fids[i])) == NULL)
			return -1;
		nv->crit = xreallocarray(nv->crit, nv->ncrit +
		    form_nquestions(form) + 1, sizeof(*nv->crit));
		for (qi = 0; qi < form_nquestions(form); qi++) {
			q = form_question(form, qi);
			if (!q->criterion || (nv->kind !=
			    NATIONAL_SATISFACTION && q->rule == FORM_RULE_NONE))
				continue;
			for (j = 0; j < nv->ncrit; j++)
				if (strcmp(nv->crit[j].key, q->key) == 0)
					break;
			if (j < nv->ncrit)
				continue;
			nv->crit[nv->ncrit].key = q->key;
			nv->crit[nv->ncrit].label = q->label;
			nv->crit[nv->ncrit].short_label =
			    q->short_label != NULL ? q->short_label : q->label;
			nv->ncrit++;
		}
	}
	return 0;
}

/*
 * Adds k answers of value v to criterion q's counts (results_count_add),
 * under the referential of row k of res, as the campaign pages count.
 */
static void
national_count(const struct form_question *q, const PGresult *res, int row,
    const char *v, long long k, struct national_cell *cell)
{
	struct results_count	c = { 0 };
	struct form_referential	ref;
	struct form_question	eq;

	referential_read(res, row, &ref);
	form_rule_apply(q, &ref, &eq);
	results_count_add(&c, &eq, v, k);
	cell->n += c.opinions;
	cell->x += c.satisfied;
}

/* Each criterion's counts at each site. */
static void
national_cells(struct national *nt, struct national_view *nv)
{
	PGresult			*res = nv->res;
	const struct form		*form;
	const struct form_question	*q;
	const char			*v;
	size_t				 i, j, ns = nv->nsites;
	int				 k;
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
		form = formcache_get(nt->forms, strtoll(PQgetvalue(res, k,
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
		national_count(q, res, k, PQgetvalue(res, k, cv),
		    strtoll(PQgetvalue(res, k, cn), NULL, 10),
		    &nv->cells[j * ns + i]);
	}
}

/*
 * Each cell's rate and interval as the campaigns' own tables compute
 * them (national_method, RESULTS_LEVEL), then each criterion's rank
 * ranges.
 */
static void
national_rates(struct national_view *nv)
{
	struct stats_interval		 iv;
	struct national_cell		*cell;
	size_t				 i, j, ns = nv->nsites;
	int				 e;

	for (i = 0; i < nv->ncrit * ns; i++) {
		cell = &nv->cells[i];
		if (cell->n == 0)
			continue;
		if ((e = stats_proportion(national_method(nv->kind),
		    RESULTS_LEVEL, cell->x, cell->n, &iv)) != 0) {
			log_warnx("national %s at %s: %s", cell->code,
			    nv->year != NULL ? nv->year : "-",
			    stats_strerror(e));
			cell->n = 0;
			continue;
		}
		cell->rate = iv.estimate;
		cell->lower = iv.lower;
		cell->upper = iv.upper;
	}
	for (j = 0; j < nv->ncrit; j++)
		national_rank_ranges(&nv->cells[j * ns], ns);
}

/* The kinds: campaign.kind, the page's parameter, the French name. */
static const struct {
	const char	*kind;
	const char	*param;
	const char	*name;
} national_kinds[NATIONAL_KIND__MAX] = {
	[NATIONAL_SATISFACTION] = { "satisfaction", "satisfaction",
	    "Questionnaires de satisfaction" },
	[NATIONAL_CALL] = { "mystery-call", "appel",
	    "Appels mystère : règles du référentiel" },
	[NATIONAL_EMAIL] = { "mystery-email", "courriel",
	    "Courriels mystère : règles du référentiel" },
};

const char *
national_kind_param(enum national_kind k)
{
	return k < NATIONAL_KIND__MAX ? national_kinds[k].param : NULL;
}

const char *
national_kind_name(enum national_kind k)
{
	return k < NATIONAL_KIND__MAX ? national_kinds[k].name : NULL;
}

enum national_kind
national_kind_parse(const char *s)
{
	int	k;

	for (k = 0; k < NATIONAL_KIND__MAX; k++)
		if (strcmp(s, national_kinds[k].param) == 0)
			break;
	return k;
}

int
national_method(enum national_kind k)
{
	/* The 20-contact grids use the exact interval (DESIGN.md). */
	return k == NATIONAL_SATISFACTION ? STATS_WILSON : STATS_EXACT;
}

/*
 * An email without an answer has no delay stored: as on the campaign
 * pages, it counts as not conform once its delay, under its campaign's
 * referential, is over, and not at all before. Adds those to the cells
 * of each delay criterion of nv. Returns 0, or -1 when the database or a
 * form cannot be read.
 */
static int
national_unanswered(struct national *nt, const struct staff_user *u,
    const char *group, const char *department, struct national_view *nv)
{
	const struct form		*form;
	const struct form_question	*q, *dq;
	struct form_referential		 ref;
	struct form_question		 eq;
	PGresult			*res = NULL;
	const char			*params[6], *code;
	char				 sqlstate[6];
	long				 sent, today, delay;
	size_t				 i, j, f, ns = nv->nsites;
	int				 k, rc = -1;

	for (j = 0; j < nv->ncrit; j++) {
		/* The delay's keys, from the newest form that has it. */
		for (dq = NULL, f = 0; dq == NULL && f < nv->nfids; f++) {
			if ((form = formcache_get(nt->forms, nv->fids[f])) ==
			    NULL)
				goto out;
			if ((q = form_find(form, nv->crit[j].key)) != NULL &&
			    q->kind == QKIND_DELAY && q->delay_from != NULL)
				dq = q;
		}
		if (dq == NULL)
			continue;
		params[0] = nv->year;
		params[1] = national_kinds[nv->kind].kind;
		params[2] = group;
		params[3] = department;
		params[4] = dq->delay_from;
		params[5] = dq->key;
		if (db_exec_as_logged(nt->db, u->session, u->login, nt->base +
		    S_UNANSWERED, national_stmts[S_UNANSWERED].name, params,
		    &res, sqlstate) != DB_OK)
			goto out;
		for (k = 0; k < PQntuples(res); k++) {
			form = formcache_get(nt->forms, strtoll(db_value(res, k,
			    "form_id"), NULL, 10));
			if (form == NULL)
				goto out;
			if ((q = form_find(form, dq->key)) == NULL ||
			    q->kind != QKIND_DELAY)
				continue;
			referential_read(res, k, &ref);
			form_rule_apply(q, &ref, &eq);
			code = db_value(res, k, "code");
			for (i = 0; i < ns && strcmp(nv->sites[i], code) != 0;
			    i++)
				;
			if (!eq.has_conform_max ||
			    cal_parse(db_value(res, k, "sent"), &sent) == -1 ||
			    cal_parse(db_value(res, k, "today"), &today) == -1)
				continue;
			delay = cal_working_delay(sent, today, db_value(res, k,
			    "department"));
			/* Still within its delay; or a site unknown. */
			if (delay <= eq.conform_max || i == ns)
				continue;
			nv->cells[j * ns + i].n += strtoll(db_value(res, k,
			    "n"), NULL, 10);
		}
		PQclear(res);
		res = NULL;
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int
national_view_load(struct national *nt, const struct staff_user *u,
    enum national_kind kind, const char *year, const char *group,
    const char *department, struct national_view *nv)
{
	const char	*params[4];
	char		 sqlstate[6];
	int		 rc = -1;

	memset(nv, 0, sizeof(*nv));
	nv->kind = kind;
	params[0] = year;
	params[1] = national_kinds[kind].kind;
	params[2] = group;
	params[3] = department;
	if (db_exec_as_logged(nt->db, u->session, u->login, nt->base +
	    S_NATIONAL, national_stmts[S_NATIONAL].name, params, &nv->res,
	    sqlstate) != DB_OK)
		goto out;
	national_lists(nv);
	if (national_criteria(nt, nv) == -1)
		goto out;
	national_cells(nt, nv);
	if (nv->kind == NATIONAL_EMAIL && nv->year != NULL &&
	    national_unanswered(nt, u, group, department, nv) == -1)
		goto out;
	national_rates(nv);
	rc = 0;
out:
	if (rc == -1) {
		national_view_free(nv);
		nv->kind = kind;
	}
	return rc;
}

/* ------------------------------------------------------------ query */

/* Whether s is a question's key as forms/form.rng has it. */
static int
key_valid(const char *s)
{
	size_t	n;

	if (s[0] < 'a' || s[0] > 'z')
		return 0;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-");
	return s[n] == '\0' && n <= KEY_MAX;
}

int
national_v_kind(void *arg, const char *v)
{
	struct national_query	*q = arg;

	if ((q->kind = national_kind_parse(v)) == NATIONAL_KIND__MAX) {
		fields_fail(&q->errs, NATIONAL_SLOT_KIND, "Choisissez un type "
		    "de campagne dans la liste.");
		return 0;
	}
	return 1;
}

int
national_v_year(void *arg, const char *v)
{
	struct national_query	*q = arg;

	if (*v == '\0')
		return 1;	/* the form's empty choice: the latest */
	if (strlen(v) != 4 || strspn(v, "0123456789") != 4 || v[0] < '1') {
		fields_fail(&q->errs, NATIONAL_SLOT_YEAR, "Choisissez une "
		    "année dans la liste.");
		return 0;
	}
	q->year = v;
	return 1;
}

static int
v_sort(void *arg, const char *v)
{
	struct nquery	*q = arg;

	if (strcmp(v, SORT_SITE) != 0 && !key_valid(v)) {
		fields_fail(&q->nq.errs, NQ_SORT, "Triez le tableau par l’un "
		    "des en-têtes de ses colonnes.");
		return 0;
	}
	q->sort = v;
	return 1;
}

static int
v_order(void *arg, const char *v)
{
	struct nquery	*q = arg;

	if (strcmp(v, "asc") != 0 && strcmp(v, "desc") != 0) {
		fields_fail(&q->nq.errs, NQ_ORDER, "L’ordre du tri est « asc » "
		    "(croissant) ou « desc » (décroissant).");
		return 0;
	}
	q->order = v;
	return 1;
}

static int
v_crit(void *arg, const char *v)
{
	struct nquery	*q = arg;

	if (!key_valid(v)) {
		fields_fail(&q->nq.errs, NQ_CRIT, "Choisissez un critère dans "
		    "la liste.");
		return 0;
	}
	q->crit = v;
	return 1;
}

static const struct fields_field nq_fields[] = {
	{ "type",	national_v_kind, 0, NQ_KIND },
	{ "annee",	national_v_year, 0, NQ_YEAR },
	{ "tri",	v_sort,		0, NQ_SORT },
	{ "ordre",	v_order,	0, NQ_ORDER },
	{ "critere",	v_crit,		0, NQ_CRIT },
};
#define NQ_NFIELDS	(sizeof(nq_fields) / sizeof(nq_fields[0]))

/* The criterion of key among nv's, or nv->ncrit: none. */
static size_t
crit_find(const struct national_view *nv, const char *key)
{
	size_t	j;

	for (j = 0; j < nv->ncrit && strcmp(nv->crit[j].key, key) != 0; j++)
		;
	return j;
}

/*
 * What the query asks of the view loaded: the sort, the chart's
 * criterion and both orders into *s. Returns 0, or -1 with an error in
 * q->errs when a key names no criterion of the year.
 */
static int
national_shown(const struct national_view *nv, struct nquery *q,
    struct nshown *s)
{
	struct national_cell	*col;
	size_t			 i, ns = nv->nsites;

	s->sort = nv->ncrit;
	if (q->sort != NULL && strcmp(q->sort, SORT_SITE) != 0 &&
	    (s->sort = crit_find(nv, q->sort)) == nv->ncrit)
		fields_fail(&q->nq.errs, NQ_SORT, "Ce critère n’existe pas "
		    "pour cette année : triez le tableau par l’un des en-têtes "
		    "de ses colonnes.");
	s->crit = 0;
	if (q->crit != NULL && (s->crit = crit_find(nv, q->crit)) ==
	    nv->ncrit)
		fields_fail(&q->nq.errs, NQ_CRIT, "Ce critère n’existe pas "
		    "pour cette année : choisissez-en un dans la liste.");
	if (q->nq.errs.nerrors > 0)
		return -1;
	/* A criterion's best first, the names from A. */
	s->desc = q->order != NULL ? strcmp(q->order, "desc") == 0 :
	    s->sort < nv->ncrit;
	s->order = xcalloc(ns + 1, sizeof(*s->order));
	s->ranked = xcalloc(ns + 1, sizeof(*s->ranked));
	if (nv->ncrit == 0) {
		for (i = 0; i < ns; i++)
			s->order[i] = s->ranked[i] = i;
		return 0;
	}
	col = &nv->cells[(s->sort < nv->ncrit ? s->sort : 0) * ns];
	national_order(col, ns, s->sort < nv->ncrit ? NATIONAL_BY_RATE :
	    NATIONAL_BY_NAME, s->desc, s->order);
	national_order(&nv->cells[s->crit * ns], ns, NATIONAL_BY_RATE, 1,
	    s->ranked);
	return 0;
}

/* ------------------------------------------------------------ render */

/* The page's address with these parameters, escaped for an attribute. */
static void
national_href(struct buf *b, const struct national_view *nv, const char *sort,
    int desc, const char *crit, const char *anchor)
{
	buf_puts(b, SELF "?type=");
	buf_puts(b, national_kind_param(nv->kind));
	buf_puts(b, "&amp;");
	if (nv->year != NULL) {
		buf_puts(b, "annee=");
		html_puts(b, nv->year);
		buf_puts(b, "&amp;");
	}
	buf_puts(b, "tri=");
	html_puts(b, sort);
	buf_puts(b, desc ? "&amp;ordre=desc" : "&amp;ordre=asc");
	buf_puts(b, "&amp;critere=");
	html_puts(b, crit);
	buf_puts(b, "#");
	buf_puts(b, anchor);
}

void
national_choice(struct buf *b, const struct national_view *nv)
{
	const char	*kinds[2 * NATIONAL_KIND__MAX], **opts;
	char		(*y)[12];
	size_t		 n;
	int		 k;

	for (k = 0; k < NATIONAL_KIND__MAX; k++) {
		kinds[2 * k] = national_kinds[k].param;
		kinds[2 * k + 1] = national_kinds[k].name;
	}
	page_field_select(b, "type", "type", "Campagnes comparées", kinds,
	    NATIONAL_KIND__MAX, national_kinds[nv->kind].param, NULL);
	/* The years of the kind shown, and its latest for another kind. */
	opts = xcalloc(2 * ((size_t)nv->nyears + 1), sizeof(*opts));
	y = xcalloc((size_t)nv->nyears + 1, sizeof(*y));
	opts[0] = "";
	opts[1] = "La plus récente";
	for (n = 1, k = 0; k < nv->nyears; k++, n++) {
		snprintf(y[n], sizeof(y[n]), "%d", nv->years[k]);
		opts[2 * n] = opts[2 * n + 1] = y[n];
	}
	page_field_select(b, "annee", "annee", "Année d’ouverture des "
	    "campagnes", opts, n, nv->year != NULL ? nv->year : "", NULL);
	free(opts);
	free(y);
}

/*
 * A column's head: a link that sorts by it (the other way when it is
 * the sort already, else names from A and rates from the best), with
 * aria-sort on the sorted one.
 */
static void
national_head(struct buf *b, const struct national_view *nv,
    const struct nshown *s, size_t j)
{
	const char	*key = j < nv->ncrit ? nv->crit[j].key : SORT_SITE;
	const char	*crit = nv->crit[s->crit].key;
	int		 sorted = s->sort == j, desc;

	desc = sorted ? !s->desc : j < nv->ncrit;
	buf_puts(b, "<th scope=\"col\"");
	if (sorted)
		buf_puts(b, s->desc ? " aria-sort=\"descending\"" :
		    " aria-sort=\"ascending\"");
	buf_puts(b, " data-sort=\"");
	html_puts(b, key);
	buf_puts(b, "\"><a href=\"");
	national_href(b, nv, key, desc, crit, ID_TABLE);
	buf_puts(b, "\"");
	if (j < nv->ncrit) {
		/* The whole question, for a pointer; its short name shows. */
		buf_puts(b, " title=\"");
		html_puts(b, nv->crit[j].label);
		buf_puts(b, "\"");
	}
	buf_puts(b, ">");
	html_puts(b, j < nv->ncrit ? nv->crit[j].short_label : "Site");
	buf_puts(b, "<span class=\"fr-sr-only\"> : trier ");
	buf_puts(b, desc ? "par ordre décroissant" : "par ordre croissant");
	buf_puts(b, "</span></a>");
	if (sorted)
		buf_puts(b, s->desc ? " <span aria-hidden=\"true\">↓</span>" :
		    " <span aria-hidden=\"true\">↑</span>");
	buf_puts(b, "</th>");
}

void
national_cell_put(struct buf *b, enum national_kind kind,
    const struct national_crit *c, const struct national_cell *cell)
{
	int	sat = kind == NATIONAL_SATISFACTION;

	buf_puts(b, "<td data-criterion=\"");
	html_puts(b, c->key);
	buf_printf(b, "\" data-n=\"%lld\" data-satisfied=\"%lld\"", cell->n,
	    cell->x);
	if (cell->n == 0) {
		buf_puts(b, sat ? ">—<span class=\"fr-sr-only\"> pas d’avis"
		    "</span></td>" : ">—<span class=\"fr-sr-only\"> pas de "
		    "contact</span></td>");
		return;
	}
	buf_printf(b, " data-rate=\"%.17g\" data-lower=\"%.17g\" "
	    "data-upper=\"%.17g\"><strong>", cell->rate, cell->lower,
	    cell->upper);
	chart_put_percent(b, cell->rate, 1);
	buf_puts(b, "</strong><span class=\"qm-note\">");
	chart_put_interval(b, cell->lower, cell->upper, 1);
	buf_puts(b, "</span><span class=\"qm-note\">");
	if (sat)
		chart_put_counted(b, cell->n, "avis", "avis");
	else
		chart_put_counted(b, cell->n, "contact", "contacts");
	buf_puts(b, "</span></td>");
}

/* The one table: a row per site, a column per criterion. */
static void
national_table(struct buf *b, const struct national_view *nv,
    const struct nshown *s)
{
	size_t	i, j, si, ns = nv->nsites;
	int	sat = nv->kind == NATIONAL_SATISFACTION;

	buf_puts(b, "<h2 id=\"" ID_TABLE "\">Les sites, critère par "
	    "critère</h2>\n");
	buf_puts(b, sat ? "<p>Chaque case donne le taux de satisfaction sur "
	    "les avis exprimés (les réponses « sans avis » sont écartées), "
	    "en dessous son intervalle de confiance à 95 % (méthode de "
	    "Wilson) et le nombre d’avis. Les en-têtes de colonnes trient "
	    "le tableau.</p>\n" : "<p>Chaque case donne le taux de "
	    "conformité à une règle du référentiel de la campagne (celui "
	    "de chaque campagne fixe le seuil), en dessous son intervalle "
	    "de confiance à 95 % (méthode exacte de Clopper-Pearson, comme "
	    "sur la page de chaque campagne) et le nombre de contacts. Les "
	    "en-têtes de colonnes trient le tableau.</p>\n");
	buf_puts(b, "<div class=\"fr-table qm-table-wide "
	    "qm-sticky\">\n" HTML_TABLE_BOXES "<table id=\"" ID_TABLE
	    "-table\">\n<caption>");
	buf_puts(b, sat ? "Taux de satisfaction par site et par critère" :
	    "Taux de conformité par site et par règle");
	if (nv->year != NULL) {
		buf_puts(b, ", ");
		html_puts(b, nv->year);
	}
	buf_puts(b, " : trié par ");
	if (s->sort < nv->ncrit) {
		html_puts(b, nv->crit[s->sort].short_label);
		if (sat)
			buf_puts(b, s->desc ? ", du plus satisfait au moins "
			    "satisfait" : ", du moins satisfait au plus "
			    "satisfait");
		else
			buf_puts(b, s->desc ? ", du plus conforme au moins "
			    "conforme" : ", du moins conforme au plus "
			    "conforme");
	} else
		buf_puts(b, s->desc ? "site, de Z à A" : "site, de A à Z");
	buf_puts(b, "</caption>\n<thead><tr>");
	national_head(b, nv, s, nv->ncrit);
	for (j = 0; j < nv->ncrit; j++)
		national_head(b, nv, s, j);
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < ns; i++) {
		si = s->order[i];
		buf_puts(b, "<tr data-site=\"");
		html_puts(b, nv->sites[si]);
		buf_puts(b, "\"><th scope=\"row\">");
		html_puts(b, nv->names[si]);
		buf_puts(b, "</th>");
		for (j = 0; j < nv->ncrit; j++)
			national_cell_put(b, nv->kind, &nv->crit[j],
			    &nv->cells[j * ns + si]);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

/* The choice of the chart's criterion: a GET form keeping the sort. */
static void
national_pick(struct buf *b, const struct national_view *nv,
    const struct nshown *s, const char *sort)
{
	const char	**opts;
	size_t		 j;

	opts = xcalloc(2 * nv->ncrit + 1, sizeof(*opts));
	for (j = 0; j < nv->ncrit; j++) {
		opts[2 * j] = nv->crit[j].key;
		opts[2 * j + 1] = nv->crit[j].short_label;
	}
	buf_puts(b, "<form method=\"get\" action=\"" SELF "#" ID_CHART "\" "
	    "class=\"fr-mb-4w\">\n<input type=\"hidden\" name=\"type\" "
	    "value=\"");
	buf_puts(b, national_kind_param(nv->kind));
	buf_puts(b, "\">\n");
	if (nv->year != NULL) {
		buf_puts(b, "<input type=\"hidden\" name=\"annee\" value=\"");
		html_puts(b, nv->year);
		buf_puts(b, "\">\n");
	}
	buf_puts(b, "<input type=\"hidden\" name=\"tri\" value=\"");
	html_puts(b, sort);
	buf_printf(b, "\">\n<input type=\"hidden\" name=\"ordre\" "
	    "value=\"%s\">\n", s->desc ? "desc" : "asc");
	page_field_select(b, "critere", "critere", "Critère du graphique",
	    opts, nv->ncrit, nv->crit[s->crit].key, NULL);
	buf_puts(b, "<button class=\"fr-btn fr-btn--sm\" type=\"submit\">"
	    "Afficher le graphique</button>\n</form>\n");
	free(opts);
}

/* The chosen criterion's table: the chart's figures, with rank ranges. */
static void
national_ranks(struct buf *b, const struct national_view *nv,
    const struct nshown *s)
{
	const struct national_crit	*c = &nv->crit[s->crit];
	const struct national_cell	*cell;
	size_t				 i;
	int				 sat;

	sat = nv->kind == NATIONAL_SATISFACTION;
	buf_puts(b, "<div class=\"fr-table\">\n" HTML_TABLE_BOXES
	    "<table id=\"" ID_RANKS "-table\" data-criterion=\"");
	html_puts(b, c->key);
	buf_puts(b, "\">\n<caption>");
	html_puts(b, c->label);
	buf_puts(b, sat ? " : les sites du plus satisfait au moins satisfait"
	    "</caption>\n<thead><tr><th scope=\"col\">Site</th>"
	    "<th scope=\"col\">Avis exprimés</th><th scope=\"col\">Taux de "
	    "satisfaction</th>" : " : les sites du plus conforme au moins "
	    "conforme</caption>\n<thead><tr><th scope=\"col\">Site</th>"
	    "<th scope=\"col\">Contacts</th><th scope=\"col\">Taux de "
	    "conformité</th>");
	buf_puts(b, "<th scope=\"col\">Intervalle de confiance à "
	    "95 %</th><th scope=\"col\">Rang possible</th></tr></thead>\n"
	    "<tbody>\n");
	for (i = 0; i < nv->nsites; i++) {
		cell = &nv->cells[s->crit * nv->nsites + s->ranked[i]];
		buf_puts(b, "<tr data-site=\"");
		html_puts(b, cell->code);
		buf_printf(b, "\" data-n=\"%lld\" data-satisfied=\"%lld\"",
		    cell->n, cell->x);
		if (cell->n > 0)
			buf_printf(b, " data-rate=\"%.17g\" data-lower=\"%.17g\""
			    " data-upper=\"%.17g\" data-best=\"%d\" "
			    "data-worst=\"%d\"", cell->rate, cell->lower,
			    cell->upper, cell->best, cell->worst);
		buf_puts(b, "><th scope=\"row\">");
		html_puts(b, cell->name);
		buf_puts(b, "</th><td>");
		chart_put_count(b, cell->n);
		buf_puts(b, "</td><td>");
		if (cell->n == 0) {
			buf_puts(b, sat ? "pas d’avis</td><td>—</td><td>—</td>"
			    "</tr>\n" : "pas de contact</td><td>—</td>"
			    "<td>—</td></tr>\n");
			continue;
		}
		chart_put_percent(b, cell->rate, 1);
		buf_puts(b, "</td><td>");
		chart_put_interval(b, cell->lower, cell->upper, 1);
		buf_puts(b, "</td><td>");
		if (cell->best == cell->worst)
			buf_printf(b, "%d", cell->best);
		else
			buf_printf(b, "%d–%d<span class=\"fr-sr-only\"> (entre "
			    "le %d%s et le %de rang)</span>", cell->best,
			    cell->worst, cell->best, cell->best == 1 ?
			    "er" : "e", cell->worst);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

/* The chart of the chosen criterion, its choice and its table. */
static void
national_chart(struct buf *b, const struct national_view *nv,
    const struct nshown *s)
{
	const struct national_crit	*c = &nv->crit[s->crit];
	const struct national_cell	*cell;
	struct chart_dot		*dots;
	struct buf			 title = { NULL, 0, 0 };
	size_t				 i;

	buf_puts(b, "<h2 id=\"" ID_CHART "\">Le classement d’un critère"
	    "</h2>\n<p>Le <strong>rang possible</strong> remplace un "
	    "classement trop précis : un taux mesuré sur quelques dizaines "
	    "de réponses est incertain, et deux sites dont les intervalles "
	    "se chevauchent ne peuvent pas être départagés. « 1–3 » veut "
	    "dire que le site peut être premier comme troisième : il n’est "
	    "devancé avec certitude que par les sites dont tout "
	    "l’intervalle est au-dessus du sien, et ne devance avec "
	    "certitude que les sites dont tout l’intervalle est au-dessous. "
	    "Plus les réponses sont nombreuses, plus les intervalles sont "
	    "étroits et les rangs précis.</p>\n");
	national_pick(b, nv, s, s->sort < nv->ncrit ? nv->crit[s->sort].key :
	    SORT_SITE);
	dots = xcalloc(nv->nsites + 1, sizeof(*dots));
	for (i = 0; i < nv->nsites; i++) {
		cell = &nv->cells[s->crit * nv->nsites + s->ranked[i]];
		dots[i].label = cell->name;
		dots[i].n = cell->n;
		dots[i].rate = cell->n > 0 ? cell->rate : NAN;
		dots[i].lower = cell->lower;
		dots[i].upper = cell->upper;
		dots[i].best = cell->best;
		dots[i].worst = cell->worst;
	}
	buf_puts(&title, c->short_label);
	if (nv->year != NULL) {
		buf_puts(&title, ", ");
		buf_puts(&title, nv->year);
	}
	buf_puts(&title, nv->kind == NATIONAL_SATISFACTION ? " : taux de "
	    "satisfaction et rang possible des sites" : " : taux de "
	    "conformité et rang possible des sites");
	chart_dots(b, dots, nv->nsites, title.data, ID_CHART "-dots",
	    ID_RANKS "-table", nv->kind != NATIONAL_SATISFACTION);
	buf_free(&title);
	free(dots);
	national_ranks(b, nv, s);
}

void
national_none(struct buf *b, const struct national_view *nv)
{
	buf_puts(b, nv->kind == NATIONAL_SATISFACTION ? "<p "
	    "class=\"fr-text--lead\">Aucune réponse aux questionnaires de "
	    "satisfaction pour cette année.</p>\n" : "<p "
	    "class=\"fr-text--lead\">Aucun contact mystère enregistré pour "
	    "cette année.</p>\n");
}

static void
national_page(struct national *nt, struct resp *p, const struct staff_user *u,
    const struct national_view *nv, const struct nshown *s)
{
	struct buf	*b = &p->body;

	staff_page_open(nt->staff, p, u, "Vue nationale");
	page_back_link(b, PREFIX "/", "Accueil");
	buf_puts(b, "<h1>Vue nationale");
	if (nv->year != NULL) {
		buf_puts(b, " ");
		html_puts(b, nv->year);
	}
	buf_puts(b, "</h1>\n");
	buf_puts(b, "<form method=\"get\" action=\"" SELF "\" "
	    "class=\"fr-mb-4w\">\n");
	national_choice(b, nv);
	buf_puts(b, "<button class=\"fr-btn fr-btn--sm\" type=\"submit\">"
	    "Afficher</button>\n</form>\n");
	buf_puts(b, nv->kind == NATIONAL_SATISFACTION ? "<p>Les "
	    "questionnaires de satisfaction ouverts dans l’année, site par "
	    "site : un tableau de tous les critères, puis le graphique d’un "
	    "critère avec le rang possible de chaque site.</p>\n" : "<p>Les "
	    "campagnes mystère ouvertes dans l’année, site par site : un "
	    "tableau des règles du référentiel que les grilles vérifient, "
	    "puis le graphique d’une règle avec le rang possible de chaque "
	    "site.</p>\n");
	if (nv->nsites == 0 || nv->ncrit == 0) {
		national_none(b, nv);
		page_end(b);
		return;
	}
	national_table(b, nv, s);
	national_chart(b, nv, s);
	page_end(b);
}

/* ------------------------------------------------------------ handler */

static void
message(struct national *nt, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(nt->staff, p, u, status, title, text, PREFIX "/",
	    "Accueil");
}

void
national_refused(struct staff *staff, struct resp *p,
    const struct staff_user *u, const struct fields_errors *errs,
    size_t nslots, const char *again)
{
	const char	*text = errs->form_error;
	size_t		 i;

	for (i = 0; text == NULL && i < nslots; i++)
		text = errs->error[i];
	staff_page_message(staff, p, u, 400, "Adresse invalide", text !=
	    NULL ? text : again, PREFIX "/", "Accueil");
}

/* GET SELF: read the query, load, compute, render. */
static void
national(struct national *nt, const struct staff_user *u, const struct req *r,
    struct resp *p)
{
	struct nquery		 q;
	struct national_view	 nv;
	struct nshown		 s;

	memset(&q, 0, sizeof(q));
	memset(&nv, 0, sizeof(nv));
	memset(&s, 0, sizeof(s));
	fields_read(r, nq_fields, NQ_NFIELDS, 0, &q, &q.nq.errs);
	if (q.nq.errs.nerrors > 0 || q.nq.errs.form_error != NULL) {
		national_refused(nt->staff, p, u, &q.nq.errs, NQ__MAX,
		    "Rechargez la vue nationale depuis l’accueil.");
		goto out;
	}
	if (national_view_load(nt, u, q.nq.kind, q.nq.year, NULL, NULL, &nv) ==
	    -1) {
		message(nt, p, u, 503, "Service momentanément indisponible",
		    "Réessayez dans quelques instants.");
		goto out;
	}
	if (national_shown(&nv, &q, &s) == -1) {
		national_refused(nt->staff, p, u, &q.nq.errs, NQ__MAX,
		    "Rechargez la vue nationale depuis l’accueil.");
		goto out;
	}
	national_page(nt, p, u, &nv, &s);
out:
	free(s.order);
	free(s.ranked);
	national_view_free(&nv);
	fields_free(&q.nq.errs);
}

int
national_handle(struct national *nt, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	if (r->path == NULL || strcmp(r->path, SELF) != 0)
		return 0;
	http_resp_reset(p);
	if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
		p->status = 405;
		p->allow = "GET, HEAD";
		return 1;
	}
	if (u->role != STAFF_ADMIN) {
		message(nt, p, u, 403, "Accès réservé", "Cette page est réservée "
		    "aux administrateurs.");
		return 1;
	}
	national(nt, u, r, p);
	return 1;
}
