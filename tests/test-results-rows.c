/*
 * A criterion's published figures and a breakdown's test, against
 * figures computed here independently: Wilson's closed form, the
 * closed-form exact bounds at 0 and n, published intervals, the chi-square
 * statistic written out; and the counts results_row_make refuses.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "form.h"
#include "results.h"
#include "stats.h"
#include "tap.h"

#define Z95	1.959963984540054	/* the normal's 0.975 quantile */

static int
near(double got, double want, double tol, const char *what)
{
	if (fabs(got - want) <= tol)
		return 1;
	tap_diag("%s: got %.12g, want %.12g", what, got, want);
	return 0;
}

/* Wilson's score interval [Wil27], written out. */
static void
wilson(long long x, long long n, double *lo, double *hi)
{
	double	p = (double)x / n, z2 = Z95 * Z95;
	double	centre = (p + z2 / (2 * n)) / (1 + z2 / n);
	double	half = Z95 / (1 + z2 / n) *
		    sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));

	*lo = centre - half;
	*hi = centre + half;
}

/* P(X <= x) for X ~ Bin(n, p), summed term by term in long double. */
static double
binom_cdf(long long x, long long n, double p)
{
	long double	term = powl(1.0L - p, n), sum = 0.0L;
	long long	k;

	for (k = 0; k <= x; k++) {
		sum += term;
		term *= (long double)(n - k) / (k + 1) * p / (1.0L - p);
	}
	return (double)sum;
}

static struct form_question
question(const char *key, double target)
{
	struct form_question	q;

	memset(&q, 0, sizeof(q));
	q.key = key;
	q.label = "Comment jugez-vous le temps d'attente ?";
	q.kind = QKIND_SCALE;
	q.criterion = 1;
	q.target = target;
	return q;
}

static void
check_wilson(long long x, long long n, long long no_opinion)
{
	struct form_question	q = question("attente", -1);
	struct results_count	c = { "attente", x, n, no_opinion };
	struct results_row	r;
	double			lo, hi;
	int			rc;

	wilson(x, n, &lo, &hi);
	rc = results_row_make(&r, &q, &c, NULL, STATS_WILSON);
	tap_ok(rc == 0 && near(r.rate, (double)x / n, 1e-15, "rate") &&
	    near(r.lower, lo, 1e-9, "lower") &&
	    near(r.upper, hi, 1e-9, "upper") &&
	    r.small_sample == (n < 30) && r.n == n && r.satisfied == x &&
	    r.method == STATS_WILSON && !r.has_verdict &&
	    !r.change.present && strcmp(r.key, "attente") == 0,
	    "%lld/%lld: Wilson [%.6f, %.6f] as the closed form%s", x, n, lo,
	    hi, n < 30 ? ", small sample" : "");
}

static void
check_exact(long long x, long long n, double lo, double hi,
    const char *source)
{
	struct form_question	q = question("decroche", -1);
	struct results_count	c = { "decroche", x, n, 0 };
	struct results_row	r;
	int			rc;

	rc = results_row_make(&r, &q, &c, NULL, STATS_EXACT);
	tap_ok(rc == 0 && r.method == STATS_EXACT &&
	    near(r.lower, lo, 1e-9, "lower") &&
	    near(r.upper, hi, 1e-9, "upper") && r.small_sample,
	    "%lld/%lld exact: [%.9f, %.9f] (%s)", x, n, lo, hi, source);
}

static void
check_verdict(long long x, long long n, enum stats_verdict want)
{
	struct form_question	q = question("attente", 0.8);
	struct results_count	c = { "attente", x, n, 0 };
	struct results_row	r;
	double			below, above;
	int			rc;

	/* P(X' <= x) and P(X' >= x) = 1 - P(X' <= x - 1), X' ~ Bin(n, .8) */
	below = binom_cdf(x, n, 0.8);
	above = x == 0 ? 1.0 : 1.0 - binom_cdf(x - 1, n, 0.8);
	rc = results_row_make(&r, &q, &c, NULL, STATS_WILSON);
	tap_ok(rc == 0 && r.has_verdict && r.verdict == want &&
	    r.target == 0.8 && near(r.test.p_below, below, 1e-9, "p_below")
	    && near(r.test.p_above, above, 1e-9, "p_above"),
	    "%lld/%lld against 80 %%: %s (p_below %.4g, p_above %.4g)", x, n,
	    stats_verdict_name(want), below, above);
}

