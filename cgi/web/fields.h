/*
 * The fields of a staff form, read and checked against a table: one
 * error per slot (the first one wins), an error about the whole form,
 * the usual validators and the summary of errors at the top of the page.
 * The caller numbers its slots and names them; this module knows no
 * form of its own.
 */
#ifndef QUALIMETRE_FIELDS_H
#define QUALIMETRE_FIELDS_H

#include <stddef.h>

struct buf;
struct req;

/* Most error slots of one form. */
#define FIELDS_SLOTS_MAX	16
/* The slot of a field whose bad byte is an error of the whole form. */
#define FIELDS_NO_SLOT		((size_t)-1)

/* Flags of fields_read: name the unknown or repeated field in the form
   error. */
#define FIELDS_NAME_FIELD	0x01
/* Flags of fields_count: spaces around the number are ignored, and a
   blank value is no number (0) rather than an error. */
#define FIELDS_OPTIONAL		0x02
/* Flags of fields_summary: give the summary autofocus. */
#define FIELDS_AUTOFOCUS	0x04

/* What is wrong with a form as sent; all zero when nothing is. */
struct fields_errors {
	char	*error[FIELDS_SLOTS_MAX]; /* French, per slot, or NULL */
	char	*form_error;		/* French, about the whole form
					   (unknown field...), or NULL */
	size_t	 nerrors;		/* messages set above */
};

/* One field of a form's table. */
struct fields_field {
	const char	*name;		/* as the form sends it */
	int		(*check)(void *in, const char *value); /* returns 1
					   when value passed; NULL: the
					   field is read elsewhere */
	int		 repeat;	/* may come several times */
	size_t		 slot;		/* where a bad byte is reported, or
					   FIELDS_NO_SLOT */
};

/*
 * Sets the error of slot (below FIELDS_SLOTS_MAX) to the formatted
 * message and counts it, unless the slot has one already: the first
 * error wins. FIELDS_NO_SLOT, or any slot out of range, sets the form
 * error instead.
 */
void	 fields_fail(struct fields_errors *, size_t slot, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));

/* Sets the error of the whole form and counts it, unless it has one. */
void	 fields_form_fail(struct fields_errors *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Frees the messages and zeroes errs; the struct itself is the caller's.
   NULL does nothing. */
void	 fields_free(struct fields_errors *);

/*
 * Reads r's fields against the table of n fields: an unknown field, or
 * a second one of a field that may not repeat, is a form error; a value
 * holding a NUL byte is an error of the field's slot; any other value
 * goes to the field's validator with in. flags: FIELDS_NAME_FIELD or 0.
 * What must be there, and what needs two fields, the caller checks after.
 */
void	 fields_read(const struct req *r, const struct fields_field *,
	    size_t n, int flags, void *in, struct fields_errors *);

/*
 * The validators: each returns 1 when v passed, else 0 with an error in
 * slot. They read a NUL-terminated v (fields_read has refused the NUL
 * bytes inside).
 */

/* A row id (http_id_parse) into *id; bad is the message otherwise. */
int	 fields_id(struct fields_errors *, size_t slot, const char *v,
	    long long *id, const char *bad);

/*
 * UTF-8 of at most max characters (code points), blank included. what
 * names the field with its article, masculine: "Le titre" gives "Le titre
 * contient des caractères illisibles : saisissez-le à nouveau." and "Le
 * titre doit faire au plus 200 caractères."
 */
int	 fields_text(struct fields_errors *, size_t slot, const char *v,
	    size_t max, const char *what);

/*
 * fields_text of one line: without the spaces around it, v must hold no
 * tab nor line break ("WHAT tient sur une ligne, sans tabulation."). It
 * is written so into out, of size bytes (4 max + 1 holds any v that
 * passed); out is "" when v did not pass.
 */
int	 fields_line(struct fields_errors *, size_t slot, const char *v,
	    size_t max, const char *what, char *out, size_t size);

/*
 * A date AAAA-MM-JJ that exists (cal_parse) into *day. blank is the
 * message for a blank value; example, a date shown in the other one:
 * "Saisissez une date qui existe, au format AAAA-MM-JJ (par exemple
 * EXAMPLE)."
 */
int	 fields_date(struct fields_errors *, size_t slot, const char *v,
	    long *day, const char *blank, const char *example);

/*
 * A whole number of 1 to max, in decimal digits only (no more digits
 * than max has), into *n; *n is 0 when v did not pass. flags:
 * FIELDS_OPTIONAL or 0. bad is the message otherwise.
 */
int	 fields_count(struct fields_errors *, size_t slot, const char *v,
	    long max, int flags, long *n, const char *bad);

/*
 * Writes the summary of errs at the top of a form, when it has errors:
 * a DSFR error alert (id "erreurs", focusable), "HEADING : un point est à
 * corriger" or "HEADING : N points sont à corriger", then the form error
 * and one item per slot in error, in slot order, linking to
 * "#anchors[slot]" under labels[slot]. nslots is at most
 * FIELDS_SLOTS_MAX; heading, labels, anchors and the messages are
 * escaped. flags: FIELDS_AUTOFOCUS or 0. Writes nothing when errs holds
 * no error.
 */
void	 fields_summary(struct buf *, const struct fields_errors *errs,
	    const char *heading, const char *const *labels,
	    const char *const *anchors, size_t nslots, int flags);

/*
 * fields_summary for errors kept elsewhere: errors[slot] (NULL: none)
 * for each of nslots slots, and form_error (or NULL).
 */
void	 fields_summary_of(struct buf *, const char *heading,
	    const char *form_error, const char *const *errors,
	    const char *const *labels, const char *const *anchors,
	    size_t nslots, int flags);

#endif /* QUALIMETRE_FIELDS_H */
