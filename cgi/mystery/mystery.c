/* The enquirers' program: sessions, then each enquirer's own slots. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "answers.h"
#include "buf.h"
#include "cal.h"
#include "db.h"
#include "form.h"
#include "formcache.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "mystery.h"
#include "page.h"
#include "referential.h"
#include "render.h"
#include "staff.h"
#include "token.h"
#include "valid.h"
#include "xmalloc.h"

#define PREFIX		"/mystere"
#define SERVICE		"Contrôles mystère"
/* Days after an email's answer was due, or after a call, that it may
   still be typed in (sql/013's bound is wider). */
#define MYSTERY_TYPING_DAYS	3
/* Where the referents planned campaigns before it was theirs. */
#define OLD_PLANNING	PREFIX "/planification"

enum stmt {
	STMT_MY_SLOTS,
	STMT_SLOT,
	STMT_CAMPAIGN,
	STMT_FORM,
	STMT_NEW_RESPONSE,
	STMT_ANSWERS,
	STMT_ENTRY,
	STMT_CLEAR,
	STMT_TOUCH,
	STMT__MAX
};

/* What a grid held through a login says when it is shown again. */
#define REVIEW_TEXT	"Vous êtes reconnecté : voici ce que vous aviez " \
	"envoyé quand votre session a expiré. Rien n’est encore enregistré : " \
	"vérifiez, puis enregistrez."

/* What a slot, a campaign or an entry page needs of its campaign. */
#define CAMPAIGN_COLUMNS \
	" c.id AS campaign_id, c.form_id, c.title, c.kind," \
	" to_char(c.opens_on, 'YYYY-MM-DD') AS opens_on," \
	" to_char(c.closes_on, 'YYYY-MM-DD') AS closes_on," \
	" site.department, qualimetre.mystery_campaign_writable(c.id)" \
	" AS writable, to_char((now() AT TIME ZONE site.timezone)::date," \
	" 'YYYY-MM-DD') AS today," REFERENTIAL_COLUMNS "," \
	SERVICE_COLUMNS

/* The services the campaign tests, in its order: the keys (never a
   space) apart by spaces, the labels (on one line) by line breaks. */
#define SERVICE_COLUMNS \
	" (SELECT string_agg(cs2.key, ' ' ORDER BY cs2.position, cs2.key)" \
	"  FROM qualimetre.campaign_service cs2" \
	"  WHERE cs2.campaign_id = c.id) AS service_keys," \
	" (SELECT string_agg(translate(cs2.label, E'\\n\\r', '  '), E'\\n'" \
	"  ORDER BY cs2.position, cs2.key)" \
	"  FROM qualimetre.campaign_service cs2" \
	"  WHERE cs2.campaign_id = c.id) AS service_labels"

/* One response and its answers, from one INSERT each, in one pipelined
   transaction: the answers' policy must see the response. */
#define INSERT_ANSWERS \
	"INSERT INTO qualimetre.answer" \
	" (response_id, campaign_id, question, value, text)" \
	" SELECT $1, $2, a.q, a.v, a.t" \
	" FROM unnest($3::text[], $4::text[], $5::text[]) AS a(q, v, t)"

