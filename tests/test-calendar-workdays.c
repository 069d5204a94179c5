/*
 * Day numbers, dates read and written, working days and answer delays
 * across weekends, the May holidays and their bridges, and year ends.
 */
#include "config.h"

#include <string.h>

#include "cal.h"
#include "tap.h"

/* The day number of a date the test writes itself. */
static long
D(int y, int m, int d)
{
	return cal_day(y, m, d);
}

/* Returns 1 when s parses to y-m-d. */
static int
parses(const char *s, int y, int m, int d)
{
	long	day = -12345;

	return cal_parse(s, &day) == 0 && day == D(y, m, d);
}

/* Returns 1 when s is refused and the output left alone. */
static int
refused(const char *s)
{
	long	day = -12345;

	return cal_parse(s, &day) == -1 && day == -12345;
}

/* Returns 1 when day is written as want. */
static int
formats(long day, const char *want)
{
	char	out[CAL_DATE_LEN + 1];

	if (cal_format(day, out) == -1)
		return 0;
	if (strcmp(out, want) != 0) {
		tap_diag("got %s, want %s", out, want);
		return 0;
	}
	return 1;
}

/* Checks a count of working days, reporting the one got. */
static int
count(long got, long want)
{
	if (got != want)
		tap_diag("got %ld, want %ld", got, want);
	return got == want;
}

