/* Corrections and withdrawals of typed paper questionnaires, with their trace. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "answers.h"
#include "buf.h"
#include "campaigns.h"
#include "db.h"
#include "export.h"
#include "fields.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "render.h"
#include "revisions.h"
#include "staff.h"
#include "utf8.h"
#include "valid.h"
#include "xmalloc.h"

#define LIST_TAIL	"saisis"
#define WITHDRAW_TAIL	"retrait"
/* The staff fields of a correction, beside the questions: their names
   start with '_', which no question key can (forms/form.rng). */
#define REASON_FIELD	"_motif"
#define SEQ_FIELD	"_revision"
#define CONFIRM_FIELD	"confirmer"
#define SEQ_MAX		100000		/* revisions of one questionnaire */
#define NO_REASON_FIX	"Indiquez le motif de la correction."
#define NO_REASON_WD	"Indiquez le motif du retrait."

enum stmt {
	STMT_LIST,
	STMT_ENTRY,
	STMT_FIX_REVISION,
	STMT_FIX_CLEAR,
	STMT_FIX_ANSWERS,
	STMT_FIX_TOUCH,
	STMT_WD_REVISION,
	STMT_WD_CLEAR,
	STMT_WD_MARK,
	STMT__MAX
};

static const struct db_stmt rv_stmts[STMT__MAX] = {
	/*
	 * A campaign of the user's sites (the policies hide the others)
	 * and its paper questionnaires, numbered in the order they were
	 * typed, withdrawn ones included so that numbers never move.
	 */
	[STMT_LIST] = { "revisions_list",
	    "SELECT 'campaign' AS part, 0::bigint AS n, c.title, s.name AS site,"
	    " qualimetre.paper_campaign_writable(c.id)::text AS writable,"
	    " NULL::text AS id, NULL::text AS day, NULL::text AS time,"
	    " NULL::text AS typist, NULL::text AS withdrawn,"
	    " NULL::text AS corrections"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE c.id = $1::bigint AND c.kind = 'satisfaction'"
	    " UNION ALL"
	    " SELECT 'paper', row_number() OVER (ORDER BY r.submitted_at, r.id),"
	    " NULL, NULL, NULL, r.id::text,"
	    " to_char(r.submitted_at AT TIME ZONE s.timezone, 'YYYY-MM-DD'),"
	    " to_char(r.submitted_at AT TIME ZONE s.timezone, 'HH24:MI'),"
	    " coalesce(nullif(u.display_name, ''), u.login),"
	    " (r.withdrawn_at IS NOT NULL)::text,"
	    " (SELECT count(*) FROM qualimetre.revision v"
	    "  WHERE v.response_id = r.id AND v.action = 'corrected')::text"
	    " FROM qualimetre.response r"
	    " JOIN qualimetre.campaign c ON c.id = r.campaign_id"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " LEFT JOIN qualimetre.app_user u ON u.id = r.entered_by"
	    " WHERE r.campaign_id = $1::bigint AND r.channel = 'paper'"
	    " ORDER BY part, n", 1 },
	/*
	 * One paper questionnaire $2 of campaign $1 in one round trip: its
	 * campaign and number ('meta'), its answers ('answer'), its
	 * revisions ('revision') and what each changed ('change': per
	 * question, the values before and after, multiple choices joined
	 * with $3). What a revision left is the next one's "before", or
	 * the answers stored now for the last one.
	 */
	[STMT_ENTRY] = { "revisions_entry",
	    "WITH r AS (SELECT r.id, r.submitted_at, r.entered_by,"
	    "  r.withdrawn_at, (SELECT count(*) FROM qualimetre.response p"
	    "  WHERE p.campaign_id = r.campaign_id AND p.channel = 'paper'"
	    "  AND (p.submitted_at, p.id) <= (r.submitted_at, r.id)) AS number"
	    "  FROM qualimetre.response r WHERE r.id = $2::uuid"
	    "  AND r.campaign_id = $1::bigint AND r.channel = 'paper'),"
	    " c AS (SELECT c.title, c.form_id, s.name, s.timezone,"
	    "  qualimetre.paper_campaign_writable(c.id) AS writable"
	    "  FROM qualimetre.campaign c"
	    "  JOIN qualimetre.site s ON s.id = c.site_id"
	    "  WHERE c.id = $1::bigint),"
	    " v AS (SELECT v.seq, v.action, v.reason, v.revised_at,"
	    "  v.revised_by, v.before, coalesce(lead(v.before)"
	    "  OVER (ORDER BY v.seq),"
	    "  qualimetre.response_answers_json(v.response_id)) AS after"
	    "  FROM qualimetre.revision v JOIN r ON r.id = v.response_id)"
	    " SELECT 'meta' AS part, 0 AS seq, NULL::text AS key,"
	    "  NULL::text AS val, NULL::text AS after, c.title,"
	    "  c.name AS site, c.form_id::text AS form_id,"
	    "  c.writable::text AS writable, r.number::text AS number,"
	    "  to_char(r.submitted_at AT TIME ZONE c.timezone, 'YYYY-MM-DD')"
	    "  AS day,"
	    "  to_char(r.submitted_at AT TIME ZONE c.timezone, 'HH24:MI')"
	    "  AS time,"
	    "  (SELECT coalesce(nullif(u.display_name, ''), u.login)"
	    "  FROM qualimetre.app_user u WHERE u.id = r.entered_by) AS who,"
	    "  (r.withdrawn_at IS NOT NULL)::text AS withdrawn,"
	    "  (SELECT count(*) FROM v)::text AS revisions"
	    " FROM r, c"
	    " UNION ALL"
	    " SELECT 'answer', 0, a.question, coalesce(a.value, a.text), NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
	    " FROM qualimetre.answer a JOIN r ON r.id = a.response_id"
	    " UNION ALL"
	    " SELECT 'revision', v.seq, v.action, v.reason, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL,"
	    "  to_char(v.revised_at AT TIME ZONE c.timezone, 'YYYY-MM-DD'),"
	    "  to_char(v.revised_at AT TIME ZONE c.timezone, 'HH24:MI'),"
	    "  (SELECT coalesce(nullif(u.display_name, ''), u.login)"
	    "  FROM qualimetre.app_user u WHERE u.id = v.revised_by), NULL, NULL"
	    " FROM v, c"
	    " UNION ALL"
	    " SELECT 'change', v.seq, d.q, d.b, d.a, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL"
	    " FROM v CROSS JOIN LATERAL (SELECT coalesce(b.q, a.q) AS q,"
	    "  b.vals AS b, a.vals AS a"
	    "  FROM (SELECT x.question AS q, string_agg(coalesce(x.value,"
	    "   x.text), $3 ORDER BY x.value, x.text) AS vals"
	    "   FROM jsonb_to_recordset(v.before)"
	    "   AS x(question text, value text, text text) GROUP BY 1) b"
	    "  FULL JOIN (SELECT x.question AS q, string_agg(coalesce(x.value,"
	    "   x.text), $3 ORDER BY x.value, x.text) AS vals"
	    "   FROM jsonb_to_recordset(v.after)"
	    "   AS x(question text, value text, text text) GROUP BY 1) a"
	    "  ON a.q = b.q WHERE b.vals IS DISTINCT FROM a.vals) d"
	    " ORDER BY part, seq, key, val", 3 },
	/*
	 * A correction, all or nothing: the revision (the trigger of
	 * sql/017 records who, when and the answers before), only when
	 * the answers $5..$7 differ from those stored; then, only if it
	 * was written, the answers replaced and the response touched,
	 * which says whether anything changed.
	 */
	[STMT_FIX_REVISION] = { "revisions_fix_revision",
	    "INSERT INTO qualimetre.revision"
	    " (response_id, campaign_id, seq, action, reason)"
	    " SELECT $1::uuid, $2::bigint, $3::int, 'corrected', $4"
	    " WHERE qualimetre.answers_json($5::text[], $6::text[], $7::text[])"
	    " IS DISTINCT FROM qualimetre.response_answers_json($1::uuid)", 7 },
	[STMT_FIX_CLEAR] = { "revisions_fix_clear",
	    "DELETE FROM qualimetre.answer WHERE response_id = $1::uuid"
	    " AND qualimetre.revised_now($1::uuid, 'corrected')", 1 },
	[STMT_FIX_ANSWERS] = { "revisions_fix_answers",
	    "INSERT INTO qualimetre.answer"
	    " (response_id, campaign_id, question, value, text)"
	    " SELECT $1::uuid, $2::bigint, a.q, a.v, a.t"
	    " FROM unnest($3::text[], $4::text[], $5::text[]) AS a(q, v, t)"
	    " WHERE qualimetre.revised_now($1::uuid, 'corrected')", 5 },
	[STMT_FIX_TOUCH] = { "revisions_fix_touch",
	    "UPDATE qualimetre.response SET updated_at = now()"
	    " WHERE id = $1::uuid"
	    " AND qualimetre.revised_now($1::uuid, 'corrected')"
	    " RETURNING id", 1 },
	/* A withdrawal: the revision keeps the answers, which leave the
	   counts; the response stays, marked. */
	[STMT_WD_REVISION] = { "revisions_wd_revision",
	    "INSERT INTO qualimetre.revision"
	    " (response_id, campaign_id, seq, action, reason)"
	    " VALUES ($1::uuid, $2::bigint, $3::int, 'withdrawn', $4)", 4 },
	[STMT_WD_CLEAR] = { "revisions_wd_clear",
	    "DELETE FROM qualimetre.answer WHERE response_id = $1::uuid"
	    " AND qualimetre.revised_now($1::uuid, 'withdrawn')", 1 },
	[STMT_WD_MARK] = { "revisions_wd_mark",
	    "UPDATE qualimetre.response SET withdrawn_at = now(),"
	    " updated_at = now() WHERE id = $1::uuid"
	    " AND qualimetre.revised_now($1::uuid, 'withdrawn')"
	    " RETURNING id", 1 },
};

