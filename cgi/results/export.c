/* The results and responses exports, CSV and XML, and a strict CSV reader. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "buf.h"
#include "chart.h"
#include "export.h"
#include "form.h"
#include "odf.h"
#include "results.h"
#include "stats.h"
#include "utf8.h"
#include "xmalloc.h"

/* Room for "%.17g" of any double, sign and exponent included. */
#define NUMSZ	32

/* The last two repeat on every row what holds for the whole campaign:
   whether its contacts followed the label's sampling rules ("met", "not
   met", "" for a questionnaire) and its notes, joined. */
static const char *const results_columns[] = {
	"criterion", "label", "n", "satisfied", "rate", "lower", "upper",
	"method", "target", "verdict", "sampling_rules", "notes",
};

/* The spreadsheet's French headers, the same columns as results_columns. */
static const char *const sheet_columns[] = {
	"Critère", "Libellé", "Avis exprimés", "Satisfaits ou conformes",
	"Taux (%)", "Borne basse (%)", "Borne haute (%)", "Méthode",
	"Objectif (%)", "Verdict", "Règles d’échantillonnage", "Remarques",
};
_Static_assert(sizeof(sheet_columns) == sizeof(results_columns),
    "one French header per column");

/* And the rules and methods in French. */
static const char *const sheet_rules[RESULTS_RULES__MAX] = {
	[RESULTS_RULES_NONE] = "",
	[RESULTS_RULES_MET] = "respectées",
	[RESULTS_RULES_NOT_MET] = "non respectées",
};
static const char *const sheet_methods[STATS_METHOD__MAX] = {
	[STATS_WILSON] = "Wilson",
	[STATS_EXACT] = "exacte (Clopper-Pearson)",
	[STATS_JEFFREYS] = "Jeffreys",
	[STATS_AGRESTI_COULL] = "Agresti-Coull",
	[STATS_WALD] = "Wald",
};

/* How results_columns' "sampling_rules" and the XML spell r->rules. */
static const char *const rules_names[RESULTS_RULES__MAX] = {
	[RESULTS_RULES_NONE] = "",
	[RESULTS_RULES_MET] = "met",
	[RESULTS_RULES_NOT_MET] = "not met",
};

/* Between two notes in one CSV field. */
#define NOTES_SEP	" | "
#define NRESULTS_COLUMNS \
	(sizeof(results_columns) / sizeof(results_columns[0]))

static const char *const responses_columns[] = {
	"response_id", "submitted_at", "response_channel",
	"response_corrected_at", "set_aside", "response_lang",
};
#define NRESPONSES_COLUMNS \
	(sizeof(responses_columns) / sizeof(responses_columns[0]))

/* The spreadsheet's French headers, the same columns. */
static const char *const sheet_responses_columns[] = {
	"Réponse", "Envoyée le (UTC)", "Canal", "Corrigée le (UTC)",
	"Mise à l’écart (période)", "Langue",
};
_Static_assert(sizeof(sheet_responses_columns) == sizeof(responses_columns),
    "one French header per column");

/* The channels of response.channel (sql/001), in French. */
static const struct {
	const char	*code;
	const char	*name;
} sheet_channels[] = {
	{ "web", "en ligne" },
	{ "paper", "papier" },
	{ "call", "appel" },
	{ "email", "courriel" },
};

static const char dialect_sep[EXPORT_CSV__MAX] = {
	[EXPORT_CSV_DATA] = ',',
	[EXPORT_CSV_SPREADSHEET] = ';',
};

/*
 * Writes v into dst with the fewest significant digits that read back
 * to v, and a dot as the decimal mark: printf and strtod follow
 * LC_NUMERIC, which a program may have set to a French locale.
 */
