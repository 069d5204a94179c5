#!/usr/bin/env bash
# The survey program's main paths under valgrind (memcheck): a build
# without sanitizers, one worker on a socket of its own, driven over
# FastCGI by cgi-fcgi (libfcgi-bin): the page, a stored submission, a
# duplicate, an invalid one, a closed campaign, an unknown one, a legal
# page, a site's published results, their fragment and poster. Then SIGTERM, and every process's valgrind report must be clean.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 19

plain=${QUALIMETRE_TEST_PLAIN_BUILD:-}
prog=$plain/cgi/qualimetre-survey
if [ -z "$plain" ] || [ ! -x "$prog" ]; then
	bail_out "QUALIMETRE_TEST_PLAIN_BUILD does not hold a build without sanitizers (./run-tests makes one)"
fi
command -v valgrind > /dev/null || bail_out "valgrind is not installed"
command -v cgi-fcgi > /dev/null || bail_out "cgi-fcgi (libfcgi-bin) is not installed"

sock=$QM_RUN/valgrind-survey.sock
pidfile=$QM_RUN/valgrind-survey.pid
# Written by the qualimetre user, in run/ (its own: it cannot enter $QM_TMP
# and log/ is root's).
vglog=$QM_RUN/valgrind-logs-$$
as_qualimetre mkdir -p "$vglog"
at_exit as_qualimetre rm -rf "$vglog"
slug=test-valgrind-$$
make_campaign "$slug" -3 3
make_campaign "$slug-fin" -9 -4
# A snapshot of the closed one, as a referent publishes it (sql/034).
vgref=vg-pub-$$
printf '%s\n' "mot de passe valgrind $$" | admin user add --final --login "$vgref" --role referent \
	--site TEST-IT > /dev/null
vgcid=$(psql_q "SELECT id FROM qualimetre.campaign WHERE slug = :'s'" s="$slug-fin")
psql_q "DELETE FROM qualimetre.publication WHERE site_code = 'TEST-IT';
	INSERT INTO qualimetre.publication (campaign_id, site_id, site_code, site_name, title, opens_on,
		closes_on, responses, published_by)
	SELECT c.id, c.site_id, 'TEST-IT', 'Préfecture de test', c.title, c.opens_on, c.closes_on, 40,
		(SELECT id FROM qualimetre.app_user WHERE login = :'l')
	FROM qualimetre.campaign c WHERE c.id = :'c';
	INSERT INTO qualimetre.publication_row VALUES
		(:'c', 0, 'courtoisie', 'Comment jugez-vous la courtoisie des agents ?', 'Courtoisie', 36, 28, 4,
		 0.7777777777777778, 0.6190, 0.8829, 0.8, 1),
		(:'c', 1, 'attente', 'Le temps d’attente', NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL)" \
	c="$vgcid" l="$vgref" > /dev/null
at_exit psql_q "DELETE FROM qualimetre.publication WHERE campaign_id = $vgcid"

as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_survey" \
	valgrind -q --trace-children=yes --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	--log-file="$vglog/%p.log" \
	"$prog" --socket "$sock" --workers 1 --max-rss 0 --pidfile "$pidfile" \
	--schema "$QM_SRC/forms/form.rng" --secret "$QM_INSTANCE/secret/form-token.key" \
	>> "$QM_TMP/vg-survey.out" 2>&1 &
stop_it()
{
	local pid
	pid=$(_qm_pidfile "$pidfile") || return 0
	kill -TERM "$pid"
	wait_until 60 sh -c "! kill -0 $pid"
}
at_exit stop_it
check "the survey program starts under valgrind" wait_until 60 test -S "$sock"

# fcgi METHOD PATH [BODY]: one request straight to the socket; the
# response, headers included, in $HTTP_BODY.
fcgi()
{
	local method=$1 path=$2 body=${3:-}
	env -i ${QM_HELD:+QUALIMETRE_HELD=1} REQUEST_METHOD="$method" DOCUMENT_URI="$path" REQUEST_URI="$path" \
		CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH=${#body} SERVER_PROTOCOL=HTTP/1.1 \
		cgi-fcgi -bind -connect "$sock" <<< "$body" > "$HTTP_BODY" 2>/dev/null
	sed -n '1s/^Status: \([0-9]*\).*/\1/p' "$HTTP_BODY" | tr -d '\r'
}

# The first request also waits for the worker to be ready.
for i in $(seq 1 60); do
	code=$(fcgi GET "/enquete/$slug")
	[ "$code" = 200 ] && break
	sleep 1
done
is "$code" 200 "GET the questionnaire"
answers="motif=etrangers&profil=particulier&canal=sur-place&courtoisie=satisfait&delai-rdv=peu-satisfait&commentaire=Tr%C3%A8s+bien"
is "$(fcgi POST "/enquete/$slug" "$answers&_jeton=$(input_value _jeton)")" 400 \
	"sent at once with the page's token: asked to confirm"
is "$(fcgi POST "/enquete/$slug" "$answers&_jeton=$(input_value _jeton)")" 303 \
	"confirmed: stored"
token=$(fresh_token "$slug")
post="$answers&_jeton=$token"
is "$(fcgi POST "/enquete/$slug" "$post")" 303 "a submission at a person's pace is stored"
is "$(fcgi POST "/enquete/$slug" "$post")" 303 "the same one again: a duplicate"
is "$(fcgi POST "/enquete/$slug" "motif=x&pirate=1&commentaire=%C3%28&_jeton=$token")" 400 \
	"an invalid one: the error page"
is "$(fcgi POST "/enquete/$slug" "a=%G1")" 400 "a malformed body"
is "$(QM_HELD=1 fcgi POST "/enquete/$slug" "$post")" 429 \
	"a send nginx's limit refused: the page holding the answers"
is "$(fcgi GET "/enquete/$slug-fin")" 410 "a closed campaign"
is "$(fcgi GET "/enquete/pas-de-campagne")" 404 "an unknown campaign"
is "$(fcgi GET "/informations/accessibilite")" 200 "a legal page"
is "$(fcgi GET "/resultats/TEST-IT")" 200 "a site's published results"
is "$(fcgi GET "/resultats/TEST-IT/integration")" 200 "their fragment"
is "$(fcgi GET "/resultats/TEST-IT/$vgcid/affiche.pdf")" 200 "their poster"
is "$(fcgi GET "/resultats/TEST-AUCUN")" 404 "a site with nothing published"
is "$(responses "$slug")" 2 "two responses stored: the confirmed one, and the other once"

check "SIGTERM stops it" stop_it
errors=$(grep -h 'ERROR SUMMARY' "$vglog"/*.log 2>/dev/null | grep -vc ' 0 errors' || true)
reports=$(ls "$vglog"/*.log 2>/dev/null | wc -l)
if [ "$reports" -ge 2 ] && [ "$errors" -eq 0 ] && ! grep -q 'definitely lost: [1-9]' "$vglog"/*.log; then
	ok 0 "valgrind: no error and no leak in $reports processes"
else
	ok 1 "valgrind: no error and no leak in $reports processes"
	cat "$vglog"/*.log | head -n 80 | sed 's/^/#   /'
fi
