/* The people of the referent's program: the list, a page per person. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "buf.h"
#include "db.h"
#include "fields.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "people.h"
#include "staff.h"
#include "utf8.h"
#include "xmalloc.h"

/* The most sites one account is given in one form. */
#define MAX_SITES	64
/* Longest display name, in characters (sql/003). */
#define PP_NAME_MAX	200
/* The sites the list shows of a person before "et N autres". */
#define LIST_SITES	3

enum stmt {
	S_PEOPLE,
	S_FIND,
	S_SITES,
	S_CREATE,
	S_DISABLE,
	S_UPDATE,
	S_RESET,
	S__MAX
};

/*
 * XXX: accounts carry no time zone; a login is shown at Paris's time,
 * the time of most sites.
 */
#define AT_PARIS(col)	"(" col " AT TIME ZONE 'Europe/Paris')"

/* What the list and a person's page read of an account. */
#define PEOPLE_COLUMNS \
	"SELECT id, login, display_name, role, disabled, sites, site_ids," \
	" manageable," \
	" to_char(" AT_PARIS("created_at") ", 'YYYY-MM-DD') AS created_on," \
	" to_char(" AT_PARIS("last_login") ", 'YYYY-MM-DD') AS login_on," \
	" to_char(" AT_PARIS("last_login") ", 'HH24\" h \"MI') AS login_at"

/* The longest search of the people list, in characters. */
#define FIND_MAX	64

static const struct db_stmt people_stmts[S__MAX] = {
	/* Every account the user sees ($1 NULL), or one. */
	[S_PEOPLE] = { "people_list",
	    PEOPLE_COLUMNS " FROM qualimetre.staff_list($1::bigint)", 1 },
	/* Those whose login, name or site codes hold $1, in any case:
	   strpos, not LIKE, so that '%' and '_' are plain characters. */
	[S_FIND] = { "people_find",
	    PEOPLE_COLUMNS " FROM qualimetre.staff_list(NULL)"
	    " WHERE strpos(lower(login || ' ' || coalesce(display_name, '')"
	    " || ' ' || coalesce(sites, '')), lower($1)) > 0", 1 },
	/* The sites the user may give: an admin's every site. */
	[S_SITES] = { "people_sites",
	    "SELECT id, code, name FROM qualimetre.site"
	    " WHERE qualimetre.user_plans_site(id) ORDER BY code", 0 },
	[S_CREATE] = { "people_create",
	    "SELECT qualimetre.staff_create($1, $2, $3, $4, $5::bigint[])"
	    " AS id", 5 },
	[S_DISABLE] = { "people_disable",
	    "SELECT qualimetre.staff_set_disabled($1, $2) AS changed", 2 },
	[S_UPDATE] = { "people_update",
	    "SELECT qualimetre.staff_update($1, $2, $3::bigint[])"
	    " AS changed", 3 },
	[S_RESET] = { "people_reset",
	    "SELECT qualimetre.staff_reset_password($1, $2) AS changed", 2 },
};

struct people {
	struct db	*db;
	struct staff	*staff;		/* the program's, for the frame */
	size_t		 base;		/* our first statement's number */
};

/* One account as S_PEOPLE reads it; the strings point into res. */
struct pp_person {
	PGresult	*res;
	const char	*id;
	const char	*login;
	const char	*name;		/* the display name, or the login */
	const char	*role;		/* "enquirer", "referent", "admin" */
	const char	*sites;		/* the codes the user sees, spaced */
	const char	*site_ids;	/* their ids, spaced, in that order */
	const char	*created_on;	/* YYYY-MM-DD */
	const char	*login_on;	/* YYYY-MM-DD, or "": never */
	const char	*login_at;	/* "14 h 05" */
	int		 disabled;
	int		 manageable;	/* the user may (de)activate, reset */
};

/* The sites the user may give (S_SITES). */
struct pp_sites {
	PGresult	*res;
	int		 n;
};

/* What the pages under PEOPLE_PREFIX "/ID/" do, each a POST. */
enum pp_action {
	ACT_DISABLE,
	ACT_ENABLE,
	ACT_RESET,
	ACT__MAX
};

static const struct {
	const char	*path;		/* after "/ID/" */
	int		 confirm;	/* a GET shows the confirmation */
} pp_actions[ACT__MAX] = {
	[ACT_DISABLE] = { "desactiver", 1 },
	[ACT_ENABLE] = { "reactiver", 0 },
	[ACT_RESET] = { "mot-de-passe", 1 },
};

/* What can be wrong in the forms, each shown next to its field. */
enum pp_err {
	E_LOGIN,
	E_NAME,
	E_ROLE,
	E_SITES,
	E__MAX
};
_Static_assert(E__MAX <= FIELDS_SLOTS_MAX, "too many error slots");

static const char *const pp_err_names[E__MAX] = {
	[E_LOGIN] = "Identifiant",
	[E_NAME] = "Nom affiché",
	[E_ROLE] = "Rôle",
	[E_SITES] = "Sites",
};

static const char *const pp_err_anchors[E__MAX] = {
	[E_LOGIN] = "p-login",
	[E_NAME] = "p-name",
	[E_ROLE] = "p-role",
	[E_SITES] = "p-sites",
};

/* A creation or an update as sent; strings point into the request. */
struct pp_input {
	const char		*login;		/* as sent, or NULL */
	const char		*name_s;	/* as sent, or NULL */
	const char		*role;		/* as sent, or NULL */
	const char		*sites[MAX_SITES]; /* ids, each once */
	size_t			 nsites;
	struct fields_errors	 errs;		/* slots: enum pp_err */
	char			 name[4 * PP_NAME_MAX + 1]; /* name_s without
						   the spaces around it */
};

