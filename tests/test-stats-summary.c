/*
 * The mean and the median of value counts, as the expanded data gives
 * them. References: Python's statistics.mean and statistics.median on
 * the expanded lists.
 */
#include "config.h"

#include <math.h>

#include "stats.h"
#include "tap.h"

static int
close_to(double got, double want)
{
	return fabs(got - want) <= 1e-12 * fmax(1, fabs(want));
}

int
main(void)
{
	const long long		 v1[] = { 2, 0, 8, 1 }, c1[] = { 1, 3, 1, 2 };
	const long long		 v2[] = { 5 }, c2[] = { 1 };
	const long long		 v3[] = { 3, 1 }, c3[] = { 2, 2 };
	const long long		 v4[] = { 10, 0 }, c4[] = { 1, 1000000 };
	const long long		 v5[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
				    11, 12 };
	const long long		 c5[] = { 2, 6, 4, 3, 1, 1, 0, 0, 0, 0, 1, 0,
				    2 };
	const long long		 bad[] = { 1, -1 }, huge[] = { STATS_NMAX, 1 };
	struct stats_summary	 s, untouched = { -7, -7, -7 };

	tap_plan(11);
	tap_ok(stats_summary(v1, c1, 4, &s) == 0 && s.n == 7 &&
	    close_to(s.mean, 12.0 / 7) && s.median == 1,
	    "unsorted values, odd count: mean 12/7, median 1");
	tap_ok(stats_summary(v2, c2, 1, &s) == 0 && s.n == 1 &&
	    s.mean == 5 && s.median == 5, "one observation");
	tap_ok(stats_summary(v3, c3, 2, &s) == 0 && s.n == 4 &&
	    s.mean == 2 && s.median == 2,
	    "even count: the median is the mean of the two middle ones");
	tap_ok(stats_summary(v4, c4, 2, &s) == 0 && s.n == 1000001 &&
	    close_to(s.mean, 9.99999000001e-06) && s.median == 0,
	    "a million zeros and one 10");
	tap_ok(stats_summary(v5, c5, 13, &s) == 0 && s.n == 20 &&
	    close_to(s.mean, 3.3) && s.median == 2,
	    "20 reply delays with empty values: mean 3.3, median 2");
	s = untouched;
	tap_ok(stats_summary(v1, bad, 2, &s) == STATS_ENEGATIVE &&
	    s.n == -7, "a negative count: refused, output untouched");
	tap_ok(stats_summary(v1, c1, 0, &s) == STATS_ENOBS && s.n == -7,
	    "no value: no observation");
	tap_ok(stats_summary(v3, (const long long[]){ 0, 0 }, 2, &s) ==
	    STATS_ENOBS, "only zero counts: no observation");
	tap_ok(stats_summary(v3, huge, 2, &s) == STATS_ETOOBIG,
	    "more than STATS_NMAX observations");
	tap_ok(stats_summary(NULL, c1, 4, &s) == STATS_ENULL &&
	    stats_summary(v1, c1, 4, NULL) == STATS_ENULL, "NULL pointers");
	tap_ok(stats_summary(NULL, NULL, 0, &s) == STATS_ENOBS,
	    "nothing at all: no observation, not a NULL error");
	return tap_done();
}
