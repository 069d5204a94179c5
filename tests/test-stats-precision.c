/*
 * Precision at large n: the exact, Jeffreys and Wilson intervals at
 * n = 1e6, 1e9 and 1e12, from x = 0 to x = n, and the target test's
 * p-values at n = 1e12, where GSL's own beta quantile falls short.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "stats.h"
#include "tap.h"

/* Expected bounds of one count. */
struct ref {
	long long	 x, n;
	double		 exact_lo, exact_up;
	double		 jeff_lo, jeff_up;
	double		 wilson_lo, wilson_up;
};

/*
 * Level 0.95. Exact and Jeffreys: R 4.2.2 qbeta (TOMS 708), with 0 and 1
 * at the boundaries; Wilson: its closed form in mpmath 1.2.1 at 50
 * digits. By tests/data/stats/reference.py.
 */
static const struct ref refs[] = {
	{ 0, 1000000,
	    0, 3.6888726502064855e-06,
	    0, 2.5119393107467855e-06,
	    0.0, 3.841444063944942314e-6 },
	{ 1, 1000000,
	    2.5317807663794191e-08, 5.5716306551722366e-06,
	    1.0789766246541854e-07, 4.6741920467298275e-06,
	    1.7652457674537146574e-7, 5.6649118043114429583e-6 },
	{ 2, 1000000,
	    2.4220937031600352e-07, 7.2246687943803141e-06,
	    4.1560603208381148e-07, 6.4162352250855663e-06,
	    5.4847230959605628524e-7, 7.292956388572630249e-6 },
	{ 1000, 1000000,
	    0.00093900120795007216, 0.001063918107315228,
	    0.0009394857355159989, 0.0010634026415850201,
	    0.0009399388437436416863, 0.0010638949174321753661 },
	{ 300000, 1000000,
	    0.2991019119335821, 0.30089924664225376,
	    0.29910241150443628, 0.30089874621600343,
	    0.29910260135349611984, 0.30089893522412945814 },
	{ 500000, 1000000,
	    0.49901951919531184, 0.50098048080468816,
	    0.49902001919386418, 0.50097998080613582,
	    0.49902001989000478404, 0.50097998010999521596 },
	{ 999999, 1000000,
	    0.99999442836934482, 0.99999997468219237,
	    0.99999532580795325, 0.99999989210233753,
	    0.99999433508819568856, 0.99999982347542325463 },
	{ 1000000, 1000000,
	    0.99999631112734977, 1,
	    0.99999748806068922, 1,
	    0.99999615855593605506, 1.0 },
	{ 0, 1000000000,
	    0, 3.6888794473100178e-09,
	    0, 2.5119430898745302e-09,
	    0.0, 3.841458805937320144e-9 },
	{ 1, 1000000000,
	    2.5317807983969399e-11, 5.5716433782031108e-09,
	    1.0789764133310214e-10, 4.6742017924925419e-09,
	    1.7652455495696313174e-10, 5.6649342432974394003e-9 },
	{ 2, 1000000000,
	    2.4220927863573782e-10, 7.2246876488505927e-09,
	    4.1560580696867156e-10, 6.4162509812430608e-09,
	    5.4847213842891437748e-10, 7.2929866521425705427e-9 },
	{ 1000000, 1000000000,
	    0.00099804196067584602, 0.0010019609288197937,
	    0.00099804246018658891, 0.0010019604283305397,
	    0.0009980429321964289959, 0.0010019609015794593295 },
	{ 300000000, 1000000000,
	    0.2999715975023966, 0.30002840365535277,
	    0.2999715980023831, 0.3000284031553393,
	    0.29997159819182699114, 0.30002840334475653124 },
	{ 500000000, 1000000000,
	    0.49996900974842229, 0.50003099025157771,
	    0.49996901024842227, 0.50003098975157778,
	    0.49996901024844429485, 0.50003098975155570515 },
	{ 999999999, 1000000000,
	    0.99999999442835663, 0.99999999997468214,
	    0.9999999953257982, 0.99999999989210231,
	    0.9999999943350657567, 0.99999999982347544504 },
	{ 1000000000, 1000000000,
	    0.99999999631112058, 1,
	    0.9999999974880569, 1,
	    0.99999999615854119406, 1.0 },
	{ 0, 1000000000000,
	    0, 3.6888794541071327e-12,
	    0, 2.5119430936536604e-12,
	    0.0, 3.8414588206793691525e-12 },
	{ 1, 1000000000000,
	    2.5317807984289583e-14, 5.5716433909261601e-12,
	    1.0789764131196973e-13, 4.6742018022383191e-12,
	    1.7652455493517472888e-13, 5.664934265736511506e-12 },
	{ 2, 1000000000000,
	    2.4220927854405667e-13, 7.2246876677050807e-12,
	    4.1560580674355357e-13, 6.416250996999242e-12,
	    5.4847213825774734686e-13, 7.2929866824062559703e-12 },
	{ 1000000000, 1000000000000,
	    0.00099993805243853671, 0.0010000619504500117,
	    0.0009999380529385211, 0.0010000619499499961,
	    0.00099993805341113088625, 0.0010000619504226450168 },
	{ 300000000000, 1000000000000,
	    0.29999910183174699, 0.30000089816941078,
	    0.29999910183224698, 0.30000089816891073,
	    0.29999910183243643896, 0.30000089816910014457 },
	{ 500000000000, 1000000000000,
	    0.49999902001750773, 0.50000097998249227,
	    0.49999902001800772, 0.50000097998199222,
	    0.49999902001800773186, 0.50000097998199226814 },
	{ 999999999999, 1000000000000,
	    0.99999999999442835, 0.99999999999997469,
	    0.99999999999532585, 0.99999999999989209,
	    0.99999999999433506573, 0.99999999999982347545 },
	{ 1000000000000, 1000000000000,
	    0.99999999999631117, 1,
	    0.99999999999748801, 1,
	    0.99999999999615854118, 1.0 },
};

