/* The public questionnaire: show, check, store, thank. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "answers.h"
#include "buf.h"
#include "db.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "info.h"
#include "lang.h"
#include "log.h"
#include "page.h"
#include "published.h"
#include "render.h"
#include "survey.h"
#include "token.h"
#include "valid.h"
#include "xmalloc.h"

#define PATH_PREFIX		"/enquete/"
/* The one field of the form on the page nginx makes when no worker
   answers: the body first sent, whole (etc/nginx.conf.in). */
#define HELD_BODY_FIELD		"_envoi"
#define SLUG_MAX		64
/* How long a worker trusts what it read of a campaign; the database's
   own policy still refuses a response to a closed campaign. */
#define CAMPAIGN_TTL		30
#define CAMPAIGN_CACHE		32
/* How fresh what a page nginx keeps is built from: what the database says
   now, not the cache above. nginx keeps the page until the end of the
   second it was built in (X-Accel-Expires), so that a campaign cancelled
   or changed shows within a second; under load, one request a second per
   page and language reaches the program. */
#define PAGE_CAMPAIGN_TTL	0
/* A person takes at least this long over a questionnaire, and at least
   TOKEN_SECONDS_PER_ANSWER per answer given: a send sooner after the page
   was served is asked to be confirmed, as is one older than
   TOKEN_MAX_AGE (a page left open for days). */
#define TOKEN_MIN_SECONDS	3
#define TOKEN_SECONDS_PER_ANSWER 1
#define TOKEN_MAX_AGE		(2 * 24 * 3600)
/* Clocks of the workers may differ by this much. */
#define TOKEN_CLOCK_SKEW	60

/* The languages of the pages that show no form: the catalogue's. */
static const char *const catalogue_langs[] = { "fr", "en" };

enum stmt {
	STMT_CAMPAIGN,
	STMT_SUBMIT,
	STMT_REFUSED,
	STMT__MAX
};

static const struct db_stmt survey_stmts[STMT__MAX] = {
	/*
	 * The campaign whose slug is $1, or was (sql/032: then its slug of
	 * today, to redirect to). A cancelled one is closed, its last day
	 * the day it was cancelled, if that came first.
	 */
	[STMT_CAMPAIGN] = { "campaign_by_slug",
	    "SELECT c.id, c.form_id, c.title, c.slug, s.name AS site_name,"
	    " to_char(c.opens_on, 'YYYY-MM-DD') AS opens_on,"
	    " to_char(CASE WHEN c.cancelled_at IS NULL THEN c.closes_on"
	    "  ELSE greatest(c.opens_on, least(c.closes_on,"
	    "  (c.cancelled_at AT TIME ZONE s.timezone)::date)) END,"
	    "  'YYYY-MM-DD') AS closes_on,"
	    /* The instant it closes: midnight after its last day, there. */
	    " extract(epoch FROM (c.closes_on + 1)::timestamp"
	    "  AT TIME ZONE s.timezone)::bigint AS closes_at,"
	    " CASE WHEN c.cancelled_at IS NOT NULL THEN 'closed'"
	    "  WHEN t.today < c.opens_on THEN 'upcoming'"
	    "  WHEN t.today > c.closes_on THEN 'closed'"
	    "  ELSE 'open' END AS state,"
	    /* The questionnaire of the same site open today, if any, for
	       the page of a campaign that has ended. */
	    " (SELECT o.slug FROM qualimetre.campaign o"
	    "  WHERE o.site_id = c.site_id AND o.kind = 'satisfaction'"
	    "  AND o.id <> c.id AND o.slug IS NOT NULL"
	    "  AND o.cancelled_at IS NULL"
	    "  AND t.today BETWEEN o.opens_on AND o.closes_on"
	    "  ORDER BY o.opens_on DESC, o.id DESC LIMIT 1) AS open_slug"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id"
	    " CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE s.timezone)::date"
	    "  AS today) t"
	    " WHERE c.kind = 'satisfaction' AND (c.slug = $1"
	    "  OR c.id = (SELECT f.campaign_id"
	    "  FROM qualimetre.campaign_former_slug f WHERE f.slug = $1))"
	    " ORDER BY c.slug = $1 DESC LIMIT 1", 1 },
	/* One statement, hence one transaction and one round trip: the
	   response and all its answers, or nothing. */
	[STMT_SUBMIT] = { "submit",
	    "WITH r AS (INSERT INTO qualimetre.response"
	    " (id, campaign_id, channel, form_token, confirmed, lang)"
	    " VALUES ($1, $2, 'web', $3, $7, $8))"
	    " INSERT INTO qualimetre.answer"
	    " (response_id, campaign_id, question, value, text)"
	    " SELECT $1, $2, a.q, a.v, a.t"
	    " FROM unnest($4::text[], $5::text[], $6::text[]) AS a(q, v, t)", 8 },
	/* One more send of campaign $1 asked to be confirmed for reason $2,
	   counted on the day at its site. */
	[STMT_REFUSED] = { "submission_refused",
	    "INSERT INTO qualimetre.submission_check AS k"
	    " (campaign_id, day, reason)"
	    " SELECT c.id, (now() AT TIME ZONE s.timezone)::date, $2"
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site s ON s.id = c.site_id WHERE c.id = $1"
	    " ON CONFLICT (campaign_id, day, reason)"
	    " DO UPDATE SET count = k.count + 1", 2 },
};

