/* A campaign's comments: the list, its filters, themes, tags, hiding. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "buf.h"
#include "cal.h"
#include "campaigns.h"
#include "comments.h"
#include "db.h"
#include "fields.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "page.h"
#include "staff.h"
#include "utf8.h"
#include "xmalloc.h"

#define PAGES_MAX	10000		/* the last page one may ask for */

enum stmt {
	S_CAMPAIGN,
	S_THEMES,
	S_TOTALS,
	S_LIST,
	S_TAG,
	S_HIDE,
	S_UNHIDE,
	S_THEME_ADD,
	S_THEME_RENAME,
	S_THEME_REMOVE,
	S_YEAR_THEMES,
	S__MAX
};

/* The logged-in user's login, for the audit log and the hiding. */
#define ME_LOGIN \
	"(SELECT u.login FROM qualimetre.app_user u" \
	" WHERE u.id = qualimetre.current_user_id())"

/* The comment $3 of response $2 in campaign $1, when it is a text. */
#define THE_COMMENT \
	"cm AS (SELECT a.response_id, a.question, a.campaign_id" \
	" FROM qualimetre.answer a WHERE a.campaign_id = $1::bigint" \
	" AND a.response_id = $2::uuid AND a.question = $3" \
	" AND a.text IS NOT NULL)"

/* The local date of a response, in its site's time zone. */
#define LOCAL_AT	"(r.submitted_at AT TIME ZONE s.timezone)"

static const struct db_stmt comments_stmts[S__MAX] = {
	/* The policies keep every statement to the user's sites. */
	[S_CAMPAIGN] = { "comments_campaign",
	    "SELECT c.id, c.title, c.kind, c.form_id, c.site_id,"
	    " s.name AS site FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE c.id = $1::bigint", 1 },
	/* The themes of site $1: their comments in campaign $2, and in
	   every campaign of the site. */
	[S_THEMES] = { "comments_themes",
	    "SELECT t.id, t.label, count(g.theme_id) FILTER"
	    " (WHERE g.campaign_id = $2::bigint) AS n,"
	    " count(g.theme_id) AS uses"
	    " FROM qualimetre.comment_theme t"
	    " LEFT JOIN qualimetre.comment_tag g ON g.theme_id = t.id"
	    " WHERE t.site_id = $1::bigint"
	    " GROUP BY t.id ORDER BY lower(t.label), t.id", 2 },
	[S_TOTALS] = { "comments_totals",
	    "SELECT count(*) AS total, count(*) FILTER (WHERE NOT EXISTS"
	    "  (SELECT 1 FROM qualimetre.comment_tag g"
	    "  WHERE g.response_id = a.response_id"
	    "  AND g.question = a.question)) AS untagged,"
	    " count(*) FILTER (WHERE EXISTS"
	    "  (SELECT 1 FROM qualimetre.comment_hidden h"
	    "  WHERE h.response_id = a.response_id"
	    "  AND h.question = a.question)) AS hidden"
	    " FROM qualimetre.answer a"
	    " JOIN qualimetre.counted_response r ON r.id = a.response_id"
	    " WHERE a.campaign_id = $1::bigint AND a.text IS NOT NULL", 1 },
	/*
	 * A page of the comments of campaign $1, newest first: those whose
	 * response answered criterion $2 with one of the values $3, sent
	 * from $4 to $5 (local dates), tagged with theme $6, without any
	 * theme when $7; COMMENTS_PER_PAGE from $8. Each with its
	 * response's coded answers ("key=value" lines) and its themes.
	 */
	[S_LIST] = { "comments_list",
	    "SELECT a.response_id, a.question, a.text, r.channel,"
	    " to_char(" LOCAL_AT ", 'YYYY-MM-DD') AS day,"
	    " to_char(" LOCAL_AT ", 'HH24:MI') AS time,"
	    " (SELECT l.lang FROM qualimetre.response l WHERE l.id = r.id)"
	    " AS lang,"
	    " (SELECT string_agg(x.question || '=' || x.value, E'\\n'"
	    "  ORDER BY x.question, x.value) FROM qualimetre.answer x"
	    "  WHERE x.response_id = a.response_id"
	    "  AND x.campaign_id = a.campaign_id AND x.value IS NOT NULL)"
	    " AS answers,"
	    " (SELECT string_agg(g.theme_id::text, ' ' ORDER BY g.theme_id)"
	    "  FROM qualimetre.comment_tag g"
	    "  WHERE g.response_id = a.response_id"
	    "  AND g.question = a.question) AS themes,"
	    " h.reason, h.hidden_by_login,"
	    " to_char(h.hidden_at AT TIME ZONE s.timezone, 'YYYY-MM-DD')"
	    " AS hidden_day,"
	    " count(*) OVER () AS total"
	    " FROM qualimetre.answer a"
	    " JOIN qualimetre.counted_response r ON r.id = a.response_id"
	    " JOIN qualimetre.campaign c ON c.id = a.campaign_id"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " LEFT JOIN qualimetre.comment_hidden h"
	    "  ON h.response_id = a.response_id AND h.question = a.question"
	    " WHERE a.campaign_id = $1::bigint AND a.text IS NOT NULL"
	    " AND ($2::text IS NULL OR EXISTS (SELECT 1"
	    "  FROM qualimetre.answer x WHERE x.response_id = a.response_id"
	    "  AND x.campaign_id = a.campaign_id AND x.question = $2"
	    "  AND x.value = ANY ($3::text[])))"
	    " AND ($4::date IS NULL OR " LOCAL_AT "::date >= $4::date)"
	    " AND ($5::date IS NULL OR " LOCAL_AT "::date <= $5::date)"
	    " AND ($6::bigint IS NULL OR EXISTS (SELECT 1"
	    "  FROM qualimetre.comment_tag g"
	    "  WHERE g.response_id = a.response_id"
	    "  AND g.question = a.question AND g.theme_id = $6::bigint))"
	    " AND (NOT $7::boolean OR NOT EXISTS (SELECT 1"
	    "  FROM qualimetre.comment_tag g"
	    "  WHERE g.response_id = a.response_id"
	    "  AND g.question = a.question))"
	    " ORDER BY r.submitted_at DESC, a.response_id, a.question"
	    " LIMIT 50 OFFSET $8::integer", 8 },
	/* Sets the themes $4 of a comment: the others are taken off. */
	[S_TAG] = { "comments_tag",
	    "WITH " THE_COMMENT ","
	    " d AS (DELETE FROM qualimetre.comment_tag g USING cm"
	    "  WHERE g.response_id = cm.response_id"
	    "  AND g.question = cm.question"
	    "  AND NOT (g.theme_id = ANY ($4::bigint[])) RETURNING 1),"
	    " i AS (INSERT INTO qualimetre.comment_tag"
	    "  (response_id, question, campaign_id, theme_id)"
	    "  SELECT cm.response_id, cm.question, cm.campaign_id, t.id"
	    "  FROM cm, unnest($4::bigint[]) AS t(id)"
	    "  ON CONFLICT DO NOTHING RETURNING 1)"
	    " SELECT count(*) AS found FROM cm", 4 },
	/* Hides a comment from the exports for reason $4, traced. */
	[S_HIDE] = { "comments_hide",
	    "WITH " THE_COMMENT ","
	    " n AS (INSERT INTO qualimetre.comment_hidden (response_id,"
	    "  question, campaign_id, reason, hidden_by, hidden_by_login)"
	    "  SELECT cm.response_id, cm.question, cm.campaign_id, $4,"
	    "  qualimetre.current_user_id(), " ME_LOGIN " FROM cm"
	    "  ON CONFLICT DO NOTHING"
	    "  RETURNING response_id, question, campaign_id),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event,"
	    "  detail) SELECT qualimetre.current_user_id(), " ME_LOGIN ","
	    "  'comment-hide', 'campagne ' || n.campaign_id || ' réponse '"
	    "  || n.response_id || ' ' || n.question || ' : ' || $4 FROM n)"
	    " SELECT (SELECT count(*) FROM cm) AS found,"
	    " (SELECT count(*) FROM n) AS done", 4 },
	[S_UNHIDE] = { "comments_unhide",
	    "WITH n AS (DELETE FROM qualimetre.comment_hidden h"
	    "  WHERE h.campaign_id = $1::bigint AND h.response_id = $2::uuid"
	    "  AND h.question = $3"
	    "  RETURNING response_id, question, campaign_id),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event,"
	    "  detail) SELECT qualimetre.current_user_id(), " ME_LOGIN ","
	    "  'comment-unhide', 'campagne ' || n.campaign_id || ' réponse '"
	    "  || n.response_id || ' ' || n.question FROM n)"
	    " SELECT count(*) AS done FROM n", 3 },
	/* At most COMMENTS_THEMES_MAX themes a site. */
	[S_THEME_ADD] = { "comments_theme_add",
	    "INSERT INTO qualimetre.comment_theme (site_id, label)"
	    " SELECT $1::bigint, $2 WHERE (SELECT count(*)"
	    " FROM qualimetre.comment_theme WHERE site_id = $1::bigint) < 50"
	    " RETURNING id", 2 },
	[S_THEME_RENAME] = { "comments_theme_rename",
	    "UPDATE qualimetre.comment_theme SET label = $3"
	    " WHERE site_id = $1::bigint AND id = $2::bigint RETURNING id", 3 },
	/* Its tags go with it (ON DELETE CASCADE). */
	[S_THEME_REMOVE] = { "comments_theme_remove",
	    "DELETE FROM qualimetre.comment_theme"
	    " WHERE site_id = $1::bigint AND id = $2::bigint RETURNING id", 2 },
	/*
	 * The comments tagged with each theme of site $1 over the campaigns
	 * opened in year $2, the hidden ones left out: most first.
	 */
	[S_YEAR_THEMES] = { "comments_year_themes",
	    "SELECT t.label, count(*) AS n FROM qualimetre.comment_theme t"
	    " JOIN qualimetre.comment_tag g ON g.theme_id = t.id"
	    " JOIN qualimetre.campaign c ON c.id = g.campaign_id"
	    " JOIN qualimetre.counted_response r ON r.id = g.response_id"
	    " WHERE t.site_id = $1::bigint"
	    " AND extract(year FROM c.opens_on) = $2::int"
	    " AND NOT EXISTS (SELECT 1 FROM qualimetre.comment_hidden h"
	    "  WHERE h.response_id = g.response_id"
	    "  AND h.question = g.question)"
	    " GROUP BY t.label ORDER BY 2 DESC, 1", 2 },
};

