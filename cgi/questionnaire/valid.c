/* Checking a submission against its form definition. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "http.h"
#include "lang.h"
#include "staff.h"
#include "utf8.h"
#include "valid.h"
#include "xmalloc.h"

/* Length in characters of a text as the browser counted it: a line
   break sent as CR LF counts once, as in a textarea's maxlength. */
static size_t
text_length(const char *s, size_t len)
{
	size_t	n, i;

	n = utf8_length(s, len);
	for (i = 0; i + 1 < len; i++)
		if (s[i] == '\r' && s[i + 1] == '\n')
			n--;
	return n;
}

static int
is_blank(const char *s)
{
	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

int
valid_integer(const char *s, long long *v)
{
	char		*end;
	long long	 r;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return 0;
	errno = 0;
	r = strtoll(s, &end, 10);
	if (errno == ERANGE || end == s)
		return 0;
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return 0;
	*v = r;
	return 1;
}

static int
digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int
valid_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int	y, m, d, leap;

	if (strlen(s) != 10 || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

int
valid_datetime(const char *s)
{
	char	date[11];
	size_t	len = strlen(s);

	if (len != 16 && len != 19)
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!valid_date(date) || s[10] != 'T' || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2))
		return 0;
	if (atoi(s + 11) > 23 || atoi(s + 14) > 59)
		return 0;
	if (len == 19 && (s[16] != ':' || !digits(s + 17, 2) ||
	    atoi(s + 17) > 59))
		return 0;
	return 1;
}

const struct form_option *
valid_options(const struct answerset *s, const struct form_question *q,
    size_t *n)
{
	if (s != NULL && s->choices != NULL &&
	    (q->kind == QKIND_CHOICE || q->kind == QKIND_MULTI) &&
	    strcmp(s->choices->key, q->key) == 0) {
		*n = s->choices->noptions;
		return s->choices->options;
	}
	*n = q->noptions;
	return q->options;
}

/* Whether value is one of the n options. */
static int
offered(const struct form_option *opts, size_t n, const char *value)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(opts[i].value, value) == 0)
			return 1;
	return 0;
}

/* Checks the values of one asked question of s; returns a message or
   NULL. */
static char *
check_question(const struct answerset *s, const struct form_question *q,
    const struct qanswer *a)
{
	const struct form_option *opts;
	size_t		 nopts;
	const char	*val;
	char		*msg = NULL;
	long long	 v;
	size_t		 i, j, len;

	/* An embedded NUL is never valid. */
	for (i = 0; i < a->nsent; i++)
		if (strlen(a->sent[i]->val) != a->sent[i]->vallen)
			return xstrdup(lang_msg(s->lang, LMSG_BAD_CHARS));

	opts = valid_options(s, q, &nopts);
	switch (q->kind) {
	case QKIND_SCALE:
	case QKIND_CHOICE:
	case QKIND_YESNO:
		if (a->nsent > 1)
			return xstrdup(lang_msg(s->lang, LMSG_ONE_ONLY));
		if (!offered(opts, nopts, a->sent[0]->val))
			return xstrdup(lang_msg(s->lang,
			    LMSG_NOT_OFFERED));
		return NULL;
	case QKIND_MULTI:
		for (i = 0; i < a->nsent; i++) {
			if (!offered(opts, nopts, a->sent[i]->val))
				return xstrdup(lang_msg(s->lang,
				    LMSG_ONE_NOT_OFFERED));
			for (j = 0; j < i; j++)
				if (strcmp(a->sent[i]->val,
				    a->sent[j]->val) == 0)
					return xstrdup(lang_msg(
					    s->lang, LMSG_SENT_TWICE));
		}
		return NULL;
	default:
		break;
	}
	if (a->nsent > 1)
		return xstrdup(lang_msg(s->lang, LMSG_ONE_ONLY));
	val = a->sent[0]->val;
	len = a->sent[0]->vallen;
	switch (q->kind) {
	case QKIND_INTEGER:
	case QKIND_DURATION:
		if (!valid_integer(val, &v) || v < q->min ||
		    v > q->max)
			xasprintf(&msg, LANG_FMT(s->lang, LMSG_INTEGER),
			    q->min, q->max);
		break;
	case QKIND_DATE:
		if (!valid_date(val))
			msg = xstrdup(lang_msg(s->lang, LMSG_DATE));
		break;
	case QKIND_DATETIME:
		if (!valid_datetime(val))
			msg = xstrdup(lang_msg(s->lang, LMSG_DATETIME));
		break;
	case QKIND_TEXT:
		if (!utf8_valid(val, len))
			msg = xstrdup(lang_msg(s->lang, LMSG_TEXT_CHARS));
		else if (text_length(val, len) > q->maxlen)
			xasprintf(&msg, LANG_FMT(s->lang, LMSG_TEXT_LONG),
			    text_length(val, len), q->maxlen);
		break;
	default:
		msg = xstrdup(lang_msg(s->lang, LMSG_UNKNOWN_KIND));
		break;
	}
	return msg;
}

