/*
 * libFuzzer target: the request's headers as cgi/web/http.c and lang.c
 * read them. The input is the CGI parameters, one a line, in the order
 * of params[] below; then the Cookie header is searched for the staff
 * session's cookie and others, and Accept-Language and the query's lang
 * choose a language.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "lang.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const params[] = {
	"REQUEST_METHOD", "DOCUMENT_URI", "QUERY_STRING", "CONTENT_TYPE",
	"CONTENT_LENGTH", "HTTPS", "QUALIMETRE_HELD", "HTTP_COOKIE",
	"HTTP_ACCEPT_LANGUAGE", "HTTP_HOST",
};
#define NPARAMS	(sizeof(params) / sizeof(params[0]))

struct env {
	char	*val[NPARAMS];	/* NULL: absent */
};

static const char *
getparam(void *arg, const char *name)
{
	struct env	*e = arg;
	size_t		 i;

	for (i = 0; i < NPARAMS; i++)
		if (strcmp(params[i], name) == 0)
			return e->val[i];
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const avail[] = { "fr", "en", "ar" };
	static const char *const names[] = {
		"qualimetre_session", "a", "", "lang",
	};
	struct env	 e;
	struct req	 r;
	char		*copy, *p, *nl, out[80], code[LANG_CODE_LEN];
	const char	*l;
	size_t		 i, j;

	if (size > 8192)
		return 0;
	memset(&e, 0, sizeof(e));
	/* A NUL ends a value as it ends a FastCGI parameter. */
	copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (p = copy, i = 0; p != NULL && i < NPARAMS; i++) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		/* "-" alone: the parameter is absent. */
		e.val[i] = strcmp(p, "-") == 0 ? NULL : p;
		p = nl;
	}
	http_req_init(&r, getparam, &e);
	if (r.host != NULL && strspn(r.host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:") != strlen(r.host))
		abort();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (j = 1; j <= sizeof(out); j += 13)
			if (http_cookie(&r, names[i], out, j) &&
			    strlen(out) >= j)
				abort();
	l = lang_accept(r.accept_language, avail, 3);
	if (strcmp(l, "fr") != 0 && strcmp(l, "en") != 0 &&
	    strcmp(l, "ar") != 0)
		abort();
	if (lang_query(r.query, code) == 0 && (strlen(code) < 2 ||
	    strlen(code) > 3))
		abort();
	(void)lang_choose(r.query, r.accept_language, avail, 3);
	http_req_free(&r);
	free(copy);
	return 0;
}
