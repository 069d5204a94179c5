#!/usr/bin/env bash
# The referent's satisfaction campaigns (issue 5): creating one on her site,
# bad dates and forged sites refused with nothing stored, down to the
# database's policies; opening and closing it (the public page then says
# closed, 410); typing paper questionnaires (channel paper, the typist
# recorded, answers as typed, a double send stored once, CSRF required);
# another site's referent gets 404 and the policies refuse her too.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 48

login() { staff_login /referent "$@"; }
# The site's today, as the programs see it.
T="(now() AT TIME ZONE 'Europe/Paris')::date"
day() { psql_q "SELECT to_char($T + :'n'::int, 'YYYY-MM-DD')" n="$1"; }
dates_of() { psql_q "SELECT opens_on - $T || '/' || closes_on - $T FROM qualimetre.campaign WHERE id = :'c'" c="$1"; }
count_at() { psql_q "SELECT count(*) FROM qualimetre.campaign c JOIN qualimetre.site s ON s.id = c.site_id WHERE s.code = :'s'" s="$1"; }
paper_of() { psql_q "SELECT count(*) FROM qualimetre.response WHERE campaign_id = :'c'" c="$1"; }

psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	('TEST-RC-A', 'Préfecture RC A', '41', 'B'), ('TEST-RC-B', 'Préfecture RC B', '37', 'B')
	ON CONFLICT (code) DO NOTHING"
# Each run starts from no campaign on these sites, so that slugs are known.
psql_q "DELETE FROM qualimetre.response WHERE campaign_id IN (SELECT c.id FROM qualimetre.campaign c
	JOIN qualimetre.site s ON s.id = c.site_id WHERE s.code LIKE 'TEST-RC-_');
	DELETE FROM qualimetre.campaign WHERE site_id IN (SELECT id FROM qualimetre.site WHERE code LIKE 'TEST-RC-_')"
ra=rc-a-$$ rb=rc-b-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$ra" --role referent --site TEST-RC-A > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$rb" --role referent --site TEST-RC-B > /dev/null
sa=$(psql_q "SELECT id FROM qualimetre.site WHERE code = 'TEST-RC-A'")
sb=$(psql_q "SELECT id FROM qualimetre.site WHERE code = 'TEST-RC-B'")
ida=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$ra")
idb=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$rb")
form=$(psql_q "SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1")

# ---- creating
is "$(referent_login "$ra" "$pw")" 303 "the referent of site A logs in"
http_get /referent/ > /dev/null
body_has 'href="/referent/campagnes/nouvelle"' "her home page links to a new campaign"
is "$(http_get /referent/campagnes/nouvelle)" 200 "the creation form"
body_has "marge d’erreur de ± 5 points : 385 questionnaires" "with the sample size computed by stats/"
# Issue 11, item 9: a date picker shows the browser's format, not ISO's.
is "$(grep -cE 'AAAA-MM-JJ|Format :' "$HTTP_BODY")" 0 "no format hint contradicts the date pickers"
csrf=$(input_value _csrf)
create() { http_post /referent/campagnes/nouvelle "_csrf=$csrf&site=$1&form=$form&title=$(urlencode "$2")&opens_on=$3&closes_on=$4&target=$5"; }

code=$(create "$sa" "" "$(day 5)" "$(day 30)" 400)
c1=$(http_header Location | sed -n 's,^/referent/campagnes/\([0-9]*\)$,\1,p')
check "a campaign is created (303 to /referent/campagnes/$c1, got $code)" test "$code" = 303 -a -n "$c1"
year=$(psql_q "SELECT to_char($T + 5, 'YYYY')")
is "$(psql_q "SELECT site_id || '|' || form_id || '|' || kind || '|' || title || '|' || slug || '|' || target_count
	FROM qualimetre.campaign WHERE id = :'c'" c="$c1")" \
	"$sa|$form|satisfaction|Enquête de satisfaction $year|test-rc-a-$year|400" \
	"its row: her site, the form, the default title, the slug of the site and year, the target"
is "$(dates_of "$c1")" "5/30" "its dates as typed"
code=$(create "$sa" "Enquête d'automne" "$(day -10)" "$(day 20)" "")
c2=$(http_header Location | sed -n 's,^/referent/campagnes/\([0-9]*\)$,\1,p')
slug2=$(psql_q "SELECT slug FROM qualimetre.campaign WHERE id = :'c'" c="$c2")
like "$code $slug2" "^303 test-rc-a-[0-9]{4}(-2)?$" "a second one gets a slug of its own ($slug2)"
is "$(psql_q "SELECT coalesce(target_count::text, 'none') || '|' || title FROM qualimetre.campaign WHERE id = :'c'" c="$c2")" \
	"none|Enquête d'automne" "without a target, with the title typed"

