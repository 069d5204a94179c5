/* The published results: public page, framed fragment, poster. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "chart.h"
#include "db.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "poster.h"
#include "published.h"
#include "results.h"
#include "site.h"
#include "xmalloc.h"

#define SERVICE		"Résultats publiés"

enum stmt {
	STMT_PUBLISHED,
	STMT__MAX
};

static const struct db_stmt published_stmts[STMT__MAX] = {
	/*
	 * The snapshots of site $1, newest first, one row per criterion,
	 * or campaign $2's alone when it is not NULL. Only the published
	 * tables: this role reads no answer and no response.
	 */
	[STMT_PUBLISHED] = { "published_site",
	    "SELECT p.campaign_id::text AS campaign_id, p.site_name, p.title,"
	    " to_char(p.opens_on, 'YYYY-MM-DD') AS opens_on,"
	    " to_char(p.closes_on, 'YYYY-MM-DD') AS closes_on,"
	    " p.referential, p.responses, p.questionnaire_url,"
	    " to_char(p.published_at AT TIME ZONE s.timezone, 'YYYY-MM-DD')"
	    "  AS published_on,"
	    " r.key, r.label, r.short_label, r.n, r.satisfied, r.no_opinion,"
	    " r.rate, r.lower_bound, r.upper_bound, r.target, r.verdict"
	    " FROM qualimetre.publication p"
	    " JOIN qualimetre.site s ON s.id = p.site_id"
	    " JOIN qualimetre.publication_row r ON r.campaign_id = p.campaign_id"
	    " WHERE p.site_code = $1"
	    " AND ($2::bigint IS NULL OR p.campaign_id = $2::bigint)"
	    " ORDER BY p.opens_on DESC, p.campaign_id DESC, r.position", 2 },
};

struct published {
	struct db	*db;
	size_t		 base;
	char		*public_url;
	char		*emblem;
};

/* One published campaign: its results rebuilt from the snapshot. */
struct pub {
	const char	*id;
	const char	*published_on;
	const char	*questionnaire_url;	/* or NULL */
	struct results	 r;
};

/* A site's published campaigns; strings point into res. */
struct pubs {
	PGresult	*res;
	struct pub	*v;
	size_t		 n;
};

struct published *
published_create(struct db *db, const char *public_url)
{
	struct published	*pd;

	pd = xcalloc(1, sizeof(*pd));
	pd->db = db;
	pd->base = db_register(db, published_stmts, STMT__MAX);
	pd->public_url = public_url != NULL ? xstrdup(public_url) : NULL;
	pd->emblem = poster_emblem_path();
	return pd;
}

void
published_free(struct published *pd)
{
	if (pd == NULL)
		return;
	free(pd->public_url);
	free(pd->emblem);
	free(pd);
}

static void
pubs_free(struct pubs *ps)
{
	size_t	i;

	for (i = 0; i < ps->n; i++)
		free(ps->v[i].r.rows);
	free(ps->v);
	PQclear(ps->res);
	memset(ps, 0, sizeof(*ps));
}

/* A stored rate or bound: NaN for NULL. */
static double
fraction(const PGresult *res, int i, const char *name)
{
	int	col = PQfnumber(res, name);

	if (col < 0 || PQgetisnull(res, i, col))
		return NAN;
	return strtod(PQgetvalue(res, i, col), NULL);
}

/* Row i of res as a criterion's published figures. */
static void
row_read(const PGresult *res, int i, struct results_row *row)
{
	int	col;
	long	v;

	memset(row, 0, sizeof(*row));
	row->key = db_value(res, i, "key");
	row->label = db_value(res, i, "label");
	if (!PQgetisnull(res, i, PQfnumber(res, "short_label")))
		row->short_label = db_value(res, i, "short_label");
	row->n = strtoll(db_value(res, i, "n"), NULL, 10);
	row->satisfied = strtoll(db_value(res, i, "satisfied"), NULL, 10);
	row->no_opinion = strtoll(db_value(res, i, "no_opinion"), NULL, 10);
	row->no_opinion_share = row->n + row->no_opinion > 0 ?
	    (double)row->no_opinion / (double)(row->n + row->no_opinion) : 0.0;
	row->rate = fraction(res, i, "rate");
	row->lower = fraction(res, i, "lower_bound");
	row->upper = fraction(res, i, "upper_bound");
	row->method = STATS_WILSON;
	row->small_sample = row->n > 0 && row->n < RESULTS_SMALL_SAMPLE;
	row->target = fraction(res, i, "target");
	if (isnan(row->target))
		row->target = -1.0;
	col = PQfnumber(res, "verdict");
	if (!PQgetisnull(res, i, col)) {
		v = strtol(PQgetvalue(res, i, col), NULL, 10);
		if (v >= 0 && v < STATS_VERDICT__MAX) {
			row->has_verdict = 1;
			row->verdict = (enum stats_verdict)v;
		}
	}
}