struct revisions {
	struct db		*db;
	struct staff		*staff;		/* the program's, for frames */
	struct formcache	*forms;
	size_t			 base;		/* our first statement */
};

/* One paper questionnaire as STMT_ENTRY reads it; strings point into
   res. */
struct rv_entry {
	PGresult		*res;
	const char		*campaign;	/* the id, as in the path */
	const char		*id;		/* the response's UUID */
	const char		*title;
	const char		*site;
	long long		 form_id;
	int			 writable;	/* paper may be typed today */
	const char		*number;
	const char		*day;		/* typed on, YYYY-MM-DD */
	const char		*time;		/* HH:MM, the site's */
	const char		*typist;
	int			 withdrawn;
	long			 revisions;
	struct http_field	*answers;	/* as a form sends them */
	size_t			 nanswers;
	int			*rev_rows;	/* rows of part 'revision' */
	size_t			 nrevs;
};

/* What was sent beside the questions: the reason and the revision the
   page showed. */
struct rv_input {
	const char		*reason;
	const char		*seq_s;
	long			 seq;		/* revisions the page showed */
	int			 seq_ok;
	int			 confirmed;
	struct fields_errors	 errs;		/* slots: enum rv_err */
};

enum rv_err {
	E_REASON,
	E_CONFIRM,
	E__MAX
};

static const char *const rv_err_names[E__MAX] = {
	[E_REASON] = "Motif",
	[E_CONFIRM] = "Confirmation",
};

static const char *const rv_err_anchors[E__MAX] = {
	[E_REASON] = "rv-motif",
	[E_CONFIRM] = "rv-confirmer",
};

struct revisions *
revisions_create(struct db *db, struct staff *staff, struct formcache *forms)
{
	struct revisions	*rv;

	rv = xcalloc(1, sizeof(*rv));
	rv->db = db;
	rv->staff = staff;
	rv->forms = forms;
	rv->base = db_register(db, rv_stmts, STMT__MAX);
	return rv;
}

void
revisions_free(struct revisions *rv)
{
	if (rv == NULL)
		return;
	free(rv);
}

/* ---------------------------------------------------------------- pages */

