#!/usr/bin/env bash
# Planning mystery campaigns through /referent/planification: referents
# and admins only; the form's defaults; a preview that skips a public
# holiday; a period too short or inside the school holidays refused with
# the count of half-days it holds; the campaign created with exactly its
# target of slots, one per half-day, on working days only, spread over
# the services and the enquirers, who then see their own slots; another
# site's referent neither seeing nor planning this site, down to the
# database's policies; a POST without the CSRF token refused. Nothing is
# created by a refused request. The old address /mystere/planification
# sends the browser on, and the mystery role may create nothing.
#
# The periods are fixed dates of spring 2027 (zone B's winter holidays
# end on 7 March, Easter Monday is 29 March, the spring holidays start on
# 18 April), as stored in sql/004-calendar.sql: the planner accepts past
# periods, so the test keeps working after them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 75

login() { staff_login "/${3:-referent}" "$1" "$2"; } # LOGIN PASSWORD [PROGRAM]
uid() # LOGIN
{
	psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$1"
}
campaigns() # SITE_CODE: how many campaigns the site holds
{
	psql_q "SELECT count(*) FROM qualimetre.campaign c JOIN qualimetre.site s ON s.id = c.site_id
		WHERE s.code = :'s'" s="$1"
}
last_line() { tail -n 1; }

A=TEST-PLAN-A B=TEST-PLAN-B
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	('TEST-PLAN-A', 'Préfecture de test (planification)', '41', 'B'),
	('TEST-PLAN-B', 'Sous-préfecture de test (planification)', '41', 'B')
	ON CONFLICT (code) DO NOTHING"
ref=plan-ref-$$ e1=plan-e1-$$ e2=plan-e2-$$ ref2=plan-ref2-$$ e3=plan-e3-$$
pw="mot de passe de planification $$"
rc=0
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$A" --name 'Référente A' > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$e1" --role enquirer --site "$A" --name "Enquêteur Un $$" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$e2" --role enquirer --site "$A" --name "Enquêtrice Deux $$" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$ref2" --role referent --site "$B" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$e3" --role enquirer --site "$B" > /dev/null || rc=1
ok $rc "a referent and two enquirers of site A, a referent and an enquirer of site B"
site_a=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$A")
id1=$(uid "$e1") id2=$(uid "$e2") id3=$(uid "$e3") idref=$(uid "$ref") idref2=$(uid "$ref2")
check "the call grid is loaded" test -n "$(psql_q "SELECT id FROM qualimetre.form WHERE key = 'mystery-call'")"

# form FIRST LAST: the planning form of site A for e1 and e2, every
# service a call reaches of the site's default list (sql/015), target 20,
# without its action.
title="Appels de test $$"
form()
{
	printf '%s' "_csrf=$csrf&site=$site_a&kind=appels&title=$(urlencode "$title")&first=$1&last=$2&target=20"
	printf '%s' "&service=accueil-general&service=standard&service=etrangers&service=point-numerique"
	printf '%s' "&enquirer=$id1&enquirer=$id2"
}
NEW=/referent/planification/nouvelle

# ---- enquirers are kept out
is "$(login "$e1" "$pw")" 303 "enquirer e1 logs in"
is "$(http_get /referent/planification)" 403 "an enquirer gets 403 on the list"
body_has "réservée? aux référents" "with a page that says why"
is "$(http_get $NEW)" 403 "and on the form"
csrf=$(input_value _csrf)
before=$(campaigns "$A")
is "$(http_post $NEW "$(form 2027-03-22 2027-04-06)&action=creer")" 403 "and a POST of a campaign, even with the CSRF token"
is "$(campaigns "$A")" "$before" "which creates nothing"

