/*
 * Staff accounts, shared by every staff program: argon2id passwords,
 * sessions held by a 256-bit random cookie stored hashed, CSRF tokens,
 * login throttling and locking, the login and logout pages.
 */
#ifndef QUALIMETRE_STAFF_H
#define QUALIMETRE_STAFF_H

#include <stddef.h>

struct buf;
struct db;
struct req;
struct resp;

/* A session lasts this long at most, and ends after this long idle. */
#define STAFF_SESSION_HOURS	12
#define STAFF_IDLE_MINUTES	30
/* Failures before the account is locked, and for how long. */
#define STAFF_MAX_FAILURES	5
#define STAFF_LOCK_MINUTES	15
/* Length of a session or CSRF token: base64url of 32 bytes, no padding. */
#define STAFF_TOKEN_LEN		43
/* Bounds of a password, in bytes. */
#define STAFF_PASSWORD_MIN	12
#define STAFF_PASSWORD_MAX	1024
/*
 * The session cookie's name, and the pre-session one's (the login form's
 * one-time token is bound to it): "__Host-" prefixed (and Secure) when
 * the service's public address is https, as browsers accept such a
 * cookie only over TLS; the local demo on http uses the bare names.
 */
#define STAFF_COOKIE		"qm_session"
#define STAFF_PRE_COOKIE	"qm_pre"
#define STAFF_HOST_PREFIX	"__Host-"
/* How long a login form may wait before it is sent. */
#define STAFF_FORM_MINUTES	30
/*
 * A form posted once the session has expired is not lost: the login page
 * holds its fields (each name after STAFF_HELD_PREFIX) and the address
 * it was sent to (STAFF_RETURN_FIELD); once logged in, a page sends them
 * back there with the new session's CSRF token and STAFF_REVIEW_FIELD,
 * which asks the program to show them again, filled in, without storing.
 */
#define STAFF_HELD_PREFIX	"_g_"
#define STAFF_RETURN_FIELD	"_retour"
#define STAFF_REVIEW_FIELD	"_revoir"

/* The hidden field carrying the CSRF token in every staff form; no
   question key can take it, since keys start with a letter. */
#define STAFF_CSRF_FIELD	"_csrf"

enum staff_role {
	STAFF_ENQUIRER,		/* records mystery contacts */
	STAFF_REFERENT,		/* runs campaigns on their sites */
	STAFF_ADMIN,		/* everything, every site */
	STAFF_ROLE__MAX
};

/* The person behind a valid session. */
struct staff_user {
	long long	 id;
	char		 login[65];
	char		 name[201];		/* display name, or the login */
	enum staff_role	 role;
	char		 csrf[STAFF_TOKEN_LEN + 1]; /* this session's */
	char		 session[STAFF_TOKEN_LEN + 1]; /* the session's token,
					   as the cookie gave it: the
					   database's identity (db_exec_as) */
	int		 must_change;	/* the password is a temporary one:
					   nothing but its change is open */
};

struct staff;

/*
 * Makes the staff context of a program whose pages live under prefix
 * ("/mystere"): its login page is prefix "/connexion", its password page
 * prefix "/mot-de-passe"; its pages show service in their header and
 * tagline under it. Registers its statements on db (which must outlive
 * it). public_url (QUALIMETRE_PUBLIC_URL, or NULL) starting with
 * "https://" makes the cookies Secure and "__Host-" prefixed.
 * Caller frees with staff_free().
 */
struct staff	*staff_create(struct db *db, const char *public_url,
		    const char *prefix, const char *service,
		    const char *tagline);

/* Frees the context; NULL does nothing. */
void		 staff_free(struct staff *);

/*
 * Finds the session of the request's cookie and refreshes its idle time.
 * Returns 1 with *u filled, 0 when there is no valid session (none, or
 * expired, or the account disabled), -1 when the database is unavailable.
 */
int		 staff_session(struct staff *, const struct req *,
		    struct staff_user *u);

/*
 * Handles prefix "/connexion" (GET: the form; POST: a login attempt) and
 * prefix "/deconnexion" (POST with the CSRF token). Returns 1 when the
 * request was one of those and *p is filled, 0 otherwise. The request's
 * body must be parsed into its fields beforehand for a POST.
 */
int		 staff_handle(struct staff *, struct req *, struct resp *);

/*
 * Fills p with a redirection to the login page, saying why (the session
 * expired, or none), for a request without a valid session.
 */
void		 staff_to_login(struct staff *, const struct req *,
		    struct resp *p);

/*
 * The start of every request of a staff program: reads a POST's body, or
 * a GET's query, into r's fields; answers the login and logout pages;
 * finds the session; answers the password page, and sends a user whose
 * password is temporary to it from any other page. Returns 1 with *u
 * filled when the program's own pages should answer. Returns 0 when p is
 * the answer already: the body could not be read (400, 413: nothing
 * stored), the request was for the login, logout or password page, the
 * password must be changed first (303 to its page), there is no session
 * (to the login page), or the database is unavailable (503).
 */
int		 staff_request(struct staff *, struct req *r, struct resp *p,
		    struct staff_user *u);

/*
 * Opens a page of this staff program: the DSFR header with the
 * program's name and tagline, who is logged in and a logout button
 * posting the session's CSRF token; the public header when u is NULL.
 * The response is marked no-store.
 */
void		 staff_page_open(struct staff *, struct resp *p,
		    const struct staff_user *u, const char *title);

/*
 * Makes p a whole page of this program that says one thing: status, a
 * heading, a text and, when back_href is non-NULL, a link back; what p
 * held is discarded. A 503 asks the browser to retry after 30 s.
 */
void		 staff_page_message(struct staff *, struct resp *p,
		    const struct staff_user *u, int status,
		    const char *title, const char *text,
		    const char *back_href, const char *back_text);

/* Writes the hidden input that carries u's CSRF token in a form. */
void		 staff_csrf_input(struct buf *, const struct staff_user *u);

/*
 * Returns 1 when the request's fields carry this session's CSRF token,
 * 0 otherwise (compared in constant time).
 */
int		 staff_csrf_ok(const struct staff_user *, const struct req *);

/*
 * Checks a new password of the account login (NULL: not known yet)
 * against the policy: STAFF_PASSWORD_MIN to STAFF_PASSWORD_MAX bytes of
 * UTF-8, not only spaces, and not containing the login (in any case).
 * Returns 0, or -1 with *cause set (caller frees), in French.
 */
int		 staff_password_policy(const char *pw, size_t len,
		    const char *login, char **cause);

/*
 * Hashes a password with argon2id (libsodium's crypto_pwhash_str, its
 * interactive limits) into a new string the caller frees. Returns NULL
 * only when memory for the hash cannot be had (logged by the caller).
 */
char		*staff_password_hash(const char *pw, size_t len);

/* The role's name as stored ("enquirer"...), and back; -1 if unknown. */
const char	*staff_role_name(enum staff_role);
int		 staff_role_parse(const char *, enum staff_role *);

#endif /* QUALIMETRE_STAFF_H */
