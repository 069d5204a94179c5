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
