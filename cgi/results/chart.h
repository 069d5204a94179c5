/*
 * Charts of a campaign's results, drawn as inline SVG by the program
 * itself for the referent's pages and the poster, each with the data
 * table that says the same in text; and the French number formats they,
 * the pages and the poster share ("76,4 %", "1 234", "0,051").
 */
#ifndef QUALIMETRE_CHART_H
#define QUALIMETRE_CHART_H

#include <stddef.h>

#include "stats.h"

struct buf;
struct results;
struct results_breakdown;

/* U+00A0, the no-break space of French typography ("76,4 %"), in UTF-8. */
#define CHART_NBSP		"\xc2\xa0"

/* Room for any string chart_number or chart_percent writes, NUL
   included. */
#define CHART_NUMBER_MAX	48

/*
 * Writes v in French into out, of size bytes: a comma before the
 * decimals (decimals digits, 0 to 9, rounded as printf rounds), a
 * no-break space (U+00A0) between groups of three digits from 4 digits
 * on, a minus sign (U+2212) for a negative value, never "-0". A NaN or
 * infinite v writes "n.d." (non disponible). Returns the length written
 * (without the NUL), or -1 when decimals is out of range, |v| >= 1e15 or
 * the text does not fit: out is then "" when size > 0.
 */
int	 chart_number(double v, int decimals, char *out, size_t size);

/*
 * Writes the rate v (0.7644) as a French percentage with decimals
 * digits ("76,4 %" for 1): chart_number of 100 v, a no-break space,
 * "%". NaN writes "n.d.". Returns as chart_number.
 */
int	 chart_percent(double v, int decimals, char *out, size_t size);

/* The decimals a target prints with: 0 for 80 % ("80 %"), 1 for 82.5 %
   ("82,5 %"). */
int	 chart_target_decimals(double target);

/*
 * Returns the French name of a verdict as the tables print it: "dépassé"
 * (STATS_ABOVE), "atteint" (STATS_MET), "non atteint" (STATS_BELOW),
 * "non concluant" (STATS_INCONCLUSIVE); NULL when out of range. The
 * string is static.
 */
const char	*chart_verdict_name(enum stats_verdict);

/*
 * Appends to b a <figure> holding the bar chart of r's criteria as an
 * inline <svg role="img"> with its <title> and <desc> (ids id-title and
 * id-desc), one horizontal bar per criterion with opinions (its rate,
 * its 95 % interval as a whisker, its target as a dashed line, hatched
 * when the verdict is "below"; "pas de réponse" for a criterion with
 * none), an axis from 0 to 100 %, a legend and a <figcaption>; then,
 * after the figure, the DSFR table of the same figures (id-table), one
 * row per criterion. id, of our own making (letters, digits, '-'), must
 * be unique in the page. Every text from r goes through html_puts; the
 * output is well-formed XML, so it can go in an XHTML or SVG document.
 * The chart is 720 units wide and scales to its container (width 100%).
 */
void	 chart_bars(struct buf *b, const struct results *r, const char *id);

/*
 * Appends the chart of one criterion (criterion_label) broken down by a
 * profile question (by_label): a <figure> as chart_bars draws it, with
 * one bar and whisker per group (bd->method's interval) and no target,
 * speaking of conformity when bd->conform; the sentence
 * giving the chi-square test of homogeneity in French, with a warning
 * when an expected count is below 5, or why it could not be run; and
 * the DSFR table of the groups. bd is filled by results_breakdown_make.
 */
void	 chart_breakdown(struct buf *b, const struct results_breakdown *bd,
	    const char *criterion_label, const char *by_label, const char *id);

/*
 * Appends to b a <figure> holding the column chart of a series of n
 * days: days[i] ("YYYY-MM-DD", or longer: its first 10 bytes) had
 * counts[i] events, and flags[i] marks a day that holds a burst (drawn
 * dark and hatched, and named in the description). The <svg role="img">
 * has its <title> and <desc> (ids id-title and id-desc): the period, the
 * total, the busiest day and the days flagged. Days missing from the
 * series had no event. At most 400 days are drawn, the last ones.
 */
void	 chart_days(struct buf *b, const char *const *days,
	    const long long *counts, const int *flags, size_t n,
	    const char *id);

/* What chart_days_as says of its series. */
struct chart_days_text {
	const char	*title;		/* the chart's <title> */
	const char	*one, *many;	/* the events counted: "réponse",
					   "réponses" */
	const char	*caption;	/* the <figcaption>, without the
					   final stop */
	int		 bursts;	/* flags mark bursts: name them */
};

/*
 * chart_days with the texts t: the series of something else than web
 * responses (every questionnaire returned, contacts recorded).
 */
