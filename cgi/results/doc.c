/*
 * A document as a list of blocks, printed as a PDF with cairo (the text
 * helpers of pdfdraw.c, the poster's), as an ODT and as an ODS (odf.c).
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "buf.h"
#include "chart.h"
#include "doc.h"
#include "odf.h"
#include "pdfdraw.h"
#include "xmalloc.h"

/* A4 portrait in points, and the PDF's layout. */
#define PAGE_W		595.28
#define PAGE_H		841.89
#define MARGIN		50.0
#define CONTENT_W	(PAGE_W - 2 * MARGIN)
#define BOTTOM		(PAGE_H - MARGIN - 14)	/* above the footer */
#define CELL_PAD	3.0
#define CELL_SIZE	7.5			/* points */
#define CELL_LEAD	9.5
#define CELL_LINES	8			/* lines of a cell at most */
#define PARA_LINES	64
#define PDF_COLS_MAX	16			/* columns of a PDF table at most */

enum block_kind {
	BLOCK_TITLE,
	BLOCK_HEADING,
	BLOCK_PARAGRAPH,
	BLOCK_PAGE_BREAK,
	BLOCK_TABLE,
	BLOCK__MAX
};

enum cell_kind {
	CELL_EMPTY,
	CELL_TEXT,
	CELL_NUMBER,
	CELL_PERCENT
};

struct cell {
	enum cell_kind	 kind;
	char		*s;		/* CELL_TEXT */
	double		 v;
	int		 decimals;
};

struct block {
	enum block_kind	 kind;
	int		 level;		/* a heading's */
	char		*text;		/* title, heading, paragraph; a
					   table's name */
	size_t		 ncols;
	char		**cols;
	double		*widths;
	struct cell	*cells;		/* rows * ncols, row by row */
	size_t		 rows;
	size_t		 filled;	/* cells written in the last row */
};

struct doc {
	char		*title;
	struct block	*blocks;
	size_t		 nblocks;
	char		*error;		/* the first misuse, or NULL */
};

struct doc *
doc_create(const char *title)
{
	struct doc	*d;

	d = xcalloc(1, sizeof(*d));
	d->title = xstrdup(title);
	return d;
}

void
doc_free(struct doc *d)
{
	struct block	*b;
	size_t		 i, k;

	if (d == NULL)
		return;
	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		free(b->text);
		for (k = 0; k < b->ncols; k++)
			free(b->cols[k]);
		free(b->cols);
		free(b->widths);
		for (k = 0; k < b->rows * b->ncols; k++)
			free(b->cells[k].s);
		free(b->cells);
	}
	free(d->blocks);
	free(d->title);
	free(d->error);
	free(d);
}

static struct block *
block_add(struct doc *d, enum block_kind kind, const char *text)
{
	struct block	*b;

	d->blocks = xreallocarray(d->blocks, d->nblocks + 1,
	    sizeof(*d->blocks));
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->text = text != NULL ? xstrdup(text) : NULL;
	return b;
}

void
doc_title(struct doc *d, const char *s)
{
	block_add(d, BLOCK_TITLE, s);
}

void
doc_heading(struct doc *d, int level, const char *s)
{
	block_add(d, BLOCK_HEADING, s)->level = level < 1 ? 1 :
	    level > 3 ? 3 : level;
}

void
doc_paragraph(struct doc *d, const char *s)
{
	block_add(d, BLOCK_PARAGRAPH, s);
}

void
doc_paragraphf(struct doc *d, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	doc_paragraph(d, s);
	free(s);
}

void
doc_page_break(struct doc *d)
{
	block_add(d, BLOCK_PAGE_BREAK, NULL);
}

void
doc_table(struct doc *d, const char *name, size_t ncols,
    const char *const *cols, const double *widths)
{
	struct block	*b;
	size_t		 i;

	b = block_add(d, BLOCK_TABLE, name);
	b->ncols = ncols;
	b->cols = xcalloc(ncols + 1, sizeof(*b->cols));
	b->widths = xcalloc(ncols + 1, sizeof(*b->widths));
	for (i = 0; i < ncols; i++) {
		b->cols[i] = xstrdup(cols[i]);
		b->widths[i] = widths[i];
	}
}