_Static_assert(COMMENTS_PER_PAGE == 50, "S_LIST's LIMIT");
_Static_assert(COMMENTS_THEMES_MAX == 50, "S_THEME_ADD's count");

struct comments {
	struct db		*db;
	struct staff		*staff;		/* the program's, for the frame */
	struct formcache	*forms;
	size_t			 base;		/* our first statement's number */
};

/* A theme of the campaign's site (S_THEMES). */
struct cm_theme {
	const char	*id;
	const char	*label;
	const char	*n;		/* its comments in this campaign */
	long		 uses;		/* in every campaign of the site */
};

/* A campaign, its form, and its site's themes. */
struct cm_campaign {
	PGresult		*res;		/* S_CAMPAIGN */
	PGresult		*tres;		/* S_THEMES */
	const char		*id;
	const char		*title;
	const char		*site_id;
	const char		*site;
	const struct form	*form;
	struct cm_theme		*themes;
	size_t			 nthemes;
};

/* The levels of an answer to a criterion. */
enum cm_level {
	LEVEL_NOT,		/* not satisfied, not conform */
	LEVEL_YES,		/* satisfied, conform */
	LEVEL_NONE,		/* no opinion, not applicable */
	LEVEL__MAX
};

static const char *const cm_levels[LEVEL__MAX] = {
	[LEVEL_NOT] = "insatisfait",
	[LEVEL_YES] = "satisfait",
	[LEVEL_NONE] = "sans-avis",
};

static const char *const cm_level_labels[LEVEL__MAX] = {
	[LEVEL_NOT] = "pas satisfait, non conforme",
	[LEVEL_YES] = "satisfait, conforme",
	[LEVEL_NONE] = "sans avis, sans objet",
};

/* What a POST asks. */
enum cm_action {
	ACT_TAG,
	ACT_HIDE,
	ACT_UNHIDE,
	ACT_ADD,
	ACT_RENAME,
	ACT_REMOVE,
	ACT__MAX
};

static const char *const cm_actions[ACT__MAX] = {
	[ACT_TAG] = "themes",
	[ACT_HIDE] = "masquer",
	[ACT_UNHIDE] = "afficher",
	[ACT_ADD] = "ajouter",
	[ACT_RENAME] = "renommer",
	[ACT_REMOVE] = "supprimer",
};

/* What can be wrong, each shown next to its field. */
enum cm_err {
	E_CRITERION,
	E_LEVEL,
	E_FROM,
	E_TO,
	E_THEME,
	E_PAGE,
	E_REASON,
	E_LABEL,
	E__MAX
};
_Static_assert(E__MAX <= FIELDS_SLOTS_MAX, "too many error slots");

static const char *const cm_err_names[E__MAX] = {
	[E_CRITERION] = "Critère",
	[E_LEVEL] = "Réponse",
	[E_FROM] = "Du",
	[E_TO] = "Au",
	[E_THEME] = "Thème",
	[E_PAGE] = "Page",
	[E_REASON] = "Motif",
	[E_LABEL] = "Nom du thème",
};

static const char *const cm_err_anchors[E__MAX] = {
	[E_CRITERION] = "cm-critere",
	[E_LEVEL] = "cm-niveau",
	[E_FROM] = "cm-du",
	[E_TO] = "cm-au",
	[E_THEME] = "cm-theme",
	[E_PAGE] = "cm-liste",
	[E_REASON] = "liste",
	[E_LABEL] = "cm-label",
};

#define TAGS_MAX	COMMENTS_THEMES_MAX

/* The filters and a POST, as sent and checked. Strings point into the
   request. */
struct cm_input {
	/* The filters, in the query or repeated in a POST. */
	const char		*criterion;	/* a criterion's key, or NULL */
	int			 level;		/* enum cm_level, -1: none */
	const char		*from_s;	/* as typed, or NULL */
	const char		*to_s;
	long			 from, to;	/* days, when has_ */
	int			 has_from, has_to;
	const char		*theme;		/* a theme's id, or NULL */
	int			 untagged;	/* theme=aucun */
	long			 page;		/* 1 when not given */
	/* A POST's. */
	int			 action;	/* enum cm_action, -1: none */
	const char		*response;	/* a UUID, or NULL */
	const char		*question;	/* a key, or NULL */
	const char		*tags[TAGS_MAX];
	size_t			 ntags;
	const char		*reason_s;	/* as typed, or NULL */
	const char		*id;		/* a theme's id, or NULL */
	const char		*label_s;	/* as typed, or NULL */
	int			 confirm;
	struct fields_errors	 errs;		/* slots: enum cm_err */
	char			 reason[4 * COMMENTS_REASON_MAX + 1];
	char			 label[4 * COMMENTS_THEME_MAX + 1];
};

struct comments *
comments_create(struct db *db, struct staff *staff, struct formcache *forms)
{
	struct comments	*cm;

	cm = xcalloc(1, sizeof(*cm));
	cm->db = db;
	cm->staff = staff;
	cm->forms = forms;
	cm->base = db_register(db, comments_stmts, S__MAX);
	return cm;
}

void
comments_free(struct comments *cm)
{
	free(cm);
}

void
comments_link(struct buf *b, const char *id)
{
	buf_puts(b, "<p class=\"fr-mb-4w\"><a class=\"fr-link "
	    "fr-icon-chat-3-line fr-link--icon-left\" href=\""
	    CAMPAIGNS_PREFIX "/");
	html_puts(b, id);
	buf_puts(b, "/commentaires\">Lire les commentaires libres, par "
	    "critère, période et thème</a></p>\n");
}

/* ---------------------------------------------------------------- load */

static enum db_status
run(struct comments *cm, const struct staff_user *u, enum stmt s,
    const char *const *params, PGresult **res, char *sqlstate)
{
	return db_exec_as_logged(cm->db, u->session, u->login, cm->base + s,
	    comments_stmts[s].name, params, res, sqlstate);
}

static void
campaign_free(struct cm_campaign *c)
{
	PQclear(c->res);
	PQclear(c->tres);
	free(c->themes);
	memset(c, 0, sizeof(*c));
}

/*
 * Loads campaign id, its form and its site's themes (sql/033 gives each
 * site the default ones). Returns 1, 0 when the campaign is not there or not the user's,
 * -1 when the database or the form is unavailable. The caller frees *c
 * with campaign_free in every case.
 */
