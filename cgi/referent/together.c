/* Sites together: a group's sites side by side, pooled and compared. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "chart.h"
#include "db.h"
#include "fields.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "national.h"
#include "page.h"
#include "results.h"
#include "staff.h"
#include "stats.h"
#include "together.h"
#include "xmalloc.h"

#define PREFIX		"/referent"
#define SELF		TOGETHER_PATH
/* The ids of the page's parts. */
#define ID_TABLE	"sites"
#define ID_TESTS	"comparaison"
/* What a refusal without a message of its own says. */
#define AGAIN		"Rechargez la page depuis l’accueil."

enum stmt {
	S_GROUPS,
	S__MAX
};

static const struct db_stmt together_stmts[S__MAX] = {
	/*
	 * The groups the user may compare, as row-level security shows the
	 * sites: each site with a site under it (a prefecture and its
	 * sous-préfectures), by name, then each department, by code.
	 */
	[S_GROUPS] = { "together_groups",
	    "SELECT * FROM (SELECT 'site' AS what, p.code, p.name"
	    "  FROM qualimetre.site p WHERE EXISTS (SELECT 1"
	    "  FROM qualimetre.site c WHERE c.parent_id = p.id)"
	    " UNION ALL"
	    " SELECT 'department', s.department, NULL"
	    "  FROM qualimetre.site s GROUP BY s.department) g"
	    " ORDER BY what DESC, name COLLATE \"C\", code COLLATE \"C\"",
	    0 },
};

struct together {
	struct db		*db;
	struct staff		*staff;		/* the program's, for frames */
	struct national		*national;	/* loads the sites' figures */
	size_t			 base;		/* of our statements in db */
};

/* The page's parameters, as checked. */
enum tq_slot {
	TQ_KIND = NATIONAL_SLOT_KIND,
	TQ_YEAR = NATIONAL_SLOT_YEAR,
	TQ_GROUP = NATIONAL_SLOT__MAX,
	TQ__MAX
};

struct tquery {
	struct national_query	 nq;	/* first: the kind and the year */
	const char		*group;	/* a site's code or TOGETHER_DEPARTMENT
					   and a department, or NULL: the
					   first offered */
};

/* The groups offered, and the one shown. */
struct tgroups {
	PGresult	*res;
	int		 shown;		/* its row in res, or -1: none */
	const char	*site;		/* the shown group's site code, */
	const char	*department;	/* or its department: one is NULL */
};

/* Each criterion's pooled cell and test, computed from the view. */
struct tpooled {
	struct national_cell		*cells;	/* [criterion] */
	struct stats_homogeneity	*tests;	/* [criterion] */
	int				*tested; /* [criterion]: 1 when run */
};

struct together *
together_create(struct db *db, struct staff *staff, struct national *national)
{
	struct together	*tg;

	tg = xcalloc(1, sizeof(*tg));
	tg->db = db;
	tg->staff = staff;
	tg->national = national;
	tg->base = db_register(db, together_stmts, S__MAX);
	return tg;
}

void
together_free(struct together *tg)
{
	free(tg);
}

/* ------------------------------------------------------------ compute */

int
together_pool(const struct national_cell *cells, size_t n, int method,
    struct national_cell *pooled, struct stats_homogeneity *h)
{
	struct stats_group	*g;
	struct stats_interval	 iv;
	size_t			 i, ng = 0;
	int			 rc;

	memset(h, 0, sizeof(*h));
	pooled->x = pooled->n = 0;
	pooled->rate = pooled->lower = pooled->upper = 0.0;
	pooled->best = pooled->worst = 0;
	g = xcalloc(n + 1, sizeof(*g));
	for (i = 0; i < n; i++) {
		if (cells[i].n == 0)
			continue;
		g[ng].x = cells[i].x;
		g[ng].n = cells[i].n;
		ng++;
		pooled->x += cells[i].x;
		pooled->n += cells[i].n;
	}
	rc = 0;
	if (pooled->n > 0) {
		if ((rc = stats_proportion(method, RESULTS_LEVEL, pooled->x,
		    pooled->n, &iv)) != 0)
			goto out;
		pooled->rate = iv.estimate;
		pooled->lower = iv.lower;
		pooled->upper = iv.upper;
	}
	if (ng < 2)
		goto out;
	if ((rc = stats_homogeneity(g, ng, h)) == 0)
		rc = 1;
	else if (rc == STATS_EDEGENERATE) {
		memset(h, 0, sizeof(*h));
		rc = 0;
	}
out:
	free(g);
	return rc;
}