n=$(count_at TEST-RC-A)
is "$(create "$sa" "" "$(day 10)" "$(day 5)" "")" 400 "closing before opening: 400"
body_has 'id="rc-period-error"' "the message is next to the dates"
body_has 'href="#rc-opens"' "and listed at the top, linked to the field"
is "$(create "$sa" "" "$(day 0)" "$(day 366)" "")/$(create "$sa" "" "2027-02-30" "$(day 5)" "")/$(create "$sa" "" "$(day 0)" "$(day 5)" "0")" \
	"400/400/400" "367 days, a date that does not exist, a target of 0: 400 each"
is "$(count_at TEST-RC-A)" "$n" "nothing was created"
is "$(create "$sb" "" "$(day 0)" "$(day 5)" "")" 400 "a forged site id (site B's) is refused"
body_has "vous n’avez pas la charge de ce site" "with a message next to the site"
is "$(count_at TEST-RC-B)" 0 "and nothing is created on site B"
is "$(http_post /referent/campagnes/nouvelle "site=$sa&form=$form&title=x&opens_on=$(day 0)&closes_on=$(day 5)")/$(count_at TEST-RC-A)" \
	"403/$n" "without the CSRF token: 403, nothing created"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	VALUES (:'s', :'f', 'satisfaction', 'x', current_date, current_date, 'test-rc-forged')" \
	u="$ida" tok="$(session_token "$ida")" s="$sb" f="$form" 2>&1)
like "$out" "row-level security" "the referent role's policy itself refuses a campaign on another site"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT :'s', id, 'satisfaction', 'x', current_date, current_date, 'test-rc-forged'
	FROM qualimetre.form WHERE kind <> 'satisfaction' LIMIT 1" u="$ida" tok="$(session_token "$ida")" s="$sa" 2>&1)
like "$out" "row-level security" "and one on a mystery grid"

# ---- opening and closing
is "$(http_post "/referent/campagnes/$c1/ouvrir" "_csrf=$csrf")/$(http_header Location)" \
	"303//referent/campagnes/$c1?ouverte" "opening the upcoming campaign now"
is "$(dates_of "$c1")" "0/30" "it opens today, its closing date kept"
is "$(http_post "/referent/campagnes/$c1/fermer" "_csrf=$csrf")/$(dates_of "$c1")" "409/0/30" \
	"closing it the day it opened is refused with a message, dates unchanged"
is "$(http_post "/referent/campagnes/$c2/fermer" "_csrf=$csrf")/$(dates_of "$c2")" "303/-10/-1" \
	"closing the running one: its last day was yesterday"
# The survey program keeps what it read of a campaign for 30 seconds
# (cgi/survey/survey.c, CAMPAIGN_TTL): a worker may have read this slug in
# an earlier run of this test.
public_closed() { [ "$(http_get "/enquete/$slug2")" = 410 ]; }
check "its public page then says it is closed (410)" wait_until 35 public_closed
is "$(http_post "/referent/campagnes/$c2/ouvrir" "_csrf=$csrf")/$(dates_of "$c2")" \
	"303/-10/0" "reopened until the end of today, its start kept"
is "$(http_post "/referent/campagnes/$c2/fermer" "_csrf=$csrf")/$(http_post "/referent/campagnes/$c2/fermer" "")/$(dates_of "$c2")" \
	"303/403/-10/-1" "closed again; without the CSRF token: 403"

# ---- paper questionnaires, into the closed campaign
is "$(http_get "/referent/campagnes/$c2/papier")" 200 "the paper form of the closed campaign"
like "$(grep -o '<input[^>]*autofocus[^>]*>' "$HTTP_BODY")" 'id="q-motif-etrangers"' "the first field has the focus"
tok1=$(input_value _jeton)
paper()
{
	http_post "/referent/campagnes/$c2/papier" "_csrf=$csrf&_jeton=$1&motif=$2&profil=particulier&canal=sur-place&courtoisie=$3&commentaire=$(urlencode "$4")"
}
c=$(paper "$tok1" etrangers satisfait "Très bien, merci")
l=$(http_header Location)
http_get "/referent/campagnes/$c2/papier" > /dev/null
tok2=$(input_value _jeton)
c=$c/$(paper "$tok2" autre tres-satisfait "")
l=$l,$(http_header Location)
http_get "$(http_header Location)" > /dev/null
body_has "Questionnaire n° 2 enregistré" "after a save, the empty form again says which one was saved"
tok3=$(input_value _jeton)
c=$c/$(paper "$tok3" identite peu-satisfait "Attente <longue> & \"bruyante\"")
is "$c/$l" "303/303/303//referent/campagnes/$c2/papier?enregistre=1,/referent/campagnes/$c2/papier?enregistre=2" \
	"three questionnaires typed, each back to a new form"
is "$(psql_q "SELECT count(*) || '|' || count(*) FILTER (WHERE channel = 'paper' AND entered_by = :'u')
	FROM qualimetre.response WHERE campaign_id = :'c'" c="$c2" u="$ida")" "3|3" \
	"stored as three paper responses typed by the referent"
is "$(answers_of "$tok1" | tr '\n' ';')" \
	"canal=sur-place;commentaire=Très bien, merci;courtoisie=satisfait;motif=etrangers;profil=particulier;" \
	"the first one's answers exactly as typed"