static int
campaign_load(struct comments *cm, const struct staff_user *u,
    const char *id, struct cm_campaign *c)
{
	const char	*params[2];
	char		 sqlstate[6];
	long long	 form_id;
	int		 i, n;

	memset(c, 0, sizeof(*c));
	params[0] = id;
	if (run(cm, u, S_CAMPAIGN, params, &c->res, sqlstate) != DB_OK)
		return -1;
	if (PQntuples(c->res) == 0)
		return 0;
	c->id = db_value(c->res, 0, "id");
	c->title = db_value(c->res, 0, "title");
	c->site_id = db_value(c->res, 0, "site_id");
	c->site = db_value(c->res, 0, "site");
	form_id = strtoll(db_value(c->res, 0, "form_id"), NULL, 10);
	if ((c->form = formcache_get(cm->forms, form_id)) == NULL)
		return -1;
	params[0] = c->site_id;
	params[1] = c->id;
	if (run(cm, u, S_THEMES, params, &c->tres, sqlstate) != DB_OK)
		return -1;
	n = PQntuples(c->tres);
	c->themes = xcalloc((size_t)n + 1, sizeof(*c->themes));
	for (i = 0; i < n; i++) {
		c->themes[i].id = db_value(c->tres, i, "id");
		c->themes[i].label = db_value(c->tres, i, "label");
		c->themes[i].n = db_value(c->tres, i, "n");
		c->themes[i].uses = strtol(db_value(c->tres, i, "uses"), NULL,
		    10);
	}
	c->nthemes = (size_t)n;
	return 1;
}

static const struct cm_theme *
theme_find(const struct cm_campaign *c, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < c->nthemes; i++)
		if (strcmp(c->themes[i].id, id) == 0)
			return &c->themes[i];
	return NULL;
}

/* A criterion of the form that a level can filter: one with options. */
static const struct form_question *
criterion_find(const struct form *f, const char *key)
{
	const struct form_question	*q;

	if (key == NULL || (q = form_find(f, key)) == NULL)
		return NULL;
	return q->criterion && q->noptions > 0 ? q : NULL;
}

/* Whether option o is of level l. */
static int
option_level(const struct form_option *o, int l)
{
	if (o->no_opinion)
		return l == LEVEL_NONE;
	return o->satisfied ? l == LEVEL_YES : l == LEVEL_NOT;
}

/* ---------------------------------------------------------------- pages */

static void
message(struct comments *cm, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(cm->staff, p, u, status, title, text, "/referent/",
	    "Mes campagnes");
}

static void
unavailable(struct comments *cm, struct resp *p, const struct staff_user *u)
{
	message(cm, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été enregistré.");
}

/* The filters as a query string (their values are checked: keys, dates,
   ids and fixed words, nothing to encode), "" when none; page when > 1. */
static void
filter_query(struct buf *q, const struct cm_input *in, long page)
{
	char	sep = '?';

	if (in->criterion != NULL) {
		buf_printf(q, "%ccritere=%s", sep, in->criterion);
		sep = '&';
		if (in->level != -1)
			buf_printf(q, "&niveau=%s", cm_levels[in->level]);
	}
	if (in->has_from) {
		buf_printf(q, "%cdu=%s", sep, in->from_s);
		sep = '&';
	}
	if (in->has_to) {
		buf_printf(q, "%cau=%s", sep, in->to_s);
		sep = '&';
	}
	if (in->theme != NULL || in->untagged) {
		buf_printf(q, "%ctheme=%s", sep, in->untagged ? "aucun" :
		    in->theme);
		sep = '&';
	}
	if (page > 1)
		buf_printf(q, "%cpage=%ld", sep, page);
}

/* The filters again as hidden fields of a POST form. */
static void
filter_hidden(struct buf *b, const struct cm_input *in)
{
	const char	*names[5], *vals[5];
	char		 page[32];
	size_t		 i, n = 0;

	if (in->criterion != NULL) {
		names[n] = "critere";
		vals[n++] = in->criterion;
		if (in->level != -1) {
			names[n] = "niveau";
			vals[n++] = cm_levels[in->level];
		}
	}
	if (in->has_from) {
		names[n] = "du";
		vals[n++] = in->from_s;
	}
	if (in->has_to) {
		names[n] = "au";
		vals[n++] = in->to_s;
	}
	if (in->theme != NULL || in->untagged) {
		names[n] = "theme";
		vals[n++] = in->untagged ? "aucun" : in->theme;
	}
	for (i = 0; i < n; i++) {
		buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"",
		    names[i]);
		html_puts(b, vals[i]);
		buf_puts(b, "\">\n");
	}
	if (in->page > 1) {
		snprintf(page, sizeof(page), "%ld", in->page);
		buf_puts(b, "<input type=\"hidden\" name=\"page\" value=\"");
		html_puts(b, page);
		buf_puts(b, "\">\n");
	}
}

/* A link to the list with the filters of in but theme (NULL: every
   theme, "aucun": none). */
static void
theme_link(struct buf *b, const struct cm_campaign *c,
    const struct cm_input *in, const char *theme, const char *text,
    const char *count)
{
	struct cm_input	 f = *in;
	struct buf	 q;

	memset(&q, 0, sizeof(q));
	f.untagged = theme != NULL && strcmp(theme, "aucun") == 0;
	f.theme = f.untagged ? NULL : theme;
	filter_query(&q, &f, 1);
	buf_puts(b, "<li><a class=\"fr-link\" href=\"" CAMPAIGNS_PREFIX "/");
	html_puts(b, c->id);
	buf_puts(b, "/commentaires");
	html_puts(b, q.len > 0 ? q.data : "");
	buf_puts(b, "\"");
	if ((theme == NULL && in->theme == NULL && !in->untagged) ||
	    (theme != NULL && ((f.untagged && in->untagged) ||
	    (in->theme != NULL && strcmp(in->theme, theme) == 0))))
		buf_puts(b, " aria-current=\"true\"");
	buf_puts(b, ">");
	html_puts(b, text);
	buf_puts(b, "</a> : ");
	html_puts(b, count);
	buf_puts(b, "</li>\n");
	buf_free(&q);
}

/* The counts per theme, with the comments without theme. */
static void
theme_counts(struct buf *b, const struct cm_campaign *c,
    const struct cm_input *in, const PGresult *totals)
{
	size_t	i;

	buf_puts(b, "<h2 id=\"themes\">Thèmes</h2>\n<p>");
	html_puts(b, db_value(totals, 0, "total"));
	buf_puts(b, " commentaire(s) dans cette campagne, dont ");
	html_puts(b, db_value(totals, 0, "hidden"));
	buf_puts(b, " masqué(s) des exports. Un commentaire peut relever de "
	    "plusieurs thèmes.</p>\n<ul>\n");
	theme_link(b, c, in, NULL, "Tous les commentaires",
	    db_value(totals, 0, "total"));
	for (i = 0; i < c->nthemes; i++)
		theme_link(b, c, in, c->themes[i].id, c->themes[i].label,
		    c->themes[i].n);
	theme_link(b, c, in, "aucun", "Sans thème",
	    db_value(totals, 0, "untagged"));
	buf_puts(b, "</ul>\n<p><a class=\"fr-link\" href=\"" CAMPAIGNS_PREFIX
	    "/");
	html_puts(b, c->id);
	buf_puts(b, "/commentaires/themes\">Gérer les thèmes du site</a></p>\n");
}

/* The filter form (GET). */
static void
filter_form(struct buf *b, const struct cm_campaign *c,
    const struct cm_input *in)
{
	const struct form_question	*q;
	const char			**opts;
	size_t				 i, n, k;
	char				 level[32];

	n = form_nquestions(c->form);
	opts = xcalloc(2 * (n + c->nthemes + 2), sizeof(*opts));
	buf_puts(b, "<h2>Filtrer</h2>\n<form method=\"get\" action=\""
	    CAMPAIGNS_PREFIX "/");
	html_puts(b, c->id);
	buf_puts(b, "/commentaires\" novalidate>\n");
	k = 0;
	opts[k++] = "";
	opts[k++] = "Tous les critères";
	for (i = 0; i < n; i++) {
		q = form_question(c->form, i);
		if (criterion_find(c->form, q->key) == NULL)
			continue;
		opts[k++] = q->key;
		opts[k++] = q->short_label != NULL ? q->short_label : q->label;
	}
	page_field_select(b, "cm-critere", "critere", "Critère", opts, k / 2,
	    in->criterion, in->errs.error[E_CRITERION]);
	k = 0;
	for (i = 0; i < LEVEL__MAX; i++) {
		opts[k++] = cm_levels[i];
		opts[k++] = cm_level_labels[i];
	}
	snprintf(level, sizeof(level), "%s", in->level == -1 ?
	    cm_levels[LEVEL_NOT] : cm_levels[in->level]);
	page_field_select(b, "cm-niveau", "niveau", "Réponse à ce critère "
	    "<span class=\"fr-hint-text\">Par exemple, les commentaires des "
	    "personnes insatisfaites de la courtoisie.</span>", opts, k / 2,
	    level, in->errs.error[E_LEVEL]);
	page_field_input(b, "cm-du", "du", "date", "", "Du",
	    "Format attendu : AAAA-MM-JJ", in->from_s, in->errs.error[E_FROM], NULL, NULL);
	page_field_input(b, "cm-au", "au", "date", "", "Au",
	    "Format attendu : AAAA-MM-JJ", in->to_s, in->errs.error[E_TO], NULL, NULL);
	k = 0;
	opts[k++] = "";
	opts[k++] = "Tous les thèmes";
	opts[k++] = "aucun";
	opts[k++] = "Sans thème";
	for (i = 0; i < c->nthemes; i++) {
		opts[k++] = c->themes[i].id;
		opts[k++] = c->themes[i].label;
	}
	page_field_select(b, "cm-theme", "theme", "Thème", opts, k / 2,
	    in->untagged ? "aucun" : in->theme, in->errs.error[E_THEME]);
	buf_puts(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md "
	    "fr-mb-4w\">\n<li><button class=\"fr-btn\" type=\"submit\">"
	    "Filtrer</button></li>\n<li><a class=\"fr-btn "
	    "fr-btn--secondary\" href=\"" CAMPAIGNS_PREFIX "/");
	html_puts(b, c->id);
	buf_puts(b, "/commentaires\">Effacer les filtres</a></li>\n</ul>\n"
	    "</form>\n");
	free(opts);
}

