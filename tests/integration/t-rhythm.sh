#!/usr/bin/env bash
# The rhythm of a campaign's responses through /referent/: a night's burst
# is flagged, the referent sets its hour aside with a reason and the rates,
# the exports and the poster follow, the decision is traced and can be
# lifted; bad periods, overlaps, a forged CSRF token and another site's
# referent are refused with nothing changed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 47

login() { staff_login /referent "$@"; }
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	('TEST-RY-A', 'Préfecture A', '41', 'B'), ('TEST-RY-B', 'Préfecture B', '37', 'B')
	ON CONFLICT (code) DO NOTHING"
ra=ry-a-$$ rb=ry-b-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$ra" --role referent --site TEST-RY-A --name "Camille Essai" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$rb" --role referent --site TEST-RY-B > /dev/null

# Nine days of one web response an hour, 9 h to 16 h (54 of the 72
# satisfied with courtoisie), and one night 3 days ago when 60 answers, all
# "pas du tout satisfait", arrived between 2 h and 3 h.
slug=test-ry-$$
cid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
		'satisfaction', 'Enquête rythme', current_date - 10, current_date + 5, :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-RY-A' RETURNING id" slug="$slug")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, submitted_at)
	SELECT md5(:'slug' || 's' || d || '-' || h)::uuid, :'c', 'web', :'slug' || 's' || d || '-' || h,
		((current_date - d) + make_time(h, 30, 0)) AT TIME ZONE 'Europe/Paris'
	FROM generate_series(1, 9) d, generate_series(9, 16) h;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || 's' || d || '-' || h)::uuid, :'c', 'courtoisie',
		CASE WHEN h <= 14 THEN 'satisfait' ELSE 'peu-satisfait' END
	FROM generate_series(1, 9) d, generate_series(9, 16) h;
	INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, submitted_at)
	SELECT md5(:'slug' || 'b' || i)::uuid, :'c', 'web', :'slug' || 'b' || i,
		((current_date - 3) + make_time(2, i - 1, 0)) AT TIME ZONE 'Europe/Paris'
	FROM generate_series(1, 60) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || 'b' || i)::uuid, :'c', 'courtoisie', 'pas-du-tout-satisfait'
	FROM generate_series(1, 60) i;
	INSERT INTO qualimetre.submission_check (campaign_id, day, reason, count)
	VALUES (:'c', current_date - 3, 'fast', 41), (:'c', current_date - 2, 'late', 2)" \
	slug="$slug" c="$cid" > /dev/null
night=$(psql_q "SELECT to_char(current_date - 3, 'YYYY-MM-DD')")
page=/referent/campagnes/$cid/rythme

# courtoisie's "n/satisfied" in results.csv
courtoisie() { http_get "/referent/campagnes/$cid/resultats.csv" > /dev/null
	awk -F, '$1 == "courtoisie" { print $3 "/" $4 }' "$HTTP_BODY"; }
periods() { psql_q "SELECT count(*) FROM qualimetre.set_aside WHERE campaign_id = :'c'" c="$cid"; }

is "$(login "$ra" "$pw")" 303 "the referent of site A logs in"
is "$(courtoisie)" "132/54" "before: courtoisie counts the night's 60 answers (54 of 132)"
http_get "/referent/campagnes/$cid" > /dev/null
body_has "Contrôle des envois" "the results page has a word on the sends"
body_has "1 heure a reçu bien plus de réponses" "it names the burst"
body_has "43 envois ont été présentés" "and the sends asked to confirm (41 + 2)"
body_has "href=\"$page\"" "with a link to the rhythm page"

# ---- the rhythm page
is "$(http_get "$page")" 200 "the rhythm page"
body_has '<svg[^>]*role="img"' "a chart of responses per day"
body_has "Réponses reçues par jour</title>" "with its title"
body_has "au moins 10 réponses" "the rule: at least 10 in an hour against a usual 1"
body_has "debut=${night}T02:00&amp;fin=${night}T03:00" "the night's hour is flagged, with a link that prepares it"
body_has "41 trop rapides, 2 tardifs" "the sends asked to confirm, by reason"
csrf=$(input_value _csrf)
is "$(http_get "$page?debut=${night}T02:00&fin=${night}T03:00")" 200 "the prepared link"
is "$(input_value debut)/$(input_value fin)" "${night}T02:00/${night}T03:00" "fills the form"