static const struct db_stmt mystery_stmts[STMT__MAX] = {
	/* The policies keep this to the logged-in enquirer's rows; the
	   WHERE says so too, for the reader. */
	[STMT_MY_SLOTS] = { "mystery_my_slots",
	    "SELECT s.id, to_char(s.day, 'YYYY-MM-DD') AS day, s.afternoon,"
	    " cs.label AS service, c.title, c.kind,"
	    " r.id IS NOT NULL AS recorded, r.id AS response_id,"
	    " qualimetre.mystery_campaign_writable(c.id) AS writable,"
	    " c.id AS campaign_id, coalesce(c.target_count, 0) AS target,"
	    " s.day = (now() AT TIME ZONE site.timezone)::date AS today"
	    " FROM qualimetre.slot s"
	    " JOIN qualimetre.campaign c ON c.id = s.campaign_id"
	    " JOIN qualimetre.site site ON site.id = c.site_id"
	    " JOIN qualimetre.campaign_service cs"
	    "  ON cs.campaign_id = s.campaign_id AND cs.key = s.service_key"
	    " LEFT JOIN qualimetre.response r ON r.slot_id = s.id"
	    " WHERE s.enquirer_id = qualimetre.current_user_id()"
	    " AND (now() AT TIME ZONE site.timezone)::date <= c.closes_on"
	    "  + qualimetre.mystery_recording_days(c.kind)"
	    /* Contacts recorded outside any slot: listed, and flagged. */
	    " UNION ALL"
	    " SELECT NULL, to_char((r.submitted_at AT TIME ZONE site.timezone)"
	    "  ::date, 'YYYY-MM-DD'), NULL, NULL, c.title, c.kind, true, r.id,"
	    " qualimetre.mystery_campaign_writable(c.id), c.id,"
	    " coalesce(c.target_count, 0), false"
	    " FROM qualimetre.response r"
	    " JOIN qualimetre.campaign c ON c.id = r.campaign_id"
	    " JOIN qualimetre.site site ON site.id = c.site_id"
	    " WHERE r.entered_by = qualimetre.current_user_id()"
	    " AND r.slot_id IS NULL"
	    " AND (now() AT TIME ZONE site.timezone)::date <= c.closes_on"
	    "  + qualimetre.mystery_recording_days(c.kind)"
	    " ORDER BY campaign_id, day, afternoon", 0 },
	[STMT_SLOT] = { "mystery_slot",
	    "SELECT s.id AS slot_id, to_char(s.day, 'YYYY-MM-DD') AS day,"
	    " s.afternoon, s.service_key, cs.label AS service, r.id AS"
	    " response_id," CAMPAIGN_COLUMNS
	    " FROM qualimetre.slot s"
	    " JOIN qualimetre.campaign c ON c.id = s.campaign_id"
	    " JOIN qualimetre.site site ON site.id = c.site_id"
	    REFERENTIAL_JOIN
	    " JOIN qualimetre.campaign_service cs"
	    "  ON cs.campaign_id = s.campaign_id AND cs.key = s.service_key"
	    " LEFT JOIN qualimetre.response r ON r.slot_id = s.id"
	    " WHERE s.id = $1", 1 },
	[STMT_CAMPAIGN] = { "mystery_campaign",
	    "SELECT" CAMPAIGN_COLUMNS
	    " FROM qualimetre.campaign c"
	    " JOIN qualimetre.site site ON site.id = c.site_id"
	    REFERENTIAL_JOIN
	    " WHERE c.id = $1", 1 },
	[STMT_FORM] = { "mystery_form",
	    "SELECT xml FROM qualimetre.form WHERE id = $1", 1 },
	[STMT_NEW_RESPONSE] = { "mystery_new_response",
	    "INSERT INTO qualimetre.response"
	    " (id, campaign_id, channel, entered_by, form_token, slot_id)"
	    " VALUES ($1, $2, $3, qualimetre.current_user_id(), $4, $5)", 5 },
	[STMT_ANSWERS] = { "mystery_answers", INSERT_ANSWERS, 5 },
	[STMT_ENTRY] = { "mystery_entry",
	    "SELECT r.id AS response_id, r.slot_id,"
	    " to_char(s.day, 'YYYY-MM-DD') AS day, s.afternoon,"
	    " cs.label AS service," CAMPAIGN_COLUMNS ","
	    " a.question, a.value, a.text"
	    " FROM qualimetre.response r"
	    " JOIN qualimetre.campaign c ON c.id = r.campaign_id"
	    " JOIN qualimetre.site site ON site.id = c.site_id"
	    REFERENTIAL_JOIN
	    " LEFT JOIN qualimetre.slot s ON s.id = r.slot_id"
	    " LEFT JOIN qualimetre.campaign_service cs"
	    "  ON cs.campaign_id = s.campaign_id AND cs.key = s.service_key"
	    " LEFT JOIN qualimetre.answer a ON a.response_id = r.id"
	    " WHERE r.id = $1 AND r.entered_by = qualimetre.current_user_id()"
	    " ORDER BY a.question, a.value", 1 },
	/* A correction: the policies let these touch only the user's own
	   entry while its campaign is open; the UPDATE comes first so that
	   a refused one stops the rest. */
	[STMT_TOUCH] = { "mystery_touch",
	    "UPDATE qualimetre.response SET updated_at = now()"
	    " WHERE id = $1 AND campaign_id = $2", 2 },
	[STMT_CLEAR] = { "mystery_clear",
	    "DELETE FROM qualimetre.answer WHERE response_id = $1", 1 },
};

struct mystery {
	struct db		*db;
	struct staff		*staff;
	struct formcache	*forms;
	unsigned char		 key[TOKEN_KEY_LEN];
};

/* What a recording page needs of its campaign, slot and entry. */
struct target {
	long long	 campaign_id;
	long long	 form_id;
	char		 slot_id[32];		/* "" outside any slot */
	char		 response_id[37];	/* "" when not recorded */
	char		 title[256];
	char		 kind[16];		/* mystery-call, -email */
	char		 opens_on[11];
	char		 closes_on[11];
	char		 department[4];
	char		 day[11];		/* the slot's, or "" */
	int		 afternoon;
	char		 service_key[65];	/* the slot's, or "" */
	char		 service[201];
	int		 writable;		/* open, and the user's */
	char		 today[11];		/* at the site */
	char		 ref_name[REFERENTIAL_NAME_MAX];
	struct form_referential ref;		/* the campaign's; its name
						   is ref_name, or NULL */
	/* The campaign's services, the options of the grid's "service"
	   question; target_free frees them. */
	char		*service_keys;		/* split in place */
	char		*service_labels;
	struct form_option *services;		/* point into both */
	size_t		 nservices;
};

struct mystery *
mystery_create(const char *dsn, const char *schema_path,
    const unsigned char *key, const char *public_url)
{
	struct mystery	*m;

	m = xcalloc(1, sizeof(*m));
	m->db = db_create(dsn, mystery_stmts, STMT__MAX);
	m->staff = staff_create(m->db, public_url, PREFIX, SERVICE,
	    "Espace des enquêteurs");
	m->forms = formcache_create(m->db, schema_path);
	memcpy(m->key, key, TOKEN_KEY_LEN);
	return m;
}

void
mystery_free(struct mystery *m)
{
	if (m == NULL)
		return;
	staff_free(m->staff);
	formcache_free(m->forms);
	db_free(m->db);
	free(m);
}

