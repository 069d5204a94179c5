/*
 * results.csv and responses.csv read back, through export_csv_parse, to
 * exactly what was given: quotes, separators, line breaks inside fields,
 * empty fields, the BOM and the formula guard of both variants;
 * and the reader refuses what RFC 4180 does not allow.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "export.h"
#include "form.h"
#include "results.h"
#include "stats.h"
#include "tap.h"

static int	french_locale(void);
static void	french_locale_clean(void);

/* Hand-made results: labels with commas, quotes, a line break, accents. */
static struct results_row rows[] = {
	{ .key = "courtoisie", .label = "Courtoisie, amabilité des agents",
	  .n = 152, .satisfied = 97, .rate = 97.0 / 152,
	  .lower = 0.5592183745612094, .upper = 0.7114055298337273,
	  .method = STATS_WILSON, .target = 0.8, .has_verdict = 1,
	  .verdict = STATS_BELOW },
	{ .key = "langage", .label = "Le \"langage\" était-il clair ?\r\n"
	  "(explications, courriers)", .n = 100, .satisfied = 79,
	  .rate = 0.79, .lower = 0.7002241410641499,
	  .upper = 0.8578716700454265, .method = STATS_WILSON,
	  .target = -1, .has_verdict = 0 },
	{ .key = "point-numerique", .label = "Point d'accueil numérique",
	  .n = 0, .satisfied = 0, .no_opinion = 12, .rate = NAN,
	  .lower = NAN, .upper = NAN, .method = STATS_WILSON,
	  .target = 0.75, .has_verdict = 0 },
	{ .key = "decroche", .label = "Appel décroché", .n = 20,
	  .satisfied = 20, .rate = 1, .lower = 0.8315640069363164,
	  .upper = 1, .method = STATS_EXACT, .target = 0.8,
	  .has_verdict = 1, .verdict = STATS_MET },
	{ .key = "extremes", .label = "", .n = 3, .satisfied = 1,
	  .rate = 1.0 / 3, .lower = 4.9406564584124654e-324,
	  .upper = 0.1 + 0.2, .method = STATS_EXACT, .target = 0,
	  .has_verdict = 1, .verdict = STATS_INCONCLUSIVE },
};
#define NROWS	(sizeof(rows) / sizeof(rows[0]))

static const struct results results = {
	.campaign = "Enquête annuelle 2026",
	.site = "Préfecture de Loir-et-Cher", .opens_on = "2026-04-01",
	.closes_on = "2026-06-30", .kind = "satisfaction", .responses = 164,
	.rows = rows, .nrows = NROWS
};

/* The questions of satisfaction.xml, in order. */
static const char *const keys[] = {
	"motif", "profil", "canal", "courtoisie", "disponibilite", "handicap",
	"difficulte", "langage", "orientation", "signaletique", "delai-rdv",
	"confort", "confidentialite", "attente", "point-numerique",
	"commentaire",
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))
#define COMMENT	15

/* Free texts for the comment, and what the spreadsheet shows of them. */
static const char *const comments[] = {
	"Très bien ; merci.\r\nMais \"trop\" d'attente,\nvraiment.",
	NULL,
	"=HYPERLINK(\"http://exemple.invalid\";\"clic\")",
	"-5",
	"+33 2 54 70 41 41",
	"@SUM(A1:A2)",
	"-",
	"\tindenté",
};
static const char *const shown[] = {
	"Très bien ; merci.\r\nMais \"trop\" d'attente,\nvraiment.",
	"",
	"'=HYPERLINK(\"http://exemple.invalid\";\"clic\")",
	"-5",
	"'+33 2 54 70 41 41",
	"'@SUM(A1:A2)",
	"'-",
	"'\tindenté",
};
#define NRESP	(sizeof(comments) / sizeof(comments[0]))