static void
fmt_double(char *dst, size_t sz, double v)
{
	const char	*dp = localeconv()->decimal_point;
	size_t		 dplen = strlen(dp);
	char		*p;
	int		 prec;

	/* Both use the same locale, so the round trip test holds. */
	for (prec = 1; prec < 17; prec++) {
		snprintf(dst, sz, "%.*g", prec, v);
		if (strtod(dst, NULL) == v)
			break;
	}
	if (prec == 17)
		snprintf(dst, sz, "%.17g", v);
	if (dplen == 0 || strcmp(dp, ".") == 0)
		return;
	if ((p = strstr(dst, dp)) != NULL) {
		*p = '.';
		memmove(p + 1, p + dplen, strlen(p + dplen) + 1);
	}
}

/* Writes a rate, a bound or a target, or nothing when it has no value. */
static void
fmt_rate(char *dst, size_t sz, double v)
{
	if (isfinite(v) && v >= 0)
		fmt_double(dst, sz, v);
	else
		dst[0] = '\0';
}

/* Whether s is a plain decimal number, which no spreadsheet runs. */
static int
csv_is_number(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* Whether a spreadsheet would take s for a formula (OWASP's list). */
static int
csv_is_formula(const char *s)
{
	if (strchr("=+-@\t\r", s[0]) == NULL || s[0] == '\0')
		return 0;
	return !csv_is_number(s);
}

/* Appends one field, enclosed and neutralised as the dialect wants. */
static void
csv_field(struct buf *out, const char *s, enum export_dialect d)
{
	char		 sep = dialect_sep[d];
	const char	*p;
	int		 quote, neutralise;

	if (s == NULL)
		return;
	/* In both dialects: a file made for tools is opened in a
	   spreadsheet all the same. */
	neutralise = csv_is_formula(s);
	quote = neutralise;
	for (p = s; *p != '\0' && !quote; p++)
		if (*p == sep || *p == '"' || *p == '\r' || *p == '\n')
			quote = 1;
	if (!quote) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	if (neutralise)
		buf_putc(out, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

/* Appends a record of n fields and its CRLF. */
static void
csv_record(struct buf *out, const char *const *fields, size_t n,
    enum export_dialect d)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, dialect_sep[d]);
		csv_field(out, fields[i], d);
	}
	buf_puts(out, "\r\n");
}

/* The figures of one row as strings, shared by CSV and XML. */
struct figures {
	char		 n[NUMSZ];
	char		 satisfied[NUMSZ];
	char		 rate[NUMSZ];		/* "" when none */
	char		 lower[NUMSZ];
	char		 upper[NUMSZ];
	char		 target[NUMSZ];
	const char	*method;		/* NULL when none */
	const char	*verdict;
};

static void
figures_make(struct figures *fg, const struct results_row *row)
{
	snprintf(fg->n, sizeof(fg->n), "%lld", row->n);
	snprintf(fg->satisfied, sizeof(fg->satisfied), "%lld",
	    row->satisfied);
	/* With no opinion there is no rate, whatever the struct holds. */
	if (row->n > 0) {
		fmt_rate(fg->rate, sizeof(fg->rate), row->rate);
		fmt_rate(fg->lower, sizeof(fg->lower), row->lower);
		fmt_rate(fg->upper, sizeof(fg->upper), row->upper);
	} else
		fg->rate[0] = fg->lower[0] = fg->upper[0] = '\0';
	fmt_rate(fg->target, sizeof(fg->target), row->target);
	fg->method = stats_method_name(row->method);
	fg->verdict = row->has_verdict ? stats_verdict_name(row->verdict) :
	    NULL;
}

void
export_results_csv(const struct results *r, struct buf *out)
{
	const char	*fields[NRESULTS_COLUMNS];
	struct figures	 fg;
	struct buf	 notes;
	size_t		 i;

	memset(&notes, 0, sizeof(notes));
	for (i = 0; i < r->nnotes; i++) {
		if (i > 0)
			buf_puts(&notes, NOTES_SEP);
		buf_puts(&notes, r->notes[i]);
	}
	csv_record(out, results_columns, NRESULTS_COLUMNS, EXPORT_CSV_DATA);
	for (i = 0; i < r->nrows; i++) {
		figures_make(&fg, &r->rows[i]);
		fields[0] = r->rows[i].key;
		fields[1] = r->rows[i].label;
		fields[2] = fg.n;
		fields[3] = fg.satisfied;
		fields[4] = fg.rate;
		fields[5] = fg.lower;
		fields[6] = fg.upper;
		fields[7] = fg.method;
		fields[8] = fg.target;
		fields[9] = fg.verdict;
		fields[10] = r->rules < RESULTS_RULES__MAX ?
		    rules_names[r->rules] : "";
		fields[11] = notes.len > 0 ? notes.data : "";
		csv_record(out, fields, NRESULTS_COLUMNS, EXPORT_CSV_DATA);
	}
	buf_free(&notes);
}

/* Writes the rate v in [0, 1] as a percentage with one decimal and a
   decimal comma ("76,4"), whatever the locale; "" when there is none. */
static void
fmt_percent_fr(char *dst, size_t sz, double v)
{
	long long	t;

	if (!isfinite(v) || v < 0) {
		dst[0] = '\0';
		return;
	}
	t = llround(v * 1000.0);
	snprintf(dst, sz, "%lld,%lld", t / 10, t % 10);
}

void
export_results_sheet(const struct results *r, struct buf *out)
{
	const char		*fields[NRESULTS_COLUMNS];
	const struct results_row *row;
	char			 n[NUMSZ], sat[NUMSZ], rate[NUMSZ], lo[NUMSZ];
	char			 hi[NUMSZ], target[NUMSZ];
	struct buf		 notes;
	size_t			 i;

	memset(&notes, 0, sizeof(notes));
	for (i = 0; i < r->nnotes; i++) {
		if (i > 0)
			buf_puts(&notes, NOTES_SEP);
		buf_puts(&notes, r->notes[i]);
	}
	buf_puts(out, EXPORT_BOM);
	csv_record(out, sheet_columns, NRESULTS_COLUMNS,
	    EXPORT_CSV_SPREADSHEET);
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		snprintf(n, sizeof(n), "%lld", row->n);
		snprintf(sat, sizeof(sat), "%lld", row->satisfied);
		fmt_percent_fr(rate, sizeof(rate), row->n > 0 ? row->rate :
		    NAN);
		fmt_percent_fr(lo, sizeof(lo), row->n > 0 ? row->lower : NAN);
		fmt_percent_fr(hi, sizeof(hi), row->n > 0 ? row->upper : NAN);
		fmt_percent_fr(target, sizeof(target), row->target);
		fields[0] = row->key;
		fields[1] = row->label;
		fields[2] = n;
		fields[3] = sat;
		fields[4] = rate;
		fields[5] = lo;
		fields[6] = hi;
		fields[7] = row->method < STATS_METHOD__MAX ?
		    sheet_methods[row->method] : "";
		fields[8] = target;
		fields[9] = row->has_verdict && row->verdict <
		    STATS_VERDICT__MAX ? chart_verdict_name(row->verdict) : "";
		fields[10] = r->rules < RESULTS_RULES__MAX ?
		    sheet_rules[r->rules] : "";
		fields[11] = notes.len > 0 ? notes.data : "";
		csv_record(out, fields, NRESULTS_COLUMNS,
		    EXPORT_CSV_SPREADSHEET);
	}
	buf_free(&notes);
}

