/*
 * serve_listen_fds: the socket systemd passes (LISTEN_PID, LISTEN_FDS,
 * fd 3) is taken only when meant for this process and when it is one
 * socket; anything else is refused or ignored, and the variables go.
 */
#include "config.h"

#include <sys/socket.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve.h"
#include "tap.h"

static void
set_env(const char *pid, const char *fds)
{
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	if (pid != NULL)
		setenv("LISTEN_PID", pid, 1);
	if (fds != NULL)
		setenv("LISTEN_FDS", fds, 1);
	setenv("LISTEN_FDNAMES", "qualimetre-survey.socket", 1);
}

static int
run(const char *pid, const char *fds, int *fd, char **cause)
{
	set_env(pid, fds);
	*fd = -1;
	return serve_listen_fds(fd, cause);
}

int
main(void)
{
	char	 me[32], other[32], *cause;
	int	 fd, sv[2], devnull, rc;

	tap_plan(13);
	snprintf(me, sizeof(me), "%ld", (long)getpid());
	snprintf(other, sizeof(other), "%ld", (long)getpid() + 1);

	/* Fd 3: a regular file first, then a socket. */
	devnull = open("/dev/null", O_RDONLY);
	if (devnull == -1 || dup2(devnull, SERVE_LISTEN_FD) == -1)
		tap_skip_all("cannot place /dev/null on fd 3");

	rc = run(NULL, NULL, &fd, &cause);
	tap_ok(rc == 0 && fd == -1 && cause == NULL,
	    "nothing from systemd: no socket, no error");
	rc = run(other, "1", &fd, &cause);
	tap_ok(rc == 0 && fd == -1, "LISTEN_PID of another process: ignored");
	tap_ok(getenv("LISTEN_PID") == NULL && getenv("LISTEN_FDS") == NULL &&
	    getenv("LISTEN_FDNAMES") == NULL,
	    "the variables are gone afterwards all the same");

	rc = run(me, "1", &fd, &cause);
	tap_ok(rc == -1 && cause != NULL && strstr(cause, "not a socket"),
	    "fd 3 that is not a socket: refused (%s)", cause ? cause : "");
	free(cause);

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1 ||
	    dup2(sv[0], SERVE_LISTEN_FD) == -1)
		tap_skip_all("cannot place a socket on fd 3");

	rc = run(me, "1", &fd, &cause);
	tap_ok(rc == 1 && fd == SERVE_LISTEN_FD && cause == NULL,
	    "one socket meant for this process: fd 3");
	tap_ok(getenv("LISTEN_PID") == NULL && getenv("LISTEN_FDS") == NULL &&
	    getenv("LISTEN_FDNAMES") == NULL,
	    "taken: the workers do not see the variables");

	rc = run(me, "2", &fd, &cause);
	tap_ok(rc == -1 && fd == -1 && cause != NULL,
	    "two sockets: refused (%s)", cause ? cause : "");
	free(cause);
	rc = run(me, "0", &fd, &cause);
	tap_ok(rc == -1 && fd == -1, "no socket (LISTEN_FDS=0): refused");
	free(cause);
	rc = run(me, "1x", &fd, &cause);
	tap_ok(rc == -1 && fd == -1, "LISTEN_FDS not a number: refused");
	free(cause);
	rc = run("12ab", "1", &fd, &cause);
	tap_ok(rc == -1 && fd == -1 && cause != NULL &&
	    strstr(cause, "LISTEN_PID") != NULL,
	    "LISTEN_PID not a number: refused");
	free(cause);
	rc = run("", "1", &fd, &cause);
	tap_ok(rc == -1 && fd == -1, "LISTEN_PID empty: refused");
	free(cause);
	rc = run("-1", "1", &fd, &cause);
	tap_ok(rc == -1 && fd == -1, "LISTEN_PID negative: refused");
	free(cause);
	rc = run(me, NULL, &fd, &cause);
	tap_ok(rc == 0 && fd == -1, "LISTEN_PID without LISTEN_FDS: ignored");

	close(sv[0]);
	close(sv[1]);
	close(devnull);
	return tap_done();
}
