/* The action plan of the user's sites, and their COPIL meetings. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "actions.h"
#include "buf.h"
#include "cal.h"
#include "db.h"
#include "fields.h"
#include "html.h"
#include "http.h"
#include "page.h"
#include "results.h"
#include "staff.h"
#include "xmalloc.h"

enum stmt {
	A_LIST,
	A_FORM,
	A_GET,
	A_CAMPAIGN,
	A_ADD,
	A_EDIT,
	A_COPIL_ADD,
	A__MAX
};

/* Who did what, in the audit log, with the site's code and the id. */
#define AUDIT(event, what) \
	" au AS (INSERT INTO qualimetre.audit_log (user_id, login, event," \
	"  detail) SELECT qualimetre.current_user_id()," \
	"  (SELECT u.login FROM qualimetre.app_user u" \
	"   WHERE u.id = qualimetre.current_user_id()), " event "," \
	"  left((SELECT s.code FROM qualimetre.site s WHERE s.id = n.site_id)" \
	"  || ' ' || n.id || ' ' || " what ", 1000) FROM n)" \
	" SELECT id FROM n"

/* What the list and one action show. */
#define ACTION_COLUMNS \
	" a.id, a.site_id, s.code, s.name AS site_name, a.title," \
	" a.description, a.origin, a.owner, a.status," \
	" to_char(a.due_on, 'YYYY-MM-DD') AS due_on," \
	" a.due_on < current_date AND a.status IN ('prevue', 'en-cours')" \
	"  AS overdue," \
	" a.copil_id, to_char(m.held_on, 'YYYY-MM-DD') AS copil_on," \
	" m.label AS copil_label, a.campaign_id, c.title AS campaign_title," \
	" a.criterion, sa.semester, a.engagement," \
	" to_char(a.updated_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')" \
	"  AS updated_on, uu.display_name AS updated_name" \
	" FROM qualimetre.action a" \
	" JOIN qualimetre.site s ON s.id = a.site_id" \
	" LEFT JOIN qualimetre.copil_meeting m ON m.id = a.copil_id" \
	" LEFT JOIN qualimetre.campaign c ON c.id = a.campaign_id" \
	" LEFT JOIN qualimetre.self_assessment sa ON sa.id = a.assessment_id" \
	" LEFT JOIN qualimetre.app_user uu ON uu.id = a.updated_by"

static const struct db_stmt actions_stmts[A__MAX] = {
	/*
	 * The actions of site $1 (NULL: every site of the user) whose due
	 * date or creation falls in year $2 (NULL: any), of status $3 and
	 * origin $4 (NULL: any): overdue first (due date passed, neither
	 * done nor given up), then by due date.
	 */
	[A_LIST] = { "actions_list",
	    "SELECT" ACTION_COLUMNS
	    " WHERE ($1::bigint IS NULL OR a.site_id = $1::bigint)"
	    " AND ($2::integer IS NULL OR $2::integer IN"
	    "  (extract(year FROM a.due_on)::integer,"
	    "  extract(year FROM a.created_at)::integer))"
	    " AND ($3::text IS NULL OR a.status = $3)"
	    " AND ($4::text IS NULL OR a.origin = $4)"
	    " ORDER BY overdue DESC, a.due_on, a.id", 4 },
	/* The user's sites, then their COPIL meetings, newest first. */
	[A_FORM] = { "actions_form",
	    "SELECT 'site' AS what, s.id, s.code, s.name AS label,"
	    " NULL AS held_on FROM qualimetre.site s"
	    " WHERE qualimetre.user_plans_site(s.id)"
	    " UNION ALL"
	    " SELECT 'copil', m.id, s.code, m.label,"
	    " to_char(m.held_on, 'YYYY-MM-DD')"
	    " FROM qualimetre.copil_meeting m"
	    " JOIN qualimetre.site s ON s.id = m.site_id"
	    " ORDER BY what DESC, held_on DESC, code, label", 0 },
	[A_GET] = { "actions_get",
	    "SELECT" ACTION_COLUMNS " WHERE a.id = $1::bigint", 1 },
	[A_CAMPAIGN] = { "actions_campaign",
	    "SELECT c.site_id, c.title FROM qualimetre.campaign c"
	    " WHERE c.id = $1::bigint", 1 },
	[A_ADD] = { "actions_add",
	    "WITH n AS (INSERT INTO qualimetre.action (site_id, title,"
	    "  description, origin, campaign_id, criterion, owner, due_on,"
	    "  status, copil_id, created_by, updated_by)"
	    "  VALUES ($1::bigint, $2, $3, $4, $5::bigint, $6, $7, $8::date,"
	    "  $9, $10::bigint, qualimetre.current_user_id(),"
	    "  qualimetre.current_user_id()) RETURNING id, site_id, title),"
	    AUDIT("'action-add'", "n.title"), 10 },
	[A_EDIT] = { "actions_edit",
	    "WITH n AS (UPDATE qualimetre.action SET title = $2,"
	    "  description = $3, owner = $4, due_on = $5::date, status = $6,"
	    "  copil_id = $7::bigint,"
	    "  updated_by = qualimetre.current_user_id(), updated_at = now()"
	    "  WHERE id = $1::bigint RETURNING id, site_id, status),"
	    AUDIT("'action-edit'", "n.status"), 7 },
	[A_COPIL_ADD] = { "actions_copil_add",
	    "WITH n AS (INSERT INTO qualimetre.copil_meeting (site_id,"
	    "  held_on, label, created_by) VALUES ($1::bigint, $2::date, $3,"
	    "  qualimetre.current_user_id()) RETURNING id, site_id, held_on),"
	    AUDIT("'copil-add'", "n.held_on::text"), 3 },
};

static const struct {
	const char	*name;
	const char	*label;
} origins[ACTIONS_ORIGIN__MAX] = {
	[ACTIONS_CRITERION] = { "criterion", "Critère sous la cible" },
	[ACTIONS_SELF_ASSESSMENT] = { "self-assessment",
	    "Écart d’auto-diagnostic" },
	[ACTIONS_AUDIT] = { "audit", "Remarque d’audit" },
	[ACTIONS_COMPLAINT] = { "complaint", "Thème de réclamations" },
	[ACTIONS_OTHER] = { "other", "Autre" },
}, statuses[ACTIONS_STATUS__MAX] = {
	[ACTIONS_PLANNED] = { "prevue", "Prévue" },
	[ACTIONS_ONGOING] = { "en-cours", "En cours" },
	[ACTIONS_DONE] = { "realisee", "Réalisée" },
	[ACTIONS_DROPPED] = { "abandonnee", "Abandonnée" },
};

