/*
 * The French calendar of a site: day numbers, Easter, the public holidays
 * of a department under today's law, and working days. Pure computation:
 * no I/O, no allocation, nothing printed.
 *
 * A day is a long counting days since 1970-01-01 in the proleptic
 * Gregorian calendar (1970-01-01 is 0, 1969-12-31 is -1). Public holidays
 * are those of the Code du travail, art. L3133-1 (1 January, Easter
 * Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August,
 * 1 November, 11 November, 25 December), plus Good Friday and 26 December
 * in Moselle, Bas-Rhin and Haut-Rhin (57, 67, 68), plus the day of the
 * abolition of slavery in each overseas department (971 Guadeloupe 27 May,
 * 972 Martinique 22 May, 973 Guyane 10 June, 974 La Réunion 20 December,
 * 976 Mayotte 27 April). The law gives Good Friday only to the communes
 * of Alsace-Moselle with a Protestant temple or a mixed church; it is
 * applied here to the whole of the three departments, as is the custom.
 * Today's law is applied to every year: the functions say which holidays
 * a year has now, not which it had then.
 *
 * Departments are INSEE codes: "01" to "95" (but not "20"), "2A", "2B",
 * "971" to "976", as sql/001-schema.sql accepts them; 975
 * (Saint-Pierre-et-Miquelon) has the national holidays only.
 */
#ifndef QUALIMETRE_CAL_H
#define QUALIMETRE_CAL_H

#include <stddef.h>

/* The most public holidays a department has in a year (Alsace-Moselle). */
#define CAL_HOLIDAYS_MAX	13
/* Length of a date written YYYY-MM-DD, without its NUL. */
#define CAL_DATE_LEN		10
/* The years for which holidays can be computed (those of cal_easter). */
#define CAL_YEAR_MIN		1583
#define CAL_YEAR_MAX		4099

/* One public holiday. */
struct cal_holiday {
	long		 day;	/* its day number */
	const char	*name;	/* its official French name, e.g. "Lundi de
				   Pâques" (static storage, UTF-8) */
};

/* A range of days, both ends included (a school holiday, a period). */
struct cal_range {
	long	first;		/* first day of the range */
	long	last;		/* last day of the range; a range whose last
				   day precedes its first holds no day */
};

/*
 * Returns the day number of y-m-d. The date is not checked: a day or
 * month out of range counts on from the month (cal_day(2025, 1, 32) is
 * 2025-02-01), so check input with cal_parse first.
 */
long	 cal_day(int y, int m, int d);

/* Writes the year, month (1-12) and day (1-31) of day into y, m, d. */
void	 cal_ymd(long day, int *y, int *m, int *d);

/* Returns the ISO weekday of day: 1 Monday ... 6 Saturday, 7 Sunday. */
int	 cal_weekday(long day);

/* The French name of month m, 1 to 12 ("janvier"), or NULL. */
const char *cal_month_name(int m);

/* The French name of ISO weekday wd, 1 to 7 ("lundi"), or NULL. */
const char *cal_weekday_name(int wd);

/*
 * Parses s, which must be exactly YYYY-MM-DD (ten characters, nothing
 * before or after), a date that exists, with a year from 1900 to 2999.
 * Returns 0 and writes the day number to *day, or -1 and leaves *day
 * alone.
 */
int	 cal_parse(const char *s, long *day);

/*
 * Writes day as YYYY-MM-DD and a NUL into out. Returns 0, or -1 when the
 * year is not between 0 and 9999 (out is then the empty string).
 */
int	 cal_format(long day, char out[CAL_DATE_LEN + 1]);

/*
 * Computes Easter Sunday of year in the Gregorian calendar (the
 * Meeus/Jones/Butcher algorithm). Returns 0 and writes its day number to
 * *day, or -1 when year is outside CAL_YEAR_MIN..CAL_YEAR_MAX.
 */
int	 cal_easter(int year, long *day);

/* Returns 1 when department is a department code we know, 0 otherwise. */
int	 cal_department_ok(const char *department);

/*
 * Fills out with the public holidays of year in department, sorted by
 * day, and returns how many there are (11 to 13). Two holidays may fall
 * on the same day (Ascension on 1 May in 2008): both are listed. Returns
 * -1, and leaves out alone, when the department is unknown or the year is
 * outside CAL_YEAR_MIN..CAL_YEAR_MAX.
 */
int	 cal_holidays(int year, const char *department,
	    struct cal_holiday out[CAL_HOLIDAYS_MAX]);

/*
 * Returns the name of the public holiday on day in department (the first
 * one, if two fall that day), or NULL when day is not a public holiday
 * there, when the department is unknown or the year out of range.
 */
const char *cal_holiday_name(long day, const char *department);

/*
 * Returns 1 when day is a working day in department (neither a Saturday,
 * a Sunday nor a public holiday), 0 when it is not, -1 when the
 * department is unknown or the year out of range.
 */
int	 cal_is_working_day(long day, const char *department);

/*
 * Returns the number of working days from from to to, both included (0
 * when to precedes from), or -1 when the department is unknown or a year
 * of the range is out of range.
 */
long	 cal_working_days(long from, long to, const char *department);

/*
 * Returns the delay of an answer in working days: the number of working
 * days d with sent < d <= answered. An answer the same day takes 0 days,
 * an email sent on Friday and answered on Monday takes 1, whatever the
 * hour; an email sent on Saturday and answered on Monday also takes 1.
 * Returns -1 when answered precedes sent, when the department is unknown
 * or a year is out of range.
 */
long	 cal_working_delay(long sent, long answered, const char *department);

/* The longest delay cal_due_date counts, in working days. */
#define CAL_DUE_MAX	250

/*
 * Returns the day an answer to what was sent on day from is due: the
 * n-th working day of the department after from, from itself not
 * counted. An email sent on Thursday with 5 working days is due on the
 * Thursday after, one day later for each public holiday in between; n 0
 * gives from. It agrees with cal_working_delay: an answer on day a is on
 * time when cal_working_delay(from, a) <= n, which holds up to the day
 * before the first working day after the due date. Returns -1 when n is
 * outside 0..CAL_DUE_MAX, the department is unknown or a year is out of
 * range.
 */
long	 cal_due_date(long from, int n, const char *department);

#endif /* QUALIMETRE_CAL_H */
