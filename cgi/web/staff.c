/* Staff accounts: passwords, sessions, CSRF, login and logout pages. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "buf.h"
#include "db.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "staff.h"
#include "token.h"
#include "utf8.h"
#include "xmalloc.h"

/* The login form's token is bound to this pseudo-campaign. */
#define LOGIN_TOKEN_SCOPE	(-1LL)
#define LOGIN_MAX		64

enum stmt {
	STMT_SESSION,
	STMT_USER,
	STMT_FAILED,
	STMT_AUDIT,
	STMT_LOGIN,
	STMT_LOGOUT,
	STMT__MAX
};

static const struct db_stmt staff_stmts[STMT__MAX] = {
	/* One round trip: find the session, refresh its idle time. */
	[STMT_SESSION] = { "staff_session",
	    "UPDATE qualimetre.session s SET last_seen_at = now()"
	    " FROM qualimetre.app_user u"
	    " WHERE s.token_hash = $1::bytea AND u.id = s.user_id"
	    " AND s.expires_at > now()"
	    " AND s.last_seen_at > now() - make_interval(mins => $2::int)"
	    " AND NOT u.disabled"
	    " RETURNING u.id, u.login, u.display_name, u.role, s.csrf_token", 2 },
	/* Whether the account may try now, and how long it must wait. */
	[STMT_USER] = { "staff_user",
	    "SELECT id, password_hash, disabled,"
	    " coalesce(locked_until > now(), false) AS locked,"
	    " coalesce(ceil(extract(epoch FROM locked_until - now()) / 60),"
	    "  0)::int AS lock_minutes,"
	    " CASE WHEN failed_logins > 0 AND last_failed_at IS NOT NULL"
	    "  THEN greatest(0, ceil(extract(epoch FROM last_failed_at"
	    "   + make_interval(secs => power(2, failed_logins - 1))"
	    "   - now())))::int ELSE 0 END AS wait_seconds"
	    " FROM qualimetre.app_user WHERE login = $1", 1 },
	/* A failure: count it, lock after too many, log it. */
	[STMT_FAILED] = { "staff_failed",
	    "WITH u AS (UPDATE qualimetre.app_user SET"
	    " failed_logins = CASE WHEN failed_logins + 1 >= $3::int THEN 0"
	    "  ELSE failed_logins + 1 END,"
	    " last_failed_at = CASE WHEN failed_logins + 1 >= $3::int"
	    "  THEN NULL ELSE now() END,"
	    " locked_until = CASE WHEN failed_logins + 1 >= $3::int"
	    "  THEN now() + make_interval(mins => $4::int)"
	    "  ELSE locked_until END"
	    " WHERE id = $1 RETURNING id,"
	    "  coalesce(locked_until > now(), false) AS locked),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event)"
	    "  SELECT u.id, $2, CASE WHEN u.locked THEN 'account-locked'"
	    "  ELSE 'login-failed' END FROM u)"
	    " SELECT locked FROM u", 4 },
	[STMT_AUDIT] = { "staff_audit",
	    "INSERT INTO qualimetre.audit_log (user_id, login, event, detail)"
	    " VALUES ($1, $2, $3, $4)", 4 },
	/* A success: clear the failures, open the session, log it. */
	[STMT_LOGIN] = { "staff_login",
	    "WITH u AS (UPDATE qualimetre.app_user SET failed_logins = 0,"
	    " last_failed_at = NULL, locked_until = NULL,"
	    " password_hash = coalesce($6, password_hash)"
	    " WHERE id = $1 RETURNING id),"
	    " s AS (INSERT INTO qualimetre.session"
	    " (token_hash, user_id, csrf_token, expires_at)"
	    " SELECT $2::bytea, u.id, $3, now() + make_interval(hours => $4::int)"
	    " FROM u)"
	    " INSERT INTO qualimetre.audit_log (user_id, login, event)"
	    " SELECT u.id, $5, 'login' FROM u", 6 },
	[STMT_LOGOUT] = { "staff_logout",
	    "WITH s AS (DELETE FROM qualimetre.session WHERE token_hash = $1::bytea"
	    " RETURNING user_id)"
	    " INSERT INTO qualimetre.audit_log (user_id, event)"
	    " SELECT user_id, 'logout' FROM s", 1 },
};

