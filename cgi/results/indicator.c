/* The label's quality indicators as numbers: periods, verdicts, trends. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "indicator.h"
#include "stats.h"

/* The level of every interval and test, as a campaign's results. */
#define LEVEL	0.95

static const char *const periodicity_names[INDICATOR_PERIODICITY__MAX] = {
	[INDICATOR_MONTH] = "month",
	[INDICATOR_QUARTER] = "quarter",
	[INDICATOR_SEMESTER] = "semester",
	[INDICATOR_YEAR] = "year",
};

static const int periods[INDICATOR_PERIODICITY__MAX] = {
	[INDICATOR_MONTH] = 12,
	[INDICATOR_QUARTER] = 4,
	[INDICATOR_SEMESTER] = 2,
	[INDICATOR_YEAR] = 1,
};

static const char *const months[12] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre",
};

int
indicator_periodicity_parse(const char *s, enum indicator_periodicity *out)
{
	int	i;

	if (s == NULL)
		return -1;
	for (i = 0; i < INDICATOR_PERIODICITY__MAX; i++)
		if (strcmp(s, periodicity_names[i]) == 0) {
			*out = i;
			return 0;
		}
	return -1;
}

int
indicator_better_parse(const char *s, enum indicator_better *out)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "higher") == 0)
		*out = INDICATOR_HIGHER;
	else if (strcmp(s, "lower") == 0)
		*out = INDICATOR_LOWER;
	else
		return -1;
	return 0;
}

int
indicator_periods(enum indicator_periodicity p)
{
	if ((int)p < 0 || p >= INDICATOR_PERIODICITY__MAX)
		return 0;
	return periods[p];
}

int
indicator_period_of(enum indicator_periodicity p, int month)
{
	int	n;

	if ((n = indicator_periods(p)) == 0 || month < 1 || month > 12)
		return 0;
	/* Each period holds 12 / n months, the first from January. */
	return (month - 1) / (12 / n) + 1;
}

int
indicator_period_label(enum indicator_periodicity p, int period, char *out,
    size_t size)
{
	int	n, len;

	if (size > 0)
		out[0] = '\0';
	if ((n = indicator_periods(p)) == 0 || period < 1 || period > n)
		return -1;
	switch (p) {
	case INDICATOR_MONTH:
		len = snprintf(out, size, "%s", months[period - 1]);
		break;
	case INDICATOR_QUARTER:
		len = snprintf(out, size, "T%d", period);
		break;
	case INDICATOR_SEMESTER:
		len = snprintf(out, size, "S%d", period);
		break;
	default:
		len = snprintf(out, size, "Année");
		break;
	}
	if (len < 0 || (size_t)len >= size) {
		if (size > 0)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

int
indicator_judge_proportion(long long x, long long n, double target,
    enum indicator_better better, enum stats_method method,
    struct indicator_judgement *out)
{
	struct indicator_judgement	 j;
	struct stats_interval		 ci;
	struct stats_target		 t;
	int				 rc;

	if (out == NULL)
		return STATS_ENULL;
	if ((int)better < 0 || better >= INDICATOR_BETTER__MAX)
		return STATS_ETARGET;
	memset(&j, 0, sizeof(j));
	j.value = j.lower = j.upper = NAN;
	if (n == 0 && x == 0) {
		*out = j;
		return 0;
	}
	if ((rc = stats_proportion(method, LEVEL, x, n, &ci)) != 0)
		return rc;
	j.has_value = j.has_interval = 1;
	j.value = ci.estimate;
	j.lower = ci.lower;
	j.upper = ci.upper;
	if (target >= 0.0) {
		/* Lower is better: the misses against the misses allowed. */
		if (better == INDICATOR_LOWER)
			rc = stats_target(1.0 - target, LEVEL, n - x, n, &t);
		else
			rc = stats_target(target, LEVEL, x, n, &t);
		if (rc != 0)
			return rc;
		j.has_verdict = 1;
		j.verdict = t.verdict;
	}
	*out = j;
	return 0;
}

void
indicator_judge_value(double v, double target, enum indicator_better better,
    struct indicator_judgement *out)
{
	memset(out, 0, sizeof(*out));
	out->value = out->lower = out->upper = NAN;
	if (isnan(v))
		return;
	out->has_value = 1;
	out->value = v;
	if (target < 0.0)
		return;
	out->has_verdict = 1;
	if (better == INDICATOR_LOWER)
		out->verdict = v <= target ? STATS_MET : STATS_BELOW;
	else
		out->verdict = v >= target ? STATS_MET : STATS_BELOW;
}

enum indicator_trend
indicator_trend_of(const double *v, size_t n, enum indicator_better better)
{
	double	last = NAN, before = NAN;
	size_t	i;

	for (i = n; i > 0; i--) {
		if (isnan(v[i - 1]))
			continue;
		if (isnan(last))
			last = v[i - 1];
		else {
			before = v[i - 1];
			break;
		}
	}
	if (isnan(before))
		return INDICATOR_TREND_NONE;
	if (fabs(last - before) <= 1e-9)
		return INDICATOR_TREND_SAME;
	if ((last > before) == (better == INDICATOR_HIGHER))
		return INDICATOR_TREND_BETTER;
	return INDICATOR_TREND_WORSE;
}