/* The open table, or NULL (the misuse noted). */
static struct block *
table(struct doc *d)
{
	struct block	*b;

	if (d->nblocks == 0 || (b = &d->blocks[d->nblocks - 1])->kind !=
	    BLOCK_TABLE || b->ncols == 0) {
		if (d->error == NULL)
			d->error = xstrdup("a row or cell outside a table");
		return NULL;
	}
	return b;
}

void
doc_row(struct doc *d)
{
	struct block	*b;

	if ((b = table(d)) == NULL)
		return;
	b->cells = xreallocarray(b->cells, (b->rows + 1) * b->ncols,
	    sizeof(*b->cells));
	memset(&b->cells[b->rows * b->ncols], 0, b->ncols * sizeof(*b->cells));
	b->rows++;
	b->filled = 0;
}

/* The next cell of the open row, or NULL (the misuse noted). */
static struct cell *
next_cell(struct doc *d, enum cell_kind kind)
{
	struct block	*b;
	struct cell	*c;

	if ((b = table(d)) == NULL)
		return NULL;
	if (b->rows == 0 || b->filled == b->ncols) {
		if (d->error == NULL)
			d->error = xstrdup("more cells than columns, or a "
			    "cell before any row");
		return NULL;
	}
	c = &b->cells[(b->rows - 1) * b->ncols + b->filled++];
	c->kind = kind;
	return c;
}

void
doc_cell_text(struct doc *d, const char *s)
{
	struct cell	*c;

	if ((c = next_cell(d, CELL_TEXT)) != NULL)
		c->s = xstrdup(s != NULL ? s : "");
}

void
doc_cell_number(struct doc *d, double v, int decimals)
{
	struct cell	*c;

	if ((c = next_cell(d, CELL_NUMBER)) != NULL) {
		c->v = v;
		c->decimals = decimals;
	}
}

void
doc_cell_percent(struct doc *d, double v, int decimals)
{
	struct cell	*c;

	if ((c = next_cell(d, CELL_PERCENT)) != NULL) {
		c->v = v;
		c->decimals = decimals;
	}
}

void
doc_cell_empty(struct doc *d)
{
	next_cell(d, CELL_EMPTY);
}

/* The rows of table b, the header not counted. */
static size_t
nrows(const struct block *b)
{
	return b->rows;
}

/* Cell (i, k) of b. */
static const struct cell *
cell_at(const struct block *b, size_t i, size_t k)
{
	return &b->cells[i * b->ncols + k];
}

/* A cell as text, French; "" for an empty or NaN one. */
static void
cell_text(const struct cell *c, char *out, size_t size, const char **s)
{
	*s = out;
	out[0] = '\0';
	if (c == NULL)
		return;
	switch (c->kind) {
	case CELL_TEXT:
		*s = c->s;
		break;
	case CELL_NUMBER:
		if (!isnan(c->v))
			chart_number(c->v, c->decimals, out, size);
		break;
	case CELL_PERCENT:
		if (!isnan(c->v))
			chart_percent(c->v, c->decimals, out, size);
		break;
	default:
		break;
	}
}

/* The table b into o, as a sheet or a text table. */
static void
odf_block_table(struct odf *o, const struct block *b, int sheet)
{
	const struct cell	*c;
	char			 num[CHART_NUMBER_MAX];
	const char		*s;
	size_t			 i, k;

	odf_table_open(o, b->text, b->ncols, b->widths);
	odf_row_open(o, 1);
	for (k = 0; k < b->ncols; k++)
		odf_cell_string(o, b->cols[k]);
	odf_row_close(o);
	for (i = 0; i < nrows(b); i++) {
		odf_row_open(o, 0);
		for (k = 0; k < b->ncols; k++) {
			c = cell_at(b, i, k);
			if (c != NULL && sheet && c->kind == CELL_NUMBER)
				odf_cell_float(o, c->v, c->decimals);
			else if (c != NULL && sheet && c->kind == CELL_PERCENT)
				odf_cell_percent(o, c->v, c->decimals);
			else if (c == NULL || c->kind == CELL_EMPTY)
				odf_cell_empty(o);
			else {
				cell_text(c, num, sizeof(num), &s);
				odf_cell_string(o, s);
			}
		}
		odf_row_close(o);
	}
	odf_table_close(o);
}

static int
odf_out(const struct doc *d, struct odf *o, struct buf *out, char **cause)
{
	int	rc;

	if (d->error != NULL) {
		xasprintf(cause, "document: %s", d->error);
		odf_free(o);
		return -1;
	}
	rc = odf_finish(o, out, cause);
	odf_free(o);
	return rc;
}