void
comments_summary(struct buf *b, const struct form *f, const char *answers)
{
	const struct form_question	*q;
	const struct form_option	*o;
	struct buf			 bad;
	char				*list, *line, *next, *eq;
	int				 yes = 0, asked = 0, first = 1;

	memset(&bad, 0, sizeof(bad));
	list = xstrdup(answers);
	buf_puts(b, "<p class=\"fr-text--sm fr-mb-1w\">");
	for (line = list; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		if ((q = form_find(f, line)) == NULL || q->noptions == 0 ||
		    (o = form_option_find(q, eq + 1)) == NULL)
			continue;
		if (q->criterion) {
			if (o->no_opinion)
				continue;
			asked++;
			if (o->satisfied)
				yes++;
			else {
				buf_puts(&bad, bad.len > 0 ? ", " : "");
				html_puts(&bad, q->short_label != NULL ?
				    q->short_label : q->key);
			}
		} else if (q->kind == QKIND_CHOICE) {
			buf_puts(b, first ? "" : " · ");
			first = 0;
			html_puts(b, o->label);
		}
	}
	if (asked > 0) {
		buf_printf(b, "%s%d critère(s) sur %d satisfait(s) ou "
		    "conforme(s)", first ? "" : " · ", yes, asked);
		first = 0;
		if (bad.len > 0) {
			buf_puts(b, " ; pas satisfait ou non conforme : ");
			buf_put(b, bad.data, bad.len);
		}
	}
	if (first)
		buf_puts(b, "Aucune réponse aux critères");
	buf_puts(b, "</p>\n");
	buf_free(&bad);
	free(list);
}

/* The text of a comment, its line breaks kept. */
static void
comment_text(struct buf *b, const char *text)
{
	const char	*nl;

	buf_puts(b, "<blockquote class=\"fr-mb-2w\"><p>");
	while ((nl = strchr(text, '\n')) != NULL) {
		html_put(b, text, (size_t)(nl - text));
		buf_puts(b, "<br>");
		text = nl + 1;
	}
	html_puts(b, text);
	buf_puts(b, "</p></blockquote>\n");
}

static const char *
channel_name(const char *ch)
{
	if (strcmp(ch, "web") == 0)
		return "en ligne";
	if (strcmp(ch, "paper") == 0)
		return "papier";
	if (strcmp(ch, "call") == 0)
		return "appel mystère";
	if (strcmp(ch, "email") == 0)
		return "courriel mystère";
	return ch;
}

/* Whether the space-separated list of ids holds id. */
static int
ids_have(const char *ids, const char *id)
{
	size_t	n = strlen(id);

	while (*ids != '\0') {
		if (strncmp(ids, id, n) == 0 && (ids[n] == ' ' ||
		    ids[n] == '\0'))
			return 1;
		if ((ids = strchr(ids, ' ')) == NULL)
			break;
		ids++;
	}
	return 0;
}

/* The start of a POST form acting on comment i of res. */
static void
comment_form_open(struct buf *b, const struct staff_user *u,
    const struct cm_campaign *c, const struct cm_input *in,
    const PGresult *res, int i)
{
	buf_puts(b, "<form method=\"post\" action=\"" CAMPAIGNS_PREFIX "/");
	html_puts(b, c->id);
	buf_puts(b, "/commentaires\" novalidate>\n");
	staff_csrf_input(b, u);
	filter_hidden(b, in);
	buf_puts(b, "<input type=\"hidden\" name=\"reponse\" value=\"");
	html_puts(b, db_value(res, i, "response_id"));
	buf_puts(b, "\">\n<input type=\"hidden\" name=\"question\" value=\"");
	html_puts(b, db_value(res, i, "question"));
	buf_puts(b, "\">\n");
}

/* Which comment a button acts on, for screen readers: its number. */
#define SR_WHICH	"<span class=\"fr-sr-only\"> : commentaire %d</span>"

/* One comment: its header, answers, text, themes and hiding (err: the
   error of a POST about it, or NULL). */
static void
comment_item(struct buf *b, const struct staff_user *u,
    const struct cm_campaign *c, const struct cm_input *in,
    const PGresult *res, int i, const struct cm_input *post)
{
	const struct form_question	*q;
	const char			*themes, *reason_err = NULL;
	size_t				 k;
	int				 hidden;

	if (post != NULL && post->response != NULL && post->question != NULL &&
	    strcmp(post->response, db_value(res, i, "response_id")) == 0 &&
	    strcmp(post->question, db_value(res, i, "question")) == 0)
		reason_err = post->errs.error[E_REASON];
	hidden = !PQgetisnull(res, i, PQfnumber(res, "reason"));
	themes = db_value(res, i, "themes");
	buf_printf(b, "<li class=\"fr-mb-4w\" id=\"c%d\">\n<h3 class=\"fr-h6 "
	    "fr-mb-1w\">", i + 1);
	page_date(b, db_value(res, i, "day"));
	buf_puts(b, " à ");
	html_puts(b, db_value(res, i, "time"));
	buf_puts(b, " · ");
	html_puts(b, channel_name(db_value(res, i, "channel")));
	if (*db_value(res, i, "lang") != '\0') {
		buf_puts(b, " · langue : ");
		html_puts(b, db_value(res, i, "lang"));
	}
	buf_puts(b, "</h3>\n");
	if ((q = form_find(c->form, db_value(res, i, "question"))) != NULL) {
		buf_puts(b, "<p class=\"fr-text--xs fr-mb-1w\">");
		html_puts(b, q->label);
		buf_puts(b, "</p>\n");
	}
	comments_summary(b, c->form, db_value(res, i, "answers"));
	comment_text(b, db_value(res, i, "text"));
	if (hidden) {
		buf_puts(b, "<p class=\"fr-badge fr-badge--warning fr-badge--sm "
		    "fr-mb-1w\">Masqué des exports</p>\n<p class=\"fr-text--sm"
		    "\">Contient des données personnelles — masqué des exports "
		    "le ");
		page_date(b, db_value(res, i, "hidden_day"));
		buf_puts(b, " par ");
		html_puts(b, db_value(res, i, "hidden_by_login"));
		buf_puts(b, ". Motif : ");
		html_puts(b, db_value(res, i, "reason"));
		buf_puts(b, "</p>\n");
	}
	/* The themes: a check box each. */
	comment_form_open(b, u, c, in, res, i);
	buf_printf(b, "<fieldset class=\"fr-fieldset\" id=\"c%d-themes\">\n"
	    "<legend class=\"fr-fieldset__legend fr-text--regular\">Thèmes "
	    "de ce commentaire</legend>\n", i + 1);
	for (k = 0; k < c->nthemes; k++) {
		buf_printf(b, "<div class=\"fr-fieldset__element "
		    "fr-fieldset__element--inline\">\n<div class=\""
		    "fr-checkbox-group fr-checkbox-group--sm\">\n<input "
		    "type=\"checkbox\" id=\"c%d-t%zu\" name=\"theme-de\" "
		    "value=\"", i + 1, k);
		html_puts(b, c->themes[k].id);
		buf_printf(b, "\"%s>\n<label class=\"fr-label\" "
		    "for=\"c%d-t%zu\">", ids_have(themes, c->themes[k].id) ?
		    " checked" : "", i + 1, k);
		html_puts(b, c->themes[k].label);
		buf_puts(b, "</label>\n</div>\n</div>\n");
	}
	buf_printf(b, "</fieldset>\n<button class=\"fr-btn fr-btn--sm "
	    "fr-btn--secondary fr-mb-2w\" type=\"submit\" name=\"action\" "
	    "value=\"themes\">Enregistrer les thèmes" SR_WHICH "</button>\n"
	    "</form>\n", i + 1);
	/* Hiding, or showing again. */
	comment_form_open(b, u, c, in, res, i);
	if (hidden)
		buf_printf(b, "<button class=\"fr-btn fr-btn--sm "
		    "fr-btn--tertiary\" type=\"submit\" name=\"action\" "
		    "value=\"afficher\">Ne plus masquer des exports" SR_WHICH
		    "</button>\n", i + 1);
	else {
		buf_printf(b, "<details%s>\n<summary class=\"fr-link "
		    "fr-mb-1w\">Masquer des exports (données personnelles)"
		    SR_WHICH "</summary>\n", reason_err != NULL ? " open" : "",
		    i + 1);
		buf_printf(b, "<div class=\"fr-input-group%s\">\n<label "
		    "class=\"fr-label\" for=\"c%d-motif\">Contient des données "
		    "personnelles — masquer des exports<span class=\""
		    "fr-hint-text\">Motif, obligatoire (500 caractères au "
		    "plus) : il est conservé avec votre identifiant et la "
		    "date.</span></label>\n<input class=\"fr-input\" "
		    "type=\"text\" id=\"c%d-motif\" name=\"motif\" "
		    "maxlength=\"500\"", reason_err != NULL ?
		    " fr-input-group--error" : "", i + 1, i + 1);
		if (reason_err != NULL) {
			buf_printf(b, " aria-invalid=\"true\" "
			    "aria-describedby=\"c%d-motif-error\" value=\"",
			    i + 1);
			html_puts(b, post->reason_s != NULL ? post->reason_s :
			    "");
			buf_puts(b, "\"");
		}
		buf_puts(b, ">\n");
		if (reason_err != NULL) {
			buf_printf(b, "<p class=\"fr-error-text\" "
			    "id=\"c%d-motif-error\">", i + 1);
			html_puts(b, reason_err);
			buf_puts(b, "</p>\n");
		}
		buf_printf(b, "</div>\n<button class=\"fr-btn fr-btn--sm "
		    "fr-btn--tertiary\" type=\"submit\" name=\"action\" "
		    "value=\"masquer\">Masquer des exports" SR_WHICH
		    "</button>\n</details>\n", i + 1);
	}
	buf_puts(b, "</form>\n</li>\n");
}

