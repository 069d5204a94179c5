/*
 * The answer validator against the satisfaction questionnaire and a form
 * with every kind of question: required answers, allowed values, bounds,
 * lengths, UTF-8, unknown fields, conditions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "http.h"
#include "tap.h"
#include "valid.h"

static struct form	*sat, *kinds;

static struct form *
load(const char *rel)
{
	const char	*top = getenv("top_srcdir");
	char		 path[1024], schema[1024], *cause = NULL;
	struct form	*f = NULL;

	if (top == NULL)
		top = ".";
	snprintf(path, sizeof(path), "%s/%s", top, rel);
	snprintf(schema, sizeof(schema), "%s/forms/form.rng", top);
	if (form_load(path, schema, &f, &cause) == -1) {
		tap_diag("%s", cause);
		free(cause);
		exit(1);
	}
	return f;
}

/*
 * Checks the urlencoded body against f; returns the number of errors and
 * leaves the question's error (or NULL) in *err_of_key when asked.
 */
static size_t
check(struct form *f, const char *body, const char *key, int *has_error,
    int *asked)
{
	struct http_field	*fields;
	struct answerset	 s;
	size_t			 n, nerr, k;
	char			*cause = NULL;

	if (http_parse_urlencoded(body, strlen(body), HTTP_FIELDS_MAX,
	    &fields, &n, &cause) == -1) {
		tap_diag("unparsable test body: %s", cause);
		free(cause);
		return 999;
	}
	nerr = valid_answers(f, fields, n, &s);
	if (key != NULL) {
		for (k = 0; k < s.nq; k++)
			if (strcmp(form_question(f, k)->key, key) == 0)
				break;
		if (has_error != NULL)
			*has_error = k < s.nq && s.q[k].error != NULL;
		if (asked != NULL)
			*asked = k < s.nq && s.q[k].asked;
	}
	valid_answers_free(&s);
	http_fields_free(fields, n);
	return nerr;
}

#define PROFILE "motif=autre&profil=particulier&canal=sur-place"

