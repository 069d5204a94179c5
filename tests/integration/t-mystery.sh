#!/usr/bin/env bash
# Recording mystery contacts through /mystere/: a whole 20-call campaign
# recorded slot by slot, corrections, and every bad input refused with
# nothing changed: a date outside the period, a negative ring count, a
# slot already recorded, an email answered before it was sent, another
# enquirer's slot or entry, a missing or wrong CSRF token, an expired
# session, a closed campaign (down to the database's policies). After
# the last day, an email may still be recorded until its own answer is
# due (plus 3 days to type it), a call for 3 days after it was made.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 56

login() { staff_login /mystere "$@"; }
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES ('TEST-MYST', 'Préfecture de test (mystère)', '41', 'B') ON CONFLICT (code) DO NOTHING"
a=myst-a-$$ b=myst-b-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$a" --role enquirer --site TEST-MYST > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$b" --role enquirer --site TEST-MYST > /dev/null

# campaign SLUG KIND FORM_KEY NSLOTS_A NSLOTS_B: a campaign open from 3 days
# ago for 30 days, with one slot per half-day: the first NSLOTS_A to A,
# the next NSLOTS_B to B.
campaign()
{
	psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, target_count, slug)
		SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = :'fk' ORDER BY version DESC LIMIT 1),
			:'kind', 'Campagne ' || :'slug', current_date - 3, current_date + 30, 20, :'slug'
		FROM qualimetre.site s WHERE s.code = 'TEST-MYST';
		INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
		SELECT id, 'standard', 'Standard (accueil téléphonique)', 1 FROM qualimetre.campaign WHERE slug = :'slug';
		INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
		SELECT c.id, current_date - 3 + h / 2, h % 2 = 1, 'standard',
			(SELECT id FROM qualimetre.app_user WHERE login = CASE WHEN h < :'na'::int THEN :'a' ELSE :'b' END)
		FROM qualimetre.campaign c, generate_series(0, :'na'::int + :'nb'::int - 1) h
		WHERE c.slug = :'slug'" slug="$1" kind="$2" fk="$3" na="$4" nb="$5" a="$a" b="$b"
}
slots_of() # SLUG LOGIN: the slot ids, in order
{
	psql_q "SELECT s.id FROM qualimetre.slot s JOIN qualimetre.campaign c ON c.id = s.campaign_id
		JOIN qualimetre.app_user u ON u.id = s.enquirer_id
		WHERE c.slug = :'slug' AND u.login = :'l' ORDER BY s.day, s.afternoon" slug="$1" l="$2"
}
count_calls() # SLUG
{
	psql_q "SELECT count(*) FROM qualimetre.response r JOIN qualimetre.campaign c ON c.id = r.campaign_id
		WHERE c.slug = :'slug'" slug="$1"
}

calls=calls-$$
campaign "$calls" mystery-call mystery-call 20 2
check "the call grid is loaded" test -n "$(psql_q "SELECT id FROM qualimetre.form WHERE key = 'mystery-call'")"

# ---- a whole 20-call campaign
is "$(login "$a" "$pw")" 303 "enquirer A logs in"
http_get /mystere/ > /dev/null
body_has "0 contact saisi sur 20 créneaux" "A sees her 20 slots and her progress"
fails=0 n=0
for slot in $(slots_of "$calls" "$a"); do
	n=$((n + 1))
	http_get "/mystere/creneaux/$slot" > /dev/null
	moment=$(input_value moment) token=$(input_value _jeton) csrf=$(input_value _csrf)
	rings=$(( n % 8 ))
	code=$(http_post "/mystere/creneaux/$slot" "moment=$moment&service=standard&decroche=conforme&sonneries=$rings&annonce-service=conforme&courtoisie=conforme&langage=conforme&reponse=conforme&transfert=sans-objet&attente=$((n * 10))&formule-fin=conforme&commentaire=$(urlencode "Appel $n")&_jeton=$token&_csrf=$csrf")
	[ "$code" = 303 ] || { fails=$((fails + 1)); diag "slot $slot: $code"; }