struct people *
people_create(struct db *db, struct staff *staff)
{
	struct people	*pp;

	pp = xcalloc(1, sizeof(*pp));
	pp->db = db;
	pp->staff = staff;
	pp->base = db_register(db, people_stmts, S__MAX);
	return pp;
}

void
people_free(struct people *pp)
{
	free(pp);
}

void
people_temp_password(char out[PEOPLE_PW_LEN + 1])
{
	size_t	i, k = 0;

	for (i = 0; i < PEOPLE_PW_CHARS; i++) {
		if (i > 0 && i % PEOPLE_PW_GROUP == 0)
			out[k++] = '-';
		out[k++] = PEOPLE_PW_ALPHABET[randombytes_uniform(
		    sizeof(PEOPLE_PW_ALPHABET) - 1)];
	}
	out[k] = '\0';
}

/* ---------------------------------------------------------------- load */

static enum db_status
run(struct people *pp, const struct staff_user *u, enum stmt s,
    const char *const *params, PGresult **res, char *sqlstate)
{
	return db_exec_as_logged(pp->db, u->session, u->login, pp->base + s,
	    people_stmts[s].name, params, res, sqlstate);
}

static void
person_at(struct pp_person *pe, int i)
{
	PGresult	*res = pe->res;

	pe->id = db_value(res, i, "id");
	pe->login = db_value(res, i, "login");
	pe->name = db_value(res, i, "display_name");
	if (*pe->name == '\0')
		pe->name = pe->login;
	pe->role = db_value(res, i, "role");
	pe->sites = db_value(res, i, "sites");
	pe->site_ids = db_value(res, i, "site_ids");
	pe->created_on = db_value(res, i, "created_on");
	pe->login_on = db_value(res, i, "login_on");
	pe->login_at = db_value(res, i, "login_at");
	pe->disabled = *db_value(res, i, "disabled") == 't';
	pe->manageable = *db_value(res, i, "manageable") == 't';
}

static void
person_free(struct pp_person *pe)
{
	PQclear(pe->res);
	memset(pe, 0, sizeof(*pe));
}

/*
 * Loads account id, as the user sees it, into *pe. Returns 1, 0 when the
 * user does not see it (or it does not exist), -1 when the database is
 * unavailable. The caller frees *pe with person_free in every case.
 */
static int
person_load(struct people *pp, const struct staff_user *u, const char *id,
    struct pp_person *pe)
{
	const char	*params[1] = { id };
	char		 sqlstate[6];

	memset(pe, 0, sizeof(*pe));
	if (run(pp, u, S_PEOPLE, params, &pe->res, sqlstate) != DB_OK)
		return -1;
	if (PQntuples(pe->res) != 1)
		return 0;
	person_at(pe, 0);
	return 1;
}

/* Loads the sites the user may give; returns 0, or -1 (unavailable). */
static int
sites_load(struct people *pp, const struct staff_user *u,
    struct pp_sites *ss)
{
	char	sqlstate[6];

	memset(ss, 0, sizeof(*ss));
	if (run(pp, u, S_SITES, NULL, &ss->res, sqlstate) != DB_OK)
		return -1;
	ss->n = PQntuples(ss->res);
	return 0;
}

static int
sites_has(const struct pp_sites *ss, const char *id)
{
	int	i;

	for (i = 0; i < ss->n; i++)
		if (strcmp(db_value(ss->res, i, "id"), id) == 0)
			return 1;
	return 0;
}

/* Whether u may change the role and sites of an account of role. */
static int
editable(const struct staff_user *u, const char *role)
{
	return u->role == STAFF_ADMIN && strcmp(role, "admin") != 0;
}

/* ---------------------------------------------------------------- pages */

static void
message(struct people *pp, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(pp->staff, p, u, status, title, text,
	    PEOPLE_PREFIX, "Personnes");
}