int
doc_odt(const struct doc *d, struct buf *out, char **cause)
{
	const struct block	*b;
	struct odf		*o;
	size_t			 i;

	o = odf_create(ODF_TEXT, d->title);
	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		switch (b->kind) {
		case BLOCK_TITLE:
			odf_title(o, b->text);
			break;
		case BLOCK_HEADING:
			odf_heading(o, b->level, b->text);
			break;
		case BLOCK_PARAGRAPH:
			odf_paragraph(o, b->text);
			break;
		case BLOCK_PAGE_BREAK:
			odf_page_break(o);
			break;
		default:
			odf_block_table(o, b, 0);
			break;
		}
	}
	return odf_out(d, o, out, cause);
}

int
doc_ods(const struct doc *d, struct buf *out, char **cause)
{
	struct odf	*o;
	size_t		 i, n;

	o = odf_create(ODF_SPREADSHEET, d->title);
	for (i = 0, n = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == BLOCK_TABLE) {
			odf_block_table(o, &d->blocks[i], 1);
			n++;
		}
	if (n == 0) {
		/* A spreadsheet has a sheet: the title alone. */
		odf_table_open(o, "Document", 1, NULL);
		odf_row_open(o, 0);
		odf_cell_string(o, d->title);
		odf_row_close(o);
		odf_table_close(o);
	}
	return odf_out(d, o, out, cause);
}

/* The PDF being drawn. */
struct pdf {
	cairo_t		*cr;
	const struct doc *d;
	double		 y;		/* the next line's top */
	int		 page;
};

