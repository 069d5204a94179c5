/* A campaign's progress, its planner, and its printable questionnaire. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "cal.h"
#include "campaigns.h"
#include "chart.h"
#include "db.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "lang.h"
#include "log.h"
#include "page.h"
#include "paperform.h"
#include "planner.h"
#include "progress.h"
#include "results.h"
#include "sampling.h"
#include "serve.h"
#include "staff.h"
#include "xmalloc.h"

/* Days shown at most, the last ones: the chart draws no more. */
#define PROGRESS_DAYS_MAX	400

enum stmt {
	STMT_DAYS,
	STMT_PAPER,
	STMT__MAX
};

static const struct db_stmt pg_stmts[STMT__MAX] = {
	/*
	 * Campaign $1's target, then its returns that count (neither
	 * withdrawn nor set aside, as in its rates) by day at the site and
	 * by channel, from the counts kept as they arrive (sql/043), then
	 * its slots by day. The policies keep it to the user's sites.
	 */
	[STMT_DAYS] = { "progress_days",
	    "SELECT 'meta' AS part, NULL::text AS day, NULL::text AS channel,"
	    " 0::bigint AS n, c.target_count::text AS target"
	    " FROM qualimetre.campaign c WHERE c.id = $1::bigint"
	    " UNION ALL"
	    " SELECT 'return', to_char(k.slot AT TIME ZONE s.timezone,"
	    "  'YYYY-MM-DD'), k.channel, sum(k.counted)::bigint, NULL"
	    " FROM qualimetre.response_slot_count k"
	    " JOIN qualimetre.campaign c ON c.id = k.campaign_id"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE k.campaign_id = $1::bigint"
	    " GROUP BY 2, 3 HAVING sum(k.counted) <> 0"
	    " UNION ALL"
	    " SELECT 'slot', to_char(l.day, 'YYYY-MM-DD'), NULL, count(*), NULL"
	    " FROM qualimetre.slot l WHERE l.campaign_id = $1::bigint"
	    " GROUP BY 2", 1 },
	/* What the printed questionnaire of campaign $1 carries. */
	[STMT_PAPER] = { "progress_paper",
	    "SELECT c.title, c.slug, c.form_id::text AS form_id,"
	    " s.name AS site"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE c.id = $1::bigint AND c.kind = 'satisfaction'", 1 },
};

struct progress {
	struct db		*db;
	struct staff		*staff;
	struct formcache	*forms;
	char			*public_url;	/* or NULL */
	size_t			 base;		/* of pg_stmts in db */
};

/* One day of a campaign. */
struct pg_day {
	char		 day[CAL_DATE_LEN + 1];
	long long	 web, paper, contacts, slots;
};

/* What the section shows, read and counted. */
struct pg_counts {
	long long	 target;		/* 0: none set */
	long long	 web, paper, contacts;	/* in all */
	long long	 slots;
	struct pg_day	*days;			/* every day, from the first
						   to the last shown */
	size_t		 ndays;
};

struct progress *
progress_create(struct db *db, struct staff *staff, struct formcache *forms,
    const char *public_url)
{
	struct progress	*pg;

	pg = xcalloc(1, sizeof(*pg));
	pg->db = db;
	pg->staff = staff;
	pg->forms = forms;
	pg->public_url = public_url != NULL ? xstrdup(public_url) : NULL;
	pg->base = db_register(db, pg_stmts, STMT__MAX);
	return pg;
}

void
progress_free(struct progress *pg)
{
	if (pg == NULL)
		return;
	free(pg->public_url);
	free(pg);
}

/* Runs statement stmt for campaign id as u; NULL when unavailable. */
static PGresult *
pg_exec(struct progress *pg, const struct staff_user *u, enum stmt stmt,
    const char *id)
{
	const char	*params[1] = { id };
	PGresult	*res = NULL;
	char		 sqlstate[6], *cause = NULL;

	if (db_exec_as(pg->db, u->session, pg->base + stmt, params, &res,
	    sqlstate, &cause) != DB_OK) {
		log_warnx("%s %s for %s: %s", pg_stmts[stmt].name, id,
		    u->login, cause);
		free(cause);
		return NULL;
	}
	return res;
}

/*
 * The days shown: from the first day of the campaign, or of a return
 * before it, to today (the last day once it is over), or to the last
 * return after that; the last PROGRESS_DAYS_MAX of them.
 */
static void
days_span(PGresult *res, const struct progress_campaign *c, long *first,
    long *last)
{
	long	opens, closes, d;
	int	i, cp = PQfnumber(res, "part"), cd = PQfnumber(res, "day");

	if (cal_parse(c->r->opens_on, &opens) == -1 ||
	    cal_parse(c->r->closes_on, &closes) == -1) {
		*first = 0;
		*last = -1;
		return;
	}
	*first = opens;
	*last = c->today < closes ? c->today : closes;
	for (i = 0; i < PQntuples(res); i++) {
		if (strcmp(PQgetvalue(res, i, cp), "meta") == 0 ||
		    cal_parse(PQgetvalue(res, i, cd), &d) == -1)
			continue;
		if (d < *first)
			*first = d;
		if (d > *last)
			*last = d;
	}
	if (*last - *first + 1 > PROGRESS_DAYS_MAX)
		*first = *last - PROGRESS_DAYS_MAX + 1;
}

/* Reads res into *pc for campaign c. */
static void
counts_read(PGresult *res, const struct progress_campaign *c,
    struct pg_counts *pc)
{
	const char	*part, *channel;
	long		 first, last, d;
	long long	 n;
	size_t		 k;
	int		 i, cp, cd, cc, cn, ct;

	memset(pc, 0, sizeof(*pc));
	cp = PQfnumber(res, "part");
	cd = PQfnumber(res, "day");
	cc = PQfnumber(res, "channel");
	cn = PQfnumber(res, "n");
	ct = PQfnumber(res, "target");
	days_span(res, c, &first, &last);
	pc->ndays = last >= first ? (size_t)(last - first + 1) : 0;
	pc->days = xcalloc(pc->ndays + 1, sizeof(*pc->days));
	for (k = 0; k < pc->ndays; k++)
		cal_format(first + (long)k, pc->days[k].day);
	for (i = 0; i < PQntuples(res); i++) {
		part = PQgetvalue(res, i, cp);
		if (strcmp(part, "meta") == 0) {
			if (!PQgetisnull(res, i, ct))
				pc->target = strtoll(PQgetvalue(res, i, ct),
				    NULL, 10);
			continue;
		}
		n = strtoll(PQgetvalue(res, i, cn), NULL, 10);
		channel = PQgetvalue(res, i, cc);
		d = cal_parse(PQgetvalue(res, i, cd), &d) == -1 ? -1 : d;
		k = d >= first && d <= last ? (size_t)(d - first) : pc->ndays;
		if (strcmp(part, "slot") == 0) {
			pc->slots += n;
			if (k < pc->ndays)
				pc->days[k].slots += n;
		} else if (strcmp(channel, "web") == 0) {
			pc->web += n;
			if (k < pc->ndays)
				pc->days[k].web += n;
		} else if (strcmp(channel, "paper") == 0) {
			pc->paper += n;
			if (k < pc->ndays)
				pc->days[k].paper += n;
		}
		if (strcmp(part, "return") == 0) {
			pc->contacts += n;
			if (k < pc->ndays)
				pc->days[k].contacts += n;
		}
	}
}

/* "120 questionnaires reçus sur un objectif de 200, soit 60 %." and
   its bar, a decoration the sentence says in words. */
static void
put_against(struct buf *b, long long got, long long target,
    const char *one, const char *many, const char *of)
{
	double	share = target > 0 ? (double)got / (double)target : 0;

	buf_puts(b, "<p class=\"fr-text--lead fr-mb-1w\" id=\"progression-"
	    "total\">");
	chart_put_counted(b, got, one, many);
	if (target > 0) {
		buf_puts(b, " sur ");
		buf_puts(b, of);
		buf_puts(b, " de ");
		chart_put_count(b, target);
		buf_puts(b, ", soit ");
		chart_put_percent(b, share, 0);
	}
	buf_puts(b, ".</p>\n");
	if (target <= 0)
		return;
	buf_printf(b, "<svg class=\"qm-progress fr-mb-2w\" viewBox=\"0 0 100 "
	    "3\" preserveAspectRatio=\"none\" width=\"100%%\" height=\"12\" "
	    "aria-hidden=\"true\" focusable=\"false\"><rect width=\"100\" "
	    "height=\"3\" fill=\"#e5e5e5\"/><rect width=\"%.1f\" height=\"3\" "
	    "fill=\"#000091\"/></svg>\n", share > 1 ? 100.0 : share * 100);
}

/* What remains to do by the last day, in words. */
static void
put_pace(struct buf *b, const struct progress_campaign *c, long long got,
    long long target, const char *one, const char *many)
{
	struct planner_pace	pace;
	long			opens, closes;

	if (cal_parse(c->r->opens_on, &opens) == -1 ||
	    cal_parse(c->r->closes_on, &closes) == -1 ||
	    planner_pace(got, target, c->today, opens, closes,
	    c->department, &pace) == -1) {
		buf_puts(b, "<p>Le rythme nécessaire ne peut pas être calculé "
		    "pour les dates de cette campagne.</p>\n");
		return;
	}
	buf_puts(b, "<p id=\"progression-rythme\">");
	if (pace.remaining == 0)
		buf_puts(b, "L’objectif est atteint.");
	else if (pace.per_day < 0) {
		buf_puts(b, "La campagne est close" CHART_NBSP "; il a manqué ");
		chart_put_counted(b, pace.remaining, one, many);
		buf_puts(b, " pour atteindre l’objectif.");
	} else {
		buf_puts(b, "Il reste ");
		chart_put_counted(b, pace.remaining, one, many);
		buf_puts(b, " à recueillir d’ici le ");
		page_date(b, c->r->closes_on);
		buf_puts(b, ", en ");
		chart_put_counted(b, pace.days_left, "jour ouvré",
		    "jours ouvrés");
		buf_puts(b, c->today < opens ? " à partir de l’ouverture" : "");
		buf_puts(b, CHART_NBSP ": ");
		buf_puts(b, pace.per_day > 1 ? "environ " : "");
		chart_put_counted(b, pace.per_day, one, many);
		buf_puts(b, " par jour ouvré.");
	}
	buf_puts(b, "</p>\n");
}

/* The chart of the days, and its table behind a summary. */
static void
put_days(struct buf *b, const struct pg_counts *pc, int mystery)
{
	static const struct chart_days_text	returns = {
		"Questionnaires reçus par jour", "questionnaire",
		"questionnaires", "Questionnaires reçus chaque jour, par "
		"internet et sur papier (un questionnaire papier compte le "
		"jour de sa saisie)", 0
	}, contacts = {
		"Contacts enregistrés par jour", "contact", "contacts",
		"Contacts mystère enregistrés chaque jour", 0
	};
	const char	**days;
	long long	 *n;
	int		 *flags;
	size_t		  i;

	if (pc->ndays == 0)
		return;
	days = xcalloc(pc->ndays, sizeof(*days));
	n = xcalloc(pc->ndays, sizeof(*n));
	flags = xcalloc(pc->ndays, sizeof(*flags));
	for (i = 0; i < pc->ndays; i++) {
		days[i] = pc->days[i].day;
		n[i] = mystery ? pc->days[i].contacts : pc->days[i].web +
		    pc->days[i].paper;
	}
	chart_days_as(b, days, n, flags, pc->ndays, "progression-jours",
	    mystery ? &contacts : &returns);
	buf_printf(b, "<details class=\"fr-mb-2w\">\n<summary>Tableau %s par "
	    "jour</summary>\n<div class=\"fr-table\" id=\"progression-"
	    "tableau\">\n" HTML_TABLE_BOXES "<table>\n<caption>%s par jour"
	    "</caption>\n<thead><tr><th scope=\"col\">Jour</th>", mystery ?
	    "des contacts" : "des questionnaires", mystery ? "Contacts "
	    "enregistrés et créneaux planifiés" : "Questionnaires reçus");
	buf_puts(b, mystery ? "<th scope=\"col\">Créneaux planifiés</th>"
	    "<th scope=\"col\">Contacts enregistrés</th>" :
	    "<th scope=\"col\">Par internet</th><th scope=\"col\">Sur papier"
	    "</th><th scope=\"col\">Total</th>");
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < pc->ndays; i++) {
		buf_puts(b, "<tr><th scope=\"row\">");
		page_date(b, pc->days[i].day);
		buf_puts(b, "</th><td>");
		chart_put_count(b, mystery ? pc->days[i].slots :
		    pc->days[i].web);
		buf_puts(b, "</td><td>");
		chart_put_count(b, mystery ? pc->days[i].contacts :
		    pc->days[i].paper);
		if (!mystery) {
			buf_puts(b, "</td><td>");
			chart_put_count(b, n[i]);
		}
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n"
	    "</details>\n");
	free(days);
	free(n);
	free(flags);
}

