/* The referent's program: campaigns, results, exports, poster. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "actions.h"
#include "admin.h"
#include "buf.h"
#include "cal.h"
#include "campaigns.h"
#include "chart.h"
#include "comments.h"
#include "db.h"
#include "export.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "lang.h"
#include "lifecycle.h"
#include "log.h"
#include "indicators.h"
#include "national.h"
#include "odf.h"
#include "page.h"
#include "people.h"
#include "planning.h"
#include "referentials.h"
#include "services.h"
#include "slots.h"
#include "poster.h"
#include "publish.h"
#include "referent.h"
#include "referential.h"
#include "report.h"
#include "results.h"
#include "revisions.h"
#include "progress.h"
#include "rhythm.h"
#include "selfassess.h"
#include "sampling.h"
#include "school.h"
#include "serve.h"
#include "staff.h"
#include "together.h"
#include "xmalloc.h"

#define PREFIX		"/referent"
#define SERVICE		"Résultats qualité"
/*
 * ?par= for a breakdown by the questionnaire's language: no form key
 * can be it, as keys never start with '_' (forms/form.rng).
 */
#define LANG_BY		"_langue"

enum stmt {
	STMT_CAMPAIGNS,
	STMT_RESULTS,
	STMT_RESPONSES,
	STMT_UNANSWERED,
	STMT_CONTACTS,
	STMT__MAX
};

static const struct db_stmt referent_stmts[STMT__MAX] = {
	/* The policies keep both to the sites the user is in charge of. */
	[STMT_CAMPAIGNS] = { "referent_campaigns",
	    "SELECT c.id, c.title, c.kind, s.name AS site,"
	    " to_char(c.opens_on, 'YYYY-MM-DD') AS opens_on,"
	    " to_char(c.closes_on, 'YYYY-MM-DD') AS closes_on,"
	    " (SELECT coalesce(sum(k.counted), 0)"
	    "  FROM qualimetre.response_count k"
	    "  WHERE k.campaign_id = c.id) AS responses, c.status"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    /* Archived ones have their own list (lifecycle.c). */
	    " WHERE c.status <> 'archived'"
	    " ORDER BY c.opens_on DESC, c.id DESC", 0 },
	/*
	 * One round trip for a whole results page: the campaign, then the
	 * counts of each (question, value) now, in the previous campaign
	 * of the same form at the same site, and broken down by the
	 * answer to question $2, the responses set aside left out. Counts
	 * are the sums of those kept as answers arrive (sql/043); a
	 * breakdown by a question the page does not offer is counted from
	 * the answers.
	 */
	[STMT_RESULTS] = { "referent_results",
	    "WITH c AS (SELECT c.id, c.site_id, c.form_id, c.title, c.kind,"
	    "  c.opens_on, c.closes_on, c.slug, s.name AS site, f.key,"
	    "  c.target_rate, c.status, c.status_reason,"
	    "  s.department, (now() AT TIME ZONE s.timezone)::date AS today,"
	    REFERENTIAL_COLUMNS
	    "  FROM qualimetre.campaign c"
	    "  JOIN qualimetre.site s ON s.id = c.site_id"
	    "  JOIN qualimetre.form f ON f.id = c.form_id"
	    REFERENTIAL_JOIN " WHERE c.id = $1),"
	    " prev AS (SELECT p.id, p.title FROM qualimetre.campaign p"
	    "  JOIN qualimetre.form pf ON pf.id = p.form_id, c"
	    "  WHERE p.site_id = c.site_id AND pf.key = c.key"
	    "  AND p.closes_on < c.opens_on"
	    "  ORDER BY p.closes_on DESC LIMIT 1),"
	    /* The responses that count and those set aside (sql/014). */
	    " rc AS (SELECT coalesce(sum(k.counted), 0) AS counted,"
	    "  coalesce(sum(k.set_aside), 0) AS set_aside"
	    "  FROM qualimetre.response_count k, c WHERE k.campaign_id = c.id),"
	    /* Whether the breakdown $2 is counted as answers arrive. */
	    " kept AS (SELECT $2 = '" LANG_BY "' OR EXISTS (SELECT 1"
	    "  FROM qualimetre.form_breakdown b, c"
	    "  WHERE b.form_id = c.form_id AND b.question = $2) AS kept)"
	    " SELECT 'meta' AS part, NULL::text AS question, NULL::text AS value,"
	    "  NULL::text AS grp,"
	    "  (SELECT (counted - set_aside)::bigint FROM rc) AS n,"
	    "  c.title, c.kind, to_char(c.opens_on, 'YYYY-MM-DD') AS opens_on,"
	    "  to_char(c.closes_on, 'YYYY-MM-DD') AS closes_on, c.site, c.slug,"
	    "  c.form_id, (SELECT title FROM prev) AS prev_title,"
	    "  (SELECT id FROM prev)::text AS prev_id,"
	    "  c.department, to_char(c.today, 'YYYY-MM-DD') AS today,"
	    "  (SELECT set_aside::bigint FROM rc) AS set_aside,"
	    "  c.ref_name, c.reply_delay, c.reply_target, c.rings_max,"
	    "  c.rings_target, c.picked_up_target,"
	    "  c.target_rate::text AS target_rate,"
	    /* The newest version of the form: its criteria's short names
	       name those of older versions, whose keys are the same. */
	    "  (SELECT nf.id FROM qualimetre.form nf WHERE nf.key = c.key"
	    "   ORDER BY nf.version DESC LIMIT 1)::text AS newest_form FROM c"
	    " UNION ALL"
	    " SELECT 'now', k.question, k.value, NULL, sum(k.n)::bigint, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
	    " FROM qualimetre.answer_count k JOIN c ON k.campaign_id = c.id"
	    " GROUP BY k.question, k.value HAVING sum(k.n) <> 0"
	    " UNION ALL"
	    " SELECT 'prev', k.question, k.value, NULL, sum(k.n)::bigint, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
	    " FROM qualimetre.answer_count k"
	    " JOIN prev ON k.campaign_id = prev.id"
	    " GROUP BY k.question, k.value HAVING sum(k.n) <> 0"
	    " UNION ALL"
	    " SELECT 'by', k.question, k.value, k.by_value, sum(k.n)::bigint,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
	    " FROM qualimetre.answer_pair_count k"
	    " JOIN c ON k.campaign_id = c.id"
	    " WHERE k.by_question = $2"
	    " GROUP BY k.question, k.value, k.by_value HAVING sum(k.n) <> 0"
	    /* Any other question of the form, from the answers, the
	       responses set aside left out. */
	    " UNION ALL"
	    " SELECT 'by', a.question, a.value, g.value, count(*), NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
	    " FROM qualimetre.answer a JOIN c ON a.campaign_id = c.id"
	    " JOIN qualimetre.answer g ON g.response_id = a.response_id"
	    "  AND g.campaign_id = c.id AND g.question = $2"
	    " WHERE NOT (SELECT kept FROM kept) AND a.value IS NOT NULL"
	    " AND a.response_id NOT IN (SELECT x.id"
	    "  FROM qualimetre.set_aside_response x WHERE x.campaign_id = c.id)"
	    " GROUP BY a.question, a.value, g.value"
	    /* The services the campaign tests, in its order: the groups
	       of a breakdown by service (sql/015), named as the site
	       names them. */
	    " UNION ALL"
	    " SELECT 'label', 'service', cs.key, cs.label, cs.position, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
	    " FROM qualimetre.campaign_service cs JOIN c"
	    "  ON cs.campaign_id = c.id"
	    /* Its status and why (sql/032, lifecycle.c). */
	    " UNION ALL"
	    " SELECT 'status', c.status, c.status_reason, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM c", 2 },
	/*
	 * The emails of campaign $1 and of the previous one $4 (or NULL)
	 * that have no answer yet: those without a value of the delay $3,
	 * counted by campaign and by the day they were sent (the answer to
	 * $2, a date or a date-time).
	 */
	[STMT_UNANSWERED] = { "referent_unanswered",
	    "SELECT a.campaign_id::text AS campaign,"
	    " left(a.value, 10) AS sent, count(*) AS n"
	    " FROM qualimetre.answer a"
	    " WHERE a.campaign_id IN ($1::bigint, $4::bigint)"
	    " AND a.question = $2"
	    " AND NOT EXISTS (SELECT 1 FROM qualimetre.answer d"
	    "  WHERE d.response_id = a.response_id"
	    "  AND d.campaign_id = a.campaign_id AND d.question = $3)"
	    " GROUP BY 1, 2", 4 },
	/*
	 * What the sampling rules of mystery campaign $1 need: each contact
	 * that counts (in a slot or not, its moment, the answer to $2, and
	 * its service), the services the campaign tests, and the school
	 * holidays of the site's zone around its dates.
	 */
	[STMT_CONTACTS] = { "referent_contacts",
	    "SELECT 'contact' AS what, (r.slot_id IS NOT NULL)::text AS a,"
	    " (SELECT left(m.value, 16) FROM qualimetre.answer m"
	    "  WHERE m.response_id = r.id AND m.campaign_id = r.campaign_id"
	    "  AND m.question = $2) AS b,"
	    " (SELECT v.value FROM qualimetre.answer v"
	    "  WHERE v.response_id = r.id AND v.campaign_id = r.campaign_id"
	    "  AND v.question = 'service') AS c"
	    " FROM qualimetre.counted_response r"
	    " WHERE r.campaign_id = $1::bigint"
	    " UNION ALL"
	    " SELECT 'service', cs.key, cs.label, NULL"
	    " FROM qualimetre.campaign_service cs"
	    " WHERE cs.campaign_id = $1::bigint"
	    " UNION ALL"
	    " SELECT 'holiday', to_char(h.first_day, 'YYYY-MM-DD'),"
	    " to_char(h.last_day, 'YYYY-MM-DD'), h.school_year"
	    " FROM qualimetre.school_holiday h"
	    " JOIN qualimetre.site s ON s.school_zone = h.zone"
	    " JOIN qualimetre.campaign c ON c.site_id = s.id"
	    " WHERE c.id = $1::bigint"
	    " AND h.last_day >= c.opens_on - 366"
	    " AND h.first_day <= c.closes_on + 366", 2 },
	/* Every response that counts with its answers, and when it was
	   last corrected, for the raw export; a comment hidden from the
	   exports (sql/033) is written COMMENTS_HIDDEN_TEXT. */
	[STMT_RESPONSES] = { "referent_responses",
	    "SELECT r.id, to_char(r.submitted_at AT TIME ZONE 'UTC',"
	    "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS submitted_at, r.channel,"
	    " a.question, coalesce(a.value, CASE WHEN EXISTS (SELECT 1"
	    "  FROM qualimetre.comment_hidden h"
	    "  WHERE h.response_id = a.response_id"
	    "  AND h.question = a.question) THEN '" COMMENTS_HIDDEN_TEXT "'"
	    "  ELSE a.text END) AS answer,"
	    " (SELECT to_char(max(v.revised_at) AT TIME ZONE 'UTC',"
	    "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM qualimetre.revision v"
	    "  WHERE v.response_id = r.id AND v.action = 'corrected')"
	    " AS corrected_at, u.set_aside_id::text AS set_aside,"
	    " (SELECT l.lang FROM qualimetre.response l WHERE l.id = r.id)"
	    " AS lang"
	    " FROM qualimetre.counted_response r"
	    " LEFT JOIN qualimetre.answer a ON a.response_id = r.id"
	    " LEFT JOIN qualimetre.set_aside_response u ON u.id = r.id"
	    " WHERE r.campaign_id = $1"
	    " ORDER BY r.submitted_at, r.id, a.question, a.value", 1 },
};

