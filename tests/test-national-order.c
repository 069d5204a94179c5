/*
 * The national view's rank ranges (a site is ranked against the sites
 * whose interval lies wholly above or below its own) and the orders of
 * its table: by name, by rate either way with the sites without
 * opinions last, ties by name, stable.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "national.h"
#include "tap.h"

#define NCELLS(a)	(sizeof(a) / sizeof((a)[0]))

/* Writes the codes of cells in order into out, space separated. */
static const char *
codes(const struct national_cell *cells, const size_t *order, size_t n)
{
	static char	out[256];
	size_t		i;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strncat(out, " ", sizeof(out) - strlen(out) - 1);
		strncat(out, cells[order[i]].code, sizeof(out) - strlen(out) -
		    1);
	}
	return out;
}

static void
order_is(const struct national_cell *cells, size_t n, enum national_sort by,
    int desc, const char *want, const char *what)
{
	size_t		 order[16];
	const char	*got;

	memset(order, 0xff, sizeof(order));
	national_order(cells, n, by, desc, order);
	got = codes(cells, order, n);
	if (!tap_ok(strcmp(got, want) == 0, "%s: %s", what, want))
		tap_diag("got %s", got);
}

int
main(void)
{
	/* Four sites, one without opinions; B and C overlap, A is above
	   both, D below all. */
	struct national_cell	c[] = {
		{ "Cher", "C", 60, 100, 0.60, 0.50, 0.69, 0, 0 },
		{ "Aube", "A", 95, 100, 0.95, 0.89, 0.98, 0, 0 },
		{ "Eure", "E", 0, 0, 0.0, 0.0, 0.0, 7, 7 },
		{ "Doubs", "D", 20, 100, 0.20, 0.13, 0.29, 0, 0 },
		{ "Ain", "B", 65, 100, 0.65, 0.55, 0.74, 0, 0 },
	};
	/* Equal rates: the names decide, whichever the direction. */
	struct national_cell	t[] = {
		{ "Var", "V", 8, 10, 0.8, 0.49, 0.94, 0, 0 },
		{ "Lot", "L", 8, 10, 0.8, 0.49, 0.94, 0, 0 },
		{ "Gers", "G", 9, 10, 0.9, 0.60, 0.98, 0, 0 },
		{ "Lot", "K", 8, 10, 0.8, 0.49, 0.94, 0, 0 },
	};
	size_t			 one = 42;

	tap_plan(17);

	national_rank_ranges(c, NCELLS(c));
	tap_ok(c[1].best == 1 && c[1].worst == 1, "Aube, above all, is 1st "
	    "(%d-%d)", c[1].best, c[1].worst);
	tap_ok(c[0].best == 2 && c[0].worst == 3, "Cher overlaps Ain: 2-3 "
	    "(%d-%d)", c[0].best, c[0].worst);
	tap_ok(c[4].best == 2 && c[4].worst == 3, "and Ain too: 2-3 "
	    "(%d-%d)", c[4].best, c[4].worst);
	tap_ok(c[3].best == 4 && c[3].worst == 4, "Doubs, below all, is 4th "
	    "(%d-%d)", c[3].best, c[3].worst);
	tap_ok(c[2].best == 0 && c[2].worst == 0, "Eure, without opinions, "
	    "is not ranked and its old figures are cleared");

	national_rank_ranges(t, NCELLS(t));
	tap_ok(t[0].best == 1 && t[0].worst == 4 && t[2].best == 1 &&
	    t[2].worst == 4, "four overlapping intervals: every site 1-4");

	order_is(c, NCELLS(c), NATIONAL_BY_NAME, 0, "B A C D E",
	    "by name, A to Z");
	order_is(c, NCELLS(c), NATIONAL_BY_NAME, 1, "E D C A B",
	    "by name, Z to A");
	order_is(c, NCELLS(c), NATIONAL_BY_RATE, 1, "A B C D E",
	    "by rate, best first, the site without opinions last");
	order_is(c, NCELLS(c), NATIONAL_BY_RATE, 0, "D C B A E",
	    "by rate, worst first, the site without opinions still last");
	order_is(t, NCELLS(t), NATIONAL_BY_RATE, 1, "G K L V",
	    "equal rates by name then code, best first");
	order_is(t, NCELLS(t), NATIONAL_BY_RATE, 0, "K L V G",
	    "equal rates by name then code, worst first");
	order_is(t, NCELLS(t), NATIONAL_BY_NAME, 0, "G K L V",
	    "equal names by code");

	/* Edge cases: nothing to sort, one site. */
	national_order(c, 0, NATIONAL_BY_RATE, 1, NULL);
	tap_ok(1, "no site: nothing is written");
	national_order(c, 1, NATIONAL_BY_NAME, 0, &one);
	tap_ok(one == 0, "one site: order is 0");
	national_rank_ranges(c, 0);
	tap_ok(1, "no site: no rank");
	national_rank_ranges(c, 1);
	tap_ok(c[0].best == 1 && c[0].worst == 1, "alone, Cher is 1st");
	return tap_done();
}
