/*
 * The referent's program (/referent/...): a referent's campaigns, the
 * results of each with their intervals, chart and breakdown, the public
 * link and its QR code, the exports and the printable poster. What a
 * referent may read is enforced by the database's policies, keyed on
 * the logged-in user.
 */
#ifndef QUALIMETRE_REFERENT_H
#define QUALIMETRE_REFERENT_H

struct req;
struct resp;
struct referent;

/*
 * Makes a worker's context for the database dsn (not connected yet),
 * the form schema's path, the key that signs forms (TOKEN_KEY_LEN
 * bytes, copied) and the service's public address (copied), which the
 * questionnaire's links and QR codes start with (NULL: the address the
 * request came to). The caller frees it with referent_free().
 */
struct referent	*referent_create(const char *dsn, const char *schema_path,
		    const unsigned char *key, const char *public_url);

/* Frees the context; NULL does nothing. */
void		 referent_free(struct referent *);

/* Handles one request; never fails: errors become pages. */
void		 referent_handle(struct referent *, struct req *, struct resp *);

#endif /* QUALIMETRE_REFERENT_H */