/*
 * Compares two answers that passed valid_date or valid_datetime, like
 * strcmp: by the day alone when either is a date, else to the second
 * (HH:MM is HH:MM:00).
 */
static int
moment_cmp(const char *a, const char *b)
{
	char	ma[20], mb[20];
	int	c;

	if ((c = strncmp(a, b, 10)) != 0 || strlen(a) == 10 ||
	    strlen(b) == 10)
		return c;
	snprintf(ma, sizeof(ma), "%.16s:%s", a, strlen(a) == 19 ? a + 17 :
	    "00");
	snprintf(mb, sizeof(mb), "%.16s:%s", b, strlen(b) == 19 ? b + 17 :
	    "00");
	return strcmp(ma, mb);
}

/* The index of the question called key among the first lim, or lim. */
static size_t
index_of(const struct form *f, const char *key, size_t lim)
{
	size_t	k;

	for (k = 0; k < lim; k++)
		if (strcmp(form_question(f, k)->key, key) == 0)
			break;
	return k;
}

/* Whether a holds one answer that was asked and is valid. */
static int
has_value(const struct qanswer *a)
{
	return a->asked && a->answered && a->error == NULL && a->nsent == 1;
}

/*
 * Refuses the answer a to q, a date that must not precede the valid
 * answer b to question r (which comes earlier in the form): sets a's
 * error, with q's own message if the form gives one, and returns 1, or
 * returns 0 when the order is right.
 */
static int
check_order(const struct form_question *q, struct qanswer *a,
    const struct form_question *r, const struct qanswer *b,
    const char *lang)
{
	if (moment_cmp(a->sent[0]->val, b->sent[0]->val) >= 0)
		return 0;
	if (q->after_message != NULL && q->after_key != NULL &&
	    strcmp(q->after_key, r->key) == 0)
		a->error = xstrdup(q->after_message);
	else
		xasprintf(&a->error, LANG_FMT(lang, LMSG_DATE_ORDER),
		    r->label);
	return 1;
}

static size_t	 check_answers(const struct form *, const char *,
		    const struct valid_choices *, const struct http_field *,
		    size_t, struct answerset *);

size_t
valid_answers(const struct form *f, const struct http_field *fields,
    size_t n, struct answerset *out)
{
	return check_answers(f, "fr", NULL, fields, n, out);
}

size_t
valid_answers_lang(const struct form *f, const char *lang,
    const struct http_field *fields, size_t n, struct answerset *out)
{
	return check_answers(form_in(f, lang), lang, NULL, fields, n, out);
}

size_t
valid_answers_choices(const struct form *f,
    const struct valid_choices *choices, const struct http_field *fields,
    size_t n, struct answerset *out)
{
	return check_answers(f, "fr", choices, fields, n, out);
}

