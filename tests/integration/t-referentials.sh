#!/usr/bin/env bash
# A site's own referential (/referent/referentiels, sql/016 and sql/019),
# through nginx: the list shows the user's sites and the national
# referentials in French; the referent creates and edits their site's
# own, each change in the audit log; every bad field is refused with its
# message and nothing changed; another site's referent can neither see
# nor change it, down to the database's policies; the planner offers it
# and links to the page; once a campaign is planned under it its figures
# are frozen (page read-only, POST refused, the database refusing a
# direct UPDATE) while its name may still be corrected; and a campaign
# under it judges an email's delay by its 3 working days.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 69

# refs SITE_CODE: the site's own referential, "name|delay|target|rings|
# rings target|picked up" (empty where NULL).
ref_of()
{
	psql_q "SELECT r.name, r.reply_delay, r.reply_target, r.rings_max, r.rings_target, r.picked_up_target
		FROM qualimetre.referential r JOIN qualimetre.site s ON s.id = r.site_id WHERE s.code = :'c'" c="$1"
}
audits() # LOGIN: the referential events of that user, in order
{
	psql_q "SELECT string_agg(event || ' ' || detail, ', ' ORDER BY id) FROM qualimetre.audit_log
		WHERE login = :'l' AND event LIKE 'referential-%'" l="$1"
}

A=TRF-A-$$ B=TRF-B-$$
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	(:'a', 'Préfecture de test (référentiel propre)', '41', 'B'),
	(:'b', 'Sous-préfecture de test (référentiel propre)', '41', 'B')" a="$A" b="$B"
site_a=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$A")
ref=trf-ref-$$ ref2=trf-ref2-$$ enq=trf-enq-$$ pw="mot de passe des référentiels $$"
rc=0
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$A" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$ref2" --role referent --site "$B" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$enq" --role enquirer --site "$A" > /dev/null || rc=1
ok $rc "a referent and an enquirer of site A, a referent of site B"

# ---- the list
is "$(referent_login "$ref" "$pw")" 303 "the referent of site A logs in"
http_get /referent/ > /dev/null
body_has 'href="/referent/referentiels">Référentiels<' "the home page links to the referentials"
is "$(http_get /referent/referentiels)" 200 "the list of referentials"
body_has "href=\"/referent/referentiels/$site_a\">Préfecture de test \(référentiel propre\) \($A\)</a> : aucun<" \
	"site A, with no referential of its own"
! grep -q "$B" "$HTTP_BODY"
ok $? "and not site B"
body_has '<strong>Qual-e-pref</strong> : courriels sous 5 jours ouvrés, objectif : valeur de la grille ; appels décrochés en moins de 5 sonneries \(au plus 4\)' \
	"Qual-e-pref in plain French, the grid's value where it fixes none"
body_has '<strong>Qualipref 2.0</strong> : courriels sous 10 jours ouvrés, objectif : 80.{1,6}% ; sonneries : valeur de la grille' \
	"Qualipref 2.0 with its 80 %"
! grep -q "grilles d’origine" "$HTTP_BODY"
ok $? "the values of the first grids, offered to no one, are not listed"

# ---- create
P=/referent/referentiels/$site_a
is "$(http_get "$P")" 200 "site A's page"
body_has 'for="rf-name">Nom du référentiel' "the form has its labels"
body_has 'au plus N − 1 : pour « en moins de 5 sonneries », saisissez 4' "it explains the rings"
csrf=$(input_value _csrf)
is "$(http_post "$P" "_csrf=$csrf&action=enregistrer&name=$(urlencode "  Référentiel de test ")&reply_delay=3&reply_target=90&rings_max=3&rings_target=$(urlencode "82,5 %")&picked_up_target=")" 303 \
	"creating a referential of 3 working days"
is "$(http_header Location)" "$P?fait=cree" "back to its page, saying so"
is "$(ref_of "$A")" "Référentiel de test|3|0.900|3|0.825|" "stored, targets as fractions, a blank one NULL"
http_get "$P?fait=cree" > /dev/null
body_has 'Le référentiel est créé' "the page says it is created"
body_has 'id="rf-rings-target"[^>]*value="82,5"' "and shows the target as typed, in per cent"
is "$(http_post "$P" "_csrf=$csrf&action=enregistrer&name=$(urlencode "Référentiel du site")&reply_delay=3&reply_target=&rings_max=0&rings_target=82.5&picked_up_target=95")" 303 \
	"editing it"
