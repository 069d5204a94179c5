/* The rhythm of a campaign's web responses, and the periods set aside. */
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
#include "fields.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "results.h"
#include "rhythm.h"
#include "staff.h"
#include "stats.h"
#include "utf8.h"
#include "xmalloc.h"

/* "YYYY-MM-DDTHH:MM", as an <input type="datetime-local"> sends it. */
#define MOMENT_LEN	16

enum stmt {
	STMT_CAMPAIGN,
	STMT_HOURS,
	STMT_CHECKS,
	STMT_PERIODS,
	STMT_SET_ASIDE,
	STMT_LIFT,
	STMT__MAX
};

static const struct db_stmt rh_stmts[STMT__MAX] = {
	/* The policies keep all of these to the user's sites. */
	[STMT_CAMPAIGN] = { "rhythm_campaign",
	    "SELECT c.title, s.name AS site,"
	    " to_char(now() AT TIME ZONE s.timezone,"
	    "  'YYYY-MM-DD\"T\"HH24:MI') AS now"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE c.id = $1::bigint AND c.kind = 'satisfaction'", 1 },
	/* Web responses per hour at the site, and those set aside: sums
	   of the quarters of an hour kept as they arrive (sql/043). */
	[STMT_HOURS] = { "rhythm_hours",
	    "SELECT to_char(k.slot AT TIME ZONE s.timezone,"
	    "  'YYYY-MM-DD\"T\"HH24') AS hour, sum(k.n)::bigint AS n,"
	    " sum(k.set_aside)::bigint AS aside"
	    " FROM qualimetre.response_slot_count k"
	    " JOIN qualimetre.campaign c ON c.id = k.campaign_id"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " WHERE k.campaign_id = $1::bigint AND k.channel = 'web'"
	    " GROUP BY 1 HAVING sum(k.n) <> 0 ORDER BY 1", 1 },
	[STMT_CHECKS] = { "rhythm_checks",
	    "SELECT 'fast' AS what, coalesce(sum(count), 0) AS n"
	    " FROM qualimetre.submission_check"
	    " WHERE campaign_id = $1::bigint AND reason = 'fast'"
	    " UNION ALL SELECT 'late', coalesce(sum(count), 0)"
	    " FROM qualimetre.submission_check"
	    " WHERE campaign_id = $1::bigint AND reason = 'late'"
	    " UNION ALL SELECT 'confirmed', coalesce(sum(confirmed), 0)"
	    " FROM qualimetre.response_count WHERE campaign_id = $1::bigint"
	    " UNION ALL SELECT 'periods', count(*) FROM qualimetre.set_aside"
	    " WHERE campaign_id = $1::bigint AND lifted_at IS NULL"
	    " UNION ALL SELECT 'aside', coalesce(sum(set_aside), 0)"
	    " FROM qualimetre.response_count"
	    " WHERE campaign_id = $1::bigint", 1 },
	[STMT_PERIODS] = { "rhythm_periods",
	    "SELECT w.id,"
	    " to_char(lower(w.period) AT TIME ZONE s.timezone,"
	    "  'YYYY-MM-DD\"T\"HH24:MI') AS first,"
	    " to_char(upper(w.period) AT TIME ZONE s.timezone,"
	    "  'YYYY-MM-DD\"T\"HH24:MI') AS last, w.reason,"
	    " d.display_name AS decided_by,"
	    " to_char(w.decided_at AT TIME ZONE s.timezone,"
	    "  'YYYY-MM-DD\"T\"HH24:MI') AS decided_at,"
	    " l.display_name AS lifted_by,"
	    " to_char(w.lifted_at AT TIME ZONE s.timezone,"
	    "  'YYYY-MM-DD\"T\"HH24:MI') AS lifted_at,"
	    " (SELECT count(*) FROM qualimetre.response r"
	    "  WHERE r.campaign_id = w.campaign_id AND r.channel = 'web'"
	    "  AND r.submitted_at <@ w.period) AS n"
	    " FROM qualimetre.set_aside w"
	    " JOIN qualimetre.campaign c ON c.id = w.campaign_id"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " JOIN qualimetre.app_user d ON d.id = w.decided_by"
	    " LEFT JOIN qualimetre.app_user l ON l.id = w.lifted_by"
	    " WHERE w.campaign_id = $1::bigint"
	    " ORDER BY lower(w.period), w.id", 1 },
	/*
	 * Sets aside [$2, $3) of campaign $1, given in the site's time, for
	 * reason $4, as user $5 ($6 their login), with a line in the audit
	 * log: only a period over, holding web responses. Says whether it
	 * was over, how many responses it holds and the new id (NULL when
	 * nothing was written). An overlap is refused by the database.
	 */
	[STMT_SET_ASIDE] = { "rhythm_set_aside",
	    "WITH p AS (SELECT c.id, tstzrange("
	    "  $2::timestamp AT TIME ZONE s.timezone,"
	    "  $3::timestamp AT TIME ZONE s.timezone, '[)') AS period"
	    "  FROM qualimetre.campaign c"
	    "  JOIN qualimetre.site s ON s.id = c.site_id"
	    "  WHERE c.id = $1::bigint AND c.kind = 'satisfaction'),"
	    " k AS (SELECT p.id, p.period, upper(p.period) <= now() AS over,"
	    "  (SELECT count(*) FROM qualimetre.response r"
	    "   WHERE r.campaign_id = p.id AND r.channel = 'web'"
	    "   AND r.submitted_at <@ p.period) AS n FROM p),"
	    " w AS (INSERT INTO qualimetre.set_aside"
	    "  (campaign_id, period, reason, decided_by)"
	    "  SELECT id, period, $4, $5::bigint FROM k"
	    "  WHERE over AND n > 0 RETURNING id),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail)"
	    "  SELECT $5::bigint, $6, 'set-aside', 'campaign ' || $1 ||"
	    "  ' period ' || w.id || ' ' || k.period::text || ': ' ||"
	    "  k.n || ' web responses left out of the rates'"
	    "  FROM k, w)"
	    " SELECT k.over, k.n, (SELECT id FROM w) AS id FROM k", 6 },
	/* Lifts period $2 of campaign $1 as user $3 ($4 their login). */
	[STMT_LIFT] = { "rhythm_lift",
	    "WITH w AS (UPDATE qualimetre.set_aside"
	    "  SET lifted_by = $3::bigint, lifted_at = now()"
	    "  WHERE id = $2::bigint AND campaign_id = $1::bigint"
	    "  AND lifted_at IS NULL RETURNING id, period),"
	    " a AS (INSERT INTO qualimetre.audit_log"
	    "  (user_id, login, event, detail)"
	    "  SELECT $3::bigint, $4, 'set-aside-lifted', 'campaign ' || $1 ||"
	    "  ' period ' || w.id || ' ' || w.period::text FROM w)"
	    " SELECT id FROM w", 4 },
};

struct rhythm {
	struct db	*db;
	struct staff	*staff;
	size_t		 base;		/* of rh_stmts in db */
};

/* One hour of responses. */
struct rh_hour {
	char		 hour[14];	/* "YYYY-MM-DDTHH", at the site */
	long long	 n;
	long long	 aside;		/* of them, set aside */
	int		 burst;
};

/* A campaign's hours, read and judged. */
struct rh_hours {
	struct rh_hour		*h;
	size_t			 n;
	struct stats_rhythm	 rhythm;
};

/* The period form, as sent. */
enum rh_err {
	E_FIRST,
	E_LAST,
	E_PERIOD,
	E_REASON,
	E__MAX
};

struct rh_input {
	const char		*first, *last, *reason;
	struct fields_errors	 errs;
};

struct rhythm *
rhythm_create(struct db *db, struct staff *staff)
{
	struct rhythm	*rh;

	rh = xcalloc(1, sizeof(*rh));
	rh->db = db;
	rh->staff = staff;
	rh->base = db_register(db, rh_stmts, STMT__MAX);
	return rh;
}

void
rhythm_free(struct rhythm *rh)
{
	free(rh);
}

/* Runs statement stmt of rh as u with params; NULL when unavailable. */
static PGresult *
rh_exec(struct rhythm *rh, const struct staff_user *u, enum stmt stmt,
    const char *const *params, char *sqlstate, enum db_status *status)
{
	PGresult	*res = NULL;
	char		*cause = NULL;
	enum db_status	 rc;

	rc = db_exec_as(rh->db, u->session, rh->base + stmt, params, &res,
	    sqlstate, &cause);
	if (status != NULL)
		*status = rc;
	if (rc != DB_OK) {
		if (rc != DB_REFUSED || status == NULL)
			log_warnx("%s for %s: %s", rh_stmts[stmt].name,
			    u->login, cause);
		free(cause);
		return NULL;
	}
	return res;
}

/*
 * Writes "3 mai 2026 à 14 h 05" for "2026-05-03T14:05", escaped (the
 * database wrote it: digits only); anything else as it is, escaped.
 */
static void
put_moment(struct buf *b, const char *m)
{
	char	day[11];

	if (strlen(m) != MOMENT_LEN) {
		html_puts(b, m);
		return;
	}
	memcpy(day, m, 10);
	day[10] = '\0';
	page_date(b, day);
	buf_puts(b, " à ");
	html_put(b, m + 11, 2);
	buf_puts(b, CHART_NBSP "h" CHART_NBSP);
	html_put(b, m + 14, 2);
}

/* Reads and judges the hours of campaign id; -1 when unavailable. */
static int
hours_load(struct rhythm *rh, const struct staff_user *u, const char *id,
    struct rh_hours *out)
{
	const char	*params[1] = { id };
	PGresult	*res;
	long long	*counts;
	int		*flags, rc;
	char		 sqlstate[6];
	size_t		 i;

	memset(out, 0, sizeof(*out));
	if ((res = rh_exec(rh, u, STMT_HOURS, params, sqlstate, NULL)) ==
	    NULL)
		return -1;
	out->n = (size_t)PQntuples(res);
	out->h = xcalloc(out->n + 1, sizeof(*out->h));
	counts = xcalloc(out->n + 1, sizeof(*counts));
	flags = xcalloc(out->n + 1, sizeof(*flags));
	for (i = 0; i < out->n; i++) {
		snprintf(out->h[i].hour, sizeof(out->h[i].hour), "%s",
		    db_value(res, (int)i, "hour"));
		out->h[i].n = strtoll(db_value(res, (int)i, "n"), NULL, 10);
		out->h[i].aside = strtoll(db_value(res, (int)i, "aside"),
		    NULL, 10);
		counts[i] = out->h[i].n;
	}
	PQclear(res);
	if ((rc = stats_bursts(counts, out->n, RHYTHM_BURST_ALPHA,
	    RHYTHM_BURST_MIN, flags, &out->rhythm)) != 0)
		log_warnx("bursts of campaign %s: %s", id,
		    stats_strerror(rc));
	else
		for (i = 0; i < out->n; i++)
			out->h[i].burst = flags[i];
	free(counts);
	free(flags);
	return 0;
}

int
rhythm_summarize(struct rhythm *rh, const struct staff_user *u,
    const char *id, struct rhythm_summary *out)
{
	const char	*params[1] = { id }, *what;
	struct rh_hours	 hours;
	PGresult	*res;
	char		 sqlstate[6];
	long long	 n;
	size_t		 i;
	int		 k;

	memset(out, 0, sizeof(*out));
	if ((res = rh_exec(rh, u, STMT_CHECKS, params, sqlstate, NULL)) ==
	    NULL)
		return -1;
	for (k = 0; k < PQntuples(res); k++) {
		what = db_value(res, k, "what");
		n = strtoll(db_value(res, k, "n"), NULL, 10);
		if (strcmp(what, "fast") == 0)
			out->fast = n;
		else if (strcmp(what, "late") == 0)
			out->late = n;
		else if (strcmp(what, "confirmed") == 0)
			out->confirmed = n;
		else if (strcmp(what, "periods") == 0)
			out->periods = n;
		else if (strcmp(what, "aside") == 0)
			out->set_aside = n;
	}
	PQclear(res);
	if (hours_load(rh, u, id, &hours) == -1)
		return -1;
	/* A burst wholly set aside is dealt with. */
	for (i = 0; i < hours.n; i++)
		if (hours.h[i].burst && hours.h[i].aside < hours.h[i].n)
			out->bursts++;
	free(hours.h);
	return 0;
}

void
rhythm_summary_put(struct buf *b, const struct rhythm_summary *s,
    const char *id)
{
	int	any = s->fast + s->late + s->bursts + s->periods > 0;

	buf_printf(b, "<div class=\"fr-callout fr-mb-4w%s\" id=\"rythme\">\n"
	    "<h2 class=\"fr-callout__title fr-h5\">Contrôle des envois</h2>\n"
	    "<p class=\"fr-callout__text\">", s->bursts > 0 ?
	    " fr-callout--orange-terre-battue" : "");
	if (!any)
		buf_puts(b, "Aucun pic inhabituel de réponses, aucune période "
		    "écartée, aucun envoi présenté à confirmation.");
	else {
		if (s->bursts > 0) {
			chart_put_counted(b, s->bursts, "heure a reçu",
			    "heures ont reçu");
			buf_puts(b, " bien plus de réponses que le rythme "
			    "habituel de la campagne, sans avoir été "
			    "écartée" CHART_NBSP ". ");
		}
		if (s->periods > 0) {
			chart_put_counted(b, s->set_aside, "réponse est écartée",
			    "réponses sont écartées");
			buf_puts(b, " des taux (");
			chart_put_counted(b, s->periods, "période", "périodes");
			buf_puts(b, "). ");
		}
		if (s->fast + s->late > 0) {
			chart_put_counted(b, s->fast + s->late, "envoi a été présenté",
			    "envois ont été présentés");
			buf_puts(b, " à confirmation (");
			chart_put_count(b, s->fast);
			buf_puts(b, " trop rapides, ");
			chart_put_count(b, s->late);
			buf_puts(b, " tardifs) ; ");
			chart_put_counted(b, s->confirmed, "réponse a été enregistrée",
			    "réponses ont été enregistrées");
			buf_puts(b, " après confirmation.");
		}
	}
	buf_printf(b, "</p>\n<p class=\"fr-mb-0\"><a class=\"fr-link\" "
	    "href=\"" CAMPAIGNS_PREFIX "/%s/rythme\">Rythme des réponses et "
	    "périodes écartées</a></p>\n</div>\n", id);
}

/* "3 mai 2026 à 14 h 05" for "2026-05-03T14:05", into a string. */
static void
moment_text(const char *m, char *out, size_t size)
{
	struct buf	b;

	memset(&b, 0, sizeof(b));
	put_moment(&b, m);
	snprintf(out, size, "%s", b.data != NULL ? b.data : "");
	buf_free(&b);
}

int
rhythm_notes(struct rhythm *rh, const struct staff_user *u, const char *id,
    struct results *r, struct rhythm_summary *summary)
{
	const char		*params[1] = { id };
	struct rhythm_summary	 s;
	PGresult		*res;
	char			 sqlstate[6], first[64], last[64], at[64];
	int			 i;

	if ((res = rh_exec(rh, u, STMT_PERIODS, params, sqlstate, NULL)) ==
	    NULL)
		return -1;
	for (i = 0; i < PQntuples(res); i++) {
		if (!PQgetisnull(res, i, PQfnumber(res, "lifted_at")))
			continue;
		moment_text(db_value(res, i, "first"), first, sizeof(first));
		moment_text(db_value(res, i, "last"), last, sizeof(last));
		moment_text(db_value(res, i, "decided_at"), at, sizeof(at));
		results_note(r, "Du %s au %s, %s réponse%s par internet "
		    "%s écartée%s des taux par %s le %s : « %s ».", first,
		    last, db_value(res, i, "n"), strcmp(db_value(res, i, "n"),
		    "1") ? "s" : "", strcmp(db_value(res, i, "n"), "1") ?
		    "ont été" : "a été", strcmp(db_value(res, i, "n"), "1") ?
		    "s" : "", db_value(res, i, "decided_by"), at,
		    db_value(res, i, "reason"));
	}
	PQclear(res);
	if (rhythm_summarize(rh, u, id, &s) == -1)
		return -1;
	*summary = s;
	if (s.bursts > 0)
		results_note(r, "À vérifier : %lld heure%s %s reçu bien plus "
		    "de réponses que le rythme habituel de la campagne, sans "
		    "avoir été écartée%s.", s.bursts, s.bursts > 1 ? "s" : "",
		    s.bursts > 1 ? "ont" : "a", s.bursts > 1 ? "s" : "");
	return 0;
}

/* ---------------------------------------------------------------- page */


/* The days of hours: their dates and totals, and whether any hour of
   the day is a burst. Returns the number of days. */
static size_t
days_of(const struct rh_hours *hours, const char ***days, long long **n,
    int **flags)
{
	size_t	i, k = 0;

	*days = xcalloc(hours->n + 1, sizeof(**days));
	*n = xcalloc(hours->n + 1, sizeof(**n));
	*flags = xcalloc(hours->n + 1, sizeof(**flags));
	for (i = 0; i < hours->n; i++) {
		if (k == 0 || strncmp((*days)[k - 1], hours->h[i].hour, 10))
			(*days)[k++] = hours->h[i].hour;
		(*n)[k - 1] += hours->h[i].n;
		(*flags)[k - 1] |= hours->h[i].burst;
	}
	return k;
}

/* The responses per day: the chart, and the table behind a summary. */
static void
page_days(struct buf *b, const struct rh_hours *hours)
{
	const char	**days;
	long long	 *n;
	int		 *flags;
	size_t		  nd, i;

	buf_puts(b, "<h2>Réponses par internet, jour par jour</h2>\n");
	if (hours->n == 0) {
		buf_puts(b, "<p>Aucune réponse par internet pour le "
		    "moment.</p>\n");
		return;
	}
	nd = days_of(hours, &days, &n, &flags);
	chart_days(b, days, n, flags, nd, "jours");
	buf_puts(b, "<details class=\"fr-mb-4w\">\n<summary>Tableau des "
	    "réponses par jour</summary>\n<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n"
	    "<caption>Réponses par internet, par jour</caption>\n<thead><tr>"
	    "<th scope=\"col\">Jour</th><th scope=\"col\">Réponses</th>"
	    "<th scope=\"col\">Pic inhabituel</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < nd; i++) {
		buf_puts(b, "<tr><td>");
		html_put(b, days[i], 10);
		buf_puts(b, "</td><td>");
		chart_put_count(b, n[i]);
		buf_printf(b, "</td><td>%s</td></tr>\n", flags[i] ? "oui" : "");
	}
	buf_puts(b, "</tbody>\n</table>\n"
	    HTML_TABLE_BOXES_END "</div>\n</details>\n");
	free(days);
	free(n);
	free(flags);
}

/* The hours flagged, each with a link that prepares its period. */
static void
page_bursts(struct buf *b, const struct rh_hours *hours, const char *id)
{
	/* Room for any int in "%02d": gcc cannot see that h is an hour. */
	char	 num[CHART_NUMBER_MAX], first[MOMENT_LEN + 16];
	char	 last[MOMENT_LEN + 16], day[11];
	long	 d;
	size_t	 i;
	int	 h;

	buf_puts(b, "<h2>Pics inhabituels</h2>\n<p>Une heure est signalée "
	    "quand elle reçoit au moins ");
	chart_put_count(b, hours->rhythm.threshold);
	buf_puts(b, " réponses, alors que la campagne en reçoit d’habitude ");
	chart_number(hours->rhythm.baseline, 1, num, sizeof(num));
	buf_puts(b, num);
	buf_puts(b, " par heure où elle en reçoit (la médiane) : un tel "
	    "nombre n’arrive pas une fois sur un million par le hasard des "
	    "visites. Un pic peut avoir une raison légitime (une matinée "
	    "d’affluence, une tablette relevée en fin de journée) : "
	    "vérifiez avant d’écarter.</p>\n");
	if (hours->rhythm.bursts == 0) {
		buf_puts(b, "<p>Aucune heure n’est signalée.</p>\n");
		return;
	}
	buf_puts(b, "<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n<caption>Heures "
	    "signalées</caption>\n<thead><tr><th scope=\"col\">Heure</th>"
	    "<th scope=\"col\">Réponses</th><th scope=\"col\">Dont écartées"
	    "</th><th scope=\"col\">Action</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < hours->n; i++) {
		if (!hours->h[i].burst)
			continue;
		memcpy(day, hours->h[i].hour, 10);
		day[10] = '\0';
		h = atoi(hours->h[i].hour + 11);
		snprintf(first, sizeof(first), "%sT%02d:00", day, h);
		/* The next hour, the next day after 23 h. */
		if (h == 23 && cal_parse(day, &d) == 0 &&
		    cal_format(d + 1, day) == 0)
			snprintf(last, sizeof(last), "%sT00:00", day);
		else
			snprintf(last, sizeof(last), "%sT%02d:00", day, h + 1);
		buf_puts(b, "<tr><td>");
		put_moment(b, first);
		buf_puts(b, "</td><td>");
		chart_put_count(b, hours->h[i].n);
		buf_puts(b, "</td><td>");
		chart_put_count(b, hours->h[i].aside);
		buf_puts(b, "</td><td>");
		if (hours->h[i].aside < hours->h[i].n)
			buf_printf(b, "<a class=\"fr-link\" href=\""
			    CAMPAIGNS_PREFIX "/%s/rythme?debut=%s&amp;fin=%s"
			    "#ecarter\">Préparer l’écart de cette heure</a>",
			    id, first, last);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

/* The sends the survey program asked to confirm. */
static void
page_checks(struct buf *b, const struct rhythm_summary *s)
{
	buf_puts(b, "<h2>Envois présentés à confirmation</h2>\n<p>Un envoi "
	    "arrivé moins de 3 secondes après l’affichage du questionnaire "
	    "(et moins d’une seconde par réponse donnée), ou plus de deux "
	    "jours après, n’est pas enregistré tout de suite : la personne "
	    "retrouve ses réponses et confirme. Depuis l’ouverture : ");
	chart_put_count(b, s->fast);
	buf_puts(b, " trop rapides, ");
	chart_put_count(b, s->late);
	buf_puts(b, " tardifs ; ");
	chart_put_counted(b, s->confirmed, "réponse enregistrée",
	    "réponses enregistrées");
	buf_puts(b, " après confirmation.</p>\n");
}

/* The periods set aside, in force or lifted, with their trace. */
static void
page_periods(struct buf *b, const struct staff_user *u, PGresult *res,
    const char *id)
{
	int	i, lifted;

	buf_puts(b, "<h2>Périodes écartées</h2>\n");
	if (PQntuples(res) == 0) {
		buf_puts(b, "<p>Aucune période n’a été écartée.</p>\n");
		return;
	}
	buf_puts(b, "<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n<caption>Périodes "
	    "écartées des taux</caption>\n<thead><tr><th scope=\"col\">"
	    "Période</th><th scope=\"col\">Réponses</th><th scope=\"col\">"
	    "Motif</th><th scope=\"col\">Décision</th><th scope=\"col\">"
	    "État</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < PQntuples(res); i++) {
		lifted = !PQgetisnull(res, i, PQfnumber(res, "lifted_at"));
		buf_puts(b, "<tr><td>du ");
		put_moment(b, db_value(res, i, "first"));
		buf_puts(b, " au ");
		put_moment(b, db_value(res, i, "last"));
		buf_puts(b, "</td><td>");
		chart_put_count(b, strtoll(db_value(res, i, "n"), NULL, 10));
		buf_puts(b, "</td><td>");
		html_puts(b, db_value(res, i, "reason"));
		buf_puts(b, "</td><td>");
		html_puts(b, db_value(res, i, "decided_by"));
		buf_puts(b, ", le ");
		put_moment(b, db_value(res, i, "decided_at"));
		buf_puts(b, "</td><td>");
		if (lifted) {
			buf_puts(b, "Levée par ");
			html_puts(b, db_value(res, i, "lifted_by"));
			buf_puts(b, ", le ");
			put_moment(b, db_value(res, i, "lifted_at"));
		} else {
			buf_printf(b, "En vigueur<form method=\"post\" "
			    "action=\"" CAMPAIGNS_PREFIX "/%s/rythme/%s/lever\">",
			    id, db_value(res, i, "id"));
			staff_csrf_input(b, u);
			buf_puts(b, "<button class=\"fr-btn fr-btn--sm "
			    "fr-btn--tertiary fr-mt-1w\" type=\"submit\">Lever "
			    "l’écart</button></form>");
		}
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

/* The form that sets a period aside, filled with in, errors shown. */
static void
page_form(struct buf *b, const struct staff_user *u, const char *id,
    const struct rh_input *in, const char *now)
{
	static const char *const labels[E__MAX] = { "Début", "Fin",
	    "Période", "Motif" };
	static const char *const anchors[E__MAX] = { "debut", "fin",
	    "debut", "motif" };
	const struct fields_errors *e = &in->errs;
	char	 hint[160], attrs[64];

	buf_puts(b, "<h2 id=\"ecarter\">Écarter une période</h2>\n<p>Les "
	    "réponses arrivées par internet pendant la période restent "
	    "enregistrées, mais ne comptent plus dans les taux, l’affiche ni "
	    "les exports de résultats. La décision est enregistrée avec "
	    "votre nom, la date et le motif, figure dans les exports et peut "
	    "être levée.</p>\n");
	fields_summary(b, e, "Écarter une période", labels, anchors, E__MAX,
	    e->nerrors > 0 ? FIELDS_AUTOFOCUS : 0);
	buf_printf(b, "<form method=\"post\" action=\"" CAMPAIGNS_PREFIX
	    "/%s/rythme\" novalidate>\n", id);
	staff_csrf_input(b, u);
	snprintf(hint, sizeof(hint), "<span class=\"fr-hint-text\">Heure "
	    "du site, incluse.</span>");
	snprintf(attrs, sizeof(attrs), " max=\"%.16s\"", now);
	page_field_input(b, "debut", "debut", "datetime-local", attrs,
	    "Début de la période", hint, in->first, e->error[E_FIRST],
	    e->error[E_PERIOD], "debut-periode-error");
	snprintf(hint, sizeof(hint), "<span class=\"fr-hint-text\">Exclue "
	    ": une réponse arrivée à cette heure précise compte encore. "
	    "Au plus %d jours après le début, et déjà passée.</span>",
	    RHYTHM_PERIOD_DAYS_MAX);
	page_field_input(b, "fin", "fin", "datetime-local", attrs,
	    "Fin de la période", hint, in->last, e->error[E_LAST],
	    e->error[E_PERIOD], "debut-periode-error");
	if (e->error[E_PERIOD] != NULL)
		page_field_error(b, e->error[E_PERIOD], "debut-periode");
	buf_printf(b, "<div class=\"fr-input-group%s\">\n<label "
	    "class=\"fr-label\" for=\"motif\">Motif<span "
	    "class=\"fr-hint-text\">Ce qui justifie l’écart, tel qu’un "
	    "auditeur le lira (%d à %d caractères).</span></label>\n"
	    "<textarea class=\"fr-input\" id=\"motif\" name=\"motif\" "
	    "rows=\"3\" maxlength=\"%d\"", e->error[E_REASON] != NULL ?
	    " fr-input-group--error" : "", RHYTHM_REASON_MIN,
	    RHYTHM_REASON_MAX, RHYTHM_REASON_MAX);
	page_field_described(b, e->error[E_REASON], "motif", NULL, NULL);
	buf_puts(b, ">");
	if (in->reason != NULL)
		html_puts(b, in->reason);
	buf_puts(b, "</textarea>\n");
	page_field_error(b, e->error[E_REASON], "motif");
	buf_puts(b, "</div>\n<button class=\"fr-btn\" type=\"submit\">"
	    "Écarter ces réponses</button>\n</form>\n");
}

/*
 * The rhythm page of campaign id (title, site and now read), with the
 * form filled with in; status is 200, or 400 when in has errors.
 */
static void
page(struct rhythm *rh, const struct staff_user *u, const struct req *r,
    struct resp *p, const char *id, PGresult *camp, struct rh_input *in,
    int status)
{
	const char		*params[1] = { id };
	struct rhythm_summary	 s;
	struct rh_hours		 hours;
	struct buf		*b = &p->body;
	PGresult		*periods;
	char			 sqlstate[6], title[300], back[64];

	if (rhythm_summarize(rh, u, id, &s) == -1 ||
	    hours_load(rh, u, id, &hours) == -1) {
		staff_page_message(rh->staff, p, u, 503, "Service "
		    "momentanément indisponible", "Réessayez dans quelques "
		    "instants.", NULL, NULL);
		return;
	}
	if ((periods = rh_exec(rh, u, STMT_PERIODS, params, sqlstate,
	    NULL)) == NULL) {
		free(hours.h);
		staff_page_message(rh->staff, p, u, 503, "Service "
		    "momentanément indisponible", "Réessayez dans quelques "
		    "instants.", NULL, NULL);
		return;
	}
	snprintf(title, sizeof(title), "%sRythme des réponses — %s",
	    in->errs.nerrors > 0 ? "Erreur – " : "", db_value(camp, 0,
	    "title"));
	staff_page_open(rh->staff, p, u, title);
	p->status = status;
	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s", id);
	page_back_link(b, back, "Résultats de la campagne");
	buf_puts(b, "<h1>Rythme des réponses</h1>\n<p "
	    "class=\"fr-text--lead\">");
	html_puts(b, db_value(camp, 0, "title"));
	buf_puts(b, " — ");
	html_puts(b, db_value(camp, 0, "site"));
	buf_puts(b, "</p>\n");
	if (http_field_get(r, "ecartee") != NULL ||
	    http_field_get(r, "levee") != NULL)
		buf_printf(b, "<div class=\"fr-alert fr-alert--success "
		    "fr-alert--sm fr-mb-4w\" role=\"status\">\n<p>%s</p>\n"
		    "</div>\n", http_field_get(r, "ecartee") != NULL ?
		    "La période est écartée : ses réponses ne comptent plus "
		    "dans les taux." : "L’écart est levé : ses réponses "
		    "comptent de nouveau dans les taux.");
	page_checks(b, &s);
	page_days(b, &hours);
	page_bursts(b, &hours, id);
	page_periods(b, u, periods, id);
	page_form(b, u, id, in, db_value(camp, 0, "now"));
	page_end(b);
	PQclear(periods);
	free(hours.h);
}

/* ---------------------------------------------------------------- input */

/* Whether s is "YYYY-MM-DDTHH:MM" naming a minute that exists; sets
   *minute to minutes since the calendar's epoch. */
static int
moment_parse(const char *s, long long *minute)
{
	char	day[11];
	long	d;
	int	h, m;

	if (strlen(s) != MOMENT_LEN || s[10] != 'T' || s[13] != ':' ||
	    strspn(s + 11, "0123456789") != 2 ||
	    strspn(s + 14, "0123456789") != 2)
		return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	h = (s[11] - '0') * 10 + (s[12] - '0');
	m = (s[14] - '0') * 10 + (s[15] - '0');
	if (cal_parse(day, &d) == -1 || h > 23 || m > 59)
		return 0;
	*minute = ((long long)d * 24 + h) * 60 + m;
	return 1;
}

static int
v_first(void *arg, const char *v)
{
	((struct rh_input *)arg)->first = v;
	return 1;
}

static int
v_last(void *arg, const char *v)
{
	((struct rh_input *)arg)->last = v;
	return 1;
}

static int
v_reason(void *arg, const char *v)
{
	struct rh_input	*in = arg;

	in->reason = v;
	return fields_text(&in->errs, E_REASON, v, RHYTHM_REASON_MAX,
	    "Le motif");
}

static const struct fields_field rh_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "debut",	v_first,	0, E_FIRST },
	{ "fin",	v_last,		0, E_LAST },
	{ "motif",	v_reason,	0, E_REASON },
};
#define RH_NFIELDS	(sizeof(rh_fields) / sizeof(rh_fields[0]))

/* Checks the period form: each field, then the two moments together. */
static void
read_input(const struct req *r, struct rh_input *in)
{
	struct fields_errors	*e = &in->errs;
	long long		 first = 0, last = 0;
	int			 ok_first, ok_last;

	fields_read(r, rh_fields, RH_NFIELDS, 0, in, e);
	ok_first = in->first != NULL && moment_parse(in->first, &first);
	ok_last = in->last != NULL && moment_parse(in->last, &last);
	if (in->first == NULL || utf8_blank(in->first))
		fields_fail(e, E_FIRST, "Indiquez le début de la période.");
	else if (!ok_first)
		fields_fail(e, E_FIRST, "Indiquez un début qui existe, au "
		    "format AAAA-MM-JJTHH:MM (par exemple 2026-05-03T02:00).");
	if (in->last == NULL || utf8_blank(in->last))
		fields_fail(e, E_LAST, "Indiquez la fin de la période.");
	else if (!ok_last)
		fields_fail(e, E_LAST, "Indiquez une fin qui existe, au "
		    "format AAAA-MM-JJTHH:MM (par exemple 2026-05-03T03:00).");
	if (ok_first && ok_last) {
		if (last <= first)
			fields_fail(e, E_PERIOD, "La fin de la période doit "
			    "suivre son début.");
		else if (last - first > RHYTHM_PERIOD_DAYS_MAX * 24LL * 60)
			fields_fail(e, E_PERIOD, "Une période écartée dure au "
			    "plus %d jours.", RHYTHM_PERIOD_DAYS_MAX);
	}
	if (in->reason == NULL || utf8_blank(in->reason))
		fields_fail(e, E_REASON, "Indiquez le motif de l’écart.");
	else if (utf8_length(in->reason, strlen(in->reason)) < RHYTHM_REASON_MIN)
		fields_fail(e, E_REASON, "Le motif doit faire au moins %d "
		    "caractères.", RHYTHM_REASON_MIN);
}

/* ---------------------------------------------------------------- actions */

static void
refused(struct rhythm *rh, struct resp *p, const struct staff_user *u,
    int status, const char *id, const char *title, const char *text)
{
	char	back[64];

	snprintf(back, sizeof(back), CAMPAIGNS_PREFIX "/%s/rythme", id);
	staff_page_message(rh->staff, p, u, status, title, text, back,
	    "Retour au rythme des réponses");
}

/* POST: sets a period aside, or shows the form again with its errors. */
static void
set_aside(struct rhythm *rh, const struct staff_user *u, struct req *r,
    struct resp *p, const char *id, PGresult *camp)
{
	struct rh_input	 in;
	const char	*params[6];
	char		 uid[32], sqlstate[6];
	PGresult	*res;
	enum db_status	 rc;

	memset(&in, 0, sizeof(in));
	read_input(r, &in);
	if (in.errs.nerrors > 0) {
		page(rh, u, r, p, id, camp, &in, 400);
		fields_free(&in.errs);
		return;
	}
	snprintf(uid, sizeof(uid), "%lld", u->id);
	params[0] = id;
	params[1] = in.first;
	params[2] = in.last;
	params[3] = in.reason;
	params[4] = uid;
	params[5] = u->login;
	res = rh_exec(rh, u, STMT_SET_ASIDE, params, sqlstate, &rc);
	if (res == NULL && rc == DB_REFUSED && strcmp(sqlstate, "23P01") == 0)
		fields_fail(&in.errs, E_PERIOD, "Cette période chevauche une "
		    "période déjà écartée : levez d’abord l’écart en vigueur, "
		    "ou choisissez d’autres heures.");
	else if (res == NULL) {
		if (rc == DB_REFUSED)
			log_warnx("set aside in campaign %s by %s: SQLSTATE %s",
			    id, u->login, sqlstate);
		refused(rh, p, u, rc == DB_REFUSED ? 500 : 503, id,
		    "Période non écartée", "La période n’a pas pu être "
		    "écartée ; rien n’a été modifié. Réessayez dans quelques "
		    "instants.");
		fields_free(&in.errs);
		return;
	} else if (PQntuples(res) != 1)
		fields_form_fail(&in.errs, "Cette campagne n’accepte pas "
		    "d’écart.");
	else if (strcmp(db_value(res, 0, "over"), "t") != 0)
		fields_fail(&in.errs, E_PERIOD, "La période n’est pas encore "
		    "terminée : seules des réponses déjà arrivées peuvent être "
		    "écartées.");
	else if (strcmp(db_value(res, 0, "n"), "0") == 0)
		fields_fail(&in.errs, E_PERIOD, "Aucune réponse par internet "
		    "n’est arrivée pendant cette période : il n’y a rien à "
		    "écarter.");
	PQclear(res);
	if (in.errs.nerrors > 0) {
		page(rh, u, r, p, id, camp, &in, 400);
		fields_free(&in.errs);
		return;
	}
	p->status = 303;
	xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/rythme?ecartee=1", id);
}

/* POST: lifts period n. */
static void
lift(struct rhythm *rh, const struct staff_user *u, struct resp *p,
    const char *id, const char *n)
{
	const char	*params[4];
	char		 uid[32], sqlstate[6];
	PGresult	*res;
	int		 found;

	snprintf(uid, sizeof(uid), "%lld", u->id);
	params[0] = id;
	params[1] = n;
	params[2] = uid;
	params[3] = u->login;
	if ((res = rh_exec(rh, u, STMT_LIFT, params, sqlstate, NULL)) ==
	    NULL) {
		refused(rh, p, u, 503, id, "Service momentanément "
		    "indisponible", "Réessayez dans quelques instants : rien "
		    "n’a été modifié.");
		return;
	}
	found = PQntuples(res) == 1;
	PQclear(res);
	if (!found) {
		refused(rh, p, u, 404, id, "Écart introuvable", "Cet écart "
		    "n’existe pas dans cette campagne, ou il est déjà levé.");
		return;
	}
	p->status = 303;
	xasprintf(&p->location, CAMPAIGNS_PREFIX "/%s/rythme?levee=1", id);
}

/* ---------------------------------------------------------------- router */

int
rhythm_handle(struct rhythm *rh, const struct staff_user *u, struct req *r,
    struct resp *p)
{
	struct rh_input	 in;
	const char	*params[1];
	PGresult	*camp;
	char		 id[32], n[32], action[16], sqlstate[6], tail;
	int		 k, end, is_lift;

	/* %n, not a literal's match, tells that "/rythme" was there. */
	end = 0;
	k = sscanf(r->path, CAMPAIGNS_PREFIX "/%18[0-9]/rythme%n", id, &end);
	if (k == 1 && end > 0 && r->path[end] == '\0')
		is_lift = 0;
	else if (k == 1 && end > 0 && sscanf(r->path + end, "/%18[0-9]"
	    "/%15[a-z]%c", n, action, &tail) == 2 &&
	    strcmp(action, "lever") == 0 && http_id_parse(n, NULL))
		is_lift = 1;
	else
		return 0;
	if (!http_id_parse(id, NULL))
		return 0;
	if (r->method == HTTP_OTHER || (is_lift && r->method != HTTP_POST)) {
		p->status = 405;
		p->allow = is_lift ? "POST" : "GET, HEAD, POST";
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		refused(rh, p, u, 403, id, "Action refusée", "Cette demande ne "
		    "vient pas d’une page de cette session : rien n’a été "
		    "modifié. Rechargez la page et recommencez.");
		return 1;
	}
	params[0] = id;
	if ((camp = rh_exec(rh, u, STMT_CAMPAIGN, params, sqlstate, NULL)) ==
	    NULL) {
		staff_page_message(rh->staff, p, u, 503, "Service "
		    "momentanément indisponible", "Réessayez dans quelques "
		    "instants : rien n’a été modifié.", NULL, NULL);
		return 1;
	}
	if (PQntuples(camp) != 1)
		staff_page_message(rh->staff, p, u, 404, "Campagne "
		    "introuvable", "Cette campagne n’existe pas, n’est pas une "
		    "enquête de satisfaction, ou n’est pas sur un site dont "
		    "vous avez la charge.", "/referent/", "Mes campagnes");
	else if (is_lift)
		lift(rh, u, p, id, n);
	else if (r->method == HTTP_POST)
		set_aside(rh, u, r, p, id, camp);
	else {
		memset(&in, 0, sizeof(in));
		in.first = http_field_get(r, "debut") != NULL ?
		    http_field_get(r, "debut")->val : NULL;
		in.last = http_field_get(r, "fin") != NULL ?
		    http_field_get(r, "fin")->val : NULL;
		page(rh, u, r, p, id, camp, &in, 200);
	}
	PQclear(camp);
	return 1;
}