struct actions {
	struct db	*db;
	struct staff	*staff;		/* the program's, for the frame */
	size_t		 base;		/* our first statement's number */
};

/* The choices of the forms (A_FORM), as value/label pairs. */
struct ac_choices {
	PGresult	*res;		/* the strings point into it */
	const char	**sites;	/* id, name */
	size_t		 nsites;
	const char	**copils;	/* "" or id, "CODE – date – label" */
	char		**owned;	/* copils' labels, ours */
	size_t		 ncopils;
};

/* What can be wrong, each shown next to its field. */
enum ac_err {
	E_SITE,
	E_TITLE,
	E_DESC,
	E_ORIGIN,
	E_OWNER,
	E_DUE,
	E_STATUS,
	E_COPIL,
	E_LABEL,
	E__MAX
};
_Static_assert(E__MAX <= FIELDS_SLOTS_MAX, "too many error slots");

static const char *const ac_err_names[E__MAX] = {
	[E_SITE] = "Site",
	[E_TITLE] = "Intitulé",
	[E_DESC] = "Description",
	[E_ORIGIN] = "Origine",
	[E_OWNER] = "Responsable",
	[E_DUE] = "Échéance",
	[E_STATUS] = "Statut",
	[E_COPIL] = "Réunion du COPIL",
	[E_LABEL] = "Intitulé de la réunion",
};

static const char *const ac_anchors[E__MAX] = {
	[E_SITE] = "ac-site",
	[E_TITLE] = "ac-title",
	[E_DESC] = "ac-desc",
	[E_ORIGIN] = "ac-origin",
	[E_OWNER] = "ac-owner",
	[E_DUE] = "ac-due",
	[E_STATUS] = "ac-status",
	[E_COPIL] = "ac-copil",
	[E_LABEL] = "ac-label",
};

/* A form as sent (strings into the request) and checked. */
struct ac_input {
	const char		*site_s, *title_s, *desc_s, *origin_s,
				*owner_s, *due_s, *status_s, *copil_s,
				*campaign_s, *criterion_s, *label_s;
	int			 origin;	/* enum actions_origin, or -1 */
	int			 status;	/* enum actions_status, or -1 */
	struct fields_errors	 errs;		/* slots: enum ac_err */
	char			 title[4 * ACTIONS_LINE_MAX + 1];
	char			 owner[4 * ACTIONS_LINE_MAX + 1];
	char			 label[4 * ACTIONS_LINE_MAX + 1];
	char			 due[CAL_DATE_LEN + 1];
};

const char *
actions_origin_name(enum actions_origin o)
{
	return (unsigned)o < ACTIONS_ORIGIN__MAX ? origins[o].name : NULL;
}

const char *
actions_origin_label(enum actions_origin o)
{
	return (unsigned)o < ACTIONS_ORIGIN__MAX ? origins[o].label : NULL;
}

const char *
actions_status_name(enum actions_status s)
{
	return (unsigned)s < ACTIONS_STATUS__MAX ? statuses[s].name : NULL;
}

const char *
actions_status_label(enum actions_status s)
{
	return (unsigned)s < ACTIONS_STATUS__MAX ? statuses[s].label : NULL;
}

int
actions_origin_parse(const char *name, enum actions_origin *out)
{
	int	i;

	for (i = 0; name != NULL && i < ACTIONS_ORIGIN__MAX; i++)
		if (strcmp(origins[i].name, name) == 0) {
			*out = (enum actions_origin)i;
			return 0;
		}
	return -1;
}

int
actions_status_parse(const char *name, enum actions_status *out)
{
	int	i;

	for (i = 0; name != NULL && i < ACTIONS_STATUS__MAX; i++)
		if (strcmp(statuses[i].name, name) == 0) {
			*out = (enum actions_status)i;
			return 0;
		}
	return -1;
}

/* The French label of an origin or status as stored, or the value. */
static const char *
origin_text(const char *name)
{
	enum actions_origin	o;

	return actions_origin_parse(name, &o) == 0 ? origins[o].label : name;
}

static const char *
status_text(const char *name)
{
	enum actions_status	s;

	return actions_status_parse(name, &s) == 0 ? statuses[s].label : name;
}

void
actions_below_target(struct buf *b, const char *campaign_id,
    const struct results *r)
{
	const struct results_row	*row;
	const char			*name;
	size_t				 i, n = 0;

	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		if (!row->has_verdict || row->verdict != STATS_BELOW)
			continue;
		if (n++ == 0)
			buf_puts(b, "<h3>Critères sous leur cible</h3>\n<ul>\n");
		name = row->short_label != NULL ? row->short_label :
		    row->label;
		buf_puts(b, "<li>");
		html_puts(b, name);
		buf_puts(b, " : <a href=\"" ACTIONS_PREFIX "/nouvelle?campagne=");
		html_puts(b, campaign_id);
		buf_puts(b, "&amp;critere=");
		html_puts(b, row->key);
		buf_puts(b, "\">Créer une action<span class=\"fr-sr-only\"> : ");
		html_puts(b, name);
		buf_puts(b, "</span></a></li>\n");
	}
	if (n > 0)
		buf_puts(b, "</ul>\n");
}

struct actions *
actions_create(struct db *db, struct staff *staff)
{
	struct actions	*ac;

	ac = xcalloc(1, sizeof(*ac));
	ac->db = db;
	ac->staff = staff;
	ac->base = db_register(db, actions_stmts, A__MAX);
	return ac;
}

void
actions_free(struct actions *ac)
{
	free(ac);
}

/* ---------------------------------------------------------------- load */

static enum db_status
run(struct actions *ac, const struct staff_user *u, enum stmt s,
    const char *const *params, PGresult **res, char *sqlstate)
{
	return db_exec_as_logged(ac->db, u->session, u->login, ac->base + s,
	    actions_stmts[s].name, params, res, sqlstate);
}

static void
choices_free(struct ac_choices *ch)
{
	size_t	i;

	PQclear(ch->res);
	for (i = 0; i < ch->ncopils; i++)
		free(ch->owned[i]);
	free(ch->owned);
	free(ch->sites);
	free(ch->copils);
	memset(ch, 0, sizeof(*ch));
}