struct referent {
	struct db		*db;
	struct staff		*staff;
	struct formcache	*forms;
	struct campaigns	*campaigns;	/* create, open, close, paper */
	struct lifecycle	*lifecycle;	/* edit, cancel, archive */
	struct slots		*slots;		/* a mystery campaign's */
	struct planning		*planning;	/* mystery campaigns */
	struct admin		*admin;		/* sites */
	struct people		*people;	/* accounts */
	struct national		*national;	/* the sites compared */
	struct indicators	*indicators; /* the label's indicators */
	struct rhythm		*rhythm;	/* bursts, periods set aside */
	char			*public_url;	/* the service's, or NULL */
	char			*emblem;	/* the posters' PNG, or NULL */
	struct revisions	*revisions;	/* paper corrections */
	struct services		*services;	/* the services of sites */
	struct referentials	*referentials;	/* sites' own referentials */
	struct together		*together;	/* a group's sites compared */
	struct selfassess	*selfassess;	/* self-assessment grids */
	struct actions		*actions;	/* the action plan */
	struct progress		*progress;	/* progress, planner, paper */
	struct report		*report;	/* the annual report */
	struct comments		*comments;	/* free-text comments, themes */
	struct publish		*publish;	/* published results */
};

struct referent *
referent_create(const char *dsn, const char *schema_path,
    const unsigned char *key, const char *public_url)
{
	struct referent		*rf;
	struct report_sources	 src;

	rf = xcalloc(1, sizeof(*rf));
	rf->public_url = public_url != NULL ? xstrdup(public_url) : NULL;
	rf->emblem = poster_emblem_path();
	if (rf->public_url == NULL)
		log_warnx("QUALIMETRE_PUBLIC_URL is not set: no questionnaire "
		    "link, QR code or poster QR code can be given");
	rf->db = db_create(dsn, referent_stmts, STMT__MAX);
	rf->staff = staff_create(rf->db, public_url, PREFIX, SERVICE,
	    "Espace du référent qualité");
	rf->forms = formcache_create(rf->db, schema_path);
	rf->campaigns = campaigns_create(rf->db, rf->staff, rf->forms, key);
	rf->lifecycle = lifecycle_create(rf->db, rf->staff);
	rf->slots = slots_create(rf->db, rf->staff);
	rf->planning = planning_create(rf->db, rf->staff);
	rf->admin = admin_create(rf->db, rf->staff);
	rf->people = people_create(rf->db, rf->staff);
	rf->national = national_create(rf->db, rf->staff, rf->forms);
	rf->indicators = indicators_create(rf->db, rf->staff, rf->forms);
	rf->rhythm = rhythm_create(rf->db, rf->staff);
	rf->revisions = revisions_create(rf->db, rf->staff, rf->forms);
	rf->services = services_create(rf->db, rf->staff);
	rf->referentials = referentials_create(rf->db, rf->staff);
	rf->together = together_create(rf->db, rf->staff, rf->national);
	rf->selfassess = selfassess_create(rf->db, rf->staff, rf->forms);
	rf->actions = actions_create(rf->db, rf->staff);
	rf->progress = progress_create(rf->db, rf->staff, rf->forms,
	    public_url);
	rf->comments = comments_create(rf->db, rf->staff, rf->forms);
	src.ind = rf->indicators;
	src.cm = rf->comments;
	src.sa = rf->selfassess;
	src.ac = rf->actions;
	rf->report = report_create(rf->db, rf->staff, rf, &src);
	rf->publish = publish_create(rf->db, rf->staff, rf->public_url);
	return rf;
}

void
referent_free(struct referent *rf)
{
	if (rf == NULL)
		return;
	free(rf->emblem);
	together_free(rf->together);
	progress_free(rf->progress);
	report_free(rf->report);
	publish_free(rf->publish);
	rhythm_free(rf->rhythm);
	revisions_free(rf->revisions);
	admin_free(rf->admin);
	people_free(rf->people);
	national_free(rf->national);
	indicators_free(rf->indicators);
	services_free(rf->services);
	referentials_free(rf->referentials);
	selfassess_free(rf->selfassess);
	actions_free(rf->actions);
	comments_free(rf->comments);
	planning_free(rf->planning);
	campaigns_free(rf->campaigns);
	lifecycle_free(rf->lifecycle);
	slots_free(rf->slots);
	staff_free(rf->staff);
	formcache_free(rf->forms);
	db_free(rf->db);
	free(rf->public_url);
	free(rf);
}

static void
message(struct referent *rf, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(rf->staff, p, u, status, title, text, PREFIX "/",
	    "Mes campagnes");
}

static const char *
kind_label(const char *kind)
{
	if (strcmp(kind, "mystery-call") == 0)
		return "Appels mystère";
	if (strcmp(kind, "mystery-email") == 0)
		return "Courriels mystère";
	return "Questionnaire de satisfaction";
}

/* The home page's other pages, under two headings, below the campaigns. */
struct home_link {
	const char	*href;
	const char	*label;
	int		 admin;		/* shown to admins only */
};

static const struct home_link year_links[] = {
	{ INDICATORS_PREFIX, "Indicateurs qualité", 0 },
	{ SELFASSESS_PREFIX, "Auto-diagnostic", 0 },
	{ ACTIONS_PREFIX, "Plan d’actions", 0 },
	{ TOGETHER_PATH, "Sites ensemble", 0 },
	{ PREFIX "/bilan", "Bilan annuel", 0 },
	{ PREFIX "/national", "Vue nationale", 1 },
};
#define NYEAR_LINKS	(sizeof(year_links) / sizeof(year_links[0]))

static const struct home_link setup_links[] = {
	{ SERVICES_PREFIX, "Services des sites", 0 },
	{ REFERENTIALS_PREFIX, "Référentiels", 0 },
	{ PEOPLE_PREFIX, "Personnes", 0 },
	{ PREFIX "/sites", "Sites", 1 },
};
#define NSETUP_LINKS	(sizeof(setup_links) / sizeof(setup_links[0]))

static void
home_links(struct buf *b, const struct staff_user *u, const char *title,
    const struct home_link *links, size_t n)
{
	size_t	i;

	buf_puts(b, "<h2 class=\"fr-h4 fr-mt-4w\">");
	html_puts(b, title);
	buf_puts(b, "</h2>\n<ul>\n");
	for (i = 0; i < n; i++) {
		if (links[i].admin && u->role != STAFF_ADMIN)
			continue;
		buf_puts(b, "<li><a class=\"fr-link\" href=\"");
		html_puts(b, links[i].href);
		buf_puts(b, "\">");
		html_puts(b, links[i].label);
		buf_puts(b, "</a></li>\n");
	}
	buf_puts(b, "</ul>\n");
}