static const char *const role_names[STAFF_ROLE__MAX] = {
	[STAFF_ENQUIRER] = "enquirer",
	[STAFF_REFERENT] = "referent",
	[STAFF_ADMIN] = "admin",
};

struct staff {
	struct db	*db;
	size_t		 base;		/* our first statement's number */
	unsigned char	 key[TOKEN_KEY_LEN];
	char		*prefix;	/* "/mystere" */
	char		*service;	/* shown in the header */
	char		*tagline;	/* under it */
	char		*dummy_hash;	/* checked for unknown logins, so that
					   they take as long as known ones */
};

const char *
staff_role_name(enum staff_role r)
{
	return r < STAFF_ROLE__MAX ? role_names[r] : NULL;
}

int
staff_role_parse(const char *s, enum staff_role *r)
{
	int	i;

	for (i = 0; i < STAFF_ROLE__MAX; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*r = (enum staff_role)i;
			return 0;
		}
	return -1;
}

int
staff_password_policy(const char *pw, size_t len, char **cause)
{
	size_t	i;

	if (len < STAFF_PASSWORD_MIN) {
		xasprintf(cause, "le mot de passe doit compter au moins %d "
		    "caractères", STAFF_PASSWORD_MIN);
		return -1;
	}
	if (len > STAFF_PASSWORD_MAX) {
		xasprintf(cause, "le mot de passe ne peut dépasser %d octets",
		    STAFF_PASSWORD_MAX);
		return -1;
	}
	if (!utf8_valid(pw, len)) {
		*cause = xstrdup("le mot de passe n'est pas du texte UTF-8 "
		    "valide");
		return -1;
	}
	for (i = 0; i < len; i++)
		if (pw[i] != ' ')
			return 0;
	*cause = xstrdup("le mot de passe ne peut pas être fait que "
	    "d'espaces");
	return -1;
}

