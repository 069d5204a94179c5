/*
 * The annual report of the referent's program (/referent/bilan): for a
 * year and one of the referent's sites, or all their sites of one
 * department (counts pooled as sums), a one-page synthesis for the CSA
 * and the local users' committee, then a section per subject (the
 * indicators, the satisfaction results with their intervals and change
 * since last year, the mystery results with their rule checks, the
 * comments by theme, the complaints, the self-assessment, the action
 * plan), each written by one function of a table; downloaded as a PDF,
 * an ODT and an ODS (/referent/bilan/bilan.pdf, .odt, .ods, with the
 * page's query), shown on the page as its synthesis.
 */
#ifndef QUALIMETRE_REFERENT_REPORT_H
#define QUALIMETRE_REFERENT_REPORT_H

struct actions;
struct comments;
struct db;
struct indicators;
struct referent;
struct req;
struct resp;
struct selfassess;
struct staff;
struct staff_user;

struct report;

/* The modules whose data the report reads. */
struct report_sources {
	struct indicators	*ind;
	struct comments		*cm;
	struct selfassess	*sa;
	struct actions		*ac;
};

/*
 * Makes the context, registering its statements on db; its pages are
 * framed as staff's; rf computes each campaign's results
 * (referent_campaign_results); src's modules give the indicators, the
 * comments' themes, the self-assessments and the actions. All must
 * outlive it. The caller
 * frees it with report_free().
 */
struct report	*report_create(struct db *db, struct staff *staff,
		    struct referent *rf, const struct report_sources *src);

/* Frees the context; NULL does nothing. */
void		 report_free(struct report *);

/* Handles r when its path is the report's: returns 1, else 0. */
int		 report_handle(struct report *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENT_REPORT_H */
