/* How many more questionnaires, and at what pace. */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "cal.h"
#include "planner.h"
#include "stats.h"

int
planner_need(long long satisfied, long long opinions,
    long long questionnaires, double margin, struct planner_need *out)
{
	int	rc;

	memset(out, 0, sizeof(*out));
	if (satisfied < 0 || opinions < 0 || questionnaires < 0)
		return STATS_ENEGATIVE;
	if (satisfied > opinions || opinions > questionnaires)
		return STATS_EXGTN;
	if (opinions == 0) {
		out->rate = PLANNER_RATE_NONE;
		out->expected = 0.5;
	} else if (satisfied == 0 || satisfied == opinions) {
		out->rate = PLANNER_RATE_ADJUSTED;
		out->expected = (double)(satisfied + 2) /
		    (double)(opinions + 4);
	} else {
		out->rate = PLANNER_RATE_OBSERVED;
		out->expected = (double)satisfied / (double)opinions;
	}
	if ((rc = stats_sample_size(margin, 0.95, out->expected, 0,
	    &out->needed)) != 0) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	out->more = out->needed > opinions ? out->needed - opinions : 0;
	if (out->more == 0)
		out->questionnaires = 0;
	else if (questionnaires == 0)
		out->questionnaires = out->more;
	else if (opinions == 0)
		out->questionnaires = -1;
	else if (out->more > LLONG_MAX / questionnaires) {
		memset(out, 0, sizeof(*out));
		return STATS_ERANGE;
	} else
		out->questionnaires = (out->more * questionnaires +
		    opinions - 1) / opinions;
	return 0;
}

long long
planner_most(const struct planner_need *needs, size_t n, size_t *unknown)
{
	long long	most = 0;
	size_t		i;

	*unknown = 0;
	for (i = 0; i < n; i++) {
		if (needs[i].questionnaires < 0)
			(*unknown)++;
		else if (needs[i].questionnaires > most)
			most = needs[i].questionnaires;
	}
	return most;
}

int
planner_pace(long long returned, long long target, long today, long opens,
    long closes, const char *department, struct planner_pace *out)
{
	long	from = today > opens ? today : opens;

	memset(out, 0, sizeof(*out));
	if (returned < 0 || target <= 0)
		return -1;
	out->remaining = target > returned ? target - returned : 0;
	if ((out->days_left = cal_working_days(from, closes, department)) ==
	    -1)
		return -1;
	if (out->remaining == 0)
		out->per_day = 0;
	else if (out->days_left == 0)
		out->per_day = -1;
	else
		out->per_day = (out->remaining + out->days_left - 1) /
		    out->days_left;
	return 0;
}