/* A message page, back to where back points (our own path). */
static void
refused(struct revisions *rv, struct resp *p, const struct staff_user *u,
    int status, const char *back, const char *back_text, const char *title,
    const char *text)
{
	staff_page_message(rv->staff, p, u, status, title, text, back,
	    back_text);
}

static void
unavailable(struct revisions *rv, struct resp *p, const struct staff_user *u)
{
	refused(rv, p, u, 503, "/referent/", "Mes campagnes", "Service "
	    "momentanément indisponible", "Réessayez dans quelques "
	    "instants : rien n’a été modifié.");
}

static void
not_found(struct revisions *rv, struct resp *p, const struct staff_user *u)
{
	refused(rv, p, u, 404, "/referent/", "Mes campagnes",
	    "Questionnaire introuvable", "Ce questionnaire papier n’existe "
	    "pas, ou n’est pas sur un site dont vous avez la charge.");
}

static void
bad_csrf(struct revisions *rv, struct resp *p, const struct staff_user *u)
{
	refused(rv, p, u, 403, "/referent/", "Mes campagnes", "Action refusée",
	    "Cette demande ne vient pas d’une page de ce service : rien n’a "
	    "été modifié.");
}

/* "le 4 mai 2026 à 10:15" */
static void
put_moment(struct buf *b, const char *day, const char *time)
{
	buf_puts(b, "le ");
	page_date(b, day);
	buf_puts(b, " à ");
	html_puts(b, time);
}

/*
 * An answer of question q (NULL: a question the form no longer has) as
 * a person reads it: the options' labels, joined for a multiple choice;
 * vals as stored otherwise; "—" for none.
 */
static void
put_answer(struct buf *b, const struct form_question *q, const char *vals)
{
	const struct form_option	*o;
	const char			*s, *e;
	char				 one[128];
	size_t				 len;

	if (vals == NULL || *vals == '\0') {
		buf_puts(b, "—");
		return;
	}
	if (q == NULL || q->noptions == 0) {
		html_puts(b, vals);
		return;
	}
	for (s = vals; s != NULL; s = e == NULL ? NULL :
	    e + sizeof(EXPORT_MULTI_SEP) - 1) {
		e = q->kind == QKIND_MULTI ? strstr(s, EXPORT_MULTI_SEP) : NULL;
		len = e != NULL ? (size_t)(e - s) : strlen(s);
		snprintf(one, sizeof(one), "%.*s", (int)len, s);
		if (s != vals)
			buf_puts(b, ", ");
		o = form_option_find(q, one);
		html_puts(b, o != NULL ? o->label : one);
	}
}

/* ---------------------------------------------------------------- load */

static void
entry_free(struct rv_entry *e)
{
	http_fields_free(e->answers, e->nanswers);
	free(e->rev_rows);
	PQclear(e->res);
	memset(e, 0, sizeof(*e));
}

/*
 * Loads paper questionnaire id of campaign campaign as the user sees it.
 * Returns 1, 0 when it is not there (not paper, or not on the user's
 * sites: the policies hide it), -1 when the database is unavailable
 * (logged). The caller frees e with entry_free in every case.
 */
static int
entry_load(struct revisions *rv, const struct staff_user *u,
    const char *campaign, const char *id, struct rv_entry *e)
{
	const char	*params[3] = { campaign, id, EXPORT_MULTI_SEP };
	const char	*part;
	char		 sqlstate[6], *cause = NULL;
	int		 i, n, meta = 0;

	memset(e, 0, sizeof(*e));
	if (db_exec_as(rv->db, u->session, rv->base + STMT_ENTRY, params, &e->res,
	    sqlstate, &cause) != DB_OK) {
		log_warnx("paper %s for %s: %s", id, u->login, cause);
		free(cause);
		return -1;
	}
	e->campaign = campaign;
	e->id = id;
	n = PQntuples(e->res);
	e->answers = xcalloc((size_t)n + 1, sizeof(*e->answers));
	e->rev_rows = xcalloc((size_t)n + 1, sizeof(*e->rev_rows));
	for (i = 0; i < n; i++) {
		part = db_value(e->res, i, "part");
		if (strcmp(part, "meta") == 0) {
			meta = http_id_parse(db_value(e->res, i, "form_id"),
			    &e->form_id);
			e->title = db_value(e->res, i, "title");
			e->site = db_value(e->res, i, "site");
			e->writable = strcmp(db_value(e->res, i, "writable"),
			    "true") == 0;
			e->number = db_value(e->res, i, "number");
			e->day = db_value(e->res, i, "day");
			e->time = db_value(e->res, i, "time");
			e->typist = db_value(e->res, i, "who");
			e->withdrawn = strcmp(db_value(e->res, i, "withdrawn"),
			    "true") == 0;
			e->revisions = strtol(db_value(e->res, i, "revisions"),
			    NULL, 10);
		} else if (strcmp(part, "answer") == 0) {
			e->answers[e->nanswers].key = xstrdup(db_value(e->res,
			    i, "key"));
			e->answers[e->nanswers].val = xstrdup(db_value(e->res,
			    i, "val"));
			e->answers[e->nanswers].vallen =
			    strlen(e->answers[e->nanswers].val);
			e->nanswers++;
		} else if (strcmp(part, "revision") == 0)
			e->rev_rows[e->nrevs++] = i;
	}
	return meta;
}

/* ---------------------------------------------------------------- list */

