/* The self-assessment of a site: the grid scored each semester. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "actions.h"
#include "buf.h"
#include "db.h"
#include "fields.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "selfassess.h"
#include "staff.h"
#include "xmalloc.h"

enum stmt {
	S_INDEX,
	S_LOAD,
	S_SAVE,
	S_SCORES,
	S__MAX
};

static const struct db_stmt selfassess_stmts[S__MAX] = {
	/* The user's sites, each with its assessments, newest first. */
	[S_INDEX] = { "selfassess_index",
	    "SELECT s.id, s.code, s.name, a.semester,"
	    " a.validated_at IS NOT NULL AS validated"
	    " FROM qualimetre.site s"
	    " LEFT JOIN qualimetre.self_assessment a ON a.site_id = s.id"
	    " WHERE qualimetre.user_plans_site(s.id)"
	    " ORDER BY s.code, a.semester DESC", 0 },
	/*
	 * The self-assessment of (site $1, semester $2), with the scores of
	 * the previous semester's ($3) validated one: the site on every row
	 * (none: not the user's), then one row per score of either (current
	 * true or false), or one row of NULLs when neither has any. The
	 * grid is the assessment's, or the newest self-assessment form.
	 */
	[S_LOAD] = { "selfassess_load",
	    "WITH st AS (SELECT s.id, s.code, s.name FROM qualimetre.site s"
	    "  WHERE s.id = $1::bigint AND qualimetre.user_plans_site(s.id)),"
	    " a AS (SELECT a.* FROM qualimetre.self_assessment a, st"
	    "  WHERE a.site_id = st.id AND a.semester = $2),"
	    " pv AS (SELECT a.id FROM qualimetre.self_assessment a, st"
	    "  WHERE a.site_id = st.id AND a.semester = $3"
	    "  AND a.validated_at IS NOT NULL)"
	    " SELECT st.code, st.name, a.id AS assessment_id,"
	    " coalesce(a.form_id, (SELECT f.id FROM qualimetre.form f"
	    "  WHERE f.kind = 'self-assessment'"
	    "  ORDER BY f.id DESC LIMIT 1)) AS form_id,"
	    " to_char(a.updated_at AT TIME ZONE 'Europe/Paris',"
	    "  'YYYY-MM-DD') AS updated_on, uu.display_name AS updated_name,"
	    " to_char(a.validated_at AT TIME ZONE 'Europe/Paris',"
	    "  'YYYY-MM-DD') AS validated_on,"
	    " vu.display_name AS validated_name, pv.id AS previous_id,"
	    " sc.engagement, sc.level, sc.comment,"
	    " sc.assessment_id = a.id AS current"
	    " FROM st LEFT JOIN a ON true LEFT JOIN pv ON true"
	    " LEFT JOIN qualimetre.app_user uu ON uu.id = a.updated_by"
	    " LEFT JOIN qualimetre.app_user vu ON vu.id = a.validated_by"
	    " LEFT JOIN qualimetre.self_assessment_score sc"
	    "  ON sc.assessment_id IN (a.id, pv.id)"
	    " ORDER BY sc.assessment_id, sc.engagement", 3 },
	/*
	 * Saving runs S_SAVE then S_SCORES in one transaction and round trip
	 * (db_exec_as_seq): the scores' policy must see the assessment,
	 * which a row made in the same statement is not. S_SAVE makes the
	 * assessment of (site $1, semester $2) under grid $3 on the first
	 * save; $4 validates it, else it is a draft again.
	 */
	[S_SAVE] = { "selfassess_save",
	    "INSERT INTO qualimetre.self_assessment AS t"
	    " (site_id, semester, form_id, created_by, updated_by,"
	    " validated_by, validated_at)"
	    " VALUES ($1::bigint, $2, $3::bigint,"
	    " qualimetre.current_user_id(), qualimetre.current_user_id(),"
	    " CASE WHEN $4::boolean THEN qualimetre.current_user_id() END,"
	    " CASE WHEN $4::boolean THEN now() END)"
	    " ON CONFLICT (site_id, semester) DO UPDATE"
	    " SET updated_by = EXCLUDED.updated_by, updated_at = now(),"
	    " validated_by = EXCLUDED.validated_by,"
	    " validated_at = EXCLUDED.validated_at", 4 },
	/*
	 * Then its scores: keys $3, levels $4 (NULL: none yet), comments
	 * $5; $6 validates, opening an action for each gap $7 (titled
	 * after $8), owned by $9, due $10, unless that gap has one
	 * already. Audited with the counts.
	 */
	[S_SCORES] = { "selfassess_scores",
	    "WITH a AS (SELECT id, site_id, semester"
	    "  FROM qualimetre.self_assessment"
	    "  WHERE site_id = $1::bigint AND semester = $2),"
	    " s AS (INSERT INTO qualimetre.self_assessment_score AS t"
	    "  (assessment_id, engagement, level, comment)"
	    "  SELECT a.id, v.k, v.l, v.c FROM a,"
	    "  unnest($3::text[], $4::text[], $5::text[]) AS v(k, l, c)"
	    "  ON CONFLICT (assessment_id, engagement) DO UPDATE"
	    "  SET level = EXCLUDED.level, comment = EXCLUDED.comment"
	    "  RETURNING 1),"
	    " g AS (INSERT INTO qualimetre.action (site_id, title,"
	    "  description, origin, assessment_id, engagement, owner, due_on,"
	    "  created_by, updated_by)"
	    "  SELECT a.site_id, left('Écart d’auto-diagnostic : ' || v.t,"
	    "  200), 'Engagement sous le niveau requis à l’auto-diagnostic '"
	    "  || a.semester || ' : action corrective à faire valider en"
	    " COPIL.', 'self-assessment', a.id, v.k, $9, $10::date,"
	    "  qualimetre.current_user_id(), qualimetre.current_user_id()"
	    "  FROM a, unnest($7::text[], $8::text[]) AS v(k, t)"
	    "  WHERE $6::boolean"
	    "  ON CONFLICT (assessment_id, engagement)"
	    "  WHERE assessment_id IS NOT NULL DO NOTHING RETURNING id),"
	    " au AS (INSERT INTO qualimetre.audit_log (user_id, login, event,"
	    "  detail) SELECT qualimetre.current_user_id(),"
	    "  (SELECT u.login FROM qualimetre.app_user u"
	    "   WHERE u.id = qualimetre.current_user_id()),"
	    "  CASE WHEN $6::boolean THEN 'selfassess-validate'"
	    "  ELSE 'selfassess-save' END,"
	    "  (SELECT s.code FROM qualimetre.site s WHERE s.id = a.site_id)"
	    "  || ' ' || a.semester || ' ' || (SELECT count(*) FROM s)"
	    "  || ' score(s), ' || (SELECT count(*) FROM g) || ' action(s)'"
	    "  FROM a)"
	    " SELECT a.id, (SELECT count(*) FROM g) AS opened FROM a", 10 },
};

