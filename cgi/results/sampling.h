/*
 * The label's sampling rules for mystery contacts, checked where the
 * result is read: at least 20 contacts, over the campaign's two weeks,
 * one per half-day, on working days outside school holidays, as planned
 * (in a slot) and covering every service the campaign tests. Knows no
 * HTTP and no SQL: contacts in, a report and French sentences out.
 */
#ifndef QUALIMETRE_SAMPLING_H
#define QUALIMETRE_SAMPLING_H

#include <stddef.h>

struct results;

/* Contacts a mystery campaign needs (calls or emails). */
#define SAMPLING_REQUIRED	20
/* "Over two weeks": the contacts span at most this many days. */
#define SAMPLING_SPAN_DAYS	14
/* A contact at this hour or later is in the afternoon. */
#define SAMPLING_AFTERNOON_HOUR	12
/* Services named at most in one sentence; the others are counted. */
#define SAMPLING_NAMES_MAX	8

/* One contact as recorded. */
struct sampling_contact {
	long		 day;		/* cal_day of its date, or -1 when
					   its date is unknown */
	int		 hour;		/* 0 to 23, or -1 */
	int		 in_slot;	/* recorded in one of its campaign's
					   planned slots */
	const char	*service;	/* the service tested, or NULL */
};

/* A school holiday of the site's zone, both days included. */
struct sampling_period {
	long		 first, last;
};

/* A service the campaign tests. */
struct sampling_service {
	const char	*key;
	const char	*label;
};

/* What the check reads. */
struct sampling_input {
	const struct sampling_contact	*contacts;
	size_t				 ncontacts;
	long				 opens_on, closes_on; /* cal_day */
	const char			*department;	/* public holidays */
	const struct sampling_period	*holidays;	/* the zone's */
	size_t				 nholidays;
	int				 holidays_known; /* the zone's
						   calendar covers the period */
	const struct sampling_service	*services;
	size_t				 nservices;
};

/* What it found. A breach of the label's rules makes met 0, as do fewer
   than SAMPLING_REQUIRED dated contacts; a contact outside a slot and a
   service never tested are said, not breaches. */
struct sampling_report {
	size_t		 contacts;
	size_t		 undated;	/* no date: not judged */
	size_t		 outside_slot;
	size_t		 same_half_day;	/* contacts beyond the first of a
					   half-day */
	size_t		 non_working;	/* a weekend or public holiday */
	size_t		 school_holiday;
	size_t		 outside_period; /* before or after the campaign */
	long		 span;		/* days from the first contact to
					   the last, both counted; 0: none */
	int		 holidays_unknown; /* school holidays not checked */
	size_t		 untested;	/* services with no contact */
	const char	*untested_labels[SAMPLING_NAMES_MAX];
	int		 met;
};

/*
 * Checks in's contacts against the rules into *out. Returns 0, or -1
 * when in is malformed (NULL arrays with counts, a bad department).
 */
int	 sampling_check(const struct sampling_input *in,
	    struct sampling_report *out);

/*
 * Adds to r, in plain French, what the report says: the count of the
 * required contacts, then each breach and remark, one sentence each;
 * sets r->rules to RESULTS_RULES_MET or RESULTS_RULES_NOT_MET.
 */
void	 sampling_notes(const struct sampling_report *rep, struct results *r);

#endif /* QUALIMETRE_SAMPLING_H */
