/* Memory that never fails: out of memory ends the process. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static void __attribute__((noreturn))
fatal_oom(const char *what, size_t n)
{
	fprintf(stderr, "qualimetre: %s(%zu): out of memory\n", what, n);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		fatal_oom("xmalloc: zero size", size);
	if ((p = malloc(size)) == NULL)
		fatal_oom("xmalloc", size);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		fatal_oom("xcalloc: zero size", size);
	if (SIZE_MAX / nmemb < size)
		fatal_oom("xcalloc: overflow", nmemb);
	if ((p = calloc(nmemb, size)) == NULL)
		fatal_oom("xcalloc", nmemb * size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		fatal_oom("xreallocarray: zero size", size);
	if (SIZE_MAX / nmemb < size)
		fatal_oom("xreallocarray: overflow", nmemb);
	if ((p = realloc(ptr, nmemb * size)) == NULL)
		fatal_oom("xreallocarray", nmemb * size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t maxlen)
{
	size_t	 len;
	char	*p;

	len = strnlen(s, maxlen);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	 n;

	n = vasprintf(ret, fmt, ap);
	if (n < 0 || *ret == NULL)
		fatal_oom("xvasprintf", 0);
	return n;
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return n;
}
