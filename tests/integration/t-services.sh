#!/usr/bin/env bash
# The services of a site (/referent/services, sql/015): a new site starts
# with the default list (no driving licence); its referent adds, renames,
# moves, retires and puts back a service, each traced in the audit log;
# bad input (blank, too long, on two lines, no channel, a name taken, no
# CSRF token, an unknown service) is refused with a message and nothing
# changed; another site's referent can neither see nor change them, down
# to the database's policies. The planner offers exactly the site's
# active services and copies the chosen ones into the campaign; the
# enquirer's grid offers the campaign's services and refuses any other.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 66

admin()
{
	as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_admin" \
		"$QM_BUILD/cgi/qualimetre" "$@"
}
login() # LOGIN PASSWORD [PROGRAM]
{
	rm -f "$HTTP_COOKIES"
	http_get "/${3:-referent}/connexion" > /dev/null
	http_post "/${3:-referent}/connexion" "login=$(urlencode "$1")&password=$(urlencode "$2")&_jeton=$(input_value _jeton)"
}
services() # SITE_CODE: key:label:phone:email:retired, in order
{
	psql_q "SELECT string_agg(ss.key || ':' || ss.label || ':' || ss.by_phone || ':' || ss.by_email
		|| ':' || ss.retired, E'\n' ORDER BY ss.retired, ss.position)
		FROM qualimetre.site_service ss JOIN qualimetre.site s ON s.id = ss.site_id
		WHERE s.code = :'c'" c="$1"
}
keys() # SITE_CODE: the active keys, in order
{
	psql_q "SELECT string_agg(ss.key, ' ' ORDER BY ss.position)
		FROM qualimetre.site_service ss JOIN qualimetre.site s ON s.id = ss.site_id
		WHERE s.code = :'c' AND NOT ss.retired" c="$1"
}

# Sites of their own, so that the test can run again on the same instance.
A=TSVC-A-$$ B=TSVC-B-$$
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	(:'a', 'Préfecture de test (services)', '41', 'B'),
	(:'b', 'Sous-préfecture de test (services)', '41', 'B')" a="$A" b="$B"
site_a=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$A")
ref=svc-ref-$$ ref2=svc-ref2-$$ enq=svc-enq-$$ pw="mot de passe des services $$"
rc=0
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$A" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$ref2" --role referent --site "$B" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$enq" --role enquirer --site "$A" > /dev/null || rc=1
ok $rc "a referent and an enquirer of site A, a referent of site B"

# ---- the default list
is "$(keys "$A")" "accueil-general standard etrangers point-numerique courriel-general" \
	"a new site starts with the default services"
is "$(psql_q "SELECT count(*) FROM qualimetre.site_service WHERE key IN ('permis', 'vehicules')")" 0 \
	"no site is offered driving licences or vehicle registration"

# ---- the page
is "$(login "$ref" "$pw")" 303 "the referent of site A logs in"
http_get /referent/ > /dev/null
body_has 'href="/referent/services">Services des sites' "the home page links to the services"
is "$(http_get /referent/services)" 200 "the list of the referent's sites"
body_has "href=\"/referent/services/$site_a\">Préfecture de test \(services\) \($A\)</a> : 5 service" \
	"site A, with its 5 active services"
! grep -q "$B" "$HTTP_BODY"
ok $? "and not site B"
is "$(http_get "/referent/services/$site_a")" 200 "site A's services"
body_has "<td>Boîte fonctionnelle générale \(courriel\)</td><td><code>courriel-general</code></td><td>courriel</td>" \
	"each with its key and how it is reached"
body_has 'for="sv-label">Nom du service' "the form to add one has its labels"
csrf=$(input_value _csrf)
P=/referent/services/$site_a

# ---- add, rename, move, retire, put back
is "$(http_post "$P" "_csrf=$csrf&action=ajouter&label=$(urlencode "  Accueil des élus ")&phone=1&email=1")" 303 \
	"adding « Accueil des élus »"
is "$(http_header Location)" "$P?fait=ajoute" "back to the list, saying so"
is "$(services "$A" | sed -n 6p)" "accueil-des-elus:Accueil des élus:true:true:false" \
	"stored last, its key derived from its name, without the spaces around it"
is "$(psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event = 'service-add' AND login = :'l'
	AND detail = :'d'" l="$ref" d="$A accueil-des-elus")" 1 "and traced in the audit log"
is "$(http_post "$P" "_csrf=$csrf&action=ajouter&label=$(urlencode "Accueil des élus ?")&phone=1")" 303 \
	"a second name that gives the same key"
is "$(services "$A" | sed -n 7p | cut -d: -f1)" "accueil-des-elus-2" "gets a key of its own"
is "$(http_post "$P" "_csrf=$csrf&action=modifier&key=accueil-des-elus&label=$(urlencode "Accueil des élus locaux")&email=1")" 303 \
	"renaming it, reached by email only"
