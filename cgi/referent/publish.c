/* Publishing a campaign's results: the snapshot the public page reads. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "campaigns.h"
#include "chart.h"
#include "db.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "publish.h"
#include "results.h"
#include "staff.h"
#include "xmalloc.h"

/* The arrays of one snapshot's criteria, in the statement's order. */
enum col {
	COL_KEY,
	COL_LABEL,
	COL_SHORT,
	COL_N,
	COL_SATISFIED,
	COL_NO_OPINION,
	COL_RATE,
	COL_LOWER,
	COL_UPPER,
	COL_TARGET,
	COL_VERDICT,
	COL__MAX
};

enum stmt {
	STMT_STATE,
	STMT_CLEAR,
	STMT_PUBLISH,
	STMT_WITHDRAW,
	STMT__MAX
};

static const struct db_stmt publish_stmts[STMT__MAX] = {
	/* Campaign $1 as the policies let the user see it, and since when
	   it is published, in its site's time. */
	[STMT_STATE] = { "publish_state",
	    "SELECT s.code, c.kind,"
	    " to_char(p.published_at AT TIME ZONE s.timezone, 'YYYY-MM-DD')"
	    "  AS published_on,"
	    " to_char(p.published_at AT TIME ZONE s.timezone, 'HH24\"h\"MI')"
	    "  AS published_at"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " LEFT JOIN qualimetre.publication p ON p.campaign_id = c.id"
	    " WHERE c.id = $1::bigint", 1 },
	/* A re-publication replaces the snapshot (its rows cascade). */
	[STMT_CLEAR] = { "publish_clear",
	    "DELETE FROM qualimetre.publication WHERE campaign_id = $1::bigint",
	    1 },
	/*
	 * The snapshot of campaign $1: its title $2, period $3-$4,
	 * referential $5, responses $6, questionnaire's address $7, by user
	 * $8 (login $9); one row per criterion from the arrays $10-$20; a
	 * line in the audit log. The site is the campaign's own.
	 */
	[STMT_PUBLISH] = { "publish_publish",
	    "WITH c AS (SELECT c.id, c.site_id, s.code, s.name"
	    "  FROM qualimetre.campaign c"
	    "  JOIN qualimetre.site s ON s.id = c.site_id"
	    "  WHERE c.id = $1::bigint AND c.kind = 'satisfaction'),"
	    " p AS (INSERT INTO qualimetre.publication (campaign_id, site_id,"
	    "  site_code, site_name, title, opens_on, closes_on, referential,"
	    "  responses, questionnaire_url, published_by)"
	    "  SELECT c.id, c.site_id, c.code, c.name, $2, $3::date, $4::date,"
	    "  $5, $6::bigint, $7, $8::bigint FROM c RETURNING campaign_id),"
	    " r AS (INSERT INTO qualimetre.publication_row (campaign_id,"
	    "  position, key, label, short_label, n, satisfied, no_opinion,"
	    "  rate, lower_bound, upper_bound, target, verdict)"
	    "  SELECT p.campaign_id, x.o - 1, x.k, x.l, x.s, x.n, x.y, x.z,"
	    "  x.r, x.lo, x.up, x.t, x.v FROM p,"
	    "  unnest($10::text[], $11::text[], $12::text[], $13::bigint[],"
	    "  $14::bigint[], $15::bigint[], $16::float8[], $17::float8[],"
	    "  $18::float8[], $19::float8[], $20::smallint[])"
	    "  WITH ORDINALITY AS x(k, l, s, n, y, z, r, lo, up, t, v, o)),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail)"
	    "  SELECT $8::bigint, $9, 'results-published', 'campaign ' ||"
	    "  p.campaign_id || ': ' || $6 || ' responses, ' ||"
	    "  cardinality($10::text[]) || ' criteria' FROM p)"
	    " SELECT campaign_id FROM p", 20 },
	/* Withdraws campaign $1's snapshot as user $2 ($3 their login). */
	[STMT_WITHDRAW] = { "publish_withdraw",
	    "WITH d AS (DELETE FROM qualimetre.publication"
	    "  WHERE campaign_id = $1::bigint RETURNING campaign_id),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail)"
	    "  SELECT $2::bigint, $3, 'results-withdrawn', 'campaign ' ||"
	    "  d.campaign_id FROM d)"
	    " SELECT campaign_id FROM d", 3 },
};

