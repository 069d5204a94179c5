/*
 * Where a campaign stands, in the referent program: its returns against
 * its target, by channel and by day, the pace that reaches the target by
 * the last day, and how many more questionnaires would bring each
 * criterion's interval to ±5 points (a section of the campaign's page);
 * for a mystery campaign, the contacts recorded against the slots
 * planned. And the blank questionnaire to print for the paper boxes,
 * CAMPAIGNS_PREFIX "/<id>/questionnaire.pdf".
 */
#ifndef QUALIMETRE_REFERENT_PROGRESS_H
#define QUALIMETRE_REFERENT_PROGRESS_H

struct buf;
struct db;
struct form;
struct formcache;
struct req;
struct resp;
struct results;
struct staff;
struct staff_user;

struct progress;

/* The campaign whose progress is shown, as its page read it. */
struct progress_campaign {
	const char		*id;		/* as in the URL */
	const struct form	*form;		/* its form: its languages */
	const struct results	*r;		/* kind, dates, responses
						   counted, criteria */
	const char		*department;	/* the site's */
	long			 today;		/* at the site, cal_day */
};

/*
 * Makes the context: registers its statements on db; frames its pages
 * as staff's, reads forms from forms; public_url (or NULL) is the
 * service's public address, for the questionnaire's QR code. db, staff
 * and forms must outlive it. The caller frees it with progress_free().
 */
struct progress	*progress_create(struct db *db, struct staff *staff,
		    struct formcache *forms, const char *public_url);

/* Frees the context; NULL does nothing. */
void		 progress_free(struct progress *);

/*
 * Writes the "Progression" section of campaign c for u into b. When the
 * database is unavailable, the section says so (logged).
 */
void		 progress_put(struct progress *, const struct staff_user *u,
		    struct buf *b, const struct progress_campaign *c);

/*
 * Handles GET CAMPAIGNS_PREFIX "/<id>/questionnaire.pdf[?langue=xx]":
 * the blank questionnaire of satisfaction campaign id as an A4 PDF
 * attachment, in the form's language xx when it has it (404 otherwise);
 * 404 for a campaign that is not a questionnaire of u's sites. Returns 1
 * when the path was that one and *p is filled, 0 (p untouched)
 * otherwise.
 */
int		 progress_handle(struct progress *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENT_PROGRESS_H */