/* Loads the sites and COPIL meetings. Returns 0, or -1 when the database
   is unavailable. The caller frees *ch with choices_free always. */
static int
choices_load(struct actions *ac, const struct staff_user *u,
    struct ac_choices *ch)
{
	char	sqlstate[6];
	int	i, n;

	memset(ch, 0, sizeof(*ch));
	if (run(ac, u, A_FORM, NULL, &ch->res, sqlstate) != DB_OK)
		return -1;
	n = PQntuples(ch->res);
	ch->sites = xcalloc((size_t)n * 2 + 1, sizeof(*ch->sites));
	ch->copils = xcalloc((size_t)n * 2 + 3, sizeof(*ch->copils));
	ch->owned = xcalloc((size_t)n + 1, sizeof(*ch->owned));
	ch->copils[0] = "";
	ch->copils[1] = "Aucune pour l’instant";
	for (i = 0; i < n; i++) {
		if (strcmp(db_value(ch->res, i, "what"), "site") == 0) {
			ch->sites[2 * ch->nsites] = db_value(ch->res, i, "id");
			ch->sites[2 * ch->nsites + 1] = db_value(ch->res, i,
			    "label");
			ch->nsites++;
			continue;
		}
		xasprintf(&ch->owned[ch->ncopils], "%s – %s – %s",
		    db_value(ch->res, i, "code"), db_value(ch->res, i,
		    "held_on"), db_value(ch->res, i, "label"));
		ch->copils[2 * (ch->ncopils + 1)] = db_value(ch->res, i, "id");
		ch->copils[2 * (ch->ncopils + 1) + 1] = ch->owned[ch->ncopils];
		ch->ncopils++;
	}
	return 0;
}

/* ---------------------------------------------------------------- pages */

static void
message(struct actions *ac, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(ac->staff, p, u, status, title, text,
	    ACTIONS_PREFIX, "Plan d’actions");
}

