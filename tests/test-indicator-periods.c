/*
 * The quality indicators' numbers (cgi/results/indicator.c): the
 * periods of a year and their French labels, a proportion judged
 * against its target with its interval (checked against the binomial
 * tails and the Wilson bounds computed apart, with exact fractions in
 * Python), a delay or a count judged either way, and the trend.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "indicator.h"
#include "stats.h"
#include "tap.h"

static int
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void
label_is(enum indicator_periodicity p, int period, const char *expected)
{
	char	out[INDICATOR_LABEL_MAX];
	int	rc;

	rc = indicator_period_label(p, period, out, sizeof(out));
	if (!tap_ok(rc == 0 && strcmp(out, expected) == 0, "period %d of "
	    "%d is \"%s\"", period, (int)p, expected))
		tap_diag("rc %d, got \"%s\"", rc, out);
}

int
main(void)
{
	struct indicator_judgement	 j;
	enum indicator_periodicity	 p;
	enum indicator_better		 b;
	char				 out[INDICATOR_LABEL_MAX];
	double				 v[4];

	tap_plan(45);

	/* Periods. */
	tap_ok(indicator_periodicity_parse("quarter", &p) == 0 &&
	    p == INDICATOR_QUARTER, "\"quarter\" parses");
	tap_ok(indicator_periodicity_parse("Quarter", &p) == -1,
	    "\"Quarter\" is refused");
	tap_ok(indicator_periodicity_parse(NULL, &p) == -1, "NULL is refused");
	tap_ok(indicator_better_parse("lower", &b) == 0 &&
	    b == INDICATOR_LOWER, "\"lower\" parses");
	tap_ok(indicator_better_parse("", &b) == -1, "\"\" is refused");
	tap_ok(indicator_periods(INDICATOR_MONTH) == 12 &&
	    indicator_periods(INDICATOR_QUARTER) == 4 &&
	    indicator_periods(INDICATOR_SEMESTER) == 2 &&
	    indicator_periods(INDICATOR_YEAR) == 1, "12, 4, 2, 1 periods");
	tap_ok(indicator_periods(INDICATOR_PERIODICITY__MAX) == 0,
	    "no periods out of range");
	tap_ok(indicator_period_of(INDICATOR_MONTH, 8) == 8, "August: 8");
	tap_ok(indicator_period_of(INDICATOR_QUARTER, 3) == 1, "March: T1");
	tap_ok(indicator_period_of(INDICATOR_QUARTER, 4) == 2, "April: T2");
	tap_ok(indicator_period_of(INDICATOR_QUARTER, 12) == 4,
	    "December: T4");
	tap_ok(indicator_period_of(INDICATOR_SEMESTER, 6) == 1, "June: S1");
	tap_ok(indicator_period_of(INDICATOR_SEMESTER, 7) == 2, "July: S2");
	tap_ok(indicator_period_of(INDICATOR_YEAR, 11) == 1, "November: 1");
	tap_ok(indicator_period_of(INDICATOR_QUARTER, 0) == 0 &&
	    indicator_period_of(INDICATOR_QUARTER, 13) == 0,
	    "months 0 and 13 fall nowhere");
	label_is(INDICATOR_MONTH, 2, "février");
	label_is(INDICATOR_MONTH, 12, "décembre");
	label_is(INDICATOR_QUARTER, 3, "T3");
	label_is(INDICATOR_SEMESTER, 2, "S2");
	label_is(INDICATOR_YEAR, 1, "Année");
	tap_ok(indicator_period_label(INDICATOR_QUARTER, 5, out,
	    sizeof(out)) == -1 && out[0] == '\0', "no fifth quarter");
	tap_ok(indicator_period_label(INDICATOR_MONTH, 9, out, 4) == -1 &&
	    out[0] == '\0', "a label that does not fit is refused");

	/*
	 * 15 of 20 against 80 %: Wilson [0.531299, 0.888138]; P(X <= 15)
	 * = 0.370352 for X ~ Bin(20, 0.8): not significant, inconclusive.
	 */
	tap_ok(indicator_judge_proportion(15, 20, 0.8, INDICATOR_HIGHER,
	    STATS_WILSON, &j) == 0, "15 of 20 is judged");
	tap_ok(j.has_value && near(j.value, 0.75), "rate 75 %%");
	tap_ok(j.has_interval && fabs(j.lower - 0.5312991223812561) < 1e-9 &&
	    fabs(j.upper - 0.8881382985923344) < 1e-9,
	    "Wilson interval [53,1 %% ; 88,8 %%]");
	tap_ok(j.has_verdict && j.verdict == STATS_INCONCLUSIVE,
	    "inconclusive against 80 %%");
	/* 10 of 20: P(X <= 10) = 0.002595 < 0.05, below. */
	tap_ok(indicator_judge_proportion(10, 20, 0.8, INDICATOR_HIGHER,
	    STATS_EXACT, &j) == 0 && j.verdict == STATS_BELOW,
	    "10 of 20 is below 80 %%");
	/* 20 of 20: P(X >= 20) = 0.8^20 = 0.011529 < 0.05, above. */
	tap_ok(indicator_judge_proportion(20, 20, 0.8, INDICATOR_HIGHER,
	    STATS_EXACT, &j) == 0 && j.verdict == STATS_ABOVE &&
	    j.upper == 1.0, "20 of 20 is above 80 %%, upper bound 1");
	/* Lower is better: 2 of 20 against at most 20 %, that is 18 of 20
	   against 80 %: P(X >= 18) = 0.206 and 90 % >= 80 %, met. */
	tap_ok(indicator_judge_proportion(2, 20, 0.2, INDICATOR_LOWER,
	    STATS_WILSON, &j) == 0 && near(j.value, 0.1) &&
	    j.verdict == STATS_MET, "2 of 20, at most 20 %%: met");
	/* 10 of 20 against at most 20 %: the 10 of 20 above, below. */
	tap_ok(indicator_judge_proportion(10, 20, 0.2, INDICATOR_LOWER,
	    STATS_WILSON, &j) == 0 && j.verdict == STATS_BELOW,
	    "10 of 20, at most 20 %%: below");
	tap_ok(indicator_judge_proportion(3, 4, -1.0, INDICATOR_HIGHER,
	    STATS_WILSON, &j) == 0 && !j.has_verdict &&
	    fabs(j.lower - 0.3006418425824019) < 1e-9,
	    "no target: an interval and no verdict");
	tap_ok(indicator_judge_proportion(0, 0, 0.8, INDICATOR_HIGHER,
	    STATS_WILSON, &j) == 0 && !j.has_value && !j.has_verdict &&
	    isnan(j.value), "no case: no value");
	j.value = 42.0;
	tap_ok(indicator_judge_proportion(5, 4, 0.8, INDICATOR_HIGHER,
	    STATS_WILSON, &j) == STATS_EXGTN && j.value == 42.0,
	    "5 of 4 is refused, the judgement untouched");
	tap_ok(indicator_judge_proportion(-1, 4, 0.8, INDICATOR_HIGHER,
	    STATS_WILSON, &j) == STATS_ENEGATIVE, "-1 of 4 is refused");
	tap_ok(indicator_judge_proportion(3, 4, 1.5, INDICATOR_HIGHER,
	    STATS_WILSON, &j) == STATS_ETARGET, "a target of 150 %% is "
	    "refused");

	/* Delays and counts. */
	indicator_judge_value(18.0, 18.0, INDICATOR_LOWER, &j);
	tap_ok(j.has_value && j.verdict == STATS_MET && !j.has_interval,
	    "18 days against 18 at most: met");
	indicator_judge_value(28.5, 28.0, INDICATOR_LOWER, &j);
	tap_ok(j.verdict == STATS_BELOW, "28,5 days against 28: not met");
	indicator_judge_value(900.0, 1000.0, INDICATOR_HIGHER, &j);
	tap_ok(j.verdict == STATS_BELOW, "900 connections against 1000: not "
	    "met");
	indicator_judge_value(4.0, -1.0, INDICATOR_LOWER, &j);
	tap_ok(j.has_value && !j.has_verdict, "no target: no verdict");
	indicator_judge_value(NAN, 5.0, INDICATOR_LOWER, &j);
	tap_ok(!j.has_value && !j.has_verdict, "no value: nothing judged");

	/* Trends. */
	v[0] = 0.70; v[1] = NAN; v[2] = 0.78; v[3] = NAN;
	tap_ok(indicator_trend_of(v, 4, INDICATOR_HIGHER) ==
	    INDICATOR_TREND_BETTER, "70 %% then 78 %%, a gap between: better");
	tap_ok(indicator_trend_of(v, 4, INDICATOR_LOWER) ==
	    INDICATOR_TREND_WORSE, "the same, lower better: worse");
	v[2] = 0.70;
	tap_ok(indicator_trend_of(v, 4, INDICATOR_HIGHER) ==
	    INDICATOR_TREND_SAME, "equal values: the same");
	v[0] = NAN;
	tap_ok(indicator_trend_of(v, 4, INDICATOR_HIGHER) ==
	    INDICATOR_TREND_NONE, "one value: no trend");
	tap_ok(indicator_trend_of(v, 0, INDICATOR_HIGHER) ==
	    INDICATOR_TREND_NONE, "no value: no trend");
	return tap_done();
}