/* Why a send with a valid token is not stored at once. */
enum token_age {
	TOKEN_AGE_OK,
	TOKEN_AGE_FAST,		/* sooner than a person could answer */
	TOKEN_AGE_LATE,		/* the page was served days ago */
	TOKEN_AGE__MAX
};

static const char *const token_age_reasons[TOKEN_AGE__MAX] = {
	[TOKEN_AGE_FAST] = "fast",
	[TOKEN_AGE_LATE] = "late",
};

enum cstate {
	CSTATE_OPEN,
	CSTATE_UPCOMING,
	CSTATE_CLOSED,
	CSTATE__MAX
};

/* What a worker knows of a campaign, refreshed every CAMPAIGN_TTL. */
struct campaign {
	char		 slug[SLUG_MAX + 1];	/* "" for a free entry */
	char		 current[SLUG_MAX + 1];	/* its slug of today: not
					   slug when slug is a former one */
	long long	 id;
	long long	 form_id;
	char		*title;
	char		*site_name;
	char		 opens_on[11];		/* YYYY-MM-DD */
	char		 closes_on[11];
	time_t		 closes_at;		/* the instant it closes */
	enum cstate	 state;
	char		 open_slug[SLUG_MAX + 1]; /* the site's questionnaire
					   open today, "" for none */
	time_t		 fetched;
};

struct survey {
	struct db		*db;
	struct formcache	*forms;
	struct published	*published;	/* /resultats/ */
	unsigned char		 key[TOKEN_KEY_LEN];
	char			 door_key[TOKEN_DOOR_KEY_LEN + 1]; /* or "" */
	struct campaign		 campaigns[CAMPAIGN_CACHE];
};

struct survey *
survey_create(const char *dsn, const char *schema_path,
    const unsigned char *key, const char *door_key, const char *public_url)
{
	struct survey	*sv;

	sv = xcalloc(1, sizeof(*sv));
	sv->db = db_create(dsn, survey_stmts, STMT__MAX);
	sv->forms = formcache_create(sv->db, schema_path);
	sv->published = published_create(sv->db, public_url);
	memcpy(sv->key, key, TOKEN_KEY_LEN);
	snprintf(sv->door_key, sizeof(sv->door_key), "%s", door_key);
	return sv;
}

void
survey_free(struct survey *sv)
{
	size_t	i;

	if (sv == NULL)
		return;
	for (i = 0; i < CAMPAIGN_CACHE; i++) {
		free(sv->campaigns[i].title);
		free(sv->campaigns[i].site_name);
	}
	sodium_memzero(sv->door_key, sizeof(sv->door_key));
	formcache_free(sv->forms);
	published_free(sv->published);
	db_free(sv->db);
	free(sv);
}

