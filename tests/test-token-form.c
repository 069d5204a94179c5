/* Form tokens: bound to their campaign, unforgeable, well-formed, and
   carrying the time they were issued and their flags under the MAC. */
#include "config.h"

#include <string.h>
#include <time.h>

#include <sodium.h>

#include "tap.h"
#include "token.h"

int
main(void)
{
	unsigned char	key[TOKEN_KEY_LEN], other[TOKEN_KEY_LEN];
	char		t[TOKEN_LEN + 1], u[TOKEN_LEN + 1], bad[TOKEN_LEN + 2];
	char		uuid[37];
	struct token_info ti;
	size_t		i;
	int		urlsafe = 1, c;

	tap_plan(16);
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
	memset(&ti, 0, sizeof(ti));
	token_issue_at(key, 42, (time_t)1767225600, TOKEN_CONFIRMED, t);
	c = token_read(key, 42, t, &ti);
	tap_ok(c == 1 && ti.issued == 1767225600 && ti.flags ==
	    TOKEN_CONFIRMED, "a token says when it was issued (%lld) and its "
	    "flags (%u)", (long long)ti.issued, ti.flags);
	token_issue(key, 42, u);
	tap_ok(token_read(key, 42, u, &ti) == 1 && ti.flags == 0 &&
	    ti.issued >= time(NULL) - 5 && ti.issued <= time(NULL),
	    "token_issue issues now, without flags");
	/* Every character that holds the time or the flags is signed. */
	for (c = 0, i = 21; i < 34; i++) {
		memcpy(bad, t, sizeof(t));
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		c += token_read(key, 42, bad, &ti);
	}
	tap_ok(c == 0, "a changed time or flag fails (%d of 13 passed)", c);
	token_issue_at(key, 42, (time_t)-1, 0, t);
	tap_ok(token_read(key, 42, t, &ti) == 1 && ti.issued == (time_t)-1,
	    "a time before 1970 survives the round trip");
	tap_ok(token_check(key, 42, t) == 1, "token_check ignores the time");
	token_uuid(uuid);
	tap_ok(strlen(uuid) == 36 && uuid[14] == '4' && uuid[8] == '-' &&
	    strchr("89ab", uuid[19]) != NULL, "a UUID v4: %s", uuid);
	return tap_done();
}