static void
home(struct referent *rf, const struct staff_user *u, struct resp *p)
{
	struct buf	*b = &p->body;
	PGresult	*res;
	char		 sqlstate[6], *cause = NULL;
	int		 i, n;

	if (db_exec_as(rf->db, u->session, STMT_CAMPAIGNS, NULL, &res, sqlstate,
	    &cause) != DB_OK) {
		log_warnx("campaigns of %s: %s", u->login, cause);
		free(cause);
		message(rf, p, u, 503, "Service momentanément indisponible",
		    "Réessayez dans quelques instants.");
		return;
	}
	p->no_store = 1;
	staff_page_open(rf->staff, p, u, "Mes campagnes");
	buf_puts(b, "<h1>Mes campagnes</h1>\n<ul class=\"fr-btns-group "
	    "fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-4w\">\n"
	    "<li><a class=\"fr-btn fr-icon-add-line fr-btn--icon-left\" "
	    "href=\"" CAMPAIGNS_PREFIX "/nouvelle\">Nouvelle campagne</a>"
	    "</li>\n<li><a class=\"fr-btn fr-btn--secondary\" href=\""
	    PLANNING_PREFIX "\">Campagnes mystère</a></li>\n</ul>\n");
	n = PQntuples(res);
	if (n == 0)
		buf_puts(b, "<p class=\"fr-text--lead\">Aucune campagne sur les "
		    "sites dont vous avez la charge.</p>\n");
	else {
		buf_puts(b, "<div class=\"fr-table\">\n"
		    HTML_TABLE_BOXES "<table>\n<caption>"
		    "Campagnes des sites dont vous avez la charge</caption>\n"
		    "<thead><tr><th scope=\"col\">Campagne</th>"
		    "<th scope=\"col\">Type</th><th scope=\"col\">Site</th>"
		    "<th scope=\"col\">Période</th><th scope=\"col\">"
		    "Réponses</th></tr></thead>\n<tbody>\n");
		for (i = 0; i < n; i++) {
			buf_puts(b, "<tr><td><a href=\"" CAMPAIGNS_PREFIX "/");
			html_puts(b, PQgetvalue(res, i, PQfnumber(res, "id")));
			buf_puts(b, "\">");
			html_puts(b, PQgetvalue(res, i, PQfnumber(res,
			    "title")));
			buf_puts(b, "</a>");
			if (strcmp(PQgetvalue(res, i, PQfnumber(res,
			    "status")), "cancelled") == 0)
				buf_puts(b, " <span class=\"fr-badge "
				    "fr-badge--sm fr-badge--no-icon "
				    "fr-badge--error\">Annulée</span>");
			buf_puts(b, "</td><td>");
			html_puts(b, kind_label(PQgetvalue(res, i,
			    PQfnumber(res, "kind"))));
			buf_puts(b, "</td><td>");
			html_puts(b, PQgetvalue(res, i, PQfnumber(res, "site")));
			buf_puts(b, "</td><td>du ");
			page_date(b, PQgetvalue(res, i, PQfnumber(res,
			    "opens_on")));
			buf_puts(b, " au ");
			page_date(b, PQgetvalue(res, i, PQfnumber(res,
			    "closes_on")));
			buf_puts(b, "</td><td>");
			html_puts(b, PQgetvalue(res, i, PQfnumber(res,
			    "responses")));
			buf_puts(b, "</td></tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n"
		    HTML_TABLE_BOXES_END "</div>\n");
	}
	buf_puts(b, "<p><a class=\"fr-link\" href=\"" LIFECYCLE_ARCHIVED
	    "\">Campagnes archivées</a></p>\n");
	home_links(b, u, "L’année qualité", year_links, NYEAR_LINKS);
	home_links(b, u, "Organisation", setup_links, NSETUP_LINKS);
	PQclear(res);
	page_end(b);
}

/* Everything a campaign's results page and exports need. */
struct campaign_results {
	PGresult		*res;		/* owns the strings below */
	double			 target_rate;	/* the campaign's own, or -1 */
	const struct form	*form;
	const struct form	*newest;	/* the newest version of form,
						   maybe form, or NULL */
	struct results		 r;
	struct results_count	*now, *prev;	/* one per row of r */
	const char		*slug;
	const char		*status;	/* "active", "cancelled" or
						   "archived" (sql/032) */
	const char		*status_reason;	/* or NULL */
	const char		*prev_title;	/* or NULL */
	const char		*by;		/* breakdown question key */
	const char		*id;		/* the campaign's, as in the URL */
	const char		*prev_id;	/* or NULL */
	const char		*department;	/* the site's */
	struct rhythm_summary	 rhythm;	/* a questionnaire's, read
						   with its notes */
	long			 today;		/* at the site */
	long long		*pending;	/* one per row of r: emails
						   whose answer is not due
						   yet, left out of the rate */
	struct form_referential	 ref;		/* the campaign's; strings
						   in res */
	struct form_question	*rules;		/* one per row of r: its
						   criterion under ref
						   (form_rule_apply) */
};

/*
 * Counts, from the rows of part ("now" or "prev") of res, the answers of
 * criterion q (results_count_add says how).
 */
static void
count(PGresult *res, const char *part, const struct form_question *q,
    struct results_count *c)
{
	int	i, cp, cq, cv, cn;

	memset(c, 0, sizeof(*c));
	c->key = q->key;
	cp = PQfnumber(res, "part");
	cq = PQfnumber(res, "question");
	cv = PQfnumber(res, "value");
	cn = PQfnumber(res, "n");
	for (i = 0; i < PQntuples(res); i++) {
		if (strcmp(PQgetvalue(res, i, cp), part) != 0 ||
		    strcmp(PQgetvalue(res, i, cq), q->key) != 0)
			continue;
		results_count_add(c, q, PQgetvalue(res, i, cv),
		    strtoll(PQgetvalue(res, i, cn), NULL, 10));
	}
}

static void
campaign_results_free(struct campaign_results *cr)
{
	PQclear(cr->res);
	results_notes_free(&cr->r);
	free(cr->r.rows);
	free(cr->now);
	free(cr->prev);
	free(cr->pending);
	free(cr->rules);
	memset(cr, 0, sizeof(*cr));
}

/*
 * Counts the emails of cr's campaign, and of the previous one when
 * prev_id is non-NULL, that have no answer to the delay q, by the day
 * each was sent: one whose answer is not due yet (up to q->conform_max
 * working days after, cal_due_date, in the site's department) is
 * pending; past that it is not answered in time, an opinion not
 * satisfied, added to now or prev. Returns the emails of this campaign
 * pending, or -1 when the database is unavailable (logged).
 */
static long long
unanswered(struct referent *rf, const struct staff_user *u,
    const struct campaign_results *cr, const char *prev_id,
    const struct form_question *q, struct results_count *now,
    struct results_count *prev)
{
	const char	*params[4] = { cr->id, q->delay_from, q->key, prev_id };
	PGresult	*res = NULL;
	char		 sqlstate[6], *cause = NULL;
	long long	 n, pending = 0;
	long		 sent, delay;
	int		 i, mine;

	if (db_exec_as(rf->db, u->session, STMT_UNANSWERED, params, &res,
	    sqlstate, &cause) != DB_OK) {
		log_warnx("unanswered of %s: %s", cr->id, cause);
		free(cause);
		return -1;
	}
	for (i = 0; i < PQntuples(res); i++) {
		mine = strcmp(db_value(res, i, "campaign"), cr->id) == 0;
		n = strtoll(db_value(res, i, "n"), NULL, 10);
		if (cal_parse(db_value(res, i, "sent"), &sent) == -1) {
			log_warnx("unanswered of %s: sent on %s?", cr->id,
			    db_value(res, i, "sent"));
			continue;
		}
		delay = cal_working_delay(sent, cr->today, cr->department);
		if (delay == -1 && cr->today >= sent)
			log_warnx("unanswered of %s: no calendar for "
			    "department %s", cr->id, cr->department);
		if (delay > q->conform_max)
			(mine ? now : prev)->opinions += n;
		else if (mine)
			pending += n;
	}
	PQclear(res);
	return pending;
}

/*
 * A grid's referential and what it rules, as the first note of its
 * results (page, poster, exports): "Référentiel : Qual-e-pref — réponse
 * sous 5 jours ouvrés, objectif 80 %.", from the effective rules.
 */
static void
referential_note(struct campaign_results *cr)
{
	const struct form_question	*q;
	struct buf			 b;
	char				 text[128], pct[CHART_NUMBER_MAX];
	size_t				 i;
	int				 any = 0;

	memset(&b, 0, sizeof(b));
	buf_puts(&b, cr->ref.name != NULL ? cr->ref.name :
	    "valeurs de la grille");
	for (i = 0; i < cr->r.nrows; i++) {
		q = &cr->rules[i];
		if (form_rule_text(q, text, sizeof(text)) == -1)
			continue;
		buf_puts(&b, any ? " ; " : " — ");
		buf_puts(&b, text);
		if (q->target >= 0.0 && chart_percent(q->target,
		    chart_target_decimals(q->target), pct, sizeof(pct)) != -1) {
			buf_puts(&b, ", objectif ");
			buf_puts(&b, pct);
		}
		any = 1;
	}
	results_note(&cr->r, "Référentiel : %s.", b.data);
	buf_free(&b);
}

/* The question that dates a grid's contact: its first date-time. */
static const struct form_question *
contact_moment(const struct form *f)
{
	const struct form_question	*q;
	size_t				 k;

	for (k = 0; k < form_nquestions(f); k++)
		if ((q = form_question(f, k))->kind == QKIND_DATETIME)
			return q;
	return NULL;
}

/* Reads "YYYY-MM-DDTHH:MM" (or a bare date) into c's day and hour. */
static void
contact_when(const char *m, struct sampling_contact *c)
{
	char	day[11];

	c->day = -1;
	c->hour = -1;
	if (strlen(m) < 10)
		return;
	memcpy(day, m, 10);
	day[10] = '\0';
	if (cal_parse(day, &c->day) == -1)
		c->day = -1;
	else if (strlen(m) >= 13 && m[10] == 'T')
		c->hour = atoi(m + 11);
}

/*
 * Checks mystery campaign cr's contacts against the label's sampling
 * rules (cgi/results/sampling.c) and adds what it finds to its notes.
 * Returns 0, or -1 when the database is unavailable (logged).
 */
static int
sampling(struct referent *rf, const struct staff_user *u,
    struct campaign_results *cr)
{
	const struct form_question	*when;
	struct sampling_contact		*c;
	struct sampling_service		*sv;
	struct sampling_period		*h;
	struct sampling_input		 in;
	struct sampling_report		 rep;
	PGresult			*res = NULL;
	const char			*params[2], *what;
	char				 sqlstate[6], *cause = NULL;
	char				 year_open[SCHOOL_YEAR_LEN + 1];
	char				 year_close[SCHOOL_YEAR_LEN + 1];
	int				 i, n, open_known = 0, close_known = 0;

	if ((when = contact_moment(cr->form)) == NULL)
		return 0;
	params[0] = cr->id;
	params[1] = when->key;
	if (db_exec_as(rf->db, u->session, STMT_CONTACTS, params, &res, sqlstate,
	    &cause) != DB_OK) {
		log_warnx("contacts of %s: %s", cr->id, cause);
		free(cause);
		return -1;
	}
	memset(&in, 0, sizeof(in));
	n = PQntuples(res);
	c = xcalloc((size_t)n + 1, sizeof(*c));
	sv = xcalloc((size_t)n + 1, sizeof(*sv));
	h = xcalloc((size_t)n + 1, sizeof(*h));
	if (cal_parse(cr->r.opens_on, &in.opens_on) == -1 ||
	    cal_parse(cr->r.closes_on, &in.closes_on) == -1)
		in.opens_on = in.closes_on = 0;
	school_year_of(in.opens_on, year_open);
	school_year_of(in.closes_on, year_close);
	for (i = 0; i < n; i++) {
		what = db_value(res, i, "what");
		if (strcmp(what, "contact") == 0) {
			contact_when(db_value(res, i, "b"), &c[in.ncontacts]);
			c[in.ncontacts].in_slot = strcmp(db_value(res, i, "a"),
			    "true") == 0;
			c[in.ncontacts].service = PQgetisnull(res, i,
			    PQfnumber(res, "c")) ? NULL : db_value(res, i, "c");
			in.ncontacts++;
		} else if (strcmp(what, "service") == 0) {
			sv[in.nservices].key = db_value(res, i, "a");
			sv[in.nservices].label = db_value(res, i, "b");
			in.nservices++;
		} else if (strcmp(what, "holiday") == 0 &&
		    cal_parse(db_value(res, i, "a"), &h[in.nholidays].first) ==
		    0 && cal_parse(db_value(res, i, "b"),
		    &h[in.nholidays].last) == 0) {
			in.nholidays++;
			open_known |= strcmp(db_value(res, i, "c"),
			    year_open) == 0;
			close_known |= strcmp(db_value(res, i, "c"),
			    year_close) == 0;
		}
	}
	in.contacts = c;
	in.services = sv;
	in.holidays = h;
	in.department = cr->department;
	in.holidays_known = open_known && close_known;
	if (sampling_check(&in, &rep) == 0)
		sampling_notes(&rep, &cr->r);
	else
		log_warnx("contacts of %s: cannot check them (department %s)",
		    cr->id, cr->department);
	free(c);
	free(sv);
	free(h);
	PQclear(res);
	return 0;
}

/*
 * Runs the results statement of campaign id, broken down by question by,
 * and reads its campaign into cr; campaign_compute makes the rows.
 * Returns 1, 0 when the campaign is not there (or not the user's: the
 * policies hide it), -1 when the database or the form is unavailable.
 */
static int
campaign_query(struct referent *rf, const struct staff_user *u,
    const char *id, const char *by, struct campaign_results *cr)
{
	const char	*params[2] = { id, by };
	char		 sqlstate[6], *cause = NULL;
	int		 meta = -1, i;

	memset(cr, 0, sizeof(*cr));
	if (db_exec_as(rf->db, u->session, STMT_RESULTS, params, &cr->res,
	    sqlstate, &cause) != DB_OK) {
		log_warnx("results %s for %s: %s", id, u->login, cause);
		free(cause);
		return -1;
	}
	cr->status = "active";
	for (i = 0; i < PQntuples(cr->res); i++)
		if (strcmp(PQgetvalue(cr->res, i, 0), "meta") == 0)
			meta = i;
		else if (strcmp(PQgetvalue(cr->res, i, 0), "status") == 0) {
			cr->status = PQgetvalue(cr->res, i, 1);
			if (!PQgetisnull(cr->res, i, 2))
				cr->status_reason = PQgetvalue(cr->res, i, 2);
		}
	if (meta == -1) {
		campaign_results_free(cr);
		return 0;
	}
	cr->form = formcache_get(rf->forms, strtoll(db_value(cr->res, meta,
	    "form_id"), NULL, 10));
	if (cr->form == NULL ||
	    cal_parse(db_value(cr->res, meta, "today"), &cr->today) == -1) {
		if (cr->form != NULL)
			log_warnx("results %s: no date today", id);
		campaign_results_free(cr);
		return -1;
	}
	/* Without it, only the short names are missed. */
	cr->newest = formcache_get(rf->forms, strtoll(db_value(cr->res, meta,
	    "newest_form"), NULL, 10));
	cr->r.campaign = db_value(cr->res, meta, "title");
	cr->r.site = db_value(cr->res, meta, "site");
	cr->r.opens_on = db_value(cr->res, meta, "opens_on");
	cr->r.closes_on = db_value(cr->res, meta, "closes_on");
	cr->r.kind = db_value(cr->res, meta, "kind");
	cr->r.responses = strtoll(db_value(cr->res, meta, "n"), NULL, 10);
	cr->r.set_aside = strtoll(db_value(cr->res, meta, "set_aside"), NULL,
	    10);
	cr->slug = db_value(cr->res, meta, "slug");
	cr->department = db_value(cr->res, meta, "department");
	if (!PQgetisnull(cr->res, meta, PQfnumber(cr->res, "prev_title"))) {
		cr->prev_title = db_value(cr->res, meta, "prev_title");
		cr->prev_id = db_value(cr->res, meta, "prev_id");
	}
	referential_read(cr->res, meta, &cr->ref);
	cr->r.referential = cr->ref.name;
	cr->target_rate = -1.0;
	if (!PQgetisnull(cr->res, meta, PQfnumber(cr->res, "target_rate")))
		cr->target_rate = strtod(db_value(cr->res, meta,
		    "target_rate"), NULL);
	cr->by = by;
	cr->id = id;
	return 1;
}

/*
 * Makes the rows of the results cr read by campaign_query. Returns 1, or
 * -1 (cr freed) when the database is unavailable.
 */
static int
campaign_compute(struct referent *rf, const struct staff_user *u,
    struct campaign_results *cr)
{
	const struct form_question	*q;
	struct results_count		*now, *prev;
	enum stats_method		 method;
	long long			 pending;
	size_t				 k, n;

	/* The 20-contact grids use the exact interval (DESIGN.md). */
	method = strcmp(cr->r.kind, "satisfaction") == 0 ? STATS_WILSON :
	    STATS_EXACT;
	n = form_nquestions(cr->form);
	cr->r.rows = xcalloc(n + 1, sizeof(*cr->r.rows));
	cr->now = xcalloc(n + 1, sizeof(*cr->now));
	cr->prev = xcalloc(n + 1, sizeof(*cr->prev));
	cr->pending = xcalloc(n + 1, sizeof(*cr->pending));
	cr->rules = xcalloc(n + 1, sizeof(*cr->rules));
	for (k = 0; k < n; k++) {
		if (!form_question(cr->form, k)->criterion)
			continue;
		/* From here on, the criterion as the referential rules it. */
		form_rule_apply(form_question(cr->form, k), &cr->ref,
		    &cr->rules[cr->r.nrows]);
		/* An older version's criterion, by the newest's short name. */
		if (cr->rules[cr->r.nrows].short_label == NULL &&
		    cr->newest != NULL && (q = form_find(cr->newest,
		    cr->rules[cr->r.nrows].key)) != NULL)
			cr->rules[cr->r.nrows].short_label = q->short_label;
		/* The campaign's own target where the form gives none. */
		if (cr->rules[cr->r.nrows].target < 0.0 &&
		    cr->target_rate > 0.0 && cr->target_rate <= 1.0)
			cr->rules[cr->r.nrows].target = cr->target_rate;
		q = &cr->rules[cr->r.nrows];
		now = &cr->now[cr->r.nrows];
		prev = &cr->prev[cr->r.nrows];
		count(cr->res, "now", q, now);
		count(cr->res, "prev", q, prev);
		/*
		 * An email not answered has no delay stored: it is judged
		 * against its own deadline, not the campaign's last day.
		 */
		if (q->kind == QKIND_DELAY && q->has_conform_max &&
		    q->delay_from != NULL) {
			if ((pending = unanswered(rf, u, cr, cr->prev_id, q,
			    now, prev)) == -1) {
				campaign_results_free(cr);
				return -1;
			}
			cr->pending[cr->r.nrows] = pending;
		}
		if (results_row_make(&cr->r.rows[cr->r.nrows], q, now,
		    cr->prev_title != NULL ? prev : NULL, method) != 0) {
			log_warnx("results %s: criterion %s: impossible "
			    "counts", cr->id, q->key);
			cr->pending[cr->r.nrows] = 0;
			continue;
		}
		cr->r.nrows++;
	}
	if (strcmp(cr->r.kind, "satisfaction") != 0)
		referential_note(cr);
	if ((strcmp(cr->r.kind, "satisfaction") == 0 ?
	    rhythm_notes(rf->rhythm, u, cr->id, &cr->r, &cr->rhythm) :
	    sampling(rf, u, cr)) == -1) {
		campaign_results_free(cr);
		return -1;
	}
	return 1;
}

/* campaign_query, then campaign_compute: returns as campaign_query. */
static int
campaign_results(struct referent *rf, const struct staff_user *u,
    const char *id, const char *by, struct campaign_results *cr)
{
	int	found;

	if ((found = campaign_query(rf, u, id, by, cr)) != 1)
		return found;
	return campaign_compute(rf, u, cr);
}

int
referent_campaign_results(struct referent *rf, const struct staff_user *u,
    const char *id, void (*fn)(const struct referent_campaign *, void *),
    void *arg)
{
	struct campaign_results	 cr;
	struct referent_campaign rc;
	int			 found;

	if ((found = campaign_results(rf, u, id, "motif", &cr)) != 1)
		return found;
	rc.id = id;
	rc.form_key = form_key(cr.form);
	rc.r = &cr.r;
	rc.now = cr.now;
	rc.rules = cr.rules;
	fn(&rc, arg);
	campaign_results_free(&cr);
	return 1;
}

/* The criterion called key as cr's referential rules it, or NULL. */
static const struct form_question *
campaign_rule(const struct campaign_results *cr, const char *key)
{
	size_t	i;

	for (i = 0; i < cr->r.nrows; i++)
		if (strcmp(cr->rules[i].key, key) == 0)
			return &cr->rules[i];
	return NULL;
}

/* The questionnaire's public address (serve_questionnaire_url). */
static int
public_url(const struct referent *rf, const char *slug, char *out,
    size_t size)
{
	return serve_questionnaire_url(rf->public_url, slug, out, size);
}

/* The groups of the breakdown of criterion q by the question cr->by. */
static void
breakdown(struct buf *b, const struct campaign_results *cr,
    const struct form_question *q, const struct form_question *byq,
    const char *id)
{
	struct results_breakdown	 bd;
	struct results_count		 c;
	const char			*g;
	size_t				 j;
	int				 i, cp, cq, cv, cg, cn;

	memset(&bd, 0, sizeof(bd));
	bd.criterion = q->key;
	bd.by = byq->key;
	/* The interval of the campaign's own table: exact for grids. */
	bd.method = cr->r.nrows > 0 ? cr->r.rows[0].method : STATS_WILSON;
	bd.conform = strcmp(cr->r.kind, "satisfaction") != 0;
	cp = PQfnumber(cr->res, "part");
	cq = PQfnumber(cr->res, "question");
	cv = PQfnumber(cr->res, "value");
	cg = PQfnumber(cr->res, "grp");
	cn = PQfnumber(cr->res, "n");
	bd.groups = xcalloc(byq->noptions + (size_t)PQntuples(cr->res) + 1,
	    sizeof(*bd.groups));
	/*
	 * The groups: the campaign's own list when it has one for this
	 * question (a grid's services are the site's, sql/015), else the
	 * question's options; then any value answered outside them, under
	 * its code, so that no answer drops out of the breakdown.
	 */
	for (i = 0; i < PQntuples(cr->res); i++)
		if (strcmp(PQgetvalue(cr->res, i, cp), "label") == 0 &&
		    strcmp(PQgetvalue(cr->res, i, cq), byq->key) == 0) {
			bd.groups[bd.ngroups].value =
			    PQgetvalue(cr->res, i, cv);
			bd.groups[bd.ngroups++].label =
			    PQgetvalue(cr->res, i, cg);
		}
	for (j = 0; bd.ngroups == 0 && j < byq->noptions; j++) {
		bd.groups[j].value = byq->options[j].value;
		bd.groups[j].label = byq->options[j].label;
		if (j + 1 == byq->noptions)
			bd.ngroups = byq->noptions;
	}
	for (i = 0; i < PQntuples(cr->res); i++) {
		if (strcmp(PQgetvalue(cr->res, i, cp), "by") != 0 ||
		    strcmp(PQgetvalue(cr->res, i, cq), q->key) != 0)
			continue;
		g = PQgetvalue(cr->res, i, cg);
		for (j = 0; j < bd.ngroups; j++)
			if (strcmp(bd.groups[j].value, g) == 0)
				break;
		if (j == bd.ngroups) {
			bd.groups[j].value = g;
			bd.groups[j].label = g;
			bd.ngroups++;
		}
		memset(&c, 0, sizeof(c));
		results_count_add(&c, q, PQgetvalue(cr->res, i, cv),
		    strtoll(PQgetvalue(cr->res, i, cn), NULL, 10));
		bd.groups[j].n += c.opinions;
		bd.groups[j].satisfied += c.satisfied;
	}
	if (results_breakdown_make(&bd) == 0)
		chart_breakdown(b, &bd, q->label, byq->label, id);
	free(bd.groups);
}

/*
 * A delay's mean and median over the emails answered, in working days,
 * as the label's indicators say them ("délai moyen de réponse : 1 jour").
 */
static void
delay_summary(struct buf *b, const struct campaign_results *cr,
    const struct form_question *q)
{
	struct stats_summary	 sm;
	long long		*values, *counts;
	char			 mean[CHART_NUMBER_MAX], median[CHART_NUMBER_MAX];
	size_t			 nv = 0;
	int			 i, cp, cq, cv, cn, n = PQntuples(cr->res);

	cp = PQfnumber(cr->res, "part");
	cq = PQfnumber(cr->res, "question");
	cv = PQfnumber(cr->res, "value");
	cn = PQfnumber(cr->res, "n");
	values = xcalloc((size_t)n + 1, sizeof(*values));
	counts = xcalloc((size_t)n + 1, sizeof(*counts));
	for (i = 0; i < n; i++) {
		if (strcmp(PQgetvalue(cr->res, i, cp), "now") != 0 ||
		    strcmp(PQgetvalue(cr->res, i, cq), q->key) != 0)
			continue;
		values[nv] = strtoll(PQgetvalue(cr->res, i, cv), NULL, 10);
		counts[nv++] = strtoll(PQgetvalue(cr->res, i, cn), NULL, 10);
	}
	if (stats_summary(values, counts, nv, &sm) == 0 &&
	    chart_number(sm.mean, 1, mean, sizeof(mean)) != -1 &&
	    chart_number(sm.median, 1, median, sizeof(median)) != -1)
		buf_printf(b, "<p>Délai moyen de réponse : %s %s ; délai "
		    "médian : %s %s, sur %lld courriel%s répondu%s.</p>\n",
		    mean, sm.mean >= 2 ? "jours ouvrés" : "jour ouvré", median,
		    sm.median >= 2 ? "jours ouvrés" : "jour ouvré", sm.n,
		    sm.n > 1 ? "s" : "", sm.n > 1 ? "s" : "");
	free(values);
	free(counts);
}

/* The distribution of the answers to a number question (rings, delays). */
static void
distribution(struct buf *b, const struct campaign_results *cr,
    const struct form_question *q, const char *caption)
{
	int	i, cp, cq, any = 0;

	cp = PQfnumber(cr->res, "part");
	cq = PQfnumber(cr->res, "question");
	for (i = 0; i < PQntuples(cr->res); i++) {
		if (strcmp(PQgetvalue(cr->res, i, cp), "now") != 0 ||
		    strcmp(PQgetvalue(cr->res, i, cq), q->key) != 0)
			continue;
		if (!any) {
			chart_table_open(b, NULL);
			buf_puts(b, "<caption>");
			html_puts(b, caption);
			buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">"
			    "Valeur</th><th scope=\"col\">Contacts</th>"
			    "<th scope=\"col\">Conforme</th></tr></thead>\n"
			    "<tbody>\n");
			any = 1;
		}
		buf_puts(b, "<tr><td>");
		html_puts(b, PQgetvalue(cr->res, i, PQfnumber(cr->res,
		    "value")));
		buf_puts(b, "</td><td>");
		html_puts(b, PQgetvalue(cr->res, i, PQfnumber(cr->res, "n")));
		buf_puts(b, "</td><td>");
		buf_puts(b, form_conform(q, strtoll(PQgetvalue(cr->res, i,
		    PQfnumber(cr->res, "value")), NULL, 10)) == 1 ? "oui" :
		    "non");
		buf_puts(b, "</td></tr>\n");
	}
	if (any)
		chart_table_close(b);
}

