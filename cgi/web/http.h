/*
 * Requests and responses as the handlers see them, independent of
 * FastCGI: a request is built from CGI parameters and a body, a response
 * is a status, a few headers and a body in memory.
 */
#ifndef QUALIMETRE_HTTP_H
#define QUALIMETRE_HTTP_H

#include <stddef.h>

#include "buf.h"

/* Largest urlencoded body a program accepts; above it, 413. */
#define HTTP_BODY_MAX		(64 * 1024)
/* Most fields in one body or query; above it, the request is refused. */
#define HTTP_FIELDS_MAX		256
/* Longest field name, in bytes. */
#define HTTP_KEY_MAX		64

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_OTHER,		/* refused with 405 */
	HTTP__MAX
};

/* The longest Accept-Language header read; a longer one is ignored. */
#define HTTP_ACCEPT_LANGUAGE_MAX	512

/* One decoded name=value pair of a query string or a form body. */
struct http_field {
	char	*key;		/* decoded, NUL-terminated */
	char	*val;		/* decoded, NUL-terminated; may hold a NUL
				   byte before vallen when the sender put
				   %00 in it: check strlen(val) == vallen */
	size_t	 vallen;	/* bytes in val, not counting the last NUL */
};

/* Why nginx sent a request aside (QUALIMETRE_HELD, etc/nginx.conf.in). */
enum http_held {
	HTTP_HELD_NONE = 0,	/* it did not: handle the request */
	HTTP_HELD_LIMIT,	/* "1": refused by nginx's rate limit */
	HTTP_HELD_FAULT,	/* "2": no worker answered nginx's tries */
	HTTP_HELD__MAX
};

/* A request, owned by the loop that reads it; see http_req_free. */
struct req {
	enum http_method	 method;
	char			*path;		/* e.g. "/enquete/x", decoded
						   by nginx (DOCUMENT_URI) */
	char			*query;		/* QUERY_STRING, or NULL */
	char			*content_type;	/* or NULL */
	long long		 content_length; /* -1 when not given */
	int			 secure;	/* served over TLS */
	enum http_held		 held;		/* sent aside by nginx: hold
						   what was sent, store
						   nothing (QUALIMETRE_HELD) */
	int			 door;		/* nginx caches this page and
						   puts its own token in it
						   (QUALIMETRE_DOOR) */
	char			*host;		/* the Host header when it is a
						   plain host[:port], or NULL */
	char			*cookie;	/* the Cookie header, or NULL */
	char			*remote_addr;	/* the client's address as nginx
						   saw it (REMOTE_ADDR), when
						   an IPv4 or IPv6 address, or
						   NULL */
	char			*accept_language; /* the Accept-Language
						   header when at most
						   HTTP_ACCEPT_LANGUAGE_MAX
						   bytes, or NULL */
	char			*body;		/* the request body, NUL-
						   terminated, or NULL */
	size_t			 bodylen;	/* bytes in body */
	int			 body_too_large; /* over HTTP_BODY_MAX:
						   not kept */
	int			 body_incomplete; /* shorter than its
						   Content-Length */
	struct http_field	*fields;	/* parsed body or query */
	size_t			 nfields;
};

/* A response: handlers fill it, the loop sends it. */
struct resp {
	int		 status;	/* 200, 303, 404, ... */
	const char	*content_type;	/* a literal; text/html by default */
	char		*location;	/* for redirections, or NULL */
	int		 no_store;	/* Cache-Control: no-store */
	int		 retry_after;	/* seconds, for 503; 0 for none */
	long long	 cache_until;	/* the last second (Unix time) nginx
					   may serve the page from its cache
					   (X-Accel-Expires: @); 0: never */
	const char	*allow;		/* Allow header, for 405 */
	char		*set_cookie;	/* a Set-Cookie value, or NULL */
	const char	*attachment;	/* a literal file name (ASCII, no
					   quote): the body is a download,
					   sent with Content-Disposition:
					   attachment; or NULL */
	struct buf	 body;
	/*
	 * Streaming, for a body too large to hold (the referent's raw
	 * export): the loop sets flush, which sends the head (before its
	 * first call) and what body holds, then empties body; handlers
	 * call it through http_resp_flush. NULL in tests and wherever a
	 * body is sent whole. http_resp_reset keeps flush and flush_arg.
	 */
	int		(*flush)(void *arg, struct resp *);
	void		*flush_arg;
	int		 streamed;	/* the head has gone: status and
					   headers can no longer change,
					   and it had no Content-Length */
	int		 broken;	/* set by a handler that fails
					   after streaming: the loop ends
					   the connection without the
					   response's end, so that the
					   client sees it incomplete */
};