/* Each criterion's pooled cell and test. Returns 0, or -1 (logged). */
static int
together_compute(const struct national_view *nv, struct tpooled *tp)
{
	size_t	j, ns = nv->nsites;
	int	rc;

	tp->cells = xcalloc(nv->ncrit + 1, sizeof(*tp->cells));
	tp->tests = xcalloc(nv->ncrit + 1, sizeof(*tp->tests));
	tp->tested = xcalloc(nv->ncrit + 1, sizeof(*tp->tested));
	for (j = 0; j < nv->ncrit; j++) {
		tp->cells[j].name = "Ensemble";
		tp->cells[j].code = "";
		rc = together_pool(&nv->cells[j * ns], ns,
		    national_method(nv->kind), &tp->cells[j], &tp->tests[j]);
		if (rc < 0) {
			log_warnx("together %s: %s", nv->crit[j].key,
			    stats_strerror(rc));
			return -1;
		}
		tp->tested[j] = rc;
	}
	return 0;
}

static void
tpooled_free(struct tpooled *tp)
{
	free(tp->cells);
	free(tp->tests);
	free(tp->tested);
}

/* ------------------------------------------------------------ query */

/* Whether s is a site's code (sql/001) or a department's group. */
static int
group_valid(const char *s)
{
	size_t	n, dl = strlen(TOGETHER_DEPARTMENT);

	if (strncmp(s, TOGETHER_DEPARTMENT, dl) == 0) {
		s += dl;
		n = strlen(s);
		return (n == 2 && (strspn(s, "0123456789") == 2 ||
		    strcmp(s, "2A") == 0 || strcmp(s, "2B") == 0)) ||
		    (n == 3 && strspn(s, "0123456789") == 3);
	}
	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
	return s[n] == '\0' && n <= 16;
}

static int
v_group(void *arg, const char *v)
{
	struct tquery	*q = arg;

	if (!group_valid(v)) {
		fields_fail(&q->nq.errs, TQ_GROUP, "Choisissez un groupe de "
		    "sites dans la liste.");
		return 0;
	}
	q->group = v;
	return 1;
}

static const struct fields_field tq_fields[] = {
	{ "groupe",	v_group,	0, TQ_GROUP },
	{ "type",	national_v_kind, 0, TQ_KIND },
	{ "annee",	national_v_year, 0, TQ_YEAR },
};
#define TQ_NFIELDS	(sizeof(tq_fields) / sizeof(tq_fields[0]))

/* A group's value in the page's address: its code, or "dep-" and it. */
static void
group_value(struct buf *b, const PGresult *res, int i)
{
	if (strcmp(db_value(res, i, "what"), "department") == 0)
		buf_puts(b, TOGETHER_DEPARTMENT);
	buf_puts(b, db_value(res, i, "code"));
}

/*
 * The group the query names among those offered (the first without
 * one) into tgr. Returns 0, or -1 with an error in q->errs when it is
 * not offered: not a group, or not the user's.
 */
static int
together_group(struct tquery *q, struct tgroups *tgr)
{
	struct buf	 v = { NULL, 0, 0 };
	int		 i, n = PQntuples(tgr->res);

	tgr->shown = -1;
	for (i = 0; i < n && tgr->shown == -1; i++) {
		v.len = 0;
		group_value(&v, tgr->res, i);
		buf_putc(&v, '\0');
		if (q->group == NULL || strcmp(v.data, q->group) == 0)
			tgr->shown = i;
	}
	buf_free(&v);
	if (tgr->shown == -1) {
		if (q->group != NULL)
			fields_fail(&q->nq.errs, TQ_GROUP, "Ce groupe ne fait "
			    "pas partie des sites dont vous avez la charge : "
			    "choisissez-en un dans la liste.");
		return q->group != NULL ? -1 : 0;
	}
	if (strcmp(db_value(tgr->res, tgr->shown, "what"), "site") == 0)
		tgr->site = db_value(tgr->res, tgr->shown, "code");
	else
		tgr->department = db_value(tgr->res, tgr->shown, "code");
	return 0;
}

