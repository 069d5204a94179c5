/*
 * The programs' log: one line a message on standard error, which the
 * supervisor sends to the program's log file.
 */
#ifndef QUALIMETRE_LOG_H
#define QUALIMETRE_LOG_H

struct buf;

/*
 * Writes one line to standard error, which the programs' supervisor sends
 * to their log: "qualimetre-PROG[pid]: message", the message passed
 * through log_escape. Only the programs' top levels log; modules return
 * their errors.
 */
void	 log_warnx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/*
 * Appends s to out with what could break or forge a log line escaped: a
 * backslash as "\\", LF, CR and tab as "\n", "\r", "\t", any other
 * C0 control and DEL as "\xNN", a C1 control in UTF-8 (U+0080 to
 * U+009F) as "\xc2\xNN". Other bytes, UTF-8 text included, are kept.
 */
void	 log_escape(const char *s, struct buf *out);

/* Sets the program name used by log_warnx. */
void	 log_init(const char *progname);

#endif /* QUALIMETRE_LOG_H */