/* The columns of resultats.ods's first sheet, and their widths (cm). */
static const struct {
	const char	*name;
	double		 width;
} ods_columns[] = {
	{ "Critère", 5.0 }, { "Libellé", 9.0 }, { "Avis exprimés", 2.8 },
	{ "Satisfaits ou conformes", 2.8 }, { "Sans avis", 2.2 },
	{ "Taux", 2.2 }, { "Borne basse", 2.4 }, { "Borne haute", 2.4 },
	{ "Méthode", 2.4 }, { "Objectif", 2.2 }, { "Verdict", 3.0 },
	{ "Évolution (points)", 3.0 }, { "Évolution significative", 3.0 },
};
#define NODS_COLUMNS	(sizeof(ods_columns) / sizeof(ods_columns[0]))

/* The header row of columns cols, of n. */
static void
ods_header(struct odf *o, const char *sheet, const char *const *cols,
    const double *widths, size_t n)
{
	size_t	i;

	odf_table_open(o, sheet, n, widths);
	odf_row_open(o, 1);
	for (i = 0; i < n; i++)
		odf_cell_string(o, cols[i]);
	odf_row_close(o);
}

/* A row of the campaign sheet: a name and a text, or "" for none. */
static void
ods_pair(struct odf *o, const char *name, const char *value)
{
	odf_row_open(o, 0);
	odf_cell_string(o, name);
	odf_cell_string(o, value != NULL ? value : "");
	odf_row_close(o);
}

