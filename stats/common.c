/* Checks, error strings, names and the normal quantile shared by stats/. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "stats.h"
#include "extern.h"

/* Indexed by -code. */
static const char *const stats_errors[STATS_ERR__MAX] = {
	[-STATS_OK] = "success",
	[-STATS_ENEGATIVE] = "count is negative",
	[-STATS_ENOBS] = "number of observations is not positive",
	[-STATS_EXGTN] = "count exceeds the number of observations",
	[-STATS_ETOOBIG] = "count above the largest supported, 10^12",
	[-STATS_ELEVEL] = "confidence level outside (0, 1)",
	[-STATS_EMETHOD] = "unknown interval method",
	[-STATS_ETARGET] = "target rate outside [0, 1]",
	[-STATS_EMARGIN] = "margin of error outside (0, 1)",
	[-STATS_EEXPECTED] = "expected rate outside (0, 1)",
	[-STATS_EPOPULATION] = "population is negative",
	[-STATS_EGROUPS] = "fewer than two groups to compare",
	[-STATS_EDEGENERATE] = "every answer in every group has the same "
	    "outcome: the test is undefined",
	[-STATS_ERANGE] = "result above the largest supported, 10^12",
	[-STATS_ENOCONV] = "numerical method did not converge",
	[-STATS_ENULL] = "null pointer argument",
};

static const char *const stats_methods[STATS_METHOD__MAX] = {
	[STATS_WILSON] = "wilson",
	[STATS_EXACT] = "exact",
	[STATS_JEFFREYS] = "jeffreys",
	[STATS_AGRESTI_COULL] = "agresti-coull",
	[STATS_WALD] = "wald",
};

static const char *const stats_verdicts[STATS_VERDICT__MAX] = {
	[STATS_ABOVE] = "above",
	[STATS_MET] = "met",
	[STATS_BELOW] = "below",
	[STATS_INCONCLUSIVE] = "inconclusive",
};

const char *
stats_strerror(int code)
{
	if (code > 0 || code <= -STATS_ERR__MAX)
		return "unknown error";
	return stats_errors[-code];
}

const char *
stats_method_name(enum stats_method method)
{
	if ((int)method < 0 || method >= STATS_METHOD__MAX)
		return NULL;
	return stats_methods[method];
}

int
stats_method_parse(const char *name, enum stats_method *out)
{
	int	 i;

	if (name == NULL || out == NULL)
		return STATS_ENULL;
	for (i = 0; i < STATS_METHOD__MAX; i++)
		if (strcmp(name, stats_methods[i]) == 0) {
			*out = (enum stats_method)i;
			return 0;
		}
	return STATS_EMETHOD;
}

const char *
stats_verdict_name(enum stats_verdict verdict)
{
	if ((int)verdict < 0 || verdict >= STATS_VERDICT__MAX)
		return NULL;
	return stats_verdicts[verdict];
}

int
stats_check_counts(long long x, long long n)
{
	if (x < 0)
		return STATS_ENEGATIVE;
	if (n <= 0)
		return STATS_ENOBS;
	if (n > STATS_NMAX)
		return STATS_ETOOBIG;
	if (x > n)
		return STATS_EXGTN;
	return 0;
}

int
stats_check_level(double level)
{
	/* Written so that NaN fails. */
	if (!(level > 0.0 && level < 1.0))
		return STATS_ELEVEL;
	return 0;
}

double
stats_zcrit(double level)
{
	/* The upper tail keeps its digits when level is near 1. */
	return gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
}
