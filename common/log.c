/* The programs' log lines, on standard error. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "log.h"
#include "xmalloc.h"

static const char	*log_progname = "qualimetre";

void
log_init(const char *progname)
{
	log_progname = progname;
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	/* One write per line, so that workers' lines do not interleave. */
	fprintf(stderr, "%s[%ld]: %s\n", log_progname, (long)getpid(), msg);
	fflush(stderr);
	free(msg);
}
