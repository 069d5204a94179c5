/* The services of a site: the referent's list, and its pages. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "db.h"
#include "fields.h"
#include "html.h"
#include "http.h"
#include "page.h"
#include "services.h"
#include "staff.h"
#include "utf8.h"
#include "xmalloc.h"

/* What services_key writes at most, leaving room for "-NN". */
#define KEY_STEM_MAX	(SERVICES_KEY_MAX - 4)

enum stmt {
	S_SITES,
	S_SITE,
	S_ADD,
	S_EDIT,
	S_RETIRE,
	S_MOVE,
	S__MAX
};

/* Who did what, in the audit log, with the site's code and the key. */
#define AUDIT(event) \
	" a AS (INSERT INTO qualimetre.audit_log (user_id, login, event," \
	"  detail) SELECT qualimetre.current_user_id()," \
	"  (SELECT u.login FROM qualimetre.app_user u" \
	"   WHERE u.id = qualimetre.current_user_id()), " event "," \
	"  (SELECT s.code FROM qualimetre.site s WHERE s.id = n.site_id)" \
	"  || ' ' || n.key FROM n)" \
	" SELECT key FROM n"

static const struct db_stmt services_stmts[S__MAX] = {
	/* The policies keep these to the sites the user plans. */
	[S_SITES] = { "services_sites",
	    "SELECT s.id, s.code, s.name,"
	    " count(ss.key) FILTER (WHERE NOT ss.retired) AS active"
	    " FROM qualimetre.site s"
	    " LEFT JOIN qualimetre.site_service ss ON ss.site_id = s.id"
	    " WHERE qualimetre.user_plans_site(s.id)"
	    " GROUP BY s.id ORDER BY s.code", 0 },
	/* The site, then its services: the active ones in their order,
	   the retired ones after them. */
	[S_SITE] = { "services_site",
	    "SELECT s.id, s.code, s.name, ss.key, ss.label, ss.by_phone,"
	    " ss.by_email, ss.retired"
	    " FROM qualimetre.site s"
	    " LEFT JOIN qualimetre.site_service ss ON ss.site_id = s.id"
	    " WHERE s.id = $1 AND qualimetre.user_plans_site(s.id)"
	    " ORDER BY ss.retired, ss.position, ss.key", 1 },
	/* Last of the list. */
	[S_ADD] = { "services_add",
	    "WITH n AS (INSERT INTO qualimetre.site_service"
	    "  (site_id, key, label, by_phone, by_email, position)"
	    "  SELECT $1::bigint, $2, $3, $4::boolean, $5::boolean,"
	    "  coalesce(max(position), 0) + 1 FROM qualimetre.site_service"
	    "  WHERE site_id = $1::bigint RETURNING site_id, key),"
	    AUDIT("'service-add'"), 5 },
	[S_EDIT] = { "services_edit",
	    "WITH n AS (UPDATE qualimetre.site_service SET label = $3,"
	    "  by_phone = $4::boolean, by_email = $5::boolean"
	    "  WHERE site_id = $1::bigint AND key = $2"
	    "  RETURNING site_id, key),"
	    AUDIT("'service-edit'"), 5 },
	[S_RETIRE] = { "services_retire",
	    "WITH n AS (UPDATE qualimetre.site_service"
	    "  SET retired = $3::boolean"
	    "  WHERE site_id = $1::bigint AND key = $2"
	    "  AND retired <> $3::boolean RETURNING site_id, key),"
	    AUDIT("CASE WHEN $3::boolean THEN 'service-retire'"
	    " ELSE 'service-restore' END"), 3 },
	/* Swaps the active service $2 with the active one just above it
	   ($3 true) or just below; nothing at either end. */
	[S_MOVE] = { "services_move",
	    "WITH me AS (SELECT site_id, key, position"
	    "  FROM qualimetre.site_service"
	    "  WHERE site_id = $1::bigint AND key = $2 AND NOT retired),"
	    " nb AS (SELECT o.key, o.position"
	    "  FROM qualimetre.site_service o, me"
	    "  WHERE o.site_id = me.site_id AND NOT o.retired"
	    "  AND o.key <> me.key AND CASE WHEN $3::boolean"
	    "  THEN o.position < me.position ELSE o.position > me.position END"
	    "  ORDER BY CASE WHEN $3::boolean THEN -o.position"
	    "  ELSE o.position END LIMIT 1),"
	    " m AS (UPDATE qualimetre.site_service t"
	    "  SET position = CASE WHEN t.key = me.key THEN nb.position"
	    "  ELSE me.position END"
	    "  FROM me, nb WHERE t.site_id = me.site_id"
	    "  AND t.key IN (me.key, nb.key) RETURNING t.site_id, t.key),"
	    " n AS (SELECT site_id, key FROM m WHERE key = $2),"
	    AUDIT("'service-move'"), 3 },
};

