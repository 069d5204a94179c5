/* Proposes the half-days, services and enquirers of a mystery campaign. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "cal.h"
#include "plan.h"
#include "xmalloc.h"

/* A half-day on which a contact is possible. */
struct plan_half {
	long	day;
	int	afternoon;
};

/* Returns 1 when day lies in one of the n ranges r. */
static int
plan_excluded(long day, const struct cal_range *r, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (r[i].first <= day && day <= r[i].last)
			return 1;
	return 0;
}

int
plan_day_possible(const struct plan_request *req, long day)
{
	int	w;

	if (day < req->from || day > req->to)
		return 0;
	if ((w = cal_is_working_day(day, req->department)) != 1)
		return w;
	return !plan_excluded(day, req->excluded, req->nexcluded);
}

/* Checks what does not need the calendar; sets *cause on failure. */
static int
plan_check(const struct plan_request *req, char **cause)
{
	char	from[CAL_DATE_LEN + 1], to[CAL_DATE_LEN + 1];

	if (!cal_department_ok(req->department)) {
		xasprintf(cause, "département inconnu : « %s »",
		    req->department != NULL ? req->department : "");
		return -1;
	}
	if (req->to < req->from) {
		cal_format(req->from, from);
		cal_format(req->to, to);
		xasprintf(cause, "la période se termine (%s) avant de "
		    "commencer (%s)", to, from);
		return -1;
	}
	/* Unsigned: the difference of two far apart longs would overflow. */
	if ((unsigned long)req->to - (unsigned long)req->from >=
	    PLAN_DAYS_MAX) {
		xasprintf(cause, "la période ne peut dépasser %d jours",
		    PLAN_DAYS_MAX);
		return -1;
	}
	if (req->target == 0) {
		xasprintf(cause, "l'objectif doit être d'au moins un contact");
		return -1;
	}
	if (req->nservices == 0) {
		xasprintf(cause, "choisissez au moins un service à tester");
		return -1;
	}
	if (req->nenquirers == 0) {
		xasprintf(cause, "choisissez au moins un enquêteur");
		return -1;
	}
	if (req->nservices > req->target) {
		xasprintf(cause, "l'objectif (%zu contacts) est inférieur au "
		    "nombre de services (%zu) : chaque service doit être testé "
		    "au moins une fois", req->target, req->nservices);
		return -1;
	}
	return 0;
}

/*
 * Lists the possible half-days of the period into half (room for two a
 * day) and returns how many, or -1 with *cause set when a year of the
 * period is beyond the calendar.
 */
static long
plan_halves(const struct plan_request *req, struct plan_half *half,
    char **cause)
{
	long	day, n = 0;
	int	w;

	for (day = req->from; day <= req->to; day++) {
		if ((w = plan_day_possible(req, day)) == -1) {
			xasprintf(cause, "la période sort des années connues "
			    "du calendrier (%d à %d)", CAL_YEAR_MIN,
			    CAL_YEAR_MAX);
			return -1;
		}
		if (w == 0)
			continue;
		half[n].day = day;
		half[n++].afternoon = 0;
		half[n].day = day;
		half[n++].afternoon = 1;
	}
	return n;
}

/*
 * Returns the index in [lo, hi) nearest to the middle of the stretch
 * whose half is want; the middle itself when no half-day of the stretch
 * is want. The stretch is not empty.
 */
static size_t
plan_pick(const struct plan_half *half, size_t lo, size_t hi, int want)
{
	size_t	mid, i, best = SIZE_MAX, dist, bestdist = SIZE_MAX;

	mid = lo + (hi - lo - 1) / 2;
	for (i = lo; i < hi; i++) {
		if (half[i].afternoon != want)
			continue;
		dist = i < mid ? mid - i : i - mid;
		if (dist < bestdist) {		/* ties: the earlier */
			best = i;
			bestdist = dist;
		}
	}
	return best != SIZE_MAX ? best : mid;
}

static size_t
plan_gcd(size_t a, size_t b)
{
	size_t	t;

	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

int
plan_slots(const struct plan_request *req, struct plan_slot **out,
    size_t *nout, size_t *available, char **cause)
{
	struct plan_half	*half = NULL;
	struct plan_slot	*slots = NULL;
	size_t			 n, i, lo, hi, k, round, period, cycle, g;
	long			 nh;
	int			 want = 0, rc = -1;

	*available = 0;
	if (plan_check(req, cause) == -1)
		goto out;
	half = xcalloc(2 * ((size_t)(req->to - req->from) + 1), sizeof(*half));
	if ((nh = plan_halves(req, half, cause)) == -1)
		goto out;
	n = (size_t)nh;
	*available = n;
	if (n < req->target) {
		/* Never exactly one: half-days come in pairs. */
		if (n == 0)
			xasprintf(cause, "la période ne contient aucune "
			    "demi-journée possible (jours ouvrés hors vacances "
			    "scolaires) pour un objectif de %zu", req->target);
		else
			xasprintf(cause, "la période ne contient que %zu "
			    "demi-journées possibles (jours ouvrés hors "
			    "vacances scolaires) pour un objectif de %zu", n,
			    req->target);
		goto out;
	}

	/*
	 * Services take turns; with an even number of them the turn
	 * shifts by one each round, or service k would only ever get the
	 * half-days of k's parity. The services' pattern then repeats every
	 * period slots; enquirers take turns too, shifted by one after each
	 * lcm(period, enquirers) slots when both cycles share a factor, or
	 * an enquirer would always test the same services.
	 */
	period = req->nservices % 2 == 0 ? req->nservices * req->nservices :
	    req->nservices;
	cycle = SIZE_MAX;	/* no shift */
	if ((g = plan_gcd(period, req->nenquirers)) > 1 &&
	    period / g <= req->target / req->nenquirers)
		cycle = period / g * req->nenquirers;

	slots = xcalloc(req->target, sizeof(*slots));
	for (i = 0; i < req->target; i++) {
		/* Stretch i of target equal ones: none is empty since
		   n >= target, and i * n cannot overflow since
		   target <= n <= 2 * PLAN_DAYS_MAX. */
		lo = i * n / req->target;
		hi = (i + 1) * n / req->target;
		k = plan_pick(half, lo, hi, want);
		want = !half[k].afternoon;
		round = i / req->nservices;
		slots[i].day = half[k].day;
		slots[i].afternoon = half[k].afternoon;
		slots[i].service = (i + (req->nservices % 2 == 0 ? round : 0)) %
		    req->nservices;
		slots[i].enquirer = (i + i / cycle) % req->nenquirers;
	}
	*out = slots;
	*nout = req->target;
	slots = NULL;
	rc = 0;
out:
	free(slots);
	free(half);
	return rc;
}

void
plan_free(struct plan_slot *slots)
{
	free(slots);
}
