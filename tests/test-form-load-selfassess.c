/*
 * The self-assessment kind of form: the shipped Qual-e-pref grid loads
 * with its 20 engagements and their required level, form_level_met
 * ranks a score against it, and other forms have no required level.
 * What the loader refuses of a self-assessment form is in
 * test-form-load-invalid.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "form.h"
#include "tap.h"
#include "xmalloc.h"

static int
str_eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The shipped grid: 7 cases. */
static void
test_grid(const char *srcdir, const char *schema)
{
	const struct form_question	*q;
	struct form			*f = NULL;
	char				*path, *cause = NULL;
	size_t				 i, leveled = 0;

	xasprintf(&path, "%s/forms/autodiagnostic-qualepref.xml", srcdir);
	if (!tap_ok(form_load(path, schema, &f, &cause) == 0,
	    "autodiagnostic-qualepref.xml loads")) {
		tap_diag("%s", cause != NULL ? cause : "(none)");
		for (i = 0; i < 6; i++)
			tap_ok(0, "skipped: the grid did not load");
		goto out;
	}
	tap_ok(form_kind(f) == FORMKIND_SELF_ASSESSMENT &&
	    str_eq(form_kind_name(FORMKIND_SELF_ASSESSMENT),
	    "self-assessment") && str_eq(form_key(f),
	    "autodiagnostic-qualepref"), "its kind is self-assessment");
	tap_ok(form_nsections(f) == 1 && form_nquestions(f) == 20 &&
	    strstr(form_section(f, 0)->title, "Relation générale") != NULL,
	    "module 1, 20 engagements");
	for (i = 0; i < form_nquestions(f); i++) {
		q = form_question(f, i);
		if (q->kind == QKIND_SCALE && str_eq(q->required_level, "2") &&
		    q->noptions == 4 && !q->criterion)
			leveled++;
	}
	tap_ok(leveled == 20, "each a scale of 4 levels, required level 2");
	q = form_question(f, 0);
	tap_ok(str_eq(q->options[0].label, "Non engagé") &&
	    str_eq(q->options[3].label, "Maîtrisé"),
	    "the levels' labels, lowest first");
	tap_ok(form_level_met(q, "0") == 0 && form_level_met(q, "1") == 0 &&
	    form_level_met(q, "2") == 1 && form_level_met(q, "3") == 1,
	    "form_level_met: below 2 is a gap, 2 and 3 meet it");
	tap_ok(form_level_met(q, "4") == -1 && form_level_met(q, "") == -1 &&
	    form_level_met(q, NULL) == -1 && form_level_met(NULL, "2") == -1,
	    "form_level_met: a value outside the scale, or none, is -1");
out:
	form_free(f);
	free(cause);
	free(path);
}

/* A satisfaction question has no required level: 1 case. */
static void
test_other_kinds(const char *srcdir, const char *schema)
{
	struct form	*f = NULL;
	char		*path, *cause = NULL;

	xasprintf(&path, "%s/forms/satisfaction.xml", srcdir);
	if (form_load(path, schema, &f, &cause) == 0)
		tap_ok(form_question(f, 0)->required_level == NULL &&
		    form_level_met(form_question(f, 0), "1") == -1,
		    "a satisfaction question has no required level");
	else
		tap_ok(0, "satisfaction.xml loads: %s", cause);
	form_free(f);
	free(cause);
	free(path);
}

int
main(void)
{
	const char	*srcdir;
	char		*schema;

	LIBXML_TEST_VERSION

	if ((srcdir = getenv("top_srcdir")) == NULL)
		srcdir = ".";
	xasprintf(&schema, "%s/forms/form.rng", srcdir);
	tap_plan(7 + 1);
	test_grid(srcdir, schema);
	test_other_kinds(srcdir, schema);
	free(schema);
	return tap_done();
}