void
export_results_ods_rows(struct odf *o, const char *sheet,
    const struct results *r)
{
	const struct results_row	*row;
	const char			*cols[NODS_COLUMNS];
	double				 widths[NODS_COLUMNS];
	size_t				 i;

	for (i = 0; i < NODS_COLUMNS; i++) {
		cols[i] = ods_columns[i].name;
		widths[i] = ods_columns[i].width;
	}
	ods_header(o, sheet, cols, widths, NODS_COLUMNS);
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		odf_row_open(o, 0);
		odf_cell_string(o, row->short_label != NULL ?
		    row->short_label : row->key);
		odf_cell_string(o, row->label);
		odf_cell_float(o, (double)row->n, 0);
		odf_cell_float(o, (double)row->satisfied, 0);
		odf_cell_float(o, (double)row->no_opinion, 0);
		odf_cell_percent(o, row->n > 0 ? row->rate : NAN, 1);
		odf_cell_percent(o, row->n > 0 ? row->lower : NAN, 1);
		odf_cell_percent(o, row->n > 0 ? row->upper : NAN, 1);
		odf_cell_string(o, row->method < STATS_METHOD__MAX ?
		    sheet_methods[row->method] : "");
		odf_cell_percent(o, row->target >= 0 ? row->target : NAN,
		    chart_target_decimals(row->target));
		odf_cell_string(o, row->has_verdict && row->verdict <
		    STATS_VERDICT__MAX ? chart_verdict_name(row->verdict) : "");
		if (row->change.present) {
			odf_cell_float(o, row->change.diff * 100.0, 1);
			odf_cell_string(o, row->change.significant ? "oui" :
			    "non");
		} else {
			odf_cell_empty(o);
			odf_cell_empty(o);
		}
		odf_row_close(o);
	}
	odf_table_close(o);
}

int
export_results_ods(const struct results *r, struct buf *out, char **cause)
{
	static const char *const cols[] = { "Rubrique", "Valeur" };
	static const double	 widths[] = { 6.0, 16.0 };
	struct odf		*o;
	char			 n[NUMSZ];
	size_t			 i;
	int			 rc;

	o = odf_create(ODF_SPREADSHEET, r->campaign);
	export_results_ods_rows(o, "Résultats", r);
	ods_header(o, "Campagne", cols, widths, 2);
	ods_pair(o, "Campagne", r->campaign);
	ods_pair(o, "Site", r->site);
	odf_row_open(o, 0);
	odf_cell_string(o, "Ouverture");
	odf_cell_date(o, r->opens_on);
	odf_row_close(o);
	odf_row_open(o, 0);
	odf_cell_string(o, "Clôture");
	odf_cell_date(o, r->closes_on);
	odf_row_close(o);
	odf_row_open(o, 0);
	odf_cell_string(o, "Réponses comptées");
	odf_cell_float(o, (double)r->responses, 0);
	odf_row_close(o);
	ods_pair(o, "Référentiel", r->referential);
	ods_pair(o, "Règles d’échantillonnage", r->rules < RESULTS_RULES__MAX ?
	    sheet_rules[r->rules] : "");
	snprintf(n, sizeof(n), "%.0f %%", RESULTS_LEVEL * 100);
	ods_pair(o, "Niveau de confiance des intervalles", n);
	for (i = 0; i < r->nnotes; i++)
		ods_pair(o, "Remarque", r->notes[i]);
	odf_table_close(o);
	rc = odf_finish(o, out, cause);
	odf_free(o);
	return rc;
}

