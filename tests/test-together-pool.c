/*
 * together_pool: a group's pooled cell is the sum of its sites' counts
 * (not the mean of their rates), its interval the campaign pages' own,
 * and the chi-square test runs over the sites with opinions only; with
 * three sites (two degrees of freedom) the p-value is exp(-chi2 / 2),
 * a closed form independent of GSL.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "national.h"
#include "results.h"
#include "stats.h"
#include "tap.h"
#include "together.h"

#define CELL(x, n)	{ "s", "S", (x), (n), 0.0, 0.0, 0.0, 0, 0 }

/* Pearson's statistic of the k x 2 table, by hand. */
static double
pearson(const struct national_cell *c, size_t n)
{
	double	x = 0.0, t = 0.0, p, e, chi2 = 0.0;
	size_t	i;

	for (i = 0; i < n; i++) {
		x += (double)c[i].x;
		t += (double)c[i].n;
	}
	p = x / t;
	for (i = 0; i < n; i++) {
		if (c[i].n == 0)
			continue;
		e = (double)c[i].n * p;
		chi2 += (c[i].x - e) * (c[i].x - e) / e;
		e = (double)c[i].n * (1.0 - p);
		chi2 += ((c[i].n - c[i].x) - e) * ((c[i].n - c[i].x) - e) / e;
	}
	return chi2;
}

int
main(void)
{
	struct national_cell		three[] = { CELL(30, 40), CELL(20, 40),
					    CELL(10, 20) };
	struct national_cell		gap[] = { CELL(30, 40), CELL(0, 0),
					    CELL(20, 40), CELL(10, 20) };
	struct national_cell		one[] = { CELL(3, 4), CELL(0, 0) };
	struct national_cell		same[] = { CELL(4, 4), CELL(9, 9) };
	struct national_cell		bad[] = { CELL(5, 4), CELL(1, 2) };
	struct national_cell		small[] = { CELL(2, 3), CELL(1, 4),
					    CELL(30, 40) };
	struct national_cell		pooled;
	struct stats_homogeneity	h;
	struct stats_interval		iv;
	double				chi2;
	int				rc;

	tap_plan(17);

	rc = together_pool(three, 3, STATS_WILSON, &pooled, &h);
	tap_ok(rc == 1, "three sites: tested");
	tap_ok(pooled.x == 60 && pooled.n == 100,
	    "pooled: the sums of the counts (60 of 100)");
	tap_ok(fabs(pooled.rate - 0.6) < 1e-15,
	    "pooled rate 60 %%, not the mean of the rates (58.3 %%)");
	stats_proportion(STATS_WILSON, RESULTS_LEVEL, 60, 100, &iv);
	tap_ok(pooled.lower == iv.lower && pooled.upper == iv.upper,
	    "pooled interval: Wilson's of the sums");
	chi2 = pearson(three, 3);
	tap_ok(fabs(h.chi2 - chi2) < 1e-12, "chi2 %.6f as by hand (%.6f)",
	    h.chi2, chi2);
	tap_ok(h.df == 2, "two degrees of freedom");
	tap_ok(fabs(h.p - exp(-chi2 / 2.0)) < 1e-12,
	    "p %.9f = exp(-chi2 / 2) for two degrees", h.p);
	tap_ok(h.nsmall == 0, "no expected count below 5");

	rc = together_pool(gap, 4, STATS_WILSON, &pooled, &h);
	tap_ok(rc == 1 && h.df == 2 && pooled.n == 100 &&
	    fabs(h.chi2 - chi2) < 1e-12,
	    "a site without opinions stays out of the pool and the test");

	rc = together_pool(small, 3, STATS_EXACT, &pooled, &h);
	tap_ok(rc == 1 && h.nsmall > 0 && h.min_expected < 5.0,
	    "small counts: %zu expected below 5 (Cochran's warning)",
	    h.nsmall);
	stats_proportion(STATS_EXACT, RESULTS_LEVEL, 33, 47, &iv);
	tap_ok(pooled.x == 33 && pooled.n == 47 && pooled.lower ==
	    iv.lower && pooled.upper == iv.upper,
	    "a grid's pooled interval: the exact one of the sums");

	rc = together_pool(one, 2, STATS_WILSON, &pooled, &h);
	tap_ok(rc == 0 && pooled.n == 4 && pooled.x == 3,
	    "one site with opinions: pooled, not tested");
	tap_ok(h.chi2 == 0.0 && h.p == 0.0, "and the test left empty");

	rc = together_pool(same, 2, STATS_WILSON, &pooled, &h);
	tap_ok(rc == 0 && pooled.n == 13, "all satisfied: not tested");

	rc = together_pool(one, 0, STATS_WILSON, &pooled, &h);
	tap_ok(rc == 0 && pooled.n == 0, "no site: nothing pooled");

	rc = together_pool(bad, 2, STATS_WILSON, &pooled, &h);
	tap_ok(rc < 0, "impossible counts (5 of 4): refused (%d)", rc);
	tap_ok(strcmp(stats_strerror(rc), "") != 0, "with a reason");
	return tap_done();
}
