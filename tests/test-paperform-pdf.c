/*
 * The blank questionnaire: the satisfaction form gives a PDF whose text
 * (read back with poppler's pdftotext when it is on the PATH) holds every
 * question's label in the form's order, numbered, the URL of the QR
 * code and the page numbers; more questions make more pages; a
 * question is never cut; the errors leave the buffer as it was. Set
 * PAPERFORM_PDF_KEEP to a path to keep the satisfaction PDF there.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <libxml/parser.h>

#include "buf.h"
#include "form.h"
#include "paperform.h"
#include "tap.h"
#include "xmalloc.h"

#define URL	"https://accueil.loir-et-cher.gouv.fr/enquete/satisfaction-2026"

/* The pages of a PDF as cairo writes them: one "/Type /Page" each. */
static size_t
pages_of(const struct buf *pdf)
{
	const char	*s = pdf->data, *end = pdf->data + pdf->len;
	size_t		 n = 0, len = strlen("/Type /Page");

	while (s != NULL && s + len < end) {
		if ((s = memmem(s, (size_t)(end - s), "/Type /Page", len)) ==
		    NULL)
			break;
		/* Not "/Type /Pages", the tree above them. */
		if (s[len] != 's')
			n++;
		s += len;
	}
	return n;
}

/*
 * The text of pdf by pdftotext, every run of white space (and U+00A0)
 * made one space, into *text; 0 when pdftotext is missing or fails.
 */
static int
text_of(const struct buf *pdf, struct buf *text)
{
	char	 path[] = "/tmp/test-paperform-XXXXXX", *cmd, chunk[4096];
	FILE	*f;
	size_t	 n, i;
	int	 fd, blank = 0, ok;

	if ((fd = mkstemp(path)) == -1)
		return 0;
	ok = write(fd, pdf->data, pdf->len) == (ssize_t)pdf->len;
	close(fd);
	xasprintf(&cmd, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
	if (ok && (f = popen(cmd, "r")) != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			for (i = 0; i < n; i++) {
				if (strchr(" \t\r\n\f", chunk[i]) != NULL) {
					blank = 1;
					continue;
				}
				if (blank && text->len > 0)
					buf_putc(text, ' ');
				blank = 0;
				buf_putc(text, chunk[i]);
			}
		ok = pclose(f) == 0 && text->len > 0;
	} else
		ok = 0;
	unlink(path);
	free(cmd);
	return ok;
}

/* s with U+00A0 made a space, as text_of reads it. */
static char *
plain(const char *s)
{
	struct buf	b = { 0 };

	for (; *s != '\0'; s++) {
		if (s[0] == '\xc2' && s[1] == '\xa0') {
			buf_putc(&b, ' ');
			s++;
		} else
			buf_putc(&b, *s);
	}
	return b.data != NULL ? b.data : xstrdup("");
}

/* A form of n text questions, each "Question numéro i ?". */
static struct form *
form_of(const char *schema, int n)
{
	struct buf	 x = { 0 };
	struct form	*f = NULL;
	char		*cause = NULL;
	int		 i;

	buf_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<form xmlns=\"urn:qualimetre:form:1\" key=\"t\" version=\"1\" "
	    "kind=\"satisfaction\"><title>Essai</title><section id=\"s\">"
	    "<title>Questions</title>");
	for (i = 1; i <= n; i++)
		buf_printf(&x, "<question key=\"q%d\" type=\"choice\">"
		    "<label>Question numéro %d ?</label>"
		    "<option value=\"a\"><label>Oui</label></option>"
		    "<option value=\"b\"><label>Non</label></option>"
		    "</question>", i, i);
	buf_puts(&x, "</section></form>\n");
	if (form_load_memory(x.data, x.len, "generated", schema, &f,
	    &cause) == -1) {
		tap_diag("%s", cause);
		free(cause);
	}
	buf_free(&x);
	return f;
}

static void
test_satisfaction(const struct form *f)
{
	const struct form_question	*q;
	struct buf			 pdf = { 0 }, text = { 0 };
	const char			*keep = getenv("PAPERFORM_PDF_KEEP");
	const char			*at, *hit;
	char				*cause = NULL, *want, num[16];
	size_t				 k, n = 0, pages;
	int				 inorder = 1, numbered = 1;
	FILE				*out;

	tap_ok(paperform_pdf(f, "Préfecture de Loir-et-Cher",
	    "Enquête de satisfaction 2026", URL, &pdf, &cause) == 0,
	    "the satisfaction questionnaire is drawn");
	tap_ok(pdf.len > 5 && memcmp(pdf.data, "%PDF-", 5) == 0,
	    "as a PDF (%zu bytes)", pdf.len);
	pages = pages_of(&pdf);
	tap_ok(pages >= 2 && pages <= 6, "on %zu pages", pages);
	if (keep != NULL && (out = fopen(keep, "wb")) != NULL) {
		fwrite(pdf.data, 1, pdf.len, out);
		fclose(out);
	}
	if (access("/usr/bin/pdftotext", X_OK) != 0 &&
	    system("command -v pdftotext > /dev/null 2>&1") != 0) {
		for (k = 0; k < 5; k++)
			tap_ok(1, "# SKIP pdftotext not on the PATH");
		buf_free(&pdf);
		return;
	}
	tap_ok(text_of(&pdf, &text), "pdftotext reads it");
	/* Each label after the one before, each after its number. */
	at = text.data != NULL ? text.data : "";
	for (k = 0; k < form_nquestions(f); k++) {
		q = form_question(f, k);
		if (q->kind == QKIND_DELAY)
			continue;
		snprintf(num, sizeof(num), "%zu. ", ++n);
		want = plain(q->label);
		if ((hit = strstr(at, want)) == NULL) {
			tap_diag("label %zu not found in order: %s", n, want);
			inorder = 0;
		} else {
			if (hit - at < (ptrdiff_t)strlen(num) ||
			    strncmp(hit - strlen(num), num, strlen(num)) != 0)
				numbered = 0;
			at = hit + strlen(want);
		}
		free(want);
	}
	tap_ok(inorder && n > 10, "all %zu question labels appear, in the "
	    "form's order", n);
	tap_ok(numbered, "each one after its number, as on the entry screen");
	tap_ok(text.data != NULL && strstr(text.data, URL) != NULL &&
	    strstr(text.data, "Scannez ce code") != NULL,
	    "the web version's address is printed by its QR code");
	snprintf(num, sizeof(num), "page %zu sur %zu", pages, pages);
	tap_ok(text.data != NULL && strstr(text.data, "page 1 sur") != NULL &&
	    strstr(text.data, num) != NULL, "the pages are numbered, up to "
	    "\"%s\"", num);
	buf_free(&text);
	buf_free(&pdf);
}

