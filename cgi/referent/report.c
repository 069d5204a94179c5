/* The annual report: a year's results of a site or a department. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "actions.h"
#include "buf.h"
#include "chart.h"
#include "comments.h"
#include "db.h"
#include "doc.h"
#include "fields.h"
#include "form.h"
#include "html.h"
#include "http.h"
#include "indicators.h"
#include "log.h"
#include "odf.h"
#include "page.h"
#include "referent.h"
#include "report.h"
#include "results.h"
#include "selfassess.h"
#include "staff.h"
#include "stats.h"
#include "xmalloc.h"

#define PREFIX		"/referent"
#define SELF		PREFIX "/bilan"
#define FILES		SELF "/bilan."
/* The years a report may be asked for. */
#define YEAR_MIN	2000
#define YEAR_MAX	2999
/* The scope's value: "site-ID" or "dep-CODE" (a department's code). */
#define SCOPE_SITE	"site-"
#define SCOPE_DEP	"dep-"
#define DEP_MAX		3
/* Campaigns one report reads at most (two years of a department). */
#define CAMPAIGNS_MAX	400

enum stmt {
	S_SCOPES,
	S_CAMPAIGNS,
	S__MAX
};

static const struct db_stmt report_stmts[S__MAX] = {
	/* The user's sites (the policies keep them to theirs) and the
	   years of their campaigns. */
	[S_SCOPES] = { "report_scopes",
	    "SELECT 'site' AS part, s.id::text AS id, s.code, s.name,"
	    " s.department FROM qualimetre.site s"
	    " UNION ALL"
	    " SELECT 'year', extract(year FROM c.opens_on)::int::text, NULL,"
	    " NULL, NULL FROM qualimetre.campaign c GROUP BY 2"
	    " ORDER BY 1, 5, 4, 2", 0 },
	/* The campaigns of year $1 and the year before at site $2, or at
	   the sites of department $3, oldest first. */
	[S_CAMPAIGNS] = { "report_campaigns",
	    "SELECT c.id::text AS id,"
	    " extract(year FROM c.opens_on)::int::text AS year"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE extract(year FROM c.opens_on) IN ($1::int, $1::int - 1)"
	    " AND (s.id = $2::bigint OR s.department = $3)"
	    " ORDER BY c.opens_on, c.id", 3 },
};

struct report {
	struct db	*db;
	struct staff	*staff;
	struct referent	*rf;
	struct indicators *ind;
	struct comments	*cm;
	struct selfassess *sa;
	struct actions	*ac;
	size_t		 base;
	char		 attachment[96];	/* the file's name */
};