/*
 * The files of a campaign, under CAMPAIGNS_PREFIX "/ID/": each writes
 * the campaign cr into p's body and returns 0, or an HTTP status (500,
 * 503) and sets *cause. A large one may stream (http_resp_flush): a
 * failure after that ends the download broken.
 */
typedef int	(*file_writer)(struct referent *, const struct staff_user *,
		    const struct req *, const struct campaign_results *,
		    struct resp *, char **);

static int
results_csv(struct referent *rf, const struct staff_user *u,
    const struct req *r, const struct campaign_results *cr, struct resp *p,
    char **cause)
{
	const struct http_field	*f;

	(void)rf; (void)u; (void)cause;
	if ((f = http_field_get(r, "format")) != NULL &&
	    strcmp(f->val, "tableur") == 0)
		export_results_sheet(&cr->r, &p->body);
	else
		export_results_csv(&cr->r, &p->body);
	return 0;
}

static int
results_xml(struct referent *rf, const struct staff_user *u,
    const struct req *r, const struct campaign_results *cr, struct resp *p,
    char **cause)
{
	(void)rf; (void)u; (void)r;
	return export_results_xml(&cr->r, &p->body, cause) == -1 ? 500 : 0;
}

static int
results_ods(struct referent *rf, const struct staff_user *u,
    const struct req *r, const struct campaign_results *cr, struct resp *p,
    char **cause)
{
	(void)rf; (void)u; (void)r;
	return export_results_ods(&cr->r, &p->body, cause) == -1 ? 500 : 0;
}

