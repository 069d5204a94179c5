/*
 * The exports a quality referent downloads: a campaign's results as CSV
 * and as XML, its raw responses as CSV (for tools, or for a French
 * spreadsheet), and the small RFC 4180 reader that checks they read back.
 * Everything is written into a struct buf; nothing here prints or exits
 * (but on running out of memory, xmalloc.h).
 *
 * CSV conventions, shared by every CSV written here:
 * - UTF-8; records end with CRLF, the last one too (RFC 4180 2.1, 2.2);
 * - exactly one header row, then one record per row of data, all with
 *   the header's number of fields;
 * - a field is enclosed in double quotes when it holds the separator, a
 *   double quote, a CR or an LF (or is guarded against a spreadsheet,
 *   below, in both dialects), and a double quote inside is doubled (RFC 4180 2.6, 2.7);
 *   line breaks inside free text are kept as they were given, inside
 *   the quotes;
 * - an empty field means "no value": unanswered, not applicable, or not
 *   computable;
 * - numbers are written with a dot as the decimal mark whatever the
 *   locale, with the fewest digits (at most 17) that read back to the
 *   same double: 0.64, not 0.64000000000000001.
 */
#ifndef QUALIMETRE_EXPORT_H
#define QUALIMETRE_EXPORT_H

#include <stddef.h>

#include "buf.h"

struct form;
struct odf;
struct results;

/* The namespace of the results' XML. */
#define EXPORT_RESULTS_NS	"urn:qualimetre:results:1"

/*
 * How a multiple choice's values are joined into one field, in the
 * form's option order: "etrangers | autre". Option values never hold a
 * space or a '|' (forms/form.rng), so the field splits back on it.
 */
#define EXPORT_MULTI_SEP	" | "

/* The UTF-8 byte order mark written before a spreadsheet CSV. */
#define EXPORT_BOM		"\xef\xbb\xbf"

/* Which of the two CSV variants to write. */
enum export_dialect {
	/* RFC 4180 as is, for R, Python, a database: ',' between fields,
	   no byte order mark, every value as stored but for the formula
	   guard below, kept here too because such a file is opened in a
	   spreadsheet all the same: a text starting with '=', '+', '-',
	   '@', a tab or a CR that is not a plain number is written after
	   a single quote. Plain numbers ("-5", "+3", "-0.25") and every
	   coded value, date and key are unchanged. */
	EXPORT_CSV_DATA,
	/* For a spreadsheet in French (Excel, LibreOffice Calc): ';'
	   between fields, as they expect where ',' is the decimal mark; a
	   UTF-8 byte order mark first, without which Excel reads the
	   accents as Windows-1252; and, as in EXPORT_CSV_DATA, a text that
	   a spreadsheet would run as a formula ("CSV injection": it starts
	   with '=', '+', '-', '@', a tab or a CR and is not a plain number
	   such as "-5") is written after a single quote, "'=HYPERLINK(...)",
	   so that it is shown, quote included, and never run. The quote is visible on purpose:
	   a tab would be invisible and trimmed by some importers. */
	EXPORT_CSV_SPREADSHEET,
	EXPORT_CSV__MAX
};

/* One response as the raw export needs it. */
struct export_response {
	const char		*id;		/* the response's UUID */
	const char		*submitted_at;	/* ISO 8601 with its offset,
						   "2026-05-04T10:15:00+02:00" */
	const char		*channel;	/* "web", "paper", "call",
						   "email" */
	const char		*corrected_at;	/* when a paper one was last
						   corrected, ISO 8601, or
						   NULL or "" when never */
	const char		*set_aside;	/* the period that sets it
						   aside from the rates (its
						   id), or NULL */
	const char		*lang;		/* the language a web response
						   was given in ("fr", "en"),
						   or NULL or "" */
	const char *const	*values;	/* values[i] answers the
						   form's question i: the coded
						   value (option, number, date),
						   the free text of a TEXT
						   question, the options of a
						   MULTI joined with
						   EXPORT_MULTI_SEP; NULL when
						   unanswered or not asked */
};

/* A CSV document as export_csv_parse reads it. */
struct export_csv {
	char		***rows;	/* rows[i][j]: field j of record i,
					   NUL-terminated, never NULL */
	size_t		*ncols;		/* ncols[i]: the fields of record i */
	size_t		 nrows;		/* records, the header included */
	int		 bom;		/* the data began with a UTF-8 BOM */
};

/*
 * Appends the results r as CSV (EXPORT_CSV_DATA conventions: ',', no
 * BOM) to out: the header row
 *
 *	criterion,label,n,satisfied,rate,lower,upper,method,target,verdict
 *
 * then one record per criterion, in r's order: the question's key and
 * label, the opinions (n) and the satisfied answers among them, the
 * rate satisfied / n and its 95 % confidence interval as decimals in
 * [0, 1] (empty when n is 0), the interval's method ("wilson",
 * "exact"), the engagement's target as a decimal (empty when the form
 * gives none) and the verdict against it ("above", "met", "below",
 * "inconclusive"; empty when there is no target or no opinion).
 * Nothing is allocated that the caller must free but out's memory.
 */
void	 export_results_csv(const struct results *r, struct buf *out);

