/*
 * stats_sample_size: questionnaires needed for a margin of error, with
 * and without a finite population, rounded up exactly.
 */
#include "config.h"

#include <math.h>

#include "stats.h"
#include "tap.h"

/* Checks one case. */
static void
check(double margin, double level, double expected, long long population,
    long long want, const char *why)
{
	long long	 n = -1;
	int		 rc;

	rc = stats_sample_size(margin, level, expected, population, &n);
	tap_ok(rc == 0 && n == want, "margin %g, level %g, expected %g, "
	    "population %lld: %lld (%s)", margin, level, expected,
	    population, n, why);
}

int
main(void)
{
	long long	 n, pop, ceiled;
	int		 bad = 0, cases = 0;

	tap_plan(13);
	/*
	 * n0 = z^2 p (1 - p) / E^2: statsmodels 0.13.5
	 * samplesize_confint_proportion(p, E, 1 - level) gives 384.146,
	 * 1067.07, 96.04, 663.49, 245.85, 270.55, 9603.65.
	 */
	check(0.05, 0.95, 0.5, 0, 385, "384.146 rounded up");
	check(0.03, 0.95, 0.5, 0, 1068, "1067.07");
	check(0.10, 0.95, 0.5, 0, 97, "96.04");
	check(0.05, 0.99, 0.5, 0, 664, "663.49");
	check(0.05, 0.95, 0.8, 0, 246, "245.85");
	check(0.05, 0.90, 0.5, 0, 271, "270.55");
	check(0.01, 0.95, 0.5, 0, 9604, "9603.65");

	/* Cochran's correction with n0 = 385: ceil(385 N / (N + 384)). */
	check(0.05, 0.95, 0.5, 1000, 279, "385000 / 1384 = 278.18");
	check(0.05, 0.95, 0.5, 100, 80, "38500 / 484 = 79.55");
	check(0.05, 0.95, 0.5, 1, 1, "a population of one");
	check(0.05, 0.95, 0.5, 1000000000000LL, 385, "as good as infinite");

	/*
	 * Where n0 N / (N + n0 - 1) is a whole number, the answer is that
	 * number, not one more: the division in floating point may land a
	 * hair above it. N = 384 k / (385 - k) for k dividing 385 * 384.
	 */
	for (ceiled = 1; ceiled < 385; ceiled++) {
		if ((384 * ceiled) % (385 - ceiled) != 0)
			continue;
		cases++;
		pop = 384 * ceiled / (385 - ceiled);
		if (stats_sample_size(0.05, 0.95, 0.5, pop, &n) != 0 ||
		    n != ceiled) {
			bad++;
			tap_diag("N %lld: %lld, expected %lld", pop, n, ceiled);
		}
	}
	tap_ok(bad == 0 && cases > 0, "%d exact quotients (n0 = 385) are not "
	    "rounded up", cases);

	/* Never more than the population, which it approaches. */
	for (pop = 1, bad = 0; pop <= 5000; pop++)
		if (stats_sample_size(0.05, 0.95, 0.5, pop, &n) != 0 ||
		    n > pop || n > 385 || n < 1)
			bad++;
	tap_ok(bad == 0, "population 1 to 5000: 1 <= n <= min(N, 385)");
	return tap_done();
}