/*
 * Reads site code's published campaigns (campaign's alone when non-NULL)
 * into ps. Returns the number found, or -1 when the database is
 * unavailable.
 */
static int
pubs_load(struct published *pd, const char *code, const char *campaign,
    struct pubs *ps)
{
	const char	*params[2] = { code, campaign };
	const char	*id;
	char		 sqlstate[6], *cause = NULL;
	struct pub	*cur = NULL;
	int		 i, nt;

	memset(ps, 0, sizeof(*ps));
	if (db_exec(pd->db, pd->base + STMT_PUBLISHED, params, &ps->res,
	    sqlstate, &cause) != DB_OK) {
		log_warnx("published results of %s: %s", code, cause);
		free(cause);
		ps->res = NULL;
		return -1;
	}
	nt = PQntuples(ps->res);
	ps->v = xcalloc((size_t)nt + 1, sizeof(*ps->v));
	for (i = 0; i < nt; i++) {
		id = db_value(ps->res, i, "campaign_id");
		if (cur == NULL || strcmp(cur->id, id) != 0) {
			cur = &ps->v[ps->n++];
			cur->id = id;
			cur->published_on = db_value(ps->res, i, "published_on");
			if (!PQgetisnull(ps->res, i,
			    PQfnumber(ps->res, "questionnaire_url")))
				cur->questionnaire_url = db_value(ps->res, i,
				    "questionnaire_url");
			cur->r.campaign = db_value(ps->res, i, "title");
			cur->r.site = db_value(ps->res, i, "site_name");
			cur->r.opens_on = db_value(ps->res, i, "opens_on");
			cur->r.closes_on = db_value(ps->res, i, "closes_on");
			cur->r.kind = "satisfaction";
			if (!PQgetisnull(ps->res, i,
			    PQfnumber(ps->res, "referential")))
				cur->r.referential = db_value(ps->res, i,
				    "referential");
			cur->r.responses = strtoll(db_value(ps->res, i,
			    "responses"), NULL, 10);
			cur->r.rows = xcalloc((size_t)nt, sizeof(*cur->r.rows));
		}
		row_read(ps->res, i, &cur->r.rows[cur->r.nrows++]);
	}
	return (int)ps->n;
}

static void
message(struct resp *p, int status, const char *title, const char *text)
{
	p->status = status;
	page_begin(&p->body, title, SERVICE);
	page_message(&p->body, title, text, NULL, NULL);
	page_end(&p->body);
}

static void
none_published(struct resp *p)
{
	message(p, 404, "Aucun résultat publié", "Aucun résultat n’est encore "
	    "publié à cette adresse. Les résultats d’une enquête de "
	    "satisfaction y paraissent quand la préfecture les publie ; "
	    "vérifiez le lien que vous avez suivi, ou revenez plus tard.");
}

static void
unavailable(struct resp *p)
{
	p->retry_after = 30;
	message(p, 503, "Service momentanément indisponible",
	    "Les résultats ne peuvent pas être affichés pour l’instant. "
	    "Réessayez dans quelques instants.");
}

/* The period, the count and the date of publication, in a sentence. */
static void
put_period(struct buf *b, const struct pub *pu)
{
	buf_puts(b, "Enquête menée du ");
	page_date(b, pu->r.opens_on);
	buf_puts(b, " au ");
	page_date(b, pu->r.closes_on);
	buf_puts(b, " auprès des usagers de l’accueil : ");
	chart_put_counted(b, pu->r.responses, "questionnaire retenu",
	    "questionnaires retenus");
	buf_puts(b, ". Résultats publiés le ");
	page_date(b, pu->published_on);
	buf_puts(b, ".");
}