static void
unavailable(struct actions *ac, struct resp *p, const struct staff_user *u)
{
	message(ac, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été enregistré.");
}

/* The select of origins or statuses, with "" first when any is "Tous". */
static void
enum_select(struct buf *b, const char *id, const char *name,
    const char *label, int statuses_not_origins, const char *any,
    const char *value, const char *error)
{
	const char	*opts[2 * (ACTIONS_ORIGIN__MAX + 1)];
	size_t		 n = 0, i, max;

	if (any != NULL) {
		opts[2 * n] = "";
		opts[2 * n++ + 1] = any;
	}
	max = statuses_not_origins ? ACTIONS_STATUS__MAX :
	    ACTIONS_ORIGIN__MAX;
	for (i = 0; i < max; i++) {
		opts[2 * n] = statuses_not_origins ? statuses[i].name :
		    origins[i].name;
		opts[2 * n++ + 1] = statuses_not_origins ? statuses[i].label :
		    origins[i].label;
	}
	page_field_select(b, id, name, label, opts, n, value, error);
}

/* The list (res: A_LIST), with its filters (status, origin: as sent). */
static void
list_page(struct actions *ac, const struct staff_user *u, struct resp *p,
    PGresult *res, const char *status, const char *origin,
    const struct fields_errors *errs)
{
	struct buf	*b = &p->body;
	int		 i, n = res != NULL ? PQntuples(res) : 0;

	p->no_store = 1;
	staff_page_open(ac->staff, p, u, errs->nerrors > 0 ?
	    "Erreur – Plan d’actions" : "Plan d’actions");
	page_back_link(b, "/referent/", "Accueil");
	buf_puts(b, "<h1>Plan d’actions</h1>\n<ul class=\"fr-btns-group "
	    "fr-btns-group--inline-md fr-mb-4w\">\n<li><a class=\"fr-btn\" "
	    "href=\"" ACTIONS_PREFIX "/nouvelle\">Nouvelle action</a></li>\n"
	    "<li><a class=\"fr-btn fr-btn--secondary\" href=\""
	    ACTIONS_PREFIX "/copil\">Réunions du COPIL</a></li>\n"
	    "<li><a class=\"fr-btn fr-btn--secondary\" href=\""
	    "/referent/autodiagnostic\">Auto-diagnostic</a></li>\n</ul>\n");
	fields_summary(b, errs, "Le filtre n’a pas été appliqué",
	    ac_err_names, ac_anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_puts(b, "<form method=\"get\" action=\"" ACTIONS_PREFIX "\" "
	    "class=\"fr-mb-4w\">\n<div class=\"fr-grid-row "
	    "fr-grid-row--gutters\">\n<div class=\"fr-col-12 fr-col-md-4\">\n");
	enum_select(b, "ac-status", "statut", "Statut", 1, "Tous", status,
	    errs->error[E_STATUS]);
	buf_puts(b, "</div>\n<div class=\"fr-col-12 fr-col-md-4\">\n");
	enum_select(b, "ac-origin", "origine", "Origine", 0, "Toutes", origin,
	    errs->error[E_ORIGIN]);
	buf_puts(b, "</div>\n</div>\n<button class=\"fr-btn "
	    "fr-btn--secondary\" type=\"submit\">Filtrer</button>\n</form>\n");
	if (n == 0) {
		buf_puts(b, "<p class=\"fr-text--lead\">Aucune action.</p>\n");
		page_end(b);
		return;
	}
	buf_puts(b, "<div class=\"fr-table\">\n" HTML_TABLE_BOXES "<table>\n"
	    "<caption>Actions, en retard d’abord, puis par échéance"
	    "</caption>\n<thead><tr><th scope=\"col\">Échéance</th>"
	    "<th scope=\"col\">Action</th><th scope=\"col\">Site</th>"
	    "<th scope=\"col\">Origine</th><th scope=\"col\">Responsable</th>"
	    "<th scope=\"col\">Statut</th><th scope=\"col\">COPIL</th>"
	    "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		buf_puts(b, "<tr><td>");
		page_date(b, db_value(res, i, "due_on"));
		if (*db_value(res, i, "overdue") == 't')
			buf_puts(b, " <p class=\"fr-badge fr-badge--error "
			    "fr-badge--sm\">En retard</p>");
		buf_puts(b, "</td><td><a href=\"" ACTIONS_PREFIX "/");
		html_puts(b, db_value(res, i, "id"));
		buf_puts(b, "\">");
		html_puts(b, db_value(res, i, "title"));
		buf_puts(b, "</a></td><td>");
		html_puts(b, db_value(res, i, "code"));
		buf_puts(b, "</td><td>");
		html_puts(b, origin_text(db_value(res, i, "origin")));
		buf_puts(b, "</td><td>");
		html_puts(b, db_value(res, i, "owner"));
		buf_puts(b, "</td><td>");
		html_puts(b, status_text(db_value(res, i, "status")));
		buf_puts(b, "</td><td>");
		if (*db_value(res, i, "copil_on") != '\0') {
			page_date(b, db_value(res, i, "copil_on"));
			buf_puts(b, " : ");
			html_puts(b, db_value(res, i, "copil_label"));
		} else
			buf_puts(b, "—");
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
	page_end(b);
}

/* GET ACTIONS_PREFIX: the list, filtered by ?statut= and ?origine=. */
static void
list_get(struct actions *ac, const struct staff_user *u,
    const struct req *r, struct resp *p)
{
	const struct http_field	*fs = http_field_get(r, "statut");
	const struct http_field	*fo = http_field_get(r, "origine");
	const char		*params[4] = { NULL, NULL, NULL, NULL };
	struct fields_errors	 errs;
	enum actions_status	 st;
	enum actions_origin	 og;
	PGresult		*res = NULL;
	char			 sqlstate[6];

	memset(&errs, 0, sizeof(errs));
	if (fs != NULL && *fs->val != '\0') {
		if (actions_status_parse(fs->val, &st) == -1)
			fields_fail(&errs, E_STATUS, "Choisissez un statut de "
			    "la liste.");
		else
			params[2] = statuses[st].name;
	}
	if (fo != NULL && *fo->val != '\0') {
		if (actions_origin_parse(fo->val, &og) == -1)
			fields_fail(&errs, E_ORIGIN, "Choisissez une origine "
			    "de la liste.");
		else
			params[3] = origins[og].name;
	}
	if (errs.nerrors > 0)
		p->status = 400;
	else if (run(ac, u, A_LIST, params, &res, sqlstate) != DB_OK) {
		unavailable(ac, p, u);
		goto out;
	}
	list_page(ac, u, p, res, params[2], params[3], &errs);
out:
	PQclear(res);
	fields_free(&errs);
}

/* The fields of an action: all of them for a new one (res NULL), the
   ones that may change for the action of row 0 of res. */
static void
action_fields(struct buf *b, const struct ac_choices *ch,
    const struct ac_input *in, int is_new)
{
	const struct fields_errors	*e = &in->errs;

	if (is_new) {
		page_field_select(b, "ac-site", "site", "Site", ch->sites,
		    ch->nsites, in->site_s, e->error[E_SITE]);
		enum_select(b, "ac-origin", "origine", "Origine", 0, NULL,
		    in->origin_s, e->error[E_ORIGIN]);
	}
	page_field_input(b, "ac-title", "titre", "text",
	    " maxlength=\"200\" required", "Intitulé", "200 caractères au "
	    "plus.", in->title_s, e->error[E_TITLE], NULL, NULL);
	buf_printf(b, "<div class=\"fr-input-group%s\">\n<label "
	    "class=\"fr-label\" for=\"ac-desc\">Description (facultative)"
	    "<span class=\"fr-hint-text\">Ce qui sera fait, et comment on "
	    "saura que c’est fait (4000 caractères au plus).</span></label>\n"
	    "<textarea class=\"fr-input\" id=\"ac-desc\" name=\"description\" "
	    "rows=\"4\" maxlength=\"%d\"", e->error[E_DESC] != NULL ?
	    " fr-input-group--error" : "", ACTIONS_TEXT_MAX);
	page_field_described(b, e->error[E_DESC], "ac-desc", NULL, NULL);
	buf_puts(b, ">");
	html_puts(b, in->desc_s);
	buf_puts(b, "</textarea>\n");
	page_field_error(b, e->error[E_DESC], "ac-desc");
	buf_puts(b, "</div>\n");
	page_field_input(b, "ac-owner", "responsable", "text",
	    " maxlength=\"200\" required", "Responsable", "Le nom de la "
	    "personne ou du service qui porte l’action.", in->owner_s,
	    e->error[E_OWNER], NULL, NULL);
	page_field_input(b, "ac-due", "echeance", "date", " required",
	    "Échéance", "Au format AAAA-MM-JJ.", in->due_s, e->error[E_DUE],
	    NULL, NULL);
	enum_select(b, "ac-status", "statut", "Statut", 1, NULL, in->status_s,
	    e->error[E_STATUS]);
	page_field_select(b, "ac-copil", "copil", "Réunion du COPIL qui l’a "
	    "décidée<span class=\"fr-hint-text\">Ajoutez les réunions sur la "
	    "page « Réunions du COPIL ».</span>", ch->copils,
	    ch->ncopils + 1, in->copil_s, e->error[E_COPIL]);
}

/* The new action's page (in: as sent or prefilled; campaign: the title
   of the campaign of its criterion, or NULL). */
static void
new_page(struct actions *ac, const struct staff_user *u, struct resp *p,
    const struct ac_choices *ch, const struct ac_input *in,
    const char *campaign)
{
	struct buf	*b = &p->body;

	staff_page_open(ac->staff, p, u, in->errs.nerrors > 0 ?
	    "Erreur – Nouvelle action" : "Nouvelle action");
	page_back_link(b, ACTIONS_PREFIX, "Plan d’actions");
	buf_puts(b, "<h1>Nouvelle action</h1>\n");
	fields_summary(b, &in->errs, "L’action n’a pas été créée",
	    ac_err_names, ac_anchors, E__MAX, FIELDS_AUTOFOCUS);
	if (ch->nsites == 0) {
		buf_puts(b, "<p>Aucun site ne vous est confié.</p>\n");
		page_end(b);
		return;
	}
	buf_puts(b, "<form method=\"post\" action=\"" ACTIONS_PREFIX
	    "/nouvelle\" novalidate>\n");
	staff_csrf_input(b, u);
	if (in->campaign_s != NULL && in->criterion_s != NULL) {
		buf_puts(b, "<p>Source : critère <code>");
		html_puts(b, in->criterion_s);
		buf_puts(b, "</code> de la campagne « ");
		html_puts(b, campaign != NULL ? campaign : in->campaign_s);
		buf_puts(b, " ».</p>\n<input type=\"hidden\" name=\"campagne\" "
		    "value=\"");
		html_puts(b, in->campaign_s);
		buf_puts(b, "\">\n<input type=\"hidden\" name=\"critere\" "
		    "value=\"");
		html_puts(b, in->criterion_s);
		buf_puts(b, "\">\n");
	}
	action_fields(b, ch, in, 1);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Créer l’action"
	    "</button>\n</form>\n");
	page_end(b);
}

/* One action's page (res: A_GET; in: as sent, or NULL: as stored). */
static void
edit_page(struct actions *ac, const struct staff_user *u, struct resp *p,
    const struct ac_choices *ch, const PGresult *res,
    const struct ac_input *in, const char *done)
{
	struct ac_input	 now;
	struct buf	*b = &p->body;

	if (in == NULL) {
		memset(&now, 0, sizeof(now));
		now.title_s = db_value(res, 0, "title");
		now.desc_s = db_value(res, 0, "description");
		now.owner_s = db_value(res, 0, "owner");
		now.due_s = db_value(res, 0, "due_on");
		now.status_s = db_value(res, 0, "status");
		now.copil_s = db_value(res, 0, "copil_id");
		in = &now;
	}
	p->no_store = 1;
	staff_page_open(ac->staff, p, u, in->errs.nerrors > 0 ?
	    "Erreur – Action" : "Action");
	page_back_link(b, ACTIONS_PREFIX, "Plan d’actions");
	buf_puts(b, "<h1>");
	html_puts(b, db_value(res, 0, "title"));
	buf_puts(b, "</h1>\n");
	if (done != NULL)
		page_success(b, done);
	buf_puts(b, "<p>Site : ");
	html_puts(b, db_value(res, 0, "site_name"));
	buf_puts(b, ". Origine : ");
	html_puts(b, origin_text(db_value(res, 0, "origin")));
	if (*db_value(res, 0, "criterion") != '\0') {
		buf_puts(b, " (critère <code>");
		html_puts(b, db_value(res, 0, "criterion"));
		buf_puts(b, "</code> de la campagne « <a href=\"/referent/"
		    "campagnes/");
		html_puts(b, db_value(res, 0, "campaign_id"));
		buf_puts(b, "\">");
		html_puts(b, db_value(res, 0, "campaign_title"));
		buf_puts(b, "</a> »)");
	}
	if (*db_value(res, 0, "engagement") != '\0') {
		buf_puts(b, " (engagement <code>");
		html_puts(b, db_value(res, 0, "engagement"));
		buf_puts(b, "</code> de l’<a href=\"/referent/autodiagnostic/");
		html_puts(b, db_value(res, 0, "site_id"));
		buf_putc(b, '/');
		html_puts(b, db_value(res, 0, "semester"));
		buf_puts(b, "\">auto-diagnostic ");
		html_puts(b, db_value(res, 0, "semester"));
		buf_puts(b, "</a>)");
	}
	buf_puts(b, ". Modifiée le ");
	page_date(b, db_value(res, 0, "updated_on"));
	buf_puts(b, " par ");
	html_puts(b, db_value(res, 0, "updated_name"));
	buf_puts(b, ".</p>\n");
	fields_summary(b, &in->errs, "L’action n’a pas été modifiée",
	    ac_err_names, ac_anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_puts(b, "<form method=\"post\" action=\"" ACTIONS_PREFIX "/");
	html_puts(b, db_value(res, 0, "id"));
	buf_puts(b, "\" novalidate>\n");
	staff_csrf_input(b, u);
	action_fields(b, ch, in, 0);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Enregistrer"
	    "</button>\n</form>\n");
	page_end(b);
}

/* The COPIL meetings, and the form adding one (in: as sent, or NULL). */
static void
copil_page(struct actions *ac, const struct staff_user *u, struct resp *p,
    const struct ac_choices *ch, const struct ac_input *in,
    const char *done)
{
	struct ac_input	 blank;
	struct buf	*b = &p->body;
	size_t		 i;

	if (in == NULL) {
		memset(&blank, 0, sizeof(blank));
		in = &blank;
	}
	staff_page_open(ac->staff, p, u, in->errs.nerrors > 0 ?
	    "Erreur – Réunions du COPIL" : "Réunions du COPIL");
	page_back_link(b, ACTIONS_PREFIX, "Plan d’actions");
	buf_puts(b, "<h1>Réunions du COPIL</h1>\n<p>Le comité de pilotage, "
	    "présidé par le secrétaire général, valide les actions "
	    "correctives et d’amélioration.</p>\n");
	if (done != NULL)
		page_success(b, done);
	if (ch->ncopils == 0)
		buf_puts(b, "<p>Aucune réunion n’est encore enregistrée.</p>\n");
	else {
		buf_puts(b, "<ul>\n");
		for (i = 0; i < ch->ncopils; i++) {
			buf_puts(b, "<li>");
			html_puts(b, ch->copils[2 * (i + 1) + 1]);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "<h2>Ajouter une réunion</h2>\n");
	fields_summary(b, &in->errs, "La réunion n’a pas été ajoutée",
	    ac_err_names, ac_anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_puts(b, "<form method=\"post\" action=\"" ACTIONS_PREFIX
	    "/copil\" novalidate>\n");
	staff_csrf_input(b, u);
	page_field_select(b, "ac-site", "site", "Site", ch->sites,
	    ch->nsites, in->site_s, in->errs.error[E_SITE]);
	page_field_input(b, "ac-due", "date", "date", " required",
	    "Date de la réunion", "Au format AAAA-MM-JJ.", in->due_s,
	    in->errs.error[E_DUE], NULL, NULL);
	page_field_input(b, "ac-label", "intitule", "text",
	    " maxlength=\"200\" required", "Intitulé", "Par exemple « COPIL "
	    "qualité du 2<sup>e</sup> trimestre ».", in->label_s,
	    in->errs.error[E_LABEL], NULL, NULL);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Ajouter la "
	    "réunion</button>\n</form>\n");
	page_end(b);
}

/* ---------------------------------------------------------------- input */

static int
v_site(void *arg, const char *v)
{
	struct ac_input	*in = arg;
	long long	 id;

	in->site_s = v;
	return fields_id(&in->errs, E_SITE, v, &id, "Choisissez un site de "
	    "la liste.");
}

static int
v_title(void *arg, const char *v)
{
	struct ac_input	*in = arg;

	in->title_s = v;
	return fields_line(&in->errs, E_TITLE, v, ACTIONS_LINE_MAX,
	    "L’intitulé", in->title, sizeof(in->title));
}

static int
v_desc(void *arg, const char *v)
{
	struct ac_input	*in = arg;

	in->desc_s = v;
	return fields_text(&in->errs, E_DESC, v, ACTIONS_TEXT_MAX,
	    "La description");
}

static int
v_origin(void *arg, const char *v)
{
	struct ac_input		*in = arg;
	enum actions_origin	 o;

	in->origin_s = v;
	if (actions_origin_parse(v, &o) == -1) {
		fields_fail(&in->errs, E_ORIGIN, "Choisissez une origine de "
		    "la liste.");
		return 0;
	}
	in->origin = (int)o;
	return 1;
}

static int
v_owner(void *arg, const char *v)
{
	struct ac_input	*in = arg;

	in->owner_s = v;
	return fields_line(&in->errs, E_OWNER, v, ACTIONS_LINE_MAX,
	    "Le nom du responsable", in->owner, sizeof(in->owner));
}

static int
v_due(void *arg, const char *v)
{
	struct ac_input	*in = arg;
	long		 day;

	in->due_s = v;
	if (!fields_date(&in->errs, E_DUE, v, &day, "Saisissez la date, au "
	    "format AAAA-MM-JJ.", "2026-12-31"))
		return 0;
	cal_format(day, in->due);
	return 1;
}

static int
v_status(void *arg, const char *v)
{
	struct ac_input		*in = arg;
	enum actions_status	 s;

	in->status_s = v;
	if (actions_status_parse(v, &s) == -1) {
		fields_fail(&in->errs, E_STATUS, "Choisissez un statut de la "
		    "liste.");
		return 0;
	}
	in->status = (int)s;
	return 1;
}

static int
v_copil(void *arg, const char *v)
{
	struct ac_input	*in = arg;
	long long	 id;

	in->copil_s = v;
	return *v == '\0' || fields_id(&in->errs, E_COPIL, v, &id,
	    "Choisissez une réunion de la liste.");
}

static int
v_campaign(void *arg, const char *v)
{
	struct ac_input	*in = arg;
	long long	 id;

	if (!http_id_parse(v, &id)) {
		fields_form_fail(&in->errs, "Cette campagne n’existe pas : "
		    "rechargez la page.");
		return 0;
	}
	in->campaign_s = v;
	return 1;
}

/* A criterion's key, as form keys are ([a-z][a-z0-9-]{0,63}). */
static int
v_criterion(void *arg, const char *v)
{
	struct ac_input	*in = arg;
	size_t		 n = strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-");

	if (v[0] < 'a' || v[0] > 'z' || v[n] != '\0' || n > 64) {
		fields_form_fail(&in->errs, "Ce critère n’existe pas : "
		    "rechargez la page.");
		return 0;
	}
	in->criterion_s = v;
	return 1;
}

static int
v_label(void *arg, const char *v)
{
	struct ac_input	*in = arg;

	in->label_s = v;
	return fields_line(&in->errs, E_LABEL, v, ACTIONS_LINE_MAX,
	    "L’intitulé de la réunion", in->label, sizeof(in->label));
}

static const struct fields_field ac_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "site",	 v_site,	0, E_SITE },
	{ "origine",	 v_origin,	0, E_ORIGIN },
	{ "campagne",	 v_campaign,	0, FIELDS_NO_SLOT },
	{ "critere",	 v_criterion,	0, FIELDS_NO_SLOT },
	{ "titre",	 v_title,	0, E_TITLE },
	{ "description", v_desc,	0, E_DESC },
	{ "responsable", v_owner,	0, E_OWNER },
	{ "echeance",	 v_due,		0, E_DUE },
	{ "statut",	 v_status,	0, E_STATUS },
	{ "copil",	 v_copil,	0, E_COPIL },
};
#define AC_NFIELDS	(sizeof(ac_fields) / sizeof(ac_fields[0]))

/* The fields of an existing action: no site, origin nor source. */
#define AC_EDIT_FIRST	5

static const struct fields_field copil_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "site",	 v_site,	0, E_SITE },
	{ "date",	 v_due,		0, E_DUE },
	{ "intitule",	 v_label,	0, E_LABEL },
};
#define COPIL_NFIELDS	(sizeof(copil_fields) / sizeof(copil_fields[0]))

