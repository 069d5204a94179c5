/*
 * The slot planner: a two-week period filled one slot per half-day, a
 * longer one spread over every day, public holidays and school holidays
 * skipped, a period too short refused with the count of half-days it
 * holds, services and enquirers taking turns, the same plan every time,
 * and each wrong request refused with its message.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "plan.h"
#include "tap.h"

/* School holidays of zone C, 2025-2026, as in sql/004-calendar.sql. */
static struct cal_range	zc[4];

static long
D(int y, int m, int d)
{
	return cal_day(y, m, d);
}

static void
init_zone_c(void)
{
	zc[0].first = D(2025, 12, 21);		/* Noël */
	zc[0].last = D(2026, 1, 4);
	zc[1].first = D(2026, 2, 22);		/* hiver */
	zc[1].last = D(2026, 3, 8);
	zc[2].first = D(2026, 4, 19);		/* printemps */
	zc[2].last = D(2026, 5, 3);
	zc[3].first = D(2026, 7, 5);		/* été */
	zc[3].last = D(2026, 8, 31);
}

static void
request(struct plan_request *r, long from, long to, size_t target,
    size_t nservices, size_t nenquirers)
{
	memset(r, 0, sizeof(*r));
	r->from = from;
	r->to = to;
	r->department = "75";
	r->excluded = zc;
	r->nexcluded = sizeof(zc) / sizeof(zc[0]);
	r->target = target;
	r->nservices = nservices;
	r->nenquirers = nenquirers;
}

/*
 * Returns 1 when the plan keeps its promises: sorted by day then half,
 * no half-day twice, every day a working day outside the excluded
 * ranges and inside the period, indices in range.
 */
static int
well_formed(const struct plan_request *r, const struct plan_slot *s,
    size_t n)
{
	size_t	i, j;
	char	day[CAL_DATE_LEN + 1];

	for (i = 0; i < n; i++) {
		cal_format(s[i].day, day);
		if (s[i].day < r->from || s[i].day > r->to ||
		    cal_is_working_day(s[i].day, r->department) != 1 ||
		    (s[i].afternoon != 0 && s[i].afternoon != 1) ||
		    s[i].service >= r->nservices ||
		    s[i].enquirer >= r->nenquirers) {
			tap_diag("slot %zu (%s) out of bounds", i, day);
			return 0;
		}
		for (j = 0; j < r->nexcluded; j++)
			if (r->excluded[j].first <= s[i].day &&
			    s[i].day <= r->excluded[j].last) {
				tap_diag("slot %zu (%s) in school holidays", i,
				    day);
				return 0;
			}
		if (i > 0 && (s[i].day < s[i - 1].day ||
		    (s[i].day == s[i - 1].day &&
		    s[i].afternoon <= s[i - 1].afternoon))) {
			tap_diag("slot %zu (%s) out of order or repeated", i,
			    day);
			return 0;
		}
	}
	return 1;
}

/* Returns how many slots fall on day. */
static size_t
on_day(const struct plan_slot *s, size_t n, long day)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i].day == day;
	return k;
}

/* Runs a request expected to succeed; reports the cause if not. */
static int
plan(const struct plan_request *r, struct plan_slot **s, size_t *n,
    size_t *avail)
{
	char	*cause = NULL;

	if (plan_slots(r, s, n, avail, &cause) == 0)
		return 1;
	tap_diag("refused: %s", cause);
	free(cause);
	return 0;
}

/* Runs a request expected to fail; checks the message and the count. */
static int
refused(const struct plan_request *r, const char *want, size_t navail)
{
	struct plan_slot	*s = NULL;
	char			*cause = NULL;
	size_t			 n = 99, avail = 99;
	int			 ok;

	ok = plan_slots(r, &s, &n, &avail, &cause) == -1 && s == NULL &&
	    n == 99 && avail == navail && cause != NULL &&
	    strcmp(cause, want) == 0;
	if (!ok)
		tap_diag("cause \"%s\", available %zu",
		    cause != NULL ? cause : "(null)", avail);
	free(cause);
	plan_free(s);
	return ok;
}