struct publish {
	struct db	*db;
	struct staff	*staff;
	size_t		 base;
	char		*public_url;
};

/* What the page needs of a campaign and its publication. */
struct pub_state {
	char	code[17];		/* the site's */
	int	satisfaction;
	int	published;
	char	on[11];			/* YYYY-MM-DD, in the site's time */
	char	at[8];			/* 14h05 */
};

struct publish *
publish_create(struct db *db, struct staff *staff, const char *public_url)
{
	struct publish	*pb;

	pb = xcalloc(1, sizeof(*pb));
	pb->db = db;
	pb->staff = staff;
	pb->base = db_register(db, publish_stmts, STMT__MAX);
	pb->public_url = public_url != NULL ? xstrdup(public_url) : NULL;
	return pb;
}

void
publish_free(struct publish *pb)
{
	if (pb == NULL)
		return;
	free(pb->public_url);
	free(pb);
}

enum publish_action
publish_path(const char *path, char *id, size_t size)
{
	char	num[32], action[16], tail;

	if (sscanf(path, CAMPAIGNS_PREFIX "/%18[0-9]/%15[a-z]%c", num, action,
	    &tail) != 2 || !http_id_parse(num, NULL) || size <= strlen(num))
		return PUBLISH_NONE;
	snprintf(id, size, "%s", num);
	if (strcmp(action, "publier") == 0)
		return PUBLISH_PUBLISH;
	if (strcmp(action, "retirer") == 0)
		return PUBLISH_WITHDRAW;
	return PUBLISH_NONE;
}

/*
 * Reads campaign id's state for u: 1, 0 when the policies hide it, -1
 * when the database is unavailable.
 */
static int
state_get(struct publish *pb, const struct staff_user *u, const char *id,
    struct pub_state *ps)
{
	const char	*params[1] = { id };
	PGresult	*res = NULL;
	char		 sqlstate[6];
	int		 found = -1;

	memset(ps, 0, sizeof(*ps));
	if (db_exec_as_logged(pb->db, u->session, u->login,
	    pb->base + STMT_STATE, "publication state", params, &res,
	    sqlstate) != DB_OK)
		goto out;
	found = 0;
	if (PQntuples(res) != 1)
		goto out;
	snprintf(ps->code, sizeof(ps->code), "%s", db_value(res, 0, "code"));
	ps->satisfaction = strcmp(db_value(res, 0, "kind"),
	    "satisfaction") == 0;
	ps->published = !PQgetisnull(res, 0, PQfnumber(res, "published_on"));
	snprintf(ps->on, sizeof(ps->on), "%s",
	    db_value(res, 0, "published_on"));
	snprintf(ps->at, sizeof(ps->at), "%s",
	    db_value(res, 0, "published_at"));
	found = 1;
out:
	PQclear(res);
	return found;
}

/* A message page, with the way back to campaign id. */
static void
refused(struct publish *pb, struct resp *p, const struct staff_user *u,
    int status, const char *id, const char *title, const char *text)
{
	char	back[64];

	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", id);
	staff_page_message(pb->staff, p, u, status, title, text, back,
	    "Retour à la campagne");
}

/* The public page's address: the configured one, else the path alone. */
static void
public_page(const struct publish *pb, struct buf *b, const char *code,
    const char *tail)
{
	if (pb->public_url != NULL)
		html_puts(b, pb->public_url);
	html_puts(b, PUBLISH_PUBLIC_PREFIX);
	html_puts(b, code);
	if (tail != NULL)
		html_puts(b, tail);
}

/* What a publication makes public, as a list. */
static void
public_list(const struct publish *pb, struct buf *b, const char *code)
{
	buf_puts(b, "<ul>\n<li>sur la page publique <code>");
	public_page(pb, b, code, NULL);
	buf_puts(b, "</code>, sans connexion : le titre de la campagne, sa "
	    "période, le nombre de réponses retenues et, pour chaque "
	    "critère, le taux de satisfaction, son intervalle de confiance à "
	    "95 %, le nombre d’avis exprimés et la part de « sans avis », "
	    "avec l’objectif et le graphique ;</li>\n<li>l’affiche A4 de ces "
	    "résultats, à télécharger ;</li>\n<li>le fragment à intégrer au "
	    "site de la préfecture (<code>");
	public_page(pb, b, code, "/integration");
	buf_puts(b, "</code>).</li>\n</ul>\n<p>Aucune réponse individuelle, "
	    "aucun commentaire libre et aucune donnée personnelle ne sont "
	    "publiés. Les chiffres sont figés à la date de publication : une "
	    "correction ultérieure n’apparaît qu’après une nouvelle "
	    "publication.</p>\n");
}

