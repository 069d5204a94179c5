/* Request parsing and response headers, without FastCGI. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "utf8.h"
#include "xmalloc.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes len bytes of one name or value into a new string; *outlen gets
 * its length. Returns -1 on a bad escape.
 */
static int
decode(const char *s, size_t len, char **out, size_t *outlen)
{
	char	*d;
	size_t	 i, j = 0;
	int	 hi, lo;

	d = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			d[j++] = ' ';
		else if (s[i] == '%') {
			if (len - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0) {
				free(d);
				return -1;
			}
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else
			d[j++] = s[i];
	}
	d[j] = '\0';
	*out = d;
	*outlen = j;
	return 0;
}

int
http_parse_urlencoded(const char *s, size_t len, size_t max,
    struct http_field **out, size_t *n, char **cause)
{
	struct http_field	*f = NULL;
	size_t			 nf = 0, cap = 0, pos = 0, end, eq, klen;
	const char		*amp, *sep;

	*out = NULL;
	*n = 0;
	while (pos < len) {
		amp = memchr(s + pos, '&', len - pos);
		end = amp == NULL ? len : (size_t)(amp - s);
		if (end == pos) {
			pos++;
			continue;
		}
		if (nf == max) {
			xasprintf(cause, "more than %zu fields", max);
			goto fail;
		}
		if (nf == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			f = xreallocarray(f, cap, sizeof(*f));
		}
		sep = memchr(s + pos, '=', end - pos);
		eq = sep == NULL ? end : (size_t)(sep - s);
		f[nf].key = f[nf].val = NULL;
		if (decode(s + pos, eq - pos, &f[nf].key, &klen) == -1) {
			xasprintf(cause, "field %zu: bad %% escape in name",
			    nf + 1);
			goto fail;
		}
		nf++;
		if (klen == 0 || klen > HTTP_KEY_MAX) {
			xasprintf(cause, "field %zu: name empty or longer "
			    "than %d bytes", nf, HTTP_KEY_MAX);
			goto fail;
		}
		if (!utf8_valid(f[nf - 1].key, klen)) {
			xasprintf(cause, "field %zu: name is not UTF-8", nf);
			goto fail;
		}
		if (sep == NULL) {
			f[nf - 1].val = xstrdup("");
			f[nf - 1].vallen = 0;
		} else if (decode(s + eq + 1, end - eq - 1, &f[nf - 1].val,
		    &f[nf - 1].vallen) == -1) {
			xasprintf(cause, "field %zu (%s): bad %% escape in "
			    "value", nf, f[nf - 1].key);
			goto fail;
		}
		pos = end + 1;
	}
	*out = f;
	*n = nf;
	return 0;
fail:
	http_fields_free(f, nf);
	return -1;
}

void
http_fields_free(struct http_field *f, size_t n)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(f[i].key);
		free(f[i].val);
	}
	free(f);
}

