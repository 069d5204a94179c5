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
	QKIND_YESNO,		/* conform / not conform / not applicable,
				   or yes / no (answers="yes-no") */
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
	FORMKIND_SELF_ASSESSMENT, /* a referential's engagements, scored by
				   the referent each semester: every
				   question a scale question with a
				   required level */
	FORMKIND__MAX
};

/*
 * A rule of the referential a mystery campaign runs under (sql/016): a
 * grid's criterion names the one it follows (attribute "rule"), and the
 * referential may fix its threshold and its target in place of the
 * form's own (form_rule_apply).
 */
enum form_rule {
	FORM_RULE_NONE,		/* the form's own threshold and target */
	FORM_RULE_REPLY_DELAY,	/* an email's reply delay in working days:
				   the most that is conform, a target */
	FORM_RULE_RINGS,	/* rings before a call is picked up: the
				   most that is conform, a target */
	FORM_RULE_PICKED_UP,	/* a call picked up: a target only */
	FORM_RULE__MAX
};

/*
 * A referential's values, each indexed by enum form_rule; -1 leaves the
 * form's own value in force. Plain data the caller fills from the
 * database after form_referential_init.
 */
struct form_referential {
	const char	*name;		/* "Qual-e-pref", or NULL: none, the
					   forms' own values */
	long long	 threshold[FORM_RULE__MAX]; /* conform-max, or -1 */
	double		 target[FORM_RULE__MAX];    /* in [0, 1], or -1 */
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
	const char	*short_label;	/* a criterion's short name ("Courtoisie"),
					   or NULL: then its label */
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
	enum form_rule	 rule;		/* the referential's rule it follows,
					   FORM_RULE_NONE for most */
	const char	*required_level; /* a self-assessment engagement's
					   lowest option value that meets it
					   (the options rank from lowest to
					   highest), or NULL elsewhere */
};

/* A titled group of questions, rendered as one block. */
struct form_section {
	const char	*id;
	const char	*title;
	const char	*intro;		/* text under the title, or NULL */
};

struct form;

/* Most languages a form may carry, French included, and the size of a
   language code: the primary subtag of an xml:lang ("en" for "en-GB"). */
#define FORM_LANGS_MAX	16
#define FORM_LANG_LEN	4

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

/*
 * The languages of f's texts: form_lang(f, 0) is "fr", then every other
 * language an xml:lang of the definition names, as codes ("en", "ar").
 */
size_t		 form_nlangs(const struct form *);
const char	*form_lang(const struct form *, size_t);

/*
 * The same form with its texts in lang (one of form_lang's codes): the
 * same keys, values, rules and order, each text in that language or in
 * French where it has none. The French form for "fr", NULL or a
 * language f does not carry. It lives as long as f, which owns it; never
 * free it.
 */
const struct form *form_in(const struct form *f, const char *lang);

/*
 * What the loader warns about without refusing the definition: a text
 * missing in one language ("forms/x.xml:12: label has no \"en\" text:
 * French used").
 */
size_t		 form_nwarnings(const struct form *);
const char	*form_warning(const struct form *, size_t);

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

/*
 * Whether the option value of a self-assessment engagement q meets its
 * required level: returns 1 when value ranks at or above it among q's
 * options, 0 when below, and -1 when q has no required level or value
 * is none of its options.
 */
int		 form_level_met(const struct form_question *q,
		    const char *value);

/* Sets every value of ref to -1 (the forms' own) and its name to name. */
void		 form_referential_init(struct form_referential *ref,
		    const char *name);

/*
 * The effective rule: copies q into *out, then, when ref is non-NULL and
 * q follows one of its rules, puts the referential's threshold (the most
 * that is conform) and target in place of the form's where ref gives
 * them. Every program judges, renders and counts with *out, never with
 * q's own numbers. *out's strings are q's: they live as long as the form.
 */
void		 form_rule_apply(const struct form_question *q,
		    const struct form_referential *ref,
		    struct form_question *out);

/*
 * What is conform under the effective rule eq (form_rule_apply), in
 * French for the enquirer and the results: "moins de 5 sonneries",
 * "réponse sous 5 jours ouvrés", "appel décroché". Writes it into buf
 * (truncated to size, always terminated) and returns 0; returns -1 and
 * writes "" when eq follows no rule.
 */
int		 form_rule_text(const struct form_question *eq, char *buf,
		    size_t size);

/* The name of a rule as written in the XML ("reply-delay", ...), or NULL
   for FORM_RULE_NONE. */
const char	*form_rule_name(enum form_rule);

/* The name of a kind as written in the XML ("scale", "choice", ...;
   "delay" for QKIND_DELAY, which is an element of its own). */
const char	*form_qkind_name(enum qkind);

/* The name of a form kind as stored ("satisfaction", "mystery-call"...). */
const char	*form_kind_name(enum formkind);

#endif /* QUALIMETRE_FORM_H */
