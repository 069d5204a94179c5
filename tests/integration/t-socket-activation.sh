#!/usr/bin/env bash
# Socket activation, as the systemd units run the programs: the survey
# program started by systemd-socket-activate (package systemd) at the
# first connection to the socket it made, as systemd does, takes the
# socket it is passed (LISTEN_FDS, fd 3) without --socket, serves a
# questionnaire through it over FastCGI (cgi-fcgi), stops cleanly on
# SIGTERM and leaves the socket, which is not its own. Then what it must
# refuse: two sockets, and neither a socket nor --socket.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 9

prog=$QM_BUILD/cgi/qualimetre-survey
command -v systemd-socket-activate > /dev/null || bail_out "systemd-socket-activate (package systemd) is not installed"
command -v cgi-fcgi > /dev/null || bail_out "cgi-fcgi (libfcgi-bin) is not installed"
[ -x "$prog" ] || bail_out "$prog is not built"

sock=$QM_RUN/activated-survey.sock
sock2=$QM_RUN/activated-survey-2.sock
out=$QM_TMP/activated.out
slug=test-activation-$$
make_campaign "$slug" -3 3
rm -f "$sock" "$sock2"
at_exit rm -f "$sock" "$sock2"

# survey_activated SOCKET...: the survey program as qualimetre, under
# systemd-socket-activate listening on each SOCKET; sets pid (the same
# process: systemd-socket-activate, setpriv and env each exec the next).
survey_activated()
{
	local args=() s
	for s; do args+=(-l "$s"); done
	(cd / && exec systemd-socket-activate "${args[@]}" \
		setpriv --reuid=qualimetre --regid=qualimetre --init-groups \
		env HOME=/nonexistent QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_survey" \
		"$prog" --workers 2 --schema "$QM_SRC/forms/form.rng" \
		--secret "$QM_INSTANCE/secret/form-token.key") >> "$out" 2>&1 &
	pid=$!
}

fcgi_get()
{
	env -i REQUEST_METHOD=GET DOCUMENT_URI="$2" REQUEST_URI="$2" SERVER_PROTOCOL=HTTP/1.1 \
		cgi-fcgi -bind -connect "$1" < /dev/null > "$HTTP_BODY" 2>/dev/null
	sed -n '1s/^Status: \([0-9]*\).*/\1/p' "$HTTP_BODY" | tr -d '\r'
}

stop_activated() { kill -TERM "$pid" 2>/dev/null || true; }
at_exit stop_activated
survey_activated "$sock"
check "systemd-socket-activate made the socket" wait_until 10 test -S "$sock"
code=
for i in $(seq 1 30); do
	code=$(fcgi_get "$sock" "/enquete/$slug")
	[ "$code" = 200 ] && break
	sleep 1
done
is "$code" 200 "a questionnaire through the socket systemd passed (no --socket)"
grep -q 'name="_jeton"' "$HTTP_BODY"; ok $? "the page is the questionnaire, with its form token"
is "$(children_of "$pid" | wc -l)" 2 "its two workers run, on that socket"
kill -TERM "$pid"
check "SIGTERM stops it" wait_until 20 sh -c "! kill -0 $pid"
wait "$pid" 2>/dev/null
is "$?" 0 "and it exits 0"
check "the socket, systemd's, is left in place" test -S "$sock"

# Two sockets: refused at once, with a reason on standard error (the
# journal under systemd). systemd-socket-activate starts the program at
# the first connection, as systemd does.
: > "$out"
survey_activated "$sock" "$sock2"
wait_until 10 test -S "$sock2"
timeout 10 cgi-fcgi -bind -connect "$sock" < /dev/null > /dev/null 2>&1
rc=124
if wait_until 20 sh -c "! kill -0 $pid"; then
	wait "$pid" 2>/dev/null
	rc=$?
fi
grep -q 'LISTEN_FDS must be 1' "$out"
ok $(( $? != 0 || rc != 1 )) "two sockets: refused, exit 1, 'LISTEN_FDS must be 1' on stderr" ||
	diag "exit $rc" "$(cat "$out")"

# Neither a socket from systemd nor --socket: a usage error.
as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_survey" \
	"$prog" --schema "$QM_SRC/forms/form.rng" --secret "$QM_INSTANCE/secret/form-token.key" \
	> "$out" 2>&1
rc=$?
grep -q 'usage:' "$out"
ok $(( $? != 0 || rc != 2 )) "no socket at all: usage on stderr, exit 2" || diag "exit $rc" "$(cat "$out")"
