/*
 * Easter Sunday (Gregorian computus) from 1900 to 2100 against a table of
 * dates transcribed from published lists, not computed here:
 *
 *  - 1901 to 2078: the table of known Easter dates of the CPAN module
 *    DateTime-Event-Easter (t/06known.t);
 *  - 1901 to 1986: the "Easter Date Tables" of dr-mikes-math-games-for-
 *    kids.com, and 1990 to 2049: the Easter Sunday tables of GM Arts
 *    (dates.gmarts.org/eastdate.htm, after the Astronomical Society of
 *    South Australia), both agreeing with the first on every year;
 *  - 2000 to 2100: two further independent lists of Easter dates 2000-2100
 *    (2000-2099 for one), agreeing with each other and with the above;
 *  - 1900: 15 April, as in each of the lists that reach it.
 *
 * Every year from 1901 to 2100 but 1987-1989 is in at least two lists.
 */
#include "config.h"

#include <stddef.h>

#include "cal.h"
#include "tap.h"

static const struct {
	int	year;
	int	month;
	int	day;
} easter[] = {
	{ 1900, 4, 15 }, { 1901, 4,  7 }, { 1902, 3, 30 }, { 1903, 4, 12 },
	{ 1904, 4,  3 }, { 1905, 4, 23 }, { 1906, 4, 15 }, { 1907, 3, 31 },
	{ 1908, 4, 19 }, { 1909, 4, 11 }, { 1910, 3, 27 }, { 1911, 4, 16 },
	{ 1912, 4,  7 }, { 1913, 3, 23 }, { 1914, 4, 12 }, { 1915, 4,  4 },
	{ 1916, 4, 23 }, { 1917, 4,  8 }, { 1918, 3, 31 }, { 1919, 4, 20 },
	{ 1920, 4,  4 }, { 1921, 3, 27 }, { 1922, 4, 16 }, { 1923, 4,  1 },
	{ 1924, 4, 20 }, { 1925, 4, 12 }, { 1926, 4,  4 }, { 1927, 4, 17 },
	{ 1928, 4,  8 }, { 1929, 3, 31 }, { 1930, 4, 20 }, { 1931, 4,  5 },
	{ 1932, 3, 27 }, { 1933, 4, 16 }, { 1934, 4,  1 }, { 1935, 4, 21 },
	{ 1936, 4, 12 }, { 1937, 3, 28 }, { 1938, 4, 17 }, { 1939, 4,  9 },
	{ 1940, 3, 24 }, { 1941, 4, 13 }, { 1942, 4,  5 }, { 1943, 4, 25 },
	{ 1944, 4,  9 }, { 1945, 4,  1 }, { 1946, 4, 21 }, { 1947, 4,  6 },
	{ 1948, 3, 28 }, { 1949, 4, 17 }, { 1950, 4,  9 }, { 1951, 3, 25 },
	{ 1952, 4, 13 }, { 1953, 4,  5 }, { 1954, 4, 18 }, { 1955, 4, 10 },
	{ 1956, 4,  1 }, { 1957, 4, 21 }, { 1958, 4,  6 }, { 1959, 3, 29 },
	{ 1960, 4, 17 }, { 1961, 4,  2 }, { 1962, 4, 22 }, { 1963, 4, 14 },
	{ 1964, 3, 29 }, { 1965, 4, 18 }, { 1966, 4, 10 }, { 1967, 3, 26 },
	{ 1968, 4, 14 }, { 1969, 4,  6 }, { 1970, 3, 29 }, { 1971, 4, 11 },
	{ 1972, 4,  2 }, { 1973, 4, 22 }, { 1974, 4, 14 }, { 1975, 3, 30 },
	{ 1976, 4, 18 }, { 1977, 4, 10 }, { 1978, 3, 26 }, { 1979, 4, 15 },
	{ 1980, 4,  6 }, { 1981, 4, 19 }, { 1982, 4, 11 }, { 1983, 4,  3 },
	{ 1984, 4, 22 }, { 1985, 4,  7 }, { 1986, 3, 30 }, { 1987, 4, 19 },
	{ 1988, 4,  3 }, { 1989, 3, 26 }, { 1990, 4, 15 }, { 1991, 3, 31 },
	{ 1992, 4, 19 }, { 1993, 4, 11 }, { 1994, 4,  3 }, { 1995, 4, 16 },
	{ 1996, 4,  7 }, { 1997, 3, 30 }, { 1998, 4, 12 }, { 1999, 4,  4 },
	{ 2000, 4, 23 }, { 2001, 4, 15 }, { 2002, 3, 31 }, { 2003, 4, 20 },
	{ 2004, 4, 11 }, { 2005, 3, 27 }, { 2006, 4, 16 }, { 2007, 4,  8 },
	{ 2008, 3, 23 }, { 2009, 4, 12 }, { 2010, 4,  4 }, { 2011, 4, 24 },
	{ 2012, 4,  8 }, { 2013, 3, 31 }, { 2014, 4, 20 }, { 2015, 4,  5 },
	{ 2016, 3, 27 }, { 2017, 4, 16 }, { 2018, 4,  1 }, { 2019, 4, 21 },
	{ 2020, 4, 12 }, { 2021, 4,  4 }, { 2022, 4, 17 }, { 2023, 4,  9 },
	{ 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4,  5 }, { 2027, 3, 28 },
	{ 2028, 4, 16 }, { 2029, 4,  1 }, { 2030, 4, 21 }, { 2031, 4, 13 },
	{ 2032, 3, 28 }, { 2033, 4, 17 }, { 2034, 4,  9 }, { 2035, 3, 25 },
	{ 2036, 4, 13 }, { 2037, 4,  5 }, { 2038, 4, 25 }, { 2039, 4, 10 },
	{ 2040, 4,  1 }, { 2041, 4, 21 }, { 2042, 4,  6 }, { 2043, 3, 29 },
	{ 2044, 4, 17 }, { 2045, 4,  9 }, { 2046, 3, 25 }, { 2047, 4, 14 },
	{ 2048, 4,  5 }, { 2049, 4, 18 }, { 2050, 4, 10 }, { 2051, 4,  2 },
	{ 2052, 4, 21 }, { 2053, 4,  6 }, { 2054, 3, 29 }, { 2055, 4, 18 },
	{ 2056, 4,  2 }, { 2057, 4, 22 }, { 2058, 4, 14 }, { 2059, 3, 30 },
	{ 2060, 4, 18 }, { 2061, 4, 10 }, { 2062, 3, 26 }, { 2063, 4, 15 },
	{ 2064, 4,  6 }, { 2065, 3, 29 }, { 2066, 4, 11 }, { 2067, 4,  3 },
	{ 2068, 4, 22 }, { 2069, 4, 14 }, { 2070, 3, 30 }, { 2071, 4, 19 },
	{ 2072, 4, 10 }, { 2073, 3, 26 }, { 2074, 4, 15 }, { 2075, 4,  7 },
	{ 2076, 4, 19 }, { 2077, 4, 11 }, { 2078, 4,  3 }, { 2079, 4, 23 },
	{ 2080, 4,  7 }, { 2081, 3, 30 }, { 2082, 4, 19 }, { 2083, 4,  4 },
	{ 2084, 3, 26 }, { 2085, 4, 15 }, { 2086, 3, 31 }, { 2087, 4, 20 },
	{ 2088, 4, 11 }, { 2089, 4,  3 }, { 2090, 4, 16 }, { 2091, 4,  8 },
	{ 2092, 3, 30 }, { 2093, 4, 12 }, { 2094, 4,  4 }, { 2095, 4, 24 },
	{ 2096, 4, 15 }, { 2097, 3, 31 }, { 2098, 4, 20 }, { 2099, 4, 12 },
	{ 2100, 3, 28 },
};

