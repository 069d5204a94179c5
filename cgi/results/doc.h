/*
 * A simple document, written once and printed three ways: as a PDF
 * (cairo, A4), as an OpenDocument text (ODT) and, for its tables, as an
 * OpenDocument spreadsheet (ODS, one sheet per table, typed cells). The
 * annual report builds one; nothing here knows what it says.
 */
#ifndef QUALIMETRE_DOC_H
#define QUALIMETRE_DOC_H

#include <stddef.h>

struct buf;
struct doc;

/* A new empty document titled title (UTF-8, copied). */
struct doc	*doc_create(const char *title);

/* Frees d; doc_free(NULL) does nothing. */
void		 doc_free(struct doc *d);

/* Blocks, in order. Strings are copied; a LF in a paragraph is a line
   break. Headings have a level 1 to 3. */
void	 doc_title(struct doc *d, const char *s);
void	 doc_heading(struct doc *d, int level, const char *s);
void	 doc_paragraph(struct doc *d, const char *s);
void	 doc_paragraphf(struct doc *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 doc_page_break(struct doc *d);

/*
 * A table called name (its sheet's name in the ODS: at most 31
 * characters, none of []*?:/\) of ncols columns, 1 to ODF_COLUMNS_MAX,
 * each widths[i] centimetres wide (their sum is scaled to the page in the
 * PDF and the ODT); its first row, the header, is the columns' names
 * cols[]. Then rows of cells, each row filled with empty cells to
 * ncols when closed.
 */
void	 doc_table(struct doc *d, const char *name, size_t ncols,
	    const char *const *cols, const double *widths);
void	 doc_row(struct doc *d);
void	 doc_cell_text(struct doc *d, const char *s);
void	 doc_cell_number(struct doc *d, double v, int decimals);
void	 doc_cell_percent(struct doc *d, double v, int decimals);
void	 doc_cell_empty(struct doc *d);

/*
 * The three outputs, appended to out. Each returns 0, or -1 with *cause
 * set (a string the writer refuses, a cell before any row, a cairo or
 * libzip failure) and out as it was.
 */
int	 doc_pdf(const struct doc *d, struct buf *out, char **cause);
int	 doc_odt(const struct doc *d, struct buf *out, char **cause);
int	 doc_ods(const struct doc *d, struct buf *out, char **cause);

#endif /* QUALIMETRE_DOC_H */
