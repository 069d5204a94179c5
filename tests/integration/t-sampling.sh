#!/usr/bin/env bash
# The label's sampling rules where a mystery result is read, through
# /referent/: too few contacts, then the twenty of two weeks, then one on
# a Saturday; the page, results.csv and the poster say it in plain words,
# and the breakdown by service groups by the site's own services.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 16

psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES ('TEST-SP', 'Préfecture échantillon', '41', 'B')
	ON CONFLICT (code) DO NOTHING" > /dev/null
rs=sp-ref-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$rs" --role referent --site TEST-SP > /dev/null

# Calls from Monday 1 to Friday 12 June 2026 in Loir-et-Cher (zone B):
# ten working days, no public or school holiday.
slug=test-sp-$$
cid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'mystery-call' ORDER BY version DESC LIMIT 1),
		'mystery-call', 'Appels échantillon', '2026-06-01', '2026-06-12', :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-SP' RETURNING id" slug="$slug")
psql_q "INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
	VALUES (:'c', 'accueil-general', 'Accueil général', 1), (:'c', 'standard', 'Standard', 2),
		(:'c', 'point-numerique', 'Point numérique', 3)" c="$cid" > /dev/null

# contact N DAY HOUR SERVICE: one call, picked up or not (odd N: not).
contact()
{
	psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
		VALUES (md5(:'s' || :'n')::uuid, :'c', 'call', :'s' || :'n');
		INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
		VALUES (md5(:'s' || :'n')::uuid, :'c', 'moment', :'d' || 'T' || :'h'),
			(md5(:'s' || :'n')::uuid, :'c', 'service', :'v'),
			(md5(:'s' || :'n')::uuid, :'c', 'decroche',
			 CASE WHEN :'n'::int % 2 = 1 THEN 'non-conforme' ELSE 'conforme' END)" \
		s="$slug" n="$1" c="$cid" d="$2" h="$3" v="$4" > /dev/null
}
n=0
for d in 01 02 03 04 05 08 09; do
	n=$((n + 1)); contact $n "2026-06-$d" 09:30 accueil-general
	n=$((n + 1)); contact $n "2026-06-$d" 14:15 standard
done

is "$(staff_login /referent "$rs" "$pw")" 303 "the site's referent logs in"
http_get "/referent/campagnes/$cid" > /dev/null
body_has "Résultat hors des règles d’échantillonnage du label" "14 calls: the page marks the result"
body_has "14 contacts sur les 20 que le label demande" "and says how many of the 20 were made"
body_has "Service jamais testé : Point numérique" "and the service never tested"
http_get "/referent/campagnes/$cid/resultats.csv" > /dev/null
is "$(awk -F, 'NR == 2 { print $11 }' "$HTTP_BODY")" "not met" "results.csv: sampling_rules = not met"
like "$(sed -n 2p "$HTTP_BODY")" "14 contacts sur les 20" "results.csv: the notes say why"
like "$(sed -n 2p "$HTTP_BODY")" "Référentiel : " "and name the referential the grid was judged under"
http_get "/referent/campagnes/$cid/affiche.pdf" > /dev/null
like "$(pdftotext "$HTTP_BODY" - 2>/dev/null | tr '\n' ' ')" "ne respectent pas toutes les règles" \
	"the poster carries the warning"

# The breakdown groups by the campaign's services, as the site names them.
http_get "/referent/campagnes/$cid" > /dev/null
body_has "<th scope=\"row\"[^>]*>Accueil général</th>" "the breakdown by service names the site's services"

for d in 10 11 12; do
	n=$((n + 1)); contact $n "2026-06-$d" 09:30 point-numerique
	n=$((n + 1)); contact $n "2026-06-$d" 14:15 standard
done
http_get "/referent/campagnes/$cid" > /dev/null
body_has "20 contacts, pour 20 demandés par le label" "20 calls, one a half-day over the two weeks: said"
body_has "À savoir avant de publier" "and not marked as out of the rules"
http_get "/referent/campagnes/$cid/resultats.csv" > /dev/null
is "$(awk -F, 'NR == 2 { print $11 }' "$HTTP_BODY")" "met" "results.csv: sampling_rules = met"

n=$((n + 1)); contact $n 2026-06-06 10:00 standard	# a Saturday
n=$((n + 1)); contact $n 2026-06-12 15:00 standard	# Friday afternoon again
http_get "/referent/campagnes/$cid" > /dev/null
body_has "1 contact a eu lieu un jour non ouvré" "a call on a Saturday is said"
body_has "1 contact a eu lieu pendant une demi-journée qui en comptait déjà un" \
	"two in one afternoon are said"
body_has "Résultat hors des règles" "and the result is marked again"
body_has "22 contacts, pour 20 demandés" "the contacts are still all counted"