/* A response's channel as a spreadsheet shows it: in French. */
static const char *
sheet_channel(const char *code)
{
	size_t	i;

	for (i = 0; i < sizeof(sheet_channels) / sizeof(sheet_channels[0]);
	    i++)
		if (code != NULL && strcmp(sheet_channels[i].code, code) == 0)
			return sheet_channels[i].name;
	return code;
}

/*
 * A moment "YYYY-MM-DDTHH:MM:SSZ" as a French spreadsheet reads a date
 * and time, "YYYY-MM-DD HH:MM:SS" (the header says UTC), in *out, which
 * the caller frees; NULL stays NULL.
 */
static const char *
sheet_moment(const char *iso, char **out)
{
	size_t	len;
	char	*p;

	if (iso == NULL)
		return NULL;
	*out = xstrdup(iso);
	if ((p = strchr(*out, 'T')) != NULL)
		*p = ' ';
	if ((len = strlen(*out)) > 0 && (*out)[len - 1] == 'Z')
		(*out)[len - 1] = '\0';
	return *out;
}

/*
 * An answer of q as a person reads it: each code (a multiple choice's
 * are joined by EXPORT_MULTI_SEP) by its option's label, anything else
 * as it is. Writes into *out, which the caller frees, when it changes.
 */
static const char *
sheet_answer(const struct form_question *q, const char *v, char **out)
{
	const struct form_option	*o;
	struct buf			 b = { NULL, 0, 0 };
	const char			*p, *end;
	char				*code;

	if (v == NULL || *v == '\0' || q->noptions == 0)
		return v;
	for (p = v; ; p = end + strlen(EXPORT_MULTI_SEP)) {
		end = strstr(p, EXPORT_MULTI_SEP);
		code = end != NULL ? xstrndup(p, (size_t)(end - p)) :
		    xstrdup(p);
		if (p != v)
			buf_puts(&b, EXPORT_MULTI_SEP);
		o = form_option_find(q, code);
		buf_puts(&b, o != NULL ? o->label : code);
		free(code);
		if (end == NULL)
			break;
	}
	*out = xstrndup(b.data, b.len);
	buf_free(&b);
	return *out;
}

void
export_responses_csv_header(const struct form *f,
    enum export_dialect dialect, struct buf *out)
{
	const struct form_question	*q;
	const char			**fields;
	size_t				  nq = form_nquestions(f), ncols, j;
	int				  sheet = dialect == EXPORT_CSV_SPREADSHEET;

	ncols = NRESPONSES_COLUMNS + nq;
	fields = xreallocarray(NULL, ncols, sizeof(*fields));
	if (sheet)
		buf_puts(out, EXPORT_BOM);
	for (j = 0; j < NRESPONSES_COLUMNS; j++)
		fields[j] = sheet ? sheet_responses_columns[j] :
		    responses_columns[j];
	for (j = 0; j < nq; j++) {
		q = form_question(f, j);
		fields[NRESPONSES_COLUMNS + j] = !sheet ? q->key :
		    q->short_label != NULL ? q->short_label : q->label;
	}
	csv_record(out, fields, ncols, dialect);
	free(fields);
}

void
export_responses_csv_record(const struct form *f,
    const struct export_response *row, enum export_dialect dialect,
    struct buf *out)
{
	const char	**fields;
	char		**made;
	size_t		  nq = form_nquestions(f), ncols, j;

