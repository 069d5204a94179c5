/*
 * results.xml: well-formed, in its namespace, with the figures of the
 * struct and of results.csv, attributes left out when they do not apply,
 * and refused, leaving the output alone, when a string cannot be XML.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "export.h"
#include "results.h"
#include "stats.h"
#include "tap.h"

static struct results_row rows[] = {
	{ .key = "courtoisie", .label = "Courtoisie, amabilité des agents",
	  .n = 152, .satisfied = 97, .rate = 97.0 / 152,
	  .lower = 0.5592183745612094, .upper = 0.7114055298337273,
	  .method = STATS_WILSON, .target = 0.8, .has_verdict = 1,
	  .verdict = STATS_BELOW },
	{ .key = "langage", .label = "Le \"langage\" était-il clair ?\r\n"
	  "<explications> & courriers", .n = 100, .satisfied = 79,
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

/* The CSV's columns as the XML's attributes; NULL: said otherwise (the
   label as text, the campaign's rules and notes on <results>). */
static const char *const csv_attrs[] = {
	"key", NULL, "n", "satisfied", "rate", "lower", "upper", "method",
	"target", "verdict", NULL, NULL,
};

static int
str_eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The attribute name of node, or NULL; the caller frees with xmlFree. */
static char *
attr(xmlNodePtr node, const char *name)
{
	return (char *)xmlGetNoNsProp(node, BAD_CAST name);
}

/* Whether attribute name of node is value; NULL: the attribute is absent. */
static int
attr_is(xmlNodePtr node, const char *name, const char *value)
{
	char	*a = attr(node, name);
	int	 ok;

	ok = value == NULL ? a == NULL : str_eq(a, value);
	xmlFree(a);
	return ok;
}

/* Whether attribute name reads back as v exactly, or is absent if none. */
static int
attr_num(xmlNodePtr node, const char *name, double v, int none)
{
	char	*a = attr(node, name), *end;
	int	 ok;

	if (none)
		ok = a == NULL;
	else
		ok = a != NULL && a[0] != '\0' && strtod(a, &end) == v &&
		    *end == '\0';
	xmlFree(a);
	return ok;
}

static int
in_ns(xmlNodePtr node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
	    str_eq((const char *)node->ns->href, EXPORT_RESULTS_NS) &&
	    str_eq((const char *)node->name, name);
}

/* The first element node from node on, or NULL. */
static xmlNodePtr
next_element(xmlNodePtr node)
{
	while (node != NULL && node->type != XML_ELEMENT_NODE)
		node = node->next;
	return node;
}

/* Whether <criterion> e carries row's figures and label. */
static int
criterion_ok(xmlNodePtr e, const struct results_row *row)
{
	xmlNodePtr	 label;
	xmlChar		*text;
	char		 ll[32];
	int		 ok;

	if (!in_ns(e, "criterion") || !attr_is(e, "key", row->key))
		return 0;
	snprintf(ll, sizeof(ll), "%lld", row->n);
	if (!attr_is(e, "n", ll))
		return 0;
	snprintf(ll, sizeof(ll), "%lld", row->satisfied);
	if (!attr_is(e, "satisfied", ll) ||
	    !attr_num(e, "rate", row->rate, row->n == 0) ||
	    !attr_num(e, "lower", row->lower, row->n == 0) ||
	    !attr_num(e, "upper", row->upper, row->n == 0) ||
	    !attr_num(e, "target", row->target, row->target < 0) ||
	    !attr_is(e, "method", stats_method_name(row->method)) ||
	    !attr_is(e, "verdict", row->has_verdict ?
	    stats_verdict_name(row->verdict) : NULL))
		return 0;
	label = next_element(e->children);
	if (label == NULL || !in_ns(label, "label") ||
	    next_element(label->next) != NULL)
		return 0;
	text = xmlNodeGetContent(label);
	ok = str_eq((const char *)text, row->label);
	xmlFree(text);
	return ok;
}

/* Whether <criterion> e says what the CSV record f says, byte for byte. */
static int
same_as_csv(xmlNodePtr e, char **f, size_t nf)
{
	size_t	j;

	if (nf != sizeof(csv_attrs) / sizeof(csv_attrs[0]))
		return 0;
	for (j = 0; j < nf; j++)
		if (csv_attrs[j] != NULL && !attr_is(e, csv_attrs[j],
		    f[j][0] == '\0' ? NULL : f[j]))
			return 0;
	return 1;
}

