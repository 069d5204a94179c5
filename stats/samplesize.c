/* How many questionnaires a campaign needs for a margin of error. */
#include "config.h"

#include <math.h>

#include <gsl/gsl_errno.h>

#include "stats.h"
#include "extern.h"

/*
 * Returns ceil(a b / c) for 0 <= a, b and 0 < c < 2^62, in exact integer
 * arithmetic, by long multiplication over the bits of b that keeps the
 * product as q c + r with 0 <= r < c. The result must fit in 64 bits.
 */
static unsigned long long
ceil_muldiv(unsigned long long a, unsigned long long b, unsigned long long c)
{
	unsigned long long	 aq = a / c, ar = a % c, q = 0, r = 0;
	int			 i;

	for (i = 63; i >= 0; i--) {
		q <<= 1;
		r <<= 1;
		if (r >= c) {
			r -= c;
			q++;
		}
		if ((b >> i) & 1) {
			q += aq;
			r += ar;
			if (r >= c) {
				r -= c;
				q++;
			}
		}
	}
	return q + (r != 0);
}

int
stats_sample_size(double margin, double level, double expected,
    long long population, long long *out)
{
	gsl_error_handler_t	*old;
	double			 z, v;
	long long		 n0;
	int			 rc;

	old = gsl_set_error_handler_off();
	rc = STATS_ENULL;
	if (out == NULL)
		goto out;
	rc = STATS_EMARGIN;
	if (!(margin > 0.0 && margin < 1.0))
		goto out;
	if ((rc = stats_check_level(level)) != 0)
		goto out;
	rc = STATS_EEXPECTED;
	if (!(expected > 0.0 && expected < 1.0))
		goto out;
	rc = STATS_EPOPULATION;
	if (population < 0)
		goto out;
	rc = STATS_ETOOBIG;
	if (population > STATS_NMAX)
		goto out;
	z = stats_zcrit(level);
	v = z * z * expected * (1.0 - expected) / (margin * margin);
	rc = STATS_ERANGE;
	if (!(v <= (double)STATS_NMAX))
		goto out;
	n0 = (long long)ceil(v);
	/* A tiny level makes z, hence v, 0: one answer is still needed. */
	if (n0 < 1)
		n0 = 1;
	/*
	 * n0 / (1 + (n0 - 1) / N) = n0 N / (N + n0 - 1), rounded up
	 * exactly: in floating point an exact quotient could round up to
	 * the next integer.
	 */
	if (population > 0)
		n0 = (long long)ceil_muldiv((unsigned long long)n0,
		    (unsigned long long)population,
		    (unsigned long long)(population + n0 - 1));
	*out = n0;
	rc = 0;
out:
	gsl_set_error_handler(old);
	return rc;
}
