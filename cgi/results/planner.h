/*
 * What a campaign still needs: for each criterion, how many more answers
 * with an opinion, then how many more questionnaires, bring its 95 %
 * interval to a margin (the sample-size planner of stats/); and the pace
 * of returns that reaches the campaign's target by its last day, in
 * working days. Knows no HTTP and no SQL: counts in, numbers out.
 */
#ifndef QUALIMETRE_PLANNER_H
#define QUALIMETRE_PLANNER_H

#include <stddef.h>

/* The margin the page plans for: ±5 points. */
#define PLANNER_MARGIN	0.05

/* Where the expected rate of a criterion comes from. */
enum planner_rate {
	PLANNER_RATE_OBSERVED,	/* its rate so far, x / n */
	PLANNER_RATE_NONE,	/* no opinion yet: 50 %, the largest n */
	PLANNER_RATE_ADJUSTED,	/* 0 % or 100 % so far: (x + 2) / (n + 4),
				   as the normal approximation needs a
				   rate strictly inside (0, 1) */
	PLANNER_RATE__MAX
};

/* One criterion's need. */
struct planner_need {
	double			 expected;	/* the rate planned with */
	enum planner_rate	 rate;		/* where it comes from */
	long long		 needed;	/* opinions needed in all */
	long long		 more;		/* more opinions: needed - n,
						   or 0 */
	long long		 questionnaires; /* more questionnaires
						   that gives at the share of
						   opinions seen so far, or -1
						   when unknown (no opinion
						   among those returned) */
};

/*
 * Fills *out for a criterion with satisfied answers out of opinions
 * (those with an opinion) among questionnaires returned: the opinions
 * needed so that the interval's half-width is at most margin at 95 %,
 * from stats_sample_size with the expected rate of enum planner_rate
 * and an infinite population; the more questionnaires are
 * ceil(more * questionnaires / opinions), more itself before any
 * questionnaire is returned. Returns 0, or a negative enum stats_err
 * (STATS_ENEGATIVE, STATS_EXGTN when a count exceeds the next, those of
 * stats_sample_size) and *out zeroed.
 */
int	 planner_need(long long satisfied, long long opinions,
	    long long questionnaires, double margin, struct planner_need *out);

/*
 * The campaign's headline from its n criteria's needs: returns the
 * largest number of more questionnaires among those known (0 for none),
 * and sets *unknown to the number of criteria whose need is unknown.
 */
long long planner_most(const struct planner_need *needs, size_t n,
	    size_t *unknown);

/* The pace that reaches a target by the last day. */
struct planner_pace {
	long long	 remaining;	/* returns still short of the target */
	long		 days_left;	/* working days from today (or the
					   first day, if later) to the last,
					   both counted */
	long long	 per_day;	/* ceil(remaining / days_left), 0 when
					   the target is reached, -1 when no
					   working day is left */
};

/*
 * Fills *out for returned questionnaires (or contacts) against target by
 * the day closes, the campaign opening on opens, on the site's today
 * (cal_day numbers), with the public holidays of department. Returns
 * 0, or -1 when a count is negative, target is not above 0, or the
 * department or a year is unknown to the calendar.
 */
int	 planner_pace(long long returned, long long target, long today,
	    long opens, long closes, const char *department,
	    struct planner_pace *out);

#endif /* QUALIMETRE_PLANNER_H */