void
http_req_init(struct req *r,
    const char *(*getparam)(void *arg, const char *name), void *arg)
{
	const char	*v;
	char		*end;
	long long	 cl;

	memset(r, 0, sizeof(*r));
	r->content_length = -1;
	v = getparam(arg, "REQUEST_METHOD");
	if (v == NULL)
		r->method = HTTP_OTHER;
	else if (strcmp(v, "GET") == 0)
		r->method = HTTP_GET;
	else if (strcmp(v, "HEAD") == 0)
		r->method = HTTP_HEAD;
	else if (strcmp(v, "POST") == 0)
		r->method = HTTP_POST;
	else
		r->method = HTTP_OTHER;
	v = getparam(arg, "DOCUMENT_URI");
	r->path = xstrdup(v == NULL ? "/" : v);
	if ((v = getparam(arg, "QUERY_STRING")) != NULL && *v != '\0')
		r->query = xstrdup(v);
	if ((v = getparam(arg, "CONTENT_TYPE")) != NULL && *v != '\0')
		r->content_type = xstrdup(v);
	if ((v = getparam(arg, "CONTENT_LENGTH")) != NULL && *v != '\0') {
		errno = 0;
		cl = strtoll(v, &end, 10);
		/* A bad length counts as an over-long one: refused. */
		if (errno != 0 || *end != '\0' || cl < 0)
			cl = HTTP_BODY_MAX + 1LL;
		r->content_length = cl;
	}
	v = getparam(arg, "HTTPS");
	r->secure = v != NULL && strcmp(v, "on") == 0;
	/* A FastCGI parameter only nginx sets: a client's headers arrive
	   as HTTP_*, never under this name. */
	v = getparam(arg, "QUALIMETRE_HELD");
	r->held = v == NULL ? HTTP_HELD_NONE : strcmp(v, "1") == 0 ?
	    HTTP_HELD_LIMIT : strcmp(v, "2") == 0 ? HTTP_HELD_FAULT :
	    HTTP_HELD_NONE;
	v = getparam(arg, "QUALIMETRE_DOOR");
	r->door = v != NULL && strcmp(v, "1") == 0;
	if ((v = getparam(arg, "HTTP_COOKIE")) != NULL && *v != '\0')
		r->cookie = xstrdup(v);
	/* Digits, hex, dots and colons: the login lockout's key. */
	if ((v = getparam(arg, "REMOTE_ADDR")) != NULL && *v != '\0' &&
	    strlen(v) <= 45 && strspn(v, "0123456789abcdefABCDEF.:") ==
	    strlen(v))
		r->remote_addr = xstrdup(v);
	if ((v = getparam(arg, "HTTP_ACCEPT_LANGUAGE")) != NULL &&
	    *v != '\0' && strlen(v) <= HTTP_ACCEPT_LANGUAGE_MAX)
		r->accept_language = xstrdup(v);
	/* Only letters, digits, dots, dashes and a port: the host goes
	   into links and QR codes we print. */
	if ((v = getparam(arg, "HTTP_HOST")) != NULL && *v != '\0' &&
	    strlen(v) <= 255 && strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:") == strlen(v))
		r->host = xstrdup(v);
}

void
http_req_free(struct req *r)
{
	free(r->path);
	free(r->query);
	free(r->content_type);
	free(r->cookie);
	free(r->remote_addr);
	free(r->accept_language);
	free(r->host);
	free(r->body);
	http_fields_free(r->fields, r->nfields);
	memset(r, 0, sizeof(*r));
}

void
http_resp_reset(struct resp *p)
{
	buf_reset(&p->body);
	free(p->location);
	p->location = NULL;
	free(p->set_cookie);
	p->set_cookie = NULL;
	p->status = 200;
	p->content_type = "text/html; charset=utf-8";
	p->no_store = 0;
	p->retry_after = 0;
	p->cache_until = 0;
	p->allow = NULL;
	p->attachment = NULL;
	p->streamed = 0;
	p->broken = 0;
}

int
http_resp_flush(struct resp *p)
{
	if (p->flush == NULL)
		return 0;
	return p->flush(p->flush_arg, p);
}

void
http_resp_trim(struct resp *p)
{
	if (p->body.cap > HTTP_RESP_KEEP)
		buf_free(&p->body);
}

void
http_resp_free(struct resp *p)
{
	free(p->location);
	p->location = NULL;
	free(p->set_cookie);
	p->set_cookie = NULL;
	buf_free(&p->body);
}

const char *
http_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 303: return "See Other";
	case 308: return "Permanent Redirect";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 410: return "Gone";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

void
http_resp_head(const struct resp *p, struct buf *out)
{
	buf_printf(out, "Status: %d %s\r\n", p->status,
	    http_status_text(p->status));
	buf_printf(out, "Content-Type: %s\r\n", p->content_type);
	/* A streamed body's length is not known: nginx chunks it. */
	if (!p->streamed)
		buf_printf(out, "Content-Length: %zu\r\n", p->body.len);
	/* Location is built by us from validated slugs only. */
	if (p->location != NULL)
		buf_printf(out, "Location: %s\r\n", p->location);
	if (p->no_store)
		buf_puts(out, "Cache-Control: no-store\r\n");
	if (p->retry_after > 0)
		buf_printf(out, "Retry-After: %d\r\n", p->retry_after);
	/* For nginx's cache only: nginx never passes it on. */
	if (p->cache_until > 0)
		buf_printf(out, "X-Accel-Expires: @%lld\r\n", p->cache_until);
	if (p->allow != NULL)
		buf_printf(out, "Allow: %s\r\n", p->allow);
	/* A literal of ours: a file is saved, never shown in the
	   site's origin. */
	if (p->attachment != NULL)
		buf_printf(out, "Content-Disposition: attachment; "
		    "filename=\"%s\"\r\n", p->attachment);
	/* Built by us from random tokens only. */
	if (p->set_cookie != NULL)
		buf_printf(out, "Set-Cookie: %s\r\n", p->set_cookie);
	buf_puts(out, "\r\n");
}

const struct http_field *
http_field_get(const struct req *r, const char *key)
{
	size_t	i;

	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].key, key) == 0 &&
		    strlen(r->fields[i].val) == r->fields[i].vallen)
			return &r->fields[i];
	return NULL;
}

int
http_cookie(const struct req *r, const char *name, char *out, size_t outsz)
{
	const char	*p, *end, *eq;
	size_t		 nlen = strlen(name), vlen;

	if (r->cookie == NULL)
		return 0;
	/* "a=1; b=2": pairs separated by ';' and optional spaces. */
	for (p = r->cookie; *p != '\0'; p = *end == '\0' ? end : end + 1) {
		while (*p == ' ')
			p++;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL || (size_t)(eq - p) != nlen ||
		    strncmp(p, name, nlen) != 0)
			continue;
		vlen = (size_t)(end - eq - 1);
		if (vlen + 1 > outsz)
			return 0;
		memcpy(out, eq + 1, vlen);
		out[vlen] = '\0';
		return 1;
	}
	return 0;
}

int
http_id_parse(const char *s, long long *id)
{
	size_t	n;

	if (s == NULL || s[0] < '1' || s[0] > '9')
		return 0;
	n = strspn(s, "0123456789");
	if (s[n] != '\0' || n > 18)
		return 0;
	if (id != NULL)
		*id = strtoll(s, NULL, 10);
	return 1;
}

int
http_uuid_valid(const char *s)
{
	size_t	i;

	if (s == NULL || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	}
	return 1;
}

void
http_moved(const struct req *r, struct resp *p, const char *path)
{
	p->status = r->method == HTTP_GET || r->method == HTTP_HEAD ?
	    301 : 308;
	free(p->location);
	if (r->query != NULL && *r->query != '\0')
		xasprintf(&p->location, "%s?%s", path, r->query);
	else
		p->location = xstrdup(path);
}
