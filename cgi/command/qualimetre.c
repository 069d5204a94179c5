/*
 * qualimetre: the administrator's command. Creates staff accounts and
 * sets their passwords (read from standard input, never from the command
 * line), and prints the calendar the mystery campaigns are planned on.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "backup.h"
#include "buf.h"
#include "cal.h"
#include "db.h"
#include "log.h"
#include "school.h"
#include "staff.h"
#include "xmalloc.h"

#define MAX_SITES	64

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr,
	    "usage: qualimetre user add --login LOGIN --role ROLE "
	    "[--site CODE]... [--name NAME] [--final]\n"
	    "       qualimetre user password [--final] LOGIN\n"
	    "       qualimetre holidays YEAR [--department NN]\n"
	    "       qualimetre working-days FROM TO [--department NN]\n"
	    "       qualimetre due-date FROM N [--department NN]\n"
	    "       qualimetre school-holidays list [--zone Z]\n"
	    "       qualimetre school-holidays add --zone Z --first DATE "
	    "--last DATE --school-year YYYY-YYYY --label LABEL\n"
	    "       qualimetre school-holidays remove ID\n"
	    "       qualimetre setup [--database NAME] [--superuser-as USER] "
	    "[--loader-dsn DSN | --no-forms] DSN\n"
	    "       qualimetre school-holidays import FILE.csv (- for standard "
	    "input)\n"
	    "       qualimetre backup FILE\n"
	    "       qualimetre restore FILE [--database NAME]\n"
	    "       qualimetre purge [--audit-days N] (default 365, "
	    "at least 180)\n"
	    "The password is read from standard input; it is a temporary "
	    "one, which its owner must change at their first login, unless "
	    "--final says it is theirs already. ROLE is enquirer, "
	    "referent or admin. Dates are YYYY-MM-DD; the department is an "
	    "INSEE code (default 75: the national holidays only). FILE.csv "
	    "is the CSV export of the dataset fr-en-calendrier-scolaire "
	    "(data.education.gouv.fr).\n"
	    "The database is given by the environment variable "
	    "QUALIMETRE_DSN: for backup, the role qualimetre_backup; for "
	    "restore, a superuser of the cluster restored to, which gets a "
	    "new database NAME (default qualimetre).\n");
	exit(2);
}

/* QUALIMETRE_DSN, or exits saying it is not set. */
static const char *
dsn_env(void)
{
	const char	*dsn = getenv("QUALIMETRE_DSN");

	if (dsn == NULL || *dsn == '\0') {
		fprintf(stderr, "qualimetre: QUALIMETRE_DSN is not set\n");
		exit(2);
	}
	return dsn;
}

static PGconn *
connect_db(void)
{
	PGconn		*conn;

	conn = PQconnectdb(dsn_env());
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "qualimetre: %s", PQerrorMessage(conn));
		PQfinish(conn);
		exit(1);
	}
	return conn;
}

/*
 * Reads a password from standard input: one line, its newline removed.
 * On a terminal, asks twice without echo. Returns a string the caller
 * wipes and frees, or NULL after printing why.
 */