/* The links to the previous and next pages. */
static void
pager(struct buf *b, const struct cm_campaign *c, const struct cm_input *in,
    long total)
{
	long		pages = (total + COMMENTS_PER_PAGE - 1) /
			    COMMENTS_PER_PAGE;
	struct buf	q;

	if (pages <= 1)
		return;
	buf_printf(b, "<nav class=\"fr-mb-4w\" aria-label=\"Pages\">\n"
	    "<p>Page %ld sur %ld</p>\n<ul class=\"fr-btns-group "
	    "fr-btns-group--inline-md fr-btns-group--sm\">\n", in->page, pages);
	memset(&q, 0, sizeof(q));
	if (in->page > 1) {
		filter_query(&q, in, in->page - 1);
		buf_puts(b, "<li><a class=\"fr-btn fr-btn--secondary\" "
		    "href=\"" CAMPAIGNS_PREFIX "/");
		html_puts(b, c->id);
		buf_puts(b, "/commentaires");
		html_puts(b, q.len > 0 ? q.data : "");
		buf_puts(b, "#liste\">Page précédente</a></li>\n");
	}
	if (in->page < pages) {
		buf_reset(&q);
		filter_query(&q, in, in->page + 1);
		buf_puts(b, "<li><a class=\"fr-btn fr-btn--secondary\" "
		    "href=\"" CAMPAIGNS_PREFIX "/");
		html_puts(b, c->id);
		buf_puts(b, "/commentaires");
		html_puts(b, q.len > 0 ? q.data : "");
		buf_puts(b, "#liste\">Page suivante</a></li>\n");
	}
	buf_puts(b, "</ul>\n</nav>\n");
	buf_free(&q);
}

/*
 * The page of the comments of c filtered by in (errors: shown, and no
 * list); post: a POST that failed, shown at its comment, or NULL.
 */
