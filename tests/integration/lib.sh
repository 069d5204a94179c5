# Helpers for the integration tests (tests/integration/t-*.sh): TAP output,
# SQL on the test instance, HTTP through its nginx, and control of its
# processes. A test starts with
#	. "$(dirname "$0")/lib.sh"
#	tap_plan 3
# and needs the QUALIMETRE_TEST_* variables that ./run-tests exports
# (without them it prints "1..0 # SKIP ..." and exits).
#
# lib.sh sets an EXIT trap: it runs what at_exit registered, removes
# $QM_TMP, and makes the script exit 1 when a case failed or the number of
# cases differs from the plan. A test that needs its own clean-up calls
# at_exit instead of setting a trap.

for _qm_v in QUALIMETRE_TEST_DSN QUALIMETRE_TEST_INSTANCE QUALIMETRE_TEST_PORT \
    QUALIMETRE_TEST_BUILD QUALIMETRE_TEST_SRC; do
	if [ -z "${!_qm_v:-}" ]; then
		echo "1..0 # SKIP $_qm_v not set (run ./run-tests)"
		exit 0
	fi
done
unset _qm_v

QM_DSN=$QUALIMETRE_TEST_DSN
QM_INSTANCE=$QUALIMETRE_TEST_INSTANCE
QM_PORT=$QUALIMETRE_TEST_PORT
QM_BUILD=$QUALIMETRE_TEST_BUILD
QM_SRC=$QUALIMETRE_TEST_SRC
QM_URL=http://127.0.0.1:$QM_PORT
QM_RUN=$QM_INSTANCE/run
QM_LOG=$QM_INSTANCE/log
QM_PGDATA=$QM_INSTANCE/pgdata
QM_PGBIN=/usr/lib/postgresql/15/bin

# A private scratch directory, removed at exit.
QM_TMP=$(mktemp -d "${TMPDIR:-/tmp}/qm-test.XXXXXX")
# What the last http_get / http_post received.
HTTP_BODY=$QM_TMP/http-body
HTTP_HEADERS=$QM_TMP/http-headers
HTTP_COOKIES=$QM_TMP/http-cookies

_TAP_PLAN=
_TAP_N=0
_TAP_FAILED=0
_QM_AT_EXIT=()

# ---------------------------------------------------------------- TAP

# tap_plan N: prints "1..N". Call once, before the first case.
tap_plan()
{
	_TAP_PLAN=$1
	echo "1..$1"
}

# diag LINE...: prints each argument as TAP comment lines ("# ...").
diag()
{
	printf '%s\n' "$@" | sed 's/^/# /'
}