static void
unavailable(struct people *pp, struct resp *p, const struct staff_user *u)
{
	message(pp, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été enregistré.");
}

static void
not_found(struct people *pp, struct resp *p, const struct staff_user *u)
{
	message(pp, p, u, 404, "Personne introuvable", "Ce compte n’existe "
	    "pas, ou il ne dépend pas des sites dont vous avez la charge : "
	    "rien n’a été changé.");
}

static void
refused(struct people *pp, struct resp *p, const struct staff_user *u)
{
	message(pp, p, u, 403, "Action refusée", "Vous ne pouvez pas changer "
	    "ce compte : rien n’a été changé. Un référent qualité gère les "
	    "enquêteurs de ses sites ; un administrateur, tous les comptes "
	    "sauf le sien.");
}

static void
redirect(struct resp *p, const char *id, const char *done)
{
	buf_reset(&p->body);
	p->status = 303;
	xasprintf(&p->location, PEOPLE_PREFIX "/%s?fait=%s", id, done);
}

static const char *
role_label(const char *role)
{
	if (strcmp(role, "admin") == 0)
		return "Administrateur";
	if (strcmp(role, "referent") == 0)
		return "Référent qualité";
	return "Enquêteur";
}

static void
state_badge(struct buf *b, int disabled)
{
	buf_puts(b, disabled ? "<p class=\"fr-badge fr-badge--sm\">Désactivé"
	    "</p>" : "<p class=\"fr-badge fr-badge--success fr-badge--sm\">"
	    "Actif</p>");
}

/* The last login, "3 décembre 2026 à 14 h 05", or "jamais". */
static void
last_login(struct buf *b, const struct pp_person *pe)
{
	if (*pe->login_on == '\0') {
		buf_puts(b, "jamais");
		return;
	}
	page_date(b, pe->login_on);
	buf_puts(b, " à ");
	html_puts(b, pe->login_at);
}

/* The first LIST_SITES codes of a spaced list, then how many more. */
static void
short_sites(struct buf *b, const char *sites)
{
	const char	*s = sites;
	size_t		 len, n = 0, more = 0;

	if (*s == '\0') {
		buf_puts(b, "—");
		return;
	}
	while (*s != '\0') {
		len = strcspn(s, " ");
		if (n < LIST_SITES) {
			if (n > 0)
				buf_puts(b, ", ");
			html_put(b, s, len);
			n++;
		} else
			more++;
		s += len;
		s += strspn(s, " ");
	}
	if (more > 0)
		buf_printf(b, " et %zu autre%s", more, more > 1 ? "s" : "");
}

/* The list's search form, with q and its error if any. */
static void
find_form(struct buf *b, const char *q, const char *error)
{
	buf_puts(b, "<form method=\"get\" action=\"" PEOPLE_PREFIX "\" "
	    "role=\"search\" class=\"fr-mb-4w\">\n<div class=\"fr-grid-row "
	    "fr-grid-row--gutters fr-grid-row--bottom\">\n"
	    "<div class=\"fr-col-12 fr-col-md-8\">\n");
	buf_puts(b, error != NULL ? "<div class=\"fr-input-group "
	    "fr-input-group--error\">\n" : "<div class=\"fr-input-group\">\n");
	buf_puts(b, "<label class=\"fr-label\" for=\"q\">Rechercher une "
	    "personne<span class=\"fr-hint-text\">Une partie de son nom, de "
	    "son identifiant ou du code d’un de ses sites</span></label>\n"
	    "<input class=\"fr-input");
	buf_puts(b, error != NULL ? " fr-input--error\" aria-describedby="
	    "\"q-erreur\"" : "\"");
	buf_puts(b, " type=\"search\" id=\"q\" name=\"q\" value=\"");
	html_puts(b, q != NULL ? q : "");
	buf_puts(b, "\">\n");
	if (error != NULL) {
		buf_puts(b, "<p class=\"fr-error-text\" id=\"q-erreur\">");
		html_puts(b, error);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</div>\n</div>\n<div class=\"fr-col-12 fr-col-md-4\">\n"
	    "<button class=\"fr-btn fr-btn--secondary fr-mb-3v\" "
	    "type=\"submit\">Rechercher</button>\n</div>\n</div>\n</form>\n");
}

/*
 * GET PEOPLE_PREFIX[?q=TEXT]: the accounts the user sees, or those whose
 * login, name or site codes hold TEXT.
 */
static void
list_page(struct people *pp, const struct staff_user *u,
    const struct req *r, struct resp *p)
{
	struct buf		*b = &p->body;
	struct pp_person	 pe;
	const struct http_field	*f;
	const char		*params[1] = { NULL }, *q = NULL, *error = NULL;
	char			 sqlstate[6];
	int			 i, n;

	memset(&pe, 0, sizeof(pe));
	if ((f = http_field_get(r, "q")) != NULL && !utf8_blank(f->val)) {
		q = f->val;
		if (!utf8_valid(q, strlen(q)) ||
		    utf8_length(q, strlen(q)) > FIND_MAX)
			error = "Une recherche tient en 64 caractères au plus.";
	}
	if (error == NULL && run(pp, u, q != NULL ? S_FIND : S_PEOPLE,
	    q != NULL ? &q : params, &pe.res, sqlstate) != DB_OK) {
		unavailable(pp, p, u);
		return;
	}
	staff_page_open(pp->staff, p, u, "Personnes");
	page_back_link(b, "/referent/", "Accueil");
	buf_puts(b, "<h1>Personnes</h1>\n");
	if (u->role != STAFF_ADMIN)
		buf_puts(b, "<p>Les enquêteurs et référents des sites dont "
		    "vous avez la charge. Vous pouvez ajouter des enquêteurs "
		    "sur ces sites ; sur la page de chacun, le désactiver, le "
		    "réactiver ou lui donner un nouveau mot de passe.</p>\n");
	else
		buf_puts(b, "<p>Tous les comptes. La page de chaque personne "
		    "permet de changer son rôle et ses sites, de désactiver "
		    "ou de réactiver son compte, et de lui donner un nouveau "
		    "mot de passe.</p>\n");
	buf_printf(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md "
	    "fr-btns-group--icon-left\">\n<li><a class=\"fr-btn "
	    "fr-icon-add-line fr-btn--icon-left\" href=\"" PEOPLE_PREFIX
	    "/nouvelle\">%s</a></li>\n</ul>\n", u->role == STAFF_ADMIN ?
	    "Ajouter une personne" : "Ajouter un enquêteur");
	/* A bad search: said by the field, nothing searched. */
	find_form(b, error != NULL && !utf8_valid(q, strlen(q)) ? NULL : q,
	    error);
	if (error != NULL) {
		p->status = 400;
		page_end(b);
		return;
	}
	if ((n = PQntuples(pe.res)) == 0 && q != NULL) {
		buf_puts(b, "<p id=\"aucun-compte\">Aucun compte ne correspond "
		    "à « ");
		html_puts(b, q);
		buf_puts(b, " ».</p>\n");
	} else if (n == 0)
		buf_puts(b, "<p>Aucun compte.</p>\n");
	else {
		buf_printf(b, "<div class=\"fr-table\">\n" HTML_TABLE_BOXES
		    "<table>\n<caption>%s (%d)</caption>\n<thead>",
		    q != NULL ? "Les comptes trouvés" : "Les comptes", n);
		buf_puts(b, "<tr><th scope=\"col\">Nom et identifiant</th>"
		    "<th scope=\"col\">Rôle</th>"
		    "<th scope=\"col\">Sites</th><th scope=\"col\">État</th>"
		    "<th scope=\"col\">Dernière connexion</th></tr></thead>\n"
		    "<tbody>\n");
		for (i = 0; i < n; i++) {
			person_at(&pe, i);
			buf_puts(b, "<tr data-login=\"");
			html_puts(b, pe.login);
			buf_puts(b, "\"><td><a href=\"" PEOPLE_PREFIX "/");
			html_puts(b, pe.id);
			buf_puts(b, "\">");
			html_puts(b, pe.name);
			buf_puts(b, "</a><br><span class=\"fr-text--sm\">");
			html_puts(b, pe.login);
			buf_puts(b, "</span></td><td>");
			html_puts(b, role_label(pe.role));
			buf_puts(b, "</td><td>");
			short_sites(b, pe.sites);
			buf_puts(b, "</td><td>");
			state_badge(b, pe.disabled);
			buf_puts(b, "</td><td>");
			last_login(b, &pe);
			buf_puts(b, "</td></tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END
		    "</div>\n");
	}
	person_free(&pe);
	page_end(b);
}

/* The site check boxes, those of in (or, without in, of pe) ticked. */
static void
site_boxes(struct buf *b, const struct pp_sites *ss,
    const struct pp_input *in, const struct pp_person *pe)
{
	const char	*error = in != NULL ? in->errs.error[E_SITES] : NULL;
	const char	*v, *s;
	size_t		 j, len;
	int		 i, on;

	page_fieldset_open(b, "p-sites", "Sites", "Au moins un", error);
	for (i = 0; i < ss->n; i++) {
		v = db_value(ss->res, i, "id");
		on = 0;
		if (in != NULL) {
			for (j = 0; j < in->nsites; j++)
				if (strcmp(in->sites[j], v) == 0)
					on = 1;
		} else if (pe != NULL) {
			for (s = pe->site_ids; *s != '\0'; s += strspn(s, " ")) {
				len = strcspn(s, " ");
				if (strlen(v) == len && strncmp(s, v, len) == 0)
					on = 1;
				s += len;
			}
		}
		buf_puts(b, "<div class=\"fr-fieldset__element\">\n"
		    "<div class=\"fr-checkbox-group\">\n<input type=\"checkbox\" "
		    "name=\"site\" id=\"p-site-");
		html_puts(b, v);
		buf_puts(b, "\" value=\"");
		html_puts(b, v);
		buf_puts(b, on ? "\" checked" : "\"");
		if (error != NULL)
			buf_puts(b, " aria-describedby=\"p-sites-error\"");
		buf_puts(b, ">\n<label class=\"fr-label\" for=\"p-site-");
		html_puts(b, v);
		buf_puts(b, "\">");
		html_puts(b, db_value(ss->res, i, "code"));
		buf_puts(b, " – ");
		html_puts(b, db_value(ss->res, i, "name"));
		buf_puts(b, "</label>\n</div>\n</div>\n");
	}
	page_fieldset_close(b, "p-sites", error);
}

static void
role_select(struct buf *b, const char *role, const char *error)
{
	static const char *const opts[] = { "enquirer", "Enquêteur",
	    "referent", "Référent qualité" };

	page_field_select(b, "p-role", "role", "Rôle", opts, 2, role, error);
}

/* GET PEOPLE_PREFIX "/nouvelle": the form that creates an account (an
   enquirer's, for a referent); in: as sent, with its errors, or NULL. */
static void
new_page(struct people *pp, const struct staff_user *u, struct resp *p,
    const struct pp_sites *ss, const struct pp_input *in)
{
	struct buf	*b = &p->body;
	struct pp_input	 blank;
	int		 admin = u->role == STAFF_ADMIN;

	if (in == NULL) {
		memset(&blank, 0, sizeof(blank));
		blank.role = "enquirer";
		in = &blank;
	}
	staff_page_open(pp->staff, p, u, in->errs.nerrors > 0 ? "Erreur – "
	    "Ajouter une personne" : "Ajouter une personne");
	page_back_link(b, PEOPLE_PREFIX, "Personnes");
	buf_puts(b, admin ? "<h1>Ajouter une personne</h1>\n" :
	    "<h1>Ajouter un enquêteur</h1>\n");
	fields_summary(b, &in->errs, "Le compte n’a pas été créé",
	    pp_err_names, pp_err_anchors, E__MAX, FIELDS_AUTOFOCUS);
	buf_puts(b, "<p>Un mot de passe provisoire est tiré au hasard et "
	    "affiché une seule fois, une fois le compte créé.</p>\n"
	    "<form method=\"post\" action=\"" PEOPLE_PREFIX "/nouvelle\" "
	    "novalidate>\n");
	staff_csrf_input(b, u);
	page_field_input(b, "p-login", "login", "text", " required "
	    "maxlength=\"64\" autocomplete=\"off\" autocapitalize=\"none\" "
	    "spellcheck=\"false\"", "Identifiant", "De 2 à 64 caractères : "
	    "lettres minuscules sans accent, chiffres, points, tirets ; par "
	    "exemple : jeanne.martin", in->login, in->errs.error[E_LOGIN],
	    NULL, NULL);
	page_field_input(b, "p-name", "name", "text", " required "
	    "maxlength=\"200\"", "Nom affiché", "Prénom et nom, 200 "
	    "caractères au plus", in->name_s, in->errs.error[E_NAME], NULL,
	    NULL);
	if (admin)
		role_select(b, in->role, in->errs.error[E_ROLE]);
	else
		buf_puts(b, "<input type=\"hidden\" name=\"role\" "
		    "value=\"enquirer\">\n");
	site_boxes(b, ss, in, NULL);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Créer le "
	    "compte</button>\n</form>\n");
	page_end(b);
}

/* The alert that shows a temporary password, this once. */
static void
password_alert(struct buf *b, const char *title, const char *pw)
{
	buf_puts(b, "<div class=\"fr-alert fr-alert--success fr-mb-4w\" "
	    "role=\"status\" id=\"mot-de-passe\">\n<h2 class=\""
	    "fr-alert__title\">");
	html_puts(b, title);
	buf_puts(b, "</h2>\n<p>Son mot de passe provisoire, affiché cette "
	    "fois seulement : <code id=\"mot-de-passe-provisoire\">");
	html_puts(b, pw);
	buf_puts(b, "</code>. Transmettez-le à la personne par un canal sûr "
	    "(de vive voix, par téléphone) ; elle pourra se connecter avec "
	    "son identifiant et ce mot de passe.</p>\n</div>\n");
}

/* What the user may do to the account's access, or why not. */
static void
access_section(struct buf *b, const struct staff_user *u,
    const struct pp_person *pe)
{
	buf_puts(b, "<h2 id=\"acces\" class=\"fr-mt-6w\">Accès</h2>\n");
	if (!pe->manageable) {
		buf_puts(b, pe->id != NULL && atoll(pe->id) == u->id ?
		    "<p>C’est votre propre compte : un autre administrateur "
		    "peut le désactiver ou lui donner un nouveau mot de passe."
		    "</p>\n" : "<p>Seul un administrateur peut désactiver ce "
		    "compte ou lui donner un nouveau mot de passe.</p>\n");
		return;
	}
	if (pe->disabled) {
		buf_puts(b, "<p>Ce compte est désactivé : la personne ne peut "
		    "plus se connecter. Ses saisies sont gardées.</p>\n"
		    "<form method=\"post\" action=\"" PEOPLE_PREFIX "/");
		html_puts(b, pe->id);
		buf_puts(b, "/reactiver\">\n");
		staff_csrf_input(b, u);
		buf_puts(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md"
		    "\">\n<li><button class=\"fr-btn fr-btn--secondary\" "
		    "type=\"submit\">Réactiver le compte</button></li>\n");
	} else
		buf_puts(b, "<p>Désactiver le compte empêche la personne de se "
		    "connecter et ferme ses sessions ; ses saisies sont "
		    "gardées, et le compte pourra être réactivé.</p>\n"
		    "<ul class=\"fr-btns-group fr-btns-group--inline-md\">\n");
	buf_puts(b, "<li><a class=\"fr-btn fr-btn--secondary\" href=\""
	    PEOPLE_PREFIX "/");
	html_puts(b, pe->id);
	buf_puts(b, "/mot-de-passe\">Nouveau mot de passe</a></li>\n");
	if (!pe->disabled) {
		buf_puts(b, "<li><a class=\"fr-btn fr-btn--tertiary\" href=\""
		    PEOPLE_PREFIX "/");
		html_puts(b, pe->id);
		buf_puts(b, "/desactiver\">Désactiver le compte</a></li>\n"
		    "</ul>\n");
	} else
		buf_puts(b, "</ul>\n</form>\n");
}

/*
 * A person's page: their details, the form of their role and sites (an
 * admin's, on an enquirer or a referent; in: as sent, or NULL), what the
 * user may do to their access; done: the change just made, or NULL; pw
 * with pw_title: a temporary password to show this once, or NULL.
 */
static void
person_page(struct people *pp, const struct staff_user *u, struct resp *p,
    const struct pp_person *pe, const struct pp_sites *ss,
    const struct pp_input *in, const char *done, const char *pw_title,
    const char *pw)
{
	struct buf	*b = &p->body;
	const char	*role;

	staff_page_open(pp->staff, p, u, in != NULL && in->errs.nerrors > 0 ?
	    "Erreur – Personne" : "Personne");
	page_back_link(b, PEOPLE_PREFIX, "Personnes");
	buf_puts(b, "<h1>");
	html_puts(b, pe->name);
	buf_puts(b, "</h1>\n");
	if (done != NULL)
		page_success(b, done);
	if (pw != NULL)
		password_alert(b, pw_title, pw);
	state_badge(b, pe->disabled);
	buf_puts(b, "\n<ul class=\"fr-mt-2w\">\n<li>Identifiant : <code>");
	html_puts(b, pe->login);
	buf_puts(b, "</code></li>\n<li>Rôle : ");
	html_puts(b, role_label(pe->role));
	buf_puts(b, "</li>\n<li>Sites : ");
	if (*pe->sites != '\0')
		html_puts(b, pe->sites);
	else
		buf_puts(b, strcmp(pe->role, "admin") == 0 ? "tous (un "
		    "administrateur voit tous les sites)" : "aucun");
	buf_puts(b, "</li>\n<li>Dernière connexion : ");
	last_login(b, pe);
	buf_puts(b, "</li>\n<li>Compte créé le ");
	page_date(b, pe->created_on);
	buf_puts(b, "</li>\n</ul>\n");

	if (ss != NULL && editable(u, pe->role)) {
		buf_puts(b, "<h2 id=\"role-sites\" class=\"fr-mt-6w\">Rôle "
		    "et sites</h2>\n");
		if (in != NULL)
			fields_summary(b, &in->errs, "Rien n’a été changé",
			    pp_err_names, pp_err_anchors, E__MAX,
			    FIELDS_AUTOFOCUS);
		buf_puts(b, "<form method=\"post\" action=\"" PEOPLE_PREFIX
		    "/");
		html_puts(b, pe->id);
		buf_puts(b, "\" novalidate>\n");
		staff_csrf_input(b, u);
		role = in != NULL ? in->role : pe->role;
		role_select(b, role, in != NULL ? in->errs.error[E_ROLE] :
		    NULL);
		site_boxes(b, ss, in, pe);
		buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">"
		    "Enregistrer le rôle et les sites</button>\n</form>\n");
	}
	access_section(b, u, pe);
	page_end(b);
}

