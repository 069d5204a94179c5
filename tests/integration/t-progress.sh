#!/usr/bin/env bash
# A campaign's progress (issue 13, item 2): returns against the target by
# channel and by day (a day with none shown as 0), what remains to do,
# the planner's figures checked against a computation made here; a
# mystery campaign's contacts against its slots. And the printable
# questionnaire (item 3): a PDF for the campaign's referent, in another
# language of its form on request, 404 for another site's referent, an
# unknown language or a mystery campaign; the slots stay the planners'.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 31

psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	('TEST-PG-A', 'Préfecture PG A', '41', 'B'), ('TEST-PG-B', 'Préfecture PG B', '37', 'B')
	ON CONFLICT (code) DO NOTHING"
ra=pg-a-$$ rb=pg-b-$$ en=pg-e-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$ra" --role referent --site TEST-PG-A > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$rb" --role referent --site TEST-PG-B > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$en" --role enquirer --site TEST-PG-A > /dev/null

# Open since 5 days, 20 more to go, a target of 100: 30 web returns two
# days ago, 10 paper ones four days ago, 3 paper ones withdrawn (not
# counted). Courtoisie: 30 satisfied of 36 opinions, 4 "sans avis".
slug=test-pg-$$
cid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on,
		target_count, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
		'satisfaction', 'Enquête suivie', current_date - 5, current_date + 20, 100, :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-PG-A' RETURNING id" slug="$slug")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, submitted_at)
	SELECT md5(:'slug' || i)::uuid, :'c', CASE WHEN i <= 30 THEN 'web' ELSE 'paper' END,
		:'slug' || i, CASE WHEN i <= 30 THEN now() - interval '2 days' ELSE now() - interval '4 days' END
	FROM generate_series(1, 43) i;
	UPDATE qualimetre.response SET withdrawn_at = now()
	WHERE campaign_id = :'c' AND form_token IN (:'slug' || 41, :'slug' || 42, :'slug' || 43);
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || i)::uuid, :'c', 'courtoisie',
		CASE WHEN i <= 30 THEN 'satisfait' WHEN i <= 36 THEN 'peu-satisfait' ELSE 'sans-avis' END
	FROM generate_series(1, 40) i" slug="$slug" c="$cid" > /dev/null

# need X N Q: opinions and questionnaires more for ±5 points at 95 %, the
# rate x / n taken as expected: n0 = ceil(z^2 p (1 - p) / 0.05^2).
need()
{
	awk -v x="$1" -v n="$2" -v q="$3" 'BEGIN {
		z = 1.959963984540054; p = x / n
		v = z * z * p * (1 - p) / 0.0025; n0 = int(v); if (n0 < v) n0++
		m = n0 - n; if (m < 0) m = 0
		k = m * q / n; kq = int(k); if (kq < k) kq++
		print m " " kq }'
}
# page_text: the last body with its no-break spaces made spaces.
page_text() { sed 's/\xc2\xa0/ /g' "$HTTP_BODY"; }

is "$(referent_login "$ra" "$pw")" 303 "the referent of site A logs in"
is "$(http_get "/referent/campagnes/$cid")" 200 "the campaign's page"
like "$(page_text)" 'id="progression-total">40 questionnaires reçus sur un objectif de 100, soit 40 %\.' \
	"returns against the target, withdrawn ones left out"
like "$(page_text)" 'Par internet : 30 ; sur papier : 10\.' "by channel"
like "$(page_text)" 'Il reste 60 questionnaires à recueillir d’ici le ' "what remains by the last day"
rows=$(sed -n '/id="progression-tableau"/,/<\/table>/p' "$HTTP_BODY" | grep -c '<tr><th scope="row">')
is "$rows" 6 "one row per day, from the first to today"
got=$(sed -n '/id="progression-tableau"/,/<\/table>/p' "$HTTP_BODY" |
	grep '<tr><th scope="row">' | sed 's/<[^>]*>/ /g' | awk '{ print $(NF - 2) "/" $(NF - 1) "/" $NF }' | tr '\n' ' ')
is "$got" "0/0/0 0/10/10 0/0/0 30/0/30 0/0/0 0/0/0 " \
	"web, paper and total by day, days without any shown as 0"
body_has '<svg[^>]*role="img"[^>]*aria-labelledby="progression-jours-title"' "the days' chart, named"
read -r more qmore <<< "$(need 30 36 40)"
row=$(sed -n '/id="precision-table"/,/<\/table>/p' "$HTTP_BODY" | grep -A6 'Courtoisie' | tr -d '\n' |
	sed 's/<[^>]*>/|/g; s/\xc2\xa0/ /g; s/||*/|/g')
like "$row" "Courtoisie\\|36\\|83,3 %\\|±[0-9,]* %\\|$more\\|$qmore\\|" \
	"the planner: $more more opinions, $qmore more questionnaires for courtoisie, as computed here"