is "$(answers_of "$tok3" | tr '\n' ';')" \
	"canal=sur-place;commentaire=Attente <longue> & \"bruyante\";courtoisie=peu-satisfait;motif=identite;profil=particulier;" \
	"the third one's too, its text byte for byte"
is "$(paper "$tok3" identite peu-satisfait "encore")/$(http_header Location)/$(paper_of "$c2")" \
	"303//referent/campagnes/$c2/papier?deja/3" "the same form sent twice (a double Enter) stores one"
http_get "/referent/campagnes/$c2/papier" > /dev/null
tok4=$(input_value _jeton)
is "$(http_post "/referent/campagnes/$c2/papier" "_jeton=$tok4&motif=autre&profil=elu&canal=courriel")/$(paper_of "$c2")" \
	"403/3" "without the CSRF token: 403, nothing stored"
is "$(paper "$tok4" "" satisfait "")/$(paper_of "$c2")" "400/3" "a required answer missing: 400, nothing stored"
c3=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	VALUES (:'s', :'f', 'satisfaction', 'Ancienne', $T - 60, $T - 31, 'test-rc-a-ancienne') RETURNING id" s="$sa" f="$form")
is "$(http_get "/referent/campagnes/$c3/papier")" 403 "31 days after the closing date, paper is refused"

# ---- another site's referent
referent_login "$rb" "$pw" > /dev/null
http_get /referent/ > /dev/null
csrfb=$(input_value _csrf)
is "$(http_get "/referent/campagnes/$c2/papier")/$(http_post "/referent/campagnes/$c2/papier" "_csrf=$csrfb&_jeton=$tok4&motif=autre&profil=elu&canal=courriel")/$(paper_of "$c2")" \
	"404/404/3" "the referent of site B cannot type into site A's campaign (404)"
is "$(http_post "/referent/campagnes/$c2/ouvrir" "_csrf=$csrfb")/$(http_post "/referent/campagnes/$c1/fermer" "_csrf=$csrfb")/$(dates_of "$c2")/$(dates_of "$c1")" \
	"404/404/-10/-1/0/30" "nor open or close it"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.response (id, campaign_id, channel, entered_by, form_token)
	VALUES (gen_random_uuid(), :'c', 'paper', :'u', 'test-rc-forged');
	UPDATE qualimetre.campaign SET closes_on = closes_on + 1 WHERE id = :'c' RETURNING id" u="$idb" tok="$(session_token "$idb")" c="$c2" 2>&1)
like "$out" "row-level security" "the policies refuse B's paper response in A's campaign"
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	UPDATE qualimetre.campaign SET closes_on = closes_on + 1 WHERE id = :'c' RETURNING id" u="$idb" tok="$(session_token "$idb")" c="$c2" | tail -n +2 | grep -c .)/$(dates_of "$c2")" \
	"0/-10/-1" "and B's update of A's campaign touches no row"
r1=$(psql_q "SELECT id FROM qualimetre.response WHERE form_token = :'t'" t="$tok1")
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	VALUES (:'r', :'c', 'attente', 'satisfait')" u="$ida" tok="$(session_token "$ida")" r="$r1" c="$c2" 2>&1)
like "$out" "row-level security" "and A herself cannot add an answer to a response stored earlier"

# ---- A's session expires while she types a paper questionnaire: kept
login "$ra" "$pw" > /dev/null
http_get "/referent/campagnes/$c2/papier" > /dev/null
tok5=$(input_value _jeton) csrf5=$(input_value _csrf)
psql_q "DELETE FROM qualimetre.session WHERE user_id = :'u'" u="$ida" > /dev/null
n5=$(paper_of "$c2")
is "$(http_post "/referent/campagnes/$c2/papier" "_csrf=$csrf5&_jeton=$tok5&motif=autre&profil=elu&canal=courriel&courtoisie=satisfait")" \
	403 "a paper questionnaire sent once the session has expired: the login page"
body_has '<input type="hidden" name="_g_profil" value="elu">' "holding its answers"
held=$(grep -oE '<input type="hidden" name="_(g_[a-z_-]*|retour)" value="[^"]*">' "$HTTP_BODY" |
	sed 's/.*name="\([^"]*\)" value="\([^"]*\)".*/\1=\2/' | paste -sd'&')
http_post /referent/connexion "login=$(urlencode "$ra")&password=$(urlencode "$pw")&_jeton=$(input_value _jeton)&$held" > /dev/null
back=$(grep -oE '<input type="hidden" name="[^"]*" value="[^"]*">' "$HTTP_BODY" |
	sed 's/.*name="\([^"]*\)" value="\([^"]*\)".*/\1=\2/' | paste -sd'&')
is "$(http_post "/referent/campagnes/$c2/papier" "$back")/$(paper_of "$c2")" "200/$n5" \
	"logged in again, the questionnaire comes back, nothing stored yet"
body_has 'value="elu" checked' "filled in as it was sent"
