/*
 * The action plan (/referent/actions): the corrective and improvement
 * actions of the user's sites, each with its origin (a criterion below
 * its target, a self-assessment gap, an audit remark, a complaint
 * theme, other) and its source where there is one (a campaign's
 * criterion, an assessment's engagement), an owner, a due date, a
 * status and the COPIL meeting that decided it; the list shows the
 * overdue ones first. The COPIL meetings of each site are kept on
 * PREFIX "/copil". Validating a self-assessment (selfassess.h) opens
 * actions too. Who may read or write which site is enforced by the
 * database (sql/036-selfassess-actions.sql); every change is audited.
 *
 * For the annual report: the statement "actions_list" of actions.c
 * reads the actions of (site, year), overdue first, then by due date.
 */
#ifndef QUALIMETRE_ACTIONS_H
#define QUALIMETRE_ACTIONS_H

#include <stddef.h>

#include <libpq-fe.h>

struct buf;
struct db;
struct req;
struct resp;
struct results;
struct staff;
struct staff_user;

/* Where the pages live. */
#define ACTIONS_PREFIX		"/referent/actions"
/* Longest title, owner and COPIL label, in characters. */
#define ACTIONS_LINE_MAX	200
/* Longest description, in characters. */
#define ACTIONS_TEXT_MAX	4000

/* An action's origin. */
enum actions_origin {
	ACTIONS_CRITERION,	/* a criterion below its target */
	ACTIONS_SELF_ASSESSMENT, /* a self-assessment gap */
	ACTIONS_AUDIT,		/* an audit remark */
	ACTIONS_COMPLAINT,	/* a complaint theme */
	ACTIONS_OTHER,
	ACTIONS_ORIGIN__MAX
};

/* An action's status. */
enum actions_status {
	ACTIONS_PLANNED,	/* prévue */
	ACTIONS_ONGOING,	/* en cours */
	ACTIONS_DONE,		/* réalisée */
	ACTIONS_DROPPED,	/* abandonnée */
	ACTIONS_STATUS__MAX
};

/* The origin as stored ("criterion"...) and in French, or NULL out of
   range. */
const char	*actions_origin_name(enum actions_origin);
const char	*actions_origin_label(enum actions_origin);

/* The status as stored ("prevue"...) and in French, or NULL out of
   range. */
const char	*actions_status_name(enum actions_status);
const char	*actions_status_label(enum actions_status);

/* The origin or status stored as name (NULL allowed): returns 0 with
   *out set, or -1. */
int		 actions_origin_parse(const char *name,
		    enum actions_origin *out);
int		 actions_status_parse(const char *name,
		    enum actions_status *out);

/*
 * Writes, on the results of campaign campaign_id (r), the criteria
 * significantly below their target, each with a link to a new action
 * prefilled with the campaign and the criterion; nothing when none is.
 */
void		 actions_below_target(struct buf *b, const char *campaign_id,
		    const struct results *r);

struct actions;

/*
 * Makes the pages' context, registering their statements on db; the
 * pages are framed as staff's. Both must outlive it. The caller frees
 * it with actions_free().
 */
struct actions	*actions_create(struct db *db, struct staff *staff);

/* Frees the context; NULL does nothing. */
void		 actions_free(struct actions *);

/* An action as the annual report lists it. */
struct actions_item {
	const char		*site_name;
	const char		*title;
	const char		*owner;		/* "" when none */
	const char		*due_on;	/* "YYYY-MM-DD", or "" */
	const char		*copil_on;	/* the meeting's day, or "" */
	const char		*copil_label;	/* or "" */
	enum actions_origin	 origin;
	enum actions_status	 status;
	int			 overdue;	/* due date passed, open */
};

/* The actions of a site's year, as actions_year_load fills it. */
struct actions_year {
	PGresult		*res;		/* the strings point into it */
	struct actions_item	*items;
	size_t			 nitems;
};

/*
 * Reads the actions of site site_id (digits) due or created in year, as
 * u may read them, into *out: overdue first, then by due date. Returns
 * 0, or -1 when the database is unavailable. The caller frees out with
 * actions_year_free() in every case.
 */
int		 actions_year_load(struct actions *,
		    const struct staff_user *u, const char *site_id, int year,
		    struct actions_year *out);

/* Frees what actions_year_load filled and zeroes it. */
void		 actions_year_free(struct actions_year *);

/*
 * Handles ACTIONS_PREFIX and the paths under it for the logged-in user
 * u (a POST's body already parsed into r's fields): the list (GET,
 * ?statut= and ?origine= filter it), "/nouvelle" (GET, prefilled by
 * ?site=, ?campagne= and ?critere=; POST creates), "/ID" (GET; POST
 * saves), "/copil" (GET; POST adds a meeting). A POST needs this
 * session's CSRF token; a bad field gets 400 with its French message
 * next to it and stores nothing. Returns 1 when the path was one of
 * those and *p is filled, 0 (p untouched) otherwise.
 */
int		 actions_handle(struct actions *, const struct staff_user *u,
		    struct req *r, struct resp *p);

#endif /* QUALIMETRE_ACTIONS_H */
