#!/usr/bin/env bash
# What must survive failures: PostgreSQL stopped under a POST (a 503 page
# that still holds every answer, then the same POST stored once it is
# back), and a worker killed with SIGKILL (replaced, requests go on).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 15

slug=test-resilience-$$
make_campaign "$slug" -1 30
# Every worker gets the campaign and its form into memory, as in real
# life where the page was shown before it was sent.
for i in 1 2 3 4 5 6 7 8; do
	token=$(fresh_token "$slug")
done
comment="Réponse envoyée pendant une panne"
post="motif=identite&profil=professionnel&canal=site-internet&courtoisie=satisfait&commentaire=$(urlencode "$comment")&_jeton=$token"

at_exit pg_start
check "PostgreSQL stops" pg_stop
code=$(http_post "/enquete/$slug" "$post")
is "$code" 503 "with PostgreSQL down, a POST gets 503"
body_has "$comment" "the 503 page still holds the comment"
body_has 'value="professionnel"( checked)?' "and the other answers"
body_has "value=\"$token\"" "and the same token, so a resend is idempotent"
like "$(http_header Retry-After)" '^[0-9]+$' "it says when to retry"
code=$(http_get "/enquete/cette-enquete-n-existe-pas")
like "$code" '^(404|503)$' "a GET while PostgreSQL is down still gets an answer ($code)"

check "PostgreSQL starts again" pg_start
# Workers reconnect by themselves: the same POST now lands.
code=$(http_post "/enquete/$slug" "$post")
is "$code" 303 "the same POST succeeds once PostgreSQL is back"
is "$(responses "$slug")" 1 "exactly one response stored"
is "$(answers_of "$token" | grep -c '^commentaire=Réponse envoyée pendant une panne$')" 1 \
	"with the comment sent during the outage"

# ---- a worker killed
workers=$(survey_workers | sort)
victim=$(echo "$workers" | head -n 1)
check "a worker to kill exists" test -n "$victim"
kill -KILL "$victim"
replaced()
{
	local now
	now=$(survey_workers | sort)
	! echo "$now" | grep -qx "$victim" &&
		[ "$(echo "$now" | grep -c .)" -eq "$(echo "$workers" | grep -c .)" ]
}
check "the supervisor replaces it with a new worker" wait_until 10 replaced
fails=0
for i in $(seq 1 20); do
	code=$(http_get "/enquete/$slug")
	[ "$code" = 200 ] || fails=$((fails + 1))
done
is "$fails" 0 "the next 20 requests all succeed"
token=$(fresh_token "$slug")
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&_jeton=$token")
is "$code" 303 "and a submission lands"
