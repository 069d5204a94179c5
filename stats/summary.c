/* The mean and the median of a distribution given as value counts. */
#include "config.h"

#include <stddef.h>

#include "stats.h"

/* The value at 0-based rank k of the expanded data. */
static long long
at_rank(const long long *values, const long long *counts, size_t nvalues,
    long long k)
{
	long long	 below, best = 0;
	size_t		 i, j;
	int		 found = 0;

	/* The smallest value with more than k observations at or below it:
	   no sorting, and no memory; a handful of values in practice. */
	for (i = 0; i < nvalues; i++) {
		below = 0;
		for (j = 0; j < nvalues; j++)
			if (values[j] <= values[i])
				below += counts[j];
		if (below > k && (!found || values[i] < best)) {
			best = values[i];
			found = 1;
		}
	}
	return best;
}

int
stats_summary(const long long *values, const long long *counts,
    size_t nvalues, struct stats_summary *out)
{
	long double	 sum = 0;
	long long	 n = 0;
	size_t		 i;

	if ((nvalues > 0 && (values == NULL || counts == NULL)) ||
	    out == NULL)
		return STATS_ENULL;
	for (i = 0; i < nvalues; i++) {
		if (counts[i] < 0)
			return STATS_ENEGATIVE;
		if (counts[i] > STATS_NMAX - n)
			return STATS_ETOOBIG;
		n += counts[i];
		sum += (long double)values[i] * counts[i];
	}
	if (n == 0)
		return STATS_ENOBS;
	out->n = n;
	out->mean = (double)(sum / n);
	out->median = ((double)at_rank(values, counts, nvalues, (n - 1) / 2) +
	    (double)at_rank(values, counts, nvalues, n / 2)) / 2;
	return 0;
}
