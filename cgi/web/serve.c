/*
 * The shared main of the FastCGI programs: the supervisor opens the
 * socket, then pre-forks workers that each hold one database connection
 * and serve requests in an accept loop.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "buf.h"
#include "http.h"
#include "log.h"
#include "serve.h"
#include "supervise.h"
#include "token.h"
#include "xmalloc.h"

struct config {
	const struct serve_app	*app;
	struct serve_config	 sc;
	const char		*socket;	/* unix socket nginx uses, or
						   NULL when systemd gives one */
	const char		*pidfile;	/* or NULL */
	int			 workers;
	long			 max_rss;	/* bytes a worker may keep
						   resident between requests;
						   0 for no limit */
	int			 listen_fd;
};

/*
 * The resident size a worker may keep after a request, in MB
 * (--max-rss): issue 14's 10 MB. Off by default in a sanitizer build,
 * whose shadow memory alone is larger.
 */
#if defined(__SANITIZE_ADDRESS__)
#define WORKER_MAX_RSS_MB	0
#else
#define WORKER_MAX_RSS_MB	10
#endif

static const char *
fcgx_param(void *arg, const char *name)
{
	return FCGX_GetParam(name, (FCGX_ParamArray)arg);
}

/*
 * Reads the body announced by Content-Length, up to HTTP_BODY_MAX; a
 * larger one is read and thrown away so that the connection stays in step.
 */
static void
read_body(struct req *r, FCGX_Stream *in)
{
	char		 scratch[8192];
	long long	 want = r->content_length;
	int		 n;

	if (r->method != HTTP_POST || want <= 0)
		return;
	if (want > HTTP_BODY_MAX) {
		r->body_too_large = 1;
		while (FCGX_GetStr(scratch, sizeof(scratch), in) > 0)
			continue;
		return;
	}
	r->body = xmalloc((size_t)want + 1);
	n = FCGX_GetStr(r->body, (int)want, in);
	r->bodylen = n > 0 ? (size_t)n : 0;
	r->body[r->bodylen] = '\0';
	if ((long long)r->bodylen != want)
		r->body_incomplete = 1;
}

/* Where a response goes: the request's FastCGI stream. */
struct stream {
	FCGX_Request	*fr;
	struct buf	*head;		/* the header block, made here */
	int		 head_only;	/* a HEAD request: no body */
};

/*
 * Sends p's head (the first time) and what its body holds, then empties
 * the body: resp's flush for a streamed response, and the end of every
 * response. Returns 0, or -1 when the stream failed (nginx went away).
 */
static int
worker_send(void *arg, struct resp *p)
{
	struct stream	*st = arg;
	int		 rc = 0;

	if (!p->streamed) {
		p->streamed = p->flush != NULL;
		buf_reset(st->head);
		http_resp_head(p, st->head);
		if (FCGX_PutStr(st->head->data, (int)st->head->len,
		    st->fr->out) < 0)
			rc = -1;
	}
	if (!st->head_only && p->body.len > 0 && FCGX_PutStr(p->body.data,
	    (int)p->body.len, st->fr->out) < 0)
		rc = -1;
	buf_reset(&p->body);
	return rc;
}

/* The worker's resident size in bytes, from /proc/self/statm, or -1. */
static long
worker_rss(void)
{
	static int	 fd = -1;
	char		 line[128], *p;
	ssize_t		 n;
	long		 pages;

	if (fd == -1 && (fd = open("/proc/self/statm", O_RDONLY |
	    O_CLOEXEC)) == -1)
		return -1;
	if ((n = pread(fd, line, sizeof(line) - 1, 0)) <= 0)
		return -1;
	line[n] = '\0';
	/* "size resident shared ...", in pages. */
	if ((p = strchr(line, ' ')) == NULL)
		return -1;
	errno = 0;
	pages = strtol(p + 1, NULL, 10);
	if (errno != 0 || pages < 0)
		return -1;
	return pages * sysconf(_SC_PAGESIZE);
}

/*
 * A worker whose resident size grew by more than this since it last gave
 * memory back gives back what its heap holds free: a large page or
 * download must not leave a worker's resident size high (issue 14: at
 * most 10 MB a worker). Below it, one read of /proc/self/statm a request
 * and nothing else: asking malloc what it holds free (mallinfo2) walks
 * every free chunk, hundreds of microseconds on a fragmented heap.
 */
#define WORKER_TRIM_GROWTH	(2 * 1024 * 1024)

/*
 * After a request: frees a large response buffer, trims the heap when
 * the worker grew, and returns its resident size (-1 when unknown).
 * *base is the size after the last trim.
 */
static long
worker_trim(struct resp *p, long *base)
{
	long	rss;

	http_resp_trim(p);
	rss = worker_rss();
	if (rss != -1 && rss > *base + WORKER_TRIM_GROWTH) {
		malloc_trim(0);
		rss = worker_rss();
		*base = rss;
	}
	return rss;
}