/* One table row of a slot. */
static void
slot_row(struct buf *b, PGresult *res, int i)
{
	/* The action first: on a phone the table scrolls sideways, and
	   what the enquirer came for must be in view. */
	buf_puts(b, "<tr><td>");
	if (strcmp(PQgetvalue(res, i, PQfnumber(res, "writable")), "t") != 0)
		buf_puts(b, "Campagne close");
	else if (strcmp(PQgetvalue(res, i, PQfnumber(res, "recorded")),
	    "t") == 0) {
		buf_puts(b, "<a class=\"fr-link\" href=\"" PREFIX "/saisies/");
		html_puts(b, PQgetvalue(res, i, PQfnumber(res, "response_id")));
		buf_puts(b, "\">Corriger</a>");
	} else {
		buf_puts(b, "<a class=\"fr-link\" href=\"" PREFIX
		    "/creneaux/");
		html_puts(b, PQgetvalue(res, i, PQfnumber(res, "id")));
		buf_puts(b, "\">Saisir</a>");
	}
	buf_puts(b, "</td><td>");
	page_date(b, PQgetvalue(res, i, PQfnumber(res, "day")));
	buf_puts(b, "</td><td>");
	if (PQgetisnull(res, i, PQfnumber(res, "id")))
		buf_puts(b, "—</td><td><p class=\"fr-badge fr-badge--warning "
		    "fr-badge--sm\">Hors créneau</p>");
	else {
		buf_puts(b, strcmp(PQgetvalue(res, i, PQfnumber(res,
		    "afternoon")), "t") == 0 ? "Après-midi" : "Matin");
		buf_puts(b, "</td><td>");
		html_puts(b, PQgetvalue(res, i, PQfnumber(res, "service")));
	}
	buf_puts(b, "</td><td>");
	html_puts(b, PQgetvalue(res, i, PQfnumber(res, "title")));
	buf_puts(b, "</td><td>");
	if (strcmp(PQgetvalue(res, i, PQfnumber(res, "recorded")), "t") == 0)
		buf_puts(b, "<p class=\"fr-badge fr-badge--success "
		    "fr-badge--sm\">Saisi</p>");
	else
		buf_puts(b, "<p class=\"fr-badge fr-badge--info "
		    "fr-badge--sm\">À faire</p>");
	buf_puts(b, "</td></tr>\n");
}

static void
slot_table(struct buf *b, PGresult *res, int today_only,
    const char *caption)
{
	int	i, n = PQntuples(res);

	buf_puts(b, "<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n<caption>");
	html_puts(b, caption);
	buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Action</th>"
	    "<th scope=\"col\">Jour</th>"
	    "<th scope=\"col\">Demi-journée</th><th scope=\"col\">Service"
	    "</th><th scope=\"col\">Campagne</th><th scope=\"col\">État"
	    "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++)
		if (!today_only || strcmp(PQgetvalue(res, i,
		    PQfnumber(res, "today")), "t") == 0)
			slot_row(b, res, i);
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

/*
 * One line per campaign: contacts recorded in the user's slots against
 * their number, and the campaign's target, with the way to record a
 * contact outside any slot. Rows come ordered by campaign.
 */
static void
campaign_progress(struct buf *b, PGresult *res)
{
	int	i, j, n = PQntuples(res), done, slots, extra, writable;

	buf_puts(b, "<ul class=\"fr-mb-4w\">\n");
	for (i = 0; i < n; i = j) {
		done = slots = extra = 0;
		for (j = i; j < n && strcmp(PQgetvalue(res, j, PQfnumber(res,
		    "campaign_id")), PQgetvalue(res, i, PQfnumber(res,
		    "campaign_id"))) == 0; j++) {
			if (PQgetisnull(res, j, PQfnumber(res, "id")))
				extra++;
			else {
				slots++;
				if (strcmp(PQgetvalue(res, j, PQfnumber(res,
				    "recorded")), "t") == 0)
					done++;
			}
		}
		writable = strcmp(PQgetvalue(res, i, PQfnumber(res,
		    "writable")), "t") == 0;
		buf_puts(b, "<li><strong>");
		html_puts(b, PQgetvalue(res, i, PQfnumber(res, "title")));
		buf_printf(b, "</strong> : %d saisi%s sur vos %d créneau%s",
		    done, done > 1 ? "s" : "", slots, slots > 1 ? "x" : "");
		if (extra > 0)
			buf_printf(b, ", et %d hors créneau", extra);
		buf_puts(b, " (objectif de la campagne : ");
		html_puts(b, PQgetvalue(res, i, PQfnumber(res, "target")));
		buf_puts(b, " contacts)");
		if (writable) {
			buf_puts(b, " — <a class=\"fr-link\" href=\"" PREFIX
			    "/campagnes/");
			html_puts(b, PQgetvalue(res, i, PQfnumber(res,
			    "campaign_id")));
			buf_puts(b, "/hors-creneau\">saisir un contact hors "
			    "créneau</a>");
		}
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n");
}

static void
home(struct mystery *m, const struct staff_user *u, const struct req *r,
    struct resp *p)
{
	const char	*q = r->query != NULL ? r->query : "";
	struct buf	*b = &p->body;
	PGresult	*res;
	char		 sqlstate[6], *cause = NULL;
	enum db_status	 rc;
	int		 i, n, today = 0, done = 0, nslots = 0;

	rc = db_exec_as(m->db, u->session, STMT_MY_SLOTS, NULL, &res, sqlstate,
	    &cause);
	if (rc != DB_OK) {
		log_warnx("slots of %s: %s", u->login, cause);
		free(cause);
		staff_page_message(m->staff, p, u, 503, "Service "
		    "momentanément indisponible", "Vos créneaux ne peuvent pas "
		    "être affichés pour le moment. Réessayez dans quelques "
		    "instants.", NULL, NULL);
		return;
	}
	n = PQntuples(res);
	for (i = 0; i < n; i++) {
		if (strcmp(PQgetvalue(res, i, PQfnumber(res, "today")),
		    "t") == 0)
			today++;
		/* The count is of slots: contacts outside them are apart. */
		if (PQgetisnull(res, i, PQfnumber(res, "id")))
			continue;
		nslots++;
		if (strcmp(PQgetvalue(res, i, PQfnumber(res, "recorded")),
		    "t") == 0)
			done++;
	}
	staff_page_open(m->staff, p, u, "Mes créneaux");
	buf_puts(b, "<h1>Mes créneaux</h1>\n");
	if (u->role == STAFF_REFERENT || u->role == STAFF_ADMIN)
		buf_puts(b, "<p><a class=\"fr-link fr-icon-calendar-line "
		    "fr-link--icon-left\" href=\"/referent/planification\">"
		    "Planifier les contrôles mystère</a></p>\n");
	if (strcmp(q, "enregistre") == 0 || strcmp(q, "corrige") == 0 ||
	    strcmp(q, "deja") == 0) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--success "
		    "fr-alert--sm fr-mb-4w\" role=\"status\">\n<p>");
		buf_puts(b, strcmp(q, "enregistre") == 0 ? "Le contact est "
		    "enregistré." : strcmp(q, "corrige") == 0 ? "La saisie est "
		    "corrigée." : "Ce contact était déjà enregistré : rien n’a "
		    "été ajouté.");
		buf_puts(b, "</p>\n</div>\n");
	}
	if (n == 0) {
		buf_puts(b, "<p class=\"fr-text--lead\">Aucun créneau ne vous "
		    "est attribué dans une campagne en cours. Le référent "
		    "qualité vous en attribuera lors de la planification.</p>"
		    "\n");
	} else {
		buf_printf(b, "<p class=\"fr-text--lead\">%d contact%s saisi%s "
		    "sur %d créneau%s.</p>\n", done, done > 1 ? "s" : "",
		    done > 1 ? "s" : "", nslots, nslots > 1 ? "x" : "");
		campaign_progress(b, res);
		if (today > 0)
			slot_table(b, res, 1, "Aujourd’hui");
		slot_table(b, res, 0, "Toute la période");
	}
	PQclear(res);
	page_end(b);
}