struct services {
	struct db	*db;
	struct staff	*staff;		/* the program's, for the frame */
	size_t		 base;		/* our first statement's number */
};

/* One service of a site, as S_SITE reads it. */
struct sv_service {
	const char	*key;
	const char	*label;
	int		 phone;
	int		 email;
	int		 retired;
};

/* A site and its services (S_SITE). */
struct sv_site {
	PGresult		*res;		/* the strings point into it */
	const char		*id;
	const char		*code;
	const char		*name;
	struct sv_service	*svc;
	size_t			 n;
	size_t			 nactive;	/* the first n of svc */
};

/* What a POST asks. */
enum sv_action {
	ACT_ADD,
	ACT_EDIT,
	ACT_UP,
	ACT_DOWN,
	ACT_RETIRE,
	ACT_RESTORE,
	ACT__MAX
};

static const char *const sv_actions[ACT__MAX] = {
	[ACT_ADD] = "ajouter",
	[ACT_EDIT] = "modifier",
	[ACT_UP] = "monter",
	[ACT_DOWN] = "descendre",
	[ACT_RETIRE] = "retirer",
	[ACT_RESTORE] = "retablir",
};

/* What can be wrong, each shown next to its field. */
enum sv_err {
	E_LABEL,
	E_CHANNEL,
	E__MAX
};
_Static_assert(E__MAX <= FIELDS_SLOTS_MAX, "too many error slots");

static const char *const sv_err_names[E__MAX] = {
	[E_LABEL] = "Nom du service",
	[E_CHANNEL] = "Joignable par",
};

/* A POST as sent, checked. Strings point into the request or label. */
struct sv_input {
	int			 action;	/* enum sv_action, -1: none */
	const char		*key;		/* checked, or NULL */
	const char		*label_s;	/* as typed, or NULL */
	int			 phone;
	int			 email;
	struct fields_errors	 errs;		/* slots: enum sv_err */
	char			 label[4 * SERVICES_LABEL_MAX + 1];
						/* label_s without the
						   spaces around it */
};

int
services_key_valid(const char *key)
{
	size_t	n;

	if (key == NULL || key[0] < 'a' || key[0] > 'z')
		return 0;
	n = strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789-");
	return key[n] == '\0' && n <= SERVICES_KEY_MAX;
}

/* The ASCII letters a Latin-1 or Latin Extended-A letter is written
   with in a key, or NULL for any other code point. */
static const char *
unaccented(unsigned int c)
{
	if (c == 0xff || c == 0x178)
		return "y";
	if (c == 0xdf)
		return "ss";
	if (c >= 0xe0 && c <= 0xfe && c != 0xf7)
		c -= 0x20;		/* lower case, in Latin-1 */
	if (c >= 0xc0 && c <= 0xc5)
		return "a";
	if (c == 0xc6)
		return "ae";
	if (c == 0xc7)
		return "c";
	if (c >= 0xc8 && c <= 0xcb)
		return "e";
	if (c >= 0xcc && c <= 0xcf)
		return "i";
	if (c == 0xd1)
		return "n";
	if (c >= 0xd2 && c <= 0xd6)
		return "o";
	if (c >= 0xd9 && c <= 0xdc)
		return "u";
	if (c == 0xdd)
		return "y";
	if (c == 0x152 || c == 0x153)
		return "oe";
	return NULL;
}