static char *
read_password(void)
{
	struct termios	 old, quiet;
	char		*line = NULL, *again = NULL;
	size_t		 cap = 0, cap2 = 0;
	ssize_t		 n;
	int		 tty = isatty(STDIN_FILENO);

	if (tty) {
		fputs("Mot de passe : ", stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	n = getline(&line, &cap, stdin);
	if (tty) {
		fputs("\nEncore une fois : ", stderr);
		if (n > 0 && getline(&again, &cap2, stdin) <= 0) {
			free(again);
			again = NULL;
		}
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n <= 0) {
		fprintf(stderr, "qualimetre: no password on standard input\n");
		free(line);
		free(again);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	if (tty) {
		if (again == NULL || (again[strcspn(again, "\r\n")] = '\0',
		    strcmp(line, again) != 0)) {
			fprintf(stderr, "qualimetre: the two passwords "
			    "differ\n");
			sodium_memzero(line, strlen(line));
			free(line);
			line = NULL;
		}
		if (again != NULL)
			sodium_memzero(again, strlen(again));
		free(again);
	}
	return line;
}

/* Reads, checks and hashes a new password of the account login; NULL
   after printing why. */
static char *
new_password_hash(const char *login)
{
	char	*pw, *hash, *cause = NULL;
	size_t	 len;

	if ((pw = read_password()) == NULL)
		return NULL;
	len = strlen(pw);
	if (staff_password_policy(pw, len, login, &cause) == -1) {
		fprintf(stderr, "qualimetre: %s\n", cause);
		free(cause);
		hash = NULL;
	} else if ((hash = staff_password_hash(pw, len)) == NULL)
		fprintf(stderr, "qualimetre: not enough memory to hash the "
		    "password\n");
	sodium_memzero(pw, len);
	free(pw);
	return hash;
}

static int
exec_ok(PGconn *conn, PGresult *res, ExecStatusType want, const char *what)
{
	if (PQresultStatus(res) == want)
		return 1;
	fprintf(stderr, "qualimetre: %s: %s", what, PQerrorMessage(conn));
	return 0;
}

static int
user_add(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "login",	required_argument, NULL, 'l' },
		{ "role",	required_argument, NULL, 'r' },
		{ "site",	required_argument, NULL, 's' },
		{ "name",	required_argument, NULL, 'n' },
		{ "final",	no_argument,	   NULL, 'f' },
		{ NULL,		0,		   NULL, 0 }
	};
	const char	*login = NULL, *role = NULL, *name = "";
	const char	*must_change = "true";
	const char	*sites[MAX_SITES], *params[4];
	char		*hash = NULL, *array = NULL, *p;
	enum staff_role	 r;
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	size_t		 nsites = 0, i, len;
	int		 ch, rc = 1;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			login = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		case 's':
			if (nsites == MAX_SITES) {
				fprintf(stderr, "qualimetre: at most %d "
				    "sites\n", MAX_SITES);
				return 2;
			}
			sites[nsites++] = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'f':
			must_change = "false";
			break;
		default:
			usage();
		}
	}
	if (optind != argc || login == NULL || role == NULL)
		usage();
	if (staff_role_parse(role, &r) == -1) {
		fprintf(stderr, "qualimetre: unknown role %s (enquirer, "
		    "referent or admin)\n", role);
		return 2;
	}
	if (r != STAFF_ADMIN && nsites == 0) {
		fprintf(stderr, "qualimetre: an %s works on at least one site: "
		    "give --site CODE\n", role);
		return 2;
	}
	/* Site codes are [A-Z0-9-] (sql/001-schema.sql): no quoting to
	   do in the array literal, but check rather than trust. */
	len = 3;
	for (i = 0; i < nsites; i++) {
		for (p = (char *)sites[i]; *p != '\0'; p++)
			if (!((*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-')) {
				fprintf(stderr, "qualimetre: %s is not a site "
				    "code\n", sites[i]);
				return 2;
			}
		len += strlen(sites[i]) + 1;
	}
	array = xmalloc(len);
	strcpy(array, "{");
	for (i = 0; i < nsites; i++) {
		if (i > 0)
			strcat(array, ",");
		strcat(array, sites[i]);
	}
	strcat(array, "}");

	if ((hash = new_password_hash(login)) == NULL)
		goto out;
	conn = connect_db();
	params[0] = login;
	params[1] = name;
	params[2] = role;
	params[3] = hash;
	/* One statement: the account, its sites and the log, or nothing
	   when a site code is unknown (or repeated). */
	res = PQexecParams(conn,
	    "WITH known AS (SELECT count(*) AS n FROM qualimetre.site"
	    " WHERE code = ANY ($5::text[])),"
	    " u AS (INSERT INTO qualimetre.app_user"
	    " (login, display_name, role, password_hash,"
	    " must_change_password)"
	    " SELECT $1, $2, $3, $4, $6::boolean FROM known"
	    " WHERE known.n = cardinality($5::text[]) RETURNING id),"
	    " s AS (INSERT INTO qualimetre.user_site (user_id, site_id)"
	    " SELECT u.id, site.id FROM u, qualimetre.site site"
	    " WHERE site.code = ANY ($5::text[])),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event,"
	    " detail) SELECT u.id, $1, 'user-created', 'role ' || $3 FROM u)"
	    " SELECT count(*) FROM u", 6, NULL,
	    (const char *[]){ params[0], params[1], params[2], params[3],
	    array, must_change }, NULL, NULL, 0);
	if (!exec_ok(conn, res, PGRES_TUPLES_OK, "user add"))
		goto out;
	if (strcmp(PQgetvalue(res, 0, 0), "1") != 0) {
		fprintf(stderr, "qualimetre: unknown or repeated site code "
		    "in %s; nothing created\n", array);
		goto out;
	}
	printf("user %s created (%s)\n", login, role);
	rc = 0;
out:
	PQclear(res);
	PQfinish(conn);
	if (hash != NULL)
		sodium_memzero(hash, strlen(hash));
	free(hash);
	free(array);
	return rc;
}

static int
user_password(int argc, char *argv[])
{
	const char	*params[3], *login;
	char		*hash = NULL;
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	int		 rc = 1;

	if (argc == 3 && strcmp(argv[1], "--final") == 0) {
		params[2] = "false";
		login = argv[2];
	} else if (argc == 2 && argv[1][0] != '-') {
		params[2] = "true";
		login = argv[1];
	} else
		usage();
	if ((hash = new_password_hash(login)) == NULL)
		return 1;
	conn = connect_db();
	params[0] = login;
	params[1] = hash;
	/* A new password also ends every session and lifts the lockouts of
	   the login from every client. */
	res = PQexecParams(conn,
	    "WITH u AS (UPDATE qualimetre.app_user SET password_hash = $2,"
	    " must_change_password = $3::boolean,"
	    " failed_logins = 0, last_failed_at = NULL, locked_until = NULL"
	    " WHERE login = $1 RETURNING id),"
	    " f AS (DELETE FROM qualimetre.login_failure"
	    " WHERE login_hash = sha256(convert_to($1, 'UTF8'))"
	    " AND EXISTS (SELECT 1 FROM u)),"
	    " s AS (DELETE FROM qualimetre.session"
	    " WHERE user_id IN (SELECT id FROM u)),"
	    " a AS (INSERT INTO qualimetre.audit_log (user_id, login, event)"
	    " SELECT id, $1, 'password-set' FROM u)"
	    " SELECT count(*) FROM u", 3, NULL, params, NULL, NULL, 0);
	if (!exec_ok(conn, res, PGRES_TUPLES_OK, "user password"))
		goto out;
	if (strcmp(PQgetvalue(res, 0, 0), "1") != 0) {
		fprintf(stderr, "qualimetre: no user %s\n", login);
		goto out;
	}
	printf("password of %s set%s\n", login,
	    strcmp(params[2], "true") == 0 ? " (temporary)" : "");
	rc = 0;
out:
	PQclear(res);
	PQfinish(conn);
	sodium_memzero(hash, strlen(hash));
	free(hash);
	return rc;
}

/*
 * Reads the optional --department NN that ends a calendar command's
 * arguments; returns the number of arguments before it, or -1.
 */
static int
department_arg(int argc, char *argv[], const char **department)
{
	*department = "75";
	if (argc >= 2 && strcmp(argv[argc - 2], "--department") == 0) {
		*department = argv[argc - 1];
		argc -= 2;
	}
	if (!cal_department_ok(*department)) {
		fprintf(stderr, "qualimetre: unknown department %s\n",
		    *department);
		return -1;
	}
	return argc;
}

static int
holidays(int argc, char *argv[])
{
	struct cal_holiday	 h[CAL_HOLIDAYS_MAX];
	const char		*department;
	char			 day[CAL_DATE_LEN + 1], *end;
	long			 year;
	int			 i, n;

	if ((argc = department_arg(argc, argv, &department)) == -1)
		return 2;
	if (argc != 2)
		usage();
	year = strtol(argv[1], &end, 10);
	if (*end != '\0' || (n = cal_holidays((int)year, department, h)) < 0) {
		fprintf(stderr, "qualimetre: %s is not a year from %d to %d\n",
		    argv[1], CAL_YEAR_MIN, CAL_YEAR_MAX);
		return 2;
	}
	for (i = 0; i < n; i++) {
		cal_format(h[i].day, day);
		printf("%s %s\n", day, h[i].name);
	}
	return 0;
}

static int
working_days(int argc, char *argv[])
{
	const char	*department, *name;
	char		 day[CAL_DATE_LEN + 1];
	long		 from, to, d;
	int		 wd;

	if ((argc = department_arg(argc, argv, &department)) == -1)
		return 2;
	if (argc != 3)
		usage();
	if (cal_parse(argv[1], &from) == -1 || cal_parse(argv[2], &to) == -1) {
		fprintf(stderr, "qualimetre: dates are YYYY-MM-DD\n");
		return 2;
	}
	if (to < from) {
		fprintf(stderr, "qualimetre: %s is before %s\n", argv[2],
		    argv[1]);
		return 2;
	}
	printf("%ld\n", cal_working_days(from, to, department));
	for (d = from; d <= to; d++) {
		if (cal_is_working_day(d, department) == 1)
			continue;
		cal_format(d, day);
		wd = cal_weekday(d);
		name = cal_holiday_name(d, department);
		printf("%s %s\n", day, name != NULL ? name : wd >= 6 ?
		    cal_weekday_name(wd) : "?");
	}
	return 0;
}

/*
 * due-date FROM N: the N-th working day after FROM, first; then each day
 * of the window that does not count, with why.
 */
static int
due_date(int argc, char *argv[])
{
	const char	*department, *name;
	char		 day[CAL_DATE_LEN + 1], *end;
	long		 from, due, d, n;

	if ((argc = department_arg(argc, argv, &department)) == -1)
		return 2;
	if (argc != 3)
		usage();
	if (cal_parse(argv[1], &from) == -1) {
		fprintf(stderr, "qualimetre: dates are YYYY-MM-DD\n");
		return 2;
	}
	n = strtol(argv[2], &end, 10);
	if (*argv[2] == '\0' || *end != '\0' || n < 0 || n > CAL_DUE_MAX ||
	    (due = cal_due_date(from, (int)n, department)) == -1) {
		fprintf(stderr, "qualimetre: N is a number of working days "
		    "from 0 to %d\n", CAL_DUE_MAX);
		return 2;
	}
	cal_format(due, day);
	printf("%s\n", day);
	for (d = from + 1; d <= due; d++) {
		if (cal_is_working_day(d, department) == 1)
			continue;
		cal_format(d, day);
		name = cal_holiday_name(d, department);
		printf("%s %s\n", day, name != NULL ? name :
		    cal_weekday_name(cal_weekday(d)));
	}
	return 0;
}

/* Runs one parameterised statement and prints its rows, tab-separated. */
static int
run_and_print(const char *sql, int nparams, const char *const *params,
    const char *what)
{
	PGconn		*conn = connect_db();
	PGresult	*res;
	int		 i, j, rc = 1;

	res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	if (exec_ok(conn, res, PGRES_TUPLES_OK, what)) {
		for (i = 0; i < PQntuples(res); i++)
			for (j = 0; j < PQnfields(res); j++)
				printf("%s%c", PQgetvalue(res, i, j),
				    j + 1 == PQnfields(res) ? '\n' : '\t');
		rc = PQntuples(res) > 0 || strcmp(what, "list") == 0 ? 0 : 1;
		if (rc == 1)
			fprintf(stderr, "qualimetre: %s: nothing matched\n",
			    what);
	}
	PQclear(res);
	PQfinish(conn);
	return rc;
}

/*
 * Reads all of path ("-": standard input), up to SCHOOL_CSV_MAX bytes.
 * Returns the bytes (the caller frees them) and their length in *len,
 * or NULL after printing why.
 */
static char *
read_file(const char *path, size_t *len)
{
	FILE	*f;
	char	*data = NULL;
	size_t	 n = 0, r;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "qualimetre: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	data = xmalloc(SCHOOL_CSV_MAX + 1);
	while ((r = fread(data + n, 1, SCHOOL_CSV_MAX + 1 - n, f)) > 0)
		n += r;
	if (ferror(f) || n > SCHOOL_CSV_MAX) {
		fprintf(stderr, "qualimetre: %s: %s\n", path, ferror(f) ?
		    "cannot be read" : "larger than the dataset can be");
		free(data);
		data = NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return data;
}

/*
 * Upserts the periods ($1..$5: arrays of zones, first and last days,
 * labels, school years) on (zone, first_day), counts what was added and
 * updated, and writes one audit row with the counts ($6: what the file
 * held, $7: the number of periods): one statement, so one transaction.
 */
static const char import_sql[] =
    "WITH i AS (SELECT * FROM unnest($1::text[], $2::date[], $3::date[],"
    " $4::text[], $5::text[]) AS i(zone, first_day, last_day, label,"
    " school_year)),"
    " u AS (INSERT INTO qualimetre.school_holiday AS h (zone, first_day,"
    " last_day, label, school_year)"
    " SELECT zone, first_day, last_day, label, school_year FROM i"
    " ON CONFLICT (zone, first_day) DO UPDATE SET last_day ="
    " EXCLUDED.last_day, label = EXCLUDED.label, school_year ="
    " EXCLUDED.school_year"
    " WHERE (h.last_day, h.label, h.school_year) IS DISTINCT FROM"
    " (EXCLUDED.last_day, EXCLUDED.label, EXCLUDED.school_year)"
    " RETURNING h.xmax = 0 AS added),"
    " c AS (SELECT count(*) FILTER (WHERE added) AS added,"
    " count(*) FILTER (WHERE NOT added) AS updated FROM u),"
    " a AS (INSERT INTO qualimetre.audit_log (event, detail)"
    " SELECT 'school-holidays-imported', $6 || ', ' || c.added ||"
    " ' added, ' || c.updated || ' updated, ' || ($7::int - c.added -"
    " c.updated) || ' unchanged' FROM c)"
    " SELECT added, updated FROM c";

/*
 * school-holidays import FILE: the dataset's CSV into the table, every
 * zone it holds, in one transaction; nothing is changed when the file is
 * refused.
 */
static int
school_import(const char *path)
{
	struct school_import	 im;
	struct buf		 arr[5];
	const char		**col[5], *params[7];
	char			(*days)[2][CAL_DATE_LEN + 1] = NULL;
	char			*data = NULL, *cause = NULL, *held = NULL;
	char			 total[32];
	PGconn			*conn = NULL;
	PGresult		*res = NULL;
	size_t			 i, j, zones = 0;
	long			 added, updated;
	int			 rc = 1, ca, cu;

	memset(&im, 0, sizeof(im));
	memset(arr, 0, sizeof(arr));
	memset(col, 0, sizeof(col));
	if ((data = read_file(path, &i)) == NULL)
		goto out;
	if (school_csv_parse(data, i, &im, &cause) == -1) {
		fprintf(stderr, "qualimetre: %s: %s; nothing was imported\n",
		    path, cause);
		goto out;
	}
	days = xcalloc(im.nperiods, sizeof(*days));
	for (j = 0; j < 5; j++)
		col[j] = xcalloc(im.nperiods, sizeof(*col[j]));
	for (i = 0; i < im.nperiods; i++) {
		cal_format(im.periods[i].first, days[i][0]);
		cal_format(im.periods[i].last, days[i][1]);
		col[0][i] = im.periods[i].zone->code;
		col[1][i] = days[i][0];
		col[2][i] = days[i][1];
		col[3][i] = im.periods[i].label;
		col[4][i] = im.periods[i].year;
	}
	for (j = 0; j < 5; j++) {
		db_array(&arr[j], col[j], im.nperiods);
		params[j] = arr[j].data;
	}
	for (i = 0; i < SCHOOL_ZONES_MAX; i++)
		zones += im.zones_seen[i] > 0;
	xasprintf(&held, "%zu zones, %zu periods (%zu rows, %zu of "
	    "teachers, %zu duplicates)", zones, im.nperiods, im.nrows,
	    im.nteachers, im.nduplicates);
	snprintf(total, sizeof(total), "%zu", im.nperiods);
	params[5] = held;
	params[6] = total;

	conn = connect_db();
	res = PQexecParams(conn, import_sql, 7, NULL, params, NULL, NULL, 0);
	if (!exec_ok(conn, res, PGRES_TUPLES_OK, "import"))
		goto out;
	if ((ca = PQfnumber(res, "added")) == -1 ||
	    (cu = PQfnumber(res, "updated")) == -1 || PQntuples(res) != 1) {
		fprintf(stderr, "qualimetre: import: unexpected result\n");
		goto out;
	}
	added = strtol(PQgetvalue(res, 0, ca), NULL, 10);
	updated = strtol(PQgetvalue(res, 0, cu), NULL, 10);
	printf("%s: %s: %ld added, %ld updated, %ld unchanged\n", path, held,
	    added, updated, (long)im.nperiods - added - updated);
	for (i = 0; i < school_nzones; i++)
		if (im.zones_seen[i] > 0)
			printf("  %s (%s): %d rows\n", school_zones[i].code,
			    school_zones[i].dataset, im.zones_seen[i]);
	rc = 0;
out:
	PQclear(res);
	if (conn != NULL)
		PQfinish(conn);
	for (j = 0; j < 5; j++) {
		buf_free(&arr[j]);
		free(col[j]);
	}
	free(days);
	free(held);
	free(cause);
	free(data);
	school_import_free(&im);
	return rc;
}

/*
 * The school holidays of every zone, which the planner keeps mystery
 * contacts out of: imported from the ministry's dataset, or edited here
 * one period at a time.
 */
static int
school_holidays(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "zone",	 required_argument, NULL, 'z' },
		{ "first",	 required_argument, NULL, 'f' },
		{ "last",	 required_argument, NULL, 'l' },
		{ "school-year", required_argument, NULL, 'y' },
		{ "label",	 required_argument, NULL, 'b' },
		{ NULL,		 0,		    NULL, 0 }
	};
	const char	*zone = NULL, *first = NULL, *last = NULL;
	const char	*year = NULL, *label = NULL, *params[5];
	long		 d;
	int		 ch;

	if (argc < 2)
		usage();
	optind = 2;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'z': zone = optarg; break;
		case 'f': first = optarg; break;
		case 'l': last = optarg; break;
		case 'y': year = optarg; break;
		case 'b': label = optarg; break;
		default: usage();
		}
	}
	if (zone != NULL && school_zone_by_code(zone) == NULL) {
		fprintf(stderr, "qualimetre: unknown zone %s: A, B, C, CORSE, "
		    "GUADELOUPE, GUYANE, MARTINIQUE, MAYOTTE, "
		    "NOUVELLE-CALEDONIE, POLYNESIE, REUNION, "
		    "SAINT-PIERRE-ET-MIQUELON or WALLIS-ET-FUTUNA\n", zone);
		return 2;
	}
	if (strcmp(argv[1], "list") == 0 && optind == argc) {
		params[0] = zone;
		return run_and_print("SELECT id, zone, first_day, last_day,"
		    " school_year, label FROM qualimetre.school_holiday"
		    " WHERE $1::text IS NULL OR zone = $1"
		    " ORDER BY first_day, zone", 1, params, "list");
	}
	if (strcmp(argv[1], "add") == 0 && optind == argc) {
		if (zone == NULL || first == NULL || last == NULL ||
		    year == NULL || label == NULL)
			usage();
		if (cal_parse(first, &d) == -1 || cal_parse(last, &d) == -1) {
			fprintf(stderr, "qualimetre: dates are YYYY-MM-DD\n");
			return 2;
		}
		params[0] = zone;
		params[1] = first;
		params[2] = last;
		params[3] = year;
		params[4] = label;
		return run_and_print("WITH h AS (INSERT INTO"
		    " qualimetre.school_holiday (zone, first_day, last_day,"
		    " school_year, label) VALUES ($1, $2, $3, $4, $5)"
		    " RETURNING id, zone, first_day, last_day, school_year,"
		    " label), a AS (INSERT INTO qualimetre.audit_log (event,"
		    " detail) SELECT 'school-holiday-added', zone || ' ' ||"
		    " first_day || ' ' || last_day FROM h)"
		    " SELECT * FROM h", 5, params, "add");
	}
	if (strcmp(argv[1], "import") == 0 && optind + 1 == argc)
		return school_import(argv[optind]);
	if (strcmp(argv[1], "remove") == 0 && optind + 1 == argc) {
		params[0] = argv[optind];
		if (strspn(params[0], "0123456789") != strlen(params[0]) ||
		    *params[0] == '\0') {
			fprintf(stderr, "qualimetre: ID is a number (see "
			    "school-holidays list)\n");
			return 2;
		}
		return run_and_print("WITH h AS (DELETE FROM"
		    " qualimetre.school_holiday WHERE id = $1::bigint"
		    " RETURNING id, zone, first_day, last_day, school_year,"
		    " label), a AS (INSERT INTO qualimetre.audit_log (event,"
		    " detail) SELECT 'school-holiday-removed', zone || ' ' ||"
		    " first_day || ' ' || last_day FROM h)"
		    " SELECT * FROM h", 1, params, "remove");
	}
	usage();
}

