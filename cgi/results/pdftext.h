/*
 * Text on a cairo page, shared by the PDFs of cgi/results/ (the poster,
 * the annual report's document): DejaVu Sans (fonts-dejavu-core) at a
 * size, strings measured and placed, lines wrapped to a width.
 */
#ifndef QUALIMETRE_PDFTEXT_H
#define QUALIMETRE_PDFTEXT_H

#include <stddef.h>

#include <cairo.h>

struct buf;

#define PDFTEXT_FONT	"DejaVu Sans"

enum pdftext_align {
	PDFTEXT_LEFT,
	PDFTEXT_RIGHT,
	PDFTEXT_CENTRE
};

/* Where pdftext_wrap may break a line. */
enum pdftext_brk {
	PDFTEXT_BRK_CHAR,	/* anywhere between two characters */
	PDFTEXT_BRK_SPACE,	/* at a space only */
	PDFTEXT_BRK_URL		/* after / . - ? & = _ # */
};

/* Selects PDFTEXT_FONT at size points, bold and italic or not. */
void	 pdftext_font(cairo_t *cr, double size, int bold, int italic);

/* The advance of the first len bytes of s then suffix, current font. */
double	 pdftext_measure(cairo_t *cr, const char *s, size_t len,
	    const char *suffix);

/* Shows s on the baseline y, starting, ending or centred at x. */
void	 pdftext_show(cairo_t *cr, double x, double y, const char *s,
	    enum pdftext_align a);

/*
 * Breaks s into at most maxlines lines no wider than w in the current
 * font, where how allows (a word wider than a line is cut between two
 * characters); when the text does not fit, the last line ends with an
 * ellipsis. Fills lines[] with strings the caller frees
 * (pdftext_free_lines) and returns their number.
 */
size_t	 pdftext_wrap(cairo_t *cr, const char *s, double w,
	    enum pdftext_brk how, char **lines, size_t maxlines);

/* Frees the n lines of pdftext_wrap. */
void	 pdftext_free_lines(char **lines, size_t n);

/*
 * A PDF of pages w by h points appended to out as cairo writes it, its
 * metadata the title, the author (or NULL) and Qualimètre: returns the
 * context to draw with, or NULL with *cause set.
 */
cairo_t	*pdftext_begin(struct buf *out, double w, double h,
	    const char *title, const char *author, char **cause);

/* Ends page number page (from 1): returns 0, or -1 with *cause set. */
int	 pdftext_page(cairo_t *cr, size_t page, char **cause);

/*
 * Ends the PDF of cr (NULL: none was begun) and frees cr. When failed is
 * 0, finishes it: returns 0, or -1 with *cause set. On failure, or when
 * failed is non-zero (*cause left alone), cuts out back to start bytes
 * and returns -1.
 */
int	 pdftext_end(cairo_t *cr, struct buf *out, size_t start, int failed,
	    char **cause);

#endif /* QUALIMETRE_PDFTEXT_H */
