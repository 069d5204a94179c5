/*
 * Bursts in a series of counts (responses per hour): the periods far
 * above the series' own rhythm.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "stats.h"

static int
cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* The median of the n > 0 values of v, which it sorts. */
static double
median_sorted(long long *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_ll);
	return n % 2 ? (double)v[n / 2] :
	    ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
}

int
stats_bursts(const long long *counts, size_t n, double alpha,
    long long min_count, int *flags, struct stats_rhythm *out)
{
	long long	*active;
	size_t		 i, nactive = 0;
	double		 lambda;
	long long	 k;

	if ((n > 0 && (counts == NULL || flags == NULL)) || out == NULL)
		return STATS_ENULL;
	if (!(alpha > 0.0 && alpha < 1.0))
		return STATS_ELEVEL;
	for (i = 0; i < n; i++) {
		if (counts[i] < 0)
			return STATS_ENEGATIVE;
		if (counts[i] > STATS_NMAX)
			return STATS_ETOOBIG;
	}
	memset(out, 0, sizeof(*out));
	if (min_count < 1)
		min_count = 1;
	if ((active = calloc(n + 1, sizeof(*active))) == NULL)
		return STATS_ERANGE;
	for (i = 0; i < n; i++)
		if (counts[i] > 0)
			active[nactive++] = counts[i];
	if (nactive == 0) {
		free(active);
		for (i = 0; i < n; i++)
			flags[i] = 0;
		out->threshold = min_count;
		return 0;
	}
	lambda = median_sorted(active, nactive);
	free(active);
	/*
	 * The smallest count k >= min_count that a Poisson law of mean
	 * lambda reaches with probability below alpha: P(X >= k) =
	 * Q(k - 1). From the mean up, about 5 standard deviations of
	 * steps at alpha = 1e-6.
	 */
	k = (long long)floor(lambda);
	if (k < min_count)
		k = min_count;
	while (k - 1 < (long long)UINT_MAX &&
	    gsl_cdf_poisson_Q((unsigned int)(k - 1), lambda) >= alpha)
		k++;
	out->baseline = lambda;
	out->threshold = k;
	for (i = 0; i < n; i++) {
		flags[i] = counts[i] >= k;
		out->bursts += flags[i];
	}
	return 0;
}
