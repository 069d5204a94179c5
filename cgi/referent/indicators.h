/*
 * The label's quality indicators (/referent/indicateurs): for a site of
 * the referent's and a year, each indicator of the catalogue (sql/035)
 * with its target, its value for each period, its trend and its verdict;
 * those Qualimètre measures computed from the mystery grids and the
 * satisfaction questionnaire by the rules of a campaign's results
 * (results_count_add on the criteria as the referential rules them),
 * the others entered by the referent (/referent/indicateurs/saisie), and
 * the site's targets (/referent/indicateurs/objectifs). Values and
 * targets are kept as history; the database's policies keep a referent
 * to their own sites.
 *
 * indicators_year_load() gives "indicator, target, value per period" of a
 * site and a year for other pages (the annual report).
 */
#ifndef QUALIMETRE_REFERENT_INDICATORS_H
#define QUALIMETRE_REFERENT_INDICATORS_H

#include <stddef.h>

#include <libpq-fe.h>

#include "indicator.h"

struct db;
struct formcache;
struct req;
struct resp;
struct staff;
struct staff_user;

struct indicators;

/* Where the pages live. */
#define INDICATORS_PREFIX	"/referent/indicateurs"

/* One indicator of a site's year, or one criterion of the survey. */
struct indicators_row {
	const char		*id;		/* the catalogue's row */
	const char		*key;		/* the catalogue's key */
	const char		*label;		/* French; the survey's rows:
						   the criterion's */
	const char		*unit;		/* "proportion", "days",
						   "count" */
	const char		*source;	/* "entered", or what computes
						   it (sql/035) */
	enum indicator_better	 better;
	enum indicator_periodicity periodicity;
	int			 nperiods;	/* indicator_periods */
	int			 available;	/* 0: no data source yet (the
						   complaints' register) */
	double			 target;	/* the site's, else the
						   default; -1: none */
	int			 own_target;	/* the site set it */
	double			 default_target; /* the catalogue's, or -1 */
	long long		 x[INDICATOR_PERIODS_MAX]; /* proportions:
						   within the engagement */
	long long		 n[INDICATOR_PERIODS_MAX]; /* proportions:
						   cases; means: values */
	struct indicator_judgement period[INDICATOR_PERIODS_MAX];
	struct indicator_judgement year;	/* the year's whole: pooled
						   counts, the mean of all
						   values, a count's mean per
						   period */
	long long		 year_x, year_n;
	long long		 unanswered;	/* emails without a reply
						   past their deadline,
						   counted as late */
	enum indicator_trend	 trend;		/* last two periods */
	char			*key_buf;	/* key and label when made
						   here (a survey's criterion),
						   freed with the rows */
	char			*label_buf;
};

/* A site's indicators for a year, as indicators_year_load fills it. */
struct indicators_year {
	PGresult		*res;		/* the strings point into it */
	const char		*site_id;
	const char		*site_code;
	const char		*site_name;
	int			 year;
	int			 this_year;	/* the site's today's */
	int			 this_month;
	struct indicators_row	*rows;
	size_t			 nrows;
};

/*
 * Makes the pages' context and registers their statements on db; pages
 * are framed as staff's; forms reads the campaigns' grids. All three
 * must outlive it. The caller frees it with indicators_free().
 */
struct indicators *indicators_create(struct db *db, struct staff *staff,
		    struct formcache *forms);

/* Frees the context; NULL does nothing. */
void		 indicators_free(struct indicators *);

/*
 * Loads and computes the indicators of site site_id (or, NULL, the
 * user's first by code) for year into *out, as u may see them: one
 * round trip. Computed values are attributed to the period of their
 * campaign's first day. Returns 1, 0 when the site is not one of u's
 * (out empty), -1 when the database is unavailable (logged). The caller
 * frees out with indicators_year_free() in every case.
 */
int		 indicators_year_load(struct indicators *,
		    const struct staff_user *u, const char *site_id, int year,
		    struct indicators_year *out);

/* Frees what indicators_year_load filled and zeroes it. */
void		 indicators_year_free(struct indicators_year *);

/*
 * Handles INDICATORS_PREFIX and the paths under it for u (session
 * checked, a POST's body parsed): referents and admins only, a POST
 * without the session's CSRF token gets 403 and changes nothing.
 * Returns 1 when the path was one of those and *p is filled, 0 (p
 * untouched) otherwise.
 */
int		 indicators_handle(struct indicators *,
		    const struct staff_user *u, struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENT_INDICATORS_H */