/*
 * The same results for a French spreadsheet (EXPORT_CSV_SPREADSHEET: a
 * UTF-8 byte order mark, ';' between fields), as a referent reads them:
 * French headers
 *
 *	Critère;Libellé;Avis exprimés;Satisfaits ou conformes;Taux (%);
 *	Borne basse (%);Borne haute (%);Méthode;Objectif (%);Verdict;
 *	Règles d’échantillonnage;Remarques
 *
 * rates as percentages rounded to one decimal with a decimal comma
 * ("76,4"), the method and the verdict in French ("Wilson", "atteint"),
 * the rules "respectées", "non respectées" or empty.
 */
void	 export_results_sheet(const struct results *r, struct buf *out);

/*
 * Appends the results r to out as an OpenDocument spreadsheet (cgi/
 * results/odf.h) for LibreOffice: a sheet "Résultats", one row per
 * criterion under French headers (Critère, Libellé, Avis exprimés,
 * Satisfaits ou conformes, Sans avis, Taux, Borne basse, Borne haute,
 * Méthode, Objectif, Verdict, Évolution (points), Évolution
 * significative), counts as numbers and rates as percentages that keep
 * their whole value, a cell left empty when it does not apply; then a
 * sheet "Campagne": its title, site, dates, responses, referential,
 * sampling rules and notes. Returns 0, or -1 with *cause (a string that
 * cannot be XML, libzip failing), out then unchanged.
 */
int	 export_results_ods(const struct results *r, struct buf *out,
	    char **cause);

/* The sheet "Résultats" of export_results_ods, called sheet, into the
   open document o, for a document of several campaigns. */
void	 export_results_ods_rows(struct odf *o, const char *sheet,
	    const struct results *r);

/*
 * Appends the results r to out as an XML document in UTF-8 written with
 * libxml2's xmlTextWriter, in the namespace EXPORT_RESULTS_NS:
 *
 *	<results xmlns="urn:qualimetre:results:1" campaign=".." site=".."
 *	    opens-on="YYYY-MM-DD" closes-on=".." kind=".." responses=".."
 *	    level="0.95">
 *	  <criterion key=".." n=".." satisfied=".." rate=".." lower=".."
 *	      upper=".." method=".." target=".." verdict="..">
 *	    <label>..</label>
 *	  </criterion>
 *	  ...
 *	</results>
 *
 * with the figures of export_results_csv, written the same way. An
 * attribute is left out when it does not apply: a NULL string, rate,
 * lower and upper when n is 0, target when there is none, verdict when
 * there is none.
 * Returns 0 on success. On failure returns -1, out is unchanged and
 * *cause holds a message the caller frees: a string that XML cannot
 * hold (not UTF-8, or a control character), or the writer failing.
 */
int	 export_results_xml(const struct results *r, struct buf *out,
	    char **cause);

/*
 * Appends the n responses in rows to out as CSV in the given dialect:
 * one header row
 *
 *	response_id,submitted_at,response_channel,response_corrected_at,
 *	set_aside,response_lang,<key 1>,<key 2>,...
 *
 * with the keys of all f's questions in the form's order (computed
 * delays included), then one record per response, in rows' order
 * (response_corrected_at empty for a response never corrected). Only
 * one header row, of keys, so that tools read the file as plain data;
 * the questions' labels are in results.csv and in the form. The first
 * four names hold an underscore, which no question key may
 * (forms/form.rng), so that they never clash with a key. Each
 * rows[i].values must have form_nquestions(f) entries. Nothing is
 * allocated that the caller must free but out's memory.
 * EXPORT_CSV_SPREADSHEET is for people rather than tools: a BOM, French
 * headers (the questions' short names, or labels), channels in French,
 * moments as "YYYY-MM-DD HH:MM:SS" and each option's label for its code.
 */
void	 export_responses_csv(const struct form *f,
	    const struct export_response *rows, size_t n,
	    enum export_dialect dialect, struct buf *out);

/*
 * export_responses_csv in pieces, for a file written as its rows
 * arrive: the header row, then one record (row->values with
 * form_nquestions(f) entries). Each appends to out; the header and the
 * records of n rows make the bytes export_responses_csv makes.
 */
void	 export_responses_csv_header(const struct form *f,
	    enum export_dialect dialect, struct buf *out);
void	 export_responses_csv_record(const struct form *f,
	    const struct export_response *row, enum export_dialect dialect,
	    struct buf *out);

/*
 * Reads the len bytes at data as CSV with fields separated by sep (','
 * or ';'), strictly as RFC 4180 and the writers above: a leading UTF-8
 * BOM is skipped (and noted in bom); records end with CRLF, the last
 * one may omit it; a field either is enclosed in double quotes, with a
 * doubled quote for a quote and anything else, CR and LF included, as
 * is, or holds no double quote, CR or LF at all. Records may have
 * different numbers of fields: the caller checks. No data at all gives
 * no records.
 * Returns 0 and sets *out to a document the caller frees with
 * export_csv_free. On failure returns -1, *out is untouched and *cause
 * holds a message the caller frees, naming the line ("line 3: a quote
 * inside an unquoted field"): a NUL byte, a bare CR or LF, a stray
 * quote, an unclosed quote, or a sep that is a quote, CR or LF.
 */
int	 export_csv_parse(const char *data, size_t len, char sep,
	    struct export_csv **out, char **cause);

/* Frees a document; export_csv_free(NULL) does nothing. */
void	 export_csv_free(struct export_csv *);

#endif /* QUALIMETRE_EXPORT_H */
