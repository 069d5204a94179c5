/*
 * Publishing a satisfaction campaign's results, in the referent program:
 * the section of the campaign's page that says whether they are public
 * (with the public page's address and the <iframe> to copy), and the
 * confirmation pages and POSTs of CAMPAIGNS_PREFIX "/<id>/publier" and
 * "/<id>/retirer". Publishing stores a snapshot of the results
 * (sql/034-publication.sql), the only thing of them the public program
 * reads; withdrawing deletes it. Both are audited.
 */
#ifndef QUALIMETRE_REFERENT_PUBLISH_H
#define QUALIMETRE_REFERENT_PUBLISH_H

struct buf;
struct db;
struct req;
struct resp;
struct results;
struct staff;
struct staff_user;

/* Where the public pages live, as the survey program serves them. */
#define PUBLISH_PUBLIC_PREFIX	"/resultats/"

enum publish_action {
	PUBLISH_NONE,
	PUBLISH_PUBLISH,	/* ".../publier" */
	PUBLISH_WITHDRAW,	/* ".../retirer" */
	PUBLISH_ACTION__MAX
};

struct publish;

/*
 * Registers the statements on db and keeps staff (both must outlive it)
 * and a copy of public_url (the service's address, or NULL). The caller
 * frees it with publish_free().
 */
struct publish	*publish_create(struct db *db, struct staff *staff,
		    const char *public_url);

/* Frees it; NULL does nothing. */
void		 publish_free(struct publish *);

/*
 * Returns the action that path names (CAMPAIGNS_PREFIX "/<id>/publier"
 * or "/retirer") and copies its id into id (of size bytes, at least
 * 19), or PUBLISH_NONE.
 */
enum publish_action publish_path(const char *path, char *id, size_t size);

/*
 * Handles action on campaign id, whose results r the caller computed
 * for u (the policies let u read it) and whose questionnaire's public
 * address is questionnaire_url (or NULL): GET shows what becomes public
 * or stops being so, to confirm; POST (with this session's CSRF token)
 * does it and sends the browser back to the campaign's page. Anything
 * refused changes nothing.
 */
void		 publish_handle(struct publish *, const struct staff_user *u,
		    const struct req *r, struct resp *p, const char *id,
		    enum publish_action action, const struct results *res,
		    const char *questionnaire_url);

/*
 * Appends the campaign page's section "Publication des résultats" for
 * campaign id with r's responses: published or not, since when, the
 * public page's address and the <iframe> to copy, and the buttons; and
 * the notice after a publication or a withdrawal (r's query).
 */
void		 publish_section(struct publish *, const struct staff_user *u,
		    const struct req *r, struct buf *b, const char *id,
		    long long responses);

#endif /* QUALIMETRE_REFERENT_PUBLISH_H */
