#!/usr/bin/env bash
# The referent's results page as a person reads it (issue 11, items 3 to 5):
# first, per criterion, its short name, its rate with its interval, the
# verdict against the campaign's own target as a DSFR badge and the change
# since last year; the exports grouped below; a campaign without answers
# saying so once; a grid's breakdown speaking of conformity with the exact
# interval. The campaign's state as a badge, only the actions that apply,
# each confirmed on its own page; the target rate's page refusing bad
# input; default titles that follow the form when it is saved.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 46

SITE=TEST-RESULTS
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES ('TEST-RESULTS', 'Préfecture de test (résultats)', '41', 'B')
	ON CONFLICT (code) DO NOTHING"
ref=res-ref-$$ pw="mot de passe des résultats $$"
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$SITE" \
	--name "Référente Résultats $$" > /dev/null
site=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$SITE")

# campaign TITLE OPENS CLOSES [TARGET_RATE]: a satisfaction campaign of the
# site, dates as offsets from today; prints its id.
campaign()
{
	psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on,
		closes_on, slug, target_rate)
		SELECT :'s', (SELECT id FROM qualimetre.form WHERE key = 'satisfaction'
			ORDER BY version DESC LIMIT 1), 'satisfaction', :'t',
			current_date + :'o'::int, current_date + :'c'::int,
			'res-' || :'t' || '-' || :'p', nullif(:'r', '')::numeric
		RETURNING id" s="$site" t="$1" o="$2" c="$3" r="${4:-}" p="$$"
}
dates_of() # ID: opens and closes as offsets from today
{
	psql_q "SELECT (opens_on - current_date) || '/' || (closes_on - current_date)
		FROM qualimetre.campaign WHERE id = :'c'" c="$1"
}
rate_of() { psql_q "SELECT coalesce(target_rate::text, 'none') FROM qualimetre.campaign WHERE id = :'c'" c="$1"; }

# A closed campaign with a target of 80 %: courtoisie 30 satisfied out of
# 40 opinions (75 %, not significantly below: inconclusive), attente 9 of
# 45 (20 %: not met); and last year's, for the change.
prev=$(campaign precedente -400 -380)
cid=$(campaign resultats -10 -1 0.80)
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5(:'c' || 'r' || i)::uuid, :'c', 'web', :'c' || 'r' || i FROM generate_series(1, 45) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'c' || 'r' || i)::uuid, :'c', 'courtoisie',
		CASE WHEN i <= 30 THEN 'satisfait' WHEN i <= 40 THEN 'peu-satisfait'
		ELSE 'sans-avis' END FROM generate_series(1, 45) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'c' || 'r' || i)::uuid, :'c', 'attente',
		CASE WHEN i <= 9 THEN 'satisfait' ELSE 'pas-du-tout-satisfait' END
	FROM generate_series(1, 45) i;
	INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5(:'p' || 'r' || i)::uuid, :'p', 'web', :'p' || 'r' || i FROM generate_series(1, 40) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'p' || 'r' || i)::uuid, :'p', 'courtoisie',
		CASE WHEN i <= 20 THEN 'satisfait' ELSE 'peu-satisfait' END
	FROM generate_series(1, 40) i" c="$cid" p="$prev" > /dev/null

is "$(referent_login "$ref" "$pw")" 303 "the referent logs in"
is "$(http_get "/referent/campagnes/$cid")" 200 "the results page"
# The summary comes before the chart, the actions and the files.
order=$(grep -oE 'id="essentiel-title"|<figure|Gérer la campagne|Télécharger les résultats' "$HTTP_BODY" | uniq | tr '\n' '|')
is "$order" 'id="essentiel-title"|Gérer la campagne|<figure|Télécharger les résultats|' \
	"the essentials first, then the actions, the chart and the files grouped below"
# One criterion's summary, read as text: name, rate, interval, badge, change.
item=$(tr '\n' ' ' < "$HTTP_BODY" | grep -oE '<li class="qm-summary__item" data-criterion="courtoisie">.*' |
	sed 's|</li>.*||; s/<[^>]*>//g; s/\xc2\xa0/ /g; s/  */ /g')
like "$item" '^ ?Courtoisie ' "courtoisie goes by its short name"
like "$item" '75 % satisfaits \(entre 60 % et 86 %, sur 40 réponses\)' \
	"with its rate and its Wilson interval"
like "$item" 'Objectif 80 % : non concluant' "and its verdict against the campaign's target"
like "$item" 'Depuis la campagne précédente : \+25,0 points \(différence significative\)' \
	"and the change since last year"
is "$(tr '\n' ' ' < "$HTTP_BODY" | grep -oE 'data-criterion="attente"> *<h3[^>]*>[^<]*' | sed 's/.*>//')" \
	"Temps d’attente" "attente by its short name too"
body_has 'fr-badge--error">Objectif 80[^<]*: non atteint</p>' "20 % against 80 %: a red badge, not met"
body_has '<td><p class="fr-badge fr-badge--sm fr-badge--warning">non concluant</p></td>' \
	"the table's verdict is a badge too"
body_has '<div class="fr-table__content" tabindex="0">' "the table scrolls in a focusable region"
body_has 'id="etat">Clôturée</p>' "a closed campaign says so in a badge"
check "no closing offered on a closed campaign" \
	sh -c "! grep -q '/fermer\"' '$HTTP_BODY'"
body_has "href=\"/referent/campagnes/$cid/ouvrir\">Rouvrir aujourd’hui</a>" "reopening is offered, as a link"