#define NREFS	(sizeof(refs) / sizeof(refs[0]))

/*
 * Relative 1e-12, and for a bound near 1, 1e-12 of its distance to 1
 * plus 4e-16: a double near 1 has no more digits, whatever computes it.
 */
static int
close_to(double got, double want)
{
	if (want < 0.5)
		return fabs(got - want) <= 1e-12 * want;
	return fabs(got - want) <= 1e-12 * (1 - want) + 4e-16;
}

/* Checks the bounds of method at every row; returns the failures. */
static int
check(enum stats_method m, size_t lo_off, size_t up_off, double *worst)
{
	struct stats_interval	 ci;
	const struct ref	*r;
	const double		*want_lo, *want_up;
	size_t			 i;
	int			 bad = 0, rc;

	*worst = 0.0;
	for (i = 0; i < NREFS; i++) {
		r = &refs[i];
		want_lo = (const double *)((const char *)r + lo_off);
		want_up = (const double *)((const char *)r + up_off);
		rc = stats_proportion(m, 0.95, r->x, r->n, &ci);
		if (rc != 0 || !close_to(ci.lower, *want_lo) ||
		    !close_to(ci.upper, *want_up)) {
			bad++;
			tap_diag("%s %lld/%lld: rc %d, [%.17g, %.17g], "
			    "expected [%.17g, %.17g]", stats_method_name(m),
			    r->x, r->n, rc, ci.lower, ci.upper, *want_lo,
			    *want_up);
			continue;
		}
		if (*want_lo > 0)
			*worst = fmax(*worst, fabs(ci.lower / *want_lo - 1));
		*worst = fmax(*worst, fabs(ci.upper / *want_up - 1));
	}
	return bad;
}

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

int
main(void)
{
	struct stats_target	 t;
	double			 worst, g6, g9, tol = 1e-12;
	int			 bad, rc;

	tap_plan(5);
	if (!wide_long_double()) {
		tol = 1e-10;
		tap_diag("long double is no wider than double here: p-values "
		    "to 1e-10");
	}
	bad = check(STATS_EXACT, offsetof(struct ref, exact_lo),
	    offsetof(struct ref, exact_up), &worst);
	tap_ok(bad == 0, "exact: %zu intervals up to n = 1e12 match R "
	    "(worst relative difference %.2g)", NREFS, worst);
	bad = check(STATS_JEFFREYS, offsetof(struct ref, jeff_lo),
	    offsetof(struct ref, jeff_up), &worst);
	tap_ok(bad == 0, "jeffreys: %zu intervals up to n = 1e12 match R "
	    "(worst relative difference %.2g)", NREFS, worst);
	bad = check(STATS_WILSON, offsetof(struct ref, wilson_lo),
	    offsetof(struct ref, wilson_up), &worst);
	tap_ok(bad == 0, "wilson: %zu intervals up to n = 1e12 match mpmath "
	    "(worst relative difference %.2g)", NREFS, worst);

	/*
	 * The continued fraction in mpmath 1.2.1 at 45 digits, by
	 * tests/data/stats/reference.py (R 4.2.2's pbinom is 6e-12 off).
	 */
	rc = stats_target(0.3, 0.95, 300000500000LL, 1000000000000LL, &t);
	tap_ok(rc == 0 && fabs(t.p_below / 0.86238347189970932 - 1) < tol &&
	    fabs(t.p_above / 0.137617008156038 - 1) < tol,
	    "target at n = 1e12, 1.1 sd above: p-values within %g (%.17g, "
	    "%.17g)", tol, t.p_below, t.p_above);
	rc = stats_target(0.3, 0.95, 299999000000LL, 1000000000000LL, &t);
	tap_ok(rc == 0 && fabs(t.p_below / 0.014548185931241457 - 1) < tol &&
	    fabs(t.p_above / 0.98545189456316362 - 1) < tol &&
	    t.verdict == STATS_BELOW,
	    "target at n = 1e12, 2.2 sd below: p-values within %g, below "
	    "(%.17g, %.17g)", tol, t.p_below, t.p_above);

	/*
	 * Why we invert the beta function ourselves: what GSL 2.7.1 gives
	 * for the exact lower bound of 3e5/1e6 (R: 0.2991019119335821) and
	 * 3e8/1e9 (R: 0.2999715975023966). For information only.
	 */
	gsl_set_error_handler_off();
	g6 = gsl_cdf_beta_Pinv(0.025, 3e5, 1e6 - 3e5 + 1);
	g9 = gsl_cdf_beta_Pinv(0.025, 3e8, 1e9 - 3e8 + 1);
	tap_diag("gsl_cdf_beta_Pinv: n = 1e6: %.17g (off by %.2g); "
	    "n = 1e9: %.17g", g6, fabs(g6 - 0.2991019119335821), g9);
	return tap_done();
}
