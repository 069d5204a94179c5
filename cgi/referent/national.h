/*
 * The national view of the referent's program, an admin's page
 * (/referent/national): one year's campaigns of one kind (satisfaction
 * questionnaires, or the mystery calls' or emails' rule checks), one
 * table of the sites by their criteria (each cell the rate, its 95 %
 * interval and the opinions, sorted on any column by links in its
 * head), and the dot-and-whisker chart of one criterion chosen, with
 * each site's rank range and the table of the same figures. The sites
 * by their criteria (struct national_view) are shared with the sites
 * together page (together.c), which loads them for a group of sites.
 */
#ifndef QUALIMETRE_REFERENT_NATIONAL_H
#define QUALIMETRE_REFERENT_NATIONAL_H

#include <stddef.h>

#include <libpq-fe.h>

#include "fields.h"

struct buf;
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

/* The kinds of campaign the views compare. */
enum national_kind {
	NATIONAL_SATISFACTION,	/* the questionnaires' criteria */
	NATIONAL_CALL,		/* the mystery calls' rule checks */
	NATIONAL_EMAIL,		/* the mystery emails' rule checks */
	NATIONAL_KIND__MAX
};

/* A criterion of a view, by key across form versions. */
struct national_crit {
	const char	*key;
	const char	*label;		/* the latest version's */
	const char	*short_label;	/* its short name, or its label */
};

/* The sites by their criteria for one year and one kind: read, then
   computed by national_view_load. */
struct national_view {
	PGresult		*res;	/* the strings below point into it */
	enum national_kind	 kind;
	const char		*year;	/* shown, or NULL: none yet */
	int			*years;	/* the years offered, newest first */
	int			 nyears;
	const char		**sites; /* codes, in the rows' order */
	const char		**names;
	size_t			 nsites;
	long long		*fids;	/* the forms used, newest first */
	size_t			 nfids;
	struct national_crit	*crit;
	size_t			 ncrit;
	struct national_cell	*cells;	/* [c * nsites + s]: criterion c
					   at site s */
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
 * The kind's value in a page's address ("satisfaction", "appel",
 * "courriel"), and back: the kind of s, or NATIONAL_KIND__MAX when s
 * names none.
 */
const char	*national_kind_param(enum national_kind);
enum national_kind national_kind_parse(const char *s);

/* The kind's campaigns in French, as a select shows them. */
const char	*national_kind_name(enum national_kind);

/*
 * Loads into *nv the year's (year, 4 digits, or NULL: the latest with
 * answers) campaigns of kind that u may read (row-level security
 * decides), of every site, or only of the site of code group and its
 * children when group is non-NULL, or only of the department's sites
 * when department is non-NULL: the years offered, the sites with
 * answers, the criteria (a grid's rule checks only, each under its
 * campaign's referential), each cell's counts, rate, interval (Wilson
 * for questionnaires, exact for the grids, as the campaign pages) and
 * rank range. Returns 0, or -1 (*nv emptied) when the database or a form
 * cannot be read. The caller frees *nv with national_view_free.
 */
int		 national_view_load(struct national *,
		    const struct staff_user *u, enum national_kind kind,
		    const char *year, const char *group,
		    const char *department, struct national_view *nv);

/* Frees what *nv holds and empties it. */
void		 national_view_free(struct national_view *nv);

/*
 * The kind and the year a page's address asks for (?type=, ?annee=): the
 * first member of the page's own query, so that national_v_kind and
 * national_v_year (fields_read's checks), given that query, fill it;
 * their messages go to errs's slots NATIONAL_SLOT_KIND and
 * NATIONAL_SLOT_YEAR, the page's first two.
 */
enum national_slot {
	NATIONAL_SLOT_KIND,
	NATIONAL_SLOT_YEAR,
	NATIONAL_SLOT__MAX
};

struct national_query {
	struct fields_errors	 errs;
	enum national_kind	 kind;	/* satisfaction unless asked */
	const char		*year;	/* 4 digits, or NULL: the latest */
};

int		 national_v_kind(void *q, const char *v);
int		 national_v_year(void *q, const char *v);

/*
 * The 400 page of a bad address: the first of errs's nslots messages
 * (each names its field), else again, with a link home.
 */
void		 national_refused(struct staff *, struct resp *p,
		    const struct staff_user *u,
		    const struct fields_errors *errs, size_t nslots,
		    const char *again);

/* Appends the lead paragraph of nv without answers, for its kind. */
void		 national_none(struct buf *b, const struct national_view *nv);

/*
 * Appends the fields of a GET form that choose the kind and the year of
 * nv: two selects, "type" and "annee" (its years, and "" for the
 * latest); the caller writes the form around them.
 */
void		 national_choice(struct buf *b, const struct national_view *nv);

/* The interval method of the kind's campaign pages. */
int		 national_method(enum national_kind);

/*
 * Appends a <td> of criterion c: the rate, its interval and the count
 * of opinions (or contacts, for a grid) each on its line, a dash
 * without any, with data-n, data-satisfied and the figures.
 */
void		 national_cell_put(struct buf *b, enum national_kind kind,
		    const struct national_crit *c,
		    const struct national_cell *cell);

/*
 * Handles PREFIX "/national" (GET or HEAD; ?type=satisfaction, appel or
 * courriel, ?annee=YYYY, ?tri=site or a criterion's key,
 * ?ordre=asc|desc, ?critere=KEY for the chart) for u:
 * fills p and returns 1; an admin gets the page, anyone else 403, a bad
 * parameter 400 with its French message. Returns 0, p untouched, for
 * any other path.
 */
int		 national_handle(struct national *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENT_NATIONAL_H */
