#!/usr/bin/env bash
# The staff programs' main paths under valgrind (memcheck), like
# t-valgrind.sh for the survey: a build without sanitizers, one worker
# each on sockets of their own, driven over FastCGI by cgi-fcgi: logging
# in, the referent's results page, exports and poster, a paper
# questionnaire corrected and withdrawn, a comment tagged and hidden,
# the people pages, the admin's
# national view and sites together, a self-assessment validated and the
# action plan, the enquirer's slots and a recorded call; then SIGTERM and
# clean reports.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 51

plain=${QUALIMETRE_TEST_PLAIN_BUILD:-}
if [ -z "$plain" ] || [ ! -x "$plain/cgi/qualimetre-referent" ]; then
	bail_out "QUALIMETRE_TEST_PLAIN_BUILD does not hold a build without sanitizers (./run-tests makes one)"
fi
command -v valgrind > /dev/null || bail_out "valgrind is not installed"
command -v cgi-fcgi > /dev/null || bail_out "cgi-fcgi (libfcgi-bin) is not installed"

vglog=$QM_RUN/valgrind-logs-staff-$$
as_qualimetre mkdir -p "$vglog"
at_exit as_qualimetre rm -rf "$vglog"
pw="mot de passe valgrind $$"
printf '%s\n' "$pw" | admin user add --final --login "vg-ref-$$" --role referent --site PREF-41 > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "vg-enq-$$" --role enquirer --site PREF-41 > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "vg-adm-$$" --role admin > /dev/null

# start NAME: the program under valgrind on run/valgrind-NAME.sock.
start_prog()
{
	as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_$1" \
		valgrind -q --trace-children=yes --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--log-file="$vglog/$1-%p.log" \
		"$plain/cgi/qualimetre-$1" --socket "$QM_RUN/valgrind-$1.sock" --workers 1 --max-rss 0 \
		--pidfile "$QM_RUN/valgrind-$1.pid" \
		--schema "$QM_SRC/forms/form.rng" --secret "$QM_INSTANCE/secret/form-token.key" \
		>> "$QM_TMP/vg-$1.out" 2>&1 &
}
stop_prog()
{
	local pid
	pid=$(_qm_pidfile "$QM_RUN/valgrind-$1.pid") || return 0
	kill -TERM "$pid"
	wait_until 60 sh -c "! kill -0 $pid"
}
at_exit stop_prog referent
at_exit stop_prog mystery
start_prog referent
start_prog mystery
check "both programs start under valgrind" \
	wait_until 90 sh -c "test -S '$QM_RUN/valgrind-referent.sock' && test -S '$QM_RUN/valgrind-mystery.sock'"