/* The kinds of campaigns, in the report's order. */
static const struct {
	const char	*kind;
	const char	*label;		/* a section's heading */
	const char	*units;		/* what is counted */
	const char	*unit;		/* one of them */
	const char	*sheet;		/* the ODS sheet's name */
} kinds[] = {
	{ "satisfaction", "Questionnaires de satisfaction", "réponses",
	    "réponse", "Satisfaction" },
	{ "mystery-call", "Appels mystère", "appels", "appel",
	    "Appels mystère" },
	{ "mystery-email", "Courriels mystère", "courriels", "courriel",
	    "Courriels mystère" },
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

/* A criterion pooled over a year's campaigns of one form. */
struct rcrit {
	struct form_question	 q;	/* the latest campaign's rules */
	struct results_count	 now, prev;
	int			 this_year;
	int			 ok;	/* row computed */
	struct results_row	 row;
};

/* A campaign of the year, as the report lists it. */
struct rcamp {
	char			*title, *site, *opens_on, *closes_on;
	long long		 responses;
	enum results_rules	 rules;
	char			**notes;
	size_t			 nnotes;
};

/* The campaigns of one kind and form, pooled. */
struct rpool {
	size_t		 kind;		/* in kinds[] */
	char		*form_key;
	struct rcrit	*crit;
	size_t		 ncrit;
	long long	 responses, prev_responses;
	int		 campaigns, prev_campaigns;
	struct rcamp	*camps;		/* this year's */
	size_t		 ncamps;
};

/* One site's indicators, self-assessments and actions of the year. */
struct rsite {
	char			*name;
	struct indicators_year	 ind;
	int			 has_ind;
	struct selfassess_summary sem[2];	/* S1, S2 */
	int			 has_sem[2];
	struct actions_year	 actions;
};

/* A report's contents. */
struct bilan {
	int		 year;
	char		 scope[256];	/* "Préfecture de …" or
					   "Département 41 (3 sites)" */
	char		 code[48];	/* for the file name */
	struct rpool	*pools;
	size_t		 npools;
	int		 reading_year;	/* the campaign being read is of
					   year (1) or the one before (0) */
	struct rsite	*sites;		/* the scope's, by name */
	size_t		 nsites;
	struct comments_theme_count *themes; /* pooled, most first */
	size_t		 nthemes;
};

/* The page's parameters. */
enum rq_slot {
	RQ_YEAR,
	RQ_SCOPE,
	RQ__MAX
};

struct rquery {
	const char		*year;
	const char		*scope;
	int			 y;
	long long		 site;		/* or 0 */
	char			 dep[DEP_MAX + 1]; /* or "" */
	struct fields_errors	 errs;
};

struct report *
report_create(struct db *db, struct staff *staff, struct referent *rf,
    const struct report_sources *src)
{
	struct report	*rp;

	rp = xcalloc(1, sizeof(*rp));
	rp->db = db;
	rp->staff = staff;
	rp->rf = rf;
	rp->ind = src->ind;
	rp->cm = src->cm;
	rp->sa = src->sa;
	rp->ac = src->ac;
	rp->base = db_register(db, report_stmts, S__MAX);
	return rp;
}

void
report_free(struct report *rp)
{
	free(rp);
}

/* ------------------------------------------------------------ compute */

static void
bilan_free(struct bilan *bl)
{
	struct rpool	*pl;
	size_t		 i, k, j;

	for (i = 0; i < bl->npools; i++) {
		pl = &bl->pools[i];
		free(pl->form_key);
		free(pl->crit);
		for (k = 0; k < pl->ncamps; k++) {
			free(pl->camps[k].title);
			free(pl->camps[k].site);
			free(pl->camps[k].opens_on);
			free(pl->camps[k].closes_on);
			for (j = 0; j < pl->camps[k].nnotes; j++)
				free(pl->camps[k].notes[j]);
			free(pl->camps[k].notes);
		}
		free(pl->camps);
	}
	free(bl->pools);
	bl->pools = NULL;
	bl->npools = 0;
	for (i = 0; i < bl->nsites; i++) {
		free(bl->sites[i].name);
		indicators_year_free(&bl->sites[i].ind);
		selfassess_summary_free(&bl->sites[i].sem[0]);
		selfassess_summary_free(&bl->sites[i].sem[1]);
		actions_year_free(&bl->sites[i].actions);
	}
	free(bl->sites);
	bl->sites = NULL;
	bl->nsites = 0;
	comments_theme_counts_free(bl->themes, bl->nthemes);
	bl->themes = NULL;
	bl->nthemes = 0;
}

static struct rpool *
pool_find(struct bilan *bl, size_t kind, const char *form_key)
{
	struct rpool	*pl;
	size_t		 i;

	for (i = 0; i < bl->npools; i++)
		if (bl->pools[i].kind == kind &&
		    strcmp(bl->pools[i].form_key, form_key) == 0)
			return &bl->pools[i];
	bl->pools = xreallocarray(bl->pools, bl->npools + 1,
	    sizeof(*bl->pools));
	pl = &bl->pools[bl->npools++];
	memset(pl, 0, sizeof(*pl));
	pl->kind = kind;
	pl->form_key = xstrdup(form_key);
	return pl;
}

static struct rcrit *
crit_find(struct rpool *pl, const struct form_question *q)
{
	size_t	i;

	for (i = 0; i < pl->ncrit; i++)
		if (strcmp(pl->crit[i].q.key, q->key) == 0)
			return &pl->crit[i];
	pl->crit = xreallocarray(pl->crit, pl->ncrit + 1, sizeof(*pl->crit));
	memset(&pl->crit[pl->ncrit], 0, sizeof(*pl->crit));
	pl->crit[pl->ncrit].q = *q;
	return &pl->crit[pl->ncrit++];
}

static void
count_add(struct results_count *to, const struct results_count *c)
{
	to->satisfied += c->satisfied;
	to->opinions += c->opinions;
	to->no_opinion += c->no_opinion;
}

/* referent_campaign_results's callback: one campaign into its pool. */
static void
collect(const struct referent_campaign *rc, void *arg)
{
	struct bilan		*bl = arg;
	const struct results	*r = rc->r;
	struct rpool		*pl;
	struct rcrit		*c;
	struct rcamp		*cp;
	size_t			 kind, i;

	for (kind = 0; kind < NKINDS; kind++)
		if (strcmp(kinds[kind].kind, r->kind) == 0)
			break;
	if (kind == NKINDS)
		return;
	pl = pool_find(bl, kind, rc->form_key);
	for (i = 0; i < r->nrows; i++) {
		c = crit_find(pl, &rc->rules[i]);
		if (bl->reading_year) {
			/* The latest campaign's rules and names. */
			c->q = rc->rules[i];
			c->this_year = 1;
			count_add(&c->now, &rc->now[i]);
		} else
			count_add(&c->prev, &rc->now[i]);
	}
	if (!bl->reading_year) {
		pl->prev_responses += r->responses;
		pl->prev_campaigns++;
		return;
	}
	pl->responses += r->responses;
	pl->campaigns++;
	pl->camps = xreallocarray(pl->camps, pl->ncamps + 1,
	    sizeof(*pl->camps));
	cp = &pl->camps[pl->ncamps++];
	memset(cp, 0, sizeof(*cp));
	cp->title = xstrdup(r->campaign);
	cp->site = xstrdup(r->site);
	cp->opens_on = xstrdup(r->opens_on);
	cp->closes_on = xstrdup(r->closes_on);
	cp->responses = r->responses;
	cp->rules = r->rules;
	cp->notes = xcalloc(r->nnotes + 1, sizeof(*cp->notes));
	for (i = 0; i < r->nnotes; i++)
		cp->notes[cp->nnotes++] = xstrdup(r->notes[i]);
}

/* The rows of every pool, and the pools in the kinds' order. */
static void
bilan_compute(struct bilan *bl)
{
	struct rpool	*pl, tmp;
	struct rcrit	*c;
	size_t		 i, k;

	for (i = 0; i < bl->npools; i++) {
		pl = &bl->pools[i];
		for (k = 0; k < pl->ncrit; k++) {
			c = &pl->crit[k];
			c->ok = c->this_year && results_row_make(&c->row,
			    &c->q, &c->now, pl->prev_campaigns > 0 ?
			    &c->prev : NULL, pl->kind == 0 ? STATS_WILSON :
			    STATS_EXACT) == 0;
		}
	}
	/* Few pools: an insertion sort, stable. */
	for (i = 1; i < bl->npools; i++)
		for (k = i; k > 0 && bl->pools[k - 1].kind >
		    bl->pools[k].kind; k--) {
			tmp = bl->pools[k];
			bl->pools[k] = bl->pools[k - 1];
			bl->pools[k - 1] = tmp;
		}
}

/* ------------------------------------------------------------ synthesis */

/* A criterion's name: its short name, else its label. */
static const char *
crit_name(const struct rcrit *c)
{
	return c->q.short_label != NULL ? c->q.short_label : c->q.label;
}

/* What kind counts, for n of them: "1 appel", "2 appels", "0 appel". */
static const char *
units(size_t kind, long long n)
{
	return n > 1 ? kinds[kind].units : kinds[kind].unit;
}

/* The plural's "s" for n: French keeps 0 and 1 singular. */
static const char *
plural(long long n)
{
	return n > 1 ? "s" : "";
}

/* The indicators below their target, and those with a target. */
static void
indicators_below(const struct bilan *bl, int *below, int *targets)
{
	const struct indicators_row	*r;
	size_t				 i, k;

	*below = *targets = 0;
	for (i = 0; i < bl->nsites; i++)
		for (k = 0; k < bl->sites[i].ind.nrows; k++) {
			r = &bl->sites[i].ind.rows[k];
			if (!r->available || !r->year.has_verdict)
				continue;
			(*targets)++;
			*below += r->year.verdict == STATS_BELOW;
		}
}

/*
 * The lines of the synthesis on the indicators, the comments' themes,
 * the self-assessment and the action plan, through put as synthesis().
 */
static void
synthesis_sites(const struct bilan *bl,
    void (*put)(const char *, int, void *), void *arg)
{
	const struct rsite	*st;
	char			*s;
	size_t			 i, k, gaps;
	int			 below, targets, h, done;
	long long		 tagged = 0, nact = 0, late = 0;

	indicators_below(bl, &below, &targets);
	if (targets > 0) {
		xasprintf(&s, "Indicateurs de qualité : %d mesuré%s face à "
		    "un objectif, dont %d en dessous.", targets,
		    plural(targets), below);
		put(s, 0, arg);
		free(s);
	}
	for (k = 0; k < bl->nthemes; k++)
		tagged += bl->themes[k].count;
	if (bl->nthemes > 0) {
		xasprintf(&s, "Commentaires : %lld classement%s par thème, le "
		    "plus fréquent « %s » (%lld).", tagged, plural(tagged),
		    bl->themes[0].label, bl->themes[0].count);
		put(s, 0, arg);
		free(s);
	}
	/* The latest semester validated at some site of the scope. */
	for (h = 1; h >= 0; h--) {
		done = 0;
		gaps = 0;
		for (i = 0; i < bl->nsites; i++) {
			st = &bl->sites[i];
			if (!st->has_sem[h] || !st->sem[h].validated)
				continue;
			done++;
			gaps += st->sem[h].ngaps;
		}
		if (done == 0)
			continue;
		xasprintf(&s, "Auto-diagnostic : %zu engagement%s sous le "
		    "niveau requis au %s semestre %d.", gaps,
		    plural((long long)gaps), h == 0 ? "1er" : "2e", bl->year);
		put(s, 0, arg);
		free(s);
		break;
	}
	for (i = 0; i < bl->nsites; i++) {
		nact += (long long)bl->sites[i].actions.nitems;
		for (k = 0; k < bl->sites[i].actions.nitems; k++)
			late += bl->sites[i].actions.items[k].overdue;
	}
	if (nact > 0) {
		xasprintf(&s, "Plan d’actions : %lld action%s en %d, dont %lld "
		    "en retard.", nact, plural(nact), bl->year, late);
		put(s, 0, arg);
		free(s);
	}
}

/* "+4,2 points" (one decimal, a sign always). */
static void
points(double diff, char *out, size_t size)
{
	char	n[CHART_NUMBER_MAX];

	chart_number(fabs(diff) * 100.0, 1, n, sizeof(n));
	snprintf(out, size, "%s%s" CHART_NBSP "points", diff < 0 ?
	    "\xe2\x88\x92" : "+", n);
}

/*
 * The synthesis as sentences: the key figures of each kind, then what
 * improved and what worsened significantly since the year before. Each
 * line is put through put(line, arg, level): level 0 a key figure, 1 an
 * improvement, 2 a decline, 3 a remark.
 */
static void
synthesis(const struct bilan *bl,
    void (*put)(const char *, int, void *), void *arg)
{
	const struct rpool	*pl;
	const struct rcrit	*c;
	char			*s, pts[64], rate[CHART_NUMBER_MAX];
	size_t			 i, k;
	int			 met, below, open, targets, any_prev = 0;
	int			 up = 0, down = 0;

	if (bl->npools == 0) {
		xasprintf(&s, "Aucune campagne ouverte en %d sur ce "
		    "périmètre.", bl->year);
		put(s, 0, arg);
		free(s);
		synthesis_sites(bl, put, arg);
		return;
	}
	for (i = 0; i < bl->npools; i++) {
		pl = &bl->pools[i];
		if (pl->campaigns == 0)
			continue;
		met = below = open = targets = 0;
		for (k = 0; k < pl->ncrit; k++) {
			c = &pl->crit[k];
			if (!c->ok || !c->row.has_verdict)
				continue;
			targets++;
			if (c->row.verdict == STATS_ABOVE ||
			    c->row.verdict == STATS_MET)
				met++;
			else if (c->row.verdict == STATS_BELOW)
				below++;
			else
				open++;
		}
		if (pl->prev_campaigns > 0)
			any_prev = 1;
		if (pl->prev_campaigns > 0)
			xasprintf(&s, "%s : %lld %s en %d (%d campagne%s), "
			    "contre %lld en %d.", kinds[pl->kind].label,
			    pl->responses, units(pl->kind, pl->responses),
			    bl->year,
			    pl->campaigns, pl->campaigns > 1 ? "s" : "",
			    pl->prev_responses, bl->year - 1);
		else
			xasprintf(&s, "%s : %lld %s en %d (%d campagne%s).",
			    kinds[pl->kind].label, pl->responses,
			    units(pl->kind, pl->responses), bl->year,
			    pl->campaigns,
			    pl->campaigns > 1 ? "s" : "");
		put(s, 0, arg);
		free(s);
		if (targets > 0) {
			xasprintf(&s, "%s : sur %d critère%s avec objectif, "
			    "%d atteint%s ou dépassé%s, %d non atteint%s, %d "
			    "non concluant%s.", kinds[pl->kind].label, targets,
			    targets > 1 ? "s" : "", met, met > 1 ? "s" : "",
			    met > 1 ? "s" : "", below, below > 1 ? "s" : "",
			    open, open > 1 ? "s" : "");
			put(s, 0, arg);
			free(s);
		}
	}
	synthesis_sites(bl, put, arg);
	for (i = 0; i < bl->npools; i++) {
		pl = &bl->pools[i];
		for (k = 0; k < pl->ncrit; k++) {
			c = &pl->crit[k];
			if (!c->ok || !c->row.change.present ||
			    !c->row.change.significant)
				continue;
			points(c->row.change.diff, pts, sizeof(pts));
			chart_percent(c->row.rate, 0, rate, sizeof(rate));
			xasprintf(&s, "%s — %s : %s (%s en %d).",
			    kinds[pl->kind].label, crit_name(c), pts, rate,
			    bl->year);
			put(s, c->row.change.diff > 0 ? 1 : 2, arg);
			free(s);
			if (c->row.change.diff > 0)
				up++;
			else
				down++;
		}
	}
	if (!any_prev)
		xasprintf(&s, "Aucune campagne en %d à comparer : les "
		    "évolutions apparaîtront au prochain bilan.", bl->year - 1);
	else if (up + down == 0)
		xasprintf(&s, "Aucune évolution significative depuis %d "
		    "(intervalle de confiance à 95 %% de la différence).",
		    bl->year - 1);
	else
		xasprintf(&s, "Une évolution est dite significative quand "
		    "l’intervalle de confiance à 95 %% de la différence "
		    "depuis %d exclut zéro.", bl->year - 1);
	put(s, 3, arg);
	free(s);
}

/* ------------------------------------------------------------ document */

typedef void	(*section_writer)(struct doc *, const struct bilan *);

static void
doc_synth_line(const char *s, int level, void *arg)
{
	struct doc	*d = arg;

	doc_paragraphf(d, "%s%s", level == 1 ? "En progrès : " : level == 2 ?
	    "En recul : " : "", s);
}

static void
section_synthesis(struct doc *d, const struct bilan *bl)
{
	doc_paragraphf(d, "Pour le comité social d’administration (CSA) et "
	    "le comité local des usagers : %s, année %d.", bl->scope,
	    bl->year);
	synthesis(bl, doc_synth_line, d);
}

/* The criteria of pool pl as a table called sheet. */
static void
criteria_table(struct doc *d, const struct bilan *bl, const struct rpool *pl,
    const char *sheet)
{
	static const double	 widths[] = { 3.6, 1.2, 1.6, 1.6, 1.6, 1.8,
	    2.0, 1.6, 2.2, 2.8 };
	const char		*cols[10];
	char			 prev[32], yr[32];
	const struct rcrit	*c;
	size_t			 k;

	snprintf(yr, sizeof(yr), "Taux %d", bl->year);
	snprintf(prev, sizeof(prev), "Taux %d", bl->year - 1);
	cols[0] = "Critère";
	cols[1] = "Avis";
	cols[2] = yr;
	cols[3] = "Borne basse";
	cols[4] = "Borne haute";
	cols[5] = "Objectif";
	cols[6] = "Verdict";
	cols[7] = prev;
	cols[8] = "Évolution (points)";
	cols[9] = "Significative";
	doc_table(d, sheet, 10, cols, widths);
	for (k = 0; k < pl->ncrit; k++) {
		c = &pl->crit[k];
		if (!c->ok)
			continue;
		doc_row(d);
		doc_cell_text(d, crit_name(c));
		doc_cell_number(d, (double)c->row.n, 0);
		doc_cell_percent(d, c->row.n > 0 ? c->row.rate : NAN, 1);
		doc_cell_percent(d, c->row.n > 0 ? c->row.lower : NAN, 1);
		doc_cell_percent(d, c->row.n > 0 ? c->row.upper : NAN, 1);
		doc_cell_percent(d, c->row.target >= 0 ? c->row.target : NAN,
		    chart_target_decimals(c->row.target));
		doc_cell_text(d, c->row.has_verdict ?
		    chart_verdict_name(c->row.verdict) : "");
		doc_cell_percent(d, c->row.change.previous_rate, 1);
		if (c->row.change.present) {
			doc_cell_number(d, c->row.change.diff * 100.0, 1);
			doc_cell_text(d, c->row.change.significant ? "oui" :
			    "non");
		}
	}
}

/* "2025-06-02" as "02/06/2025" into out. */
static const char *
french_date(const char *iso, char *out, size_t size)
{
	if (strlen(iso) == 10)
		snprintf(out, size, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(out, size, "%s", iso);
	return out;
}

/* The pools of kinds [from, to) with their tables. */
static void
pools_section(struct doc *d, const struct bilan *bl, size_t from, size_t to)
{
	const struct rpool	*pl;
	const struct rcamp	*cp;
	static const char *const cols[] = { "Campagne", "Site", "Ouverture",
	    "Clôture", "Contacts", "Règles d’échantillonnage" };
	static const double	 widths[] = { 5.0, 4.0, 2.0, 2.0, 1.6, 3.0 };
	char			 sheet[40], rules[64], day[32];
	size_t			 i, k, j, n = 0;

	for (i = 0; i < bl->npools; i++) {
		pl = &bl->pools[i];
		if (pl->kind < from || pl->kind >= to || pl->campaigns == 0)
			continue;
		n++;
		doc_heading(d, 2, kinds[pl->kind].label);
		doc_paragraphf(d, "%lld %s en %d sur %d campagne%s%s",
		    pl->responses, units(pl->kind, pl->responses), bl->year,
		    pl->campaigns, pl->campaigns > 1 ? "s" : "",
		    pl->prev_campaigns > 0 ? "." : " ; aucune l’année "
		    "précédente pour comparer.");
		if (n == 1)
			snprintf(sheet, sizeof(sheet), "%s",
			    kinds[pl->kind].sheet);
		else
			snprintf(sheet, sizeof(sheet), "%s %zu",
			    kinds[pl->kind].sheet, n);
		criteria_table(d, bl, pl, sheet);
		if (pl->kind == 0)
			continue;
		/* The mystery campaigns' rule checks. */
		doc_heading(d, 3, "Règles d’échantillonnage du label");
		snprintf(rules, sizeof(rules), "%s règles", sheet);
		doc_table(d, rules, 6, cols, widths);
		for (k = 0; k < pl->ncamps; k++) {
			cp = &pl->camps[k];
			doc_row(d);
			doc_cell_text(d, cp->title);
			doc_cell_text(d, cp->site);
			doc_cell_text(d, french_date(cp->opens_on, day,
			    sizeof(day)));
			doc_cell_text(d, french_date(cp->closes_on, day + 16,
			    sizeof(day) - 16));
			doc_cell_number(d, (double)cp->responses, 0);
			doc_cell_text(d, cp->rules == RESULTS_RULES_MET ?
			    "respectées" : cp->rules == RESULTS_RULES_NOT_MET ?
			    "non respectées" : "");
		}
		for (k = 0; k < pl->ncamps; k++)
			for (j = 0; j < pl->camps[k].nnotes; j++)
				doc_paragraphf(d, "%s : %s", pl->camps[k].title,
				    pl->camps[k].notes[j]);
	}
	if (n == 0)
		doc_paragraphf(d, "Aucune campagne de ce type en %d.",
		    bl->year);
}

static void
section_satisfaction(struct doc *d, const struct bilan *bl)
{
	doc_paragraph(d, "Taux de satisfaits parmi les avis exprimés (les "
	    "« sans avis » à part), avec leur intervalle de confiance à 95 % "
	    "(Wilson), le verdict face à l’objectif et l’évolution depuis "
	    "l’année précédente (intervalle de Newcombe).");
	pools_section(d, bl, 0, 1);
}

static void
section_mystery(struct doc *d, const struct bilan *bl)
{
	doc_paragraph(d, "Taux de contacts conformes (appels décrochés, "
	    "sonneries, réponses aux courriels dans le délai) avec leur "
	    "intervalle exact à 95 %, puis le respect des règles "
	    "d’échantillonnage du label pour chaque campagne.");
	pools_section(d, bl, 1, NKINDS);
}

/* A section whose data Qualimètre does not hold yet. */
static void
section_pending(struct doc *d, const struct bilan *bl)
{
	(void)bl;
	doc_paragraph(d, "Données pas encore disponibles dans Qualimètre : "
	    "cette partie sera remplie par une prochaine version.");
}

/* The table of the site i of a section: its sheet is called base,
   numbered from the second site on ("Indicateurs 2"). */
static void
site_table(struct doc *d, const char *base, size_t i, size_t ncols,
    const char *const *cols, const double *widths)
{
	char	sheet[48];

	if (i == 0)
		snprintf(sheet, sizeof(sheet), "%s", base);
	else
		snprintf(sheet, sizeof(sheet), "%s %u", base, (unsigned)(i + 1));
	doc_table(d, sheet, ncols, cols, widths);
}

/* A value of indicator r in a cell: a rate, days or a count. */
static void
indicator_cell(struct doc *d, const struct indicators_row *r, double v)
{
	if (strcmp(r->unit, "proportion") == 0)
		doc_cell_percent(d, v, 1);
	else
		doc_cell_number(d, v, strcmp(r->unit, "days") == 0 ? 1 : 0);
}

static void
section_indicators(struct doc *d, const struct bilan *bl)
{
	static const double	 widths[] = { 6.0, 2.2, 2.2, 2.6 };
	const struct indicators_row *r;
	const char		*cols[4];
	char			 yr[32];
	size_t			 i, k;
	int			 below, targets;

	indicators_below(bl, &below, &targets);
	doc_paragraphf(d, "Les indicateurs du label de chaque site pour %d : "
	    "la valeur de l’année (taux en %%, délais en jours, nombres), "
	    "l’objectif du site et le verdict. %d mesuré%s face à un "
	    "objectif, dont %d en dessous.", bl->year, targets,
	    plural(targets), below);
	snprintf(yr, sizeof(yr), "Valeur %d", bl->year);
	cols[0] = "Indicateur";
	cols[1] = "Objectif";
	cols[2] = yr;
	cols[3] = "Verdict";
	for (i = 0; i < bl->nsites; i++) {
		doc_heading(d, 2, bl->sites[i].name);
		if (!bl->sites[i].has_ind || bl->sites[i].ind.nrows == 0) {
			doc_paragraph(d, "Aucun indicateur pour ce site.");
			continue;
		}
		site_table(d, "Indicateurs", i, 4, cols, widths);
		for (k = 0; k < bl->sites[i].ind.nrows; k++) {
			r = &bl->sites[i].ind.rows[k];
			doc_row(d);
			doc_cell_text(d, r->label);
			if (r->target >= 0.0)
				indicator_cell(d, r, r->target);
			else
				doc_cell_empty(d);
			if (!r->available) {
				doc_cell_text(d, "pas de source");
				continue;
			}
			if (r->year.has_value)
				indicator_cell(d, r, r->year.value);
			else
				doc_cell_empty(d);
			doc_cell_text(d, r->year.has_verdict ?
			    chart_verdict_name(r->year.verdict) : "");
		}
	}
}

static void
section_comments(struct doc *d, const struct bilan *bl)
{
	static const char *const cols[] = { "Thème", "Commentaires" };
	static const double	 widths[] = { 8.0, 3.0 };
	size_t			 k;

	if (bl->nthemes == 0) {
		doc_paragraphf(d, "Aucun commentaire classé par thème dans les "
		    "campagnes de %d.", bl->year);
		return;
	}
	doc_paragraphf(d, "Les commentaires libres des campagnes de %d "
	    "classés par thème%s (un commentaire peut porter plusieurs "
	    "thèmes ; les commentaires masqués sont exclus).", bl->year,
	    bl->nsites > 1 ? ", tous sites réunis" : "");
	doc_table(d, "Thèmes", 2, cols, widths);
	for (k = 0; k < bl->nthemes; k++) {
		doc_row(d);
		doc_cell_text(d, bl->themes[k].label);
		doc_cell_number(d, (double)bl->themes[k].count, 0);
	}
}

/* One site's self-assessment of semester half (0 or 1). */
static void
selfassess_part(struct doc *d, const struct bilan *bl, size_t i, int h)
{
	const struct selfassess_summary *sm = &bl->sites[i].sem[h];
	const char		**cols;
	double			*widths;
	char			 day[16], *base;
	size_t			 k, m, nc;

	doc_heading(d, 3, h == 0 ? "1er semestre" : "2e semestre");
	if (!bl->sites[i].has_sem[h] || !sm->exists) {
		doc_paragraph(d, "Aucun auto-diagnostic pour ce semestre.");
		return;
	}
	if (sm->validated)
		doc_paragraphf(d, "Validé le %s.", french_date(sm->validated_on,
		    day, sizeof(day)));
	else
		doc_paragraph(d, "Brouillon, pas encore validé.");
	if (sm->nmodules == 0)
		return;
	nc = sm->nlevels + 3;
	if (nc > ODF_COLUMNS_MAX)
		nc = ODF_COLUMNS_MAX;
	cols = xcalloc(nc, sizeof(*cols));
	widths = xcalloc(nc, sizeof(*widths));
	cols[0] = "Module";
	widths[0] = 5.0;
	for (k = 1; k + 2 < nc; k++) {
		cols[k] = sm->levels[k - 1];
		widths[k] = 2.0;
	}
	cols[nc - 2] = "Sans niveau";
	cols[nc - 1] = "Sous le niveau requis";
	widths[nc - 2] = widths[nc - 1] = 2.2;
	xasprintf(&base, "Auto-diagnostic S%d", h + 1);
	site_table(d, base, i, nc, cols, widths);
	free(base);
	for (m = 0; m < sm->nmodules; m++) {
		doc_row(d);
		doc_cell_text(d, sm->modules[m].title);
		for (k = 1; k + 2 < nc; k++)
			doc_cell_number(d, (double)sm->modules[m].count[k - 1],
			    0);
		doc_cell_number(d, (double)sm->modules[m].none, 0);
		doc_cell_number(d, (double)sm->modules[m].below, 0);
	}
	free(cols);
	free(widths);
	if (sm->ngaps == 0) {
		doc_paragraph(d, "Aucun engagement évalué n’est sous le niveau "
		    "requis.");
		return;
	}
	doc_paragraphf(d, "%zu engagement%s sous le niveau requis :",
	    sm->ngaps, plural((long long)sm->ngaps));
	for (k = 0; k < sm->ngaps; k++)
		doc_paragraphf(d, "%s : %s (requis : %s).",
		    sm->gaps[k].engagement, sm->gaps[k].level,
		    sm->gaps[k].required);
}

static void
section_selfassess(struct doc *d, const struct bilan *bl)
{
	size_t	i;

	doc_paragraphf(d, "L’auto-diagnostic de chaque site aux deux "
	    "semestres de %d : le nombre d’engagements par niveau de chaque "
	    "module, puis les engagements sous le niveau requis.", bl->year);
	for (i = 0; i < bl->nsites; i++) {
		doc_heading(d, 2, bl->sites[i].name);
		selfassess_part(d, bl, i, 0);
		selfassess_part(d, bl, i, 1);
	}
}

static void
section_actions(struct doc *d, const struct bilan *bl)
{
	static const char *const cols[] = { "Action", "Origine",
	    "Responsable", "Échéance", "Statut", "COPIL" };
	static const double	 widths[] = { 5.0, 3.0, 2.6, 2.0, 2.4, 3.0 };
	const struct actions_item *it;
	char			 day[16], *st, *cp;
	size_t			 i, k;

	doc_paragraphf(d, "Les actions correctives et d’amélioration de "
	    "chaque site dont l’échéance ou la création tombe en %d, celles "
	    "en retard d’abord.", bl->year);
	for (i = 0; i < bl->nsites; i++) {
		doc_heading(d, 2, bl->sites[i].name);
		if (bl->sites[i].actions.nitems == 0) {
			doc_paragraphf(d, "Aucune action en %d.", bl->year);
			continue;
		}
		site_table(d, "Plan d’actions", i, 6, cols, widths);
		for (k = 0; k < bl->sites[i].actions.nitems; k++) {
			it = &bl->sites[i].actions.items[k];
			doc_row(d);
			doc_cell_text(d, it->title);
			doc_cell_text(d, actions_origin_label(it->origin));
			doc_cell_text(d, it->owner);
			doc_cell_text(d, french_date(it->due_on, day,
			    sizeof(day)));
			xasprintf(&st, "%s%s", actions_status_label(it->status),
			    it->overdue ? " (en retard)" : "");
			doc_cell_text(d, st);
			free(st);
			if (*it->copil_on != '\0') {
				xasprintf(&cp, "%s (%s)", it->copil_label,
				    french_date(it->copil_on, day, sizeof(day)));
				doc_cell_text(d, cp);
				free(cp);
			} else
				doc_cell_empty(d);
		}
	}
}

/*
 * The report's sections in order: each later subject plugs in its own
 * writer in place of section_pending. The synthesis fills the first
 * page.
 */
static const struct {
	const char	*title;
	section_writer	 write;
} sections[] = {
	{ "Synthèse", section_synthesis },
	{ "Indicateurs de qualité", section_indicators },
	{ "Satisfaction des usagers", section_satisfaction },
	{ "Contrôles mystère", section_mystery },
	{ "Commentaires par thème", section_comments },
	{ "Réclamations", section_pending },
	{ "Auto-diagnostic", section_selfassess },
	{ "Plan d’actions", section_actions },
};
#define NSECTIONS	(sizeof(sections) / sizeof(sections[0]))

static struct doc *
bilan_doc(const struct bilan *bl)
{
	struct doc	*d;
	char		*title;
	size_t		 i;

	xasprintf(&title, "Bilan annuel %d — %s", bl->year, bl->scope);
	d = doc_create(title);
	doc_title(d, title);
	for (i = 0; i < NSECTIONS; i++) {
		doc_heading(d, 1, sections[i].title);
		sections[i].write(d, bl);
		if (i == 0)
			doc_page_break(d);
	}
	free(title);
	return d;
}

/* ------------------------------------------------------------ query */

static int
v_year(void *arg, const char *v)
{
	struct rquery	*q = arg;
	char		*end;
	long		 y;

	y = strtol(v, &end, 10);
	if (strlen(v) != 4 || *end != '\0' || v[0] < '0' || v[0] > '9' ||
	    y < YEAR_MIN || y > YEAR_MAX) {
		fields_fail(&q->errs, RQ_YEAR, "Choisissez une année dans la "
		    "liste.");
		return 0;
	}
	q->year = v;
	q->y = (int)y;
	return 1;
}

static int
v_scope(void *arg, const char *v)
{
	struct rquery	*q = arg;
	size_t		 len, i;

	if (strncmp(v, SCOPE_SITE, sizeof(SCOPE_SITE) - 1) == 0 &&
	    http_id_parse(v + sizeof(SCOPE_SITE) - 1, &q->site)) {
		q->scope = v;
		return 1;
	}
	if (strncmp(v, SCOPE_DEP, sizeof(SCOPE_DEP) - 1) == 0) {
		v += sizeof(SCOPE_DEP) - 1;
		len = strlen(v);
		for (i = 0; i < len; i++)
			if (!((v[i] >= '0' && v[i] <= '9') || v[i] == 'A' ||
			    v[i] == 'B'))
				break;
		if (len > 0 && len <= DEP_MAX && i == len) {
			memcpy(q->dep, v, len + 1);
			q->scope = v - (sizeof(SCOPE_DEP) - 1);
			return 1;
		}
	}
	fields_fail(&q->errs, RQ_SCOPE, "Choisissez un site ou un département "
	    "dans la liste.");
	return 0;
}

static const struct fields_field rq_fields[] = {
	{ "annee",	v_year,		0, RQ_YEAR },
	{ "perimetre",	v_scope,	0, RQ_SCOPE },
};
#define RQ_NFIELDS	(sizeof(rq_fields) / sizeof(rq_fields[0]))

/* The user's sites and years, as the page offers them. */
struct scopes {
	PGresult	*res;
	int		*sites;		/* rows of res */
	size_t		 nsites;
	int		*years;		/* values, newest first */
	size_t		 nyears;
};

static void
scopes_free(struct scopes *sc)
{
	PQclear(sc->res);
	free(sc->sites);
	free(sc->years);
	memset(sc, 0, sizeof(*sc));
}

static int
scopes_load(struct report *rp, const struct staff_user *u, struct scopes *sc)
{
	char	sqlstate[6];
	int	i, n, y;
	size_t	k;

	memset(sc, 0, sizeof(*sc));
	if (db_exec_as_logged(rp->db, u->session, u->login, rp->base +
	    S_SCOPES, report_stmts[S_SCOPES].name, NULL, &sc->res,
	    sqlstate) != DB_OK)
		return -1;
	n = PQntuples(sc->res);
	sc->sites = xcalloc((size_t)n + 1, sizeof(*sc->sites));
	sc->years = xcalloc((size_t)n + 1, sizeof(*sc->years));
	for (i = 0; i < n; i++) {
		if (strcmp(db_value(sc->res, i, "part"), "site") == 0) {
			sc->sites[sc->nsites++] = i;
			continue;
		}
		y = atoi(db_value(sc->res, i, "id"));
		for (k = sc->nyears; k > 0 && sc->years[k - 1] < y; k--)
			sc->years[k] = sc->years[k - 1];
		sc->years[k] = y;
		sc->nyears++;
	}
	return 0;
}

/* The site row of sc whose id is id, or -1. */
static int
scope_site(const struct scopes *sc, long long id)
{
	size_t	i;

	for (i = 0; i < sc->nsites; i++)
		if (strtoll(db_value(sc->res, sc->sites[i], "id"), NULL, 10) ==
		    id)
			return sc->sites[i];
	return -1;
}

/* The user's sites in department dep. */
static size_t
scope_dep(const struct scopes *sc, const char *dep)
{
	size_t	i, n = 0;

	for (i = 0; i < sc->nsites; i++)
		n += strcmp(db_value(sc->res, sc->sites[i], "department"),
		    dep) == 0;
	return n;
}

/* Keeps the letters, digits and dashes of s for a file name. */
static void
file_code(const char *s, char *out, size_t size)
{
	size_t	o = 0;

	for (; *s != '\0' && o + 1 < size; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_')
			out[o++] = *s;
	out[o] = '\0';
}

/*
 * The scope of q among the user's sites into bl; returns 1, or 0 with
 * an error in q->errs when the site is not theirs or they have no site
 * in the department.
 */
static int
scope_check(const struct scopes *sc, struct rquery *q, struct bilan *bl)
{
	size_t	n;
	int	row;
	char	code[40];

	if (q->site != 0) {
		if ((row = scope_site(sc, q->site)) == -1) {
			fields_fail(&q->errs, RQ_SCOPE, "Ce site n’existe pas, "
			    "ou n’est pas un site dont vous avez la charge.");
			return 0;
		}
		snprintf(bl->scope, sizeof(bl->scope), "%s",
		    db_value(sc->res, row, "name"));
		file_code(db_value(sc->res, row, "code"), code, sizeof(code));
		snprintf(bl->code, sizeof(bl->code), "%s", code[0] != '\0' ?
		    code : "site");
		return 1;
	}
	if ((n = scope_dep(sc, q->dep)) == 0) {
		fields_fail(&q->errs, RQ_SCOPE, "Vous n’avez la charge d’aucun "
		    "site de ce département.");
		return 0;
	}
	snprintf(bl->scope, sizeof(bl->scope), "Département %s (%zu site%s)",
	    q->dep, n, n > 1 ? "s" : "");
	snprintf(bl->code, sizeof(bl->code), "departement-%s", q->dep);
	return 1;
}

/*
 * Reads q's campaigns and computes the report into bl. Returns 0, or -1
 * when the database is unavailable.
 */
/* Adds counts c (n of them) to the pooled themes of bl. */
static void
themes_pool(struct bilan *bl, const struct comments_theme_count *c,
    size_t n)
{
	struct comments_theme_count	 tmp;
	size_t				 i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < bl->nthemes; k++)
			if (strcmp(bl->themes[k].label, c[i].label) == 0)
				break;
		if (k == bl->nthemes) {
			bl->themes = xreallocarray(bl->themes, bl->nthemes + 1,
			    sizeof(*bl->themes));
			bl->themes[k].label = xstrdup(c[i].label);
			bl->themes[k].count = 0;
			bl->nthemes++;
		}
		bl->themes[k].count += c[i].count;
	}
	/* Most first: an insertion sort, stable. */
	for (i = 1; i < bl->nthemes; i++)
		for (k = i; k > 0 && bl->themes[k - 1].count <
		    bl->themes[k].count; k--) {
			tmp = bl->themes[k];
			bl->themes[k] = bl->themes[k - 1];
			bl->themes[k - 1] = tmp;
		}
}

/*
 * Reads the indicators, self-assessments, actions and comments' themes
 * of each site of q's scope (sc's) into bl. Returns 0, or -1 when the
 * database is unavailable.
 */
static int
sites_load(struct report *rp, const struct staff_user *u,
    const struct scopes *sc, const struct rquery *q, struct bilan *bl)
{
	struct comments_theme_count	*c;
	struct rsite			*st;
	const char			*id;
	size_t				 i, nc;
	int				 row, h, rc;

	bl->sites = xcalloc(sc->nsites + 1, sizeof(*bl->sites));
	for (i = 0; i < sc->nsites; i++) {
		row = sc->sites[i];
		id = db_value(sc->res, row, "id");
		if (q->site != 0 ? strtoll(id, NULL, 10) != q->site :
		    strcmp(db_value(sc->res, row, "department"), q->dep) != 0)
			continue;
		st = &bl->sites[bl->nsites++];
		st->name = xstrdup(db_value(sc->res, row, "name"));
		if ((rc = indicators_year_load(rp->ind, u, id, q->y,
		    &st->ind)) == -1)
			return -1;
		st->has_ind = rc == 1;
		for (h = 0; h < 2; h++) {
			if ((rc = selfassess_summary_load(rp->sa, u, id, q->y,
			    h + 1, &st->sem[h])) == -1)
				return -1;
			st->has_sem[h] = rc == 1;
		}
		if (actions_year_load(rp->ac, u, id, q->y, &st->actions) == -1)
			return -1;
		if (comments_year_themes(rp->cm, u, id, q->y, &c, &nc) == -1)
			return -1;
		themes_pool(bl, c, nc);
		comments_theme_counts_free(c, nc);
	}
	return 0;
}

static int
bilan_load(struct report *rp, const struct staff_user *u,
    const struct scopes *sc, const struct rquery *q, struct bilan *bl)
{
	PGresult	*res = NULL;
	const char	*params[3];
	char		 site[24], sqlstate[6];
	int		 i, n, rc = -1;

	snprintf(site, sizeof(site), "%lld", q->site);
	params[0] = q->year;
	params[1] = q->site != 0 ? site : NULL;
	params[2] = q->site != 0 ? NULL : q->dep;
	bl->year = q->y;
	if (db_exec_as_logged(rp->db, u->session, u->login, rp->base +
	    S_CAMPAIGNS, report_stmts[S_CAMPAIGNS].name, params, &res,
	    sqlstate) != DB_OK)
		return -1;
	n = PQntuples(res);
	if (n > CAMPAIGNS_MAX) {
		log_warnx("report for %s: %d campaigns, the first %d read",
		    u->login, n, CAMPAIGNS_MAX);
		n = CAMPAIGNS_MAX;
	}
	for (i = 0; i < n; i++) {
		bl->reading_year = atoi(db_value(res, i, "year")) == q->y;
		/* 0: hidden since (a policy): left out. */
		if (referent_campaign_results(rp->rf, u, db_value(res, i,
		    "id"), collect, bl) == -1)
			goto out;
	}
	bilan_compute(bl);
	if (sites_load(rp, u, sc, q, bl) == -1)
		goto out;
	rc = 0;
out:
	PQclear(res);
	return rc;
}

/* ------------------------------------------------------------ pages */

static void
message(struct report *rp, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(rp->staff, p, u, status, title, text, SELF,
	    "Bilan annuel");
}

static void
unavailable(struct report *rp, struct resp *p, const struct staff_user *u)
{
	message(rp, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants.");
}

/* The form: year and scope, as GET. */
static void
report_form(struct buf *b, const struct scopes *sc, const struct rquery *q,
    int year)
{
	const char	**opts;
	char		**own, y[16];
	size_t		 i, n = 0, nown = 0, k;
	const char	*dep;

	opts = xcalloc(2 * (sc->nyears + 2 * sc->nsites + 2), sizeof(*opts));
	own = xcalloc(2 * (sc->nyears + 2 * sc->nsites + 2), sizeof(*own));
	buf_puts(b, "<form method=\"get\" action=\"" SELF "\" "
	    "class=\"fr-mb-4w\">\n<div class=\"fr-grid-row "
	    "fr-grid-row--gutters\">\n<div class=\"fr-col-12 fr-col-md-3\">\n");
	for (i = 0; i < sc->nyears; i++) {
		xasprintf(&own[nown], "%d", sc->years[i]);
		opts[2 * n] = opts[2 * n + 1] = own[nown++];
		n++;
	}
	if (n == 0) {
		snprintf(y, sizeof(y), "%d", year);
		own[nown] = xstrdup(y);
		opts[0] = opts[1] = own[nown++];
		n = 1;
	}
	snprintf(y, sizeof(y), "%d", year);
	page_field_select(b, "annee", "annee", "Année", opts, n,
	    q->year != NULL ? q->year : y, q->errs.error[RQ_YEAR]);
	buf_puts(b, "</div>\n<div class=\"fr-col-12 fr-col-md-6\">\n");
	n = 0;
	for (i = 0; i < sc->nsites; i++) {
		xasprintf(&own[nown], SCOPE_SITE "%s", db_value(sc->res,
		    sc->sites[i], "id"));
		opts[2 * n] = own[nown++];
		opts[2 * n + 1] = db_value(sc->res, sc->sites[i], "name");
		n++;
	}
	/* Each department once, after the sites. */
	for (i = 0; i < sc->nsites; i++) {
		dep = db_value(sc->res, sc->sites[i], "department");
		for (k = 0; k < i; k++)
			if (strcmp(db_value(sc->res, sc->sites[k],
			    "department"), dep) == 0)
				break;
		if (k < i)
			continue;
		xasprintf(&own[nown], SCOPE_DEP "%s", dep);
		opts[2 * n] = own[nown++];
		xasprintf(&own[nown], "Département %s : tous mes sites", dep);
		opts[2 * n + 1] = own[nown++];
		n++;
	}
	page_field_select(b, "perimetre", "perimetre", "Site ou département",
	    opts, n, q->scope, q->errs.error[RQ_SCOPE]);
	buf_puts(b, "</div>\n<div class=\"fr-col-12 fr-col-md-3 "
	    "qm-report-submit\">\n<button class=\"fr-btn fr-mt-md-4w\" "
	    "type=\"submit\">Afficher le bilan</button>\n</div>\n</div>\n"
	    "</form>\n");
	for (i = 0; i < nown; i++)
		free(own[i]);
	free(own);
	free(opts);
}

struct html_synth {
	struct buf	*b;
	int		 list;		/* 0 none, else the open list's level */
};

static void
html_synth_line(const char *s, int level, void *arg)
{
	struct html_synth	*h = arg;
	static const char *const heads[] = { NULL, "En progrès",
	    "En recul", NULL };

	if (h->list != level && h->list != 0) {
		buf_puts(h->b, "</ul>\n");
		h->list = 0;
	}
	if ((level == 1 || level == 2) && h->list == 0) {
		buf_puts(h->b, "<h3 class=\"fr-h6\">");
		html_puts(h->b, heads[level]);
		buf_puts(h->b, "</h3>\n<ul>\n");
		h->list = level;
	}
	buf_puts(h->b, h->list != 0 ? "<li>" : "<p>");
	html_puts(h->b, s);
	buf_puts(h->b, h->list != 0 ? "</li>\n" : "</p>\n");
}

/* The synthesis and the three files. */
static void
report_shown(struct buf *b, const struct bilan *bl, const struct rquery *q)
{
	struct html_synth	 h;
	static const char *const files[][2] = {
	    { "pdf", "Bilan (PDF)" }, { "odt", "Bilan (texte, ODT)" },
	    { "ods", "Tableaux (tableur, ODS)" } };
	size_t			 i;

	buf_puts(b, "<h2 id=\"synthese\">Synthèse ");
	buf_printf(b, "%d", bl->year);
	buf_puts(b, " — ");
	html_puts(b, bl->scope);
	buf_puts(b, "</h2>\n<p class=\"fr-text--sm\">Pour le comité social "
	    "d’administration (CSA) et le comité local des usagers.</p>\n");
	memset(&h, 0, sizeof(h));
	h.b = b;
	synthesis(bl, html_synth_line, &h);
	if (h.list != 0)
		buf_puts(b, "</ul>\n");
	buf_puts(b, "<h2>Télécharger le bilan</h2>\n<ul class=\"fr-btns-group "
	    "fr-btns-group--inline-md fr-mb-4w\">\n");
	for (i = 0; i < 3; i++) {
		buf_puts(b, "<li><a class=\"fr-btn fr-btn--secondary\" href=\""
		    FILES);
		html_puts(b, files[i][0]);
		buf_puts(b, "?annee=");
		html_puts(b, q->year);
		buf_puts(b, "&amp;perimetre=");
		html_puts(b, q->scope);
		buf_puts(b, "\">");
		html_puts(b, files[i][1]);
		buf_puts(b, "</a></li>\n");
	}
	buf_puts(b, "</ul>\n<p class=\"fr-text--sm\">Le bilan complet reprend "
	    "cette synthèse, puis les résultats de satisfaction et des "
	    "contrôles mystère critère par critère, les indicateurs de "
	    "qualité, les commentaires par thème, l’auto-diagnostic et le "
	    "plan d’actions ; les réclamations y ont leur place, marquée "
	    "« pas encore disponible » tant que Qualimètre n’en a pas les "
	    "données.</p>\n");
}

/* The current year at the site's clock is not known here: the year of
   the newest campaign, or 2026's first. */
static int
default_year(const struct scopes *sc)
{
	return sc->nyears > 0 ? sc->years[0] : YEAR_MIN + 26;
}

static void
report_page(struct report *rp, const struct staff_user *u,
    const struct req *r, struct resp *p)
{
	struct rquery	 q;
	struct scopes	 sc;
	struct bilan	 bl;
	struct buf	*b = &p->body;
	int		 asked, shown = 0;

	memset(&q, 0, sizeof(q));
	memset(&bl, 0, sizeof(bl));
	if (scopes_load(rp, u, &sc) == -1) {
		unavailable(rp, p, u);
		return;
	}
	asked = r->nfields > 0;
	if (asked) {
		fields_read(r, rq_fields, RQ_NFIELDS, 0, &q, &q.errs);
		if (q.errs.error[RQ_YEAR] == NULL && q.year == NULL)
			fields_fail(&q.errs, RQ_YEAR, "Choisissez une année.");
		if (q.errs.error[RQ_SCOPE] == NULL && q.scope == NULL)
			fields_fail(&q.errs, RQ_SCOPE, "Choisissez un site ou "
			    "un département.");
		if (q.errs.nerrors == 0 && q.errs.form_error == NULL &&
		    scope_check(&sc, &q, &bl)) {
			if (bilan_load(rp, u, &sc, &q, &bl) == -1) {
				unavailable(rp, p, u);
				goto out;
			}
			shown = 1;
		}
	}
	staff_page_open(rp->staff, p, u, "Bilan annuel");
	if (asked && !shown)
		p->status = q.errs.error[RQ_SCOPE] != NULL && q.site != 0 &&
		    q.errs.nerrors == 1 ? 404 : 400;
	page_back_link(b, PREFIX "/", "Accueil");
	buf_puts(b, "<h1>Bilan annuel</h1>\n<p>Pour une année et l’un de vos "
	    "sites, ou tous vos sites d’un département (leurs réponses "
	    "additionnées) : la synthèse d’une page pour le comité social "
	    "d’administration et le comité local des usagers, et le bilan "
	    "complet à télécharger.</p>\n");
	if (sc.nsites == 0)
		buf_puts(b, "<p class=\"fr-text--lead\">Vous n’avez la charge "
		    "d’aucun site.</p>\n");
	else {
		if (asked && !shown) {
			static const char *const labels[] = { "Année",
			    "Site ou département" };
			static const char *const anchors[] = { "annee",
			    "perimetre" };

			fields_summary(b, &q.errs, "Bilan annuel", labels,
			    anchors, RQ__MAX, FIELDS_AUTOFOCUS);
		}
		report_form(b, &sc, &q, default_year(&sc));
		if (shown)
			report_shown(b, &bl, &q);
	}
	page_end(b);
out:
	bilan_free(&bl);
	scopes_free(&sc);
	fields_free(&q.errs);
}

/* GET FILES "pdf|odt|ods": the report as a file. */
static void
report_file(struct report *rp, const struct staff_user *u,
    const struct req *r, struct resp *p, const char *ext)
{
	struct rquery	 q;
	struct scopes	 sc;
	struct bilan	 bl;
	struct doc	*d = NULL;
	char		*cause = NULL;
	const char	*text;
	int		 rc;

	memset(&q, 0, sizeof(q));
	memset(&bl, 0, sizeof(bl));
	if (scopes_load(rp, u, &sc) == -1) {
		unavailable(rp, p, u);
		return;
	}
	fields_read(r, rq_fields, RQ_NFIELDS, 0, &q, &q.errs);
	if (q.year == NULL || q.scope == NULL || q.errs.nerrors > 0 ||
	    q.errs.form_error != NULL || !scope_check(&sc, &q, &bl)) {
		text = q.errs.error[RQ_SCOPE] != NULL ? q.errs.error[RQ_SCOPE] :
		    q.errs.error[RQ_YEAR] != NULL ? q.errs.error[RQ_YEAR] :
		    "Choisissez l’année et le site depuis la page du bilan.";
		message(rp, p, u, q.site != 0 && q.errs.error[RQ_SCOPE] !=
		    NULL ? 404 : 400, "Bilan impossible", text);
		goto out;
	}
	if (bilan_load(rp, u, &sc, &q, &bl) == -1) {
		unavailable(rp, p, u);
		goto out;
	}
	d = bilan_doc(&bl);
	p->no_store = 1;
	snprintf(rp->attachment, sizeof(rp->attachment), "bilan-%d-%s.%s",
	    bl.year, bl.code, ext);
	if (strcmp(ext, "pdf") == 0) {
		p->content_type = "application/pdf";
		rc = doc_pdf(d, &p->body, &cause);
	} else if (strcmp(ext, "odt") == 0) {
		p->content_type = ODF_MIME_TEXT;
		rc = doc_odt(d, &p->body, &cause);
	} else {
		p->content_type = ODF_MIME_SHEET;
		rc = doc_ods(d, &p->body, &cause);
	}
	p->attachment = rp->attachment;
	if (rc == -1) {
		log_warnx("report %s for %s: %s", rp->attachment, u->login,
		    cause);
		buf_reset(&p->body);
		p->content_type = "text/html; charset=utf-8";
		p->attachment = NULL;
		message(rp, p, u, 500, "Fichier impossible", "Ce fichier n’a "
		    "pas pu être produit ; l’erreur est signalée.");
	}
out:
	free(cause);
	doc_free(d);
	bilan_free(&bl);
	scopes_free(&sc);
	fields_free(&q.errs);
}

int
report_handle(struct report *rp, const struct staff_user *u, struct req *r,
    struct resp *p)
{
	const char	*ext;

	if (r->path == NULL || strncmp(r->path, SELF, sizeof(SELF) - 1) != 0)
		return 0;
	if (strcmp(r->path, SELF) == 0)
		ext = NULL;
	else if (strncmp(r->path, FILES, sizeof(FILES) - 1) == 0 &&
	    (strcmp(ext = r->path + sizeof(FILES) - 1, "pdf") == 0 ||
	    strcmp(ext, "odt") == 0 || strcmp(ext, "ods") == 0))
		;
	else
		return 0;
	http_resp_reset(p);
	if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
		p->status = 405;
		p->allow = "GET, HEAD";
		return 1;
	}
	if (ext == NULL)
		report_page(rp, u, r, p);
	else
		report_file(rp, u, r, p, ext);
	return 1;
}