# ---- the form and its defaults
is "$(login "$ref" "$pw")" 303 "the referent of site A logs in"
is "$(http_get /referent/planification)" 200 "the list of campaigns"
body_has "href=\"/referent/planification/nouvelle\"" "with a link to plan a new one"
is "$(http_get $NEW)" 200 "the planning form"
csrf=$(input_value _csrf)
first=$(input_value first) last=$(input_value last)
today=$(psql_q "SELECT current_date")
is "$(date -d "$first" +%u)" 1 "the first day is a Monday by default ($first)"
ok $(( $(date -d "$first" +%s) > $(date -d "$today" +%s) ? 0 : 1 )) "after today"
is "$(date -d "$first + 11 days" +%F)" "$last" "the last day is 11 days later, a Friday: two working weeks"
is "$(input_value target)" 20 "the target is 20 by default"
like "$(input_value title)" "^Appels mystère [a-zéû]+ [0-9]{4}$" "the title names the month and the year"
body_has "<option value=\"$site_a\" selected>Préfecture de test \(planification\) \(TEST-PLAN-A\)" "site A is offered"
body_has "Enquêteur Un $$<span class=\"fr-hint-text\">$e1</span></label>" "its enquirers are offered, with their login"
body_has "for=\"pl-first\">Premier jour" "each input has its label"
is "$(grep -cE 'AAAA-MM-JJ|Format :' "$HTTP_BODY")" 0 "no format hint contradicts the date pickers"
body_has '<legend class="fr-fieldset__legend" id="pl-service-legend">Services à tester' "the services are a fieldset with its legend"
n=$(grep -cE 'name="service" value="(accueil-general|standard|etrangers|point-numerique)" checked' "$HTTP_BODY")
is "$n" 4 "the site's four services a call reaches, checked"

# ---- a preview across Easter Monday
before=$(campaigns "$A")
is "$(http_post $NEW "$(form 2027-03-22 2027-04-06)&action=apercu")" 200 "a preview over 22 March - 6 April 2027"
is "$(grep -c '<tr data-day=' "$HTTP_BODY")" 20 "20 slots proposed"
body_has "lundi 29 mars 2027 \(Lundi de Pâques\)" "Easter Monday is named as skipped"
is "$(grep -c 'data-day="2027-03-29"' "$HTTP_BODY")" 0 "and no slot falls on it"
body_has "parmi les 22 demi-journées possibles" "the page says how many half-days the period holds"
is "$(input_value title)" "$title" "the fields are kept"
body_has 'name="action" value="creer"' "with a button to create the campaign"
is "$(campaigns "$A")" "$before" "a preview creates nothing"

# ---- periods that cannot hold the target
code=$(http_post $NEW "$(form 2027-03-22 2027-04-02)&action=creer")
is "$code" 400 "two weeks with Easter Monday cannot hold 20 contacts: 400"
body_has 'id="pl-period-error">La période ne contient que 18 demi-journées possibles' "the message gives the 18 half-days, next to the dates"
body_has 'id="pl-first"[^>]*aria-describedby="pl-period-error"' "tied to the date inputs"
body_has '<a href="#pl-first">Période</a>' "and listed at the top, linking to the field"
code=$(http_post $NEW "$(form 2027-02-22 2027-03-05)&action=creer")
is "$code" 400 "a period inside zone B's winter holidays: 400"
body_has "aucune demi-journée possible" "it holds no half-day"
is "$(campaigns "$A")" "$before" "neither created anything"

# ---- bad input
code=$(http_post $NEW "$(form 2027-02-30 2027-03-05 | sed 's/target=20/target=0/')&action=apercu")
is "$code" 400 "a date that does not exist and a target of 0: 400"
body_has 'id="pl-first-error">Saisissez une date qui existe' "the date's message next to it"
body_has 'id="pl-target-error">L’objectif doit être un nombre entier de 1 à 200' "the target's next to it"
code=$(http_post $NEW "$(form 2027-03-22 2027-04-06 | sed "s/enquirer=$id2/enquirer=$id3/")&action=creer")
is "$code" 400 "an enquirer of another site: 400"
body_has "Cochez seulement des enquêteurs du site choisi" "with its message"
is "$(campaigns "$A")" "$before" "nothing created"

