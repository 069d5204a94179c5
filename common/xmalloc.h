/*
 * Memory that never fails: out of memory (or a size overflow, or a zero
 * size, which is a bug) logs and exits; the supervisor restarts the
 * worker. Every other error is returned.
 */
#ifndef QUALIMETRE_XMALLOC_H
#define QUALIMETRE_XMALLOC_H

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

#endif /* QUALIMETRE_XMALLOC_H */
