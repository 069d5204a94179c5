/*
 * Bursts in a series of counts. References: the thresholds are the
 * smallest k with P(X >= k) < 1e-6 under Poisson(median), computed in
 * Python with math.exp and math.factorial (1 - sum of the first k terms):
 * median 1: 10 (P = 1.114e-7; at 9, 1.125e-6); 1.5: 11; 2: 13; 3: 15;
 * 50: 88 (P = 7.54e-7; at 87, 1.35e-6).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "stats.h"
#include "tap.h"

int
main(void)
{
	/* A quiet campaign, 1 an hour when anything comes, and one night
	   of 400 answers. */
	const long long	 quiet[] = { 1, 0, 1, 2, 1, 0, 0, 400, 1, 1, 1, 9, 11 };
	const long long	 even[] = { 1, 2, 1, 2 };		/* median 1.5 */
	const long long	 two[] = { 2, 2, 2, 13, 12 };		/* median 2 */
	const long long	 busy[] = { 50, 48, 52, 50, 87, 88, 50 };	/* 50 */
	const long long	 bad[] = { 1, -1 };
	long long	 huge[] = { 1, STATS_NMAX + 1 };
	struct stats_rhythm r;
	int		 flags[16], rc;

	tap_plan(12);
	rc = stats_bursts(quiet, 13, 1e-6, 10, flags, &r);
	tap_ok(rc == 0 && r.baseline == 1.0 && r.threshold == 10,
	    "median 1: threshold 10 (%g, %lld)", r.baseline, r.threshold);
	tap_ok(flags[7] == 1 && flags[12] == 1 && flags[11] == 0 &&
	    flags[10] == 0 && r.bursts == 2, "400 and 11 are bursts, 9 is not");
	rc = stats_bursts(even, 4, 1e-6, 1, flags, &r);
	tap_ok(rc == 0 &&
	    r.baseline == 1.5 && r.threshold == 11, "median 1.5: threshold 11 "
	    "(%lld)", r.threshold);
	rc = stats_bursts(two, 5, 1e-6, 10, flags, &r);
	tap_ok(rc == 0 &&
	    r.threshold == 13 && flags[3] == 1 && flags[4] == 0,
	    "median 2: 13 is a burst, 12 is not (threshold %lld)", r.threshold);
	rc = stats_bursts(busy, 7, 1e-6, 10, flags, &r);
	tap_ok(rc == 0 &&
	    r.baseline == 50.0 && r.threshold == 88 && flags[5] == 1 &&
	    flags[4] == 0, "median 50: 88 is a burst, 87 is not (%lld)",
	    r.threshold);
	tap_ok(stats_bursts(quiet, 13, 1e-6, 500, flags, &r) == 0 &&
	    r.threshold == 500 && r.bursts == 0, "min_count raises the "
	    "threshold");
	tap_ok(stats_bursts(NULL, 0, 1e-6, 10, NULL, &r) == 0 &&
	    r.bursts == 0 && r.baseline == 0.0, "an empty series has no burst");
	memset(flags, 7, sizeof(flags));
	tap_ok(stats_bursts((const long long[]){ 0, 0 }, 2, 1e-6, 10, flags,
	    &r) == 0 && flags[0] == 0 && flags[1] == 0, "nor does a series "
	    "of zeros");
	tap_ok(stats_bursts(bad, 2, 1e-6, 10, flags, &r) == STATS_ENEGATIVE,
	    "a negative count: STATS_ENEGATIVE");
	tap_ok(stats_bursts(huge, 2, 1e-6, 10, flags, &r) == STATS_ETOOBIG,
	    "a count above STATS_NMAX: STATS_ETOOBIG");
	tap_ok(stats_bursts(quiet, 13, 0.0, 10, flags, &r) == STATS_ELEVEL &&
	    stats_bursts(quiet, 13, 1.0, 10, flags, &r) == STATS_ELEVEL,
	    "alpha outside (0, 1): STATS_ELEVEL");
	tap_ok(stats_bursts(quiet, 13, 1e-6, 10, NULL, &r) == STATS_ENULL &&
	    stats_bursts(quiet, 13, 1e-6, 10, flags, NULL) == STATS_ENULL,
	    "NULL flags or out: STATS_ENULL");
	return tap_done();
}
