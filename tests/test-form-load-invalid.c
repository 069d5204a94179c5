/*
 * form_load on broken definitions (tests/data/forms/): each one fails,
 * leaves *out alone, and says where and why in the file's own terms.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "form.h"
#include "tap.h"
#include "xmalloc.h"

/* libxml2 2.12 made the structured error handler's error const. */
#if LIBXML_VERSION >= 21200
#define XMLERR_CONST	const
#else
#define XMLERR_CONST
#endif

/* Each fixture, the line its fault is on, and a word of the reason. */
static const struct fixture {
	const char	*file;
	long		 line;
	const char	*word;
} fixtures[] = {
	/* Not XML. */
	{ "not-well-formed.xml",	17, "mismatch" },
	{ "undefined-entity.xml",	17, "nbsp" },
	{ "not-utf8.xml",		17, "UTF-8" },
	/* Entities and DTDs are refused before they are read. */
	{ "doctype-entity.xml",		3, "DOCTYPE" },
	{ "doctype-external-dtd.xml",	3, "DOCTYPE" },
	/* What the schema refuses. */
	{ "missing-key.xml",		16, "attributes" },
	{ "unknown-type.xml",		16, "type" },
	{ "wrong-namespace.xml",	3, "form" },
	{ "empty-label.xml",		17, "datatype" },
	{ "maxlength-too-big.xml",	16, "maxlength" },
	/* What the loader refuses. */
	{ "duplicate-key.xml",		16, "duplicate question key" },
	{ "duplicate-option.xml",	14, "duplicate option value" },
	{ "when-later.xml",		13, "earlier" },
	{ "when-unknown-question.xml",	18, "unknown question" },
	{ "when-unknown-value.xml",	18, "not an option" },
	{ "unknown-scale.xml",		16, "not defined" },
	{ "scale-missing.xml",		16, "scale attribute" },
	{ "scale-on-choice.xml",	11, "scale attribute" },
	{ "answers-on-choice.xml",	10, "only to a yesno" },
	{ "scale-no-satisfied.xml",	5, "satisfied" },
	{ "choice-no-options.xml",	11, "option" },
	{ "options-on-scale.xml",	16, "option" },
	{ "text-no-maxlength.xml",	16, "maxlength" },
	{ "maxlength-on-scale.xml",	16, "maxlength" },
	{ "integer-no-bounds.xml",	16, "min and max" },
	{ "min-greater-max.xml",	16, "greater" },
	{ "target-not-criterion.xml",	16, "criterion" },
	{ "criterion-on-text.xml",	16, "criterion" },
	{ "criterion-no-satisfied.xml",	11, "satisfied" },
	{ "option-satisfied-no-opinion.xml", 14, "both" },
	/* Thresholds of integer, duration and delay criteria. */
	{ "threshold-missing.xml",	7, "conform-min or conform-max" },
	{ "threshold-on-yesno.xml",	7, "not to yesno" },
	{ "threshold-not-criterion.xml", 7, "only to a criterion" },
	{ "threshold-out-of-bounds.xml", 7, "within min and max" },
	{ "threshold-min-greater-max.xml", 7, "greater than conform-max" },
	/* A date that may not precede another. */
	{ "after-on-integer.xml",	10, "only to date and datetime" },
	{ "after-unknown.xml",		10, "unknown question \"envoy\"" },
	{ "after-later.xml",		7, "not an earlier question" },
	{ "after-self.xml",		7, "not an earlier question" },
	{ "after-other-kind.xml",	10, "of type datetime too" },
	{ "after-message-alone.xml",	10, "only with an after" },
	/* Computed delays. */
	{ "delay-unit.xml",		13, "unit" },
	{ "delay-as-type.xml",		13, "type" },
	{ "delay-duplicate-key.xml",	13, "duplicate question key" },
	{ "delay-unknown.xml",		10, "unknown question \"envoy\"" },
	{ "delay-later.xml",		10, "not an earlier question" },
	{ "delay-not-dated.xml",	13, "date or datetime" },
	{ "delay-same-ends.xml",	10, "the same question" },
	{ "delay-no-threshold.xml",	13, "conform-min or conform-max" },
	/* Self-assessment grids: scored engagements, nothing else. */
	{ "selfassess-level-elsewhere.xml", 8, "only to a self-assessment" },
	{ "selfassess-not-scale.xml",	11, "scale question with a required" },
	{ "selfassess-no-level.xml",	8, "scale question with a required" },
	{ "selfassess-level-unknown.xml", 8, "not a value of scale" },
	{ "selfassess-criterion.xml",	8, "neither a criterion" },
};
#define NFIXTURES	(sizeof(fixtures) / sizeof(fixtures[0]))

/* A handler of the test's own, which form_load must put back. */
static void
test_handler(void *arg, XMLERR_CONST xmlError *e)
{
	(void)arg;
	(void)e;
}

/* Whether cause begins with "prefix" and holds word. */
static int
cause_is(const char *cause, const char *prefix, const char *word)
{
	return cause != NULL && strncmp(cause, prefix, strlen(prefix)) == 0 &&
	    strstr(cause, word) != NULL;
}

