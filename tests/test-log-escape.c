/*
 * Log lines cannot be forged nor drive a terminal (issue 12, item 9):
 * log_escape escapes backslashes, C0 and C1 controls and DEL, and keeps
 * UTF-8 text; log_warnx writes exactly one line whatever its message
 * holds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "tap.h"

static int
escapes(const char *in, const char *want)
{
	struct buf	b = { NULL, 0, 0 };
	int		ok;

	log_escape(in, &b);
	ok = (want[0] == '\0' && b.len == 0) ||
	    (b.data != NULL && strcmp(b.data, want) == 0);
	if (!ok)
		tap_diag("got \"%s\", want \"%s\"", b.data ? b.data : "", want);
	buf_free(&b);
	return ok;
}

int
main(void)
{
	FILE	*tmp;
	char	 line[512], *nl;
	size_t	 n;
	int	 saved, lines;

	tap_plan(9);
	tap_ok(escapes("login c.martin: mot de passe refusé",
	    "login c.martin: mot de passe refusé"),
	    "plain text and UTF-8 kept as they are");
	tap_ok(escapes("", ""), "an empty message stays empty");
	tap_ok(escapes("a\nqualimetre-survey[1]: forged\r\n",
	    "a\\nqualimetre-survey[1]: forged\\r\\n"),
	    "LF and CR cannot start a forged line");
	tap_ok(escapes("\x1b[31mred\x1b[0m\x07\x7f",
	    "\\x1b[31mred\\x1b[0m\\x07\\x7f"),
	    "ESC, BEL and DEL escaped: no terminal sequence goes through");
	tap_ok(escapes("tab\there", "tab\\there"), "a tab escaped");
	tap_ok(escapes("C:\\n", "C:\\\\n"),
	    "a backslash doubled, so that an escape cannot be faked");
	tap_ok(escapes("x\xc2\x85y\xc2\x9b" "1m\xc2\xa0z",
	    "x\\xc2\\x85y\\xc2\\x9b1m\xc2\xa0z"),
	    "C1 controls (NEL, CSI) escaped, a no-break space kept");

	/* log_warnx on a file in place of standard error. */
	if ((tmp = tmpfile()) == NULL || (saved = dup(STDERR_FILENO)) == -1 ||
	    dup2(fileno(tmp), STDERR_FILENO) == -1) {
		tap_diag("cannot redirect standard error");
		return tap_done();
	}
	log_init("qualimetre-test");
	log_warnx("audit login-unknown %s: %s", "bob\nqualimetre-referent[1]: "
	    "login admin", "x\r");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	n = fread(line, 1, sizeof(line) - 1, tmp);
	line[n] = '\0';
	fclose(tmp);
	lines = 0;
	for (nl = line; (nl = strchr(nl, '\n')) != NULL; nl++)
		lines++;
	tap_ok(lines == 1 && n > 0 && line[n - 1] == '\n',
	    "log_warnx wrote one line (%d)", lines);
	tap_ok(strncmp(line, "qualimetre-test[", 16) == 0 &&
	    strstr(line, "]: audit login-unknown bob\\nqualimetre-referent[1]: "
	    "login admin: x\\r") != NULL, "the line holds the message "
	    "escaped: %s", line);
	return tap_done();
}
