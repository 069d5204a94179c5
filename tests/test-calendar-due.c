/*
 * Due dates: the n-th working day after a day, that day not counted,
 * across weekends, public holidays and Alsace-Moselle's own, and always
 * in step with cal_working_delay. The reference days were computed apart
 * (Easter by the anonymous Gregorian algorithm, the holidays of the law).
 */
#include "config.h"

#include "cal.h"
#include "tap.h"

static const struct {
	int		 y, m, d;	/* sent */
	int		 n;		/* working days */
	const char	*dept;
	int		 dy, dm, dd;	/* due */
	const char	*what;
} cases[] = {
	{ 2026, 5, 7, 5, "75", 2026, 5, 18,
	    "Thursday 7 May 2026 + 5: over 8 May and Ascension" },
	{ 2026, 4, 2, 5, "57", 2026, 4, 13,
	    "Moselle: Good Friday and Easter Monday do not count" },
	{ 2026, 4, 2, 5, "75", 2026, 4, 10,
	    "Paris: only Easter Monday" },
	{ 2025, 12, 24, 2, "57", 2025, 12, 30,
	    "Moselle: 25 and 26 December" },
	{ 2025, 12, 24, 2, "41", 2025, 12, 29,
	    "Loir-et-Cher: 25 December only" },
	{ 2026, 12, 5, 1, "75", 2026, 12, 7,
	    "sent on a Saturday: due on Monday" },
	{ 2026, 10, 30, 10, "75", 2026, 11, 16,
	    "10 working days across 11 November" },
	{ 2026, 12, 18, 5, "41", 2026, 12, 28,
	    "the last Friday of a campaign, over Christmas" },
	{ 2026, 12, 3, 0, "41", 2026, 12, 3,
	    "0 days: the day itself" },
};
#define NCASES	(sizeof(cases) / sizeof(cases[0]))

int
main(void)
{
	size_t	i;
	long	from, due, late;

	tap_plan((int)NCASES * 3 + 4);
	for (i = 0; i < NCASES; i++) {
		from = cal_day(cases[i].y, cases[i].m, cases[i].d);
		due = cal_due_date(from, cases[i].n, cases[i].dept);
		tap_ok(due == cal_day(cases[i].dy, cases[i].dm, cases[i].dd),
		    "%s", cases[i].what);
		/* On time on the due day, late from the next working day. */
		tap_ok(cal_working_delay(from, due, cases[i].dept) ==
		    cases[i].n, "%s: answered that day, on time",
		    cases[i].what);
		for (late = due + 1; cal_is_working_day(late,
		    cases[i].dept) != 1; late++)
			;
		tap_ok(cal_working_delay(from, late, cases[i].dept) ==
		    cases[i].n + 1 && cal_working_delay(from, late - 1,
		    cases[i].dept) == cases[i].n,
		    "%s: late exactly from the next working day",
		    cases[i].what);
	}
	from = cal_day(2026, 12, 3);
	tap_ok(cal_due_date(from, -1, "41") == -1, "a negative delay: -1");
	tap_ok(cal_due_date(from, CAL_DUE_MAX + 1, "41") == -1,
	    "more than CAL_DUE_MAX: -1");
	tap_ok(cal_due_date(from, 5, "00") == -1, "an unknown department: -1");
	tap_ok(cal_due_date(cal_day(CAL_YEAR_MAX, 12, 30), 5, "75") == -1,
	    "beyond the last year: -1");
	return tap_done();
}