	ncols = NRESPONSES_COLUMNS + nq;
	fields = xreallocarray(NULL, ncols, sizeof(*fields));
	/* What a spreadsheet's row shows in place of codes. */
	made = xcalloc(ncols, sizeof(*made));
	fields[0] = row->id;
	fields[1] = row->submitted_at;
	fields[2] = row->channel;
	fields[3] = row->corrected_at;
	fields[4] = row->set_aside;
	fields[5] = row->lang;
	for (j = 0; j < nq; j++)
		fields[NRESPONSES_COLUMNS + j] = row->values[j];
	if (dialect == EXPORT_CSV_SPREADSHEET) {
		fields[1] = sheet_moment(fields[1], &made[1]);
		fields[2] = sheet_channel(fields[2]);
		fields[3] = sheet_moment(fields[3], &made[3]);
		for (j = 0; j < nq; j++)
			fields[NRESPONSES_COLUMNS + j] = sheet_answer(
			    form_question(f, j), row->values[j],
			    &made[NRESPONSES_COLUMNS + j]);
	}
	csv_record(out, fields, ncols, dialect);
	for (j = 0; j < ncols; j++)
		free(made[j]);
	free(made);
	free(fields);
}

void
export_responses_csv(const struct form *f,
    const struct export_response *rows, size_t n,
    enum export_dialect dialect, struct buf *out)
{
	size_t	i;

	export_responses_csv_header(f, dialect, out);
	for (i = 0; i < n; i++)
		export_responses_csv_record(f, &rows[i], dialect, out);
}

/*
 * Whether XML 1.0 can hold s as text: UTF-8, and only the characters of
 * its production Char (no C0 control but tab, LF, CR; no U+FFFE, U+FFFF).
 * The writer would copy anything else and make the document unreadable.
 */
static int
xml_text_ok(const char *s)
{
	const unsigned char	*p;
	size_t			 len = strlen(s);

	if (!utf8_valid(s, len))
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
		if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe ||
		    p[2] == 0xbf))
			return 0;
	}
	return 1;
}

#define XML_BAD	"not UTF-8, or a character XML forbids"

/* Checks every string of r; sets *cause and returns -1 on the first bad. */
static int
xml_check(const struct results *r, char **cause)
{
	const struct {
		const char	*what;
		const char	*s;
	} meta[] = {
		{ "campaign title", r->campaign },
		{ "site name", r->site },
		{ "opening date", r->opens_on },
		{ "closing date", r->closes_on },
		{ "kind", r->kind },
	};
	size_t	i;

	for (i = 0; i < sizeof(meta) / sizeof(meta[0]); i++) {
		if (meta[i].s != NULL && !xml_text_ok(meta[i].s)) {
			xasprintf(cause, "results XML: %s: " XML_BAD,
			    meta[i].what);
			return -1;
		}
	}
	for (i = 0; i < r->nnotes; i++)
		if (!xml_text_ok(r->notes[i])) {
			xasprintf(cause, "results XML: note %zu: " XML_BAD,
			    i + 1);
			return -1;
		}
	for (i = 0; i < r->nrows; i++) {
		if (r->rows[i].key == NULL || !xml_text_ok(r->rows[i].key)) {
			xasprintf(cause, "results XML: key of criterion "
			    "%zu: missing, " XML_BAD, i + 1);
			return -1;
		}
		if (r->rows[i].label != NULL &&
		    !xml_text_ok(r->rows[i].label)) {
			xasprintf(cause, "results XML: label of criterion "
			    "%s: " XML_BAD, r->rows[i].key);
			return -1;
		}
	}
	return 0;
}

/* Writes the attribute name="value", or nothing when value is NULL or "". */
static int
xml_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return 0;
	return xmlTextWriterWriteAttribute(w, BAD_CAST name,
	    BAD_CAST value) < 0 ? -1 : 0;
}

