/*
 * A satisfaction campaign's life after its creation, in the referent
 * program (issue 13, item 1): its edit page (CAMPAIGNS_PREFIX
 * "/<id>/modifier": title, dates, target, public address, a changed
 * address kept as a former one that the survey program redirects),
 * its cancellation (a confirmation page with a reason), its archiving
 * and restoring, and the list of archived campaigns (CAMPAIGNS_PREFIX
 * "/archivees"). Nothing is ever deleted. Every change is written to the
 * audit log in the same statement. The database's policies
 * (sql/032-campaign-lifecycle.sql) refuse the same things as the C
 * checks, keyed on the logged-in user.
 */
#ifndef QUALIMETRE_REFERENT_LIFECYCLE_H
#define QUALIMETRE_REFERENT_LIFECYCLE_H

struct buf;
struct db;
struct req;
struct resp;
struct staff;
struct staff_user;

/* The list of archived campaigns. */
#define LIFECYCLE_ARCHIVED	"/referent/campagnes/archivees"
/* Bounds of a cancellation's reason, in characters. */
#define LIFECYCLE_REASON_MIN	5
#define LIFECYCLE_REASON_MAX	500

struct lifecycle;

/*
 * Makes the pages' context and registers their statements on db; the
 * pages are framed as staff's. Both must outlive it. The caller frees it
 * with lifecycle_free().
 */
struct lifecycle	*lifecycle_create(struct db *db, struct staff *staff);

/* Frees the context; NULL does nothing. */
void			 lifecycle_free(struct lifecycle *);

/*
 * Handles CAMPAIGNS_PREFIX "/<id>/modifier" and "/<id>/annuler" (GET,
 * POST), "/<id>/archiver" and "/<id>/restaurer" (POST) and
 * LIFECYCLE_ARCHIVED (GET) for the logged-in user u (session checked; a
 * POST's body parsed into r's fields). A POST without this session's
 * CSRF token gets 403 and changes nothing; a campaign that is not on one
 * of u's sites gets 404. Returns 1 when the path was one of those and *p
 * is filled, 0 (p untouched) otherwise.
 */
int			 lifecycle_handle(struct lifecycle *,
			    const struct staff_user *u, struct req *r,
			    struct resp *p);

/*
 * Writes, on the page of satisfaction campaign id, what its status
 * ("active", "cancelled" or "archived", as the database says) allows:
 * for an active one, the links to edit and cancel it; the button that
 * archives it once ended (ended non-zero) or cancelled; the one that
 * restores an archived one. The buttons post with u's CSRF token.
 */
void			 lifecycle_actions(struct buf *b,
			    const struct staff_user *u, const char *id,
			    const char *status, int ended);

/*
 * The button that archives campaign id (cancelled, or ended: ended is
 * non-zero when its last day has passed), or restores it when status
 * is "archived"; nothing for a campaign still running.
 */
void			 lifecycle_archive_button(struct buf *b,
			    const struct staff_user *u, const char *id,
			    const char *status, int ended);

/*
 * Writes, on a campaign's page, the notice of its status: a cancelled
 * campaign's reason (escaped), an archived one's; nothing for an
 * active one. Then the notice of an action just done, read from r's
 * query ("modifiee", "annulee", "archivee", "restauree").
 */
void			 lifecycle_notice(struct buf *b, const struct req *r,
			    const char *status, const char *reason);

#endif /* QUALIMETRE_REFERENT_LIFECYCLE_H */
