/*
 * The library against published worked examples, to the four decimals
 * the papers print: Newcombe's two comparisons of methods (1998) and the
 * coverage of the Wald interval in Brown, Cai and DasGupta (2001).
 */
#include "config.h"

#include <math.h>
#include <stddef.h>

#include <gsl/gsl_randist.h>

#include "stats.h"
#include "tap.h"

/* A printed figure holds the exact one to half a unit of its last place. */
#define PRINTED	0.00005

/* One published interval of a single proportion. */
struct single {
	long long	 x, n;
	enum stats_method method;
	double		 lower, upper;
};

/*
 * R. G. Newcombe, "Two-sided confidence intervals for the single
 * proportion: comparison of seven methods", Statistics in Medicine 17
 * (1998) 857-872, Table I, 95 %: method 1 (simple asymptotic, Wald,
 * printed truncated at 0), method 3 (score, Wilson), method 5 (exact,
 * Clopper-Pearson).
 */
static const struct single single[] = {
	{ 81, 263, STATS_WALD, 0.2522, 0.3638 },
	{ 81, 263, STATS_WILSON, 0.2553, 0.3662 },
	{ 81, 263, STATS_EXACT, 0.2527, 0.3676 },
	{ 15, 148, STATS_WALD, 0.0527, 0.1500 },
	{ 15, 148, STATS_WILSON, 0.0624, 0.1605 },
	{ 15, 148, STATS_EXACT, 0.0578, 0.1617 },
	{ 0, 20, STATS_WALD, 0.0000, 0.0000 },
	{ 0, 20, STATS_WILSON, 0.0000, 0.1611 },
	{ 0, 20, STATS_EXACT, 0.0000, 0.1684 },
	{ 1, 29, STATS_WALD, 0.0000, 0.1009 },
	{ 1, 29, STATS_WILSON, 0.0061, 0.1718 },
	{ 1, 29, STATS_EXACT, 0.0009, 0.1776 },
};

/* One published interval of a difference of proportions. */
struct diff {
	long long	 x1, n1, x2, n2;
	double		 lower, upper;
};

/*
 * R. G. Newcombe, "Interval estimation for the difference between
 * independent proportions: comparison of eleven methods", Statistics in
 * Medicine 17 (1998) 873-890, Table II, examples (a) to (h), method 10
 * (hybrid score, from the Wilson intervals), 95 %.
 */
static const struct diff diffs[] = {
	{ 56, 70, 48, 80, 0.0524, 0.3339 },
	{ 9, 10, 3, 10, 0.1705, 0.8090 },
	{ 6, 7, 2, 7, 0.0582, 0.8062 },
	{ 5, 56, 0, 29, -0.0381, 0.1926 },
	{ 0, 10, 0, 20, -0.1611, 0.2775 },
	{ 0, 10, 0, 10, -0.2775, 0.2775 },
	{ 10, 10, 0, 20, 0.6791, 1.0000 },
	{ 10, 10, 0, 10, 0.6075, 1.0000 },
};

/*
 * The coverage of the 95 % interval of method at rate p with n
 * answers: the probability that it holds p, summed over the binomial
 * distribution. Returns -1 if the library fails.
 */
static double
coverage(enum stats_method method, double p, long long n)
{
	struct stats_interval	 ci;
	double			 sum = 0.0;
	long long		 x;

	for (x = 0; x <= n; x++) {
		if (stats_proportion(method, 0.95, x, n, &ci) != 0)
			return -1.0;
		if (ci.lower <= p && p <= ci.upper)
			sum += gsl_ran_binomial_pdf(x, p, n);
	}
	return sum;
}

int
main(void)
{
	struct stats_interval	 ci;
	const struct single	*s;
	const struct diff	*d;
	size_t			 i;
	double			 c;
	int			 rc;

	tap_plan(sizeof(single) / sizeof(single[0]) +
	    sizeof(diffs) / sizeof(diffs[0]) + 3);
	for (i = 0; i < sizeof(single) / sizeof(single[0]); i++) {
		s = &single[i];
		rc = stats_proportion(s->method, 0.95, s->x, s->n, &ci);
		tap_ok(rc == 0 && fabs(ci.lower - s->lower) <= PRINTED &&
		    fabs(ci.upper - s->upper) <= PRINTED,
		    "Newcombe 1998, Table I: %lld/%lld, %s: %.4f to %.4f "
		    "(printed %.4f to %.4f)", s->x, s->n,
		    stats_method_name(s->method), ci.lower, ci.upper,
		    s->lower, s->upper);
	}
	for (i = 0; i < sizeof(diffs) / sizeof(diffs[0]); i++) {
		d = &diffs[i];
		rc = stats_difference(0.95, d->x1, d->n1, d->x2, d->n2, &ci);
		tap_ok(rc == 0 && fabs(ci.lower - d->lower) <= PRINTED &&
		    fabs(ci.upper - d->upper) <= PRINTED,
		    "Newcombe 1998, Table II, method 10: %lld/%lld - "
		    "%lld/%lld: %.4f to %.4f (printed %.4f to %.4f)", d->x1,
		    d->n1, d->x2, d->n2, ci.lower, ci.upper, d->lower,
		    d->upper);
	}

	/*
	 * L. D. Brown, T. T. Cai and A. DasGupta, "Interval estimation for
	 * a binomial proportion", Statistical Science 16 (2001) 101-133,
	 * section 2.1: the Wald interval's erratic coverage. Example 1: at
	 * p = 0.005 it is 0.945 with n = 591 but 0.792 with n = 592.
	 * Example 2: at p = 0.5, n = 40, it is 0.919.
	 */
	c = coverage(STATS_WALD, 0.005, 591);
	tap_ok(fabs(c - 0.945) <= 0.0005, "Brown, Cai and DasGupta 2001, "
	    "example 1: Wald coverage at p = 0.005, n = 591: %.4f (printed "
	    "0.945)", c);
	c = coverage(STATS_WALD, 0.005, 592);
	tap_ok(fabs(c - 0.792) <= 0.0005, "Brown, Cai and DasGupta 2001, "
	    "example 1: Wald coverage at p = 0.005, n = 592: %.4f (printed "
	    "0.792)", c);
	c = coverage(STATS_WALD, 0.5, 40);
	tap_ok(fabs(c - 0.919) <= 0.0005, "Brown, Cai and DasGupta 2001, "
	    "example 2: Wald coverage at p = 0.5, n = 40: %.4f (printed "
	    "0.919)", c);
	return tap_done();
}
