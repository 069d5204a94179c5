/* The label's sampling rules for mystery contacts. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cal.h"
#include "chart.h"
#include "results.h"
#include "sampling.h"

/* Whether day falls in one of the school holidays of in. */
static int
in_school_holiday(const struct sampling_input *in, long day)
{
	size_t	i;

	for (i = 0; i < in->nholidays; i++)
		if (day >= in->holidays[i].first && day <= in->holidays[i].last)
			return 1;
	return 0;
}

/* Whether a dated contact before i shares contact i's half-day. */
static int
half_day_taken(const struct sampling_contact *c, size_t i)
{
	size_t	j;
	int	pm = c[i].hour >= SAMPLING_AFTERNOON_HOUR;

	for (j = 0; j < i; j++)
		if (c[j].day == c[i].day && c[j].hour >= 0 &&
		    (c[j].hour >= SAMPLING_AFTERNOON_HOUR) == pm)
			return 1;
	return 0;
}

int
sampling_check(const struct sampling_input *in, struct sampling_report *out)
{
	const struct sampling_contact	*c;
	long				 lo = 0, hi = 0;
	size_t				 i, j;
	int				 w, tested, dated = 0;

	memset(out, 0, sizeof(*out));
	if (in == NULL || (in->ncontacts > 0 && in->contacts == NULL) ||
	    (in->nholidays > 0 && in->holidays == NULL) ||
	    (in->nservices > 0 && in->services == NULL) ||
	    in->department == NULL || !cal_department_ok(in->department))
		return -1;
	out->contacts = in->ncontacts;
	out->holidays_unknown = !in->holidays_known;
	for (i = 0; i < in->ncontacts; i++) {
		c = &in->contacts[i];
		if (!c->in_slot)
			out->outside_slot++;
		if (c->day < 0 || c->hour < 0 || c->hour > 23) {
			out->undated++;
			continue;
		}
		if (!dated || c->day < lo)
			lo = c->day;
		if (!dated || c->day > hi)
			hi = c->day;
		dated = 1;
		if (c->day < in->opens_on || c->day > in->closes_on)
			out->outside_period++;
		if ((w = cal_is_working_day(c->day, in->department)) == -1)
			return -1;
		if (!w)
			out->non_working++;
		else if (in_school_holiday(in, c->day))
			out->school_holiday++;
		if (half_day_taken(in->contacts, i))
			out->same_half_day++;
	}
	out->span = dated ? hi - lo + 1 : 0;
	for (j = 0; j < in->nservices; j++) {
		for (tested = 0, i = 0; i < in->ncontacts && !tested; i++)
			tested = in->contacts[i].service != NULL &&
			    strcmp(in->contacts[i].service,
			    in->services[j].key) == 0;
		if (tested)
			continue;
		if (out->untested < SAMPLING_NAMES_MAX)
			out->untested_labels[out->untested] =
			    in->services[j].label;
		out->untested++;
	}
	/* A contact without a date cannot be shown to follow the rules. */
	out->met = out->contacts - out->undated >= SAMPLING_REQUIRED &&
	    out->same_half_day == 0 && out->non_working == 0 &&
	    out->school_holiday == 0 && out->outside_period == 0 &&
	    out->span <= SAMPLING_SPAN_DAYS;
	return 0;
}

/* Adds "N noun" or "N nouns" then text, as one note of r. */
static void
note_count(struct results *r, size_t n, const char *one, const char *many,
    const char *text)
{
	char	num[CHART_NUMBER_MAX];

	chart_number((double)n, 0, num, sizeof(num));
	results_note(r, "%s %s %s", num, n > 1 ? many : one, text);
}

void
sampling_notes(const struct sampling_report *rep, struct results *r)
{
	struct buf	b;
	size_t		i;

	r->rules = rep->met ? RESULTS_RULES_MET : RESULTS_RULES_NOT_MET;
	if (rep->contacts < SAMPLING_REQUIRED)
		results_note(r, "%zu contact%s sur les %d que le label demande : "
		    "le résultat ne peut pas être présenté comme conforme.",
		    rep->contacts, rep->contacts > 1 ? "s" : "",
		    SAMPLING_REQUIRED);
	else if (rep->contacts - rep->undated < SAMPLING_REQUIRED)
		results_note(r, "%zu contacts, dont %zu datés, pour les %d que "
		    "le label demande : le résultat ne peut pas être présenté "
		    "comme conforme.", rep->contacts, rep->contacts -
		    rep->undated, SAMPLING_REQUIRED);
	else
		results_note(r, "%zu contacts, pour %d demandés par le label.",
		    rep->contacts, SAMPLING_REQUIRED);
	if (rep->same_half_day > 0)
		note_count(r, rep->same_half_day, "contact a eu lieu",
		    "contacts ont eu lieu", "pendant une demi-journée qui en "
		    "comptait déjà un (le label en demande un par "
		    "demi-journée).");
	if (rep->non_working > 0)
		note_count(r, rep->non_working, "contact a eu lieu",
		    "contacts ont eu lieu", "un jour non ouvré (week-end ou "
		    "jour férié).");
	if (rep->school_holiday > 0)
		note_count(r, rep->school_holiday, "contact a eu lieu",
		    "contacts ont eu lieu", "pendant les vacances scolaires "
		    "de la zone du site.");
	if (rep->outside_period > 0)
		note_count(r, rep->outside_period, "contact a eu lieu",
		    "contacts ont eu lieu", "en dehors des dates de la "
		    "campagne.");
	if (rep->span > SAMPLING_SPAN_DAYS)
		results_note(r, "Les contacts s’étalent sur %ld jours, au-delà "
		    "des deux semaines que le label prévoit.", rep->span);
	if (rep->holidays_unknown)
		results_note(r, "Le calendrier scolaire de la zone du site ne "
		    "couvre pas la période : les vacances scolaires n’ont pas "
		    "pu être vérifiées.");
	if (rep->outside_slot > 0)
		note_count(r, rep->outside_slot, "contact a été enregistré",
		    "contacts ont été enregistrés", "en dehors des créneaux "
		    "prévus.");
	if (rep->undated > 0)
		note_count(r, rep->undated, "contact n’a pas de date",
		    "contacts n’ont pas de date", ": leur calendrier n’a pas "
		    "pu être vérifié.");
	if (rep->untested > 0) {
		memset(&b, 0, sizeof(b));
		for (i = 0; i < rep->untested && i < SAMPLING_NAMES_MAX; i++) {
			if (i > 0)
				buf_puts(&b, ", ");
			buf_puts(&b, rep->untested_labels[i]);
		}
		if (rep->untested > SAMPLING_NAMES_MAX)
			buf_printf(&b, " et %zu autres",
			    rep->untested - SAMPLING_NAMES_MAX);
		results_note(r, "%s jamais testé%s : %s.", rep->untested > 1 ?
		    "Services" : "Service", rep->untested > 1 ? "s" : "",
		    b.data);
		buf_free(&b);
	}
}
