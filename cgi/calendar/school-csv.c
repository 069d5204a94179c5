/*
 * The ministry's CSV dataset of school holidays read into periods
 * (school.h says what its dates mean). Apart from school.c so that only
 * the programs that read the file link libcsv.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "cal.h"
#include "school.h"
#include "utf8.h"
#include "xmalloc.h"

static const struct school_zone *
zone_by_dataset(const char *name)
{
	size_t	i;

	for (i = 0; i < school_nzones; i++)
		if (strcmp(name, school_zones[i].dataset) == 0)
			return &school_zones[i];
	return NULL;
}

/* ------------------------------------------------------------ dates */

/* The last Sunday of month m of year y. */
static long
last_sunday(int y, int m)
{
	long	last = cal_day(y, m + 1, 1) - 1;

	return last - cal_weekday(last) % 7;
}

/*
 * Paris's offset from UTC, in seconds, at t seconds after 1970-01-01
 * 00:00 UTC: summer time from the last Sunday of March to the last
 * Sunday of October (of September before 1996), at 01:00 UTC, as the
 * European Union has had it since 1981.
 */
static long
paris_offset(long long t)
{
	int	y, m, d;
	long long start, end;

	cal_ymd((long)(t / 86400 - (t % 86400 < 0)), &y, &m, &d);
	if (y < 1981)
		return 3600;
	start = (long long)last_sunday(y, 3) * 86400 + 3600;
	end = (long long)last_sunday(y, y < 1996 ? 9 : 10) * 86400 + 3600;
	return t >= start && t < end ? 7200 : 3600;
}

