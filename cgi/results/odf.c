/*
 * OpenDocument text and spreadsheet files: the body is streamed into its
 * own xmlTextWriter as the caller goes; odf_finish wraps it into
 * content.xml with the automatic styles it used (the column widths), adds
 * styles.xml, meta.xml and the manifest, and zips them with libzip.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <zip.h>

#include "buf.h"
#include "chart.h"
#include "odf.h"
#include "utf8.h"
#include "xmalloc.h"

/* Distinct column widths a document may use; more share the last. */
#define WIDTHS_MAX	32

#define NS_OFFICE	"urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE	"urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT		"urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE	"urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_FO		"urn:oasis:names:tc:opendocument:xmlns:" \
			"xsl-fo-compatible:1.0"
#define NS_NUMBER	"urn:oasis:names:tc:opendocument:xmlns:" \
			"datastyle:1.0"
#define NS_META		"urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_DC		"http://purl.org/dc/elements/1.1/"
#define NS_MANIFEST	"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

enum state {
	ST_BODY,		/* between blocks */
	ST_TABLE,		/* a table open, no row */
	ST_ROW			/* a row open */
};

struct odf {
	enum odf_kind	 kind;
	char		*title;
	xmlBufferPtr	 body;		/* the office:text or office:
					   spreadsheet's children */
	xmlTextWriterPtr w;
	enum state	 state;
	size_t		 ncols;		/* of the open table */
	size_t		 cells;		/* in the open row */
	int		 header;	/* the open row is a header */
	int		 rows;		/* rows of the open table */
	double		 widths[WIDTHS_MAX];
	size_t		 nwidths;
	char		*error;		/* the first failure, or NULL */
};

static void
fail(struct odf *o, const char *what)
{
	if (o->error == NULL)
		o->error = xstrdup(what);
}

/* Whether s may go into the XML: UTF-8, no control but tab and LF. */
static int
text_ok(struct odf *o, const char *s)
{
	const unsigned char	*p;

	if (s == NULL || !utf8_valid(s, strlen(s))) {
		fail(o, "a text is missing or not UTF-8");
		return 0;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f) {
			fail(o, "a text holds a control character");
			return 0;
		}
	return 1;
}

static void
wr(struct odf *o, int rc)
{
	if (rc < 0)
		fail(o, "the XML writer failed");
}

static void
start(struct odf *o, const char *name)
{
	wr(o, xmlTextWriterStartElement(o->w, BAD_CAST name));
}

static void
attr(struct odf *o, const char *name, const char *value)
{
	wr(o, xmlTextWriterWriteAttribute(o->w, BAD_CAST name,
	    BAD_CAST value));
}

static void
end(struct odf *o)
{
	wr(o, xmlTextWriterEndElement(o->w));
}

struct odf *
odf_create(enum odf_kind kind, const char *title)
{
	struct odf	*o;

	o = xcalloc(1, sizeof(*o));
	o->kind = kind;
	o->title = xstrdup(title != NULL ? title : "");
	if (kind < 0 || kind >= ODF__MAX)
		fail(o, "unknown document kind");
	(void)text_ok(o, o->title);
	if ((o->body = xmlBufferCreate()) == NULL ||
	    (o->w = xmlNewTextWriterMemory(o->body, 0)) == NULL)
		fail(o, "cannot create the XML writer");
	return o;
}

void
odf_free(struct odf *o)
{
	if (o == NULL)
		return;
	if (o->w != NULL)
		xmlFreeTextWriter(o->w);
	if (o->body != NULL)
		xmlBufferFree(o->body);
	free(o->title);
	free(o->error);
	free(o);
}

/* Whether the call fits: a text document between blocks. */
static int
text_block(struct odf *o)
{
	if (o->error != NULL || o->w == NULL)
		return 0;
	if (o->kind != ODF_TEXT || o->state != ST_BODY) {
		fail(o, "a text block out of place");
		return 0;
	}
	return 1;
}

/* A paragraph of style, with each LF as a text:line-break. */
static void
para(struct odf *o, const char *element, const char *style, const char *s,
    int level)
{
	const char	*nl;
	char		 lv[16];

	start(o, element);
	attr(o, "text:style-name", style);
	if (level > 0) {
		snprintf(lv, sizeof(lv), "%d", level);
		attr(o, "text:outline-level", lv);
	}
	while ((nl = strchr(s, '\n')) != NULL) {
		wr(o, xmlTextWriterWriteFormatString(o->w, "%.*s",
		    (int)(nl - s), s));
		start(o, "text:line-break");
		end(o);
		s = nl + 1;
	}
	wr(o, xmlTextWriterWriteString(o->w, BAD_CAST s));
	end(o);
}