static void
list_page(struct comments *cm, const struct staff_user *u, struct resp *p,
    const struct cm_campaign *c, const struct cm_input *in,
    const struct cm_input *post, const char *done)
{
	const struct form_question	*q;
	const struct form_option	*o;
	struct buf			*b = &p->body, vals;
	const char			*params[8], *v[64];
	PGresult			*totals = NULL, *res = NULL;
	char				 sqlstate[6], offset[32], from[16],
					 to[16], back[64];
	size_t				 k, nv = 0;
	long				 total;
	int				 i, n;

	memset(&vals, 0, sizeof(vals));
	params[0] = c->id;
	if (run(cm, u, S_TOTALS, params, &totals, sqlstate) != DB_OK) {
		unavailable(cm, p, u);
		goto out;
	}
	if (in->errs.nerrors == 0) {
		params[1] = params[2] = NULL;
		if ((q = criterion_find(c->form, in->criterion)) != NULL) {
			for (k = 0; k < q->noptions && nv < 64; k++) {
				o = &q->options[k];
				if (option_level(o, in->level == -1 ?
				    LEVEL_NOT : in->level))
					v[nv++] = o->value;
			}
			db_array(&vals, v, nv);
			params[1] = q->key;
			params[2] = vals.data != NULL ? vals.data : "{}";
		}
		params[3] = params[4] = NULL;
		if (in->has_from && cal_format(in->from, from) == 0)
			params[3] = from;
		if (in->has_to && cal_format(in->to, to) == 0)
			params[4] = to;
		params[5] = in->theme;
		params[6] = in->untagged ? "t" : "f";
		snprintf(offset, sizeof(offset), "%ld",
		    (in->page - 1) * COMMENTS_PER_PAGE);
		params[7] = offset;
		if (run(cm, u, S_LIST, params, &res, sqlstate) != DB_OK) {
			unavailable(cm, p, u);
			goto out;
		}
	}
	staff_page_open(cm->staff, p, u, in->errs.nerrors > 0 ||
	    (post != NULL && post->errs.nerrors > 0) ?
	    "Erreur – Commentaires" : "Commentaires");
	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", c->id);
	page_back_link(b, back, c->title);
	buf_puts(b, "<h1>Commentaires : ");
	html_puts(b, c->title);
	buf_puts(b, "</h1>\n");
	if (done != NULL)
		page_success(b, done);
	if (post != NULL)
		fields_summary(b, &post->errs, "Rien n’a été enregistré",
		    cm_err_names, cm_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
	fields_summary(b, &in->errs, "Filtres", cm_err_names,
	    cm_err_anchors, E__MAX, 0);
	buf_puts(b, "<p>Les commentaires libres, du plus récent au plus "
	    "ancien. Un commentaire qui contient des données personnelles "
	    "peut être masqué des exports : il reste lisible ici.</p>\n");
	theme_counts(b, c, in, totals);
	filter_form(b, c, in);
	buf_puts(b, "<h2 id=\"liste\" tabindex=\"-1\">Commentaires</h2>\n");
	if (res == NULL) {
		buf_puts(b, "<p>Corrigez les filtres pour voir les "
		    "commentaires.</p>\n");
	} else if ((n = PQntuples(res)) == 0) {
		buf_puts(b, "<p class=\"fr-text--lead\" id=\"aucun\">Aucun "
		    "commentaire ne répond à ces filtres.</p>\n");
	} else {
		total = strtol(db_value(res, 0, "total"), NULL, 10);
		buf_printf(b, "<p id=\"nombre\">%ld commentaire(s) répondent "
		    "à ces filtres.</p>\n", total);
		pager(b, c, in, total);
		buf_puts(b, "<ol class=\"fr-raw-list\">\n");
		for (i = 0; i < n; i++)
			comment_item(b, u, c, in, res, i, post);
		buf_puts(b, "</ol>\n");
		pager(b, c, in, total);
	}
	page_end(b);
out:
	buf_free(&vals);
	PQclear(res);
	PQclear(totals);
}

/* The themes page: each with its comments, renamed or removed; the form
   adding one (in: a POST as sent, with its errors, or NULL). */
static void
themes_page(struct comments *cm, const struct staff_user *u, struct resp *p,
    const struct cm_campaign *c, const struct cm_input *in, const char *done)
{
	struct buf	*b = &p->body;
	char		 back[64];
	size_t		 k;
	int		 err;

	err = in != NULL && in->errs.nerrors > 0;
	staff_page_open(cm->staff, p, u, err ? "Erreur – Thèmes des "
	    "commentaires" : "Thèmes des commentaires");
	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s/commentaires",
	    c->id);
	page_back_link(b, back, "Commentaires");
	buf_puts(b, "<h1>Thèmes des commentaires : ");
	html_puts(b, c->site);
	buf_puts(b, "</h1>\n");
	if (done != NULL)
		page_success(b, done);
	if (err)
		fields_summary(b, &in->errs, "Rien n’a été enregistré",
		    cm_err_names, cm_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_puts(b, "<p>Les thèmes sont ceux du site : chaque campagne du "
	    "site les propose pour classer ses commentaires. Supprimer un "
	    "thème le retire des commentaires qui le portent.</p>\n");
	if (c->nthemes == 0)
		buf_puts(b, "<p>Ce site n’a aucun thème.</p>\n");
	else {
		buf_puts(b, "<div class=\"fr-table\">\n" HTML_TABLE_BOXES
		    "<table>\n<caption>Thèmes du site</caption>\n<thead><tr>"
		    "<th scope=\"col\">Thème</th><th scope=\"col\">"
		    "Commentaires</th><th scope=\"col\">Renommer</th>"
		    "<th scope=\"col\">Supprimer</th></tr></thead>\n"
		    "<tbody>\n");
		for (k = 0; k < c->nthemes; k++) {
			buf_puts(b, "<tr><td>");
			html_puts(b, c->themes[k].label);
			buf_printf(b, "</td><td>%ld</td><td>\n<form "
			    "method=\"post\" action=\"%s/themes\" "
			    "class=\"qm-inline-form\" novalidate>\n", 
			    c->themes[k].uses, back);
			staff_csrf_input(b, u);
			buf_puts(b, "<input type=\"hidden\" name=\"id\" "
			    "value=\"");
			html_puts(b, c->themes[k].id);
			buf_printf(b, "\">\n<label class=\"fr-sr-only\" "
			    "for=\"th-%zu\">Nouveau nom de « ", k);
			html_puts(b, c->themes[k].label);
			buf_printf(b, " »</label>\n<input class=\"fr-input\" "
			    "type=\"text\" id=\"th-%zu\" name=\"nom\" "
			    "maxlength=\"60\" value=\"", k);
			html_puts(b, c->themes[k].label);
			buf_puts(b, "\">\n<button class=\"fr-btn fr-btn--sm "
			    "fr-btn--secondary\" type=\"submit\" "
			    "name=\"action\" value=\"renommer\">Renommer"
			    "<span class=\"fr-sr-only\"> ");
			html_puts(b, c->themes[k].label);
			buf_printf(b, "</span></button>\n</form>\n</td><td>\n"
			    "<form method=\"post\" action=\"%s/themes\" "
			    "class=\"qm-inline-form\">\n", back);
			staff_csrf_input(b, u);
			buf_puts(b, "<input type=\"hidden\" name=\"id\" "
			    "value=\"");
			html_puts(b, c->themes[k].id);
			buf_puts(b, "\">\n<button class=\"fr-btn fr-btn--sm "
			    "fr-btn--tertiary\" type=\"submit\" "
			    "name=\"action\" value=\"supprimer\">Supprimer"
			    "<span class=\"fr-sr-only\"> ");
			html_puts(b, c->themes[k].label);
			buf_puts(b, "</span></button>\n</form>\n</td></tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END
		    "</div>\n");
	}
	buf_printf(b, "<h2>Ajouter un thème</h2>\n<form method=\"post\" "
	    "action=\"%s/themes\" novalidate>\n", back);
	staff_csrf_input(b, u);
	page_field_input(b, "cm-label", "nom", "text", " maxlength=\"60\" "
	    "required", "Nom du thème", "Par exemple « Stationnement » (60 caractères "
	    "au plus).",
	    in != NULL && in->action == ACT_ADD ? in->label_s : NULL,
	    in != NULL && in->action == ACT_ADD ? in->errs.error[E_LABEL] :
	    NULL, NULL, NULL);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\" name=\"action\" "
	    "value=\"ajouter\">Ajouter le thème</button>\n</form>\n");
	page_end(b);
}

/* Asks before removing theme t, which comments carry. */
static void
confirm_page(struct comments *cm, const struct staff_user *u,
    struct resp *p, const struct cm_campaign *c, const struct cm_theme *t)
{
	struct buf	*b = &p->body;
	char		 back[64];

	staff_page_open(cm->staff, p, u, "Supprimer un thème");
	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s/commentaires/"
	    "themes", c->id);
	page_back_link(b, back, "Thèmes des commentaires");
	buf_puts(b, "<h1>Supprimer le thème « ");
	html_puts(b, t->label);
	buf_printf(b, " » ?</h1>\n<p>Il est attribué à %ld commentaire(s) "
	    "des campagnes du site : le supprimer le leur retire. Les "
	    "commentaires eux-mêmes ne changent pas.</p>\n<form "
	    "method=\"post\" action=\"", t->uses);
	html_puts(b, back);
	buf_puts(b, "\">\n");
	staff_csrf_input(b, u);
	buf_puts(b, "<input type=\"hidden\" name=\"id\" value=\"");
	html_puts(b, t->id);
	buf_puts(b, "\">\n<input type=\"hidden\" name=\"confirme\" "
	    "value=\"1\">\n<ul class=\"fr-btns-group "
	    "fr-btns-group--inline-md\">\n<li><button class=\"fr-btn\" "
	    "type=\"submit\" name=\"action\" value=\"supprimer\">Supprimer "
	    "le thème</button></li>\n<li><a class=\"fr-btn "
	    "fr-btn--secondary\" href=\"");
	html_puts(b, back);
	buf_puts(b, "\">Annuler</a></li>\n</ul>\n</form>\n");
	page_end(b);
}

/* ---------------------------------------------------------------- input */

