/*
 * The planning form's defaults and names: the period starts the Monday
 * after today and lasts two working weeks, the default title names the
 * kind, the month and the year, and the slug is made from the kind, the
 * site code and the first day, refused for anything that is not a site
 * code.
 */
#include "config.h"

#include <string.h>

#include "cal.h"
#include "planning.h"
#include "tap.h"

static int
period_is(long today, long first, long last, const char *what)
{
	struct cal_range	r;

	planning_default_period(today, &r);
	if (tap_ok(r.first == first && r.last == last, "%s", what))
		return 1;
	tap_diag("got %ld..%ld, expected %ld..%ld", r.first, r.last, first,
	    last);
	return 0;
}

static void
slug_is(enum planning_kind k, const char *code, long first, unsigned int n,
    const char *expected)
{
	char	out[PLANNING_SLUG_MAX + 1];
	int	rc;

	rc = planning_slug(k, code, first, n, out);
	if (!tap_ok(rc == 0 && strcmp(out, expected) == 0, "slug of %s, %u: "
	    "%s", code, n, expected))
		tap_diag("rc %d, got \"%s\"", rc, out);
}

static void
slug_refused(enum planning_kind k, const char *code, unsigned int n,
    const char *what)
{
	char	out[PLANNING_SLUG_MAX + 1];
	int	rc;

	memcpy(out, "junk", 5);
	rc = planning_slug(k, code, cal_day(2027, 3, 22), n, out);
	if (!tap_ok(rc == -1 && out[0] == '\0', "slug refused: %s", what))
		tap_diag("rc %d, got \"%s\"", rc, out);
}

int
main(void)
{
	char	title[64], small[8];
	long	mon = cal_day(2027, 3, 22);	/* a Monday */

	tap_plan(20);

	period_is(cal_day(2027, 3, 17), mon, cal_day(2027, 4, 2),
	    "from a Wednesday: the next Monday to the Friday after");
	period_is(cal_day(2027, 3, 21), mon, cal_day(2027, 4, 2),
	    "from a Sunday: the next day");
	period_is(cal_day(2027, 3, 20), mon, cal_day(2027, 4, 2),
	    "from a Saturday: two days later");
	period_is(cal_day(2027, 3, 15), mon, cal_day(2027, 4, 2),
	    "from a Monday: a week later, not today");
	period_is(cal_day(2026, 12, 31), cal_day(2027, 1, 4),
	    cal_day(2027, 1, 15), "across the new year");
	tap_ok(cal_weekday(cal_day(2027, 4, 2)) == 5,
	    "the default last day is a Friday");

	planning_title(PLANNING_CALLS, mon, title, sizeof(title));
	tap_ok(strcmp(title, "Appels mystère mars 2027") == 0,
	    "default title of calls: %s", title);
	planning_title(PLANNING_EMAILS, cal_day(2027, 8, 2), title,
	    sizeof(title));
	tap_ok(strcmp(title, "Courriels mystère août 2027") == 0,
	    "default title of emails: %s", title);
	planning_title(PLANNING_CALLS, mon, small, sizeof(small));
	tap_ok(strcmp(small, "Appels ") == 0, "a title truncated to its "
	    "buffer, NUL-terminated");

	slug_is(PLANNING_CALLS, "PREF-41", mon, 1,
	    "appels-pref-41-2027-03-22");
	slug_is(PLANNING_EMAILS, "PREF-41", mon, 1,
	    "courriels-pref-41-2027-03-22");
	slug_is(PLANNING_CALLS, "2A", mon, 2, "appels-2a-2027-03-22-2");
	slug_is(PLANNING_EMAILS, "ABCDEFGHIJKLMNOP", mon, 999,
	    "courriels-abcdefghijklmnop-2027-03-22-999");
	slug_refused(PLANNING_CALLS, "", 1, "an empty code");
	slug_refused(PLANNING_CALLS, "pref-41", 1, "a lower-case code");
	slug_refused(PLANNING_CALLS, "PREF/41", 1, "a slash");
	slug_refused(PLANNING_CALLS, "ABCDEFGHIJKLMNOPQ", 1,
	    "a code of 17 characters");
	slug_refused(PLANNING_CALLS, "-PREF", 1, "a code starting with -");
	slug_refused(PLANNING_CALLS, "PREF", 0, "n = 0");
	slug_refused(PLANNING_KIND__MAX, "PREF", 1, "an unknown kind");
	return tap_done();
}