int
services_key(const char *label, char out[SERVICES_KEY_MAX + 1])
{
	const unsigned char	*s = (const unsigned char *)label;
	const char		*w;
	char			 one[2] = { 0, 0 };
	unsigned int		 c;
	size_t			 n = 0, k, len;
	int			 dash = 0;

	out[0] = '\0';
	while (*s != '\0') {
		/* Valid UTF-8: decode one code point. */
		if (*s < 0x80)
			c = *s++;
		else if ((*s & 0xe0) == 0xc0) {
			c = (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu);
			s += 2;
		} else {
			len = (*s & 0xf0) == 0xe0 ? 3 : 4;
			c = 0x10000;	/* nothing we write */
			s += len;
		}
		w = NULL;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			one[0] = (char)c;
			w = one;
		} else if (c >= 'A' && c <= 'Z') {
			one[0] = (char)(c - 'A' + 'a');
			w = one;
		} else
			w = unaccented(c);
		if (w == NULL) {
			dash = n > 0;
			continue;
		}
		len = strlen(w);
		if (n + dash + len > KEY_STEM_MAX)
			break;
		if (dash)
			out[n++] = '-';
		dash = 0;
		for (k = 0; k < len; k++)
			out[n++] = w[k];
	}
	out[n] = '\0';
	if (n == 0)
		return -1;
	if (out[0] >= '0' && out[0] <= '9') {
		if (n + 2 > KEY_STEM_MAX)
			n = KEY_STEM_MAX - 2;
		memmove(out + 2, out, n);
		out[0] = 's';
		out[1] = '-';
		n += 2;
		while (out[n - 1] == '-')
			n--;
		out[n] = '\0';
	}
	return 0;
}

struct services *
services_create(struct db *db, struct staff *staff)
{
	struct services	*sv;

	sv = xcalloc(1, sizeof(*sv));
	sv->db = db;
	sv->staff = staff;
	sv->base = db_register(db, services_stmts, S__MAX);
	return sv;
}

void
services_free(struct services *sv)
{
	free(sv);
}

/* ---------------------------------------------------------------- load */

static enum db_status
run(struct services *sv, const struct staff_user *u, enum stmt s,
    const char *const *params, PGresult **res, char *sqlstate)
{
	return db_exec_as_logged(sv->db, u->session, u->login, sv->base + s,
	    services_stmts[s].name, params, res, sqlstate);
}

static void
site_free(struct sv_site *site)
{
	PQclear(site->res);
	free(site->svc);
	memset(site, 0, sizeof(*site));
}

/*
 * Loads site id and its services into *site. Returns 1, 0 when the site
 * is not there or not the user's, -1 when the database is unavailable.
 * The caller frees *site with site_free in every case.
 */
static int
site_load(struct services *sv, const struct staff_user *u, const char *id,
    struct sv_site *site)
{
	const char		*params[1] = { id };
	struct sv_service	*s;
	char			 sqlstate[6];
	int			 i, n;

	memset(site, 0, sizeof(*site));
	if (run(sv, u, S_SITE, params, &site->res, sqlstate) != DB_OK)
		return -1;
	if ((n = PQntuples(site->res)) == 0)
		return 0;
	site->id = db_value(site->res, 0, "id");
	site->code = db_value(site->res, 0, "code");
	site->name = db_value(site->res, 0, "name");
	site->svc = xcalloc((size_t)n, sizeof(*site->svc));
	for (i = 0; i < n; i++) {
		if (*db_value(site->res, i, "key") == '\0')
			continue;	/* a site without services */
		s = &site->svc[site->n++];
		s->key = db_value(site->res, i, "key");
		s->label = db_value(site->res, i, "label");
		s->phone = *db_value(site->res, i, "by_phone") == 't';
		s->email = *db_value(site->res, i, "by_email") == 't';
		s->retired = *db_value(site->res, i, "retired") == 't';
		if (!s->retired)
			site->nactive++;
	}
	return 1;
}

static const struct sv_service *
site_service(const struct sv_site *site, const char *key)
{
	size_t	i;

	for (i = 0; key != NULL && i < site->n; i++)
		if (strcmp(site->svc[i].key, key) == 0)
			return &site->svc[i];
	return NULL;
}

/* ---------------------------------------------------------------- pages */

static void
message(struct services *sv, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(sv->staff, p, u, status, title, text,
	    SERVICES_PREFIX, "Services des sites");
}