# ---- a campaign with no answer says so once, without bars or files
empty=$(campaign vide 5 30)
http_get "/referent/campagnes/$empty" > /dev/null
is "$(grep -c 'Aucune réponse pour l’instant' "$HTTP_BODY")" 1 "a campaign without answers says so once"
check "no chart, no table, no file offered" \
	sh -c "! grep -qE '<figure|<table|resultats.csv|affiche.pdf' '$HTTP_BODY'"
body_has 'id="etat">À venir</p>' "a campaign to come says so"
body_has "href=\"/referent/campagnes/$empty/ouvrir\">Ouvrir maintenant</a>" "and offers to open it"

# ---- opening asks to be confirmed
is "$(http_get "/referent/campagnes/$empty/ouvrir")" 200 "opening shows a confirmation page first"
body_has 'Confirmer l’ouverture' "with a button to confirm"
body_has "<form method=\"post\" action=\"/referent/campagnes/$empty/ouvrir\">" "that posts the action"
is "$(dates_of "$empty")" "5/30" "the confirmation page changes nothing"
csrf=$(input_value _csrf)
is "$(http_post "/referent/campagnes/$empty/ouvrir" "_csrf=$csrf")/$(dates_of "$empty")" "303/0/30" \
	"confirmed, the campaign opens today"
http_get "/referent/campagnes/$empty" > /dev/null
body_has 'id="etat">Ouverte</p>' "it is now open"
body_has 'Ouverte aujourd’hui, la campagne pourra être fermée à partir de demain' \
	"opened today, it says when it can be closed"
check "and offers no closing today" sh -c "! grep -q '/fermer\"' '$HTTP_BODY'"
second=$(campaign deuxieme 3 20)
http_get "/referent/campagnes/$second/ouvrir" > /dev/null
body_has 'Une autre enquête est déjà ouverte sur ce site</h2>' \
	"opening a second one warns that another is open"
body_has '<p>« [^»]*vide[^»]* » reçoit déjà les réponses du public' "and names it"
is "$(http_get "/referent/campagnes/$empty/fermer")" 409 "closing it today is refused on its page"
body_has "href=\"/referent/campagnes/$empty\"" "which leads back to the campaign"

# ---- the campaign's own target rate
is "$(http_get "/referent/campagnes/$cid/objectif")" 200 "the target's page"
is "$(input_value target_rate)" 80 "shows the target in %"
for bad in 150 0 abc 80.5; do
	code=$(http_post "/referent/campagnes/$cid/objectif" "_csrf=$csrf&target_rate=$bad")
	ok $([ "$code" = 400 ] && grep -q 'id="rc-rate-error">L’objectif de satisfaction doit être un nombre entier de 1 à 100' "$HTTP_BODY"; echo $?) \
		"target $bad: 400 with the message next to the field"
done
is "$(rate_of "$cid")" 0.80 "nothing stored on error"
is "$(http_post "/referent/campagnes/$cid/objectif" "target_rate=70")/$(rate_of "$cid")" 403/0.80 \
	"without the CSRF token: refused, nothing stored"
is "$(http_post "/referent/campagnes/$cid/objectif" "_csrf=$csrf&target_rate=70")/$(rate_of "$cid")" 303/0.70 \
	"70 % is stored"
is "$(http_post "/referent/campagnes/$cid/objectif" "_csrf=$csrf&target_rate=")/$(rate_of "$cid")" 303/none \
	"blank removes the target"
http_get "/referent/campagnes/$cid" > /dev/null
body_has 'data-criterion="courtoisie">.*' "the page again"
body_has 'Pas d’objectif fixé' "without a target, the summary says so"

# ---- default titles follow the form as saved
http_get /referent/campagnes/nouvelle > /dev/null
shown=$(input_value title_default)
like "$shown" '^Enquête de satisfaction 20[0-9][0-9]$' "the creation form carries the default title it shows"
new="_csrf=$csrf&site=$site&form=$(psql_q "SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1")"
code=$(http_post /referent/campagnes/nouvelle "$new&title=$(urlencode "Enquête de satisfaction 2026")&title_default=$(urlencode "Enquête de satisfaction 2026")&opens_on=2031-04-01&closes_on=2031-04-30")
is "$code/$(psql_q "SELECT title FROM qualimetre.campaign WHERE site_id = :'s' AND opens_on = '2031-04-01' ORDER BY id DESC LIMIT 1" s="$site")" \
	"303/Enquête de satisfaction 2031" "the default left as shown follows the opening year"
code=$(http_post /referent/campagnes/nouvelle "$new&title=$(urlencode "Accueil du public")&title_default=$(urlencode "Enquête de satisfaction 2026")&opens_on=2032-04-01&closes_on=2032-04-30")
is "$code/$(psql_q "SELECT title FROM qualimetre.campaign WHERE site_id = :'s' AND opens_on = '2032-04-01' ORDER BY id DESC LIMIT 1" s="$site")" \
	"303/Accueil du public" "a title the referent typed stays"
# A mystery campaign's default title follows its kind (the preview shows it).
code=$(http_post /referent/planification/nouvelle "_csrf=$csrf&site=$site&kind=courriels&title=$(urlencode "Appels mystère décembre 2026")&title_default=$(urlencode "Appels mystère décembre 2026")&first=2033-03-07&last=2033-03-18&target=20&action=apercu")
is "$(input_value title)" "Courriels mystère mars 2033" "an email campaign's default title says emails, and its month"

tap_done
