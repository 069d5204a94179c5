/*
 * The referent's program (/referent/...): a referent's campaigns, the
 * results of each with their intervals, chart and breakdown, the public
 * link and its QR code, the exports and the printable poster. What a
 * referent may read is enforced by the database's policies, keyed on
 * the logged-in user.
 */
#ifndef QUALIMETRE_REFERENT_H
#define QUALIMETRE_REFERENT_H

struct form_question;
struct req;
struct resp;
struct referent;
struct results;
struct results_count;
struct staff_user;

/* A campaign's results as its page computes them, lent to a callback. */
struct referent_campaign {
	const char			*id;
	const char			*form_key;	/* "satisfaction"... */
	const struct results		*r;
	const struct results_count	*now;	/* one per row of r */
	const struct form_question	*rules;	/* one per row of r: the
						   criterion as its
						   referential rules it */
};

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

/*
 * Computes the results of campaign id for u as its page does (its
 * referential, the emails not answered in time, the sampling rules or
 * the periods set aside) and calls fn with them and arg; what fn is lent
 * lives until it returns, but for the form's strings, which live until
 * the next request. Returns 1, 0 when the campaign is not u's (the
 * policies hide it), -1 when the database is unavailable (logged).
 */
int		 referent_campaign_results(struct referent *,
		    const struct staff_user *u, const char *id,
		    void (*fn)(const struct referent_campaign *, void *),
		    void *arg);

#endif /* QUALIMETRE_REFERENT_H */
