/*
 * The slot planner of the mystery campaigns: given a period, a site's
 * department and school holidays, a target and how many services and
 * enquirers take part, proposes one contact per chosen half-day, spread
 * over the period, the services and the enquirers. Pure computation: no
 * SQL, no randomness (the same request always gives the same plan).
 *
 * The messages left in *cause are in French: they are shown as they are
 * to the referent who asked for the plan.
 */
#ifndef QUALIMETRE_PLAN_H
#define QUALIMETRE_PLAN_H

#include <stddef.h>

#include "cal.h"

/* The longest period a plan may cover, in days. */
#define PLAN_DAYS_MAX	366

/* What the referent asks for. */
struct plan_request {
	long			 from;		/* first day of the period */
	long			 to;		/* last day, included */
	const char		*department;	/* the site's INSEE department,
						   for its public holidays */
	const struct cal_range	*excluded;	/* the school holidays of the
						   site's zone (may be NULL
						   when nexcluded is 0) */
	size_t			 nexcluded;
	size_t			 target;	/* contacts wanted (20 for the
						   label) */
	size_t			 nservices;	/* services to test, at least
						   1 and at most target */
	size_t			 nenquirers;	/* enquirers, at least 1 */
};

/* One proposed contact. */
struct plan_slot {
	long	day;		/* its day number (cal.h) */
	int	afternoon;	/* 0: the morning, 1: the afternoon */
	size_t	service;	/* the service to test, 0..nservices-1 */
	size_t	enquirer;	/* who makes it, 0..nenquirers-1 */
};

/*
 * Plans req->target slots. The possible half-days are the morning and
 * the afternoon of each working day of [from, to] (cal_is_working_day)
 * that lies in no excluded range; *available receives how many there are
 * (0 when the request is refused before counting them).
 *
 * The slots are chosen one in each of target equal stretches of the
 * possible half-days, near the middle of the stretch, so that they spread
 * over the whole period and a period that holds exactly target half-days
 * gets all of them. Within a stretch the slot goes to the half of the day
 * the previous slot did not have, where the stretch allows, so that
 * mornings and afternoons alternate. Services take turns in rounds of
 * nservices slots, each round testing every service once (with an even
 * number of services the order shifts by one each round, so that each
 * service gets mornings and afternoons). Enquirers take turns the same
 * way, shifted by one every so often when otherwise an enquirer would
 * always test the same services. No two slots share a half-day.
 *
 * Returns 0 with *out (target slots sorted by day then morning first,
 * the caller frees it with plan_free) and *nout set; or -1 with *cause
 * set (the caller frees it) and *out, *nout untouched: unknown
 * department, period ending before it starts or longer than
 * PLAN_DAYS_MAX days, no target, no service, no enquirer, more services
 * than the target, or fewer possible half-days than the target.
 */
int	 plan_slots(const struct plan_request *req, struct plan_slot **out,
	    size_t *nout, size_t *available, char **cause);

/*
 * Whether a contact is possible on day under req's rules, as plan_slots
 * decides it for each day (only from, to, department and the excluded
 * ranges are read): 1 when day lies in [from, to], is a working day
 * (cal_is_working_day) and in no excluded range; 0 when not; -1 when day
 * is beyond the calendar's years. A moved slot is held to it
 * (cgi/referent/slots.c).
 */
int	 plan_day_possible(const struct plan_request *req, long day);

/* Frees slots from plan_slots; NULL does nothing. */
void	 plan_free(struct plan_slot *slots);

#endif /* QUALIMETRE_PLAN_H */
