/*
 * The label's sampling rules for mystery contacts. The cases are worked
 * out by hand on a real calendar: the campaign runs from Monday 2 to
 * Friday 13 March 2026 in Loir-et-Cher (41), ten working days, twenty
 * half-days; Saturday 7 March is not a working day, nor is Easter Monday
 * 6 April 2026.
 */
#include "config.h"

#include <string.h>

#include "cal.h"
#include "results.h"
#include "sampling.h"
#include "tap.h"

static struct sampling_contact	c[32];
static const struct sampling_service services[] = {
	{ "standard", "Standard" }, { "etrangers", "Service des étrangers" },
	{ "courriel", "Boîte générale" },
};

/* Twenty contacts, one per half-day of the ten working days, in slots,
   the first two services taking turns. */
static size_t
plan(void)
{
	long	day = cal_day(2026, 3, 2);
	size_t	n = 0;
	int	d, pm;

	for (d = 0; d < 12; d++) {
		if (!cal_is_working_day(day + d, "41"))
			continue;
		for (pm = 0; pm < 2; pm++, n++) {
			c[n].day = day + d;
			c[n].hour = pm ? 14 : 9;
			c[n].in_slot = 1;
			c[n].service = n % 2 ? "etrangers" : "standard";
		}
	}
	return n;
}

static int
check(size_t n, struct sampling_report *rep, const struct sampling_period *h,
    size_t nh)
{
	struct sampling_input	in;

	memset(&in, 0, sizeof(in));
	in.contacts = c;
	in.ncontacts = n;
	in.opens_on = cal_day(2026, 3, 2);
	in.closes_on = cal_day(2026, 3, 13);
	in.department = "41";
	in.holidays = h;
	in.nholidays = nh;
	in.holidays_known = 1;
	in.services = services;
	in.nservices = 2;
	return sampling_check(&in, rep);
}

int
main(void)
{
	struct sampling_report	 rep;
	struct sampling_period	 spring = { cal_day(2026, 3, 9),
				    cal_day(2026, 3, 13) };
	struct results		 r;
	size_t			 n;
	int			 rc;

	tap_plan(17);
	n = plan();
	rc = check(n, &rep, NULL, 0);
	tap_ok(rc == 0 && n == 20 && rep.met && rep.contacts == 20 &&
	    rep.span == 12 && rep.same_half_day == 0 && rep.non_working == 0 &&
	    rep.outside_slot == 0 && rep.untested == 0,
	    "20 contacts, one per half-day over the two weeks: met");
	memset(&r, 0, sizeof(r));
	sampling_notes(&rep, &r);
	tap_ok(r.rules == RESULTS_RULES_MET && r.nnotes == 1 &&
	    strcmp(r.notes[0], "20 contacts, pour 20 demandés par le label.") ==
	    0, "said in one sentence: %s", r.nnotes ? r.notes[0] : "");
	results_notes_free(&r);

	check(14, &rep, NULL, 0);
	tap_ok(!rep.met && rep.contacts == 14, "14 contacts: not met");
	memset(&r, 0, sizeof(r));
	sampling_notes(&rep, &r);
	tap_ok(r.rules == RESULTS_RULES_NOT_MET && r.nnotes == 1 &&
	    strncmp(r.notes[0], "14 contacts sur les 20 que le label "
	    "demande", 40) == 0, "and said so: %s", r.notes[0]);
	results_notes_free(&r);

	/* The last contact (Friday afternoon) moved to Thursday at 11 h,
	   whose morning has its contact at 9 h: two in one morning. */
	n = plan();
	c[19].day = c[16].day;
	c[19].hour = 11;
	check(n, &rep, NULL, 0);
	tap_ok(!rep.met && rep.same_half_day == 1, "two in one morning: a "
	    "breach");
	c[19].hour = SAMPLING_AFTERNOON_HOUR;
	check(n, &rep, NULL, 0);
	tap_ok(rep.same_half_day == 1, "at noon, it shares Thursday "
	    "afternoon with the contact at 14 h");

	n = plan();
	c[19].day = cal_day(2026, 3, 7);	/* a Saturday */
	check(n, &rep, NULL, 0);
	tap_ok(!rep.met && rep.non_working == 1 && rep.school_holiday == 0,
	    "a Saturday: not a working day");
	n = plan();
	c[19].day = cal_day(2026, 4, 6);	/* Easter Monday */
	check(n, &rep, NULL, 0);
	tap_ok(!rep.met && rep.non_working == 1 && rep.outside_period == 1 &&
	    rep.span == 36, "Easter Monday, after the campaign: a public "
	    "holiday, outside the period, 36 days of span");

	n = plan();
	check(n, &rep, &spring, 1);
	tap_ok(!rep.met && rep.school_holiday == 10,
	    "the second week in school holidays: 10 contacts in breach");

	n = plan();
	c[0].day = cal_day(2026, 2, 27);	/* the Friday before */
	check(n, &rep, NULL, 0);
	tap_ok(!rep.met && rep.outside_period == 1 && rep.span == 15,
	    "a day before the campaign: outside, and 15 days of span");

	n = plan();
	c[3].in_slot = 0;
	c[4].in_slot = 0;
	c[5].day = -1;
	check(n, &rep, NULL, 0);
	tap_ok(rep.outside_slot == 2 && rep.undated == 1 && !rep.met &&
	    rep.contacts == 20, "two outside a slot are said; an undated one "
	    "is not judged: 19 dated, not met");
	tap_ok(rep.same_half_day == 0, "an undated contact takes no "
	    "half-day");

	n = plan();
	c[1].service = "standard";
	c[3].service = "standard";
	for (size_t i = 0; i < n; i++)
		c[i].service = "standard";
	check(n, &rep, NULL, 0);
	tap_ok(rep.met && rep.untested == 1 &&
	    strcmp(rep.untested_labels[0], "Service des étrangers") == 0,
	    "a service never tested is said, not a breach");
	memset(&r, 0, sizeof(r));
	sampling_notes(&rep, &r);
	tap_ok(r.nnotes == 2 && strcmp(r.notes[1], "Service jamais testé : "
	    "Service des étrangers.") == 0, "in its own sentence: %s",
	    r.nnotes > 1 ? r.notes[1] : "");
	results_notes_free(&r);

	{
		struct sampling_input	in;

		memset(&in, 0, sizeof(in));
		in.department = "99";
		tap_ok(sampling_check(&in, &rep) == -1, "an unknown "
		    "department: refused");
		in.department = "41";
		in.ncontacts = 3;
		tap_ok(sampling_check(&in, &rep) == -1, "contacts counted "
		    "without an array: refused");
		in.ncontacts = 0;
		tap_ok(sampling_check(&in, &rep) == 0 && !rep.met &&
		    rep.holidays_unknown, "no contact: not met, and the school "
		    "calendar unknown is said");
	}
	return tap_done();
}
