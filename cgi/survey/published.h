/*
 * The published results (/resultats/<site code>): the public page of a
 * site's published satisfaction campaigns, newest first, each with its
 * chart and table; the fragment a prefecture's website frames
 * (/resultats/<site code>/integration); and each campaign's poster
 * (/resultats/<site code>/<campaign>/affiche.pdf). All from the
 * snapshots the referent published (sql/034-publication.sql): never an
 * answer or a response.
 */
#ifndef QUALIMETRE_PUBLISHED_H
#define QUALIMETRE_PUBLISHED_H

struct db;
struct req;
struct resp;

/* Where these pages live. */
#define PUBLISHED_PREFIX	"/resultats/"

struct published;

/*
 * Registers the statements on db (which must outlive it) and keeps a
 * copy of public_url (the service's address, or NULL) and the posters'
 * emblem. The caller frees it with published_free().
 */
struct published	*published_create(struct db *db, const char *public_url);

/* Frees it; NULL does nothing. */
void			 published_free(struct published *);

/*
 * Handles r when its path starts with PUBLISHED_PREFIX and returns 1,
 * with *p filled (a 404 page in French where nothing is published);
 * returns 0 and leaves p alone otherwise.
 */
int			 published_handle(struct published *,
			    const struct req *r, struct resp *p);

#endif /* QUALIMETRE_PUBLISHED_H */
