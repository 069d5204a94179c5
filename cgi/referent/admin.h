/*
 * Sites of the referent's program: /referent/sites (an admin creates and
 * edits sites); the people are people.h's, the national view national.h's.
 * Who may do what is enforced by the database (sql/010-referent-admin.sql), keyed on the
 * logged-in user; the checks here only give better pages.
 */
#ifndef QUALIMETRE_REFERENT_ADMIN_H
#define QUALIMETRE_REFERENT_ADMIN_H

struct db;
struct req;
struct resp;
struct staff;
struct staff_user;

struct admin;

/*
 * Makes the context, registering its statements on db; its pages are
 * framed as staff's. Both must outlive it. The caller frees it with
 * admin_free().
 */
struct admin	*admin_create(struct db *db, struct staff *staff);

/* Frees the context; NULL does nothing. */
void		 admin_free(struct admin *);

/*
 * Handles the request of the logged-in referent or admin u when its path
 * is one of this module's (GET, HEAD or POST; the body or query already
 * parsed into r's fields): fills p and returns 1. Returns 0, p untouched,
 * for any other path.
 */
int		 admin_handle(struct admin *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENT_ADMIN_H */
