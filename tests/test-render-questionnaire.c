/*
 * The questionnaire page: one fieldset and legend per question, every
 * input tied to its label, answers filled in again after an error, the
 * error summary linking to fields that exist, values escaped.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "render.h"
#include "tap.h"
#include "valid.h"

static size_t
count(const char *hay, const char *needle)
{
	size_t	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Every id="X" of an <input> or <textarea> has a <label for="X">. */
static int
inputs_labelled(const char *page, int *ninputs)
{
	const char	*p = page, *id, *end;
	char		 want[256];
	size_t		 len;

	*ninputs = 0;
	while ((p = strstr(p, "<input ")) != NULL) {
		end = strchr(p, '>');
		if (strstr(p, "type=\"hidden\"") != NULL &&
		    strstr(p, "type=\"hidden\"") < end) {
			p = end;
			continue;
		}
		if ((id = strstr(p, " id=\"")) == NULL || id > end)
			return 0;
		id += 5;
		len = strcspn(id, "\"");
		snprintf(want, sizeof(want), "for=\"%.*s\"", (int)len, id);
		if (strstr(page, want) == NULL) {
			tap_diag("no label %s", want);
			return 0;
		}
		(*ninputs)++;
		p = end;
	}
	p = strstr(page, "<textarea ");
	if (p != NULL) {
		id = strstr(p, " id=\"") + 5;
		len = strcspn(id, "\"");
		snprintf(want, sizeof(want), "for=\"%.*s\"", (int)len, id);
		if (strstr(page, want) == NULL)
			return 0;
		(*ninputs)++;
	}
	return 1;
}

/* Every href="#X" of the error summary points to an id="X". */
static int
links_resolve(const char *page, int *nlinks)
{
	const char	*p, *end;
	char		 want[256];
	size_t		 len;

	*nlinks = 0;
	if ((p = strstr(page, "id=\"erreurs\"")) == NULL)
		return 0;
	end = strstr(p, "</div>");
	while ((p = strstr(p, "href=\"#")) != NULL && p < end) {
		p += 7;
		len = strcspn(p, "\"");
		snprintf(want, sizeof(want), "id=\"%.*s\"", (int)len, p);
		if (strstr(page, want) == NULL) {
			tap_diag("summary link to missing %s", want);
			return 0;
		}
		(*nlinks)++;
	}
	return 1;
}

int
main(void)
{
	const char		*top = getenv("top_srcdir");
	char			 path[1024], schema[1024], *cause = NULL;
	const char		*body = "motif=etrangers&canal=telephone&"
				    "courtoisie=satisfait&commentaire="
				    "%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E"
				    "&_jeton=tok%22en";
	struct form		*f = NULL;
	struct buf		 b = { 0 };
	struct http_field	*fields;
	struct answerset	 s;
	size_t			 n;
	int			 ninputs, nlinks;

	tap_plan(15);
	if (top == NULL)
		top = ".";
	snprintf(path, sizeof(path), "%s/forms/satisfaction.xml", top);
	snprintf(schema, sizeof(schema), "%s/forms/form.rng", top);
	if (form_load(path, schema, &f, &cause) == -1) {
		tap_diag("%s", cause);
		return 1;
	}

	page_begin(&b, "Enquête <2026>", "Préfecture & co");
	render_questionnaire(&b, f, "fr", "/enquete/x", "TOKEN", NULL, NULL,
	    NULL);
	page_end(&b);
	tap_ok(strncmp(b.data, "<!DOCTYPE html>", 15) == 0 &&
	    strstr(b.data, "<html lang=\"fr\"") != NULL,
	    "an HTML5 page in French");
	tap_ok(strstr(b.data, "<title>Enquête &lt;2026&gt; – Préfecture "
	    "&amp; co</title>") != NULL, "the title is escaped");
	tap_ok(count(b.data, "<fieldset") == 15 &&
	    count(b.data, "<legend") == 15,
	    "a fieldset and a legend for each of the 15 choice questions");
	tap_ok(count(b.data, "<textarea") == 1 &&
	    strstr(b.data, "maxlength=\"2000\"") != NULL,
	    "the comment is a textarea of at most 2000 characters");
	tap_ok(inputs_labelled(b.data, &ninputs) && ninputs == 12 + 12 * 5 -
	    0 + 1, "each of the %d inputs has its label", ninputs);
	tap_ok(strstr(b.data, "data-when-key=\"motif\" "
	    "data-when-value=\"etrangers\"") != NULL &&
	    strstr(b.data, " hidden") == NULL,
	    "the conditional question is marked, and not hidden without "
	    "script");
	tap_ok(strstr(b.data, "name=\"_jeton\" value=\"TOKEN\"") != NULL,
	    "the token is in the form");
	tap_ok(strstr(b.data, "checked") == NULL, "nothing is checked yet");
	tap_ok(strstr(b.data, "fr-header") != NULL && strstr(b.data,
	    "République<br>Française") != NULL && strstr(b.data,
	    "Accessibilité : ") != NULL, "DSFR header with the bloc marque, "
	    "footer with the accessibility mention");

	/* After an error: answers filled in again, summary, messages. */
	if (http_parse_urlencoded(body, strlen(body), HTTP_FIELDS_MAX,
	    &fields, &n, &cause) == -1)
		return 1;
	valid_answers(f, fields, n, &s);
	buf_reset(&b);
	page_begin(&b, "Erreur", NULL);
	render_questionnaire(&b, f, "fr", "/enquete/x", s.token, &s, NULL,
	    NULL);
	page_end(&b);
	tap_ok(s.nerrors == 1 && links_resolve(b.data, &nlinks) &&
	    nlinks == 1, "the summary links to the one faulty field");
	tap_ok(strstr(b.data, "id=\"q-motif-etrangers\" name=\"motif\" "
	    "value=\"etrangers\" checked") != NULL && strstr(b.data,
	    "value=\"telephone\" checked") != NULL && strstr(b.data,
	    "value=\"satisfait\" checked") != NULL,
	    "every answer is checked again");
	tap_ok(strstr(b.data, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
	    "</textarea>") != NULL && strstr(b.data, "<script>alert") == NULL,
	    "the comment comes back escaped");
	tap_ok(strstr(b.data, "value=\"tok&quot;en\"") != NULL,
	    "the token comes back escaped");
	tap_ok(strstr(b.data, "fr-fieldset--error\" id=\"q-profil\"") !=
	    NULL && strstr(b.data, "<p class=\"fr-message "
	    "fr-message--error\">") != NULL,
	    "the missing answer's fieldset is in error with its message");
	/* Issue 11, item 9: the label's own colon made "Vous êtes : :". */
	tap_ok(strstr(b.data, "\">Vous êtes</a> : ") != NULL &&
	    strstr(b.data, "Vous êtes :</a>") == NULL,
	    "the summary drops the label's own colon: no \"Vous êtes : :\"");

	valid_answers_free(&s);
	http_fields_free(fields, n);
	buf_free(&b);
	form_free(f);
	return tap_done();
}