static void
check_refused(long long x, long long n, long long no, const
    struct results_count *prev, double target, enum stats_method m,
    int want, const char *what)
{
	struct form_question	q = question("attente", target);
	struct results_count	c = { "attente", x, n, no };
	struct results_row	r;
	int			rc;

	memset(&r, 0xa5, sizeof(r));
	rc = results_row_make(&r, &q, &c, prev, m);
	tap_ok(rc == want && ((unsigned char *)&r)[0] == 0xa5 &&
	    ((unsigned char *)&r)[sizeof(r) - 1] == 0xa5,
	    "refused, row untouched: %s (%s)", what, stats_strerror(want));
}

/* Pearson's statistic for k groups, written out over the 2k cells. */
static double
chi2_of(const long long *x, const long long *n, size_t k)
{
	double	X = 0, N = 0, p, s = 0, e;
	size_t	i;

	for (i = 0; i < k; i++) {
		X += x[i];
		N += n[i];
	}
	p = X / N;
	for (i = 0; i < k; i++) {
		e = n[i] * p;
		s += (x[i] - e) * (x[i] - e) / e;
		e = n[i] * (1 - p);
		s += ((n[i] - x[i]) - e) * ((n[i] - x[i]) - e) / e;
	}
	return s;
}

int
main(void)
{
	struct form_question	 q;
	struct results_count	 c, prev;
	struct results_row	 r;
	struct results_group	 g[4];
	struct results_breakdown bd;
	static const long long	 gx[] = { 40, 30, 20 }, gn[] = { 50, 50, 25 };
	double			 lo, hi, chi2;
	int			 rc;

	tap_plan(32);

	/* 1-3: Wilson, against the closed form. */
	check_wilson(116, 152, 0);
	check_wilson(97, 152, 3);
	check_wilson(12, 25, 0);

	/*
	 * 4-6: the exact interval. At 0 and n the bounds have a closed form,
	 * 1 - (alpha/2)^(1/n) [CP34], printed 0.1684 by R. G. Newcombe,
	 * Statistics in Medicine 17 (1998) 857-872, Table I, method 5. For
	 * 17/20, R 4.2's binom.test(17, 20)$conf.int prints 0.6210732
	 * 0.9679291, as statsmodels' proportion_confint(17, 20,
	 * method="beta") does; the 12 digits are the beta quantiles by
	 * bisection of mpmath's regularised incomplete beta at 40 digits.
	 */
	check_exact(0, 20, 0.0, 1.0 - pow(0.025, 1.0 / 20),
	    "0 and 1 - 0.025^(1/20); Newcombe 1998a: 0.1684");
	check_exact(20, 20, pow(0.025, 1.0 / 20), 1.0,
	    "0.025^(1/20) and 1, by symmetry");
	check_exact(17, 20, 0.621073173455, 0.967929062815,
	    "R binom.test: 0.6210732, 0.9679291");

	/* 7-10: verdicts against a target of 80 %. */
	check_verdict(146, 152, STATS_ABOVE);
	check_verdict(17, 20, STATS_MET);
	check_verdict(79, 152, STATS_BELOW);
	check_verdict(15, 20, STATS_INCONCLUSIVE);

	/* 11-13: the change since last year. */
	q = question("attente", -1);
	c = (struct results_count){ "attente", 56, 70, 0 };
	prev = (struct results_count){ "attente", 48, 80, 5 };
	rc = results_row_make(&r, &q, &c, &prev, STATS_WILSON);
	tap_ok(rc == 0 && r.change.present && r.change.significant &&
	    near(r.change.diff, 0.2, 1e-12, "diff") &&
	    near(r.change.lower, 0.0524, 5e-5, "lower") &&
	    near(r.change.upper, 0.3339, 5e-5, "upper") &&
	    r.change.previous_n == 80 &&
	    near(r.change.previous_rate, 0.6, 1e-15, "previous rate"),
	    "56/70 vs 48/80: +0.2 in [0.0524, 0.3339], significant "
	    "(Newcombe 1998b, Table II (a), method 10)");
	c = (struct results_count){ "attente", 76, 100, 0 };
	prev = (struct results_count){ "attente", 70, 100, 0 };
	rc = results_row_make(&r, &q, &c, &prev, STATS_WILSON);
	tap_ok(rc == 0 && r.change.present && !r.change.significant &&
	    r.change.lower < 0 && r.change.upper > 0 &&
	    near(r.change.diff, 0.06, 1e-12, "diff"),
	    "76/100 vs 70/100: interval holds 0, not significant");
	prev = (struct results_count){ "attente", 0, 0, 12 };
	rc = results_row_make(&r, &q, &c, &prev, STATS_WILSON);
	tap_ok(rc == 0 && !r.change.present && r.change.previous_n == 0 &&
	    isnan(r.change.previous_rate) && isnan(r.change.diff),
	    "no opinion last year: no change");

	/* 14-16: a criterion nobody gave an opinion on. */
	q = question("point-numerique", 0.8);
	c = (struct results_count){ "point-numerique", 0, 0, 7 };
	prev = (struct results_count){ "point-numerique", 30, 40, 0 };
	rc = results_row_make(&r, &q, &c, &prev, STATS_WILSON);
	tap_ok(rc == 0 && r.n == 0 && isnan(r.rate) && isnan(r.lower) &&
	    isnan(r.upper) && !r.small_sample && !r.has_verdict &&
	    r.target == 0.8, "n == 0: NaN rate and interval, no verdict, "
	    "not a small sample");
	tap_ok(rc == 0 && r.no_opinion_share == 1.0 && !r.change.present &&
	    r.change.previous_n == 40 &&
	    near(r.change.previous_rate, 0.75, 1e-15, "previous rate"),
	    "n == 0: all answers \"sans avis\"; last year's rate kept, "
	    "no change");
	c = (struct results_count){ "point-numerique", 0, 0, 0 };
	rc = results_row_make(&r, &q, &c, NULL, STATS_EXACT);
	tap_ok(rc == 0 && r.no_opinion_share == 0.0 && r.n == 0,
	    "no answer at all: share of \"sans avis\" 0");

	/* 17: the share of "sans avis" is of all answers. */
	q = question("attente", -1);
	c = (struct results_count){ "attente", 116, 152, 8 };
	rc = results_row_make(&r, &q, &c, NULL, STATS_WILSON);
	tap_ok(rc == 0 && near(r.no_opinion_share, 8.0 / 160, 1e-15,
	    "share") && !r.small_sample, "8 \"sans avis\" of 160: 5 %%");

	/* 18-24: what is refused. */
	check_refused(153, 152, 0, NULL, -1, STATS_WILSON, STATS_EXGTN,
	    "more satisfied than opinions");
	check_refused(1, 0, 3, NULL, -1, STATS_WILSON, STATS_EXGTN,
	    "satisfied without opinions");
	check_refused(-1, 152, 0, NULL, -1, STATS_WILSON, STATS_ENEGATIVE,
	    "negative count");
	check_refused(10, 20, -2, NULL, -1, STATS_WILSON, STATS_ENEGATIVE,
	    "negative \"sans avis\"");
	prev = (struct results_count){ "attente", 50, 40, 0 };
	check_refused(10, 20, 0, &prev, -1, STATS_WILSON, STATS_EXGTN,
	    "impossible counts last year");
	check_refused(10, 20, 0, NULL, 1.5, STATS_WILSON, STATS_ETARGET,
	    "target above 100 %");
	check_refused(10, 20, 0, NULL, -1, STATS_METHOD__MAX, STATS_EMETHOD,
	    "unknown method");
	/* 25 */
	tap_ok(results_row_make(&r, NULL, &c, NULL, STATS_WILSON) ==
	    STATS_ENULL && results_row_make(NULL, &q, &c, NULL,
	    STATS_WILSON) == STATS_ENULL, "NULL question or row: STATS_ENULL");

	/* 26-28: a breakdown with its chi-square (p = e^(-chi2/2) at 2 df). */
	memset(g, 0, sizeof(g));
	memset(&bd, 0, sizeof(bd));
	g[0] = (struct results_group){ "etrangers", "Étrangers", 40, 50, 0, 0,
	    0 };
	g[1] = (struct results_group){ "vehicule-permis", "Véhicules", 30, 50,
	    0, 0, 0 };
	g[2] = (struct results_group){ "identite", "Identité", 20, 25, 0, 0,
	    0 };
	g[3] = (struct results_group){ "autre", "Autre", 0, 0, 0, 0, 0 };
	bd.criterion = "attente";
	bd.by = "motif";
	bd.groups = g;
	bd.ngroups = 4;
	chi2 = chi2_of(gx, gn, 3);
	rc = results_breakdown_make(&bd);
	tap_ok(rc == 0 && bd.tested && bd.test.df == 2 &&
	    near(bd.test.chi2, chi2, 1e-9, "chi2") &&
	    near(bd.test.chi2, 5.952380952, 1e-9, "chi2 printed") &&
	    near(bd.test.p, exp(-chi2 / 2), 1e-12, "p") &&
	    near(bd.test.p, 0.0509867, 1e-7, "p printed") &&
	    bd.test.nsmall == 0 && near(bd.test.min_expected, 7.0, 1e-9,
	    "min expected"),
	    "40/50, 30/50, 20/25: chi2 = 5.952380952, df 2, p = 0.0509867, "
	    "smallest expected count 7");
	wilson(30, 50, &lo, &hi);
	tap_ok(rc == 0 && near(g[1].rate, 0.6, 1e-15, "rate") &&
	    near(g[1].lower, lo, 1e-9, "lower") &&
	    near(g[1].upper, hi, 1e-9, "upper"),
	    "each group gets its Wilson interval");
	tap_ok(rc == 0 && isnan(g[3].rate) && isnan(g[3].lower) &&
	    isnan(g[3].upper), "a group without opinions: NaN, left out of "
	    "the test");

	/* 29: small expected counts are counted. */
	g[0] = (struct results_group){ "a", "A", 9, 10, 0, 0, 0 };
	g[1] = (struct results_group){ "b", "B", 5, 10, 0, 0, 0 };
	bd.ngroups = 2;
	rc = results_breakdown_make(&bd);
	tap_ok(rc == 0 && bd.tested && bd.test.df == 1 &&
	    bd.test.nsmall == 2 && near(bd.test.min_expected, 3.0, 1e-9,
	    "min expected"), "9/10 vs 5/10: two expected counts of 3");

	/* 30-31: no test. */
	g[1] = (struct results_group){ "b", "B", 0, 0, 0, 0, 0 };
	rc = results_breakdown_make(&bd);
	tap_ok(rc == 0 && !bd.tested && near(g[0].rate, 0.9, 1e-15, "rate"),
	    "one group with opinions: not tested");
	g[0] = (struct results_group){ "a", "A", 10, 10, 0, 0, 0 };
	g[1] = (struct results_group){ "b", "B", 25, 25, 0, 0, 0 };
	bd.tested = 1;
	rc = results_breakdown_make(&bd);
	tap_ok(rc == 0 && !bd.tested && g[1].upper == 1.0,
	    "all satisfied: degenerate, not tested, no error");

	/* 32: bad counts leave the breakdown as it was. */
	g[1] = (struct results_group){ "b", "B", 26, 25, 0.5, 0.25, 0.75 };
	g[0].rate = 0.125;
	rc = results_breakdown_make(&bd);
	tap_ok(rc == STATS_EXGTN && g[0].rate == 0.125 && g[1].rate == 0.5 &&
	    !bd.tested, "26 satisfied of 25: STATS_EXGTN, groups untouched");

	return tap_done();
}
