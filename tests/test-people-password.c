/*
 * A temporary password, as the people pages give one at an account's
 * creation or reset: sixteen characters of the alphabet without the
 * look-alikes (no i, l, 1, o, 0, no capital) in four groups of four,
 * each character drawn uniformly, so that every one turns up and two
 * passwords differ.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "people.h"
#include "tap.h"

#define DRAWS	2000

int
main(void)
{
	char	pw[PEOPLE_PW_LEN + 1], first[PEOPLE_PW_LEN + 1];
	int	seen[256] = { 0 }, shape = 1, alphabet = 1, all = 1, same = 0;
	size_t	i, k;
	int	n;

	tap_plan(6);
	if (sodium_init() < 0)
		tap_skip_all("libsodium cannot start");
	tap_ok(PEOPLE_PW_LEN == 19 && strlen(PEOPLE_PW_ALPHABET) == 31,
	    "19 characters: 16 of an alphabet of 31, and 3 dashes");
	tap_ok(strpbrk(PEOPLE_PW_ALPHABET, "il1o0ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	    == NULL, "the alphabet has no look-alike and no capital");
	people_temp_password(first);
	for (n = 0; n < DRAWS; n++) {
		memset(pw, 'X', sizeof(pw));
		people_temp_password(pw);
		if (strlen(pw) != PEOPLE_PW_LEN || pw[4] != '-' ||
		    pw[9] != '-' || pw[14] != '-')
			shape = 0;
		for (i = 0; i < PEOPLE_PW_LEN; i++) {
			if (i % 5 == 4)
				continue;
			if (strchr(PEOPLE_PW_ALPHABET, pw[i]) == NULL ||
			    pw[i] == '\0')
				alphabet = 0;
			seen[(unsigned char)pw[i]] = 1;
		}
		if (strcmp(pw, first) == 0)
			same++;
	}
	tap_ok(shape, "%d passwords: four groups of four, a dash between "
	    "groups, NUL-terminated", DRAWS);
	tap_ok(alphabet, "every character is of the alphabet");
	for (k = 0; k < sizeof(PEOPLE_PW_ALPHABET) - 1; k++)
		if (!seen[(unsigned char)PEOPLE_PW_ALPHABET[k]])
			all = 0;
	tap_ok(all, "every character of the alphabet turns up in %d draws",
	    DRAWS * 16);
	tap_ok(same == 0, "no password comes twice (%d repeats of the first)",
	    same);
	return tap_done();
}
