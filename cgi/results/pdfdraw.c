/* The drawing the printed A4 documents share: text and the QR code. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <qrencode.h>

#include "buf.h"
#include "pdfdraw.h"
#include "xmalloc.h"

/* Cairo's output callback: the PDF goes straight into the caller's buf. */
static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

void
pdfdraw_font(cairo_t *cr, double size, int bold, int italic)
{
	cairo_select_font_face(cr, PDFDRAW_FONT,
	    italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
	    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

/* The advance of the first len bytes of s then suffix, current font. */
double
pdfdraw_measure(cairo_t *cr, const char *s, size_t len, const char *suffix)
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
pdfdraw_show(cairo_t *cr, double x, double y, const char *s,
    enum pdfdraw_align a)
{
	if (a != PDFDRAW_LEFT) {
		double	w = pdfdraw_measure(cr, s, strlen(s), "");

		x -= a == PDFDRAW_RIGHT ? w : w / 2;
	}
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

/* Whether a line may end after the first len bytes of s. */
static int
can_break(const char *s, size_t len, enum pdfdraw_brk how)
{
	if (len == 0 || s[len] == '\0')
		return len > 0;
	if (((unsigned char)s[len] & 0xc0) == 0x80)
		return 0;		/* inside a UTF-8 sequence */
	switch (how) {
	case PDFDRAW_BRK_SPACE:
		return s[len] == ' ' && s[len - 1] != ' ';
	case PDFDRAW_BRK_URL:
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
    enum pdfdraw_brk how)
{
	size_t	len, best = 0;

	for (len = 1; s[len - 1] != '\0'; len++) {
		if (!can_break(s, len, how))
			continue;
		if (pdfdraw_measure(cr, s, len, suffix) > w)
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
pdfdraw_wrap(cairo_t *cr, const char *s, double w, enum pdfdraw_brk how,
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
		if (pdfdraw_measure(cr, s, len, "") <= w) {
			while (len > 0 && s[len - 1] == ' ')
				len--;
			lines[n++] = xstrndup(s, len);
			break;
		}
		suffix = n + 1 == maxlines ? PDFDRAW_ELLIPSIS : "";
		if ((len = fitting(cr, s, w, suffix, how)) == 0 &&
		    (len = fitting(cr, s, w, suffix, PDFDRAW_BRK_CHAR)) == 0)
			for (len = 1; ((unsigned char)s[len] & 0xc0) == 0x80;
			    len++)
				continue;	/* one character at least */
		xasprintf(&lines[n++], "%.*s%s", (int)len, s, suffix);
		s += len;
	}
	return n;
}

void
pdfdraw_free_lines(char **lines, size_t n)
{
	while (n > 0)
		free(lines[--n]);
}

/*
 * Encodes url at level M; returns the code, which the caller frees with
 * QRcode_free, or NULL and sets *cause.
 */
QRcode *
pdfdraw_qr_encode(const char *url, char **cause)
{
	QRcode	*qr;
	size_t	 len;

	if (url == NULL || (len = strlen(url)) == 0) {
		xasprintf(cause, "no URL for the QR code");
		return NULL;
	}
	if (len > PDFDRAW_QR_URL_MAX) {
		xasprintf(cause, "URL too long for a QR code (%zu bytes)", len);
		return NULL;
	}
	errno = 0;
	if ((qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) ==
	    NULL)
		xasprintf(cause, "cannot encode the URL as a QR code: %s",
		    errno == ERANGE ? "too long" : strerror(errno));
	return qr;
}

/* Draws the QR code with its dark part's top left corner at x, y. */
/* Where pdfdraw_qr draws, for qr_run. */
struct qr_cr {
	cairo_t		*cr;
	double		 x, y;		/* the dark part's top left */
	double		 m;		/* a module's side */
};

/* Adds a run of dark modules to the path. */
static void
qr_run(void *arg, int i, int j, int run)
{
	struct qr_cr	*q = arg;

	cairo_rectangle(q->cr, q->x + i * q->m, q->y + j * q->m, run * q->m,
	    q->m);
}

void
pdfdraw_qr(cairo_t *cr, const QRcode *qr, double x, double y,
    double size)
{
	struct qr_cr	qr_cr;
	double		m = size / qr->width;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x - PDFDRAW_QR_QUIET * m,
	    y - PDFDRAW_QR_QUIET * m, (qr->width + 2 * PDFDRAW_QR_QUIET) * m,
	    (qr->width + 2 * PDFDRAW_QR_QUIET) * m);
	cairo_fill(cr);
	/*
	 * One path of one rectangle per run of dark modules, filled once:
	 * squares filled one by one leave hairline seams in some viewers.
	 */
	cairo_set_source_rgb(cr, 0, 0, 0);
	qr_cr.cr = cr;
	qr_cr.x = x;
	qr_cr.y = y;
	qr_cr.m = m;
	pdfdraw_qr_runs(qr, qr_run, &qr_cr);
	cairo_fill(cr);
}

void
pdfdraw_qr_runs(const QRcode *qr, void (*put)(void *, int, int, int),
    void *arg)
{
	int	i, j, run;

	for (j = 0; j < qr->width; j++)
		for (i = 0; i < qr->width; i += run) {
			for (run = 0; i + run < qr->width &&
			    (qr->data[j * qr->width + i + run] & 1); run++)
				continue;
			if (run == 0) {
				run = 1;
				continue;
			}
			put(arg, i, j, run);
		}
}

cairo_t *
pdfdraw_begin(struct buf *out, double w, double h, const char *title,
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
pdfdraw_page(cairo_t *cr, size_t page, char **cause)
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
pdfdraw_end(cairo_t *cr, struct buf *out, size_t start, int failed,
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
		cairo_surface_destroy(surface);
	}
	if (rc == -1 && out->len > start) {
		out->len = start;
		out->data[start] = '\0';
	}
	return rc;
}