static void
test_no_url(const struct form *f)
{
	struct buf	 pdf = { 0 }, text = { 0 };
	char		*cause = NULL;

	tap_ok(paperform_pdf(f, NULL, NULL, NULL, &pdf, &cause) == 0 &&
	    memcmp(pdf.data, "%PDF-", 5) == 0,
	    "without a public address, site or campaign: a PDF still");
	tap_ok(!text_of(&pdf, &text) || strstr(text.data, "Scannez") == NULL,
	    "with no QR code invitation");
	buf_free(&text);
	buf_free(&pdf);
}

static void
test_growth(const char *schema)
{
	struct form	*few, *many;
	struct buf	 a = { 0 }, b = { 0 }, text = { 0 };
	char		*cause = NULL;
	size_t		 pa = 0, pb = 0;
	const char	*p30, *p31, *ff;

	few = form_of(schema, 3);
	many = form_of(schema, 60);
	tap_ok(few != NULL && many != NULL, "forms of 3 and 60 questions");
	if (few == NULL || many == NULL) {
		form_free(few);
		form_free(many);
		return;
	}
	if (paperform_pdf(few, "Site", "Campagne", URL, &a, &cause) == 0)
		pa = pages_of(&a);
	if (paperform_pdf(many, "Site", "Campagne", URL, &b, &cause) == 0)
		pb = pages_of(&b);
	tap_ok(pa == 1, "3 questions fit on one page (%zu)", pa);
	tap_ok(pb > pa && pb >= 3, "60 questions take more pages (%zu)", pb);
	/* Never cut: a question's label and its last option on one page. */
	if (text_of(&b, &text)) {
		p30 = strstr(text.data, "Question numéro 30 ?");
		p31 = strstr(text.data, "Question numéro 31 ?");
		ff = p30 != NULL ? strstr(p30, "page ") : NULL;
		tap_ok(p30 != NULL && p31 != NULL && (ff == NULL || ff > p31 ||
		    strstr(p30, "Non") < ff), "a question's options are on "
		    "its page");
	} else
		tap_ok(1, "# SKIP pdftotext not on the PATH");
	buf_free(&text);
	buf_free(&a);
	buf_free(&b);
	form_free(few);
	form_free(many);
}

static void
test_errors(const struct form *f)
{
	struct buf	 out = { 0 };
	char		*cause = NULL, *url;
	int		 rc;

	buf_puts(&out, "kept");
	rc = paperform_pdf(NULL, "Site", NULL, URL, &out, &cause);
	tap_ok(rc == -1 && cause != NULL && out.len == 4, "no form: refused, out untouched "
	    "(%s)", cause != NULL ? cause : "no cause");
	free(cause);
	cause = NULL;
	url = xcalloc(1, 2000);
	memset(url, 'a', 1999);
	tap_ok(paperform_pdf(f, "Site", NULL, url, &out, &cause) == -1 &&
	    cause != NULL && out.len == 4 && strcmp(out.data, "kept") == 0,
	    "a URL too long for a QR code: refused, out untouched");
	free(cause);
	cause = NULL;
	tap_ok(paperform_pdf(f, "Site", NULL, "", &out, &cause) == -1 &&
	    out.len == 4, "an empty URL: refused");
	free(cause);
	free(url);
	tap_ok(PAPERFORM_BOX >= 4.0 / 25.4 * 72 && PAPERFORM_TEXT_SIZE >= 11,
	    "tick boxes of 4 mm at least, text of 11 points at least");
	buf_free(&out);
}

int
main(void)
{
	const char	*top = getenv("top_srcdir");
	char		 path[1024], schema[1024], *cause = NULL;
	struct form	*f = NULL;
	void		*fcfini;

	tap_plan(18);
	if (top == NULL)
		top = ".";
	snprintf(path, sizeof(path), "%s/forms/satisfaction.xml", top);
	snprintf(schema, sizeof(schema), "%s/forms/form.rng", top);
	if (form_load(path, schema, &f, &cause) == -1) {
		tap_diag("%s", cause);
		free(cause);
		return 1;
	}
	test_satisfaction(f);
	test_no_url(f);
	test_growth(schema);
	test_errors(f);
	form_free(f);
	/* Only our own memory for LeakSanitizer: cairo's and fontconfig's
	   caches go, as in test-poster-pdf.c. */
	cairo_debug_reset_static_data();
	if ((fcfini = dlsym(RTLD_DEFAULT, "FcFini")) != NULL)
		((void (*)(void))fcfini)();
	xmlCleanupParser();
	return tap_done();
}