# ok STATUS DESCRIPTION: one case, passing when STATUS is 0, as in
#	grep -q foo "$HTTP_BODY"; ok $? "the page names foo"
# Returns STATUS (0 or 1), so that a caller can add diag lines.
ok()
{
	_TAP_N=$((_TAP_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_TAP_N - $2"
		return 0
	fi
	echo "not ok $_TAP_N - $2"
	_TAP_FAILED=$((_TAP_FAILED + 1))
	return 1
}

# check DESCRIPTION COMMAND [ARG...]: runs the command; one case, passing
# when it exits 0. On failure its output is shown as diagnostics.
check()
{
	local desc=$1 rc=0
	shift
	"$@" > "$QM_TMP/check.out" 2>&1 || rc=$?
	if ! ok $rc "$desc"; then
		diag "command: $*" "exit status: $rc"
		sed 's/^/#   /' "$QM_TMP/check.out" | head -n 40
		return 1
	fi
}

# is GOT EXPECTED DESCRIPTION: passes when the two strings are equal.
is()
{
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:      '$1'" "expected: '$2'"
		return 1
	fi
}

# like GOT ERE DESCRIPTION: passes when GOT matches the extended regex.
like()
{
	if printf '%s' "$1" | grep -qE -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:        '$(printf '%s' "$1" | head -c 300)'" "should match: $2"
		return 1
	fi
}

# body_has ERE DESCRIPTION: passes when the last HTTP body matches.
body_has()
{
	if grep -qE -- "$1" "$HTTP_BODY"; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diag "the body does not match: $1" "first lines of the body:"
		head -n 15 "$HTTP_BODY" | sed 's/^/#   /'
		return 1
	fi
}

# skip DESCRIPTION REASON: a case not run. ./run-tests counts a skip as a
# failure (the whole stack is always there), so use it only for what this
# machine cannot do at all.
skip()
{
	_TAP_N=$((_TAP_N + 1))
	echo "ok $_TAP_N - $1 # SKIP $2"
}

# bail_out REASON: stops the whole script (remaining cases count as failed).
bail_out()
{
	echo "Bail out! $*"
	exit 1
}

# tap_done: ends the script now; its exit status tells whether every
# planned case ran and passed (the EXIT trap does the same at the end).
tap_done()
{
	exit 0
}

# at_exit COMMAND...: runs the command (once) when the script exits, even
# after a failure: e.g. at_exit pg_start after pg_stop.
at_exit()
{
	_QM_AT_EXIT+=("$(printf '%q ' "$@")")
}

_qm_exit()
{
	local rc=$? i
	for ((i = ${#_QM_AT_EXIT[@]} - 1; i >= 0; i--)); do
		eval "${_QM_AT_EXIT[$i]}" || echo "# at exit: '${_QM_AT_EXIT[$i]}' failed"
	done
	rm -rf "$QM_TMP"
	if [ -n "$_TAP_PLAN" ] && [ "$_TAP_N" -ne "$_TAP_PLAN" ]; then
		echo "# planned $_TAP_PLAN cases, ran $_TAP_N"
		rc=1
	fi
	[ "$_TAP_FAILED" -eq 0 ] || rc=1
	exit $rc
}
trap _qm_exit EXIT

# ---------------------------------------------------------------- SQL

# psql_q SQL [NAME=VALUE...]: runs SQL as postgres on the test database;
# prints unaligned, tuples-only rows (columns separated by |). Values are
# passed as psql variables, to be used as :'NAME' (a quoted literal) or
# :"NAME" (an identifier) in the SQL, never spliced by hand:
#	psql_q "SELECT count(*) FROM qualimetre.campaign WHERE slug = :'s'" s="$slug"
psql_q()
{
	local sql=$1 kv args=()
	shift
	for kv; do
		args+=(-v "$kv")
	done
	psql -X -A -t -q -v ON_ERROR_STOP=1 "${args[@]}" -d "$QM_DSN" <<< "$sql"
}

# psql_as ROLE SQL [NAME=VALUE...]: the same, logged in as ROLE (e.g.
# qualimetre_survey, to test its grants and row-level security).
psql_as()
{
	local role=$1 sql=$2 kv args=()
	shift 2
	for kv; do
		args+=(-v "$kv")
	done
	psql -X -A -t -q -v ON_ERROR_STOP=1 "${args[@]}" \
		-d "host=$QM_RUN dbname=qualimetre user=$role" <<< "$sql"
}

# ---------------------------------------------------------------- HTTP

# http_get PATH [CURL-ARG...]: GET http://127.0.0.1:PORT/PATH; prints the
# status code (000 when nothing answered, curl's error in $QM_TMP/curl.err);
# the body is in $HTTP_BODY, the
# headers in $HTTP_HEADERS; cookies are kept in $HTTP_COOKIES.
http_get()
{
	local path=$1
	shift
	local code
	: > "$HTTP_BODY"; : > "$HTTP_HEADERS"
	code=$(curl -sS --max-time 20 -o "$HTTP_BODY" -D "$HTTP_HEADERS" \
		-b "$HTTP_COOKIES" -c "$HTTP_COOKIES" -w '%{http_code}' "$@" \
		"$QM_URL$path" 2>"$QM_TMP/curl.err") || true
	printf '%s\n' "${code:-000}"
}

# http_post PATH BODY [CURL-ARG...]: POST BODY (sent as is, of any size, by default as
# application/x-www-form-urlencoded; set HTTP_CONTENT_TYPE to change it);
# prints the status code, like http_get.
http_post()
{
	local path=$1 body=$2
	shift 2
	local code
	: > "$HTTP_BODY"; : > "$HTTP_HEADERS"
	# Through a pipe, not an argument: an argument holds at most 128 KiB.
	code=$(printf '%s' "$body" |
		curl -sS --max-time 20 -o "$HTTP_BODY" -D "$HTTP_HEADERS" \
		-b "$HTTP_COOKIES" -c "$HTTP_COOKIES" -w '%{http_code}' \
		-H "Content-Type: ${HTTP_CONTENT_TYPE:-application/x-www-form-urlencoded}" \
		--data-binary @- "$@" "$QM_URL$path" 2>"$QM_TMP/curl.err") || true
	printf '%s\n' "${code:-000}"
}

# http_header NAME: the value of that header in the last response (the
# first one when repeated), without the trailing CR.
http_header()
{
	awk -v n="$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]')" '
		{ sub(/\r$/, "") }
		{ i = index($0, ":"); if (i && tolower(substr($0, 1, i - 1)) == n) {
			v = substr($0, i + 1); sub(/^[ \t]+/, "", v); print v; exit } }
	' "$HTTP_HEADERS"
}

# input_value NAME: the value="..." of the first input named NAME in the
# last body (e.g. a form token), HTML entities left as they are.
input_value()
{
	grep -oE "<input[^>]*name=\"$1\"[^>]*>" "$HTTP_BODY" | head -n 1 |
		sed -n 's/.*value="\([^"]*\)".*/\1/p'
}

# urlencode STRING: percent-encodes every byte but unreserved characters.
urlencode()
{
	local LC_ALL=C s=$1 i c out=
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s\n' "$out"
}

# ---------------------------------------------------------------- processes

# as_qualimetre COMMAND...: runs a command as the instance's system user.
as_qualimetre()
{
	(cd / && exec setpriv --reuid=qualimetre --regid=qualimetre --init-groups \
		env HOME=/nonexistent USER=qualimetre LOGNAME=qualimetre "$@")
}

# pg_pid: the postmaster's pid (empty when it is not running).
pg_pid()
{
	[ -f "$QM_PGDATA/postmaster.pid" ] && pg_running && head -n 1 "$QM_PGDATA/postmaster.pid"
}

# pg_running: true when the instance's PostgreSQL runs.
pg_running()
{
	as_qualimetre "$QM_PGBIN/pg_ctl" -D "$QM_PGDATA" status > /dev/null 2>&1
}

# pg_stop: stops the instance's PostgreSQL (fast shutdown, waits).
pg_stop()
{
	pg_running || return 0
	as_qualimetre "$QM_PGBIN/pg_ctl" -D "$QM_PGDATA" -m fast -w -t 60 stop > /dev/null
}

# pg_start: starts it again with the settings ./start gave it; waits.
pg_start()
{
	pg_running && return 0
	as_qualimetre "$QM_PGBIN/pg_ctl" -D "$QM_PGDATA" -l "$QM_LOG/postgresql.log" \
		-w -t 60 start > /dev/null
}

# _qm_pidfile FILE: the pid in FILE if that process is alive.
_qm_pidfile()
{
	local pid
	[ -s "$1" ] || return 1
	read -r pid < "$1" || true
	[[ ${pid:-} =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
	echo "$pid"
}

# survey_pid: the survey supervisor's pid (from run/survey.pid), if alive.
survey_pid()
{
	_qm_pidfile "$QM_RUN/survey.pid"
}

# nginx_pid: the nginx master's pid, if alive.
nginx_pid()
{
	_qm_pidfile "$QM_INSTANCE/nginx/nginx.pid"
}

# children_of PID: the pids of its children, one a line.
children_of()
{
	local f stat rest
	if cat /proc/"$1"/task/*/children 2>/dev/null | tr ' ' '\n' | grep .; then
		return 0
	fi
	# Kernels without /proc/PID/task/TID/children: field 4 of stat.
	for f in /proc/[0-9]*/stat; do
		stat=$(cat "$f" 2>/dev/null) || continue
		rest=${stat##*) }
		set -- "$1" $rest
		if [ "$3" = "$1" ]; then
			f=${f#/proc/}
			echo "${f%/stat}"
		fi
	done
	return 0
}

# survey_workers: the supervisor's worker pids, one a line.
survey_workers()
{
	local pid
	pid=$(survey_pid) || return 1
	children_of "$pid"
}

# wait_until SECONDS COMMAND...: retries the command every 0.1 s until it
# succeeds (returns 0) or the time is up (returns 1).
wait_until()
{
	local i limit=$(($1 * 10))
	shift
	for ((i = 0; i < limit; i++)); do
		"$@" > /dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

# log_mark FILE / log_since FILE: what was appended to a log (e.g.
# $QM_LOG/survey.log) since log_mark was called for it.
log_mark()
{
	stat -c %s "$1" > "$QM_TMP/mark.$(basename "$1")" 2>/dev/null || echo 0 > "$QM_TMP/mark.$(basename "$1")"
}
log_since()
{
	local from
	from=$(cat "$QM_TMP/mark.$(basename "$1")" 2>/dev/null || echo 0)
	tail -c +"$((from + 1))" "$1"
}
