/*
 * What the printed A4 documents share (the poster, the blank
 * questionnaire): text in DejaVu Sans measured, placed and wrapped with
 * cairo, the PDF written into a buf, and the questionnaire's QR code
 * (libqrencode) drawn as vectors.
 */
#ifndef QUALIMETRE_PDFDRAW_H
#define QUALIMETRE_PDFDRAW_H

#include <stddef.h>

#include <cairo.h>
#include <qrencode.h>

struct buf;

/* The font of every printed document (fonts-dejavu-core). */
#define PDFDRAW_FONT		"DejaVu Sans"
/* A4 portrait, in PostScript points (1/72 inch). */
#define PDFDRAW_A4_WIDTH	595.28
#define PDFDRAW_A4_HEIGHT	841.89
/* Modules of white around a QR code. */
#define PDFDRAW_QR_QUIET	4
/* Bytes of a URL at most in a QR code: longer is a mistake. */
#define PDFDRAW_QR_URL_MAX	1024
/* U+2026, the ellipsis that ends a text cut short. */
#define PDFDRAW_ELLIPSIS	"\xe2\x80\xa6"

enum pdfdraw_align {
	PDFDRAW_LEFT,
	PDFDRAW_RIGHT,
	PDFDRAW_CENTRE
};

/* Where pdfdraw_wrap may break a line. */
enum pdfdraw_brk {
	PDFDRAW_BRK_CHAR,	/* anywhere between two characters */
	PDFDRAW_BRK_SPACE,	/* at a space only */
	PDFDRAW_BRK_URL		/* after / . - ? & = _ # */
};

/* Selects PDFDRAW_FONT at size points, bold and italic or not. */
void		 pdfdraw_font(cairo_t *cr, double size, int bold, int italic);

/* The advance of the first len bytes of s then suffix, current font. */
double		 pdfdraw_measure(cairo_t *cr, const char *s, size_t len,
		    const char *suffix);

/* Shows s with its baseline at y, starting, ending or centred at x. */
void		 pdfdraw_show(cairo_t *cr, double x, double y, const char *s,
		    enum pdfdraw_align a);

/*
 * Breaks s into at most maxlines lines no wider than w in the current
 * font, where how allows (a word wider than a line is cut between two
 * characters); when the text does not fit, the last line ends with an
 * ellipsis. Fills lines[] with strings the caller frees with
 * pdfdraw_free_lines and returns their number.
 */
size_t		 pdfdraw_wrap(cairo_t *cr, const char *s, double w,
		    enum pdfdraw_brk how, char **lines, size_t maxlines);

/* Frees the n lines of pdfdraw_wrap. */
void		 pdfdraw_free_lines(char **lines, size_t n);

/*
 * Encodes url (1 to PDFDRAW_QR_URL_MAX bytes) at level M; returns the
 * code, which the caller frees with QRcode_free, or NULL and sets
 * *cause, which the caller frees.
 */
QRcode		*pdfdraw_qr_encode(const char *url, char **cause);

/*
 * Draws qr with its dark part size points wide and its top left corner
 * at x, y, on a white square that holds its quiet zone too.
 */
void		 pdfdraw_qr(cairo_t *cr, const QRcode *qr, double x, double y,
		    double size);

/*
 * Calls put(arg, x, y, run) for each horizontal run of dark modules of
 * qr, run modules long from module (x, y), the quiet zone not counted:
 * the one way the QR code is drawn, on paper and on screen.
 */
void		 pdfdraw_qr_runs(const QRcode *qr,
		    void (*put)(void *arg, int x, int y, int run), void *arg);

/*
 * A PDF of pages w by h points appended to out as cairo writes it, its
 * metadata the title, the author (or NULL) and Qualimètre: returns the
 * context to draw with, or NULL with *cause set (caller frees).
 */
cairo_t		*pdfdraw_begin(struct buf *out, double w, double h,
		    const char *title, const char *author, char **cause);

/* Ends page number page (from 1): returns 0, or -1 with *cause set. */
int		 pdfdraw_page(cairo_t *cr, size_t page, char **cause);

/*
 * Ends the PDF of cr (NULL: none was begun) and frees cr. When failed is
 * 0, finishes it: returns 0, or -1 with *cause set. On failure, or when
 * failed is non-zero (*cause left alone), cuts out back to its first
 * start bytes, since destroying an unfinished surface still writes into
 * out, and returns -1.
 */
int		 pdfdraw_end(cairo_t *cr, struct buf *out, size_t start,
		    int failed, char **cause);

#endif /* QUALIMETRE_PDFDRAW_H */