static void
pdf_footer(struct pdf *p)
{
	char	s[32];

	pdfdraw_font(p->cr, 7.5, 0, 0);
	cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	pdfdraw_show(p->cr, MARGIN, PAGE_H - MARGIN + 6, p->d->title,
	    PDFDRAW_LEFT);
	snprintf(s, sizeof(s), "page %d", p->page);
	pdfdraw_show(p->cr, PAGE_W - MARGIN, PAGE_H - MARGIN + 6, s,
	    PDFDRAW_RIGHT);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void
pdf_new_page(struct pdf *p)
{
	pdf_footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
}

/* Room for h points more, or a new page. */
static void
pdf_room(struct pdf *p, double h)
{
	if (p->y + h > BOTTOM && p->y > MARGIN)
		pdf_new_page(p);
}

/* Text s wrapped to the page in size points, each line on its own. */
static void
pdf_text(struct pdf *p, const char *s, double size, int bold, double lead,
    double before)
{
	char		*lines[PARA_LINES], *copy, *part, *nl;
	size_t		 n, i;

	copy = xstrdup(s);
	pdfdraw_font(p->cr, size, bold, 0);
	pdf_room(p, before + lead * 2);
	p->y += before;
	for (part = copy; part != NULL; part = nl) {
		if ((nl = strchr(part, '\n')) != NULL)
			*nl++ = '\0';
		n = pdfdraw_wrap(p->cr, part, CONTENT_W, PDFDRAW_BRK_SPACE,
		    lines, PARA_LINES);
		for (i = 0; i < n; i++) {
			pdf_room(p, lead);
			pdfdraw_font(p->cr, size, bold, 0);
			p->y += lead;
			pdfdraw_show(p->cr, MARGIN, p->y - lead * 0.25,
			    lines[i], PDFDRAW_LEFT);
		}
		pdfdraw_free_lines(lines, n);
	}
	free(copy);
}

/* One row of table b (header when i is -1) at the current y. */
static void
pdf_row(struct pdf *p, const struct block *b, long i, const double *w)
{
	char		*lines[PDF_COLS_MAX][CELL_LINES];
	char		 num[CHART_NUMBER_MAX];
	const struct cell *c;
	const char	*s;
	size_t		 n[PDF_COLS_MAX], k, l, most = 1;
	double		 x, h;
	int		 right;

	pdfdraw_font(p->cr, CELL_SIZE, i < 0, 0);
	for (k = 0; k < b->ncols && k < PDF_COLS_MAX; k++) {
		c = i < 0 ? NULL : cell_at(b, (size_t)i, k);
		if (i < 0)
			s = b->cols[k];
		else
			cell_text(c, num, sizeof(num), &s);
		n[k] = pdfdraw_wrap(p->cr, s, w[k] - 2 * CELL_PAD,
		    PDFDRAW_BRK_SPACE, lines[k], CELL_LINES);
		if (n[k] > most)
			most = n[k];
	}
	h = most * CELL_LEAD + 2 * CELL_PAD;
	if (p->y + h > BOTTOM && p->y > MARGIN) {
		pdf_new_page(p);
		if (i >= 0)
			pdf_row(p, b, -1, w);	/* the header again */
		pdfdraw_font(p->cr, CELL_SIZE, i < 0, 0);
	}
	for (x = MARGIN, k = 0; k < b->ncols && k < PDF_COLS_MAX;
	    x += w[k], k++) {
		if (i < 0) {
			cairo_set_source_rgb(p->cr, 0.87, 0.87, 0.87);
			cairo_rectangle(p->cr, x, p->y, w[k], h);
			cairo_fill(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
		}
		cairo_set_line_width(p->cr, 0.5);
		cairo_rectangle(p->cr, x, p->y, w[k], h);
		cairo_stroke(p->cr);
		c = i < 0 ? NULL : cell_at(b, (size_t)i, k);
		right = c != NULL && (c->kind == CELL_NUMBER ||
		    c->kind == CELL_PERCENT);
		for (l = 0; l < n[k]; l++)
			pdfdraw_show(p->cr, right ? x + w[k] - CELL_PAD :
			    x + CELL_PAD, p->y + CELL_PAD + (l + 1) *
			    CELL_LEAD - 2.5, lines[k][l], right ?
			    PDFDRAW_RIGHT : PDFDRAW_LEFT);
		pdfdraw_free_lines(lines[k], n[k]);
	}
	p->y += h;
}

static void
pdf_table(struct pdf *p, const struct block *b)
{
	double	w[PDF_COLS_MAX], sum = 0;
	size_t	k, i;

	for (k = 0; k < b->ncols && k < PDF_COLS_MAX; k++)
		sum += b->widths[k];
	for (k = 0; k < b->ncols && k < PDF_COLS_MAX; k++)
		w[k] = sum > 0 ? b->widths[k] * CONTENT_W / sum : CONTENT_W;
	pdf_room(p, 4 * CELL_LEAD);
	p->y += 4;
	pdf_row(p, b, -1, w);
	for (i = 0; i < nrows(b); i++)
		pdf_row(p, b, (long)i, w);
	p->y += 8;
}

int
doc_pdf(const struct doc *d, struct buf *out, char **cause)
{
	static const double	 sizes[] = { 15, 12.5, 11 };
	const struct block	*b;
	struct pdf		 p;
	size_t			 start = out->len, i;
	int			 rc = -1;

	memset(&p, 0, sizeof(p));
	if (d->error != NULL) {
		xasprintf(cause, "document: %s", d->error);
		return -1;
	}
	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == BLOCK_TABLE &&
		    d->blocks[i].ncols > PDF_COLS_MAX) {
			xasprintf(cause, "a table of more than %d columns",
			    PDF_COLS_MAX);
			return -1;
		}
	if ((p.cr = pdfdraw_begin(out, PAGE_W, PAGE_H, d->title, NULL,
	    cause)) == NULL)
		goto out;
	p.d = d;
	p.y = MARGIN;
	p.page = 1;
	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		switch (b->kind) {
		case BLOCK_TITLE:
			pdf_text(&p, b->text, 18, 1, 23, 0);
			p.y += 6;
			break;
		case BLOCK_HEADING:
			pdf_room(&p, 60);
			pdf_text(&p, b->text, sizes[b->level - 1], 1,
			    sizes[b->level - 1] * 1.3, 8);
			p.y += 3;
			break;
		case BLOCK_PARAGRAPH:
			pdf_text(&p, b->text, 9.5, 0, 12.5, 2);
			p.y += 3;
			break;
		case BLOCK_PAGE_BREAK:
			if (p.y > MARGIN)
				pdf_new_page(&p);
			break;
		default:
			pdf_table(&p, b);
			break;
		}
	}
	pdf_footer(&p);
	if (pdfdraw_page(p.cr, (size_t)p.page, cause) == -1)
		goto out;
	rc = 0;
out:
	if (pdfdraw_end(p.cr, out, start, rc == -1, cause) == -1)
		rc = -1;
	return rc;
}
