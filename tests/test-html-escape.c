/* The one escaping function: every special byte, attributes, NULs. */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "html.h"
#include "tap.h"

static int
escapes(const char *in, size_t len, const char *want)
{
	struct buf	b = { 0 };
	int		ok;

	html_put(&b, in, len);
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
	struct buf	b = { 0 };

	tap_plan(14);
	tap_ok(escapes("plain text", 10, "plain text"), "plain text unchanged");
	tap_ok(escapes("<script>alert(1)</script>", 25,
	    "&lt;script&gt;alert(1)&lt;/script&gt;"), "tags");
	tap_ok(escapes("a & b", 5, "a &amp; b"), "ampersand");
	tap_ok(escapes("\"'", 2, "&quot;&#39;"),
	    "both quotes, so attributes cannot be closed");
	tap_ok(escapes("\" onmouseover=\"x", 16,
	    "&quot; onmouseover=&quot;x"), "attribute injection");
	tap_ok(escapes("Très «bien» ’", strlen("Très «bien» ’"),
	    "Très «bien» ’"), "UTF-8 passes untouched");
	tap_ok(escapes("a\0b", 3, "ab"), "NUL bytes are dropped");
	tap_ok(escapes("", 0, ""), "empty input writes nothing");

	html_puts(&b, NULL);
	html_puts(&b, "<>");
	tap_ok(b.len == 8 && strcmp(b.data, "&lt;&gt;") == 0,
	    "html_puts: NULL writes nothing, then escapes");
	buf_reset(&b);
	html_printf(&b, "%d <%s>", 42, "x&y");
	tap_ok(strcmp(b.data, "42 &lt;x&amp;y&gt;") == 0,
	    "html_printf escapes what it formats");
	/* Issue 11, item 9: "Vous êtes : : message" in the summaries. */
	buf_reset(&b);
	html_puts_label(&b, "Vous êtes :");
	tap_ok(strcmp(b.data, "Vous êtes") == 0,
	    "html_puts_label: the trailing \" :\" goes");
	buf_reset(&b);
	html_puts_label(&b, "<Note>\xc2\xa0:\xe2\x80\xaf: ");
	tap_ok(strcmp(b.data, "&lt;Note&gt;") == 0,
	    "html_puts_label: colons and no-break spaces go, the rest is "
	    "escaped");
	buf_reset(&b);
	html_puts_label(&b, "Heure : 10 h");
	tap_ok(strcmp(b.data, "Heure : 10 h") == 0,
	    "html_puts_label: a colon inside the label stays");
	buf_reset(&b);
	html_puts_label(&b, " : ");
	html_puts_label(&b, NULL);
	tap_ok(b.len == 0, "html_puts_label: only a colon, or NULL, writes "
	    "nothing");
	buf_free(&b);
	return tap_done();
}
