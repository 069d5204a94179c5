/* Form tokens: bound to their campaign, unforgeable, well-formed. */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "tap.h"
#include "token.h"

int
main(void)
{
	unsigned char	key[TOKEN_KEY_LEN], other[TOKEN_KEY_LEN];
	char		t[TOKEN_LEN + 1], u[TOKEN_LEN + 1], bad[TOKEN_LEN + 2];
	char		uuid[37];
	size_t		i;
	int		urlsafe = 1;

	tap_plan(11);
	if (sodium_init() < 0)
		return 1;
	randombytes_buf(key, sizeof(key));
	randombytes_buf(other, sizeof(other));
	token_issue(key, 42, t);
	token_issue(key, 42, u);
	tap_ok(strlen(t) == TOKEN_LEN, "a token is TOKEN_LEN characters");
	for (i = 0; i < TOKEN_LEN; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_", t[i]) == NULL)
			urlsafe = 0;
	tap_ok(urlsafe, "in the base64url alphabet");
	tap_ok(strcmp(t, u) != 0, "two tokens differ");
	tap_ok(token_check(key, 42, t) == 1, "a token checks for its campaign");
	tap_ok(token_check(key, 43, t) == 0, "not for another campaign");
	tap_ok(token_check(other, 42, t) == 0, "not under another key");
	memcpy(bad, t, sizeof(t));
	bad[TOKEN_LEN - 1] = bad[TOKEN_LEN - 1] == 'A' ? 'B' : 'A';
	tap_ok(token_check(key, 42, bad) == 0, "a changed signature fails");
	memcpy(bad, t, sizeof(t));
	bad[0] = bad[0] == 'A' ? 'B' : 'A';
	tap_ok(token_check(key, 42, bad) == 0, "a changed nonce fails");
	tap_ok(token_check(key, 42, "") == 0 &&
	    token_check(key, 42, "short") == 0, "empty and short tokens fail");
	memcpy(bad, t, sizeof(t));
	bad[TOKEN_LEN] = 'A';
	bad[TOKEN_LEN + 1] = '\0';
	tap_ok(token_check(key, 42, bad) == 0, "a longer token fails");
	token_uuid(uuid);
	tap_ok(strlen(uuid) == 36 && uuid[14] == '4' && uuid[8] == '-' &&
	    strchr("89ab", uuid[19]) != NULL, "a UUID v4: %s", uuid);
	return tap_done();
}