static int
poster(struct referent *rf, const struct staff_user *u,
    const struct req *r, const struct campaign_results *cr, struct resp *p,
    char **cause)
{
	char	url[512];

	(void)u;
	(void)r;
	/* Without a public address, a poster without the QR code. */
	return poster_pdf(&cr->r, strcmp(cr->r.kind, "satisfaction") == 0 &&
	    public_url(rf, cr->slug, url, sizeof(url)) == 0 ? url : NULL,
	    rf->emblem, &p->body, cause) == -1 ? 500 : 0;
}

/* Bytes of the raw export gathered before they are sent on. */
#define RESPONSES_FLUSH	(64 * 1024)

/*
 * The raw export as its rows arrive, one row per answer in the order of
 * the responses: one response is gathered at a time, written out when
 * the next one begins, so that a million responses take no more memory
 * than one.
 */
struct responses_out {
	const struct form	*form;
	enum export_dialect	 dialect;
	struct resp		*p;
	size_t			 nq;		/* the form's questions */
	int			 open;		/* a response is gathered */
	int			 gone;		/* sending failed */
	char			*id, *submitted_at, *channel, *corrected_at,
				*set_aside, *lang;	/* the response's */
	char			**values;	/* nq answers, or NULL */
};

/* Forgets the gathered response. */
static void
responses_out_clear(struct responses_out *o)
{
	size_t	k;

	free(o->id);
	free(o->submitted_at);
	free(o->channel);
	free(o->corrected_at);
	free(o->set_aside);
	free(o->lang);
	o->id = o->submitted_at = o->channel = o->corrected_at =
	    o->set_aside = o->lang = NULL;
	for (k = 0; k < o->nq; k++) {
		free(o->values[k]);
		o->values[k] = NULL;
	}
	o->open = 0;
}

/* Writes the gathered response, forgets it; sends on what is enough. */
static void
responses_out_record(struct responses_out *o)
{
	struct export_response	 row;

	if (!o->open)
		return;
	row.id = o->id;
	row.submitted_at = o->submitted_at;
	row.channel = o->channel;
	row.corrected_at = o->corrected_at;
	row.set_aside = o->set_aside;
	row.lang = o->lang;
	row.values = (const char *const *)o->values;
	export_responses_csv_record(o->form, &row, o->dialect, &o->p->body);
	responses_out_clear(o);
	if (!o->gone && o->p->body.len >= RESPONSES_FLUSH &&
	    http_resp_flush(o->p) == -1)
		o->gone = 1;
}

/* One row of STMT_RESPONSES: db_exec_as_rows' each. */
static int
responses_row(void *arg, const PGresult *res)
{
	struct responses_out	*o = arg;
	const char		*key, *ans;
	char			*tmp;
	size_t			 k;

	if (!o->open || strcmp(o->id, db_value(res, 0, "id")) != 0) {
		responses_out_record(o);
		if (o->gone)
			return -1;
		o->id = xstrdup(db_value(res, 0, "id"));
		o->submitted_at = xstrdup(db_value(res, 0, "submitted_at"));
		o->channel = xstrdup(db_value(res, 0, "channel"));
		o->corrected_at = xstrdup(db_value(res, 0, "corrected_at"));
		o->set_aside = PQgetisnull(res, 0, PQfnumber(res,
		    "set_aside")) ? NULL : xstrdup(db_value(res, 0,
		    "set_aside"));
		o->lang = xstrdup(db_value(res, 0, "lang"));
		o->open = 1;
	}
	/* A question key is never empty: "" is no answer. */
	if (*(key = db_value(res, 0, "question")) == '\0')
		return 0;
	ans = db_value(res, 0, "answer");
	for (k = 0; k < o->nq; k++)
		if (strcmp(form_question(o->form, k)->key, key) == 0)
			break;
	if (k == o->nq)
		return 0;	/* a question of another version */
	if (o->values[k] == NULL)
		o->values[k] = xstrdup(ans);
	else {
		/* A multiple choice: its options joined. */
		xasprintf(&tmp, "%s%s%s", o->values[k], EXPORT_MULTI_SEP, ans);
		free(o->values[k]);
		o->values[k] = tmp;
	}
	return 0;
}

