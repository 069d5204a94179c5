/*
 * The rhythm of a satisfaction campaign's web responses, in the referent
 * program (CAMPAIGNS_PREFIX "/<id>/rythme"): responses per day and the
 * hours far above the campaign's own rhythm (stats_bursts), the sends
 * the survey program asked to confirm (too fast, days late), and the
 * periods the referent sets aside: their responses are kept but left out
 * of the rates (the view qualimetre.set_aside_response), every decision
 * recorded with who, when and why, and lifted rather than deleted. The
 * database's policies (sql/014-submission-checks.sql) refuse the same
 * things as the C checks.
 */
#ifndef QUALIMETRE_REFERENT_RHYTHM_H
#define QUALIMETRE_REFERENT_RHYTHM_H

struct buf;
struct db;
struct req;
struct resp;
struct results;
struct staff;
struct staff_user;

/* An hour is a burst when it holds at least this many responses and a
   count its campaign's rhythm reaches less than once in a million. */
#define RHYTHM_BURST_MIN	10
#define RHYTHM_BURST_ALPHA	1e-6
/* A period set aside lasts at most this many days (sql/014 too). */
#define RHYTHM_PERIOD_DAYS_MAX	31
/* Bounds of the reason given, in characters (sql/014 too). */
#define RHYTHM_REASON_MIN	3
#define RHYTHM_REASON_MAX	500

struct rhythm;

/* What the results page says of a campaign's rhythm. */
struct rhythm_summary {
	long long	 fast;		/* sends asked to confirm: too fast */
	long long	 late;		/* and sent days after the page */
	long long	 confirmed;	/* responses stored once confirmed */
	long long	 bursts;	/* hours flagged */
	long long	 periods;	/* periods set aside, in force */
	long long	 set_aside;	/* responses in them */
};

/*
 * Makes the context: registers its statements on db and frames its page
 * as staff's (both must outlive it). The caller frees it with
 * rhythm_free().
 */
struct rhythm	*rhythm_create(struct db *db, struct staff *staff);

/* Frees the context; NULL does nothing. */
void		 rhythm_free(struct rhythm *);

/*
 * Reads the summary of campaign id (a satisfaction campaign of u's)
 * into *out. Returns 0, or -1 when the database is unavailable (logged).
 */
int		 rhythm_summarize(struct rhythm *, const struct staff_user *u,
		    const char *id, struct rhythm_summary *out);

/*
 * Adds to r the notes a reader of campaign id's figures must see: each
 * period set aside (when, how many responses, who decided it, when and
 * why) and the bursts not set aside. Returns 0, or -1 when the database
 * is unavailable (logged).
 */
int		 rhythm_notes(struct rhythm *, const struct staff_user *u,
		    const char *id, struct results *r,
		    struct rhythm_summary *summary);

/*
 * Writes the results page's paragraph on s, with the link to the
 * rhythm page of campaign id.
 */
void		 rhythm_summary_put(struct buf *, const struct rhythm_summary *s,
		    const char *id);

/*
 * Handles CAMPAIGNS_PREFIX "/<id>/rythme" (GET: the page, ?debut= and
 * ?fin= prefill its form; POST: set a period aside) and "/<id>/rythme/
 * <n>/lever" (POST: lift period n) for u, a referent or an admin. A POST
 * without this session's CSRF token gets 403 and changes nothing; a
 * campaign that is not a satisfaction campaign of u's sites gets 404.
 * Returns 1 when the path was one of those and *p is filled, 0 (p
 * untouched) otherwise.
 */
int		 rhythm_handle(struct rhythm *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENT_RHYTHM_H */