static int
str_eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static int
starts(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether field reads back as v exactly, or is empty when v is none. */
static int
num_eq(const char *field, double v, int none)
{
	char	*end;
	double	 d;

	if (none)
		return field[0] == '\0';
	d = strtod(field, &end);
	return field[0] != '\0' && *end == '\0' && d == v;
}

/* Whether the record is the expected one for rows[i]. */
static int
results_row_ok(char **f, size_t nf, const struct results_row *row)
{
	char	ll[32];

	if (nf != 12 || !str_eq(f[0], row->key) || !str_eq(f[1], row->label))
		return 0;
	snprintf(ll, sizeof(ll), "%lld", row->n);
	if (!str_eq(f[2], ll))
		return 0;
	snprintf(ll, sizeof(ll), "%lld", row->satisfied);
	if (!str_eq(f[3], ll))
		return 0;
	if (!num_eq(f[4], row->rate, row->n == 0) ||
	    !num_eq(f[5], row->lower, row->n == 0) ||
	    !num_eq(f[6], row->upper, row->n == 0) ||
	    !num_eq(f[8], row->target, row->target < 0))
		return 0;
	if (!str_eq(f[7], stats_method_name(row->method)))
		return 0;
	/* A questionnaire has no sampling rules; this one has no note. */
	return str_eq(f[9], row->has_verdict ?
	    stats_verdict_name(row->verdict) : "") && str_eq(f[10], "") &&
	    str_eq(f[11], "");
}

/*
 * The spreadsheet variant: a BOM, French headers, percentages rounded to
 * one decimal with a comma (97/152 = 63.8157... gives "63,8", its bounds
 * 55.92... and 71.14... "55,9" and "71,1"), the method and verdict in
 * French, empty cells where there is no figure.
 */
static void
test_results_sheet(void)
{
	struct buf		 b = { NULL, 0, 0 };
	struct export_csv	*c = NULL;
	char			*cause = NULL;
	int			 ok;

	export_results_sheet(&results, &b);
	ok = export_csv_parse(b.data, b.len, ';', &c, &cause) == 0;
	tap_ok(ok && c->bom && c->nrows == NROWS + 1 &&
	    str_eq(c->rows[0][0], "Critère") &&
	    str_eq(c->rows[0][4], "Taux (%)") &&
	    str_eq(c->rows[0][10], "Règles d’échantillonnage"),
	    "results, spreadsheet: a BOM, ';' and French headers");
	tap_ok(ok && str_eq(c->rows[1][2], "152") &&
	    str_eq(c->rows[1][4], "63,8") && str_eq(c->rows[1][5], "55,9") &&
	    str_eq(c->rows[1][6], "71,1") && str_eq(c->rows[1][7], "Wilson") &&
	    str_eq(c->rows[1][8], "80,0") &&
	    str_eq(c->rows[1][9], "non atteint"),
	    "results, spreadsheet: rounded percentages with a comma, French "
	    "words");
	tap_ok(ok && str_eq(c->rows[3][4], "") && str_eq(c->rows[3][9], "") &&
	    str_eq(c->rows[4][4], "100,0") &&
	    str_eq(c->rows[4][7], "exacte (Clopper-Pearson)") &&
	    str_eq(c->rows[5][5], "0,0") && str_eq(c->rows[5][8], "0,0"),
	    "results, spreadsheet: no opinion gives empty cells; 100 and 0 "
	    "written whole");
	if (cause != NULL)
		tap_diag("%s", cause);
	free(cause);
	export_csv_free(c);
	buf_free(&b);
}

/* A mystery campaign out of the rules, with notes: on every row. */
static void
test_results_notes(void)
{
	struct results		 r = results;
	struct buf		 b = { NULL, 0, 0 };
	struct export_csv	*c = NULL;
	char			*cause = NULL;
	size_t			 i;
	int			 ok;

	r.kind = "mystery-call";
	r.rules = RESULTS_RULES_NOT_MET;
	results_note(&r, "14 contacts sur les 20 requis.");
	results_note(&r, "Un service jamais testé : « standard ».");
	export_results_csv(&r, &b);
	ok = export_csv_parse(b.data, b.len, ',', &c, &cause) == 0 &&
	    c->nrows == NROWS + 1;
	for (i = 1; ok && i <= NROWS; i++)
		ok = c->ncols[i] == 12 && str_eq(c->rows[i][10], "not met") &&
		    str_eq(c->rows[i][11], "14 contacts sur les 20 requis. | "
		    "Un service jamais testé : « standard ».");
	tap_ok(ok, "results: the rules not met and the notes, on every row");
	if (cause != NULL)
		tap_diag("%s", cause);
	free(cause);
	export_csv_free(c);
	buf_free(&b);
	results_notes_free(&r);
	tap_ok(r.nnotes == 0, "results: the notes are freed");
}

static void
test_results(void)
{
	struct buf		 b = { NULL, 0, 0 }, b2 = { NULL, 0, 0 };
	struct export_csv	*c = NULL;
	char			*cause = NULL;
	size_t			 i;
	int			 ok;

	export_results_csv(&results, &b);
	tap_ok(starts(b.data, "criterion,label,n,satisfied,rate,lower,upper,"
	    "method,target,verdict,sampling_rules,notes\r\n"),
	    "results: the header row, CRLF, no BOM");
	if (!tap_ok(export_csv_parse(b.data, b.len, ',', &c, &cause) == 0,
	    "results: parses as RFC 4180")) {
		tap_diag("%s", cause);
		free(cause);
		buf_free(&b);
		return;
	}
	tap_ok(c->nrows == NROWS + 1 && !c->bom,
	    "results: one record per criterion after the header");
	ok = c->nrows == NROWS + 1;
	for (i = 0; ok && i < NROWS; i++)
		if (!results_row_ok(c->rows[i + 1], c->ncols[i + 1], &rows[i])) {
			tap_diag("criterion %zu differs", i + 1);
			ok = 0;
		}
	tap_ok(ok, "results: every field reads back as given");
	tap_ok(ok && str_eq(c->rows[2][1], rows[1].label),
	    "results: a label with quotes and CRLF reads back");
	tap_ok(ok && str_eq(c->rows[3][4], "") && str_eq(c->rows[3][5], "") &&
	    str_eq(c->rows[3][6], "") && str_eq(c->rows[3][9], "") &&
	    str_eq(c->rows[3][8], "0.75"),
	    "results: no opinion gives no rate, bounds nor verdict");
	tap_ok(ok && str_eq(c->rows[2][8], "") && str_eq(c->rows[2][9], ""),
	    "results: no target gives no target nor verdict");
	tap_ok(strstr(b.data, ",0.79,0.7002241410641499,") != NULL &&
	    strstr(b.data, ",1,0.8315640069363164,1,exact,0.8,met,,\r\n") !=
	    NULL, "results: decimals with a dot and the fewest digits");
	tap_ok(ok && str_eq(c->rows[5][4], "0.3333333333333333") &&
	    str_eq(c->rows[5][5], "5e-324") &&
	    str_eq(c->rows[5][6], "0.30000000000000004") &&
	    str_eq(c->rows[5][8], "0"),
	    "results: 17 digits only when fewer would not read back");
	tap_ok(strstr(b.data, "\"Courtoisie, amabilité des agents\"") !=
	    NULL && strstr(b.data, "\"Le \"\"langage\"\" était") != NULL,
	    "results: quoted fields, quotes doubled, UTF-8 as is");
	export_csv_free(c);

	/* A program may run in a French locale: the dot must stay. */
	if (!french_locale())
		tap_ok(0, "results: same bytes in a French locale (no "
		    "fr_FR.UTF-8, and localedef could not make one)");
	else {
		export_results_csv(&results, &b2);
		tap_ok(b.len == b2.len && memcmp(b.data, b2.data, b.len) == 0,
		    "results: same bytes in a French locale");
		setlocale(LC_NUMERIC, "C");
	}
	french_locale_clean();
	buf_free(&b);
	buf_free(&b2);
}

/*
 * Switches LC_NUMERIC to French (decimal comma). Where fr_FR.UTF-8 is not
 * installed, compiles it into a temporary LOCPATH with localedef (Debian's
 * locales package, which ./start installs). Returns 1 on success.
 */
static int
french_locale(void)
{
	static char	dir[] = "/tmp/qm-locale-XXXXXX";
	char		cmd[256];

	if (setlocale(LC_NUMERIC, "fr_FR.UTF-8") != NULL ||
	    setlocale(LC_NUMERIC, "fr_FR.utf8") != NULL)
		return 1;
	if (mkdtemp(dir) == NULL)
		return 0;
	snprintf(cmd, sizeof(cmd), "localedef -i fr_FR -f UTF-8 "
	    "%s/fr_FR.UTF-8 >/dev/null 2>&1", dir);
	if (system(cmd) != 0 || setenv("LOCPATH", dir, 1) != 0)
		return 0;
	return setlocale(LC_NUMERIC, "fr_FR.UTF-8") != NULL;
}

/* Removes what french_locale made, if anything. */
static void
french_locale_clean(void)
{
	const char	*dir = getenv("LOCPATH");
	char		 cmd[256];

	if (dir == NULL || strncmp(dir, "/tmp/qm-locale-", 15) != 0)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
}

/* Fills resp[i] with values[i] (NKEYS each): varied, some unanswered. */
static void
responses_make(struct export_response *resp, const char *(*values)[NKEYS])
{
	static char	ids[NRESP][40], dates[NRESP][32];
	size_t		i, j;

	for (i = 0; i < NRESP; i++) {
		snprintf(ids[i], sizeof(ids[i]),
		    "7f1c2a4e-0b5d-4c1e-9a7b-00000000000%zu", i);
		snprintf(dates[i], sizeof(dates[i]),
		    "2026-05-%02zuT10:15:00+02:00", i + 1);
		for (j = 0; j < NKEYS; j++)
			values[i][j] = j % 3 == 0 ? "satisfait" :
			    j % 3 == 1 ? "sans-avis" : "etrangers | autre";
		/* An unanswered question, then one the next response skips. */
		values[i][10 - i % 2] = NULL;
		values[i][COMMENT] = comments[i];
		resp[i].id = ids[i];
		resp[i].submitted_at = dates[i];
		resp[i].channel = i % 2 ? "paper" : "web";
		/* One paper response corrected, the others never. */
		resp[i].corrected_at = i == 1 ? "2026-05-20T08:00:00Z" : NULL;
		/* The first response is set aside by period 7. */
		resp[i].set_aside = i == 0 ? "7" : NULL;
		/* The web ones in English and French, paper in none. */
		resp[i].lang = i % 2 ? NULL : i % 4 ? "fr" : "en";
		resp[i].values = values[i];
	}
}

/*
 * Whether the spreadsheet's document read is its French header and the
 * responses as a person reads them: a code by its option's label (found
 * in the form), moments without "T" and "Z", channels in French.
 */
static int
sheet_responses_ok(const struct export_csv *c,
    const struct export_response *resp, const struct form *f)
{
	static const char *const head[] = { "Réponse", "Envoyée le (UTC)",
	    "Canal", "Corrigée le (UTC)", "Mise à l’écart (période)",
	    "Langue" };
	const struct form_question	*q;
	const struct form_option	*o;
	const char			*want;
	size_t				 i, j;

	if (c->nrows != NRESP + 1 || c->ncols[0] != NKEYS + 6)
		return 0;
	for (j = 0; j < 6; j++)
		if (!str_eq(c->rows[0][j], head[j]))
			return 0;
	for (j = 0; j < NKEYS; j++) {
		q = form_question(f, j);
		if (!str_eq(c->rows[0][6 + j], q->short_label != NULL ?
		    q->short_label : q->label))
			return 0;
	}
	for (i = 0; i < NRESP; i++) {
		if (!str_eq(c->rows[i + 1][0], resp[i].id) ||
		    !str_eq(c->rows[i + 1][2], i % 2 ? "papier" : "en ligne") ||
		    !str_eq(c->rows[i + 1][3], i == 1 ?
		    "2026-05-20 08:00:00" : "")) {
			tap_diag("response %zu: wrong identification", i);
			return 0;
		}
		for (j = 0; j < NKEYS; j++) {
			want = resp[i].values[j];
			if (j == COMMENT)
				want = shown[i];
			else if ((o = form_option_find(form_question(f, j),
			    want)) != NULL)
				want = o->label;
			if (!str_eq(c->rows[i + 1][6 + j],
			    want == NULL ? "" : want)) {
				tap_diag("response %zu, %s: \"%s\"", i,
				    keys[j], c->rows[i + 1][6 + j]);
				return 0;
			}
		}
	}
	return 1;
}

/* Whether the document read is the header and the responses, exactly. */
static int
responses_ok(const struct export_csv *c, const struct export_response *resp,
    int spreadsheet, const struct form *f)
{
	const char	*want;
	size_t		 i, j;

	if (spreadsheet)
		return sheet_responses_ok(c, resp, f);
	if (c->nrows != NRESP + 1 || c->ncols[0] != NKEYS + 6 ||
	    !str_eq(c->rows[0][0], "response_id") ||
	    !str_eq(c->rows[0][1], "submitted_at") ||
	    !str_eq(c->rows[0][2], "response_channel") ||
	    !str_eq(c->rows[0][3], "response_corrected_at") ||
	    !str_eq(c->rows[0][4], "set_aside") ||
	    !str_eq(c->rows[0][5], "response_lang"))
		return 0;
	for (j = 0; j < NKEYS; j++)
		if (!str_eq(c->rows[0][6 + j], keys[j]))
			return 0;
	for (i = 0; i < NRESP; i++) {
		if (c->ncols[i + 1] != NKEYS + 6 ||
		    !str_eq(c->rows[i + 1][0], resp[i].id) ||
		    !str_eq(c->rows[i + 1][1], resp[i].submitted_at) ||
		    !str_eq(c->rows[i + 1][2], resp[i].channel) ||
		    !str_eq(c->rows[i + 1][3], resp[i].corrected_at == NULL ?
		    "" : resp[i].corrected_at) ||
		    !str_eq(c->rows[i + 1][4], resp[i].set_aside == NULL ? "" :
		    resp[i].set_aside) ||
		    !str_eq(c->rows[i + 1][5], resp[i].lang == NULL ? "" :
		    resp[i].lang)) {
			tap_diag("response %zu: wrong identification", i);
			return 0;
		}
		for (j = 0; j < NKEYS; j++) {
			want = resp[i].values[j];
			/* The formula guard holds in this dialect too
			   (issue 12, item 9). */
			if (j == COMMENT && want != NULL)
				want = shown[i];
			if (!str_eq(c->rows[i + 1][6 + j],
			    want == NULL ? "" : want)) {
				tap_diag("response %zu, %s: \"%s\"", i,
				    keys[j], c->rows[i + 1][6 + j]);
				return 0;
			}
		}
	}
	return 1;
}

static void
test_responses(const struct form *f)
{
	struct export_response	 resp[NRESP];
	const char		*values[NRESP][NKEYS];
	struct buf		 b = { NULL, 0, 0 }, s = { NULL, 0, 0 };
	struct buf		 e = { NULL, 0, 0 };
	struct export_csv	*c = NULL;
	char			*cause = NULL;
	size_t			 j;
	int			 ok;

	tap_ok(form_nquestions(f) == NKEYS, "satisfaction.xml has %zu "
	    "questions", NKEYS);
	for (ok = 1, j = 0; j < NKEYS && j < form_nquestions(f); j++)
		ok = ok && str_eq(form_question(f, j)->key, keys[j]);
	if (!ok || form_nquestions(f) != NKEYS)
		return;
	responses_make(resp, values);

	export_responses_csv(f, resp, NRESP, EXPORT_CSV_DATA, &b);
	tap_ok(starts(b.data, "response_id,submitted_at,response_channel,"
	    "response_corrected_at,set_aside,response_lang,motif,profil,canal,"
	    "courtoisie,"),
	    "responses, ',': no BOM, one header row of keys");
	ok = export_csv_parse(b.data, b.len, ',', &c, &cause) == 0;
	if (!ok) {
		tap_diag("%s", cause);
		free(cause);
		cause = NULL;
	}
	tap_ok(ok && !c->bom && responses_ok(c, resp, 0, f),
	    "responses, ',': parse back to the values, formulas guarded");
	export_csv_free(c);
	c = NULL;
	tap_ok(strstr(b.data, ",\"Très bien ; merci.\r\nMais \"\"trop\"\" "
	    "d'attente,\nvraiment.\"\r\n") != NULL &&
	    strstr(b.data, ",=HYPERLINK(") == NULL,
	    "responses, ',': line breaks kept inside quotes");
	tap_ok(strstr(b.data, ",\"'=HYPERLINK(\"\"http") != NULL &&
	    strstr(b.data, ",\"'+33 2 54") != NULL &&
	    strstr(b.data, ",\"'@SUM(") != NULL &&
	    strstr(b.data, ",\"'-\"\r\n") != NULL &&
	    strstr(b.data, ",\"'\tindent") != NULL &&
	    strstr(b.data, ",-5\r\n") != NULL,
	    "responses, ',': formula-like texts after a quote, -5 a number");

	export_responses_csv(f, resp, NRESP, EXPORT_CSV_SPREADSHEET, &s);
	tap_ok(starts(s.data, EXPORT_BOM "Réponse;Envoyée le (UTC);Canal;"
	    "Corrigée le (UTC);Mise à l’écart (période);Langue;"
	    "Pour quelle démarche") && strstr(s.data, ";Courtoisie;") != NULL,
	    "responses, ';': a UTF-8 BOM, then French headers, short names");
	tap_ok(strstr(s.data, "\r\n7f1c2a4e-0b5d-4c1e-9a7b-000000000000;"
	    "2026-05-01 10:15:00+02:00;en ligne;;7;en;") != NULL &&
	    strstr(s.data, ";Satisfait;Sans avis / non concerné;") != NULL,
	    "responses, ';': moments, channels and answers as people read them");
	ok = export_csv_parse(s.data, s.len, ';', &c, &cause) == 0;
	if (!ok) {
		tap_diag("%s", cause);
		free(cause);
		cause = NULL;
	}
	tap_ok(ok && c->bom && responses_ok(c, resp, 1, f),
	    "responses, ';': parse back, formula-like texts after a quote");
	export_csv_free(c);
	c = NULL;
	tap_ok(strstr(s.data, ";\"Très bien ; merci.") != NULL &&
	    strstr(s.data, ";\"'=HYPERLINK(\"\"http") != NULL &&
	    strstr(s.data, ";-5\r\n") != NULL,
	    "responses, ';': ';' quoted, numbers left alone");

	export_responses_csv(f, NULL, 0, EXPORT_CSV_DATA, &e);
	tap_ok(export_csv_parse(e.data, e.len, ',', &c, &cause) == 0 &&
	    c->nrows == 1 && c->ncols[0] == NKEYS + 6,
	    "responses: none gives the header row alone");
	export_csv_free(c);
	buf_free(&b);
	buf_free(&s);
	buf_free(&e);
}

/* Each way a CSV can break RFC 4180, and what it may legally do. */
static void
test_parse(void)
{
	static const struct {
		const char	*data;
		const char	*cause;		/* NULL: must parse */
		const char	*what;
	} cases[] = {
		{ "a,\"b\r\nc", "line 1: a quoted field is not closed",
		  "an unclosed quote" },
		{ "a,b\"c\r\n", "line 1: a quote inside an unquoted field",
		  "a quote inside an unquoted field" },
		{ "a,b\r\n\"c\"d,e\r\n", "line 2: text after a closing quote",
		  "text after a closing quote" },
		{ "a,b\nc,d\r\n", "line 1: a bare LF outside quotes",
		  "a bare LF between records" },
		{ "a,b\r\nc\rd\r\n", "line 2: a bare CR outside quotes",
		  "a bare CR in a field" },
	};
	static const char	 legal[] = ",,\"\"\r\n\"x\",\r\n\r\nlast";
	static struct export_csv dummy;
	struct export_csv	*c, *sentinel = &dummy;
	char			*cause;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = sentinel;
		cause = NULL;
		rc = export_csv_parse(cases[i].data, strlen(cases[i].data),
		    ',', &c, &cause);
		if (!tap_ok(rc == -1 && c == sentinel &&
		    str_eq(cause, cases[i].cause), "parse: refuses %s",
		    cases[i].what))
			tap_diag("rc %d, cause %s", rc, cause ? cause : "none");
		free(cause);
	}

	c = sentinel;
	cause = NULL;
	rc = export_csv_parse("a,\"b\0c\"\r\n", 9, ',', &c, &cause);
	tap_ok(rc == -1 && c == sentinel && str_eq(cause, "line 1: a NUL byte"),
	    "parse: refuses a NUL byte");
	free(cause);
	cause = NULL;
	rc = export_csv_parse("a", 1, '"', &c, &cause);
	tap_ok(rc == -1 && c == sentinel && cause != NULL,
	    "parse: refuses a quote as the separator");
	free(cause);
	cause = NULL;

	/* Empty fields, a trailing separator, no final CRLF. */
	rc = export_csv_parse(legal, sizeof(legal) - 1, ',', &c, &cause);
	tap_ok(rc == 0 && c->nrows == 4 && c->ncols[0] == 3 &&
	    str_eq(c->rows[0][0], "") && str_eq(c->rows[0][2], "") &&
	    c->ncols[1] == 2 && str_eq(c->rows[1][0], "x") &&
	    str_eq(c->rows[1][1], "") && c->ncols[2] == 1 &&
	    str_eq(c->rows[2][0], "") && c->ncols[3] == 1 &&
	    str_eq(c->rows[3][0], "last"),
	    "parse: empty fields, an empty line, no final CRLF");
	if (rc == 0)
		export_csv_free(c);
	else
		free(cause);
	cause = NULL;
	rc = export_csv_parse(EXPORT_BOM, 3, ';', &c, &cause);
	tap_ok(rc == 0 && c->nrows == 0 && c->bom,
	    "parse: a BOM alone is no record");
	if (rc == 0)
		export_csv_free(c);
	else
		free(cause);
	export_csv_free(NULL);
}

int
main(void)
{
	const char	*top = getenv("top_srcdir");
	char		 path[1024], schema[1024], *cause = NULL;
	struct form	*f = NULL;

	tap_plan(35);
	if (top == NULL)
		top = ".";
	snprintf(path, sizeof(path), "%s/forms/satisfaction.xml", top);
	snprintf(schema, sizeof(schema), "%s/forms/form.rng", top);
	test_results();
	test_results_notes();
	test_results_sheet();
	if (form_load(path, schema, &f, &cause) == -1) {
		tap_diag("%s", cause);
		free(cause);
		return 1;
	}
	test_responses(f);
	test_parse();
	form_free(f);
	return tap_done();
}