/* Splits the campaign's services, as SERVICE_COLUMNS gives them, into
   t's options; a label missing is its key. */
static void
target_services(struct target *t, const char *keys, const char *labels)
{
	char	*k, *l, *kn, *ln;
	size_t	 n;

	if (*keys == '\0')
		return;
	t->service_keys = xstrdup(keys);
	t->service_labels = xstrdup(labels);
	for (n = 1, k = t->service_keys; *k != '\0'; k++)
		n += *k == ' ';
	t->services = xcalloc(n, sizeof(*t->services));
	for (k = t->service_keys, l = t->service_labels; k != NULL;
	    k = kn, l = ln) {
		if ((kn = strchr(k, ' ')) != NULL)
			*kn++ = '\0';
		if (l != NULL && (ln = strchr(l, '\n')) != NULL)
			*ln++ = '\0';
		else
			ln = NULL;
		t->services[t->nservices].value = k;
		t->services[t->nservices++].label = l != NULL && *l != '\0' ?
		    l : k;
	}
}

static void
target_from_row(PGresult *res, int i, struct target *t)
{
	memset(t, 0, sizeof(*t));
	t->campaign_id = strtoll(db_value(res, i, "campaign_id"), NULL, 10);
	t->form_id = strtoll(db_value(res, i, "form_id"), NULL, 10);
	snprintf(t->slot_id, sizeof(t->slot_id), "%s", db_value(res, i, "slot_id"));
	snprintf(t->response_id, sizeof(t->response_id), "%s",
	    db_value(res, i, "response_id"));
	snprintf(t->title, sizeof(t->title), "%s", db_value(res, i, "title"));
	snprintf(t->kind, sizeof(t->kind), "%s", db_value(res, i, "kind"));
	snprintf(t->opens_on, sizeof(t->opens_on), "%s",
	    db_value(res, i, "opens_on"));
	snprintf(t->closes_on, sizeof(t->closes_on), "%s",
	    db_value(res, i, "closes_on"));
	snprintf(t->department, sizeof(t->department), "%s",
	    db_value(res, i, "department"));
	snprintf(t->day, sizeof(t->day), "%s", db_value(res, i, "day"));
	t->afternoon = strcmp(db_value(res, i, "afternoon"), "t") == 0;
	snprintf(t->service_key, sizeof(t->service_key), "%s",
	    db_value(res, i, "service_key"));
	snprintf(t->service, sizeof(t->service), "%s", db_value(res, i, "service"));
	t->writable = strcmp(db_value(res, i, "writable"), "t") == 0;
	snprintf(t->today, sizeof(t->today), "%s", db_value(res, i, "today"));
	referential_read(res, i, &t->ref);
	if (t->ref.name != NULL) {
		snprintf(t->ref_name, sizeof(t->ref_name), "%s", t->ref.name);
		t->ref.name = t->ref_name;	/* res is cleared soon */
	}
	target_services(t, db_value(res, i, "service_keys"),
	    db_value(res, i, "service_labels"));
}

static void
target_free(struct target *t)
{
	free(t->service_keys);
	free(t->service_labels);
	free(t->services);
	t->service_keys = t->service_labels = NULL;
	t->services = NULL;
	t->nservices = 0;
}

/*
 * The options of the "service" question that t's grid offers: the
 * campaign's services; NULL, the grid's own options, for a campaign
 * without any.
 */
static const struct valid_choices *
target_choices(const struct target *t, struct valid_choices *vc)
{
	if (t->nservices == 0)
		return NULL;
	vc->key = "service";
	vc->options = t->services;
	vc->noptions = t->nservices;
	return vc;
}

/*
 * Adds the stored answer value of the "service" question to t's
 * options when the campaign's services lack it (an entry made before
 * they were the campaign's), labelled as the grid f labels it: it stays
 * shown, and may be kept. value must outlive t.
 */
static void
target_keep_service(struct target *t, const struct form *f,
    const char *value)
{
	const struct form_question	*q;
	const struct form_option	*o;
	size_t				 i;

	if (t->nservices == 0 || value == NULL ||
	    (q = form_find(f, "service")) == NULL)
		return;
	for (i = 0; i < t->nservices; i++)
		if (strcmp(t->services[i].value, value) == 0)
			return;
	t->services = xreallocarray(t->services, t->nservices + 1,
	    sizeof(*t->services));
	memset(&t->services[t->nservices], 0, sizeof(*t->services));
	t->services[t->nservices].value = value;
	t->services[t->nservices++].label = (o = form_option_find(q,
	    value)) != NULL ? o->label : value;
}