/* restore FILE [--database NAME] */
static int
restore(int argc, char *argv[])
{
	const char	*dbname = "qualimetre";

	if (argc == 4 && strcmp(argv[2], "--database") == 0)
		dbname = argv[3];
	else if (argc != 2)
		usage();
	/* libpq would read a name with '=' as a connection string. */
	if (*dbname == '\0' || strlen(dbname) > 63 ||
	    strspn(dbname, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
	    strlen(dbname)) {
		fprintf(stderr, "qualimetre: a database name is 1 to 63 "
		    "lower-case letters, digits or '_'\n");
		return 2;
	}
	return backup_restore(dsn_env(), dbname, argv[1]);
}

/* How long audit rows are kept by default: a year. */
#define PURGE_AUDIT_DAYS	365

/*
 * qualimetre purge [--audit-days N]: deletes the sessions past their
 * expiry or idle for longer than STAFF_IDLE_MINUTES, the login forms past
 * theirs, the failed-login counts that no longer count, and the audit rows
 * older than N days (default PURGE_AUDIT_DAYS; 180 to 3650, which
 * qualimetre.audit_purge enforces too), in one statement, and audits
 * that it did. Run daily by etc/systemd/qualimetre-purge.timer.
 */
static int
purge(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "audit-days",	required_argument, NULL, 'd' },
		{ NULL,		0,		   NULL, 0 }
	};
	const char	*params[2];
	char		 days[16] = "", idle[16], *end;
	long		 n = PURGE_AUDIT_DAYS;
	PGconn		*conn = NULL;
	PGresult	*res = NULL;
	int		 ch, rc = 1;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch != 'd')
			usage();
		errno = 0;
		n = strtol(optarg, &end, 10);
		if (errno != 0 || end == optarg || *end != '\0' || n < 180 ||
		    n > 3650) {
			fprintf(stderr, "qualimetre: --audit-days: a number of "
			    "days from 180 to 3650\n");
			return 2;
		}
	}
	if (optind != argc)
		usage();
	snprintf(days, sizeof(days), "%ld", n);
	snprintf(idle, sizeof(idle), "%d", STAFF_IDLE_MINUTES);
	params[0] = days;
	params[1] = idle;
	conn = connect_db();
	res = PQexecParams(conn,
	    "WITH s AS (DELETE FROM qualimetre.session"
	    " WHERE expires_at <= now()"
	    " OR last_seen_at <= now() - make_interval(mins => $2::int)"
	    " RETURNING 1),"
	    /* Login forms past their expiry; failures a day old that no
	       longer lock, as a day resets the count (sql/027). */
	    " f AS (DELETE FROM qualimetre.login_form"
	    " WHERE expires_at <= now() RETURNING 1),"
	    " x AS (DELETE FROM qualimetre.login_failure"
	    " WHERE last_failed_at < now() - interval '1 day'"
	    " AND (locked_until IS NULL OR locked_until <= now())"
	    " RETURNING 1),"
	    " a AS (SELECT qualimetre.audit_purge($1::int) AS n),"
	    " c AS (SELECT (SELECT count(*) FROM s) AS sessions,"
	    " (SELECT count(*) FROM f) AS forms,"
	    " (SELECT count(*) FROM x) AS failures,"
	    " (SELECT n FROM a) AS audit),"
	    " l AS (INSERT INTO qualimetre.audit_log (event, detail)"
	    " SELECT 'purge', sessions || ' sessions, ' || forms ||"
	    " ' login forms, ' || failures || ' login failures, ' || audit ||"
	    " ' audit rows older than ' || $1 || ' days' FROM c)"
	    " SELECT sessions, forms, failures, audit FROM c", 2, NULL, params,
	    NULL, NULL, 0);
	if (!exec_ok(conn, res, PGRES_TUPLES_OK, "purge"))
		goto out;
	if (PQntuples(res) != 1 || PQnfields(res) != 4) {
		fprintf(stderr, "qualimetre: purge: unexpected result\n");
		goto out;
	}
	printf("purged %s sessions, %s login forms, %s login failures, %s "
	    "audit rows older than %s days\n", PQgetvalue(res, 0, 0),
	    PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2),
	    PQgetvalue(res, 0, 3), days);
	rc = 0;