/*
 * One row per response, one column per question; ?format=tableur for a
 * French spreadsheet (semicolons). Streamed: the rows are written as
 * they come from the database and sent on every RESPONSES_FLUSH bytes.
 */
static int
responses(struct referent *rf, const struct staff_user *u,
    const struct req *r, const struct campaign_results *cr, struct resp *p,
    char **cause)
{
	const struct http_field	*f;
	struct responses_out	 o;
	const char		*params[1] = { cr->id };
	char			 sqlstate[6];
	enum db_status		 st;

	memset(&o, 0, sizeof(o));
	o.form = cr->form;
	o.p = p;
	o.nq = form_nquestions(cr->form);
	o.values = xcalloc(o.nq + 1, sizeof(*o.values));
	f = http_field_get(r, "format");
	o.dialect = f != NULL && strcmp(f->val, "tableur") == 0 ?
	    EXPORT_CSV_SPREADSHEET : EXPORT_CSV_DATA;
	export_responses_csv_header(o.form, o.dialect, &p->body);
	st = db_exec_as_rows(rf->db, u->session, STMT_RESPONSES, params,
	    responses_row, &o, sqlstate, cause);
	/* The last response; after a failure, an incomplete one is not. */
	if (st == DB_OK)
		responses_out_record(&o);
	responses_out_clear(&o);
	free(o.values);
	/* The client went away: nothing more to send it. */
	if (o.gone)
		p->broken = 1;
	return st == DB_OK ? 0 : 503;
}

/*
 * The files a campaign offers: this one table makes the links of the
 * campaign page, the addresses the router knows (a name may come twice,
 * with two queries: the first row serves it), the redirects from their
 * first, English names, and what is written.
 */
static const struct campaign_file {
	const char	*name;		/* the file under CAMPAIGNS_PREFIX "/ID/" */
	const char	*query;		/* the link's query, or NULL */
	const char	*label;		/* the link's text */
	const char	*old_name;	/* its English name, or NULL */
	const char	*content_type;
	file_writer	 write;
} campaign_files[] = {
	{ "affiche.pdf", NULL, "Affiche (PDF)", "poster.pdf",
	    "application/pdf", poster },
	{ "resultats.csv", "format=tableur", "Résultats (tableur)",
	    "results.csv", "text/csv; charset=utf-8", results_csv },
	{ "resultats.ods", NULL, "Résultats (ODS, LibreOffice)", NULL,
	    ODF_MIME_SHEET, results_ods },
	{ "reponses.csv", "format=tableur", "Réponses brutes (tableur)",
	    "responses.csv", "text/csv; charset=utf-8", responses },
	{ "resultats.csv", NULL, "Résultats (CSV, données)", NULL,
	    "text/csv; charset=utf-8", results_csv },
	{ "resultats.xml", NULL, "Résultats (XML)", "results.xml",
	    "application/xml; charset=utf-8", results_xml },
	{ "reponses.csv", NULL, "Réponses brutes (CSV, données)", NULL,
	    "text/csv; charset=utf-8", responses },
};
#define NCAMPAIGN_FILES	(sizeof(campaign_files) / sizeof(campaign_files[0]))

/* The links to the files of campaign id, grouped under their title. */
static void
file_links(struct buf *b, const char *id)
{
	size_t	i;

	buf_puts(b, "<h2>Télécharger les résultats</h2>\n"
	    "<ul class=\"fr-btns-group fr-btns-group--inline-md "
	    "fr-btns-group--sm fr-mb-4w\">\n");
	for (i = 0; i < NCAMPAIGN_FILES; i++) {
		buf_puts(b, "<li><a class=\"fr-btn fr-btn--tertiary\" "
		    "href=\"" CAMPAIGNS_PREFIX "/");
		html_puts(b, id);
		buf_putc(b, '/');
		html_puts(b, campaign_files[i].name);
		if (campaign_files[i].query != NULL) {
			buf_putc(b, '?');
			html_puts(b, campaign_files[i].query);
		}
		buf_puts(b, "\">");
		html_puts(b, campaign_files[i].label);
		buf_puts(b, "</a></li>\n");
	}
	buf_puts(b, "</ul>\n");
}

/* The file of campaign_files called name, or NULL. */
static const struct campaign_file *
campaign_file_find(const char *name, int old)
{
	size_t	i;

	for (i = 0; i < NCAMPAIGN_FILES; i++)
		if (strcmp(old ? (campaign_files[i].old_name != NULL ?
		    campaign_files[i].old_name : "") : campaign_files[i].name,
		    name) == 0)
			return &campaign_files[i];
	return NULL;
}

/* The page of a campaign that could not be loaded (found 0 or -1). */
static void
campaign_missing(struct referent *rf, struct resp *p, const struct staff_user *u,
    int found)
{
	if (found == 0)
		message(rf, p, u, 404, "Campagne introuvable", "Cette campagne "
		    "n’existe pas, ou n’est pas sur un site dont vous avez la "
		    "charge.");
	else
		message(rf, p, u, 503, "Service momentanément indisponible",
		    "Réessayez dans quelques instants.");
}

/* Where a campaign stands, from its dates and its site's today. */
enum campaign_state {
	STATE_UPCOMING,
	STATE_OPEN,
	STATE_CLOSED,
	STATE_CANCELLED,	/* sql/032, whatever its dates */
	STATE__MAX
};

static const struct {
	const char	*label;
	const char	*badge;		/* the DSFR badge's variant class */
} campaign_states[STATE__MAX] = {
	[STATE_UPCOMING] = { "À venir", " fr-badge--info" },
	[STATE_OPEN] = { "Ouverte", " fr-badge--success" },
	[STATE_CLOSED] = { "Clôturée", "" },
	[STATE_CANCELLED] = { "Annulée", " fr-badge--error" },
};

static enum campaign_state
campaign_state(const struct campaign_results *cr, long *opens)
{
	long	closes;

	if (cal_parse(cr->r.opens_on, opens) == -1 ||
	    cal_parse(cr->r.closes_on, &closes) == -1)
		return STATE_CLOSED;
	if (cr->today < *opens)
		return STATE_UPCOMING;
	return cr->today <= closes ? STATE_OPEN : STATE_CLOSED;
}

/* The title, the state, the site, the period, the count of responses. */
static void
campaign_head(struct buf *b, const struct campaign_results *cr,
    enum campaign_state st)
{
	page_back_link(b, PREFIX "/", "Mes campagnes");
	buf_puts(b, "<h1>");
	html_puts(b, cr->r.campaign);
	buf_printf(b, "</h1>\n<p class=\"fr-badge fr-badge--no-icon%s "
	    "fr-mb-2w\" id=\"etat\">%s</p>\n<p class=\"fr-text--lead\">",
	    campaign_states[st].badge, campaign_states[st].label);
	html_puts(b, cr->r.site);
	buf_puts(b, " — du ");
	page_date(b, cr->r.opens_on);
	buf_puts(b, " au ");
	page_date(b, cr->r.closes_on);
	buf_puts(b, " — ");
	chart_put_counted(b, cr->r.responses, "réponse", "réponses");
	if (cr->r.set_aside > 0) {
		buf_puts(b, " retenue");
		buf_puts(b, cr->r.responses > 1 ? "s" : "");
		buf_puts(b, " (");
		chart_put_counted(b, cr->r.set_aside, "autre écartée",
		    "autres écartées");
		buf_puts(b, ")");
	}
	buf_puts(b, "</p>\n");
	if (cr->prev_title != NULL) {
		buf_puts(b, "<p>Évolution calculée par rapport à : ");
		html_puts(b, cr->prev_title);
		buf_puts(b, ".</p>\n");
	}
}