/* Reads an action's form: is_new, every field, else the ones that may
   change; then what must be there. */
static void
read_action(const struct req *r, int is_new, struct ac_input *in)
{
	struct fields_errors	*e = &in->errs;
	struct fields_field	 table[AC_NFIELDS];
	size_t			 n = 0, i;

	memset(in, 0, sizeof(*in));
	in->origin = in->status = -1;
	for (i = 0; i < AC_NFIELDS; i++)
		if (is_new || i == 0 || i >= AC_EDIT_FIRST)
			table[n++] = ac_fields[i];
	fields_read(r, table, n, FIELDS_NAME_FIELD, in, e);
	if (is_new && in->site_s == NULL)
		fields_fail(e, E_SITE, "Choisissez un site de la liste.");
	if (is_new && in->origin_s == NULL)
		fields_fail(e, E_ORIGIN, "Choisissez une origine de la liste.");
	if ((in->campaign_s == NULL) != (in->criterion_s == NULL))
		fields_form_fail(e, "La source de l’action est incomplète : "
		    "rechargez la page.");
	if (in->campaign_s != NULL && in->origin != -1 &&
	    in->origin != ACTIONS_CRITERION)
		fields_fail(e, E_ORIGIN, "Une action issue d’un critère a pour "
		    "origine « %s ».", origins[ACTIONS_CRITERION].label);
	if (e->error[E_TITLE] == NULL && in->title[0] == '\0')
		fields_fail(e, E_TITLE, "Saisissez l’intitulé de l’action.");
	if (e->error[E_OWNER] == NULL && in->owner[0] == '\0')
		fields_fail(e, E_OWNER, "Saisissez le nom du responsable.");
	if (in->due_s == NULL)
		fields_fail(e, E_DUE, "Saisissez la date, au format "
		    "AAAA-MM-JJ.");
	if (in->status_s == NULL)
		fields_fail(e, E_STATUS, "Choisissez un statut de la liste.");
	if (in->desc_s == NULL)
		in->desc_s = "";
}

