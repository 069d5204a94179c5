/* A worker's PostgreSQL connection, its prepared statements, reconnection. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "db.h"
#include "log.h"
#include "xmalloc.h"

struct db {
	char			*dsn;
	const struct db_stmt	**stmts;	/* each points into a
						   caller's table */
	size_t			 nstmts;
	PGconn			*conn;		/* NULL until connected */
	int			 prepared;	/* statements ready on conn */
};

static void
db_drop(struct db *db)
{
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = NULL;
	db->prepared = 0;
}

struct db *
db_create(const char *dsn, const struct db_stmt *stmts, size_t n)
{
	struct db	*db;

	db = xcalloc(1, sizeof(*db));
	db->dsn = xstrdup(dsn);
	db_register(db, stmts, n);
	return db;
}

size_t
db_register(struct db *db, const struct db_stmt *stmts, size_t n)
{
	size_t	base = db->nstmts, i;

	if (n == 0)
		return base;
	db->stmts = xreallocarray(db->stmts, base + n, sizeof(*db->stmts));
	for (i = 0; i < n; i++)
		db->stmts[base + i] = &stmts[i];
	db->nstmts += n;
	/* A live connection lacks the new ones: prepare them all again. */
	db_drop(db);
	return base;
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	if (db->conn != NULL)
		PQfinish(db->conn);
	free(db->stmts);
	free(db->dsn);
	free(db);
}

int
db_ready(struct db *db, char **cause)
{
	PGresult	*res;
	size_t		 i;

	if (db->conn != NULL && PQstatus(db->conn) != CONNECTION_OK)
		db_drop(db);
	if (db->conn == NULL) {
		db->conn = PQconnectdb(db->dsn);
		if (PQstatus(db->conn) != CONNECTION_OK) {
			xasprintf(cause, "connect: %s",
			    PQerrorMessage(db->conn));
			db_drop(db);
			return -1;
		}
	}
	if (db->prepared)
		return 0;
	for (i = 0; i < db->nstmts; i++) {
		res = PQprepare(db->conn, db->stmts[i]->name, db->stmts[i]->sql,
		    db->stmts[i]->nparams, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			xasprintf(cause, "prepare %s: %s", db->stmts[i]->name,
			    PQerrorMessage(db->conn));
			PQclear(res);
			db_drop(db);
			return -1;
		}
		PQclear(res);
	}
	db->prepared = 1;
	return 0;
}

/*
 * What a statement the server refused with sqlstate means: class 08
 * (connection) or 57P (shutdown) say the server went away, and the
 * connection is dropped; anything else is a refusal.
 */
static enum db_status
db_refused(struct db *db, const char *sqlstate)
{
	if (strncmp(sqlstate, "08", 2) == 0 ||
	    strncmp(sqlstate, "57P", 3) == 0) {
		db_drop(db);
		return DB_UNAVAILABLE;
	}
	return DB_REFUSED;
}

/*
 * Reads the results left up to the pipeline's sync, the sync's own
 * included, and leaves pipeline mode. Returns 0, or -1 when the
 * connection broke on the way.
 */
static int
pipeline_end(PGconn *c)
{
	PGresult	*r;
	int		 synced = 0;

	while ((r = PQgetResult(c)) != NULL) {
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC)
			synced = 1;
		PQclear(r);
		if (synced)
			break;
	}
	return synced && PQexitPipelineMode(c) == 1 ? 0 : -1;
}

/* One attempt at a statement; *fresh says whether it connected. */
static enum db_status
db_try(struct db *db, size_t stmt, const char *const *params,
    PGresult **res, char *sqlstate, char **cause, int *fresh)
{
	PGresult	*r;
	const char	*state;
	ExecStatusType	 st;

	*fresh = db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK;
	if (db_ready(db, cause) == -1)
		return DB_UNAVAILABLE;
	r = PQexecPrepared(db->conn, db->stmts[stmt]->name,
	    db->stmts[stmt]->nparams, params, NULL, NULL, 0);
	st = PQresultStatus(r);
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		*res = r;
		return DB_OK;
	}
	xasprintf(cause, "%s: %s", db->stmts[stmt]->name,
	    PQerrorMessage(db->conn));
	/* A broken connection: drop it, the next attempt reconnects. */
	if (r == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		PQclear(r);
		db_drop(db);
		return DB_UNAVAILABLE;
	}
	state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (state != NULL && strlen(state) == 5)
		memcpy(sqlstate, state, 5);
	PQclear(r);
	return db_refused(db, sqlstate);
}