/* GET CAMPAIGNS_PREFIX "/<id>/papier/saisis". */
static void
list(struct revisions *rv, const struct staff_user *u, struct resp *p,
    const char *campaign)
{
	struct buf	*b = &p->body;
	PGresult	*res = NULL;
	const char	*params[1] = { campaign };
	char		 sqlstate[6], back[64], *cause = NULL;
	long		 fixes;
	int		 i, n, writable;

	if (db_exec_as(rv->db, u->session, rv->base + STMT_LIST, params, &res,
	    sqlstate, &cause) != DB_OK) {
		log_warnx("paper list %s for %s: %s", campaign, u->login, cause);
		free(cause);
		unavailable(rv, p, u);
		return;
	}
	n = PQntuples(res);
	if (n == 0 || strcmp(db_value(res, 0, "part"), "campaign") != 0) {
		refused(rv, p, u, 404, "/referent/", "Mes campagnes",
		    "Campagne introuvable", "Cette campagne n’existe pas, "
		    "n’est pas une enquête de satisfaction, ou n’est pas sur un "
		    "site dont vous avez la charge.");
		goto out;
	}
	writable = strcmp(db_value(res, 0, "writable"), "true") == 0;
	staff_page_open(rv->staff, p, u, "Questionnaires papier saisis");
	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s/papier", campaign);
	page_back_link(b, back, "Saisie des questionnaires papier");
	buf_puts(b, "<h1>Questionnaires papier saisis</h1>\n"
	    "<p class=\"fr-text--lead\">");
	html_puts(b, db_value(res, 0, "title"));
	buf_puts(b, " — ");
	html_puts(b, db_value(res, 0, "site"));
	buf_puts(b, "</p>\n<p>");
	buf_puts(b, writable ? "Ouvrez un questionnaire pour corriger une "
	    "réponse mal saisie ou pour le retirer (un doublon, un "
	    "questionnaire qui n’est pas de cette campagne) : chaque "
	    "correction et chaque retrait est tracé avec son motif. Un "
	    "questionnaire retiré reste dans cette liste mais ne compte plus "
	    "dans les résultats ni dans les exports." : "Le délai de saisie "
	    "de cette campagne est passé : ses questionnaires et leur "
	    "historique se consultent, mais ne se corrigent plus.");
	buf_puts(b, "</p>\n");
	if (n == 1) {
		buf_puts(b, "<p>Aucun questionnaire papier n’a encore été "
		    "saisi dans cette campagne.</p>\n");
		page_end(b);
		goto out;
	}
	buf_puts(b, "<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n<caption>"
	    "Questionnaires papier de la campagne</caption>\n<thead><tr>"
	    "<th scope=\"col\">N°</th><th scope=\"col\">Saisi</th>"
	    "<th scope=\"col\">Par</th><th scope=\"col\">État</th>"
	    "</tr></thead>\n<tbody>\n");
	for (i = 1; i < n; i++) {
		buf_puts(b, "<tr><td><a href=\"" CAMPAIGNS_PREFIX "/");
		html_puts(b, campaign);
		buf_puts(b, "/papier/");
		html_puts(b, db_value(res, i, "id"));
		buf_puts(b, "\">Questionnaire n° ");
		html_puts(b, db_value(res, i, "n"));
		buf_puts(b, "</a></td><td>");
		put_moment(b, db_value(res, i, "day"), db_value(res, i, "time"));
		buf_puts(b, "</td><td>");
		html_puts(b, db_value(res, i, "typist"));
		buf_puts(b, "</td><td>");
		fixes = strtol(db_value(res, i, "corrections"), NULL, 10);
		if (strcmp(db_value(res, i, "withdrawn"), "true") == 0)
			buf_puts(b, "<p class=\"fr-badge fr-badge--error "
			    "fr-badge--no-icon\">Retiré</p>");
		else if (fixes > 0)
			buf_printf(b, "<p class=\"fr-badge fr-badge--info "
			    "fr-badge--no-icon\">Corrigé (%ld fois)</p>", fixes);
		else
			buf_puts(b, "<p class=\"fr-badge fr-badge--no-icon\">"
			    "Saisi</p>");
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
	page_end(b);
out:
	PQclear(res);
}

/* ---------------------------------------------------------------- history */

/* The changes of revision seq, in the form's order of questions. */
static void
changes(struct buf *b, const struct form *f, const PGresult *res,
    const char *seq, int withdrawal)
{
	const struct form_question	*q;
	const char			*key;
	int				 i, n = PQntuples(res), any = 0;
	size_t				 k, nq = form_nquestions(f);

	/* Questions of the form first, in order; then any other key. */
	for (k = 0; k <= nq; k++) {
		q = k < nq ? form_question(f, k) : NULL;
		for (i = 0; i < n; i++) {
			if (strcmp(db_value(res, i, "part"), "change") != 0 ||
			    strcmp(db_value(res, i, "seq"), seq) != 0)
				continue;
			key = db_value(res, i, "key");
			if (q != NULL ? strcmp(key, q->key) != 0 :
			    form_find(f, key) != NULL)
				continue;
			if (!any++)
				buf_printf(b, "<div class=\"fr-table "
				    "fr-table--no-caption\">\n"
				    HTML_TABLE_BOXES "<table>\n"
				    "<caption>%s</caption>\n<thead><tr>"
				    "<th scope=\"col\">Question</th>"
				    "<th scope=\"col\">Avant</th>"
				    "<th scope=\"col\">Après</th></tr></thead>"
				    "\n<tbody>\n", withdrawal ? "Réponses "
				    "retirées" : "Réponses corrigées");
			buf_puts(b, "<tr><td>");
			html_puts(b, q != NULL ? q->label : key);
			buf_puts(b, "</td><td>");
			put_answer(b, q, db_value(res, i, "val"));
			buf_puts(b, "</td><td>");
			put_answer(b, q, db_value(res, i, "after"));
			buf_puts(b, "</td></tr>\n");
		}
	}
	if (any)
		buf_puts(b, "</tbody>\n</table>\n"
		    HTML_TABLE_BOXES_END "</div>\n");
}

/* Who typed it, then each revision with its reason and changes. */
static void
history(struct buf *b, const struct form *f, const struct rv_entry *e)
{
	const char	*seq;
	size_t		 k;
	int		 i, withdrawal;

	buf_puts(b, "<h2 id=\"historique\">Historique</h2>\n"
	    "<ol class=\"fr-mb-4w\">\n<li>Saisi ");
	put_moment(b, e->day, e->time);
	buf_puts(b, " par ");
	html_puts(b, e->typist);
	buf_puts(b, ".</li>\n");
	for (k = 0; k < e->nrevs; k++) {
		i = e->rev_rows[k];
		seq = db_value(e->res, i, "seq");
		withdrawal = strcmp(db_value(e->res, i, "key"), "withdrawn") ==
		    0;
		buf_puts(b, withdrawal ? "<li>Retiré " : "<li>Corrigé ");
		put_moment(b, db_value(e->res, i, "day"),
		    db_value(e->res, i, "time"));
		buf_puts(b, " par ");
		html_puts(b, db_value(e->res, i, "who"));
		buf_puts(b, ". Motif : « ");
		html_puts(b, db_value(e->res, i, "val"));
		buf_puts(b, " ».\n");
		changes(b, f, e->res, seq, withdrawal);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n");
}

/* The answers as they stand, read-only (a withdrawn questionnaire has
   none left: its history shows them). */
static void
answers_table(struct buf *b, const struct form *f, const struct rv_entry *e)
{
	const struct form_question	*q;
	struct buf			 vals = { 0 };
	size_t				 k, i;

	buf_puts(b, "<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n<caption>Réponses "
	    "enregistrées</caption>\n<thead><tr><th scope=\"col\">Question"
	    "</th><th scope=\"col\">Réponse</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < form_nquestions(f); k++) {
		q = form_question(f, k);
		buf_reset(&vals);
		for (i = 0; i < e->nanswers; i++) {
			if (strcmp(e->answers[i].key, q->key) != 0)
				continue;
			if (vals.len > 0)
				buf_puts(&vals, EXPORT_MULTI_SEP);
			buf_puts(&vals, e->answers[i].val);
		}
		buf_puts(b, "<tr><td>");
		html_puts(b, q->label);
		buf_puts(b, "</td><td>");
		put_answer(b, q, vals.len > 0 ? vals.data : NULL);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
	buf_free(&vals);
}

/* ---------------------------------------------------------------- entry page */

/* The reason's input, with its error; our own markup into out. */
static void
reason_field(struct buf *out, const struct rv_input *in, const char *label,
    const char *hint)
{
	page_field_input(out, "rv-motif", REASON_FIELD, "text",
	    " maxlength=\"500\" autocomplete=\"off\" required", label, hint,
	    in != NULL ? in->reason : NULL, in != NULL ?
	    in->errs.error[E_REASON] : NULL, NULL, NULL);
}

/* The hidden field of the revision the page shows. */
static void
seq_field(struct buf *out, const struct rv_entry *e)
{
	buf_printf(out, "<input type=\"hidden\" name=\"" SEQ_FIELD
	    "\" value=\"%ld\">\n", e->revisions);
}

/*
 * The page of one questionnaire: its state, the form pre-filled (s) with
 * the reason field (in: what was sent, or NULL) when it may be
 * corrected, its answers read-only otherwise, and its history.
 */
static void
entry_page(struct revisions *rv, struct resp *p, const struct staff_user *u,
    const struct rv_entry *e, const struct form *f,
    const struct answerset *s, const struct rv_input *in, const char *note,
    const char *alert_title, const char *alert_text)
{
	struct buf	*b = &p->body, extra = { 0 };
	char		 path[160];
	int		 bad;

	bad = (s != NULL && s->nerrors > 0) || (in != NULL &&
	    in->errs.nerrors > 0);
	snprintf(path, sizeof(path), CAMPAIGNS_PREFIX "/%s/papier/%s",
	    e->campaign, e->id);
	staff_page_open(rv->staff, p, u, bad ? "Erreur – Questionnaire "
	    "papier" : "Questionnaire papier");
	snprintf(path, sizeof(path), CAMPAIGNS_PREFIX "/%s/papier/" LIST_TAIL,
	    e->campaign);
	page_back_link(b, path, "Questionnaires papier saisis");
	if (note != NULL) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--success "
		    "fr-alert--sm fr-mb-4w\" role=\"status\">\n<p>");
		html_puts(b, note);
		buf_puts(b, "</p>\n</div>\n");
	}
	buf_puts(b, "<p class=\"fr-text--lead\">Questionnaire papier n° ");
	html_puts(b, e->number);
	buf_puts(b, " — ");
	html_puts(b, e->title);
	buf_puts(b, " — ");
	html_puts(b, e->site);
	buf_puts(b, "</p>\n");
	if (e->withdrawn) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--info fr-mb-4w\">\n"
		    "<p>Ce questionnaire a été retiré : il ne compte plus dans "
		    "les résultats ni dans les exports. Ses réponses, telles "
		    "qu’elles étaient, figurent dans son historique.</p>\n"
		    "</div>\n");
		history(b, f, e);
		page_end(b);
		return;
	}
	if (!e->writable) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--info fr-mb-4w\">\n"
		    "<p>Le délai de saisie de cette campagne est passé : ce "
		    "questionnaire ne peut plus être corrigé ni retiré.</p>\n"
		    "</div>\n<h1>Réponses</h1>\n");
		answers_table(b, f, e);
		history(b, f, e);
		page_end(b);
		return;
	}
	if (in != NULL && in->errs.nerrors > 0)
		fields_summary(b, &in->errs, "Rien n’a été modifié",
		    rv_err_names, rv_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_puts(b, "<p>Corrigez les réponses mal saisies, indiquez le motif, "
	    "puis enregistrez : les réponses d’avant restent dans "
	    "l’historique. Une correction qui ne change rien n’enregistre "
	    "rien.</p>\n");
	seq_field(&extra, e);
	reason_field(&extra, in, "Motif de la correction", "Par exemple : "
	    "« erreur de saisie, réponse lue sur le questionnaire papier ». "
	    "Au plus 500 caractères.");
	snprintf(path, sizeof(path), CAMPAIGNS_PREFIX "/%s/papier/%s",
	    e->campaign, e->id);
	render_questionnaire_staff(b, f, path, "", u->csrf, s, alert_title,
	    alert_text, extra.data);
	buf_free(&extra);
	buf_puts(b, "<h2 class=\"fr-mt-6w\">Retirer ce questionnaire</h2>\n"
	    "<p>Un doublon, un questionnaire d’une autre campagne : retiré, il "
	    "ne compte plus dans les résultats mais reste tracé.</p>\n"
	    "<p><a class=\"fr-btn fr-btn--secondary\" href=\"");
	html_puts(b, path);
	buf_puts(b, "/" WITHDRAW_TAIL "\">Retirer le questionnaire n° ");
	html_puts(b, e->number);
	buf_puts(b, "</a></p>\n");
	history(b, f, e);
	page_end(b);
}

