/*
 * Every bad input reaches the caller as an error code, leaves the output
 * untouched, and never aborts: GSL's own handler stays installed here,
 * and the library must neither trigger it nor leave it replaced.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "stats.h"
#include "tap.h"

/* Counts calls to our GSL handler, which replaces the aborting one. */
static int	 gsl_calls;

static void
count_handler(const char *reason, const char *file, int line, int err)
{
	(void)reason;
	(void)file;
	(void)line;
	(void)err;
	gsl_calls++;
}

/* Checks that a proportion call fails with want and leaves *out alone. */
static void
prop(enum stats_method m, double level, long long x, long long n, int want,
    const char *what)
{
	struct stats_interval	 ci = { -7.0, -7.0, -7.0 };
	int			 rc;

	rc = stats_proportion(m, level, x, n, &ci);
	tap_ok(rc == want && ci.estimate == -7.0 && ci.lower == -7.0 &&
	    ci.upper == -7.0, "proportion, %s: %s", what, stats_strerror(rc));
}

int
main(void)
{
	struct stats_interval		 ci = { -7.0, -7.0, -7.0 };
	struct stats_target		 t = { STATS_MET, -7.0, -7.0 };
	struct stats_homogeneity	 h;
	struct stats_group		 g[2] = { { 1, 2 }, { 3, 4 } };
	enum stats_method		 m;
	gsl_error_handler_t		*old;
	long long			 n = -7;
	const char			*s;
	int				 i, rc, distinct;

	tap_plan(52);
	old = gsl_set_error_handler(count_handler);

	/* Counts, for every method. */
	prop(STATS_WILSON, 0.95, 25, 20, STATS_EXGTN, "X > N");
	prop(STATS_EXACT, 0.95, 21, 20, STATS_EXGTN, "X > N, exact");
	prop(STATS_WILSON, 0.95, 0, 0, STATS_ENOBS, "N = 0");
	prop(STATS_JEFFREYS, 0.95, 0, -5, STATS_ENOBS, "N < 0");
	prop(STATS_WALD, 0.95, -1, 20, STATS_ENEGATIVE, "X < 0");
	prop(STATS_AGRESTI_COULL, 0.95, -1, -1, STATS_ENEGATIVE,
	    "X < 0 and N < 0: the count first");
	prop(STATS_EXACT, 0.95, 1, STATS_NMAX + 1, STATS_ETOOBIG,
	    "N above STATS_NMAX");
	/* Levels. */
	prop(STATS_WILSON, 0.0, 5, 20, STATS_ELEVEL, "level 0");
	prop(STATS_WILSON, 1.0, 5, 20, STATS_ELEVEL, "level 1");
	prop(STATS_EXACT, 95.0, 5, 20, STATS_ELEVEL, "level 95 (a percentage)");
	prop(STATS_JEFFREYS, -0.95, 5, 20, STATS_ELEVEL, "level -0.95");
	prop(STATS_WALD, NAN, 5, 20, STATS_ELEVEL, "level NaN");
	prop(STATS_WALD, INFINITY, 5, 20, STATS_ELEVEL, "level infinite");
	/* Methods. */
	prop(STATS_METHOD__MAX, 0.95, 5, 20, STATS_EMETHOD, "method __MAX");
	prop((enum stats_method)-1, 0.95, 5, 20, STATS_EMETHOD, "method -1");
	rc = stats_proportion(STATS_WILSON, 0.95, 5, 20, NULL);
	tap_ok(rc == STATS_ENULL, "proportion, NULL output: %s",
	    stats_strerror(rc));

	/* Difference: either pair, and the level. */
	rc = stats_difference(0.95, 25, 20, 5, 20, &ci);
	tap_ok(rc == STATS_EXGTN && ci.lower == -7.0, "difference, X1 > N1");
	rc = stats_difference(0.95, 5, 20, 5, 0, &ci);
	tap_ok(rc == STATS_ENOBS && ci.lower == -7.0, "difference, N2 = 0");
	rc = stats_difference(0.95, 5, 20, -5, 20, &ci);
	tap_ok(rc == STATS_ENEGATIVE && ci.lower == -7.0,
	    "difference, X2 < 0");
	rc = stats_difference(1.5, 5, 20, 5, 20, &ci);
	tap_ok(rc == STATS_ELEVEL && ci.lower == -7.0,
	    "difference, level 1.5");
	rc = stats_difference(0.95, 5, 20, 5, 20, NULL);
	tap_ok(rc == STATS_ENULL, "difference, NULL output");

	/* Target. */
	rc = stats_target(1.5, 0.95, 5, 20, &t);
	tap_ok(rc == STATS_ETARGET && t.p_below == -7.0, "target 1.5");
	rc = stats_target(-0.1, 0.95, 5, 20, &t);
	tap_ok(rc == STATS_ETARGET && t.p_below == -7.0, "target -0.1");
	rc = stats_target(NAN, 0.95, 5, 20, &t);
	tap_ok(rc == STATS_ETARGET && t.p_below == -7.0, "target NaN");
	rc = stats_target(80.0, 0.95, 5, 20, &t);
	tap_ok(rc == STATS_ETARGET && t.p_below == -7.0,
	    "target 80 (a percentage)");
	rc = stats_target(0.8, 0.0, 5, 20, &t);
	tap_ok(rc == STATS_ELEVEL && t.p_below == -7.0, "target, level 0");
	rc = stats_target(0.8, 0.95, 21, 20, &t);
	tap_ok(rc == STATS_EXGTN && t.p_below == -7.0, "target, X > N");
	rc = stats_target(0.8, 0.95, 5, 20, NULL);
	tap_ok(rc == STATS_ENULL, "target, NULL output");

	/* Homogeneity. */
	memset(&h, 0, sizeof(h));
	h.chi2 = -7.0;
	rc = stats_homogeneity(g, 1, &h);
	tap_ok(rc == STATS_EGROUPS && h.chi2 == -7.0, "homogeneity, one "
	    "group: %s", stats_strerror(rc));
	g[1].x = 5;
	rc = stats_homogeneity(g, 2, &h);
	tap_ok(rc == STATS_EXGTN && h.chi2 == -7.0,
	    "homogeneity, 5/4 in the second group");
	g[1].x = 3;
	g[1].n = 0;
	rc = stats_homogeneity(g, 2, &h);
	tap_ok(rc == STATS_ENOBS && h.chi2 == -7.0,
	    "homogeneity, 3/0 in the second group");
	g[1].n = STATS_NMAX;
	g[0].n = STATS_NMAX;
	rc = stats_homogeneity(g, 2, &h);
	tap_ok(rc == STATS_ETOOBIG && h.chi2 == -7.0,
	    "homogeneity, total above STATS_NMAX");
	rc = stats_homogeneity(NULL, 2, &h);
	tap_ok(rc == STATS_ENULL, "homogeneity, NULL groups");

	/* Sample size. */
	rc = stats_sample_size(0.0, 0.95, 0.5, 0, &n);
	tap_ok(rc == STATS_EMARGIN && n == -7, "sample size, margin 0");
	rc = stats_sample_size(1.0, 0.95, 0.5, 0, &n);
	tap_ok(rc == STATS_EMARGIN && n == -7, "sample size, margin 1");
	rc = stats_sample_size(5.0, 0.95, 0.5, 0, &n);
	tap_ok(rc == STATS_EMARGIN && n == -7,
	    "sample size, margin 5 (a percentage)");
	rc = stats_sample_size(NAN, 0.95, 0.5, 0, &n);
	tap_ok(rc == STATS_EMARGIN && n == -7, "sample size, margin NaN");
	rc = stats_sample_size(0.05, 1.0, 0.5, 0, &n);
	tap_ok(rc == STATS_ELEVEL && n == -7, "sample size, level 1");
	rc = stats_sample_size(0.05, 0.95, 0.0, 0, &n);
	tap_ok(rc == STATS_EEXPECTED && n == -7, "sample size, expected 0");
	rc = stats_sample_size(0.05, 0.95, 1.2, 0, &n);
	tap_ok(rc == STATS_EEXPECTED && n == -7, "sample size, expected 1.2");
	rc = stats_sample_size(0.05, 0.95, 0.5, -100, &n);
	tap_ok(rc == STATS_EPOPULATION && n == -7,
	    "sample size, population -100");
	rc = stats_sample_size(0.05, 0.95, 0.5, STATS_NMAX + 1, &n);
	tap_ok(rc == STATS_ETOOBIG && n == -7,
	    "sample size, population above STATS_NMAX");
	rc = stats_sample_size(1e-9, 0.95, 0.5, 0, &n);
	tap_ok(rc == STATS_ERANGE && n == -7,
	    "sample size, margin 1e-9: n above STATS_NMAX");

	/* Names and messages. */
	for (i = 0, distinct = 1; i < STATS_ERR__MAX; i++)
		if ((s = stats_strerror(-i)) == NULL ||
		    strcmp(s, "unknown error") == 0 ||
		    (i > 0 && strcmp(s, stats_strerror(-i + 1)) == 0))
			distinct = 0;
	tap_ok(distinct, "each of the %d codes has its own message",
	    STATS_ERR__MAX);
	tap_ok(strcmp(stats_strerror(-STATS_ERR__MAX), "unknown error") == 0 &&
	    strcmp(stats_strerror(1), "unknown error") == 0,
	    "codes out of range: \"unknown error\"");
	for (i = 0, distinct = 1; i < STATS_METHOD__MAX; i++)
		if (stats_method_parse(stats_method_name(i), &m) != 0 ||
		    (int)m != i)
			distinct = 0;
	tap_ok(distinct, "method names parse back to their method");
	m = STATS_EXACT;
	rc = stats_method_parse("Wilson", &m);
	tap_ok(rc == STATS_EMETHOD && m == STATS_EXACT,
	    "method \"Wilson\" (case matters): %s", stats_strerror(rc));
	tap_ok(stats_method_name(STATS_METHOD__MAX) == NULL &&
	    stats_verdict_name(STATS_VERDICT__MAX) == NULL &&
	    strcmp(stats_verdict_name(STATS_INCONCLUSIVE), "inconclusive") == 0,
	    "names out of range: NULL");

	/*
	 * GSL: p underflows in the chi-square tail, and the exact interval
	 * works at 1e9, where GSL's gsl_cdf_beta_Pinv signals an error.
	 * Neither may reach the handler, which must still be ours.
	 */
	g[0].x = 0;
	g[0].n = 1000000000;
	g[1].x = 1000000000;
	g[1].n = 1000000000;
	rc = stats_homogeneity(g, 2, &h);
	tap_ok(rc == 0 && h.p == 0.0, "homogeneity with p = 0: no abort");
	rc = stats_proportion(STATS_EXACT, 0.95, 300000000, 1000000000, &ci);
	tap_ok(rc == 0, "exact interval at n = 1e9: no abort");
	tap_ok(gsl_calls == 0, "GSL's error handler was never called");
	tap_ok(gsl_set_error_handler(old) == count_handler,
	    "the caller's GSL handler is back in place");
	return tap_done();
}
