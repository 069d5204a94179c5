/* The password policy: length, UTF-8, not only spaces, not the login. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "staff.h"
#include "tap.h"

/* Whether the policy takes pw (of len bytes) for the account login. */
static int
takes(const char *pw, size_t len, const char *login)
{
	char	*cause = NULL;
	int	 rc;

	rc = staff_password_policy(pw, len, login, &cause);
	if (rc == -1 && (cause == NULL || *cause == '\0'))
		tap_diag("refused without a reason: %s", pw);
	free(cause);
	return rc == 0;
}

int
main(void)
{
	char	 longpw[STAFF_PASSWORD_MAX + 2];

	tap_plan(11);
	tap_ok(takes("une phrase de passe", 19, "marie.dupont"),
	    "a long phrase is taken");
	tap_ok(takes("douze-octets", 12, NULL), "12 bytes are taken");
	tap_ok(!takes("onze-octets", 11, NULL), "11 bytes are refused");
	tap_ok(!takes("            ", 12, NULL), "only spaces are refused");
	tap_ok(!takes("mot \xff de passe ok", 18, NULL),
	    "bytes that are not UTF-8 are refused");
	memset(longpw, 'a', sizeof(longpw));
	tap_ok(takes(longpw, STAFF_PASSWORD_MAX, NULL),
	    "STAFF_PASSWORD_MAX bytes are taken");
	tap_ok(!takes(longpw, STAFF_PASSWORD_MAX + 1, NULL),
	    "one byte more is refused");
	tap_ok(!takes("marie.dupont", 12, "marie.dupont"),
	    "the login itself is refused");
	tap_ok(!takes("Bonjour MARIE.Dupont 2026", 25, "marie.dupont"),
	    "a password holding the login, in any case, is refused");
	tap_ok(takes("Bonjour marie.dupon 2026", 24, "marie.dupont"),
	    "a part of the login is taken");
	tap_ok(takes("une phrase de passe", 19, ""),
	    "an empty login checks nothing");
	return tap_done();
}