char *
staff_password_hash(const char *pw, size_t len)
{
	char	*out;

	out = xmalloc(crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str_alg(out, pw, len,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

struct staff *
staff_create(struct db *db, const unsigned char *key, const char *prefix,
    const char *service, const char *tagline)
{
	struct staff	*st;
	unsigned char	 rnd[32];

	st = xcalloc(1, sizeof(*st));
	st->db = db;
	st->base = db_register(db, staff_stmts, STMT__MAX);
	memcpy(st->key, key, TOKEN_KEY_LEN);
	st->prefix = xstrdup(prefix);
	st->service = xstrdup(service);
	st->tagline = xstrdup(tagline);
	randombytes_buf(rnd, sizeof(rnd));
	st->dummy_hash = staff_password_hash((const char *)rnd, sizeof(rnd));
	return st;
}

void
staff_free(struct staff *st)
{
	if (st == NULL)
		return;
	free(st->prefix);
	free(st->service);
	free(st->tagline);
	free(st->dummy_hash);
	sodium_memzero(st->key, sizeof(st->key));
	free(st);
}

/* A new random token, base64url without padding. */
static void
new_token(char out[STAFF_TOKEN_LEN + 1])
{
	unsigned char	raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, STAFF_TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* The SHA-256 of a session token, as a bytea literal "\x...". */
static void
token_hash_param(const char *token, char out[2 + 64 + 1])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	out[0] = '\\';
	out[1] = 'x';
	sodium_bin2hex(out + 2, 65, h, sizeof(h));
}

static int
cookie_token(const struct req *r, char out[STAFF_TOKEN_LEN + 1])
{
	size_t	i;

	if (!http_cookie(r, STAFF_COOKIE, out, STAFF_TOKEN_LEN + 1) ||
	    strlen(out) != STAFF_TOKEN_LEN)
		return 0;
	for (i = 0; i < STAFF_TOKEN_LEN; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_", out[i]) == NULL)
			return 0;
	return 1;
}

int
staff_session(struct staff *st, const struct req *r, struct staff_user *u)
{
	char		 token[STAFF_TOKEN_LEN + 1], hash[67], idle[16];
	char		 sqlstate[6], *cause = NULL;
	const char	*params[2] = { hash, idle };
	PGresult	*res;
	enum db_status	 rc;
	int		 found = 0;

	if (!cookie_token(r, token))
		return 0;
	token_hash_param(token, hash);
	snprintf(idle, sizeof(idle), "%d", STAFF_IDLE_MINUTES);
	rc = db_exec(st->db, st->base + STMT_SESSION, params, &res, sqlstate,
	    &cause);
	if (rc != DB_OK) {
		log_warnx("session: %s", cause);
		free(cause);
		return rc == DB_UNAVAILABLE ? -1 : 0;
	}
	if (PQntuples(res) == 1 && staff_role_parse(PQgetvalue(res, 0,
	    PQfnumber(res, "role")), &u->role) == 0) {
		u->id = strtoll(PQgetvalue(res, 0, PQfnumber(res, "id")), NULL,
		    10);
		snprintf(u->login, sizeof(u->login), "%s",
		    PQgetvalue(res, 0, PQfnumber(res, "login")));
		snprintf(u->name, sizeof(u->name), "%s",
		    PQgetvalue(res, 0, PQfnumber(res, "display_name")));
		if (u->name[0] == '\0')
			snprintf(u->name, sizeof(u->name), "%s", u->login);
		snprintf(u->csrf, sizeof(u->csrf), "%s",
		    PQgetvalue(res, 0, PQfnumber(res, "csrf_token")));
		found = 1;
	}
	PQclear(res);
	return found;
}

void
staff_page_open(struct staff *st, struct resp *p, const struct staff_user *u,
    const char *title)
{
	struct page_frame	 pf = { 0 };
	char			*logout = NULL;

	p->no_store = 1;
	if (u == NULL) {
		page_begin(&p->body, title, st->service);
		return;
	}
	xasprintf(&logout, "%s/deconnexion", st->prefix);
	pf.title = title;
	pf.service = st->service;
	pf.tagline = st->tagline;
	pf.user = u->name;
	pf.logout_action = logout;
	pf.csrf = u->csrf;
	page_open(&p->body, &pf);
	free(logout);
}

void
staff_page_message(struct staff *st, struct resp *p,
    const struct staff_user *u, int status, const char *title,
    const char *text, const char *back_href, const char *back_text)
{
	buf_reset(&p->body);
	free(p->location);
	p->location = NULL;
	p->content_type = "text/html; charset=utf-8";
	p->status = status;
	if (status == 503)
		p->retry_after = 30;
	staff_page_open(st, p, u, title);
	page_message(&p->body, title, text, back_href, back_text);
	page_end(&p->body);
}

int
staff_request(struct staff *st, struct req *r, struct resp *p,
    struct staff_user *u)
{
	const char	*data;
	size_t		 len;
	char		*cause = NULL;
	int		 s;

	if (r->method == HTTP_POST) {
		data = r->body != NULL ? r->body : "";
		len = r->bodylen;
	} else {
		data = r->query != NULL ? r->query : "";
		len = strlen(data);
	}
	if (r->body_too_large || r->body_incomplete ||
	    http_parse_urlencoded(data, len, HTTP_FIELDS_MAX, &r->fields,
	    &r->nfields, &cause) == -1) {
		free(cause);
		if (r->method == HTTP_POST) {
			staff_page_message(st, p, NULL, r->body_too_large ?
			    413 : 400, "Envoi illisible", "Ce formulaire n’a "
			    "pas pu être lu : rien n’a été enregistré.",
			    NULL, NULL);
			return 0;
		}
		/* A query we cannot read is no query at all. */
		r->fields = NULL;
		r->nfields = 0;
	}
	if (staff_handle(st, r, p))
		return 0;
	if ((s = staff_session(st, r, u)) == -1) {
		staff_page_message(st, p, NULL, 503, "Service momentanément "
		    "indisponible", "Réessayez dans quelques instants.",
		    NULL, NULL);
		return 0;
	}
	if (s == 0) {
		staff_to_login(st, r, p);
		return 0;
	}
	return 1;
}

void
staff_csrf_input(struct buf *b, const struct staff_user *u)
{
	buf_puts(b, "<input type=\"hidden\" name=\"" STAFF_CSRF_FIELD
	    "\" value=\"");
	html_puts(b, u->csrf);
	buf_puts(b, "\">\n");
}

int
staff_csrf_ok(const struct staff_user *u, const struct req *r)
{
	const struct http_field	*f;

	f = http_field_get(r, STAFF_CSRF_FIELD);
	if (f == NULL || f->vallen != STAFF_TOKEN_LEN ||
	    strlen(u->csrf) != STAFF_TOKEN_LEN)
		return 0;
	return sodium_memcmp(f->val, u->csrf, STAFF_TOKEN_LEN) == 0;
}

/*
 * Whether path may be returned to after a login: one of this program's
 * own pages, a plain path.
 */
static int
return_ok(const struct staff *st, const char *path)
{
	size_t	n = strlen(st->prefix);

	return path != NULL && strncmp(path, st->prefix, n) == 0 &&
	    path[n] == '/' && strlen(path) < 256 &&
	    strspn(path, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.") == strlen(path) &&
	    strstr(path, "..") == NULL && strstr(path, "//") == NULL &&
	    strcmp(path + n, "/connexion") != 0;
}

/*
 * Writes as hidden inputs the fields of a form to hold through a login:
 * those of r (after prefix strip, when non-NULL, is cut from their names;
 * others are left out), each renamed by prepending add (or not, when
 * NULL); never a CSRF token nor the login form's own fields.
 */
static void
held_inputs(struct buf *b, const struct req *r, const char *strip,
    const char *add)
{
	const char	*key;
	size_t		 i, n = strip != NULL ? strlen(strip) : 0;

	for (i = 0; i < r->nfields; i++) {
		key = r->fields[i].key;
		if (strip != NULL) {
			if (strncmp(key, strip, n) != 0)
				continue;
			key += n;
		}
		if (strcmp(key, STAFF_CSRF_FIELD) == 0 ||
		    strcmp(key, STAFF_REVIEW_FIELD) == 0 ||
		    strcmp(key, STAFF_RETURN_FIELD) == 0 ||
		    (strip == NULL && (strcmp(key, "login") == 0 ||
		    strcmp(key, "password") == 0)))
			continue;
		buf_puts(b, "<input type=\"hidden\" name=\"");
		if (add != NULL)
			html_puts(b, add);
		html_puts(b, key);
		buf_puts(b, "\" value=\"");
		html_put(b, r->fields[i].val, r->fields[i].vallen);
		buf_puts(b, "\">\n");
	}
}

/*
 * The login page, with a message (an error or why one must log in); held,
 * when non-NULL, is a form posted to back with an expired session, kept
 * in the page: as posted, or (prefixed) a login page's that held it.
 */
static void
login_page_held(struct staff *st, struct resp *p, int status,
    const char *login, const char *error, const char *info,
    const struct req *held, const char *back, int prefixed)
{
	struct page_frame	 pf = { 0 };
	struct buf		*b = &p->body;
	char			 token[TOKEN_LEN + 1];

	p->status = status;
	p->no_store = 1;
	pf.title = error != NULL ? "Erreur – Connexion" : "Connexion";
	pf.service = st->service;
	pf.tagline = "Espace des agents";
	page_open(b, &pf);
	buf_puts(b, "<h1>Connexion</h1>\n");
	if (info != NULL) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--info fr-mb-4w\">"
		    "\n<p>");
		html_puts(b, info);
		buf_puts(b, "</p>\n</div>\n");
	}
	if (error != NULL) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--error fr-mb-4w\" "
		    "id=\"erreurs\" role=\"alert\" tabindex=\"-1\">\n<p>");
		html_puts(b, error);
		buf_puts(b, "</p>\n</div>\n");
	}
	token_issue(st->key, LOGIN_TOKEN_SCOPE, token);
	buf_puts(b, "<form method=\"post\" action=\"");
	html_puts(b, st->prefix);
	buf_puts(b, "/connexion\">\n<input type=\"hidden\" name=\"_jeton\" "
	    "value=\"");
	html_puts(b, token);
	buf_puts(b, "\">\n");
	if (held != NULL && back != NULL) {
		buf_puts(b, "<input type=\"hidden\" name=\""
		    STAFF_RETURN_FIELD "\" value=\"");
		html_puts(b, back);
		buf_puts(b, "\">\n");
		/* The form as posted, or a login page holding it already. */
		held_inputs(b, held, prefixed ? STAFF_HELD_PREFIX : NULL,
		    STAFF_HELD_PREFIX);
	}
	buf_puts(b, "<div class=\"fr-input-group\">\n"
	    "<label class=\"fr-label\" for=\"login\">Identifiant</label>\n"
	    "<input class=\"fr-input\" id=\"login\" name=\"login\" "
	    "autocomplete=\"username\" autocapitalize=\"none\" "
	    "spellcheck=\"false\" maxlength=\"64\" required value=\"");
	html_puts(b, login != NULL ? login : "");
	buf_puts(b, "\">\n</div>\n<div class=\"fr-input-group\">\n"
	    "<label class=\"fr-label\" for=\"password\">Mot de passe</label>\n"
	    "<input class=\"fr-input\" id=\"password\" name=\"password\" "
	    "type=\"password\" autocomplete=\"current-password\" required>\n"
	    "</div>\n<button class=\"fr-btn\" type=\"submit\">Se connecter"
	    "</button>\n</form>\n");
	page_end(b);
}

/* The login page again after a login form r was refused, still holding
   what it held (r may be NULL). */
static void
login_page(struct staff *st, const struct req *r, struct resp *p,
    int status, const char *login, const char *error, const char *info)
{
	const struct http_field	*f = r != NULL ?
				    http_field_get(r, STAFF_RETURN_FIELD) : NULL;

	if (f != NULL && return_ok(st, f->val))
		login_page_held(st, p, status, login, error, info, r, f->val,
		    1);
	else
		login_page_held(st, p, status, login, error, info, NULL, NULL,
		    0);
}

void
staff_to_login(struct staff *st, const struct req *r, struct resp *p)
{
	char	token[STAFF_TOKEN_LEN + 1];

	/* A POST cannot be redirected without losing it: the login page
	   holds it, and gives it back once logged in. */
	if (r->method == HTTP_POST) {
		if (return_ok(st, r->path))
			login_page_held(st, p, 403, NULL, NULL, "Votre session "
			    "a expiré : reconnectez-vous. Ce que vous veniez "
			    "d’envoyer est conservé : vous le retrouverez, "
			    "rempli, pour l’enregistrer.", r, r->path, 0);
		else
			login_page(st, NULL, p, 403, NULL, NULL, "Votre session "
			    "a expiré : reconnectez-vous, puis recommencez.");
		return;
	}
	p->status = 303;
	xasprintf(&p->location, "%s/connexion%s", st->prefix,
	    cookie_token(r, token) ? "?expiree" : "");
}

static const char *
field(const struct req *r, const char *key)
{
	const struct http_field	*f = http_field_get(r, key);

	return f != NULL ? f->val : NULL;
}

static void
audit(struct staff *st, const char *user_id, const char *login,
    const char *event, const char *detail)
{
	const char	*params[4] = { user_id, login, event, detail };
	char		 sqlstate[6], *cause = NULL;
	PGresult	*res;

	if (db_exec(st->db, st->base + STMT_AUDIT, params, &res, sqlstate,
	    &cause) != DB_OK) {
		log_warnx("audit %s %s: %s", event, login != NULL ? login :
		    "-", cause);
		free(cause);
	}
	PQclear(res);
}

/* A wrong password for account id: counted, and the account locked
   after STAFF_MAX_FAILURES in a row. */
static void
login_failed(struct staff *st, const struct req *r, struct resp *p,
    const char *id, const char *login)
{
	const char	*bad = "Identifiant ou mot de passe incorrect.";
	const char	*params[4];
	char		 sqlstate[6], *cause = NULL, maxf[16], lockm[16];
	PGresult	*res = NULL;

	snprintf(maxf, sizeof(maxf), "%d", STAFF_MAX_FAILURES);
	snprintf(lockm, sizeof(lockm), "%d", STAFF_LOCK_MINUTES);
	params[0] = id;
	params[1] = login;
	params[2] = maxf;
	params[3] = lockm;
	if (db_exec(st->db, st->base + STMT_FAILED, params, &res, sqlstate,
	    &cause) != DB_OK) {
		log_warnx("login failure of %s not counted: %s", login, cause);
		free(cause);
	} else if (PQntuples(res) == 1 &&
	    strcmp(PQgetvalue(res, 0, 0), "t") == 0) {
		log_warnx("account %s locked for %d minutes", login,
		    STAFF_LOCK_MINUTES);
		bad = "Identifiant ou mot de passe incorrect. Après "
		    "plusieurs échecs, ce compte est verrouillé pour "
		    "quelques minutes.";
	}
	PQclear(res);
	login_page(st, r, p, 403, login, bad, NULL);
}

/*
 * Logged in again after a form was posted to an expired session: a page
 * whose one button sends the held fields back to back, with the new
 * session's CSRF token, asking to see them again (STAFF_REVIEW_FIELD).
 */
static void
held_page(struct staff *st, const struct req *r, struct resp *p,
    const char *back, const char *csrf)
{
	struct page_frame	 pf = { 0 };
	struct buf		*b = &p->body;

	p->status = 200;
	p->no_store = 1;
	pf.title = "Vous êtes reconnecté";
	pf.service = st->service;
	pf.tagline = "Espace des agents";
	page_open(b, &pf);
	buf_puts(b, "<h1>Vous êtes reconnecté</h1>\n<p>Ce que vous aviez "
	    "envoyé quand votre session a expiré est conservé, mais n’est "
	    "pas encore enregistré. Retrouvez-le, rempli, pour le vérifier "
	    "et l’enregistrer.</p>\n<form method=\"post\" action=\"");
	html_puts(b, back);
	buf_puts(b, "\">\n<input type=\"hidden\" name=\"" STAFF_CSRF_FIELD
	    "\" value=\"");
	html_puts(b, csrf);
	buf_puts(b, "\">\n<input type=\"hidden\" name=\"" STAFF_REVIEW_FIELD
	    "\" value=\"1\">\n");
	held_inputs(b, r, STAFF_HELD_PREFIX, NULL);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Retrouver ma "
	    "saisie</button>\n</form>\n");
	page_end(b);
}

