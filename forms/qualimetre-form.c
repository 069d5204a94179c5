/*
 * qualimetre-form: checks form definitions against the schema, and stores
 * them in qualimetre.form, refusing to change a loaded version.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <libxml/parser.h>

#include "form.h"
#include "xmalloc.h"

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: qualimetre-form check --schema PATH FILE...\n"
	    "       qualimetre-form load --schema PATH FILE...\n"
	    "load stores the definitions in the database that the libpq "
	    "connection string\nin QUALIMETRE_DSN names.\n");
	exit(2);
}

/* Prints the loader's warnings about f on standard error. */
static void
print_warnings(const struct form *f)
{
	size_t	i;

	for (i = 0; i < form_nwarnings(f); i++)
		fprintf(stderr, "warning: %s\n", form_warning(f, i));
}

/*
 * Loads the nfiles definitions; forms[i] receives each one, or NULL.
 * Prints each failure on standard error. Returns 0 when all are valid,
 * -1 otherwise.
 */
static int
load_all(const char *schema, char **files, int nfiles, struct form **forms)
{
	char	*cause = NULL;
	int	 i, rc = 0;

	for (i = 0; i < nfiles; i++) {
		if (form_load(files[i], schema, &forms[i], &cause) == 0) {
			print_warnings(forms[i]);
			continue;
		}
		forms[i] = NULL;
		fprintf(stderr, "%s\n", cause);
		free(cause);
		cause = NULL;
		rc = -1;
	}
	return rc;
}

static int
cmd_check(const char *schema, char **files, int nfiles)
{
	struct form	*f;
	char		*cause = NULL;
	int		 i, rc = 0;

	for (i = 0; i < nfiles; i++) {
		if (form_load(files[i], schema, &f, &cause) == -1) {
			fprintf(stderr, "%s\n", cause);
			free(cause);
			cause = NULL;
			rc = 1;
			continue;
		}
		print_warnings(f);
		printf("%s: ok (key %s version %d, %zu questions, sha256 %s)\n",
		    files[i], form_key(f), form_version(f),
		    form_nquestions(f), form_sha256(f));
		form_free(f);
	}
	return rc;
}

/* Runs a statement without parameters nor rows. Returns 0 or -1. */
static int
exec_command(PGconn *conn, const char *sql)
{
	PGresult	*res;
	int		 rc = 0;

	res = PQexecParams(conn, sql, 0, NULL, NULL, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "qualimetre-form: %s: %s", sql,
		    PQerrorMessage(conn));
		rc = -1;
	}
	PQclear(res);
	return rc;
}

/*
 * Stores f, read from file, unless the same key and version are there:
 * *status says "loaded" or "unchanged". Returns 0, or -1 after printing
 * why (the version is loaded with other content, or a database error).
 */
static int
store_form(PGconn *conn, const char *file, const struct form *f,
    const char **status)
{
	const char	*params[6];
	char		*version = NULL;
	PGresult	*res = NULL;
	int		 col, rc = -1;

	xasprintf(&version, "%d", form_version(f));
	params[0] = form_key(f);
	params[1] = version;
	res = PQexecParams(conn, "SELECT sha256 FROM qualimetre.form "
	    "WHERE key = $1 AND version = $2::integer",
	    2, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "%s: %s", file, PQerrorMessage(conn));
		goto out;
	}
	if (PQntuples(res) > 0) {
		if ((col = PQfnumber(res, "sha256")) < 0) {
			fprintf(stderr, "%s: no sha256 column\n", file);
			goto out;
		}
		if (strcmp(PQgetvalue(res, 0, col), form_sha256(f)) != 0) {
			fprintf(stderr, "%s: form %s version %d is already "
			    "loaded with different content; give the changed "
			    "definition a new version\n", file, form_key(f),
			    form_version(f));
			goto out;
		}
		*status = "unchanged";
		rc = 0;
		goto out;
	}
	PQclear(res);

	params[2] = form_kind_name(form_kind(f));
	params[3] = form_title(f);
	params[4] = form_source(f, NULL);
	params[5] = form_sha256(f);
	res = PQexecParams(conn, "INSERT INTO qualimetre.form "
	    "(key, version, kind, title, xml, sha256) "
	    "VALUES ($1, $2::integer, $3, $4, $5, $6)",
	    6, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "%s: %s", file, PQerrorMessage(conn));
		goto out;
	}
	*status = "loaded";
	rc = 0;
out:
	PQclear(res);
	free(version);
	return rc;
}

/*
 * Validates every file first, then stores them all in one transaction:
 * either every file is loaded (or already was), or nothing is.
 */
static int
cmd_load(const char *schema, char **files, int nfiles)
{
	struct form	**forms;
	const char	**status;
	const char	 *dsn;
	PGconn		 *conn = NULL;
	int		  i, intx = 0, rc = 1;

	forms = xcalloc(nfiles, sizeof(*forms));
	status = xcalloc(nfiles, sizeof(*status));
	if (load_all(schema, files, nfiles, forms) == -1)
		goto out;
	if ((dsn = getenv("QUALIMETRE_DSN")) == NULL) {
		fprintf(stderr, "qualimetre-form: QUALIMETRE_DSN is not set "
		    "(a libpq connection string)\n");
		goto out;
	}
	conn = PQconnectdb(dsn);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "qualimetre-form: %s", PQerrorMessage(conn));
		goto out;
	}
	if (exec_command(conn, "BEGIN") == -1)
		goto out;
	intx = 1;
	for (i = 0; i < nfiles; i++)
		if (store_form(conn, files[i], forms[i], &status[i]) == -1)
			goto out;
	intx = 0;
	if (exec_command(conn, "COMMIT") == -1)
		goto out;
	for (i = 0; i < nfiles; i++)
		printf("%s: %s %s v%d\n", files[i], status[i],
		    form_key(forms[i]), form_version(forms[i]));
	rc = 0;
out:
	if (intx)
		exec_command(conn, "ROLLBACK");
	if (rc != 0)
		fprintf(stderr, "qualimetre-form: nothing loaded\n");
	PQfinish(conn);
	for (i = 0; i < nfiles; i++)
		form_free(forms[i]);
	free(forms);
	free(status);
	return rc;
}

int
main(int argc, char *argv[])
{
	const char	*cmd, *schema = NULL;
	int		 i, rc;

	LIBXML_TEST_VERSION

	if (argc < 2)
		usage();
	cmd = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--schema") == 0) {
			if (++i == argc)
				usage();
			schema = argv[i];
		} else if (strncmp(argv[i], "--schema=", 9) == 0)
			schema = argv[i] + 9;
		else if (argv[i][0] == '-')
			usage();
		else
			break;
	}
	if (schema == NULL || i == argc)
		usage();

	if (strcmp(cmd, "check") == 0)
		rc = cmd_check(schema, argv + i, argc - i);
	else if (strcmp(cmd, "load") == 0)
		rc = cmd_load(schema, argv + i, argc - i);
	else
		usage();
	xmlCleanupParser();
	return rc;
}
