/*
 * The results of a campaign as a referent publishes them: for each
 * criterion, its counts, its rate with a confidence interval, its
 * target's verdict and its change since the previous campaign; and a
 * breakdown by a profile question with the homogeneity test. Computed
 * from counts with the statistics library (stats/stats.h); rendered as
 * tables, SVG charts, CSV and XML exports and the PDF poster.
 */
#ifndef QUALIMETRE_RESULTS_H
#define QUALIMETRE_RESULTS_H

#include <stddef.h>

#include "stats.h"

/* Below this many opinions a rate is flagged as a small sample. */
#define RESULTS_SMALL_SAMPLE	30
/* The level of every interval and test. */
#define RESULTS_LEVEL		0.95

/* How one criterion was answered, as counted in the database. */
struct results_count {
	const char	*key;		/* the question's key */
	long long	 satisfied;	/* answers on a "satisfied"/conform
					   option, or within the threshold */
	long long	 opinions;	/* answers expressing an opinion: all
					   but the no-opinion options */
	long long	 no_opinion;	/* "sans avis", "sans objet" */
};

/* The change of a criterion since the previous campaign. */
struct results_change {
	int		 present;	/* 0: no previous campaign, or no
					   opinion there or here */
	double		 previous_rate;	/* satisfied / opinions last time */
	long long	 previous_n;
	double		 diff;		/* rate now - rate then */
	double		 lower, upper;	/* Newcombe's hybrid score interval */
	int		 significant;	/* the interval excludes 0 */
};

/* One criterion's published figures. */
struct results_row {
	const char		*key;		/* question key */
	const char		*label;		/* question label, French */
	const char		*short_label;	/* its short name, or NULL */
	long long		 n;		/* opinions */
	long long		 satisfied;
	long long		 no_opinion;
	double			 no_opinion_share; /* of all answers, or 0 */
	double			 rate;		/* satisfied / n; NaN if n 0 */
	double			 lower, upper;	/* interval; NaN if n 0 */
	enum stats_method	 method;	/* Wilson for questionnaires,
						   exact for mystery grids */
	int			 small_sample;	/* 0 < n < RESULTS_SMALL_SAMPLE */
	double			 target;	/* the form's, or -1 */
	int			 has_verdict;	/* target given and n > 0 */
	enum stats_verdict	 verdict;
	struct stats_target	 test;		/* the one-sided p-values */
	struct results_change	 change;
};

/* Most notes one campaign's results carry. */
#define RESULTS_NOTES_MAX	24

/* Whether the contacts of a mystery campaign followed the label's
   sampling rules; a questionnaire has none. */
enum results_rules {
	RESULTS_RULES_NONE,	/* no such rules: a questionnaire */
	RESULTS_RULES_MET,
	RESULTS_RULES_NOT_MET,	/* still shown, marked as such */
	RESULTS_RULES__MAX
};

/* A campaign's results. Strings point into the form or the caller's
   memory and must outlive the results, but for the notes, which belong
   to the results (results_notes_free). */
struct results {
	const char		*campaign;	/* campaign title */
	const char		*site;		/* site name */
	const char		*opens_on;	/* YYYY-MM-DD */
	const char		*closes_on;
	const char		*kind;		/* "satisfaction", "mystery-call",
						   "mystery-email" */
	const char		*referential;	/* the label's referential the
						   campaign is run under
						   ("Qual-e-pref"), or NULL */
	long long		 responses;	/* responses counted in the
						   rates */
	struct results_row	*rows;		/* one per criterion, in the
						   form's order */
	size_t			 nrows;
	long long		 set_aside;	/* responses left out of the
						   rates by the referent */
	enum results_rules	 rules;
	char			*notes[RESULTS_NOTES_MAX]; /* what a reader
						   must know to weigh the
						   figures, in French, one
						   sentence each */
	size_t			 nnotes;
};

/* One group of a breakdown (e.g. a reason for the visit). */
struct results_group {
	const char	*value;		/* the profile option's value */
	const char	*label;		/* its label */
	long long	 satisfied;
	long long	 n;		/* opinions */
	double		 rate, lower, upper; /* by the breakdown's method */
};

/* A criterion broken down by a profile question. */
struct results_breakdown {
	const char		*criterion;	/* question key */
	const char		*by;		/* profile question key */
	struct results_group	*groups;
	size_t			 ngroups;
	enum stats_method	 method;	/* the campaign's own: Wilson
						   (0) or exact for grids */
	int			 conform;	/* a grid: conformity, not
						   satisfaction */
	int			 tested;	/* the test could be run */
	struct stats_homogeneity test;
};

struct form_question;

/*
 * Adds k answers of value v, as stored, to the counts c of criterion q.
 * The one place where the label's rule lives: an option flagged
 * satisfied, or a number within the question's threshold, is satisfied;
 * a no-opinion option ("sans avis", "sans objet") is no opinion and left
 * out of the rate; any other answer is an opinion, not satisfied; a
 * value the form no longer has (an older version's) is left out.
 */
void	 results_count_add(struct results_count *c,
	    const struct form_question *q, const char *v, long long k);

/*
 * Fills row from a criterion's question (label, target) and its counts
 * now and, when prev is non-NULL, in the previous campaign of the same
 * form at the same site; method is STATS_WILSON for questionnaires and
 * STATS_EXACT for the 20-contact grids. Returns 0, or a negative
 * enum stats_err when the counts are impossible (row then unusable).
 */
int	 results_row_make(struct results_row *row,
	    const struct form_question *q, const struct results_count *now,
	    const struct results_count *prev, enum stats_method method);

/*
 * Computes each group's rate and interval (by bd->method, the one
 * the campaign's own table uses) and the chi-square
 * test of homogeneity over the groups with at least one opinion; sets
 * tested to 0 when fewer than two such groups or all agree. Returns 0
 * or a negative enum stats_err.
 */
int	 results_breakdown_make(struct results_breakdown *);

/*
 * Adds a note (printf-style, French, one sentence) to r; past
 * RESULTS_NOTES_MAX notes, the last one says that others were left out.
 */
void	 results_note(struct results *r, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Frees r's notes; its other members are the caller's. */
void	 results_notes_free(struct results *r);

#endif /* QUALIMETRE_RESULTS_H */