struct selfassess {
	struct db		*db;
	struct staff		*staff;		/* the program's, for the frame */
	struct formcache	*forms;
	size_t			 base;		/* our first statement's number */
};

/* An assessment as S_LOAD reads it, against its grid. */
struct sa_load {
	PGresult		*res;		/* the strings point into it */
	const char		*site_id;	/* as asked, checked */
	const char		*code;
	const char		*name;
	char			 semester[SELFASSESS_SEMESTER_LEN + 1];
	char			 previous[SELFASSESS_SEMESTER_LEN + 1];
	int			 year, half;
	int			 exists;	/* saved at least once */
	int			 has_previous;	/* a validated one before */
	const char		*form_id;	/* "" when no grid is loaded */
	const char		*updated_on, *updated_name;
	const char		*validated_on, *validated_name; /* "" */
	const struct form	*form;		/* the cache's, or NULL */
	const char		**level;	/* per question: or NULL */
	const char		**comment;	/* per question: or NULL */
	const char		**prev;		/* previous level, or NULL */
};

/* What a POST asks. */
enum sa_action {
	ACT_SAVE,
	ACT_VALIDATE,
	ACT__MAX
};

static const char *const sa_actions[ACT__MAX] = {
	[ACT_SAVE] = "enregistrer",
	[ACT_VALIDATE] = "valider",
};

/* A POST as sent, checked against the grid. */
struct sa_input {
	int			 action;	/* enum sa_action, -1: none */
	const char		**level;	/* per question, or NULL */
	const char		**comment;	/* per question, or NULL */
	char			**error;	/* per question, or NULL */
	size_t			 nq;		/* questions: the arrays' size */
	struct fields_errors	 errs;		/* the form's, and the count */
};

/* What the index's opening form may get wrong. */
enum sa_err {
	E_SITE,
	E_SEMESTER,
	E__MAX
};

int
selfassess_semester_parse(const char *s, int *year, int *half)
{
	if (s == NULL || strlen(s) != SELFASSESS_SEMESTER_LEN ||
	    s[0] != '2' || s[1] != '0' || s[2] < '0' || s[2] > '9' ||
	    s[3] < '0' || s[3] > '9' || s[4] != '-' || s[5] != 'S' ||
	    (s[6] != '1' && s[6] != '2'))
		return -1;
	*year = 2000 + (s[2] - '0') * 10 + (s[3] - '0');
	*half = s[6] - '0';
	return 0;
}

void
selfassess_semester_prev(int year, int half,
    char out[SELFASSESS_SEMESTER_LEN + 1])
{
	/* Years are 2000 to 2099 (selfassess_semester_parse): the modulo
	 * only tells the compiler that four digits fit. */
	if (half == 2)
		snprintf(out, SELFASSESS_SEMESTER_LEN + 1, "%04u-S1",
		    (unsigned)year % 10000u);
	else
		snprintf(out, SELFASSESS_SEMESTER_LEN + 1, "%04u-S2",
		    (unsigned)(year - 1) % 10000u);
}

void
selfassess_due(int year, int half, char out[11])
{
	if (half == 1)
		snprintf(out, 11, "%04u-12-31", (unsigned)year % 10000u);
	else
		snprintf(out, 11, "%04u-06-30", (unsigned)(year + 1) % 10000u);
}

struct selfassess *
selfassess_create(struct db *db, struct staff *staff,
    struct formcache *forms)
{
	struct selfassess	*sa;

	sa = xcalloc(1, sizeof(*sa));
	sa->db = db;
	sa->staff = staff;
	sa->forms = forms;
	sa->base = db_register(db, selfassess_stmts, S__MAX);
	return sa;
}

void
selfassess_free(struct selfassess *sa)
{
	free(sa);
}

/* ---------------------------------------------------------------- load */

static enum db_status
run(struct selfassess *sa, const struct staff_user *u, enum stmt s,
    const char *const *params, PGresult **res, char *sqlstate)
{
	return db_exec_as_logged(sa->db, u->session, u->login, sa->base + s,
	    selfassess_stmts[s].name, params, res, sqlstate);
}

static void
load_free(struct sa_load *ld)
{
	PQclear(ld->res);
	free(ld->level);
	free(ld->comment);
	free(ld->prev);
	memset(ld, 0, sizeof(*ld));
}

/* The index of the question of f keyed key, or -1. */
static long
question_index(const struct form *f, const char *key)
{
	size_t	i;

	for (i = 0; i < form_nquestions(f); i++)
		if (strcmp(form_question(f, i)->key, key) == 0)
			return (long)i;
	return -1;
}