# ---- a grid not loaded
psql_q "UPDATE qualimetre.form SET key = 'mystery-email-off-$$' WHERE key = 'mystery-email'"
at_exit psql_q "UPDATE qualimetre.form SET key = 'mystery-email' WHERE key = 'mystery-email-off-$$'"
code=$(http_post $NEW "$(form 2027-03-22 2027-04-06 | sed 's/kind=appels/kind=courriels/')&action=creer")
is "$code" 400 "emails while the email grid is not loaded: 400"
body_has 'id="pl-kind-error">La grille des courriels mystère \(mystery-email\) n’est pas chargée' "the page says so"
psql_q "UPDATE qualimetre.form SET key = 'mystery-email' WHERE key = 'mystery-email-off-$$'"
is "$(campaigns "$A")" "$before" "nothing created"

# ---- the campaign
code=$(http_post $NEW "$(form 2027-03-22 2027-04-06)&action=creer")
is "$code" 303 "the referent creates the campaign"
is "$(http_header Location)" "/referent/planification?cree" "back to the list"
http_get /referent/planification > /dev/null
body_has "$title</td>.*0 / 20 contacts saisis" "which shows it with its progress"
cid=$(psql_q "SELECT id FROM qualimetre.campaign WHERE title = :'t'" t="$title")
like "$(psql_q "SELECT c.kind || ' ' || c.target_count || ' ' || (f.key = 'mystery-call') || ' ' || c.slug
	FROM qualimetre.campaign c JOIN qualimetre.form f ON f.id = c.form_id WHERE c.id = :'c'" c="$cid")" \
	'^mystery-call 20 true appels-test-plan-a-2027-03-22(-[0-9]+)?$' "a call campaign on the call grid, target 20, its slug"
is "$(psql_q "SELECT count(*) || ' ' || count(DISTINCT (day, afternoon)) FROM qualimetre.slot WHERE campaign_id = :'c'" c="$cid")" \
	"20 20" "exactly 20 slots, at most one per half-day"
is "$(psql_q "SELECT count(*) FROM qualimetre.slot sl
	JOIN qualimetre.campaign c ON c.id = sl.campaign_id
	JOIN qualimetre.site s ON s.id = c.site_id
	WHERE sl.campaign_id = :'c' AND (extract(isodow FROM sl.day) > 5 OR sl.day = date '2027-03-29'
		OR sl.day NOT BETWEEN c.opens_on AND c.closes_on
		OR EXISTS (SELECT 1 FROM qualimetre.school_holiday h WHERE h.zone = s.school_zone
			AND sl.day BETWEEN h.first_day AND h.last_day))" c="$cid")" \
	0 "none on a weekend, a public holiday, a school holiday or outside the period"
is "$(psql_q "SELECT string_agg(n::text, ',' ORDER BY n) FROM (SELECT count(*) AS n FROM qualimetre.slot
	WHERE campaign_id = :'c' GROUP BY service_key) x" c="$cid")" "5,5,5,5" "5 slots for each of the 4 services"
is "$(psql_q "SELECT string_agg(n::text, ',' ORDER BY n) FROM (SELECT count(*) AS n FROM qualimetre.slot
	WHERE campaign_id = :'c' GROUP BY enquirer_id) x" c="$cid")" "10,10" "10 for each enquirer"

# ---- each enquirer sees their own slots
login "$e1" "$pw" mystere > /dev/null
http_get /mystere/ > /dev/null
body_has "0 contact saisi sur 10 créneaux" "e1 sees her 10 slots"
login "$e2" "$pw" mystere > /dev/null
http_get /mystere/ > /dev/null
body_has "0 contact saisi sur 10 créneaux" "e2 sees his 10 slots"
got=$(psql_as qualimetre_mystery "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT count(*) FROM qualimetre.slot WHERE campaign_id = :'c'" u="$id1" tok="$(session_token "$id1")" c="$cid" | last_line)
is "$got" 10 "and the policy still shows e1 only her own"