/* GET .../publier and .../retirer: what changes, to confirm. */
static void
confirm_page(struct publish *pb, const struct staff_user *u, struct resp *p,
    const char *id, enum publish_action action, const struct results *res,
    const struct pub_state *ps)
{
	struct buf	*b = &p->body;
	char		 back[64];
	int		 publishing = action == PUBLISH_PUBLISH;

	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", id);
	staff_page_open(pb->staff, p, u, publishing ? "Publier les résultats" :
	    "Retirer la publication");
	page_back_link(b, back, "Retour à la campagne");
	buf_printf(b, "<h1>%s ?</h1>\n<p class=\"fr-text--lead\">« ",
	    publishing ? "Publier les résultats" : "Retirer la publication");
	html_puts(b, res->campaign);
	buf_puts(b, " » (");
	html_puts(b, res->site);
	buf_puts(b, ")</p>\n");
	if (publishing && ps->published) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--info fr-mb-4w\">\n"
		    "<h2 class=\"fr-alert__title\">Déjà publiés le ");
		page_date(b, ps->on);
		buf_puts(b, "</h2>\n<p>Publier à nouveau remplace les chiffres "
		    "publiés par ceux d’aujourd’hui, avec la date de ce "
		    "jour.</p>\n</div>\n");
	}
	if (publishing) {
		buf_puts(b, "<p>Seront rendus publics, tels qu’ils sont "
		    "aujourd’hui (");
		chart_put_counted(b, res->responses, "réponse", "réponses");
		buf_puts(b, ") :</p>\n");
		public_list(pb, b, ps->code);
	} else {
		buf_puts(b, "<p>La page publique de ces résultats, leur affiche "
		    "et le fragment intégré au site de la préfecture "
		    "disparaîtront dès la confirmation : ces adresses "
		    "répondront qu’aucun résultat n’est publié. Les résultats "
		    "restent consultables ici, et pourront être publiés à "
		    "nouveau.</p>\n");
	}
	buf_printf(b, "<form method=\"post\" action=\"" CAMPAIGNS_PREFIX
	    "/%s/%s\">\n", id, publishing ? "publier" : "retirer");
	staff_csrf_input(b, u);
	buf_printf(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md\">"
	    "\n<li><button class=\"fr-btn\" type=\"submit\">%s</button></li>\n"
	    "<li><a class=\"fr-btn fr-btn--secondary\" href=\"%s\">Annuler</a>"
	    "</li>\n</ul>\n</form>\n", publishing ? "Confirmer la publication" :
	    "Confirmer le retrait", back);
	page_end(b);
}

/* A double as the statement reads it: "%.17g", or NULL for NaN. */
static char *
num_or_null(double v)
{
	char	*s;

	if (isnan(v) || isinf(v))
		return NULL;
	xasprintf(&s, "%.17g", v);
	return s;
}