/* A count of the planner, or what stands for it. */
static void
put_need(struct buf *b, long long v)
{
	if (v < 0)
		buf_puts(b, "inconnu");
	else
		chart_put_count(b, v);
}

/* The planner's table: one row per criterion of r. */
static void
put_planner_table(struct buf *b, const struct results *r,
    const struct planner_need *needs, const int *ok)
{
	const struct results_row	*row;
	size_t				 i;

	chart_table_open(b, "precision");
	buf_puts(b, "<caption>Avis et questionnaires à recueillir encore, "
	    "par critère</caption>\n<thead><tr><th scope=\"col\">Critère</th>"
	    "<th scope=\"col\">Avis exprimés</th><th scope=\"col\">Taux de "
	    "satisfaction</th><th scope=\"col\">Précision actuelle (à 95"
	    CHART_NBSP "%)</th><th scope=\"col\">Avis de plus</th>"
	    "<th scope=\"col\">Questionnaires de plus</th></tr></thead>\n"
	    "<tbody>\n");
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		buf_puts(b, "<tr><th scope=\"row\">");
		html_puts(b, row->short_label != NULL ? row->short_label :
		    row->label);
		buf_puts(b, "</th><td>");
		chart_put_count(b, row->n);
		buf_puts(b, "</td><td>");
		if (row->n > 0)
			chart_put_percent(b, row->rate, 1);
		else
			buf_puts(b, "—");
		buf_puts(b, "</td><td>");
		if (row->n > 0) {
			buf_puts(b, "±");
			chart_put_percent(b, (row->upper - row->lower) / 2, 1);
		} else
			buf_puts(b, "—");
		buf_puts(b, "</td><td>");
		put_need(b, ok[i] ? needs[i].more : -1);
		buf_puts(b, "</td><td>");
		put_need(b, needs[i].questionnaires);
		buf_puts(b, "</td></tr>\n");
	}
	chart_table_close(b);
}