# ---- the other site's referent
login "$ref2" "$pw" > /dev/null
http_get /referent/planification > /dev/null
! grep -q "$title" "$HTTP_BODY"
ok $? "B's referent does not see A's campaign"
http_get $NEW > /dev/null
csrf=$(input_value _csrf)
! grep -qE "\(TEST-PLAN-A\)|$e1" "$HTTP_BODY"
ok $? "nor site A or its enquirers in the form"
before=$(campaigns "$A")
code=$(http_post $NEW "$(form 2027-04-05 2027-04-16)&action=creer")
is "$code" 400 "a POST with site A's id forged: 400"
body_has "Ce site ne vous est pas confié" "this site is not theirs"
is "$(campaigns "$A")" "$before" "nothing created"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, target_count, slug)
	SELECT :'s', (SELECT max(id) FROM qualimetre.form WHERE key = 'mystery-call'), 'mystery-call',
		'Forgée', date '2027-04-05', date '2027-04-16', 20, :'slug'" \
	u="$idref2" tok="$(session_token "$idref2")" s="$site_a" slug="forged-$$" 2>&1)
like "$out" "row-level security" "in SQL as B's referent, the policy refuses a campaign on site A"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
	VALUES (:'c', date '2027-04-06', true, 'standard', :'e')" u="$idref2" tok="$(session_token "$idref2")" c="$cid" e="$id1" 2>&1)
like "$out" "row-level security" "and a slot in A's campaign"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
	VALUES (:'c', date '2027-03-27', true, 'standard', :'e')" u="$idref" tok="$(session_token "$idref")" c="$cid" e="$id1" 2>&1)
like "$out" "row-level security" "even A's referent cannot put a slot on a Saturday"
# The enquirers' role plans nothing, whoever is logged in.
out=$(psql_as qualimetre_mystery "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, target_count, slug)
	SELECT :'s', (SELECT max(id) FROM qualimetre.form WHERE key = 'mystery-call'), 'mystery-call',
		'Forgée', date '2027-04-05', date '2027-04-16', 20, :'slug'" \
	u="$idref" tok="$(session_token "$idref")" s="$site_a" slug="forged-m-$$" 2>&1)
like "$out" "permission denied" "the mystery role may not create a campaign, even for A's referent"
out=$(psql_as qualimetre_mystery "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
	VALUES (:'c', date '2027-04-06', true, 'standard', :'e')" u="$idref" tok="$(session_token "$idref")" c="$cid" e="$id1" 2>&1)
like "$out" "permission denied" "nor a slot"
is "$(psql_q "SELECT count(*) FROM qualimetre.slot WHERE campaign_id = :'c'" c="$cid")" 20 "the campaign still has its 20 slots"

# ---- the old address, in the enquirers' program
is "$(http_get "/mystere/planification?cree")/$(http_header Location)" "301//referent/planification?cree" \
	"/mystere/planification moved to /referent/planification, with its query"
is "$(http_post /mystere/planification/nouvelle "action=creer")/$(http_header Location)" \
	"308//referent/planification/nouvelle" "a form posted there is sent on with its method"
is "$(http_get /mystere/planifications)" 404 "a longer path is not the old address"

# ---- CSRF
login "$ref" "$pw" > /dev/null
http_get $NEW > /dev/null
csrf=$(input_value _csrf)
before=$(campaigns "$A")
is "$(http_post $NEW "$(form 2027-04-05 2027-04-16 | sed 's/^_csrf=[^&]*&//')&action=creer")" 403 \
	"a POST without the CSRF token: 403"
is "$(http_post $NEW "$(form 2027-04-05 2027-04-16 | sed 's/^_csrf=[^&]*/_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/')&action=creer")" 403 \
	"with a wrong one: 403"
is "$(campaigns "$A")" "$before" "nothing created"
