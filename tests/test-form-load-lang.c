/*
 * form_load keeps every language of a definition: the satisfaction
 * questionnaire's French and English, a fixture's Arabic with a label
 * missing (French in its place, and a warning), the same codes in every
 * language.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "tap.h"
#include "xmalloc.h"

/* English under a region subtag, German without a title. */
static const char mem_form[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<form xmlns=\"urn:qualimetre:form:1\" key=\"t\" version=\"1\" "
    "kind=\"satisfaction\">\n"
    "  <title xml:lang=\"fr\">Titre</title>\n"
    "  <title xml:lang=\"en-GB\">Title</title>\n"
    "  <section id=\"s\">\n"
    "    <title xml:lang=\"fr\">Section</title>\n"
    "    <title xml:lang=\"DE\">Abschnitt</title>\n"
    "    <question key=\"q\" type=\"choice\">\n"
    "      <label xml:lang=\"fr\">Question</label>\n"
    "      <label xml:lang=\"en\">Question EN</label>\n"
    "      <option value=\"a\"><label>A</label></option>\n"
    "    </question>\n"
    "  </section>\n"
    "</form>\n";

/* n failed cases, for a form that does not load. */
static void
fail(int n, const char *why)
{
	while (n-- > 0)
		tap_ok(0, "%s", why);
}

static struct form *
load(const char *srcdir, const char *schema, const char *rel)
{
	struct form	*f = NULL;
	char		*path, *cause = NULL;

	xasprintf(&path, "%s/%s", srcdir, rel);
	if (form_load(path, schema, &f, &cause) == -1) {
		tap_diag("%s", cause);
		free(cause);
		f = NULL;
	}
	free(path);
	return f;
}

/* Whether f and t have the same keys, values and kinds, in order. */
static int
same_codes(const struct form *f, const struct form *t)
{
	const struct form_question	*a, *b;
	size_t				 i, j;

	if (form_nquestions(f) != form_nquestions(t))
		return 0;
	for (i = 0; i < form_nquestions(f); i++) {
		a = form_question(f, i);
		b = form_question(t, i);
		if (strcmp(a->key, b->key) != 0 || a->kind != b->kind ||
		    a->noptions != b->noptions || a->required != b->required)
			return 0;
		for (j = 0; j < a->noptions; j++)
			if (strcmp(a->options[j].value,
			    b->options[j].value) != 0)
				return 0;
	}
	return 1;
}

static void
test_satisfaction(const char *srcdir, const char *schema)
{
	struct form		*f;
	const struct form	*en;

	if ((f = load(srcdir, schema, "forms/satisfaction.xml")) == NULL) {
		fail(8, "forms/satisfaction.xml does not load");
		return;
	}
	tap_ok(form_nlangs(f) == 2 && strcmp(form_lang(f, 0), "fr") == 0 &&
	    strcmp(form_lang(f, 1), "en") == 0 && form_lang(f, 2) == NULL,
	    "satisfaction.xml: French, then English");
	en = form_in(f, "en");
	tap_ok(en != NULL && en != f, "form_in(en) is a form of its own");
	tap_ok(strcmp(form_title(f), "Questionnaire de satisfaction sur "
	    "l'accueil") == 0, "the French title stays French");
	tap_ok(strcmp(form_title(en), "Satisfaction survey on our reception "
	    "service") == 0, "the English title is English");
	tap_ok(strcmp(form_find(en, "motif")->options[0].label, "A procedure "
	    "for foreign nationals (residence permit, naturalisation…)") == 0,
	    "an option's label in English");
	tap_ok(same_codes(f, en) && strcmp(form_sha256(f),
	    form_sha256(en)) == 0, "the same keys, values and source");
	tap_ok(form_in(f, "de") == f && form_in(f, NULL) == f &&
	    form_in(en, "fr") == f, "an unknown language, NULL and fr give "
	    "the French form");
	tap_ok(form_nwarnings(f) == 0, "no warning: every text is in both");
	form_free(f);
}

static void
test_arabic(const char *srcdir, const char *schema)
{
	struct form		*f;
	const struct form	*ar;
	const char		*w;

	if ((f = load(srcdir, schema,
	    "tests/data/forms/lang-arabic.xml")) == NULL) {
		fail(5, "the Arabic fixture does not load");
		return;
	}
	tap_ok(form_nlangs(f) == 3 && strcmp(form_lang(f, 2), "ar") == 0,
	    "the fixture: French, English and Arabic");
	ar = form_in(f, "ar");
	tap_ok(strcmp(form_title(ar), "استبيان تجريبي بثلاث لغات") == 0,
	    "its Arabic title");
	tap_ok(strcmp(form_find(ar, "commentaire")->label,
	    "Vos remarques") == 0, "a label missing in Arabic is French");
	w = form_warning(f, 0);
	tap_ok(form_nwarnings(f) == 1 && w != NULL &&
	    strstr(w, "lang-arabic.xml:65: label has no \"ar\" text: French "
	    "used") != NULL, "and the loader warns, naming the line");
	if (w != NULL)
		tap_diag("%s", w);
	tap_ok(same_codes(f, ar) && same_codes(f, form_in(f, "en")),
	    "the same codes in every language");
	form_free(f);
}

static void
test_memory(const char *schema)
{
	struct form		*f = NULL;
	const struct form	*de;
	char			*cause = NULL;

	if (form_load_memory(mem_form, sizeof(mem_form) - 1, "mem", schema,
	    &f, &cause) == -1) {
		tap_diag("%s", cause);
		free(cause);
		fail(4, "the form in memory does not load");
		return;
	}
	tap_ok(form_nlangs(f) == 3 && strcmp(form_lang(f, 1), "en") == 0 &&
	    strcmp(form_lang(f, 2), "de") == 0,
	    "en-GB counts as en, DE as de");
	tap_ok(strcmp(form_title(form_in(f, "en")), "Title") == 0,
	    "the en-GB title is the English one");
	de = form_in(f, "de");
	tap_ok(strcmp(form_title(de), "Titre") == 0 &&
	    strcmp(form_section(de, 0)->title, "Abschnitt") == 0,
	    "German: its own section title, the French title");
	/* en: the section; de: the title, the question, its option. */
	tap_ok(form_nwarnings(f) == 5, "one warning per text in French "
	    "only: %zu", form_nwarnings(f));
	form_free(f);
}

int
main(void)
{
	const char	*srcdir;
	char		*schema;

	if ((srcdir = getenv("top_srcdir")) == NULL)
		srcdir = ".";
	xasprintf(&schema, "%s/forms/form.rng", srcdir);
	tap_plan(8 + 5 + 4);
	test_satisfaction(srcdir, schema);
	test_arabic(srcdir, schema);
	test_memory(schema);
	free(schema);
	return tap_done();
}