static int
worker(void *arg)
{
	struct config	*cf = arg;
	void		*ctx;
	FCGX_Request	 fr;
	struct req	 r;
	struct resp	 p;
	struct buf	 head = { 0 };
	struct stream	 st;
	long		 rss, base;

	memset(&p, 0, sizeof(p));
	st.fr = &fr;
	st.head = &head;
	ctx = cf->app->create(&cf->sc);
	/* Parsing the forms and their schema at start left tens of MB free. */
	malloc_trim(0);
	base = worker_rss();
	if (FCGX_InitRequest(&fr, cf->listen_fd, 0) != 0) {
		log_warnx("FCGX_InitRequest failed");
		cf->app->free(ctx);
		return 1;
	}
	while (!supervise_stopping() && FCGX_Accept_r(&fr) >= 0) {
		supervise_busy(1);
		http_req_init(&r, fcgx_param, fr.envp);
		read_body(&r, fr.in);
		st.head_only = r.method == HTTP_HEAD;
		p.flush = worker_send;
		p.flush_arg = &st;
		p.streamed = p.broken = 0;
		cf->app->handle(ctx, &r, &p);
		/*
		 * A download that failed half-way must not look whole: the
		 * connection ends without FastCGI's end of request, and
		 * nginx ends the client's response without its last chunk.
		 */
		if (p.broken)
			shutdown(fr.ipcFd, SHUT_RDWR);
		else {
			p.flush = NULL;
			worker_send(&st, &p);
		}
		FCGX_Finish_r(&fr);
		http_req_free(&r);
		buf_reset(&head);
		rss = worker_trim(&p, &base);
		supervise_busy(0);
		/*
		 * Still large with its free memory given back: what a PDF's
		 * fonts or a large page left in use. A fresh worker takes
		 * its place (the supervisor forks it at once); the cost is
		 * one connection to the database, once in a while.
		 */
		if (cf->max_rss > 0 && rss > cf->max_rss) {
			log_warnx("worker %ld: %ld kB resident after a request,"
			    " above %ld kB: a fresh worker replaces it",
			    (long)getpid(), rss / 1024, cf->max_rss / 1024);
			break;
		}
	}
	FCGX_Free(&fr, 1);
	buf_free(&head);
	http_resp_free(&p);
	cf->app->free(ctx);
	return 0;
}

static int
usage(const char *name)
{
	fprintf(stderr, "usage: %s [--socket PATH] --schema PATH --secret PATH "
	    "[--door-key PATH] [--workers N] [--pidfile PATH] [--max-rss MB]\n"
	    "The database is given by the environment variable "
	    "QUALIMETRE_DSN. Without --socket, the listening socket is "
	    "the one systemd passes (LISTEN_FDS).\n", name);
	return 2;
}

int
serve_listen_fds(int *fd, char **cause)
{
	struct stat	 st;
	const char	*pid_s, *fds_s;
	char		*end;
	long		 pid, n;
	int		 rc = -1;

	*cause = NULL;
	pid_s = getenv("LISTEN_PID");
	fds_s = getenv("LISTEN_FDS");
	if (pid_s == NULL || fds_s == NULL) {
		rc = 0;
		goto out;
	}
	errno = 0;
	pid = strtol(pid_s, &end, 10);
	if (errno != 0 || end == pid_s || *end != '\0' || pid <= 0) {
		xasprintf(cause, "LISTEN_PID is not a process id: %s", pid_s);
		goto out;
	}
	if (pid != (long)getpid()) {
		/* Meant for another process (our parent): not ours. */
		rc = 0;
		goto out;
	}
	errno = 0;
	n = strtol(fds_s, &end, 10);
	if (errno != 0 || end == fds_s || *end != '\0' || n != 1) {
		xasprintf(cause, "LISTEN_FDS must be 1 (one listening socket), "
		    "not %s", fds_s);
		goto out;
	}
	if (fstat(SERVE_LISTEN_FD, &st) == -1 || !S_ISSOCK(st.st_mode)) {
		xasprintf(cause, "file descriptor %d from systemd is not a "
		    "socket", SERVE_LISTEN_FD);
		goto out;
	}
	*fd = SERVE_LISTEN_FD;
	rc = 1;
 out:
	/* Neither the workers nor anything they run may take it again. */
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	return rc;
}

