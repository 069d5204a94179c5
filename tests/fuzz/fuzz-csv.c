/*
 * libFuzzer target: export_csv_parse of cgi/results/export.c, the strict
 * RFC 4180 reader the tests read every export back with. The first byte
 * chooses the separator (',' or ';', or the byte itself, refused when it
 * is a quote, CR, LF or NUL).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct export_csv	*c = NULL;
	char			*cause = NULL, sep;
	size_t			 i, j;

	if (size < 1)
		return 0;
	sep = data[0] == 'c' ? ',' : data[0] == 's' ? ';' : (char)data[0];
	if (export_csv_parse((const char *)data + 1, size - 1, sep, &c,
	    &cause) == -1) {
		if (cause == NULL || c != NULL)
			abort();
		free(cause);
		return 0;
	}
	if (sep == '"' || sep == '\r' || sep == '\n' || sep == '\0')
		abort();
	for (i = 0; i < c->nrows; i++) {
		if (c->ncols[i] == 0)
			abort();
		for (j = 0; j < c->ncols[i]; j++)
			if (c->rows[i][j] == NULL)
				abort();
	}
	export_csv_free(c);
	return 0;
}