/*
 * The questionnaires each criterion still needs for ±5 points, the
 * campaign's headline first, what it assumes under the table.
 */
static void
put_planner(struct buf *b, const struct results *r)
{
	struct planner_need	*needs;
	const struct results_row *row;
	size_t			 i, unknown;
	long long		 most;
	int			*ok;

	if (r->nrows == 0)
		return;
	needs = xcalloc(r->nrows, sizeof(*needs));
	ok = xcalloc(r->nrows, sizeof(*ok));
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		ok[i] = planner_need(row->satisfied, row->n, r->responses,
		    PLANNER_MARGIN, &needs[i]) == 0;
		if (!ok[i])
			needs[i].questionnaires = -1;
	}
	most = planner_most(needs, r->nrows, &unknown);
	buf_puts(b, "<h3 id=\"precision\">Questionnaires encore nécessaires "
	    "pour une précision de ±5" CHART_NBSP "points</h3>\n"
	    "<p class=\"fr-text--lead\" id=\"precision-total\">");
	if (most == 0 && unknown == 0)
		buf_puts(b, "Chaque critère est déjà connu à ±5" CHART_NBSP
		    "points près.");
	else if (most > 0) {
		buf_puts(b, "Environ ");
		chart_put_counted(b, most, "questionnaire", "questionnaires");
		buf_puts(b, " de plus pour que chaque critère soit connu à ±5"
		    CHART_NBSP "points près.");
	} else
		buf_puts(b, "Aucun critère n’a encore reçu d’avis" CHART_NBSP
		    ": le nombre de questionnaires nécessaires ne peut pas "
		    "encore être estimé.");
	if (unknown > 0 && most > 0) {
		buf_puts(b, " ");
		chart_put_counted(b, (long long)unknown, "critère sans aucun "
		    "avis n’est pas compté", "critères sans aucun avis ne sont "
		    "pas comptés");
		buf_puts(b, ".");
	}
	buf_puts(b, "</p>\n");
	/* Before any return, every row would say the same. */
	if (r->responses > 0)
		put_planner_table(b, r, needs, ok);
	buf_puts(b, "<p class=\"fr-text--sm\" id=\"precision-hypotheses\">"
	    "Calcul du nombre d’avis pour qu’un intervalle de confiance à 95"
	    CHART_NBSP "% s’étende à 5" CHART_NBSP "points au plus de part "
	    "et d’autre du taux (approximation normale), en supposant que le "
	    "taux restera celui observé jusqu’ici" CHART_NBSP "; 50" CHART_NBSP
	    "% pour un critère sans avis, et (satisfaits + 2) / (avis + 4) "
	    "pour un taux de 0 ou 100" CHART_NBSP "%. Les questionnaires de "
	    "plus supposent que la part des questionnaires qui donnent un avis "
	    "sur le critère (ni «" CHART_NBSP "sans avis" CHART_NBSP "», ni "
	    "sans réponse) reste celle observée" CHART_NBSP "; «" CHART_NBSP
	    "inconnu" CHART_NBSP "» quand aucun questionnaire reçu n’en "
	    "donne. Près de 0 ou de 100" CHART_NBSP "%, il en faut parfois un "
	    "peu plus.</p>\n");
	free(needs);
	free(ok);
}

