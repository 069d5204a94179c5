/*
 * The services of a site (/referent/services): the list the referent
 * keeps of what a mystery campaign of their site may test (accueil
 * général, standard, point numérique...), each reached by telephone, by
 * email or both. The referent adds, renames, reorders, retires and puts
 * back services; none is ever deleted, since answers and slots keep the
 * keys of the services they tested. The planner (planning.h) offers the
 * active ones. Who may edit which site is enforced by the database
 * (sql/015-site-services.sql).
 */
#ifndef QUALIMETRE_SERVICES_H
#define QUALIMETRE_SERVICES_H

#include <stddef.h>

struct db;
struct req;
struct resp;
struct staff;
struct staff_user;

/* Where the pages live. */
#define SERVICES_PREFIX		"/referent/services"
/* Longest key, as the schema says ([a-z][a-z0-9-]{0,63}). */
#define SERVICES_KEY_MAX	64
/* Longest label, in characters. */
#define SERVICES_LABEL_MAX	200
/* Most services of one site, retired ones included. */
#define SERVICES_MAX		40

/* Returns 1 when key (NULL allowed) is a service key, 0 otherwise. */
int		 services_key_valid(const char *key);

/*
 * Derives a service key from a label of valid UTF-8: lower case ASCII
 * letters and digits, French accented letters without their accent
 * ("œ" gives "oe"), every other run of characters one dash, none at
 * either end, at most SERVICES_KEY_MAX - 4 characters (room for a
 * "-NN" that tells two services apart), "s-" first when it would start
 * with a digit. Writes it into out; returns 0, or -1 (out then empty)
 * when the label holds no letter or digit.
 */
int		 services_key(const char *label,
		    char out[SERVICES_KEY_MAX + 1]);

/* How a service is reached, in words: "téléphone, courriel",
   "téléphone" or "courriel". */
const char	*services_reach(int phone, int email);

struct services;

/*
 * Makes the pages' context and registers their statements on db; the
 * pages are framed as staff's. Both must outlive it. The caller frees it
 * with services_free().
 */
struct services	*services_create(struct db *db, struct staff *staff);

/* Frees the context; NULL does nothing. */
void		 services_free(struct services *);

/*
 * Handles a request for SERVICES_PREFIX or a path under it, from the
 * logged-in user u (the session already checked; a POST's body already
 * parsed into r's fields). Enquirers get 403; a POST without this
 * session's CSRF token gets 403 and changes nothing; a site the user
 * does not plan is not found. Returns 1 when the path was one of those
 * and *p is filled, 0 (p untouched) otherwise.
 */
int		 services_handle(struct services *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_SERVICES_H */
