/* A rate against its target: exact one-sided binomial tests, a verdict. */
#include "config.h"

#include <gsl/gsl_errno.h>

#include "stats.h"
#include "extern.h"

int
stats_target(double target, double level, long long x, long long n,
    struct stats_target *out)
{
	gsl_error_handler_t	*old;
	double			 below, above, alpha, dx, dn;
	int			 rc;

	old = gsl_set_error_handler_off();
	rc = STATS_ENULL;
	if (out == NULL)
		goto out;
	if ((rc = stats_check_counts(x, n)) != 0 ||
	    (rc = stats_check_level(level)) != 0)
		goto out;
	rc = STATS_ETARGET;
	if (!(target >= 0.0 && target <= 1.0))
		goto out;
	dx = (double)x;
	dn = (double)n;
	/* Under a rate of 0 or 1, X' is certain: 0 or n. */
	if (target == 0.0) {
		below = 1.0;
		above = x == 0 ? 1.0 : 0.0;
	} else if (target == 1.0) {
		below = x == n ? 1.0 : 0.0;
		above = 1.0;
	} else {
		/* P(X' <= x) = 1 - I_t(x + 1, n - x), from its own tail. */
		below = 1.0;
		if (x < n && (rc = stats_ibeta(dx + 1.0, dn - dx, target,
		    NULL, &below)) != 0)
			goto out;
		/* P(X' >= x) = I_t(x, n - x + 1). */
		above = 1.0;
		if (x > 0 && (rc = stats_ibeta(dx, dn - dx + 1.0, target,
		    &above, NULL)) != 0)
			goto out;
	}
	alpha = 1.0 - level;
	if (above < alpha)
		out->verdict = STATS_ABOVE;
	else if (dx / dn >= target)
		out->verdict = STATS_MET;
	else if (below < alpha)
		out->verdict = STATS_BELOW;
	else
		out->verdict = STATS_INCONCLUSIVE;
	out->p_below = below;
	out->p_above = above;
	rc = 0;
out:
	gsl_set_error_handler(old);
	return rc;
}