/*
 * Loads what a page needs through statement stmt with one parameter.
 * With entry non-NULL, also the answers of an entry, as fields (the
 * caller frees them with http_fields_free). Returns 1, 0 when the row
 * is not there (or not the user's: the policies hide it), -1 when the
 * database is unavailable.
 */
static int
load(struct mystery *m, const struct staff_user *u, enum stmt stmt,
    const char *param, struct target *t, struct http_field **entry,
    size_t *nentry)
{
	const char	*params[1] = { param };
	PGresult	*res;
	char		 sqlstate[6], *cause = NULL;
	int		 i, n;

	if (db_exec_as(m->db, u->session, stmt, params, &res, sqlstate,
	    &cause) != DB_OK) {
		log_warnx("%s %s for %s: %s", mystery_stmts[stmt].name, param,
		    u->login, cause);
		free(cause);
		return -1;
	}
	if ((n = PQntuples(res)) == 0) {
		PQclear(res);
		return 0;
	}
	target_from_row(res, 0, t);
	if (entry != NULL) {
		*entry = xcalloc((size_t)n, sizeof(**entry));
		*nentry = 0;
		for (i = 0; i < n; i++) {
			if (*db_value(res, i, "question") == '\0')
				continue;
			(*entry)[*nentry].key = xstrdup(db_value(res, i,
			    "question"));
			(*entry)[*nentry].val = xstrdup(*db_value(res, i, "value") !=
			    '\0' ? db_value(res, i, "value") : db_value(res, i, "text"));
			(*entry)[*nentry].vallen = strlen((*entry)[*nentry].val);
			(*nentry)++;
		}
	}
	PQclear(res);
	return 1;
}

/* The first date or date-time question: when the contact took place. */
static const struct form_question *
contact_question(const struct form *f, size_t *index)
{
	const struct form_question	*q;
	size_t				 k;

	for (k = 0; k < form_nquestions(f); k++) {
		q = form_question(f, k);
		if (q->kind == QKIND_DATETIME || q->kind == QKIND_DATE) {
			*index = k;
			return q;
		}
	}
	return NULL;
}

/*
 * Checks what only the campaign can tell: the contact's date lies in its
 * period. Adds the error next to the field; returns the errors added.
 */
static size_t
check_period(const struct target *t, struct answerset *s)
{
	const struct form_question	*q;
	struct qanswer			*a;
	char				 day[11];
	size_t				 k;

	if ((q = contact_question(s->form, &k)) == NULL)
		return 0;
	a = &s->q[k];
	if (!a->answered || a->error != NULL || a->nsent != 1)
		return 0;
	snprintf(day, sizeof(day), "%s", a->sent[0]->val);
	if (strcmp(day, t->opens_on) >= 0 && strcmp(day, t->closes_on) <= 0)
		return 0;
	xasprintf(&a->error, "La date doit être comprise dans la période de "
	    "la campagne, du %s au %s.", t->opens_on, t->closes_on);
	s->nerrors++;
	return 1;
}

/*
 * Checks that the contact of s may still be written today: an email
 * until MYSTERY_TYPING_DAYS after its answer was due (the delay's
 * threshold under the campaign's referential, form_rule_apply, in
 * working days after it was sent, cal_due_date), a call
 * until MYSTERY_TYPING_DAYS after it was made. The database keeps the
 * campaign writable long enough (sql/013); this is the exact rule. Adds
 * the error next to the contact's date; returns the errors added.
 */
static size_t
check_window(const struct target *t, struct answerset *s)
{
	const struct form_question	*q, *d = NULL;
	struct form_question		 rule;
	struct qanswer			*a;
	char				 day[11], due_s[11], last_s[11];
	long				 sent, today, due, last;
	size_t				 k, i;

	if ((q = contact_question(s->form, &k)) == NULL)
		return 0;
	a = &s->q[k];
	if (!a->answered || a->error != NULL || a->nsent != 1)
		return 0;
	snprintf(day, sizeof(day), "%s", a->sent[0]->val);
	if (cal_parse(day, &sent) == -1 || cal_parse(t->today, &today) == -1)
		return 0;
	for (i = 0; i < form_nquestions(s->form) && d == NULL; i++) {
		d = form_question(s->form, i);
		if (d->kind != QKIND_DELAY || !d->has_conform_max ||
		    d->delay_from == NULL || strcmp(d->delay_from, q->key) != 0)
			d = NULL;
	}
	/* The deadline is the campaign's referential's, not the form's. */
	if (d != NULL) {
		form_rule_apply(d, &t->ref, &rule);
		d = &rule;
	}
	due = d != NULL ? cal_due_date(sent, (int)d->conform_max,
	    t->department) : sent;
	if (due == -1)
		return 0;
	last = due + MYSTERY_TYPING_DAYS;
	if (today <= last)
		return 0;
	cal_format(due, due_s);
	cal_format(last, last_s);
	if (d != NULL)
		xasprintf(&a->error, "Le délai de saisie de ce courriel est "
		    "passé : sa réponse était attendue au plus tard le %s, et "
		    "il se saisissait jusqu’au %s.", due_s, last_s);
	else
		xasprintf(&a->error, "Le délai de saisie de ce contact est "
		    "passé : il se saisissait jusqu’au %s.", last_s);
	s->nerrors++;
	return 1;
}

/* What the program computes and stores beside the answers. */
struct computed {
	const char	**keys;
	const char	**values;
	char		(*text)[24];	/* the values' storage */
	size_t		  n;
};

/*
 * Computes each delay question of s in working days at the site's
 * department (an email answered 3 working days after it was sent: 3).
 * The caller frees with computed_free.
 */
