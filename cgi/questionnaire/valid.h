/*
 * Checking a submission against its form definition: every field known,
 * every value allowed, every bound and length kept, required answers
 * given. What the person sent is kept, right or wrong, so that the form
 * can be shown again with every answer filled in.
 */
#ifndef QUALIMETRE_VALID_H
#define QUALIMETRE_VALID_H

#include <stddef.h>

struct form;
struct form_question;
struct http_field;

/* The name of the hidden field holding the form token; no question key
   can take it, since keys start with a letter. */
#define VALID_TOKEN_FIELD	"_jeton"

/*
 * The options a program gives a choice question at run time instead of
 * the form's own: a mystery grid's "service" question offers the
 * services its campaign tests.
 */
struct valid_choices {
	const char		 *key;		/* the question's key */
	const struct form_option *options;	/* in display order */
	size_t			  noptions;
};

/* What was sent for one question. */
struct qanswer {
	const struct http_field **sent;	/* the fields sent for it, in
					   order, pointing into the request */
	size_t		  nsent;
	int		  asked;	/* 0 when the question's condition is
					   not met: its values are kept for
					   display but neither checked nor
					   stored */
	int		  answered;	/* asked, and a non-blank answer; for
					   a QKIND_DELAY, which is never sent
					   (nsent is 0), both its ends have a
					   valid answer, in order */
	char		 *error;	/* message for the person, or NULL */
};

/* A whole submission, checked. */
struct answerset {
	const struct form	*form;
	const struct valid_choices *choices;	/* given in place of the
						   form's options, or NULL */
	struct qanswer		*q;		/* one per question, in the
						   form's order */
	size_t			 nq;
	const char		*token;		/* the token field, or NULL */
	const char		*lang;		/* the messages' language:
						   "fr", "en"... */
	char			*form_error;	/* a problem with no field of
						   its own (unknown fields),
						   or NULL */
	size_t			 nerrors;	/* questions in error, plus one
						   for form_error */
};

/*
 * Checks the n fields against form f and fills *out, which the caller
 * frees with valid_answers_free (also when there were errors). The
 * fields must outlive *out. Returns the number of errors (0: storable).
 */
size_t	 valid_answers(const struct form *f, const struct http_field *fields,
	    size_t n, struct answerset *out);

/*
 * valid_answers with the messages in lang, against the form's texts in
 * lang (form_in): the same values are accepted whatever the language.
 */
size_t	 valid_answers_lang(const struct form *f, const char *lang,
	    const struct http_field *fields, size_t n, struct answerset *out);

/*
 * valid_answers for a form whose choice (or multiple choice) question
 * choices->key (when choices is non-NULL) offers choices' options
 * instead of its own: only those are accepted, and the renderer shows
 * them (valid_options). choices must outlive *out.
 */
size_t	 valid_answers_choices(const struct form *f,
	    const struct valid_choices *choices,
	    const struct http_field *fields, size_t n, struct answerset *out);

/*
 * The options question q offers in s (NULL: the form's): the run-time
 * choices of s when they are q's, else q's own. Writes their number
 * into *n.
 */
const struct form_option *valid_options(const struct answerset *s,
	    const struct form_question *q, size_t *n);

/*
 * valid_answers for stored or proposed values, to be shown without
 * errors (a blank form is not wrong yet): the same *s, its messages
 * cleared; choices as valid_answers_choices takes them, or NULL. The
 * caller frees it with valid_answers_free.
 */
void	 valid_answers_prefilled(const struct form *f,
	    const struct valid_choices *choices,
	    const struct http_field *fields, size_t n, struct answerset *s);

/* Frees what valid_answers allocated; safe on a zeroed answerset. */
void	 valid_answers_free(struct answerset *);

/*
 * For a QKIND_DELAY question q of the form s was checked against: when
 * the delay has a value (both ends answered, valid and in order), writes
 * the day of each end as YYYY-MM-DD and a NUL into from and to (the date
 * part of a date-time) and returns 1; otherwise returns 0 and leaves them
 * alone. The caller turns them into a delay with cal_parse() and
 * cal_working_delay(from, to, department) of cgi/calendar/cal.h.
 *
 * XXX: this should be valid_delay_days(s, q, department, &days), doing
 * that itself: the questionnaire layer may now use the calendar.
 */
int	 valid_delay_dates(const struct answerset *s,
	    const struct form_question *q, char from[11], char to[11]);

/*
 * Returns 1 when s is a date YYYY-MM-DD that exists in the Gregorian
 * calendar, 0 otherwise.
 */
int	 valid_date(const char *s);

/* Returns 1 for a date-time YYYY-MM-DDTHH:MM[:SS], 0 otherwise. */
int	 valid_datetime(const char *s);

/*
 * Parses a whole decimal integer, spaces around it allowed; returns 1 and
 * sets *v, or 0 on junk, overflow or an empty string.
 */
int	 valid_integer(const char *s, long long *v);

#endif /* QUALIMETRE_VALID_H */