done
is "$fails/$n" "0/20" "20 contacts recorded, one per slot"
is "$(count_calls "$calls")" 20 "20 responses stored"
is "$(psql_q "SELECT count(DISTINCT slot_id) || ' ' || min(channel) || ' ' || max(channel) FROM qualimetre.response r
	JOIN qualimetre.campaign c ON c.id = r.campaign_id WHERE c.slug = :'s'" s="$calls")" "20 call call" \
	"each in its own slot, as calls"
is "$(psql_q "SELECT count(*) FROM qualimetre.answer a JOIN qualimetre.campaign c ON c.id = a.campaign_id
	WHERE c.slug = :'s' AND a.question = 'sonneries'" s="$calls")" 20 "each with its ring count"
http_get /mystere/ > /dev/null
body_has "20 contacts saisis sur 20 créneaux" "the progress says 20 of 20"
first=$(slots_of "$calls" "$a" | head -n 1)
entry=$(psql_q "SELECT id FROM qualimetre.response WHERE slot_id = :'s'" s="$first")
is "$(http_get "/mystere/creneaux/$first")" 409 "a slot already recorded: 409"

# ---- bad input changes nothing
slot_b=$(slots_of "$calls" "$b" | head -n 1)
login "$b" "$pw" > /dev/null
http_get "/mystere/creneaux/$slot_b" > /dev/null
# Issue 11, item 9: whether the call went through is answered Oui / Non.
body_has 'for="q-decroche-conforme">Oui</label>' \
	"the grid asks whether the call went through: Oui"
body_has 'for="q-decroche-non-conforme">Non</label>' "or Non"
is "$(grep -c 'q-decroche-sans-objet' "$HTTP_BODY")/$(grep -c 'for="q-courtoisie-sans-objet">Sans objet' "$HTTP_BODY")" "0/1" \
	"with no Sans objet, which the other criteria keep"