like "$(page_text)" 'id="precision-total">Environ [0-9 ]* questionnaires de plus pour que chaque critère' \
	"the campaign's headline"
body_has 'id="precision-hypotheses">Calcul' "the assumptions under the table"
body_has "href=\"/referent/campagnes/$cid/rythme\">Heure des réponses" "a link to the rhythm page, not a copy"

# The questionnaire to print.
body_has "href=\"/referent/campagnes/$cid/questionnaire.pdf\"" "the page links to the printable questionnaire"
is "$(http_get "/referent/campagnes/$cid/questionnaire.pdf")" 200 "the questionnaire's PDF"
like "$(head -c 5 "$HTTP_BODY")" '^%PDF-' "is a PDF"
is "$(http_header Content-Disposition)" 'attachment; filename="questionnaire.pdf"' "saved, not shown"
cp "$HTTP_BODY" "$QM_TMP/questionnaire.pdf"
text=$(pdftotext "$QM_TMP/questionnaire.pdf" - 2>/dev/null | tr -s ' \n' '  ')
like "$text" "Préfecture PG A Enquête suivie" "it names the site and the campaign"
like "$text" "1\\. Pour quelle démarche.*Comment jugez-vous la courtoisie" "its questions numbered in order"
like "$(printf '%s' "$text" | tr -d ' ')" "$QM_URL/enquete/$slug" "the web version's address by its QR code"
http_get "/referent/campagnes/$cid/questionnaire.pdf?langue=en" > /dev/null
cp "$HTTP_BODY" "$QM_TMP/questionnaire-en.pdf"
like "$(pdftotext "$QM_TMP/questionnaire-en.pdf" - 2>/dev/null | tr -s ' \n' '  ')" "Satisfaction survey on our reception service" \
	"in English on request"
is "$(http_get "/referent/campagnes/$cid/questionnaire.pdf?langue=xx")" 404 "an unknown language: 404"
is "$(http_post "/referent/campagnes/$cid/questionnaire.pdf" "a=b")/$(http_header Allow)" "405/GET, HEAD" \
	"a POST: 405"

# One to come, with nothing returned yet: what it will take, no empty chart.
soon=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on,
		target_count, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
		'satisfaction', 'Enquête à venir', current_date + 10, current_date + 40, 50, :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-PG-A' RETURNING id" slug="$slug-soon")
is "$(http_get "/referent/campagnes/$soon")" 200 "a campaign to come"
like "$(page_text | tr '\n' ' ')" 'id="progression-total">0 questionnaire reçu sur un objectif de 50, soit 0 %\..*jours ouvrés à partir de l’ouverture.*Environ 385 questionnaires de plus' \
	"its progress: none yet, the pace from its opening, 385 for ±5 points at 50 %"
check "no empty chart or table" sh -c "! grep -qE 'progression-jours|progression-tableau|precision-table' '$HTTP_BODY'"

# A mystery campaign: four slots of two days, a target of 4, one call.
calls_with_slots TEST-PG-A "$slug-calls" "$en" > /dev/null
mid=$(psql_q "SELECT id FROM qualimetre.campaign WHERE slug = :'s'" s="$slug-calls")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, slot_id, entered_by)
	SELECT md5(:'s')::uuid, :'c', 'call', :'s', (SELECT min(id) FROM qualimetre.slot WHERE campaign_id = :'c'),
		(SELECT id FROM qualimetre.app_user WHERE login = :'e')" s="$slug-call-1" c="$mid" e="$en" > /dev/null
http_get "/referent/campagnes/$mid" > /dev/null
like "$(page_text | tr "\n" " ")" 'id="progression-total">1 contact enregistré sur un objectif de 4, soit 25 %\..*4 créneaux planifiés\.' \
	"a mystery campaign: contacts against its target and its slots"
is "$(http_get "/referent/campagnes/$mid/questionnaire.pdf")" 404 "no paper questionnaire for a grid"

# Another site's referent: nothing, down to the database.
is "$(referent_login "$rb" "$pw")" 303 "the referent of site B logs in"
is "$(http_get "/referent/campagnes/$cid/questionnaire.pdf")/$(http_get "/referent/campagnes/$cid")" "404/404" \
	"site A's questionnaire and progress are not hers"
uid=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$rb")
tok=$(session_token "$uid")
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'t', false) IS NULL;
	SELECT count(*) FROM qualimetre.slot WHERE campaign_id = :'c'" t="$tok" c="$mid" | tail -n 1)" 0 \
	"the policies hide site A's slots from her"
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'t', false) IS NULL;
	UPDATE qualimetre.slot SET afternoon = afternoon WHERE campaign_id = :'c' RETURNING id" t="$tok" c="$mid" | tail -n +2)" "" \
	"nor can she move them"
tap_done
