/* Day numbers, Easter, French public holidays and working days. */
#include "config.h"

#include <string.h>

#include "cal.h"

/* Days from 0000-03-01 to 1970-01-01, as Hinnant's algorithms count. */
#define CAL_EPOCH_SHIFT	719468L
#define CAL_ERA_DAYS	146097L		/* 400 Gregorian years */

/* A holiday: on a fixed date, or a number of days after Easter Sunday. */
struct cal_rule {
	int		 month;		/* 1-12, or 0 for a day after Easter */
	int		 day;		/* day of the month, or days after
					   Easter Sunday (negative: before) */
	const char	*name;
};

/*
 * The eleven holidays of the Code du travail, art. L3133-1, in the
 * article's order: when two fall on the same day, the first listed here
 * is the one cal_holiday_name gives.
 */
static const struct cal_rule cal_national[] = {
	{ 1, 1, "Jour de l'an" },
	{ 0, 1, "Lundi de Pâques" },
	{ 5, 1, "Fête du Travail" },
	{ 5, 8, "Victoire 1945" },
	{ 0, 39, "Ascension" },
	/* Still in the article since the loi of 2004 (modified 2008), even
	   where it is worked as the journée de solidarité. */
	{ 0, 50, "Lundi de Pentecôte" },
	{ 7, 14, "Fête nationale" },
	{ 8, 15, "Assomption" },
	{ 11, 1, "Toussaint" },
	{ 11, 11, "Armistice 1918" },
	{ 12, 25, "Noël" },
};

/* Alsace-Moselle: Code du travail, art. L3134-13. */
static const char *const cal_alsace_moselle[] = { "57", "67", "68" };
static const struct cal_rule cal_alsace_moselle_rules[] = {
	{ 0, -2, "Vendredi saint" },
	{ 12, 26, "Saint-Étienne" },
};

/* Overseas: the day of the abolition of slavery (loi 83-550). */
static const struct {
	const char	*code;
	int		 month;		/* 0: no such holiday */
	int		 day;
} cal_overseas[] = {
	{ "971", 5, 27 },	/* Guadeloupe */
	{ "972", 5, 22 },	/* Martinique */
	{ "973", 6, 10 },	/* Guyane */
	{ "974", 12, 20 },	/* La Réunion */
	{ "975", 0, 0 },	/* Saint-Pierre-et-Miquelon */
	{ "976", 4, 27 },	/* Mayotte */
};
static const char cal_abolition[] = "Abolition de l'esclavage";