static void
test_document(void)
{
	struct results		 r = { .campaign = "Enquête annuelle 2026 "
				    "<accueil>", .site = "Préfecture de "
				    "Loir-et-Cher", .opens_on = "2026-04-01",
				    .closes_on = "2026-06-30", .kind =
				    "satisfaction", .responses = 164, .rows =
				    rows, .nrows = NROWS };
	struct buf		 b = { NULL, 0, 0 }, csv = { NULL, 0, 0 };
	struct export_csv	*c = NULL;
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 root, e;
	char			*cause = NULL;
	size_t			 i;
	int			 ok, same;

	if (!tap_ok(export_results_xml(&r, &b, &cause) == 0,
	    "results XML: written")) {
		tap_diag("%s", cause);
		free(cause);
		return;
	}
	tap_ok(strncmp(b.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
	    39) == 0, "results XML: the XML declaration, UTF-8");
	doc = xmlReadMemory(b.data, (int)b.len, "results.xml", NULL,
	    XML_PARSE_NONET);
	if (!tap_ok(doc != NULL, "results XML: well-formed")) {
		tap_diag("%s", b.data);
		buf_free(&b);
		return;
	}
	root = xmlDocGetRootElement(doc);
	tap_ok(root != NULL && in_ns(root, "results"),
	    "results XML: <results> in " EXPORT_RESULTS_NS);
	tap_ok(attr_is(root, "campaign", r.campaign) &&
	    attr_is(root, "site", r.site) &&
	    attr_is(root, "opens-on", r.opens_on) &&
	    attr_is(root, "closes-on", r.closes_on) &&
	    attr_is(root, "kind", r.kind) &&
	    attr_is(root, "responses", "164") &&
	    attr_is(root, "level", "0.95"),
	    "results XML: the campaign's attributes");

	export_results_csv(&r, &csv);
	if (export_csv_parse(csv.data, csv.len, ',', &c, &cause) == -1) {
		tap_diag("%s", cause);
		free(cause);
		c = NULL;
	}
	ok = same = c != NULL && c->nrows == NROWS + 1;
	e = next_element(root->children);
	for (i = 0; i < NROWS; i++, e = next_element(e->next)) {
		if (e == NULL || !criterion_ok(e, &rows[i])) {
			tap_diag("criterion %zu differs", i + 1);
			ok = same = 0;
			break;
		}
		if (same && !same_as_csv(e, c->rows[i + 1], c->ncols[i + 1]))
			same = 0;
	}
	tap_ok(ok && e == NULL,
	    "results XML: one <criterion> per row, figures read back");
	tap_ok(same, "results XML: the same figures as results.csv");
	tap_ok(strstr(b.data, "key=\"point-numerique\" n=\"0\" "
	    "satisfied=\"0\" method=\"wilson\" target=\"0.75\">") != NULL,
	    "results XML: no rate, bounds nor verdict without an opinion");
	tap_ok(strstr(b.data, "upper=\"0.8578716700454265\" "
	    "method=\"wilson\">") != NULL,
	    "results XML: no target nor verdict without a target");
	tap_ok(strstr(b.data, "&lt;explications&gt; &amp; courriers") !=
	    NULL && strstr(b.data, "&#13;") != NULL,
	    "results XML: markup escaped, CR kept as a reference");

	export_csv_free(c);
	xmlFreeDoc(doc);
	buf_free(&csv);
	buf_free(&b);
}

static void
test_absent(void)
{
	struct results	 r = { .campaign = NULL };
	struct buf	 b = { NULL, 0, 0 };
	xmlDocPtr	 doc = NULL;
	xmlNodePtr	 root = NULL;
	char		*cause = NULL;

	if (export_results_xml(&r, &b, &cause) == -1) {
		tap_diag("%s", cause);
		free(cause);
	} else
		doc = xmlReadMemory(b.data, (int)b.len, "results.xml", NULL,
		    XML_PARSE_NONET);
	if (doc != NULL)
		root = xmlDocGetRootElement(doc);
	tap_ok(root != NULL && in_ns(root, "results") &&
	    root->children == NULL && root->properties != NULL &&
	    attr_is(root, "campaign", NULL) && attr_is(root, "site", NULL) &&
	    attr_is(root, "opens-on", NULL) && attr_is(root, "kind", NULL) &&
	    attr_is(root, "responses", "0"),
	    "results XML: no criterion, no metadata: an empty <results/>");
	xmlFreeDoc(doc);
	buf_free(&b);
}

/* Strings XML cannot hold are refused and out is left alone. */
static void
test_refused(void)
{
	static const struct {
		const char	*campaign;
		const char	*label;
		const char	*cause;
		const char	*what;
	} cases[] = {
		{ "Enquête", "Courtoisie \xe9t\xe9",
		  "results XML: label of criterion courtoisie: not UTF-8, "
		  "or a character XML forbids", "a label in Latin-1" },
		{ "Enqu\x01te", "Courtoisie",
		  "results XML: campaign title: not UTF-8, or a character "
		  "XML forbids", "a control character" },
		{ "Enquête", "Courtoisie \xef\xbf\xbe",
		  "results XML: label of criterion courtoisie: not UTF-8, "
		  "or a character XML forbids", "U+FFFE" },
	};
	struct results_row	 row;
	struct results		 r;
	struct buf		 b = { NULL, 0, 0 };
	char			*cause;
	size_t			 i;
	int			 rc;

	buf_puts(&b, "before");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		row = rows[0];
		row.label = cases[i].label;
		r = (struct results){ .campaign = cases[i].campaign,
		    .site = "Site", .opens_on = "2026-04-01", .closes_on =
		    "2026-06-30", .kind = "satisfaction", .responses = 1,
		    .rows = &row, .nrows = 1 };
		cause = NULL;
		rc = export_results_xml(&r, &b, &cause);
		if (!tap_ok(rc == -1 && str_eq(cause, cases[i].cause) &&
		    b.len == 6 && strcmp(b.data, "before") == 0,
		    "results XML: refuses %s, output untouched",
		    cases[i].what))
			tap_diag("rc %d, cause %s", rc, cause ? cause : "none");
		free(cause);
	}
	buf_free(&b);
}

int
main(void)
{
	LIBXML_TEST_VERSION

	tap_plan(14);
	test_document();
	test_absent();
	test_refused();
	xmlCleanupParser();
	return tap_done();
}
