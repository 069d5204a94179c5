#!/usr/bin/env bash
# Mystery campaigns under a referential (sql/016), through nginx: the
# grid shows the rule under each question, the email deadline and the
# results follow the campaign's referential (a 7-working-day answer is on
# time under Qualipref 2.0, late under Qual-e-pref; 5 rings are not
# conform under Qual-e-pref's "moins de 5 sonneries"), version 2's new
# questions are recorded and come out in the results and the exports, a
# version 1 campaign keeps its results, and the planner stores the
# referential chosen and refuses one it does not offer.
. "$(dirname "$0")/lib.sh"

tap_plan 38

admin()
{
	as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_admin" \
		"$QM_BUILD/cgi/qualimetre" "$@"
}
login() # PROGRAM LOGIN PASSWORD
{
	rm -f "$HTTP_COOKIES"
	http_get "/$1/connexion" > /dev/null
	http_post "/$1/connexion" "login=$(urlencode "$2")&password=$(urlencode "$3")&_jeton=$(input_value _jeton)"
}
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	('TEST-RL', 'Préfecture de test (référentiels)', '41', 'B'),
	('TEST-RL-B', 'Autre préfecture (référentiels)', '37', 'B')
	ON CONFLICT (code) DO NOTHING"
en=enq-rl-$$ rf=ref-rl-$$ rf2=ref-rl-b-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$en" --role enquirer --site TEST-RL > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$rf" --role referent --site TEST-RL > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$rf2" --role referent --site TEST-RL-B > /dev/null
today=$(psql_q "SELECT (now() AT TIME ZONE timezone)::date FROM qualimetre.site WHERE code = 'TEST-RL'")

# campaign SLUG KIND VERSION REFERENTIAL DAY...: a campaign of the grid
# KIND at VERSION under the referential of that key, open from 30 days
# ago for 40 days, with one morning slot of the enquirer on each DAY
# (days from today). Prints its id.
campaign()
{
	local slug=$1 kind=$2 version=$3 ref=$4 d id
	shift 4
	id=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on,
			target_count, slug, referential_id)
		SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = :'k' AND version = :'v'::int),
			:'k', 'Campagne ' || :'slug', current_date - 30, current_date + 10, 20, :'slug',
			(SELECT id FROM qualimetre.referential WHERE key = :'r')
		FROM qualimetre.site s WHERE s.code = 'TEST-RL' RETURNING id" slug="$slug" k="$kind" v="$version" r="$ref")
	psql_q "INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
		VALUES (:'c', 'standard', 'Standard (accueil téléphonique)', 1)" c="$id" > /dev/null
	for d in "$@"; do
		psql_q "INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
			SELECT :'c', current_date + :'d'::int, false, 'standard', id
			FROM qualimetre.app_user WHERE login = :'e'" c="$id" d="$d" e="$en" > /dev/null
	done
	printf '%s\n' "$id"
}
slot_of() # CAMPAIGN DAY: the slot's id
{
	psql_q "SELECT id FROM qualimetre.slot WHERE campaign_id = :'c' AND day = current_date + :'d'::int" c="$1" d="$2"
}
value_of() # SLOT QUESTION: the value stored
{
	psql_q "SELECT coalesce(a.value, a.text) FROM qualimetre.answer a JOIN qualimetre.response r
		ON r.id = a.response_id WHERE r.slot_id = :'s' AND a.question = :'q'" s="$1" q="$2"
}
row_of() # CAMPAIGN KEY: "n satisfied target verdict" of results.csv
{
	http_get "/referent/campagnes/$1/resultats.csv" > /dev/null
	"$QM_BUILD/tests/csv-dump" , < "$HTTP_BODY" | awk -F'\t' -v k="$2" '
		$2 == 0 { row = ($3 == k) ? $1 : row } { v[$1, $2] = $3 }
		END { if (row) print v[row, 2], v[row, 3], v[row, 8], v[row, 9] }'
}

# The recording window: an email sent BACK days ago is due 10 working
# days later under Qualipref 2.0, 5 under Qual-e-pref (plus 3 days to
# type it in); BACK is chosen so that the first is open, the second not.
for back in 10 11 12 13 14 15 16 17 18 19 20; do
	sent=$(date -d "$today - $back days" +%F)
	due5=$(admin due-date "$sent" 5 --department 41 | head -n 1)
	due10=$(admin due-date "$sent" 10 --department 41 | head -n 1)
	[ "$(date -d "$due5 + 3 days" +%F)" \< "$today" ] &&
		! [ "$(date -d "$due10 + 3 days" +%F)" \< "$today" ] && break
done

