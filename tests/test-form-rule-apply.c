/*
 * The effective rule of a grid's criterion under a campaign's referential
 * (form_rule_apply, form_rule_text), on version 2 of both grids, on
 * version 1 (which no referential touches), and the rule attribute's
 * checks in the loader.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "tap.h"
#include "xmalloc.h"

static int
str_eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static struct form *
load_rel(const char *srcdir, const char *schema, const char *rel)
{
	struct form	*f = NULL;
	char		*path, *cause = NULL;

	xasprintf(&path, "%s/%s", srcdir, rel);
	if (form_load(path, schema, &f, &cause) == -1) {
		tap_diag("%s: %s", rel, cause != NULL ? cause : "(no cause)");
		f = NULL;
	}
	free(cause);
	free(path);
	return f;
}

/* The referentials of sql/016, as referential_read fills them. */
static void
qual_e_pref(struct form_referential *r)
{
	form_referential_init(r, "Qual-e-pref");
	r->threshold[FORM_RULE_REPLY_DELAY] = 5;
	r->threshold[FORM_RULE_RINGS] = 4;
}

static void
qualipref_2(struct form_referential *r)
{
	form_referential_init(r, "Qualipref 2.0");
	r->threshold[FORM_RULE_REPLY_DELAY] = 10;
	r->target[FORM_RULE_REPLY_DELAY] = 0.8;
}

/* The call grid, version 2: 11 cases. */
static void
test_call(struct form *f, struct form *v1)
{
	const struct form_question	*q, *q1;
	struct form_referential		 ref;
	struct form_question		 eq;
	char				 text[128];
	size_t				 i;
	int				 same;

	tap_ok(str_eq(form_key(f), "mystery-call") && form_version(f) == 2,
	    "call v2: key mystery-call, version 2");
	q = form_find(f, "sonneries");
	tap_ok(q != NULL && q->rule == FORM_RULE_RINGS && q->conform_max == 4 &&
	    q->hint == NULL, "call v2: sonneries follows rings, 4 by default, "
	    "no hint repeating a number");

	qual_e_pref(&ref);
	form_rule_apply(q, &ref, &eq);
	tap_ok(form_conform(&eq, 4) == 1 && form_conform(&eq, 5) == 0,
	    "Qual-e-pref: 4 rings conform, 5 not (« moins de 5 sonneries »)");
	tap_ok(form_rule_text(&eq, text, sizeof(text)) == 0 &&
	    str_eq(text, "moins de 5 sonneries"),
	    "Qual-e-pref: the rule reads « moins de 5 sonneries »");
	tap_ok(fabs(eq.target - 0.8) < 1e-9 && str_eq(eq.key, "sonneries") &&
	    eq.label == q->label,
	    "Qual-e-pref gives no rings target: the form's 0.8 stays");

	form_referential_init(&ref, "Propre");
	ref.threshold[FORM_RULE_RINGS] = 6;
	ref.target[FORM_RULE_RINGS] = 0.9;
	ref.target[FORM_RULE_PICKED_UP] = 0.75;
	ref.threshold[FORM_RULE_PICKED_UP] = 3;
	form_rule_apply(q, &ref, &eq);
	tap_ok(eq.conform_max == 6 && fabs(eq.target - 0.9) < 1e-9 &&
	    form_conform(&eq, 6) == 1 && form_conform(&eq, 7) == 0,
	    "a site's own: 6 rings, target 90 %%");
	q = form_find(f, "decroche");
	form_rule_apply(q, &ref, &eq);
	tap_ok(q->rule == FORM_RULE_PICKED_UP && fabs(eq.target - 0.75) <
	    1e-9 && !eq.has_conform_max && form_conform(&eq, 3) == -1,
	    "picked-up: the target applies, a threshold makes no number "
	    "question of it");

	q = form_find(f, "messagerie");
	tap_ok(q != NULL && q->criterion && q->kind == QKIND_YESNO &&
	    str_eq(q->when_key, "decroche") &&
	    str_eq(q->when_value, "non-conforme"),
	    "call v2: messagerie, asked when no one picked up");
	tap_ok(form_find(f, "message-accueil") != NULL &&
	    form_find(f, "message-accueil")->criterion &&
	    form_find(f, "svi") != NULL && !form_find(f, "svi")->criterion &&
	    str_eq(form_find(f, "svi-clair")->when_key, "svi") &&
	    str_eq(form_find(f, "svi-clair")->when_value, "present"),
	    "call v2: greeting a criterion, voice menu described, its "
	    "clarity asked when there is one");

	q = form_find(f, "service");
	q1 = form_find(v1, "service");
	same = q != NULL && q1 != NULL && q->noptions == q1->noptions &&
	    q->required == q1->required;
	for (i = 0; same && i < q->noptions; i++)
		same = str_eq(q->options[i].value, q1->options[i].value) &&
		    str_eq(q->options[i].label, q1->options[i].label);
	tap_ok(same, "call v2: the service question is version 1's");

	/* Version 1 follows no rule: its campaigns' results stay. */
	q1 = form_find(v1, "sonneries");
	qual_e_pref(&ref);
	form_rule_apply(q1, &ref, &eq);
	tap_ok(q1->rule == FORM_RULE_NONE && eq.conform_max == 5 &&
	    form_conform(&eq, 5) == 1 &&
	    form_rule_text(&eq, text, sizeof(text)) == -1 && text[0] == '\0',
	    "call v1 under Qual-e-pref: still 5 rings conform, no rule text");
}