/* ---------------------------------------------------------------- input */

/* Checks the reason: required, UTF-8, at most REVISIONS_REASON_MAX. */
static void
check_reason(struct rv_input *in, const char *blank)
{
	if (in->reason == NULL || utf8_blank(in->reason))
		fields_fail(&in->errs, E_REASON, "%s", blank);
	else
		fields_text(&in->errs, E_REASON, in->reason,
		    REVISIONS_REASON_MAX, "Le motif");
}

/* The revision the page showed: 0 to SEQ_MAX; anything else is a form
   that did not come from our page. */
static void
check_seq(struct rv_input *in)
{
	long	n;

	if (in->seq_s == NULL)
		return;
	if (strcmp(in->seq_s, "0") == 0) {
		in->seq_ok = 1;
		in->seq = 0;
	} else if (fields_count(&in->errs, FIELDS_NO_SLOT, in->seq_s, SEQ_MAX,
	    0, &n, "Ce formulaire ne vient pas de la page du questionnaire : "
	    "rouvrez-le, puis recommencez.")) {
		in->seq_ok = 1;
		in->seq = n;
	}
}

/*
 * Splits a correction's fields: the reason and the revision into in, the
 * questions (and the CSRF token, which the validator ignores) into
 * *qf, which the caller frees (its strings stay the request's).
 */