# ---- emails: the same answer, two referentials
qp=$(campaign qp-$$ mystery-email 2 qualipref-2 0 -$back)
qe=$(campaign qe-$$ mystery-email 2 qual-e-pref 0 -$back)
answered=$(admin due-date "$today" 7 --department 41 | head -n 1)
is "$(login mystere "$en" "$pw")" 303 "the enquirer logs in"
mails="service=standard&accuse=conforme&reponse-moment=${answered}T10:00&reponse-complete=conforme&personnalisee=conforme&courtoisie=conforme&transmis=conforme&signature=conforme&lisible=conforme"
for c in "$qp" "$qe"; do
	s=$(slot_of "$c" 0)
	http_get "/mystere/creneaux/$s" > /dev/null
	[ "$c" = "$qp" ] && { body_has "Conforme : réponse sous 10 jours ouvrés" \
		"the Qualipref 2.0 grid shows its rule under the delay"; qp_slot=$s; }
	[ "$c" = "$qe" ] && { body_has "Conforme : réponse sous 5 jours ouvrés" \
		"the Qual-e-pref grid shows its own"; qe_slot=$s; }
	is "$(http_post "/mystere/creneaux/$s" "envoi=$(input_value envoi)&$mails&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")" 303 \
		"an email answered on $answered is recorded"
done
is "$(value_of "$qp_slot" delai)/$(value_of "$qe_slot" delai)" "7/7" "both answers took 7 working days"
is "$(value_of "$qp_slot" transmis)" conforme "version 2's « transmis au service compétent » is stored"