/* The email grid, version 2: 8 cases. */
static void
test_email(struct form *f, struct form *v1)
{
	const struct form_question	*q;
	struct form_referential		 ref;
	struct form_question		 eq;
	char				 text[128];

	q = form_find(f, "delai");
	tap_ok(form_version(f) == 2 && q != NULL &&
	    q->rule == FORM_RULE_REPLY_DELAY && q->conform_max == 5,
	    "email v2: delai follows reply-delay, 5 by default");

	qualipref_2(&ref);
	form_rule_apply(q, &ref, &eq);
	tap_ok(form_conform(&eq, 7) == 1 && form_conform(&eq, 10) == 1 &&
	    form_conform(&eq, 11) == 0 && fabs(eq.target - 0.8) < 1e-9,
	    "Qualipref 2.0: 7 working days on time, 11 late, target 80 %%");
	tap_ok(form_rule_text(&eq, text, sizeof(text)) == 0 &&
	    str_eq(text, "réponse sous 10 jours ouvrés"),
	    "Qualipref 2.0: « réponse sous 10 jours ouvrés »");

	qual_e_pref(&ref);
	form_rule_apply(q, &ref, &eq);
	tap_ok(form_conform(&eq, 7) == 0 && form_conform(&eq, 5) == 1,
	    "Qual-e-pref: 7 working days late, 5 on time");

	form_rule_apply(q, NULL, &eq);
	tap_ok(eq.conform_max == 5 && fabs(eq.target - 0.8) < 1e-9,
	    "no referential: the form's own values");
	form_referential_init(&ref, "Marianne");
	form_rule_apply(q, &ref, &eq);
	tap_ok(eq.conform_max == 5 && fabs(eq.target - 0.8) < 1e-9,
	    "a referential without figures (Marianne): the form's values");

	ref.threshold[FORM_RULE_REPLY_DELAY] = 1;
	form_rule_apply(q, &ref, &eq);
	tap_ok(form_rule_text(&eq, text, 12) == 0 &&
	    strlen(text) == 11 && form_rule_text(&eq, text, sizeof(text)) ==
	    0 && str_eq(text, "réponse sous 1 jour ouvré"),
	    "one day in the singular; a short buffer truncated, terminated");

	q = form_find(f, "transmis");
	tap_ok(q != NULL && q->criterion && q->kind == QKIND_YESNO &&
	    q->rule == FORM_RULE_NONE && form_find(v1, "transmis") == NULL &&
	    form_nquestions(f) == form_nquestions(v1) + 1,
	    "email v2: transmis, a criterion version 1 lacks");
}

/* The loader's checks of rule: 4 cases. */
static void
test_invalid(const char *srcdir, const char *schema)
{
	static const struct {
		const char	*file;
		const char	*says;
	} bad[] = {
		{ "tests/data/forms/rule-not-criterion.xml",
		    "rule rings applies only to a criterion" },
		{ "tests/data/forms/rule-wrong-kind.xml",
		    "rule reply-delay applies only to a criterion of type "
		    "delay" },
		{ "tests/data/forms/rule-unknown.xml", "rule" },
	};
	struct form	*f = NULL;
	char		*path, *cause;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cause = NULL;
		xasprintf(&path, "%s/%s", srcdir, bad[i].file);
		if (!tap_ok(form_load(path, schema, &f, &cause) == -1 &&
		    cause != NULL && strstr(cause, bad[i].says) != NULL,
		    "%s refused: %s", bad[i].file, bad[i].says))
			tap_diag("%s", cause != NULL ? cause : "(loaded)");
		free(cause);
		free(path);
	}
	tap_ok(form_rule_name(FORM_RULE_RINGS) != NULL &&
	    str_eq(form_rule_name(FORM_RULE_RINGS), "rings") &&
	    form_rule_name(FORM_RULE_NONE) == NULL &&
	    form_rule_name(FORM_RULE__MAX) == NULL, "rule names");
}

int
main(void)
{
	struct form	*call, *call1, *email, *email1;
	const char	*srcdir;
	char		*schema;
	int		 i;

	if ((srcdir = getenv("top_srcdir")) == NULL)
		srcdir = ".";
	xasprintf(&schema, "%s/forms/form.rng", srcdir);
	tap_plan(11 + 8 + 4);
	call = load_rel(srcdir, schema, "forms/mystery-call-2.xml");
	call1 = load_rel(srcdir, schema, "forms/mystery-call.xml");
	email = load_rel(srcdir, schema, "forms/mystery-email-2.xml");
	email1 = load_rel(srcdir, schema, "forms/mystery-email.xml");
	if (call != NULL && call1 != NULL)
		test_call(call, call1);
	else
		for (i = 0; i < 11; i++)
			tap_ok(0, "skipped: a call grid did not load");
	if (email != NULL && email1 != NULL)
		test_email(email, email1);
	else
		for (i = 0; i < 8; i++)
			tap_ok(0, "skipped: an email grid did not load");
	test_invalid(srcdir, schema);
	form_free(call);
	form_free(call1);
	form_free(email);
	form_free(email1);
	free(schema);
	return tap_done();
}
