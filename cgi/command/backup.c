/* qualimetre backup and restore, around pg_dump and pg_restore. */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "backup.h"
#include "buf.h"
#include "xmalloc.h"

/* What pg_restore --list may print for our schema, with room to spare. */
#define LIST_MAX	(4 * 1024 * 1024)

/*
 * Runs the PostgreSQL tool argv[0] (found on the PATH) connected as dsn
 * says, with dbname in its place when not NULL. The connection goes
 * through the environment (PGHOST, PGUSER...: libpq's own names for each
 * keyword), never the command line, which any local user may read. With
 * out not NULL, the tool's standard output is read into it (at most
 * LIST_MAX bytes). Returns the tool's exit status, or -1 after printing
 * why it did not run.
 */
static int
tool_run(const char *dsn, const char *dbname, const char *const argv[],
    struct buf *out)
{
	PQconninfoOption	*opts, *o;
	char			*err = NULL, chunk[8192];
	ssize_t			 n;
	pid_t			 pid;
	int			 fd[2] = { -1, -1 }, status;

	if ((opts = PQconninfoParse(dsn, &err)) == NULL) {
		fprintf(stderr, "qualimetre: QUALIMETRE_DSN: %s",
		    err != NULL ? err : "not enough memory\n");
		PQfreemem(err);
		return -1;
	}
	if (out != NULL && pipe(fd) == -1) {
		fprintf(stderr, "qualimetre: pipe: %s\n", strerror(errno));
		PQconninfoFree(opts);
		return -1;
	}
	if ((pid = fork()) == -1) {
		fprintf(stderr, "qualimetre: fork: %s\n", strerror(errno));
		PQconninfoFree(opts);
		if (out != NULL) {
			close(fd[0]);
			close(fd[1]);
		}
		return -1;
	}
	if (pid == 0) {
		for (o = opts; o->keyword != NULL; o++)
			if (o->envvar != NULL && o->val != NULL)
				setenv(o->envvar, o->val, 1);
		if (dbname != NULL)
			setenv("PGDATABASE", dbname, 1);
		if (out != NULL) {
			dup2(fd[1], STDOUT_FILENO);
			close(fd[0]);
			close(fd[1]);
		}
		/* execvp's argv is not const for old C's sake only. */
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "qualimetre: %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	PQconninfoFree(opts);
	if (out != NULL) {
		close(fd[1]);
		while ((n = read(fd[0], chunk, sizeof(chunk))) != 0) {
			if (n == -1 && errno == EINTR)
				continue;
			if (n == -1)
				break;
			if (out->len + (size_t)n <= LIST_MAX)
				buf_put(out, chunk, (size_t)n);
		}
		close(fd[0]);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			fprintf(stderr, "qualimetre: waitpid: %s\n",
			    strerror(errno));
			return -1;
		}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	fprintf(stderr, "qualimetre: %s was killed by signal %d\n", argv[0],
	    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
}

/*
 * Reads the table of contents of the backup at path: -1 after printing
 * why it is not one, else how many tables' rows it holds.
 */
static long
backup_tables(const char *path)
{
	const char	*argv[] = { "pg_restore", "--list", NULL, NULL };
	struct buf	 list = { NULL, 0, 0 };
	const char	*p;
	long		 tables = 0;

	argv[2] = path;
	/* --list reads the file alone: no connection. */
	if (tool_run("", NULL, argv, &list) != 0) {
		fprintf(stderr, "qualimetre: %s is not a backup that "
		    "pg_restore can read\n", path);
		buf_free(&list);
		return -1;
	}
	buf_putc(&list, '\0');
	for (p = list.data; (p = strstr(p, " TABLE DATA ")) != NULL; p++)
		tables++;
	buf_free(&list);
	return tables;
}

/* fsync(2) of path, a file or a directory; 0, or -1 after printing why. */
static int
sync_path(const char *path)
{
	int	fd, rc;

	if ((fd = open(path, O_RDONLY)) == -1) {
		fprintf(stderr, "qualimetre: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if ((rc = fsync(fd)) == -1)
		fprintf(stderr, "qualimetre: fsync %s: %s\n", path,
		    strerror(errno));
	close(fd);
	return rc;
}

int
backup_write(const char *dsn, const char *path)
{
	const char	*argv[] = { "pg_dump", "--format=custom",
			    "--no-password", NULL, NULL };
	char		*tmp, *file = NULL, *dir, *dcopy;
	struct stat	 st;
	long		 tables;
	int		 fd, rc = 1;

	xasprintf(&tmp, "%s.XXXXXX", path);
	/* mkstemp makes it 0600: the responses are nobody else's. */
	if ((fd = mkstemp(tmp)) == -1) {
		fprintf(stderr, "qualimetre: %s: %s\n", tmp, strerror(errno));
		free(tmp);
		return 1;
	}
	close(fd);
	xasprintf(&file, "--file=%s", tmp);
	argv[3] = file;
	if (tool_run(dsn, NULL, argv, NULL) != 0) {
		fprintf(stderr, "qualimetre: pg_dump failed: no backup "
		    "written\n");
		goto out;
	}
	if ((tables = backup_tables(tmp)) == -1 || sync_path(tmp) == -1)
		goto out;
	if (rename(tmp, path) == -1) {
		fprintf(stderr, "qualimetre: rename to %s: %s\n", path,
		    strerror(errno));
		goto out;
	}
	dcopy = xstrdup(path);
	dir = dirname(dcopy);
	rc = sync_path(dir) == -1;
	free(dcopy);
	if (rc == 0 && stat(path, &st) == 0)
		printf("backup: %s, %lld bytes, %ld tables\n", path,
		    (long long)st.st_size, tables);
out:
	if (rc != 0)
		unlink(tmp);
	free(file);
	free(tmp);
	return rc;
}

/*
 * Runs one statement on conn; its single value (or "" when it returns no
 * row) into *val when val is not NULL. Returns 0, or -1 after printing
 * why.
 */
static int
sql_one(PGconn *conn, const char *sql, int nparams,
    const char *const *params, char **val)
{
	PGresult	*res;
	int		 ok;

	res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	ok = PQresultStatus(res) == PGRES_TUPLES_OK ||
	    PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "qualimetre: %s", PQerrorMessage(conn));
	else if (val != NULL)
		*val = xstrdup(PQntuples(res) > 0 && PQnfields(res) > 0 ?
		    PQgetvalue(res, 0, 0) : "");
	PQclear(res);
	return ok ? 0 : -1;
}

/*
 * Whether the restore may begin on conn: a superuser, Qualimètre's roles
 * there, and no database called dbname. Prints why not.
 */
static int
restore_ready(PGconn *conn, const char *dbname)
{
	const char	*params[] = { dbname };
	char		*super = NULL, *owner = NULL, *exists = NULL;
	int		 ok = 0;

	if (sql_one(conn, "SELECT rolsuper::text FROM pg_roles"
	    " WHERE rolname = current_user", 0, NULL, &super) == -1 ||
	    sql_one(conn, "SELECT count(*)::text FROM pg_roles"
	    " WHERE rolname = 'qualimetre_owner'", 0, NULL, &owner) == -1 ||
	    sql_one(conn, "SELECT count(*)::text FROM pg_database"
	    " WHERE datname = $1", 1, params, &exists) == -1)
		goto out;
	if (strcmp(super, "true") != 0)
		fprintf(stderr, "qualimetre: a restore creates a database "
		    "and its owners' objects: QUALIMETRE_DSN must name a "
		    "superuser\n");
	else if (strcmp(owner, "0") == 0)
		fprintf(stderr, "qualimetre: this cluster has no Qualimètre "
		    "roles: run qualimetre setup first, on a database of "
		    "another name (--database qualimetre_roles --no-forms) "
		    "so that the restored one is new\n");
	else if (strcmp(exists, "0") != 0)
		fprintf(stderr, "qualimetre: the database %s exists already "
		    "and is left as it is: restore under another name "
		    "(--database NAME), or drop it first\n", dbname);
	else
		ok = 1;
out:
	free(super);
	free(owner);
	free(exists);
	return ok;
}

int
backup_restore(const char *dsn, const char *dbname, const char *path)
{
	const char	*argv[] = { "pg_restore", "--single-transaction",
			    "--exit-on-error", "--no-password", "--dbname",
			    NULL, NULL, NULL };
	PGconn		*conn;
	char		*ident = NULL, *sql = NULL;
	long		 tables;
	int		 rc = 1, created = 0;

	if ((tables = backup_tables(path)) == -1)
		return 1;
	conn = PQconnectdb(dsn);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "qualimetre: %s", PQerrorMessage(conn));
		goto out;
	}
	if (!restore_ready(conn, dbname))
		goto out;
	if ((ident = PQescapeIdentifier(conn, dbname, strlen(dbname))) ==
	    NULL) {
		fprintf(stderr, "qualimetre: %s", PQerrorMessage(conn));
		goto out;
	}
	/* A name cannot be a parameter of CREATE DATABASE: quoted above. */
	xasprintf(&sql, "CREATE DATABASE %s TEMPLATE template0"
	    " ENCODING 'UTF8'", ident);
	if (sql_one(conn, sql, 0, NULL, NULL) == -1)
		goto out;
	created = 1;
	/* A plain name (restore checks it), never a connection string. */
	argv[5] = dbname;
	argv[6] = path;
	if (tool_run(dsn, dbname, argv, NULL) != 0) {
		fprintf(stderr, "qualimetre: pg_restore failed: nothing "
		    "restored, the database %s is removed\n", dbname);
		goto out;
	}
	printf("restore: %s into the database %s, %ld tables; run "
	    "qualimetre setup --database %s to apply the migrations newer "
	    "than the backup\n", path, dbname, tables, dbname);
	rc = 0;
out:
	if (rc != 0 && created) {
		free(sql);
		xasprintf(&sql, "DROP DATABASE %s", ident);
		(void)sql_one(conn, sql, 0, NULL, NULL);
	}
	free(sql);
	PQfreemem(ident);
	PQfinish(conn);
	return rc;
}
