/* The programs' log lines, on standard error, control characters escaped. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "xmalloc.h"

static const char	*log_progname = "qualimetre";

void
log_init(const char *progname)
{
	log_progname = progname;
}

void
log_escape(const char *s, struct buf *out)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\\')
			buf_puts(out, "\\\\");
		else if (*p == '\n')
			buf_puts(out, "\\n");
		else if (*p == '\r')
			buf_puts(out, "\\r");
		else if (*p == '\t')
			buf_puts(out, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(out, "\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			/* A C1 control in UTF-8 (NEL, CSI...): some
			   terminals and readers act on it. */
			buf_printf(out, "\\xc2\\x%02x", p[1]);
			p++;
		} else
			buf_putc(out, (char)*p);
	}
}

void
log_warnx(const char *fmt, ...)
{
	va_list		 ap;
	char		*msg;
	struct buf	 line = { NULL, 0, 0 };

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	/* What a message quotes may come from a client: escaped, it
	   cannot forge a line of its own nor drive a terminal. */
	buf_printf(&line, "%s[%ld]: ", log_progname, (long)getpid());
	log_escape(msg, &line);
	buf_putc(&line, '\n');
	/* One write per line, so that workers' lines do not interleave. */
	fwrite(line.data, 1, line.len, stderr);
	fflush(stderr);
	buf_free(&line);
	free(msg);
}