/* The message and slot of a refusal of the database. */
static int
refused(const char *sqlstate, struct ac_input *in)
{
	if (strcmp(sqlstate, "42501") == 0)
		return 403;
	if (strcmp(sqlstate, "23503") == 0)
		fields_fail(&in->errs, E_COPIL, "Cette réunion n’est pas du "
		    "site de l’action : choisissez-en une du même site.");
	else if (strcmp(sqlstate, "23505") == 0)
		fields_fail(&in->errs, E_LABEL, "Ce site a déjà une réunion "
		    "de ce nom à cette date.");
	else
		fields_form_fail(&in->errs, "La base de données refuse ces "
		    "valeurs : rien n’a été enregistré.");
	return 400;
}

/* ---------------------------------------------------------------- store */

static void
new_post(struct actions *ac, const struct staff_user *u,
    const struct req *r, struct resp *p, const struct ac_choices *ch)
{
	struct ac_input	 in;
	const char	*params[10];
	PGresult	*res = NULL;
	char		 sqlstate[6];
	enum db_status	 rc;
	int		 st;

	read_action(r, 1, &in);
	if (in.errs.nerrors > 0) {
		p->status = 400;
		new_page(ac, u, p, ch, &in, NULL);
		goto out;
	}
	params[0] = in.site_s;
	params[1] = in.title;
	params[2] = in.desc_s;
	params[3] = origins[in.origin].name;
	params[4] = in.campaign_s;
	params[5] = in.criterion_s;
	params[6] = in.owner;
	params[7] = in.due;
	params[8] = statuses[in.status].name;
	params[9] = *in.copil_s != '\0' ? in.copil_s : NULL;
	rc = run(ac, u, A_ADD, params, &res, sqlstate);
	if (rc == DB_UNAVAILABLE)
		unavailable(ac, p, u);
	else if (rc == DB_REFUSED && (st = refused(sqlstate, &in)) == 403)
		message(ac, p, u, 403, "Création refusée", "Ce site, ou la "
		    "campagne de ce critère, ne vous est pas confié : rien "
		    "n’a été enregistré.");
	else if (rc == DB_REFUSED) {
		p->status = st;
		new_page(ac, u, p, ch, &in, NULL);
	} else {
		p->status = 303;
		xasprintf(&p->location, ACTIONS_PREFIX "/%s?fait=cree",
		    db_value(res, 0, "id"));
	}
	PQclear(res);
out:
	fields_free(&in.errs);
}