/*
 * Loads the assessment of site_id at semester (checked) into *ld, with
 * its grid. Returns 1, 0 when the site is not the user's, -1 when the
 * database is unavailable. The caller frees *ld with load_free always.
 */
static int
load(struct selfassess *sa, const struct staff_user *u, const char *site_id,
    const char *semester, struct sa_load *ld)
{
	const char	*params[3];
	char		 sqlstate[6];
	long long	 fid;
	long		 q;
	size_t		 nq;
	int		 i, n;

	memset(ld, 0, sizeof(*ld));
	ld->site_id = site_id;
	if (selfassess_semester_parse(semester, &ld->year, &ld->half) == -1)
		return 0;
	snprintf(ld->semester, sizeof(ld->semester), "%.7s", semester);
	selfassess_semester_prev(ld->year, ld->half, ld->previous);
	params[0] = site_id;
	params[1] = ld->semester;
	params[2] = ld->previous;
	if (run(sa, u, S_LOAD, params, &ld->res, sqlstate) != DB_OK)
		return -1;
	if ((n = PQntuples(ld->res)) == 0)
		return 0;
	ld->code = db_value(ld->res, 0, "code");
	ld->name = db_value(ld->res, 0, "name");
	ld->exists = *db_value(ld->res, 0, "assessment_id") != '\0';
	ld->has_previous = *db_value(ld->res, 0, "previous_id") != '\0';
	ld->form_id = db_value(ld->res, 0, "form_id");
	ld->updated_on = db_value(ld->res, 0, "updated_on");
	ld->updated_name = db_value(ld->res, 0, "updated_name");
	ld->validated_on = db_value(ld->res, 0, "validated_on");
	ld->validated_name = db_value(ld->res, 0, "validated_name");
	if (!http_id_parse(ld->form_id, &fid) ||
	    (ld->form = formcache_get(sa->forms, fid)) == NULL ||
	    form_kind(ld->form) != FORMKIND_SELF_ASSESSMENT) {
		ld->form = NULL;
		return 1;
	}
	nq = form_nquestions(ld->form);
	ld->level = xcalloc(nq, sizeof(*ld->level));
	ld->comment = xcalloc(nq, sizeof(*ld->comment));
	ld->prev = xcalloc(nq, sizeof(*ld->prev));
	for (i = 0; i < n; i++) {
		if ((q = question_index(ld->form, db_value(ld->res, i,
		    "engagement"))) == -1)
			continue;	/* none, or not in this grid */
		if (*db_value(ld->res, i, "current") == 't') {
			if (!PQgetisnull(ld->res, i, PQfnumber(ld->res,
			    "level")))
				ld->level[q] = db_value(ld->res, i, "level");
			ld->comment[q] = db_value(ld->res, i, "comment");
		} else if (!PQgetisnull(ld->res, i, PQfnumber(ld->res,
		    "level")))
			ld->prev[q] = db_value(ld->res, i, "level");
	}
	return 1;
}

/* ---------------------------------------------------------------- pages */

static void
message(struct selfassess *sa, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(sa->staff, p, u, status, title, text,
	    SELFASSESS_PREFIX, "Auto-diagnostic");
}

