/* Parsing of urlencoded bodies: decoding, repeated keys, malformed input. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "tap.h"

static int
parse(const char *s, struct http_field **f, size_t *n)
{
	char	*cause = NULL;
	int	 rc;

	rc = http_parse_urlencoded(s, strlen(s), HTTP_FIELDS_MAX, f, n,
	    &cause);
	if (rc == -1 && cause == NULL)
		return -2;	/* a failure must say why */
	free(cause);
	return rc;
}

/* CGI parameters from a NULL-terminated list of name, value pairs. */
static const char *
param(void *arg, const char *name)
{
	const char	**kv = arg;

	for (; kv[0] != NULL; kv += 2)
		if (strcmp(kv[0], name) == 0)
			return kv[1];
	return NULL;
}

static int
fails(const char *s)
{
	struct http_field	*f = (struct http_field *)1;
	size_t			 n = 99;

	return parse(s, &f, &n) == -1 && f == NULL && n == 0;
}

int
main(void)
{
	struct http_field	*f;
	size_t			 n;
	char			 big[4096], nul[] = "a=x%00y";
	int			 i;

	tap_plan(28);

	tap_ok(parse("a=1&b=deux", &f, &n) == 0 && n == 2 &&
	    strcmp(f[0].key, "a") == 0 && strcmp(f[0].val, "1") == 0 &&
	    strcmp(f[1].key, "b") == 0 && strcmp(f[1].val, "deux") == 0,
	    "two plain pairs");
	http_fields_free(f, n);

	tap_ok(parse("q=Tr%C3%A8s+bien%21", &f, &n) == 0 && n == 1 &&
	    strcmp(f[0].val, "Très bien!") == 0 && f[0].vallen == 11,
	    "percent escapes and '+' decode to UTF-8 and a space");
	http_fields_free(f, n);

	tap_ok(parse("c=%2b%2B", &f, &n) == 0 && strcmp(f[0].val, "++") == 0,
	    "hex digits in either case");
	http_fields_free(f, n);

	tap_ok(parse("m=a&m=b&x=1&m=c", &f, &n) == 0 && n == 4 &&
	    strcmp(f[0].val, "a") == 0 && strcmp(f[1].val, "b") == 0 &&
	    strcmp(f[3].key, "m") == 0 && strcmp(f[3].val, "c") == 0,
	    "repeated keys are kept, in order");
	http_fields_free(f, n);

	tap_ok(parse("flag&b=", &f, &n) == 0 && n == 2 &&
	    strcmp(f[0].key, "flag") == 0 && f[0].vallen == 0 &&
	    f[1].vallen == 0, "a name without '=' and an empty value");
	http_fields_free(f, n);

	tap_ok(parse("&&a=1&&", &f, &n) == 0 && n == 1,
	    "empty pairs are skipped");
	http_fields_free(f, n);

	tap_ok(parse("", &f, &n) == 0 && n == 0 && f == NULL,
	    "an empty body has no field");

	tap_ok(parse("a=b=c", &f, &n) == 0 && strcmp(f[0].val, "b=c") == 0,
	    "only the first '=' separates");
	http_fields_free(f, n);

	tap_ok(parse(nul, &f, &n) == 0 && f[0].vallen == 3 &&
	    strlen(f[0].val) == 1, "an encoded NUL is kept and visible "
	    "through vallen");
	http_fields_free(f, n);

	tap_ok(fails("a=%"), "truncated escape at the end");
	tap_ok(fails("a=%4"), "escape with one digit");
	tap_ok(fails("a=%G1"), "escape with a non-hex digit");
	tap_ok(fails("a=%%41"), "double percent");
	tap_ok(fails("%ZZ=1"), "bad escape in a name");
	tap_ok(fails("=1"), "empty name");
	tap_ok(fails("a=1&=2"), "empty name after a good pair");
	tap_ok(fails("%FF%FE=1"), "name that is not UTF-8");
	tap_ok(fails("a%00b=1"), "name holding a NUL");
	memset(big, 'k', 65);
	big[65] = '\0';
	tap_ok(fails(big), "name longer than HTTP_KEY_MAX");
	big[64] = '\0';
	tap_ok(parse(big, &f, &n) == 0 && n == 1,
	    "name of exactly HTTP_KEY_MAX bytes");
	http_fields_free(f, n);

	/* HTTP_FIELDS_MAX + 1 fields must be refused. */
	big[0] = '\0';
	for (i = 0; i <= HTTP_FIELDS_MAX && strlen(big) < sizeof(big) - 8;
	    i++)
		strcat(big, "a=1&");
	tap_ok(i == HTTP_FIELDS_MAX + 1 && fails(big),
	    "more fields than HTTP_FIELDS_MAX");
	tap_ok(parse(big + 4, &f, &n) == 0 && n == HTTP_FIELDS_MAX,
	    "exactly HTTP_FIELDS_MAX fields");
	http_fields_free(f, n);

	/* Only len bytes are read: a body is not NUL-terminated. */
	{
		char	*cause = NULL;
		int	 rc;

		rc = http_parse_urlencoded("a=12345", 4, HTTP_FIELDS_MAX, &f,
		    &n, &cause);
		tap_ok(rc == 0 && n == 1 && strcmp(f[0].val, "12") == 0,
		    "reads no further than len");
		http_fields_free(f, n);
		rc = http_parse_urlencoded("a=%41", 4, HTTP_FIELDS_MAX, &f,
		    &n, &cause);
		tap_ok(rc == -1 && cause != NULL,
		    "an escape cut by len is truncated input");
		free(cause);
	}

	/* Requests built from CGI parameters. */
	{
		const char	*post[] = { "REQUEST_METHOD", "POST",
		    "DOCUMENT_URI", "/enquete/abc", "CONTENT_TYPE",
		    "application/x-www-form-urlencoded", "CONTENT_LENGTH",
		    "17", NULL };
		const char	*bad[] = { "REQUEST_METHOD", "DELETE",
		    "CONTENT_LENGTH", "12x", NULL };
		const char	*neg[] = { "REQUEST_METHOD", "HEAD",
		    "CONTENT_LENGTH", "-1", "HTTPS", "on", NULL };
		const char	*none[] = { NULL };
		struct req	 r;

		http_req_init(&r, param, post);
		tap_ok(r.method == HTTP_POST && strcmp(r.path,
		    "/enquete/abc") == 0 && r.content_length == 17 &&
		    r.content_type != NULL && !r.secure,
		    "a POST request's method, path, type and length");
		http_req_free(&r);
		http_req_init(&r, param, bad);
		tap_ok(r.method == HTTP_OTHER &&
		    r.content_length > HTTP_BODY_MAX,
		    "an unknown method; a length with junk counts as too "
		    "large");
		http_req_free(&r);
		http_req_init(&r, param, neg);
		tap_ok(r.method == HTTP_HEAD &&
		    r.content_length > HTTP_BODY_MAX && r.secure,
		    "a negative length counts as too large; HTTPS on");
		http_req_free(&r);
		http_req_init(&r, param, none);
		tap_ok(r.method == HTTP_OTHER && strcmp(r.path, "/") == 0 &&
		    r.content_length == -1 && r.content_type == NULL,
		    "no parameters at all");
		http_req_free(&r);
	}
	return tap_done();
}
