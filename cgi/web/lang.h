/*
 * The languages of the public pages: choosing one for a request (a
 * "lang" in the query, else the visitor's Accept-Language, else French),
 * its direction and its own name, and the catalogue of the fixed strings
 * of the questionnaire's pages, in French and English. A form's own texts
 * come from its definition (form_in); any other language gets the French
 * fixed strings.
 */
#ifndef QUALIMETRE_LANG_H
#define QUALIMETRE_LANG_H

#include <stddef.h>

struct buf;

/* The query parameter that names a page's language: "?lang=en". */
#define LANG_PARAM	"lang"
/* A language code, NUL included: two or three lower-case letters. */
#define LANG_CODE_LEN	4

/* The fixed strings of the public pages. */
enum lmsg {
	LMSG_REQUIRED,		/* "(obligatoire)" after a label */
	LMSG_ERRORS_ONE,	/* the error summary's title, one error */
	LMSG_ANONYMOUS,		/* the paragraph above the questions */
	LMSG_SEND,		/* the submit button */
	LMSG_ERROR_PREFIX,	/* "Erreur – " before a page's title */
	LMSG_LANGUAGES,		/* the language selector's label */
	LMSG_BAD_CHARS,
	LMSG_ONE_ONLY,
	LMSG_NOT_OFFERED,
	LMSG_ONE_NOT_OFFERED,
	LMSG_SENT_TWICE,
	LMSG_DATE,
	LMSG_DATETIME,
	LMSG_TEXT_CHARS,
	LMSG_UNKNOWN_KIND,
	LMSG_REQUIRED_TYPE,
	LMSG_REQUIRED_CHOOSE,
	LMSG_UNKNOWN_FIELDS_BAD,
	LMSG_EXPIRED_TITLE,
	LMSG_EXPIRED_TEXT,
	LMSG_CONFIRM_TITLE,
	LMSG_CONFIRM_FAST,
	LMSG_CONFIRM_LATE,
	LMSG_NOT_STORED_TITLE,
	LMSG_NOT_STORED_TEXT,
	LMSG_FAILED_TITLE,
	LMSG_FAILED_TEXT,
	LMSG_STORED_TITLE,
	LMSG_STORED_TEXT,
	LMSG_THANKS_TITLE,
	LMSG_THANKS_TEXT,
	LMSG_LIMITED_TITLE,
	LMSG_LIMITED_TEXT,
	LMSG_LIMITED_HELD_TITLE,
	LMSG_LIMITED_HELD_TEXT,
	LMSG_UNAVAILABLE_TITLE,
	LMSG_UNAVAILABLE_TEXT,
	LMSG_UNAVAILABLE_HELD_TEXT,
	LMSG_SEND_AGAIN,
	LMSG_UPCOMING_TITLE,	/* a campaign not open yet */
	LMSG_OPEN_FROM,		/* then its first day */
	LMSG_DATE_TO,		/* between two days */
	LMSG_UPCOMING_TEXT,	/* after its last day */
	LMSG_ENDED_ON,		/* a campaign ended, then its last day */
	LMSG_WAS_OPEN_FROM,	/* then its first day */
	LMSG_ENDED_TEXT,	/* after its last day */
	LMSG_CURRENT_SURVEY,	/* the link to the site's open one */
	LMSG__MAX
};

/*
 * The messages with printf conversions, as literals so that the
 * compiler checks their arguments: LANG_FMT(lang, LMSG_INTEGER) is the
 * one in lang.
 */
#define LANG_FMT(lang, id)	(lang_is_en(lang) ? id##_EN : id##_FR)
#define LMSG_ERRORS_MANY_FR \
	"Vos réponses n’ont pas été envoyées : %zu réponses sont à " \
	    "corriger"
#define LMSG_ERRORS_MANY_EN \
	"Your answers have not been sent: %zu answers need correcting"
#define LMSG_INTEGER_FR \
	"Saisissez un nombre entier entre %lld et %lld."
#define LMSG_INTEGER_EN \
	"Enter a whole number between %lld and %lld."
#define LMSG_TEXT_LONG_FR \
	"Votre texte fait %zu caractères ; le maximum est de %zu " \
	    "caractères."
#define LMSG_TEXT_LONG_EN \
	"Your text has %zu characters; the maximum is %zu characters."
#define LMSG_DATE_ORDER_FR \
	"Cette date ne peut pas précéder celle de la question « %s »."
#define LMSG_DATE_ORDER_EN \
	"This date cannot come before the one of the question “%s”."
#define LMSG_UNKNOWN_FIELDS_FR \
	"Le formulaire envoyé contient %zu champ%s inconnu%s (« %s »%s) : " \
	    "il ne correspond pas à ce questionnaire."
#define LMSG_UNKNOWN_FIELDS_EN \
	"The form sent contains %zu unknown field%s%.0s (“%s”%s): it does " \
	    "not match this survey."

/* Whether lang takes the catalogue's English ("en"). */
int		 lang_is_en(const char *lang);

/*
 * The string msg in lang ("fr", "en"; French for any other language or
 * NULL). A static string: never free it.
 */
const char	*lang_msg(const char *lang, enum lmsg msg);

/*
 * Writes into code the value of the query's "lang" parameter when it is
 * two or three lower-case letters, and returns 0; returns -1 and writes
 * "" otherwise (none, or anything else). query may be NULL.
 */
int		 lang_query(const char *query, char code[LANG_CODE_LEN]);

/*
 * The best of the navail codes avail for the Accept-Language header
 * accept (NULL when absent): the one with the highest q-value, matched
 * on its primary subtag ("en-GB" is "en"), ties going to the header's
 * order; a q of 0 refuses a language. Returns an element of avail, or
 * "fr" when none is acceptable.
 */
const char	*lang_accept(const char *accept, const char *const *avail,
		    size_t navail);

/*
 * The page's language for a request: the query's "lang" when it is one
 * of avail, else lang_accept. Returns an element of avail or "fr".
 */
const char	*lang_choose(const char *query, const char *accept,
		    const char *const *avail, size_t navail);

/*
 * Marks a fixed string of the catalogue on a page in lang: writes
 * ' lang="fr" dir="ltr"' (an element's attributes) when the catalogue has
 * no lang and gives French in its place, nothing otherwise.
 */
void		 lang_mark(struct buf *, const char *lang);

/* Whether lang is written right to left (Arabic, Hebrew, Persian...). */
int		 lang_rtl(const char *lang);

/* The language's name in itself ("English"), or NULL when unknown. */
const char	*lang_name(const char *lang);

#endif /* QUALIMETRE_LANG_H */
