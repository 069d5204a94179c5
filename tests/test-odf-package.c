/*
 * OpenDocument files read back with libzip and libxml2: the mimetype
 * member first and stored, the manifest and every part well formed, a
 * spreadsheet's typed cells holding their values, a text's blocks in
 * order; and the calls out of place or the strings XML cannot hold
 * refused, leaving the output alone; and the documents of doc.c printed
 * as PDF, ODT and ODS.
 */
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "buf.h"
#include "doc.h"
#include "odf.h"
#include "tap.h"

/* The member name of the zip in b, NUL-terminated, or NULL. */
static char *
member(const struct buf *b, const char *name, zip_int32_t *method,
    zip_int64_t *index)
{
	zip_source_t	*src;
	zip_t		*za;
	zip_file_t	*zf;
	zip_stat_t	 st;
	zip_error_t	 ze;
	char		*data = NULL;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(b->data, b->len, 0, &ze)) == NULL)
		return NULL;
	if ((za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;
	}
	if (zip_stat(za, name, 0, &st) == 0 &&
	    (zf = zip_fopen(za, name, 0)) != NULL) {
		data = calloc(1, st.size + 1);
		if (zip_fread(zf, data, st.size) != (zip_int64_t)st.size) {
			free(data);
			data = NULL;
		}
		zip_fclose(zf);
		if (method != NULL)
			*method = st.comp_method;
		if (index != NULL)
			*index = st.index;
	}
	zip_close(za);
	zip_error_fini(&ze);
	return data;
}

static xmlDocPtr
part(const struct buf *b, const char *name)
{
	char		*s;
	xmlDocPtr	 doc;

	if ((s = member(b, name, NULL, NULL)) == NULL)
		return NULL;
	doc = xmlReadMemory(s, (int)strlen(s), name, NULL, XML_PARSE_NONET);
	free(s);
	return doc;
}

/* The string value of XPath expr in doc, or NULL; the caller frees. */
static char *
xpath(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr	 ctx;
	xmlXPathObjectPtr	 obj;
	char			*v = NULL;

	ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, BAD_CAST "office", BAD_CAST
	    "urn:oasis:names:tc:opendocument:xmlns:office:1.0");
	xmlXPathRegisterNs(ctx, BAD_CAST "table", BAD_CAST
	    "urn:oasis:names:tc:opendocument:xmlns:table:1.0");
	xmlXPathRegisterNs(ctx, BAD_CAST "text", BAD_CAST
	    "urn:oasis:names:tc:opendocument:xmlns:text:1.0");
	xmlXPathRegisterNs(ctx, BAD_CAST "style", BAD_CAST
	    "urn:oasis:names:tc:opendocument:xmlns:style:1.0");
	xmlXPathRegisterNs(ctx, BAD_CAST "manifest", BAD_CAST
	    "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");
	xmlXPathRegisterNs(ctx, BAD_CAST "dc", BAD_CAST
	    "http://purl.org/dc/elements/1.1/");
	if ((obj = xmlXPathEvalExpression(BAD_CAST expr, ctx)) != NULL) {
		v = (char *)xmlXPathCastToString(obj);
		xmlXPathFreeObject(obj);
	}
	xmlXPathFreeContext(ctx);
	return v;
}

static int
xpath_is(xmlDocPtr doc, const char *expr, const char *want)
{
	char	*v = xpath(doc, expr);
	int	 ok = v != NULL && strcmp(v, want) == 0;

	if (!ok)
		tap_diag("%s: got \"%s\", want \"%s\"", expr, v ? v : "(null)",
		    want);
	free(v);
	return ok;
}

static void
sheet(struct buf *out, int *rc)
{
	static const double	 widths[] = { 6.0, 2.5, 2.5, 3.0 };
	struct odf		*o;
	char			*cause = NULL;

	o = odf_create(ODF_SPREADSHEET, "Résultats");
	odf_table_open(o, "Résultats", 4, widths);
	odf_row_open(o, 1);
	odf_cell_string(o, "Critère");
	odf_cell_string(o, "Taux");
	odf_cell_string(o, "Avis");
	odf_cell_string(o, "Ouverture");
	odf_row_close(o);
	odf_row_open(o, 0);
	odf_cell_string(o, "Courtoisie & <amabilité>");
	odf_cell_percent(o, 97.0 / 152, 1);
	odf_cell_float(o, 152, 0);
	odf_cell_date(o, "2026-05-04");
	odf_row_close(o);
	odf_row_open(o, 0);
	odf_cell_string(o, "Sans avis");
	odf_cell_percent(o, NAN, 1);
	odf_cell_float(o, 0.1 + 0.2, 2);
	odf_cell_empty(o);
	odf_row_close(o);
	odf_table_close(o);
	odf_table_open(o, "Second", 1, NULL);
	odf_table_close(o);
	*rc = odf_finish(o, out, &cause);
	if (*rc != 0)
		tap_diag("%s", cause);
	free(cause);
	odf_free(o);
}

