/*
 * The planner: the opinions and questionnaires still needed for a ±5
 * point interval, checked against figures computed independently (Python,
 * n0 = ceil(z^2 p (1 - p) / 0.05^2) with z = 1.959963984540054, and the
 * Wilson half-width at n0 checked to be at most 0.05), its bad counts
 * refused, and the pace to a target counted by hand on a calendar.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cal.h"
#include "planner.h"
#include "stats.h"
#include "tap.h"

static const struct {
	long long		 x, n, returned;
	enum planner_rate	 rate;
	double			 expected;
	long long		 needed, more, questionnaires;
	const char		*what;
} cases[] = {
	{ 30, 40, 45, PLANNER_RATE_OBSERVED, 0.75, 289, 249, 281,
	    "75 % of 40 opinions among 45 returns" },
	{ 9, 45, 45, PLANNER_RATE_OBSERVED, 0.2, 246, 201, 201,
	    "20 % of 45, everyone with an opinion" },
	{ 0, 0, 0, PLANNER_RATE_NONE, 0.5, 385, 385, 385,
	    "nothing returned yet: 50 %, one opinion per questionnaire" },
	{ 0, 0, 20, PLANNER_RATE_NONE, 0.5, 385, 385, -1,
	    "20 returned, none with an opinion: questionnaires unknown" },
	{ 10, 10, 12, PLANNER_RATE_ADJUSTED, 12.0 / 14.0, 189, 179, 215,
	    "100 % of 10: (x + 2) / (n + 4)" },
	{ 350, 400, 500, PLANNER_RATE_OBSERVED, 0.875, 169, 0, 0,
	    "enough already" },
	{ 1, 3, 3, PLANNER_RATE_OBSERVED, 1.0 / 3.0, 342, 339, 339,
	    "a third of 3" },
};
#define NCASES	(sizeof(cases) / sizeof(cases[0]))

static void
test_need(void)
{
	struct planner_need	 need, all[NCASES];
	size_t			 i, unknown;
	int			 rc;

	for (i = 0; i < NCASES; i++) {
		memset(&all[i], 0, sizeof(all[i]));
		rc = planner_need(cases[i].x, cases[i].n, cases[i].returned,
		    PLANNER_MARGIN, &need);
		tap_ok(rc == 0 && need.rate == cases[i].rate &&
		    fabs(need.expected - cases[i].expected) < 1e-12 &&
		    need.needed == cases[i].needed &&
		    need.more == cases[i].more &&
		    need.questionnaires == cases[i].questionnaires,
		    "%s: %lld needed, %lld more, %lld questionnaires "
		    "(got %lld, %lld, %lld)", cases[i].what, cases[i].needed,
		    cases[i].more, cases[i].questionnaires, need.needed,
		    need.more, need.questionnaires);
		all[i] = need;
	}
	tap_ok(planner_most(all, NCASES, &unknown) == 385 && unknown == 1,
	    "the headline: the most questionnaires known (385), one "
	    "criterion unknown");
	tap_ok(planner_most(all, 0, &unknown) == 0 && unknown == 0,
	    "no criterion: nothing needed");

	tap_ok(planner_need(-1, 4, 4, PLANNER_MARGIN, &need) ==
	    STATS_ENEGATIVE && need.needed == 0, "a negative count: refused");
	tap_ok(planner_need(5, 4, 10, PLANNER_MARGIN, &need) == STATS_EXGTN,
	    "more satisfied than opinions: refused");
	tap_ok(planner_need(4, 5, 4, PLANNER_MARGIN, &need) == STATS_EXGTN,
	    "more opinions than questionnaires: refused");
	tap_ok(planner_need(4, 5, 6, 0.0, &need) == STATS_EMARGIN &&
	    need.more == 0, "a margin of 0: refused");
}

static void
test_pace(void)
{
	struct planner_pace	p;
	long			mon = cal_day(2026, 5, 11), fri = cal_day(2026,
				    5, 15);

	int			rc;

	/* Mon 11 to Fri 15 May 2026, Ascension on Thursday 14: 4 days. */
	rc = planner_pace(190, 200, mon, mon, fri, "41", &p);
	tap_ok(rc == 0 && p.remaining == 10 && p.days_left == 4 && p.per_day == 3,
	    "10 short over 4 working days (Ascension): 3 a day (got %lld "
	    "over %ld: %lld)", p.remaining, p.days_left, p.per_day);
	tap_ok(planner_pace(0, 8, cal_day(2026, 5, 1), mon, fri, "41",
	    &p) == 0 && p.days_left == 4 && p.per_day == 2,
	    "before the first day: counted from it");
	tap_ok(planner_pace(250, 200, mon, mon, fri, "41", &p) == 0 &&
	    p.remaining == 0 && p.per_day == 0, "target passed: nothing "
	    "more");
	tap_ok(planner_pace(5, 200, cal_day(2026, 5, 16), mon, fri, "41",
	    &p) == 0 && p.days_left == 0 && p.per_day == -1,
	    "closed and short: no day left");
	tap_ok(planner_pace(5, 0, mon, mon, fri, "41", &p) == -1,
	    "no target: refused");
	tap_ok(planner_pace(-1, 10, mon, mon, fri, "41", &p) == -1,
	    "a negative count: refused");
	tap_ok(planner_pace(5, 10, mon, mon, fri, "XX", &p) == -1,
	    "an unknown department: refused");
}

int
main(void)
{
	tap_plan(20);
	test_need();
	test_pace();
	return tap_done();
}
