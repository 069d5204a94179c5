/*
 * The programs' log: one line a message on standard error, which the
 * supervisor sends to the program's log file.
 */
#ifndef QUALIMETRE_LOG_H
#define QUALIMETRE_LOG_H


/*
 * Writes one line to standard error, which the programs' supervisor sends
 * to their log: "qualimetre-PROG[pid]: message". Only the programs' top
 * levels log; modules return their errors.
 */
void	 log_warnx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/* Sets the program name used by log_warnx. */
void	 log_init(const char *progname);

#endif /* QUALIMETRE_LOG_H */