int
main(void)
{
	char	out[CAL_DATE_LEN + 1];
	long	day, first, last;
	int	y, m, d, py, pm, pd, ok;

	tap_plan(44);

	/* Day numbers. */
	tap_ok(D(1970, 1, 1) == 0 && D(1969, 12, 31) == -1 &&
	    D(2000, 3, 1) == 11017 && D(1900, 1, 1) == -25567,
	    "day numbers count from 1970-01-01, negative before");
	first = D(CAL_YEAR_MIN, 1, 1);
	last = D(CAL_YEAR_MAX, 12, 31);
	cal_ymd(first - 1, &py, &pm, &pd);
	for (ok = 1, day = first; day <= last && ok; day++) {
		cal_ymd(day, &y, &m, &d);
		/* Each day follows the previous one in the calendar. */
		if (!((y == py && m == pm && d == pd + 1) ||
		    (y == py && m == pm + 1 && d == 1) ||
		    (y == py + 1 && m == 1 && pm == 12 && d == 1)) ||
		    D(y, m, d) != day)
			ok = 0;
		py = y;
		pm = m;
		pd = d;
	}
	tap_ok(ok && py == CAL_YEAR_MAX && pm == 12 && pd == 31,
	    "cal_ymd and cal_day agree on every day from %d to %d",
	    CAL_YEAR_MIN, CAL_YEAR_MAX);
	cal_ymd(D(2024, 2, 29), &y, &m, &d);
	tap_ok(y == 2024 && m == 2 && d == 29 &&
	    D(2024, 3, 1) - D(2024, 2, 28) == 2 &&
	    D(1900, 3, 1) - D(1900, 2, 28) == 1 &&
	    D(2000, 3, 1) - D(2000, 2, 28) == 2,
	    "leap years: 2024 and 2000 have 29 February, 1900 has not");
	tap_ok(D(2025, 1, 32) == D(2025, 2, 1) && D(2025, 13, 1) ==
	    D(2026, 1, 1) && D(2025, 0, 1) == D(2024, 12, 1) &&
	    D(2025, 3, 0) == D(2025, 2, 28),
	    "cal_day carries days and months out of range");
	tap_ok(cal_weekday(D(1970, 1, 1)) == 4 &&
	    cal_weekday(D(1969, 12, 28)) == 7 &&
	    cal_weekday(D(1900, 1, 1)) == 1 &&
	    cal_weekday(D(2000, 1, 1)) == 6 &&
	    cal_weekday(D(2025, 1, 1)) == 3 &&
	    cal_weekday(D(2026, 5, 14)) == 4,
	    "ISO weekdays, before and after 1970");

	/* Reading and writing dates. */
	tap_ok(parses("2025-02-03", 2025, 2, 3), "\"2025-02-03\" is read");
	tap_ok(parses("2024-02-29", 2024, 2, 29), "\"2024-02-29\" (leap year)");
	tap_ok(parses("1900-01-01", 1900, 1, 1) &&
	    parses("2999-12-31", 2999, 12, 31), "1900 and 2999 are accepted");
	tap_ok(refused("2025-02-29"), "\"2025-02-29\" refused: not leap");
	tap_ok(refused("1900-02-29"), "\"1900-02-29\" refused: not leap");
	tap_ok(refused("2025-2-3"), "\"2025-2-3\" refused: digits missing");
	tap_ok(refused("2025-02-03x"), "\"2025-02-03x\" refused: junk");
	tap_ok(refused(""), "\"\" refused");
	tap_ok(refused("2025-04-31") && refused("2025-13-01") &&
	    refused("2025-00-10") && refused("2025-01-00"),
	    "days and months that do not exist are refused");
	tap_ok(refused("1899-12-31") && refused("3000-01-01"),
	    "years before 1900 or after 2999 are refused");
	tap_ok(refused(" 2025-02-03") && refused("2025/02/03") &&
	    refused("+025-02-03") && refused("2025-02-3 ") &&
	    refused("2025-02-0a") && refused("20250203"),
	    "spaces, other separators, signs and letters are refused");
	tap_ok(formats(D(2025, 2, 3), "2025-02-03") &&
	    formats(D(1969, 12, 31), "1969-12-31") &&
	    formats(D(1, 1, 1), "0001-01-01"),
	    "dates are written YYYY-MM-DD");
	tap_ok(cal_format(D(10000, 1, 1), out) == -1 && out[0] == '\0' &&
	    cal_format(D(-1, 12, 31), out) == -1,
	    "years beyond four digits are not written");

	/* Working days. */
	tap_ok(cal_is_working_day(D(2025, 1, 6), "75") == 1 &&
	    cal_is_working_day(D(2025, 1, 11), "75") == 0 &&
	    cal_is_working_day(D(2025, 1, 12), "75") == 0,
	    "Monday works, Saturday and Sunday do not");
	tap_ok(count(cal_working_days(D(2025, 1, 6), D(2025, 1, 12), "75"), 5),
	    "a plain week has 5 working days");
	tap_ok(count(cal_working_days(D(2025, 1, 11), D(2025, 1, 12), "75"), 0),
	    "a weekend has none");
	tap_ok(count(cal_working_days(D(2025, 1, 8), D(2025, 1, 8), "75"), 1),
	    "a single working day counts 1 (both ends included)");
	tap_ok(count(cal_working_days(D(2025, 1, 9), D(2025, 1, 8), "75"), 0),
	    "a range ending before it starts has none");
	tap_ok(count(cal_working_days(D(2025, 4, 28), D(2025, 5, 11), "75"), 8),
	    "28 April-11 May 2025: 1 and 8 May (Thursdays) off, the bridge "
	    "Fridays 2 and 9 May worked: 8");
	tap_ok(count(cal_working_days(D(2026, 5, 1), D(2026, 5, 31), "75"), 17),
	    "May 2026: 21 weekdays less 1 May, 8 May, Ascension 14 May and "
	    "Whit Monday 25 May: 17");
	tap_ok(cal_is_working_day(D(2026, 5, 15), "75") == 1,
	    "the Friday after Ascension is a working day (no bridge by law)");
	tap_ok(count(cal_working_days(D(2025, 12, 22), D(2026, 1, 4), "75"), 8),
	    "22 December 2025-4 January 2026: 25 December and 1 January "
	    "off: 8");
	tap_ok(count(cal_working_days(D(2025, 12, 22), D(2026, 1, 4), "67"), 7),
	    "the same in Bas-Rhin, 26 December off too: 7");
	tap_ok(count(cal_working_days(D(2025, 1, 1), D(2025, 12, 31), "75"),
	    251), "2025 in Paris: 261 weekdays, 10 holidays on them: 251");
	tap_ok(count(cal_working_days(D(2025, 1, 1), D(2025, 12, 31), "57"),
	    249), "2025 in Moselle: Good Friday and 26 December too: 249");
	tap_ok(count(cal_working_days(D(2025, 1, 1), D(2025, 12, 31), "972"),
	    250), "2025 in Martinique: 22 May (Thursday) too: 250");
	tap_ok(cal_working_days(D(2025, 1, 1), D(2025, 1, 31), "20") == -1 &&
	    cal_working_days(D(1582, 12, 1), D(1583, 1, 31), "75") == -1,
	    "unknown department or year out of range: -1");

	/* Delays of answers. */
	tap_ok(count(cal_working_delay(D(2025, 1, 6), D(2025, 1, 6), "75"), 0),
	    "answered the same day: 0");
	tap_ok(count(cal_working_delay(D(2025, 1, 10), D(2025, 1, 13), "75"),
	    1), "sent Friday, answered Monday: 1");
	tap_ok(count(cal_working_delay(D(2025, 1, 11), D(2025, 1, 13), "75"),
	    1), "sent Saturday, answered Monday: 1");
	tap_ok(count(cal_working_delay(D(2025, 1, 10), D(2025, 1, 12), "75"),
	    0), "sent Friday, answered Sunday: 0");
	tap_ok(count(cal_working_delay(D(2025, 1, 10), D(2025, 1, 17), "75"),
	    5), "sent Friday, answered the next Friday: 5");
	tap_ok(count(cal_working_delay(D(2025, 4, 30), D(2025, 5, 2), "75"), 1),
	    "sent 30 April, answered 2 May 2025: 1 May does not count: 1");
	tap_ok(count(cal_working_delay(D(2026, 5, 13), D(2026, 5, 18), "75"),
	    2), "sent the eve of Ascension 2026, answered Monday: the bridge "
	    "Friday counts: 2");
	tap_ok(count(cal_working_delay(D(2026, 5, 7), D(2026, 5, 11), "75"), 1),
	    "sent Thursday 7 May 2026, answered Monday: Friday 8 May off: 1");
	tap_ok(count(cal_working_delay(D(2025, 12, 24), D(2026, 1, 2), "75"),
	    5) && count(cal_working_delay(D(2025, 12, 24), D(2026, 1, 2),
	    "57"), 4), "24 December 2025 to 2 January 2026: 5, and 4 in "
	    "Moselle");
	tap_ok(count(cal_working_delay(D(2026, 4, 3), D(2026, 4, 7), "75"),
	    1) &&
	    count(cal_working_delay(D(2026, 4, 2), D(2026, 4, 7), "57"), 1) &&
	    count(cal_working_delay(D(2026, 4, 2), D(2026, 4, 7), "75"), 2),
	    "over Easter 2026: Easter Monday everywhere, Good Friday in "
	    "Moselle");
	tap_ok(cal_working_delay(D(2025, 1, 13), D(2025, 1, 10), "75") == -1,
	    "answered before it was sent: -1");
	tap_ok(cal_working_delay(D(2025, 1, 10), D(2025, 1, 13), "2C") == -1,
	    "unknown department: -1");
	return tap_done();
}
