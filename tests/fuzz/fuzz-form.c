/*
 * libFuzzer target: the form-definition loader of forms/form.c, from
 * memory as the programs load a definition stored in the database: XML
 * parsed without network or entities, validated against forms/form.rng,
 * then the checks the schema cannot express. A loaded form is walked in
 * each of its languages.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

#define SCHEMA	FUZZ_TOP_SRCDIR "/forms/form.rng"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	form_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form			*f = NULL;
	const struct form		*t;
	const struct form_question	*q;
	char				*cause = NULL;
	size_t				 i, j, len;

	if (form_load_memory((const char *)data, size, "fuzz.xml", SCHEMA,
	    &f, &cause) == -1) {
		if (cause == NULL || f != NULL)
			abort();
		free(cause);
		return 0;
	}
	if (form_source(f, &len) == NULL || len != size ||
	    strlen(form_sha256(f)) != 64)
		abort();
	for (i = 0; i < form_nlangs(f); i++) {
		t = form_in(f, form_lang(f, i));
		if (t == NULL || form_nquestions(t) != form_nquestions(f))
			abort();
		for (j = 0; j < form_nquestions(t); j++) {
			q = form_question(t, j);
			if (q == NULL || q->key == NULL || *q->key == '\0' ||
			    q->label == NULL)
				abort();
		}
	}
	form_free(f);
	return 0;
}
