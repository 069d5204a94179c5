/*
 * The semesters of the self-assessment: "YYYY-S1" and "YYYY-S2" read
 * whole and nothing else, the semester before one, and the due date of
 * the corrective action a gap opens (the end of the next semester).
 */
#include "config.h"

#include <string.h>

#include "selfassess.h"
#include "tap.h"

static void
reads(const char *s, int year, int half)
{
	int	y = -1, h = -1;

	tap_ok(selfassess_semester_parse(s, &y, &h) == 0 && y == year &&
	    h == half, "\"%s\" is semester %d of %d", s, half, year);
}

static void
refused(const char *s, const char *why)
{
	int	y = -7, h = -7;

	tap_ok(selfassess_semester_parse(s, &y, &h) == -1 && y == -7 &&
	    h == -7, "%s is refused, nothing set", why);
}

int
main(void)
{
	char	out[SELFASSESS_SEMESTER_LEN + 1], due[11];

	tap_plan(4 + 11 + 2 + 2);
	reads("2026-S1", 2026, 1);
	reads("2026-S2", 2026, 2);
	reads("2000-S1", 2000, 1);
	reads("2099-S2", 2099, 2);
	refused(NULL, "NULL");
	refused("", "an empty string");
	refused("2026-S3", "a third semester");
	refused("2026-S0", "semester 0");
	refused("2026-s1", "a lower-case s");
	refused("2026-S1 ", "a trailing space");
	refused(" 2026-S1", "a leading space");
	refused("2026-S12", "trailing digits");
	refused("1999-S1", "a year before 2000");
	refused("2026S1", "no dash");
	refused("20a6-S1", "a letter in the year");
	selfassess_semester_prev(2026, 1, out);
	tap_ok(strcmp(out, "2025-S2") == 0, "before 2026-S1 is 2025-S2");
	selfassess_semester_prev(2026, 2, out);
	tap_ok(strcmp(out, "2026-S1") == 0, "before 2026-S2 is 2026-S1");
	selfassess_due(2026, 1, due);
	tap_ok(strcmp(due, "2026-12-31") == 0, "a gap of 2026-S1 is due on "
	    "2026-12-31");
	selfassess_due(2026, 2, due);
	tap_ok(strcmp(due, "2027-06-30") == 0, "a gap of 2026-S2 is due on "
	    "2027-06-30");
	return tap_done();
}
