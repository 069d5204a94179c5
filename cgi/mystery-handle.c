/* The enquirers' program: sessions, then each enquirer's own slots. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "db.h"
#include "html.h"
#include "http.h"
#include "mystery-handle.h"
#include "page.h"
#include "staff.h"
#include "token.h"
#include "util.h"

#define PREFIX		"/mystere"
#define SERVICE		"Contrôles mystère"

enum stmt {
	STMT_MY_SLOTS,
	STMT__MAX
};

static const struct db_stmt mystery_stmts[STMT__MAX] = {
	/* The policies keep this to the logged-in enquirer's rows; the
	   WHERE says so too, for the reader. */
	[STMT_MY_SLOTS] = { "mystery_my_slots",
	    "SELECT s.id, to_char(s.day, 'YYYY-MM-DD') AS day, s.afternoon,"
	    " cs.label AS service, c.title, c.kind,"
	    " to_char(c.closes_on, 'YYYY-MM-DD') AS closes_on,"
	    " r.id IS NOT NULL AS recorded,"
	    " s.day = (now() AT TIME ZONE site.timezone)::date AS today"
	    " FROM qualimetre.slot s"
	    " JOIN qualimetre.campaign c ON c.id = s.campaign_id"
	    " JOIN qualimetre.site site ON site.id = c.site_id"
	    " JOIN qualimetre.campaign_service cs"
	    "  ON cs.campaign_id = s.campaign_id AND cs.key = s.service_key"
	    " LEFT JOIN qualimetre.response r ON r.slot_id = s.id"
	    " WHERE s.enquirer_id = qualimetre.current_user_id()"
	    " AND (now() AT TIME ZONE site.timezone)::date <= c.closes_on"
	    " ORDER BY s.day, s.afternoon", 0 },
};

struct mystery {
	struct db	*db;
	struct staff	*staff;
};

struct mystery *
mystery_create(const char *dsn, const char *schema_path,
    const unsigned char *key)
{
	struct mystery	*m;

	(void)schema_path;	/* XXX: used once grids are recorded here */
	m = xcalloc(1, sizeof(*m));
	m->db = db_create(dsn, mystery_stmts, STMT__MAX);
	m->staff = staff_create(m->db, key, PREFIX, SERVICE);
	return m;
}

void
mystery_free(struct mystery *m)
{
	if (m == NULL)
		return;
	staff_free(m->staff);
	db_free(m->db);
	free(m);
}

static void
frame(struct resp *p, const struct staff_user *u, const char *title)
{
	struct page_frame	pf = { 0 };

	pf.title = title;
	pf.service = SERVICE;
	pf.tagline = "Espace des enquêteurs";
	pf.user = u->name;
	pf.logout_action = PREFIX "/deconnexion";
	pf.csrf = u->csrf;
	page_open(&p->body, &pf);
}

static void
plain(struct resp *p, int status, const char *title, const char *text)
{
	p->status = status;
	page_begin(&p->body, title, SERVICE);
	page_message(&p->body, title, text, NULL, NULL);
	page_end(&p->body);
}

/* One table row of a slot. */
static void
slot_row(struct buf *b, PGresult *res, int i)
{
	buf_puts(b, "<tr><td>");
	page_date(b, PQgetvalue(res, i, PQfnumber(res, "day")));
	buf_puts(b, "</td><td>");
	buf_puts(b, strcmp(PQgetvalue(res, i, PQfnumber(res, "afternoon")),
	    "t") == 0 ? "Après-midi" : "Matin");
	buf_puts(b, "</td><td>");
	html_puts(b, PQgetvalue(res, i, PQfnumber(res, "service")));
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

	buf_puts(b, "<div class=\"fr-table\">\n<table>\n<caption>");
	html_puts(b, caption);
	buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">Jour</th>"
	    "<th scope=\"col\">Demi-journée</th><th scope=\"col\">Service"
	    "</th><th scope=\"col\">Campagne</th><th scope=\"col\">État"
	    "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++)
		if (!today_only || strcmp(PQgetvalue(res, i,
		    PQfnumber(res, "today")), "t") == 0)
			slot_row(b, res, i);
	buf_puts(b, "</tbody>\n</table>\n</div>\n");
}

static void
home(struct mystery *m, const struct staff_user *u, struct resp *p)
{
	struct buf	*b = &p->body;
	PGresult	*res;
	char		 sqlstate[6], *cause = NULL;
	enum db_status	 rc;
	int		 i, n, today = 0, done = 0;

	rc = db_exec_as(m->db, u->id, STMT_MY_SLOTS, NULL, &res, sqlstate,
	    &cause);
	if (rc != DB_OK) {
		log_warnx("slots of %s: %s", u->login, cause);
		free(cause);
		plain(p, 503, "Service momentanément indisponible",
		    "Vos créneaux ne peuvent pas être affichés pour le moment. "
		    "Réessayez dans quelques instants.");
		return;
	}
	n = PQntuples(res);
	for (i = 0; i < n; i++) {
		if (strcmp(PQgetvalue(res, i, PQfnumber(res, "today")),
		    "t") == 0)
			today++;
		if (strcmp(PQgetvalue(res, i, PQfnumber(res, "recorded")),
		    "t") == 0)
			done++;
	}
	p->no_store = 1;
	frame(p, u, "Mes créneaux");
	buf_puts(b, "<h1>Mes créneaux</h1>\n");
	if (n == 0) {
		buf_puts(b, "<p class=\"fr-text--lead\">Aucun créneau ne vous "
		    "est attribué dans une campagne en cours. Le référent "
		    "qualité vous en attribuera lors de la planification.</p>"
		    "\n");
	} else {
		buf_printf(b, "<p class=\"fr-text--lead\">%d contact%s saisi%s "
		    "sur %d créneau%s.</p>\n", done, done > 1 ? "s" : "",
		    done > 1 ? "s" : "", n, n > 1 ? "x" : "");
		if (today > 0)
			slot_table(b, res, 1, "Aujourd’hui");
		slot_table(b, res, 0, "Toute la période");
	}
	PQclear(res);
	page_end(b);
}

void
mystery_handle(struct mystery *m, struct req *r, struct resp *p)
{
	struct staff_user	 u;
	char			*cause = NULL;
	int			 s;

	http_resp_reset(p);
	if (r->method == HTTP_POST) {
		if (r->body_too_large || r->body_incomplete ||
		    http_parse_urlencoded(r->body != NULL ? r->body : "",
		    r->bodylen, HTTP_FIELDS_MAX, &r->fields, &r->nfields,
		    &cause) == -1) {
			free(cause);
			plain(p, r->body_too_large ? 413 : 400,
			    "Envoi illisible", "Ce formulaire n’a pas pu être "
			    "lu : rien n’a été enregistré.");
			return;
		}
	}
	if (staff_handle(m->staff, r, p))
		return;
	if ((s = staff_session(m->staff, r, &u)) == -1) {
		plain(p, 503, "Service momentanément indisponible",
		    "Réessayez dans quelques instants.");
		return;
	}
	if (s == 0) {
		staff_to_login(m->staff, r, p);
		return;
	}
	if (strcmp(r->path, PREFIX "/") == 0 && (r->method == HTTP_GET ||
	    r->method == HTTP_HEAD)) {
		home(m, &u, p);
		return;
	}
	plain(p, 404, "Page introuvable", "Cette page n’existe pas.");
}