/*
 * Parses an application/x-www-form-urlencoded string of len bytes: pairs
 * separated by '&', '+' for a space, %XX escapes. A pair without '=' has
 * an empty value; empty pairs ("a=1&&b=2") are skipped. Repeated keys are
 * kept in order.
 * Returns 0 and sets *out (an array of *n fields the caller frees with
 * http_fields_free) on success; on malformed input (a '%' not followed by
 * two hex digits, an empty or over-long name, a name that is not UTF-8 or
 * holds a NUL, more than max fields) returns -1, sets *out to NULL and
 * *cause to a message the caller frees.
 */
int	 http_parse_urlencoded(const char *s, size_t len, size_t max,
	    struct http_field **out, size_t *n, char **cause);

/* Frees n fields and the array; NULL does nothing. */
void	 http_fields_free(struct http_field *, size_t n);

/*
 * Fills a request from CGI parameters (REQUEST_METHOD, DOCUMENT_URI,
 * CONTENT_TYPE, CONTENT_LENGTH, HTTPS, REMOTE_ADDR...), read through getparam, which
 * returns NULL for an absent one. The body is not read here.
 */
void	 http_req_init(struct req *,
	    const char *(*getparam)(void *arg, const char *name), void *arg);

/* Frees what a request holds and zeroes it; safe to call twice. */
void	 http_req_free(struct req *);

/* Makes a response empty, status 200, text/html, ready to fill. */
void	 http_resp_reset(struct resp *);

/*
 * Sends what p's body holds so far through p->flush, with the head the
 * first time, and empties the body: for a large download written piece
 * by piece. Without p->flush (tests), does nothing and the body keeps
 * growing, so that the whole is there to compare. Returns 0, or -1 when
 * it could not send (the client went away): stop writing, and set
 * p->broken.
 */
int	 http_resp_flush(struct resp *p);

/*
 * Gives back to the system the memory a large response body held (more
 * than HTTP_RESP_KEEP bytes), so that a worker's resident size falls
 * back after a large download or page; a smaller buffer is kept for the
 * next request.
 */
void	 http_resp_trim(struct resp *p);

/* The body capacity a worker keeps between requests. */
#define HTTP_RESP_KEEP		(256 * 1024)

/* Frees the response's memory. */
void	 http_resp_free(struct resp *);

/* The reason phrase of a status ("Not Found"), "Unknown" otherwise. */
const char *http_status_text(int status);

/*
 * Writes the CGI response header block (Status, Content-Type, Content-
 * Length unless the response is streamed, and the others that are set,
 * then an empty line) to out.
 */
void	 http_resp_head(const struct resp *, struct buf *out);

/*
 * Returns the first field named key with a value that holds no NUL byte,
 * or NULL.
 */
const struct http_field *http_field_get(const struct req *, const char *);

/*
 * Copies the value of the cookie called name into out (outsz bytes, NUL
 * included) and returns 1; returns 0 when there is no such cookie or its
 * value does not fit.
 */
int	 http_cookie(const struct req *, const char *name, char *out,
	    size_t outsz);

/*
 * Answers that r's page now lives at path (a path on this site, without
 * a query): 301 for GET and HEAD, 308 for any other method so that a
 * form sent to an old address is sent again, whole, to the new one. The
 * query of r, if any, goes along.
 */
void	 http_moved(const struct req *r, struct resp *p, const char *path);

/*
 * Returns 1 when s is a row id as URLs and forms carry them: 1 to 18
 * decimal digits, no sign, no leading zero; sets *id when id is non-NULL.
 * Returns 0 otherwise, for NULL too.
 */
int	 http_id_parse(const char *s, long long *id);

/*
 * Returns 1 when s is a UUID as the database writes it (36 characters,
 * lower-case hexadecimal digits, hyphens at 8, 13, 18 and 23), 0
 * otherwise, for NULL too.
 */
int	 http_uuid_valid(const char *s);

#endif /* QUALIMETRE_HTTP_H */