void
odf_title(struct odf *o, const char *s)
{
	if (text_block(o) && text_ok(o, s))
		para(o, "text:p", "Title", s, 0);
}

void
odf_heading(struct odf *o, int level, const char *s)
{
	char	style[32];

	if (!text_block(o) || !text_ok(o, s))
		return;
	if (level < 1 || level > 3) {
		fail(o, "a heading's level is not 1 to 3");
		return;
	}
	snprintf(style, sizeof(style), "Heading_20_%d", level);
	para(o, "text:h", style, s, level);
}

void
odf_paragraph(struct odf *o, const char *s)
{
	if (text_block(o) && text_ok(o, s))
		para(o, "text:p", "Text_20_body", s, 0);
}

void
odf_page_break(struct odf *o)
{
	if (!text_block(o))
		return;
	start(o, "text:p");
	attr(o, "text:style-name", "PageBreak");
	end(o);
}

/* The index of the column style of width cm, added when new. */
static size_t
width_style(struct odf *o, double cm)
{
	size_t	i;

	for (i = 0; i < o->nwidths; i++)
		if (fabs(o->widths[i] - cm) < 0.005)
			return i;
	if (o->nwidths == WIDTHS_MAX)
		return WIDTHS_MAX - 1;
	o->widths[o->nwidths] = cm;
	return o->nwidths++;
}

/* Whether name may name a sheet: LibreOffice refuses []*?:/\ and more
   than 31 characters. */
static int
sheet_name_ok(const char *name)
{
	size_t	len = strlen(name);

	return len > 0 && utf8_length(name, len) <= 31 &&
	    strpbrk(name, "[]*?:/\\") == NULL;
}

void
odf_table_open(struct odf *o, const char *name, size_t ncols,
    const double *widths)
{
	char	style[32];
	size_t	i;

	if (o->error != NULL || o->w == NULL)
		return;
	if (o->state != ST_BODY || ncols == 0 || ncols > ODF_COLUMNS_MAX) {
		fail(o, "a table out of place or of no column");
		return;
	}
	if (!text_ok(o, name))
		return;
	if (o->kind == ODF_SPREADSHEET && !sheet_name_ok(name)) {
		fail(o, "a sheet's name is empty, too long or holds one of "
		    "[]*?:/\\");
		return;
	}
	start(o, "table:table");
	attr(o, "table:name", name);
	if (o->kind == ODF_TEXT)
		attr(o, "table:style-name", "Table");
	for (i = 0; i < ncols; i++) {
		if (widths != NULL && !(widths[i] > 0.1 && widths[i] < 100)) {
			fail(o, "a column's width is not 0.1 to 100 cm");
			return;
		}
		start(o, "table:table-column");
		if (widths != NULL) {
			snprintf(style, sizeof(style), "co%zu",
			    width_style(o, widths[i]) + 1);
			attr(o, "table:style-name", style);
		}
		end(o);
	}
	o->state = ST_TABLE;
	o->ncols = ncols;
	o->rows = 0;
}

void
odf_row_open(struct odf *o, int header)
{
	if (o->error != NULL)
		return;
	if (o->state != ST_TABLE || (header && o->rows > 0)) {
		fail(o, "a row out of place");
		return;
	}
	if (header)
		start(o, "table:table-header-rows");
	start(o, "table:table-row");
	o->state = ST_ROW;
	o->header = header;
	o->cells = 0;
	o->rows++;
}

/* Opens a cell of style and value type (NULL: none), if one fits. */
static int
cell_open(struct odf *o, const char *style, const char *type)
{
	if (o->error != NULL)
		return 0;
	if (o->state != ST_ROW || o->cells == o->ncols) {
		fail(o, "a cell out of a row, or beyond its columns");
		return 0;
	}
	o->cells++;
	start(o, "table:table-cell");
	if (o->header)
		style = o->kind == ODF_SPREADSHEET ? "Head" : NULL;
	if (style != NULL && o->kind == ODF_SPREADSHEET)
		attr(o, "table:style-name", style);
	if (type != NULL)
		attr(o, "office:value-type", type);
	return 1;
}

