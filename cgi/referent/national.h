/*
 * The national view of the referent's program, an admin's page
 * (/referent/national): one year's satisfaction questionnaires, one
 * table of the sites by their criteria (each cell the rate, its 95 %
 * Wilson interval and the opinions, sorted on any column by links in its
 * head), and the dot-and-whisker chart of one criterion chosen, with
 * each site's rank range and the table of the same figures.
 */
#ifndef QUALIMETRE_REFERENT_NATIONAL_H
#define QUALIMETRE_REFERENT_NATIONAL_H

#include <stddef.h>

struct db;
struct formcache;
struct req;
struct resp;
struct staff;
struct staff_user;

struct national;

/* One site's figures on one criterion. */
struct national_cell {
	const char	*name;		/* the site's, untrusted */
	const char	*code;		/* the site's code */
	long long	 x;		/* satisfied opinions */
	long long	 n;		/* opinions ("sans avis" left out) */
	double		 rate;		/* x / n, when n > 0 */
	double		 lower, upper;	/* its 95 % interval, when n > 0 */
	int		 best, worst;	/* rank range; 0 when n is 0 */
};

/* What the table is sorted by. */
enum national_sort {
	NATIONAL_BY_NAME,		/* the site's name, then its code */
	NATIONAL_BY_RATE,		/* a criterion's rate */
	NATIONAL_SORT__MAX
};

/*
 * Makes the context, registering its statement on db; its pages are
 * framed as staff's; forms reads the form definitions. All three must
 * outlive it. The caller frees it with national_free().
 */
struct national	*national_create(struct db *db, struct staff *staff,
		    struct formcache *forms);

/* Frees the context; NULL does nothing. */
void		 national_free(struct national *);

/*
 * Sets the rank range of each of the n cells of one criterion: a site's
 * best rank is 1 + the number of sites whose lower bound is above its
 * upper bound; its worst, the number of sites (itself included) whose
 * upper bound is not below its lower bound. Cells without opinions get
 * 0 and 0 and count for no one.
 */
void		 national_rank_ranges(struct national_cell *cells, size_t n);

/*
 * Fills order with 0 .. n-1, the indices of cells in the order by says:
 * NATIONAL_BY_NAME by name (byte order, then code), NATIONAL_BY_RATE by
 * rate with the cells without opinions last in either direction and
 * equal rates by name; ascending, or descending when desc. The sort is
 * stable and never fails.
 */
void		 national_order(const struct national_cell *cells, size_t n,
		    enum national_sort by, int desc, size_t *order);

/*
 * Handles PREFIX "/national" (GET or HEAD; ?annee=YYYY, ?tri=site or a
 * criterion's key, ?ordre=asc|desc, ?critere=KEY for the chart) for u:
 * fills p and returns 1; an admin gets the page, anyone else 403, a bad
 * parameter 400 with its French message. Returns 0, p untouched, for
 * any other path.
 */
int		 national_handle(struct national *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENT_NATIONAL_H */