static void
split_fields(const struct req *r, struct rv_input *in,
    struct http_field **qf, size_t *nqf)
{
	size_t	i;

	*qf = xcalloc(r->nfields + 1, sizeof(**qf));
	*nqf = 0;
	for (i = 0; i < r->nfields; i++) {
		if (strcmp(r->fields[i].key, REASON_FIELD) == 0) {
			if (in->reason != NULL)
				fields_form_fail(&in->errs, "Le motif a été "
				    "envoyé deux fois.");
			in->reason = r->fields[i].val;
			if (strlen(in->reason) != r->fields[i].vallen)
				fields_fail(&in->errs, E_REASON, "Le motif "
				    "contient des caractères illisibles : "
				    "saisissez-le à nouveau.");
		} else if (strcmp(r->fields[i].key, SEQ_FIELD) == 0)
			in->seq_s = in->seq_s == NULL ? r->fields[i].val : "";
		else
			(*qf)[(*nqf)++] = r->fields[i];
	}
	check_reason(in, NO_REASON_FIX);
	check_seq(in);
	if (!in->seq_ok)
		fields_form_fail(&in->errs, "Ce formulaire ne vient pas de la "
		    "page du questionnaire : rouvrez-le, puis recommencez.");
}

/* ---------------------------------------------------------------- correct */

/* Where a questionnaire's page is, with a note. */
static void
to_entry(struct resp *p, const struct rv_entry *e, const char *note)
{
	p->status = 303;
	xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/papier/%s?%s",
	    e->campaign, e->id, note);
}

/* The refusals a revision may get from the database. */
static int
store_refused(struct revisions *rv, struct resp *p,
    const struct staff_user *u, const struct rv_entry *e, enum db_status st,
    const char *sqlstate)
{
	char	back[160];

	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s/papier/%s",
	    e->campaign, e->id);
	if (st == DB_REFUSED && strcmp(sqlstate, "23505") == 0)
		refused(rv, p, u, 409, back, "Revoir le questionnaire",
		    "Questionnaire modifié entre-temps", "Il a été corrigé ou "
		    "retiré depuis l’affichage de la page : rien n’a été "
		    "modifié. Rouvrez-le, puis recommencez.");
	else if (st == DB_REFUSED && strcmp(sqlstate, "42501") == 0)
		refused(rv, p, u, 403, back, "Revoir le questionnaire",
		    "Modification refusée", "Ce questionnaire ne peut plus être "
		    "modifié (délai de saisie passé, ou questionnaire retiré) : "
		    "rien n’a été modifié.");
	else
		return 0;
	return 1;
}

/* Stores the correction s of e in one transaction. */
static void
correct_store(struct revisions *rv, const struct staff_user *u,
    struct resp *p, const struct rv_entry *e, const struct form *f,
    const struct answerset *s, const struct rv_input *in)
{
	struct answer_rows	 rows;
	const char		*p0[7], *p1[1], *p2[5], *p3[1], *const *pp[4];
	const size_t		 seq[4] = { rv->base + STMT_FIX_REVISION,
				    rv->base + STMT_FIX_CLEAR,
				    rv->base + STMT_FIX_ANSWERS,
				    rv->base + STMT_FIX_TOUCH };
	PGresult		*res = NULL;
	char			 next[32], sqlstate[6], *cause = NULL;
	enum db_status		 st;

	answers_make(&rows, s, NULL, NULL, 0);
	snprintf(next, sizeof(next), "%ld", in->seq + 1);
	p0[0] = e->id;
	p0[1] = e->campaign;
	p0[2] = next;
	p0[3] = in->reason;
	p0[4] = rows.questions.data;
	p0[5] = rows.values.data;
	p0[6] = rows.texts.data;
	p1[0] = e->id;
	p2[0] = e->id;
	p2[1] = e->campaign;
	p2[2] = rows.questions.data;
	p2[3] = rows.values.data;
	p2[4] = rows.texts.data;
	p3[0] = e->id;
	pp[0] = p0;
	pp[1] = p1;
	pp[2] = p2;
	pp[3] = p3;
	st = db_exec_as_seq(rv->db, u->session, 4, seq, pp, &res, sqlstate, &cause);
	answers_free(&rows);
	if (st == DB_OK)
		to_entry(p, e, PQntuples(res) == 1 ? "corrige" : "inchange");
	else if (!store_refused(rv, p, u, e, st, sqlstate)) {
		log_warnx("correct %s for %s: %s", e->id, u->login, cause);
		p->status = st == DB_UNAVAILABLE ? 503 : 500;
		entry_page(rv, p, u, e, f, s, in, NULL, "Rien n’a encore été "
		    "modifié", "Le service est momentanément indisponible. Les "
		    "réponses sont conservées ci-dessous : enregistrez-les à "
		    "nouveau dans quelques instants.");
	}
	PQclear(res);
	free(cause);
}