is "$(services "$A" | sed -n 6p)" "accueil-des-elus:Accueil des élus locaux:false:true:false" "its key is kept"
is "$(http_post "$P" "_csrf=$csrf&action=monter&key=accueil-des-elus")" 303 "moving it up"
is "$(keys "$A")" "accueil-general standard etrangers point-numerique accueil-des-elus courriel-general accueil-des-elus-2" \
	"it swapped places with the one above"
http_post "$P" "_csrf=$csrf&action=monter&key=accueil-general" > /dev/null
is "$(keys "$A" | cut -d' ' -f1)" "accueil-general" "the first one cannot go higher"
is "$(http_post "$P" "_csrf=$csrf&action=retirer&key=accueil-des-elus-2")" 303 "retiring one"
is "$(services "$A" | tail -n 1)" "accueil-des-elus-2:Accueil des élus ?:true:false:true" "it is kept, retired"
http_get "$P" > /dev/null
body_has 'value="retablir">Rétablir<span class="fr-sr-only"> Accueil des élus \?' "the page offers to put it back"
http_post "$P" "_csrf=$csrf&action=retablir&key=accueil-des-elus-2" > /dev/null
http_post "$P" "_csrf=$csrf&action=retirer&key=point-numerique" > /dev/null
is "$(keys "$A")" "accueil-general standard etrangers accueil-des-elus courriel-general accueil-des-elus-2" \
	"one put back, another retired"
is "$(psql_q "SELECT string_agg(event, ' ' ORDER BY id) FROM qualimetre.audit_log WHERE login = :'l' AND event LIKE 'service-%'
	AND event <> 'service-add'" l="$ref")" "service-edit service-move service-retire service-restore service-retire" \
	"every change traced"

# ---- bad input changes nothing
before=$(services "$A")
is "$(http_post "$P" "_csrf=$csrf&action=ajouter&label=%20%20&phone=1")" 400 "a blank name: 400"
body_has 'id="sv-label-error">Saisissez le nom du service.' "said next to the field"
body_has '<a href="#sv-label">Nom du service</a>' "and at the top"
is "$(http_post "$P" "_csrf=$csrf&action=ajouter&label=$(printf 'x%.0s' $(seq 201))&phone=1")" 400 "a name of 201 characters: 400"
body_has "au plus 200 caractères" "with the limit"
is "$(http_post "$P" "_csrf=$csrf&action=ajouter&label=a%0Ab&phone=1")" 400 "a name on two lines: 400"
is "$(http_post "$P" "_csrf=$csrf&action=ajouter&label=Courrier")" 400 "no channel: 400"
body_has 'id="sv-channel-error">Cochez au moins un moyen' "said next to the boxes"
is "$(http_post "$P" "_csrf=$csrf&action=ajouter&label=$(urlencode "Accueil général")&phone=1")" 400 "a name taken: 400"
body_has "porte déjà ce nom" "said so"
is "$(http_post "$P" "_csrf=$csrf&action=modifier&key=standard&label=$(urlencode "Service des étrangers")&phone=1")" 400 \
	"renaming to another service's name: 400"
is "$(http_post "$P" "_csrf=$csrf&action=retirer&key=permis")" 400 "retiring a service the site lacks: 400"
is "$(http_post "$P" "action=ajouter&label=Sans%20jeton&phone=1")" 403 "no CSRF token: 403"
is "$(services "$A")" "$before" "none of these changed anything"

# ---- another site's referent
is "$(login "$ref2" "$pw")" 303 "the referent of site B logs in"
is "$(http_get "$P")" 404 "site A's services are not found"
csrf2=$(input_value _csrf)
is "$(http_post "$P" "_csrf=$csrf2&action=retirer&key=standard")" 404 "nor changed"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	UPDATE qualimetre.site_service SET label = 'x' WHERE site_id = :'s';
	INSERT INTO qualimetre.site_service (site_id, key, label, position) VALUES (:'s', 'x', 'x', 99)" \
	u="$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$ref2")" tok="$(session_token "$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$ref2")")" s="$site_a" 2>&1)
like "$out" "row-level security" "the database refuses it too"
is "$(services "$A")" "$before" "site A's services are unchanged"

# ---- the planner offers the site's active services
login "$ref" "$pw" > /dev/null
http_get /referent/planification/nouvelle > /dev/null
csrf=$(input_value _csrf)
is "$(grep -o 'name="service" value="[a-z0-9-]*"' "$HTTP_BODY" | cut -d'"' -f4 | tr '\n' ' ')" \
	"accueil-general standard etrangers accueil-des-elus courriel-general accueil-des-elus-2 " \
	"the planner offers exactly the site's active services, in order"
is "$(grep -o 'name="service" value="[a-z0-9-]*" checked' "$HTTP_BODY" | cut -d'"' -f4 | tr '\n' ' ')" \
	"accueil-general standard etrangers accueil-des-elus-2 " "the ones a call reaches are checked"
form="_csrf=$csrf&site=$site_a&kind=appels&title=Services&first=2027-03-22&last=2027-04-06&target=20&enquirer=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$enq")"
n=$(psql_q "SELECT count(*) FROM qualimetre.campaign")
is "$(http_post /referent/planification/nouvelle "$form&service=standard&service=permis&action=creer")" 400 \
	"a service the site lacks: 400"
