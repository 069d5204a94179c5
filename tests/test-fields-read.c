/* Staff form fields: reading a table, the validators, the error summary. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "http.h"
#include "tap.h"

/* The slots of the test form. */
enum slot {
	S_NAME,
	S_DAY,
	S_COUNT,
	S_TAG,
	S__MAX
};

/* The test form as read. */
struct input {
	char			 name[16];	/* a copy: the request
						   is freed after */
	long			 day;
	long			 count;
	int			 tags;		/* good tags read */
	int			 modes;		/* modes read */
	int			 calls;		/* validator calls */
	struct fields_errors	 errs;
};

static int
v_name(void *arg, const char *v)
{
	struct input	*in = arg;

	in->calls++;
	snprintf(in->name, sizeof(in->name), "%s", v);
	return fields_text(&in->errs, S_NAME, v, 5, "Le nom");
}

static int
v_day(void *arg, const char *v)
{
	struct input	*in = arg;

	in->calls++;
	return fields_date(&in->errs, S_DAY, v, &in->day, "Indiquez le jour.",
	    "2027-03-22");
}

static int
v_count(void *arg, const char *v)
{
	struct input	*in = arg;

	in->calls++;
	return fields_count(&in->errs, S_COUNT, v, 200, 0, &in->count,
	    "De 1 à 200.");
}

/* A tag is "a" or "b"; each bad one says which it was. */
static int
v_tag(void *arg, const char *v)
{
	struct input	*in = arg;

	in->calls++;
	if (strcmp(v, "a") == 0 || strcmp(v, "b") == 0) {
		in->tags++;
		return 1;
	}
	fields_fail(&in->errs, S_TAG, "Étiquette inconnue : %s.", v);
	return 0;
}

static int
v_mode(void *arg, const char *v)
{
	struct input	*in = arg;

	(void)v;
	in->calls++;
	in->modes++;
	return 1;
}

static const struct fields_field form[] = {
	{ "csrf",	NULL,		0, FIELDS_NO_SLOT },
	{ "name",	v_name,		0, S_NAME },
	{ "day",	v_day,		0, S_DAY },
	{ "count",	v_count,	0, S_COUNT },
	{ "tag",	v_tag,		1, S_TAG },
	{ "mode",	v_mode,		0, FIELDS_NO_SLOT },
};
#define NFORM	(sizeof(form) / sizeof(form[0]))

static const char *const labels[S__MAX] = { "Nom", "Jour", "Nombre",
    "Étiquettes" };
static const char *const anchors[S__MAX] = { "f-name", "f-day", "f-count",
    "f-tag-a" };

/* Reads body (urlencoded) into in, which it zeroes first. */
static void
readf(const char *body, int flags, struct input *in)
{
	struct req	 r;
	char		*cause = NULL;

	memset(&r, 0, sizeof(r));
	memset(in, 0, sizeof(*in));
	if (http_parse_urlencoded(body, strlen(body), HTTP_FIELDS_MAX,
	    &r.fields, &r.nfields, &cause) == -1) {
		tap_diag("%s: %s", body, cause);
		free(cause);
		abort();
	}
	fields_read(&r, form, NFORM, flags, in, &in->errs);
	http_fields_free(r.fields, r.nfields);
}

static int
is(const char *got, const char *want)
{
	if (got != NULL && want != NULL && strcmp(got, want) == 0)
		return 1;
	if (got == NULL && want == NULL)
		return 1;
	tap_diag("got  %s", got != NULL ? got : "(null)");
	tap_diag("want %s", want != NULL ? want : "(null)");
	return 0;
}

/* Whether no slot but those in mask holds an error. */
static int
only(const struct input *in, unsigned int mask)
{
	size_t	i;

	for (i = 0; i < FIELDS_SLOTS_MAX; i++)
		if (!(mask & (1u << i)) && in->errs.error[i] != NULL)
			return 0;
	return 1;
}

#define UNKNOWN	"Ce formulaire contient un champ inconnu ou en double : " \
		"rechargez la page."