/* What a reader must know to weigh the figures, above them. */
static void
campaign_notes(struct buf *b, const struct results *r)
{
	size_t	i;

	if (r->nnotes == 0 && r->rules != RESULTS_RULES_NOT_MET)
		return;
	buf_printf(b, "<div class=\"fr-callout fr-mb-4w%s\">\n<h2 "
	    "class=\"fr-callout__title fr-h5\">%s</h2>\n<ul "
	    "class=\"fr-callout__text\">\n", r->rules ==
	    RESULTS_RULES_NOT_MET ? " fr-callout--orange-terre-battue" : "",
	    r->rules == RESULTS_RULES_NOT_MET ? "Résultat hors des règles "
	    "d’échantillonnage du label" : "À savoir avant de publier");
	for (i = 0; i < r->nnotes; i++) {
		buf_puts(b, "<li>");
		html_puts(b, r->notes[i]);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</div>\n");
}

/*
 * A satisfaction campaign's actions, those its state allows, each asking
 * to be confirmed on the page it links to: open one to come, close an
 * open one (from the day after it opened), reopen a closed one; and type
 * paper forms.
 */
static void
campaign_actions(struct buf *b, const char *id,
    enum campaign_state st, long opens, long today)
{
	buf_puts(b, "<h2>Gérer la campagne</h2>\n");
	if (st == STATE_OPEN && opens >= today)
		buf_puts(b, "<p>Ouverte aujourd’hui, la campagne pourra être "
		    "fermée à partir de demain.</p>\n");
	buf_puts(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md "
	    "fr-mb-4w\">\n");
	buf_printf(b, "<li><a class=\"fr-btn fr-btn--secondary\" href=\""
	    CAMPAIGNS_PREFIX "/%s/objectif\">Objectif de satisfaction</a>"
	    "</li>\n", id);
	if (st == STATE_UPCOMING)
		buf_printf(b, "<li><a class=\"fr-btn fr-btn--secondary\" "
		    "href=\"" CAMPAIGNS_PREFIX "/%s/ouvrir\">Ouvrir "
		    "maintenant</a></li>\n", id);
	else if (st == STATE_OPEN && opens < today)
		buf_printf(b, "<li><a class=\"fr-btn fr-btn--secondary\" "
		    "href=\"" CAMPAIGNS_PREFIX "/%s/fermer\">Fermer "
		    "maintenant</a></li>\n", id);
	else if (st == STATE_CLOSED)
		buf_printf(b, "<li><a class=\"fr-btn fr-btn--secondary\" "
		    "href=\"" CAMPAIGNS_PREFIX "/%s/ouvrir\">Rouvrir "
		    "aujourd’hui</a></li>\n", id);
	buf_printf(b, "<li><a class=\"fr-btn fr-btn--secondary\" href=\""
	    CAMPAIGNS_PREFIX "/%s/papier\">Saisir des questionnaires papier"
	    "</a></li>\n</ul>\n", id);
}

/* The notice after an action: "La campagne est ouverte." */
static void
campaign_done(struct buf *b, const struct req *r)
{
	if (http_field_get(r, "ouverte") != NULL ||
	    http_field_get(r, "fermee") != NULL)
		buf_printf(b, "<div class=\"fr-alert fr-alert--success "
		    "fr-alert--sm fr-mb-4w\" role=\"status\">\n<p>La "
		    "campagne est %s.</p>\n</div>\n",
		    http_field_get(r, "ouverte") != NULL ? "ouverte" :
		    "fermée");
	if (http_field_get(r, "objectif") != NULL)
		buf_puts(b, "<div class=\"fr-alert fr-alert--success "
		    "fr-alert--sm fr-mb-4w\" role=\"status\">\n<p>L’objectif "
		    "de satisfaction est enregistré.</p>\n</div>\n");
}

/* The emails whose answer is not due yet, left out of their rate. */
static void
campaign_pending(struct buf *b, const struct campaign_results *cr)
{
	const struct form_question	*q;
	size_t				 i;

	for (i = 0; i < cr->r.nrows; i++) {
		if (cr->pending[i] == 0)
			continue;
		q = &cr->rules[i];
		buf_printf(b, "<div class=\"fr-callout fr-mb-4w\">\n"
		    "<p class=\"fr-callout__text\">En attente : %lld %s "
		    "pas encore de réponse et %s de %lld jour%s ouvré%s "
		    "court encore. %s ne %s pas dans le taux « ",
		    cr->pending[i], cr->pending[i] > 1 ? "courriels n’ont" :
		    "courriel n’a", cr->pending[i] > 1 ? "leur délai" :
		    "son délai", q->conform_max, q->conform_max > 1 ? "s" : "",
		    q->conform_max > 1 ? "s" : "", cr->pending[i] > 1 ? "Ils" :
		    "Il", cr->pending[i] > 1 ? "comptent" : "compte");
		html_puts(b, cr->r.rows[i].label);
		buf_printf(b, " » ; sans réponse à la fin de ce délai, %s "
		    "hors délai.</p>\n</div>\n", cr->pending[i] > 1 ?
		    "ils compteront" : "il comptera");
	}
}

/* An <option> of the detail's form, selected when it is the one shown. */
static void
detail_option(struct buf *b, const char *value, const char *label,
    int selected)
{
	buf_puts(b, "<option value=\"");
	html_puts(b, value);
	buf_puts(b, selected ? "\" selected>" : "\">");
	html_puts(b, label);
	buf_puts(b, "</option>\n");
}

/*
 * The criterion crit broken down by byq, with the choice of both: any
 * criterion, by any question of the profile (a choice that is not a
 * criterion) or, for a questionnaire, by its language.
 */
static void
campaign_detail(struct buf *b, const struct campaign_results *cr,
    const struct form_question *crit, const struct form_question *byq)
{
	const struct form_question	*q;
	size_t				 k;

	buf_puts(b, "<h2>Détail selon le profil</h2>\n"
	    "<form method=\"get\" class=\"fr-mb-2w\">\n"
	    "<div class=\"fr-grid-row fr-grid-row--gutters "
	    "fr-grid-row--bottom\">\n"
	    "<div class=\"fr-col-12 fr-col-md-5\">\n"
	    "<div class=\"fr-select-group\">\n<label class=\"fr-label\" "
	    "for=\"critere\">Critère</label>\n<select class=\"fr-select\" "
	    "id=\"critere\" name=\"critere\">\n");
	for (k = 0; k < form_nquestions(cr->form); k++) {
		q = form_question(cr->form, k);
		if (q->criterion)
			detail_option(b, q->key, q->short_label != NULL ?
			    q->short_label : q->label, q == crit);
	}
	buf_puts(b, "</select>\n</div>\n</div>\n"
	    "<div class=\"fr-col-12 fr-col-md-5\">\n"
	    "<div class=\"fr-select-group\">\n<label class=\"fr-label\" "
	    "for=\"par\">Selon</label>\n<select class=\"fr-select\" "
	    "id=\"par\" name=\"par\">\n");
	for (k = 0; k < form_nquestions(cr->form); k++) {
		q = form_question(cr->form, k);
		if (!q->criterion && q->kind == QKIND_CHOICE)
			detail_option(b, q->key, q->label,
			    strcmp(q->key, byq->key) == 0);
	}
	if (strcmp(cr->r.kind, "satisfaction") == 0)
		detail_option(b, LANG_BY, "Langue du questionnaire",
		    strcmp(byq->key, LANG_BY) == 0);
	buf_puts(b, "</select>\n</div>\n</div>\n"
	    "<div class=\"fr-col-12 fr-col-md-2\">\n"
	    "<button class=\"fr-btn fr-mb-3v\" type=\"submit\">"
	    "Afficher</button>\n</div>\n</div>\n</form>\n");
	if ((crit = campaign_rule(cr, crit->key)) != NULL)
		breakdown(b, cr, crit, byq, "detail");
}

/* The questionnaire's public address and its QR code. */
static void
campaign_public_link(const struct referent *rf, struct buf *b,
    const struct campaign_results *cr)
{
	char	url[512], *cause = NULL;

	buf_puts(b, "<h2>Lien public du questionnaire</h2>\n");
	if (public_url(rf, cr->slug, url, sizeof(url)) == -1) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--warning fr-alert--sm "
		    "fr-mb-4w\" id=\"adresse-publique\">\n<p>L’adresse "
		    "publique du service n’est pas configurée : le lien du "
		    "questionnaire et son code QR ne peuvent pas être donnés, "
		    "ni imprimés sur l’affiche. Le service informatique la "
		    "donne aux programmes (<code>QUALIMETRE_PUBLIC_URL</code>)."
		    "</p>\n</div>\n");
		return;
	}
	buf_puts(b, "<p><a href=\"");
	html_puts(b, url);
	buf_puts(b, "\">");
	html_puts(b, url);
	buf_puts(b, "</a></p>\n<div class=\"qm-qr\">\n");
	if (poster_qr_svg(url, b, &cause) == -1) {
		log_warnx("QR code of %s: %s", url, cause);
		free(cause);
	}
	buf_puts(b, "</div>\n");
}

/* The breakdown by language: a question made of the form's languages. */
struct lang_by {
	struct form_question	q;
	struct form_option	opts[FORM_LANGS_MAX + 1];
};

/*
 * Fills lb with the languages f is offered in, named in themselves, and
 * the responses given in none (paper, or before languages were kept).
 */
static const struct form_question *
lang_by(struct lang_by *lb, const struct form *f)
{
	const char	*code, *name;
	size_t		 i, n;

	memset(lb, 0, sizeof(*lb));
	n = form_nlangs(f);
	for (i = 0; i < n && i < FORM_LANGS_MAX; i++) {
		code = form_lang(f, i);
		name = lang_name(code);
		lb->opts[i].value = code;
		lb->opts[i].label = name != NULL ? name : code;
	}
	lb->opts[i].value = "";
	lb->opts[i].label = "Sans langue enregistrée (papier)";
	lb->q.key = LANG_BY;
	lb->q.kind = QKIND_CHOICE;
	lb->q.label = "Langue du questionnaire";
	lb->q.target = -1;
	lb->q.options = lb->opts;
	lb->q.noptions = i + 1;
	return &lb->q;
}

/* The criterion of the breakdown: the one called want, or the first. */
static const struct form_question *
campaign_criterion(const struct form *f, const char *want)
{
	const struct form_question	*q, *crit = NULL;
	size_t				 k;

	for (k = 0; k < form_nquestions(f); k++) {
		q = form_question(f, k);
		if (!q->criterion)
			continue;
		if (want != NULL && strcmp(q->key, want) == 0)
			return q;
		if (crit == NULL)
			crit = q;
	}
	return crit;
}

/*
 * Loads campaign id's results broken down by the question ?par= names,
 * or by default by the reason for the visit (questionnaires) or the
 * service (grids), into *cr and *byq (NULL: no breakdown). Returns
 * found as campaign_results does.
 */
static int
campaign_load(struct referent *rf, const struct staff_user *u,
    const struct req *r, const char *id, struct campaign_results *cr,
    struct lang_by *lb, const struct form_question **byq)
{
	const struct http_field	*f;
	const char		*by;
	int			 found;

	/* Validated against the form below, never used unchecked. */
	by = (f = http_field_get(r, "par")) != NULL ? f->val : NULL;
	found = campaign_query(rf, u, id, by != NULL ? by : "motif", cr);
	if (found != 1)
		return found;
	if (by != NULL && strcmp(by, LANG_BY) == 0) {
		/* Questionnaires only: staff type grids in French. */
		*byq = strcmp(cr->r.kind, "satisfaction") == 0 ?
		    lang_by(lb, cr->form) : NULL;
		return campaign_compute(rf, u, cr);
	}
	if (by != NULL) {
		*byq = form_find(cr->form, by);
		if (*byq != NULL && (*byq)->kind != QKIND_CHOICE &&
		    (*byq)->kind != QKIND_SCALE)
			*byq = NULL;
		return campaign_compute(rf, u, cr);
	}
	*byq = form_find(cr->form, strcmp(cr->r.kind, "satisfaction") == 0 ?
	    "motif" : "service");
	if (*byq != NULL && strcmp((*byq)->key, "motif") != 0) {
		/* A grid: its breakdown is by service; ask again. */
		campaign_results_free(cr);
		if ((found = campaign_query(rf, u, id, "service", cr)) != 1)
			return found;
		*byq = form_find(cr->form, "service");
	}
	return campaign_compute(rf, u, cr);
}

