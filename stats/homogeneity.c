/* Pearson's chi-square test of homogeneity of several rates (see stats.h). */
#include "config.h"

#include <math.h>
#include <stddef.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

#include "stats.h"

/* Cochran's rule: the chi-square approximation wants 5 per cell. */
#define EXPECTED_MIN	5.0

int
stats_homogeneity(const struct stats_group *g, size_t ngroups,
    struct stats_homogeneity *out)
{
	gsl_error_handler_t	*old;
	gsl_sf_result		 q;
	double			 pbar, qbar, chi2, e1, e0, emin, dev;
	long long		 sx = 0, sn = 0;
	size_t			 i, nsmall;
	int			 rc, st;

	old = gsl_set_error_handler_off();
	rc = STATS_ENULL;
	if (g == NULL || out == NULL)
		goto out;
	rc = STATS_EGROUPS;
	if (ngroups < 2)
		goto out;
	for (i = 0; i < ngroups; i++) {
		if ((rc = stats_check_counts(g[i].x, g[i].n)) != 0)
			goto out;
		/* Both sums stay below 2 STATS_NMAX: no overflow. */
		sx += g[i].x;
		sn += g[i].n;
		rc = STATS_ETOOBIG;
		if (sn > STATS_NMAX)
			goto out;
	}
	rc = STATS_EDEGENERATE;
	if (sx == 0 || sx == sn)
		goto out;

	pbar = (double)sx / (double)sn;
	qbar = (double)(sn - sx) / (double)sn;
	chi2 = 0.0;
	emin = INFINITY;
	nsmall = 0;
	for (i = 0; i < ngroups; i++) {
		e1 = (double)g[i].n * pbar;
		e0 = (double)g[i].n * qbar;
		/* Both cells of a row deviate by the same amount. */
		dev = (double)g[i].x - e1;
		chi2 += dev * dev / (e1 * qbar);
		emin = fmin(emin, fmin(e1, e0));
		nsmall += (e1 < EXPECTED_MIN) + (e0 < EXPECTED_MIN);
	}

	/* P(chi2(df) >= c) = Q(df / 2, c / 2), regularized upper gamma. */
	st = gsl_sf_gamma_inc_Q_e((double)(ngroups - 1) / 2.0, chi2 / 2.0, &q);
	rc = STATS_ENOCONV;
	if (st == GSL_EUNDRFLW)
		q.val = 0.0;
	else if (st != GSL_SUCCESS || !isfinite(q.val))
		goto out;
	out->chi2 = chi2;
	out->df = (long long)(ngroups - 1);
	out->p = q.val;
	out->min_expected = emin;
	out->nsmall = nsmall;
	rc = 0;
out:
	gsl_set_error_handler(old);
	return rc;
}
