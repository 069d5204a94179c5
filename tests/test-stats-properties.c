/*
 * Properties every interval method must have, over many (x, n): the
 * interval holds the estimate within [0, 1], widens with the level,
 * mirrors under x -> n - x, and narrows as n grows at a given rate.
 */
#include "config.h"

#include <math.h>

#include "stats.h"
#include "tap.h"

/* Rounding slack between two separately computed bounds. */
#define SLACK	1e-14

static const double levels[] = { 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.999999 };
#define NLEVELS	(sizeof(levels) / sizeof(levels[0]))

/* A reproducible pseudo-random (x, n), n up to about 1e9. */
static unsigned long long seed = 20240601;

static long long
next(long long bound)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (long long)((seed >> 11) % (unsigned long long)bound);
}

/* The (x, n) to test: every x for n <= 60, then random ones. */
static int
pair(int i, long long *x, long long *n)
{
	static long long	 cn = 1, cx = 0;
	int			 e;

	if (i == 0) {
		cn = 1;
		cx = 0;
		seed = 20240601;
	}
	if (cn <= 60) {
		*x = cx;
		*n = cn;
		if (++cx > cn) {
			cx = 0;
			cn++;
		}
		return 1;
	}
	if (i > 1830 + 400)
		return 0;
	e = 2 + (int)next(8);		/* n from 100 to 1e9 */
	*n = (long long)pow(10, e) + next((long long)pow(10, e));
	switch (next(4)) {
	case 0:
		*x = next(5);		/* near 0 */
		break;
	case 1:
		*x = *n - next(5);	/* near n */
		break;
	default:
		*x = next(*n + 1);
		break;
	}
	return 1;
}

int
main(void)
{
	struct stats_interval	 ci, prev, mir, big;
	long long		 x, n;
	size_t			 l;
	int			 m, i, count, holds, nested, mirrors, narrows;

	tap_plan(4 * STATS_METHOD__MAX);
	for (m = 0; m < STATS_METHOD__MAX; m++) {
		count = holds = nested = mirrors = narrows = 0;
		for (i = 0; pair(i, &x, &n); i++) {
			count++;
			for (l = 0; l < NLEVELS; l++) {
				if (stats_proportion(m, levels[l], x, n,
				    &ci) != 0) {
					holds++;
					tap_diag("%s %g %lld/%lld: failed",
					    stats_method_name(m), levels[l], x,
					    n);
					break;
				}
				if (!(0.0 <= ci.lower &&
				    ci.lower <= ci.estimate &&
				    ci.estimate <= ci.upper &&
				    ci.upper <= 1.0)) {
					holds++;
					tap_diag("%s %g %lld/%lld: [%.17g, "
					    "%.17g]", stats_method_name(m),
					    levels[l], x, n, ci.lower,
					    ci.upper);
				}
				if (l > 0 && (ci.lower > prev.lower + SLACK ||
				    ci.upper < prev.upper - SLACK)) {
					nested++;
					tap_diag("%s %g %lld/%lld: not nested",
					    stats_method_name(m), levels[l], x,
					    n);
				}
				prev = ci;
			}
			if (stats_proportion(m, 0.95, x, n, &ci) != 0 ||
			    stats_proportion(m, 0.95, n - x, n, &mir) != 0 ||
			    fabs(ci.lower - (1 - mir.upper)) > SLACK ||
			    fabs(ci.upper - (1 - mir.lower)) > SLACK) {
				mirrors++;
				tap_diag("%s %lld/%lld: [%.17g, %.17g], mirror "
				    "[%.17g, %.17g]", stats_method_name(m), x,
				    n, ci.lower, ci.upper, mir.lower,
				    mir.upper);
			}
			/* The same rate with four times the answers. */
			if (n > STATS_NMAX / 4)
				continue;
			if (stats_proportion(m, 0.95, 4 * x, 4 * n,
			    &big) != 0 ||
			    big.upper - big.lower >
			    ci.upper - ci.lower + SLACK ||
			    (big.upper - big.lower == ci.upper - ci.lower &&
			    ci.upper > ci.lower)) {
				narrows++;
				tap_diag("%s %lld/%lld: width %.17g, x4 %.17g",
				    stats_method_name(m), x, n,
				    ci.upper - ci.lower, big.upper - big.lower);
			}
		}
		tap_ok(holds == 0, "%s: %d (x, n), n = 1 to 1e9, at %zu "
		    "levels: 0 <= lower <= x/n <= upper <= 1",
		    stats_method_name(m), count, NLEVELS);
		tap_ok(nested == 0, "%s: intervals widen with the level",
		    stats_method_name(m));
		tap_ok(mirrors == 0, "%s: x -> n - x mirrors the interval",
		    stats_method_name(m));
		tap_ok(narrows == 0, "%s: (4x, 4n) is narrower than (x, n)",
		    stats_method_name(m));
	}
	return tap_done();
}
