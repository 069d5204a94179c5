/* The change between two rates: Newcombe's hybrid score interval. */
#include "config.h"

#include <math.h>

#include "stats.h"

int
stats_difference(double level, long long x1, long long n1, long long x2,
    long long n2, struct stats_interval *out)
{
	struct stats_interval	 w1, w2;
	double			 d;
	int			 rc;

	if (out == NULL)
		return STATS_ENULL;
	if ((rc = stats_proportion(STATS_WILSON, level, x1, n1, &w1)) != 0 ||
	    (rc = stats_proportion(STATS_WILSON, level, x2, n2, &w2)) != 0)
		return rc;
	/*
	 * Each bound of the difference combines the two Wilson half-widths
	 * on the side it moves towards, as independent errors add.
	 */
	d = w1.estimate - w2.estimate;
	out->estimate = d;
	out->lower = d - hypot(w1.estimate - w1.lower, w2.upper - w2.estimate);
	out->upper = d + hypot(w1.upper - w1.estimate, w2.estimate - w2.lower);
	return 0;
}