/* Reads n digits of s into *v; returns 0 or -1. */
static int
digits(const char *s, int n, int *v)
{
	int	i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
school_date_parse(const char *s, long *day)
{
	char		 date[CAL_DATE_LEN + 1];
	long		 d;
	long long	 t, local;
	int		 hh, mm, ss, oh, om, sign, has_offset = 1;
	const char	*p;

	if (strlen(s) < CAL_DATE_LEN)
		return -1;
	memcpy(date, s, CAL_DATE_LEN);
	date[CAL_DATE_LEN] = '\0';
	if (cal_parse(date, &d) == -1)
		return -1;
	p = s + CAL_DATE_LEN;
	if (*p == '\0') {
		*day = d;
		return 0;
	}
	if (*p != 'T' || digits(p + 1, 2, &hh) == -1 || p[3] != ':' ||
	    digits(p + 4, 2, &mm) == -1 || p[6] != ':' ||
	    digits(p + 7, 2, &ss) == -1 || hh > 23 || mm > 59 || ss > 59)
		return -1;
	p += 9;
	if (*p == 'Z' && p[1] == '\0')
		oh = om = 0, sign = 1;
	else if ((*p == '+' || *p == '-') && digits(p + 1, 2, &oh) == 0 &&
	    p[3] == ':' && digits(p + 4, 2, &om) == 0 && p[6] == '\0' &&
	    oh <= 14 && om <= 59)
		sign = *p == '+' ? 1 : -1;
	else if (*p == '\0')
		has_offset = 0, oh = om = 0, sign = 1;
	else
		return -1;
	t = (long long)d * 86400 + hh * 3600 + mm * 60 + ss;
	if (has_offset) {
		t -= sign * (oh * 3600LL + om * 60);
		local = t + paris_offset(t);
	} else
		local = t;
	/* The nearest midnight, a tie to the earlier one: the ceiling of
	   (local - 12 h) / 1 day. */
	local -= 43200;
	*day = (long)(local >= 0 ? (local + 86399) / 86400 : -(-local /
	    86400));
	return 0;
}

/* ------------------------------------------------------------ CSV */

enum col {
	COL_DESCRIPTION,
	COL_POPULATION,
	COL_START,
	COL_END,
	COL_LOCATION,
	COL_ZONES,
	COL_YEAR,
	COL__MAX
};

/* Each column's label and field name, as the export may name them. */
static const char *const col_names[COL__MAX][2] = {
	[COL_DESCRIPTION] = { "Description", "description" },
	[COL_POPULATION] = { "Population", "population" },
	[COL_START] = { "Date de début", "start_date" },
	[COL_END] = { "Date de fin", "end_date" },
	[COL_LOCATION] = { "Académies", "location" },
	[COL_ZONES] = { "Zones", "zones" },
	[COL_YEAR] = { "annee_scolaire", "annee_scolaire" },
};

#define FIELDS_MAX	16		/* per row: the header has 7 */
#define FIELD_MAX	512		/* bytes per field */

struct reader {
	struct school_import *out;
	size_t		 line;		/* the line being fed */
	int		 header_done;
	int		 col[COL__MAX];	/* field index of each column */
	char		*field[FIELDS_MAX];
	size_t		 nfields;
	size_t		 nheader;	/* fields of the header */
	char		*cause;		/* the first error; stops reading */
};

static void
fail(struct reader *r, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (r->cause != NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	xasprintf(&r->cause, "line %zu: %s", r->line, msg != NULL ? msg :
	    "out of memory");
	free(msg);
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct reader	*r = arg;

	if (r->cause != NULL)
		return;
	if (r->nfields == FIELDS_MAX) {
		fail(r, "more than %d fields", FIELDS_MAX);
		return;
	}
	if (len > FIELD_MAX) {
		fail(r, "field %zu is longer than %d bytes", r->nfields + 1,
		    FIELD_MAX);
		return;
	}
	if (strlen(s) != len || !utf8_valid(s, len)) {
		fail(r, "field %zu is not UTF-8 text", r->nfields + 1);
		return;
	}
	r->field[r->nfields++] = xstrdup(s);
}

static void
fields_clear(struct reader *r)
{
	size_t	i;

	for (i = 0; i < r->nfields; i++)
		free(r->field[i]);
	r->nfields = 0;
}

static void
read_header(struct reader *r)
{
	size_t	i;
	int	c;

	for (c = 0; c < COL__MAX; c++) {
		r->col[c] = -1;
		for (i = 0; i < r->nfields; i++)
			if (strcmp(r->field[i], col_names[c][0]) == 0 ||
			    strcmp(r->field[i], col_names[c][1]) == 0)
				r->col[c] = (int)i;
		if (r->col[c] == -1) {
			fail(r, "not the header of fr-en-calendrier-scolaire:"
			    " no column \"%s\" (or \"%s\")", col_names[c][0],
			    col_names[c][1]);
			return;
		}
	}
	r->nheader = r->nfields;
	r->header_done = 1;
}

/* Whether the school year s is "YYYY-YYYY", the second the next year. */
static int
year_ok(const char *s)
{
	int	a, b;

	return strlen(s) == SCHOOL_YEAR_LEN && digits(s, 4, &a) == 0 &&
	    s[4] == '-' && digits(s + 5, 4, &b) == 0 && b == a + 1;
}

/* Adds the period of the current row, or counts it as a duplicate. */
static void
add_period(struct reader *r, const struct school_zone *z, long first,
    long last, const char *label, const char *year)
{
	struct school_import	*o = r->out;
	struct school_period	*p;
	char			 a[CAL_DATE_LEN + 1], b[CAL_DATE_LEN + 1];
	size_t			 i;

	for (i = 0; i < o->nperiods; i++) {
		p = &o->periods[i];
		if (p->zone != z || p->first != first)
			continue;
		if (p->last == last && strcmp(p->year, year) == 0) {
			o->nduplicates++;
			return;
		}
		cal_format(first, a);
		cal_format(p->last, b);
		fail(r, "%s: a period from %s conflicts with line %zu's, "
		    "which ends on %s", z->dataset, a, p->line, b);
		return;
	}
	o->periods = xreallocarray(o->periods, o->nperiods + 1,
	    sizeof(*o->periods));
	p = &o->periods[o->nperiods++];
	p->zone = z;
	p->first = first;
	p->last = last;
	p->label = xstrdup(label);
	snprintf(p->year, sizeof(p->year), "%s", year);
	p->line = r->line;
}

static void
read_row(struct reader *r)
{
	const struct school_zone *z;
	const char	*desc, *pop, *zone, *year, *s, *e;
	char		 a[CAL_DATE_LEN + 1];
	long		 start, end, first, last, easter;
	size_t		 n;
	int		 y, m, d;

	if (r->nfields != r->nheader) {
		fail(r, "%zu fields, where the header has %zu", r->nfields,
		    r->nheader);
		return;
	}
	r->out->nrows++;
	desc = r->field[r->col[COL_DESCRIPTION]];
	pop = r->field[r->col[COL_POPULATION]];
	zone = r->field[r->col[COL_ZONES]];
	year = r->field[r->col[COL_YEAR]];
	s = r->field[r->col[COL_START]];
	e = r->field[r->col[COL_END]];

	if (strcmp(pop, "Enseignants") == 0) {
		r->out->nteachers++;
		return;
	}
	if (strcmp(pop, "-") != 0 && strcmp(pop, "Élèves") != 0 &&
	    *pop != '\0') {
		fail(r, "unknown population \"%s\" (\"-\", \"Élèves\" or "
		    "\"Enseignants\")", pop);
		return;
	}
	if ((z = zone_by_dataset(zone)) == NULL) {
		fail(r, "unknown zone \"%s\"", zone);
		return;
	}
	n = utf8_length(desc, strlen(desc));
	if (n == 0 || n > SCHOOL_LABEL_MAX) {
		fail(r, "the description must have 1 to %d characters",
		    SCHOOL_LABEL_MAX);
		return;
	}
	if (!year_ok(year)) {
		fail(r, "bad school year \"%s\" (YYYY-YYYY)", year);
		return;
	}
	if (school_date_parse(s, &start) == -1) {
		fail(r, "bad start date \"%s\"", s);
		return;
	}
	if (school_date_parse(e, &end) == -1) {
		fail(r, "bad end date \"%s\"", e);
		return;
	}
	if (end < start) {
		fail(r, "the end date %s precedes the start date %s", e, s);
		return;
	}
	r->out->zones_seen[z - school_zones]++;
	cal_ymd(start, &y, &m, &d);
	if (strncmp(desc, "Pont de l'Ascension", 19) == 0) {
		/* The day given is around Ascension Thursday (the Friday
		   off, or the Wednesday classes end): sql/011's rows. */
		if (cal_easter(y, &easter) == -1 || start < easter + 38 ||
		    start > easter + 40) {
			cal_format(start, a);
			fail(r, "an Ascension bridge on %s, not around "
			    "Ascension", a);
			return;
		}
		first = easter + 39;
		last = first + 3;
	} else if (start == end && (strstr(desc, "Été") != NULL ||
	    strstr(desc, "été") != NULL) && m >= 5 && m <= 8) {
		/* The start of the summer holidays, whose end the dataset
		   leaves to the next school year. */
		first = start + 1;
		last = cal_day(y, 8, 31);
		/* Named for the holidays, as the other periods are. */
		if (strncmp(desc, "Début des Vacances", 19) == 0)
			desc += 11;
	} else {
		first = start + 1;
		last = end - 1;
	}
	if (last < first) {
		fail(r, "no day without classes between %s and %s", s, e);
		return;
	}
	add_period(r, z, first, last, desc, year);
}

static void
on_row(int c, void *arg)
{
	struct reader	*r = arg;

	(void)c;
	if (r->cause == NULL) {
		if (!r->header_done)
			read_header(r);
		else
			read_row(r);
	}
	fields_clear(r);
}

int
school_csv_parse(const char *data, size_t len, struct school_import *out,
    char **cause)
{
	struct csv_parser	 p;
	struct reader		 r;
	const char		*line, *nl, *end = data + len;
	size_t			 n;
	int			 rc = -1, init = 0;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	r.out = out;
	if (len > (size_t)SCHOOL_CSV_MAX) {
		xasprintf(cause, "the file is larger than %ld bytes",
		    SCHOOL_CSV_MAX);
		goto out;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0) {
		xasprintf(cause, "the CSV parser cannot start");
		goto out;
	}
	init = 1;
	csv_set_delim(&p, ';');
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		data += 3;
	/* Line by line, so that a message names the line a row ends on. */
	for (line = data; line < end && r.cause == NULL; line = nl) {
		r.line++;
		nl = memchr(line, '\n', (size_t)(end - line));
		nl = nl != NULL ? nl + 1 : end;
		n = (size_t)(nl - line);
		if (csv_parse(&p, line, n, on_field, on_row, &r) != n)
			fail(&r, "%s", csv_strerror(csv_error(&p)));
	}
	if (r.cause == NULL && csv_fini(&p, on_field, on_row, &r) != 0)
		fail(&r, "%s", csv_strerror(csv_error(&p)));
	if (r.cause == NULL && !r.header_done)
		xasprintf(&r.cause, "the file is empty");
	if (r.cause == NULL && out->nperiods == 0)
		xasprintf(&r.cause, "no period of pupils' holidays in the "
		    "file");
	if (r.cause != NULL) {
		*cause = r.cause;
		r.cause = NULL;
		school_import_free(out);
		goto out;
	}
	rc = 0;
out:
	fields_clear(&r);
	free(r.cause);
	if (init)
		csv_free(&p);
	return rc;
}

void
school_import_free(struct school_import *out)
{
	size_t	i;

	if (out == NULL)
		return;
	for (i = 0; i < out->nperiods; i++)
		free(out->periods[i].label);
	free(out->periods);
	memset(out, 0, sizeof(*out));
}