void	 chart_days_as(struct buf *b, const char *const *days,
	    const long long *counts, const int *flags, size_t n,
	    const char *id, const struct chart_days_text *t);

/*
 * Appends the summary a referent reads first, as a <section> titled
 * "L'essentiel" (heading id id-title): per criterion, its short name
 * (or label), its rate with its 95 % interval and count, its verdict
 * against the target as a DSFR badge (chart_put_verdict) and its
 * change since the previous campaign. Stacks on a phone.
 */
void	 chart_summary(struct buf *b, const struct results *r,
	    const char *id);

/*
 * Appends "p = 0,051", with the digits it takes to stay on its side of
 * 5 % (0.0499 is not "0,050"), or "p < 0,001" (escaped).
 */
void	 chart_put_p(struct buf *b, double p);

/*
 * Appends Cochran's warning for the test h when an expected count is
 * below 5: a DSFR alert saying how many of the 2 k expected counts are,
 * the smallest, and that p is only approximate; nothing otherwise.
 */
void	 chart_homogeneity_warning(struct buf *b,
	    const struct stats_homogeneity *h);

/* One row of chart_dots: a site's rate on one criterion. */
struct chart_dot {
	const char	*label;		/* the site's name; untrusted */
	long long	 n;		/* opinions; no dot when 0 */
	double		 rate, lower, upper; /* in [0, 1]: the rate and its
					   95 % interval */
	int		 best, worst;	/* its rank range, or 0: none */
};

/*
 * Appends a <figure> holding the dot-and-whisker chart of the n dots,
 * drawn in their order, one row each (the chart grows with n): the label
 * on one line (cut with "…", the whole of it in a <title>), the rate as
 * a dot and its interval as a whisker on an axis from 0 to 100 %, the
 * rate and the rank range written in two columns at the right; a
 * legend. The <svg role="img"> has its <title> (title) and <desc> (ids
 * id-title and id-desc, the desc naming the lowest and highest rates),
 * a data-rows attribute (n) and scrolls within its box on a phone. The
 * <figcaption> links to the element table_id, the table of the same
 * figures the caller writes, unless table_id is NULL. id and table_id
 * are of our own making (letters, digits, '-'); labels and title go
 * through html_puts. With conform, the rates are conformity rates (a
 * mystery grid's rule checks) and a row without any has no contact.
 */
void	 chart_dots(struct buf *b, const struct chart_dot *dots, size_t n,
	    const char *title, const char *id, const char *table_id,
	    int conform);

struct results_row;

/*
 * Appends row's verdict as a DSFR badge: "atteint" (above or at the
 * target), "non atteint", "non concluant"; with full, preceded by
 * "Objectif 80 % : ", and "Pas d'objectif fixé" without a target; else
 * a dash without one.
 */
void	 chart_put_verdict(struct buf *b, const struct results_row *row,
	    int full);

/*
 * Opens a DSFR table (fr-table, its wrapper, its scrolling container,
 * focusable so that a keyboard can scroll it, and its content; wider
 * than the text's column on a large screen: qm-table-wide) and the
 * <table>, with id "id-table" when id is non-NULL; chart_table_close
 * closes the <tbody> the caller opened and all of those.
 */
void	 chart_table_open(struct buf *b, const char *id);
void	 chart_table_close(struct buf *b);

/* Appends the rate v as chart_percent writes it ("76,4 %"). */
void	 chart_put_percent(struct buf *b, double v, int decimals);

/* Appends "[68,1 % ; 82,0 %]", or a dash when a bound is NaN. */
void	 chart_put_interval(struct buf *b, double lower, double upper,
	    int decimals);

/* Appends a count in French: "1 234". */
void	 chart_put_count(struct buf *b, long long n);

/* "1 critère", "2 critères": n, a space and the noun, plural past 1. */
void	 chart_put_counted(struct buf *b, long long n, const char *noun,
	    const char *plural);

/*
 * Appends a small trend line of n values v (NaN: a period without a
 * value, left as a gap), one point each from left to right, with the
 * target as a dashed line when target >= 0 (none otherwise), on a scale
 * from 0 to the largest of the values and the target. The <svg
 * role="img"> (120 x 32 units, ids id-title and id-desc) has title as
 * its <title> and the n texts (the periods with their values in French,
 * the caller's) joined as its <desc>, its text alternative; all go
 * through html_puts. id is of our own making (letters, digits, '-').
 */
void	 chart_trend(struct buf *b, const double *v, size_t n, double target,
	    const char *const *texts, const char *title, const char *id);

#endif /* QUALIMETRE_CHART_H */
