/*
 * The one escaping function: every untrusted byte that reaches a page,
 * in text or in an attribute, goes through html_put/html_puts/html_printf.
 */
#ifndef QUALIMETRE_HTML_H
#define QUALIMETRE_HTML_H

#include <stddef.h>

struct buf;

/*
 * Appends len bytes to b with & < > " ' replaced by character references,
 * so the result is safe between tags and inside a quoted attribute.
 * NUL bytes are dropped (they never reach a page).
 */
void	 html_put(struct buf *b, const char *s, size_t len);

/* html_put of a NUL-terminated string; a NULL string appends nothing. */
void	 html_puts(struct buf *b, const char *s);

/*
 * html_puts of a label that something follows, as in an error summary's
 * "label : message": s without the colons, spaces and no-break spaces
 * (U+00A0, U+202F) it ends with, so that "Vous êtes :" does not make
 * "Vous êtes : : message". A NULL string appends nothing.
 */
void	 html_puts_label(struct buf *b, const char *s);

/* Formats, then escapes the whole result with html_put. */
void	 html_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * A DSFR table (1.10 and later) scrolls inside itself on a narrow screen
 * when its <table> sits in these three boxes, written right after
 * <div class="fr-table"> and closed right after </table>. The scrolling
 * box takes the focus, so that the keyboard can scroll it too.
 */
#define HTML_TABLE_BOXES	"<div class=\"fr-table__wrapper\">\n" \
	"<div class=\"fr-table__container\">\n" \
	"<div class=\"fr-table__content\" tabindex=\"0\">\n"
#define HTML_TABLE_BOXES_END	"</div>\n</div>\n</div>\n"

#endif /* QUALIMETRE_HTML_H */
