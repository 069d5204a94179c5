/*
 * A referential's targets typed in per cent ("82,5" stored as 0.825),
 * blank for the grid's value, anything else refused; and a referential's
 * figures in French, "valeur de la grille" where it fixes none.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "referentials.h"
#include "tap.h"

static void
percent_is(const char *v, const char *expected)
{
	char	out[REFERENTIALS_FRACTION_MAX];
	int	rc;

	rc = referentials_percent(v, out);
	if (!tap_ok(rc == 1 && strcmp(out, expected) == 0, "\"%s\" is %s",
	    v, expected))
		tap_diag("rc %d, got \"%s\"", rc, out);
}

static void
refused(const char *v, const char *what)
{
	char	out[REFERENTIALS_FRACTION_MAX];

	tap_ok(referentials_percent(v, out) == -1 && out[0] == '\0',
	    "%s is refused", what);
}

static void
described(const char *d, const char *rt, const char *r, const char *t,
    const char *pu, const char *expected)
{
	struct buf	b;

	memset(&b, 0, sizeof(b));
	referentials_describe(&b, d, rt, r, t, pu);
	if (!tap_ok(b.data != NULL && strcmp(b.data, expected) == 0, "described: %s", expected))
		tap_diag("got: %s", b.data);
	buf_free(&b);
}

int
main(void)
{
	char	out[REFERENTIALS_FRACTION_MAX];

	tap_plan(22);
	percent_is("80", "0.800");
	percent_is("82,5", "0.825");
	percent_is("82.5", "0.825");
	percent_is(" 82,5 % ", "0.825");
	percent_is("90%", "0.900");
	percent_is("0", "0.000");
	percent_is("100", "1.000");
	percent_is("100,0", "1.000");
	percent_is("007", "0.070");
	tap_ok(referentials_percent("   ", out) == 0 && out[0] == '\0',
	    "blank: no value, the grid's");
	tap_ok(referentials_percent("", out) == 0, "empty: the grid's too");
	refused("100,1", "over 100 %");
	refused("82,25", "two decimals");
	refused("-5", "a negative number");
	refused("1000", "four digits");
	refused("8 0", "a space inside");
	refused(",5", "no units");
	refused("80,", "a comma with no decimal");
	refused("%", "a lone per cent sign");
	refused("0.8e1", "an exponent");

	described("5", "", "4", "", "", "courriels sous 5 jours ouvrés, "
	    "objectif : valeur de la grille ; appels décrochés en moins de 5 "
	    "sonneries (au plus 4), objectif : valeur de la grille ; appels "
	    "décrochés, objectif : valeur de la grille");
	described("", "0.8", "", "0.825", "1", "délai des courriels : valeur "
	    "de la grille, objectif : 80\xc2\xa0% ; sonneries : valeur de la "
	    "grille, objectif : 82,5\xc2\xa0% ; appels décrochés, objectif : "
	    "100\xc2\xa0%");
	return tap_done();
}