/*
 * Loads account id and, for an admin, the sites, then shows its page
 * with status. Not found, or unavailable, when they cannot be read.
 */
static void
person_show(struct people *pp, const struct staff_user *u, struct resp *p,
    const char *id, int status, const struct pp_input *in,
    const char *done, const char *pw_title, const char *pw)
{
	struct pp_person	pe;
	struct pp_sites		ss = { NULL, 0 };
	int			found;

	if ((found = person_load(pp, u, id, &pe)) == 1 &&
	    editable(u, pe.role) && sites_load(pp, u, &ss) == -1)
		found = -1;
	if (found == -1)
		unavailable(pp, p, u);
	else if (found == 0)
		not_found(pp, p, u);
	else {
		person_page(pp, u, p, &pe, editable(u, pe.role) ? &ss : NULL,
		    in, done, pw_title, pw);
		p->status = status;
	}
	PQclear(ss.res);
	person_free(&pe);
}

/* GET PEOPLE_PREFIX "/ID/desactiver" or "/mot-de-passe": what the action
   will do, to confirm with a POST. */
static void
confirm_page(struct people *pp, const struct staff_user *u, struct resp *p,
    const struct pp_person *pe, enum pp_action a)
{
	struct buf	*b = &p->body;
	char		 back[64];

	snprintf(back, sizeof(back), PEOPLE_PREFIX "/%s", pe->id);
	staff_page_open(pp->staff, p, u, a == ACT_DISABLE ?
	    "Désactiver le compte" : "Nouveau mot de passe");
	page_back_link(b, back, pe->name);
	if (a == ACT_DISABLE) {
		buf_puts(b, "<h1>Désactiver le compte de ");
		html_puts(b, pe->name);
		buf_puts(b, " ?</h1>\n<p>La personne ne pourra plus se "
		    "connecter, et ses sessions ouvertes seront fermées. Ses "
		    "saisies sont gardées ; le compte pourra être réactivé."
		    "</p>\n");
	} else {
		buf_puts(b, "<h1>Donner un nouveau mot de passe à ");
		html_puts(b, pe->name);
		buf_puts(b, " ?</h1>\n<p>Un mot de passe provisoire sera tiré "
		    "au hasard et affiché une seule fois. L’ancien ne "
		    "fonctionnera plus, et les sessions ouvertes de la "
		    "personne seront fermées.</p>\n");
	}
	buf_printf(b, "<form method=\"post\" action=\"%s/%s\">\n", back,
	    pp_actions[a].path);
	staff_csrf_input(b, u);
	buf_printf(b, "<ul class=\"fr-btns-group fr-btns-group--inline-md\">"
	    "\n<li><button class=\"fr-btn\" type=\"submit\">%s</button></li>\n"
	    "<li><a class=\"fr-btn fr-btn--secondary\" href=\"%s\">Annuler</a>"
	    "</li>\n</ul>\n</form>\n", a == ACT_DISABLE ? "Désactiver le "
	    "compte" : "Tirer un nouveau mot de passe", back);
	page_end(b);
}