static void
test_read(void)
{
	struct input	in;

	readf("csrf=x&name=Jean&day=2027-03-22&count=20&tag=a&tag=b&mode=1",
	    0, &in);
	tap_ok(in.errs.nerrors == 0 && in.errs.form_error == NULL &&
	    only(&in, 0) && is(in.name, "Jean") && in.count == 20 &&
	    in.tags == 2 && in.modes == 1 && in.calls == 6,
	    "a good form: no error, every validator called once a value");
	fields_free(&in.errs);

	readf("name=Jean&colour=red", 0, &in);
	tap_ok(in.errs.nerrors == 1 && is(in.errs.form_error, UNKNOWN) &&
	    only(&in, 0) && in.calls == 1,
	    "an unknown field is an error of the form");
	fields_free(&in.errs);

	readf("colour=red", FIELDS_NAME_FIELD, &in);
	tap_ok(is(in.errs.form_error, "Ce formulaire contient un champ "
	    "inconnu ou en double (« colour ») : rechargez la page."),
	    "FIELDS_NAME_FIELD names it");
	fields_free(&in.errs);

	readf("name=Jean&name=Paul", 0, &in);
	tap_ok(in.errs.nerrors == 1 && is(in.errs.form_error, UNKNOWN) &&
	    in.calls == 1 && is(in.name, "Jean"),
	    "a field sent twice: a form error, the second is not read");
	fields_free(&in.errs);

	readf("csrf=x&csrf=y", 0, &in);
	tap_ok(in.errs.nerrors == 1 && is(in.errs.form_error, UNKNOWN) &&
	    in.calls == 0,
	    "a field read elsewhere is still counted once at most");
	fields_free(&in.errs);

	readf("a=1&b=2&name=%00", FIELDS_NAME_FIELD, &in);
	tap_ok(in.errs.nerrors == 2 && is(in.errs.form_error, "Ce "
	    "formulaire contient un champ inconnu ou en double (« a ») : "
	    "rechargez la page."), "the first form error wins, counted once");
	fields_free(&in.errs);

	readf("tag=a&tag=b&tag=a", 0, &in);
	tap_ok(in.errs.nerrors == 0 && in.tags == 3 && in.calls == 3,
	    "a repeatable field may come several times");
	fields_free(&in.errs);

	readf("name=Je%00an&day=2027-03-22", 0, &in);
	tap_ok(in.errs.nerrors == 1 && only(&in, 1u << S_NAME) &&
	    is(in.errs.error[S_NAME], "Cette valeur contient un caractère "
	    "interdit.") && in.name[0] == '\0' && in.calls == 1,
	    "a NUL byte: an error of the field's slot, no validator sees it");
	fields_free(&in.errs);

	readf("mode=%00", 0, &in);
	tap_ok(in.errs.nerrors == 1 && only(&in, 0) &&
	    is(in.errs.form_error, "Ce formulaire contient un caractère "
	    "interdit : rechargez la page.") && in.modes == 0,
	    "a NUL byte in a field without a slot: an error of the form");
	fields_free(&in.errs);

	readf("csrf=%00", 0, &in);
	tap_ok(in.errs.nerrors == 0, "a field read elsewhere is not checked");
	fields_free(&in.errs);

	readf("tag=x&tag=a&tag=y", 0, &in);
	tap_ok(in.errs.nerrors == 1 && is(in.errs.error[S_TAG], "Étiquette "
	    "inconnue : x.") && in.tags == 1 && in.calls == 3,
	    "a validator's error: the first one of a slot wins");
	fields_free(&in.errs);

	readf("tag=x&day=2027-02-30&count=0&zz=1&name=", 0, &in);
	tap_ok(in.errs.nerrors == 4 && in.errs.form_error != NULL &&
	    only(&in, 1u << S_TAG | 1u << S_DAY | 1u << S_COUNT),
	    "nerrors counts each slot in error and the form error");
	fields_free(&in.errs);
	tap_ok(in.errs.nerrors == 0 && in.errs.form_error == NULL &&
	    in.errs.error[S_TAG] == NULL, "fields_free zeroes the errors");
	fields_free(NULL);

	/* What fields_fail does with a slot out of range. */
	memset(&in, 0, sizeof(in));
	fields_fail(&in.errs, FIELDS_NO_SLOT, "%s", "Hors case.");
	fields_fail(&in.errs, FIELDS_SLOTS_MAX, "%s", "Encore.");
	tap_ok(in.errs.nerrors == 1 && is(in.errs.form_error, "Hors case."),
	    "fields_fail without a slot sets the form error, once");
	fields_free(&in.errs);
}

/* What validator v says of value, its message in *msg (caller frees). */
static int
check(int (*v)(void *, const char *), const char *value, size_t slot,
    char **msg)
{
	struct input	in;
	int		ok;

	memset(&in, 0, sizeof(in));
	ok = v(&in, value);
	*msg = in.errs.error[slot];
	in.errs.error[slot] = NULL;
	fields_free(&in.errs);
	return ok;
}