int
serve_main(int argc, char *argv[], const struct serve_app *app)
{
	static const struct option longopts[] = {
		{ "socket",	required_argument, NULL, 's' },
		{ "workers",	required_argument, NULL, 'w' },
		{ "pidfile",	required_argument, NULL, 'p' },
		{ "schema",	required_argument, NULL, 'x' },
		{ "secret",	required_argument, NULL, 'k' },
		{ "door-key",	required_argument, NULL, 'd' },
		{ "max-rss",	required_argument, NULL, 'm' },
		{ NULL,		0,		   NULL, 0 }
	};
	struct config	 cf;
	const char	*secret = NULL, *door_key = NULL;
	char		*end, *cause = NULL;
	long		 n;
	int		 ch;

	memset(&cf, 0, sizeof(cf));
	cf.app = app;
	cf.workers = 4;
	cf.max_rss = WORKER_MAX_RSS_MB * 1024L * 1024;
	log_init(app->name);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			cf.socket = optarg;
			break;
		case 'w':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || n < 1 || n > 256) {
				fprintf(stderr, "%s: --workers must be a whole "
				    "number from 1 to 256\n", app->name);
				return 2;
			}
			cf.workers = (int)n;
			break;
		case 'm':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    n < 0 || n > 65536) {
				fprintf(stderr, "%s: --max-rss must be a whole "
				    "number of MB from 0 (no limit) to 65536\n",
				    app->name);
				return 2;
			}
			cf.max_rss = n * 1024 * 1024;
			break;
		case 'p':
			cf.pidfile = optarg;
			break;
		case 'x':
			cf.sc.schema = optarg;
			break;
		case 'k':
			secret = optarg;
			break;
		case 'd':
			door_key = optarg;
			break;
		default:
			return usage(app->name);
		}
	}
	if (optind != argc || cf.sc.schema == NULL || secret == NULL)
		return usage(app->name);
	switch (serve_listen_fds(&cf.listen_fd, &cause)) {
	case -1:
		fprintf(stderr, "%s: %s\n", app->name, cause);
		free(cause);
		return 1;
	case 1:
		if (cf.socket != NULL) {
			fprintf(stderr, "%s: --socket given, but systemd "
			    "passes a socket already\n", app->name);
			return 2;
		}
		break;
	default:
		if (cf.socket == NULL)
			return usage(app->name);
		cf.listen_fd = -1;
		break;
	}
	cf.sc.dsn = getenv("QUALIMETRE_DSN");
	if (cf.sc.dsn == NULL || *cf.sc.dsn == '\0') {
		fprintf(stderr, "%s: QUALIMETRE_DSN is not set\n", app->name);
		return 2;
	}
	cf.sc.public_url = getenv("QUALIMETRE_PUBLIC_URL");
	if (cf.sc.public_url != NULL && *cf.sc.public_url == '\0')
		cf.sc.public_url = NULL;
	if (cf.sc.public_url != NULL &&
	    !serve_public_url_ok(cf.sc.public_url)) {
		fprintf(stderr, "%s: QUALIMETRE_PUBLIC_URL must be "
		    "http(s)://host[:port], without a path\n", app->name);
		return 2;
	}

	if (sodium_init() < 0) {
		fprintf(stderr, "%s: libsodium cannot start\n", app->name);
		return 1;
	}
	if (token_key_load(secret, cf.sc.key, &cause) == -1) {
		fprintf(stderr, "%s: %s\n", app->name, cause);
		free(cause);
		return 1;
	}
	if (door_key != NULL && token_door_key_load(door_key,
	    cf.sc.door_key, &cause) == -1) {
		fprintf(stderr, "%s: %s\n", app->name, cause);
		free(cause);
		return 1;
	}
	if (FCGX_Init() != 0) {
		fprintf(stderr, "%s: FCGX_Init failed\n", app->name);
		return 1;
	}
	/*
	 * nginx runs as our user under ./start: nobody else needs the
	 * socket. Under systemd, the .socket unit sets its owner and mode.
	 */
	umask(077);
	if (cf.socket != NULL) {
		unlink(cf.socket);
		if ((cf.listen_fd = FCGX_OpenSocket(cf.socket, 128)) < 0) {
			fprintf(stderr, "%s: %s: cannot listen\n", app->name,
			    cf.socket);
			return 1;
		}
	}
	if (supervise(cf.workers, worker, &cf, cf.pidfile, &cause) == -1) {
		fprintf(stderr, "%s: %s\n", app->name, cause);
		free(cause);
		if (cf.socket != NULL)
			unlink(cf.socket);
		return 1;
	}
	/* systemd's socket stays: it is the unit's, not ours. */
	if (cf.socket != NULL)
		unlink(cf.socket);
	sodium_memzero(cf.sc.key, sizeof(cf.sc.key));
	sodium_memzero(cf.sc.door_key, sizeof(cf.sc.door_key));
	return 0;
}

int
serve_questionnaire_url(const char *public_url, const char *slug,
    char *out, size_t size)
{
	int	n;

	if (public_url == NULL)
		return -1;
	n = snprintf(out, size, "%s/enquete/%s", public_url, slug);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int
serve_public_url_ok(const char *s)
{
	const char	*host, *colon;
	size_t		 len = strlen(s);

	if (len > 200)
		return 0;
	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return 0;
	colon = strchr(host, ':');
	if (*host == '\0' || *host == ':' || strspn(host,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") !=
	    (size_t)((colon != NULL ? colon : s + len) - host))
		return 0;
	return colon == NULL || (colon[1] != '\0' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1) &&
	    strlen(colon + 1) <= 5);
}