/* ---------------------------------------------------------------- input */

static int
valid_login(const char *s)
{
	size_t	n;

	if (strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789") == 0)
		return 0;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-");
	return s[n] == '\0' && n >= 2 && n <= 64;
}

static int
v_login(void *arg, const char *v)
{
	struct pp_input	*in = arg;

	in->login = v;
	if (valid_login(v))
		return 1;
	fields_fail(&in->errs, E_LOGIN, "Saisissez un identifiant de 2 à 64 "
	    "caractères : lettres minuscules sans accent, chiffres, points, "
	    "tirets, commençant par une lettre ou un chiffre.");
	return 0;
}

static int
v_name(void *arg, const char *v)
{
	struct pp_input	*in = arg;

	in->name_s = v;
	return fields_line(&in->errs, E_NAME, v, PP_NAME_MAX, "Le nom affiché",
	    in->name, sizeof(in->name));
}

static int
v_role(void *arg, const char *v)
{
	struct pp_input	*in = arg;

	in->role = v;
	if (strcmp(v, "enquirer") == 0 || strcmp(v, "referent") == 0)
		return 1;
	fields_fail(&in->errs, E_ROLE, "Choisissez enquêteur ou référent.");
	return 0;
}

static int
v_site(void *arg, const char *v)
{
	struct pp_input	*in = arg;
	size_t		 j;

	if (!http_id_parse(v, NULL)) {
		fields_fail(&in->errs, E_SITES, "Un des sites envoyés n’existe "
		    "pas.");
		return 0;
	}
	for (j = 0; j < in->nsites; j++)
		if (strcmp(in->sites[j], v) == 0)
			return 1;
	if (in->nsites == MAX_SITES) {
		fields_fail(&in->errs, E_SITES, "Trop de sites à la fois : %d "
		    "au plus.", MAX_SITES);
		return 0;
	}
	in->sites[in->nsites++] = v;
	return 1;
}

static const struct fields_field pp_create_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "login",	v_login,	0, E_LOGIN },
	{ "name",	v_name,		0, E_NAME },
	{ "role",	v_role,		0, E_ROLE },
	{ "site",	v_site,		1, E_SITES },
};
#define PP_NCREATE	(sizeof(pp_create_fields) / sizeof(pp_create_fields[0]))

