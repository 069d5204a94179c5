/*
 * Staff accounts: passwords, sessions, CSRF, the login, logout and
 * password pages.
 */
#include "config.h"

#include <ctype.h>
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
#include "staff.h"
#include "utf8.h"
#include "xmalloc.h"

#define LOGIN_MAX		64
/* The login lockout's key when nginx gave no address. */
#define NO_CLIENT		"-"

enum stmt {
	STMT_SESSION,
	STMT_USER,
	STMT_THROTTLE,
	STMT_FAILED,
	STMT_AUDIT,
	STMT_LOGIN,
	STMT_LOGOUT,
	STMT_FORM_NEW,
	STMT_FORM_USE,
	STMT_MY_HASH,
	STMT_PW_CHANGE,
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
	    " RETURNING u.id, u.login, u.display_name, u.role, s.csrf_token,"
	    " u.must_change_password", 2 },
	/* The account of a login, if any. */
	[STMT_USER] = { "staff_user",
	    "SELECT id, password_hash, disabled"
	    " FROM qualimetre.app_user WHERE login = $1", 1 },
	/*
	 * Whether the pair (login typed, client) may try now, and how long
	 * it must wait: the same for a login that exists or not.
	 */
	[STMT_THROTTLE] = { "staff_throttle",
	    "SELECT coalesce(locked_until > now(), false) AS locked,"
	    " coalesce(ceil(extract(epoch FROM locked_until - now()) / 60),"
	    "  0)::int AS lock_minutes,"
	    " CASE WHEN failures > 0"
	    "  THEN greatest(0, ceil(extract(epoch FROM last_failed_at"
	    "   + make_interval(secs => power(2, failures - 1))"
	    "   - now())))::int ELSE 0 END AS wait_seconds"
	    " FROM qualimetre.login_failure"
	    " WHERE login_hash = sha256(convert_to($1, 'UTF8'))"
	    " AND client = $2", 2 },
	/*
	 * A failure of the pair ($2 typed, $5 client): count it, lock the
	 * pair after $3 in a row for $4 minutes (a day-old count starts
	 * again), log it; $1 is the account's id, NULL when the login
	 * matched none (then the login typed is not logged).
	 */
	[STMT_FAILED] = { "staff_failed",
	    "WITH f AS (INSERT INTO qualimetre.login_failure AS f"
	    " (login_hash, client, failures, last_failed_at, locked_until)"
	    " VALUES (sha256(convert_to($2, 'UTF8')), $5, 1, now(),"
	    "  CASE WHEN $3::int <= 1 THEN now() + make_interval(mins =>"
	    "  $4::int) END)"
	    " ON CONFLICT (login_hash, client) DO UPDATE SET"
	    " failures = CASE WHEN f.last_failed_at < now() - interval '1 day'"
	    "  THEN 1 WHEN f.failures + 1 >= $3::int THEN 0"
	    "  ELSE f.failures + 1 END,"
	    " last_failed_at = now(),"
	    " locked_until = CASE WHEN f.last_failed_at >="
	    "  now() - interval '1 day' AND f.failures + 1 >= $3::int"
	    "  THEN now() + make_interval(mins => $4::int)"
	    "  ELSE f.locked_until END"
	    " RETURNING coalesce(f.locked_until > now(), false) AS locked),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event)"
	    "  SELECT $1::bigint, CASE WHEN $1::bigint IS NOT NULL THEN $2 END,"
	    "  CASE WHEN f.locked THEN 'account-locked'"
	    "  WHEN $1::bigint IS NULL THEN 'login-unknown'"
	    "  ELSE 'login-failed' END FROM f)"
	    " SELECT locked FROM f", 5 },
	[STMT_AUDIT] = { "staff_audit",
	    "INSERT INTO qualimetre.audit_log (user_id, login, event, detail)"
	    " VALUES ($1, $2, $3, $4)", 4 },
	/* A success: clear the pair's failures, open the session, log it. */
	[STMT_LOGIN] = { "staff_login",
	    "WITH u AS (UPDATE qualimetre.app_user SET failed_logins = 0,"
	    " last_failed_at = NULL, locked_until = NULL,"
	    " password_hash = coalesce($6, password_hash)"
	    " WHERE id = $1 RETURNING id),"
	    " f AS (DELETE FROM qualimetre.login_failure"
	    " WHERE login_hash = sha256(convert_to($5, 'UTF8'))"
	    " AND client = $7),"
	    " s AS (INSERT INTO qualimetre.session"
	    " (token_hash, user_id, csrf_token, expires_at)"
	    " SELECT $2::bytea, u.id, $3, now() + make_interval(hours => $4::int)"
	    " FROM u)"
	    " INSERT INTO qualimetre.audit_log (user_id, login, event)"
	    " SELECT u.id, $5, 'login' FROM u", 7 },
	[STMT_LOGOUT] = { "staff_logout",
	    "WITH s AS (DELETE FROM qualimetre.session WHERE token_hash = $1::bytea"
	    " RETURNING user_id)"
	    " INSERT INTO qualimetre.audit_log (user_id, event)"
	    " SELECT user_id, 'logout' FROM s", 1 },
	/*
	 * A login form handed out: its token's and its pre-session's
	 * hashes, good for $3 minutes; what has expired goes (forms, and
	 * failures a day old that lock nothing).
	 */
	[STMT_FORM_NEW] = { "staff_form_new",
	    "WITH e AS (DELETE FROM qualimetre.login_form"
	    " WHERE expires_at < now()),"
	    " o AS (DELETE FROM qualimetre.login_failure"
	    " WHERE last_failed_at < now() - interval '1 day'"
	    " AND coalesce(locked_until < now(), true))"
	    " INSERT INTO qualimetre.login_form"
	    " (token_hash, presession_hash, expires_at)"
	    " VALUES ($1::bytea, $2::bytea, now() + make_interval(mins =>"
	    " $3::int))", 3 },
	/* A login form sent: good once, with its pre-session, in time. */
	[STMT_FORM_USE] = { "staff_form_use",
	    "DELETE FROM qualimetre.login_form WHERE token_hash = $1::bytea"
	    " AND presession_hash = $2::bytea AND expires_at > now()"
	    " RETURNING 1 AS ok", 2 },
	/* The logged-in user's hash and login, found by the session. */
	[STMT_MY_HASH] = { "staff_my_hash",
	    "SELECT login, password_hash FROM qualimetre.app_user"
	    " WHERE id = qualimetre.current_user_id()", 0 },
	[STMT_PW_CHANGE] = { "staff_password_change",
	    "SELECT qualimetre.password_change($1) AS changed", 1 },
};