static void
unavailable(struct selfassess *sa, struct resp *p,
    const struct staff_user *u)
{
	message(sa, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été enregistré.");
}

static void
not_found(struct selfassess *sa, struct resp *p, const struct staff_user *u)
{
	message(sa, p, u, 404, "Auto-diagnostic introuvable", "Ce site "
	    "n’existe pas ou ne vous est pas confié, ou ce semestre ne "
	    "s’écrit pas AAAA-S1 ou AAAA-S2.");
}

/* The label of option value of q, or value itself. */
static const char *
level_label(const struct form_question *q, const char *value)
{
	const struct form_option	*o;

	if (value == NULL)
		return "sans niveau";
	o = form_option_find(q, value);
	return o != NULL ? o->label : value;
}

/* The semester as people say it: "1er semestre 2026". */
static void
semester_words(struct buf *b, const char *semester)
{
	int	year, half;

	if (selfassess_semester_parse(semester, &year, &half) == -1) {
		html_puts(b, semester);
		return;
	}
	buf_printf(b, "%s semestre %d", half == 1 ? "1<sup>er</sup>" :
	    "2<sup>e</sup>", year);
}

/* GET SELFASSESS_PREFIX: the user's sites and their assessments, and
   the form opening one (site_s, sem_s: as sent, with errs). */
static void
index_page(struct selfassess *sa, const struct staff_user *u, struct resp *p,
    const char *site_s, const char *sem_s, const struct fields_errors *errs)
{
	static const char *const labels[E__MAX] = {
		[E_SITE] = "Site", [E_SEMESTER] = "Semestre" };
	static const char *const anchors[E__MAX] = {
		[E_SITE] = "sa-site", [E_SEMESTER] = "sa-semester" };
	struct buf	*b = &p->body;
	PGresult	*res = NULL;
	const char	**opts = NULL, *last = "";
	char		 sqlstate[6];
	int		 i, n, nsites = 0, open = 0;

	if (run(sa, u, S_INDEX, NULL, &res, sqlstate) != DB_OK) {
		unavailable(sa, p, u);
		return;
	}
	n = PQntuples(res);
	staff_page_open(sa->staff, p, u, errs->nerrors > 0 ?
	    "Erreur – Auto-diagnostic" : "Auto-diagnostic");
	page_back_link(b, "/referent/", "Accueil");
	buf_puts(b, "<h1>Auto-diagnostic</h1>\n<p>Chaque semestre, évaluez "
	    "chaque engagement du référentiel. Un engagement sous le niveau "
	    "requis ouvre une action corrective dans le <a href=\""
	    ACTIONS_PREFIX "\">plan d’actions</a>, à faire valider en "
	    "COPIL.</p>\n");
	opts = xcalloc((size_t)n * 2 + 1, sizeof(*opts));
	for (i = 0; i < n; i++) {
		if (strcmp(last, db_value(res, i, "id")) == 0)
			continue;
		last = db_value(res, i, "id");
		opts[2 * nsites] = last;
		opts[2 * nsites + 1] = db_value(res, i, "name");
		nsites++;
	}
	if (nsites == 0) {
		buf_puts(b, "<p class=\"fr-text--lead\">Aucun site ne vous est "
		    "confié.</p>\n");
		goto out;
	}
	buf_puts(b, "<h2>Ouvrir un auto-diagnostic</h2>\n");
	fields_summary(b, errs, "L’auto-diagnostic n’a pas été ouvert",
	    labels, anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_puts(b, "<form method=\"get\" action=\"" SELFASSESS_PREFIX "\" "
	    "novalidate>\n");
	page_field_select(b, "sa-site", "site", "Site", opts, (size_t)nsites,
	    site_s, errs->error[E_SITE]);
	page_field_input(b, "sa-semester", "semestre", "text",
	    " maxlength=\"7\" required", "Semestre", "Au format AAAA-S1 "
	    "(janvier à juin) ou AAAA-S2 (juillet à décembre), par exemple "
	    "2026-S1.", sem_s, errs->error[E_SEMESTER], NULL, NULL);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Ouvrir"
	    "</button>\n</form>\n<h2>Auto-diagnostics enregistrés</h2>\n");
	for (i = 0; i < n; i++) {
		if (*db_value(res, i, "semester") == '\0')
			continue;
		if (!open++)
			buf_puts(b, "<ul>\n");
		buf_puts(b, "<li><a href=\"" SELFASSESS_PREFIX "/");
		html_puts(b, db_value(res, i, "id"));
		buf_putc(b, '/');
		html_puts(b, db_value(res, i, "semester"));
		buf_puts(b, "\">");
		html_puts(b, db_value(res, i, "name"));
		buf_puts(b, " : ");
		semester_words(b, db_value(res, i, "semester"));
		buf_puts(b, "</a> ");
		buf_puts(b, *db_value(res, i, "validated") == 't' ?
		    "<p class=\"fr-badge fr-badge--success fr-badge--sm\">"
		    "Validé</p>" : "<p class=\"fr-badge "
		    "fr-badge--info fr-badge--sm\">Brouillon</p>");
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, open ? "</ul>\n" : "<p>Aucun auto-diagnostic n’est encore "
	    "enregistré.</p>\n");
out:
	free(opts);
	PQclear(res);
	page_end(b);
}

/* The summary of each module: the count per level, the gaps, and the
   changes since the previous semester. */
static void
summary(struct buf *b, const struct sa_load *ld, const char **level)
{
	const struct form		*f = ld->form;
	const struct form_question	*q, *q0 = form_question(f, 0);
	size_t				 s, i, k, *count, none, below;
	size_t				 up = 0, down = 0, same = 0;
	int				 met, pmet, gaps = 0;

	count = xcalloc(q0->noptions + 1, sizeof(*count));
	buf_puts(b, "<h2 id=\"synthese\">Synthèse par module</h2>\n"
	    "<div class=\"fr-table\">\n" HTML_TABLE_BOXES "<table>\n"
	    "<caption>Nombre d’engagements par niveau</caption>\n<thead><tr>"
	    "<th scope=\"col\">Module</th>");
	for (k = 0; k < q0->noptions; k++) {
		buf_puts(b, "<th scope=\"col\">");
		html_puts(b, q0->options[k].label);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "<th scope=\"col\">Sans niveau</th><th scope=\"col\">"
	    "Sous le niveau requis</th></tr></thead>\n<tbody>\n");
	for (s = 0; s < form_nsections(f); s++) {
		memset(count, 0, (q0->noptions + 1) * sizeof(*count));
		none = below = 0;
		for (i = 0; i < form_nquestions(f); i++) {
			q = form_question(f, i);
			if (q->section != s)
				continue;
			if (level[i] == NULL) {
				none++;
				continue;
			}
			for (k = 0; k < q0->noptions; k++)
				if (strcmp(q0->options[k].value,
				    level[i]) == 0)
					count[k]++;
			if (form_level_met(q, level[i]) == 0)
				below++;
		}
		buf_puts(b, "<tr><th scope=\"row\">");
		html_puts(b, form_section(f, s)->title);
		buf_puts(b, "</th>");
		for (k = 0; k < q0->noptions; k++)
			buf_printf(b, "<td>%zu</td>", count[k]);
		buf_printf(b, "<td>%zu</td><td>%zu</td></tr>\n", none, below);
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
	free(count);

	for (i = 0; i < form_nquestions(f); i++) {
		q = form_question(f, i);
		if (level[i] == NULL || form_level_met(q, level[i]) != 0)
			continue;
		if (!gaps++)
			buf_puts(b, "<h3>Engagements sous le niveau requis</h3>\n"
			    "<ul>\n");
		buf_puts(b, "<li>");
		html_puts(b, q->label);
		buf_puts(b, " : ");
		html_puts(b, level_label(q, level[i]));
		buf_puts(b, " (requis : ");
		html_puts(b, level_label(q, q->required_level));
		buf_puts(b, ")</li>\n");
	}
	buf_puts(b, gaps ? "</ul>\n" : "<p>Aucun engagement évalué n’est sous "
	    "le niveau requis.</p>\n");

	buf_puts(b, "<h3>Par rapport au semestre précédent</h3>\n<p>");
	if (!ld->has_previous) {
		buf_puts(b, "Aucun auto-diagnostic validé au ");
		semester_words(b, ld->previous);
		buf_puts(b, ".</p>\n");
		return;
	}
	for (i = 0; i < form_nquestions(f); i++) {
		q = form_question(f, i);
		if (level[i] == NULL || ld->prev[i] == NULL ||
		    (met = (int)(form_option_find(q, level[i]) -
		    q->options)) < 0 || form_option_find(q, ld->prev[i]) ==
		    NULL)
			continue;
		pmet = (int)(form_option_find(q, ld->prev[i]) - q->options);
		if (met > pmet)
			up++;
		else if (met < pmet)
			down++;
		else
			same++;
	}
	buf_puts(b, "Depuis le ");
	semester_words(b, ld->previous);
	buf_printf(b, " : %zu engagement(s) en progrès, %zu en recul, %zu "
	    "au même niveau.</p>\n", up, down, same);
}

/* One engagement's radios and evidence. */
static void
engagement(struct buf *b, const struct sa_load *ld, size_t i,
    const char *level, const char *comment, const char *error)
{
	const struct form_question	*q = form_question(ld->form, i);
	struct buf			 legend, hint;
	size_t				 k;

	memset(&legend, 0, sizeof(legend));
	memset(&hint, 0, sizeof(hint));
	html_puts(&legend, q->label);
	buf_puts(&hint, "Niveau requis : ");
	html_puts(&hint, level_label(q, q->required_level));
	if (ld->has_previous) {
		buf_puts(&hint, ". Semestre précédent : ");
		html_puts(&hint, level_label(q, ld->prev[i]));
	}
	buf_puts(&hint, ".");
	buf_puts(b, "<div class=\"fr-mb-4w\">\n");
	buf_puts(b, "<input type=\"hidden\" name=\"k\" value=\"");
	html_puts(b, q->key);
	buf_puts(b, "\">\n");
	page_fieldset_open(b, q->key, legend.data, hint.data, error);
	for (k = 0; k < q->noptions; k++) {
		buf_puts(b, "<div class=\"fr-fieldset__element "
		    "fr-fieldset__element--inline\">\n<div class=\""
		    "fr-radio-group\">\n<input type=\"radio\" id=\"");
		html_printf(b, "%s-%s", q->key, q->options[k].value);
		buf_puts(b, "\" name=\"");
		html_printf(b, "n-%s", q->key);
		buf_puts(b, "\" value=\"");
		html_puts(b, q->options[k].value);
		buf_puts(b, "\"");
		if (level != NULL && strcmp(level, q->options[k].value) == 0)
			buf_puts(b, " checked");
		buf_puts(b, ">\n<label class=\"fr-label\" for=\"");
		html_printf(b, "%s-%s", q->key, q->options[k].value);
		buf_puts(b, "\">");
		html_puts(b, q->options[k].label);
		buf_puts(b, "</label>\n</div>\n</div>\n");
	}
	page_fieldset_close(b, q->key, error);
	buf_puts(b, "<div class=\"fr-input-group\">\n<label class=\"fr-label\" "
	    "for=\"");
	html_printf(b, "c-%s", q->key);
	buf_puts(b, "\">Preuve ou commentaire (facultatif)<span "
	    "class=\"fr-sr-only\"> : ");
	html_puts(b, q->label);
	buf_printf(b, "</span></label>\n<textarea class=\"fr-input\" "
	    "rows=\"2\" maxlength=\"%d\" id=\"", SELFASSESS_COMMENT_MAX);
	html_printf(b, "c-%s", q->key);
	buf_puts(b, "\" name=\"");
	html_printf(b, "c-%s", q->key);
	buf_puts(b, "\">");
	html_puts(b, comment);
	buf_puts(b, "</textarea>\n</div>\n</div>\n");
	buf_free(&legend);
	buf_free(&hint);
}

/* The assessment's page: its state, the summary of what is saved (or
   sent: in, with its errors, or NULL), and the grid. */
static void
grid_page(struct selfassess *sa, const struct staff_user *u, struct resp *p,
    const struct sa_load *ld, const struct sa_input *in, const char *done)
{
	struct buf	*b = &p->body;
	size_t		 i, nq;
	char		 title[128];

	snprintf(title, sizeof(title), "%sAuto-diagnostic %s",
	    in != NULL && in->errs.nerrors > 0 ? "Erreur – " : "",
	    ld->semester);
	p->no_store = 1;
	staff_page_open(sa->staff, p, u, title);
	page_back_link(b, SELFASSESS_PREFIX, "Auto-diagnostic");
	buf_puts(b, "<h1>Auto-diagnostic du ");
	semester_words(b, ld->semester);
	buf_puts(b, " : ");
	html_puts(b, ld->name);
	buf_puts(b, "</h1>\n");
	if (done != NULL)
		page_success(b, done);
	if (ld->form == NULL) {
		buf_puts(b, "<p>Aucune grille d’auto-diagnostic n’est chargée : "
		    "l’administrateur la charge avec <code>qualimetre-form "
		    "load</code>.</p>\n");
		page_end(b);
		return;
	}
	buf_puts(b, "<p>Grille : ");
	html_puts(b, form_title(ld->form));
	buf_printf(b, ", version %d. ", form_version(ld->form));
	if (!ld->exists)
		buf_puts(b, "Pas encore enregistré.");
	else if (*ld->validated_on != '\0') {
		buf_puts(b, "<strong>Validé</strong> le ");
		page_date(b, ld->validated_on);
		buf_puts(b, " par ");
		html_puts(b, ld->validated_name);
		buf_puts(b, ".");
	} else {
		buf_puts(b, "Brouillon enregistré le ");
		page_date(b, ld->updated_on);
		buf_puts(b, " par ");
		html_puts(b, ld->updated_name);
		buf_puts(b, ".");
	}
	buf_puts(b, "</p>\n");
	if (in != NULL && in->errs.nerrors > 0)
		fields_summary_of(b, "Rien n’a été enregistré",
		    in->errs.form_error != NULL ? in->errs.form_error :
		    "Un ou plusieurs engagements sont à corriger : voir les "
		    "messages sous chacun.", NULL, NULL, NULL, 0,
		    FIELDS_AUTOFOCUS);
	summary(b, ld, in != NULL ? in->level : ld->level);

	buf_puts(b, "<h2>Grille</h2>\n<form method=\"post\" action=\""
	    SELFASSESS_PREFIX "/");
	html_puts(b, ld->site_id);
	buf_putc(b, '/');
	html_puts(b, ld->semester);
	buf_puts(b, "\" novalidate>\n");
	staff_csrf_input(b, u);
	nq = form_nquestions(ld->form);
	for (i = 0; i < nq; i++) {
		if (i == 0 || form_question(ld->form, i)->section !=
		    form_question(ld->form, i - 1)->section) {
			buf_puts(b, "<h3>");
			html_puts(b, form_section(ld->form,
			    form_question(ld->form, i)->section)->title);
			buf_puts(b, "</h3>\n");
		}
		if (in != NULL)
			engagement(b, ld, i, in->level[i], in->comment[i],
			    in->error[i]);
		else
			engagement(b, ld, i, ld->level[i], ld->comment[i],
			    NULL);
	}
	buf_puts(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md\">\n"
	    "<li><button class=\"fr-btn fr-btn--secondary\" type=\"submit\" "
	    "name=\"action\" value=\"enregistrer\">Enregistrer le brouillon"
	    "</button></li>\n<li><button class=\"fr-btn\" type=\"submit\" "
	    "name=\"action\" value=\"valider\">Valider l’auto-diagnostic"
	    "</button></li>\n</ul>\n<p class=\"fr-hint-text\">Valider demande "
	    "un niveau pour chaque engagement et ouvre une action corrective "
	    "pour chaque engagement sous le niveau requis (une seule fois "
	    "par engagement). Enregistrer de nouveau remet l’auto-diagnostic "
	    "en brouillon.</p>\n</form>\n");
	page_end(b);
}

/* ---------------------------------------------------------------- input */

static void
input_free(struct sa_input *in)
{
	size_t	i;

	for (i = 0; in->error != NULL && i < in->nq; i++)
		free(in->error[i]);
	free(in->level);
	free(in->comment);
	free(in->error);
	fields_free(&in->errs);
}

/* Sets the error of question i, unless it has one, and counts it. */
static void
fail(struct sa_input *in, size_t i, const char *text)
{
	if (in->error[i] != NULL)
		return;
	in->error[i] = xstrdup(text);
	in->errs.nerrors++;
}

/*
 * Reads a POST against ld's grid: the CSRF token (checked before), the
 * action, "n-KEY" (one of KEY's levels) and "c-KEY" (a comment) for
 * keys of the grid, "k" (the keys shown, ignored). Anything else, or a
 * field twice, is an error of the whole form.
 */
static void
read_input(const struct req *r, const struct sa_load *ld,
    struct sa_input *in)
{
	const struct http_field		*f;
	const struct form_question	*q;
	size_t				 nq = form_nquestions(ld->form), i;
	long				 k;
	int				 a;

	memset(in, 0, sizeof(*in));
	in->action = -1;
	in->nq = nq;
	in->level = xcalloc(nq, sizeof(*in->level));
	in->comment = xcalloc(nq, sizeof(*in->comment));
	in->error = xcalloc(nq, sizeof(*in->error));
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		if (strlen(f->val) != f->vallen) {
			fields_form_fail(&in->errs, "Ce formulaire contient "
			    "un caractère nul : rechargez la page.");
			continue;
		}
		if (strcmp(f->key, STAFF_CSRF_FIELD) == 0 ||
		    strcmp(f->key, "k") == 0)
			continue;
		if (strcmp(f->key, "action") == 0) {
			for (a = 0; a < ACT__MAX; a++)
				if (strcmp(f->val, sa_actions[a]) == 0)
					break;
			if (a == ACT__MAX || in->action != -1)
				fields_form_fail(&in->errs, "Action inconnue : "
				    "rechargez la page.");
			else
				in->action = a;
			continue;
		}
		if ((f->key[0] != 'n' && f->key[0] != 'c') ||
		    f->key[1] != '-' || (k = question_index(ld->form,
		    f->key + 2)) == -1) {
			fields_form_fail(&in->errs, "Ce formulaire contient un "
			    "engagement inconnu (« %.70s ») : rechargez la "
			    "page.", f->key);
			continue;
		}
		q = form_question(ld->form, (size_t)k);
		if (f->key[0] == 'n') {
			if (in->level[k] != NULL)
				fields_form_fail(&in->errs, "Un engagement a "
				    "reçu deux niveaux : rechargez la page.");
			else if (form_option_find(q, f->val) == NULL)
				fail(in, (size_t)k, "Ce niveau n’est pas sur "
				    "l’échelle : choisissez l’un des niveaux "
				    "proposés.");
			else
				in->level[k] = f->val;
			continue;
		}
		if (in->comment[k] != NULL)
			fields_form_fail(&in->errs, "Un engagement a reçu deux "
			    "commentaires : rechargez la page.");
		else if (fields_text(&in->errs, FIELDS_NO_SLOT, f->val,
		    SELFASSESS_COMMENT_MAX, "Un commentaire"))
			in->comment[k] = f->val;
		else
			fail(in, (size_t)k, "Ce commentaire est illisible ou "
			    "trop long (2000 caractères au plus).");
	}
	if (in->action == -1)
		fields_form_fail(&in->errs, "Action inconnue : rechargez la "
		    "page.");
	if (in->action != ACT_VALIDATE)
		return;
	for (i = 0; i < nq; i++)
		if (in->level[i] == NULL)
			fail(in, i, "Pour valider, choisissez le niveau de cet "
			    "engagement.");
}

/* ---------------------------------------------------------------- store */

/* POST PREFIX "/SITE/SEMESTER": saves, or validates. */
static void
grid_post(struct selfassess *sa, const struct staff_user *u,
    const struct req *r, struct resp *p, const struct sa_load *ld)
{
	const struct form_question	*q;
	struct sa_input			 in;
	struct buf			 keys, levels, comments, gkeys,
					 gtitles;
	const char			*head[4], *params[10], **vals = NULL,
					**gk = NULL, **gt = NULL;
	const char *const		*pp[2];
	char				 due[11], sqlstate[6], *cause = NULL;
	size_t				 seq[2];
	PGresult			*res = NULL;
	enum db_status			 rc;
	size_t				 i, nq, ng = 0;

	memset(&keys, 0, sizeof(keys));
	memset(&levels, 0, sizeof(levels));
	memset(&comments, 0, sizeof(comments));
	memset(&gkeys, 0, sizeof(gkeys));
	memset(&gtitles, 0, sizeof(gtitles));
	read_input(r, ld, &in);
	if (in.errs.nerrors > 0) {
		p->status = 400;
		grid_page(sa, u, p, ld, &in, NULL);
		goto out;
	}
	nq = form_nquestions(ld->form);
	vals = xcalloc(nq, sizeof(*vals));
	gk = xcalloc(nq, sizeof(*gk));
	gt = xcalloc(nq, sizeof(*gt));
	for (i = 0; i < nq; i++) {
		q = form_question(ld->form, i);
		vals[i] = q->key;
		if (in.action == ACT_VALIDATE &&
		    form_level_met(q, in.level[i]) == 0) {
			gk[ng] = q->key;
			gt[ng++] = q->label;
		}
	}
	db_array(&keys, vals, nq);
	db_array(&levels, in.level, nq);
	for (i = 0; i < nq; i++)
		vals[i] = in.comment[i] != NULL ? in.comment[i] : "";
	db_array(&comments, vals, nq);
	db_array(&gkeys, gk, ng);
	db_array(&gtitles, gt, ng);
	selfassess_due(ld->year, ld->half, due);
	head[0] = ld->site_id;
	head[1] = ld->semester;
	head[2] = ld->form_id;
	head[3] = in.action == ACT_VALIDATE ? "t" : "f";
	params[0] = ld->site_id;
	params[1] = ld->semester;
	params[2] = keys.data != NULL ? keys.data : "{}";
	params[3] = levels.data != NULL ? levels.data : "{}";
	params[4] = comments.data != NULL ? comments.data : "{}";
	params[5] = head[3];
	params[6] = gkeys.data != NULL ? gkeys.data : "{}";
	params[7] = gtitles.data != NULL ? gtitles.data : "{}";
	params[8] = u->name;
	params[9] = due;
	seq[0] = sa->base + S_SAVE;
	seq[1] = sa->base + S_SCORES;
	pp[0] = head;
	pp[1] = params;
	rc = db_exec_as_seq(sa->db, u->session, 2, seq, pp, &res, sqlstate,
	    &cause);
	if (rc != DB_OK)
		log_warnx("selfassess_save for %s: %s", u->login, cause);
	if (rc == DB_UNAVAILABLE)
		unavailable(sa, p, u);
	else if (rc == DB_REFUSED)
		message(sa, p, u, strcmp(sqlstate, "42501") == 0 ? 403 : 400,
		    "Enregistrement refusé", "La base de données refuse cet "
		    "auto-diagnostic : rien n’a été enregistré.");
	else {
		p->status = 303;
		xasprintf(&p->location, SELFASSESS_PREFIX "/%s/%s?fait=%s",
		    ld->site_id, ld->semester, in.action == ACT_VALIDATE ?
		    "valide" : "enregistre");
	}
	PQclear(res);
out:
	free(cause);
	free(vals);
	free(gk);
	free(gt);
	buf_free(&keys);
	buf_free(&levels);
	buf_free(&comments);
	buf_free(&gkeys);
	buf_free(&gtitles);
	input_free(&in);
}

/* GET PREFIX?site=ID&semestre=YYYY-SN: to that assessment, or the index
   with the errors. */
static void
open_get(struct selfassess *sa, const struct staff_user *u,
    const struct req *r, struct resp *p)
{
	struct fields_errors	 errs;
	const struct http_field	*site = http_field_get(r, "site");
	const struct http_field	*sem = http_field_get(r, "semestre");
	long long		 id;
	int			 year, half;

	memset(&errs, 0, sizeof(errs));
	if (site == NULL || !http_id_parse(site->val, &id))
		fields_fail(&errs, E_SITE, "Choisissez un site de la liste.");
	if (sem == NULL || *sem->val == '\0')
		fields_fail(&errs, E_SEMESTER, "Saisissez le semestre, par "
		    "exemple 2026-S1.");
	else if (selfassess_semester_parse(sem->val, &year, &half) == -1)
		fields_fail(&errs, E_SEMESTER, "Saisissez le semestre au "
		    "format AAAA-S1 ou AAAA-S2, par exemple 2026-S1.");
	if (errs.nerrors > 0) {
		p->status = 400;
		index_page(sa, u, p, site != NULL ? site->val : NULL,
		    sem != NULL ? sem->val : NULL, &errs);
	} else {
		p->status = 303;
		xasprintf(&p->location, SELFASSESS_PREFIX "/%lld/%s", id,
		    sem->val);
	}
	fields_free(&errs);
}

/* What ?fait= says was done. */
static const char *
done_text(const struct req *r)
{
	const struct http_field	*f;

	if ((f = http_field_get(r, "fait")) == NULL)
		return NULL;
	if (strcmp(f->val, "enregistre") == 0)
		return "Le brouillon est enregistré.";
	if (strcmp(f->val, "valide") == 0)
		return "L’auto-diagnostic est validé : chaque engagement sous "
		    "le niveau requis a son action corrective dans le plan "
		    "d’actions.";
	return NULL;
}

int
selfassess_handle(struct selfassess *sa, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	const size_t		 n = sizeof(SELFASSESS_PREFIX) - 1;
	struct fields_errors	 none;
	struct sa_load		 ld;
	char			 id[32], sem[16], tail;
	int			 k, found;

	if (strncmp(r->path, SELFASSESS_PREFIX, n) != 0 ||
	    (r->path[n] != '\0' && r->path[n] != '/'))
		return 0;
	if (u->role != STAFF_REFERENT && u->role != STAFF_ADMIN) {
		message(sa, p, u, 403, "Accès réservé", "L’auto-diagnostic est "
		    "tenu par les référents qualité et les administrateurs.");
		return 1;
	}
	if (r->path[n] == '\0') {
		if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
			p->status = 405;
			p->allow = "GET, HEAD";
		} else if (http_field_get(r, "site") != NULL ||
		    http_field_get(r, "semestre") != NULL)
			open_get(sa, u, r, p);
		else {
			memset(&none, 0, sizeof(none));
			index_page(sa, u, p, NULL, NULL, &none);
		}
		return 1;
	}
	k = sscanf(r->path + n, "/%18[0-9]/%15[0-9S-]%c", id, sem, &tail);
	if (k != 2 || !http_id_parse(id, NULL)) {
		not_found(sa, p, u);
		return 1;
	}
	if (r->method == HTTP_OTHER) {
		p->status = 405;
		p->allow = "GET, HEAD, POST";
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		message(sa, p, u, 403, "Formulaire expiré", "Ce formulaire a "
		    "expiré ou ne vient pas de cette session : rien n’a été "
		    "enregistré. Rechargez la page et recommencez.");
		return 1;
	}
	found = load(sa, u, id, sem, &ld);
	if (found == -1)
		unavailable(sa, p, u);
	else if (found == 0)
		not_found(sa, p, u);
	else if (r->method == HTTP_POST && ld.form == NULL)
		message(sa, p, u, 409, "Aucune grille", "Aucune grille "
		    "d’auto-diagnostic n’est chargée : rien n’a été "
		    "enregistré.");
	else if (r->method == HTTP_POST)
		grid_post(sa, u, r, p, &ld);
	else
		grid_page(sa, u, p, &ld, NULL, done_text(r));
	load_free(&ld);
	return 1;
}

