/* A campaign's referential, from its database row (referential.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include <libpq-fe.h>

#include "form.h"
#include "referential.h"

/* The threshold in column name of row i, or -1 (NULL, or not a count). */
static long long
read_threshold(const PGresult *res, int i, const char *name)
{
	const char	*v;
	char		*end;
	long long	 n;
	int		 c = PQfnumber(res, name);

	if (c < 0 || PQgetisnull(res, i, c))
		return -1;
	v = PQgetvalue(res, i, c);
	errno = 0;
	n = strtoll(v, &end, 10);
	if (end == v || *end != '\0' || errno == ERANGE || n < 0)
		return -1;
	return n;
}

/* The target in column name of row i, or -1 (NULL, or not in [0, 1]). */
static double
read_target(const PGresult *res, int i, const char *name)
{
	const char	*v;
	char		*end;
	double		 t;
	int		 c = PQfnumber(res, name);

	if (c < 0 || PQgetisnull(res, i, c))
		return -1.0;
	v = PQgetvalue(res, i, c);
	errno = 0;
	t = strtod(v, &end);
	if (end == v || *end != '\0' || errno == ERANGE ||
	    !(t >= 0.0 && t <= 1.0))
		return -1.0;
	return t;
}

void
referential_read(const PGresult *res, int i, struct form_referential *ref)
{
	int	c = PQfnumber(res, "ref_name");

	form_referential_init(ref, NULL);
	if (c < 0 || PQgetisnull(res, i, c))
		return;
	ref->name = PQgetvalue(res, i, c);
	ref->threshold[FORM_RULE_REPLY_DELAY] = read_threshold(res, i,
	    "reply_delay");
	ref->target[FORM_RULE_REPLY_DELAY] = read_target(res, i,
	    "reply_target");
	ref->threshold[FORM_RULE_RINGS] = read_threshold(res, i, "rings_max");
	ref->target[FORM_RULE_RINGS] = read_target(res, i, "rings_target");
	ref->target[FORM_RULE_PICKED_UP] = read_target(res, i,
	    "picked_up_target");
}