static const struct fields_field pp_update_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "role",	v_role,		0, E_ROLE },
	{ "site",	v_site,		1, E_SITES },
};
#define PP_NUPDATE	(sizeof(pp_update_fields) / sizeof(pp_update_fields[0]))

/*
 * Reads a creation (create) or an update into *in, then checks what
 * must be there and the rules of the user's role against the sites the
 * user may give (the database checks again). The caller frees in->errs.
 */
static void
read_input(const struct req *r, const struct staff_user *u,
    const struct pp_sites *ss, int create, struct pp_input *in)
{
	struct fields_errors	*errs = &in->errs;
	size_t			 j;

	memset(in, 0, sizeof(*in));
	fields_read(r, create ? pp_create_fields : pp_update_fields,
	    create ? PP_NCREATE : PP_NUPDATE, FIELDS_NAME_FIELD, in, errs);
	if (create && in->login == NULL)
		fields_fail(errs, E_LOGIN, "Saisissez un identifiant.");
	if (create && (in->name_s == NULL || (errs->error[E_NAME] == NULL &&
	    in->name[0] == '\0')))
		fields_fail(errs, E_NAME, "Saisissez le nom de la personne (200 "
		    "caractères au plus).");
	if (in->role == NULL)
		fields_fail(errs, E_ROLE, "Choisissez enquêteur ou référent.");
	else if (u->role != STAFF_ADMIN && strcmp(in->role, "enquirer") != 0)
		fields_fail(errs, E_ROLE, "Vous ne pouvez créer que des comptes "
		    "d’enquêteur.");
	for (j = 0; j < in->nsites; j++)
		if (!sites_has(ss, in->sites[j]))
			fields_fail(errs, E_SITES, "Un des sites envoyés n’est "
			    "pas un site dont vous avez la charge.");
	if (in->nsites == 0)
		fields_fail(errs, E_SITES, "Cochez au moins un site.");
}

