/*
 * A mystery campaign's slots, in the referent program (issue 13, item
 * 1): CAMPAIGNS_PREFIX "/<id>/creneaux" lists them, and moves a slot not
 * recorded yet to another half-day, gives it, or all the remaining slots
 * of an enquirer (the absent enquirer), to another enquirer of the site.
 * Each change is held to the planning's rules (plan_day_possible: in the
 * period, a working day outside the school holidays of the site's zone;
 * one contact per half-day; an enquirer of the site), refused with a
 * French message next to its field and nothing changed otherwise, and
 * written to the audit log in the same statement. The database's
 * policies (sql/032-campaign-lifecycle.sql) refuse the same things.
 */
#ifndef QUALIMETRE_REFERENT_SLOTS_H
#define QUALIMETRE_REFERENT_SLOTS_H

struct db;
struct req;
struct resp;
struct staff;
struct staff_user;

struct slots;

/*
 * Makes the page's context and registers its statements on db; the page
 * is framed as staff's. Both must outlive it. The caller frees it with
 * slots_free().
 */
struct slots	*slots_create(struct db *db, struct staff *staff);

/* Frees the context; NULL does nothing. */
void		 slots_free(struct slots *);

/*
 * Handles CAMPAIGNS_PREFIX "/<id>/creneaux" (GET, POST) for the
 * logged-in user u (session checked; a POST's body parsed into r's
 * fields). A POST without this session's CSRF token gets 403 and
 * changes nothing; a campaign the user does not plan gets 404. Returns
 * 1 when the path was that one and *p is filled, 0 (p untouched)
 * otherwise.
 */
int		 slots_handle(struct slots *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENT_SLOTS_H */
