/*
 * libFuzzer target: the application/x-www-form-urlencoded parser of
 * cgi/web/http.c (request bodies and query strings), with the field
 * limit the programs use and a small one.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_field	*f;
	size_t			 n, i, max;
	char			*cause = NULL;

	if (size > HTTP_BODY_MAX)
		return 0;
	max = size > 0 && data[0] == '!' ? 3 : HTTP_FIELDS_MAX;
	if (http_parse_urlencoded((const char *)data, size, max, &f, &n,
	    &cause) == -1) {
		if (cause == NULL || f != NULL || n != 0)
			abort();
		free(cause);
		return 0;
	}
	if (n > max || (n > 0 && f == NULL))
		abort();
	for (i = 0; i < n; i++)
		/* A name is never empty, never over-long, never holds a
		   NUL; a value is vallen bytes and a NUL. */
		if (strlen(f[i].key) == 0 || strlen(f[i].key) > HTTP_KEY_MAX ||
		    f[i].val[f[i].vallen] != '\0')
			abort();
	http_fields_free(f, n);
	return 0;
}