static void
test_validators(void)
{
	struct fields_errors	errs;
	char			*m;
	long long		 id;
	long			 n;
	int			 ok;

	ok = check(v_name, "Héloï", S_NAME, &m);
	tap_ok(ok && m == NULL, "text: 5 characters in 7 bytes pass: "
	    "counted in characters");
	free(m);
	ok = check(v_name, "Héloïse", S_NAME, &m);
	tap_ok(!ok && is(m, "Le nom doit faire au plus 5 caractères."),
	    "text: too long");
	free(m);
	ok = check(v_name, "Jo\xc3", S_NAME, &m);
	tap_ok(!ok && is(m, "Le nom contient des caractères illisibles : "
	    "saisissez-le à nouveau."), "text: not UTF-8");
	free(m);
	ok = check(v_name, "", S_NAME, &m);
	tap_ok(ok && m == NULL, "text: blank passes (the caller decides)");
	free(m);

	ok = check(v_day, "  ", S_DAY, &m);
	tap_ok(!ok && is(m, "Indiquez le jour."), "date: blank");
	free(m);
	ok = check(v_day, "2027-02-29", S_DAY, &m);
	tap_ok(!ok && is(m, "Saisissez une date qui existe, au format "
	    "AAAA-MM-JJ (par exemple 2027-03-22)."), "date: not a day");
	free(m);

	ok = check(v_count, "200", S_COUNT, &m);
	tap_ok(ok && m == NULL, "count: the maximum passes");
	ok = check(v_count, "201", S_COUNT, &m);
	tap_ok(!ok && is(m, "De 1 à 200."), "count: above the maximum");
	free(m);
	ok = check(v_count, "0", S_COUNT, &m);
	tap_ok(!ok && m != NULL, "count: 0");
	free(m);
	ok = check(v_count, "0020", S_COUNT, &m);
	tap_ok(!ok && m != NULL, "count: more digits than the maximum has");
	free(m);
	ok = check(v_count, " 20", S_COUNT, &m);
	tap_ok(!ok && m != NULL, "count: a space, unless optional");
	free(m);
	ok = check(v_count, "", S_COUNT, &m);
	tap_ok(!ok && m != NULL, "count: blank, unless optional");
	free(m);
	ok = check(v_count, "-5", S_COUNT, &m);
	tap_ok(!ok && m != NULL, "count: a sign");
	free(m);

	memset(&errs, 0, sizeof(errs));
	n = 7;
	tap_ok(fields_count(&errs, 0, "   ", 100000, FIELDS_OPTIONAL, &n,
	    "x") == 1 && n == 0 && errs.nerrors == 0,
	    "optional count: blank is none");
	tap_ok(fields_count(&errs, 0, " 100000 ", 100000, FIELDS_OPTIONAL,
	    &n, "x") == 1 && n == 100000, "optional count: spaces around");
	tap_ok(fields_count(&errs, 0, "100001", 100000, FIELDS_OPTIONAL, &n,
	    "Trop.") == 0 && n == 0 && is(errs.error[0], "Trop."),
	    "optional count: above the maximum");
	fields_free(&errs);

	tap_ok(fields_id(&errs, 1, "42", &id, "x") == 1 && id == 42 &&
	    errs.nerrors == 0, "id: a row id");
	tap_ok(fields_id(&errs, 1, "042", &id, "Choisissez.") == 0 &&
	    is(errs.error[1], "Choisissez."), "id: a leading zero");
	fields_free(&errs);
}

static void
test_summary(void)
{
	struct fields_errors	errs;
	struct buf		b = { 0 };

	memset(&errs, 0, sizeof(errs));
	fields_summary(&b, &errs, "Rien n’a été créé", labels, anchors,
	    S__MAX, 0);
	tap_ok(b.len == 0, "summary: nothing without errors");

	fields_fail(&errs, S_DAY, "Le jour <b>n’existe</b> pas & \"c'est\".");
	fields_summary(&b, &errs, "Rien n’a été créé", labels, anchors,
	    S__MAX, 0);
	tap_ok(is(b.data, "<div class=\"fr-alert fr-alert--error fr-mb-4w\" "
	    "id=\"erreurs\" role=\"alert\" tabindex=\"-1\">\n"
	    "<h2 class=\"fr-alert__title\">Rien n’a été créé : un point est à "
	    "corriger</h2>\n<ul>\n"
	    "<li><a href=\"#f-day\">Jour</a> : Le jour &lt;b&gt;n’existe&lt;"
	    "/b&gt; pas &amp; &quot;c&#39;est&quot;.</li>\n"
	    "</ul>\n</div>\n"),
	    "summary: one error, escaped, linked to its anchor");

	buf_reset(&b);
	fields_fail(&errs, S_TAG, "Étiquette inconnue.");
	fields_fail(&errs, S_NAME, "Trop long.");
	fields_form_fail(&errs, "Champ <inconnu>.");
	fields_summary(&b, &errs, "Le site n’a pas été créé", labels,
	    anchors, S__MAX, FIELDS_AUTOFOCUS);
	tap_ok(is(b.data, "<div class=\"fr-alert fr-alert--error fr-mb-4w\" "
	    "id=\"erreurs\" role=\"alert\" tabindex=\"-1\" autofocus>\n"
	    "<h2 class=\"fr-alert__title\">Le site n’a pas été créé : 4 points "
	    "sont à corriger</h2>\n<ul>\n"
	    "<li>Champ &lt;inconnu&gt;.</li>\n"
	    "<li><a href=\"#f-name\">Nom</a> : Trop long.</li>\n"
	    "<li><a href=\"#f-day\">Jour</a> : Le jour &lt;b&gt;n’existe&lt;"
	    "/b&gt; pas &amp; &quot;c&#39;est&quot;.</li>\n"
	    "<li><a href=\"#f-tag-a\">Étiquettes</a> : Étiquette inconnue."
	    "</li>\n"
	    "</ul>\n</div>\n"),
	    "summary: plural, form error first, slots in order, autofocus");
	fields_free(&errs);
	buf_free(&b);
}

int
main(void)
{
	tap_plan(35);
	test_read();
	test_validators();
	test_summary();
	return tap_done();
}
