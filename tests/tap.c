/* A minimal TAP producer; see tap.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

static int	tap_planned = -1;
static int	tap_run;
static int	tap_failed;

void
tap_plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
}

int
tap_ok(int cond, const char *fmt, ...)
{
	va_list	ap;

	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

void
tap_diag(const char *fmt, ...)
{
	va_list	ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void
tap_skip_all(const char *reason)
{
	printf("1..0 # SKIP %s\n", reason);
	exit(0);
}

int
tap_done(void)
{
	if (tap_planned >= 0 && tap_run != tap_planned) {
		tap_diag("planned %d cases, ran %d", tap_planned, tap_run);
		return 1;
	}
	return tap_failed > 0;
}