is "$(ref_of "$A")" "Référentiel du site|3||0|0.825|0.950" "every value changed as sent"
is "$(audits "$ref")" "referential-create $A Référentiel de test, referential-edit $A Référentiel du site" \
	"both traced in the audit log"
http_get /referent/referentiels > /dev/null
body_has "« Référentiel du site »<br>courriels sous 3 jours ouvrés, objectif : valeur de la grille ; appels décrochés avant la première sonnerie, objectif : 82,5.{1,6}% ; appels décrochés, objectif : 95" \
	"the list shows it in French"

# ---- bad input changes nothing
before=$(ref_of "$A")
good="reply_delay=3&reply_target=&rings_max=0&rings_target=82.5&picked_up_target=95"
bad() # FIELD=VALUE CODE DESCRIPTION: posts the good form with that field changed
{
	local f=${1%%=*} body
	body=$(printf '%s' "_csrf=$csrf&action=enregistrer&name=Nom&$good" |
		sed -E "s/(^|&)$f=[^&]*/\1$1/")
	is "$(http_post "$P" "$body")" "$2" "$3"
}
bad "name=%20%20" 400 "a blank name: 400"
body_has 'id="rf-name-error">Saisissez le nom du référentiel.' "said next to the field"
body_has '<a href="#rf-name">Nom du référentiel</a>' "and at the top"
bad "name=$(printf 'x%.0s' $(seq 101))" 400 "a name of 101 characters: 400"
body_has "au plus 100 caractères" "with the limit"
bad "name=a%0Ab" 400 "a name on two lines: 400"
bad "reply_delay=21" 400 "a delay of 21 working days: 400"
body_has 'id="rf-reply-delay-error">Saisissez un nombre entier de jours ouvrés de 1 à 20' "said next to the delay"
bad "reply_delay=0" 400 "a delay of 0: 400"
bad "reply_target=100,1" 400 "a target over 100 %: 400"
body_has 'id="rf-reply-target-error">Saisissez un pourcentage de 0 à 100' "said next to the target"
bad "reply_target=82,25" 400 "a target with two decimals: 400"
bad "rings_max=21" 400 "21 rings: 400"
body_has 'id="rf-rings-max-error">Saisissez un nombre entier de sonneries de 0 à 20' "said next to the rings"
bad "rings_max=-1" 400 "-1 ring: 400"
bad "rings_target=beaucoup" 400 "a rings target in words: 400"
body_has 'id="rf-rings-target-error">' "said next to it"
bad "picked_up_target=-5" 400 "a negative picked-up target: 400"
body_has 'id="rf-picked-up-error">' "said next to it"
is "$(http_post "$P" "_csrf=$csrf&action=effacer&name=Nom")" 400 "an unknown action: 400"
is "$(http_post "$P" "action=enregistrer&name=Sans%20jeton&$good")" 403 "no CSRF token: 403"
is "$(ref_of "$A")" "$before" "none of these changed anything"
is "$(audits "$ref" | grep -o referential- | wc -l)" 2 "nor wrote to the audit log"

# ---- another site's referent
is "$(referent_login "$ref2" "$pw")" 303 "the referent of site B logs in"
is "$(http_get "$P")" 404 "site A's referential is not found"
csrf2=$(input_value _csrf)
is "$(http_post "$P" "_csrf=$csrf2&action=enregistrer&name=Pris&$good")" 404 "nor changed"
uid2=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$ref2")
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	UPDATE qualimetre.referential SET name = 'x' WHERE site_id = :'s';
	INSERT INTO qualimetre.referential (site_id, name) VALUES (:'s', 'x')" u="$uid2" tok="$(session_token "$uid2")" s="$site_a" 2>&1)
like "$out" "row-level security" "the database refuses it too"
is "$(ref_of "$A")" "$before" "site A's referential is unchanged"

# ---- the planner offers it, and a campaign planned under it freezes it
referent_login "$ref" "$pw" > /dev/null
own=$(psql_q "SELECT id FROM qualimetre.referential WHERE site_id = :'s'" s="$site_a")
http_get /referent/planification/nouvelle > /dev/null
body_has "<option value=\"$own\"[^>]*>Référentiel du site \(propre au site\)</option>" "the planner offers it"
body_has 'href="/referent/referentiels(/[0-9]+)?">Définir le référentiel propre du site</a>' \
	"and links to the page that defines it"
eid=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$enq")
is "$(http_post /referent/planification/nouvelle "_csrf=$(input_value _csrf)&site=$site_a&kind=courriels&title=Propre&first=2027-03-22&last=2027-04-06&target=20&service=courriel-general&enquirer=$eid&referential=$own&action=creer")" 303 \
	"a campaign planned under it"
