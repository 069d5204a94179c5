/*
 * The answer validator against the satisfaction questionnaire, a form
 * with every kind of question and the mystery grids: required answers,
 * allowed values, bounds, lengths, UTF-8, unknown fields, conditions,
 * dates that may not precede others, computed delays.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "http.h"
#include "tap.h"
#include "valid.h"
#include "xmalloc.h"

static struct form	*sat, *kinds, *call, *email, *grid;

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

/*
 * Checks body against f; returns the number of errors, copies the error
 * of question key (or NULL) to *msg, which the caller frees, and says
 * whether it was answered.
 */
static size_t
check_msg(struct form *f, const char *body, const char *key, char **msg,
    int *answered)
{
	struct http_field	*fields;
	struct answerset	 s;
	size_t			 n, nerr, k;
	char			*cause = NULL;

	*msg = NULL;
	*answered = 0;
	if (http_parse_urlencoded(body, strlen(body), HTTP_FIELDS_MAX,
	    &fields, &n, &cause) == -1) {
		tap_diag("unparsable test body: %s", cause);
		free(cause);
		return 999;
	}
	nerr = valid_answers(f, fields, n, &s);
	for (k = 0; k < s.nq; k++)
		if (strcmp(form_question(f, k)->key, key) == 0)
			break;
	if (k < s.nq) {
		if (s.q[k].error != NULL)
			*msg = xstrdup(s.q[k].error);
		*answered = s.q[k].answered;
	}
	valid_answers_free(&s);
	http_fields_free(fields, n);
	return nerr;
}

/* Whether msg is want; frees msg. */
static int
msg_is(char *msg, const char *want)
{
	int	 ok;

	ok = msg != NULL && want != NULL ? strcmp(msg, want) == 0 :
	    msg == want;
	if (!ok)
		tap_diag("message: %s", msg != NULL ? msg : "(none)");
	free(msg);
	return ok;
}

#define PROFILE "motif=autre&profil=particulier&canal=sur-place"
#define CALL	"moment=2026-03-02T10%3A15&service=standard&decroche=conforme"
#define SENT	"envoi=2026-03-06T17%3A30&service=etrangers"
#define BEFORE	"La date de la réponse ne peut pas précéder celle de l’envoi."