int
survey_warm(struct survey *sv)
{
	char	*cause = NULL;

	if (db_ready(sv->db, &cause) == -1) {
		log_warnx("database not ready yet: %s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

static int
slug_valid(const char *s, size_t len)
{
	size_t	i;

	if (len < 3 || len > SLUG_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* What a worker read of an open campaign ends at its closing instant. */
static void
campaign_close_if_due(struct campaign *c, time_t now)
{
	if (c->state == CSTATE_OPEN && now >= c->closes_at)
		c->state = CSTATE_CLOSED;
}

/*
 * Finds the campaign with this slug, from the cache while younger than
 * ttl seconds, else from the database. Returns 1 with *out set, 0 when there is no such
 * campaign, -1 when the database is unavailable and nothing is cached.
 * A stale entry is used when the database cannot be reached: the
 * questionnaire stays readable, and the database refuses what is late.
 */
static int
campaign_get(struct survey *sv, const char *slug, time_t ttl,
    struct campaign **out)
{
	struct campaign	*c = NULL, *oldest = &sv->campaigns[0];
	PGresult	*res;
	const char	*params[1] = { slug };
	const char	*st;
	char		 sqlstate[6], *cause = NULL;
	enum db_status	 rc;
	time_t		 now = time(NULL);
	size_t		 i;

	for (i = 0; i < CAMPAIGN_CACHE; i++) {
		if (strcmp(sv->campaigns[i].slug, slug) == 0)
			c = &sv->campaigns[i];
		if (sv->campaigns[i].fetched < oldest->fetched)
			oldest = &sv->campaigns[i];
	}
	if (c != NULL && now - c->fetched < ttl) {
		campaign_close_if_due(c, now);
		*out = c;
		return 1;
	}
	rc = db_exec(sv->db, STMT_CAMPAIGN, params, &res, sqlstate, &cause);
	if (rc != DB_OK) {
		log_warnx("campaign %s: %s", slug, cause);
		free(cause);
		if (c != NULL && rc == DB_UNAVAILABLE) {
			campaign_close_if_due(c, now);
			*out = c;
			return 1;
		}
		return -1;
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		if (c != NULL)
			c->slug[0] = '\0';	/* deleted or renamed */
		return 0;
	}
	if (c == NULL)
		c = oldest;
	free(c->title);
	free(c->site_name);
	snprintf(c->slug, sizeof(c->slug), "%s", slug);
	st = PQgetvalue(res, 0, PQfnumber(res, "slug"));
	snprintf(c->current, sizeof(c->current), "%s",
	    slug_valid(st, strlen(st)) ? st : slug);
	c->id = strtoll(PQgetvalue(res, 0, PQfnumber(res, "id")), NULL, 10);
	c->form_id = strtoll(PQgetvalue(res, 0, PQfnumber(res, "form_id")),
	    NULL, 10);
	c->title = xstrdup(PQgetvalue(res, 0, PQfnumber(res, "title")));
	c->site_name = xstrdup(PQgetvalue(res, 0,
	    PQfnumber(res, "site_name")));
	snprintf(c->opens_on, sizeof(c->opens_on), "%s",
	    PQgetvalue(res, 0, PQfnumber(res, "opens_on")));
	snprintf(c->closes_on, sizeof(c->closes_on), "%s",
	    PQgetvalue(res, 0, PQfnumber(res, "closes_on")));
	c->closes_at = (time_t)strtoll(PQgetvalue(res, 0,
	    PQfnumber(res, "closes_at")), NULL, 10);
	/* A slug the path could not name is not linked to. */
	st = PQgetvalue(res, 0, PQfnumber(res, "open_slug"));
	c->open_slug[0] = '\0';
	if (slug_valid(st, strlen(st)))
		snprintf(c->open_slug, sizeof(c->open_slug), "%s", st);
	st = PQgetvalue(res, 0, PQfnumber(res, "state"));
	c->state = strcmp(st, "open") == 0 ? CSTATE_OPEN :
	    strcmp(st, "upcoming") == 0 ? CSTATE_UPCOMING : CSTATE_CLOSED;
	c->fetched = now;
	PQclear(res);
	*out = c;
	return 1;
}

/* A page with a heading and a paragraph, for every short answer. */
static void
message(struct resp *p, int status, const char *lang, const char *service,
    const char *title, const char *text)
{
	p->status = status;
	page_begin_lang(&p->body, title, service, lang);
	page_message(&p->body, title, text, NULL, NULL);
	page_end(&p->body);
}

static void
not_found(struct resp *p)
{
	message(p, 404, "fr", NULL, "Enquête introuvable",
	    "Aucune enquête ne correspond à cette adresse. Vérifiez le "
	    "lien ou le QR code que vous avez utilisé.");
}

/*
 * The page of a campaign that is not open today, with its dates, in the
 * catalogue's lang: one that has ended says so in the past and links to
 * the questionnaire of the same site open today, if any.
 */
static void
not_open(struct resp *p, const struct campaign *c, const char *lang)
{
	struct buf	*b = &p->body;
	int		 upcoming = c->state == CSTATE_UPCOMING;

	p->status = upcoming ? 403 : 410;
	page_begin_lang(b, c->title, c->site_name, lang);
	buf_puts(b, "<h1>");
	html_puts(b, c->title);
	buf_puts(b, "</h1>\n<div class=\"fr-alert fr-alert--info\">\n"
	    "<h2 class=\"fr-alert__title\">");
	if (upcoming)
		html_puts(b, lang_msg(lang, LMSG_UPCOMING_TITLE));
	else {
		html_puts(b, lang_msg(lang, LMSG_ENDED_ON));
		page_date_lang(b, c->closes_on, lang);
	}
	buf_puts(b, "</h2>\n<p>");
	html_puts(b, lang_msg(lang, upcoming ? LMSG_OPEN_FROM :
	    LMSG_WAS_OPEN_FROM));
	page_date_lang(b, c->opens_on, lang);
	html_puts(b, lang_msg(lang, LMSG_DATE_TO));
	page_date_lang(b, c->closes_on, lang);
	html_puts(b, lang_msg(lang, upcoming ? LMSG_UPCOMING_TEXT :
	    LMSG_ENDED_TEXT));
	buf_puts(b, "</p>\n</div>\n");
	if (!upcoming && c->open_slug[0] != '\0') {
		buf_puts(b, "<p class=\"fr-mt-4w\"><a class=\"fr-btn\" href=\""
		    PATH_PREFIX);
		html_puts(b, c->open_slug);
		if (lang_is_en(lang))
			buf_puts(b, "?lang=en");
		buf_puts(b, "\">");
		html_puts(b, lang_msg(lang, LMSG_CURRENT_SURVEY));
		buf_puts(b, "</a></p>\n");
	}
	page_end(b);
}

static void
unavailable(struct resp *p, const char *lang)
{
	p->retry_after = 30;
	message(p, 503, lang, NULL, lang_msg(lang, LMSG_UNAVAILABLE_TITLE),
	    lang_msg(lang, LMSG_UNAVAILABLE_TEXT));
}

/*
 * A page that keeps every field as sent in a form that sends them again
 * as they are: for when the database is down and this worker has never
 * seen the form, and for a send refused by nginx's limit.
 */
static void
held_page(struct resp *p, const struct req *r, const char *lang,
    const char *action, int status, int retry_after, enum lmsg title,
    enum lmsg text)
{
	struct buf	*b = &p->body;
	size_t		 i;

	p->status = status;
	p->retry_after = retry_after;
	p->no_store = 1;
	page_begin_lang(b, lang_msg(lang, title), NULL, lang);
	page_message(b, lang_msg(lang, title), lang_msg(lang, text), NULL,
	    NULL);
	buf_puts(b, "<form method=\"post\" action=\"");
	html_puts(b, action);
	buf_puts(b, "?" LANG_PARAM "=");
	html_puts(b, lang);
	buf_puts(b, "\">\n");
	for (i = 0; i < r->nfields; i++) {
		buf_puts(b, "<input type=\"hidden\" name=\"");
		html_puts(b, r->fields[i].key);
		buf_puts(b, "\" value=\"");
		html_put(b, r->fields[i].val, r->fields[i].vallen);
		buf_puts(b, "\">\n");
	}
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">");
	html_puts(b, lang_msg(lang, LMSG_SEND_AGAIN));
	buf_puts(b, "</button>\n</form>\n");
	page_end(b);
}

/*
 * Parses a POST's urlencoded body into r's fields. A body of the one
 * field HELD_BODY_FIELD comes from the page nginx makes itself when no
 * worker could take a send (etc/nginx.conf.in, @answers_kept): its value
 * is the body first sent, which is parsed in its place. Returns 0, or -1
 * with *cause set and no field kept.
 */
static int
body_fields(struct req *r, char **cause)
{
	struct http_field	*outer;
	size_t			 nouter;
	int			 rc;

	if (http_parse_urlencoded(r->body != NULL ? r->body : "", r->bodylen,
	    HTTP_FIELDS_MAX, &r->fields, &r->nfields, cause) == -1)
		return -1;
	if (r->nfields != 1 || strcmp(r->fields[0].key, HELD_BODY_FIELD) != 0)
		return 0;
	outer = r->fields;
	nouter = r->nfields;
	r->fields = NULL;
	r->nfields = 0;
	rc = http_parse_urlencoded(outer[0].val, outer[0].vallen,
	    HTTP_FIELDS_MAX, &r->fields, &r->nfields, cause);
	http_fields_free(outer, nouter);
	return rc;
}

/* Parses a POST's body into r's fields; 0, or -1 when it cannot be. */
static int
post_fields(struct req *r)
{
	char	*cause = NULL;

	if (r->method != HTTP_POST || r->body_too_large || r->body_incomplete)
		return -1;
	if (body_fields(r, &cause) == -1) {
		free(cause);
		return -1;
	}
	return 0;
}

/*
 * nginx refused this send (too many from one address): nothing is stored
 * and no database is read, but every answer comes back to be sent again.
 */
static void
limited(struct resp *p, struct req *r, const char *lang, const char *action)
{
	if (post_fields(r) == -1) {
		message(p, 429, lang, NULL,
		    lang_msg(lang, LMSG_LIMITED_TITLE),
		    lang_msg(lang, LMSG_LIMITED_TEXT));
		p->retry_after = 60;
		return;
	}
	held_page(p, r, lang, action, 429, 60, LMSG_LIMITED_HELD_TITLE,
	    LMSG_LIMITED_HELD_TEXT);
}

/*
 * Nothing can be shown from the database: a POST keeps its answers in a
 * page that sends them again, anything else gets the 503 page.
 */
static void
fallback(struct resp *p, struct req *r, const char *lang, const char *action)
{
	if (post_fields(r) == 0)
		held_page(p, r, lang, action, 503, 30,
		    LMSG_UNAVAILABLE_TITLE, LMSG_UNAVAILABLE_HELD_TEXT);
	else
		unavailable(p, lang);
}

/*
 * The questionnaire of campaign c in lang, with the language selector
 * when its form carries more than French; alert_title and alert_text
 * are messages of the catalogue, or LMSG__MAX for none.
 */
static void
questionnaire(struct resp *p, const struct campaign *c, const struct form *f,
    const char *lang, const char *token, const struct answerset *s,
    enum lmsg alert_title, enum lmsg alert_text)
{
	struct page_lang	 langs[FORM_LANGS_MAX];
	char			 hrefs[FORM_LANGS_MAX][sizeof(PATH_PREFIX) +
				    SLUG_MAX + sizeof("?" LANG_PARAM "=") +
				    FORM_LANG_LEN];
	char			 action[sizeof(hrefs[0])];
	char			 title[256];
	size_t			 i, n = form_nlangs(f);

	snprintf(action, sizeof(action), PATH_PREFIX "%s?" LANG_PARAM "=%s",
	    c->slug, lang);
	snprintf(title, sizeof(title), "%s%s", s != NULL && s->nerrors > 0 ?
	    lang_msg(lang, LMSG_ERROR_PREFIX) : "", c->title);
	p->no_store = 1;
	page_begin_lang(&p->body, title, c->site_name, lang);
	for (i = 0; i < n && i < FORM_LANGS_MAX; i++) {
		snprintf(hrefs[i], sizeof(hrefs[i]), PATH_PREFIX "%s?"
		    LANG_PARAM "=%s", c->slug, form_lang(f, i));
		langs[i].code = form_lang(f, i);
		langs[i].href = hrefs[i];
	}
	if (n > 1)
		page_languages(&p->body, lang_msg(lang, LMSG_LANGUAGES),
		    langs, n, lang);
	render_questionnaire(&p->body, f, lang, action, token, s,
	    alert_title != LMSG__MAX ? lang_msg(lang, alert_title) : NULL,
	    alert_text != LMSG__MAX ? lang_msg(lang, alert_text) : NULL);
	page_end(&p->body);
}

/*
 * Judges when a send came, from what its token says and the number of
 * answers it holds. A send confirmed once is never judged too fast again.
 */
static enum token_age
token_age_judge(const struct token_info *ti, const struct answerset *s,
    time_t now)
{
	long long	age = (long long)now - (long long)ti->issued;
	long long	min = TOKEN_MIN_SECONDS;
	size_t		i, answered = 0;

	if (age > TOKEN_MAX_AGE)
		return TOKEN_AGE_LATE;
	if (ti->flags & TOKEN_CONFIRMED)
		return age < -TOKEN_CLOCK_SKEW ? TOKEN_AGE_FAST : TOKEN_AGE_OK;
	for (i = 0; i < s->nq; i++)
		if (s->q[i].answered)
			answered++;
	if ((long long)answered * TOKEN_SECONDS_PER_ANSWER > min)
		min = (long long)answered * TOKEN_SECONDS_PER_ANSWER;
	return age < min ? TOKEN_AGE_FAST : TOKEN_AGE_OK;
}

/* Counts a send asked to be confirmed; a failure only loses the count. */
static void
count_refusal(struct survey *sv, const struct campaign *c, enum token_age why)
{
	const char	*params[2];
	char		 id[32], sqlstate[6], *cause = NULL;
	PGresult	*res = NULL;

	snprintf(id, sizeof(id), "%lld", c->id);
	params[0] = id;
	params[1] = token_age_reasons[why];
	if (db_exec(sv->db, STMT_REFUSED, params, &res, sqlstate, &cause) !=
	    DB_OK)
		log_warnx("campaign %s: refusal not counted: %s", c->slug,
		    cause);
	PQclear(res);
	free(cause);
}

/*
 * The questionnaire again, every answer kept, with a token that lets the
 * person confirm the send.
 */
static void
confirm_page(struct survey *sv, struct resp *p, const struct campaign *c,
    const struct form *f, const char *lang, const struct answerset *s,
    enum token_age why)
{
	char	token[TOKEN_LEN + 1];

	token_issue_at(sv->key, c->id, time(NULL), TOKEN_CONFIRMED, token);
	p->status = 400;
	questionnaire(p, c, f, lang, token, s, LMSG_CONFIRM_TITLE,
	    why == TOKEN_AGE_FAST ? LMSG_CONFIRM_FAST : LMSG_CONFIRM_LATE);
}

/*
 * Whether token is one of ours for campaign c: made by this program, or
 * by nginx for a page it served from its cache (a door token).
 */
static int
token_valid(const struct survey *sv, const struct campaign *c,
    const char *token, struct token_info *ti)
{
	char	path[sizeof(PATH_PREFIX) + SLUG_MAX];

	if (token_read(sv->key, c->id, token, ti))
		return 1;
	if (sv->door_key[0] == '\0')
		return 0;
	snprintf(path, sizeof(path), PATH_PREFIX "%s", c->slug);
	return token_door_read(sv->door_key, path, token, ti);
}

/*
 * Stores a checked submission in one statement. Returns what the
 * database said; the caller turns it into a page.
 */
static enum db_status
store(struct survey *sv, const struct campaign *c, const struct answerset *s,
    const char *lang, const char *token, int confirmed, char *sqlstate)
{
	struct answer_rows	 rows;
	const char		*params[8];
	char			 uuid[37], id[32], *cause = NULL;
	PGresult		*res = NULL;
	enum db_status		 rc;

	answers_make(&rows, s, NULL, NULL, 0);
	token_uuid(uuid);
	snprintf(id, sizeof(id), "%lld", c->id);
	params[0] = uuid;
	params[1] = id;
	params[2] = token;
	params[3] = rows.questions.data;
	params[4] = rows.values.data;
	params[5] = rows.texts.data;
	params[6] = confirmed ? "true" : "false";
	params[7] = lang;
	rc = db_exec(sv->db, STMT_SUBMIT, params, &res, sqlstate, &cause);
	if (rc != DB_OK && strcmp(sqlstate, "23505") != 0)
		log_warnx("campaign %s: response not stored: %s", c->slug,
		    cause);
	PQclear(res);
	free(cause);
	answers_free(&rows);
	return rc;
}

static void
redirect_thanks(struct resp *p, const struct campaign *c, const char *lang)
{
	p->status = 303;
	xasprintf(&p->location, PATH_PREFIX "%s/merci?" LANG_PARAM "=%s",
	    c->slug, lang);
	message(p, 303, lang, c->site_name,
	    lang_msg(lang, LMSG_STORED_TITLE),
	    lang_msg(lang, LMSG_STORED_TEXT));
}

static void
submit(struct survey *sv, struct req *r, struct resp *p, struct campaign *c,
    const struct form *f, const char *lang)
{
	struct answerset	 s;
	struct token_info	 ti;
	char			 token[TOKEN_LEN + 1], *cause = NULL;
	char			 sqlstate[6];
	const char		*ct = r->content_type;
	enum db_status		 rc;
	enum token_age		 age;

	if (r->body_too_large) {
		message(p, 413, "fr", c->site_name, "Réponses trop longues",
		    "Vos réponses dépassent la taille qu’un questionnaire "
		    "peut avoir. Raccourcissez votre commentaire, puis "
		    "envoyez-les à nouveau depuis la page précédente.");
		return;
	}
	if (r->body_incomplete) {
		message(p, 400, "fr", c->site_name, "Envoi incomplet",
		    "Vos réponses ne sont pas arrivées en entier et n’ont pas "
		    "été enregistrées. Revenez à la page précédente et "
		    "envoyez-les à nouveau.");
		return;
	}
	if (ct == NULL || strncmp(ct, "application/x-www-form-urlencoded",
	    33) != 0 || (ct[33] != '\0' && ct[33] != ';')) {
		message(p, 415, "fr", c->site_name, "Envoi non reconnu",
		    "Le questionnaire doit être envoyé depuis sa page.");
		return;
	}
	if (body_fields(r, &cause) == -1) {
		log_warnx("campaign %s: unreadable body: %s", c->slug, cause);
		free(cause);
		message(p, 400, "fr", c->site_name, "Envoi illisible",
		    "Vos réponses n’ont pas pu être lues et n’ont pas été "
		    "enregistrées. Revenez à la page précédente et envoyez-les "
		    "à nouveau.");
		return;
	}
	if (c->state != CSTATE_OPEN) {
		not_open(p, c, lang);
		return;
	}
	valid_answers_lang(f, lang, r->fields, r->nfields, &s);
	if (s.token == NULL || !token_valid(sv, c, s.token, &ti)) {
		/* Not ours, or for another campaign: a new token, and
		   everything typed is kept. */
		token_issue(sv->key, c->id, token);
		p->status = 400;
		questionnaire(p, c, f, lang, token, &s, LMSG_EXPIRED_TITLE,
		    LMSG_EXPIRED_TEXT);
		goto out;
	}
	if (s.nerrors > 0) {
		p->status = 400;
		questionnaire(p, c, f, lang, s.token, &s, LMSG__MAX,
		    LMSG__MAX);
		goto out;
	}
	if ((age = token_age_judge(&ti, &s, time(NULL))) != TOKEN_AGE_OK) {
		count_refusal(sv, c, age);
		confirm_page(sv, p, c, f, lang, &s, age);
		goto out;
	}
	rc = store(sv, c, &s, lang, s.token,
	    (ti.flags & TOKEN_CONFIRMED) != 0, sqlstate);
	if (rc == DB_OK || (rc == DB_REFUSED &&
	    strcmp(sqlstate, "23505") == 0)) {
		/* Stored now, or by an earlier send of the same form. */
		redirect_thanks(p, c, lang);
	} else if (rc == DB_UNAVAILABLE) {
		p->status = 503;
		p->retry_after = 30;
		questionnaire(p, c, f, lang, s.token, &s,
		    LMSG_NOT_STORED_TITLE, LMSG_NOT_STORED_TEXT);
	} else if (strcmp(sqlstate, "42501") == 0) {
		/* The database's policy: the campaign closed meanwhile. */
		c->fetched = 0;
		c->state = CSTATE_CLOSED;
		not_open(p, c, lang);
	} else {
		p->status = 500;
		questionnaire(p, c, f, lang, s.token, &s, LMSG_FAILED_TITLE,
		    LMSG_FAILED_TEXT);
	}
out:
	valid_answers_free(&s);
}

void
survey_handle(struct survey *sv, struct req *r, struct resp *p)
{
	struct campaign		*c;
	const struct form	*f;
	const char		*rest, *slash;
	char			 slug[SLUG_MAX + 1], token[TOKEN_LEN + 1];
	char			 action[sizeof(PATH_PREFIX) + SLUG_MAX];
	const char		*avail[FORM_LANGS_MAX], *lang;
	size_t			 slen, i, navail;
	int			 thanks = 0, found, door;

	http_resp_reset(p);
	/* No form of the previous request is held any more. */
	formcache_trim(sv->forms);
	if (published_handle(sv->published, r, p))
		return;
	if (strncmp(r->path, INFO_PREFIX, sizeof(INFO_PREFIX) - 1) == 0 &&
	    (r->method == HTTP_GET || r->method == HTTP_HEAD)) {
		if (info_page(&p->body, r->path + sizeof(INFO_PREFIX) - 1) ==
		    -1)
			not_found(p);
		return;
	}
	if (strncmp(r->path, PATH_PREFIX, sizeof(PATH_PREFIX) - 1) != 0) {
		not_found(p);
		return;
	}
	rest = r->path + sizeof(PATH_PREFIX) - 1;
	slash = strchr(rest, '/');
	slen = slash == NULL ? strlen(rest) : (size_t)(slash - rest);
	if (slash != NULL) {
		if (strcmp(slash, "/merci") != 0) {
			not_found(p);
			return;
		}
		thanks = 1;
	}
	if (!slug_valid(rest, slen)) {
		not_found(p);
		return;
	}
	memcpy(slug, rest, slen);
	slug[slen] = '\0';
	if (r->method == HTTP_OTHER || (r->method == HTTP_POST && thanks)) {
		p->allow = thanks ? "GET, HEAD" : "GET, HEAD, POST";
		message(p, 405, "fr", NULL, "Méthode non autorisée",
		    "Cette adresse ne s’utilise pas ainsi.");
		return;
	}
	snprintf(action, sizeof(action), PATH_PREFIX "%s", slug);
	/* Until the form is read, the catalogue's languages only. */
	lang = lang_choose(r->query, r->accept_language, catalogue_langs,
	    sizeof(catalogue_langs) / sizeof(catalogue_langs[0]));
	/* Sent aside by nginx: every answer back, nothing stored, no
	   database read. */
	if (r->held != HTTP_HELD_NONE && r->method == HTTP_POST && !thanks) {
		if (r->held == HTTP_HELD_LIMIT)
			limited(p, r, lang, action);
		else
			fallback(p, r, lang, action);
		return;
	}

	/* A page nginx keeps for everyone is built from fresh facts. */
	door = r->door && sv->door_key[0] != '\0' &&
	    (r->method == HTTP_GET || r->method == HTTP_HEAD) && !thanks;
	found = campaign_get(sv, slug, door ? PAGE_CAMPAIGN_TTL :
	    CAMPAIGN_TTL, &c);
	if (found == 0) {
		not_found(p);
		return;
	}
	if (found == -1) {
		fallback(p, r, lang, action);
		return;
	}
	/* A former address: printed QR codes lead to today's one; a form
	   sent to it is sent again there (308 keeps the POST). */
	if (strcmp(c->current, slug) != 0) {
		p->status = r->method == HTTP_POST ? 308 : 301;
		xasprintf(&p->location, PATH_PREFIX "%s%s", c->current,
		    thanks ? "/merci" : "");
		return;
	}
	if (thanks) {
		message(p, 200, lang, c->site_name,
		    lang_msg(lang, LMSG_THANKS_TITLE),
		    lang_msg(lang, LMSG_THANKS_TEXT));
		return;
	}
	if (r->method != HTTP_POST && c->state != CSTATE_OPEN) {
		not_open(p, c, lang);
		return;
	}
	if ((f = formcache_get(sv->forms, c->form_id)) == NULL) {
		fallback(p, r, lang, action);
		return;
	}
	/* The form's own languages, from the query or Accept-Language. */
	navail = form_nlangs(f);
	for (i = 0; i < navail; i++)
		avail[i] = form_lang(f, i);
	lang = lang_choose(r->query, r->accept_language, avail, navail);
	if (r->method == HTTP_POST) {
		submit(sv, r, p, c, f, lang);
		return;
	}
	if (door) {
		/* nginx puts a token of its own in place of the placeholder
		   for each visitor, until the end of this second: the
		   campaign is open now, so at least until then. */
		questionnaire(p, c, f, lang, TOKEN_DOOR_PLACEHOLDER, NULL,
		    LMSG__MAX, LMSG__MAX);
		p->cache_until = (long long)time(NULL);
		return;
	}
	token_issue(sv->key, c->id, token);
	questionnaire(p, c, f, lang, token, NULL, LMSG__MAX, LMSG__MAX);
}