static void
text(struct buf *out, int *rc)
{
	struct odf	*o;
	char		*cause = NULL;

	o = odf_create(ODF_TEXT, "Bilan annuel 2026");
	odf_title(o, "Bilan annuel 2026");
	odf_heading(o, 1, "Synthèse");
	odf_paragraph(o, "Première ligne\nseconde ligne");
	odf_page_break(o);
	odf_heading(o, 2, "Satisfaction");
	odf_table_open(o, "Satisfaction", 2, NULL);
	odf_row_open(o, 1);
	odf_cell_string(o, "Critère");
	odf_cell_string(o, "Taux");
	odf_row_close(o);
	odf_row_open(o, 0);
	odf_cell_string(o, "Accueil");
	odf_row_close(o);
	odf_table_close(o);
	*rc = odf_finish(o, out, &cause);
	if (*rc != 0)
		tap_diag("%s", cause);
	free(cause);
	odf_free(o);
}

/* A document broken by what fn does: refused, out left alone. */
static void
refused(const char *what, void (*fn)(struct odf *), enum odf_kind kind)
{
	struct odf	*o;
	struct buf	 out;
	char		*cause = NULL;
	int		 rc;

	memset(&out, 0, sizeof(out));
	buf_puts(&out, "before");
	o = odf_create(kind, "x");
	fn(o);
	rc = odf_finish(o, &out, &cause);
	tap_ok(rc == -1 && cause != NULL && out.len == 6,
	    "refused: %s (%s)", what, cause != NULL ? cause : "no cause");
	free(cause);
	odf_free(o);
	buf_free(&out);
}

static void
bad_control(struct odf *o)
{
	odf_paragraph(o, "a\x01b");
}

static void
bad_utf8(struct odf *o)
{
	odf_title(o, "caf\xe9");
}

static void
bad_cell(struct odf *o)
{
	odf_cell_string(o, "outside");
}

static void
bad_heading(struct odf *o)
{
	odf_heading(o, 1, "a heading in a sheet");
}

static void
bad_sheet_name(struct odf *o)
{
	odf_table_open(o, "a/b", 1, NULL);
}

static void
bad_open(struct odf *o)
{
	odf_table_open(o, "Ouvert", 2, NULL);
	odf_row_open(o, 0);
}

static void
bad_columns(struct odf *o)
{
	odf_table_open(o, "Trop", 1, NULL);
	odf_row_open(o, 0);
	odf_cell_string(o, "1");
	odf_cell_string(o, "2");
	odf_row_close(o);
	odf_table_close(o);
}

static void
bad_date(struct odf *o)
{
	odf_table_open(o, "Dates", 1, NULL);
	odf_row_open(o, 0);
	odf_cell_date(o, "04/05/2026");
	odf_row_close(o);
	odf_table_close(o);
}

/* A document of the annual report's shape, printed three ways. */
static struct doc *
report_doc(void)
{
	static const char *const cols[] = { "Critère", "Avis", "Taux" };
	static const double	 widths[] = { 5, 2, 2 };
	struct doc		*d;

	d = doc_create("Bilan annuel 2025");
	doc_title(d, "Bilan annuel 2025");
	doc_heading(d, 1, "Synthèse");
	doc_paragraphf(d, "%d réponses", 45);
	doc_page_break(d);
	doc_table(d, "Satisfaction", 3, cols, widths);
	doc_row(d);
	doc_cell_text(d, "Courtoisie");
	doc_cell_number(d, 40, 0);
	doc_cell_percent(d, 0.75, 1);
	doc_row(d);
	doc_cell_text(d, "Attente");	/* the rest left empty */
	return d;
}