/* Whether v is a question's key (forms/form.rng). */
static int
is_key(const char *v)
{
	size_t	n = strlen(v);

	return n >= 1 && n <= 64 && v[0] >= 'a' && v[0] <= 'z' &&
	    strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static int
v_criterion(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	if (*v == '\0')
		return 1;
	if (!is_key(v)) {
		fields_fail(&in->errs, E_CRITERION, "Choisissez un critère "
		    "de la liste.");
		return 0;
	}
	in->criterion = v;
	return 1;
}

static int
v_level(void *arg, const char *v)
{
	struct cm_input	*in = arg;
	int		 l;

	for (l = 0; l < LEVEL__MAX; l++)
		if (strcmp(v, cm_levels[l]) == 0) {
			in->level = l;
			return 1;
		}
	fields_fail(&in->errs, E_LEVEL, "Choisissez une réponse de la "
	    "liste.");
	return 0;
}

static int
v_date(struct cm_input *in, size_t slot, const char *v, const char **s,
    long *day, int *has)
{
	if (utf8_blank(v))
		return 1;
	*s = v;
	*has = fields_date(&in->errs, slot, v, day, "", "2026-03-31");
	return *has;
}

static int
v_from(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	return v_date(in, E_FROM, v, &in->from_s, &in->from, &in->has_from);
}

static int
v_to(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	return v_date(in, E_TO, v, &in->to_s, &in->to, &in->has_to);
}

static int
v_theme(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	if (*v == '\0')
		return 1;
	if (strcmp(v, "aucun") == 0) {
		in->untagged = 1;
		return 1;
	}
	if (!http_id_parse(v, NULL)) {
		fields_fail(&in->errs, E_THEME, "Choisissez un thème de la "
		    "liste.");
		return 0;
	}
	in->theme = v;
	return 1;
}

static int
v_page(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	return fields_count(&in->errs, E_PAGE, v, PAGES_MAX, 0, &in->page,
	    "Cette page n’existe pas : revenez à la première.");
}

static int
v_action(void *arg, const char *v)
{
	struct cm_input	*in = arg;
	int		 a;

	for (a = 0; a < ACT__MAX; a++)
		if (strcmp(v, cm_actions[a]) == 0) {
			in->action = a;
			return 1;
		}
	fields_form_fail(&in->errs, "Action inconnue : rechargez la page.");
	return 0;
}

static int
v_response(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	if (!http_uuid_valid(v)) {
		fields_form_fail(&in->errs, "Ce commentaire n’existe pas : "
		    "rechargez la page.");
		return 0;
	}
	in->response = v;
	return 1;
}

static int
v_question(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	if (!is_key(v)) {
		fields_form_fail(&in->errs, "Ce commentaire n’existe pas : "
		    "rechargez la page.");
		return 0;
	}
	in->question = v;
	return 1;
}

static int
v_tag(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	if (!http_id_parse(v, NULL) || in->ntags >= TAGS_MAX) {
		fields_form_fail(&in->errs, "Ce thème n’existe pas : "
		    "rechargez la page.");
		return 0;
	}
	in->tags[in->ntags++] = v;
	return 1;
}

static int
v_reason(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	in->reason_s = v;
	return fields_line(&in->errs, E_REASON, v, COMMENTS_REASON_MAX,
	    "Le motif", in->reason, sizeof(in->reason));
}

static int
v_id(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	if (!http_id_parse(v, NULL)) {
		fields_form_fail(&in->errs, "Ce thème n’existe pas : "
		    "rechargez la page.");
		return 0;
	}
	in->id = v;
	return 1;
}

static int
v_label(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	in->label_s = v;
	return fields_line(&in->errs, E_LABEL, v, COMMENTS_THEME_MAX,
	    "Le nom du thème", in->label, sizeof(in->label));
}

static int
v_confirm(void *arg, const char *v)
{
	struct cm_input	*in = arg;

	in->confirm = strcmp(v, "1") == 0;
	return 1;
}

/* The filters, in a query or a POST. */
static const struct fields_field cm_filter_fields[] = {
	{ "critere",	v_criterion,	0, E_CRITERION },
	{ "niveau",	v_level,	0, E_LEVEL },
	{ "du",		v_from,		0, E_FROM },
	{ "au",		v_to,		0, E_TO },
	{ "theme",	v_theme,	0, E_THEME },
	{ "page",	v_page,		0, E_PAGE },
};
#define CM_NFILTER_FIELDS \
	(sizeof(cm_filter_fields) / sizeof(cm_filter_fields[0]))

/* A POST on the list: the filters, then what it does. */
static const struct fields_field cm_post_fields[] = {
	{ "critere",	v_criterion,	0, E_CRITERION },
	{ "niveau",	v_level,	0, E_LEVEL },
	{ "du",		v_from,		0, E_FROM },
	{ "au",		v_to,		0, E_TO },
	{ "theme",	v_theme,	0, E_THEME },
	{ "page",	v_page,		0, E_PAGE },
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "action",	v_action,	0, FIELDS_NO_SLOT },
	{ "reponse",	v_response,	0, FIELDS_NO_SLOT },
	{ "question",	v_question,	0, FIELDS_NO_SLOT },
	{ "theme-de",	v_tag,		1, FIELDS_NO_SLOT },
	{ "motif",	v_reason,	0, E_REASON },
};
#define CM_NPOST_FIELDS	(sizeof(cm_post_fields) / sizeof(cm_post_fields[0]))

/* A POST on the themes. */
static const struct fields_field cm_theme_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "action",	v_action,	0, FIELDS_NO_SLOT },
	{ "id",		v_id,		0, FIELDS_NO_SLOT },
	{ "nom",	v_label,	0, E_LABEL },
	{ "confirme",	v_confirm,	0, FIELDS_NO_SLOT },
};
#define CM_NTHEME_FIELDS \
	(sizeof(cm_theme_fields) / sizeof(cm_theme_fields[0]))

/* Reads r's fields against the table into in; then checks the filters
   against campaign c. */
static void
read_input(const struct req *r, const struct fields_field *table, size_t n,
    const struct cm_campaign *c, struct cm_input *in)
{
	memset(in, 0, sizeof(*in));
	in->level = -1;
	in->action = -1;
	fields_read(r, table, n, 0, in, &in->errs);
	if (in->page == 0)
		in->page = 1;
	if (in->criterion != NULL && criterion_find(c->form,
	    in->criterion) == NULL && in->errs.error[E_CRITERION] == NULL)
		fields_fail(&in->errs, E_CRITERION, "Ce critère n’est pas "
		    "celui d’une question de cette campagne : choisissez-en "
		    "un de la liste.");
	if (in->theme != NULL && theme_find(c, in->theme) == NULL &&
	    in->errs.error[E_THEME] == NULL)
		fields_fail(&in->errs, E_THEME, "Ce thème n’est pas un thème "
		    "de ce site : choisissez-en un de la liste.");
	if (in->has_from && in->has_to && in->from > in->to &&
	    in->errs.error[E_TO] == NULL)
		fields_fail(&in->errs, E_TO, "La fin de la période doit "
		    "suivre son début.");
}

/* ---------------------------------------------------------------- store */

/* The list's address with the filters of in, and fait=done. */
static void
redirect(struct resp *p, const struct cm_campaign *c,
    const struct cm_input *in, const char *done)
{
	struct buf	q;

	memset(&q, 0, sizeof(q));
	filter_query(&q, in, in->page);
	p->status = 303;
	xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/commentaires%s%cfait=%s",
	    c->id, q.len > 0 ? q.data : "", q.len > 0 ? '&' : '?', done);
	buf_free(&q);
}

/* POST on the list: tags a comment, hides or shows it. */
static void
list_post(struct comments *cm, const struct staff_user *u,
    const struct req *r, struct resp *p, const struct cm_campaign *c)
{
	struct cm_input	 in, filters;
	struct buf	 arr;
	const char	*params[4], *done = NULL;
	PGresult	*res = NULL;
	char		 sqlstate[6];
	enum stmt	 st;
	enum db_status	 rc;
	size_t		 k;

	memset(&arr, 0, sizeof(arr));
	read_input(r, cm_post_fields, CM_NPOST_FIELDS, c, &in);
	if (in.action != ACT_TAG && in.action != ACT_HIDE &&
	    in.action != ACT_UNHIDE && in.errs.form_error == NULL)
		fields_form_fail(&in.errs, "Action inconnue : rechargez la "
		    "page.");
	if ((in.response == NULL || in.question == NULL) &&
	    in.errs.form_error == NULL)
		fields_form_fail(&in.errs, "Ce commentaire n’existe pas : "
		    "rechargez la page.");
	for (k = 0; k < in.ntags; k++)
		if (theme_find(c, in.tags[k]) == NULL &&
		    in.errs.form_error == NULL)
			fields_form_fail(&in.errs, "Ce thème n’est pas un "
			    "thème de ce site : rechargez la page.");
	if (in.action == ACT_HIDE && in.reason_s == NULL)
		in.reason_s = "";
	if (in.action == ACT_HIDE && in.errs.error[E_REASON] == NULL &&
	    in.reason[0] == '\0')
		fields_fail(&in.errs, E_REASON, "Saisissez le motif : quelles "
		    "données personnelles le commentaire contient.");
	if (in.errs.nerrors > 0) {
		/* The list as it was, the errors at the top and at the
		   comment. */
		filters = in;
		memset(&filters.errs, 0, sizeof(filters.errs));
		if (in.errs.error[E_CRITERION] != NULL ||
		    in.errs.error[E_THEME] != NULL ||
		    in.errs.error[E_FROM] != NULL || in.errs.error[E_TO] != NULL ||
		    in.errs.error[E_PAGE] != NULL || in.errs.error[E_LEVEL] !=
		    NULL) {
			memset(&filters, 0, sizeof(filters));
			filters.level = -1;
			filters.page = 1;
		}
		p->status = 400;
		list_page(cm, u, p, c, &filters, &in, NULL);
		if (p->status == 200)
			p->status = 400;
		goto out;
	}
	params[0] = c->id;
	params[1] = in.response;
	params[2] = in.question;
	switch (in.action) {
	case ACT_TAG:
		db_array(&arr, in.tags, in.ntags);
		params[3] = arr.data != NULL ? arr.data : "{}";
		st = S_TAG;
		done = "themes";
		break;
	case ACT_HIDE:
		params[3] = in.reason;
		st = S_HIDE;
		done = "masque";
		break;
	default:
		st = S_UNHIDE;
		done = "affiche";
		break;
	}
	rc = run(cm, u, st, params, &res, sqlstate);
	if (rc == DB_UNAVAILABLE)
		unavailable(cm, p, u);
	else if (rc == DB_REFUSED)
		message(cm, p, u, 403, "Modification refusée", "La base de "
		    "données refuse cette modification : rien n’a été "
		    "enregistré.");
	else if ((st != S_UNHIDE && strcmp(db_value(res, 0, "found"),
	    "0") == 0) || (st == S_UNHIDE && strcmp(db_value(res, 0, "done"),
	    "0") == 0))
		message(cm, p, u, 404, "Commentaire introuvable", "Ce "
		    "commentaire n’existe pas dans cette campagne, ou il n’est "
		    "pas masqué : rien n’a été enregistré.");
	else
		redirect(p, c, &in, done);
	PQclear(res);
out:
	buf_free(&arr);
	fields_free(&in.errs);
}

