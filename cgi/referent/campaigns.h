/*
 * The referent's satisfaction campaigns, in the referent program
 * (/referent/campaigns/...): the form that creates one on a site they
 * are in charge of, opening and closing it now, and typing the paper
 * questionnaires collected in the hall through the campaign's own form
 * (channel "paper", the agent who typed it recorded). The database's
 * policies (sql/009-referent-campaigns.sql) refuse the same things as
 * the C checks, keyed on the logged-in user.
 */
#ifndef QUALIMETRE_REFERENT_CAMPAIGNS_H
#define QUALIMETRE_REFERENT_CAMPAIGNS_H

struct db;
struct fields_errors;
struct formcache;
struct req;
struct resp;
struct staff;
struct staff_user;

/* Where the pages live. */
#define CAMPAIGNS_PREFIX	"/referent/campagnes"
/* A campaign lasts at most this many days, both ends counted. */
#define CAMPAIGNS_DAYS_MAX	366
/* Bounds of a campaign's optional target, in questionnaires. */
#define CAMPAIGNS_TARGET_MAX	100000
/*
 * Paper questionnaires collected in the hall may be typed this many days
 * after the closing date, not later (sql/009 says the same).
 */
#define CAMPAIGNS_PAPER_GRACE	30

struct campaigns;

/*
 * Checks a campaign's period, opens to closes (days, both counted), as
 * the creation form and the edit form (cgi/referent/lifecycle.c) do:
 * the closing not before the opening, at most CAMPAIGNS_DAYS_MAX days.
 * A failure is set in errs' slot, in French.
 */
void			 campaigns_period_check(struct fields_errors *errs,
			    size_t slot, long opens, long closes);

/*
 * The checks of a campaign's fields that the creation and edit forms
 * share; each returns 1 when v passed, else 0 with a French message in
 * errs' slot. The title: at most 200 characters. A date: one that
 * exists, into *day; "" (or a field not sent, given as "") gets the
 * message asking for the opening date, or the closing one when closing
 * is non-zero. The target: blank (none, *n is 0) or 1 to
 * CAMPAIGNS_TARGET_MAX, into *n.
 */
int			 campaigns_title_check(struct fields_errors *errs,
			    size_t slot, const char *v);
int			 campaigns_date_check(struct fields_errors *errs,
			    size_t slot, const char *v, int closing, long *day);
int			 campaigns_target_check(struct fields_errors *errs,
			    size_t slot, const char *v, long *n);

/*
 * Makes the context of the campaign pages: registers their statements on
 * db, frames them as staff's pages and reads forms through the cache
 * forms (all three must outlive it); key
 * (TOKEN_KEY_LEN bytes, copied) signs the paper forms' one-time tokens.
 * The caller frees it with campaigns_free().
 */
struct campaigns	*campaigns_create(struct db *db, struct staff *staff,
			    struct formcache *forms, const unsigned char *key);

/* Frees the context; NULL does nothing. */
void			 campaigns_free(struct campaigns *);

/*
 * Handles CAMPAIGNS_PREFIX "/nouvelle" (GET, POST), "/<id>/ouvrir" and
 * "/<id>/fermer" (POST) and "/<id>/papier" (GET, POST) for the logged-in
 * user u (session checked; a POST's body parsed into r's fields). A POST
 * without this session's CSRF token gets 403 and changes nothing; a
 * campaign that is not on one of u's sites gets 404. Returns 1 when the
 * path was one of those and *p is filled, 0 (p untouched) otherwise.
 */
int			 campaigns_handle(struct campaigns *,
			    const struct staff_user *u, struct req *r,
			    struct resp *p);

#endif /* QUALIMETRE_REFERENT_CAMPAIGNS_H */
