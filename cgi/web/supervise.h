/*
 * A supervisor for pre-forked workers: starts them, starts a new one when
 * one dies, and stops them all on SIGTERM or SIGINT.
 */
#ifndef QUALIMETRE_SUPERVISE_H
#define QUALIMETRE_SUPERVISE_H

/*
 * Runs nworkers children, each calling worker(arg) and exiting with its
 * return value; replaces any child that exits or is killed (waiting a
 * second between restarts when a worker dies within a second of its
 * start, so a worker that cannot start does not spin). Returns 0 after
 * SIGTERM or SIGINT once every child is gone, -1 with *cause set (caller
 * frees) when the first fork fails. When pidfile is non-NULL, writes the
 * supervisor's pid there and removes it on return.
 */
int	 supervise(int nworkers, int (*worker)(void *), void *arg,
	    const char *pidfile, char **cause);

/*
 * In a worker: returns 1 once the supervisor asked it to stop. A worker
 * checks it between requests and finishes the current one first.
 */
int	 supervise_stopping(void);

/*
 * In a worker: marks the start and the end of a request, so that a stop
 * request arriving while idle ends the worker at once, and one arriving
 * during a request waits for its end.
 */
void	 supervise_busy(int busy);

#endif /* QUALIMETRE_SUPERVISE_H */