int
selfassess_summary_load(struct selfassess *sa, const struct staff_user *u,
    const char *site_id, int year, int half, struct selfassess_summary *out)
{
	struct sa_load			 ld;
	const struct form		*f;
	const struct form_question	*q, *q0;
	struct selfassess_module	*m;
	struct selfassess_gap		*g;
	char				 sem[SELFASSESS_SEMESTER_LEN + 2];
	size_t				 s, i, k;
	int				 rc;

	memset(out, 0, sizeof(*out));
	snprintf(sem, sizeof(sem), "%04d-S%d", year, half);
	if ((rc = load(sa, u, site_id, sem, &ld)) != 1) {
		load_free(&ld);
		return rc;
	}
	out->exists = ld.exists;
	out->validated = *ld.validated_on != '\0';
	snprintf(out->validated_on, sizeof(out->validated_on), "%s",
	    ld.validated_on);
	if ((f = ld.form) == NULL || form_nquestions(f) == 0) {
		load_free(&ld);
		return 1;
	}
	q0 = form_question(f, 0);
	out->nlevels = q0->noptions;
	out->levels = xcalloc(q0->noptions + 1, sizeof(*out->levels));
	for (k = 0; k < q0->noptions; k++)
		out->levels[k] = q0->options[k].label;
	out->nmodules = form_nsections(f);
	out->modules = xcalloc(out->nmodules + 1, sizeof(*out->modules));
	out->gaps = xcalloc(form_nquestions(f) + 1, sizeof(*out->gaps));
	for (s = 0; s < out->nmodules; s++) {
		m = &out->modules[s];
		m->title = form_section(f, s)->title;
		m->count = xcalloc(q0->noptions + 1, sizeof(*m->count));
	}
	for (i = 0; i < form_nquestions(f); i++) {
		q = form_question(f, i);
		if (q->section >= out->nmodules)
			continue;
		m = &out->modules[q->section];
		if (ld.level[i] == NULL) {
			m->none++;
			continue;
		}
		for (k = 0; k < q0->noptions; k++)
			if (strcmp(q0->options[k].value, ld.level[i]) == 0)
				m->count[k]++;
		if (form_level_met(q, ld.level[i]) != 0)
			continue;
		m->below++;
		g = &out->gaps[out->ngaps++];
		g->engagement = q->label;
		g->level = level_label(q, ld.level[i]);
		g->required = level_label(q, q->required_level);
	}
	/* The levels and scores point into the result: kept. */
	out->res = ld.res;
	ld.res = NULL;
	load_free(&ld);
	return 1;
}

void
selfassess_summary_free(struct selfassess_summary *sm)
{
	size_t	s;

	for (s = 0; s < sm->nmodules; s++)
		free(sm->modules[s].count);
	free(sm->modules);
	free(sm->levels);
	free(sm->gaps);
	PQclear(sm->res);
	memset(sm, 0, sizeof(*sm));
}