/* The links to the printable questionnaire, one per language. */
static void
put_paper_links(struct progress *pg, struct buf *b, const char *id,
    const struct form *f)
{
	const char	*name;
	size_t		 i;

	buf_printf(b, "<h3>Questionnaire papier</h3>\n<p><a class=\"fr-link\" "
	    "href=\"" CAMPAIGNS_PREFIX "/%s/questionnaire.pdf\">Questionnaire "
	    "à imprimer (PDF, A4)</a>", id);
	for (i = 1; f != NULL && i < form_nlangs(f); i++) {
		name = lang_name(form_lang(f, i));
		buf_puts(b, i == 1 ? " — aussi en" CHART_NBSP ": " : ", ");
		buf_printf(b, "<a class=\"fr-link\" href=\"" CAMPAIGNS_PREFIX
		    "/%s/questionnaire.pdf?langue=", id);
		html_puts(b, form_lang(f, i));
		buf_puts(b, "\" hreflang=\"");
		html_puts(b, form_lang(f, i));
		buf_puts(b, "\" lang=\"");
		html_puts(b, form_lang(f, i));
		buf_puts(b, "\">");
		html_puts(b, name != NULL ? name : form_lang(f, i));
		buf_puts(b, "</a>");
	}
	buf_puts(b, "</p>\n<p class=\"fr-text--sm\">Les questions y sont "
	    "numérotées dans l’ordre de l’écran de saisie papier.");
	if (pg->public_url == NULL)
		buf_puts(b, " L’adresse publique du service n’étant pas "
		    "configurée, il ne porte pas le code QR du questionnaire en "
		    "ligne.");
	buf_puts(b, "</p>\n");
}

