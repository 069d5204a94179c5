/*
 * csv-dump: reads CSV on standard input (fields separated by the
 * argument, "," or ";") with the project's RFC 4180 reader and prints
 * one field a line, "ROW<TAB>COLUMN<TAB>VALUE", with backslash, CR and
 * LF in values written \\, \r and \n, so that the integration tests can
 * compare an export with what the database holds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "export.h"

int
main(int argc, char *argv[])
{
	struct export_csv	*csv = NULL;
	struct buf		 in = { 0 };
	char			 chunk[8192], *cause = NULL, *p;
	size_t			 n, i, j;

	if (argc != 2 || (strcmp(argv[1], ",") != 0 &&
	    strcmp(argv[1], ";") != 0)) {
		fprintf(stderr, "usage: csv-dump ',' | ';' < file.csv\n");
		return 2;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		buf_put(&in, chunk, n);
	if (export_csv_parse(in.data != NULL ? in.data : "", in.len,
	    argv[1][0], &csv, &cause) == -1) {
		fprintf(stderr, "csv-dump: %s\n", cause);
		free(cause);
		buf_free(&in);
		return 1;
	}
	for (i = 0; i < csv->nrows; i++)
		for (j = 0; j < csv->ncols[i]; j++) {
			printf("%zu\t%zu\t", i, j);
			for (p = csv->rows[i][j]; *p != '\0'; p++)
				switch (*p) {
				case '\\': fputs("\\\\", stdout); break;
				case '\r': fputs("\\r", stdout); break;
				case '\n': fputs("\\n", stdout); break;
				default: putchar(*p); break;
				}
			putchar('\n');
		}
	export_csv_free(csv);
	buf_free(&in);
	return 0;
}