static void
docs(void)
{
	struct doc	*d;
	struct buf	 pdf, odt, ods, bad;
	xmlDocPtr	 x = NULL;
	char		*cause = NULL, *s = NULL;

	memset(&pdf, 0, sizeof(pdf));
	memset(&odt, 0, sizeof(odt));
	memset(&ods, 0, sizeof(ods));
	memset(&bad, 0, sizeof(bad));
	d = report_doc();
	tap_ok(doc_pdf(d, &pdf, &cause) == 0 && pdf.len > 5 &&
	    memcmp(pdf.data, "%PDF-", 5) == 0, "a document as a PDF");
	tap_ok(doc_odt(d, &odt, &cause) == 0 && (x = part(&odt,
	    "content.xml")) != NULL && xpath_is(x, "string(//text:h[1])",
	    "Synthèse") && xpath_is(x, "count(//table:table-row/"
	    "table:table-cell)", "9"), "as an ODT, its short row filled");
	xmlFreeDoc(x);
	tap_ok(doc_ods(d, &ods, &cause) == 0 && (x = part(&ods,
	    "content.xml")) != NULL && xpath_is(x, "string(//table:table/"
	    "@table:name)", "Satisfaction") && xpath_is(x, "string(//"
	    "table:table-row[1]/table:table-cell[3]/@office:value)", "0.75"),
	    "as an ODS: its table a sheet of typed cells");
	xmlFreeDoc(x);
	doc_free(d);
	d = doc_create("Vide");
	buf_reset(&ods);
	tap_ok(doc_ods(d, &ods, &cause) == 0 && (x = part(&ods,
	    "content.xml")) != NULL && xpath_is(x, "count(//table:table)",
	    "1"), "a document without a table still has a sheet");
	xmlFreeDoc(x);
	doc_cell_text(d, "hors tableau");
	buf_puts(&bad, "before");
	tap_ok(doc_pdf(d, &bad, &cause) == -1 && strcmp(bad.data,
	    "before") == 0 && cause != NULL, "a cell outside a table: no PDF");
	free(cause);
	cause = NULL;
	tap_ok(doc_odt(d, &bad, &cause) == -1 && doc_ods(d, &bad, &s) == -1 &&
	    strcmp(bad.data, "before") == 0, "nor ODT, nor ODS");
	free(cause);
	free(s);
	doc_free(d);
	buf_free(&pdf);
	buf_free(&odt);
	buf_free(&ods);
	buf_free(&bad);
}

