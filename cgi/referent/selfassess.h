/*
 * The self-assessment of a site (/referent/autodiagnostic): once a
 * semester, the referent scores each engagement of the referential's
 * grid (a form of kind self-assessment, forms/form.h) with an optional
 * evidence, saves a draft as often as needed, then validates it.
 * Validating opens one corrective action (actions.h) per engagement
 * below its required level, never two for the same engagement of the
 * same assessment. The page sums up each module (the count per level,
 * the engagements below the required level) and compares with the
 * previous semester's validated assessment. Who may read or write which
 * site is enforced by the database (sql/036-selfassess-actions.sql).
 *
 * For the annual report: the statement "selfassess_load" of
 * selfassess.c reads the self-assessment of (site, semester), one row
 * per engagement scored (with the previous semester's beside it).
 */
#ifndef QUALIMETRE_SELFASSESS_H
#define QUALIMETRE_SELFASSESS_H

#include <stddef.h>

#include <libpq-fe.h>

struct db;
struct formcache;
struct req;
struct resp;
struct staff;
struct staff_user;

/* Where the pages live: PREFIX "/SITE-ID/2026-S1" is one assessment. */
#define SELFASSESS_PREFIX	"/referent/autodiagnostic"
/* Longest evidence or comment of one engagement, in characters. */
#define SELFASSESS_COMMENT_MAX	2000
/* A semester as written: "2026-S1", and its NUL. */
#define SELFASSESS_SEMESTER_LEN	7

/*
 * Reads a semester "YYYY-S1" or "YYYY-S2", YYYY from 2000 to 2099, the
 * whole string and nothing else: returns 0 with *year and *half (1 or
 * 2) set, or -1 (both untouched) for anything else, NULL included.
 */
int		 selfassess_semester_parse(const char *s, int *year,
		    int *half);

/* Writes the semester before (year, half) into out: "2025-S2" for
   2026 and 1. */
void		 selfassess_semester_prev(int year, int half,
		    char out[SELFASSESS_SEMESTER_LEN + 1]);

/*
 * Writes the due date of the corrective action a gap of semester (year,
 * half) opens: the end of the next semester ("2026-12-31" for 2026-S1,
 * "2027-06-30" for 2026-S2).
 */
void		 selfassess_due(int year, int half, char out[11]);

struct selfassess;

/*
 * Makes the pages' context, registering their statements on db; the
 * pages are framed as staff's; forms reads the grids. All three must
 * outlive it. The caller frees it with selfassess_free().
 */
struct selfassess *selfassess_create(struct db *db, struct staff *staff,
		    struct formcache *forms);

/* Frees the context; NULL does nothing. */
void		 selfassess_free(struct selfassess *);

/* A module of the grid: its engagements' count per level. */
struct selfassess_module {
	const char	*title;
	size_t		*count;		/* per level, as levels */
	size_t		 none;		/* not scored */
	size_t		 below;		/* under the required level */
};

/* An engagement under its required level. */
struct selfassess_gap {
	const char	*engagement;
	const char	*level;		/* its level's label */
	const char	*required;	/* the required level's label */
};

/* A site's self-assessment of a semester, summed up (the report's). */
struct selfassess_summary {
	PGresult		*res;		/* strings point into it or
						   into the grid's cache */
	int			 exists;	/* saved at least once */
	int			 validated;
	char			 validated_on[11]; /* "YYYY-MM-DD" or "" */
	const char		**levels;	/* the scale's labels */
	size_t			 nlevels;
	struct selfassess_module *modules;
	size_t			 nmodules;
	struct selfassess_gap	*gaps;
	size_t			 ngaps;
};

/*
 * Sums up the self-assessment of site site_id (digits) at semester
 * (year, half) as u may read it into *out: the count per level of each
 * module and the engagements below their required level. Returns 1, 0
 * when the site is not u's, -1 when the database is unavailable. The
 * caller frees out with selfassess_summary_free() in every case.
 */
int		 selfassess_summary_load(struct selfassess *,
		    const struct staff_user *u, const char *site_id, int year,
		    int half, struct selfassess_summary *out);

/* Frees what selfassess_summary_load filled and zeroes it. */
void		 selfassess_summary_free(struct selfassess_summary *);

/*
 * Handles SELFASSESS_PREFIX and the paths under it for the logged-in
 * user u (a POST's body already parsed into r's fields): the index
 * (GET, with ?site=ID&semestre=YYYY-SN to open one, a bad value
 * answered 400 next to its field), and one assessment (GET; POST with
 * this session's CSRF token saves a draft or validates; a score outside
 * the scale, an unknown engagement or a comment too long gets 400 and
 * stores nothing). A site the user does not plan, or a malformed
 * semester, is not found. Returns 1 when the path was one of those and
 * *p is filled, 0 (p untouched) otherwise.
 */
int		 selfassess_handle(struct selfassess *,
		    const struct staff_user *u, struct req *r,
		    struct resp *p);

#endif /* QUALIMETRE_SELFASSESS_H */