/* GET PUBLISHED_PREFIX "CODE": every published campaign of the site. */
static void
site_page(struct resp *p, const char *code, const struct pubs *ps)
{
	struct buf	*b = &p->body;
	char		 title[300], id[64];
	size_t		 i;

	snprintf(title, sizeof(title), "Résultats des enquêtes de satisfaction"
	    " – %s", ps->v[0].r.site);
	page_begin(b, title, SERVICE);
	buf_puts(b, "<h1>Résultats des enquêtes de satisfaction</h1>\n"
	    "<p class=\"fr-text--lead\">");
	html_puts(b, ps->v[0].r.site);
	buf_puts(b, "</p>\n<div class=\"fr-callout fr-mb-4w\">\n<h2 "
	    "class=\"fr-callout__title fr-h5\">Comment lire ces résultats"
	    "</h2>\n<p class=\"fr-callout__text\">Chaque taux est la part des "
	    "personnes satisfaites ou très satisfaites parmi celles qui ont "
	    "donné un avis sur ce critère ; les réponses « sans avis » n’y "
	    "sont pas comptées, leur part est donnée à côté. Un sondage ne "
	    "donne qu’une estimation : l’intervalle de confiance à 95 % "
	    "(méthode de Wilson) est la fourchette dans laquelle le taux de "
	    "l’ensemble des usagers se trouve très probablement. Moins il y a "
	    "d’avis, plus elle est large ; en dessous de 30 avis, le taux est "
	    "signalé comme un petit échantillon.</p>\n</div>\n");
	for (i = 0; i < ps->n; i++) {
		snprintf(id, sizeof(id), "campagne-%s", ps->v[i].id);
		buf_printf(b, "<section class=\"fr-mb-6w\" "
		    "aria-labelledby=\"%s\">\n<h2 id=\"%s\">", id, id);
		html_puts(b, ps->v[i].r.campaign);
		buf_puts(b, "</h2>\n<p>");
		put_period(b, &ps->v[i]);
		if (ps->v[i].r.referential != NULL) {
			buf_puts(b, " Référentiel : ");
			html_puts(b, ps->v[i].r.referential);
			buf_puts(b, ".");
		}
		buf_puts(b, "</p>\n");
		snprintf(id, sizeof(id), "resultats-%s", ps->v[i].id);
		chart_bars(b, &ps->v[i].r, id);
		buf_puts(b, "<p class=\"fr-mt-2w\"><a class=\"fr-link "
		    "fr-link--download\" download href=\"" PUBLISHED_PREFIX);
		html_puts(b, code);
		buf_putc(b, '/');
		html_puts(b, ps->v[i].id);
		buf_puts(b, "/affiche.pdf\">Télécharger l’affiche <span class=\""
		    "fr-sr-only\">« ");
		html_puts(b, ps->v[i].r.campaign);
		buf_puts(b, " »</span><span class=\"fr-link__detail\">PDF – "
		    "A4</span></a></p>\n</section>\n");
	}
	page_end(b);
}

/*
 * GET PUBLISHED_PREFIX "CODE/integration": the newest published
 * campaign as a page of its own for an <iframe>, with no DSFR and its
 * few styles inline (nginx lets any site frame this path only).
 */