# ---- bad periods: a clear refusal, nothing set aside
post() { http_post "$page" "_csrf=$csrf&debut=$1&fin=$2&motif=$(urlencode "$3")"; }
is "$(post "${night}T02:00" "${night}T03:00" "")" 400 "no reason: 400"
body_has "Indiquez le motif" "the message says what is missing"
is "$(post "${night}T03:00" "${night}T02:00" "Envoi groupé")" 400 "the end before the start: 400"
body_has "doit suivre son début" "said next to the period"
is "$(post "${night}T25:00" "${night}T03:00" "Envoi groupé")" 400 "an hour that does not exist: 400"
is "$(post "$(date -d tomorrow +%F)T02:00" "$(date -d tomorrow +%F)T03:00" "Envoi groupé")" 400 "a period not over yet: 400"
body_has "pas encore terminée" "said so"
is "$(post "${night}T05:00" "${night}T06:00" "Envoi groupé")" 400 "a period with no response: 400"
body_has "rien à" "nothing to set aside"
is "$(post "2020-01-01T00:00" "2020-03-01T00:00" "Envoi groupé")" 400 "a period of two months: 400"
is "$(http_post "$page" "_csrf=forged&debut=${night}T02:00&fin=${night}T03:00&motif=x")" 403 "a forged CSRF token: 403"
is "$(periods)" 0 "none of them set anything aside"

# ---- set aside: rates, exports, trace
reason="Envoi groupé de 60 réponses dans la nuit, même appareil"
is "$(post "${night}T02:00" "${night}T03:00" "$reason")" 303 "the night's hour set aside: 303"
is "$(courtoisie)" "72/54" "after: courtoisie counts 54 of 72"
is "$(psql_q "SELECT u.login || '|' || w.reason || '|' || (w.lifted_at IS NULL)
	FROM qualimetre.set_aside w JOIN qualimetre.app_user u ON u.id = w.decided_by
	WHERE w.campaign_id = :'c'" c="$cid")" "$ra|$reason|true" "the decision is stored with who and why"
is "$(psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event = 'set-aside' AND login = :'l'
	AND detail LIKE '%60 web responses%'" l="$ra")" 1 "and written to the audit log"
http_get "/referent/campagnes/$cid" > /dev/null
body_has "72 réponses retenues \\(60 autres écartées\\)" "the page counts the responses kept and set aside"
body_has "écartées des taux par Camille Essai" "the note names who decided"
http_get "/referent/campagnes/$cid/resultats.csv" > /dev/null
like "$(sed -n 2p "$HTTP_BODY")" "écartées des taux par Camille Essai le .*Envoi groupé de 60" \
	"results.csv carries the decision"
http_get "/referent/campagnes/$cid/reponses.csv" > /dev/null
is "$(awk -F, 'NR > 1 && $5 != "" { n++ } END { print n + 0 }' "$HTTP_BODY")" 60 \
	"responses.csv marks the 60 responses set aside"
http_get "/referent/campagnes/$cid/affiche.pdf" > /dev/null
like "$(pdftotext "$HTTP_BODY" - 2>/dev/null | tr '\n' ' ')" "écartées des taux" "the poster carries the note"
is "$(post "${night}T02:30" "${night}T04:00" "Autre motif")" 400 "an overlapping period: 400"
body_has "chevauche" "said so"
is "$(periods)" 1 "nothing more set aside"

# ---- another site's referent
is "$(login "$rb" "$pw")" 303 "the referent of site B logs in"
is "$(http_get "$page")" 404 "site A's rhythm page: 404"
csrfb=$(http_get /referent/ > /dev/null; input_value _csrf)
is "$(http_post "$page" "_csrf=$csrfb&debut=${night}T05:00&fin=${night}T06:00&motif=x")" 404 "setting aside in site A's campaign: 404"
wid=$(psql_q "SELECT id FROM qualimetre.set_aside WHERE campaign_id = :'c'" c="$cid")
is "$(http_post "$page/$wid/lever" "_csrf=$csrfb")" 404 "lifting site A's period: 404"
is "$(psql_q "SELECT count(*) FROM qualimetre.set_aside WHERE campaign_id = :'c' AND lifted_at IS NULL" c="$cid")" 1 \
	"the period is still in force"

# ---- lifted, with a trace; never deleted
login "$ra" "$pw" > /dev/null
csrf=$(http_get "$page" > /dev/null; input_value _csrf)
is "$(http_post "$page/$wid/lever" "_csrf=$csrf")" 303 "the referent lifts it: 303"
is "$(courtoisie)" "132/54" "the rates count the night again"
http_get "$page" > /dev/null
body_has "Levée par Camille Essai" "the page shows who lifted it"
is "$(http_post "$page/$wid/lever" "_csrf=$csrf")" 404 "lifting it again: 404"
