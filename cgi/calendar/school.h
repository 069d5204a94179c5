/*
 * School holiday zones and the Education ministry's open dataset of
 * school holidays ("fr-en-calendrier-scolaire", data.education.gouv.fr),
 * read from its CSV export into periods of days without classes. Pure
 * computation over a buffer: no I/O, nothing printed.
 *
 * The export is UTF-8, often with a byte order mark, ';'-separated,
 * fields quoted when needed, with a header of seven columns named by
 * their labels (Description;Population;Date de début;Date de fin;
 * Académies;Zones;annee_scolaire) or by their field names (description;
 * population;start_date;end_date;location;zones;annee_scolaire), in any
 * order. One row per académie and holiday, pupils' ("-" or "Élèves")
 * and teachers' ("Enseignants") apart.
 *
 * Dates: the ministry gives the day holidays start "after class" and
 * the day classes resume "in the morning" (the dataset's description on
 * data.gouv.fr); the export writes each as the Paris midnight starting
 * that day, in UTC ("2023-10-20T22:00:00+00:00" is Saturday 21 October
 * 2023, when the Toussaint holidays of 2023 started after class). A
 * period is stored as its days without classes: from the day after its
 * start to the day before its end. Two kinds of row name one day only
 * (start = end): "Début des Vacances d'Été", the start of the summer
 * holidays, stored up to 31 August as sql/004 does; and "Pont de
 * l'Ascension", stored from Ascension Thursday to Sunday as sql/011
 * does.
 */
#ifndef QUALIMETRE_SCHOOL_H
#define QUALIMETRE_SCHOOL_H

#include <stddef.h>

/* "2024-2025" and its NUL. */
#define SCHOOL_YEAR_LEN		9
/* The longest label stored (sql/004's CHECK), in characters. */
#define SCHOOL_LABEL_MAX	100
/* The largest file read, in bytes: the whole dataset is about 1 MB. */
#define SCHOOL_CSV_MAX		(32L * 1024 * 1024)
/* At least the number of zones in school_zones. */
#define SCHOOL_ZONES_MAX	16

/* One zone of the school calendar: A, B, C, Corsica or an overseas
   académie. */
struct school_zone {
	const char	*code;		/* stored in site.school_zone and
					   school_holiday.zone: "A", "CORSE" */
	const char	*dataset;	/* the dataset's "Zones": "Zone A",
					   "Corse", "La Réunion" */
	const char	*label;		/* shown: "Zone A", "La Réunion" */
};

/* The zones, A, B and C first; school_nzones of them. */
extern const struct school_zone school_zones[];
extern const size_t school_nzones;

/* The zone of that code, or NULL. */
const struct school_zone *school_zone_by_code(const char *code);

/* One period of days without classes for pupils in one zone. */
struct school_period {
	const struct school_zone *zone;
	long		 first;		/* first day without classes */
	long		 last;		/* last one, included */
	char		*label;		/* the dataset's description */
	char		 year[SCHOOL_YEAR_LEN + 1]; /* "2024-2025" */
	size_t		 line;		/* where the file gave it first */
};

/* What a file held. */
struct school_import {
	struct school_period *periods;	/* one per zone and first day */
	size_t		 nperiods;
	size_t		 nrows;		/* data rows read */
	size_t		 nteachers;	/* rows for teachers, left out */
	size_t		 nduplicates;	/* rows of a period already read */
	int		 zones_seen[SCHOOL_ZONES_MAX]; /* rows per zone,
					   by index in school_zones */
};

/*
 * Reads the CSV export in data (len bytes) into out. Returns 0, or -1
 * with a message naming the line in *cause (the caller frees it); out
 * then holds nothing. Free out with school_import_free in both cases.
 */
int	 school_csv_parse(const char *data, size_t len,
	    struct school_import *out, char **cause);

/* Frees what out holds and empties it; NULL-safe. */
void	 school_import_free(struct school_import *out);

/*
 * Reads one of the dataset's dates: "YYYY-MM-DD", or an ISO 8601 time
 * with seconds and an offset ("2023-10-20T22:00:00+00:00", "...Z") or
 * none (Paris time). Writes the day of the Paris midnight nearest to
 * that instant (a tie goes to the earlier day) and returns 0, or returns
 * -1. The dataset writes Paris midnights; the midnight of any French
 * zone, from UTC-10 to UTC+12, also falls on its own day this way.
 */
int	 school_date_parse(const char *s, long *day);

/* Writes the school year of day, "2024-2025" from 1 September 2024 to
   31 August 2025, into out. */
void	 school_year_of(long day, char out[SCHOOL_YEAR_LEN + 1]);

#endif /* QUALIMETRE_SCHOOL_H */
