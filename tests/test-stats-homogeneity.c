/*
 * stats_homogeneity: Pearson's chi-square test of several rates against
 * scipy and R, the small-count warning data, and the degenerate tables.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>

#include "stats.h"
#include "tap.h"

#define MAXG	4

/* One expected test. */
struct ref {
	size_t			 ngroups;
	struct stats_group	 g[MAXG];
	double			 chi2;
	long long		 df;
	double			 p;
	double			 min_expected;
};

/*
 * scipy 1.10.1 chi2_contingency(table, correction=False) on the k x 2
 * tables, by tests/data/stats/reference.py; R 4.2.2's prop.test(x, n,
 * correct = FALSE) gives the same statistic and p-value (checked on the
 * first and third rows).
 */
static const struct ref refs[] = {
	{ 3, { { 40, 50 }, { 30, 50 }, { 20, 25 } }, 5.9523809523809517, 2,
	    0.050986699408105761, 7 },
	{ 2, { { 81, 263 }, { 15, 148 } }, 22.588048344209231, 1,
	    2.0072944202557009e-06, 34.569343065693431 },
	{ 4, { { 150, 200 }, { 140, 210 }, { 170, 190 }, { 120, 180 } },
	    34.912431941923778, 3, 1.2712654361557657e-07, 46.153846153846153 },
	{ 3, { { 18, 20 }, { 15, 20 }, { 19, 20 } }, 3.7500000000000004, 2,
	    0.15335496684492839, 2.6666666666666665 },
	{ 2, { { 3, 4 }, { 1, 2 } }, 0.375, 1, 0.54029137460741983,
	    0.66666666666666663 },
	{ 2, { { 1, 1 }, { 0, 1 } }, 2, 1, 0.15729920705028105, 0.5 },
	{ 2, { { 500000, 1000000 }, { 501000, 1000000 } }, 2.000002000002, 1,
	    0.15729899949648024, 499500 },
};

#define NREFS	(sizeof(refs) / sizeof(refs[0]))

int
main(void)
{
	struct stats_homogeneity	 h, h0;
	struct stats_interval		 ci1, ci2;
	struct stats_group		 g[3];
	const struct ref		*r;
	size_t				 i;
	double				 z;
	int				 bad = 0, rc;

	tap_plan(7);
	for (i = 0; i < NREFS; i++) {
		r = &refs[i];
		rc = stats_homogeneity(r->g, r->ngroups, &h);
		if (rc != 0 || fabs(h.chi2 / r->chi2 - 1) > 1e-12 ||
		    h.df != r->df || fabs(h.p / r->p - 1) > 1e-12 ||
		    fabs(h.min_expected / r->min_expected - 1) > 1e-12) {
			bad++;
			tap_diag("row %zu: rc %d, chi2 %.17g df %lld p %.17g "
			    "min %.17g", i, rc, h.chi2, h.df, h.p,
			    h.min_expected);
		}
	}
	tap_ok(bad == 0, "%zu tables: statistic, df, p and smallest "
	    "expected count within 1e-12 of scipy", NREFS);

	/* Two groups: the square of the pooled two-proportion z test. */
	g[0].x = 81; g[0].n = 263;
	g[1].x = 15; g[1].n = 148;
	rc = stats_homogeneity(g, 2, &h);
	stats_proportion(STATS_WALD, 0.95, 81, 263, &ci1);
	stats_proportion(STATS_WALD, 0.95, 15, 148, &ci2);
	z = (ci1.estimate - ci2.estimate) / sqrt(96.0 / 411 * (315.0 / 411) *
	    (1.0 / 263 + 1.0 / 148));
	tap_ok(rc == 0 && fabs(h.chi2 - z * z) < 1e-12, "81/263 vs 15/148: "
	    "chi2 %.6f = z^2", h.chi2);

	/* The warning data: every cell of 3/4 vs 1/2 is below 5. */
	g[0].x = 3; g[0].n = 4;
	g[1].x = 1; g[1].n = 2;
	rc = stats_homogeneity(g, 2, &h);
	tap_ok(rc == 0 && h.nsmall == 4 && fabs(h.min_expected - 2.0 / 3) <
	    1e-15, "3/4 vs 1/2: 4 cells below 5, smallest 2/3");
	g[0].x = 150; g[0].n = 200;
	g[1].x = 140; g[1].n = 210;
	rc = stats_homogeneity(g, 2, &h);
	tap_ok(rc == 0 && h.nsmall == 0, "150/200 vs 140/210: no cell below "
	    "5");

	/* Identical rates: no evidence at all. */
	g[0].x = 40; g[0].n = 50;
	g[1].x = 80; g[1].n = 100;
	g[2].x = 8; g[2].n = 10;
	rc = stats_homogeneity(g, 3, &h);
	tap_ok(rc == 0 && h.chi2 < 1e-20 && h.df == 2 && h.p > 1 - 1e-15,
	    "40/50, 80/100, 8/10: chi2 0, p 1");

	/* A huge statistic: p underflows to 0 without GSL aborting. */
	g[0].x = 0; g[0].n = 1000000000;
	g[1].x = 1000000000; g[1].n = 1000000000;
	rc = stats_homogeneity(g, 2, &h);
	tap_ok(rc == 0 && h.chi2 == 2e9 && h.p == 0.0,
	    "0/1e9 vs 1e9/1e9: chi2 2e9, p 0");

	/* Everyone satisfied: 0 / 0, no test; the output is untouched. */
	g[0].x = 20; g[0].n = 20;
	g[1].x = 15; g[1].n = 15;
	h0 = h;
	rc = stats_homogeneity(g, 2, &h);
	tap_ok(rc == STATS_EDEGENERATE && h.chi2 == h0.chi2,
	    "20/20 vs 15/15: STATS_EDEGENERATE (%s)", stats_strerror(rc));
	return tap_done();
}