/* valid_answers_choices with the messages in lang. */
static size_t
check_answers(const struct form *f, const char *lang,
    const struct valid_choices *choices, const struct http_field *fields,
    size_t n, struct answerset *out)
{
	const struct form_question	*q, *cond;
	struct qanswer			*a, *from, *to;
	size_t				 i, k, nq, nunknown = 0;
	const char			*firstunknown = NULL;
	size_t				 ci;

	memset(out, 0, sizeof(*out));
	out->form = f;
	out->lang = lang;
	out->choices = choices;
	nq = out->nq = form_nquestions(f);
	out->q = xcalloc(nq, sizeof(*out->q));

	/* File each field under its question, keeping the order sent. */
	for (i = 0; i < n; i++) {
		if (strcmp(fields[i].key, VALID_TOKEN_FIELD) == 0) {
			if (out->token == NULL &&
			    strlen(fields[i].val) == fields[i].vallen)
				out->token = fields[i].val;
			continue;
		}
		if (strcmp(fields[i].key, STAFF_CSRF_FIELD) == 0)
			continue;
		/* A delay is computed: sending one is forging it. */
		k = index_of(f, fields[i].key, nq);
		if (k == nq || form_question(f, k)->kind == QKIND_DELAY) {
			if (nunknown++ == 0)
				firstunknown = fields[i].key;
			continue;
		}
		a = &out->q[k];
		if (a->nsent == 0)
			a->sent = xcalloc(n, sizeof(*a->sent));
		a->sent[a->nsent++] = &fields[i];
	}

	for (k = 0; k < nq; k++) {
		q = form_question(f, k);
		a = &out->q[k];
		a->asked = 1;
		if (q->kind == QKIND_DELAY) {
			/* The loader puts a delay after both its ends: it has
			   a value when they both have one, in order. */
			from = &out->q[index_of(f, q->delay_from, k)];
			to = &out->q[index_of(f, q->delay_to, k)];
			a->asked = from->asked && to->asked;
			if (!has_value(from) || !has_value(to))
				continue;
			if (check_order(form_find(f, q->delay_to), to,
			    form_find(f, q->delay_from), from, out->lang)) {
				out->nerrors++;
				continue;
			}
			a->answered = 1;
			continue;
		}
		if (q->when_key != NULL) {
			/* The loader only lets a question depend on an
			   earlier one, so its answer is already checked. */
			cond = form_find(f, q->when_key);
			for (ci = 0; ci < k; ci++)
				if (form_question(f, ci) == cond)
					break;
			a->asked = ci < k && out->q[ci].asked &&
			    out->q[ci].answered && out->q[ci].error == NULL &&
			    out->q[ci].nsent == 1 &&
			    strcmp(out->q[ci].sent[0]->val, q->when_value) == 0;
		}
		if (!a->asked)
			continue;
		/* Blank values are no answer at all. */
		for (i = 0; i < a->nsent; i++)
			if (!is_blank(a->sent[i]->val))
				break;
		if (i == a->nsent) {
			if (q->required)
				a->error = xstrdup(lang_msg(out->lang,
				    q->kind == QKIND_TEXT ||
				    q->kind == QKIND_INTEGER ||
				    q->kind == QKIND_DURATION ||
				    q->kind == QKIND_DATE ||
				    q->kind == QKIND_DATETIME ?
				    LMSG_REQUIRED_TYPE : LMSG_REQUIRED_CHOOSE));
		} else {
			a->error = check_question(out, q, a);
			a->answered = 1;
		}
		/* The loader only lets a date follow an earlier one. */
		if (a->error == NULL && a->answered && q->after_key != NULL) {
			ci = index_of(f, q->after_key, k);
			if (ci < k && has_value(&out->q[ci]))
				check_order(q, a, form_question(f, ci),
				    &out->q[ci], out->lang);
		}
		if (a->error != NULL)
			out->nerrors++;
	}
	if (nunknown > 0) {
		if (utf8_valid(firstunknown, strlen(firstunknown)))
			xasprintf(&out->form_error, LANG_FMT(out->lang,
			    LMSG_UNKNOWN_FIELDS), nunknown,
			    nunknown > 1 ? "s" : "", nunknown > 1 ? "s" : "",
			    firstunknown, nunknown > 1 ? "…" : "");
		else
			out->form_error = xstrdup(lang_msg(out->lang,
			    LMSG_UNKNOWN_FIELDS_BAD));
		out->nerrors++;
	}
	return out->nerrors;
}

int
valid_delay_dates(const struct answerset *s, const struct form_question *q,
    char from[11], char to[11])
{
	size_t	k, kf, kt;

	if (q == NULL || q->kind != QKIND_DELAY)
		return 0;
	for (k = 0; k < s->nq; k++)
		if (form_question(s->form, k) == q)
			break;
	if (k == s->nq || !s->q[k].answered)
		return 0;
	kf = index_of(s->form, q->delay_from, k);
	kt = index_of(s->form, q->delay_to, k);
	snprintf(from, 11, "%.10s", s->q[kf].sent[0]->val);
	snprintf(to, 11, "%.10s", s->q[kt].sent[0]->val);
	return 1;
}

void
valid_answers_free(struct answerset *s)
{
	size_t	k;

	if (s->q != NULL) {
		for (k = 0; k < s->nq; k++) {
			free(s->q[k].sent);
			free(s->q[k].error);
		}
		free(s->q);
	}
	free(s->form_error);
	memset(s, 0, sizeof(*s));
}

void
valid_answers_prefilled(const struct form *f,
    const struct valid_choices *choices, const struct http_field *fields,
    size_t n, struct answerset *s)
{
	size_t	k;

	valid_answers_choices(f, choices, fields, n, s);
	for (k = 0; k < s->nq; k++) {
		free(s->q[k].error);
		s->q[k].error = NULL;
	}
	free(s->form_error);
	s->form_error = NULL;
	s->nerrors = 0;
}