/* The right password for account id: a new session, its cookie, and on
   to the program's home, or to the form held through the login (held_
   page); rehash, when non-NULL, replaces the hash. */
static void
login_open(struct staff *st, const struct req *r, struct resp *p,
    const char *id, const char *login, const char *rehash)
{
	const char	*params[6];
	char		 sqlstate[6], *cause = NULL, hash[67], hours[16];
	char		 session[STAFF_TOKEN_LEN + 1], csrf[STAFF_TOKEN_LEN + 1];
	const char	*back;
	PGresult	*res = NULL;
	enum db_status	 rc;

	new_token(session);
	new_token(csrf);
	token_hash_param(session, hash);
	snprintf(hours, sizeof(hours), "%d", STAFF_SESSION_HOURS);
	params[0] = id;
	params[1] = hash;
	params[2] = csrf;
	params[3] = hours;
	params[4] = login;
	params[5] = rehash;
	rc = db_exec(st->db, st->base + STMT_LOGIN, params, &res, sqlstate,
	    &cause);
	PQclear(res);
	if (rc != DB_OK) {
		log_warnx("login of %s: %s", login, cause);
		free(cause);
		login_page(st, r, p, 503, login, "Le service est momentanément "
		    "indisponible : réessayez dans quelques instants.", NULL);
		return;
	}
	xasprintf(&p->set_cookie, STAFF_COOKIE "=%s; Path=/; HttpOnly; "
	    "SameSite=Strict%s", session, r->secure ? "; Secure" : "");
	sodium_memzero(session, sizeof(session));
	back = field(r, STAFF_RETURN_FIELD);
	if (back != NULL && return_ok(st, back)) {
		held_page(st, r, p, back, csrf);
		return;
	}
	p->status = 303;
	xasprintf(&p->location, "%s/", st->prefix);
}