/* The cell's shown text, and its end. */
static void
cell_close(struct odf *o, const char *shown)
{
	if (shown != NULL) {
		start(o, "text:p");
		if (o->kind == ODF_TEXT)
			attr(o, "text:style-name", o->header ?
			    "Table_20_Heading" : "Table_20_Contents");
		wr(o, xmlTextWriterWriteString(o->w, BAD_CAST shown));
		end(o);
	}
	end(o);
}

void
odf_cell_string(struct odf *o, const char *s)
{
	if (!text_ok(o, s) || !cell_open(o, NULL, o->kind ==
	    ODF_SPREADSHEET ? "string" : NULL))
		return;
	cell_close(o, s);
}

void
odf_cell_empty(struct odf *o)
{
	if (cell_open(o, NULL, NULL))
		cell_close(o, o->kind == ODF_TEXT ? "" : NULL);
}

/* A number (percent 0) or rate (1) shown with decimals. */
static void
cell_number(struct odf *o, double v, int decimals, int percent)
{
	char	shown[CHART_NUMBER_MAX], value[64], style[8];

	if (decimals < 0 || decimals > 2) {
		fail(o, "a number's decimals are not 0 to 2");
		return;
	}
	if (isnan(v)) {
		odf_cell_empty(o);
		return;
	}
	if ((percent ? chart_percent(v, decimals, shown, sizeof(shown)) :
	    chart_number(v, decimals, shown, sizeof(shown))) == -1) {
		fail(o, "a number out of range");
		return;
	}
	snprintf(style, sizeof(style), "%s%d", percent ? "P" : "F",
	    decimals);
	if (!cell_open(o, style, percent ? "percentage" : "float"))
		return;
	if (o->kind == ODF_SPREADSHEET) {
		/* Enough digits to read back the same double. */
		snprintf(value, sizeof(value), "%.17g", v);
		attr(o, "office:value", value);
	}
	cell_close(o, shown);
}

void
odf_cell_float(struct odf *o, double v, int decimals)
{
	cell_number(o, v, decimals, 0);
}

void
odf_cell_percent(struct odf *o, double v, int decimals)
{
	cell_number(o, v, decimals, 1);
}

