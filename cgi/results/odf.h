/*
 * OpenDocument files, as prefectures edit them in LibreOffice: a text
 * document (ODT: a title, headings, paragraphs, tables, page breaks) or a
 * spreadsheet (ODS: sheets of typed cells, a styled header row, column
 * widths). The XML parts (content.xml, styles.xml, meta.xml,
 * META-INF/manifest.xml) are written with libxml2's xmlTextWriter and
 * packaged with libzip, the mimetype first and stored uncompressed as
 * ODF 1.2, part 3, section 3.3 asks. Knows no HTTP and no SQL.
 *
 * A document is written in order, then finished. Calls that do not fit
 * the kind or the current state (a cell outside a row, a heading in a
 * spreadsheet) and strings that XML cannot hold (not UTF-8, a control
 * character) make the document fail: odf_finish then says why.
 */
#ifndef QUALIMETRE_ODF_H
#define QUALIMETRE_ODF_H

#include <stddef.h>

struct buf;
struct odf;

enum odf_kind {
	ODF_TEXT,		/* .odt */
	ODF_SPREADSHEET,	/* .ods */
	ODF__MAX
};

/* The media types, as the mimetype member and HTTP give them. */
#define ODF_MIME_TEXT	"application/vnd.oasis.opendocument.text"
#define ODF_MIME_SHEET	"application/vnd.oasis.opendocument.spreadsheet"

/* Most columns of a table or sheet. */
#define ODF_COLUMNS_MAX	64

/* A new document of kind, titled title (meta.xml's dc:title). */
struct odf	*odf_create(enum odf_kind kind, const char *title);

/* Frees o; odf_free(NULL) does nothing. */
void		 odf_free(struct odf *o);

/* Text documents only: the title, a heading of level 1 to 3, a paragraph
   (a line break inside is kept), and a page break. */
void	 odf_title(struct odf *o, const char *s);
void	 odf_heading(struct odf *o, int level, const char *s);
void	 odf_paragraph(struct odf *o, const char *s);
void	 odf_page_break(struct odf *o);

/*
 * Opens a table of ncols columns (1 to ODF_COLUMNS_MAX): in a
 * spreadsheet, a sheet called name (1 to 31 characters, none of
 * []*?:/\); in a text, a table called name. widths gives each column's
 * width in centimetres, or is NULL for LibreOffice's default.
 */
void	 odf_table_open(struct odf *o, const char *name, size_t ncols,
	    const double *widths);

/* Opens a row; a header row (the first only) is bold on a grey ground,
   and repeated on each printed page. */
void	 odf_row_open(struct odf *o, int header);

/*
 * The cells of the open row, at most the table's ncols: a text; a number
 * shown with decimals digits (0 to 2) and a decimal comma; a rate in
 * [0, 1] shown as a percentage with decimals digits ("76,4 %"); a date
 * "YYYY-MM-DD" shown "04/05/2026"; an empty cell. A NaN number or rate
 * is an empty cell. A spreadsheet stores the value itself (office:value,
 * office:date-value), so that it computes with it.
 */
void	 odf_cell_string(struct odf *o, const char *s);
void	 odf_cell_float(struct odf *o, double v, int decimals);
void	 odf_cell_percent(struct odf *o, double v, int decimals);
void	 odf_cell_date(struct odf *o, const char *iso);
void	 odf_cell_empty(struct odf *o);

void	 odf_row_close(struct odf *o);
void	 odf_table_close(struct odf *o);

/*
 * Packages the document into out (appended). Returns 0. On failure
 * (a call out of place or a string refused above, a table still open,
 * libxml2 or libzip failing) returns -1, leaves out as it was and sets
 * *cause to a message the caller frees. o is spent either way: free it.
 */
int	 odf_finish(struct odf *o, struct buf *out, char **cause);

#endif /* QUALIMETRE_ODF_H */