static void
unavailable(struct services *sv, struct resp *p, const struct staff_user *u)
{
	message(sv, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été enregistré.");
}

static void
not_found(struct services *sv, struct resp *p, const struct staff_user *u)
{
	message(sv, p, u, 404, "Site introuvable", "Ce site n’existe pas, ou "
	    "il ne vous est pas confié : ses services ne vous sont pas "
	    "accessibles.");
}

const char *
services_reach(int phone, int email)
{
	return phone && email ? "téléphone, courriel" : phone ?
	    "téléphone" : "courriel";
}

/* GET SERVICES_PREFIX: the user's sites, each with its count. */
static void
index_page(struct services *sv, const struct staff_user *u, struct resp *p)
{
	struct buf	*b = &p->body;
	PGresult	*res = NULL;
	char		 sqlstate[6];
	int		 i, n;

	if (run(sv, u, S_SITES, NULL, &res, sqlstate) != DB_OK) {
		unavailable(sv, p, u);
		return;
	}
	staff_page_open(sv->staff, p, u, "Services des sites");
	page_back_link(b, "/referent/", "Accueil");
	buf_puts(b, "<h1>Services des sites</h1>\n<p>Les services de chaque "
	    "site sont ceux qu’une campagne mystère peut tester : la "
	    "planification propose les services actifs du site, et chaque "
	    "campagne garde la liste de ses propres services.</p>\n");
	if ((n = PQntuples(res)) == 0)
		buf_puts(b, "<p class=\"fr-text--lead\">Aucun site ne vous est "
		    "confié.</p>\n");
	else {
		buf_puts(b, "<ul>\n");
		for (i = 0; i < n; i++) {
			buf_puts(b, "<li><a href=\"" SERVICES_PREFIX "/");
			html_puts(b, db_value(res, i, "id"));
			buf_puts(b, "\">");
			html_puts(b, db_value(res, i, "name"));
			buf_puts(b, " (");
			html_puts(b, db_value(res, i, "code"));
			buf_puts(b, ")</a> : ");
			html_puts(b, db_value(res, i, "active"));
			buf_puts(b, " service(s) actif(s)</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	PQclear(res);
	page_end(b);
}

/* A small form of one button acting on service s. */
static void
action_button(struct buf *b, const struct staff_user *u,
    const struct sv_site *site, const struct sv_service *s,
    enum sv_action a, const char *text, const char *cls)
{
	buf_puts(b, "<form method=\"post\" action=\"" SERVICES_PREFIX "/");
	html_puts(b, site->id);
	buf_puts(b, "\" class=\"qm-inline-form\">\n");
	staff_csrf_input(b, u);
	buf_puts(b, "<input type=\"hidden\" name=\"key\" value=\"");
	html_puts(b, s->key);
	buf_printf(b, "\">\n<button class=\"fr-btn fr-btn--sm %s\" "
	    "type=\"submit\" name=\"action\" value=\"%s\">%s"
	    "<span class=\"fr-sr-only\"> ", cls, sv_actions[a], text);
	html_puts(b, s->label);
	buf_puts(b, "</span></button>\n</form>\n");
}

static void
service_table(struct buf *b, const struct staff_user *u,
    const struct sv_site *site)
{
	const struct sv_service	*s;
	size_t			 i;

	if (site->n == 0) {
		buf_puts(b, "<p>Ce site n’a encore aucun service.</p>\n");
		return;
	}
	buf_puts(b, "<div class=\"fr-table\">\n"
	    HTML_TABLE_BOXES "<table>\n<caption>Services "
	    "du site, dans l’ordre où la planification les propose"
	    "</caption>\n<thead><tr><th scope=\"col\">Service</th>"
	    "<th scope=\"col\">Clé</th><th scope=\"col\">Joignable par</th>"
	    "<th scope=\"col\">État</th><th scope=\"col\">Actions</th></tr>"
	    "</thead>\n<tbody>\n");
	for (i = 0; i < site->n; i++) {
		s = &site->svc[i];
		buf_puts(b, "<tr><td>");
		html_puts(b, s->label);
		buf_puts(b, "</td><td><code>");
		html_puts(b, s->key);
		buf_puts(b, "</code></td><td>");
		buf_puts(b, services_reach(s->phone, s->email));
		buf_puts(b, s->retired ? "</td><td><p class=\"fr-badge "
		    "fr-badge--sm\">Retiré</p>" : "</td><td><p class=\""
		    "fr-badge fr-badge--success fr-badge--sm\">Actif</p>");
		buf_puts(b, "</td><td><a class=\"fr-link\" "
		    "href=\"" SERVICES_PREFIX "/");
		html_puts(b, site->id);
		buf_putc(b, '/');
		html_puts(b, s->key);
		buf_puts(b, "\">Modifier<span class=\"fr-sr-only\"> ");
		html_puts(b, s->label);
		buf_puts(b, "</span></a>\n");
		if (!s->retired && i > 0)
			action_button(b, u, site, s, ACT_UP, "Monter",
			    "fr-btn--tertiary");
		if (!s->retired && i + 1 < site->nactive)
			action_button(b, u, site, s, ACT_DOWN, "Descendre",
			    "fr-btn--tertiary");
		action_button(b, u, site, s, s->retired ? ACT_RESTORE :
		    ACT_RETIRE, s->retired ? "Rétablir" : "Retirer",
		    "fr-btn--secondary");
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

/* The label and the channels of a service, as sent or stored. */
static void
service_fields(struct buf *b, const struct sv_input *in)
{
	page_field_input(b, "sv-label", "label", "text",
	    " maxlength=\"200\" required", "Nom du service",
	    "Tel que l’enquêteur le voit dans sa grille (200 caractères au "
	    "plus).", in->label_s, in->errs.error[E_LABEL], NULL, NULL);
	page_fieldset_open(b, "sv-channel", "Joignable par", "Une campagne "
	    "d’appels ne teste que les services joignables par téléphone, "
	    "une campagne de courriels ceux joignables par courriel.",
	    in->errs.error[E_CHANNEL]);
	buf_printf(b, "<div class=\"fr-fieldset__element\">\n"
	    "<div class=\"fr-checkbox-group\">\n<input type=\"checkbox\" "
	    "id=\"sv-phone\" name=\"phone\" value=\"1\"%s%s>\n"
	    "<label class=\"fr-label\" for=\"sv-phone\">Téléphone</label>\n"
	    "</div>\n</div>\n<div class=\"fr-fieldset__element\">\n"
	    "<div class=\"fr-checkbox-group\">\n<input type=\"checkbox\" "
	    "id=\"sv-email\" name=\"email\" value=\"1\"%s%s>\n"
	    "<label class=\"fr-label\" for=\"sv-email\">Courriel</label>\n"
	    "</div>\n</div>\n", in->phone ? " checked" : "",
	    in->errs.error[E_CHANNEL] != NULL ?
	    " aria-describedby=\"sv-channel-error\"" : "",
	    in->email ? " checked" : "", in->errs.error[E_CHANNEL] != NULL ?
	    " aria-describedby=\"sv-channel-error\"" : "");
	page_fieldset_close(b, "sv-channel", in->errs.error[E_CHANNEL]);
}

static void
error_summary(struct buf *b, const struct sv_input *in, const char *heading)
{
	static const char *const anchors[E__MAX] = {
		[E_LABEL] = "sv-label",
		[E_CHANNEL] = "sv-phone",
	};

	fields_summary(b, &in->errs, heading, sv_err_names, anchors, E__MAX,
	    0);
}

/* The site's page: its services, and the form adding one (in: as sent,
   with its errors, or NULL). */
static void
site_page(struct services *sv, const struct staff_user *u, struct resp *p,
    const struct sv_site *site, const struct sv_input *in, const char *done)
{
	struct sv_input	 blank;
	struct buf	*b = &p->body;

	if (in == NULL) {
		memset(&blank, 0, sizeof(blank));
		blank.phone = 1;
		in = &blank;
	}
	staff_page_open(sv->staff, p, u, in->errs.nerrors > 0 ? "Erreur – "
	    "Services du site" : "Services du site");
	page_back_link(b, SERVICES_PREFIX, "Services des sites");
	buf_puts(b, "<h1>Services : ");
	html_puts(b, site->name);
	buf_puts(b, "</h1>\n");
	if (done != NULL)
		page_success(b, done);
	if (in->action != ACT_ADD && in->errs.form_error != NULL)
		error_summary(b, in, "Rien n’a été modifié");
	buf_puts(b, "<p>Une campagne mystère teste les services actifs que "
	    "vous cochez en la planifiant, et garde sa propre liste : "
	    "renommer ou retirer un service ne change aucune campagne déjà "
	    "planifiée. Un service n’est jamais supprimé, car des réponses "
	    "s’y rapportent : retirez-le, il pourra être rétabli.</p>\n");
	service_table(b, u, site);
	buf_puts(b, "<h2 id=\"ajouter\">Ajouter un service</h2>\n");
	if (in->action == ACT_ADD)
		error_summary(b, in, "Le service n’a pas été ajouté");
	buf_puts(b, "<form method=\"post\" action=\"" SERVICES_PREFIX "/");
	html_puts(b, site->id);
	buf_puts(b, "\" novalidate>\n");
	staff_csrf_input(b, u);
	service_fields(b, in);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\" name=\"action\" "
	    "value=\"ajouter\">Ajouter le service</button>\n</form>\n"
	    "<p class=\"fr-mt-4w\"><a class=\"fr-link\" href=\"/referent/"
	    "planification/nouvelle\">Planifier une campagne mystère</a>"
	    "</p>\n");
	page_end(b);
}

/* The form renaming service s (in: as sent, with its errors, or NULL). */
static void
edit_page(struct services *sv, const struct staff_user *u, struct resp *p,
    const struct sv_site *site, const struct sv_service *s,
    const struct sv_input *in)
{
	struct sv_input	 now;
	struct buf	*b = &p->body;
	char		 back[64], *back_text;

	if (in == NULL) {
		memset(&now, 0, sizeof(now));
		now.label_s = s->label;
		now.phone = s->phone;
		now.email = s->email;
		in = &now;
	}
	staff_page_open(sv->staff, p, u, in->errs.nerrors > 0 ? "Erreur – "
	    "Modifier un service" : "Modifier un service");
	snprintf(back, sizeof(back), SERVICES_PREFIX "/%s", site->id);
	xasprintf(&back_text, "Services : %s", site->name);
	page_back_link(b, back, back_text);
	free(back_text);
	buf_puts(b, "<h1>Modifier le service « ");
	html_puts(b, s->label);
	buf_puts(b, " »</h1>\n<p>Sa clé, <code>");
	html_puts(b, s->key);
	buf_puts(b, "</code>, ne change pas : les réponses déjà saisies s’y "
	    "rapportent. Les campagnes déjà planifiées gardent l’ancien "
	    "nom.</p>\n");
	error_summary(b, in, "Le service n’a pas été modifié");
	buf_puts(b, "<form method=\"post\" action=\"" SERVICES_PREFIX "/");
	html_puts(b, site->id);
	buf_puts(b, "\" novalidate>\n");
	staff_csrf_input(b, u);
	buf_puts(b, "<input type=\"hidden\" name=\"key\" value=\"");
	html_puts(b, s->key);
	buf_puts(b, "\">\n");
	service_fields(b, in);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\" name=\"action\" "
	    "value=\"modifier\">Enregistrer</button>\n</form>\n");
	page_end(b);
}

/* ---------------------------------------------------------------- input */

static int
v_action(void *arg, const char *v)
{
	struct sv_input	*in = arg;
	int		 a;

	for (a = 0; a < ACT__MAX; a++)
		if (strcmp(v, sv_actions[a]) == 0) {
			in->action = a;
			return 1;
		}
	fields_form_fail(&in->errs, "Action inconnue : rechargez la page.");
	return 0;
}

static int
v_key(void *arg, const char *v)
{
	struct sv_input	*in = arg;

	if (!services_key_valid(v)) {
		fields_form_fail(&in->errs, "Ce service n’existe pas : "
		    "rechargez la page.");
		return 0;
	}
	in->key = v;
	return 1;
}

static int
v_label(void *arg, const char *v)
{
	struct sv_input	*in = arg;

	in->label_s = v;
	return fields_line(&in->errs, E_LABEL, v, SERVICES_LABEL_MAX,
	    "Le nom du service", in->label, sizeof(in->label));
}

static int
v_box(void *arg, const char *v, int *box)
{
	struct sv_input	*in = arg;

	if (strcmp(v, "1") != 0) {
		fields_fail(&in->errs, E_CHANNEL, "Cochez ou décochez les "
		    "cases proposées.");
		return 0;
	}
	*box = 1;
	return 1;
}

static int
v_phone(void *arg, const char *v)
{
	return v_box(arg, v, &((struct sv_input *)arg)->phone);
}

static int
v_email(void *arg, const char *v)
{
	return v_box(arg, v, &((struct sv_input *)arg)->email);
}

static const struct fields_field sv_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "action",	v_action,	0, FIELDS_NO_SLOT },
	{ "key",	v_key,		0, FIELDS_NO_SLOT },
	{ "label",	v_label,	0, E_LABEL },
	{ "phone",	v_phone,	0, E_CHANNEL },
	{ "email",	v_email,	0, E_CHANNEL },
};
#define SV_NFIELDS	(sizeof(sv_fields) / sizeof(sv_fields[0]))

/* Checks each field, then what the action needs, against the site as
   loaded (the database checks again). */
static void
read_input(const struct req *r, const struct sv_site *site,
    struct sv_input *in)
{
	struct fields_errors	*errs = &in->errs;
	const struct sv_service	*s;
	size_t			 i;

	memset(in, 0, sizeof(*in));
	in->action = -1;
	fields_read(r, sv_fields, SV_NFIELDS, FIELDS_NAME_FIELD, in, errs);
	if (in->action == -1) {
		fields_form_fail(errs, "Action inconnue : rechargez la page.");
		return;
	}
	if (in->action != ACT_ADD && (in->key == NULL ||
	    site_service(site, in->key) == NULL))
		fields_form_fail(errs, "Ce service n’existe pas sur ce site : "
		    "rechargez la page.");
	if (in->action != ACT_ADD && in->action != ACT_EDIT)
		return;
	if (in->label_s == NULL || (errs->error[E_LABEL] == NULL &&
	    in->label[0] == '\0'))
		fields_fail(errs, E_LABEL, "Saisissez le nom du service.");
	if (!in->phone && !in->email)
		fields_fail(errs, E_CHANNEL, "Cochez au moins un moyen de "
		    "joindre ce service : téléphone ou courriel.");
	if (errs->error[E_LABEL] != NULL)
		return;
	for (i = 0; i < site->n; i++) {
		s = &site->svc[i];
		if (strcmp(s->label, in->label) != 0 || (in->key != NULL &&
		    strcmp(s->key, in->key) == 0))
			continue;
		fields_fail(errs, E_LABEL, "Un service de ce site porte déjà "
		    "ce nom%s.", s->retired ? " (il est retiré : rétablissez-"
		    "le plutôt)" : "");
	}
	if (in->action == ACT_ADD && site->n >= SERVICES_MAX)
		fields_fail(errs, E_LABEL, "Ce site compte déjà %d services, "
		    "le plus qu’il puisse en avoir : modifiez plutôt un "
		    "service retiré.", SERVICES_MAX);
}

/* The key of a new service called label at site: derived from it, with
   "-2", "-3"... when another service has it. Returns 0 or -1. */
static int
new_key(const struct sv_site *site, const char *label,
    char out[SERVICES_KEY_MAX + 1])
{
	char		stem[SERVICES_KEY_MAX + 1];
	unsigned int	n;

	if (services_key(label, stem) == -1)
		return -1;
	snprintf(out, SERVICES_KEY_MAX + 1, "%s", stem);
	for (n = 2; site_service(site, out) != NULL && n < 100; n++)
		snprintf(out, SERVICES_KEY_MAX + 1, "%.*s-%u", KEY_STEM_MAX,
		    stem, n);
	return site_service(site, out) == NULL ? 0 : -1;
}

/* ---------------------------------------------------------------- store */

/* POST SERVICES_PREFIX "/ID": one action on the site's services. */
static void
site_post(struct services *sv, const struct staff_user *u,
    const struct req *r, struct resp *p, struct sv_site *site)
{
	struct sv_input	 in;
	const char	*params[5], *done;
	char		 key[SERVICES_KEY_MAX + 1], sqlstate[6];
	PGresult	*res = NULL;
	enum stmt	 st;
	enum db_status	 rc;

	read_input(r, site, &in);
	if (in.errs.nerrors == 0 && in.action == ACT_ADD &&
	    new_key(site, in.label, key) == -1)
		fields_fail(&in.errs, E_LABEL, "Le nom du service doit contenir "
		    "au moins une lettre ou un chiffre.");
	if (in.errs.nerrors > 0) {
		p->status = 400;
		if (in.action == ACT_EDIT && in.errs.form_error == NULL)
			edit_page(sv, u, p, site, site_service(site, in.key),
			    &in);
		else
			site_page(sv, u, p, site, &in, NULL);
		goto out;
	}
	params[0] = site->id;
	params[1] = in.action == ACT_ADD ? key : in.key;
	params[2] = in.label;
	params[3] = in.phone ? "t" : "f";
	params[4] = in.email ? "t" : "f";
	switch (in.action) {
	case ACT_ADD:
		st = S_ADD;
		done = "ajoute";
		break;
	case ACT_EDIT:
		st = S_EDIT;
		done = "modifie";
		break;
	case ACT_UP:
	case ACT_DOWN:
		st = S_MOVE;
		params[2] = in.action == ACT_UP ? "t" : "f";
		done = "deplace";
		break;
	default:
		st = S_RETIRE;
		params[2] = in.action == ACT_RETIRE ? "t" : "f";
		done = in.action == ACT_RETIRE ? "retire" : "retabli";
		break;
	}
	rc = run(sv, u, st, params, &res, sqlstate);
	if (rc == DB_UNAVAILABLE)
		unavailable(sv, p, u);
	else if (rc == DB_REFUSED && strcmp(sqlstate, "42501") == 0)
		message(sv, p, u, 403, "Modification refusée", "Ce site ne vous "
		    "est pas confié : rien n’a été enregistré.");
	else if (rc == DB_REFUSED && strcmp(sqlstate, "23505") == 0) {
		fields_fail(&in.errs, E_LABEL, "Un service de ce site porte "
		    "déjà ce nom.");
		p->status = 409;
		if (in.action == ACT_EDIT)
			edit_page(sv, u, p, site, site_service(site, in.key),
			    &in);
		else
			site_page(sv, u, p, site, &in, NULL);
	} else if (rc == DB_REFUSED)
		message(sv, p, u, 400, "Modification refusée", "La base de "
		    "données refuse ce service : rien n’a été enregistré.");
	else {
		p->status = 303;
		xasprintf(&p->location, SERVICES_PREFIX "/%s?fait=%s",
		    site->id, done);
	}
	PQclear(res);
out:
	fields_free(&in.errs);
}

/* What ?fait= says was done. */
static const char *
done_text(const struct req *r)
{
	const struct http_field	*f;

	if ((f = http_field_get(r, "fait")) == NULL)
		return NULL;
	if (strcmp(f->val, "ajoute") == 0)
		return "Le service est ajouté : la planification le propose "
		    "désormais.";
	if (strcmp(f->val, "modifie") == 0)
		return "Le service est modifié.";
	if (strcmp(f->val, "deplace") == 0)
		return "Le service est déplacé.";
	if (strcmp(f->val, "retire") == 0)
		return "Le service est retiré : la planification ne le propose "
		    "plus.";
	if (strcmp(f->val, "retabli") == 0)
		return "Le service est rétabli.";
	return NULL;
}

int
services_handle(struct services *sv, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	const size_t		 n = sizeof(SERVICES_PREFIX) - 1;
	const struct sv_service	*s;
	struct sv_site		 site;
	char			 id[32], key[SERVICES_KEY_MAX + 2], tail;
	int			 k, found;

	if (strncmp(r->path, SERVICES_PREFIX, n) != 0 ||
	    (r->path[n] != '\0' && r->path[n] != '/'))
		return 0;
	key[0] = '\0';
	if (r->path[n] == '\0')
		id[0] = '\0';
	else if ((k = sscanf(r->path + n, "/%18[0-9]%c%65[a-z0-9-]%c", id,
	    &tail, key, &tail)) < 1 || !http_id_parse(id, NULL) ||
	    (k >= 2 && (tail != '/' || k != 3 || !services_key_valid(key)))) {
		message(sv, p, u, 404, "Page introuvable", "Cette page n’existe "
		    "pas.");
		return 1;
	}
	if (u->role != STAFF_REFERENT && u->role != STAFF_ADMIN) {
		message(sv, p, u, 403, "Accès réservé", "Les services des sites "
		    "sont gérés par les référents qualité et les "
		    "administrateurs.");
		return 1;
	}
	if (r->method == HTTP_OTHER || (r->method == HTTP_POST &&
	    (id[0] == '\0' || key[0] != '\0'))) {
		p->status = 405;
		p->allow = id[0] == '\0' || key[0] != '\0' ? "GET, HEAD" :
		    "GET, HEAD, POST";
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		message(sv, p, u, 403, "Formulaire expiré", "Ce formulaire a "
		    "expiré ou ne vient pas de cette session : rien n’a été "
		    "enregistré. Rechargez la page et recommencez.");
		return 1;
	}
	if (id[0] == '\0') {
		index_page(sv, u, p);
		return 1;
	}
	found = site_load(sv, u, id, &site);
	if (found == -1)
		unavailable(sv, p, u);
	else if (found == 0)
		not_found(sv, p, u);
	else if (r->method == HTTP_POST)
		site_post(sv, u, r, p, &site);
	else if (key[0] == '\0')
		site_page(sv, u, p, &site, NULL, done_text(r));
	else if ((s = site_service(&site, key)) == NULL)
		message(sv, p, u, 404, "Service introuvable", "Ce service "
		    "n’existe pas sur ce site.");
	else
		edit_page(sv, u, p, &site, s, NULL);
	site_free(&site);
	return 1;
}