int
main(void)
{
	struct buf	 ods, odt;
	xmlDocPtr	 doc;
	zip_int32_t	 method = -1;
	zip_int64_t	 index = -1;
	void		*fcfini;
	char		*s, *v;
	int		 rc;

	tap_plan(38);
	memset(&ods, 0, sizeof(ods));
	memset(&odt, 0, sizeof(odt));

	sheet(&ods, &rc);
	tap_ok(rc == 0 && ods.len > 0, "a spreadsheet is written");
	s = member(&ods, "mimetype", &method, &index);
	tap_ok(s != NULL && strcmp(s, ODF_MIME_SHEET) == 0,
	    "its mimetype is the spreadsheet's");
	tap_ok(index == 0 && method == ZIP_CM_STORE,
	    "the mimetype is the first member, stored");
	free(s);
	tap_ok(ods.len > 38 && memcmp(ods.data + 30, "mimetype", 8) == 0 &&
	    memcmp(ods.data + 38, ODF_MIME_SHEET, strlen(ODF_MIME_SHEET)) == 0,
	    "the mimetype reads at offset 38, as file(1) looks for it");
	doc = part(&ods, "META-INF/manifest.xml");
	tap_ok(doc != NULL && xpath_is(doc, "string(/manifest:manifest/"
	    "manifest:file-entry[@manifest:full-path='/']/"
	    "@manifest:media-type)", ODF_MIME_SHEET) && xpath_is(doc,
	    "count(//manifest:file-entry)", "4"),
	    "the manifest names the document and its three parts");
	xmlFreeDoc(doc);
	doc = part(&ods, "styles.xml");
	tap_ok(doc != NULL, "styles.xml is well formed");
	xmlFreeDoc(doc);
	doc = part(&ods, "meta.xml");
	tap_ok(doc != NULL && xpath_is(doc, "string(//dc:title)",
	    "Résultats"), "meta.xml is well formed, with the title");
	xmlFreeDoc(doc);
	doc = part(&ods, "content.xml");
	tap_ok(doc != NULL, "content.xml is well formed");
	tap_ok(xpath_is(doc, "count(//office:spreadsheet/table:table)", "2"),
	    "two sheets");
	tap_ok(xpath_is(doc, "string(//table:table[1]/@table:name)",
	    "Résultats"), "the first sheet's name");
	tap_ok(xpath_is(doc, "count(//table:table[1]/table:table-header-rows"
	    "/table:table-row/table:table-cell[@table:style-name='Head'])",
	    "4"), "the header row's four cells are styled");
	tap_ok(xpath_is(doc, "string(//table:table[1]/table:table-row[1]/"
	    "table:table-cell[1])", "Courtoisie & <amabilité>"),
	    "a text cell, escaped and read back");
	v = xpath(doc, "string(//table:table[1]/table:table-row[1]/"
	    "table:table-cell[2]/@office:value)");
	tap_ok(v != NULL && strtod(v, NULL) == 97.0 / 152 && xpath_is(doc,
	    "string(//table:table[1]/table:table-row[1]/table:table-cell[2]/"
	    "@office:value-type)", "percentage"),
	    "a rate round-trips as a percentage's value (%s)", v);
	free(v);
	tap_ok(xpath_is(doc, "string(//table:table[1]/table:table-row[1]/"
	    "table:table-cell[2])", "63,8\xc2\xa0%"),
	    "shown in French");
	tap_ok(xpath_is(doc, "string(//table:table[1]/table:table-row[1]/"
	    "table:table-cell[3]/@office:value)", "152") && xpath_is(doc,
	    "string(//table:table[1]/table:table-row[1]/table:table-cell[3]/"
	    "@office:value-type)", "float"), "a count is a float");
	v = xpath(doc, "string(//table:table[1]/table:table-row[2]/"
	    "table:table-cell[3]/@office:value)");
	tap_ok(v != NULL && strtod(v, NULL) == 0.1 + 0.2,
	    "0.1 + 0.2 reads back to the same double (%s)", v);
	free(v);
	tap_ok(xpath_is(doc, "string(//table:table[1]/table:table-row[1]/"
	    "table:table-cell[4]/@office:date-value)", "2026-05-04") &&
	    xpath_is(doc, "string(//table:table[1]/table:table-row[1]/"
	    "table:table-cell[4])", "04/05/2026"), "a date, stored and shown");
	tap_ok(xpath_is(doc, "count(//table:table[1]/table:table-row[2]/"
	    "table:table-cell[2]/@office:value)", "0"),
	    "a rate without opinions is an empty cell");
	tap_ok(xpath_is(doc, "string(//style:style[@style:name=//table:table"
	    "[1]/table:table-column[1]/@table:style-name]/"
	    "style:table-column-properties/@style:column-width)", "6.00cm"),
	    "the first column's width");
	xmlFreeDoc(doc);

	text(&odt, &rc);
	tap_ok(rc == 0, "a text document is written");
	s = member(&odt, "mimetype", &method, &index);
	tap_ok(s != NULL && strcmp(s, ODF_MIME_TEXT) == 0 && index == 0 &&
	    method == ZIP_CM_STORE, "its mimetype, first and stored");
	free(s);
	doc = part(&odt, "content.xml");
	tap_ok(doc != NULL && xpath_is(doc, "string(//office:text/text:h[1])",
	    "Synthèse") && xpath_is(doc, "string(//office:text/text:h[1]/"
	    "@text:outline-level)", "1"), "a heading with its level");
	tap_ok(xpath_is(doc, "count(//text:p[@text:style-name='PageBreak'])",
	    "1") && xpath_is(doc, "count(//text:line-break)", "1"),
	    "a page break and a line break");
	tap_ok(xpath_is(doc, "count(//table:table/table:table-row/"
	    "table:table-cell)", "2"), "a short row is filled to its columns");
	xmlFreeDoc(doc);

	refused("a control character", bad_control, ODF_TEXT);
	refused("text that is not UTF-8", bad_utf8, ODF_TEXT);
	refused("a cell outside a row", bad_cell, ODF_SPREADSHEET);
	refused("a heading in a spreadsheet", bad_heading, ODF_SPREADSHEET);
	refused("a sheet's name with a slash", bad_sheet_name,
	    ODF_SPREADSHEET);
	refused("a table left open", bad_open, ODF_SPREADSHEET);
	refused("more cells than columns", bad_columns, ODF_SPREADSHEET);
	refused("a date not ISO", bad_date, ODF_SPREADSHEET);

	docs();

	buf_free(&ods);
	buf_free(&odt);
	/* Only our own memory for LeakSanitizer: cairo's caches, then
	   fontconfig's, looked up where cairo brought it in (as
	   test-poster-pdf does). */
	cairo_debug_reset_static_data();
	if ((fcfini = dlsym(RTLD_DEFAULT, "FcFini")) != NULL)
		((void (*)(void))fcfini)();
	xmlCleanupParser();
	return tap_done();
}