/* Writes one <criterion> element. */
static int
xml_criterion(xmlTextWriterPtr w, const struct results_row *row)
{
	struct figures	fg;

	figures_make(&fg, row);
	if (xmlTextWriterStartElement(w, BAD_CAST "criterion") < 0 ||
	    xml_attr(w, "key", row->key) == -1 ||
	    xml_attr(w, "n", fg.n) == -1 ||
	    xml_attr(w, "satisfied", fg.satisfied) == -1 ||
	    xml_attr(w, "rate", fg.rate) == -1 ||
	    xml_attr(w, "lower", fg.lower) == -1 ||
	    xml_attr(w, "upper", fg.upper) == -1 ||
	    xml_attr(w, "method", fg.method) == -1 ||
	    xml_attr(w, "target", fg.target) == -1 ||
	    xml_attr(w, "verdict", fg.verdict) == -1)
		return -1;
	if (row->label != NULL && xmlTextWriterWriteElement(w,
	    BAD_CAST "label", BAD_CAST row->label) < 0)
		return -1;
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* Writes the whole document; returns -1 when the writer fails. */
static int
xml_document(xmlTextWriterPtr w, const struct results *r)
{
	char	responses[NUMSZ], level[NUMSZ], aside[NUMSZ];
	size_t	i;

	snprintf(responses, sizeof(responses), "%lld", r->responses);
	snprintf(aside, sizeof(aside), "%lld", r->set_aside);
	fmt_double(level, sizeof(level), RESULTS_LEVEL);
	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElementNS(w, NULL, BAD_CAST "results",
	    BAD_CAST EXPORT_RESULTS_NS) < 0 ||
	    xml_attr(w, "campaign", r->campaign) == -1 ||
	    xml_attr(w, "site", r->site) == -1 ||
	    xml_attr(w, "opens-on", r->opens_on) == -1 ||
	    xml_attr(w, "closes-on", r->closes_on) == -1 ||
	    xml_attr(w, "kind", r->kind) == -1 ||
	    xml_attr(w, "responses", responses) == -1 ||
	    xml_attr(w, "level", level) == -1 ||
	    xml_attr(w, "set-aside", aside) == -1 ||
	    (r->rules != RESULTS_RULES_NONE && r->rules < RESULTS_RULES__MAX &&
	    xml_attr(w, "sampling-rules", rules_names[r->rules]) == -1))
		return -1;
	for (i = 0; i < r->nnotes; i++)
		if (xmlTextWriterWriteElement(w, BAD_CAST "note",
		    BAD_CAST r->notes[i]) < 0)
			return -1;
	for (i = 0; i < r->nrows; i++)
		if (xml_criterion(w, &r->rows[i]) == -1)
			return -1;
	/* Closes <results> and flushes into the memory buffer. */
	if (xmlTextWriterEndDocument(w) < 0)
		return -1;
	return 0;
}

int
export_results_xml(const struct results *r, struct buf *out, char **cause)
{
	xmlBufferPtr	 xb = NULL;
	xmlTextWriterPtr w = NULL;
	int		 rc = -1;

	if (xml_check(r, cause) == -1)
		goto out;
	if ((xb = xmlBufferCreate()) == NULL ||
	    (w = xmlNewTextWriterMemory(xb, 0)) == NULL) {
		xasprintf(cause, "results XML: cannot create the writer");
		goto out;
	}
	if (xml_document(w, r) == -1) {
		xasprintf(cause, "results XML: libxml2's writer failed");
		goto out;
	}
	/* Freeing the writer flushes what it still holds into xb. */
	xmlFreeTextWriter(w);
	w = NULL;
	buf_put(out, (const char *)xmlBufferContent(xb),
	    (size_t)xmlBufferLength(xb));
	rc = 0;
out:
	xmlFreeTextWriter(w);		/* NULL-safe */
	xmlBufferFree(xb);		/* NULL-safe */
	return rc;
}

/* A record being read: its fields so far. */
struct csv_rec {
	char	**fields;
	size_t	  n;
	size_t	  cap;
};

static void
rec_add(struct csv_rec *rec, const struct buf *field)
{
	if (rec->n == rec->cap) {
		rec->cap = rec->cap == 0 ? 16 : rec->cap * 2;
		rec->fields = xreallocarray(rec->fields, rec->cap,
		    sizeof(*rec->fields));
	}
	rec->fields[rec->n++] = field->len == 0 ? xstrdup("") :
	    xstrndup(field->data, field->len);
}

