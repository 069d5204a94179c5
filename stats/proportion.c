/* A single rate and its confidence interval, by five methods (see stats.h). */
#include "config.h"

#include <math.h>

#include <gsl/gsl_errno.h>

#include "stats.h"
#include "extern.h"

/*
 * The Wilson score bounds of x / n for z^2 = z2. The upper root of
 * (n + z^2) p^2 - (2x + z^2) p + x^2 / n = 0 is a sum of positive terms;
 * the lower one is the product of the roots, x^2 / (n (n + z^2)), over
 * the upper one, which avoids the cancellation of the textbook formula
 * when the lower bound is small (a large n, or x near 0).
 */
static void
wilson(double z, long long x, long long n, double *lower, double *upper)
{
	double	 dx = (double)x, dn = (double)n, dy = (double)(n - x);
	double	 z2 = z * z, up;

	up = (2 * dx + z2 + z * sqrt(z2 + 4 * dx * (dy / dn))) /
	    (2 * (dn + z2));
	*lower = x == 0 ? 0.0 : dx * dx / (dn * (dn + z2) * up);
	*upper = x == n ? 1.0 : up;
}

/*
 * The Clopper-Pearson bounds at level, with their closed forms at the
 * boundaries: at x = 0 the upper bound solves (1 - p)^n = alpha/2, and at
 * x = n the lower one solves p^n = alpha/2. Returns 0 or STATS_ENOCONV.
 */
static int
exact(double level, long long x, long long n, double *lower, double *upper)
{
	double	 half = (1.0 - level) / 2.0, dx = (double)x, dn = (double)n;
	double	 lo, up;
	int	 rc;

	if (x == 0) {
		lo = 0.0;
		up = -expm1(log(half) / dn);
	} else if (x == n) {
		lo = exp(log(half) / dn);
		up = 1.0;
	} else {
		/*
		 * P(X >= x) = I_p(x, n - x + 1) and
		 * P(X <= x) = 1 - I_p(x + 1, n - x).
		 */
		rc = stats_ibeta_inv(dx, dn - dx + 1.0, half, 0, &lo);
		if (rc != 0)
			return rc;
		rc = stats_ibeta_inv(dx + 1.0, dn - dx, half, 1, &up);
		if (rc != 0)
			return rc;
	}
	*lower = lo;
	*upper = up;
	return 0;
}

/*
 * The Jeffreys bounds at level: the equal-tailed quantiles of
 * Beta(x + 1/2, n - x + 1/2), set to 0 at x = 0 and to 1 at x = n.
 * Returns 0 or STATS_ENOCONV.
 */
static int
jeffreys(double level, long long x, long long n, double *lower,
    double *upper)
{
	double	 half = (1.0 - level) / 2.0, a, b, lo = 0.0, up = 1.0;
	int	 rc;

	a = (double)x + 0.5;
	b = (double)(n - x) + 0.5;
	if (x > 0 && (rc = stats_ibeta_inv(a, b, half, 0, &lo)) != 0)
		return rc;
	if (x < n && (rc = stats_ibeta_inv(a, b, half, 1, &up)) != 0)
		return rc;
	*lower = lo;
	*upper = up;
	return 0;
}

/* Clips a bound of the Wald and Agresti-Coull intervals to [0, 1]. */
static double
clip01(double v)
{
	return v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
}

int
stats_proportion(enum stats_method method, double level, long long x,
    long long n, struct stats_interval *out)
{
	gsl_error_handler_t	*old;
	double			 z, p, lo = 0.0, up = 1.0, nt, pt, qt, half;
	int			 rc;

	old = gsl_set_error_handler_off();
	rc = STATS_ENULL;
	if (out == NULL)
		goto out;
	if ((rc = stats_check_counts(x, n)) != 0 ||
	    (rc = stats_check_level(level)) != 0)
		goto out;
	z = stats_zcrit(level);
	p = (double)x / (double)n;
	switch (method) {
	case STATS_WILSON:
		wilson(z, x, n, &lo, &up);
		break;
	case STATS_EXACT:
		rc = exact(level, x, n, &lo, &up);
		break;
	case STATS_JEFFREYS:
		rc = jeffreys(level, x, n, &lo, &up);
		break;
	case STATS_AGRESTI_COULL:
		nt = (double)n + z * z;
		pt = ((double)x + z * z / 2.0) / nt;
		qt = ((double)(n - x) + z * z / 2.0) / nt;
		half = z * sqrt(pt * qt / nt);
		lo = clip01(pt - half);
		up = clip01(pt + half);
		break;
	case STATS_WALD:
		half = z * sqrt(p * ((double)(n - x) / (double)n) /
		    (double)n);
		lo = clip01(p - half);
		up = clip01(p + half);
		break;
	default:
		rc = STATS_EMETHOD;
		break;
	}
	if (rc != 0)
		goto out;
	out->estimate = p;
	out->lower = lo;
	out->upper = up;
out:
	gsl_set_error_handler(old);
	return rc;
}