int
main(void)
{
	struct plan_request	 r;
	struct plan_slot	*s = NULL, *s2 = NULL;
	size_t			 n = 0, n2 = 0, avail = 0, i, j, k, am, pm;
	size_t			 per[4], first[4], last[4], both[4][2];
	size_t			 load[3], pair[2][2];
	long			 day;
	int			 ok;

	init_zone_c();
	tap_plan(37);

	/* Two weeks, outside the zone's holidays: every half-day taken. */
	request(&r, D(2026, 1, 5), D(2026, 1, 18), 20, 1, 1);
	ok = plan(&r, &s, &n, &avail);
	tap_ok(ok && n == 20 && avail == 20,
	    "5-18 January 2026: 10 working days hold the 20 slots");
	for (ok = ok && well_formed(&r, s, n), i = 0; ok && i < n; i++)
		/* Working day i / 2: week i / 10, weekday i / 2 % 5. */
		if (s[i].day != D(2026, 1, 5) +
		    (long)(i / 10 * 7 + i / 2 % 5) ||
		    s[i].afternoon != (int)(i % 2))
			ok = 0;
	tap_ok(ok, "one slot on each half-day, morning then afternoon, no "
	    "weekend");
	tap_ok(n == 20 && s[0].day == D(2026, 1, 5) && s[0].afternoon == 0 &&
	    s[19].day == D(2026, 1, 16) && s[19].afternoon == 1,
	    "first slot Monday 5 January morning, last Friday 16 afternoon");
	plan_free(s);
	s = NULL;

	/* Four weeks: one slot a day, alternating halves. */
	request(&r, D(2026, 1, 5), D(2026, 1, 30), 20, 1, 1);
	ok = plan(&r, &s, &n, &avail) && n == 20 &&
	    avail == 40 && well_formed(&r, s, n);
	tap_ok(ok, "5-30 January 2026: 40 half-days, 20 slots");
	for (am = pm = 0, i = 0; ok && i < n; i++) {
		if (on_day(s, n, s[i].day) != 1)
			ok = 0;
		am += s[i].afternoon == 0;
		pm += s[i].afternoon == 1;
	}
	tap_ok(ok && am == 10 && pm == 10,
	    "one slot on each of the 20 working days, 10 mornings and 10 "
	    "afternoons");
	tap_ok(ok && s[0].day == D(2026, 1, 5) && s[19].day == D(2026, 1, 30),
	    "the first and last slots are on the period's first and last "
	    "working days");
	plan_free(s);
	s = NULL;

	/* Public holidays inside the period. */
	request(&r, D(2026, 5, 4), D(2026, 5, 22), 20, 1, 1);
	ok = plan(&r, &s, &n, &avail) && n == 20 &&
	    avail == 26 && well_formed(&r, s, n);
	tap_ok(ok, "4-22 May 2026: 13 working days, 26 half-days, 20 slots");
	tap_ok(ok && on_day(s, n, D(2026, 5, 8)) == 0 &&
	    on_day(s, n, D(2026, 5, 14)) == 0,
	    "no slot on 8 May nor on Ascension (14 May)");
	tap_ok(ok && on_day(s, n, D(2026, 5, 15)) >= 1 &&
	    s[0].day == D(2026, 5, 4) && s[19].day == D(2026, 5, 22),
	    "the bridge Friday 15 May is used; slots run from 4 to 22 May");
	plan_free(s);
	s = NULL;
	request(&r, D(2026, 5, 18), D(2026, 5, 29), 16, 1, 1);
	ok = plan(&r, &s, &n, &avail) && avail == 18 &&
	    well_formed(&r, s, n) && on_day(s, n, D(2026, 5, 25)) == 0;
	tap_ok(ok, "18-29 May 2026: Whit Monday 25 May skipped, 18 half-days");
	plan_free(s);
	s = NULL;

	/* Too short. */
	request(&r, D(2026, 5, 4), D(2026, 5, 15), 20, 1, 1);
	tap_ok(refused(&r, "la période ne contient que 16 demi-journées "
	    "possibles (jours ouvrés hors vacances scolaires) pour un "
	    "objectif de 20", 16),
	    "4-15 May 2026 refused: it holds only 16 half-days");
	request(&r, D(2026, 1, 5), D(2026, 1, 15), 20, 1, 1);
	tap_ok(refused(&r, "la période ne contient que 18 demi-journées "
	    "possibles (jours ouvrés hors vacances scolaires) pour un "
	    "objectif de 20", 18),
	    "two weeks short of one day refused: 18 half-days");

	/* School holidays of the zone. */
	request(&r, D(2026, 4, 13), D(2026, 5, 8), 10, 1, 1);
	ok = plan(&r, &s, &n, &avail) && n == 10 &&
	    avail == 18 && well_formed(&r, s, n);
	for (i = 0; ok && i < n; i++)
		if (s[i].day >= D(2026, 4, 18) && s[i].day <= D(2026, 5, 3))
			ok = 0;
	tap_ok(ok, "13 April-8 May 2026, zone C: the spring holidays "
	    "(19 April-3 May) and 8 May skipped, 18 half-days left");
	plan_free(s);
	s = NULL;
	request(&r, D(2026, 4, 13), D(2026, 5, 8), 20, 1, 1);
	tap_ok(refused(&r, "la période ne contient que 18 demi-journées "
	    "possibles (jours ouvrés hors vacances scolaires) pour un "
	    "objectif de 20", 18),
	    "the same period refused for 20 contacts");
	request(&r, D(2026, 4, 20), D(2026, 5, 1), 20, 1, 1);
	tap_ok(refused(&r, "la période ne contient aucune demi-journée "
	    "possible (jours ouvrés hors vacances scolaires) pour un "
	    "objectif de 20", 0),
	    "a period inside the school holidays holds nothing");
	request(&r, D(2026, 4, 20), D(2026, 5, 1), 10, 1, 1);
	r.nexcluded = 0;
	r.excluded = NULL;
	ok = plan(&r, &s, &n, &avail) && avail == 18 &&
	    well_formed(&r, s, n);
	tap_ok(ok, "the same period with no school holidays given: 18 "
	    "half-days (1 May off)");
	plan_free(s);
	s = NULL;

	/* Services take turns over the whole period. */
	request(&r, D(2026, 1, 5), D(2026, 1, 30), 20, 4, 1);
	ok = plan(&r, &s, &n, &avail) && n == 20 &&
	    well_formed(&r, s, n);
	memset(per, 0, sizeof(per));
	memset(both, 0, sizeof(both));
	for (i = 0; ok && i < n; i++) {
		k = s[i].service;
		/* A round: slots 4r to 4r + 3 test each service once. */
		for (j = i - i % 4; j < i; j++)
			if (s[j].service == k)
				ok = 0;
		if (per[k]++ == 0)
			first[k] = i;
		last[k] = i;
		both[k][s[i].afternoon] = 1;
	}
	tap_ok(ok, "4 services: each round of 4 slots tests the 4 services");
	for (k = 0; ok && k < 4; k++)
		if (per[k] != 5 || s[first[k]].day > D(2026, 1, 9) ||
		    s[last[k]].day < D(2026, 1, 26))
			ok = 0;
	tap_ok(ok, "each service gets 5 slots, from the first week to the "
	    "last");
	for (k = 0; ok && k < 4; k++)
		if (!both[k][0] || !both[k][1])
			ok = 0;
	tap_ok(ok, "each service is tried in the morning and the afternoon");
	plan_free(s);
	s = NULL;
	request(&r, D(2026, 1, 5), D(2026, 1, 16), 20, 2, 1);
	ok = plan(&r, &s, &n, &avail) && n == 20;
	memset(both, 0, sizeof(both));
	for (i = 0; ok && i < n; i++)
		both[s[i].service][s[i].afternoon]++;
	tap_ok(ok && both[0][0] == 5 && both[0][1] == 5 && both[1][0] == 5 &&
	    both[1][1] == 5,
	    "2 services over every half-day: 5 mornings and 5 afternoons "
	    "each");
	plan_free(s);
	s = NULL;

	/* Enquirers take turns too. */
	request(&r, D(2026, 1, 5), D(2026, 1, 30), 20, 1, 3);
	ok = plan(&r, &s, &n, &avail) && n == 20;
	memset(load, 0, sizeof(load));
	for (i = 0; ok && i < n; i++) {
		load[s[i].enquirer]++;
		if (i > 0 && s[i].enquirer == s[i - 1].enquirer)
			ok = 0;
	}
	tap_ok(ok && load[0] == 7 && load[1] == 7 && load[2] == 6,
	    "3 enquirers: 7, 7 and 6 slots, never twice in a row");
	plan_free(s);
	s = NULL;
	request(&r, D(2026, 1, 5), D(2026, 1, 30), 20, 2, 2);
	ok = plan(&r, &s, &n, &avail) && n == 20;
	memset(pair, 0, sizeof(pair));
	for (i = 0; ok && i < n; i++)
		pair[s[i].enquirer][s[i].service]++;
	tap_ok(ok && pair[0][0] == 5 && pair[0][1] == 5 && pair[1][0] == 5 &&
	    pair[1][1] == 5,
	    "2 enquirers, 2 services: each enquirer tests each service 5 "
	    "times");
	plan_free(s);
	s = NULL;

	/* The same request, the same plan. */
	request(&r, D(2026, 5, 4), D(2026, 5, 22), 20, 3, 2);
	ok = plan(&r, &s, &n, &avail) &&
	    plan(&r, &s2, &n2, &avail) && n == n2 &&
	    memcmp(s, s2, n * sizeof(*s)) == 0;
	tap_ok(ok, "the same request gives the same plan");
	plan_free(s);
	plan_free(s2);
	s = s2 = NULL;

	/* Wrong requests. */
	request(&r, D(2026, 1, 16), D(2026, 1, 5), 20, 1, 1);
	tap_ok(refused(&r, "la période se termine (2026-01-05) avant de "
	    "commencer (2026-01-16)", 0), "a period ending before it starts");
	request(&r, D(2026, 1, 1), D(2027, 1, 2), 20, 1, 1);
	tap_ok(refused(&r, "la période ne peut dépasser 366 jours", 0),
	    "a period of 367 days");
	request(&r, D(2026, 1, 5), D(2026, 1, 16), 0, 1, 1);
	tap_ok(refused(&r, "l'objectif doit être d'au moins un contact", 0),
	    "a target of 0");
	request(&r, D(2026, 1, 5), D(2026, 1, 16), 20, 0, 1);
	tap_ok(refused(&r, "choisissez au moins un service à tester", 0),
	    "no service");
	request(&r, D(2026, 1, 5), D(2026, 1, 16), 20, 1, 0);
	tap_ok(refused(&r, "choisissez au moins un enquêteur", 0),
	    "no enquirer");
	request(&r, D(2026, 1, 5), D(2026, 1, 16), 3, 4, 1);
	tap_ok(refused(&r, "l'objectif (3 contacts) est inférieur au nombre "
	    "de services (4) : chaque service doit être testé au moins une "
	    "fois", 0), "more services than contacts");
	request(&r, D(2026, 1, 5), D(2026, 1, 16), 20, 1, 1);
	r.department = "20";
	tap_ok(refused(&r, "département inconnu : « 20 »", 0),
	    "an unknown department");

	day = D(2026, 1, 5);
	request(&r, day, day + 365, 2, 1, 1);
	ok = plan(&r, &s, &n, &avail) && n == 2;
	tap_ok(ok, "a period of exactly 366 days is accepted");
	plan_free(s);

	/* One day at a time, as a moved slot is checked (issue 13). */
	request(&r, D(2026, 1, 5), D(2026, 3, 31), 20, 1, 1);
	tap_ok(plan_day_possible(&r, D(2026, 1, 6)) == 1 &&
	    plan_day_possible(&r, D(2026, 1, 5)) == 1 &&
	    plan_day_possible(&r, D(2026, 3, 31)) == 1,
	    "plan_day_possible: a weekday of the period, its ends included");
	tap_ok(plan_day_possible(&r, D(2026, 1, 10)) == 0 &&
	    plan_day_possible(&r, D(2026, 1, 11)) == 0,
	    "plan_day_possible: not a Saturday nor a Sunday");
	tap_ok(plan_day_possible(&r, D(2026, 2, 23)) == 0,
	    "plan_day_possible: not a Monday of the winter school holidays");
	tap_ok(plan_day_possible(&r, D(2026, 1, 2)) == 0 &&
	    plan_day_possible(&r, D(2026, 4, 1)) == 0,
	    "plan_day_possible: not a weekday outside the period");
	request(&r, D(2026, 4, 1), D(2026, 5, 31), 20, 1, 1);
	tap_ok(plan_day_possible(&r, D(2026, 5, 14)) == 0 &&
	    plan_day_possible(&r, D(2026, 5, 13)) == 1,
	    "plan_day_possible: not Ascension Thursday, the day before is");
	request(&r, D(2026, 1, 5), D(2026, 1, 6), 20, 1, 1);
	r.department = "20";
	tap_ok(plan_day_possible(&r, D(2026, 1, 5)) == -1,
	    "plan_day_possible: -1 when the calendar cannot say");
	return tap_done();
}
