/* Pre-forked workers under a supervisor that replaces the dead. */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "supervise.h"
#include "xmalloc.h"

static volatile sig_atomic_t	stop_requested;
static volatile sig_atomic_t	worker_busy;

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
	/* An idle worker has nothing to finish. */
	if (worker_busy == 0)
		_exit(0);
}

static void
on_stop_supervisor(int sig)
{
	(void)sig;
	stop_requested = 1;
}

int
supervise_stopping(void)
{
	return stop_requested;
}

void
supervise_busy(int busy)
{
	worker_busy = busy;
	if (!busy && stop_requested)
		_exit(0);
}

struct child {
	pid_t	pid;
	time_t	started;
};

static pid_t
spawn(int (*worker)(void *), void *arg)
{
	struct sigaction	sa;
	sigset_t		set;
	pid_t			pid;

	if ((pid = fork()) != 0)
		return pid;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	_exit(worker(arg));
}

int
supervise(int nworkers, int (*worker)(void *), void *arg,
    const char *pidfile, char **cause)
{
	struct child		*kids;
	struct sigaction	 sa;
	sigset_t		 set, old;
	FILE			*fp;
	pid_t			 pid;
	int			 i, status, alive, rc = -1;

	kids = xcalloc((size_t)nworkers, sizeof(*kids));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_supervisor;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	/* Signals wait until the loop is ready to look at them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, &old);

	if (pidfile != NULL) {
		if ((fp = fopen(pidfile, "w")) == NULL) {
			xasprintf(cause, "%s: %s", pidfile, strerror(errno));
			goto out;
		}
		fprintf(fp, "%ld\n", (long)getpid());
		fclose(fp);
	}
	for (i = 0; i < nworkers; i++) {
		if ((kids[i].pid = spawn(worker, arg)) == -1) {
			xasprintf(cause, "fork: %s", strerror(errno));
			goto stop;
		}
		kids[i].started = time(NULL);
	}
	log_warnx("started %d workers", nworkers);
	sigprocmask(SIG_SETMASK, &old, NULL);

	while (!stop_requested) {
		pid = waitpid(-1, &status, 0);
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < nworkers; i++)
			if (kids[i].pid == pid)
				break;
		if (i == nworkers || stop_requested)
			continue;
		if (WIFSIGNALED(status))
			log_warnx("worker %ld killed by signal %d, replacing it",
			    (long)pid, WTERMSIG(status));
		else
			log_warnx("worker %ld exited with status %d, replacing "
			    "it", (long)pid, WEXITSTATUS(status));
		if (time(NULL) - kids[i].started < 1)
			sleep(1);
		kids[i].pid = spawn(worker, arg);
		kids[i].started = time(NULL);
		if (kids[i].pid == -1)
			log_warnx("fork: %s", strerror(errno));
	}
	rc = 0;
stop:
	for (i = 0; i < nworkers; i++)
		if (kids[i].pid > 0)
			kill(kids[i].pid, SIGTERM);
	/* Wait for every child, whatever signal arrives meanwhile. */
	do {
		alive = 0;
		for (i = 0; i < nworkers; i++) {
			if (kids[i].pid <= 0)
				continue;
			if (waitpid(kids[i].pid, &status, 0) == kids[i].pid ||
			    errno == ECHILD)
				kids[i].pid = 0;
			else
				alive = 1;
		}
	} while (alive);
	log_warnx("stopped");
	if (pidfile != NULL)
		unlink(pidfile);
out:
	free(kids);
	return rc;
}
