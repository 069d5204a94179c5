/* A campaign's published figures, from its counts (results.h). */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "results.h"
#include "stats.h"
#include "xmalloc.h"

/*
 * Checks one criterion's counts, where, unlike stats_check_counts, no
 * opinion at all is allowed (a criterion nobody answered is still
 * published). The order of the tests is stats_check_counts's.
 */
static int
results_count_check(long long satisfied, long long opinions,
    long long no_opinion)
{
	if (satisfied < 0 || opinions < 0 || no_opinion < 0)
		return STATS_ENEGATIVE;
	if (opinions > STATS_NMAX || no_opinion > STATS_NMAX)
		return STATS_ETOOBIG;
	if (satisfied > opinions)
		return STATS_EXGTN;
	return 0;
}

/*
 * Fills *row (see results.h). The row is built aside and copied only on
 * success, so that a failure leaves *row as it was. With prev given,
 * change.previous_n and change.previous_rate are set even when the
 * change itself cannot be computed (previous_rate NaN when previous_n
 * is 0); diff, lower and upper are NaN unless change.present.
 */
void
results_count_add(struct results_count *c, const struct form_question *q,
    const char *v, long long k)
{
	const struct form_option	*o;

	if (q->noptions > 0) {
		if ((o = form_option_find(q, v)) == NULL)
			return;
		if (o->no_opinion) {
			c->no_opinion += k;
			return;
		}
		c->opinions += k;
		if (o->satisfied)
			c->satisfied += k;
		return;
	}
	c->opinions += k;
	if (form_conform(q, strtoll(v, NULL, 10)) == 1)
		c->satisfied += k;
}

int
results_row_make(struct results_row *row, const struct form_question *q,
    const struct results_count *now, const struct results_count *prev,
    enum stats_method method)
{
	struct results_row	 r;
	struct stats_interval	 ci;
	int			 rc;

	if (row == NULL || q == NULL || now == NULL)
		return STATS_ENULL;
	if (stats_method_name(method) == NULL)
		return STATS_EMETHOD;
	if ((rc = results_count_check(now->satisfied, now->opinions,
	    now->no_opinion)) != 0)
		return rc;
	if (prev != NULL && (rc = results_count_check(prev->satisfied,
	    prev->opinions, prev->no_opinion)) != 0)
		return rc;

	memset(&r, 0, sizeof(r));
	r.key = q->key;
	r.label = q->label;
	r.short_label = q->short_label;
	r.n = now->opinions;
	r.satisfied = now->satisfied;
	r.no_opinion = now->no_opinion;
	r.no_opinion_share = r.n + r.no_opinion > 0 ?
	    (double)r.no_opinion / (double)(r.n + r.no_opinion) : 0.0;
	r.method = method;
	r.target = q->target >= 0.0 ? q->target : -1.0;
	r.rate = r.lower = r.upper = NAN;
	r.change.previous_rate = NAN;
	r.change.diff = r.change.lower = r.change.upper = NAN;

	if (r.n > 0) {
		if ((rc = stats_proportion(method, RESULTS_LEVEL, r.satisfied,
		    r.n, &ci)) != 0)
			return rc;
		r.rate = ci.estimate;
		r.lower = ci.lower;
		r.upper = ci.upper;
		r.small_sample = r.n < RESULTS_SMALL_SAMPLE;
		if (r.target >= 0.0) {
			if ((rc = stats_target(r.target, RESULTS_LEVEL,
			    r.satisfied, r.n, &r.test)) != 0)
				return rc;
			r.has_verdict = 1;
			r.verdict = r.test.verdict;
		}
	}

	if (prev != NULL) {
		r.change.previous_n = prev->opinions;
		if (prev->opinions > 0)
			r.change.previous_rate = (double)prev->satisfied /
			    (double)prev->opinions;
		if (prev->opinions > 0 && r.n > 0) {
			if ((rc = stats_difference(RESULTS_LEVEL, r.satisfied,
			    r.n, prev->satisfied, prev->opinions, &ci)) != 0)
				return rc;
			r.change.present = 1;
			r.change.diff = ci.estimate;
			r.change.lower = ci.lower;
			r.change.upper = ci.upper;
			r.change.significant = ci.lower > 0.0 ||
			    ci.upper < 0.0;
		}
	}

	*row = r;
	return 0;
}

/*
 * Fills each group's rate and interval, and the test (see results.h).
 * Every group is checked and every figure computed before any is
 * stored: on failure *bd is as it was. A group without opinions gets
 * NaN figures and stays out of the test.
 */
int
results_breakdown_make(struct results_breakdown *bd)
{
	struct stats_interval	*ci = NULL;
	struct stats_group	*g = NULL;
	struct stats_homogeneity h;
	size_t			 i, ng = 0;
	int			 rc = STATS_ENULL, tested = 0;

	if (bd == NULL || (bd->groups == NULL && bd->ngroups > 0))
		goto out;
	memset(&h, 0, sizeof(h));
	if (bd->ngroups > 0) {
		ci = xcalloc(bd->ngroups, sizeof(*ci));
		g = xcalloc(bd->ngroups, sizeof(*g));
	}
	for (i = 0; i < bd->ngroups; i++) {
		if ((rc = results_count_check(bd->groups[i].satisfied,
		    bd->groups[i].n, 0)) != 0)
			goto out;
		if (bd->groups[i].n == 0) {
			ci[i].estimate = ci[i].lower = ci[i].upper = NAN;
			continue;
		}
		if ((rc = stats_proportion(bd->method, RESULTS_LEVEL,
		    bd->groups[i].satisfied, bd->groups[i].n, &ci[i])) != 0)
			goto out;
		g[ng].x = bd->groups[i].satisfied;
		g[ng].n = bd->groups[i].n;
		ng++;
	}
	if (ng >= 2) {
		rc = stats_homogeneity(g, ng, &h);
		if (rc == 0)
			tested = 1;
		else if (rc != STATS_EDEGENERATE)
			goto out;
		else
			memset(&h, 0, sizeof(h));
	}

	for (i = 0; i < bd->ngroups; i++) {
		bd->groups[i].rate = ci[i].estimate;
		bd->groups[i].lower = ci[i].lower;
		bd->groups[i].upper = ci[i].upper;
	}
	bd->tested = tested;
	bd->test = h;
	rc = 0;
out:
	free(ci);
	free(g);
	return rc;
}

void
results_note(struct results *r, const char *fmt, ...)
{
	va_list	ap;
	char	*s;

	if (r->nnotes == RESULTS_NOTES_MAX)
		return;
	if (r->nnotes == RESULTS_NOTES_MAX - 1) {
		r->notes[r->nnotes++] = xstrdup("D’autres remarques sont "
		    "données sur la page de résultats.");
		return;
	}
	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	r->notes[r->nnotes++] = s;
}

void
results_notes_free(struct results *r)
{
	size_t	i;

	for (i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	r->nnotes = 0;
}
