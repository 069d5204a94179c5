/*
 * A service's key, derived from its French name: accents dropped, "œ"
 * written "oe", every run of other characters one dash, none at either
 * end, "s-" before a leading digit, cut short enough for a "-NN"; a
 * name without a letter or a digit has no key. And what a key may be.
 */
#include "config.h"

#include <string.h>

#include "services.h"
#include "tap.h"

static void
key_is(const char *label, const char *expected)
{
	char	out[SERVICES_KEY_MAX + 1];
	int	rc;

	rc = services_key(label, out);
	if (!tap_ok(rc == 0 && strcmp(out, expected) == 0, "\"%s\" gives %s",
	    label, expected))
		tap_diag("rc %d, got \"%s\"", rc, out);
	else
		tap_ok(services_key_valid(out), "which is a valid key");
}

static void
no_key(const char *label, const char *what)
{
	char	out[SERVICES_KEY_MAX + 1];

	tap_ok(services_key(label, out) == -1 && out[0] == '\0', "%s has no "
	    "key", what);
}

int
main(void)
{
	char	long_label[400], out[SERVICES_KEY_MAX + 1];
	size_t	i, n;
	int	rc;

	tap_plan(31);
	key_is("Accueil général", "accueil-general");
	key_is("Service des étrangers", "service-des-etrangers");
	key_is("Standard (accueil téléphonique)",
	    "standard-accueil-telephonique");
	key_is("  Point numérique  ", "point-numerique");
	key_is("Boîte fonctionnelle générale – courriel",
	    "boite-fonctionnelle-generale-courriel");
	key_is("Cœur de l’accueil, ÉTÉ", "coeur-de-l-accueil-ete");
	key_is("17 – Police", "s-17-police");
	key_is("Ça & là : Ÿ Ñ Æ", "ca-la-y-n-ae");
	no_key("", "an empty name");
	no_key(" – … ", "a name of punctuation");
	no_key("日本", "a name in another script");

	for (i = 0; i + 3 < sizeof(long_label); i += 3)
		memcpy(long_label + i, "ab ", 3);
	long_label[i] = '\0';
	rc = services_key(long_label, out);
	n = strlen(out);
	tap_ok(rc == 0 && n > 50 && n <= SERVICES_KEY_MAX - 4 &&
	    out[n - 1] != '-', "a long name gives a key short enough for a "
	    "suffix, without a dash at its end (%zu characters)", n);

	tap_ok(services_key_valid("standard"), "standard is a key");
	tap_ok(services_key_valid("point-numerique-2"), "with a suffix too");
	tap_ok(!services_key_valid(NULL), "NULL is not a key");
	tap_ok(!services_key_valid(""), "nor the empty string");
	tap_ok(!services_key_valid("Standard"), "nor an upper case letter");
	tap_ok(!services_key_valid("2-standard"), "nor a leading digit");
	tap_ok(!services_key_valid("-standard"), "nor a leading dash");
	tap_ok(!services_key_valid("étrangers"), "nor an accent");
	tap_ok(!services_key_valid("a b"), "nor a space");
	memset(long_label, 'a', SERVICES_KEY_MAX + 1);
	long_label[SERVICES_KEY_MAX + 1] = '\0';
	tap_ok(!services_key_valid(long_label), "nor 65 characters");
	long_label[SERVICES_KEY_MAX] = '\0';
	tap_ok(services_key_valid(long_label), "but 64 are");
	return tap_done();
}
