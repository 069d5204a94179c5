/*
 * The results' summary a referent reads first (issue 11, item 3): per
 * criterion its short name, its rate with its interval, its verdict as a
 * DSFR badge and its change since last year; and a grid's breakdown,
 * which speaks of conformity and uses the exact interval of the grid's
 * own table.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "results.h"
#include "stats.h"
#include "tap.h"

#define NBSP	"\xc2\xa0"

static int
has(const struct buf *b, const char *s)
{
	if (b->data != NULL && strstr(b->data, s) != NULL)
		return 1;
	tap_diag("missing: %s", s);
	return 0;
}

static void
summary(void)
{
	struct results_row	rows[3];
	struct results		r;
	struct buf		b = { 0 };

	memset(rows, 0, sizeof(rows));
	rows[0].key = "courtoisie";
	rows[0].label = "Comment jugez-vous la courtoisie <des> agents ?";
	rows[0].short_label = "Courtoisie";
	rows[0].n = 40;
	rows[0].satisfied = 30;
	rows[0].rate = 0.75;
	rows[0].lower = 0.5997;
	rows[0].upper = 0.8581;
	rows[0].target = 0.8;
	rows[0].has_verdict = 1;
	rows[0].verdict = STATS_INCONCLUSIVE;
	rows[0].change.present = 1;
	rows[0].change.diff = 0.25;
	rows[0].change.significant = 1;
	rows[1].key = "attente";
	rows[1].label = "Temps <d'attente>";
	rows[1].n = 45;
	rows[1].satisfied = 45;
	rows[1].rate = 1.0;
	rows[1].lower = 0.92;
	rows[1].upper = 1.0;
	rows[1].target = -1.0;
	rows[2].key = "confort";
	rows[2].label = "Confort";
	rows[2].rate = rows[2].lower = rows[2].upper = NAN;
	rows[2].target = 0.8;
	memset(&r, 0, sizeof(r));
	r.kind = "satisfaction";
	r.rows = rows;
	r.nrows = 3;
	chart_summary(&b, &r, "ess");
	tap_ok(has(&b, "<h2 id=\"ess-title\">L’essentiel</h2>") &&
	    has(&b, "<h3 class=\"fr-h6 fr-mb-1v\">Courtoisie</h3>"),
	    "a titled section; a criterion goes by its short name");
	tap_ok(has(&b, "<strong>75" NBSP "%</strong> satisfaits <span "
	    "class=\"qm-summary__ci\">(entre 60" NBSP "% et 86" NBSP "%, sur "
	    "40 réponses)</span>"), "its rate with its interval and count");
	tap_ok(has(&b, "<p class=\"fr-badge fr-badge--sm fr-badge--warning\">"
	    "Objectif 80" NBSP "%" NBSP ": non concluant</p>"),
	    "its verdict as a badge, with the target");
	tap_ok(has(&b, "Depuis la campagne précédente" NBSP ": +25,0" NBSP
	    "points (différence significative)"), "its change since last year");
	tap_ok(has(&b, "<h3 class=\"fr-h6 fr-mb-1v\">Temps &lt;d&#39;attente"
	    "&gt;</h3>") || has(&b, "<h3 class=\"fr-h6 fr-mb-1v\">Temps "
	    "&lt;d&#x27;attente&gt;</h3>") || has(&b, "Temps &lt;d'attente"
	    "&gt;"), "without a short name, the label, escaped");
	tap_ok(has(&b, "Pas d’objectif fixé</p>"),
	    "without a target, a badge says so");
	tap_ok(has(&b, "data-criterion=\"confort\">\n<h3 class=\"fr-h6 "
	    "fr-mb-1v\">Confort</h3>\n<p class=\"qm-summary__rate fr-mb-1v\">"
	    "Pas de réponse</p>\n\n</li>"),
	    "without answers: no rate, no badge, no change");
	buf_reset(&b);

	rows[0].verdict = STATS_ABOVE;
	rows[1].target = 0.9;
	rows[1].has_verdict = 1;
	rows[1].verdict = STATS_BELOW;
	r.kind = "mystery-call";
	chart_summary(&b, &r, "ess");
	tap_ok(has(&b, "fr-badge--success\">Objectif 80" NBSP "%" NBSP
	    ": atteint</p>") && has(&b, "fr-badge--error\">Objectif 90"
	    NBSP "%" NBSP ": non atteint</p>") && has(&b, "</strong> "
	    "conformes"), "above the target is met; below it not met; a grid "
	    "counts conform contacts");
	buf_free(&b);
}

static void
breakdown(void)
{
	struct results_group	 g[2], w[2];
	struct results_breakdown bd;
	struct buf		 b = { 0 };

	g[0] = (struct results_group){ "standard", "Standard", 9, 10, 0, 0, 0 };
	g[1] = (struct results_group){ "etrangers", "Étrangers", 5, 10, 0, 0,
	    0 };
	memcpy(w, g, sizeof(g));
	memset(&bd, 0, sizeof(bd));
	bd.criterion = "decroche";
	bd.by = "service";
	bd.groups = w;
	bd.ngroups = 2;
	tap_ok(results_breakdown_make(&bd) == 0 && fabs(w[0].lower -
	    0.5958) < 1e-3, "by default, a group's interval is Wilson's "
	    "(9/10: from 59,6 %%)");
	bd.groups = g;
	bd.method = STATS_EXACT;
	bd.conform = 1;
	tap_ok(results_breakdown_make(&bd) == 0 && fabs(g[0].lower -
	    0.5550) < 1e-3 && fabs(g[0].upper - 0.9975) < 1e-3,
	    "a grid's groups get the exact interval (9/10: 55,5 to 99,7 %%)");
	chart_breakdown(&b, &bd, "Appel décroché", "Service", "bd");
	tap_ok(has(&b, "Appel décroché " "\xe2\x80\x94" " taux de conformité "
	    "selon") && has(&b, "Taux de conformité par groupe") &&
	    has(&b, "méthode exacte de Clopper-Pearson)</caption>") &&
	    has(&b, "fr-cell--multiline\">Conformes</th>") &&
	    strstr(b.data, "satisf") == NULL,
	    "a grid's breakdown speaks of conformity, with its method");
	buf_free(&b);
}

int
main(void)
{
	tap_plan(11);
	summary();
	breakdown();
	return tap_done();
}
