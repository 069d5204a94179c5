#!/usr/bin/env bash
# Not one answer lost under load and faults (issue 14, item 6). First two
# faults made on purpose: a worker killed in the middle of a POST (nginx
# sends it again to another worker: stored once, thanked), and the survey
# program out of reach (nginx's own page still holds the answers, and its
# form stores them once sent). Then a steady load of whole questionnaires,
# each with its own token, from several clients, while survey workers are
# SIGKILLed several times and PostgreSQL is restarted once: every send
# thanked is stored exactly once, every other one got a page holding its
# answers (never nginx's bare 502 page nor a dropped connection), and
# sending that page's form again stores it once. It prints the counts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

command -v cgi-fcgi > /dev/null || bail_out "cgi-fcgi (libfcgi-bin) is not installed"
tap_plan 30

CLIENTS=4	# concurrent clients, as many as the workers
PER_CLIENT=750	# at most this many sends each: 3,000 in all
KILLS=6		# workers SIGKILLed during the load

slug=test-load-faults-$$
make_campaign "$slug" -1 30
id=$(psql_q "SELECT id FROM qualimetre.campaign WHERE slug = :'s'" s="$slug")
at_exit psql_q "DELETE FROM qualimetre.response WHERE campaign_id = :'c';
	DELETE FROM qualimetre.submission_check WHERE campaign_id = :'c';
	DELETE FROM qualimetre.campaign WHERE id = :'c'" c="$id"
at_exit pg_start

# tokens N: N form tokens of the campaign, as if served ten minutes ago.
tokens()
{
	"$QM_BUILD/tests/bench/mint-tokens" "$QM_INSTANCE/secret/form-token.key" "$id" "$1" 600
}

# The whole questionnaire, 16 answers; its comment names the send.
base="motif=etrangers&profil=particulier&canal=sur-place"
for q in courtoisie disponibilite handicap difficulte langage orientation \
    signaletique delai-rdv confort confidentialite attente point-numerique; do
	base+="&$q=satisfait"
done
ANSWERS=16
body_of()	# TOKEN: the body sent with that token
{
	printf '%s&commentaire=Envoi+sous+charge+%s&_jeton=%s' "$base" "${1:0:12}" "$1"
}

# holds FILE TOKEN: the page in FILE still holds the send's answers: its
# comment and its token, as the program shows them (decoded, in fields) or
# as nginx's own page keeps the body (as sent).
holds()
{
	local c="Envoi sous charge ${2:0:12}"
	{ grep -qF "$c" "$1" && grep -qF "value=\"$2\"" "$1"; } ||
		{ grep -qF "commentaire=Envoi+sous+charge+${2:0:12}" "$1" &&
			grep -qF "_jeton=$2" "$1"; }
}

# send TOKEN FILE [BODY]: POSTs a questionnaire as a browser would; prints
# "STATUS CURL-EXIT", the page in FILE.
send()
{
	local code rc=0
	code=$(curl -sS --max-time 30 -o "$2" -w '%{http_code}' \
		-H 'Content-Type: application/x-www-form-urlencoded' \
		--data-binary "${3:-$(body_of "$1")}" \
		"$QM_URL/enquete/$slug?lang=fr" 2> /dev/null) || rc=$?
	echo "${code:-000} $rc"
}

# stored TOKEN: how many responses hold that token, then how many answers.
stored()
{
	psql_q "SELECT count(DISTINCT r.id) || ' ' || count(a.*)
		FROM qualimetre.response r LEFT JOIN qualimetre.answer a ON a.response_id = r.id
		WHERE r.form_token = :'t' AND r.campaign_id = :'c'" t="$1" c="$id"
}

