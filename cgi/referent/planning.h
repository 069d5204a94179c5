/*
 * The referent's planning of mystery campaigns (/referent/planification,
 * formerly /mystere/planification): the list of the campaigns they run with
 * their progress, and the form that creates a campaign of calls or
 * emails on one of their sites, proposes its slots (plan.h) around the
 * public and school holidays, shows them, and stores the campaign, its
 * services and its slots in one transaction.
 */
#ifndef QUALIMETRE_PLANNING_H
#define QUALIMETRE_PLANNING_H

#include <stddef.h>

struct cal_range;
struct db;
struct req;
struct resp;
struct staff;
struct staff_user;

/* Where the pages live. */
#define PLANNING_PREFIX		"/referent/planification"
/* The bounds of a campaign's target, in contacts. */
#define PLANNING_TARGET_DEFAULT	20
#define PLANNING_TARGET_MAX	200
/* Longest slug planning_slug writes, without its NUL. */
#define PLANNING_SLUG_MAX	63

/* What a mystery campaign tests. */
enum planning_kind {
	PLANNING_CALLS,		/* mystery-call: "appels" */
	PLANNING_EMAILS,	/* mystery-email: "courriels" */
	PLANNING_KIND__MAX
};

struct planning;

/*
 * Makes the planning pages' context and registers their statements on
 * db; the pages are framed as staff's. Both must outlive it. The caller
 * frees it with planning_free().
 */
struct planning	*planning_create(struct db *db, struct staff *staff);

/* Frees the context; NULL does nothing. */
void		 planning_free(struct planning *);

/*
 * Handles a request for PLANNING_PREFIX or a path under it, from the
 * logged-in user u (the session already checked; a POST's body already
 * parsed into r's fields). Enquirers get 403; a POST without this
 * session's CSRF token gets 403 and changes nothing. Returns 1 when the
 * path was one of those and *p is filled, 0 (p untouched) otherwise.
 */
int		 planning_handle(struct planning *, const struct staff_user *u,
		    struct req *r, struct resp *p);

/*
 * Writes the default period seen from today into *out: from the next
 * Monday after today (a week later when today is a Monday) to the
 * Friday of the week after, i.e. two working weeks.
 */
void		 planning_default_period(long today, struct cal_range *out);

/*
 * Writes the default title of a campaign of this kind starting on first
 * into out (size bytes): "Appels mystère mars 2027", "Courriels
 * mystère ...". Truncated to fit, always NUL-terminated when size > 0.
 */
void		 planning_title(enum planning_kind kind, long first, char *out,
		    size_t size);

/*
 * Writes the public slug of a campaign of this kind at the site whose
 * code is site_code, starting on first, into out: "appels-pref-41-2027-
 * 03-22"; with n > 1, "-n" is added (the n-th campaign of the same day).
 * Returns 0, or -1 (out then empty) when site_code is not a site code
 * ([A-Z0-9][A-Z0-9-]{0,15}, sql/001-schema.sql), the date cannot be
 * written, or n is 0 or above 999.
 */
int		 planning_slug(enum planning_kind kind, const char *site_code,
		    long first, unsigned int n,
		    char out[PLANNING_SLUG_MAX + 1]);

#endif /* QUALIMETRE_PLANNING_H */