static void
edit_post(struct actions *ac, const struct staff_user *u,
    const struct req *r, struct resp *p, const struct ac_choices *ch,
    const PGresult *row)
{
	struct ac_input	 in;
	const char	*params[7];
	PGresult	*res = NULL;
	char		 sqlstate[6];
	enum db_status	 rc;
	int		 st;

	read_action(r, 0, &in);
	if (in.errs.nerrors > 0) {
		p->status = 400;
		edit_page(ac, u, p, ch, row, &in, NULL);
		goto out;
	}
	params[0] = db_value(row, 0, "id");
	params[1] = in.title;
	params[2] = in.desc_s;
	params[3] = in.owner;
	params[4] = in.due;
	params[5] = statuses[in.status].name;
	params[6] = *in.copil_s != '\0' ? in.copil_s : NULL;
	rc = run(ac, u, A_EDIT, params, &res, sqlstate);
	if (rc == DB_UNAVAILABLE)
		unavailable(ac, p, u);
	else if (rc == DB_REFUSED && (st = refused(sqlstate, &in)) == 403)
		message(ac, p, u, 403, "Modification refusée", "Ce site ne "
		    "vous est pas confié : rien n’a été enregistré.");
	else if (rc == DB_REFUSED) {
		p->status = st;
		edit_page(ac, u, p, ch, row, &in, NULL);
	} else {
		p->status = 303;
		xasprintf(&p->location, ACTIONS_PREFIX "/%s?fait=modifie",
		    params[0]);
	}
	PQclear(res);
out:
	fields_free(&in.errs);
}

static void
copil_post(struct actions *ac, const struct staff_user *u,
    const struct req *r, struct resp *p, const struct ac_choices *ch)
{
	struct ac_input	 in;
	const char	*params[3];
	PGresult	*res = NULL;
	char		 sqlstate[6];
	enum db_status	 rc;
	int		 st;

	memset(&in, 0, sizeof(in));
	fields_read(r, copil_fields, COPIL_NFIELDS, FIELDS_NAME_FIELD, &in,
	    &in.errs);
	if (in.site_s == NULL)
		fields_fail(&in.errs, E_SITE, "Choisissez un site de la liste.");
	if (in.due_s == NULL)
		fields_fail(&in.errs, E_DUE, "Saisissez la date, au format "
		    "AAAA-MM-JJ.");
	if (in.errs.error[E_LABEL] == NULL && in.label[0] == '\0')
		fields_fail(&in.errs, E_LABEL, "Saisissez l’intitulé de la "
		    "réunion.");
	if (in.errs.nerrors > 0) {
		p->status = 400;
		copil_page(ac, u, p, ch, &in, NULL);
		goto out;
	}
	params[0] = in.site_s;
	params[1] = in.due;
	params[2] = in.label;
	rc = run(ac, u, A_COPIL_ADD, params, &res, sqlstate);
	if (rc == DB_UNAVAILABLE)
		unavailable(ac, p, u);
	else if (rc == DB_REFUSED && (st = refused(sqlstate, &in)) == 403)
		message(ac, p, u, 403, "Ajout refusé", "Ce site ne vous est pas "
		    "confié : rien n’a été enregistré.");
	else if (rc == DB_REFUSED) {
		p->status = st;
		copil_page(ac, u, p, ch, &in, NULL);
	} else {
		p->status = 303;
		p->location = xstrdup(ACTIONS_PREFIX "/copil?fait=ajoutee");
	}
	PQclear(res);
out:
	fields_free(&in.errs);
}

/* GET PREFIX "/nouvelle": the form, prefilled by ?site=, and by
   ?campagne=&critere= for a criterion below its target. */
static void
new_get(struct actions *ac, const struct staff_user *u, const struct req *r,
    struct resp *p, const struct ac_choices *ch)
{
	const struct http_field	*fs = http_field_get(r, "site");
	const struct http_field	*fc = http_field_get(r, "campagne");
	const struct http_field	*fk = http_field_get(r, "critere");
	struct ac_input		 in;
	PGresult		*res = NULL;
	const char		*params[1], *title = NULL;
	char			 sqlstate[6];