# resend FILE: sends the form of the page in FILE as a browser would: its
# hidden fields, its checked choices and its text areas, to its action;
# prints the status.
resend()
{
	local action post
	action=$(grep -oE '<form method="post" action="[^"]*"' "$1" | head -n 1 |
		sed 's/.*action="//; s/"$//; s/&amp;/\&/g')
	post=$(tr '\n' ' ' < "$1" | grep -oE '<input [^>]*>|<textarea [^>]*>[^<]*</textarea>' |
		awk '
		function unhtml(s) {
			gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
			gsub(/&#39;/, "\047", s); gsub(/&amp;/, "\\&", s); return s
		}
		function attr(tag, a,   m) {
			if (match(tag, " " a "=\"[^\"]*\"")) {
				m = substr(tag, RSTART + length(a) + 3, RLENGTH - length(a) - 4)
				return unhtml(m)
			}
			return ""
		}
		/^<textarea/ {
			v = $0; sub(/^<textarea [^>]*>/, "", v); sub(/<\/textarea>$/, "", v); sub(/^ /, "", v)
			print attr($0, "name") "\t" unhtml(v); next
		}
		{
			t = attr($0, "type")
			if (t == "hidden" || ((t == "radio" || t == "checkbox") && $0 ~ / checked/) ||
			    (t != "radio" && t != "checkbox" && t != "submit" && attr($0, "value") != ""))
				print attr($0, "name") "\t" attr($0, "value")
		}' |
		while IFS=$'\t' read -r k v; do
			printf '%s=%s&' "$(urlencode "$k")" "$(urlencode "$v")"
		done)
	[ -n "$action" ] && [ -n "$post" ] || { echo "no-form"; return; }
	printf '%s' "${post%&}" | curl -sS --max-time 30 -o "$QM_TMP/resent.html" -w '%{http_code}' \
		-H 'Content-Type: application/x-www-form-urlencoded' --data-binary @- \
		"$QM_URL$action" 2> /dev/null || echo " curl-failed"
}

# Every worker has the campaign and its form in memory.
for i in 1 2 3 4 5 6 7 8; do
	http_get "/enquete/$slug" > /dev/null
done

# ---- A worker killed while it holds a POST: nginx tries another one.
# The response table is locked, so that the worker sending it waits; all
# workers are killed then (the busy one among them); the lock ends; the
# same POST, sent again by nginx to a new worker, is stored once.
t=$(tokens 1)
psql_q "BEGIN; LOCK TABLE qualimetre.response IN EXCLUSIVE MODE; SELECT pg_sleep(4); COMMIT" \
	> /dev/null 2>&1 &
locker=$!
waiting()
{
	[ "$(psql_q "SELECT count(*) FROM pg_stat_activity
		WHERE usename = 'qualimetre_survey' AND wait_event_type = 'Lock'")" -ge 1 ]
}
locked()
{
	[ "$(psql_q "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
		WHERE c.relname = 'response' AND l.mode = 'ExclusiveLock' AND l.granted")" -ge 1 ]
}
check "the response table is locked" wait_until 5 locked
send "$t" "$QM_TMP/killed.html" > "$QM_TMP/killed.out" &
sender=$!
check "a worker waits to store the POST" wait_until 5 waiting
workers=$(survey_workers)
kill -KILL $workers 2> /dev/null
wait "$sender"
wait "$locker" || true
read -r code rc < "$QM_TMP/killed.out"
is "$code $rc" "303 0" "its workers killed under a POST, nginx sends it to a new worker: thanked"
is "$(stored "$t")" "1 $ANSWERS" "stored once, whole"

# ---- The survey program out of reach: nginx's own page keeps the answers.
sock=$QM_RUN/survey.sock
sock_back()
{
	[ ! -e "$sock.away" ] || mv -f "$sock.away" "$sock"
}
at_exit sock_back
t=$(tokens 1)
mv "$sock" "$sock.away"
read -r code rc <<< "$(send "$t" "$QM_TMP/away.html")"
code_get=$(http_get "/enquete/$slug")
mv "$sock.away" "$sock"
is "$code $rc" "503 0" "no worker to reach: a 503, not nginx's bare 502"
holds "$QM_TMP/away.html" "$t"; ok $? "nginx's own page holds the answers"
grep -q '<form method="post" action="/enquete/'"$slug"'?lang=fr"' "$QM_TMP/away.html"
ok $? "in a form sent to the questionnaire's address"
is "$code_get" 503 "a GET meanwhile gets the 503 page"
is "$(stored "$t")" "0 0" "nothing stored yet"
is "$(resend "$QM_TMP/away.html")" 303 "sending nginx's page again: thanked"
is "$(stored "$t")" "1 $ANSWERS" "stored once, whole"
is "$(resend "$QM_TMP/away.html")" 303 "sending it once more: thanked again"
is "$(stored "$t")" "1 $ANSWERS" "and still stored once"
# A body nginx cannot show as it is (not as a browser encodes it) is not
# reflected: the 503 page instead, never bytes of the sender's.
mv "$sock" "$sock.away"
code=$(http_post "/enquete/$slug" "$(body_of "$(tokens 1)")&x=<b>\"")
mv "$sock.away" "$sock"
is "$code" 503 "a body with markup gets the 503 page too"
! grep -qF '<b>"' "$HTTP_BODY"; ok $? "which does not show it"

# What @answers_unsent asks of the program when nginx's tries all failed
# (QUALIMETRE_HELD=2), over FastCGI as nginx sends it: the page holding
# every answer, 503, nothing stored.
t=$(tokens 1)
b=$(body_of "$t")
printf '%s' "$b" | env -i REQUEST_METHOD=POST DOCUMENT_URI="/enquete/$slug" \
	REQUEST_URI="/enquete/$slug?lang=fr" QUERY_STRING=lang=fr SERVER_PROTOCOL=HTTP/1.1 \
	CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#b} QUALIMETRE_HELD=2 \
	cgi-fcgi -bind -connect "$QM_RUN/survey.sock" > "$QM_TMP/unsent.html" 2> /dev/null
is "$(sed -n '1s/^Status: \([0-9]*\).*/\1/p' "$QM_TMP/unsent.html" | tr -d '\r')" 503 \
	"the program asked for the answers back after nginx's tries: 503"
holds "$QM_TMP/unsent.html" "$t"; ok $? "its page holds the answers"
is "$(stored "$t")" "0 0" "nothing stored"

# The TLS example has the same rules (t-limits.sh runs nginx -t on it).
ex=$QM_SRC/etc/nginx-site.conf.example
is "$(grep -c 'survey.sock max_fails=0;' "$ex")/$(grep -c 'non_idempotent;' "$ex")/$(grep -c '@answers_kept;' "$ex")/$(grep -c 'name="_envoi" value="$qm_held_body"' "$ex")" \
	"3/3/2/1" "the TLS example retries the same way and keeps the answers the same way"

# ---- Load and faults.
check "the workers are back" wait_until 10 test "$(survey_workers | grep -c .)" -ge 4
tokens $((CLIENTS * PER_CLIENT)) > "$QM_TMP/tokens"
split -n l/$CLIENTS -d "$QM_TMP/tokens" "$QM_TMP/tokens."
mkdir "$QM_TMP/pages"
stop=$QM_TMP/stop
client()	# N: sends its tokens until told to stop; one line a send:
{		# TOKEN STATUS CURL-EXIT HOLDS
	local t code rc h f
	while read -r t && [ ! -e "$stop" ]; do
		f=$QM_TMP/pages/$t
		read -r code rc <<< "$(send "$t" "$f")"
		h=0
		holds "$f" "$t" && h=1
		[ "$code" = 303 ] && rm -f "$f"
		echo "$t $code $rc $h"
	done < "$QM_TMP/tokens.0$1" > "$QM_TMP/sent.$1"
}
log_mark "$QM_LOG/nginx-error.log"
log_mark "$QM_LOG/survey.log"
pids=()
for ((i = 0; i < CLIENTS; i++)); do
	client "$i" &
	pids+=($!)
done
sent()
{
	cat "$QM_TMP"/sent.* 2> /dev/null | grep -c .
}
# busy_worker: a worker in the middle of a request, if one is: an idle
# one holds two sockets (the listening one, its database connection), a
# busy one a third, the request's.
busy_worker()
{
	local p
	for p in $(survey_workers | shuf); do
		[ "$(ls -l /proc/"$p"/fd 2> /dev/null | grep -c 'socket:')" -ge 3 ] &&
			{ echo "$p"; return 0; }
	done
	return 1
}
killed=0 restarted=0
wait_until 20 test "$(sent)" -ge 40
for ((k = 1; k <= KILLS; k++)); do
	victim=$(busy_worker) || victim=$(survey_workers | shuf -n 1)
	[ -n "$victim" ] && kill -KILL "$victim" 2> /dev/null && killed=$((killed + 1))
	sleep 0.6
	if [ $k -eq $((KILLS / 2)) ]; then
		pg_stop && sleep 1 && pg_start && restarted=1
		sleep 0.5
	fi
done
sleep 1
before_stop=$(sent)
touch "$stop"
wait "${pids[@]}"
cat "$QM_TMP"/sent.* > "$QM_TMP/sent"
total=$(grep -c . "$QM_TMP/sent")
thanked=$(awk '$2 == 303 && $3 == 0' "$QM_TMP/sent" | grep -c .)
dropped=$(awk '$3 != 0' "$QM_TMP/sent" | grep -c .)
bare=$(awk '$2 == 502 || $2 == 504' "$QM_TMP/sent" | grep -c .)
held=$(awk '$2 != 303 && $3 == 0 && $4 == 1' "$QM_TMP/sent" | grep -c .)
lost=$(awk '$2 != 303 && !($3 == 0 && $4 == 1)' "$QM_TMP/sent" | grep -c .)
retried=$(log_since "$QM_LOG/nginx-error.log" | grep -c 'upstream prematurely closed\|while reading response header' || true)
diag "load: $total sends from $CLIENTS clients, $killed workers killed, PostgreSQL restarted $restarted time(s)" \
	"thanked: $thanked; held in a page: $held ($(awk '$2 != 303 && $4 == 1 { print $2 }' "$QM_TMP/sent" | sort | uniq -c | tr -s ' \n' ' ')); lost: $lost (bare 502/504: $bare, dropped: $dropped)" \
	"nginx errors from a killed worker (each retried): $retried"
is "$killed $restarted" "$KILLS 1" "$KILLS workers killed and PostgreSQL restarted during the load"
like "$before_stop" '^[0-9]+$' "the load ran through the faults ($before_stop sends when they ended)"
[ "$before_stop" -lt $((CLIENTS * PER_CLIENT)) ]; ok $? "with tokens still unsent: the load lasted"
is "$dropped" 0 "no connection dropped (curl's exit status)"
is "$bare" 0 "no nginx 502 or 504 page"
is "$lost" 0 "every send not thanked got a page holding its answers"

# Every send thanked is stored exactly once, whole.
awk '$2 == 303 { print $1 }' "$QM_TMP/sent" | sort > "$QM_TMP/thanked"
psql_q "SELECT r.form_token || ' ' || count(a.*) FROM qualimetre.response r
	LEFT JOIN qualimetre.answer a ON a.response_id = r.id
	WHERE r.campaign_id = :'c' GROUP BY r.id, r.form_token" c="$id" |
	sort > "$QM_TMP/stored"
bad=$(join -a 1 "$QM_TMP/thanked" "$QM_TMP/stored" | awk -v n=$ANSWERS '$2 != n' | grep -c .)
is "$bad" 0 "each of the $thanked sends thanked is stored, with its $ANSWERS answers"
dups=$(cut -d' ' -f1 "$QM_TMP/stored" | sort | uniq -d | grep -c .)
is "$dups" 0 "none is stored twice"

# Each page that held answers, sent again, stores them once.
resent_bad=0
for t in $(awk '$2 != 303 && $3 == 0 && $4 == 1 { print $1 }' "$QM_TMP/sent"); do
	code=$(resend "$QM_TMP/pages/$t")
	[ "$code" = 303 ] && [ "$(stored "$t")" = "1 $ANSWERS" ] || {
		resent_bad=$((resent_bad + 1))
		diag "$t: sent again, $code, stored: $(stored "$t")"
	}
done
is "$resent_bad" 0 "each of the $held pages holding answers, sent again, stores them once"
all=$(psql_q "SELECT count(*) FROM qualimetre.response WHERE campaign_id = :'c'" c="$id")
is "$all" $((total + 2)) "in all, one response for each of the $total sends (and the 2 above)"