COOKIE=
# fcgi PROG METHOD PATH [BODY [QUERY]]: one request to PROG's socket; the
# response, headers included, in $HTTP_BODY; prints the status.
fcgi()
{
	local prog=$1 method=$2 path=$3 body=${4:-} query=${5:-}
	env -i REQUEST_METHOD="$method" DOCUMENT_URI="$path" REQUEST_URI="$path" \
		QUERY_STRING="$query" HTTP_HOST=127.0.0.1 HTTP_COOKIE="$COOKIE" \
		CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH=${#body} SERVER_PROTOCOL=HTTP/1.1 \
		cgi-fcgi -bind -connect "$QM_RUN/valgrind-$prog.sock" <<< "$body" > "$HTTP_BODY" 2>/dev/null
	sed -n '1s/^Status: \([0-9]*\).*/\1/p' "$HTTP_BODY" | tr -d '\r'
}
# login PROG PREFIX LOGIN: logs in; keeps the session cookie.
login()
{
	local t
	COOKIE=
	for i in $(seq 1 90); do
		[ "$(fcgi "$1" GET "$2/connexion")" = 200 ] && break
		sleep 1
	done
	t=$(input_value _jeton)
	# The form's token is good with its pre-session cookie only.
	COOKIE=$(sed -n 's/^Set-Cookie: \(qm_pre=[^;]*\).*/\1/p' "$HTTP_BODY" | tr -d '\r')
	fcgi "$1" POST "$2/connexion" "login=$3&password=$(urlencode "$pw")&_jeton=$t" > /dev/null
	COOKIE=$(sed -n 's/^Set-Cookie: \(qm_session=[^;]*\).*/\1/p' "$HTTP_BODY" | tr -d '\r')
	[ -n "$COOKIE" ]
}

check "the referent logs in" login referent /referent "vg-ref-$$"
cid=$(psql_q "SELECT c.id FROM qualimetre.campaign c JOIN qualimetre.site s ON s.id = c.site_id
	WHERE s.code = 'PREF-41' AND c.kind = 'satisfaction' ORDER BY c.opens_on DESC LIMIT 1")
is "$(fcgi referent GET /referent/)" 200 "her campaigns"
is "$(fcgi referent GET /referent/mot-de-passe)" 200 "the password page"
is "$(fcgi referent POST /referent/mot-de-passe "_csrf=$(input_value _csrf)&actuel=faux&nouveau=court&confirmation=autre")" 400 \
	"a password change refused, every field in error"
is "$(fcgi referent GET "/referent/campagnes/$cid" "" "critere=attente&par=motif")" 200 \
	"a campaign's results, with a breakdown and last year's change"
# Started without QUALIMETRE_PUBLIC_URL: no link made from the Host header.
ok "$(grep -q 'id="adresse-publique"' "$HTTP_BODY" && ! grep -q 'href="http://127.0.0.1/enquete' "$HTTP_BODY"; echo $?)" \
	"without a configured public address, no questionnaire link from the request's Host, and it says so"
is "$(fcgi referent GET "/referent/campagnes/$cid/resultats.csv")" 200 "results.csv"
is "$(fcgi referent GET "/referent/campagnes/$cid/resultats.xml")" 200 "results.xml"
is "$(fcgi referent GET "/referent/campagnes/$cid/reponses.csv" "" "format=tableur")" 200 "responses.csv"
is "$(fcgi referent GET "/referent/campagnes/$cid/affiche.pdf")" 200 "the poster"
is "$(fcgi referent GET "/referent/campagnes/$cid/resultats.ods")" 200 "results.ods"
year=$(psql_q "SELECT extract(year FROM opens_on)::int FROM qualimetre.campaign WHERE id = :'c'" c="$cid")
site41=$(psql_q "SELECT id FROM qualimetre.site WHERE code = 'PREF-41'")
is "$(fcgi referent GET /referent/bilan "" "annee=$year&perimetre=site-$site41")" 200 "the annual report's page"
is "$(fcgi referent GET /referent/bilan/bilan.pdf "" "annee=$year&perimetre=dep-41")/$(fcgi referent GET \
	/referent/bilan/bilan.odt "" "annee=$year&perimetre=site-$site41")/$(fcgi referent GET \
	/referent/bilan/bilan.ods "" "annee=$year&perimetre=site-$site41")" 200/200/200 "and its three files"
mid=$(psql_q "SELECT c.id FROM qualimetre.campaign c JOIN qualimetre.site s ON s.id = c.site_id
	WHERE s.code = 'PREF-41' AND c.kind = 'mystery-call' ORDER BY c.opens_on LIMIT 1")
is "$(fcgi referent GET "/referent/campagnes/$mid")" 200 "a mystery campaign's results, with its sampling rules"

# The rhythm of the answers: an hour of them set aside, then lifted.
is "$(fcgi referent GET "/referent/campagnes/$cid/rythme")" 200 "the rhythm page"
csrf=$(input_value _csrf)
hour=$(psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, submitted_at)
	VALUES (gen_random_uuid(), :'c', 'web', 'vg-rythme-' || :'p', now() - interval '2 days')
	RETURNING to_char(date_trunc('hour', submitted_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD\"T\"HH24:MI')" \
	c="$cid" p="$$")
next=$(psql_q "SELECT to_char(:'h'::timestamp + interval '1 hour', 'YYYY-MM-DD\"T\"HH24:MI')" h="$hour")
is "$(fcgi referent POST "/referent/campagnes/$cid/rythme" "_csrf=$csrf&debut=$next&fin=$hour&motif=x")" 400 \
	"a period that ends before it starts: refused"
is "$(fcgi referent POST "/referent/campagnes/$cid/rythme" "_csrf=$csrf&debut=$hour&fin=$next&motif=Essai+valgrind")" 303 \
	"an hour set aside"
wid=$(psql_q "SELECT max(id) FROM qualimetre.set_aside WHERE campaign_id = :'c'" c="$cid")
is "$(fcgi referent POST "/referent/campagnes/$cid/rythme/$wid/lever" "_csrf=$csrf")" 303 "and lifted"

# The comments: filtered, a bad tag refused, one hidden then shown again.
cr=$(psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, text)
	SELECT r.id, r.campaign_id, 'commentaire', 'Commentaire valgrind' FROM qualimetre.response r
	WHERE r.campaign_id = :'c' AND NOT EXISTS (SELECT 1 FROM qualimetre.answer a
		WHERE a.response_id = r.id AND a.question = 'commentaire')
	LIMIT 1 RETURNING response_id" c="$cid")
is "$(fcgi referent GET "/referent/campagnes/$cid/commentaires" "" "critere=attente&niveau=insatisfait&du=2020-01-01")" \
	200 "the comments, filtered"
csrf=$(input_value _csrf)
is "$(fcgi referent POST "/referent/campagnes/$cid/commentaires" "_csrf=$csrf&action=themes&reponse=$cr&question=commentaire&theme-de=999999999")" \
	400 "an unknown theme refused"
is "$(fcgi referent POST "/referent/campagnes/$cid/commentaires" "_csrf=$csrf&action=masquer&reponse=$cr&question=commentaire&motif=Nom")" \
	303 "a comment hidden from the exports"
is "$(fcgi referent POST "/referent/campagnes/$cid/commentaires" "_csrf=$csrf&action=afficher&reponse=$cr&question=commentaire")" \
	303 "and shown again"
is "$(fcgi referent GET "/referent/campagnes/$cid/commentaires/themes")" 200 "the site's themes"

# A paper questionnaire of her own, corrected then withdrawn.
pc=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT site_id, form_id, 'satisfaction', 'Papier valgrind', current_date - 1, current_date + 1,
	'vg-papier-' || :'p' FROM qualimetre.campaign WHERE id = :'c' RETURNING id" c="$cid" p="$$")
pr=$(psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, entered_by, form_token)
	SELECT gen_random_uuid(), :'c', 'paper', id, 'vg-papier-' || :'p' FROM qualimetre.app_user
	WHERE login = :'l' RETURNING id" c="$pc" p="$$" l="vg-ref-$$")
psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, value) VALUES
	(:'r', :'c', 'motif', 'autre'), (:'r', :'c', 'profil', 'particulier'), (:'r', :'c', 'canal', 'sur-place')" r="$pr" c="$pc"
is "$(fcgi referent GET "/referent/campagnes/$pc/papier/saisis")" 200 "the typed paper questionnaires"
fcgi referent GET "/referent/campagnes/$pc/papier/$pr" > /dev/null
csrf=$(input_value _csrf)
is "$(fcgi referent POST "/referent/campagnes/$pc/papier/$pr" "_csrf=$csrf&_revision=0&_motif=erreur&motif=identite&profil=particulier&canal=sur-place")" \
	303 "one of them corrected"
is "$(fcgi referent POST "/referent/campagnes/$pc/papier/$pr" "_csrf=$csrf&_revision=1&_motif=&motif=nimporte")" \
	400 "a bad correction refused"
is "$(fcgi referent POST "/referent/campagnes/$pc/papier/$pr/retrait" "_csrf=$csrf&_revision=1&_motif=doublon&confirmer=oui")" \
	303 "then withdrawn"
is "$(fcgi referent GET "/referent/campagnes/$pc/papier/$pr")" 200 "its history"

# The people pages: the list, a page, a bad then a good creation, and
# a new password for the enquirer just created.
is "$(fcgi referent GET /referent/personnes)" 200 "the people of her sites"
eid=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="vg-enq-$$")
is "$(fcgi referent GET "/referent/personnes/$eid")" 200 "an enquirer's page"
csrf=$(input_value _csrf)
site=$(psql_q "SELECT id FROM qualimetre.site WHERE code = 'PREF-41'")
is "$(fcgi referent POST /referent/personnes/nouvelle "_csrf=$csrf&login=X&name=&role=referent&site=$site")" 400 \
	"a bad creation refused"
is "$(fcgi referent POST /referent/personnes/nouvelle "_csrf=$csrf&login=vg-new-$$&name=Nouvelle&role=enquirer&site=$site")" \
	200 "an enquirer created, her password shown"
nid=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="vg-new-$$")
is "$(fcgi referent POST "/referent/personnes/$nid/mot-de-passe" "_csrf=$csrf")" 200 "a new password for her"
check "an admin logs in" login referent /referent "vg-adm-$$"
is "$(fcgi referent GET /referent/national)" 200 "the national view"
is "$(fcgi referent GET /referent/national "" "tri=courtoisie&ordre=desc&critere=attente")" 200 \
	"sorted by a criterion, another criterion's chart"
is "$(fcgi referent GET /referent/national "" "tri=nimporte")" 400 "a bad sort refused"
is "$(fcgi referent GET /referent/national "" "type=courriel")" 200 \
	"the national view of the mystery emails"
is "$(fcgi referent GET /referent/sites-ensemble "" "groupe=dep-41&type=appel")" 200 \
	"a department's sites together, their calls"
is "$(fcgi referent GET /referent/sites-ensemble "" "groupe=dep-41")" 200 \
	"and their questionnaires, tested site against site"
site41=$(psql_q "SELECT id FROM qualimetre.site WHERE code = 'PREF-41'")
is "$(fcgi referent GET "/referent/autodiagnostic/$site41/2030-S2")" 200 "a self-assessment grid"
csrf=$(input_value _csrf)
grid="_csrf=$csrf&action=valider"
for k in $(grep -oE 'name="n-[a-z0-9-]+"' "$HTTP_BODY" | sed 's/name="n-//; s/"//' | sort -u); do
	grid+="&n-$k=1&c-$k=preuve"
done
is "$(fcgi referent POST "/referent/autodiagnostic/$site41/2030-S2" "$grid&n-e99-x=1")" 400 \
	"an unknown engagement refused"
is "$(fcgi referent POST "/referent/autodiagnostic/$site41/2030-S2" "$grid")" 303 \
	"the self-assessment validated, its gaps opening actions"
is "$(fcgi referent GET /referent/actions)" 200 "the action plan"
is "$(fcgi referent POST /referent/actions/nouvelle "_csrf=$csrf&site=$site41&origine=audit&titre=x&description=&responsable=y&echeance=2030-02-30&statut=prevue&copil=")" \
	400 "an action with a date that does not exist refused"

check "the enquirer logs in" login mystery /mystere "vg-enq-$$"
is "$(fcgi mystery GET /mystere/)" 200 "her slots"
slot=$(psql_q "SELECT s.id FROM qualimetre.slot s JOIN qualimetre.campaign c ON c.id = s.campaign_id
	JOIN qualimetre.site site ON site.id = c.site_id WHERE site.code = 'PREF-41'
	AND c.closes_on >= current_date AND NOT EXISTS (SELECT 1 FROM qualimetre.response r WHERE r.slot_id = s.id)
	ORDER BY s.id LIMIT 1")
psql_q "UPDATE qualimetre.slot SET enquirer_id = (SELECT id FROM qualimetre.app_user WHERE login = :'l')
	WHERE id = :'s'" l="vg-enq-$$" s="$slot"
fcgi mystery GET "/mystere/creneaux/$slot" > /dev/null
moment=$(input_value moment) token=$(input_value _jeton) csrf=$(input_value _csrf)
is "$(fcgi mystery POST "/mystere/creneaux/$slot" "moment=$moment&service=standard&decroche=conforme&sonneries=3&annonce-service=conforme&courtoisie=conforme&langage=conforme&reponse=conforme&transfert=sans-objet&attente=20&formule-fin=conforme&_jeton=$token&_csrf=$csrf")" \
	303 "a call recorded in her slot"

stop_prog referent
stop_prog mystery
reports=$(ls "$vglog"/*.log 2>/dev/null | wc -l)
errors=$(grep -h 'ERROR SUMMARY' "$vglog"/*.log 2>/dev/null | grep -vc ' 0 errors' || true)
if [ "$reports" -ge 4 ] && [ "$errors" -eq 0 ] && ! grep -q 'definitely lost: [1-9]\|indirectly lost: [1-9]' "$vglog"/*.log; then
	ok 0 "valgrind: no error and no leak in $reports processes"
else
	ok 1 "valgrind: no error and no leak in $reports processes"
	cat "$vglog"/*.log | head -n 80 | sed 's/^/#   /'
fi
check "every valgrind report is there" test "$reports" -ge 4
