/*
 * stats_target: the exact one-sided binomial p-values against scipy and
 * mpmath, the identity that ties the two tails, and each verdict.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_randist.h>

#include "stats.h"
#include "tap.h"

/* One expected pair of p-values. */
struct ref {
	double		 target;
	long long	 x, n;
	double		 below;		/* P(X' <= x) */
	double		 above;		/* P(X' >= x) */
};

/*
 * The incomplete beta function's continued fraction in mpmath 1.2.1 at
 * 45 digits, with t's exact binary value, by tests/data/stats/
 * reference.py. It checks them against scipy 1.10.1's binom.cdf(x, n, t)
 * and binom.sf(x - 1, n, t) up to n = 1e6 and R 4.2.2's pbinom above:
 * they agree to 1e-13 below n = 1000, but to 1e-10 only at 1e6 and 1e9,
 * and 1e-9 at 1e12, as both round 1 - t.
 */
static const struct ref refs[] = {
	{ 0.8, 150, 200, 0.049353332381817931, 0.96550322513427134 },
	{ 0.8, 160, 200, 0.52818995399219415, 0.54217964504949245 },
	{ 0.8, 170, 200, 0.97172342501710696, 0.043021556375661268 },
	{ 0.8, 148, 200, 0.02357283551566302, 0.9842524864226051 },
	{ 0.8, 16, 20, 0.58855113804343129, 0.62964826390266926 },
	{ 0.8, 20, 20, 1, 0.011529215046068483 },
	{ 0.8, 0, 20, 1.0485759999999954e-14, 1 },
	{ 0.9, 12, 20, 0.00041563501884547523, 0.9999401414682596 },
	{ 0.5, 0, 1, 0.5, 1 },
	{ 0.5, 1, 1, 1, 0.5 },
	{ 0.75, 81, 263, 4.249388807983717e-51, 1 },
	{ 0.3, 81, 263, 0.6396888350407185, 0.41146159809547844 },
	{ 0.95, 173, 180, 0.80020334005561511, 0.3178727540304479 },
	{ 0.01, 0, 200, 0.13397967485796194, 1 },
	{ 0.6, 600500, 1000000, 0.84652536703012271, 0.15395843596090664 },
	{ 0.6, 599000, 1000000, 0.020674850290854779, 0.979426562977325 },
	{ 0.3, 300010000, 1000000000, 0.75493512566739973,
	    0.24508657102294437 },
	{ 0.3, 299990000, 1000000000, 0.2450880865338104, 0.75493361050420837 },
	{ 0.3, 300000000, 1000000000, 0.50001560012554502,
	    0.50001192950723339 },
	{ 0.3, 300000500000, 1000000000000, 0.86238347189970932,
	    0.137617008156038 },
	{ 0.3, 299999000000, 1000000000000, 0.014548185931241457,
	    0.98545189456316362 },
};

#define NREFS	(sizeof(refs) / sizeof(refs[0]))

/*
 * Returns 1 when long double arithmetic is wider than double at run
 * time. It is not under valgrind, whose x87 emulation keeps 53 bits, nor
 * on platforms where long double is double: the library then loses about
 * sqrt(n) double rounding units at large n, 1e-11 at n = 1e12.
 */
static int
wide_long_double(void)
{
	volatile long double	 one = 1.0L, tiny = LDBL_EPSILON;

	return LDBL_MANT_DIG > DBL_MANT_DIG && one + tiny != one;
}

/* Relative 1e-12 (1e-10 from n = 1e9 without a wide long double). */
static double	 tol_large = 1e-12;

static int
close_to(double got, double want, long long n)
{
	double	 tol = n >= 1000000000LL ? tol_large : 1e-12;

	return fabs(got - want) <= tol * fabs(want) + 1e-300;
}

/* Checks one verdict. */
static void
verdict(double target, double level, long long x, long long n,
    enum stats_verdict want, const char *why)
{
	struct stats_target	 t;
	int			 rc;

	rc = stats_target(target, level, x, n, &t);
	tap_ok(rc == 0 && t.verdict == want, "%lld/%lld against %g at %g: "
	    "%s (%s; p %.3g, %.3g)", x, n, target, level,
	    stats_verdict_name(want), why, t.p_below, t.p_above);
}

