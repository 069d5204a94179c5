/*
 * The people of the referent's program (/referent/personnes): the list
 * of the accounts the user sees, a page per person (their sites, role,
 * state and last login) where an admin changes the role and the sites,
 * and where whoever manages the account deactivates, reactivates it or
 * resets its password; and the page that adds a person. An admin
 * manages every account but their own; a referent creates, deactivates,
 * reactivates the enquirers of their sites and resets their passwords.
 * All of it is enforced by the database (sql/010-referent-admin.sql,
 * sql/024-people-pages.sql), keyed on the logged-in user; the checks
 * here only give better pages.
 */
#ifndef QUALIMETRE_PEOPLE_H
#define QUALIMETRE_PEOPLE_H

struct db;
struct req;
struct resp;
struct staff;
struct staff_user;

/* Where the pages live. */
#define PEOPLE_PREFIX	"/referent/personnes"

/*
 * A temporary password is dictated over the phone: PEOPLE_PW_CHARS
 * characters drawn from an alphabet without the look-alikes (no i, l,
 * 1, o, 0, no capital) in groups of PEOPLE_PW_GROUP, "k7pm-3xw9-qr4t-h2vd":
 * log2(31) x 16, 79 bits.
 */
#define PEOPLE_PW_ALPHABET	"abcdefghjkmnpqrstuvwxyz23456789"
#define PEOPLE_PW_CHARS		16
#define PEOPLE_PW_GROUP		4
#define PEOPLE_PW_LEN		(PEOPLE_PW_CHARS + \
				    PEOPLE_PW_CHARS / PEOPLE_PW_GROUP - 1)

/*
 * Writes a temporary password into out: PEOPLE_PW_CHARS characters of
 * PEOPLE_PW_ALPHABET drawn uniformly by libsodium (initialised by the
 * caller), a dash between groups, NUL-terminated.
 */
void		 people_temp_password(char out[PEOPLE_PW_LEN + 1]);

struct people;

/*
 * Makes the pages' context and registers their statements on db; the
 * pages are framed as staff's. Both must outlive it. The caller frees it
 * with people_free().
 */
struct people	*people_create(struct db *db, struct staff *staff);

/* Frees the context; NULL does nothing. */
void		 people_free(struct people *);

/*
 * Handles a request for PEOPLE_PREFIX or a path under it, from the
 * logged-in user u (the session already checked; a POST's body already
 * parsed into r's fields). Enquirers get 403; a POST without this
 * session's CSRF token gets 403 and changes nothing; an account the user
 * does not see is not found. Returns 1 when the path was one of those
 * and *p is filled, 0 (p untouched) otherwise.
 */
int		 people_handle(struct people *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_PEOPLE_H */