s=$(slot_of "$qe" -$back)
http_get "/mystere/creneaux/$s" > /dev/null
code=$(http_post "/mystere/creneaux/$s" "envoi=$(input_value envoi)&service=standard&accuse=conforme&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
is "$code" 400 "Qual-e-pref: an email sent on $sent, due on $due5, can no longer be recorded"
body_has "attendue au plus tard le $due5" "the page says the referential's deadline"
s=$(slot_of "$qp" -$back)
http_get "/mystere/creneaux/$s" > /dev/null
code=$(http_post "/mystere/creneaux/$s" "envoi=$(input_value envoi)&service=standard&accuse=conforme&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
is "$code" 303 "Qualipref 2.0: the same email, due on $due10, is still recorded, unanswered"

# ---- results of the emails
is "$(login referent "$rf" "$pw")" 303 "the referent logs in"
is "$(row_of "$qp" delai | cut -d' ' -f1-2)" "1 1" \
	"Qualipref 2.0: the 7-day answer on time, the unanswered one pending"
is "$(row_of "$qe" delai | cut -d' ' -f1-2)" "1 0" "Qual-e-pref: the 7-day answer late"
is "$(row_of "$qp" delai | cut -d' ' -f3)" 0.8 "Qualipref 2.0's target, 80 %, in the export"
http_get "/referent/campagnes/$qp" > /dev/null
body_has "Référentiel : Qualipref 2.0 — réponse sous 10 jours ouvrés, objectif 80" \
	"the results page names the referential and its rule"
body_has "<td>80[^<]*%</td><td><p class=\"fr-badge[^\"]*\">(atteint|non atteint|non concluant)</p></td>" \
	"each rate with its target and the verdict beside it"
body_has "son délai de 10 jours ouvrés court encore" "the pending email waits for the referential's deadline"
body_has "Délai moyen de réponse : 7,0 jours ouvrés" "the mean delay in working days is still shown"
is "$(row_of "$qp" transmis | cut -d' ' -f1-2)" "1 1" "« transmis » counted as a criterion in the results"
http_get "/referent/campagnes/$qe" > /dev/null
body_has "Référentiel : Qual-e-pref — réponse sous 5 jours ouvrés, objectif 80" \
	"Qual-e-pref gives no email target: the grid's 80 % is shown"

# ---- calls under Qual-e-pref
ca=$(campaign ca-$$ mystery-call 2 qual-e-pref 0 -1)
login mystere "$en" "$pw" > /dev/null
s0=$(slot_of "$ca" 0) s1=$(slot_of "$ca" -1)
http_get "/mystere/creneaux/$s0" > /dev/null
body_has "Conforme : moins de 5 sonneries" "the call grid shows « moins de 5 sonneries » under the rings"
body_has 'name="messagerie"' "and asks about the voicemail"
code=$(http_post "/mystere/creneaux/$s0" "moment=$(input_value moment)&service=standard&message-accueil=conforme&svi=present&svi-clair=non-conforme&decroche=conforme&sonneries=5&annonce-service=conforme&courtoisie=conforme&langage=conforme&reponse=conforme&transfert=sans-objet&formule-fin=conforme&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
is "$code" 303 "a call picked up after 5 rings is recorded"
http_get "/mystere/creneaux/$s1" > /dev/null
code=$(http_post "/mystere/creneaux/$s1" "moment=$(input_value moment)&service=standard&message-accueil=sans-objet&svi=aucun&decroche=non-conforme&messagerie=conforme&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
is "$code" 303 "a call no one picked up, a voicemail reached, is recorded"
is "$(value_of "$s0" svi) $(value_of "$s0" svi-clair) $(value_of "$s1" messagerie)" "present non-conforme conforme" \
	"the voice menu, its clarity and the voicemail are stored"
login referent "$rf" "$pw" > /dev/null
is "$(row_of "$ca" sonneries | cut -d' ' -f1-2)" "1 0" "5 rings: not conform under Qual-e-pref"
is "$(row_of "$ca" messagerie | cut -d' ' -f1-2) $(row_of "$ca" message-accueil | cut -d' ' -f1-2)" "1 1 1 1" \
	"the voicemail and the greeting in the results, « sans objet » left out"
http_get "/referent/campagnes/$ca/reponses.csv" > /dev/null
body_has "message-accueil.*svi.*svi-clair.*messagerie" "the raw export has version 2's columns"

# ---- version 1 keeps its results, whatever the referential
v1=$(campaign v1-$$ mystery-call 1 grilles-v1)
v1q=$(campaign v1q-$$ mystery-call 1 qual-e-pref)
for c in "$v1" "$v1q"; do
	psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
		VALUES (md5('v1-' || :'c')::uuid, :'c', 'call', 'v1-' || :'c');
		INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
		VALUES (md5('v1-' || :'c')::uuid, :'c', 'decroche', 'conforme'),
			(md5('v1-' || :'c')::uuid, :'c', 'sonneries', '5')" c="$c" > /dev/null
done
is "$(row_of "$v1" sonneries | cut -d' ' -f1-2)/$(row_of "$v1q" sonneries | cut -d' ' -f1-2)" "1 1/1 1" \
	"version 1: 5 rings stay conform, even under Qual-e-pref"
http_get "/referent/campagnes/$v1" > /dev/null
body_has "Référentiel : Valeurs des grilles d’origine\\." "a version 1 campaign names the values it keeps"

# ---- the planner
site=$(psql_q "SELECT id FROM qualimetre.site WHERE code = 'TEST-RL'")
eid=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$en")
qp2=$(psql_q "SELECT id FROM qualimetre.referential WHERE key = 'qualipref-2'")
http_get /referent/planification/nouvelle > /dev/null
body_has '<option value="[0-9]+" selected>Qual-e-pref</option>' "the planner offers the referentials, Qual-e-pref first chosen"
plan="_csrf=$(input_value _csrf)&site=$site&kind=courriels&first=2027-03-22&last=2027-04-06&target=20&service=courriel-general&enquirer=$eid&action=creer"
psql_q "INSERT INTO qualimetre.referential (site_id, name, reply_delay)
	SELECT id, 'Propre à B', 3 FROM qualimetre.site WHERE code = 'TEST-RL-B'
	ON CONFLICT (site_id) DO NOTHING" > /dev/null
other=$(psql_q "SELECT r.id FROM qualimetre.referential r JOIN qualimetre.site s ON s.id = r.site_id WHERE s.code = 'TEST-RL-B'")
before=$(psql_q "SELECT count(*) FROM qualimetre.campaign WHERE site_id = :'s'" s="$site")
is "$(http_post /referent/planification/nouvelle "$plan&referential=$other")" 400 \
	"another site's own referential: 400"
body_has "Ce référentiel n’est pas proposé pour ce site" "with the message next to the field"
is "$(http_post /referent/planification/nouvelle "$plan&referential=douze")" 400 "a referential that is no id: 400"
is "$(psql_q "SELECT count(*) FROM qualimetre.campaign WHERE site_id = :'s'" s="$site")" "$before" "nothing was created"
is "$(http_post /referent/planification/nouvelle "$plan&referential=$qp2")" 303 "a campaign planned under Qualipref 2.0"
is "$(psql_q "SELECT r.key || ' ' || f.version FROM qualimetre.campaign c JOIN qualimetre.referential r ON r.id = c.referential_id
	JOIN qualimetre.form f ON f.id = c.form_id WHERE c.site_id = :'s' AND c.opens_on = '2027-03-22'
	ORDER BY c.id DESC LIMIT 1" s="$site")" \
	"qualipref-2 $(psql_q "SELECT max(version) FROM qualimetre.form WHERE key = 'mystery-call'")" \
	"stored with its referential, on the newest version of the grid"
uid2=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$rf")
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT count(*) FROM qualimetre.referential WHERE site_id IS NOT NULL" u="$uid2" tok="$(session_token "$uid2")" | tail -n 1)" 0 \
	"in SQL, a referent does not see another site's own referential"

tap_done