int
main(void)
{
	struct stats_target	 t;
	const struct ref	*r;
	size_t			 i;
	long long		 n, x;
	double			 worst = 0.0, worst_id = 0.0;
	int			 bad = 0, bad_id = 0, rc;

	tap_plan(16);
	if (!wide_long_double()) {
		tol_large = 1e-10;
		tap_diag("long double is no wider than double here: 1e-10 "
		    "from n = 1e9");
	}
	for (i = 0; i < NREFS; i++) {
		r = &refs[i];
		rc = stats_target(r->target, 0.95, r->x, r->n, &t);
		if (rc != 0 || !close_to(t.p_below, r->below, r->n) ||
		    !close_to(t.p_above, r->above, r->n)) {
			bad++;
			tap_diag("%g %lld/%lld: rc %d, %.17g %.17g, expected "
			    "%.17g %.17g", r->target, r->x, r->n, rc,
			    t.p_below, t.p_above, r->below, r->above);
			continue;
		}
		worst = fmax(worst, fabs(t.p_below / r->below - 1));
		worst = fmax(worst, fabs(t.p_above / r->above - 1));
	}
	tap_ok(bad == 0, "%zu pairs of p-values, n = 1 to 1e12, within %g "
	    "relative (worst %.2g)", NREFS, tol_large, worst);

	/*
	 * P(X' <= x) + P(X' >= x) = 1 + P(X' = x): the two tails come from
	 * two incomplete beta functions, often from different sides of the
	 * continued fraction; GSL's binomial density is exact enough here.
	 */
	for (n = 1; n <= 400; n += 7)
		for (x = 0; x <= n; x++) {
			if (stats_target(0.83, 0.95, x, n, &t) != 0) {
				bad_id++;
				continue;
			}
			worst_id = fmax(worst_id, fabs(t.p_below + t.p_above -
			    1 - gsl_ran_binomial_pdf(x, 0.83, n)));
		}
	tap_ok(bad_id == 0 && worst_id < 1e-13, "P(X' <= x) + P(X' >= x) = "
	    "1 + P(X' = x) over n <= 400 (worst %.2g)", worst_id);

	/* The engagements of a prefecture: 80 % satisfied, 200 answers. */
	verdict(0.8, 0.95, 175, 200, STATS_ABOVE, "87.5 %, significantly");
	verdict(0.8, 0.95, 165, 200, STATS_MET, "82.5 %, not significantly");
	verdict(0.8, 0.95, 160, 200, STATS_MET, "exactly on target");
	verdict(0.8, 0.95, 155, 200, STATS_INCONCLUSIVE, "77.5 %");
	verdict(0.8, 0.95, 150, 200, STATS_BELOW, "75 %, p = 0.049");
	verdict(0.8, 0.99, 150, 200, STATS_INCONCLUSIVE,
	    "the same at 99 %");
	/* A 20-contact grid cannot show much. */
	verdict(0.8, 0.95, 20, 20, STATS_ABOVE, "20/20, p = 0.0115");
	verdict(0.9, 0.95, 16, 20, STATS_INCONCLUSIVE, "80 % of 20, p = 0.13");
	verdict(0.9, 0.95, 15, 20, STATS_BELOW, "75 % of 20, p = 0.043");

	/* Targets of 0 and 1: X' is certain. */
	rc = stats_target(0.0, 0.95, 0, 20, &t);
	tap_ok(rc == 0 && t.p_below == 1.0 && t.p_above == 1.0 &&
	    t.verdict == STATS_MET, "target 0, 0/20: p 1, 1, met");
	rc = stats_target(0.0, 0.95, 3, 20, &t);
	tap_ok(rc == 0 && t.p_below == 1.0 && t.p_above == 0.0 &&
	    t.verdict == STATS_ABOVE, "target 0, 3/20: p 1, 0, above");
	rc = stats_target(1.0, 0.95, 19, 20, &t);
	tap_ok(rc == 0 && t.p_below == 0.0 && t.p_above == 1.0 &&
	    t.verdict == STATS_BELOW, "target 1, 19/20: p 0, 1, below");
	rc = stats_target(1.0, 0.95, 20, 20, &t);
	tap_ok(rc == 0 && t.p_below == 1.0 && t.p_above == 1.0 &&
	    t.verdict == STATS_MET, "target 1, 20/20: p 1, 1, met");
	/* Far tails keep their relative precision: 0.2^20 = 1.048576e-14. */
	rc = stats_target(0.8, 0.95, 0, 20, &t);
	tap_ok(rc == 0 && fabs(t.p_below / 1.048576e-14 - 1) < 1e-13,
	    "0/20 against 0.8: p_below = 0.2^20 (%.17g)", t.p_below);
	return tap_done();
}