/* Loads e, with its form; 0 when p already says why not. */
static int
entry_ready(struct revisions *rv, const struct staff_user *u,
    struct resp *p, const char *campaign, const char *id, struct rv_entry *e,
    const struct form **f)
{
	int	found;

	if ((found = entry_load(rv, u, campaign, id, e)) == -1)
		unavailable(rv, p, u);
	else if (found == 0)
		not_found(rv, p, u);
	else if ((*f = formcache_get(rv->forms, e->form_id)) == NULL)
		refused(rv, p, u, 503, "/referent/", "Mes campagnes",
		    "Service momentanément indisponible", "Le questionnaire "
		    "ne peut pas être affiché pour le moment.");
	else
		return 1;
	return 0;
}

/* Whether e may still change; p says why not otherwise. */
static int
entry_changeable(struct revisions *rv, const struct staff_user *u,
    struct resp *p, const struct rv_entry *e)
{
	char	back[160];

	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s/papier/%s",
	    e->campaign, e->id);
	if (e->withdrawn)
		refused(rv, p, u, 409, back, "Revoir le questionnaire",
		    "Questionnaire retiré", "Ce questionnaire a été retiré : "
		    "il ne peut plus être modifié. Rien n’a été modifié.");
	else if (!e->writable)
		refused(rv, p, u, 403, back, "Revoir le questionnaire",
		    "Délai de saisie passé", "Les questionnaires papier de "
		    "cette campagne ne se corrigent plus : rien n’a été "
		    "modifié.");
	else
		return 1;
	return 0;
}

/* GET and POST of CAMPAIGNS_PREFIX "/<id>/papier/<uuid>". */
static void
entry(struct revisions *rv, const struct staff_user *u, struct req *r,
    struct resp *p, const char *campaign, const char *id)
{
	struct rv_entry		 e;
	struct rv_input		 in;
	struct answerset	 s;
	struct http_field	*qf = NULL;
	const struct form	*f = NULL;
	const char		*note = NULL;
	size_t			 nqf = 0;

	memset(&in, 0, sizeof(in));
	memset(&s, 0, sizeof(s));
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		bad_csrf(rv, p, u);
		return;
	}
	if (!entry_ready(rv, u, p, campaign, id, &e, &f))
		goto out;
	if (r->method != HTTP_POST) {
		if (http_field_get(r, "corrige") != NULL)
			note = "Correction enregistrée : les résultats en "
			    "tiennent compte.";
		else if (http_field_get(r, "inchange") != NULL)
			note = "Aucune réponse n’a changé : rien n’a été "
			    "enregistré.";
		else if (http_field_get(r, "retire") != NULL)
			note = "Questionnaire retiré : il ne compte plus dans "
			    "les résultats.";
		valid_answers_prefilled(f, NULL, e.answers, e.nanswers, &s);
		entry_page(rv, p, u, &e, f, &s, NULL, note, NULL, NULL);
		goto out;
	}
	if (!entry_changeable(rv, u, p, &e))
		goto out;
	split_fields(r, &in, &qf, &nqf);
	valid_answers(f, qf, nqf, &s);
	if (s.nerrors > 0 || in.errs.nerrors > 0) {
		p->status = 400;
		entry_page(rv, p, u, &e, f, &s, &in, NULL, NULL, NULL);
	} else
		correct_store(rv, u, p, &e, f, &s, &in);
out:
	valid_answers_free(&s);
	fields_free(&in.errs);
	free(qf);
	entry_free(&e);
}

/* ---------------------------------------------------------------- withdraw */

static int
v_reason(void *arg, const char *v)
{
	struct rv_input	*in = arg;

	in->reason = v;
	return 1;
}

static int
v_seq(void *arg, const char *v)
{
	struct rv_input	*in = arg;

	in->seq_s = v;
	return 1;
}

static int
v_confirm(void *arg, const char *v)
{
	struct rv_input	*in = arg;

	if (strcmp(v, "oui") != 0) {
		fields_fail(&in->errs, E_CONFIRM, "Cochez la case pour "
		    "confirmer le retrait.");
		return 0;
	}
	in->confirmed = 1;
	return 1;
}

/* The fields of the withdrawal form, each with its validator. */
static const struct fields_field rv_withdraw_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ REASON_FIELD,	v_reason,	0, E_REASON },
	{ SEQ_FIELD,	v_seq,		0, FIELDS_NO_SLOT },
	{ CONFIRM_FIELD, v_confirm,	0, E_CONFIRM },
};
#define RV_NWITHDRAW	(sizeof(rv_withdraw_fields) / \
			    sizeof(rv_withdraw_fields[0]))