void
progress_put(struct progress *pg, const struct staff_user *u, struct buf *b,
    const struct progress_campaign *c)
{
	struct pg_counts	 pc;
	PGresult		*res;
	long long		 target;
	int			 mystery;

	mystery = strcmp(c->r->kind, "satisfaction") != 0;
	buf_puts(b, "<section class=\"fr-mb-4w\" id=\"progression\" "
	    "aria-labelledby=\"progression-titre\">\n<h2 id=\"progression-"
	    "titre\">Progression</h2>\n");
	if ((res = pg_exec(pg, u, STMT_DAYS, c->id)) == NULL) {
		buf_puts(b, "<p>La progression est momentanément indisponible."
		    "</p>\n</section>\n");
		return;
	}
	counts_read(res, c, &pc);
	PQclear(res);
	if (mystery) {
		/* Without a target of its own, the label's minimum. */
		target = pc.target > 0 ? pc.target : SAMPLING_REQUIRED;
		put_against(b, pc.contacts, target, "contact enregistré",
		    "contacts enregistrés", pc.target > 0 ? "un objectif" :
		    "le minimum du label");
		buf_puts(b, "<p>");
		chart_put_counted(b, pc.slots, "créneau planifié",
		    "créneaux planifiés");
		buf_puts(b, ".</p>\n");
		put_pace(b, c, pc.contacts, target, "contact", "contacts");
	} else {
		put_against(b, pc.web + pc.paper, pc.target,
		    "questionnaire reçu", "questionnaires reçus",
		    "un objectif");
		buf_puts(b, "<p id=\"progression-canaux\">Par internet"
		    CHART_NBSP ": ");
		chart_put_count(b, pc.web);
		buf_puts(b, CHART_NBSP "; sur papier" CHART_NBSP ": ");
		chart_put_count(b, pc.paper);
		buf_puts(b, ".</p>\n");
		if (pc.target > 0)
			put_pace(b, c, pc.web + pc.paper, pc.target,
			    "questionnaire", "questionnaires");
		else
			buf_puts(b, "<p>Aucun objectif de nombre de "
			    "questionnaires n’est fixé pour cette campagne."
			    "</p>\n");
	}
	/* No empty chart before the first return (the page says so). */
	if (c->r->responses > 0)
		put_days(b, &pc, mystery);
	if (!mystery) {
		buf_printf(b, "<p><a class=\"fr-link\" href=\"" CAMPAIGNS_PREFIX
		    "/%s/rythme\">Heure des réponses par internet et pics "
		    "inhabituels</a></p>\n", c->id);
		put_planner(b, c->r);
		put_paper_links(pg, b, c->id, c->form);
	}
	free(pc.days);
	buf_puts(b, "</section>\n");
}