enum db_status
db_exec(struct db *db, size_t stmt, const char *const *params,
    PGresult **res, char *sqlstate, char **cause)
{
	enum db_status	rc;
	int		fresh;

	*res = NULL;
	memset(sqlstate, 0, 6);
	if (stmt >= db->nstmts) {
		xasprintf(cause, "statement %zu out of range", stmt);
		return DB_REFUSED;
	}
	rc = db_try(db, stmt, params, res, sqlstate, cause, &fresh);
	/*
	 * A connection that sat idle while the server restarted only says
	 * so when used: try once more on a new one. Every statement of ours
	 * can run twice: a submission's token makes a second insert fail
	 * as a duplicate if the first one was committed after all.
	 */
	if (rc == DB_UNAVAILABLE && !fresh) {
		free(*cause);
		*cause = NULL;
		memset(sqlstate, 0, 6);
		rc = db_try(db, stmt, params, res, sqlstate, cause, &fresh);
	}
	return rc;
}

/*
 * Reads the results of one pipelined query into *keep (when keep is
 * non-NULL and it succeeded) and returns its status; reads up to the
 * NULL that ends each query's results.
 */
static ExecStatusType
pipeline_result(PGconn *conn, PGresult **keep, char *sqlstate)
{
	PGresult	*r;
	ExecStatusType	 st = PGRES_FATAL_ERROR;
	const char	*state;
	int		 first = 1;

	while ((r = PQgetResult(conn)) != NULL) {
		if (first) {
			st = PQresultStatus(r);
			state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			if (state != NULL && strlen(state) == 5 &&
			    sqlstate[0] == '\0')
				memcpy(sqlstate, state, 5);
			first = 0;
			if (keep != NULL && (st == PGRES_TUPLES_OK ||
			    st == PGRES_COMMAND_OK)) {
				*keep = r;
				continue;
			}
		}
		PQclear(r);
	}
	return st;
}

static enum db_status
db_try_as(struct db *db, const char *session, size_t n, const size_t *stmts,
    const char *const *const *params, PGresult **res, char *sqlstate,
    char **cause, int *fresh)
{
	PGconn		*c;
	ExecStatusType	 st, worst = PGRES_COMMAND_OK;
	const char	*uparams[1] = { session };
	size_t		 i, failed = n;

	*fresh = db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK;
	if (db_ready(db, cause) == -1)
		return DB_UNAVAILABLE;
	c = db->conn;
	/*
	 * One round trip, one implicit transaction up to the sync: the
	 * session token, from which the row-level policies find the user
	 * (qualimetre.current_user_id(), sql/027), then the statements. An
	 * error rolls them all back.
	 */
	if (PQenterPipelineMode(c) != 1 ||
	    PQsendQueryParams(c, "SELECT set_config('qualimetre.session', "
	    "$1, true)", 1, NULL, uparams, NULL, NULL, 0) != 1)
		goto broken;
	for (i = 0; i < n; i++)
		if (PQsendQueryPrepared(c, db->stmts[stmts[i]]->name,
		    db->stmts[stmts[i]]->nparams, params[i], NULL, NULL,
		    0) != 1)
			goto broken;
	if (PQpipelineSync(c) != 1)
		goto broken;
	if ((st = pipeline_result(c, NULL, sqlstate)) != PGRES_TUPLES_OK)
		worst = st;
	for (i = 0; i < n; i++) {
		st = pipeline_result(c, i + 1 == n ? res : NULL, sqlstate);
		if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK &&
		    failed == n) {
			worst = st;
			failed = i;
		}
	}
	if (pipeline_end(c) == -1)
		goto broken;
	if (worst == PGRES_TUPLES_OK || worst == PGRES_COMMAND_OK)
		return DB_OK;
	xasprintf(cause, "%s: %s", failed < n ? db->stmts[stmts[failed]]->name :
	    "set_config", PQerrorMessage(c));
	PQclear(*res);
	*res = NULL;
	return db_refused(db, sqlstate);
broken:
	xasprintf(cause, "pipeline: %s", PQerrorMessage(c));
	PQclear(*res);
	*res = NULL;
	db_drop(db);
	return DB_UNAVAILABLE;
}

enum db_status
db_exec_as_seq(struct db *db, const char *session, size_t n,
    const size_t *stmts, const char *const *const *params, PGresult **res,
    char *sqlstate, char **cause)
{
	enum db_status	rc;
	size_t		i;
	int		fresh;

	*res = NULL;
	memset(sqlstate, 0, 6);
	for (i = 0; i < n; i++)
		if (stmts[i] >= db->nstmts) {
			xasprintf(cause, "statement %zu out of range",
			    stmts[i]);
			return DB_REFUSED;
		}
	rc = db_try_as(db, session != NULL ? session : "", n, stmts, params, res, sqlstate, cause,
	    &fresh);
	if (rc == DB_UNAVAILABLE && !fresh) {
		free(*cause);
		*cause = NULL;
		memset(sqlstate, 0, 6);
		rc = db_try_as(db, session != NULL ? session : "", n, stmts, params, res, sqlstate,
		    cause, &fresh);
	}
	return rc;
}

