/*
 * A minimal TAP producer for the unit tests: each test program states its
 * plan, reports numbered cases, and exits non-zero when one failed.
 */
#ifndef QUALIMETRE_TAP_H
#define QUALIMETRE_TAP_H

/* Prints the plan "1..n". Call once, before the first case. */
void	 tap_plan(int n);

/*
 * Reports one case: "ok N - description" when cond is true, "not ok N -
 * description" otherwise. Returns cond, so that a caller can add details
 * with tap_diag() when it fails.
 */
int	 tap_ok(int cond, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Prints a diagnostic line "# ..." to standard output. */
void	 tap_diag(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/* Skips the whole program: prints "1..0 # SKIP reason" and exits 0. */
void	 tap_skip_all(const char *reason) __attribute__((noreturn));

/*
 * Returns the exit status for main: 0 when every case passed and the
 * number of cases matched the plan, 1 otherwise.
 */
int	 tap_done(void);

#endif /* QUALIMETRE_TAP_H */