/* The withdrawal's confirmation, with what in holds (or NULL). */
static void
withdraw_page(struct revisions *rv, struct resp *p,
    const struct staff_user *u, const struct rv_entry *e,
    const struct form *f, const struct rv_input *in)
{
	struct buf	*b = &p->body;
	char		 path[160];
	const char	*err = in != NULL ? in->errs.error[E_CONFIRM] : NULL;

	snprintf(path, sizeof(path), CAMPAIGNS_PREFIX "/%s/papier/%s",
	    e->campaign, e->id);
	staff_page_open(rv->staff, p, u, in != NULL && in->errs.nerrors > 0 ?
	    "Erreur – Retrait d’un questionnaire papier" : "Retrait d’un "
	    "questionnaire papier");
	page_back_link(b, path, "Revoir le questionnaire");
	buf_puts(b, "<h1>Retirer le questionnaire papier n° ");
	html_puts(b, e->number);
	buf_puts(b, "</h1>\n");
	if (in != NULL && in->errs.nerrors > 0)
		fields_summary(b, &in->errs, "Rien n’a été retiré",
		    rv_err_names, rv_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_puts(b, "<p>Saisi ");
	put_moment(b, e->day, e->time);
	buf_puts(b, " par ");
	html_puts(b, e->typist);
	buf_puts(b, ". Retiré, il ne comptera plus dans les résultats, "
	    "l’affiche ni les exports ; il restera dans la liste des "
	    "questionnaires saisis, et ses réponses dans son historique. Un "
	    "retrait ne s’annule pas : en cas d’erreur, saisissez à nouveau "
	    "le questionnaire papier.</p>\n");
	answers_table(b, f, e);
	buf_puts(b, "<form method=\"post\" action=\"");
	html_puts(b, path);
	buf_puts(b, "/" WITHDRAW_TAIL "\" novalidate>\n");
	staff_csrf_input(b, u);
	seq_field(b, e);
	reason_field(b, in, "Motif du retrait", "Par exemple : « doublon du "
	    "questionnaire n° 12 ». Au plus 500 caractères.");
	buf_printf(b, "<div class=\"fr-checkbox-group fr-mb-4w%s\">\n"
	    "<input type=\"checkbox\" id=\"rv-confirmer\" name=\""
	    CONFIRM_FIELD "\" value=\"oui\"", err != NULL ?
	    " fr-checkbox-group--error" : "");
	page_field_described(b, err, "rv-confirmer", NULL, NULL);
	buf_puts(b, ">\n<label class=\"fr-label\" for=\"rv-confirmer\">Je "
	    "confirme le retrait de ce questionnaire</label>\n");
	page_field_error(b, err, "rv-confirmer");
	buf_puts(b, "</div>\n<ul class=\"fr-btns-group fr-btns-group--inline"
	    "-md\">\n<li><button class=\"fr-btn\" type=\"submit\">Retirer le "
	    "questionnaire</button></li>\n<li><a class=\"fr-btn "
	    "fr-btn--secondary\" href=\"");
	html_puts(b, path);
	buf_puts(b, "\">Annuler</a></li>\n</ul>\n</form>\n");
	page_end(b);
}

/* Stores the withdrawal of e in one transaction. */
static void
withdraw_store(struct revisions *rv, const struct staff_user *u,
    struct resp *p, const struct rv_entry *e, const struct form *f,
    const struct rv_input *in)
{
	const char		*p0[4], *p1[1], *p2[1], *const *pp[3];
	const size_t		 seq[3] = { rv->base + STMT_WD_REVISION,
				    rv->base + STMT_WD_CLEAR,
				    rv->base + STMT_WD_MARK };
	PGresult		*res = NULL;
	char			 next[32], sqlstate[6], *cause = NULL;
	enum db_status		 st;

	snprintf(next, sizeof(next), "%ld", in->seq + 1);
	p0[0] = e->id;
	p0[1] = e->campaign;
	p0[2] = next;
	p0[3] = in->reason;
	p1[0] = e->id;
	p2[0] = e->id;
	pp[0] = p0;
	pp[1] = p1;
	pp[2] = p2;
	st = db_exec_as_seq(rv->db, u->session, 3, seq, pp, &res, sqlstate, &cause);
	if (st == DB_OK && PQntuples(res) == 1)
		to_entry(p, e, "retire");
	else if (!store_refused(rv, p, u, e, st, sqlstate)) {
		log_warnx("withdraw %s for %s: %s", e->id, u->login, cause !=
		    NULL ? cause : "no row");
		p->status = st == DB_UNAVAILABLE ? 503 : 500;
		withdraw_page(rv, p, u, e, f, in);
	}
	PQclear(res);
	free(cause);
}

/* GET and POST of CAMPAIGNS_PREFIX "/<id>/papier/<uuid>/retrait". */
static void
withdraw(struct revisions *rv, const struct staff_user *u, struct req *r,
    struct resp *p, const char *campaign, const char *id)
{
	struct rv_entry		 e;
	struct rv_input		 in;
	const struct form	*f = NULL;

	memset(&in, 0, sizeof(in));
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		bad_csrf(rv, p, u);
		return;
	}
	if (!entry_ready(rv, u, p, campaign, id, &e, &f))
		goto out;
	if (!entry_changeable(rv, u, p, &e))
		goto out;
	if (r->method != HTTP_POST) {
		withdraw_page(rv, p, u, &e, f, NULL);
		goto out;
	}
	fields_read(r, rv_withdraw_fields, RV_NWITHDRAW, 0, &in, &in.errs);
	check_reason(&in, NO_REASON_WD);
	check_seq(&in);
	if (!in.seq_ok)
		fields_form_fail(&in.errs, "Ce formulaire ne vient pas de la "
		    "page du questionnaire : rouvrez-le, puis recommencez.");
	if (!in.confirmed)
		fields_fail(&in.errs, E_CONFIRM, "Cochez la case pour "
		    "confirmer le retrait.");
	if (in.errs.nerrors > 0) {
		p->status = 400;
		withdraw_page(rv, p, u, &e, f, &in);
	} else
		withdraw_store(rv, u, p, &e, f, &in);
out:
	fields_free(&in.errs);
	entry_free(&e);
}

/* ---------------------------------------------------------------- router */

int
revisions_handle(struct revisions *rv, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	char	campaign[32], rest[64], id[37], tail;
	int	n;

	if (sscanf(r->path, CAMPAIGNS_PREFIX "/%18[0-9]/papier/%63[a-z0-9-/]"
	    "%c", campaign, rest, &tail) != 2 || !http_id_parse(campaign,
	    NULL))
		return 0;
	if (r->method == HTTP_OTHER) {
		p->status = 405;
		p->allow = "GET, HEAD, POST";
		return 1;
	}
	if (strcmp(rest, LIST_TAIL) == 0) {
		if (r->method == HTTP_POST) {
			p->status = 405;
			p->allow = "GET, HEAD";
		} else if (u->role == STAFF_ENQUIRER)
			not_found(rv, p, u);
		else
			list(rv, u, p, campaign);
		return 1;
	}
	n = strlen(rest) > 36 ? 36 : (int)strlen(rest);
	snprintf(id, sizeof(id), "%.*s", n, rest);
	if (!http_uuid_valid(id) || (rest[36] != '\0' &&
	    strcmp(rest + 36, "/" WITHDRAW_TAIL) != 0))
		return 0;
	if (u->role == STAFF_ENQUIRER)
		not_found(rv, p, u);
	else if (rest[36] == '\0')
		entry(rv, u, r, p, campaign, id);
	else
		withdraw(rv, u, r, p, campaign, id);
	return 1;
}