static void
fragment(struct published *pd, struct resp *p, const char *code,
    const struct pubs *ps)
{
	const struct pub		*pu = &ps->v[0];
	const struct results_row	*row;
	struct buf			*b = &p->body;
	size_t				 i;

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	html_puts(b, "Résultats de l’enquête de satisfaction – ");
	html_puts(b, pu->r.site);
	buf_puts(b, "</title>\n<style>\n"
	    "body{margin:0;padding:.5rem;font-family:Marianne,Arial,"
	    "sans-serif;font-size:1rem;line-height:1.5;color:#161616;"
	    "background:#fff}\n"
	    "h1{font-size:1.25rem;margin:0 0 .25rem}\n"
	    "p{margin:0 0 .5rem}\n"
	    ".qm-scroll{overflow-x:auto;margin-bottom:.5rem}\n"
	    "table{border-collapse:collapse;width:100%}\n"
	    "caption{text-align:left;font-weight:700;padding:.25rem 0}\n"
	    "th,td{border:1px solid #929292;padding:.25rem .5rem;"
	    "text-align:left;vertical-align:top}\n"
	    "td{text-align:right;white-space:nowrap}\n"
	    "thead th{background:#eee}\n"
	    "a{color:#000091}\n"
	    "</style>\n</head>\n<body>\n<h1>");
	html_puts(b, pu->r.campaign);
	buf_puts(b, "</h1>\n<p>");
	html_puts(b, pu->r.site);
	buf_puts(b, ". ");
	put_period(b, pu);
	buf_puts(b, "</p>\n<div class=\"qm-scroll\" tabindex=\"0\" "
	    "role=\"region\" aria-labelledby=\"qm-caption\">\n<table>\n"
	    "<caption id=\"qm-caption\">Taux de satisfaction par critère"
	    "</caption>\n<thead><tr><th scope=\"col\">Critère</th>"
	    "<th scope=\"col\">Taux</th><th scope=\"col\">Intervalle à 95"
	    CHART_NBSP "%</th><th scope=\"col\">Avis (n)</th>"
	    "<th scope=\"col\">Sans avis</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < pu->r.nrows; i++) {
		row = &pu->r.rows[i];
		buf_puts(b, "<tr><th scope=\"row\">");
		html_puts(b, row->short_label != NULL ? row->short_label :
		    row->label);
		buf_puts(b, "</th><td>");
		if (row->n > 0)
			chart_put_percent(b, row->rate, 1);
		else
			buf_puts(b, "pas de réponse");
		buf_puts(b, "</td><td>");
		chart_put_interval(b, row->lower, row->upper, 1);
		buf_puts(b, "</td><td>");
		chart_put_count(b, row->n);
		buf_puts(b, "</td><td>");
		chart_put_percent(b, row->no_opinion_share, 1);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n</div>\n<p><a target=\"_top\" "
	    "href=\"");
	if (pd->public_url != NULL)
		html_puts(b, pd->public_url);
	html_puts(b, PUBLISHED_PREFIX);
	html_puts(b, code);
	buf_puts(b, "\">Tous les résultats, la méthode et l’affiche</a></p>\n"
	    "</body>\n</html>\n");
}

/* GET PUBLISHED_PREFIX "CODE/ID/affiche.pdf". */
static void
poster(struct published *pd, struct resp *p, const struct pubs *ps)
{
	char	*cause = NULL;

	p->content_type = "application/pdf";
	p->attachment = "affiche.pdf";
	if (poster_pdf(&ps->v[0].r, ps->v[0].questionnaire_url, pd->emblem,
	    &p->body, &cause) == -1) {
		log_warnx("poster of published campaign %s: %s", ps->v[0].id,
		    cause);
		free(cause);
		buf_reset(&p->body);
		p->content_type = "text/html; charset=utf-8";
		p->attachment = NULL;
		message(p, 500, "Affiche indisponible", "L’affiche n’a pas pu "
		    "être produite ; l’erreur est signalée.");
	}
}

int
published_handle(struct published *pd, const struct req *r, struct resp *p)
{
	struct pubs	 ps;
	const char	*rest, *slash;
	char		 code[SITE_CODE_MAX + 1], id[32];
	enum { PAGE, FRAGMENT, POSTER } what;
	size_t		 len;
	int		 found, off = 0;

	if (strncmp(r->path, PUBLISHED_PREFIX,
	    sizeof(PUBLISHED_PREFIX) - 1) != 0)
		return 0;
	if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
		p->allow = "GET, HEAD";
		message(p, 405, "Méthode non autorisée",
		    "Cette adresse ne s’utilise pas ainsi.");
		return 1;
	}
	rest = r->path + sizeof(PUBLISHED_PREFIX) - 1;
	slash = strchr(rest, '/');
	len = slash == NULL ? strlen(rest) : (size_t)(slash - rest);
	if (len > SITE_CODE_MAX) {
		none_published(p);
		return 1;
	}
	memcpy(code, rest, len);
	code[len] = '\0';
	if (!site_code_valid(code)) {
		none_published(p);
		return 1;
	}
	id[0] = '\0';
	if (slash == NULL)
		what = PAGE;
	else if (strcmp(slash, "/integration") == 0)
		what = FRAGMENT;
	else if (sscanf(slash, "/%18[0-9]%n", id, &off) == 1 &&
	    strcmp(slash + off, "/affiche.pdf") == 0 &&
	    http_id_parse(id, NULL))
		what = POSTER;
	else {
		none_published(p);
		return 1;
	}
	found = pubs_load(pd, code, what == POSTER ? id : NULL, &ps);
	if (found == -1)
		unavailable(p);
	else if (found == 0)
		none_published(p);
	else if (what == PAGE)
		site_page(p, code, &ps);
	else if (what == FRAGMENT)
		fragment(pd, p, code, &ps);
	else
		poster(pd, p, &ps);
	pubs_free(&ps);
	return 1;
}
