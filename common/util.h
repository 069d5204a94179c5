/*
 * Memory and string helpers shared by every program: out of memory is
 * fatal (the supervisor restarts the worker), every other error is returned.
 */
#ifndef QUALIMETRE_UTIL_H
#define QUALIMETRE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Allocation wrappers: never return NULL. On failure (or a size overflow)
 * they log to standard error and exit(1). A zero size is a bug and also
 * exits. The caller frees the result with free().
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/*
 * Formatted allocation: *ret receives a NUL-terminated string the caller
 * frees. Returns the length written. Exits on failure like xmalloc.
 */
int	 xasprintf(char **ret, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **ret, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));

/*
 * Returns 1 when the len bytes at s are well-formed UTF-8 (no overlong
 * forms, no surrogates, nothing above U+10FFFF) and hold no NUL byte,
 * 0 otherwise.
 */
int	 utf8_valid(const char *s, size_t len);

/*
 * Returns the number of Unicode code points in the len bytes at s, which
 * must already be valid UTF-8 (see utf8_valid).
 */
size_t	 utf8_length(const char *s, size_t len);

/* Returns 1 when s holds nothing but spaces, tabs and line breaks. */
int	 str_blank(const char *s);

/*
 * Writes one line to standard error, which the programs' supervisor sends
 * to their log: "qualimetre-PROG[pid]: message". Only the programs' top
 * levels log; modules return their errors.
 */
void	 log_warnx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/* Sets the program name used by log_warnx. */
void	 log_init(const char *progname);

#endif /* QUALIMETRE_UTIL_H */