/* ---------------------------------------------------------------- actions */

/*
 * Draws a temporary password into pw and returns its hash, which the
 * caller frees; NULL (logged) when memory for the hash cannot be had.
 */
static char *
password_new(char pw[PEOPLE_PW_LEN + 1])
{
	char	*hash;

	people_temp_password(pw);
	if ((hash = staff_password_hash(pw, PEOPLE_PW_LEN)) == NULL)
		log_warnx("no memory to hash a password");
	return hash;
}

/* GET and POST PEOPLE_PREFIX "/nouvelle": the form, then the creation. */
static void
create(struct people *pp, const struct staff_user *u, const struct req *r,
    struct resp *p)
{
	struct pp_input	 in;
	struct pp_sites	 ss;
	struct buf	 arr = { 0 };
	const char	*params[5];
	PGresult	*res = NULL;
	char		 sqlstate[6], pw[PEOPLE_PW_LEN + 1], *hash = NULL;
	char		*title = NULL;
	enum db_status	 st;

	memset(&in, 0, sizeof(in));
	if (sites_load(pp, u, &ss) == -1) {
		unavailable(pp, p, u);
		return;
	}
	if (r->method != HTTP_POST) {
		new_page(pp, u, p, &ss, NULL);
		goto out;
	}
	read_input(r, u, &ss, 1, &in);
	if (in.errs.nerrors > 0) {
		new_page(pp, u, p, &ss, &in);
		p->status = 400;
		goto out;
	}
	if ((hash = password_new(pw)) == NULL) {
		message(pp, p, u, 500, "Erreur", "Le compte n’a pas été créé ; "
		    "l’erreur est signalée.");
		goto out;
	}
	db_array(&arr, in.sites, in.nsites);
	params[0] = in.login;
	params[1] = in.name;
	params[2] = in.role;
	params[3] = hash;
	params[4] = arr.data;
	st = run(pp, u, S_CREATE, params, &res, sqlstate);
	if (st == DB_UNAVAILABLE)
		unavailable(pp, p, u);
	else if (st == DB_REFUSED && strcmp(sqlstate, "42501") == 0)
		message(pp, p, u, 403, "Création refusée", "Vous ne pouvez créer "
		    "que des comptes d’enquêteur sur les sites dont vous avez "
		    "la charge : rien n’a été créé.");
	else if (st == DB_REFUSED) {
		if (strcmp(sqlstate, "23505") == 0)
			fields_fail(&in.errs, E_LOGIN, "Cet identifiant est "
			    "déjà pris.");
		else
			fields_fail(&in.errs, E_SITES, "Le compte a été refusé "
			    "par la base de données ; vérifiez les sites.");
		new_page(pp, u, p, &ss, &in);
		p->status = 400;
	} else {
		xasprintf(&title, "Compte « %s » créé", in.login);
		person_show(pp, u, p, db_value(res, 0, "id"), 200, NULL, NULL,
		    title, pw);
	}
out:
	sodium_memzero(pw, sizeof(pw));
	free(title);
	free(hash);
	buf_free(&arr);
	PQclear(res);
	PQclear(ss.res);
	fields_free(&in.errs);
}

/* POST PEOPLE_PREFIX "/ID": the role and the sites, at once. */
static void
update(struct people *pp, const struct staff_user *u, const struct req *r,
    struct resp *p, const char *id)
{
	struct pp_input	 in;
	struct pp_sites	 ss = { NULL, 0 };
	struct pp_person pe;
	struct buf	 arr = { 0 };
	const char	*params[3];
	PGresult	*res = NULL;
	char		 sqlstate[6];
	int		 found;
	enum db_status	 st;

	memset(&in, 0, sizeof(in));
	if ((found = person_load(pp, u, id, &pe)) == 1 &&
	    sites_load(pp, u, &ss) == -1)
		found = -1;
	if (found == -1) {
		unavailable(pp, p, u);
		goto out;
	}
	if (found == 0) {
		not_found(pp, p, u);
		goto out;
	}
	if (!editable(u, pe.role)) {
		message(pp, p, u, 403, "Action refusée", u->role == STAFF_ADMIN ?
		    "Le rôle et les sites d’un administrateur ne se changent "
		    "pas ici : rien n’a été changé." : "Seul un administrateur "
		    "change le rôle et les sites d’un compte : rien n’a été "
		    "changé.");
		goto out;
	}
	read_input(r, u, &ss, 0, &in);
	if (in.errs.nerrors > 0) {
		person_page(pp, u, p, &pe, &ss, &in, NULL, NULL, NULL);
		p->status = 400;
		goto out;
	}
	db_array(&arr, in.sites, in.nsites);
	params[0] = id;
	params[1] = in.role;
	params[2] = arr.data;
	st = run(pp, u, S_UPDATE, params, &res, sqlstate);
	if (st == DB_UNAVAILABLE)
		unavailable(pp, p, u);
	else if (st == DB_REFUSED && strcmp(sqlstate, "42501") == 0)
		refused(pp, p, u);
	else if (st == DB_REFUSED) {
		fields_fail(&in.errs, E_SITES, "Le changement a été refusé par "
		    "la base de données ; vérifiez les sites.");
		person_page(pp, u, p, &pe, &ss, &in, NULL, NULL, NULL);
		p->status = 400;
	} else
		redirect(p, id, *db_value(res, 0, "changed") == 't' ?
		    "modifie" : "inchange");
out:
	buf_free(&arr);
	PQclear(res);
	PQclear(ss.res);
	person_free(&pe);
	fields_free(&in.errs);
}

