/* HTML escaping: the only way untrusted text reaches a page. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "html.h"
#include "xmalloc.h"

#define NBSP	"\xc2\xa0"		/* U+00A0 */
#define NNBSP	"\xe2\x80\xaf"		/* U+202F, before a colon */

void
html_put(struct buf *b, const char *s, size_t len)
{
	size_t	i, start = 0;
	const char *ent;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '\'':
			ent = "&#39;";
			break;
		case '\0':
			ent = "";
			break;
		default:
			continue;
		}
		/* Copy the run of plain bytes, then the reference. */
		buf_put(b, s + start, i - start);
		buf_puts(b, ent);
		start = i + 1;
	}
	buf_put(b, s + start, len - start);
}

void
html_puts(struct buf *b, const char *s)
{
	if (s != NULL)
		html_put(b, s, strlen(s));
}

void
html_puts_label(struct buf *b, const char *s)
{
	size_t	len;

	if (s == NULL)
		return;
	for (len = strlen(s); len > 0; ) {
		if (s[len - 1] == ':' || s[len - 1] == ' ')
			len--;
		else if (len >= 2 && memcmp(s + len - 2, NBSP, 2) == 0)
			len -= 2;
		else if (len >= 3 && memcmp(s + len - 3, NNBSP, 3) == 0)
			len -= 3;
		else
			break;
	}
	html_put(b, s, len);
}

void
html_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&s, fmt, ap);
	va_end(ap);
	html_put(b, s, (size_t)n);
	free(s);
}