	memset(&in, 0, sizeof(in));
	in.status_s = statuses[ACTIONS_PLANNED].name;
	in.origin_s = origins[ACTIONS_OTHER].name;
	in.owner_s = u->name;
	if (fs != NULL && http_id_parse(fs->val, NULL))
		in.site_s = fs->val;
	if (fc != NULL && fk != NULL && v_campaign(&in, fc->val) &&
	    v_criterion(&in, fk->val)) {
		params[0] = in.campaign_s;
		if (run(ac, u, A_CAMPAIGN, params, &res, sqlstate) == DB_OK &&
		    PQntuples(res) == 1) {
			in.site_s = db_value(res, 0, "site_id");
			title = db_value(res, 0, "title");
			in.origin_s = origins[ACTIONS_CRITERION].name;
		} else
			in.campaign_s = in.criterion_s = NULL;
	}
	/* A bad prefill is no error of the person's: start blank. */
	fields_free(&in.errs);
	memset(&in.errs, 0, sizeof(in.errs));
	new_page(ac, u, p, ch, &in, title);
	PQclear(res);
}

/* What ?fait= says was done. */
static const char *
done_text(const struct req *r)
{
	const struct http_field	*f;

	if ((f = http_field_get(r, "fait")) == NULL)
		return NULL;
	if (strcmp(f->val, "cree") == 0)
		return "L’action est créée.";
	if (strcmp(f->val, "modifie") == 0)
		return "L’action est modifiée.";
	if (strcmp(f->val, "ajoutee") == 0)
		return "La réunion est ajoutée.";
	return NULL;
}

/* PREFIX "/ID": one action (GET or POST). */
static void
one(struct actions *ac, const struct staff_user *u, struct req *r,
    struct resp *p, const char *id)
{
	struct ac_choices	 ch;
	const char		*params[1] = { id };
	PGresult		*res = NULL;
	char			 sqlstate[6];

	memset(&ch, 0, sizeof(ch));
	if (run(ac, u, A_GET, params, &res, sqlstate) != DB_OK ||
	    (PQntuples(res) == 1 && choices_load(ac, u, &ch) == -1))
		unavailable(ac, p, u);
	else if (PQntuples(res) != 1)
		message(ac, p, u, 404, "Action introuvable", "Cette action "
		    "n’existe pas, ou son site ne vous est pas confié.");
	else if (r->method == HTTP_POST)
		edit_post(ac, u, r, p, &ch, res);
	else
		edit_page(ac, u, p, &ch, res, NULL, done_text(r));
	choices_free(&ch);
	PQclear(res);
}

int
actions_handle(struct actions *ac, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	const size_t		 n = sizeof(ACTIONS_PREFIX) - 1;
	const char		*rest = r->path + n;
	struct ac_choices	 ch;
	char			 id[32], tail;
	int			 is_list, is_new, is_copil, is_one;

	if (strncmp(r->path, ACTIONS_PREFIX, n) != 0 ||
	    (*rest != '\0' && *rest != '/'))
		return 0;
	if (u->role != STAFF_REFERENT && u->role != STAFF_ADMIN) {
		message(ac, p, u, 403, "Accès réservé", "Le plan d’actions est "
		    "tenu par les référents qualité et les administrateurs.");
		return 1;
	}
	is_list = *rest == '\0';
	is_new = strcmp(rest, "/nouvelle") == 0;
	is_copil = strcmp(rest, "/copil") == 0;
	is_one = sscanf(rest, "/%18[0-9]%c", id, &tail) == 1 &&
	    http_id_parse(id, NULL);
	if (!is_list && !is_new && !is_copil && !is_one) {
		message(ac, p, u, 404, "Page introuvable", "Cette page n’existe "
		    "pas.");
		return 1;
	}
	if (r->method == HTTP_OTHER || (is_list && r->method == HTTP_POST)) {
		p->status = 405;
		p->allow = is_list ? "GET, HEAD" : "GET, HEAD, POST";
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		message(ac, p, u, 403, "Formulaire expiré", "Ce formulaire a "
		    "expiré ou ne vient pas de cette session : rien n’a été "
		    "enregistré. Rechargez la page et recommencez.");
		return 1;
	}
	if (is_list) {
		list_get(ac, u, r, p);
		return 1;
	}
	if (is_one) {
		one(ac, u, r, p, id);
		return 1;
	}
	if (choices_load(ac, u, &ch) == -1)
		unavailable(ac, p, u);
	else if (is_new && r->method == HTTP_POST)
		new_post(ac, u, r, p, &ch);
	else if (is_new)
		new_get(ac, u, r, p, &ch);
	else if (r->method == HTTP_POST)
		copil_post(ac, u, r, p, &ch);
	else
		copil_page(ac, u, p, &ch, NULL, done_text(r));
	choices_free(&ch);
	return 1;
}

int
actions_year_load(struct actions *ac, const struct staff_user *u,
    const char *site_id, int year, struct actions_year *out)
{
	struct actions_item	*it;
	const char		*params[4];
	char			 y[16], sqlstate[6];
	int			 i, n;

	memset(out, 0, sizeof(*out));
	snprintf(y, sizeof(y), "%d", year);
	params[0] = site_id;
	params[1] = y;
	params[2] = params[3] = NULL;
	if (run(ac, u, A_LIST, params, &out->res, sqlstate) != DB_OK)
		return -1;
	n = PQntuples(out->res);
	out->items = xcalloc((size_t)n + 1, sizeof(*out->items));
	for (i = 0; i < n; i++) {
		it = &out->items[out->nitems];
		if (actions_origin_parse(db_value(out->res, i, "origin"),
		    &it->origin) == -1 || actions_status_parse(db_value(out->res,
		    i, "status"), &it->status) == -1)
			continue;
		it->site_name = db_value(out->res, i, "site_name");
		it->title = db_value(out->res, i, "title");
		it->owner = db_value(out->res, i, "owner");
		it->due_on = db_value(out->res, i, "due_on");
		it->copil_on = db_value(out->res, i, "copil_on");
		it->copil_label = db_value(out->res, i, "copil_label");
		it->overdue = *db_value(out->res, i, "overdue") == 't';
		out->nitems++;
	}
	return 0;
}

void
actions_year_free(struct actions_year *y)
{
	PQclear(y->res);
	free(y->items);
	memset(y, 0, sizeof(*y));
}