/*
 * The language ?langue= asks of f: NULL for French or none; sets *bad
 * when it names none of f's.
 */
static const char *
paper_lang(const struct req *r, const struct form *f, int *bad)
{
	const struct http_field	*fl;
	size_t			 i;

	*bad = 0;
	if ((fl = http_field_get(r, "langue")) == NULL)
		return NULL;
	for (i = 0; i < form_nlangs(f); i++)
		if (strcmp(fl->val, form_lang(f, i)) == 0)
			return i == 0 ? NULL : form_lang(f, i);
	*bad = 1;
	return NULL;
}

int
progress_handle(struct progress *pg, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	const struct form	*f;
	const char		*lang;
	PGresult		*res;
	char			 id[32], addr[512], *cause = NULL;
	const char		*url = NULL;
	int			 end = 0, bad;

	if (sscanf(r->path, CAMPAIGNS_PREFIX "/%18[0-9]/questionnaire.pdf%n",
	    id, &end) != 1 || end == 0 || r->path[end] != '\0' ||
	    !http_id_parse(id, NULL))
		return 0;
	if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
		p->status = 405;
		p->allow = "GET, HEAD";
		return 1;
	}
	if ((res = pg_exec(pg, u, STMT_PAPER, id)) == NULL) {
		staff_page_message(pg->staff, p, u, 503, "Service "
		    "momentanément indisponible", "Réessayez dans quelques "
		    "instants.", NULL, NULL);
		return 1;
	}
	f = PQntuples(res) == 1 ? formcache_get(pg->forms,
	    strtoll(db_value(res, 0, "form_id"), NULL, 10)) : NULL;
	if (PQntuples(res) == 1 && f == NULL) {
		staff_page_message(pg->staff, p, u, 503, "Service "
		    "momentanément indisponible", "Réessayez dans quelques "
		    "instants.", NULL, NULL);
		goto out;
	}
	lang = f != NULL ? paper_lang(r, f, &bad) : NULL;
	if (f == NULL || bad) {
		staff_page_message(pg->staff, p, u, 404, f == NULL ?
		    "Campagne introuvable" : "Langue introuvable", f == NULL ?
		    "Cette campagne n’existe pas, n’est pas une enquête de "
		    "satisfaction, ou n’est pas sur un site dont vous avez la "
		    "charge." : "Ce questionnaire n’existe pas dans cette "
		    "langue.", "/referent/", "Mes campagnes");
		goto out;
	}
	if (serve_questionnaire_url(pg->public_url, db_value(res, 0, "slug"),
	    addr, sizeof(addr)) == 0)
		url = addr;
	p->no_store = 1;
	p->content_type = "application/pdf";
	p->attachment = "questionnaire.pdf";
	if (paperform_pdf(form_in(f, lang), db_value(res, 0, "site"),
	    db_value(res, 0, "title"), url, &p->body, &cause) == -1) {
		log_warnx("questionnaire.pdf of campaign %s: %s", id, cause);
		free(cause);
		p->content_type = "text/html; charset=utf-8";
		p->attachment = NULL;
		staff_page_message(pg->staff, p, u, 500, "Fichier impossible",
		    "Ce fichier n’a pas pu être produit ; l’erreur est "
		    "signalée.", NULL, NULL);
	}
out:
	PQclear(res);
	return 1;
}
