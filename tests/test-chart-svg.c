/*
 * The charts as XML: chart_bars and chart_breakdown write well-formed
 * markup (parsed here with libxml2) with the accessible names, one bar
 * per answered criterion, whiskers and target lines where the figures
 * put them, escaped labels, a data table row per criterion, the test's
 * sentence; and French numbers.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "buf.h"
#include "chart.h"
#include "form.h"
#include "results.h"
#include "tap.h"

#define NBSP	"\xc2\xa0"
#define EVIL	"Accueil <script>alert(1)</script> & \"co\""

/* The chart parsed: what the markup says, not how it is spelt. */
struct doc {
	xmlDocPtr		 doc;
	xmlXPathContextPtr	 ctx;
};

static int
parse(const struct buf *b, struct doc *d)
{
	struct buf	w = { 0 };

	/* The output is a fragment: give it one root. */
	buf_puts(&w, "<root>");
	buf_put(&w, b->data, b->len);
	buf_puts(&w, "</root>");
	d->doc = xmlReadMemory(w.data, (int)w.len, "chart.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	buf_free(&w);
	d->ctx = NULL;
	if (d->doc == NULL)
		return 0;
	d->ctx = xmlXPathNewContext(d->doc);
	xmlXPathRegisterNs(d->ctx, BAD_CAST "s",
	    BAD_CAST "http://www.w3.org/2000/svg");
	return 1;
}

static void
doc_free(struct doc *d)
{
	xmlXPathFreeContext(d->ctx);
	xmlFreeDoc(d->doc);
}

static xmlXPathObjectPtr
eval(const struct doc *d, const char *xpath)
{
	if (d->ctx == NULL)
		return NULL;
	return xmlXPathEvalExpression(BAD_CAST xpath, d->ctx);
}

/* The number of nodes xpath selects, or -1. */
static int
count(const struct doc *d, const char *xpath)
{
	xmlXPathObjectPtr	o;
	int			n = -1;

	if ((o = eval(d, xpath)) != NULL && o->type == XPATH_NODESET)
		n = o->nodesetval == NULL ? 0 : o->nodesetval->nodeNr;
	xmlXPathFreeObject(o);
	return n;
}

/* The string value of xpath, which the caller frees; "" if none. */
static char *
string(const struct doc *d, const char *xpath)
{
	xmlXPathObjectPtr	o;
	char			*s;

	o = eval(d, xpath);
	if (o == NULL)
		return strdup("");
	s = (char *)xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	return s;
}

/* The number value of xpath, NaN if none. */
static double
number(const struct doc *d, const char *xpath)
{
	xmlXPathObjectPtr	o;
	double			v = NAN;

	if ((o = eval(d, xpath)) != NULL)
		v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

static int
same(const char *got, const char *want)
{
	if (strcmp(got, want) == 0)
		return 1;
	tap_diag("got \"%s\", want \"%s\"", got, want);
	return 0;
}

static int
near(double got, double want, double tol, const char *what)
{
	if (fabs(got - want) <= tol)
		return 1;
	tap_diag("%s: got %.6f, want %.6f", what, got, want);
	return 0;
}

/* A row as results_row_make leaves it, with chosen figures. */
static struct results_row
row(const char *label, long long x, long long n, double lower, double upper,
    double target, enum stats_verdict v)
{
	struct results_row	r;

	memset(&r, 0, sizeof(r));
	r.key = "k";
	r.label = label;
	r.n = n;
	r.satisfied = x;
	r.no_opinion = 4;
	r.no_opinion_share = 4.0 / (n + 4);
	r.rate = n > 0 ? (double)x / n : NAN;
	r.lower = n > 0 ? lower : NAN;
	r.upper = n > 0 ? upper : NAN;
	r.method = STATS_WILSON;
	r.small_sample = n > 0 && n < RESULTS_SMALL_SAMPLE;
	r.target = target;
	r.has_verdict = target >= 0 && n > 0;
	r.verdict = v;
	return r;
}

static void
numbers(void)
{
	char	s[CHART_NUMBER_MAX], tiny[4];

	chart_percent(0.7644, 1, s, sizeof(s));
	tap_ok(same(s, "76,4" NBSP "%"), "0.7644 with 1 decimal: 76,4 %%");
	chart_percent(0.76, 0, s, sizeof(s));
	tap_ok(same(s, "76" NBSP "%"), "0.76 with none: 76 %%");
	chart_number(1234567.25, 2, s, sizeof(s));
	tap_ok(same(s, "1" NBSP "234" NBSP "567,25"),
	    "thousands grouped by no-break spaces");
	chart_number(-2.5, 1, s, sizeof(s));
	tap_ok(same(s, "\xe2\x88\x92" "2,5"), "minus sign U+2212");
	chart_number(-0.0004, 2, s, sizeof(s));
	tap_ok(same(s, "0,00"), "never -0");
	chart_percent(NAN, 1, s, sizeof(s));
	tap_ok(same(s, "n.d."), "NaN: n.d.");
	tap_ok(chart_percent(0.5, 1, tiny, sizeof(tiny)) == -1 &&
	    tiny[0] == '\0' && chart_number(1.0, 10, s, sizeof(s)) == -1 &&
	    chart_number(1e15, 0, s, sizeof(s)) == -1,
	    "too small a buffer, too many decimals, too large: -1, \"\"");
	tap_ok(strcmp(chart_verdict_name(STATS_ABOVE), "dépassé") == 0 &&
	    strcmp(chart_verdict_name(STATS_MET), "atteint") == 0 &&
	    strcmp(chart_verdict_name(STATS_BELOW), "non atteint") == 0 &&
	    strcmp(chart_verdict_name(STATS_INCONCLUSIVE),
	    "non concluant") == 0 &&
	    chart_verdict_name(STATS_VERDICT__MAX) == NULL,
	    "verdicts in French");
}

#define NBSP_TEST "\xc2\xa0"

static void
bars(void)
{
	struct results_row	 rows[5];
	struct results		 r;
	struct buf		 b = { 0 };
	struct doc		 d;
	char			*s;
	double			 x0, x100, unit;

	rows[0] = row("Comment jugez-vous le temps d'attente ?", 114, 150,
	    0.6896, 0.8188, 0.8, STATS_INCONCLUSIVE);
	rows[1] = row(EVIL, 147, 150, 0.9430, 0.9932, -1, STATS_MET);
	rows[2] = row("Comment jugez-vous le délai pour obtenir un "
	    "rendez-vous ?", 57, 110, 0.4258, 0.6101, 0.8, STATS_BELOW);
	rows[3] = row("Comment jugez-vous le point d'accueil numérique "
	    "(ordinateurs en libre accès, imprimantes, scanners et aide d'un "
	    "agent pour vos démarches en ligne) ?", 0, 0, 0, 0, 0.8,
	    STATS_MET);
	rows[4] = row("Signalétique", 20, 25, 0.6087, 0.9114, -1, STATS_MET);
	memset(&r, 0, sizeof(r));
	r.campaign = "Questionnaire 2021 \"accueil\" & <b>";
	r.site = "Préfecture de Loir-et-Cher";
	r.opens_on = "2021-04-01";
	r.closes_on = "2021-06-30";
	r.kind = "satisfaction";
	r.responses = 152;
	r.rows = rows;
	r.nrows = 5;

	chart_bars(&b, &r, "res-1");
	tap_ok(parse(&b, &d), "chart_bars: well-formed XML");
	tap_ok(count(&d, "/root/figure/s:svg[@role='img' and "
	    "@aria-labelledby='res-1-title' and @aria-describedby='res-1-desc' and "
	    "starts-with(@viewBox, '0 0 720 ')]") == 1 &&
	    count(&d, "//s:svg/s:title[@id='res-1-title']") == 1 &&
	    count(&d, "//s:svg/s:desc[@id='res-1-desc' and "
	    "string-length() > 40]") == 1 &&
	    count(&d, "/root/figure/figcaption") == 1,
	    "role img, labelled by its title and desc, viewBox, figcaption");
	s = string(&d, "//s:svg/s:desc");
	tap_ok(strstr(s, "confiance à 95" NBSP "% et objectif") != NULL &&
	    strstr(s, "52" NBSP "% (Comment jugez-vous le délai") != NULL &&
	    strstr(s, "98" NBSP "% (" EVIL ")") != NULL,
	    "desc sums up: interval, target, lowest and highest");
	free(s);
	tap_ok(count(&d, "//s:rect[contains(@class, 'qm-bar')]") == 4 &&
	    count(&d, "//s:text[@class='qm-none' and .='pas de réponse']")
	    == 1, "one bar per answered criterion, \"pas de réponse\" for "
	    "the other");

	x0 = number(&d, "//s:line[@class='qm-axis']/@x1");
	x100 = number(&d, "(//s:line[@class='qm-grid'])[last()]/@x1");
	unit = x100 - x0;
	tap_ok(count(&d, "//s:line[@class='qm-grid']") == 5 &&
	    near(number(&d, "(//s:line[@class='qm-grid'])[1]/@x1"),
	    x0 + 0.2 * unit, 1e-9, "20 %") && unit > 300 &&
	    count(&d, "//s:text[@class='qm-tick' and .='60" NBSP "%']") == 1,
	    "axis at 0, gridlines every 20 %% to 100 %%, labelled");
	tap_ok(near(number(&d, "(//s:rect[contains(@class, 'qm-bar')])[1]"
	    "/@width"), 0.76 * unit, 0.01, "bar width") &&
	    near(number(&d, "(//s:line[@class='qm-ci'])[1]/@x1"),
	    x0 + 0.6896 * unit, 0.01, "lower whisker") &&
	    near(number(&d, "(//s:line[@class='qm-ci'])[1]/@x2"),
	    x0 + 0.8188 * unit, 0.01, "upper whisker") &&
	    count(&d, "//s:line[@class='qm-ci-end']") == 8,
	    "76 %% in [68.96 %%, 81.88 %%]: bar and whisker at their x, "
	    "two ends each");
	tap_ok(count(&d, "//s:line[@class='qm-target']") == 2 &&
	    near(number(&d, "(//s:line[@class='qm-target'])[1]/@x1"),
	    x0 + 0.8 * unit, 0.01, "target") &&
	    count(&d, "//s:line[@class='qm-target' and "
	    "@stroke-dasharray]") == 2,
	    "a dashed target line only on answered criteria with a target");
	tap_ok(count(&d, "//s:rect[@class='qm-bar qm-below' and "
	    "@fill='url(#res-1-hatch)']") == 1 &&
	    count(&d, "//s:pattern[@id='res-1-hatch']") == 1,
	    "the criterion below its target is hatched");
	tap_ok(count(&d, "//s:text[@class='qm-rate' and .='76" NBSP "%']")
	    == 1 && count(&d, "//s:text[@class='qm-rate' and .='80" NBSP
	    "%" NBSP "*']") == 1, "rates at the bars' ends, the small sample "
	    "starred");
	tap_ok(count(&d, "//s:text[@class='qm-label'][count(s:tspan) = 0]")
	    == 3 && count(&d, "//s:text[@class='qm-label'][count(s:tspan) = "
	    "2]") == 1 && count(&d, "//s:text[@class='qm-label'][count(s:tspan)"
	    " = 3]") == 1 && count(&d, "//s:text[@class='qm-label']/s:title")
	    == 1 && count(&d, "//s:text[@class='qm-label']/s:title[starts-with("
	    "., 'Comment jugez-vous le point') and contains(., 'en ligne) ?')]")
	    == 1 && count(&d, "//s:text[@class='qm-label']/s:tspan[last()]"
	    "[substring(., string-length()) = '\xe2\x80\xa6']") == 1,
	    "labels on one, two or three lines; the longest cut with "
	    "\xe2\x80\xa6, whole in a <title>");
	tap_ok(strstr(b.data, "<script>") == NULL &&
	    strstr(b.data, "<b>") == NULL &&
	    strstr(b.data, "Accueil &lt;script&gt;alert(1)&lt;/script&gt; "
	    "&amp; &quot;co&quot;") != NULL &&
	    count(&d, "//tbody/tr/th[.='" EVIL "']") == 1,
	    "labels and titles escaped in the SVG and the table");
	tap_ok(count(&d, "/root/div[@class='fr-table qm-table-wide']"
	    "/div[@class='fr-table__wrapper']/div[@class='fr-table__container']"
	    "/div[@class='fr-table__content'][@tabindex='0']"
	    "/table[@id='res-1-table']/caption") == 1 &&
	    count(&d, "//table/thead/tr/th[@scope='col']") == 8 &&
	    count(&d, "//table/tbody/tr") == 5 &&
	    count(&d, "//table/tbody/tr/th[@scope='row']") == 5,
	    "DSFR table, in its boxes (the scrolling one focusable): caption, "
	    "8 column headers, 5 rows");
	tap_ok(count(&d, "//tbody/tr[1]/td[.='non concluant']") == 1 &&
	    count(&d, "//tbody/tr[2]/td[7][.='\xe2\x80\x94']") == 1 &&
	    count(&d, "//tbody/tr[3]/td[.='non atteint']") == 1 &&
	    count(&d, "//tbody/tr[4]/td[3][.='pas de réponse']") == 1 &&
	    count(&d, "//tbody/tr[5]/td[1][.='25 (petit échantillon)']") == 1
	    && count(&d, "//tbody/tr[1]/td[3][.='76,0" NBSP "%']") == 1 &&
	    count(&d, "//tbody/tr[1]/td[4][.='[69,0" NBSP "%" NBSP "; 81,9"
	    NBSP "%]']") == 1 && count(&d, "//tbody/tr[1]/td[6][.='80" NBSP
	    "%']") == 1, "table cells: verdicts, no answer, small sample, "
	    "rate, interval, target in French");
	s = string(&d, "/root/figure/figcaption");
	tap_ok(strstr(s, "du 01/04/2021 au 30/06/2021") != NULL &&
	    strstr(s, "152 réponses") != NULL, "caption: dates in French, "
	    "responses");
	free(s);
	doc_free(&d);
	buf_reset(&b);

	/* A mystery grid speaks of conformity. */
	r.kind = "mystery-call";
	r.nrows = 1;
	chart_bars(&b, &r, "m");
	tap_ok(parse(&b, &d) && count(&d, "//s:title[starts-with(., "
	    "'Taux de conformité')]") == 1 &&
	    count(&d, "//thead/tr/th[.='Conformes']") == 1,
	    "mystery grids: taux de conformité, conformes");
	doc_free(&d);
	buf_free(&b);
}

static void
many(void)
{
	struct results_row	*rows;
	struct results		 r;
	struct buf		 b = { 0 };
	struct doc		 d;
	size_t			 i;

	/* More criteria than chart_bars holds on its stack. */
	rows = calloc(70, sizeof(*rows));
	for (i = 0; i < 70; i++)
		rows[i] = row("Critère", 10, 20, 0.3, 0.7, -1, STATS_MET);
	memset(&r, 0, sizeof(r));
	r.rows = rows;
	r.nrows = 70;
	chart_bars(&b, &r, "many");
	tap_ok(parse(&b, &d) && count(&d, "//s:rect[@class='qm-bar']") == 70
	    && count(&d, "//tbody/tr") == 70 && count(&d,
	    "//s:line[@class='qm-target']") == 0, "70 criteria, no target: "
	    "70 bars and rows, no target line");
	doc_free(&d);
	buf_free(&b);
	free(rows);
}

static void
breakdown(void)
{
	struct results_group	 g[4];
	struct results_breakdown bd;
	struct buf		 b = { 0 };
	struct doc		 d;
	char			*s;

	g[0] = (struct results_group){ "etrangers", "Étrangers <&>", 40, 50,
	    0, 0, 0 };
	g[1] = (struct results_group){ "vehicule", "Véhicules", 30, 50, 0, 0,
	    0 };
	g[2] = (struct results_group){ "identite", "Identité", 20, 25, 0, 0,
	    0 };
	g[3] = (struct results_group){ "autre", "Autre", 0, 0, 0, 0, 0 };
	memset(&bd, 0, sizeof(bd));
	bd.criterion = "attente";
	bd.by = "motif";
	bd.groups = g;
	bd.ngroups = 4;
	if (results_breakdown_make(&bd) != 0)
		tap_diag("results_breakdown_make failed");
	chart_breakdown(&b, &bd, "Temps d'attente", "Motif \"de\" visite",
	    "bd");
	tap_ok(parse(&b, &d) && count(&d, "/root/figure/s:svg[@role='img' "
	    "and @aria-labelledby='bd-title' and @aria-describedby='bd-desc']") == 1,
	    "chart_breakdown: well-formed, labelled");
	tap_ok(count(&d, "//s:rect[@class='qm-bar']") == 3 &&
	    count(&d, "//s:text[@class='qm-none']") == 1 &&
	    count(&d, "//s:line[@class='qm-target']") == 0 &&
	    count(&d, "//tbody/tr") == 4 &&
	    count(&d, "//tbody/tr/th[.='Étrangers <&>']") == 1,
	    "one bar per group with opinions, a row per group, escaped");
	s = string(&d, "/root/p[@class='qm-test']");
	tap_ok(same(s, "χ² = 5,95" NBSP "; 2 degrés de liberté" NBSP "; "
	    "p = 0,051" NBSP ": pas de différence significative au seuil de 5"
	    NBSP "%."), "the test in French");
	free(s);
	tap_ok(count(&d, "//div[contains(@class, 'qm-test-warning')]") == 0,
	    "no warning when every expected count is 5 or more");
	doc_free(&d);
	buf_reset(&b);

	g[0] = (struct results_group){ "a", "A", 9, 10, 0, 0, 0 };
	g[1] = (struct results_group){ "b", "B", 2, 10, 0, 0, 0 };
	bd.ngroups = 2;
	if (results_breakdown_make(&bd) != 0)
		tap_diag("results_breakdown_make failed");
	chart_breakdown(&b, &bd, "Courtoisie", "Canal", "bd2");
	tap_ok(parse(&b, &d), "small groups: well-formed");
	s = string(&d, "/root/p[@class='qm-test']");
	tap_ok(strstr(s, "1 degré de liberté") != NULL &&
	    strstr(s, "p = 0,002") != NULL &&
	    strstr(s, ": différence significative") != NULL,
	    "9/10 vs 2/10: 1 degree, significant");
	free(s);
	s = string(&d, "//div[contains(@class, 'qm-test-warning')]");
	tap_ok(strstr(s, "2 effectifs attendus sur 4 sont inférieurs à 5 (le "
	    "plus petit" NBSP ": 4,5)") != NULL, "warning: expected counts "
	    "below 5");
	free(s);
	doc_free(&d);
	buf_reset(&b);

	g[1].n = g[1].satisfied = 0;
	if (results_breakdown_make(&bd) != 0)
		tap_diag("results_breakdown_make failed");
	chart_breakdown(&b, &bd, "Courtoisie", "Canal", "bd3");
	tap_ok(parse(&b, &d), "one group: well-formed");
	s = string(&d, "/root/p[@class='qm-test']");
	tap_ok(strstr(s, "Pas de test") != NULL && strstr(s, "deux groupes")
	    != NULL, "one group with opinions: no test, and why");
	free(s);
	doc_free(&d);
	buf_free(&b);
}

/* The change since the previous campaign gets a column of its own. */
static void
change(void)
{
	struct results_row	 rows[2];
	struct results		 r;
	struct buf		 b = { 0 };

	rows[0] = row("Courtoisie", 56, 70, 0.6900, 0.8700, -1, STATS_MET);
	rows[1] = row("Attente", 48, 80, 0.4900, 0.7000, -1, STATS_MET);
	/* Newcombe 1998b, example (a): 56/70 - 48/80. */
	rows[0].change.present = 1;
	rows[0].change.diff = 0.2;
	rows[0].change.lower = 0.0524;
	rows[0].change.upper = 0.3339;
	rows[0].change.significant = 1;
	memset(&r, 0, sizeof(r));
	r.kind = "satisfaction";
	r.rows = rows;
	r.nrows = 2;
	chart_bars(&b, &r, "chg");
	tap_ok(strstr(b.data, "<th scope=\"col\" class=\"fr-cell--multiline\">"
	    "Évolution depuis la "
	    "campagne précédente</th>") != NULL && strstr(b.data,
	    "+20,0" NBSP_TEST "points (5,2 à 33,4) : significative") != NULL,
	    "the change since last year, in points, with its interval");
	tap_ok(strstr(b.data, "</td><td class=\"fr-cell--multiline\">"
	    "—</td></tr>") != NULL,
	    "a criterion without a previous figure shows a dash");
	buf_free(&b);
}

int
main(void)
{
	LIBXML_TEST_VERSION

	tap_plan(35);
	numbers();
	bars();
	many();
	breakdown();
	change();
	xmlCleanupParser();
	return tap_done();
}
