/*
 * Public holidays by department: the eleven of the Code du travail
 * (art. L3133-1) with their dates in 2025 and 2026, Good Friday and
 * 26 December in Alsace-Moselle only, the abolition of slavery in each
 * overseas department, Corsica like the mainland, unknown codes refused.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "cal.h"
#include "tap.h"

struct expect {
	int		 m;
	int		 d;
	const char	*name;
};

/* 2025: Easter 20 April; 2026: Easter 5 April. */
static const struct expect national2025[] = {
	{ 1, 1, "Jour de l'an" },	{ 4, 21, "Lundi de Pâques" },
	{ 5, 1, "Fête du Travail" },	{ 5, 8, "Victoire 1945" },
	{ 5, 29, "Ascension" },		{ 6, 9, "Lundi de Pentecôte" },
	{ 7, 14, "Fête nationale" },	{ 8, 15, "Assomption" },
	{ 11, 1, "Toussaint" },		{ 11, 11, "Armistice 1918" },
	{ 12, 25, "Noël" },
};
static const struct expect national2026[] = {
	{ 1, 1, "Jour de l'an" },	{ 4, 6, "Lundi de Pâques" },
	{ 5, 1, "Fête du Travail" },	{ 5, 8, "Victoire 1945" },
	{ 5, 14, "Ascension" },		{ 5, 25, "Lundi de Pentecôte" },
	{ 7, 14, "Fête nationale" },	{ 8, 15, "Assomption" },
	{ 11, 1, "Toussaint" },		{ 11, 11, "Armistice 1918" },
	{ 12, 25, "Noël" },
};

static const struct {
	const char	*code;
	int		 m;
	int		 d;
} overseas[] = {
	{ "971", 5, 27 }, { "972", 5, 22 }, { "973", 6, 10 },
	{ "974", 12, 20 }, { "976", 4, 27 },
};

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* Returns 1 when h[0..n) is exactly the list want, in order. */
static int
same_list(int year, const struct cal_holiday *h, int n,
    const struct expect *want, size_t nwant)
{
	size_t	i;
	int	ok = n == (int)nwant;

	for (i = 0; ok && i < nwant; i++)
		if (h[i].day != cal_day(year, want[i].m, want[i].d) ||
		    strcmp(h[i].name, want[i].name) != 0) {
			tap_diag("%d: entry %zu is %s", year, i, h[i].name);
			ok = 0;
		}
	return ok;
}

/* Returns 1 when h[0..n) is sorted by day. */
static int
sorted(const struct cal_holiday *h, int n)
{
	int	i;

	for (i = 1; i < n; i++)
		if (h[i - 1].day > h[i].day)
			return 0;
	return 1;
}

/* Returns 1 when the name of the holiday on y-m-d in dep is name. */
static int
named(int y, int m, int d, const char *dep, const char *name)
{
	const char	*got = cal_holiday_name(cal_day(y, m, d), dep);

	if (name == NULL)
		return got == NULL;
	return got != NULL && strcmp(got, name) == 0;
}