static void
computed_make(struct computed *c, const struct answerset *s,
    const char *department)
{
	const struct form_question	*q;
	char				 from[11], to[11];
	long				 d1, d2, days;
	size_t				 k;

	c->n = 0;
	c->keys = xcalloc(s->nq + 1, sizeof(*c->keys));
	c->values = xcalloc(s->nq + 1, sizeof(*c->values));
	c->text = xcalloc(s->nq + 1, sizeof(*c->text));
	for (k = 0; k < s->nq; k++) {
		q = form_question(s->form, k);
		if (q->kind != QKIND_DELAY ||
		    valid_delay_dates(s, q, from, to) != 1 ||
		    cal_parse(from, &d1) == -1 || cal_parse(to, &d2) == -1 ||
		    (days = cal_working_delay(d1, d2, department)) < 0)
			continue;
		snprintf(c->text[c->n], sizeof(c->text[c->n]), "%ld", days);
		c->keys[c->n] = q->key;
		c->values[c->n] = c->text[c->n];
		c->n++;
	}
}

static void
computed_free(struct computed *c)
{
	free(c->keys);
	free(c->values);
	free(c->text);
}

/*
 * Checks the grid sent in r against its form f and what only the
 * campaign t can tell: the contact's date in its period, and still in
 * its window. The caller frees *s with valid_answers_free.
 */
static void
entry_check(const struct target *t, const struct form *f,
    const struct req *r, struct answerset *s,
    struct valid_choices *vc)
{
	valid_answers_choices(f, target_choices(t, vc), r->fields,
	    r->nfields, s);
	if (check_period(t, s) == 0)
		check_window(t, s);
}

/* The rows to store for the checked grid s: its answers and its delays
   in working days of t's site. The caller frees them with answers_free. */
static void
entry_rows(const struct target *t, const struct answerset *s,
    struct answer_rows *rows)
{
	struct computed	comp;

	computed_make(&comp, s, t->department);
	answers_make(rows, s, comp.keys, comp.values, comp.n);
	computed_free(&comp);
}

static void
grid_page(struct mystery *m, struct resp *p, const struct staff_user *u,
    const struct target *t,
    const struct form *f, const char *action, const char *token,
    const struct answerset *s, const char *alert_title,
    const char *alert_text)
{
	struct buf	*b = &p->body;

	staff_page_open(m->staff, p, u, s != NULL && s->nerrors > 0 ?
	    "Erreur – Saisie" : "Saisie d’un contact");
	page_back_link(b, PREFIX "/", "Mes créneaux");
	buf_puts(b, "<p class=\"fr-text--lead\">");
	html_puts(b, t->title);
	if (t->day[0] != '\0') {
		buf_puts(b, " — créneau du ");
		page_date(b, t->day);
		buf_puts(b, t->afternoon ? ", après-midi" : ", matin");
		buf_puts(b, " — ");
		html_puts(b, t->service);
	} else
		buf_puts(b, " — hors créneau");
	buf_puts(b, "</p>\n");
	render_grid(b, f, &t->ref, action, token, u->csrf, s, alert_title,
	    alert_text, NULL);
	page_end(b);
}

static void
refused(struct mystery *m, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(m->staff, p, u, status, title, text, PREFIX "/",
	    "Mes créneaux");
}

static const char *
channel_of(const struct target *t)
{
	return strcmp(t->kind, "mystery-email") == 0 ? "email" : "call";
}

/*
 * Loads the slot slot_id (or campaign campaign_id, outside any slot)
 * into *t for a new contact. Returns 1, or 0 when p already says why
 * not: unavailable, not found, closed, already recorded.
 */
static int
record_target(struct mystery *m, const struct staff_user *u, struct resp *p,
    const char *slot_id, const char *campaign_id, struct target *t)
{
	int	found;

	found = slot_id != NULL ?
	    load(m, u, STMT_SLOT, slot_id, t, NULL, NULL) :
	    load(m, u, STMT_CAMPAIGN, campaign_id, t, NULL, NULL);
	if (found == -1)
		refused(m, p, u, 503, "Service momentanément indisponible",
		    "Réessayez dans quelques instants.");
	else if (found == 0)
		refused(m, p, u, 404, "Page introuvable", "Ce créneau ou cette "
		    "campagne n’existe pas, ou ne vous est pas attribué.");
	else if (!t->writable)
		refused(m, p, u, 403, "Campagne close", "Cette campagne n’est "
		    "pas ouverte : aucun contact ne peut y être saisi.");
	else if (t->response_id[0] != '\0')
		refused(m, p, u, 409, "Créneau déjà saisi", "Un contact est "
		    "déjà enregistré dans ce créneau : corrigez-le depuis la "
		    "liste de vos créneaux.");
	else
		return 1;
	return 0;
}

/* The empty grid of t, with nothing to retype: the slot's day, service. */
static void
record_form(struct mystery *m, const struct staff_user *u, struct resp *p,
    const struct target *t, const struct form *f, const char *action)
{
	const struct form_question	*cq;
	struct answerset		 s;
	struct valid_choices		 vc;
	struct http_field		 pre[2];
	char				 token[TOKEN_LEN + 1], moment[17];
	size_t				 n = 0, k;

	if ((cq = contact_question(f, &k)) != NULL && t->day[0] != '\0') {
		snprintf(moment, sizeof(moment), "%sT%s", t->day,
		    t->afternoon ? "14:00" : "09:30");
		pre[n].key = (char *)cq->key;
		pre[n].val = moment;
		pre[n++].vallen = strlen(moment);
	}
	if (t->service_key[0] != '\0' && form_find(f, "service") != NULL) {
		pre[n].key = (char *)"service";
		pre[n].val = (char *)t->service_key;
		pre[n++].vallen = strlen(t->service_key);
	}
	valid_answers_prefilled(f, target_choices(t, &vc), pre, n, &s);
	token_issue(m->key, t->campaign_id, token);
	grid_page(m, p, u, t, f, action, token, &s, NULL, NULL);
	valid_answers_free(&s);
}

/*
 * Stores the checked answers s of a new contact of t (in slot_id, or
 * NULL) in one transaction, and says how it went: back to the slots
 * when stored or stored already, the grid again when not.
 */