/* GET CAMPAIGNS_PREFIX "/ID[?par=KEY&critere=KEY]": the results page. */
static void
campaign_page(struct referent *rf, const struct staff_user *u,
    const struct req *r, struct resp *p, const char *id)
{
	struct campaign_results		 cr;
	struct lang_by			 lb;
	const struct form_question	*q, *byq = NULL, *crit;
	const struct http_field		*f;
	struct buf			*b = &p->body;
	enum campaign_state		 st;
	size_t				 k;
	long				 opens;
	int				 found, satisfaction;

	if ((found = campaign_load(rf, u, r, id, &cr, &lb, &byq)) != 1) {
		campaign_missing(rf, p, u, found);
		return;
	}
	satisfaction = strcmp(cr.r.kind, "satisfaction") == 0;
	crit = campaign_criterion(cr.form, (f = http_field_get(r,
	    "critere")) != NULL ? f->val : NULL);

	st = campaign_state(&cr, &opens);
	if (strcmp(cr.status, "cancelled") == 0 ||
	    (strcmp(cr.status, "archived") == 0 && cr.status_reason != NULL))
		st = STATE_CANCELLED;
	staff_page_open(rf->staff, p, u, cr.r.campaign);
	campaign_head(b, &cr, st);
	campaign_done(b, r);
	lifecycle_notice(b, r, cr.status, cr.status_reason);
	campaign_notes(b, &cr.r);
	if (cr.r.responses == 0) {
		/* Said once: no empty bars, no empty files. */
		buf_printf(b, "<div class=\"fr-callout fr-mb-4w\" "
		    "id=\"aucune-reponse\">\n<p class=\"fr-callout__text\">"
		    "Aucune réponse pour l’instant : les résultats et les "
		    "fichiers à télécharger apparaîtront ici dès %s.</p>\n"
		    "</div>\n", satisfaction ? "le premier questionnaire "
		    "reçu" : "le premier contact enregistré");
	} else {
		chart_summary(b, &cr.r, "essentiel");
		campaign_pending(b, &cr);
	}
	if (satisfaction && strcmp(cr.status, "active") == 0) {
		campaign_actions(b, id, st, opens, cr.today);
		lifecycle_actions(b, u, id, cr.status, st == STATE_CLOSED);
	} else if (satisfaction) {
		buf_puts(b, "<h2>Gérer la campagne</h2>\n");
		lifecycle_actions(b, u, id, cr.status, 0);
	} else {
		buf_printf(b, "<ul class=\"fr-btns-group "
		    "fr-btns-group--inline-md fr-mb-4w\">\n<li><a class=\"fr-btn "
		    "fr-btn--secondary\" href=\"" CAMPAIGNS_PREFIX "/%s/creneaux"
		    "\">Créneaux : déplacer, confier à un autre enquêteur</a>"
		    "</li>\n", id);
		if (strcmp(cr.status, "active") == 0)
			buf_printf(b, "<li><a class=\"fr-btn fr-btn--tertiary\" "
			    "href=\"" CAMPAIGNS_PREFIX "/%s/annuler\">Annuler "
			    "la campagne</a></li>\n", id);
		buf_puts(b, "</ul>\n");
		lifecycle_archive_button(b, u, id, cr.status,
		    st == STATE_CLOSED);
	}
	if (satisfaction)
		rhythm_summary_put(b, &cr.rhythm, id);
	progress_put(rf->progress, u, b, &(struct progress_campaign){ id,
	    cr.form, &cr.r, cr.department, cr.today });
	if (cr.r.responses > 0) {
		buf_puts(b, "<h2>Détail par critère</h2>\n");
		chart_bars(b, &cr.r, "resultats");
		actions_below_target(b, id, &cr.r);
		if (byq != NULL && crit != NULL)
			campaign_detail(b, &cr, crit, byq);
		if (!satisfaction) {
			buf_puts(b, "<h2>Distributions</h2>\n");
			for (k = 0; k < cr.r.nrows; k++) {
				q = &cr.rules[k];
				if (q->kind == QKIND_INTEGER ||
				    q->kind == QKIND_DELAY)
					distribution(b, &cr, q, q->label);
				if (q->kind == QKIND_DELAY)
					delay_summary(b, &cr, q);
			}
		}
		file_links(b, id);
		comments_link(b, id);
	}
	if (satisfaction) {
		campaign_public_link(rf, b, &cr);
		publish_section(rf->publish, u, r, b, id, cr.r.responses);
	}
	page_end(b);
	campaign_results_free(&cr);
}

/* GET of a file of campaign id. */
static void
campaign_file(struct referent *rf, const struct staff_user *u,
    const struct req *r, struct resp *p, const char *id,
    const struct campaign_file *file)
{
	struct campaign_results	 cr;
	char			*cause = NULL;
	int			 found, status;

	found = campaign_results(rf, u, id, "motif", &cr);
	if (found != 1) {
		campaign_missing(rf, p, u, found);
		return;
	}
	p->no_store = 1;
	p->content_type = file->content_type;
	p->attachment = file->name;
	if ((status = file->write(rf, u, r, &cr, p, &cause)) != 0) {
		log_warnx("%s of campaign %s: %s", file->name, id, cause);
		free(cause);
		/* Half of it has gone: the client must see it broken. */
		if (p->streamed) {
			p->broken = 1;
			campaign_results_free(&cr);
			return;
		}
		buf_reset(&p->body);
		p->content_type = "text/html; charset=utf-8";
		p->attachment = NULL;
		if (status == 503)
			message(rf, p, u, 503, "Service momentanément "
			    "indisponible", "Réessayez dans quelques instants.");
		else
			message(rf, p, u, 500, "Fichier impossible", "Ce fichier "
			    "n’a pas pu être produit ; l’erreur est signalée.");
	}
	campaign_results_free(&cr);
}

/*
 * CAMPAIGNS_PREFIX "/ID/publier" and "/retirer": the results as the
 * campaign's page shows them, handed to publish.c.
 */
static void
campaign_publish(struct referent *rf, const struct staff_user *u,
    const struct req *r, struct resp *p, const char *id,
    enum publish_action action)
{
	struct campaign_results	 cr;
	char			 url[512];
	int			 found;

	if (r->method != HTTP_GET && r->method != HTTP_HEAD &&
	    r->method != HTTP_POST) {
		p->status = 405;
		p->allow = "GET, HEAD, POST";
		return;
	}
	if ((found = campaign_results(rf, u, id, "motif", &cr)) != 1) {
		campaign_missing(rf, p, u, found);
		return;
	}
	publish_handle(rf->publish, u, r, p, id, action, &cr.r,
	    public_url(rf, cr.slug, url, sizeof(url)) == 0 ? url : NULL);
	campaign_results_free(&cr);
}

/*
 * The English addresses of the first versions, kept for links and
 * bookmarks: PREFIX "/campaigns/..." is CAMPAIGNS_PREFIX "/...", "new"
 * is "nouvelle", and the files have French names. Returns 1 when r's
 * path was one of them and p sends the browser on.
 */
static int
moved(const struct req *r, struct resp *p)
{
	static const char		 old[] = PREFIX "/campaigns";
	const struct campaign_file	*file;
	const char			*rest = r->path + sizeof(old) - 1;
	char				 to[256], id[32], name[32], tail;

	if (strncmp(r->path, old, sizeof(old) - 1) != 0 ||
	    (*rest != '\0' && *rest != '/') || strlen(rest) > 128)
		return 0;
	if (strcmp(rest, "/new") == 0)
		rest = "/nouvelle";
	else if (sscanf(rest, "/%18[0-9]/%31[a-z.]%c", id, name,
	    &tail) == 2 && (file = campaign_file_find(name, 1)) != NULL) {
		snprintf(to, sizeof(to), CAMPAIGNS_PREFIX "/%s/%s", id,
		    file->name);
		http_moved(r, p, to);
		return 1;
	}
	snprintf(to, sizeof(to), CAMPAIGNS_PREFIX "%s", rest);
	http_moved(r, p, to);
	return 1;
}

void
referent_handle(struct referent *rf, struct req *r, struct resp *p)
{
	const struct campaign_file	*file;
	struct staff_user		 u;
	char				 id[32], name[32], tail;
	enum publish_action		 action;
	int				 n;

	http_resp_reset(p);
	/* No form of the previous request is held any more. */
	formcache_trim(rf->forms);
	if (moved(r, p) || !staff_request(rf->staff, r, p, &u))
		return;
	if (u.role == STAFF_ENQUIRER) {
		message(rf, p, &u, 403, "Accès réservé", "Cet espace est réservé "
		    "aux référents qualité et aux administrateurs.");
		return;
	}
	if (comments_handle(rf->comments, &u, r, p) ||
	    campaigns_handle(rf->campaigns, &u, r, p) ||
	    lifecycle_handle(rf->lifecycle, &u, r, p) ||
	    slots_handle(rf->slots, &u, r, p) ||
	    rhythm_handle(rf->rhythm, &u, r, p) ||
	    progress_handle(rf->progress, &u, r, p) ||
	    revisions_handle(rf->revisions, &u, r, p) ||
	    planning_handle(rf->planning, &u, r, p) ||
	    services_handle(rf->services, &u, r, p) ||
	    referentials_handle(rf->referentials, &u, r, p) ||
	    admin_handle(rf->admin, &u, r, p) ||
	    people_handle(rf->people, &u, r, p) ||
	    national_handle(rf->national, &u, r, p) ||
	    together_handle(rf->together, &u, r, p) ||
	    selfassess_handle(rf->selfassess, &u, r, p) ||
	    actions_handle(rf->actions, &u, r, p) ||
	    report_handle(rf->report, &u, r, p) ||
	    indicators_handle(rf->indicators, &u, r, p))
		return;
	if ((action = publish_path(r->path, id, sizeof(id))) != PUBLISH_NONE) {
		campaign_publish(rf, &u, r, p, id, action);
		return;
	}
	if (r->method != HTTP_GET && r->method != HTTP_HEAD) {
		p->status = 405;
		p->allow = "GET, HEAD";
		return;
	}
	if (strcmp(r->path, PREFIX "/") == 0) {
		home(rf, &u, p);
		return;
	}
	n = sscanf(r->path, CAMPAIGNS_PREFIX "/%18[0-9]%c", id, &tail);
	if (n == 1 && http_id_parse(id, NULL)) {
		campaign_page(rf, &u, r, p, id);
		return;
	}
	n = sscanf(r->path, CAMPAIGNS_PREFIX "/%18[0-9]/%31[a-z.]%c", id,
	    name, &tail);
	if (n == 2 && http_id_parse(id, NULL) &&
	    (file = campaign_file_find(name, 0)) != NULL) {
		campaign_file(rf, &u, r, p, id, file);
		return;
	}
	message(rf, p, &u, 404, "Page introuvable", "Cette page n’existe pas.");
}