/* POST .../publier: the snapshot of res replaces any earlier one. */
static void
do_publish(struct publish *pb, const struct staff_user *u, struct resp *p,
    const char *id, const struct results *res, const char *qurl)
{
	const struct results_row	*row;
	struct buf			 arrays[COL__MAX];
	char				**cells[COL__MAX];
	const char			*p0[1], *p1[20], *const *pp[2];
	const size_t			 seq[2] = { pb->base + STMT_CLEAR,
					    pb->base + STMT_PUBLISH };
	char				 uid[32], responses[32];
	char				 sqlstate[6], *cause = NULL;
	PGresult			*pres = NULL;
	enum db_status			 st;
	size_t				 i, k;

	for (k = 0; k < COL__MAX; k++) {
		memset(&arrays[k], 0, sizeof(arrays[k]));
		cells[k] = xcalloc(res->nrows + 1, sizeof(char *));
	}
	for (i = 0; i < res->nrows; i++) {
		row = &res->rows[i];
		cells[COL_KEY][i] = xstrdup(row->key);
		cells[COL_LABEL][i] = xstrdup(row->label != NULL ?
		    row->label : row->key);
		cells[COL_SHORT][i] = row->short_label != NULL ?
		    xstrdup(row->short_label) : NULL;
		xasprintf(&cells[COL_N][i], "%lld", row->n);
		xasprintf(&cells[COL_SATISFIED][i], "%lld", row->satisfied);
		xasprintf(&cells[COL_NO_OPINION][i], "%lld", row->no_opinion);
		cells[COL_RATE][i] = row->n > 0 ? num_or_null(row->rate) : NULL;
		cells[COL_LOWER][i] = row->n > 0 ? num_or_null(row->lower) :
		    NULL;
		cells[COL_UPPER][i] = row->n > 0 ? num_or_null(row->upper) :
		    NULL;
		cells[COL_TARGET][i] = row->target >= 0.0 ?
		    num_or_null(row->target) : NULL;
		if (row->has_verdict)
			xasprintf(&cells[COL_VERDICT][i], "%d",
			    (int)row->verdict);
	}
	for (k = 0; k < COL__MAX; k++)
		db_array(&arrays[k], (const char *const *)cells[k],
		    res->nrows);
	snprintf(uid, sizeof(uid), "%lld", u->id);
	snprintf(responses, sizeof(responses), "%lld", res->responses);
	p0[0] = id;
	p1[0] = id;
	p1[1] = res->campaign;
	p1[2] = res->opens_on;
	p1[3] = res->closes_on;
	p1[4] = res->referential;
	p1[5] = responses;
	p1[6] = qurl;
	p1[7] = uid;
	p1[8] = u->login;
	for (k = 0; k < COL__MAX; k++)
		p1[9 + k] = arrays[k].data != NULL ? arrays[k].data : "{}";
	pp[0] = p0;
	pp[1] = p1;
	st = db_exec_as_seq(pb->db, u->session, 2, seq, pp, &pres, sqlstate,
	    &cause);
	if (st == DB_OK && PQntuples(pres) == 1) {
		p->status = 303;
		xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s?publiee#"
		    "publication", id);
	} else if (st == DB_OK || (st == DB_REFUSED &&
	    strcmp(sqlstate, "42501") == 0)) {
		refused(pb, p, u, 403, id, "Publication refusée", "Vous n’avez "
		    "pas la charge de cette campagne : rien n’a été publié.");
	} else {
		log_warnx("publish %s for %s: %s", id, u->login, cause);
		refused(pb, p, u, st == DB_UNAVAILABLE ? 503 : 500, id,
		    "Publication impossible", "Les résultats n’ont pas pu être "
		    "publiés : rien n’a été rendu public. Réessayez dans "
		    "quelques instants.");
	}
	PQclear(pres);
	free(cause);
	for (k = 0; k < COL__MAX; k++) {
		for (i = 0; i < res->nrows; i++)
			free(cells[k][i]);
		free(cells[k]);
		buf_free(&arrays[k]);
	}
}

/* POST .../retirer. */
static void
do_withdraw(struct publish *pb, const struct staff_user *u, struct resp *p,
    const char *id)
{
	const char	*params[3];
	char		 uid[32], sqlstate[6];
	PGresult	*res = NULL;
	enum db_status	 st;

	snprintf(uid, sizeof(uid), "%lld", u->id);
	params[0] = id;
	params[1] = uid;
	params[2] = u->login;
	st = db_exec_as_logged(pb->db, u->session, u->login,
	    pb->base + STMT_WITHDRAW, "withdraw", params, &res, sqlstate);
	if (st == DB_OK) {
		/* None withdrawn: done already (a second click). */
		p->status = 303;
		xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s?retiree#"
		    "publication", id);
	} else
		refused(pb, p, u, st == DB_UNAVAILABLE ? 503 : 500, id,
		    "Retrait impossible", "La publication n’a pas pu être "
		    "retirée : elle est toujours en ligne. Réessayez dans "
		    "quelques instants.");
	PQclear(res);
}