static void
login_post(struct staff *st, struct req *r, struct resp *p)
{
	const char	*login = field(r, "login"), *pw = field(r, "password");
	const char	*tok = field(r, "_jeton"), *params[1];
	char		 sqlstate[6], *cause = NULL, *msg = NULL, *rehash = NULL;
	char		 id[32];
	PGresult	*res = NULL;
	enum db_status	 rc;
	const char	*stored;
	size_t		 pwlen;
	int		 ok;

	if (tok == NULL || !token_check(st->key, LOGIN_TOKEN_SCOPE, tok)) {
		login_page(st, r, p, 400, login, "Le formulaire de connexion a "
		    "expiré : saisissez à nouveau vos identifiants.", NULL);
		return;
	}
	if (login == NULL || pw == NULL || *login == '\0' || *pw == '\0' ||
	    strlen(login) > LOGIN_MAX || !utf8_valid(login, strlen(login)) ||
	    (pwlen = strlen(pw)) > STAFF_PASSWORD_MAX) {
		login_page(st, r, p, 400, NULL, "Saisissez votre identifiant et "
		    "votre mot de passe.", NULL);
		return;
	}
	params[0] = login;
	rc = db_exec(st->db, st->base + STMT_USER, params, &res, sqlstate,
	    &cause);
	if (rc != DB_OK) {
		log_warnx("login: %s", cause);
		free(cause);
		login_page(st, r, p, 503, login, "Le service est momentanément "
		    "indisponible : réessayez dans quelques instants.", NULL);
		return;
	}
	if (PQntuples(res) != 1) {
		/* As long as a real check, and logged, but said the same. */
		if (st->dummy_hash != NULL &&
		    crypto_pwhash_str_verify(st->dummy_hash, pw, pwlen) == 0)
			log_warnx("login: the dummy hash matched");
		PQclear(res);
		/* Not what was typed: it may be a password. */
		audit(st, NULL, NULL, "login-unknown", NULL);
		login_page(st, r, p, 403, login, "Identifiant ou mot de passe "
		    "incorrect.", NULL);
		return;
	}
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, PQfnumber(res,
	    "id")));
	if (strcmp(PQgetvalue(res, 0, PQfnumber(res, "locked")), "t") == 0) {
		xasprintf(&msg, "Ce compte est verrouillé après plusieurs "
		    "échecs de connexion : réessayez dans %s minute(s).",
		    PQgetvalue(res, 0, PQfnumber(res, "lock_minutes")));
		PQclear(res);
		audit(st, id, login, "login-while-locked", NULL);
		login_page(st, r, p, 403, login, msg, NULL);
		free(msg);
		return;
	}
	if (atoi(PQgetvalue(res, 0, PQfnumber(res, "wait_seconds"))) > 0) {
		xasprintf(&msg, "Trop de tentatives : patientez %s seconde(s) "
		    "avant de réessayer.", PQgetvalue(res, 0,
		    PQfnumber(res, "wait_seconds")));
		PQclear(res);
		audit(st, id, login, "login-too-soon", NULL);
		login_page(st, r, p, 429, login, msg, NULL);
		free(msg);
		return;
	}
	stored = PQgetvalue(res, 0, PQfnumber(res, "password_hash"));
	ok = !PQgetisnull(res, 0, PQfnumber(res, "password_hash")) &&
	    strcmp(PQgetvalue(res, 0, PQfnumber(res, "disabled")), "f") == 0 &&
	    crypto_pwhash_str_verify(stored, pw, pwlen) == 0;
	if (ok && crypto_pwhash_str_needs_rehash(stored,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		rehash = staff_password_hash(pw, pwlen);
	PQclear(res);
	res = NULL;

	if (!ok)
		login_failed(st, r, p, id, login);
	else
		login_open(st, r, p, id, login, rehash);
	free(rehash);
}

static void
logout_post(struct staff *st, struct req *r, struct resp *p)
{
	struct staff_user	 u;
	char			 token[STAFF_TOKEN_LEN + 1], hash[67];
	char			 sqlstate[6], *cause = NULL;
	const char		*params[1] = { hash };
	PGresult		*res;

	if (staff_session(st, r, &u) != 1) {
		staff_to_login(st, r, p);
		return;
	}
	if (!staff_csrf_ok(&u, r)) {
		p->status = 403;
		page_begin(&p->body, "Action refusée", st->service);
		page_message(&p->body, "Action refusée", "Cette demande ne "
		    "vient pas d’une page de ce service : rien n’a été fait.",
		    NULL, NULL);
		page_end(&p->body);
		return;
	}
	cookie_token(r, token);
	token_hash_param(token, hash);
	if (db_exec(st->db, st->base + STMT_LOGOUT, params, &res, sqlstate,
	    &cause) != DB_OK) {
		log_warnx("logout of %s: %s", u.login, cause);
		free(cause);
	}
	PQclear(res);
	p->status = 303;
	xasprintf(&p->location, "%s/connexion?au-revoir", st->prefix);
	xasprintf(&p->set_cookie, STAFF_COOKIE "=; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=0%s", r->secure ? "; Secure" : "");
}

int
staff_handle(struct staff *st, struct req *r, struct resp *p)
{
	size_t		 plen = strlen(st->prefix);
	const char	*rest, *query;

	if (strncmp(r->path, st->prefix, plen) != 0)
		return 0;
	rest = r->path + plen;
	query = r->query != NULL ? r->query : "";
	if (strcmp(rest, "/connexion") == 0) {
		if (r->method == HTTP_POST)
			login_post(st, r, p);
		else if (r->method == HTTP_GET || r->method == HTTP_HEAD)
			login_page(st, r, p, 200, NULL, NULL,
			    strcmp(query, "expiree") == 0 ? "Votre session a "
			    "expiré : reconnectez-vous." :
			    strcmp(query, "au-revoir") == 0 ? "Vous êtes "
			    "déconnecté." : NULL);
		else {
			p->status = 405;
			p->allow = "GET, HEAD, POST";
		}
		return 1;
	}
	if (strcmp(rest, "/deconnexion") == 0) {
		if (r->method == HTTP_POST)
			logout_post(st, r, p);
		else {
			p->status = 405;
			p->allow = "POST";
		}
		return 1;
	}
	return 0;
}