is "$(psql_q "SELECT count(*) FROM qualimetre.campaign WHERE site_id = :'s' AND referential_id = :'r'" s="$site_a" r="$own")" 1 \
	"stored with it"
is "$(http_get "$P")" 200 "its page"
csrf=$(input_value _csrf)
body_has 'Valeurs figées' "says its values are frozen"
body_has 'ceux déjà obtenus doivent rester les mêmes' "and why"
body_has 'Ses valeurs : courriels sous 3 jours ouvrés' "shows them read-only"
! grep -q 'name="reply_delay"' "$HTTP_BODY"
ok $? "with no field to change them"
is "$(http_post "$P" "_csrf=$csrf&action=enregistrer&name=Nom&$(printf '%s' "$good" | sed 's/reply_delay=3/reply_delay=10/')")" 409 \
	"changing a figure: 409"
body_has "seul son nom peut encore être corrigé" "said so"
is "$(ref_of "$A")" "$before" "nothing changed"
uid=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$ref")
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	UPDATE qualimetre.referential SET reply_delay = 10 WHERE site_id = :'s'" u="$uid" tok="$(session_token "$uid")" s="$site_a" 2>&1)
like "$out" "figures are frozen" "the database refuses a direct UPDATE of a figure"
is "$(http_post "$P" "_csrf=$csrf&action=renommer&name=$(urlencode "Référentiel propre du site")")" 303 \
	"correcting its name"
is "$(ref_of "$A")" "Référentiel propre du site|3||0|0.825|0.950" "the name changed, no figure"

# ---- a campaign under it judges an email's delay by its 3 working days
c=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on,
		target_count, slug, referential_id)
	SELECT :'s', (SELECT id FROM qualimetre.form WHERE key = 'mystery-email' ORDER BY version DESC LIMIT 1),
		'mystery-email', 'Délai propre', current_date - 30, current_date + 10, 20, :'slug', :'r'
	RETURNING id" s="$site_a" slug="trf-$$" r="$own")
psql_q "INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
	VALUES (:'c', 'courriel-general', 'Boîte fonctionnelle générale', 1);
	INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
	SELECT :'c', current_date - d, false, 'courriel-general', :'e' FROM generate_series(1, 2) d" c="$c" e="$eid" > /dev/null
is "$(staff_login /mystere "$enq" "$pw")" 303 "the enquirer logs in"
late=0
for d in 1 2; do
	s=$(psql_q "SELECT id FROM qualimetre.slot WHERE campaign_id = :'c' AND day = current_date - :'d'::int" c="$c" d="$d")
	http_get "/mystere/creneaux/$s" > /dev/null
	[ $d = 1 ] && body_has "Conforme : réponse sous 3 jours ouvrés" "the grid shows the site's rule"
	envoi=$(input_value envoi)
	answered=$(admin due-date "${envoi%%T*}" $((2 + d)) --department 41 | head -n 1)
	code=$(http_post "/mystere/creneaux/$s" "envoi=$envoi&service=courriel-general&accuse=conforme&reponse-moment=${answered}T10:00&reponse-complete=conforme&personnalisee=conforme&courtoisie=conforme&transmis=conforme&signature=conforme&lisible=conforme&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
	[ "$code" = 303 ] || { late=1; diag "slot $s: $code" "$(grep -o 'fr-message--error[^<]*<' "$HTTP_BODY")"; }
done
ok $late "answers on the 3rd and on the 4th working day are recorded"
is "$(psql_q "SELECT string_agg(a.value, ' ' ORDER BY s.day DESC) FROM qualimetre.answer a
	JOIN qualimetre.response r ON r.id = a.response_id JOIN qualimetre.slot s ON s.id = r.slot_id
	WHERE s.campaign_id = :'c' AND a.question = 'delai'" c="$c")" "3 4" "their delays: 3 and 4 working days"
referent_login "$ref" "$pw" > /dev/null
http_get "/referent/campagnes/$c/resultats.csv" > /dev/null
is "$("$QM_BUILD/tests/csv-dump" , < "$HTTP_BODY" | awk -F'\t' '
	$2 == 0 { row = ($3 == "delai") ? $1 : row } { v[$1, $2] = $3 }
	END { if (row) print v[row, 2], v[row, 3] }')" "2 1" "under 3 working days, the 4th-day answer is late"

tap_done