int
main(void)
{
	struct http_field	*fields;
	struct answerset	 s;
	size_t			 n;
	char			 body[32768], *cause = NULL;
	int			 err, asked, i;

	tap_plan(34);
	sat = load("forms/satisfaction.xml");
	kinds = load("tests/data/forms/kinds.xml");

	tap_ok(check(sat, PROFILE, NULL, NULL, NULL) == 0,
	    "the three required answers alone are enough");
	tap_ok(check(sat, PROFILE "&courtoisie=tres-satisfait&attente="
	    "sans-avis&commentaire=Tr%C3%A8s+bien", NULL, NULL, NULL) == 0,
	    "criteria and a comment");
	tap_ok(check(sat, "profil=particulier&canal=sur-place", "motif", &err,
	    NULL) == 1 && err, "a missing required answer");
	tap_ok(check(sat, "motif=&profil=particulier&canal=sur-place",
	    "motif", &err, NULL) == 1 && err,
	    "an empty value is no answer");
	tap_ok(check(sat, "", NULL, NULL, NULL) == 3,
	    "an empty submission: three errors");
	tap_ok(check(sat, PROFILE "&courtoisie=excellent", "courtoisie",
	    &err, NULL) == 1 && err, "a value outside the scale");
	tap_ok(check(sat, PROFILE "&courtoisie=satisfait&courtoisie="
	    "satisfait", "courtoisie", &err, NULL) == 1 && err,
	    "two values for a single choice");
	tap_ok(check(sat, "motif=AUTRE&profil=particulier&canal=sur-place",
	    "motif", &err, NULL) == 1 && err, "values are case-sensitive");
	tap_ok(check(sat, PROFILE "&inconnu=1", NULL, NULL, NULL) == 1,
	    "an unknown field is an error");
	tap_ok(check(sat, PROFILE "&_jeton=abc", NULL, NULL, NULL) == 0,
	    "the token field is not unknown");
	tap_ok(check(sat, PROFILE "&courtoisie=satisfait%00x", "courtoisie",
	    &err, NULL) == 1 && err, "a value with a NUL byte");

	/* The condition: delai-rdv only for foreigners' procedures. */
	tap_ok(check(sat, PROFILE "&delai-rdv=satisfait", "delai-rdv", &err,
	    &asked) == 0 && !err && !asked,
	    "delai-rdv sent while not asked: ignored, no error");
	tap_ok(check(sat, "motif=etrangers&profil=particulier&canal=sur-place"
	    "&delai-rdv=peu-satisfait", "delai-rdv", &err, &asked) == 0 &&
	    asked, "delai-rdv asked for a foreigners' procedure");
	tap_ok(check(sat, "motif=etrangers&profil=particulier&canal=sur-place"
	    "&delai-rdv=bof", "delai-rdv", &err, &asked) == 1 && err,
	    "delai-rdv checked when asked");
	tap_ok(check(sat, PROFILE "&delai-rdv=bof", "delai-rdv", &err,
	    &asked) == 0 && !asked,
	    "a wrong value of an unasked question is ignored");

	/* Free text: length in characters, UTF-8. */
	strcpy(body, PROFILE "&commentaire=");
	for (i = 0; i < 2000; i++)
		strcat(body, "%C3%A9");		/* é: 2 bytes, 1 character */
	tap_ok(check(sat, body, "commentaire", &err, NULL) == 0,
	    "2000 characters of 2 bytes each are allowed");
	strcat(body, "a");
	tap_ok(check(sat, body, "commentaire", &err, NULL) == 1 && err,
	    "2001 characters are too many");
	strcpy(body, PROFILE "&commentaire=");
	for (i = 0; i < 999; i++)
		strcat(body, "a");
	for (i = 0; i < 1000; i++)
		strcat(body, "%0D%0A");
	tap_ok(check(sat, body, "commentaire", &err, NULL) == 0,
	    "a CR LF counts as one character, as in the browser");
	tap_ok(check(sat, PROFILE "&commentaire=%C3%28", "commentaire", &err,
	    NULL) == 1 && err, "invalid UTF-8");
	tap_ok(check(sat, PROFILE "&commentaire=%ED%A0%80", "commentaire",
	    &err, NULL) == 1 && err, "an encoded surrogate is not UTF-8");
	tap_ok(check(sat, PROFILE "&commentaire=%C0%AF", "commentaire", &err,
	    NULL) == 1 && err, "an overlong form is not UTF-8");
	tap_ok(check(sat, PROFILE "&commentaire=+++", "commentaire", &err,
	    NULL) == 0 && !err, "a blank comment is no comment");

	/* Other kinds. */
	tap_ok(check(kinds, "nombre=5&secondes=0&jour=2024-02-29&moment="
	    "2026-11-23T09:30&plusieurs=a&plusieurs=c&conforme=conforme",
	    NULL, NULL, NULL) == 0, "every kind, well answered");
	tap_ok(check(kinds, "nombre=11", "nombre", &err, NULL) == 1 && err,
	    "an integer above its maximum");
	tap_ok(check(kinds, "nombre=-1", "nombre", &err, NULL) == 1 && err,
	    "an integer below its minimum");
	tap_ok(check(kinds, "nombre=5x", "nombre", &err, NULL) == 1 && err,
	    "an integer with junk");
	tap_ok(check(kinds, "nombre=99999999999999999999", "nombre", &err,
	    NULL) == 1 && err, "an integer that overflows");
	tap_ok(check(kinds, "nombre=+7+", "nombre", &err, NULL) == 0,
	    "spaces around an integer are allowed");
	tap_ok(check(kinds, "jour=2023-02-29", "jour", &err, NULL) == 1 &&
	    err, "29 February of a common year");
	tap_ok(check(kinds, "moment=2026-11-23T24:00", "moment", &err, NULL) ==
	    1 && err, "hour 24");
	tap_ok(check(kinds, "plusieurs=a&plusieurs=a", "plusieurs", &err,
	    NULL) == 1 && err, "the same choice twice");
	tap_ok(check(kinds, "plusieurs=a&plusieurs=z", "plusieurs", &err,
	    NULL) == 1 && err, "an unknown choice among several");
	tap_ok(check(kinds, "conforme=peut-etre", "conforme", &err, NULL) ==
	    1 && err, "a yes/no answer outside its three values");

	/* What was sent is kept for the form shown again. */
	if (http_parse_urlencoded("courtoisie=xx&motif=autre&_jeton=t", 34,
	    HTTP_FIELDS_MAX, &fields, &n, &cause) == -1)
		return 1;
	valid_answers(sat, fields, n, &s);
	tap_ok(s.token != NULL && strcmp(s.token, "t") == 0 &&
	    s.q[0].nsent == 1 && strcmp(s.q[0].sent[0]->val, "autre") == 0,
	    "the token and every value sent are kept");
	valid_answers_free(&s);
	http_fields_free(fields, n);

	form_free(sat);
	form_free(kinds);
	return tap_done();
}
