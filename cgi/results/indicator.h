/*
 * The label's quality indicators as numbers: the periods of a year at an
 * indicator's periodicity, a value judged against its target (for a
 * proportion with its interval and the exact one-sided tests of
 * stats/stats.h), and the trend from one period to the next. Knows no
 * SQL and no HTTP: the referent's dashboard (cgi/referent/indicators.c)
 * reads and renders, this computes.
 */
#ifndef QUALIMETRE_INDICATOR_H
#define QUALIMETRE_INDICATOR_H

#include <stddef.h>

#include "stats.h"

/* How often an indicator is measured. */
enum indicator_periodicity {
	INDICATOR_MONTH,	/* 12 periods a year */
	INDICATOR_QUARTER,	/* 4 */
	INDICATOR_SEMESTER,	/* 2 */
	INDICATOR_YEAR,		/* 1 */
	INDICATOR_PERIODICITY__MAX
};

/* The most periods of a year (months). */
#define INDICATOR_PERIODS_MAX	12
/* Room for a period's label ("juillet", "T3", "S2", "Année"). */
#define INDICATOR_LABEL_MAX	16

/* Which way is better. */
enum indicator_better {
	INDICATOR_HIGHER,	/* a share or count: the more the better */
	INDICATOR_LOWER,	/* a delay: the less the better */
	INDICATOR_BETTER__MAX
};

/* Where a value stands against its target. */
struct indicator_judgement {
	int			 has_value;	/* 0: no value, nothing else
						   set */
	double			 value;		/* the rate (x / n), the
						   mean or the count */
	int			 has_interval;	/* a proportion with n > 0 */
	double			 lower, upper;	/* its 95 % interval */
	int			 has_verdict;	/* a target was given */
	enum stats_verdict	 verdict;	/* ABOVE and MET: the target
						   is reached, whichever way
						   is better; BELOW and
						   INCONCLUSIVE: it is not */
};

/* Which way a value went since the period before. */
enum indicator_trend {
	INDICATOR_TREND_NONE,	/* fewer than two values */
	INDICATOR_TREND_BETTER,
	INDICATOR_TREND_SAME,
	INDICATOR_TREND_WORSE,
	INDICATOR_TREND__MAX
};

/*
 * Reads "month", "quarter", "semester" or "year" into *out. Returns 0,
 * or -1 (out untouched) for anything else, NULL included.
 */
int	 indicator_periodicity_parse(const char *s,
	    enum indicator_periodicity *out);

/* Reads "higher" or "lower" as indicator_periodicity_parse does. */
int	 indicator_better_parse(const char *s, enum indicator_better *out);

/* The periods of a year at p: 12, 4, 2 or 1; 0 when p is out of range. */
int	 indicator_periods(enum indicator_periodicity p);

/*
 * The period (1-based) that month (1 to 12) falls in at p: month 8 is
 * period 8, quarter 3, semester 2, or 1 for a year. Returns 0 when month
 * or p is out of range.
 */
int	 indicator_period_of(enum indicator_periodicity p, int month);

/*
 * Writes period (1 to indicator_periods(p)) of p in French into out, of
 * size bytes: the month's name ("janvier"), "T1" to "T4", "S1" or "S2",
 * "Année". Returns 0, or -1 (out "" when size > 0) when period or p is
 * out of range or it does not fit.
 */
int	 indicator_period_label(enum indicator_periodicity p, int period,
	    char *out, size_t size);

/*
 * Judges the proportion x / n against target (a fraction in [0, 1], or
 * a negative number for none) where better says which way is better:
 * the rate with its 95 % interval by method, and, with a target, the
 * verdict of stats_target. When lower is better, the share of cases that
 * miss is tested against 1 - target and its verdict kept, so that ABOVE
 * still means significantly better than the target. n = 0 gives no
 * value. Returns 0 and fills *out, or a negative enum stats_err (out
 * untouched).
 */
int	 indicator_judge_proportion(long long x, long long n, double target,
	    enum indicator_better better, enum stats_method method,
	    struct indicator_judgement *out);

/*
 * Judges a mean or a count v (NaN: no value) against target (negative:
 * none): at the target or better is MET, worse is BELOW; there is no
 * interval and no test. Fills *out; never fails.
 */
void	 indicator_judge_value(double v, double target,
	    enum indicator_better better, struct indicator_judgement *out);

/*
 * The trend of the last two values of the n values v (NaN: a period
 * without value, skipped): BETTER or WORSE by better, SAME when they are
 * equal to within 1e-9; NONE with fewer than two values.
 */
enum indicator_trend indicator_trend_of(const double *v, size_t n,
	    enum indicator_better better);

#endif /* QUALIMETRE_INDICATOR_H */