static void
rec_free(struct csv_rec *rec)
{
	size_t	i;

	for (i = 0; i < rec->n; i++)
		free(rec->fields[i]);
	free(rec->fields);
	rec->fields = NULL;
	rec->n = rec->cap = 0;
}

/* Hands rec over to c as its next record; rec is empty afterwards. */
static void
csv_add(struct export_csv *c, size_t *cap, struct csv_rec *rec)
{
	if (c->nrows == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		c->rows = xreallocarray(c->rows, *cap, sizeof(*c->rows));
		c->ncols = xreallocarray(c->ncols, *cap, sizeof(*c->ncols));
	}
	c->rows[c->nrows] = rec->fields;
	c->ncols[c->nrows] = rec->n;
	c->nrows++;
	rec->fields = NULL;
	rec->n = rec->cap = 0;
}

int
export_csv_parse(const char *data, size_t len, char sep,
    struct export_csv **out, char **cause)
{
	struct export_csv	*c;
	struct csv_rec		 rec = { NULL, 0, 0 };
	struct buf		 field = { NULL, 0, 0 };
	size_t			 i = 0, line = 1, start, cap = 0;
	int			 rc = -1;

	c = xcalloc(1, sizeof(*c));
	if (sep == '"' || sep == '\r' || sep == '\n' || sep == '\0') {
		xasprintf(cause, "CSV: a separator cannot be a quote, CR, "
		    "LF or NUL");
		goto out;
	}
	if (len >= 3 && memcmp(data, EXPORT_BOM, 3) == 0) {
		c->bom = 1;
		i = 3;
	}
	while (i < len) {
		/* One field; i is at its first byte. */
		buf_reset(&field);
		if (data[i] == '"') {
			start = line;
			for (i++;; i++) {
				if (i == len) {
					xasprintf(cause, "line %zu: a quoted "
					    "field is not closed", start);
					goto out;
				}
				if (data[i] == '"') {
					if (i + 1 < len && data[i + 1] == '"')
						i++;
					else
						break;
				} else if (data[i] == '\0') {
					xasprintf(cause, "line %zu: a NUL "
					    "byte", line);
					goto out;
				} else if (data[i] == '\n')
					line++;
				buf_putc(&field, data[i]);
			}
			i++;		/* the closing quote */
			if (i < len && data[i] != sep && data[i] != '\r' &&
			    data[i] != '\n') {
				xasprintf(cause, "line %zu: text after a "
				    "closing quote", line);
				goto out;
			}
		} else {
			for (; i < len && data[i] != sep && data[i] != '\r' &&
			    data[i] != '\n'; i++) {
				if (data[i] == '"' || data[i] == '\0') {
					xasprintf(cause, "line %zu: a %s "
					    "inside an unquoted field", line,
					    data[i] == '"' ? "quote" :
					    "NUL byte");
					goto out;
				}
				buf_putc(&field, data[i]);
			}
		}
		rec_add(&rec, &field);
		if (i == len)
			break;
		if (data[i] == sep) {
			/* A separator last starts one more, empty, field. */
			if (++i == len)
				rec_add(&rec, &(struct buf){ NULL, 0, 0 });
			continue;
		}
		if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n') {
			i += 2;
			line++;
			csv_add(c, &cap, &rec);
			continue;
		}
		xasprintf(cause, "line %zu: a bare %s outside quotes", line,
		    data[i] == '\r' ? "CR" : "LF");
		goto out;
	}
	if (rec.n > 0)
		csv_add(c, &cap, &rec);
	*out = c;
	c = NULL;
	rc = 0;
out:
	rec_free(&rec);
	buf_free(&field);
	export_csv_free(c);
	return rc;
}

void
export_csv_free(struct export_csv *c)
{
	size_t	i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->nrows; i++) {
		for (j = 0; j < c->ncols[i]; j++)
			free(c->rows[i][j]);
		free(c->rows[i]);
	}
	free(c->rows);
	free(c->ncols);
	free(c);
}