int
main(void)
{
	struct http_field	*fields;
	struct answerset	 s;
	size_t			 n;
	char			 body[32768], *cause = NULL, *msg;
	char			 from[11], to[11];
	int			 err, asked, answered, i;

	tap_plan(35 + 20);
	sat = load("forms/satisfaction.xml");
	kinds = load("tests/data/forms/kinds.xml");
	call = load("forms/mystery-call.xml");
	email = load("forms/mystery-email.xml");
	grid = load("tests/data/forms/valid-grid.xml");

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
	tap_ok(check(sat, PROFILE "&_csrf=abc", NULL, NULL, NULL) == 0,
	    "nor is a staff form's CSRF field");
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

	/* The call grid: thresholds are for results, bounds for input. */
	tap_ok(check(call, CALL "&sonneries=12&attente=45&courtoisie="
	    "non-conforme", NULL, NULL, NULL) == 0,
	    "call: 12 rings is not conform, but a valid answer");
	tap_ok(check(call, CALL "&sonneries=61", "sonneries", &err, NULL) == 1
	    && err, "call: 61 rings is out of bounds");
	tap_ok(check(call, "moment=2026-03-02T10%3A15&service=standard&"
	    "decroche=non-conforme&sonneries=99&courtoisie=oui", "sonneries",
	    &err, &asked) == 0 && !err && !asked,
	    "call: not picked up, the reception's answers are not asked");

	/* The email grid: the answer may not precede the email. */
	tap_ok(check_msg(email, SENT "&reponse-moment=2026-03-09T09%3A00",
	    "delai", &msg, &answered) == 0 && answered && msg_is(msg, NULL),
	    "email: an answer after the email; the delay has a value");
	tap_ok(check_msg(email, SENT "&reponse-moment=2026-03-06T17%3A29",
	    "reponse-moment", &msg, &answered) == 1 && msg_is(msg, BEFORE),
	    "email: an answer a minute before the email is refused");
	tap_ok(check_msg(email, SENT "&reponse-moment=2026-03-05T18%3A00",
	    "delai", &msg, &answered) == 1 && !answered && msg_is(msg, NULL),
	    "email: then the delay has no value, and no error of its own");
	tap_ok(check(email, SENT "&reponse-moment=2026-03-06T17%3A30", NULL,
	    NULL, NULL) == 0, "email: an answer the same minute is allowed");
	tap_ok(check(email, "envoi=2026-03-06T17%3A30%3A00&service=autre&"
	    "reponse-moment=2026-03-06T17%3A30", NULL, NULL, NULL) == 0,
	    "email: HH:MM is HH:MM:00, the same moment");
	tap_ok(check_msg(email, "envoi=2026-03-06T17%3A30&service=autre&"
	    "reponse-moment=2026-03-06T17%3A29%3A59", "reponse-moment", &msg,
	    &answered) == 1 && msg_is(msg, BEFORE),
	    "email: a second before the email is refused");
	tap_ok(check_msg(email, SENT, "delai", &msg, &answered) == 0 &&
	    !answered && msg_is(msg, NULL),
	    "email: no answer yet: no delay, no error");
	tap_ok(check_msg(email, "service=autre&reponse-moment=2026-03-06T"
	    "17%3A29", "reponse-moment", &msg, &answered) == 1 &&
	    answered && msg_is(msg, NULL),
	    "email: no email date: only the missing envoi is an error");
	tap_ok(check(email, SENT "&reponse-moment=2026-03-09T09%3A00&"
	    "delai=3", NULL, NULL, NULL) == 1,
	    "email: a delay sent in the request is an unknown field");
	tap_ok(check(email, SENT "&reponse-moment=2026-03-09T09%3A00&"
	    "delai=", NULL, NULL, NULL) == 1,
	    "email: even empty");

	/* What the program computes the delay from. */
	strcpy(body, SENT "&reponse-moment=2026-03-16T08%3A05%3A10");
	if (http_parse_urlencoded(body, strlen(body), HTTP_FIELDS_MAX,
	    &fields, &n, &cause) == -1)
		return 1;
	valid_answers(email, fields, n, &s);
	tap_ok(valid_delay_dates(&s, form_find(email, "delai"), from, to) ==
	    1 && strcmp(from, "2026-03-06") == 0 &&
	    strcmp(to, "2026-03-16") == 0, "email: the delay's two days");
	strcpy(from, "x");
	tap_ok(valid_delay_dates(&s, form_find(email, "envoi"), from, to) ==
	    0 && strcmp(from, "x") == 0 &&
	    valid_delay_dates(&s, NULL, from, to) == 0,
	    "only a delay has days");
	valid_answers_free(&s);
	http_fields_free(fields, n);

	/* The generic message, dates, and a delay's own order. */
	tap_ok(check_msg(grid, "envoi=2026-01-05T10%3A00&jour1=2026-01-05&"
	    "jour2=2026-01-04", "jour2", &msg, &answered) == 1 &&
	    msg_is(msg, "Cette date ne peut pas précéder celle de la "
	    "question « Premier jour »."), "grid: the generic message");
	tap_ok(check(grid, "envoi=2026-01-05T10%3A00&jour1=2026-01-05&"
	    "jour2=2026-01-05", NULL, NULL, NULL) == 0,
	    "grid: the same day is allowed");
	tap_ok(check_msg(grid, "envoi=2026-01-05T10%3A00&retour=2026-01-05T"
	    "09%3A59", "retour", &msg, &answered) == 1 && msg_is(msg,
	    "Cette date ne peut pas précéder celle de la question « Envoi »."),
	    "grid: a delay's end before its start is refused on the end");
	tap_ok(check_msg(grid, "envoi=2026-01-05T10%3A00&jour1=2026-01-06",
	    "mixte", &msg, &answered) == 1 && msg_is(msg, NULL) && !answered,
	    "grid: a delay from a date to an earlier day");
	tap_ok(check_msg(grid, "envoi=2026-01-05T10%3A00&jour1=2026-01-05",
	    "mixte", &msg, &answered) == 0 && answered && msg_is(msg, NULL),
	    "grid: a delay from a date to a date-time the same day");

	form_free(sat);
	form_free(kinds);
	form_free(call);
	form_free(email);
	form_free(grid);
	return tap_done();
}