static void
record_store(struct mystery *m, const struct staff_user *u, struct resp *p,
    const struct target *t, const struct form *f, const char *action,
    const char *slot_id, const struct answerset *s)
{
	struct answer_rows	 rows;
	const char		*p0[5], *p1[5], *const *pp[2];
	const size_t		 seq[2] = { STMT_NEW_RESPONSE, STMT_ANSWERS };
	PGresult		*res;
	char			 id[32], uuid[37], sqlstate[6], *cause = NULL;
	enum db_status		 rc;

	entry_rows(t, s, &rows);
	token_uuid(uuid);
	snprintf(id, sizeof(id), "%lld", t->campaign_id);
	p0[0] = uuid;
	p0[1] = id;
	p0[2] = channel_of(t);
	p0[3] = s->token;
	p0[4] = slot_id;
	p1[0] = uuid;
	p1[1] = id;
	p1[2] = rows.questions.data;
	p1[3] = rows.values.data;
	p1[4] = rows.texts.data;
	pp[0] = p0;
	pp[1] = p1;
	rc = db_exec_as_seq(m->db, u->session, 2, seq, pp, &res, sqlstate, &cause);
	PQclear(res);
	answers_free(&rows);
	if (rc == DB_OK) {
		p->status = 303;
		xasprintf(&p->location, PREFIX "/?enregistre");
	} else if (rc == DB_REFUSED && strcmp(sqlstate, "23505") == 0) {
		/* This form was already sent, or the slot filled meanwhile. */
		p->status = 303;
		xasprintf(&p->location, PREFIX "/?deja");
	} else if (rc == DB_REFUSED && strcmp(sqlstate, "42501") == 0) {
		refused(m, p, u, 403, "Saisie refusée", "Cette campagne n’est "
		    "plus ouverte, ou ce créneau ne vous est pas attribué : "
		    "rien n’a été enregistré.");
	} else {
		log_warnx("record for %s: %s", u->login, cause);
		p->status = rc == DB_UNAVAILABLE ? 503 : 500;
		grid_page(m, p, u, t, f, action, s->token, s, "Rien n’a encore "
		    "été enregistré", "Le service est momentanément "
		    "indisponible. Vos réponses sont conservées ci-dessous : "
		    "enregistrez-les à nouveau dans quelques instants.");
	}
	free(cause);
}

/*
 * GET and POST of a new contact, in a slot (slot_id non-NULL) or outside
 * any slot of campaign campaign_id.
 */
static void
record(struct mystery *m, const struct staff_user *u, struct req *r,
    struct resp *p, const char *slot_id, const char *campaign_id)
{
	struct target		 t;
	const struct form	*f;
	struct answerset	 s;
	struct valid_choices	 vc;
	char			 action[128], token[TOKEN_LEN + 1];

	memset(&t, 0, sizeof(t));
	if (!record_target(m, u, p, slot_id, campaign_id, &t))
		goto out;
	if ((f = formcache_get(m->forms, t.form_id)) == NULL) {
		refused(m, p, u, 503, "Service momentanément indisponible",
		    "La grille ne peut pas être affichée pour le moment.");
		goto out;
	}
	if (slot_id != NULL)
		snprintf(action, sizeof(action), PREFIX "/creneaux/%s",
		    slot_id);
	else
		snprintf(action, sizeof(action), PREFIX "/campagnes/%s/"
		    "hors-creneau", campaign_id);
	if (r->method != HTTP_POST) {
		record_form(m, u, p, &t, f, action);
		goto out;
	}
	if (!staff_csrf_ok(u, r)) {
		refused(m, p, u, 403, "Action refusée", "Cette demande ne vient "
		    "pas d’une page de ce service : rien n’a été enregistré.");
		goto out;
	}
	if (http_field_get(r, STAFF_REVIEW_FIELD) != NULL) {
		/* Held through a login: shown again, filled in, not stored. */
		valid_answers_prefilled(f, target_choices(&t, &vc), r->fields,
		    r->nfields, &s);
		if (s.token == NULL ||
		    !token_check(m->key, t.campaign_id, s.token))
			token_issue(m->key, t.campaign_id, token);
		grid_page(m, p, u, &t, f, action, s.token != NULL &&
		    token_check(m->key, t.campaign_id, s.token) ? s.token :
		    token, &s, "Votre saisie vous attend", REVIEW_TEXT);
		valid_answers_free(&s);
		goto out;
	}
	entry_check(&t, f, r, &s, &vc);
	if (s.token == NULL || !token_check(m->key, t.campaign_id, s.token)) {
		token_issue(m->key, t.campaign_id, token);
		p->status = 400;
		grid_page(m, p, u, &t, f, action, token, &s, "Ce formulaire a "
		    "expiré", "Rien n’a été enregistré ; vos réponses sont "
		    "conservées ci-dessous : vérifiez-les puis enregistrez.");
	} else if (s.nerrors > 0) {
		p->status = 400;
		grid_page(m, p, u, &t, f, action, s.token, &s, NULL, NULL);
	} else
		record_store(m, u, p, &t, f, action, slot_id, &s);
	valid_answers_free(&s);
out:
	target_free(&t);
}

/* GET and POST of a correction to one of the user's own entries. */
static void
correct(struct mystery *m, const struct staff_user *u, struct req *r,
    struct resp *p, const char *response_id)
{
	struct target		 t;
	const struct form	*f;
	struct answerset	 s;
	struct valid_choices	 vc;
	struct answer_rows	 rows;
	struct http_field	*stored = NULL;
	const char		*p0[2], *p1[1], *p2[5], *const *pp[3];
	const size_t		 seq[3] = { STMT_TOUCH, STMT_CLEAR,
				    STMT_ANSWERS };
	PGresult		*res;
	char			 action[128], id[32], sqlstate[6];
	char			*cause = NULL;
	size_t			 nstored = 0, i;
	int			 found;
	enum db_status		 rc;

