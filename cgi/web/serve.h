/*
 * The main program every FastCGI program shares: options, the token key,
 * the listening socket, the supervisor, and each worker's accept loop.
 * A program supplies its handler through struct serve_app.
 */
#ifndef QUALIMETRE_SERVE_H
#define QUALIMETRE_SERVE_H

#include "token.h"

struct req;
struct resp;

/* What a worker is started with. */
struct serve_config {
	const char	*dsn;		/* from QUALIMETRE_DSN */
	const char	*public_url;	/* from QUALIMETRE_PUBLIC_URL: the
					   service's address as the public
					   reaches it, "https://host[:port]",
					   or NULL */
	const char	*schema;	/* forms/form.rng */
	unsigned char	 key[TOKEN_KEY_LEN]; /* signs form tokens */
	char		 door_key[TOKEN_DOOR_KEY_LEN + 1]; /* nginx's door
					   tokens (--door-key), "" for none */
};

/* A program: how to make a worker's context, handle, and free it. */
struct serve_app {
	const char	*name;		/* "qualimetre-survey", for logs */
	void		*(*create)(const struct serve_config *);
	void		 (*handle)(void *ctx, struct req *, struct resp *);
	void		 (*free)(void *ctx);
};

/*
 * Parses the command line (--socket, unless systemd passes the socket:
 * serve_listen_fds; --schema, --secret, --door-key, --workers, --pidfile; --max-rss,
 * the MB a worker may keep resident after a request before a fresh one
 * replaces it, 10 by default, 0 for no limit; the database from QUALIMETRE_DSN, the public address from
 * QUALIMETRE_PUBLIC_URL, checked by serve_public_url_ok), opens the
 * socket and runs
 * the workers until SIGTERM. Returns main's exit status: 0 after a clean
 * stop, 1 when the program could not start, 2 on a usage error.
 */
int	 serve_main(int argc, char *argv[], const struct serve_app *);

/* The first socket systemd passes (SD_LISTEN_FDS_START). */
#define SERVE_LISTEN_FD	3

/*
 * Socket activation: when LISTEN_PID names this process and LISTEN_FDS
 * is 1, sets *fd to SERVE_LISTEN_FD (checked to be a socket) and returns
 * 1; returns 0 when systemd passed nothing meant for this process, and -1
 * with *cause set (caller frees) when what it passed is not one socket.
 * Unsets LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES in every case.
 */
int	 serve_listen_fds(int *fd, char **cause);

/*
 * Whether s is a public address: "http://" or "https://", then a host of
 * letters, digits, dots and dashes, an optional ":port", and nothing
 * after (no path, no trailing slash), at most 200 bytes.
 */
int	 serve_public_url_ok(const char *s);

/*
 * The public address of the questionnaire called slug, made from the
 * configured public_url alone (a request's Host may be an internal name,
 * or forged), into out of size bytes. Returns 0, or -1 when public_url
 * is NULL or the address does not fit.
 */
int	 serve_questionnaire_url(const char *public_url, const char *slug,
	    char *out, size_t size);

#endif /* QUALIMETRE_SERVE_H */