token=$(input_value _jeton) csrf=$(input_value _csrf) moment=$(input_value moment)
good="service=standard&decroche=conforme&sonneries=2&annonce-service=conforme&courtoisie=conforme&langage=conforme&reponse=conforme&transfert=sans-objet&attente=5&formule-fin=conforme&_jeton=$token"
before=$(count_calls "$calls")
code=$(http_post "/mystere/creneaux/$slot_b" "moment=2001-01-01T10:00&$good&_csrf=$csrf")
is "$code" 400 "a date outside the period: 400"
body_has "période de la campagne" "with the message next to the field"
code=$(http_post "/mystere/creneaux/$slot_b" "moment=$moment&${good/sonneries=2/sonneries=-1}&_csrf=$csrf")
is "$code" 400 "a negative ring count: 400"
code=$(http_post "/mystere/creneaux/$slot_b" "moment=$moment&$good")
is "$code" 403 "no CSRF token: 403"
code=$(http_post "/mystere/creneaux/$slot_b" "moment=$moment&$good&_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
is "$code" 403 "a wrong CSRF token: 403"
code=$(http_post "/mystere/creneaux/$slot_b" "moment=$moment&${good/decroche=conforme/decroche=sans-objet}&_csrf=$csrf")
is "$code" 400 "Sans objet for whether the call went through: 400"
is "$(count_calls "$calls")" "$before" "none of these stored anything"

# ---- the session expires while the grid is filled in: nothing is lost
# hidden_fields: the hidden inputs of the last page as a urlencoded body,
# but those named in $1 (an ERE).
hidden_fields()
{
	grep -oE '<input type="hidden" name="[^"]*" value="[^"]*">' "$HTTP_BODY" |
		sed 's/.*name="\([^"]*\)" value="\([^"]*\)".*/\1 \2/' |
		grep -vE "^($1) " | while read -r k v; do
			printf '%s=%s&' "$k" "$(urlencode "$v")"
		done
}
slot_b2=$(slots_of "$calls" "$b" | sed -n 2p)
http_get "/mystere/creneaux/$slot_b2" > /dev/null
good2="${good%%_jeton=*}_jeton=$(input_value _jeton)"
psql_q "DELETE FROM qualimetre.session WHERE user_id = (SELECT id FROM qualimetre.app_user WHERE login = :'l')" \
	l="$b" > /dev/null
code=$(http_post "/mystere/creneaux/$slot_b2" "moment=$(input_value moment)&$good2&commentaire=Gard%C3%A9&_csrf=$(input_value _csrf)")
is "$code" 403 "a grid sent once the session has expired: the login page"
body_has "est conservé" "which says what was sent is kept"
body_has '<input type="hidden" name="_g_sonneries" value="2">' "and holds every answer"
held=$(hidden_fields '_jeton')
code=$(http_post /mystere/connexion "login=$(urlencode "$b")&password=$(urlencode "$pw")&_jeton=$(input_value _jeton)&$held")
is "$code" 200 "logged in again: a page to get the grid back"
action=$(grep -o '<form method="post" action="[^"]*"' "$HTTP_BODY" | tail -n 1 | sed 's/.*action="//; s/"$//')
is "$action" "/mystere/creneaux/$slot_b2" "which sends it back to its slot"
code=$(http_post "$action" "$(hidden_fields '')")
is "$code/$(count_calls "$calls")" "200/$before" "the grid comes back, nothing stored yet"
body_has "Votre saisie vous attend" "saying so"
body_has '>Gardé</textarea>' "filled in as it was sent"
code=$(http_post "$action" "moment=$(input_value moment)&$good2&commentaire=Gard%C3%A9&_csrf=$(input_value _csrf)")
is "$code/$(count_calls "$calls")" "303/$((before + 1))" "and is stored once sent"
before=$(count_calls "$calls")
csrf=$(http_get "/mystere/creneaux/$slot_b" > /dev/null; input_value _csrf)	# B's new session
is "$(http_get "/mystere/creneaux/$first")" 404 "B cannot open A's slot: 404"
is "$(http_get "/mystere/saisies/$entry")" 404 "B cannot read A's entry: 404"
code=$(http_post "/mystere/saisies/$entry" "moment=$moment&$good&_csrf=$csrf")
is "$code" 404 "B cannot change A's entry: 404"
is "$(psql_q "SELECT count(*) FROM qualimetre.answer WHERE response_id = :'e' AND question = 'commentaire' AND text = 'Appel 1'" e="$entry")" 1 \
	"A's entry is untouched"
idb=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'b'" b="$b")
got=$(psql_as qualimetre_mystery "SELECT set_config('qualimetre.session', :'tok', false);
	DELETE FROM qualimetre.answer WHERE response_id = :'e'" u="$idb" tok="$(session_token "$idb")" e="$entry" 2>&1 | tail -n 1)
is "$(psql_q "SELECT count(*) FROM qualimetre.answer WHERE response_id = :'e'" e="$entry")" 12 \
	"even in SQL as B, the policy hides A's answers from deletion"
code=$(http_post "/mystere/creneaux/$slot_b" "moment=$moment&$good&_csrf=$csrf")
is "$code" 303 "B records her own slot"
is "$(count_calls "$calls")" $((before + 1)) "one more response"
psql_q "UPDATE qualimetre.session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = :'u'" u="$idb"
code=$(http_post "/mystere/campagnes/$(psql_q "SELECT id FROM qualimetre.campaign WHERE slug = :'s'" s="$calls")/hors-creneau" "moment=$moment&$good&_csrf=$csrf")
is "$code" 403 "a POST with an expired session: 403, nothing stored"
is "$(count_calls "$calls")" $((before + 1)) "nothing more stored"

# ---- outside any slot, and corrections
login "$a" "$pw" > /dev/null
cid=$(psql_q "SELECT id FROM qualimetre.campaign WHERE slug = :'s'" s="$calls")
http_get "/mystere/campagnes/$cid/hors-creneau" > /dev/null
code=$(http_post "/mystere/campagnes/$cid/hors-creneau" "moment=$moment&$(echo "$good" | sed "s/_jeton=[^&]*/_jeton=$(input_value _jeton)/")&_csrf=$(input_value _csrf)")
is "$code" 303 "a contact outside any slot is recorded"
is "$(psql_q "SELECT count(*) FROM qualimetre.response r WHERE r.campaign_id = :'c' AND r.slot_id IS NULL" c="$cid")" 1 \
	"and flagged: no slot"
http_get /mystere/ > /dev/null
body_has "Hors créneau" "the enquirer's list shows it, flagged, to correct it"
http_get "/mystere/saisies/$entry" > /dev/null
body_has 'value="conforme" checked' "A's entry opens with its answers"
m1=$(input_value moment)
code=$(http_post "/mystere/saisies/$entry" "moment=$m1&service=standard&decroche=non-conforme&commentaire=$(urlencode 'Corrigé')&_csrf=$(input_value _csrf)")
is "$code" 303 "A corrects it"
is "$(answers_of_response "$entry")" "commentaire=Corrigé decroche=non-conforme moment=$m1 service=standard " \
	"the correction replaced the answers (the grid's condition drops the rest)"
psql_q "UPDATE qualimetre.campaign SET opens_on = current_date - 10, closes_on = current_date - 4
	WHERE id = :'c'" c="$cid" > /dev/null
http_get "/mystere/saisies/$entry" > /dev/null
is "$(http_post "/mystere/saisies/$entry" "moment=$moment&service=standard&decroche=conforme&_csrf=$csrf")/$(grep -q 'Campagne close' "$HTTP_BODY" && echo close)" \
	"403/close" "once the campaign is closed and its days of typing are over, no more corrections"
ida=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'a'" a="$a")
psql_as qualimetre_mystery "SELECT set_config('qualimetre.session', :'tok', false);
	DELETE FROM qualimetre.answer WHERE response_id = :'e'" u="$ida" tok="$(session_token "$ida")" e="$entry" > /dev/null 2>&1
is "$(psql_q "SELECT count(*) FROM qualimetre.answer WHERE response_id = :'e'" e="$entry")" 4 \
	"and the policy itself refuses it"

# ---- an email answered before it was sent
mails=mails-$$
campaign "$mails" mystery-email mystery-email 2 0
slot=$(slots_of "$mails" "$a" | head -n 1)
http_get "/mystere/creneaux/$slot" > /dev/null
envoi=$(input_value envoi)
code=$(http_post "/mystere/creneaux/$slot" "envoi=$envoi&service=standard&accuse=conforme&reponse-moment=2001-01-01T09:00&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
is "$code" 400 "an answer before the email was sent: 400"
body_has "précéder" "with the message next to the field"
sent=${envoi%%T*}
answered=$(date -d "$sent + 7 days" +%F)
code=$(http_post "/mystere/creneaux/$slot" "envoi=$envoi&service=standard&accuse=conforme&reponse-moment=${answered}T11:00&reponse-complete=conforme&personnalisee=conforme&courtoisie=conforme&signature=non-conforme&lisible=conforme&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
is "$code" 303 "an email answered 7 days later is recorded"
expected=$(admin working-days "$(date -d "$sent + 1 day" +%F)" "$answered" --department 41 | head -n 1)
is "$(psql_q "SELECT a.value FROM qualimetre.answer a JOIN qualimetre.response r ON r.id = a.response_id
	WHERE r.slot_id = :'s' AND a.question = 'delai'" s="$slot")" "$expected" \
	"its delay is stored in working days at the site ($expected)"

# ---- after the last day: each contact has its own window
# closed SLUG KIND FORM_KEY OPENS CLOSES DAY...: a closed campaign (OPENS
# and CLOSES in days from today, negative) with one morning slot of A on
# each DAY.
closed()
{
	local slug=$1 kind=$2 fk=$3 opens=$4 closes=$5 d
	shift 5
	psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, target_count, slug)
		SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = :'fk' ORDER BY version DESC LIMIT 1),
			:'kind', 'Campagne ' || :'slug', current_date + :'o'::int, current_date + :'c'::int, 20, :'slug'
		FROM qualimetre.site s WHERE s.code = 'TEST-MYST';
		INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
		SELECT id, 'standard', 'Standard (accueil téléphonique)', 1 FROM qualimetre.campaign WHERE slug = :'slug'" \
		slug="$slug" kind="$kind" fk="$fk" o="$opens" c="$closes" > /dev/null
	for d in "$@"; do
		psql_q "INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
			SELECT c.id, current_date + :'d'::int, false, 'standard',
				(SELECT id FROM qualimetre.app_user WHERE login = :'a')
			FROM qualimetre.campaign c WHERE c.slug = :'slug'" slug="$slug" d="$d" a="$a" > /dev/null
	done
}
login "$a" "$pw" > /dev/null
today=$(psql_q "SELECT (now() AT TIME ZONE timezone)::date FROM qualimetre.site WHERE code = 'TEST-MYST'")
late=late-$$
closed "$late" mystery-email mystery-email -20 -1 -20 -1
first=$(slots_of "$late" "$a" | head -n 1) last=$(slots_of "$late" "$a" | tail -n 1)
http_get "/mystere/creneaux/$last" > /dev/null
envoi=$(input_value envoi)
is "${envoi%%T*}" "$(date -d "$today - 1 day" +%F)" "an email campaign closed yesterday: its last slot's email was sent then"
code=$(http_post "/mystere/creneaux/$last" "envoi=$envoi&service=standard&accuse=conforme&reponse-moment=${today}T09:00&reponse-complete=conforme&personnalisee=conforme&courtoisie=conforme&signature=conforme&lisible=conforme&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
is "$code" 303 "its answer, come today within the delay, is recorded after the campaign's last day"
delay=$(psql_q "SELECT a.value FROM qualimetre.answer a JOIN qualimetre.response r ON r.id = a.response_id
	WHERE r.slot_id = :'s' AND a.question = 'delai'" s="$last")
ok $(( delay <= 5 ? 0 : 1 )) "and counts as on time ($delay working day(s))"
http_get "/mystere/creneaux/$first" > /dev/null
envoi=$(input_value envoi)
due=$(admin due-date "${envoi%%T*}" 5 --department 41 | head -n 1)
code=$(http_post "/mystere/creneaux/$first" "envoi=$envoi&service=standard&accuse=conforme&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
is "$code" 400 "an email sent 20 days ago, due on $due, can no longer be recorded"
body_has "sa réponse était attendue au plus tard le $due" "the page says when it was due"
is "$(psql_q "SELECT count(*) FROM qualimetre.response WHERE slot_id = :'s'" s="$first")" 0 "nothing stored"

calls2=calls2-$$ calls5=calls5-$$
closed "$calls2" mystery-call mystery-call -10 -2 -2
closed "$calls5" mystery-call mystery-call -10 -5 -5
s2=$(slots_of "$calls2" "$a") s5=$(slots_of "$calls5" "$a")
http_get "/mystere/creneaux/$s2" > /dev/null
code=$(http_post "/mystere/creneaux/$s2" "moment=$(input_value moment)&$(echo "$good" | sed "s/_jeton=[^&]*/_jeton=$(input_value _jeton)/")&_csrf=$(input_value _csrf)")
is "$code/$(http_get "/mystere/creneaux/$s5")" "303/403" \
	"a call of a campaign closed 2 days ago is still typed in; one closed 5 days ago no longer"

