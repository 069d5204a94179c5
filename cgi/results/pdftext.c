/*
 * Text on a cairo page, shared by the PDFs (the poster, the annual
 * report): the font, measured and placed strings, and lines wrapped to a
 * width in the current font.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "buf.h"

#include "pdftext.h"
#include "xmalloc.h"

#define ELLIPSIS	"\xe2\x80\xa6"		/* U+2026 */

void
pdftext_font(cairo_t *cr, double size, int bold, int italic)
{
	cairo_select_font_face(cr, PDFTEXT_FONT,
	    italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
	    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

/* The advance of the first len bytes of s then suffix, current font. */
double
pdftext_measure(cairo_t *cr, const char *s, size_t len, const char *suffix)
{
	cairo_text_extents_t	 te;
	char			*t;

	memset(&te, 0, sizeof(te));	/* left as it is once cr failed */
	xasprintf(&t, "%.*s%s", (int)len, s, suffix);
	cairo_text_extents(cr, t, &te);
	free(t);
	return te.x_advance;
}

void
pdftext_show(cairo_t *cr, double x, double y, const char *s,
    enum pdftext_align a)
{
	if (a != PDFTEXT_LEFT) {
		double	w = pdftext_measure(cr, s, strlen(s), "");

		x -= a == PDFTEXT_RIGHT ? w : w / 2;
	}
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

/* Whether a line may end after the first len bytes of s. */
static int
can_break(const char *s, size_t len, enum pdftext_brk how)
{
	if (len == 0 || s[len] == '\0')
		return len > 0;
	if (((unsigned char)s[len] & 0xc0) == 0x80)
		return 0;		/* inside a UTF-8 sequence */
	switch (how) {
	case PDFTEXT_BRK_SPACE:
		return s[len] == ' ' && s[len - 1] != ' ';
	case PDFTEXT_BRK_URL:
		return strchr("/.-?&=_#", s[len - 1]) != NULL;
	default:
		return 1;
	}
}

/*
 * The length of the longest prefix of s that ends where how allows and
 * is, followed by suffix, no wider than w; 0 if there is none.
 */
static size_t
fitting(cairo_t *cr, const char *s, double w, const char *suffix,
    enum pdftext_brk how)
{
	size_t	len, best = 0;

	for (len = 1; s[len - 1] != '\0'; len++) {
		if (!can_break(s, len, how))
			continue;
		if (pdftext_measure(cr, s, len, suffix) > w)
			break;
		best = len;
	}
	return best;
}

/*
 * Breaks s into at most maxlines lines no wider than w in the current
 * font, where how allows (a word wider than a line is cut between two
 * characters); when the text does not fit, the last line ends with an
 * ellipsis. Fills lines[] with strings the caller frees and returns
 * their number.
 */
size_t
pdftext_wrap(cairo_t *cr, const char *s, double w, enum pdftext_brk how,
    char **lines, size_t maxlines)
{
	const char	*suffix;
	size_t		 n = 0, len;

	while (n < maxlines) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		len = strlen(s);
		if (pdftext_measure(cr, s, len, "") <= w) {
			while (len > 0 && s[len - 1] == ' ')
				len--;
			lines[n++] = xstrndup(s, len);
			break;
		}
		suffix = n + 1 == maxlines ? ELLIPSIS : "";
		if ((len = fitting(cr, s, w, suffix, how)) == 0 &&
		    (len = fitting(cr, s, w, suffix, PDFTEXT_BRK_CHAR)) == 0)
			for (len = 1; ((unsigned char)s[len] & 0xc0) == 0x80;
			    len++)
				continue;	/* one character at least */
		xasprintf(&lines[n++], "%.*s%s", (int)len, s, suffix);
		s += len;
	}
	return n;
}

void
pdftext_free_lines(char **lines, size_t n)
{
	while (n > 0)
		free(lines[--n]);
}
/* Cairo's output callback: the PDF goes straight into the caller's buf. */
static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

cairo_t *
pdftext_begin(struct buf *out, double w, double h, const char *title,
    const char *author, char **cause)
{
	cairo_surface_t	*surface;
	cairo_status_t	 st;
	cairo_t		*cr;

	surface = cairo_pdf_surface_create_for_stream(pdf_write, out, w, h);
	if ((st = cairo_surface_status(surface)) != CAIRO_STATUS_SUCCESS) {
		xasprintf(cause, "cairo: %s", cairo_status_to_string(st));
		cairo_surface_destroy(surface);
		return NULL;
	}
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
	    title);
	if (author != NULL)
		cairo_pdf_surface_set_metadata(surface,
		    CAIRO_PDF_METADATA_AUTHOR, author);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
	    "Qualimètre");
	cr = cairo_create(surface);
	cairo_surface_destroy(surface);		/* cr holds it */
	return cr;
}

int
pdftext_page(cairo_t *cr, size_t page, char **cause)
{
	cairo_status_t	st;

	cairo_show_page(cr);
	if ((st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS) {
		xasprintf(cause, "cairo: page %zu: %s", page,
		    cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int
pdftext_end(cairo_t *cr, struct buf *out, size_t start, int failed,
    char **cause)
{
	cairo_surface_t	*surface;
	cairo_status_t	 st;
	int		 rc = -1;

	if (cr != NULL) {
		if (!failed && (st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS) {
			xasprintf(cause, "cairo: %s", cairo_status_to_string(st));
			failed = 1;
		}
		surface = cairo_surface_reference(cairo_get_target(cr));
		cairo_destroy(cr);
		if (!failed) {
			cairo_surface_finish(surface);
			if ((st = cairo_surface_status(surface)) !=
			    CAIRO_STATUS_SUCCESS)
				xasprintf(cause, "cairo: %s",
				    cairo_status_to_string(st));
			else
				rc = 0;
		}
		/* Destroying an unfinished surface still writes into out. */
		cairo_surface_destroy(surface);
	}
	if (rc == -1 && out->len > start) {
		out->len = start;
		out->data[start] = '\0';
	}
	return rc;
}
