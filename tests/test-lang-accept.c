/*
 * The public pages' language: the query's lang, Accept-Language with its
 * q-values and region subtags, the direction, the catalogue.
 */
#include "config.h"

#include <string.h>

#include "lang.h"
#include "tap.h"

static const char *const avail[] = { "fr", "en", "ar" };
#define NAVAIL	(sizeof(avail) / sizeof(avail[0]))

static int
accepts(const char *header, const char *want)
{
	const char	*got = lang_accept(header, avail, NAVAIL);

	if (strcmp(got, want) == 0)
		return 1;
	tap_diag("\"%s\": %s, not %s", header != NULL ? header : "(null)",
	    got, want);
	return 0;
}

static int
query(const char *q, int want_rc, const char *want)
{
	char	code[LANG_CODE_LEN];
	int	rc = lang_query(q, code);

	if (rc == want_rc && strcmp(code, want) == 0)
		return 1;
	tap_diag("\"%s\": %d \"%s\"", q != NULL ? q : "(null)", rc, code);
	return 0;
}

int
main(void)
{
	tap_plan(20);

	tap_ok(accepts("en", "en") && accepts("fr", "fr"), "a plain tag");
	tap_ok(accepts("en-US", "en") && accepts("en-GB,en;q=0.9", "en") &&
	    accepts("AR-ma", "ar"), "a region subtag counts as its language, "
	    "in any case");
	tap_ok(accepts("de", "fr") && accepts("de-DE, es;q=0.8", "fr") &&
	    accepts("*", "fr"), "nothing offered: French");
	tap_ok(accepts(NULL, "fr") && accepts("", "fr"), "no header: French");
	tap_ok(accepts("fr;q=0.5, en;q=0.8", "en") &&
	    accepts("en;q=0.3,ar;q=0.7,fr;q=0.2", "ar"),
	    "the highest q-value wins, whatever the order");
	tap_ok(accepts("de, en;q=0.9, fr;q=0.8", "en"),
	    "the best of those offered");
	tap_ok(accepts("en, fr", "en") && accepts("fr, en", "fr") &&
	    accepts("en;q=0.5, fr;q=0.5", "en"), "ties go to the header's "
	    "order");
	tap_ok(accepts("en;q=0", "fr") && accepts("en;q=0.000, ar", "ar"),
	    "q=0 refuses a language");
	tap_ok(accepts("en ; q=0.7 , ar;Q=0.6", "en") &&
	    accepts("en;q=1.000", "en"), "spaces and a capital Q");
	tap_ok(accepts("en;q=2, ar;q=0.1", "ar") &&
	    accepts("en;q=abc, ar;q=0.1", "ar") &&
	    accepts("en;level=1, ar;q=0.1", "ar") &&
	    accepts("en;q=0.5x, ar;q=0.1", "ar"),
	    "a malformed q-value refuses its tag");
	tap_ok(accepts("e, english, en_US, 1n, ar;q=0.1", "ar"),
	    "malformed tags are ignored");
	tap_ok(accepts(",,, ;q=1, en", "en"), "empty items are skipped");

	tap_ok(query("lang=en", 0, "en") && query("a=1&lang=ar&b=2", 0, "ar")
	    && query("x=1;lang=fr", 0, "fr"), "?lang=xx among other "
	    "parameters");
	tap_ok(query(NULL, -1, "") && query("", -1, "") &&
	    query("langue=en", -1, "") && query("xlang=en", -1, ""),
	    "no lang parameter");
	tap_ok(query("lang=EN", -1, "") && query("lang=e", -1, "") &&
	    query("lang=engl", -1, "") && query("lang=%65n", -1, "") &&
	    query("lang=", -1, "") && query("lang=en-GB", -1, ""),
	    "a lang that is not two or three lower-case letters is refused");

	tap_ok(strcmp(lang_choose("lang=ar", "en", avail, NAVAIL), "ar") ==
	    0 && strcmp(lang_choose("lang=de", "en", avail, NAVAIL), "en") ==
	    0 && strcmp(lang_choose("lang=xx", NULL, avail, NAVAIL), "fr") ==
	    0 && strcmp(lang_choose(NULL, "en-US", avail, 1), "fr") == 0,
	    "the query first, then Accept-Language, among those offered");

	tap_ok(lang_rtl("ar") && lang_rtl("he") && !lang_rtl("fr") &&
	    !lang_rtl("en") && !lang_rtl(NULL), "Arabic and Hebrew are "
	    "written right to left");
	tap_ok(strcmp(lang_name("en"), "English") == 0 &&
	    strcmp(lang_name("fr"), "Français") == 0 &&
	    lang_name("xx") == NULL, "each language's own name");
	tap_ok(strcmp(lang_msg("en", LMSG_SEND), "Send my answers") == 0 &&
	    strcmp(lang_msg("fr", LMSG_SEND), "Envoyer mes réponses") == 0 &&
	    strcmp(lang_msg("ar", LMSG_REQUIRED), "(obligatoire)") == 0 &&
	    strcmp(lang_msg(NULL, LMSG_REQUIRED), "(obligatoire)") == 0,
	    "the catalogue: English, French, and French for the others");
	tap_ok(strstr(LANG_FMT("en", LMSG_INTEGER), "whole number") != NULL &&
	    strstr(LANG_FMT("ar", LMSG_INTEGER), "nombre entier") != NULL,
	    "its formats the same way");
	return tap_done();
}
