#!/usr/bin/env bash
# The quality indicators (/referent/indicateurs): computed values from
# fixture mystery grids equal to counts made by hand; values entered,
# bad values (negative, text, a period of another year, another site's
# site) refused with nothing stored; targets edited; history and audit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 22

year=2025
pw="mot de passe indicateurs $$"
ref=ref-ind-$$ code=TI$$ other=TJ$$
code=${code:0:16} other=${other:0:16}
sid=$(psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES (:'c', 'Préfecture des indicateurs', '41', 'B') RETURNING id" c="$code")
oid=$(psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES (:'c', 'Une autre préfecture', '41', 'B') RETURNING id" c="$other")
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$code" > /dev/null

# Calls in February (T1): 10 contacts, 7 picked up. Emails in April
# (T2): replies after 1, 2, 3 and 6 working days: 3 of 4 within 5
# (Qual-e-pref), a mean of 3 days.
psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug, referential_id)
	VALUES (:'s', (SELECT id FROM qualimetre.form WHERE key = 'mystery-call' ORDER BY version DESC LIMIT 1),
		'mystery-call', 'Appels', make_date(:'y', 2, 3), make_date(:'y', 2, 14), 'ti-call-$$',
		(SELECT id FROM qualimetre.referential WHERE key = 'qual-e-pref')),
	(:'s', (SELECT id FROM qualimetre.form WHERE key = 'mystery-email' ORDER BY version DESC LIMIT 1),
		'mystery-email', 'Courriels', make_date(:'y', 4, 7), make_date(:'y', 4, 18), 'ti-mail-$$',
		(SELECT id FROM qualimetre.referential WHERE key = 'qual-e-pref'));
	INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5('ti-call-$$' || k)::uuid, c.id, 'call', 'ti-call-$$' || k
	FROM qualimetre.campaign c, generate_series(1, 10) k WHERE c.slug = 'ti-call-$$';
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5('ti-call-$$' || k)::uuid, c.id, 'decroche',
		CASE WHEN k <= 7 THEN 'conforme' ELSE 'non-conforme' END
	FROM qualimetre.campaign c, generate_series(1, 10) k WHERE c.slug = 'ti-call-$$';
	INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5('ti-mail-$$' || k)::uuid, c.id, 'email', 'ti-mail-$$' || k
	FROM qualimetre.campaign c, generate_series(1, 4) k WHERE c.slug = 'ti-mail-$$';
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5('ti-mail-$$' || k)::uuid, c.id, 'delai', (ARRAY['1', '2', '3', '6'])[k]
	FROM qualimetre.campaign c, generate_series(1, 4) k WHERE c.slug = 'ti-mail-$$'" \
	s="$sid" y="$year" > /dev/null || bail_out "cannot make the campaigns"

# row KEY-LABEL-PREFIX: the dashboard's row of an indicator, one line.
row() { tr -d '\n' < "$HTTP_BODY" | grep -o "<tr><th scope=\"row\">$1[^<]*.*" | sed 's|</tr>.*||'; }

staff_login /referent "$ref" "$pw" > /dev/null
is "$(http_get "/referent/indicateurs?site=$sid&annee=$year")" 200 "the dashboard of $year"
like "$(row 'Appels décrochés')" "T1 : 70,0[^<]*%.*\\(7/10\\)" "calls picked up in T1: 7 of 10, as counted by hand"
like "$(row 'Courriels répondus')" "T2 : 75,0[^<]*%.*\\(3/4\\)" "emails within 5 working days in T2: 3 of 4"
like "$(row 'Délai moyen de réponse aux courriels')" "T2 : 3,0.j.*n.=.4" "their mean delay: 3 days over 4"
like "$(row 'Réclamations')" "registre des réclamations" "complaints: waiting for their register"
like "$(row 'Appels décrochés')" '<svg class="qm-trend" role="img".*<desc[^>]*>T1 : 70,0' \
	"a trend line with its text alternative"

P=/referent/indicateurs/saisie
stored() { psql_q "SELECT count(*) FROM qualimetre.indicator_value WHERE site_id = :'s'" s="$1"; }
is "$(http_get "$P?site=$sid&annee=$year&indicateur=delai-permis")" 200 "the entry page of a delay"
csrf=$(input_value _csrf)
base="_csrf=$csrf&site=$sid&annee=$year&indicateur=delai-permis"
is "$(http_post "$P" "$base&v1=28&v2=$(urlencode "26,5")&v3=&v4=")" 303 "28 and 26,5 days entered"
is "$(psql_q "SELECT string_agg(period || '=' || value, ' ' ORDER BY period) FROM qualimetre.indicator_value
	WHERE site_id = :'s'" s="$sid")" "1=28 2=26.5" "stored as 28 and 26.5"
is "$(http_post "$P" "$base&v1=-3&v2=26,5&v3=&v4=")" 400 "a negative delay: 400"
like "$(cat "$HTTP_BODY")" "T1 : saisissez un nombre de jours positif" "with its French message"
is "$(http_post "$P" "$base&v1=vingt&v2=26,5&v3=&v4=")" 400 "text: 400"
is "$(http_post "$P" "$base&v5=3")" 400 "a fifth quarter: 400"
is "$(http_post "$P" "_csrf=$csrf&site=$sid&annee=2099&indicateur=delai-permis&v1=3")" 400 "a year to come: 400"
is "$(http_post "$P" "_csrf=$csrf&site=$oid&annee=$year&indicateur=delai-permis&v1=3")" 404 "another's site: 404"
is "$(http_post "$P" "_csrf=$csrf&site=$sid&annee=$year&indicateur=appels-decroches&x1=3&n1=4")" 404 \
	"a computed indicator is not entered: 404"
is "$(stored "$sid") $(stored "$oid")" "2 0" "nothing stored by the refusals"
is "$(http_post "$P" "$base&v1=27&v2=26,5&v3=&v4=")" 303 "a correction of T1"
is "$(psql_q "SELECT string_agg(value::text, ' ' ORDER BY id) FROM qualimetre.indicator_value
	WHERE site_id = :'s' AND period = 1" s="$sid") $(psql_q "SELECT count(*) FROM qualimetre.audit_log
	WHERE event = 'indicator-value' AND login = :'l'" l="$ref")" "28 27 3" \
	"the correction keeps the value before, three rows audited"

T=/referent/indicateurs/objectifs
http_get "$T?site=$sid" > /dev/null
is "$(http_post "$T" "_csrf=$csrf&site=$sid&objectif-appels-decroches=$(urlencode "85,5")&objectif-delai-permis=25")" 303 \
	"targets of 85,5 % and 25 days"
is "$(psql_q "SELECT string_agg(i.key || '=' || t.target, ' ' ORDER BY i.key) FROM qualimetre.indicator_target t
	JOIN qualimetre.indicator i ON i.id = t.indicator_id WHERE t.site_id = :'s'" s="$sid")" \
	"appels-decroches=0.855 delai-permis=25" "stored"
is "$(http_post "$T" "_csrf=$csrf&site=$sid&objectif-appels-decroches=120")" 400 "a target of 120 % refused"