	memset(&t, 0, sizeof(t));
	found = load(m, u, STMT_ENTRY, response_id, &t, &stored, &nstored);
	if (found == -1) {
		refused(m, p, u, 503, "Service momentanément indisponible",
		    "Réessayez dans quelques instants.");
		return;
	}
	if (found == 0) {
		/* Another enquirer's entry looks like no entry at all. */
		refused(m, p, u, 404, "Saisie introuvable", "Cette saisie "
		    "n’existe pas ou n’est pas la vôtre.");
		return;
	}
	if ((f = formcache_get(m->forms, t.form_id)) == NULL) {
		refused(m, p, u, 503, "Service momentanément indisponible",
		    "La grille ne peut pas être affichée pour le moment.");
		goto out;
	}
	for (i = 0; i < nstored; i++)
		if (strcmp(stored[i].key, "service") == 0)
			target_keep_service(&t, f, stored[i].val);
	snprintf(action, sizeof(action), PREFIX "/saisies/%s", response_id);
	if (!t.writable) {
		refused(m, p, u, 403, "Campagne close", "Cette campagne est "
		    "close : ses saisies ne peuvent plus être corrigées.");
		goto out;
	}
	if (r->method != HTTP_POST) {
		valid_answers_prefilled(f, target_choices(&t, &vc), stored,
		    nstored, &s);
		grid_page(m, p, u, &t, f, action, "", &s, NULL, NULL);
		valid_answers_free(&s);
		goto out;
	}
	if (!staff_csrf_ok(u, r)) {
		refused(m, p, u, 403, "Action refusée", "Cette demande ne vient "
		    "pas d’une page de ce service : rien n’a été modifié.");
		goto out;
	}
	if (http_field_get(r, STAFF_REVIEW_FIELD) != NULL) {
		valid_answers_prefilled(f, target_choices(&t, &vc), r->fields,
		    r->nfields, &s);
		grid_page(m, p, u, &t, f, action, "", &s, "Votre correction "
		    "vous attend", REVIEW_TEXT);
		goto done;
	}
	entry_check(&t, f, r, &s, &vc);
	if (s.nerrors > 0) {
		p->status = 400;
		grid_page(m, p, u, &t, f, action, "", &s, NULL, NULL);
		goto done;
	}
	entry_rows(&t, &s, &rows);
	snprintf(id, sizeof(id), "%lld", t.campaign_id);
	p0[0] = response_id;
	p0[1] = id;
	p1[0] = response_id;
	p2[0] = response_id;
	p2[1] = id;
	p2[2] = rows.questions.data;
	p2[3] = rows.values.data;
	p2[4] = rows.texts.data;
	pp[0] = p0;
	pp[1] = p1;
	pp[2] = p2;
	rc = db_exec_as_seq(m->db, u->session, 3, seq, pp, &res, sqlstate, &cause);
	PQclear(res);
	answers_free(&rows);
	if (rc == DB_OK) {
		p->status = 303;
		xasprintf(&p->location, PREFIX "/?corrige");
	} else if (rc == DB_REFUSED && strcmp(sqlstate, "42501") == 0) {
		refused(m, p, u, 403, "Correction refusée", "Cette campagne est "
		    "close : rien n’a été modifié.");
	} else {
		log_warnx("correct %s for %s: %s", response_id, u->login,
		    cause);
		p->status = rc == DB_UNAVAILABLE ? 503 : 500;
		grid_page(m, p, u, &t, f, action, "", &s, "Rien n’a encore été "
		    "modifié", "Le service est momentanément indisponible. "
		    "Vos réponses sont conservées ci-dessous : enregistrez-les "
		    "à nouveau dans quelques instants.");
	}
	free(cause);
done:
	valid_answers_free(&s);
out:
	target_free(&t);
	http_fields_free(stored, nstored);
}

void
mystery_handle(struct mystery *m, struct req *r, struct resp *p)
{
	struct staff_user	 u;
	char			 id[32], tail, to[256];
	const char		*rest;

	http_resp_reset(p);
	/* No form of the previous request is held any more. */
	formcache_trim(m->forms);
	/* The referents' planning moved to their own program. */
	if (strncmp(r->path, OLD_PLANNING, sizeof(OLD_PLANNING) - 1) == 0 &&
	    strlen(rest = r->path + sizeof(OLD_PLANNING) - 1) < 128 &&
	    (*rest == '\0' || *rest == '/')) {
		snprintf(to, sizeof(to), "/referent/planification%s", rest);
		http_moved(r, p, to);
		return;
	}
	if (!staff_request(m->staff, r, p, &u))
		return;
	if (strcmp(r->path, PREFIX "/") == 0 && (r->method == HTTP_GET ||
	    r->method == HTTP_HEAD)) {
		home(m, &u, r, p);
		return;
	}
	if (r->method == HTTP_OTHER) {
		p->status = 405;
		p->allow = "GET, HEAD, POST";
		return;
	}
	if (sscanf(r->path, PREFIX "/creneaux/%31[0-9]%c", id, &tail) == 1 &&
	    http_id_parse(id, NULL)) {
		record(m, &u, r, p, id, NULL);
		return;
	}
	if (sscanf(r->path, PREFIX "/campagnes/%31[0-9]/hors-creneau%c", id,
	    &tail) == 1 && http_id_parse(id, NULL)) {
		record(m, &u, r, p, NULL, id);
		return;
	}
	if (strncmp(r->path, PREFIX "/saisies/", sizeof(PREFIX "/saisies/") -
	    1) == 0 && http_uuid_valid(r->path + sizeof(PREFIX "/saisies/") - 1)) {
		correct(m, &u, r, p, r->path + sizeof(PREFIX "/saisies/") - 1);
		return;
	}
	refused(m, p, &u, 404, "Page introuvable", "Cette page n’existe pas.");
}