/* ------------------------------------------------------------ render */

/* A group's name: the site's and "et ses sites rattachés", or the
   department's. */
static void
group_name(struct buf *b, const PGresult *res, int i)
{
	if (strcmp(db_value(res, i, "what"), "site") == 0) {
		html_puts(b, db_value(res, i, "name"));
		buf_puts(b, " et ses sites rattachés");
	} else {
		buf_puts(b, "Département ");
		html_puts(b, db_value(res, i, "code"));
	}
}

/* The choice of the group, the kind and the year: a small GET form. */
static void
together_choice(struct buf *b, const struct tgroups *tgr,
    const struct national_view *nv)
{
	struct buf	 *vals, *names;
	const char	**opts;
	int		  i, n = PQntuples(tgr->res);

	vals = xcalloc((size_t)n + 1, sizeof(*vals));
	names = xcalloc((size_t)n + 1, sizeof(*names));
	opts = xcalloc(2 * (size_t)n + 1, sizeof(*opts));
	for (i = 0; i < n; i++) {
		group_value(&vals[i], tgr->res, i);
		buf_putc(&vals[i], '\0');
		/* Raw: page_field_select escapes the labels. */
		if (strcmp(db_value(tgr->res, i, "what"), "site") == 0)
			buf_printf(&names[i], "%s et ses sites rattachés",
			    db_value(tgr->res, i, "name"));
		else
			buf_printf(&names[i], "Département %s",
			    db_value(tgr->res, i, "code"));
		buf_putc(&names[i], '\0');
		opts[2 * i] = vals[i].data;
		opts[2 * i + 1] = names[i].data;
	}
	buf_puts(b, "<form method=\"get\" action=\"" SELF "\" "
	    "class=\"fr-mb-4w\">\n");
	page_field_select(b, "groupe", "groupe", "Groupe de sites", opts,
	    (size_t)n, vals[tgr->shown].data, NULL);
	national_choice(b, nv);
	buf_puts(b, "<button class=\"fr-btn fr-btn--sm\" type=\"submit\">"
	    "Afficher</button>\n</form>\n");
	for (i = 0; i < n; i++) {
		buf_free(&vals[i]);
		buf_free(&names[i]);
	}
	free(vals);
	free(names);
	free(opts);
}

/* The one table: a row per site, the group's row, a column per
   criterion. */
static void
together_table(struct buf *b, const struct national_view *nv,
    const struct tpooled *tp, const struct tgroups *tgr)
{
	size_t	*order, i, j, si, ns = nv->nsites;
	int	 sat = nv->kind == NATIONAL_SATISFACTION;

	order = xcalloc(ns + 1, sizeof(*order));
	if (nv->ncrit > 0)
		national_order(nv->cells, ns, NATIONAL_BY_NAME, 0, order);
	buf_puts(b, "<h2 id=\"" ID_TABLE "\">Les sites côte à côte</h2>\n");
	buf_puts(b, sat ? "<p>Chaque case donne le taux de satisfaction sur "
	    "les avis exprimés (les réponses « sans avis » sont écartées), "
	    "en dessous son intervalle de confiance à 95 % (méthode de "
	    "Wilson) et le nombre d’avis.</p>\n" : "<p>Chaque case donne le "
	    "taux de conformité à une règle du référentiel de la campagne, "
	    "en dessous son intervalle de confiance à 95 % (méthode exacte "
	    "de Clopper-Pearson) et le nombre de contacts.</p>\n");
	buf_puts(b, "<p>La dernière ligne, <strong>Ensemble</strong>, "
	    "regroupe toutes les réponses des sites du groupe : ses taux "
	    "sont calculés sur la somme des effectifs de chaque site, et non "
	    "comme la moyenne des taux des sites. Un site qui a reçu plus de "
	    "réponses y pèse donc davantage.</p>\n<div class=\"fr-table "
	    "qm-table-wide qm-sticky\">\n" HTML_TABLE_BOXES "<table id=\""
	    ID_TABLE "-table\">\n<caption>");
	buf_puts(b, sat ? "Taux de satisfaction par site et par critère" :
	    "Taux de conformité par site et par règle");
	buf_puts(b, " : ");
	group_name(b, tgr->res, tgr->shown);
	if (nv->year != NULL) {
		buf_puts(b, ", ");
		html_puts(b, nv->year);
	}
	buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Site</th>");
	for (j = 0; j < nv->ncrit; j++) {
		buf_puts(b, "<th scope=\"col\" data-criterion=\"");
		html_puts(b, nv->crit[j].key);
		buf_puts(b, "\" title=\"");
		html_puts(b, nv->crit[j].label);
		buf_puts(b, "\">");
		html_puts(b, nv->crit[j].short_label);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < ns; i++) {
		si = order[i];
		buf_puts(b, "<tr data-site=\"");
		html_puts(b, nv->sites[si]);
		buf_puts(b, "\"><th scope=\"row\">");
		html_puts(b, nv->names[si]);
		buf_puts(b, "</th>");
		for (j = 0; j < nv->ncrit; j++)
			national_cell_put(b, nv->kind, &nv->crit[j],
			    &nv->cells[j * ns + si]);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "<tr class=\"qm-total\" data-pooled=\"1\"><th "
	    "scope=\"row\">Ensemble");
	buf_puts(b, "<span class=\"qm-note\">somme des effectifs</span>"
	    "</th>");
	for (j = 0; j < nv->ncrit; j++)
		national_cell_put(b, nv->kind, &nv->crit[j], &tp->cells[j]);
	buf_puts(b, "</tr>\n</tbody>\n</table>\n" HTML_TABLE_BOXES_END
	    "</div>\n");
	free(order);
}