enum db_status
db_exec_as(struct db *db, const char *session, size_t stmt,
    const char *const *params, PGresult **res, char *sqlstate, char **cause)
{
	return db_exec_as_seq(db, session, 1, &stmt, &params, res, sqlstate,
	    cause);
}

/* One attempt of db_exec_as_rows; *rows counts the rows handed over. */
static enum db_status
db_try_rows(struct db *db, const char *session, size_t stmt,
    const char *const *params, int (*each)(void *, const PGresult *),
    void *arg, size_t *rows, char *sqlstate, char **cause, int *fresh)
{
	PGconn		*c;
	PGresult	*r;
	ExecStatusType	 st, worst;
	const char	*uparams[1] = { session }, *state;
	int		 stop = 0;

	*fresh = db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK;
	if (db_ready(db, cause) == -1)
		return DB_UNAVAILABLE;
	c = db->conn;
	/* As db_try_as: the session, then the statement, one round trip. */
	if (PQenterPipelineMode(c) != 1 ||
	    PQsendQueryParams(c, "SELECT set_config('qualimetre.session', "
	    "$1, true)", 1, NULL, uparams, NULL, NULL, 0) != 1 ||
	    PQsendQueryPrepared(c, db->stmts[stmt]->name,
	    db->stmts[stmt]->nparams, params, NULL, NULL, 0) != 1 ||
	    PQpipelineSync(c) != 1)
		goto broken;
	worst = pipeline_result(c, NULL, sqlstate);
	/* The statement's rows one by one; refused after a failed set. */
	if (worst == PGRES_TUPLES_OK && PQsetSingleRowMode(c) != 1)
		goto broken;
	while ((r = PQgetResult(c)) != NULL) {
		st = PQresultStatus(r);
		if (st == PGRES_SINGLE_TUPLE) {
			(*rows)++;
			if (!stop && each(arg, r) == -1)
				stop = 1;
		} else if (st != PGRES_TUPLES_OK &&
		    worst == PGRES_TUPLES_OK) {
			worst = st;
			state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			if (state != NULL && strlen(state) == 5 &&
			    sqlstate[0] == '\0')
				memcpy(sqlstate, state, 5);
		}
		PQclear(r);
	}
	if (pipeline_end(c) == -1)
		goto broken;
	if (worst == PGRES_TUPLES_OK)
		return DB_OK;
	xasprintf(cause, "%s: %s", db->stmts[stmt]->name, PQerrorMessage(c));
	return db_refused(db, sqlstate);
broken:
	xasprintf(cause, "pipeline: %s", PQerrorMessage(c));
	db_drop(db);
	return DB_UNAVAILABLE;
}

enum db_status
db_exec_as_rows(struct db *db, const char *session, size_t stmt,
    const char *const *params, int (*each)(void *, const PGresult *),
    void *arg, char *sqlstate, char **cause)
{
	enum db_status	rc;
	size_t		rows = 0;
	int		fresh;

	memset(sqlstate, 0, 6);
	if (stmt >= db->nstmts) {
		xasprintf(cause, "statement %zu out of range", stmt);
		return DB_REFUSED;
	}
	if (session == NULL)
		session = "";
	rc = db_try_rows(db, session, stmt, params, each, arg, &rows,
	    sqlstate, cause, &fresh);
	/* Rows handed over cannot be taken back: no second try then. */
	if (rc == DB_UNAVAILABLE && !fresh && rows == 0) {
		free(*cause);
		*cause = NULL;
		memset(sqlstate, 0, 6);
		rc = db_try_rows(db, session, stmt, params, each, arg, &rows,
		    sqlstate, cause, &fresh);
	}
	return rc;
}

void
db_array(struct buf *out, const char *const *vals, size_t n)
{
	const char	*p;
	size_t		 i;

	buf_putc(out, '{');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		if (vals[i] == NULL) {
			buf_puts(out, "NULL");
			continue;
		}
		buf_putc(out, '"');
		for (p = vals[i]; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				buf_putc(out, '\\');
			buf_putc(out, *p);
		}
		buf_putc(out, '"');
	}
	buf_putc(out, '}');
}

const char *
db_value(const PGresult *res, int i, const char *name)
{
	int	c = PQfnumber(res, name);

	if (c < 0 || i < 0 || i >= PQntuples(res) || PQgetisnull(res, i, c))
		return "";
	return PQgetvalue(res, i, c);
}

enum db_status
db_exec_as_logged(struct db *db, const char *session, const char *who,
    size_t stmt, const char *what, const char *const *params,
    PGresult **res, char *sqlstate)
{
	enum db_status	 st;
	char		*cause = NULL;

	st = db_exec_as(db, session, stmt, params, res, sqlstate, &cause);
	if (st == DB_UNAVAILABLE)
		log_warnx("%s for %s: %s", what, who, cause);
	else if (st == DB_REFUSED)
		log_warnx("%s for %s: refused (%.5s): %s", what, who, sqlstate,
		    cause);
	free(cause);
	return st;
}
