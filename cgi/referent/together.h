/*
 * Sites together (/referent/sites-ensemble): for a year and one kind of
 * campaign, the sites of a group side by side, a group being a site and
 * the sites under it (a prefecture and its sous-préfectures, by the
 * site hierarchy of sql/001) or the sites of a department that the user
 * may see. One table of the sites by their criteria (satisfaction rates,
 * or a mystery grid's rule checks, with their 95 % intervals and
 * counts), a row for the group as a whole that pools the counts (the
 * sum of the counts, not the mean of the rates), and per criterion the
 * chi-square test of homogeneity of the sites in plain French, with
 * Cochran's warning when expected counts are small. The sites' figures
 * are the national view's (national.h), loaded for the group.
 */
#ifndef QUALIMETRE_REFERENT_TOGETHER_H
#define QUALIMETRE_REFERENT_TOGETHER_H

#include <stddef.h>

struct db;
struct national;
struct req;
struct resp;
struct staff;
struct staff_user;
struct national_cell;
struct stats_homogeneity;

/* Where the page lives. */
#define TOGETHER_PATH		"/referent/sites-ensemble"

/* A group's value for a department: this prefix, then its code. */
#define TOGETHER_DEPARTMENT	"dep-"

struct together;

/*
 * Makes the page's context and registers its statement on db; its pages
 * are framed as staff's, its figures loaded by national. All three must
 * outlive it. The caller frees it with together_free().
 */
struct together	*together_create(struct db *db, struct staff *staff,
		    struct national *national);

/* Frees the context; NULL does nothing. */
void		 together_free(struct together *);

/*
 * Pools the n cells of one criterion into *pooled: the sums of their
 * satisfied (or conform) and of their opinions (or contacts), and the
 * rate and interval of those sums by method (an enum stats_method);
 * then tests the homogeneity of the cells with opinions into *h.
 * Returns 1 when the test was run, 0 when it could not be (fewer than
 * two sites with opinions, or all of them alike: *h zeroed), or a
 * negative enum stats_err when a count is impossible.
 */
int		 together_pool(const struct national_cell *cells, size_t n,
		    int method, struct national_cell *pooled,
		    struct stats_homogeneity *h);

/*
 * Handles TOGETHER_PATH (GET or HEAD; ?groupe=CODE or dep-NN,
 * ?type=satisfaction, appel or courriel, ?annee=YYYY) for u, a referent
 * or an admin: fills p and returns 1; a bad parameter, or a group that
 * is not among u's, gets 400 with its French message. Returns 0, p
 * untouched, for any other path.
 */
int		 together_handle(struct together *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENT_TOGETHER_H */