void
publish_handle(struct publish *pb, const struct staff_user *u,
    const struct req *r, struct resp *p, const char *id,
    enum publish_action action, const struct results *res,
    const char *questionnaire_url)
{
	struct pub_state	ps;
	int			found;

	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		refused(pb, p, u, 403, id, "Action refusée", "Cette demande ne "
		    "vient pas d’une page de ce service : rien n’a été "
		    "modifié.");
		return;
	}
	if ((found = state_get(pb, u, id, &ps)) != 1) {
		if (found == 0)
			staff_page_message(pb->staff, p, u, 404, "Campagne "
			    "introuvable", "Cette campagne n’existe pas, ou "
			    "n’est pas sur un site dont vous avez la charge.",
			    "/referent/", "Mes campagnes");
		else
			refused(pb, p, u, 503, id, "Service momentanément "
			    "indisponible", "Réessayez dans quelques instants : "
			    "rien n’a été modifié.");
		return;
	}
	if (!ps.satisfaction) {
		refused(pb, p, u, 409, id, "Action impossible", "Seuls les "
		    "résultats d’une enquête de satisfaction se publient.");
		return;
	}
	if (action == PUBLISH_PUBLISH && (res->responses <= 0 ||
	    res->nrows == 0)) {
		refused(pb, p, u, 409, id, "Rien à publier", "Cette campagne "
		    "n’a encore aucune réponse retenue : il n’y a pas de "
		    "résultat à publier.");
		return;
	}
	if (action == PUBLISH_WITHDRAW && !ps.published) {
		if (r->method == HTTP_POST) {
			p->status = 303;
			xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s?retiree#"
			    "publication", id);
		} else
			refused(pb, p, u, 409, id, "Résultats non publiés",
			    "Les résultats de cette campagne ne sont pas "
			    "publiés : il n’y a rien à retirer.");
		return;
	}
	if (r->method != HTTP_POST)
		confirm_page(pb, u, p, id, action, res, &ps);
	else if (action == PUBLISH_PUBLISH)
		do_publish(pb, u, p, id, res, questionnaire_url);
	else
		do_withdraw(pb, u, p, id);
}

void
publish_section(struct publish *pb, const struct staff_user *u,
    const struct req *r, struct buf *b, const char *id, long long responses)
{
	struct pub_state	ps;

	buf_puts(b, "<h2 id=\"publication\">Publication des résultats</h2>\n");
	if (http_field_get(r, "publiee") != NULL)
		page_success(b, "Les résultats sont publiés.");
	if (http_field_get(r, "retiree") != NULL)
		page_success(b, "La publication est retirée : les résultats ne "
		    "sont plus publics.");
	if (state_get(pb, u, id, &ps) != 1) {
		buf_puts(b, "<p>L’état de la publication ne peut pas être lu "
		    "pour l’instant.</p>\n");
		return;
	}
	if (!ps.published) {
		buf_puts(b, "<p id=\"etat-publication\">Les résultats de cette "
		    "campagne ne sont pas publics.");
		if (responses <= 0)
			buf_puts(b, " Ils pourront être publiés dès la première "
			    "réponse.</p>\n");
		else
			buf_printf(b, "</p>\n<ul class=\"fr-btns-group "
			    "fr-btns-group--inline-md fr-mb-4w\">\n<li><a "
			    "class=\"fr-btn fr-btn--secondary\" href=\""
			    CAMPAIGNS_PREFIX "/%s/publier\">Publier les "
			    "résultats</a></li>\n</ul>\n", id);
		return;
	}
	buf_puts(b, "<p id=\"etat-publication\">Publiés le ");
	page_date(b, ps.on);
	buf_puts(b, " à ");
	html_puts(b, ps.at);
	buf_puts(b, " sur <a href=\"");
	public_page(pb, b, ps.code, NULL);
	buf_puts(b, "\">");
	public_page(pb, b, ps.code, NULL);
	buf_puts(b, "</a>. Les chiffres publiés sont ceux de ce jour-là.</p>\n"
	    "<p>Pour les afficher sur le site de la préfecture, copiez ce "
	    "code dans sa page :</p>\n<pre class=\"qm-snippet\" "
	    "id=\"code-integration\"><code>");
	/* Shown as text: escaped once for the page. */
	html_puts(b, "<iframe src=\"");
	public_page(pb, b, ps.code, "/integration");
	html_puts(b, "\" title=\"Résultats de l’enquête de satisfaction\" "
	    "width=\"100%\" height=\"480\" style=\"border:0\"></iframe>");
	buf_printf(b, "</code></pre>\n<ul class=\"fr-btns-group "
	    "fr-btns-group--inline-md fr-mb-4w\">\n<li><a class=\"fr-btn "
	    "fr-btn--secondary\" href=\"" CAMPAIGNS_PREFIX "/%s/publier\">"
	    "Publier à nouveau</a></li>\n<li><a class=\"fr-btn "
	    "fr-btn--tertiary\" href=\"" CAMPAIGNS_PREFIX "/%s/retirer\">"
	    "Retirer la publication</a></li>\n</ul>\n", id, id);
}
