/*
 * qualimetre-survey: the public questionnaire's FastCGI program. The
 * supervisor opens the socket, then pre-forks workers that each hold one
 * database connection and serve requests in an accept loop.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxml/parser.h>
#include <sodium.h>

#include "buf.h"
#include "http.h"
#include "supervise.h"
#include "survey-handle.h"
#include "token.h"
#include "util.h"

struct config {
	const char	*socket;	/* unix socket nginx connects to */
	const char	*pidfile;	/* or NULL */
	const char	*schema;	/* forms/form.rng */
	const char	*dsn;		/* from QUALIMETRE_DSN */
	int		 workers;
	int		 listen_fd;
	unsigned char	 key[TOKEN_KEY_LEN];
};

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

static int
worker(void *arg)
{
	struct config	*cf = arg;
	struct survey	*sv;
	FCGX_Request	 fr;
	struct req	 r;
	struct resp	 p;
	struct buf	 head = { 0 };

	memset(&p, 0, sizeof(p));
	sv = survey_create(cf->dsn, cf->schema, cf->key);
	survey_warm(sv);
	if (FCGX_InitRequest(&fr, cf->listen_fd, 0) != 0) {
		log_warnx("FCGX_InitRequest failed");
		survey_free(sv);
		return 1;
	}
	while (!supervise_stopping() && FCGX_Accept_r(&fr) >= 0) {
		supervise_busy(1);
		http_req_init(&r, fcgx_param, fr.envp);
		read_body(&r, fr.in);
		survey_handle(sv, &r, &p);
		http_resp_head(&p, &head);
		FCGX_PutStr(head.data, (int)head.len, fr.out);
		if (r.method != HTTP_HEAD && p.body.len > 0)
			FCGX_PutStr(p.body.data, (int)p.body.len, fr.out);
		FCGX_Finish_r(&fr);
		http_req_free(&r);
		buf_reset(&head);
		supervise_busy(0);
	}
	FCGX_Free(&fr, 1);
	buf_free(&head);
	http_resp_free(&p);
	survey_free(sv);
	return 0;
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: qualimetre-survey --socket PATH --schema "
	    "PATH --secret PATH [--workers N] [--pidfile PATH]\n"
	    "The database is given by the environment variable "
	    "QUALIMETRE_DSN.\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "socket",	required_argument, NULL, 's' },
		{ "workers",	required_argument, NULL, 'w' },
		{ "pidfile",	required_argument, NULL, 'p' },
		{ "schema",	required_argument, NULL, 'x' },
		{ "secret",	required_argument, NULL, 'k' },
		{ NULL,		0,		   NULL, 0 }
	};
	struct config	 cf;
	const char	*secret = NULL;
	char		*end, *cause = NULL;
	long		 n;
	int		 ch;

	memset(&cf, 0, sizeof(cf));
	cf.workers = 4;
	log_init("qualimetre-survey");
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			cf.socket = optarg;
			break;
		case 'w':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || n < 1 || n > 256) {
				fprintf(stderr, "qualimetre-survey: --workers "
				    "must be a whole number from 1 to 256\n");
				return 2;
			}
			cf.workers = (int)n;
			break;
		case 'p':
			cf.pidfile = optarg;
			break;
		case 'x':
			cf.schema = optarg;
			break;
		case 'k':
			secret = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || cf.socket == NULL || cf.schema == NULL ||
	    secret == NULL)
		usage();
	if ((cf.dsn = getenv("QUALIMETRE_DSN")) == NULL || *cf.dsn == '\0') {
		fprintf(stderr, "qualimetre-survey: QUALIMETRE_DSN is not set\n");
		return 2;
	}

	LIBXML_TEST_VERSION
	if (sodium_init() < 0) {
		fprintf(stderr, "qualimetre-survey: libsodium cannot start\n");
		return 1;
	}
	if (token_key_load(secret, cf.key, &cause) == -1) {
		fprintf(stderr, "qualimetre-survey: %s\n", cause);
		free(cause);
		return 1;
	}
	if (FCGX_Init() != 0) {
		fprintf(stderr, "qualimetre-survey: FCGX_Init failed\n");
		return 1;
	}
	/* nginx runs as our user: nobody else needs the socket. */
	umask(077);
	unlink(cf.socket);
	if ((cf.listen_fd = FCGX_OpenSocket(cf.socket, 128)) < 0) {
		fprintf(stderr, "qualimetre-survey: %s: cannot listen\n",
		    cf.socket);
		return 1;
	}
	if (supervise(cf.workers, worker, &cf, cf.pidfile, &cause) == -1) {
		fprintf(stderr, "qualimetre-survey: %s\n", cause);
		free(cause);
		unlink(cf.socket);
		return 1;
	}
	unlink(cf.socket);
	sodium_memzero(cf.key, sizeof(cf.key));
	xmlCleanupParser();
	return 0;
}
