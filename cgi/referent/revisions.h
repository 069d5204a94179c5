/*
 * Corrections and withdrawals of typed paper questionnaires, in the
 * referent program: the list of a campaign's paper questionnaires, each
 * one opened in its form pre-filled with its answers and its history,
 * a correction that replaces its answers, a withdrawal that takes it out
 * of every figure. Each writes a revision (who, when, why, the answers
 * before) in the same transaction; the database's policies
 * (sql/017-paper-revisions.sql) refuse any change without one, and any
 * change to a web response, keyed on the logged-in user.
 */
#ifndef QUALIMETRE_REFERENT_REVISIONS_H
#define QUALIMETRE_REFERENT_REVISIONS_H

struct db;
struct formcache;
struct req;
struct resp;
struct staff;
struct staff_user;

/* Most characters of a correction's or a withdrawal's reason. */
#define REVISIONS_REASON_MAX	500

struct revisions;

/*
 * Makes the context of the pages: registers their statements on db,
 * frames them as staff's pages and reads forms through the cache forms
 * (all three must outlive it). The caller frees it with
 * revisions_free().
 */
struct revisions	*revisions_create(struct db *db, struct staff *staff,
			    struct formcache *forms);

/* Frees the context; NULL does nothing. */
void			 revisions_free(struct revisions *);

/*
 * Handles CAMPAIGNS_PREFIX "/<id>/papier/saisis" (GET: the list),
 * "/<id>/papier/<uuid>" (GET: the questionnaire and its history; POST:
 * a correction) and "/<id>/papier/<uuid>/retrait" (GET: the withdrawal's
 * confirmation; POST: the withdrawal) for the logged-in user u (session
 * checked; a POST's body parsed into r's fields). A POST without this
 * session's CSRF token gets 403 and changes nothing; a questionnaire
 * that is not a paper one of a campaign on u's sites gets 404. Returns 1
 * when the path was one of those and *p is filled, 0 (p untouched)
 * otherwise.
 */
int			 revisions_handle(struct revisions *,
			    const struct staff_user *u, struct req *r,
			    struct resp *p);

#endif /* QUALIMETRE_REFERENT_REVISIONS_H */
