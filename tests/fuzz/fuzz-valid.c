/*
 * libFuzzer target: the answer validator of cgi/questionnaire/valid.c,
 * as the survey and mystery programs run it on a sent form: the body is
 * parsed as urlencoded fields, then checked against one of the real
 * definitions (the first byte chooses which, and the language), the
 * prefilled variant included.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "http.h"
#include "valid.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

static const char *const files[] = {
	"satisfaction.xml", "mystery-call.xml", "mystery-email.xml",
	"mystery-call-2.xml",
};
#define NFORMS	(sizeof(files) / sizeof(files[0]))

static struct form	*forms[NFORMS];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	 path[4096], *cause = NULL;
	size_t	 i;

	(void)argc;
	(void)argv;
	form_init();
	for (i = 0; i < NFORMS; i++) {
		snprintf(path, sizeof(path), "%s/forms/%s", FUZZ_TOP_SRCDIR,
		    files[i]);
		if (form_load(path, FUZZ_TOP_SRCDIR "/forms/form.rng",
		    &forms[i], &cause) == -1) {
			fprintf(stderr, "fuzz-valid: %s\n", cause);
			abort();
		}
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_field	*fields;
	struct answerset	 s;
	const struct form	*f;
	char			*cause = NULL, from[11], to[11];
	size_t			 n, nerr, i;
	unsigned		 pick;

	if (size < 1 || size > HTTP_BODY_MAX)
		return 0;
	pick = data[0];
	f = forms[pick % NFORMS];
	if (http_parse_urlencoded((const char *)data + 1, size - 1,
	    HTTP_FIELDS_MAX, &fields, &n, &cause) == -1) {
		free(cause);
		return 0;
	}
	memset(&s, 0, sizeof(s));
	nerr = valid_answers_lang(f, pick & 0x10 ? "en" : "fr", fields, n,
	    &s);
	if (s.nq != form_nquestions(f) || nerr != s.nerrors)
		abort();
	for (i = 0; i < s.nq; i++) {
		if (form_question(f, i)->kind == QKIND_DELAY)
			(void)valid_delay_dates(&s, form_question(f, i), from,
			    to);
		if (s.q[i].error != NULL && nerr == 0)
			abort();
	}
	valid_answers_free(&s);
	memset(&s, 0, sizeof(s));
	valid_answers_prefilled(f, NULL, fields, n, &s);
	if (s.nerrors != 0 || s.form_error != NULL)
		abort();
	valid_answers_free(&s);
	http_fields_free(fields, n);
	return 0;
}
