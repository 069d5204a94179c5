/*
 * The ministry's CSV of school holidays (fr-en-calendrier-scolaire), read
 * into periods: tests/data/fr-en-calendrier-scolaire.csv, an excerpt in
 * the export's format (byte order mark, labels as header, ';', CRLF,
 * quoted fields, one row per académie, teachers' rows), then each way a
 * file can be wrong. Expected days are those of the official calendar:
 * the Toussaint holidays of 2024 run from "samedi 19 octobre après la
 * classe" to "lundi 4 novembre au matin", i.e. Sunday 20 October to
 * Sunday 3 November without classes (as sql/004 stores them).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "school.h"
#include "tap.h"

#define HEADER	"Description;Population;Date de début;Date de fin;" \
		"Académies;Zones;annee_scolaire\n"
#define TOUSSAINT_A "Vacances de la Toussaint;-;2024-10-18T22:00:00+00:00;" \
		"2024-11-03T23:00:00+00:00;Lyon;Zone A;2024-2025\n"

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*data;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n + 1);
	if (data == NULL || fread(data, 1, (size_t)n, f) != (size_t)n) {
		free(data);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return data;
}

/* The period of zone code starting on first (YYYY-MM-DD), or NULL. */
static const struct school_period *
find(const struct school_import *im, const char *code, const char *first)
{
	long	d;
	size_t	i;

	if (cal_parse(first, &d) == -1)
		return NULL;
	for (i = 0; i < im->nperiods; i++)
		if (strcmp(im->periods[i].zone->code, code) == 0 &&
		    im->periods[i].first == d)
			return &im->periods[i];
	return NULL;
}

/* Whether zone code has a period first..last of school year year. */
static int
has(const struct school_import *im, const char *code, const char *first,
    const char *last, const char *year)
{
	const struct school_period *p = find(im, code, first);
	long	d;

	return p != NULL && cal_parse(last, &d) == 0 && p->last == d &&
	    strcmp(p->year, year) == 0;
}

/* Parses text; returns the cause of its refusal (caller frees), or NULL
   when it was accepted. */
static char *
refusal(const char *text)
{
	struct school_import	 im;
	char			*cause = NULL;

	if (school_csv_parse(text, strlen(text), &im, &cause) == 0) {
		school_import_free(&im);
		return NULL;
	}
	school_import_free(&im);
	return cause;
}

static void
refused(const char *text, const char *expect, const char *what)
{
	char	*cause = refusal(text);

	if (!tap_ok(cause != NULL && strstr(cause, expect) != NULL,
	    "refused: %s", what))
		tap_diag("got \"%s\", want \"%s\"", cause != NULL ? cause :
		    "(accepted)", expect);
	free(cause);
}

static long
day_of(const char *s)
{
	long	d = -999999;

	return school_date_parse(s, &d) == 0 ? d : -999999;
}

static long
date(const char *s)
{
	long	d = -1;

	cal_parse(s, &d);
	return d;
}