/* Division and remainder rounding towards minus infinity. */
static long
cal_floor_div(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static long
cal_floor_mod(long a, long b)
{
	return a - cal_floor_div(a, b) * b;
}

/* Howard Hinnant's days_from_civil, months out of range carried over. */
long
cal_day(int y, int m, int d)
{
	long	yy, mm, era, yoe, doy, doe;

	yy = (long)y + cal_floor_div((long)m - 1, 12);
	mm = cal_floor_mod((long)m - 1, 12) + 1;
	yy -= mm <= 2;		/* the computation's year starts in March */
	era = cal_floor_div(yy, 400);
	yoe = yy - era * 400;
	doy = (153 * (mm > 2 ? mm - 3 : mm + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * CAL_ERA_DAYS + doe - CAL_EPOCH_SHIFT;
}

/* Howard Hinnant's civil_from_days. */
void
cal_ymd(long day, int *y, int *m, int *d)
{
	long	z, era, doe, yoe, doy, mp, mm;

	z = day + CAL_EPOCH_SHIFT;
	era = cal_floor_div(z, CAL_ERA_DAYS);
	doe = z - era * CAL_ERA_DAYS;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	mm = mp < 10 ? mp + 3 : mp - 9;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

int
cal_weekday(long day)
{
	/* Day 0, 1970-01-01, was a Thursday. */
	return (int)cal_floor_mod(cal_floor_mod(day, 7) + 3, 7) + 1;
}

const char *
cal_month_name(int m)
{
	static const char *const names[] = { "janvier", "février", "mars",
	    "avril", "mai", "juin", "juillet", "août", "septembre",
	    "octobre", "novembre", "décembre" };

	return m >= 1 && m <= 12 ? names[m - 1] : NULL;
}

const char *
cal_weekday_name(int wd)
{
	static const char *const names[] = { "lundi", "mardi", "mercredi",
	    "jeudi", "vendredi", "samedi", "dimanche" };

	return wd >= 1 && wd <= 7 ? names[wd - 1] : NULL;
}

static int
cal_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
cal_month_days(int y, int m)
{
	static const int	mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31,
				    30, 31, 30, 31 };

	return mdays[m - 1] + (m == 2 && cal_leap(y));
}

/* Reads n decimal digits at s; -1 when one of them is not a digit. */
static int
cal_digits(const char *s, int n)
{
	int	v = 0;

	for (; n > 0; n--, s++) {
		/* Not isdigit(): it would depend on the locale. */
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int
cal_parse(const char *s, long *day)
{
	int	y, m, d;

	if (strlen(s) != CAL_DATE_LEN || s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = cal_digits(s, 4)) == -1 || (m = cal_digits(s + 5, 2)) == -1 ||
	    (d = cal_digits(s + 8, 2)) == -1)
		return -1;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > cal_month_days(y, m))
		return -1;
	*day = cal_day(y, m, d);
	return 0;
}

int
cal_format(long day, char out[CAL_DATE_LEN + 1])
{
	int	y, m, d, i;

	cal_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		out[0] = '\0';
		return -1;
	}
	for (i = 3; i >= 0; i--, y /= 10)
		out[i] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 0;
}

int
cal_easter(int year, long *day)
{
	int	a, b, c, d, e, f, g, h, i, k, l, m, month, mday;

	if (year < CAL_YEAR_MIN || year > CAL_YEAR_MAX)
		return -1;
	/* Meeus, Astronomical Algorithms (1991), ch. 8, after Jones and
	   Butcher; valid for every Gregorian year. */
	a = year % 19;
	b = year / 100;
	c = year % 100;
	d = b / 4;
	e = b % 4;
	f = (b + 8) / 25;
	g = (b - f + 1) / 3;
	h = (19 * a + b - d - g + 15) % 30;
	i = c / 4;
	k = c % 4;
	l = (32 + 2 * e + 2 * i - h - k) % 7;
	m = (a + 11 * h + 22 * l) / 451;
	month = (h + l - 7 * m + 114) / 31;
	mday = (h + l - 7 * m + 114) % 31 + 1;
	*day = cal_day(year, month, mday);
	return 0;
}

/* Returns 1 for a metropolitan code: "01".."95" but "20", "2A", "2B". */
static int
cal_metropolitan(const char *dep)
{
	int	n;

	if (strlen(dep) != 2)
		return 0;
	if (strcmp(dep, "2A") == 0 || strcmp(dep, "2B") == 0)
		return 1;
	if ((n = cal_digits(dep, 2)) == -1)
		return 0;
	return n >= 1 && n <= 95 && n != 20;
}

/* Returns the index of dep in cal_overseas, or -1. */
static int
cal_overseas_index(const char *dep)
{
	size_t	i;

	for (i = 0; i < sizeof(cal_overseas) / sizeof(cal_overseas[0]); i++)
		if (strcmp(dep, cal_overseas[i].code) == 0)
			return (int)i;
	return -1;
}

static int
cal_is_alsace_moselle(const char *dep)
{
	size_t	i;

	for (i = 0; i < sizeof(cal_alsace_moselle) /
	    sizeof(cal_alsace_moselle[0]); i++)
		if (strcmp(dep, cal_alsace_moselle[i]) == 0)
			return 1;
	return 0;
}

int
cal_department_ok(const char *department)
{
	if (department == NULL)
		return 0;
	return cal_metropolitan(department) ||
	    cal_overseas_index(department) != -1;
}

/* Appends one holiday, keeping the array sorted by day and stable. */
static void
cal_insert(struct cal_holiday *h, int *n, long day, const char *name)
{
	int	i;

	for (i = *n; i > 0 && h[i - 1].day > day; i--)
		h[i] = h[i - 1];
	h[i].day = day;
	h[i].name = name;
	(*n)++;
}

/* Appends the holiday rule r gives in year to h, sorted by day. */
static void
cal_apply(struct cal_holiday *h, int *n, int year, long easter,
    const struct cal_rule *r)
{
	if (r->month == 0)
		cal_insert(h, n, easter + r->day, r->name);
	else
		cal_insert(h, n, cal_day(year, r->month, r->day), r->name);
}

int
cal_holidays(int year, const char *department,
    struct cal_holiday out[CAL_HOLIDAYS_MAX])
{
	struct cal_holiday	h[CAL_HOLIDAYS_MAX];
	long			easter;
	size_t			i;
	int			n = 0, ov;

	if (!cal_department_ok(department) || cal_easter(year, &easter) == -1)
		return -1;
	for (i = 0; i < sizeof(cal_national) / sizeof(cal_national[0]); i++)
		cal_apply(h, &n, year, easter, &cal_national[i]);
	if (cal_is_alsace_moselle(department))
		for (i = 0; i < sizeof(cal_alsace_moselle_rules) /
		    sizeof(cal_alsace_moselle_rules[0]); i++)
			cal_apply(h, &n, year, easter,
			    &cal_alsace_moselle_rules[i]);
	if ((ov = cal_overseas_index(department)) != -1 &&
	    cal_overseas[ov].month != 0)
		cal_insert(h, &n, cal_day(year, cal_overseas[ov].month,
		    cal_overseas[ov].day), cal_abolition);
	memcpy(out, h, (size_t)n * sizeof(h[0]));
	return n;
}

const char *
cal_holiday_name(long day, const char *department)
{
	struct cal_holiday	h[CAL_HOLIDAYS_MAX];
	int			y, m, d, n, i;

	cal_ymd(day, &y, &m, &d);
	if ((n = cal_holidays(y, department, h)) == -1)
		return NULL;
	for (i = 0; i < n; i++)
		if (h[i].day == day)
			return h[i].name;
	return NULL;
}

long
cal_working_days(long from, long to, const char *department)
{
	struct cal_holiday	h[CAL_HOLIDAYS_MAX];
	long			day, count = 0;
	int			y, m, d, year = 0, nh = -1, i;

	if (!cal_department_ok(department))
		return -1;
	for (day = from; day <= to; day++) {
		cal_ymd(day, &y, &m, &d);
		/* The holidays of a year are computed once per year. */
		if (nh == -1 || y != year) {
			if ((nh = cal_holidays(y, department, h)) == -1)
				return -1;
			year = y;
		}
		if (cal_weekday(day) >= 6)
			continue;
		for (i = 0; i < nh && h[i].day != day; i++)
			continue;
		if (i == nh)
			count++;
	}
	return count;
}

int
cal_is_working_day(long day, const char *department)
{
	return (int)cal_working_days(day, day, department);
}

long
cal_working_delay(long sent, long answered, const char *department)
{
	if (!cal_department_ok(department) || answered < sent)
		return -1;
	/* The day it was sent never counts: sent < d <= answered. */
	return cal_working_days(sent + 1, answered, department);
}

long
cal_due_date(long from, int n, const char *department)
{
	long	d = from;
	int	k = 0, w;

	if (n < 0 || n > CAL_DUE_MAX || !cal_department_ok(department))
		return -1;
	while (k < n) {
		if ((w = cal_is_working_day(++d, department)) == -1)
			return -1;
		k += w;
	}
	return d;
}