int
main(void)
{
	static const char *const metro[] = { "01", "13", "33", "59", "69",
	    "75", "95", "2A", "2B", "975" };
	static const char *const alsace[] = { "57", "67", "68" };
	static const char *const unknown[] = { "", "0", "00", "20", "96",
	    "99", "100", "2C", "2a", "970", "977", "075", "57 ", " 57",
	    "A2", "9711" };
	struct cal_holiday	h[CAL_HOLIDAYS_MAX];
	size_t			i, j;
	long			easter, asc, whit;
	int			n, ok, y;

	tap_plan(27);

	/* The eleven national holidays. */
	n = cal_holidays(2025, "75", h);
	tap_ok(same_list(2025, h, n, national2025, NITEMS(national2025)),
	    "Paris 2025: the eleven holidays, dates and names");
	n = cal_holidays(2026, "75", h);
	tap_ok(same_list(2026, h, n, national2026, NITEMS(national2026)),
	    "Paris 2026: the eleven holidays, dates and names");
	for (ok = 1, i = 0; i < NITEMS(metro); i++) {
		n = cal_holidays(2026, metro[i], h);
		if (!same_list(2026, h, n, national2026,
		    NITEMS(national2026))) {
			tap_diag("department %s", metro[i]);
			ok = 0;
		}
	}
	tap_ok(ok, "every mainland department, Corsica (2A, 2B) and "
	    "Saint-Pierre-et-Miquelon (975) have the same eleven in 2026");
	tap_ok(named(2025, 6, 9, "75", "Lundi de Pentecôte") &&
	    cal_is_working_day(cal_day(2025, 6, 9), "75") == 0,
	    "Whit Monday stays a public holiday (Code du travail list)");

	/* Alsace-Moselle. */
	for (ok = 1, i = 0; i < NITEMS(alsace); i++) {
		n = cal_holidays(2025, alsace[i], h);
		ok = ok && n == 13 && sorted(h, n) &&
		    named(2025, 4, 18, alsace[i], "Vendredi saint") &&
		    named(2025, 12, 26, alsace[i], "Saint-Étienne") &&
		    named(2025, 12, 25, alsace[i], "Noël");
	}
	tap_ok(ok, "57, 67, 68 in 2025: 13 holidays, Good Friday 18 April "
	    "and Saint-Étienne 26 December among them");
	for (ok = 1, i = 0; i < NITEMS(alsace); i++)
		ok = ok && named(2026, 4, 3, alsace[i], "Vendredi saint") &&
		    named(2026, 12, 26, alsace[i], "Saint-Étienne");
	tap_ok(ok, "57, 67, 68 in 2026: Good Friday is 3 April");
	tap_ok(named(2025, 4, 18, "75", NULL) &&
	    named(2025, 12, 26, "75", NULL) &&
	    named(2025, 4, 18, "54", NULL) && named(2025, 12, 26, "88", NULL),
	    "neighbours of Alsace-Moselle (54, 88) and Paris have neither");
	tap_ok(cal_is_working_day(cal_day(2025, 12, 26), "67") == 0 &&
	    cal_is_working_day(cal_day(2025, 12, 26), "69") == 1,
	    "Friday 26 December 2025: off in Strasbourg, worked in Lyon");

	/* Overseas departments. */
	for (i = 0; i < NITEMS(overseas); i++) {
		n = cal_holidays(2025, overseas[i].code, h);
		ok = n == 12 && sorted(h, n) && named(2025, overseas[i].m,
		    overseas[i].d, overseas[i].code,
		    "Abolition de l'esclavage");
		for (j = 0; j < NITEMS(overseas); j++)
			if (j != i && !named(2025, overseas[j].m,
			    overseas[j].d, overseas[i].code, NULL))
				ok = 0;
		tap_ok(ok, "%s: 12 holidays, abolition of slavery on %02d-%02d "
		    "and not on the other departments' days", overseas[i].code,
		    overseas[i].m, overseas[i].d);
	}
	for (ok = 1, i = 0; i < NITEMS(overseas); i++)
		ok = ok && named(2025, overseas[i].m, overseas[i].d, "75",
		    NULL) && named(2025, overseas[i].m, overseas[i].d, "975",
		    NULL);
	tap_ok(ok, "Paris and Saint-Pierre-et-Miquelon have none of them");
	tap_ok(named(2025, 4, 18, "971", NULL) &&
	    named(2025, 12, 26, "974", NULL),
	    "overseas departments have no Alsace-Moselle holiday");
	tap_ok(named(2026, 5, 27, "971", "Abolition de l'esclavage") &&
	    named(2026, 5, 25, "971", "Lundi de Pentecôte"),
	    "Guadeloupe 2026: 27 May and Whit Monday both kept");

	/* Derived from Easter. */
	for (ok = 1, y = 1900; y <= 2100; y++) {
		if (cal_easter(y, &easter) == -1) {
			ok = 0;
			break;
		}
		asc = easter + 39;
		whit = easter + 50;
		n = cal_holidays(y, "33", h);
		if (n != 11 || !sorted(h, n) || cal_weekday(asc) != 4 ||
		    cal_weekday(whit) != 1 ||
		    cal_holiday_name(easter + 1, "33") == NULL ||
		    strcmp(cal_holiday_name(easter + 1, "33"),
		    "Lundi de Pâques") != 0 ||
		    cal_holiday_name(whit, "33") == NULL ||
		    strcmp(cal_holiday_name(whit, "33"),
		    "Lundi de Pentecôte") != 0) {
			tap_diag("year %d", y);
			ok = 0;
		}
	}
	tap_ok(ok, "1900-2100: Easter Monday = Easter + 1, Whit Monday = "
	    "Easter + 50 (a Monday), eleven sorted holidays");
	for (ok = 1, y = 1900; y <= 2100; y++) {
		cal_easter(y, &easter);
		asc = easter + 39;
		n = cal_holidays(y, "33", h);
		for (i = 0; i < (size_t)n; i++)
			if (strcmp(h[i].name, "Ascension") == 0)
				break;
		if (i == (size_t)n || h[i].day != asc)
			ok = 0;
	}
	tap_ok(ok, "1900-2100: Ascension = Easter + 39 (a Thursday)");
	n = cal_holidays(2008, "75", h);
	for (ok = 0, i = 0; i < (size_t)n; i++)
		if (strcmp(h[i].name, "Ascension") == 0 &&
		    h[i].day == cal_day(2008, 5, 1))
			ok = 1;
	tap_ok(ok && n == 11 && named(2008, 5, 1, "75", "Fête du Travail"),
	    "2008: Ascension on 1 May is listed; the day is named "
	    "Fête du Travail (first in the law's order)");
	tap_ok(named(2026, 4, 5, "75", NULL) && named(2026, 5, 24, "75", NULL),
	    "Easter Sunday and Whit Sunday are not listed (Sundays anyway)");
	tap_ok(named(2026, 5, 15, "75", NULL) &&
	    named(2026, 12, 24, "75", NULL),
	    "the Friday after Ascension and Christmas Eve are not holidays");

	/* Refusals. */
	for (ok = 1, i = 0; i < NITEMS(unknown); i++) {
		h[0].day = 42;
		if (cal_department_ok(unknown[i]) ||
		    cal_holidays(2025, unknown[i], h) != -1 || h[0].day != 42 ||
		    cal_holiday_name(cal_day(2025, 1, 1), unknown[i]) != NULL ||
		    cal_is_working_day(cal_day(2025, 1, 2), unknown[i]) != -1) {
			tap_diag("accepted \"%s\"", unknown[i]);
			ok = 0;
		}
	}
	tap_ok(ok, "unknown department codes are refused (\"20\", \"96\", "
	    "\"977\", \"2C\", lower case, spaces...)");
	tap_ok(!cal_department_ok(NULL) && cal_holidays(2025, NULL, h) == -1,
	    "a NULL department is refused");
	tap_ok(cal_department_ok("01") && cal_department_ok("95") &&
	    cal_department_ok("2A") && cal_department_ok("976"),
	    "the first and last codes of each kind are known");
	tap_ok(cal_holidays(1582, "75", h) == -1 &&
	    cal_holidays(4100, "75", h) == -1 &&
	    cal_holidays(1583, "75", h) == 11 &&
	    cal_holidays(4099, "75", h) == 11,
	    "years outside 1583-4099 are refused");
	tap_ok(cal_holiday_name(cal_day(1500, 1, 1), "75") == NULL &&
	    cal_is_working_day(cal_day(1500, 1, 1), "75") == -1,
	    "a day outside those years has no holiday and no answer");
	tap_ok(named(2025, 1, 1, "2A", "Jour de l'an") &&
	    named(2025, 7, 14, "976", "Fête nationale"),
	    "names are the official ones in Corsica and Mayotte too");
	return tap_done();
}