int
main(void)
{
	struct school_import	 im;
	const struct school_period *p;
	char			*data, *cause = NULL, year[SCHOOL_YEAR_LEN + 1];
	size_t			 len, i, zones = 0;
	int			 rc;

	tap_plan(45);

	/* ---- dates */
	tap_ok(day_of("2024-10-18T22:00:00+00:00") == date("2024-10-19"),
	    "22:00 UTC in summer time is the next Paris day");
	tap_ok(day_of("2024-11-03T23:00:00+00:00") == date("2024-11-04"),
	    "23:00 UTC in winter time too");
	tap_ok(day_of("2024-10-19T00:00:00+02:00") == date("2024-10-19") &&
	    day_of("2024-10-19T00:00:00") == date("2024-10-19") &&
	    day_of("2024-10-19") == date("2024-10-19"),
	    "a Paris offset, no offset, or a plain date");
	tap_ok(day_of("2024-10-18T20:00:00Z") == date("2024-10-19") &&
	    day_of("2024-10-18T13:00:00+00:00") == date("2024-10-19") &&
	    day_of("2024-10-19T04:00:00+00:00") == date("2024-10-19") &&
	    day_of("2024-10-19T10:00:00+00:00") == date("2024-10-19"),
	    "midnights of La Réunion, Nouvelle-Calédonie, Guadeloupe and "
	    "Polynésie fall on their own day");
	tap_ok(day_of("2024-10-3") == -999999 &&
	    day_of("2024-02-30T22:00:00+00:00") == -999999 &&
	    day_of("2024-10-18T25:00:00+00:00") == -999999 &&
	    day_of("2024-10-18T22:00:00+0000") == -999999 &&
	    day_of("2024-10-18T22:00:00+00:00x") == -999999 &&
	    day_of("20 octobre 2024") == -999999 && day_of("") == -999999,
	    "malformed dates are refused");
	school_year_of(date("2025-08-31"), year);
	rc = strcmp(year, "2024-2025") == 0;
	school_year_of(date("2025-09-01"), year);
	tap_ok(rc && strcmp(year, "2025-2026") == 0,
	    "a school year runs from 1 September to 31 August");
	tap_ok(school_zone_by_code("CORSE") != NULL &&
	    school_zone_by_code("REUNION") != NULL &&
	    school_zone_by_code("D") == NULL && school_zone_by_code("") == NULL,
	    "zone codes");

	/* ---- the excerpt */
	data = slurp(TEST_DATA "/fr-en-calendrier-scolaire.csv", &len);
	tap_ok(data != NULL, "the excerpt is read");
	rc = data != NULL ? school_csv_parse(data, len, &im, &cause) : -1;
	if (!tap_ok(rc == 0, "and accepted"))
		tap_diag("%s", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	tap_ok(im.nrows == 15, "15 rows (%zu)", im.nrows);
	tap_ok(im.nteachers == 2, "2 of teachers, left out (%zu)",
	    im.nteachers);
	tap_ok(im.nduplicates == 1, "1 duplicate of another académie of "
	    "its zone (%zu)", im.nduplicates);
	tap_ok(im.nperiods == 12, "12 periods (%zu)", im.nperiods);
	for (i = 0; i < SCHOOL_ZONES_MAX; i++)
		zones += im.zones_seen[i] > 0;
	tap_ok(zones == 7, "in 7 zones (%zu)", zones);
	tap_ok(has(&im, "A", "2024-10-20", "2024-11-03", "2024-2025"),
	    "Toussaint 2024, zone A: 20 October to 3 November");
	tap_ok(has(&im, "B", "2024-10-20", "2024-11-03", "2024-2025") &&
	    has(&im, "C", "2024-10-20", "2024-11-03", "2024-2025"),
	    "zones B (pupils: \"Élèves\") and C too");
	tap_ok(has(&im, "CORSE", "2024-10-20", "2024-11-03", "2024-2025"),
	    "Corsica");
	tap_ok(has(&im, "GUADELOUPE", "2025-03-02", "2025-03-09", "2024-2025"),
	    "an overseas académie: Guadeloupe");
	tap_ok(has(&im, "REUNION", "2024-10-20", "2024-11-03", "2024-2025") &&
	    has(&im, "NOUVELLE-CALEDONIE", "2024-12-22", "2025-01-05",
	    "2024-2025"), "La Réunion and Nouvelle Calédonie");
	tap_ok(has(&im, "A", "2025-02-23", "2025-03-09", "2024-2025") &&
	    has(&im, "B", "2025-02-09", "2025-02-23", "2024-2025"),
	    "winter 2025, zones A and B, as sql/004 has them");
	tap_ok(has(&im, "B", "2025-04-06", "2025-04-21", "2024-2025"),
	    "quoted fields; spring B resumes on Tuesday 22 April");
	tap_ok(has(&im, "A", "2025-05-29", "2025-06-01", "2024-2025"),
	    "the Ascension bridge (the Friday given), Thursday to Sunday "
	    "as sql/011");
	p = find(&im, "A", "2025-07-06");
	tap_ok(has(&im, "A", "2025-07-06", "2025-08-31", "2024-2025") &&
	    strcmp(p->label, "Vacances d'Été") == 0,
	    "the start of summer: up to 31 August, named for the holidays");
	p = find(&im, "A", "2024-10-20");
	tap_ok(p != NULL && strcmp(p->label, "Vacances de la Toussaint") == 0 &&
	    p->line == 2, "the label is the description; the line is kept");
	tap_ok(find(&im, "A", "2024-10-19") == NULL,
	    "teachers' dates are not taken");
	school_import_free(&im);
	tap_ok(im.nperiods == 0 && im.periods == NULL, "freed and emptied");

	/* The same without BOM, with field names and LF. */
	tap_ok(refusal("description;population;start_date;end_date;location;"
	    "zones;annee_scolaire\n" "Vacances de Noël;-;"
	    "2024-12-20T23:00:00+00:00;2025-01-05T23:00:00+00:00;Corse;Corse;"
	    "2024-2025") == NULL, "field names as header, no BOM, no final "
	    "newline");
	tap_ok(refusal("annee_scolaire;Zones;Description;Population;"
	    "Date de début;Date de fin;Académies\n2024-2025;Zone C;"
	    "Vacances de Noël;-;2024-12-20T23:00:00+00:00;"
	    "2025-01-05T23:00:00+00:00;Paris\n") == NULL,
	    "columns in another order");

	/* ---- bad files */
	refused("", "the file is empty", "an empty file");
	refused("date;zone;nom\n2024-10-19;A;Toussaint\n",
	    "line 1: not the header of fr-en-calendrier-scolaire",
	    "another file's header");
	refused(HEADER, "no period", "a header alone");
	refused(HEADER "Vacances de la Toussaint;Enseignants;"
	    "2024-10-17T22:00:00+00:00;2024-11-04T23:00:00+00:00;Lyon;Zone A;"
	    "2024-2025\n", "no period", "teachers' rows only");
	refused(HEADER TOUSSAINT_A "Vacances de Noël;-;2024-12-20;"
	    "le 6 janvier;Lyon;Zone A;2024-2025\n",
	    "line 3: bad end date \"le 6 janvier\"", "a bad date, with its "
	    "line");
	refused(HEADER TOUSSAINT_A "Vacances de Noël;-;"
	    "2025-01-05T23:00:00+00:00;2024-12-20T23:00:00+00:00;Lyon;Zone A;"
	    "2024-2025\n", "line 3: the end date 2024-12-20T23:00:00+00:00 "
	    "precedes the start date", "an end before its start");
	refused(HEADER "Vacances de Noël;-;2024-12-20T23:00:00+00:00;"
	    "2024-12-21T23:00:00+00:00;Lyon;Zone A;2024-2025\n",
	    "line 2: no day without classes", "a period of no day");
	refused(HEADER TOUSSAINT_A "Vacances de Noël;-;"
	    "2024-12-20T23:00:00+00:00;2025-01-05T23:00:00+00:00;Lyon;Zone D;"
	    "2024-2025\n", "line 3: unknown zone \"Zone D\"",
	    "an unknown zone");
	refused(HEADER "Vacances de Noël;Parents;2024-12-20T23:00:00+00:00;"
	    "2025-01-05T23:00:00+00:00;Lyon;Zone A;2024-2025\n",
	    "line 2: unknown population", "an unknown population");
	refused(HEADER "Vacances de Noël;-;2024-12-20T23:00:00+00:00;"
	    "2025-01-05T23:00:00+00:00;Lyon;Zone A;2024/25\n",
	    "line 2: bad school year", "a bad school year");
	refused(HEADER "Vacances de Noël;-;2024-12-20T23:00:00+00:00;"
	    "2025-01-05T23:00:00+00:00;Lyon;Zone A\n",
	    "line 2: 6 fields, where the header has 7", "a missing field");
	refused(HEADER TOUSSAINT_A "\"Vacances de Noël;-;"
	    "2024-12-20T23:00:00+00:00;2025-01-05T23:00:00+00:00;Lyon;Zone A;"
	    "2024-2025\n", "line 3:", "an unterminated quote");
	refused(HEADER "Vacances de No\xe9l;-;2024-12-20T23:00:00+00:00;"
	    "2025-01-05T23:00:00+00:00;Lyon;Zone A;2024-2025\n",
	    "line 2: field 1 is not UTF-8", "Latin-1 instead of UTF-8");
	refused(HEADER TOUSSAINT_A "Vacances de la Toussaint;-;"
	    "2024-10-18T22:00:00+00:00;2024-11-10T23:00:00+00:00;Dijon;"
	    "Zone A;2024-2025\n", "line 3: Zone A: a period from 2024-10-20 "
	    "conflicts with line 2's", "two académies of a zone that "
	    "disagree");
	refused(HEADER ";-;2024-12-20T23:00:00+00:00;"
	    "2025-01-05T23:00:00+00:00;Lyon;Zone A;2024-2025\n",
	    "line 2: the description must have 1 to 100", "an empty "
	    "description");
	refused(HEADER "Pont de l'Ascension;-;2025-03-06T23:00:00+00:00;"
	    "2025-03-06T23:00:00+00:00;Lyon;Zone A;2024-2025\n",
	    "not around Ascension", "an Ascension bridge in March");
	refused(HEADER "Vacances de Noël;-;2024-12-20T23:00:00+00:00;"
	    "2025-01-05T23:00:00+00:00;Lyon;Zone A;2024-2025;en trop\n",
	    "line 2: 8 fields", "a field too many");

	free(data);
	return tap_done();
}