void
odf_cell_date(struct odf *o, const char *iso)
{
	char	shown[16];
	int	y, m, d;
	char	tail;

	if (iso == NULL || strlen(iso) != 10 || sscanf(iso,
	    "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31) {
		fail(o, "a date is not YYYY-MM-DD");
		return;
	}
	if (!cell_open(o, "Date", "date"))
		return;
	if (o->kind == ODF_SPREADSHEET)
		attr(o, "office:date-value", iso);
	snprintf(shown, sizeof(shown), "%02d/%02d/%04d", d, m, y);
	cell_close(o, shown);
}

void
odf_row_close(struct odf *o)
{
	if (o->error != NULL)
		return;
	if (o->state != ST_ROW) {
		fail(o, "a row closed that is not open");
		return;
	}
	/* A text table's row has all its cells. */
	while (o->kind == ODF_TEXT && o->cells < o->ncols && o->error == NULL)
		odf_cell_empty(o);
	end(o);
	if (o->header)
		end(o);
	o->state = ST_TABLE;
	o->header = 0;
}

void
odf_table_close(struct odf *o)
{
	if (o->error != NULL)
		return;
	if (o->state != ST_TABLE) {
		fail(o, "a table closed that is not open, or in a row");
		return;
	}
	if (o->rows == 0) {
		/* A table needs a row. */
		odf_row_open(o, 0);
		odf_row_close(o);
	}
	end(o);
	o->state = ST_BODY;
}

/* A new writer into buffer *bp, its document started. */
static xmlTextWriterPtr
part_open(xmlBufferPtr *bp)
{
	xmlTextWriterPtr	w;

	if ((*bp = xmlBufferCreate()) == NULL)
		return NULL;
	if ((w = xmlNewTextWriterMemory(*bp, 0)) == NULL ||
	    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0) {
		if (w != NULL)
			xmlFreeTextWriter(w);
		xmlBufferFree(*bp);
		*bp = NULL;
		return NULL;
	}
	return w;
}

/* The root element of a part with the namespaces ODF uses. */
static void
root(struct odf *o, const char *name)
{
	start(o, name);
	attr(o, "xmlns:office", NS_OFFICE);
	attr(o, "xmlns:style", NS_STYLE);
	attr(o, "xmlns:text", NS_TEXT);
	attr(o, "xmlns:table", NS_TABLE);
	attr(o, "xmlns:fo", NS_FO);
	attr(o, "xmlns:number", NS_NUMBER);
	attr(o, "xmlns:meta", NS_META);
	attr(o, "xmlns:dc", NS_DC);
	attr(o, "office:version", "1.2");
}

/* <style:style style:name=name style:family=family> opened. */
static void
style_open(struct odf *o, const char *name, const char *family)
{
	start(o, "style:style");
	attr(o, "style:name", name);
	attr(o, "style:family", family);
}

static void
props(struct odf *o, const char *element, const char *a1, const char *v1,
    const char *a2, const char *v2)
{
	start(o, element);
	attr(o, a1, v1);
	if (a2 != NULL)
		attr(o, a2, v2);
	end(o);
}

/* The number styles and cell styles of a spreadsheet. */
static void
sheet_styles(struct odf *o)
{
	char	name[8], data[8];
	int	d, pct;

	for (pct = 0; pct < 2; pct++)
		for (d = 0; d <= 2; d++) {
			snprintf(data, sizeof(data), "N%s%d", pct ? "P" : "F",
			    d);
			start(o, pct ? "number:percentage-style" :
			    "number:number-style");
			attr(o, "style:name", data);
			start(o, "number:number");
			wr(o, xmlTextWriterWriteFormatAttribute(o->w,
			    BAD_CAST "number:decimal-places", "%d", d));
			attr(o, "number:min-integer-digits", "1");
			attr(o, "number:grouping", "true");
			end(o);
			if (pct) {
				start(o, "number:text");
				wr(o, xmlTextWriterWriteString(o->w,
				    BAD_CAST CHART_NBSP "%"));
				end(o);
			}
			end(o);
			snprintf(name, sizeof(name), "%s%d", pct ? "P" : "F",
			    d);
			style_open(o, name, "table-cell");
			attr(o, "style:data-style-name", data);
			end(o);
		}
	start(o, "number:date-style");
	attr(o, "style:name", "ND");
	props(o, "number:day", "number:style", "long", NULL, NULL);
	start(o, "number:text");
	wr(o, xmlTextWriterWriteString(o->w, BAD_CAST "/"));
	end(o);
	props(o, "number:month", "number:style", "long", NULL, NULL);
	start(o, "number:text");
	wr(o, xmlTextWriterWriteString(o->w, BAD_CAST "/"));
	end(o);
	props(o, "number:year", "number:style", "long", NULL, NULL);
	end(o);
	style_open(o, "Date", "table-cell");
	attr(o, "style:data-style-name", "ND");
	end(o);
	style_open(o, "Head", "table-cell");
	props(o, "style:table-cell-properties", "fo:background-color",
	    "#dddddd", NULL, NULL);
	props(o, "style:text-properties", "fo:font-weight", "bold", NULL,
	    NULL);
	end(o);
}

/* content.xml: the automatic styles the body used, then the body. */
static void
content(struct odf *o)
{
	char	name[32], width[32];
	size_t	i;

	root(o, "office:document-content");
	start(o, "office:automatic-styles");
	for (i = 0; i < o->nwidths; i++) {
		snprintf(name, sizeof(name), "co%zu", i + 1);
		snprintf(width, sizeof(width), "%.2fcm", o->widths[i]);
		style_open(o, name, "table-column");
		props(o, "style:table-column-properties", "style:column-width",
		    width, NULL, NULL);
		end(o);
	}
	if (o->kind == ODF_SPREADSHEET)
		sheet_styles(o);
	else {
		style_open(o, "PageBreak", "paragraph");
		attr(o, "style:parent-style-name", "Standard");
		props(o, "style:paragraph-properties", "fo:break-before",
		    "page", NULL, NULL);
		end(o);
		style_open(o, "Table", "table");
		props(o, "style:table-properties", "style:width", "17cm",
		    "table:align", "left");
		end(o);
	}
	end(o);
	start(o, "office:body");
	start(o, o->kind == ODF_SPREADSHEET ? "office:spreadsheet" :
	    "office:text");
	wr(o, xmlTextWriterFlush(o->w));
}

/* A paragraph style of styles.xml. */
static void
para_style(struct odf *o, const char *name, const char *display,
    const char *size, int bold, const char *above, const char *below)
{
	style_open(o, name, "paragraph");
	attr(o, "style:display-name", display);
	attr(o, "style:parent-style-name", "Standard");
	props(o, "style:paragraph-properties", "fo:margin-top", above,
	    "fo:margin-bottom", below);
	start(o, "style:text-properties");
	attr(o, "fo:font-size", size);
	if (bold)
		attr(o, "fo:font-weight", "bold");
	end(o);
	end(o);
}

/* styles.xml: the named styles and an A4 page with 2 cm margins. */
static void
styles(struct odf *o)
{
	root(o, "office:document-styles");
	start(o, "office:styles");
	start(o, "style:default-style");
	attr(o, "style:family", "paragraph");
	start(o, "style:text-properties");
	attr(o, "style:font-name", "DejaVu Sans");
	attr(o, "fo:font-family", "'DejaVu Sans'");
	attr(o, "fo:font-size", "10pt");
	attr(o, "fo:language", "fr");
	attr(o, "fo:country", "FR");
	end(o);
	end(o);
	style_open(o, "Standard", "paragraph");
	end(o);
	para_style(o, "Text_20_body", "Text body", "10pt", 0, "0cm",
	    "0.2cm");
	para_style(o, "Title", "Title", "20pt", 1, "0cm", "0.4cm");
	para_style(o, "Heading_20_1", "Heading 1", "15pt", 1, "0.4cm",
	    "0.2cm");
	para_style(o, "Heading_20_2", "Heading 2", "12pt", 1, "0.3cm",
	    "0.2cm");
	para_style(o, "Heading_20_3", "Heading 3", "11pt", 1, "0.2cm",
	    "0.1cm");
	para_style(o, "Table_20_Contents", "Table Contents", "9pt", 0, "0cm",
	    "0cm");
	para_style(o, "Table_20_Heading", "Table Heading", "9pt", 1, "0cm",
	    "0cm");
	end(o);
	start(o, "office:automatic-styles");
	start(o, "style:page-layout");
	attr(o, "style:name", "A4");
	start(o, "style:page-layout-properties");
	attr(o, "fo:page-width", "21cm");
	attr(o, "fo:page-height", "29.7cm");
	attr(o, "style:print-orientation", "portrait");
	attr(o, "fo:margin-top", "2cm");
	attr(o, "fo:margin-bottom", "2cm");
	attr(o, "fo:margin-left", "2cm");
	attr(o, "fo:margin-right", "2cm");
	end(o);
	end(o);
	end(o);
	start(o, "office:master-styles");
	start(o, "style:master-page");
	attr(o, "style:name", "Standard");
	attr(o, "style:page-layout-name", "A4");
	end(o);
	end(o);
	end(o);
}

static void
meta(struct odf *o)
{
	root(o, "office:document-meta");
	start(o, "office:meta");
	start(o, "meta:generator");
	wr(o, xmlTextWriterWriteString(o->w, BAD_CAST "Qualimètre"));
	end(o);
	start(o, "dc:title");
	wr(o, xmlTextWriterWriteString(o->w, BAD_CAST o->title));
	end(o);
	start(o, "dc:language");
	wr(o, xmlTextWriterWriteString(o->w, BAD_CAST "fr-FR"));
	end(o);
	end(o);
	end(o);
}

static void
manifest_entry(struct odf *o, const char *path, const char *type)
{
	start(o, "manifest:file-entry");
	attr(o, "manifest:full-path", path);
	if (strcmp(path, "/") == 0)
		attr(o, "manifest:version", "1.2");
	attr(o, "manifest:media-type", type);
	end(o);
}

static void
manifest(struct odf *o, const char *mime)
{
	start(o, "manifest:manifest");
	attr(o, "xmlns:manifest", NS_MANIFEST);
	attr(o, "manifest:version", "1.2");
	manifest_entry(o, "/", mime);
	manifest_entry(o, "content.xml", "text/xml");
	manifest_entry(o, "styles.xml", "text/xml");
	manifest_entry(o, "meta.xml", "text/xml");
	end(o);
}

/* Adds a member name holding len bytes at data, stored or deflated. */
static int
member(zip_t *za, const char *name, const void *data, size_t len,
    int store)
{
	zip_source_t	*src;
	zip_int64_t	 i;

	if ((src = zip_source_buffer(za, data, len, 0)) == NULL)
		return -1;
	if ((i = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		return -1;
	}
	/* A fixed time: the same document gives the same bytes. */
	if (zip_file_set_mtime(za, (zip_uint64_t)i, 1767225600, 0) == -1 ||
	    zip_set_file_compression(za, (zip_uint64_t)i, store ?
	    ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) == -1)
		return -1;
	return 0;
}

/* The parts, each written by fn into parts[i]. */
enum part {
	PART_CONTENT,
	PART_STYLES,
	PART_META,
	PART_MANIFEST,
	PART__MAX
};

static const char *const part_names[PART__MAX] = {
	"content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"
};

int
odf_finish(struct odf *o, struct buf *out, char **cause)
{
	xmlBufferPtr	 parts[PART__MAX] = { NULL };
	xmlTextWriterPtr body;
	zip_source_t	*zs = NULL;
	zip_t		*za = NULL;
	zip_error_t	 ze;
	zip_stat_t	 st;
	const char	*mime;
	char		*data = NULL;
	int		 i, rc = -1;

	zip_error_init(&ze);
	mime = o->kind == ODF_SPREADSHEET ? ODF_MIME_SHEET : ODF_MIME_TEXT;
	if (o->error == NULL && o->state != ST_BODY)
		fail(o, "a table is still open");
	if (o->error == NULL)
		wr(o, xmlTextWriterFlush(o->w));
	body = o->w;
	for (i = 0; i < PART__MAX && o->error == NULL; i++) {
		if ((o->w = part_open(&parts[i])) == NULL) {
			fail(o, "cannot create the XML writer");
			break;
		}
		if (i == PART_CONTENT) {
			content(o);
			/* The body, as streamed; the writer's state holds
			   the elements still open above it. */
			wr(o, xmlTextWriterWriteRawLen(o->w,
			    xmlBufferContent(o->body),
			    xmlBufferLength(o->body)));
		} else if (i == PART_STYLES)
			styles(o);
		else if (i == PART_META)
			meta(o);
		else
			manifest(o, mime);
		wr(o, xmlTextWriterEndDocument(o->w));
		xmlFreeTextWriter(o->w);
	}
	o->w = body;
	if (o->error != NULL)
		goto out;
	if ((zs = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto zerr;
	zip_source_keep(zs);
	if ((za = zip_open_from_source(zs, ZIP_TRUNCATE, &ze)) == NULL)
		goto zerr;
	/* ODF: the mimetype first, stored, so that its type shows at a
	   fixed offset of the file. */
	if (member(za, "mimetype", mime, strlen(mime), 1) == -1)
		goto zaerr;
	for (i = 0; i < PART__MAX; i++)
		if (member(za, part_names[i], xmlBufferContent(parts[i]),
		    (size_t)xmlBufferLength(parts[i]), 0) == -1)
			goto zaerr;
	if (zip_close(za) == -1)
		goto zaerr;
	za = NULL;
	if (zip_source_stat(zs, &st) == -1 || zip_source_open(zs) == -1)
		goto zserr;
	data = xmalloc(st.size + 1);
	if (zip_source_read(zs, data, st.size) != (zip_int64_t)st.size) {
		zip_source_close(zs);
		goto zserr;
	}
	zip_source_close(zs);
	buf_put(out, data, st.size);
	rc = 0;
	goto out;
zaerr:
	xasprintf(cause, "zip: %s", zip_strerror(za));
	goto out;
zserr:
	xasprintf(cause, "zip: %s", zip_error_strerror(zip_source_error(zs)));
	goto out;
zerr:
	xasprintf(cause, "zip: %s", zip_error_strerror(&ze));
out:
	if (rc == -1 && o->error != NULL)
		xasprintf(cause, "OpenDocument: %s", o->error);
	if (za != NULL)
		zip_discard(za);
	if (zs != NULL)
		zip_source_free(zs);
	zip_error_fini(&ze);
	for (i = 0; i < PART__MAX; i++)
		if (parts[i] != NULL)
			xmlBufferFree(parts[i]);
	free(data);
	return rc;
}
