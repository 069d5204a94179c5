/* Door tokens, the ones nginx makes: checked against a token whose HMAC
   was computed by openssl (openssl dgst -sha256 -hmac), not by our code. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "tap.h"
#include "token.h"

static const char key[] =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
static const char path[] = "/enquete/satisfaction-2026-test";
/* printf '%s' 'qualimetre door token v1|/enquete/satisfaction-2026-test|
   1796323100.467|c93541de27c97913033078c57119aabd' |
   openssl dgst -sha256 -hmac "$key" -binary | basenc --base64url */
static const char good[] = "d.1796323100.467.c93541de27c97913033078c57119aabd."
    "FhImhysG2sHS8ELCStI_DuTIw0r5bqaRUSuEfMt3n2I";

/* good with the character at i replaced by c. */
static const char *
changed(size_t i, char c)
{
	static char	t[sizeof(good)];

	memcpy(t, good, sizeof(good));
	t[i] = c;
	return t;
}

static int
key_file(const char *text, char out[TOKEN_DOOR_KEY_LEN + 1])
{
	char	 name[] = "/tmp/test-token-door.XXXXXX", *cause = NULL;
	FILE	*f;
	int	 fd, rc;

	if ((fd = mkstemp(name)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return -2;
	fputs(text, f);
	fclose(f);
	rc = token_door_key_load(name, out, &cause);
	unlink(name);
	free(cause);
	return rc;
}

int
main(void)
{
	struct token_info	ti;
	char			k[TOKEN_DOOR_KEY_LEN + 1];
	size_t			mac = sizeof(good) - 1 - 43;

	tap_plan(14);
	if (sodium_init() < 0)
		return 1;
	memset(&ti, 0, sizeof(ti));
	tap_ok(token_door_read(key, path, good, &ti) == 1,
	    "a door token made as nginx makes it is ours");
	tap_ok(ti.issued == 1796323100 && ti.flags == 0,
	    "it says when it was made (%lld), with no flag",
	    (long long)ti.issued);
	tap_ok(token_door_read(key, "/enquete/satisfaction-2026-autre", good,
	    NULL) == 0, "not for another questionnaire's address");
	tap_ok(token_door_read("1123456789abcdef0123456789abcdef0123456789"
	    "abcdef0123456789abcdef", path, good, NULL) == 0,
	    "not under another key");
	tap_ok(token_door_read(key, path, changed(3, '8'), NULL) == 0,
	    "a changed time fails");
	tap_ok(token_door_read(key, path, changed(20, 'f'), NULL) == 0,
	    "a changed request id fails");
	tap_ok(token_door_read(key, path, changed(mac + 2, 'A'), NULL) == 0,
	    "a changed signature fails");
	tap_ok(token_door_read(key, path, changed(0, 'e'), NULL) == 0 &&
	    token_door_read(key, path, changed(12, ':'), NULL) == 0 &&
	    token_door_read(key, path, changed(mac - 1, '-'), NULL) == 0,
	    "a malformed token fails");
	tap_ok(token_door_read(key, path, "", NULL) == 0 &&
	    token_door_read(key, path, "d.", NULL) == 0 &&
	    token_door_read(key, path, TOKEN_DOOR_PLACEHOLDER, NULL) == 0,
	    "empty, short and the placeholder fail");
	tap_ok(token_door_read(key, path, "d.1796323100.467."
	    "C93541DE27C97913033078C57119AABD."
	    "FhImhysG2sHS8ELCStI_DuTIw0r5bqaRUSuEfMt3n2I", NULL) == 0,
	    "upper-case hex is not nginx's");
	tap_ok(key_file("set $qm_door_key \"0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef\";\n", k) == 0 &&
	    strcmp(k, key) == 0, "the key is read from nginx's include");
	tap_ok(key_file("set $qm_door_key \"0123456789abcdef\";\n", k) == -1,
	    "a short key is refused");
	tap_ok(key_file("set $qm_door_key \"0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdeg\";\n", k) == -1,
	    "a key that is not hexadecimal is refused");
	tap_ok(key_file("", k) == -1, "an empty file is refused");
	return tap_done();
}