/*
 * Loads one fixture with *out holding the form sentinel, which must stay
 * there. Two cases.
 */
static void
test_fixture(const char *srcdir, const char *schema,
    const struct fixture *fx, struct form *sentinel)
{
	struct form	*f = sentinel;
	char		*path, *prefix, *cause = NULL;
	int		 rc;

	xasprintf(&path, "%s/tests/data/forms/%s", srcdir, fx->file);
	xasprintf(&prefix, "%s:%ld: ", path, fx->line);
	rc = form_load(path, schema, &f, &cause);
	tap_ok(rc == -1 && f == sentinel, "%s: fails, *out untouched",
	    fx->file);
	if (!tap_ok(cause_is(cause, prefix, fx->word),
	    "%s: cause names line %ld and says \"%s\"", fx->file, fx->line,
	    fx->word))
		tap_diag("cause: %s", cause != NULL ? cause : "(none)");
	if (f != sentinel)
		form_free(f);
	free(cause);
	free(prefix);
	free(path);
}

int
main(void)
{
	struct form	*sentinel = NULL, *f;
	const char	*srcdir;
	char		*schema, *path, *prefix, *absent, *cause = NULL;
	size_t		 i;
	int		 rc;

	LIBXML_TEST_VERSION

	if ((srcdir = getenv("top_srcdir")) == NULL)
		srcdir = ".";
	xasprintf(&schema, "%s/forms/form.rng", srcdir);
	tap_plan(2 * NFIXTURES + 8);

	/* The fixtures all start from this one, which is valid. */
	xasprintf(&path, "%s/tests/data/forms/valid-minimal.xml", srcdir);
	if (!tap_ok(form_load(path, schema, &sentinel, &cause) == 0,
	    "valid-minimal.xml loads"))
		tap_diag("%s", cause);
	free(cause);
	cause = NULL;
	free(path);

	xmlSetStructuredErrorFunc(NULL, test_handler);
	for (i = 0; i < NFIXTURES; i++)
		test_fixture(srcdir, schema, &fixtures[i], sentinel);
	tap_ok(xmlStructuredError == test_handler,
	    "the caller's libxml2 error handler is put back");

	/* A missing file. */
	xasprintf(&path, "%s/tests/data/forms/absent.xml", srcdir);
	xasprintf(&prefix, "%s: ", path);
	f = sentinel;
	rc = form_load(path, schema, &f, &cause);
	if (!tap_ok(rc == -1 && f == sentinel &&
	    cause_is(cause, prefix, "No such file"),
	    "a missing file is named with the system's reason"))
		tap_diag("cause: %s", cause != NULL ? cause : "(none)");
	free(cause);
	cause = NULL;
	free(prefix);
	free(path);

	/* A missing schema. */
	xasprintf(&path, "%s/forms/satisfaction.xml", srcdir);
	xasprintf(&absent, "%s/forms/absent.rng", srcdir);
	xasprintf(&prefix, "%s: ", absent);
	f = sentinel;
	rc = form_load(path, absent, &f, &cause);
	if (!tap_ok(rc == -1 && f == sentinel &&
	    cause_is(cause, prefix, "No such file"),
	    "a missing schema is named"))
		tap_diag("cause: %s", cause != NULL ? cause : "(none)");
	free(cause);
	cause = NULL;
	free(absent);
	free(prefix);
	free(path);

	/* From memory: the name stands for the file. */
	f = sentinel;
	rc = form_load_memory("not XML", 7, "form 7", schema, &f, &cause);
	if (!tap_ok(rc == -1 && f == sentinel &&
	    cause_is(cause, "form 7:1: ", "Start tag"),
	    "memory: not XML, named by the name given"))
		tap_diag("cause: %s", cause != NULL ? cause : "(none)");
	free(cause);
	cause = NULL;
	f = sentinel;
	rc = form_load_memory("", 0, "form 8", schema, &f, &cause);
	if (!tap_ok(rc == -1 && f == sentinel &&
	    cause_is(cause, "form 8", "mpty"), "memory: nothing at all"))
		tap_diag("cause: %s", cause != NULL ? cause : "(none)");
	free(cause);
	cause = NULL;
	f = sentinel;
	rc = form_load_memory("<form xmlns='urn:qualimetre:form:1'/>\0<x/>",
	    41, "form 9", schema, &f, &cause);
	if (!tap_ok(rc == -1 && f == sentinel && cause_is(cause, "form 9",
	    ""), "memory: an embedded NUL byte"))
		tap_diag("cause: %s", cause != NULL ? cause : "(none)");
	free(cause);
	cause = NULL;

	/* Failures left nothing behind: a valid form still loads. */
	xasprintf(&path, "%s/forms/satisfaction.xml", srcdir);
	f = NULL;
	tap_ok(form_load(path, schema, &f, &cause) == 0 && f != NULL &&
	    cause == NULL, "satisfaction.xml loads after the failures");
	form_free(f);
	free(cause);
	free(path);
	xmlSetStructuredErrorFunc(NULL, NULL);

	form_free(sentinel);
	free(schema);
	xmlCleanupParser();
	return tap_done();
}
