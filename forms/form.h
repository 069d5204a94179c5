/*
 * Form definitions: loading an XML definition, validating it against
 * forms/form.rng, and the read-only in-memory model that the programs
 * render and validate answers against. No libxml2 type leaves this module.
 */
#ifndef QUALIMETRE_FORM_H
#define QUALIMETRE_FORM_H

#include <stddef.h>

/* What a question asks for; sizes tables indexed by kind. */
enum qkind {
	QKIND_SCALE,		/* one value of a named scale (satisfaction) */
	QKIND_CHOICE,		/* one value from the question's own list */
	QKIND_MULTI,		/* any number of values from its own list */
	QKIND_YESNO,		/* conform / not conform / not applicable */
	QKIND_INTEGER,		/* whole number within [min, max] */
	QKIND_DATE,		/* YYYY-MM-DD */
	QKIND_DATETIME,		/* YYYY-MM-DDTHH:MM */
	QKIND_DURATION,		/* whole seconds within [min, max] */
	QKIND_TEXT,		/* free text, at most maxlen code points */
	QKIND_DELAY,		/* working days from delay_from's answer to
				   delay_to's: computed by the program, never
				   asked (written <delay>, not <question>) */
	QKIND__MAX
};

/* What kind of campaign a definition is for. */
enum formkind {
	FORMKIND_SATISFACTION,	/* the public questionnaire */
	FORMKIND_MYSTERY_CALL,	/* a mystery call grid */
	FORMKIND_MYSTERY_EMAIL,	/* a mystery email grid */
	FORMKIND__MAX
};

/* One allowed answer of a scale, a choice or a multiple choice. */
struct form_option {
	const char	*value;		/* what is submitted and stored */
	const char	*label;		/* shown to the person, French */
	int		 satisfied;	/* counts as satisfied / conform */
	int		 no_opinion;	/* left out of the denominator */
};

/* A named set of options shared by several questions. */
struct form_scale {
	const char		*id;		/* referenced by questions */
	const struct form_option *options;	/* in display order */
	size_t			 noptions;
};

/* One question, as the renderer and the validator need it. */
struct form_question {
	const char	*key;		/* field name, unique in the form */
	enum qkind	 kind;
	const char	*label;		/* the question itself, French */
	const char	*hint;		/* help text under the label, or NULL */
	size_t		 section;	/* index into form_section() */
	int		 required;	/* an answer must be given */
	int		 criterion;	/* results are computed for it */
	double		 target;	/* engagement's target rate in [0, 1],
					   or -1 when the form gives none */
	const struct form_option *options; /* SCALE, CHOICE, MULTI, YESNO */
	size_t		 noptions;
	const char	*scale;		/* scale id for QKIND_SCALE, or NULL */
	long long	 min, max;	/* bounds for INTEGER and DURATION */
	size_t		 maxlen;	/* code points for TEXT */
	const char	*when_key;	/* asked only when this question... */
	const char	*when_value;	/* ...was answered with this value,
					   or both NULL when always asked */
	/* Thresholds of an INTEGER, DURATION or DELAY criterion: a value
	   is conform when it is >= conform_min (if has_conform_min) and
	   <= conform_max (if has_conform_max). A criterion of those kinds
	   has at least one; other questions have neither (see
	   form_conform). They never make an answer invalid: bounds do. */
	long long	 conform_min;
	long long	 conform_max;
	int		 has_conform_min;
	int		 has_conform_max;
	const char	*after_key;	/* DATE, DATETIME: key of an earlier
					   question of the same kind this
					   answer may not precede, or NULL */
	const char	*after_message;	/* what to say when it does, French,
					   or NULL for a generic message */
	const char	*delay_from;	/* DELAY: keys of the earlier DATE or */
	const char	*delay_to;	/* DATETIME questions it runs from and
					   to, or NULL for other kinds. With
					   either end unanswered it has no
					   value: results must count a missing
					   "to" as not conform once conform_max
					   working days have passed (no answer
					   is a late answer) */
};

/* A titled group of questions, rendered as one block. */
struct form_section {
	const char	*id;
	const char	*title;
	const char	*intro;		/* text under the title, or NULL */
};

struct form;

/*
 * Checks that the libxml2 the program runs with is the one it was built
 * against (aborting otherwise, as LIBXML_TEST_VERSION does) and sets its
 * parser up. A program that forks workers calls it once, before forking.
 */
void	 form_init(void);

/*
 * Parses the definition at path, validates it against the RelaxNG schema
 * at schema_path, and builds its model. The file is parsed without network
 * access and without entity expansion.
 * On success returns 0 and *out owns a form the caller frees with
 * form_free(). On failure returns -1, *out is untouched and *cause holds
 * a message the caller frees, naming the file, the line and the reason
 * ("forms/x.xml:12: element question: missing attribute key").
 */
int	 form_load(const char *path, const char *schema_path,
	    struct form **out, char **cause);

/*
 * Same as form_load, from len bytes in memory (as stored in the database);
 * name is used in messages in place of a file name.
 */
int	 form_load_memory(const char *buf, size_t len, const char *name,
	    const char *schema_path, struct form **out, char **cause);

/* Frees a form and everything it holds; form_free(NULL) does nothing. */
void	 form_free(struct form *);

/* Accessors; the strings belong to the form and live as long as it. */
const char	*form_key(const struct form *);		/* "satisfaction" */
int		 form_version(const struct form *);	/* 1, 2, ... */
enum formkind	 form_kind(const struct form *);
const char	*form_title(const struct form *);
const char	*form_intro(const struct form *);	/* or NULL */
const char	*form_sha256(const struct form *);	/* 64 hex digits of
							   the source bytes */
const char	*form_source(const struct form *, size_t *len); /* the XML */

size_t			 form_nsections(const struct form *);
const struct form_section *form_section(const struct form *, size_t);
size_t			 form_nquestions(const struct form *);
const struct form_question *form_question(const struct form *, size_t);

/* The question with this key, or NULL. */
const struct form_question *form_find(const struct form *, const char *key);

/* The option of q whose value is value, or NULL. */
const struct form_option *form_option_find(const struct form_question *q,
	    const char *value);

/*
 * Whether the value v of an INTEGER, DURATION or DELAY question meets its
 * thresholds: returns 1 when it is conform, 0 when it is not, and -1 when
 * q has no threshold (not a criterion of those kinds).
 */
int		 form_conform(const struct form_question *q, long long v);

/* The name of a kind as written in the XML ("scale", "choice", ...;
   "delay" for QKIND_DELAY, which is an element of its own). */
const char	*form_qkind_name(enum qkind);

/* The name of a form kind as stored ("satisfaction", "mystery-call"...). */
const char	*form_kind_name(enum formkind);

#endif /* QUALIMETRE_FORM_H */
