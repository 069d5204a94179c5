/*
 * The enquirers' program (/mystere/...): login and logout, then each
 * enquirer's own slots, today's first. Handlers read a struct req and
 * fill a struct resp: no FastCGI here.
 */
#ifndef QUALIMETRE_MYSTERY_H
#define QUALIMETRE_MYSTERY_H

struct req;
struct resp;
struct mystery;

/*
 * Makes a worker's context for the database dsn (not connected yet),
 * the form schema's path and the key that signs forms (TOKEN_KEY_LEN
 * bytes, copied); public_url, the service's address or NULL, says
 * whether its cookies are Secure (staff_create). The caller frees it
 * with mystery_free().
 */
struct mystery	*mystery_create(const char *dsn, const char *schema_path,
		    const unsigned char *key, const char *public_url);

/* Frees the context; NULL does nothing. */
void		 mystery_free(struct mystery *);

/* Handles one request; never fails: errors become pages. */
void		 mystery_handle(struct mystery *, struct req *, struct resp *);

#endif /* QUALIMETRE_MYSTERY_H */