body_has "Cochez seulement des services actifs du site choisi" "said so"
is "$(http_post /referent/planification/nouvelle "$form&service=courriel-general&action=creer")" 400 \
	"a mailbox in a campaign of calls: 400"
body_has "« Boîte fonctionnelle générale \(courriel\) » ne se joint pas par téléphone" "said so"
is "$(psql_q "SELECT count(*) FROM qualimetre.campaign")" "$n" "no campaign created"
is "$(http_post /referent/planification/nouvelle "$form&service=etrangers&service=accueil-general&action=creer")" 303 \
	"a campaign of two services"
is "$(psql_q "SELECT string_agg(cs.key || '=' || cs.label, ', ' ORDER BY cs.position) FROM qualimetre.campaign_service cs
	JOIN qualimetre.campaign c ON c.id = cs.campaign_id WHERE c.title = 'Services' AND c.site_id = :'s'" s="$site_a")" \
	"accueil-general=Accueil général, etrangers=Service des étrangers" "copied into the campaign, in the site's order"

# ---- the enquirer's grid offers the campaign's services
slug=svc-grid-$$
psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, target_count, slug)
	SELECT :'s', (SELECT id FROM qualimetre.form WHERE key = 'mystery-call' ORDER BY version DESC LIMIT 1),
		'mystery-call', 'Grille des services', current_date - 3, current_date + 30, 20, :'slug';
	INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
	SELECT id, v.key, v.label, v.pos FROM qualimetre.campaign,
		(VALUES ('point-numerique', 'Point numérique de la préfecture', 1), ('standard', 'Standard', 2)) v(key, label, pos)
	WHERE slug = :'slug';
	INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
	SELECT c.id, current_date - 3 + h, false, 'point-numerique', (SELECT id FROM qualimetre.app_user WHERE login = :'e')
	FROM qualimetre.campaign c, generate_series(0, 1) h WHERE c.slug = :'slug'" s="$site_a" slug="$slug" e="$enq" > /dev/null
slot1=$(psql_q "SELECT s.id FROM qualimetre.slot s JOIN qualimetre.campaign c ON c.id = s.campaign_id
	WHERE c.slug = :'slug' ORDER BY s.day LIMIT 1" slug="$slug")
slot2=$(psql_q "SELECT s.id FROM qualimetre.slot s JOIN qualimetre.campaign c ON c.id = s.campaign_id
	WHERE c.slug = :'slug' ORDER BY s.day DESC LIMIT 1" slug="$slug")
is "$(login "$enq" "$pw" mystere)" 303 "the enquirer logs in"
is "$(http_get "/mystere/creneaux/$slot1")" 200 "the grid of a slot"
is "$(grep -o 'name="service" value="[a-z0-9-]*"[^>]*' "$HTTP_BODY" | cut -d'"' -f4,5 | tr '\n' ' ')" \
	'point-numerique" checked standard" ' "offers the campaign's two services, the slot's checked"
body_has 'for="q-service-point-numerique">Point numérique de la préfecture</label>' "with the campaign's labels"
token=$(input_value _jeton) csrf=$(input_value _csrf) moment=$(input_value moment)
rest="decroche=conforme&sonneries=2&annonce-service=conforme&courtoisie=conforme&langage=conforme&reponse=conforme&transfert=sans-objet&attente=5&formule-fin=conforme&_jeton=$token&_csrf=$csrf"
calls() { psql_q "SELECT count(*) FROM qualimetre.response r JOIN qualimetre.campaign c ON c.id = r.campaign_id WHERE c.slug = :'slug'" slug="$slug"; }
is "$(http_post "/mystere/creneaux/$slot1" "moment=$moment&service=permis&$rest")" 400 \
	"a service of the grid's own list that the campaign does not test: 400"
body_has "ne fait pas partie des choix proposés" "said next to the question"
is "$(calls)" 0 "nothing stored"
is "$(http_post "/mystere/creneaux/$slot1" "moment=$moment&service=standard&$rest")" 303 "one of the campaign's services: stored"
# An entry of an older campaign, with a key the campaign's list lacks.
http_get "/mystere/creneaux/$slot2" > /dev/null
token=$(input_value _jeton) moment=$(input_value moment)
code=$(http_post "/mystere/creneaux/$slot2" "moment=$moment&service=point-numerique&${rest%%_jeton=*}_jeton=$token&_csrf=$csrf")
[ "$code" = 303 ] || diag "second slot: $code" "$(grep -o 'fr-message--error[^<]*<' "$HTTP_BODY")"
entry=$(psql_q "SELECT r.id FROM qualimetre.response r WHERE r.slot_id = :'s'" s="$slot2")
psql_q "UPDATE qualimetre.answer SET value = 'vehicules' WHERE response_id = :'r' AND question = 'service'" r="$entry"
is "$(http_get "/mystere/saisies/$entry")" 200 "an entry with an old key opens"
body_has 'name="service" value="vehicules" checked>' "its service is shown, checked"
body_has 'for="q-service-vehicules">Immatriculation des véhicules<' "with the grid's label"