/* GET and POST PEOPLE_PREFIX "/ID/ACTION". */
static void
act(struct people *pp, const struct staff_user *u, const struct req *r,
    struct resp *p, const char *id, enum pp_action a)
{
	struct pp_person pe;
	const char	*params[2];
	PGresult	*res = NULL;
	char		 sqlstate[6], pw[PEOPLE_PW_LEN + 1], *hash = NULL;
	int		 found;
	enum db_status	 st;

	pw[0] = '\0';
	if ((found = person_load(pp, u, id, &pe)) == -1) {
		unavailable(pp, p, u);
		goto out;
	}
	if (found == 0) {
		not_found(pp, p, u);
		goto out;
	}
	if (!pe.manageable) {
		refused(pp, p, u);
		goto out;
	}
	if (r->method != HTTP_POST) {
		confirm_page(pp, u, p, &pe, a);
		goto out;
	}
	params[0] = id;
	if (a == ACT_RESET) {
		if ((hash = password_new(pw)) == NULL) {
			message(pp, p, u, 500, "Erreur", "Le mot de passe n’a "
			    "pas été changé ; l’erreur est signalée.");
			goto out;
		}
		params[1] = hash;
	} else
		params[1] = a == ACT_DISABLE ? "true" : "false";
	st = run(pp, u, a == ACT_RESET ? S_RESET : S_DISABLE, params, &res,
	    sqlstate);
	if (st == DB_UNAVAILABLE)
		unavailable(pp, p, u);
	else if (st == DB_REFUSED)
		refused(pp, p, u);
	else if (a == ACT_RESET && *db_value(res, 0, "changed") != 't')
		not_found(pp, p, u);
	else if (a == ACT_RESET)
		person_show(pp, u, p, id, 200, NULL, NULL, "Nouveau mot de "
		    "passe", pw);
	else
		redirect(p, id, a == ACT_DISABLE ? "desactive" : "reactive");
out:
	sodium_memzero(pw, sizeof(pw));
	free(hash);
	PQclear(res);
	person_free(&pe);
}

/* The message of ?fait=..., after a change, or NULL. */
static const char *
done_text(const struct req *r)
{
	const struct http_field	*f = http_field_get(r, "fait");

	if (f == NULL)
		return NULL;
	if (strcmp(f->val, "desactive") == 0)
		return "Le compte a été désactivé ; ses sessions ouvertes sont "
		    "fermées.";
	if (strcmp(f->val, "reactive") == 0)
		return "Le compte a été réactivé.";
	if (strcmp(f->val, "modifie") == 0)
		return "Le rôle et les sites ont été enregistrés.";
	if (strcmp(f->val, "inchange") == 0)
		return "Rien n’a changé : le rôle et les sites étaient déjà "
		    "ceux-là.";
	return NULL;
}

/* ---------------------------------------------------------------- router */

int
people_handle(struct people *pp, const struct staff_user *u, struct req *r,
    struct resp *p)
{
	char		 id[32], action[16], tail;
	int		 a = -1, is_new = 0, get_ok = 1, post_ok = 1;

	if (r->path == NULL)
		return 0;
	id[0] = '\0';
	if (strcmp(r->path, PEOPLE_PREFIX) == 0)
		post_ok = 0;
	else if (strcmp(r->path, PEOPLE_PREFIX "/nouvelle") == 0)
		is_new = 1;
	else if (sscanf(r->path, PEOPLE_PREFIX "/%18[0-9]%c", id, &tail) ==
	    1 && http_id_parse(id, NULL))
		;
	else if (sscanf(r->path, PEOPLE_PREFIX "/%18[0-9]/%15[a-z-]%c", id,
	    action, &tail) == 2 && http_id_parse(id, NULL)) {
		for (a = 0; a < ACT__MAX; a++)
			if (strcmp(action, pp_actions[a].path) == 0)
				break;
		if (a == ACT__MAX)
			return 0;
		get_ok = pp_actions[a].confirm;
	} else
		return 0;

	http_resp_reset(p);
	if (r->method == HTTP_OTHER || (r->method == HTTP_POST && !post_ok) ||
	    (r->method != HTTP_POST && !get_ok)) {
		p->status = 405;
		p->allow = !get_ok ? "POST" : post_ok ? "GET, HEAD, POST" :
		    "GET, HEAD";
		return 1;
	}
	if (u->role != STAFF_ADMIN && u->role != STAFF_REFERENT) {
		message(pp, p, u, 403, "Accès réservé", "Cet espace est réservé "
		    "aux référents qualité et aux administrateurs.");
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		message(pp, p, u, 403, "Formulaire expiré", "Ce formulaire a "
		    "expiré ou ne vient pas de cette session : rien n’a été "
		    "enregistré. Rechargez la page et recommencez.");
		return 1;
	}
	p->no_store = 1;
	if (is_new)
		create(pp, u, r, p);
	else if (a != -1)
		act(pp, u, r, p, id, a);
	else if (id[0] == '\0')
		list_page(pp, u, r, p);
	else if (r->method == HTTP_POST)
		update(pp, u, r, p, id);
	else
		person_show(pp, u, p, id, 200, NULL, done_text(r), NULL, NULL);
	return 1;
}
