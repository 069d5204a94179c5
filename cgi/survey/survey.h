/*
 * The public questionnaire (/enquete/...): shows a campaign's form,
 * checks and stores a submission, says when a campaign is closed; and
 * the published results (/resultats/..., published.h).
 * A handler reads a struct req and fills a struct resp: no FastCGI here.
 */
#ifndef QUALIMETRE_SURVEY_H
#define QUALIMETRE_SURVEY_H

struct req;
struct resp;
struct survey;

/*
 * Makes a worker's context: a database handle for dsn (not connected
 * yet), the path of forms/form.rng, the token key (TOKEN_KEY_LEN
 * bytes, copied), the door key of nginx's tokens ("" for none: nginx
 * then caches no page) and the service's public address (or NULL), for the
 * published results' links. The caller frees it with survey_free().
 */
struct survey	*survey_create(const char *dsn, const char *schema_path,
		    const unsigned char *key, const char *door_key,
		    const char *public_url);

/* Frees the context, its connection and its cached forms. */
void		 survey_free(struct survey *);

/*
 * Connects and prepares statements ahead of the first request; failure
 * is not fatal (requests reconnect). Returns 0 or -1.
 */
int		 survey_warm(struct survey *);

/* Handles one request; never fails: errors become pages. */
void		 survey_handle(struct survey *, struct req *,
		    struct resp *);

#endif /* QUALIMETRE_SURVEY_H */