static void	pw_handle(struct staff *, const struct req *, struct resp *,
		    const struct staff_user *);

static const char *const role_names[STAFF_ROLE__MAX] = {
	[STAFF_ENQUIRER] = "enquirer",
	[STAFF_REFERENT] = "referent",
	[STAFF_ADMIN] = "admin",
};

struct staff {
	struct db	*db;
	size_t		 base;		/* our first statement's number */
	int		 secure;	/* served over https: Secure cookies */
	const char	*cookie;	/* the session cookie's name */
	const char	*pre_cookie;	/* the pre-session cookie's name */
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

/* Whether the login appears in pw, in any case (logins are ASCII). */
static int
has_login(const char *pw, size_t len, const char *login)
{
	size_t	n = login != NULL ? strlen(login) : 0, i, j;

	if (n == 0 || n > len)
		return 0;
	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n; j++)
			if (tolower((unsigned char)pw[i + j]) !=
			    tolower((unsigned char)login[j]))
				break;
		if (j == n)
			return 1;
	}
	return 0;
}

int
staff_password_policy(const char *pw, size_t len, const char *login,
    char **cause)
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
	if (has_login(pw, len, login)) {
		*cause = xstrdup("le mot de passe ne peut pas contenir "
		    "l’identifiant");
		return -1;
	}
	for (i = 0; i < len; i++)
		if (pw[i] != ' ')
			return 0;
	*cause = xstrdup("le mot de passe ne peut pas être fait que "
	    "d’espaces");
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
staff_create(struct db *db, const char *public_url, const char *prefix,
    const char *service, const char *tagline)
{
	struct staff	*st;
	unsigned char	 rnd[32];

	st = xcalloc(1, sizeof(*st));
	st->db = db;
	st->base = db_register(db, staff_stmts, STMT__MAX);
	st->secure = public_url != NULL &&
	    strncmp(public_url, "https://", 8) == 0;
	st->cookie = st->secure ? STAFF_HOST_PREFIX STAFF_COOKIE :
	    STAFF_COOKIE;
	st->pre_cookie = st->secure ? STAFF_HOST_PREFIX STAFF_PRE_COOKIE :
	    STAFF_PRE_COOKIE;
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

/* Reads the cookie name as a token into out; 0 when there is none. */
static int
cookie_token(const struct req *r, const char *name,
    char out[STAFF_TOKEN_LEN + 1])
{
	size_t	i;

	if (!http_cookie(r, name, out, STAFF_TOKEN_LEN + 1) ||
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

	if (!cookie_token(r, st->cookie, token))
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
		memcpy(u->session, token, sizeof(u->session));
		u->must_change = strcmp(db_value(res, 0,
		    "must_change_password"), "t") == 0;
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
	char			*logout = NULL, *account = NULL;

	p->no_store = 1;
	if (u == NULL) {
		page_begin(&p->body, title, st->service);
		return;
	}
	xasprintf(&logout, "%s/deconnexion", st->prefix);
	xasprintf(&account, "%s/mot-de-passe", st->prefix);
	pf.account_href = account;
	pf.title = title;
	pf.service = st->service;
	pf.tagline = st->tagline;
	pf.user = u->name;
	pf.logout_action = logout;
	pf.csrf = u->csrf;
	page_open(&p->body, &pf);
	free(logout);
	free(account);
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
	if (strncmp(r->path, st->prefix, strlen(st->prefix)) == 0 &&
	    strcmp(r->path + strlen(st->prefix), "/mot-de-passe") == 0) {
		if (r->method == HTTP_GET || r->method == HTTP_HEAD ||
		    r->method == HTTP_POST)
			pw_handle(st, r, p, u);
		else {
			p->status = 405;
			p->allow = "GET, HEAD, POST";
		}
		return 0;
	}
	/* Nothing else is open before a temporary password is changed. */
	if (u->must_change) {
		p->status = 303;
		xasprintf(&p->location, "%s/mot-de-passe", st->prefix);
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
 * Hands out a one-time login form token into token: stored hashed with
 * the hash of the request's pre-session cookie, or of a new one that p
 * sets. Returns 0, or -1 (logged) when the database is unavailable.
 */
static int
form_issue(struct staff *st, const struct req *r, struct resp *p,
    char token[STAFF_TOKEN_LEN + 1])
{
	char		 pre[STAFF_TOKEN_LEN + 1], th[67], ph[67], mins[16];
	char		 sqlstate[6], *cause = NULL;
	const char	*params[3] = { th, ph, mins };
	PGresult	*res = NULL;
	int		 rc = -1;

	if (!cookie_token(r, st->pre_cookie, pre)) {
		new_token(pre);
		free(p->set_cookie);
		xasprintf(&p->set_cookie, "%s=%s; Path=/; HttpOnly; "
		    "SameSite=Strict%s", st->pre_cookie, pre,
		    st->secure ? "; Secure" : "");
	}
	new_token(token);
	token_hash_param(token, th);
	token_hash_param(pre, ph);
	snprintf(mins, sizeof(mins), "%d", STAFF_FORM_MINUTES);
	if (db_exec(st->db, st->base + STMT_FORM_NEW, params, &res, sqlstate,
	    &cause) != DB_OK) {
		log_warnx("login form: %s", cause);
		free(cause);
		goto out;
	}
	rc = 0;
out:
	PQclear(res);
	sodium_memzero(pre, sizeof(pre));
	return rc;
}

/*
 * Uses up the login form token tok sent with r's pre-session cookie.
 * Returns 1 when it was good (and is no more), 0 when it is unknown,
 * used, expired or sent with another cookie, -1 when the database is
 * unavailable (logged).
 */
static int
form_use(struct staff *st, const struct req *r, const char *tok)
{
	char		 pre[STAFF_TOKEN_LEN + 1], th[67], ph[67];
	char		 sqlstate[6], *cause = NULL;
	const char	*params[2] = { th, ph };
	PGresult	*res = NULL;
	enum db_status	 rc;
	int		 ok;

	if (tok == NULL || strlen(tok) != STAFF_TOKEN_LEN ||
	    !cookie_token(r, st->pre_cookie, pre))
		return 0;
	token_hash_param(tok, th);
	token_hash_param(pre, ph);
	rc = db_exec(st->db, st->base + STMT_FORM_USE, params, &res,
	    sqlstate, &cause);
	if (rc != DB_OK) {
		log_warnx("login form: %s", cause);
		free(cause);
		return rc == DB_UNAVAILABLE ? -1 : 0;
	}
	ok = PQntuples(res) == 1;
	PQclear(res);
	return ok;
}

/*
 * The login page for request r, with a message (an error or why one
 * must log in); held, when non-NULL, is a form posted to back with an
 * expired session, kept in the page: as posted, or (prefixed) a login
 * page's that held it.
 */
static void
login_page_held(struct staff *st, const struct req *r, struct resp *p,
    int status, const char *login, const char *error, const char *info,
    const struct req *held, const char *back, int prefixed)
{
	struct page_frame	 pf = { 0 };
	struct buf		*b = &p->body;
	char			 token[STAFF_TOKEN_LEN + 1];

	if (form_issue(st, r, p, token) == -1) {
		staff_page_message(st, p, NULL, 503, "Service momentanément "
		    "indisponible", "Réessayez dans quelques instants.",
		    NULL, NULL);
		return;
	}
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
   what it held. */
static void
login_page(struct staff *st, const struct req *r, struct resp *p,
    int status, const char *login, const char *error, const char *info)
{
	const struct http_field	*f = r != NULL ?
				    http_field_get(r, STAFF_RETURN_FIELD) : NULL;

	if (f != NULL && return_ok(st, f->val))
		login_page_held(st, r, p, status, login, error, info, r,
		    f->val, 1);
	else
		login_page_held(st, r, p, status, login, error, info, NULL,
		    NULL, 0);
}

void
staff_to_login(struct staff *st, const struct req *r, struct resp *p)
{
	char	token[STAFF_TOKEN_LEN + 1];

	/* A POST cannot be redirected without losing it: the login page
	   holds it, and gives it back once logged in. */
	if (r->method == HTTP_POST) {
		if (return_ok(st, r->path))
			login_page_held(st, r, p, 403, NULL, NULL, "Votre "
			    "session a expiré : reconnectez-vous. Ce que vous "
			    "veniez d’envoyer est conservé : vous le "
			    "retrouverez, rempli, pour l’enregistrer.", r,
			    r->path, 0);
		else
			login_page_held(st, r, p, 403, NULL, NULL, "Votre "
			    "session a expiré : reconnectez-vous, puis "
			    "recommencez.", NULL, NULL, 0);
		return;
	}
	p->status = 303;
	xasprintf(&p->location, "%s/connexion%s", st->prefix,
	    cookie_token(r, st->cookie, token) ? "?expiree" : "");
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

/* The lockout's key for r's client. */
static const char *
client_of(const struct req *r)
{
	return r->remote_addr != NULL ? r->remote_addr : NO_CLIENT;
}

/*
 * A failed login with the login typed from r's client (id: the account,
 * or NULL when none matched): counted for that pair, which is locked
 * after STAFF_MAX_FAILURES in a row; the answer is the same whether the
 * account exists or not.
 */
static void
login_failed(struct staff *st, const struct req *r, struct resp *p,
    const char *id, const char *login)
{
	const char	*bad = "Identifiant ou mot de passe incorrect.";
	const char	*params[5];
	char		 sqlstate[6], *cause = NULL, maxf[16], lockm[16];
	PGresult	*res = NULL;

	snprintf(maxf, sizeof(maxf), "%d", STAFF_MAX_FAILURES);
	snprintf(lockm, sizeof(lockm), "%d", STAFF_LOCK_MINUTES);
	params[0] = id;
	params[1] = login;
	params[2] = maxf;
	params[3] = lockm;
	params[4] = client_of(r);
	if (db_exec(st->db, st->base + STMT_FAILED, params, &res, sqlstate,
	    &cause) != DB_OK) {
		log_warnx("login failure not counted: %s", cause);
		free(cause);
	} else if (PQntuples(res) == 1 &&
	    strcmp(db_value(res, 0, "locked"), "t") == 0) {
		log_warnx("logins locked for %d minutes from %s",
		    STAFF_LOCK_MINUTES, client_of(r));
		bad = "Identifiant ou mot de passe incorrect. Après "
		    "plusieurs échecs, cet identifiant est verrouillé sur ce "
		    "poste pour quelques minutes.";
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
	const char	*params[7];
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
	params[6] = client_of(r);
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
	free(p->set_cookie);
	xasprintf(&p->set_cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s",
	    st->cookie, session, st->secure ? "; Secure" : "");
	sodium_memzero(session, sizeof(session));
	back = field(r, STAFF_RETURN_FIELD);
	if (back != NULL && return_ok(st, back)) {
		held_page(st, r, p, back, csrf);
		return;
	}
	p->status = 303;
	xasprintf(&p->location, "%s/", st->prefix);
}

/*
 * A login attempt. Its form token must be good (once, with its
 * pre-session cookie); then the pair (login typed, client) must not be
 * waiting nor locked; then the password is checked against the
 * account's hash, or a dummy one when the login is unknown, disabled or
 * has no password: the same work, the same answer in each case.
 */
static void
login_post(struct staff *st, struct req *r, struct resp *p)
{
	const char	*login = field(r, "login"), *pw = field(r, "password");
	const char	*params[2];
	char		 sqlstate[6], *cause = NULL, *msg = NULL, *rehash = NULL;
	char		 id[32];
	PGresult	*res = NULL;
	enum db_status	 rc;
	const char	*stored;
	size_t		 pwlen;
	int		 ok, usable, known, form;

	if ((form = form_use(st, r, field(r, "_jeton"))) != 1) {
		if (form == -1)
			login_page(st, r, p, 503, login, "Le service est "
			    "momentanément indisponible : réessayez dans "
			    "quelques instants.", NULL);
		else
			login_page(st, r, p, 400, login, "Le formulaire de "
			    "connexion a expiré : saisissez à nouveau vos "
			    "identifiants.", NULL);
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
	params[1] = client_of(r);
	rc = db_exec(st->db, st->base + STMT_THROTTLE, params, &res, sqlstate,
	    &cause);
	if (rc == DB_OK && PQntuples(res) == 1) {
		if (strcmp(db_value(res, 0, "locked"), "t") == 0)
			xasprintf(&msg, "Après plusieurs échecs, cet "
			    "identifiant est verrouillé sur ce poste : "
			    "réessayez dans %s minute(s).",
			    db_value(res, 0, "lock_minutes"));
		else if (atoi(db_value(res, 0, "wait_seconds")) > 0)
			xasprintf(&msg, "Trop de tentatives : patientez %s "
			    "seconde(s) avant de réessayer.",
			    db_value(res, 0, "wait_seconds"));
	}
	PQclear(res);
	res = NULL;
	if (rc == DB_OK && msg != NULL) {
		login_page(st, r, p, 429, login, msg, NULL);
		free(msg);
		return;
	}
	if (rc == DB_OK)
		rc = db_exec(st->db, st->base + STMT_USER, params, &res,
		    sqlstate, &cause);
	if (rc != DB_OK) {
		log_warnx("login: %s", cause);
		free(cause);
		login_page(st, r, p, 503, login, "Le service est momentanément "
		    "indisponible : réessayez dans quelques instants.", NULL);
		return;
	}
	known = PQntuples(res) == 1;
	snprintf(id, sizeof(id), "%s", db_value(res, 0, "id"));
	usable = known && !PQgetisnull(res, 0, PQfnumber(res,
	    "password_hash")) && strcmp(db_value(res, 0, "disabled"),
	    "f") == 0;
	stored = usable ? db_value(res, 0, "password_hash") : st->dummy_hash;
	/* Always one argon2id check, whatever the account. */
	ok = stored != NULL && crypto_pwhash_str_verify(stored, pw, pwlen) == 0
	    && usable;
	if (ok && crypto_pwhash_str_needs_rehash(stored,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		rehash = staff_password_hash(pw, pwlen);
	PQclear(res);
	res = NULL;

	if (!ok)
		login_failed(st, r, p, known ? id : NULL, login);
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
	cookie_token(r, st->cookie, token);
	token_hash_param(token, hash);
	if (db_exec(st->db, st->base + STMT_LOGOUT, params, &res, sqlstate,
	    &cause) != DB_OK) {
		log_warnx("logout of %s: %s", u.login, cause);
		free(cause);
	}
	PQclear(res);
	p->status = 303;
	xasprintf(&p->location, "%s/connexion?au-revoir", st->prefix);
	xasprintf(&p->set_cookie, "%s=; Path=/; HttpOnly; SameSite=Strict; "
	    "Max-Age=0%s", st->cookie, st->secure ? "; Secure" : "");
}

/* ------------------------------------------------------ the password page */

/* The password form's fields, in the order of its error slots. */
enum pw_slot {
	PW_CURRENT,
	PW_NEW,
	PW_AGAIN,
	PW__MAX
};

/* The password form as sent. */
struct pw_input {
	struct fields_errors	 errs;
	const char		*val[PW__MAX];
	size_t			 len[PW__MAX];
};

static const char *const pw_names[PW__MAX] = {
	[PW_CURRENT] = "actuel",
	[PW_NEW] = "nouveau",
	[PW_AGAIN] = "confirmation",
};
static const char *const pw_labels[PW__MAX] = {
	[PW_CURRENT] = "Mot de passe actuel",
	[PW_NEW] = "Nouveau mot de passe",
	[PW_AGAIN] = "Confirmation du nouveau mot de passe",
};
static const char *const pw_anchors[PW__MAX] = {
	[PW_CURRENT] = "actuel",
	[PW_NEW] = "nouveau",
	[PW_AGAIN] = "confirmation",
};

static int
pw_read(void *in, const char *v, enum pw_slot slot)
{
	struct pw_input	*pi = in;

	if (strlen(v) > STAFF_PASSWORD_MAX) {
		fields_fail(&pi->errs, slot, "Un mot de passe ne peut dépasser "
		    "%d octets.", STAFF_PASSWORD_MAX);
		return 0;
	}
	pi->val[slot] = v;
	pi->len[slot] = strlen(v);
	return 1;
}

static int
pw_current(void *in, const char *v)
{
	return pw_read(in, v, PW_CURRENT);
}

static int
pw_new(void *in, const char *v)
{
	return pw_read(in, v, PW_NEW);
}

static int
pw_again(void *in, const char *v)
{
	return pw_read(in, v, PW_AGAIN);
}

static const struct fields_field pw_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },
	{ "actuel", pw_current, 0, PW_CURRENT },
	{ "nouveau", pw_new, 0, PW_NEW },
	{ "confirmation", pw_again, 0, PW_AGAIN },
};

/*
 * The password page of u: the form (again with errs' messages, when
 * non-NULL), saying why when the password is a temporary one.
 */
static void
pw_page(struct staff *st, struct resp *p, const struct staff_user *u,
    const struct fields_errors *errs)
{
	struct buf	*b = &p->body;
	char		*action = NULL, *hint = NULL;
	int		 bad = errs != NULL && errs->nerrors > 0;

	p->status = bad ? 400 : 200;
	staff_page_open(st, p, u, bad ? "Erreur – Mot de passe" :
	    "Mot de passe");
	if (!u->must_change) {
		xasprintf(&action, "%s/", st->prefix);
		page_back_link(b, action, "Accueil");
		free(action);
	}
	buf_puts(b, "<h1>Changer mon mot de passe</h1>\n");
	if (u->must_change)
		buf_puts(b, "<div class=\"fr-alert fr-alert--info fr-mb-4w\">"
		    "\n<p>Votre mot de passe a été choisi par un administrateur "
		    "ou un référent : choisissez le vôtre pour continuer. "
		    "Personne d’autre ne le connaîtra.</p>\n</div>\n");
	else
		buf_puts(b, "<p>Vos autres sessions, sur d’autres postes ou "
		    "navigateurs, seront fermées.</p>\n");
	if (bad)
		fields_summary(b, errs, "Le mot de passe n’a pas été changé",
		    pw_labels, pw_anchors, PW__MAX, FIELDS_AUTOFOCUS);
	xasprintf(&action, "%s/mot-de-passe", st->prefix);
	buf_puts(b, "<form method=\"post\" action=\"");
	html_puts(b, action);
	buf_puts(b, "\">\n");
	staff_csrf_input(b, u);
	page_field_input(b, pw_anchors[PW_CURRENT], pw_names[PW_CURRENT],
	    "password", "autocomplete=\"current-password\" required",
	    pw_labels[PW_CURRENT], u->must_change ? "Celui avec lequel vous "
	    "venez de vous connecter." : NULL, NULL,
	    bad ? errs->error[PW_CURRENT] : NULL, NULL, NULL);
	xasprintf(&hint, "Au moins %d caractères, sans votre identifiant. "
	    "Une phrase de plusieurs mots est facile à retenir.",
	    STAFF_PASSWORD_MIN);
	page_field_input(b, pw_anchors[PW_NEW], pw_names[PW_NEW], "password",
	    "autocomplete=\"new-password\" required", pw_labels[PW_NEW], hint,
	    NULL, bad ? errs->error[PW_NEW] : NULL, NULL, NULL);
	page_field_input(b, pw_anchors[PW_AGAIN], pw_names[PW_AGAIN],
	    "password", "autocomplete=\"new-password\" required",
	    pw_labels[PW_AGAIN], NULL, NULL,
	    bad ? errs->error[PW_AGAIN] : NULL, NULL, NULL);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\">Changer mon mot "
	    "de passe</button>\n</form>\n");
	page_end(b);
	free(action);
	free(hint);
}

/*
 * Checks the form in *pi against the policy and the current hash
 * (stored) of the account login; the errors go to pi->errs.
 */
static void
pw_check(struct pw_input *pi, const char *login, const char *stored)
{
	char	*cause = NULL;

	if (pi->val[PW_CURRENT] == NULL || pi->len[PW_CURRENT] == 0)
		fields_fail(&pi->errs, PW_CURRENT, "Saisissez votre mot de "
		    "passe actuel.");
	else if (stored == NULL || crypto_pwhash_str_verify(stored,
	    pi->val[PW_CURRENT], pi->len[PW_CURRENT]) != 0)
		fields_fail(&pi->errs, PW_CURRENT, "Ce n’est pas votre mot de "
		    "passe actuel.");
	if (pi->val[PW_NEW] == NULL || pi->len[PW_NEW] == 0)
		fields_fail(&pi->errs, PW_NEW, "Saisissez un nouveau mot de "
		    "passe.");
	else if (staff_password_policy(pi->val[PW_NEW], pi->len[PW_NEW],
	    login, &cause) == -1) {
		/* The policy's message starts in lower case. */
		fields_fail(&pi->errs, PW_NEW, "%c%s.", toupper((unsigned char)
		    cause[0]), cause + 1);
		free(cause);
	} else if (pi->val[PW_CURRENT] != NULL &&
	    pi->len[PW_CURRENT] == pi->len[PW_NEW] &&
	    memcmp(pi->val[PW_CURRENT], pi->val[PW_NEW], pi->len[PW_NEW]) == 0)
		fields_fail(&pi->errs, PW_NEW, "Choisissez un mot de passe "
		    "différent de l’actuel.");
	if (pi->errs.error[PW_NEW] == NULL && (pi->val[PW_AGAIN] == NULL ||
	    pi->len[PW_AGAIN] != pi->len[PW_NEW] ||
	    memcmp(pi->val[PW_AGAIN], pi->val[PW_NEW], pi->len[PW_NEW]) != 0))
		fields_fail(&pi->errs, PW_AGAIN, "Saisissez le même mot de "
		    "passe que ci-dessus.");
}

/*
 * GET and POST prefix "/mot-de-passe": the form, then the change, keyed
 * on the session in the database (qualimetre.password_change, sql/027),
 * which ends the user's other sessions.
 */
static void
pw_handle(struct staff *st, const struct req *r, struct resp *p,
    const struct staff_user *u)
{
	struct pw_input	 in;
	const char	*params[1];
	char		 sqlstate[6], *hash = NULL, *back = NULL, uid[32];
	PGresult	*res = NULL;
	enum db_status	 rc;

	memset(&in, 0, sizeof(in));
	if (r->method != HTTP_POST) {
		pw_page(st, p, u, NULL);
		return;
	}
	if (!staff_csrf_ok(u, r)) {
		staff_page_message(st, p, u, 403, "Action refusée", "Cette "
		    "demande ne vient pas d’une page de ce service : rien n’a "
		    "été changé.", NULL, NULL);
		return;
	}
	fields_read(r, pw_fields, sizeof(pw_fields) / sizeof(pw_fields[0]), 0,
	    &in, &in.errs);
	rc = db_exec_as_logged(st->db, u->session, u->login,
	    st->base + STMT_MY_HASH, "password hash", NULL, &res, sqlstate);
	if (rc != DB_OK || PQntuples(res) != 1)
		goto unavailable;
	pw_check(&in, u->login, PQgetisnull(res, 0, PQfnumber(res,
	    "password_hash")) ? NULL : db_value(res, 0, "password_hash"));
	PQclear(res);
	res = NULL;
	if (in.errs.nerrors > 0) {
		if (in.errs.error[PW_CURRENT] != NULL &&
		    in.val[PW_CURRENT] != NULL && in.len[PW_CURRENT] > 0) {
			snprintf(uid, sizeof(uid), "%lld", u->id);
			audit(st, uid, u->login, "password-change-failed",
			    NULL);
		}
		pw_page(st, p, u, &in.errs);
		goto out;
	}
	if ((hash = staff_password_hash(in.val[PW_NEW], in.len[PW_NEW])) ==
	    NULL) {
		log_warnx("no memory to hash a password");
		goto unavailable;
	}
	params[0] = hash;
	rc = db_exec_as_logged(st->db, u->session, u->login,
	    st->base + STMT_PW_CHANGE, "password change", params, &res,
	    sqlstate);
	if (rc != DB_OK)
		goto unavailable;
	xasprintf(&back, "%s/", st->prefix);
	staff_page_message(st, p, u, 200, "Mot de passe changé", "Votre "
	    "nouveau mot de passe est enregistré. Vos autres sessions sont "
	    "fermées.", back, "Aller à l’accueil");
	goto out;
unavailable:
	staff_page_message(st, p, u, 503, "Service momentanément "
	    "indisponible", "Votre mot de passe n’a pas été changé : "
	    "réessayez dans quelques instants.", NULL, NULL);
out:
	PQclear(res);
	if (hash != NULL)
		sodium_memzero(hash, strlen(hash));
	free(hash);
	free(back);
	fields_free(&in.errs);
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