#define NEASTER	(sizeof(easter) / sizeof(easter[0]))

int
main(void)
{
	char	got[CAL_DATE_LEN + 1];
	long	day = 0;
	size_t	i;
	int	y = 0, m = 0, d = 0, ok, allsun, inrange;

	tap_plan((int)NEASTER + 5);
	for (i = 0; i < NEASTER; i++) {
		ok = cal_easter(easter[i].year, &day) == 0;
		if (ok)
			cal_ymd(day, &y, &m, &d);
		ok = ok && y == easter[i].year && m == easter[i].month &&
		    d == easter[i].day;
		if (!tap_ok(ok, "Easter %d is %d-%02d-%02d", easter[i].year,
		    easter[i].year, easter[i].month, easter[i].day)) {
			cal_format(day, got);
			tap_diag("got %s", got);
		}
	}

	allsun = inrange = 1;
	for (y = CAL_YEAR_MIN; y <= CAL_YEAR_MAX; y++) {
		if (cal_easter(y, &day) == -1) {
			allsun = inrange = 0;
			break;
		}
		if (cal_weekday(day) != 7)
			allsun = 0;
		if (day < cal_day(y, 3, 22) || day > cal_day(y, 4, 25))
			inrange = 0;
	}
	tap_ok(allsun, "every Easter from %d to %d is a Sunday", CAL_YEAR_MIN,
	    CAL_YEAR_MAX);
	tap_ok(inrange, "every Easter from %d to %d is between 22 March "
	    "and 25 April", CAL_YEAR_MIN, CAL_YEAR_MAX);
	tap_ok(cal_easter(1583, &day) == 0 && day == cal_day(1583, 4, 10),
	    "1583, the first Gregorian Easter, is 10 April");
	day = 42;
	tap_ok(cal_easter(1582, &day) == -1 && day == 42,
	    "1582 (before the Gregorian reform) is refused");
	tap_ok(cal_easter(4100, &day) == -1 && day == 42,
	    "4100 (beyond the algorithm's range) is refused");
	return tap_done();
}