/*
 * Each answered criterion's test in plain French: "les sites diffèrent
 * significativement (p = 0,003)" or "pas de différence significative
 * entre les sites (p = 0,41)", or why there is no test, with Cochran's
 * warning.
 */
static void
together_tests(struct buf *b, const struct national_view *nv,
    const struct tpooled *tp)
{
	const struct stats_homogeneity	*h;
	char				 s[CHART_NUMBER_MAX];
	size_t				 i, j, ng;

	buf_puts(b, "<h2 id=\"" ID_TESTS "\">Les sites diffèrent-ils ?</h2>\n"
	    "<p>Pour chaque critère, le test du khi-deux d’homogénéité "
	    "(Pearson) dit si les écarts entre les taux des sites dépassent "
	    "ce que le hasard de l’échantillon explique, au seuil de 5 %. "
	    "Une différence non significative ne prouve pas que les sites "
	    "font aussi bien : les réponses sont peut-être trop peu "
	    "nombreuses pour la voir.</p>\n<ul class=\"qm-tests\">\n");
	for (j = 0; j < nv->ncrit; j++) {
		h = &tp->tests[j];
		/* A criterion nobody answered in the group: nothing to say. */
		if (tp->cells[j].n == 0)
			continue;
		buf_puts(b, "<li data-criterion=\"");
		html_puts(b, nv->crit[j].key);
		buf_puts(b, "\"");
		if (tp->tested[j])
			buf_printf(b, " data-chi2=\"%.17g\" data-df=\"%lld\" "
			    "data-p=\"%.17g\" data-nsmall=\"%zu\"", h->chi2,
			    h->df, h->p, h->nsmall);
		buf_puts(b, "><strong>");
		html_puts(b, nv->crit[j].short_label);
		buf_puts(b, "</strong> : ");
		if (!tp->tested[j]) {
			buf_puts(b, "pas de test, ");
			for (ng = 0, i = 0; i < nv->nsites; i++)
				if (nv->cells[j * nv->nsites + i].n > 0)
					ng++;
			if (ng < 2)
				buf_puts(b, "il faut au moins deux sites ayant "
				    "des réponses");
			else if (nv->kind == NATIONAL_SATISFACTION)
				buf_puts(b, "les réponses sont toutes "
				    "identiques (toutes satisfaites, ou aucune)");
			else
				buf_puts(b, "les réponses sont toutes "
				    "identiques (toutes conformes, ou aucune)");
			buf_puts(b, ".</li>\n");
			continue;
		}
		buf_puts(b, h->p < 0.05 ? "les sites diffèrent "
		    "significativement (" : "pas de différence significative "
		    "entre les sites (");
		chart_put_p(b, h->p);
		chart_number(h->chi2, 2, s, sizeof(s));
		buf_printf(b, " ; χ² = %s, ", s);
		chart_put_counted(b, h->df, "degré de liberté",
		    "degrés de liberté");
		buf_puts(b, ").");
		chart_homogeneity_warning(b, h);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n");
}

static void
together_page(struct together *tg, struct resp *p, const struct staff_user *u,
    const struct tgroups *tgr, const struct national_view *nv,
    const struct tpooled *tp)
{
	struct buf	*b = &p->body;

	staff_page_open(tg->staff, p, u, "Sites ensemble");
	page_back_link(b, PREFIX "/", "Accueil");
	buf_puts(b, "<h1>Sites ensemble");
	if (nv->year != NULL) {
		buf_puts(b, " ");
		html_puts(b, nv->year);
	}
	buf_puts(b, "</h1>\n<p>Une préfecture et ses sous-préfectures, ou les "
	    "sites d’un département, côte à côte : leurs résultats de "
	    "l’année, ceux du groupe entier, et pour chaque critère si les "
	    "sites diffèrent vraiment.</p>\n");
	if (tgr->shown == -1) {
		buf_puts(b, "<p class=\"fr-text--lead\">Aucun site à comparer "
		    "parmi ceux dont vous avez la charge.</p>\n");
		page_end(b);
		return;
	}
	together_choice(b, tgr, nv);
	if (nv->nsites == 0 || nv->ncrit == 0) {
		national_none(b, nv);
		page_end(b);
		return;
	}
	together_table(b, nv, tp, tgr);
	together_tests(b, nv, tp);
	page_end(b);
}

/* ------------------------------------------------------------ handler */

static void
message(struct together *tg, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(tg->staff, p, u, status, title, text, PREFIX "/",
	    "Accueil");
}

/* GET SELF: read the query, the groups, load, compute, render. */
static void
together(struct together *tg, const struct staff_user *u,
    const struct req *r, struct resp *p)
{
	struct tquery		 q;
	struct tgroups		 tgr;
	struct national_view	 nv;
	struct tpooled		 tp;
	char			 sqlstate[6];

	memset(&q, 0, sizeof(q));
	memset(&tgr, 0, sizeof(tgr));
	memset(&nv, 0, sizeof(nv));
	memset(&tp, 0, sizeof(tp));
	fields_read(r, tq_fields, TQ_NFIELDS, 0, &q, &q.nq.errs);
	if (q.nq.errs.nerrors > 0 || q.nq.errs.form_error != NULL) {
		national_refused(tg->staff, p, u, &q.nq.errs, TQ__MAX, AGAIN);
		goto out;
	}
	if (db_exec_as_logged(tg->db, u->session, u->login, tg->base +
	    S_GROUPS, together_stmts[S_GROUPS].name, NULL, &tgr.res,
	    sqlstate) != DB_OK) {
		message(tg, p, u, 503, "Service momentanément indisponible",
		    "Réessayez dans quelques instants.");
		goto out;
	}
	if (together_group(&q, &tgr) == -1) {
		national_refused(tg->staff, p, u, &q.nq.errs, TQ__MAX, AGAIN);
		goto out;
	}
	if (tgr.shown != -1 && (national_view_load(tg->national, u,
	    q.nq.kind, q.nq.year, tgr.site, tgr.department, &nv) == -1 ||
	    together_compute(&nv, &tp) == -1)) {
		message(tg, p, u, 503, "Service momentanément indisponible",
		    "Réessayez dans quelques instants.");
		goto out;
	}
	nv.kind = q.nq.kind;
	together_page(tg, p, u, &tgr, &nv, &tp);
out:
	tpooled_free(&tp);
	national_view_free(&nv);
	PQclear(tgr.res);
	fields_free(&q.nq.errs);
}

int
together_handle(struct together *tg, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	if (r->path == NULL || strcmp(r->path, SELF) != 0)
		return 0;
	http_resp_reset(p);
	if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
		p->status = 405;
		p->allow = "GET, HEAD";
		return 1;
	}
	together(tg, u, r, p);
	return 1;
}
