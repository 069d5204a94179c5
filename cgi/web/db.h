/*
 * One PostgreSQL connection per worker, with its statements prepared once
 * per connection. When the server goes away the connection is marked
 * broken and reopened, with its statements, on the next request.
 */
#ifndef QUALIMETRE_DB_H
#define QUALIMETRE_DB_H

#include <libpq-fe.h>

struct buf;

/* A statement a program prepares on each connection it opens. */
struct db_stmt {
	const char	*name;		/* prepared statement name */
	const char	*sql;		/* with $1..$n, never spliced */
	int		 nparams;
};

/* How a statement went, beyond success. */
enum db_status {
	DB_OK,			/* the result is there */
	DB_UNAVAILABLE,		/* no server or the connection broke:
				   nothing was stored, try again later */
	DB_REFUSED,		/* the server refused it (constraint,
				   policy, permission): see the SQLSTATE */
	DB_STATUS__MAX
};

struct db;

/*
 * Makes a handle for the connection string dsn that will prepare the n
 * statements of stmts (which must outlive it). Does not connect yet.
 * The caller frees it with db_free().
 */
struct db	*db_create(const char *dsn, const struct db_stmt *stmts,
		    size_t n);

/*
 * Adds n more statements (which must outlive the handle), for a module
 * shared by several programs; returns the number of the first one, to
 * add to the module's own statement numbers in db_exec.
 */
size_t		 db_register(struct db *, const struct db_stmt *stmts,
		    size_t n);

/* Closes the connection and frees the handle; NULL does nothing. */
void		 db_free(struct db *);

/*
 * Connects (or reconnects) when needed and prepares the statements.
 * Returns 0 when the connection is ready, -1 with *cause set (caller
 * frees) otherwise.
 */
int		 db_ready(struct db *, char **cause);

/*
 * Executes prepared statement number stmt with text parameters (NULL for
 * SQL NULL), connecting first when needed, and once more on a new
 * connection when an old one turns out to be broken: statements must be
 * safe to run twice. On DB_OK *res holds the
 * result (caller PQclear()s it). On DB_REFUSED, *res is NULL and sqlstate
 * (6 bytes) receives the server's SQLSTATE. On any failure *cause is set.
 */
enum db_status	 db_exec(struct db *, size_t stmt, const char *const *params,
		    PGresult **res, char *sqlstate, char **cause);

/*
 * The same as db_exec, run for the staff session whose token (as the
 * cookie gave it) is session, for the row-level security policies: the
 * statement and "SELECT set_config('qualimetre.session', ..., true)" are
 * pipelined in one implicit transaction, one round trip. The database
 * finds the user from the token (qualimetre.current_user_id(),
 * sql/027): no live session, no user.
 */
enum db_status	 db_exec_as(struct db *, const char *session, size_t stmt,
		    const char *const *params, PGresult **res,
		    char *sqlstate, char **cause);

/*
 * db_exec_as for a page: a failure is logged ("WHAT for WHO: cause",
 * with the SQLSTATE when refused) and its cause freed here. what names
 * the statement, who the user.
 */
enum db_status	 db_exec_as_logged(struct db *, const char *session,
		    const char *who, size_t stmt, const char *what,
		    const char *const *params, PGresult **res,
		    char *sqlstate);

/*
 * Like db_exec_as with n statements (stmts[i] with params[i]) run in
 * order in the same implicit transaction and round trip: all or none.
 * *res is the last statement's result.
 */
enum db_status	 db_exec_as_seq(struct db *, const char *session, size_t n,
		    const size_t *stmts, const char *const *const *params,
		    PGresult **res, char *sqlstate, char **cause);

/*
 * db_exec_as for a statement whose rows are too many to hold at once
 * (a raw export): each row is handed to each(arg, res) as it arrives
 * (libpq's single-row mode), res holding that one row and cleared after
 * the call. When each returns -1, it is not called again and the rest
 * of the rows are read and dropped. Retried on a new connection only
 * when an old one broke before the first row. Returns as db_exec_as;
 * DB_OK when every row was read, whatever each returned.
 */
enum db_status	 db_exec_as_rows(struct db *, const char *session,
		    size_t stmt, const char *const *params,
		    int (*each)(void *arg, const PGresult *res), void *arg,
		    char *sqlstate, char **cause);

/*
 * The value of column name in row i of res, or "" when the column is
 * absent or the value NULL; it belongs to res.
 */
const char	*db_value(const PGresult *res, int i, const char *name);

/*
 * Appends the n strings of vals (NULL for SQL NULL) to out as the text
 * form of a PostgreSQL array ("{"a","b",NULL}"), quoting every element.
 * The array is a parameter value, never SQL text.
 */
void		 db_array(struct buf *out, const char *const *vals, size_t n);

#endif /* QUALIMETRE_DB_H */
