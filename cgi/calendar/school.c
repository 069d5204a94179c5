/* School holiday zones and school years (school.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cal.h"
#include "school.h"

/*
 * Every zone of the dataset: the names of its "Zones" column and of its
 * calendars per zone (data.gouv.fr, "Le calendrier scolaire": Zone A, B,
 * C, Corse, Guadeloupe, Guyane, Martinique, Mayotte, Nouvelle Calédonie,
 * Polynésie, La Réunion, Saint Pierre et Miquelon, Wallis et Futuna).
 * sql/018 accepts the same codes.
 */
const struct school_zone school_zones[] = {
	{ "A",		"Zone A",	"Zone A" },
	{ "B",		"Zone B",	"Zone B" },
	{ "C",		"Zone C",	"Zone C" },
	{ "CORSE",	"Corse",	"Corse" },
	{ "GUADELOUPE",	"Guadeloupe",	"Guadeloupe" },
	{ "GUYANE",	"Guyane",	"Guyane" },
	{ "MARTINIQUE",	"Martinique",	"Martinique" },
	{ "MAYOTTE",	"Mayotte",	"Mayotte" },
	{ "NOUVELLE-CALEDONIE", "Nouvelle Calédonie", "Nouvelle-Calédonie" },
	{ "POLYNESIE",	"Polynésie",	"Polynésie française" },
	{ "REUNION",	"La Réunion",	"La Réunion" },
	{ "SAINT-PIERRE-ET-MIQUELON", "Saint Pierre et Miquelon",
	    "Saint-Pierre-et-Miquelon" },
	{ "WALLIS-ET-FUTUNA", "Wallis et Futuna", "Wallis-et-Futuna" },
};
const size_t school_nzones = sizeof(school_zones) / sizeof(school_zones[0]);
_Static_assert(sizeof(school_zones) / sizeof(school_zones[0]) <=
    SCHOOL_ZONES_MAX, "SCHOOL_ZONES_MAX is too small");

const struct school_zone *
school_zone_by_code(const char *code)
{
	size_t	i;

	for (i = 0; code != NULL && i < school_nzones; i++)
		if (strcmp(code, school_zones[i].code) == 0)
			return &school_zones[i];
	return NULL;
}

void
school_year_of(long day, char out[SCHOOL_YEAR_LEN + 1])
{
	char	tmp[32];
	int	y, m, d;

	cal_ymd(day, &y, &m, &d);
	if (m < 9)
		y--;
	/* Through tmp: GCC cannot tell that y has four digits. */
	snprintf(tmp, sizeof(tmp), "%04d-%04d", y, y + 1);
	memcpy(out, tmp, SCHOOL_YEAR_LEN);
	out[SCHOOL_YEAR_LEN] = '\0';
}