out:
	PQclear(res);
	PQfinish(conn);
	return rc;
}

/*
 * qualimetre setup: the database, its roles, the migrations and the forms,
 * on a cluster the administrator names. The work is the installed
 * sql/setup script's (beside sql/migrate, which it runs); this execs it
 * with the installed form loader.
 */
static int
setup(char *argv[])
{
	if (setenv("QUALIMETRE_FORM_LOADER", QM_FORM_LOADER, 0) == -1 ||
	    setenv("QUALIMETRE_FORMS_DIR", QM_FORMS_DIR, 0) == -1) {
		fprintf(stderr, "qualimetre: setenv failed\n");
		return 1;
	}
	argv[0] = (char *)QM_SETUP;
	execv(QM_SETUP, argv);
	fprintf(stderr, "qualimetre: %s: %s\n", QM_SETUP, strerror(errno));
	return 1;
}

int
main(int argc, char *argv[])
{
	log_init("qualimetre");
	if (sodium_init() < 0) {
		fprintf(stderr, "qualimetre: libsodium cannot start\n");
		return 1;
	}
	if (argc >= 2 && strcmp(argv[1], "setup") == 0)
		return setup(argv + 1);
	if (argc >= 2 && strcmp(argv[1], "holidays") == 0)
		return holidays(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "working-days") == 0)
		return working_days(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "due-date") == 0)
		return due_date(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "school-holidays") == 0)
		return school_holidays(argc - 1, argv + 1);
	if (argc == 3 && strcmp(argv[1], "backup") == 0)
		return backup_write(dsn_env(), argv[2]);
	if (argc >= 3 && strcmp(argv[1], "restore") == 0)
		return restore(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "purge") == 0)
		return purge(argc - 1, argv + 1);
	if (argc < 3)
		usage();
	if (strcmp(argv[1], "user") == 0 && strcmp(argv[2], "add") == 0)
		return user_add(argc - 2, argv + 2);
	if (strcmp(argv[1], "user") == 0 && strcmp(argv[2], "password") == 0)
		return user_password(argc - 2, argv + 2);
	usage();
}