/* POST on the themes: adds, renames or removes one. */
static void
themes_post(struct comments *cm, const struct staff_user *u,
    const struct req *r, struct resp *p, const struct cm_campaign *c)
{
	struct cm_input		 in;
	const struct cm_theme	*t = NULL;
	const char		*params[3], *done = NULL;
	PGresult		*res = NULL;
	char			 sqlstate[6];
	enum stmt		 st;
	enum db_status		 rc;
	size_t			 k;

	read_input(r, cm_theme_fields, CM_NTHEME_FIELDS, c, &in);
	if (in.action != ACT_ADD && in.action != ACT_RENAME &&
	    in.action != ACT_REMOVE && in.errs.form_error == NULL)
		fields_form_fail(&in.errs, "Action inconnue : rechargez la "
		    "page.");
	if ((in.action == ACT_RENAME || in.action == ACT_REMOVE) &&
	    (t = theme_find(c, in.id)) == NULL && in.errs.form_error == NULL)
		fields_form_fail(&in.errs, "Ce thème n’est pas un thème de ce "
		    "site : rechargez la page.");
	if (in.action == ACT_ADD || in.action == ACT_RENAME) {
		if (in.label_s == NULL || (in.errs.error[E_LABEL] == NULL &&
		    in.label[0] == '\0'))
			fields_fail(&in.errs, E_LABEL, "Saisissez le nom du "
			    "thème.");
		for (k = 0; k < c->nthemes && in.errs.error[E_LABEL] == NULL;
		    k++)
			if (strcasecmp(c->themes[k].label, in.label) == 0 &&
			    (t == NULL || strcmp(t->id, c->themes[k].id) != 0))
				fields_fail(&in.errs, E_LABEL, "Ce site a déjà "
				    "un thème de ce nom.");
		if (in.action == ACT_ADD && c->nthemes >= COMMENTS_THEMES_MAX &&
		    in.errs.error[E_LABEL] == NULL)
			fields_fail(&in.errs, E_LABEL, "Ce site a déjà %d "
			    "thèmes, le plus qu’il puisse en avoir.",
			    COMMENTS_THEMES_MAX);
	}
	if (in.errs.nerrors > 0) {
		p->status = 400;
		themes_page(cm, u, p, c, &in, NULL);
		goto out;
	}
	if (in.action == ACT_REMOVE && t->uses > 0 && !in.confirm) {
		confirm_page(cm, u, p, c, t);
		goto out;
	}
	params[0] = c->site_id;
	switch (in.action) {
	case ACT_ADD:
		params[1] = in.label;
		st = S_THEME_ADD;
		done = "ajoute";
		break;
	case ACT_RENAME:
		params[1] = in.id;
		params[2] = in.label;
		st = S_THEME_RENAME;
		done = "renomme";
		break;
	default:
		params[1] = in.id;
		st = S_THEME_REMOVE;
		done = "supprime";
		break;
	}
	rc = run(cm, u, st, params, &res, sqlstate);
	if (rc == DB_UNAVAILABLE)
		unavailable(cm, p, u);
	else if (rc == DB_REFUSED && strcmp(sqlstate, "23505") == 0) {
		fields_fail(&in.errs, E_LABEL, "Ce site a déjà un thème de ce "
		    "nom.");
		p->status = 409;
		themes_page(cm, u, p, c, &in, NULL);
	} else if (rc == DB_REFUSED || PQntuples(res) == 0)
		message(cm, p, u, 403, "Modification refusée", "La base de "
		    "données refuse cette modification : rien n’a été "
		    "enregistré.");
	else {
		p->status = 303;
		xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/commentaires/"
		    "themes?fait=%s", c->id, done);
	}
	PQclear(res);
out:
	fields_free(&in.errs);
}

/* What ?fait= says was done. */
static const char *
done_text(const struct req *r)
{
	static const char *const texts[][2] = {
		{ "themes", "Les thèmes du commentaire sont enregistrés." },
		{ "masque", "Le commentaire est masqué des exports." },
		{ "affiche", "Le commentaire n’est plus masqué des exports." },
		{ "ajoute", "Le thème est ajouté." },
		{ "renomme", "Le thème est renommé." },
		{ "supprime", "Le thème est supprimé." },
	};
	const struct http_field	*f;
	size_t			 i;

	if ((f = http_field_get(r, "fait")) == NULL)
		return NULL;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (strcmp(f->val, texts[i][0]) == 0)
			return texts[i][1];
	return NULL;
}

/* GET of the list: the filters of the query, ?fait= aside. */
static void
list_get(struct comments *cm, const struct staff_user *u, struct req *r,
    struct resp *p, const struct cm_campaign *c)
{
	struct cm_input		 in;
	struct req		 q = *r;
	struct http_field	*kept;
	size_t			 i;

	/* fields_read refuses what it does not know: fait is ours. */
	kept = xcalloc(r->nfields + 1, sizeof(*kept));
	q.nfields = 0;
	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].key, "fait") != 0)
			kept[q.nfields++] = r->fields[i];
	q.fields = kept;
	read_input(&q, cm_filter_fields, CM_NFILTER_FIELDS, c, &in);
	if (in.errs.nerrors > 0)
		p->status = 400;
	list_page(cm, u, p, c, &in, NULL, done_text(r));
	if (in.errs.nerrors > 0 && p->status == 200)
		p->status = 400;
	fields_free(&in.errs);
	free(kept);
}

int
comments_handle(struct comments *cm, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	struct cm_campaign	 c;
	char			 id[32], name[16], tail;
	int			 n, themes, found;

	n = sscanf(r->path, CAMPAIGNS_PREFIX "/%18[0-9]/commentaires%c%15[a-z]"
	    "%c", id, &tail, name, &tail);
	if (n < 1 || !http_id_parse(id, NULL) ||
	    strncmp(r->path + sizeof(CAMPAIGNS_PREFIX) + strlen(id),
	    "/commentaires", 13) != 0)
		return 0;
	if (n == 2 || n == 4 || (n == 3 && strcmp(name, "themes") != 0)) {
		message(cm, p, u, 404, "Page introuvable", "Cette page "
		    "n’existe pas.");
		return 1;
	}
	themes = n == 3;
	if (u->role != STAFF_REFERENT && u->role != STAFF_ADMIN) {
		message(cm, p, u, 403, "Accès réservé", "Les commentaires sont "
		    "lus par les référents qualité et les administrateurs.");
		return 1;
	}
	if (r->method == HTTP_OTHER) {
		p->status = 405;
		p->allow = "GET, HEAD, POST";
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		message(cm, p, u, 403, "Formulaire expiré", "Ce formulaire a "
		    "expiré ou ne vient pas de cette session : rien n’a été "
		    "enregistré. Rechargez la page et recommencez.");
		return 1;
	}
	found = campaign_load(cm, u, id, &c);
	if (found == -1)
		unavailable(cm, p, u);
	else if (found == 0)
		message(cm, p, u, 404, "Campagne introuvable", "Cette campagne "
		    "n’existe pas, ou elle ne vous est pas confiée : ses "
		    "commentaires ne vous sont pas accessibles.");
	else if (r->method == HTTP_POST && themes)
		themes_post(cm, u, r, p, &c);
	else if (r->method == HTTP_POST)
		list_post(cm, u, r, p, &c);
	else if (themes)
		themes_page(cm, u, p, &c, NULL, done_text(r));
	else
		list_get(cm, u, r, p, &c);
	campaign_free(&c);
	return 1;
}

int
comments_year_themes(struct comments *cm, const struct staff_user *u,
    const char *site_id, int year, struct comments_theme_count **out,
    size_t *nout)
{
	PGresult	*res = NULL;
	const char	*params[2];
	char		 y[16], sqlstate[6];
	int		 i, n;

	*out = NULL;
	*nout = 0;
	snprintf(y, sizeof(y), "%d", year);
	params[0] = site_id;
	params[1] = y;
	if (run(cm, u, S_YEAR_THEMES, params, &res, sqlstate) != DB_OK)
		return -1;
	n = PQntuples(res);
	*out = xcalloc((size_t)n + 1, sizeof(**out));
	for (i = 0; i < n; i++) {
		(*out)[i].label = xstrdup(db_value(res, i, "label"));
		(*out)[i].count = strtoll(db_value(res, i, "n"), NULL, 10);
	}
	*nout = (size_t)n;
	PQclear(res);
	return 0;
}

void
comments_theme_counts_free(struct comments_theme_count *c, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(c[i].label);
	free(c);
}
