#!/usr/bin/env bash
# The referent's results through /referent/: figures computed here
# independently match the page's exports to 1e-9, the exports and the
# poster come out whole, and a referent of another site gets 404 even
# with forged ids, down to the database's policies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 48

login() { staff_login /referent "$@"; }
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	('TEST-REF-A', 'Préfecture A', '41', 'B'), ('TEST-REF-B', 'Préfecture B', '37', 'B')
	ON CONFLICT (code) DO NOTHING"
ra=ref-a-$$ rb=ref-b-$$ en=enq-r-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$ra" --role referent --site TEST-REF-A > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$rb" --role referent --site TEST-REF-B > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$en" --role enquirer --site TEST-REF-A > /dev/null

# A campaign with known answers: courtoisie 30 satisfied out of 40
# opinions (+5 no opinion), attente 9 out of 45, motif for all 45.
slug=test-ref-$$
cid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
		'satisfaction', 'Enquête de test', current_date - 10, current_date - 1, :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-REF-A' RETURNING id" slug="$slug")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5(:'slug' || i)::uuid, :'c', 'web', :'slug' || i FROM generate_series(1, 45) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || i)::uuid, :'c', 'courtoisie',
		CASE WHEN i <= 20 THEN 'tres-satisfait' WHEN i <= 30 THEN 'satisfait'
		WHEN i <= 40 THEN 'peu-satisfait' ELSE 'sans-avis' END
	FROM generate_series(1, 45) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || i)::uuid, :'c', 'attente',
		CASE WHEN i <= 9 THEN 'satisfait' ELSE 'pas-du-tout-satisfait' END
	FROM generate_series(1, 45) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || i)::uuid, :'c', 'motif',
		CASE WHEN i % 3 = 0 THEN 'autre' ELSE 'etrangers' END
	FROM generate_series(1, 45) i" slug="$slug" c="$cid" > /dev/null

# wilson X N: the Wilson score interval at 95 %, computed here.
wilson()
{
	awk -v x="$1" -v n="$2" 'BEGIN {
		z = 1.959963984540054; p = x / n; d = 1 + z * z / n
		c = (p + z * z / (2 * n)) / d
		h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
		printf "%.17g %.17g %.17g\n", p, c - h, c + h }'
}
# near A B: |A - B| < 1e-9
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 1e-9) }'; }

is "$(referent_login "$en" "$pw")" 303 "an enquirer logs in"
is "$(http_get /referent/)" 403 "but the referent's space is refused to her"
is "$(referent_login "$ra" "$pw")" 303 "the referent of site A logs in"
http_get /referent/ > /dev/null
body_has "Enquête de test" "her campaigns are listed"
is "$(http_get "/referent/campagnes/$cid")" 200 "the results page"
body_has '<svg[^>]*role="img"' "with its chart"
body_has '<table' "and its data table"
links=$(grep -o "href=\"/referent/campagnes/$cid/[^\"]*\"" "$HTTP_BODY" | tr '\n' ' ')
is "$links" "href=\"/referent/campagnes/$cid/objectif\" href=\"/referent/campagnes/$cid/ouvrir\" href=\"/referent/campagnes/$cid/papier\" href=\"/referent/campagnes/$cid/modifier\" href=\"/referent/campagnes/$cid/annuler\" href=\"/referent/campagnes/$cid/rythme\" href=\"/referent/campagnes/$cid/rythme\" href=\"/referent/campagnes/$cid/questionnaire.pdf\" href=\"/referent/campagnes/$cid/questionnaire.pdf?langue=en\" href=\"/referent/campagnes/$cid/affiche.pdf\" href=\"/referent/campagnes/$cid/resultats.csv?format=tableur\" href=\"/referent/campagnes/$cid/resultats.ods\" href=\"/referent/campagnes/$cid/reponses.csv?format=tableur\" href=\"/referent/campagnes/$cid/resultats.csv\" href=\"/referent/campagnes/$cid/resultats.xml\" href=\"/referent/campagnes/$cid/reponses.csv\" href=\"/referent/campagnes/$cid/commentaires\" href=\"/referent/campagnes/$cid/publier\" " \
	"the page links to its target, to reopening (closed), to the paper entry, to editing and cancelling, to the rhythm, to the rhythm and the printable questionnaire again (its progress), then to each file of the table, then to the comments and to publishing"

# Broken down by the questionnaire's language: 15 answered in English (all
# very satisfied), 25 in French (15 satisfied, 10 not), 5 with none
# recorded (all "sans avis": no opinion).
psql_q "UPDATE qualimetre.response SET lang = CASE WHEN i <= 15 THEN 'en' ELSE 'fr' END
	FROM generate_series(1, 40) i WHERE id = md5(:'slug' || i)::uuid" slug="$slug" > /dev/null
is "$(http_get "/referent/campagnes/$cid?par=_langue&critere=courtoisie")" 200 \
	"the results broken down by language"
body_has '<option value="_langue" selected>Langue du questionnaire</option>' \
	"the language is offered, and chosen, beside the profile's questions"
body_has '<option value="motif">' "as the reason for the visit is"
rows=$(sed -n '/<caption>.*Langue du questionnaire.*données du graphique/,/<\/table>/p' "$HTTP_BODY" | grep -o '<tr><th scope="row"[^>]*>[^<]*</th><td>[^<]*</td><td>[^<]*</td>' |
	sed -e 's/<[^>]*>/|/g' -e 's/||*/|/g' | tr '\n' ' ')
is "$rows" "|Français|25 (petit échantillon)|15| |English|15 (petit échantillon)|15| |Sans langue enregistrée (papier)|0|0| " \
	"each language's opinions and satisfied answers, the paper ones apart"

# The first, English addresses send the browser on, query and method kept.
is "$(http_get "/referent/campaigns/$cid")/$(http_header Location)" "301//referent/campagnes/$cid" \
	"/referent/campaigns/ID moved to /referent/campagnes/ID"
is "$(http_get "/referent/campaigns/$cid/responses.csv?format=tableur")/$(http_header Location)" \
	"301//referent/campagnes/$cid/reponses.csv?format=tableur" "responses.csv moved to reponses.csv, with its query"
is "$(http_get "/referent/campaigns/$cid/poster.pdf")/$(http_header Location)/$(http_get "/referent/campaigns/$cid/results.xml")/$(http_header Location)" \
	"301//referent/campagnes/$cid/affiche.pdf/301//referent/campagnes/$cid/resultats.xml" "poster.pdf and results.xml moved"
is "$(http_get /referent/campaigns/new)/$(http_header Location)" "301//referent/campagnes/nouvelle" "the new campaign form moved"
is "$(http_post "/referent/campaigns/$cid/fermer" "")/$(http_header Location)" "308//referent/campagnes/$cid/fermer" \
	"a form posted to an old address is sent on with its method (308)"
code=$(http_get "/referent/campagnes/$cid/resultats.csv")
is "$code" 200 "results.csv"
like "$(http_header Content-Type)" '^text/csv' "served as CSV"
is "$(head -n 1 "$HTTP_BODY" | tr -d '\r')" "criterion,label,n,satisfied,rate,lower,upper,method,target,verdict,sampling_rules,notes" \
	"with the columns of the issue, and the campaign's rules and notes"
line=$(grep '^courtoisie,' "$HTTP_BODY" | tr -d '\r')
IFS=, read -r _ _ n sat rate lower upper method _ <<< "$line"
read -r erate elower eupper <<< "$(wilson 30 40)"
is "$n/$sat/$method" "40/30/wilson" "courtoisie: 40 opinions, 30 satisfied, Wilson"
check "its rate and interval match an independent computation to 1e-9" \
	sh -c "$(declare -f near); near $rate $erate && near $lower $elower && near $upper $eupper"
# The spreadsheet variant, offered first: French headers, rounded
# percentages with a decimal comma, the same figures.
http_get "/referent/campagnes/$cid/resultats.csv?format=tableur" > /dev/null
like "$(head -c 3 "$HTTP_BODY" | od -An -tx1 | tr -d ' \n')" '^efbbbf' "results for a spreadsheet: a UTF-8 BOM"
is "$(head -n 1 "$HTTP_BODY" | tail -c +4 | tr -d '\r' | cut -d';' -f1-5)" "Critère;Libellé;Avis exprimés;Satisfaits ou conformes;Taux (%)" \
	"French headers"
is "$(grep '^courtoisie;' "$HTTP_BODY" | tr -d '\r' | cut -d';' -f3-8)" \
	"40;30;75,0;$(awk -v l="$elower" -v u="$eupper" 'BEGIN { printf "%.1f;%.1f", 100 * l, 100 * u }' | tr . ,);Wilson" \
	"courtoisie: 75,0 % and its interval, rounded, with a decimal comma"
http_get "/referent/campagnes/$cid/resultats.csv" > /dev/null
line=$(grep '^attente,' "$HTTP_BODY" | tr -d '\r')
IFS=, read -r _ _ n sat rate lower upper _ <<< "$line"
read -r erate elower eupper <<< "$(wilson 9 45)"
check "attente: 9 of 45, rate and interval to 1e-9" \
	sh -c "$(declare -f near); near $rate $erate && near $lower $elower && near $upper $eupper && [ $n = 45 ]"
dump="$QM_BUILD/tests/csv-dump"
got=$("$dump" , < "$HTTP_BODY" | awk -F'\t' '$1 > 0 && $2 <= 3 { v[$1, $2] = $3 }
	END { for (r = 1; (r, 0) in v; r++) print v[r, 0] "=" v[r, 2] "/" v[r, 3] }' | sort)
want=$(psql_q "SELECT question || '=' || count(*) FILTER (WHERE value <> 'sans-avis') || '/' ||
	count(*) FILTER (WHERE value IN ('tres-satisfait', 'satisfait'))
	FROM qualimetre.answer WHERE campaign_id = :'c' AND question IN ('courtoisie', 'attente')
	GROUP BY question ORDER BY 1" c="$cid")
is "$(echo "$got" | grep -E '^(courtoisie|attente)=')" "$want" \
	"results.csv read back with an RFC 4180 reader: n and satisfied as stored"
code=$(http_get "/referent/campagnes/$cid/resultats.xml")
like "$(head -c 200 "$HTTP_BODY")" '<\?xml version="1.0"' "results.xml is XML ($code)"
code=$(http_get "/referent/campagnes/$cid/reponses.csv")
is "$(grep -c $'\r$' "$HTTP_BODY")" 46 "responses.csv: a header and 45 rows ($code)"
like "$(head -n 1 "$HTTP_BODY")" '^response_id,submitted_at,response_channel,response_corrected_at,set_aside,response_lang,motif,' "one column per question"
# Every response's answers, read back field by field, against the database.
got=$("$dump" , < "$HTTP_BODY" | awk -F'\t' '
	$1 == 0 { name[$2] = $3; next }
	name[$2] ~ /^(response_id|motif|courtoisie|attente)$/ { v[$1, name[$2]] = $3; rows[$1] = 1 }
	END { for (r in rows) print v[r, "response_id"] " " v[r, "motif"] " " v[r, "courtoisie"] " " v[r, "attente"] }' | sort)
want=$(psql_q "SELECT r.id || ' ' || coalesce(m.value, '') || ' ' || coalesce(c.value, '') || ' ' || coalesce(w.value, '')
	FROM qualimetre.response r
	LEFT JOIN qualimetre.answer m ON m.response_id = r.id AND m.question = 'motif'
	LEFT JOIN qualimetre.answer c ON c.response_id = r.id AND c.question = 'courtoisie'
	LEFT JOIN qualimetre.answer w ON w.response_id = r.id AND w.question = 'attente'
	WHERE r.campaign_id = :'c' ORDER BY 1" c="$cid")
is "$got" "$want" "responses.csv read back: every response's answers as stored"
# Every download is saved, never shown in the site's origin (issue 12, item 9).
got=
for f in affiche.pdf 'resultats.csv?format=tableur' resultats.ods 'reponses.csv?format=tableur' \
    resultats.csv resultats.xml reponses.csv; do
	http_get "/referent/campagnes/$cid/$f" > /dev/null
	got+="$(http_header Content-Disposition)|"
done
http_get "/referent/campagnes/$cid" > /dev/null
got+="$(http_header Content-Disposition)"
is "$got" 'attachment; filename="affiche.pdf"|attachment; filename="resultats.csv"|attachment; filename="resultats.ods"|attachment; filename="reponses.csv"|attachment; filename="resultats.csv"|attachment; filename="resultats.xml"|attachment; filename="reponses.csv"|' \
	"each download is an attachment with its name; the campaign page is not"
http_get "/referent/campagnes/$cid/reponses.csv?format=tableur" > /dev/null
like "$(head -c 3 "$HTTP_BODY" | od -An -tx1 | tr -d ' \n')" '^efbbbf' "the spreadsheet variant opens with a BOM"
like "$(sed -n 1p "$HTTP_BODY")" "Réponse;Envoyée le \\(UTC\\);Canal;Corrigée le \\(UTC\\);Mise à l’écart \\(période\\);Langue;Pour quelle démarche" \
	"and separates with ';', under French headers"
# Read back by its French headers, each label turned back into its code by
# the words of forms/satisfaction.xml, typed here.
got2=$("$dump" ';' < "$HTTP_BODY" | awk -F'\t' '
	$1 == 0 { name[$2] = $3; next }
	name[$2] ~ /Réponse$/ { v[$1, "id"] = $3; rows[$1] = 1 }
	name[$2] ~ /^Pour quelle démarche/ { v[$1, "motif"] = $3 }
	name[$2] == "Courtoisie" { v[$1, "courtoisie"] = $3 }
	name[$2] == "Temps d’attente" { v[$1, "attente"] = $3 }
	END { for (r in rows) print v[r, "id"] "|" v[r, "motif"] "|" v[r, "courtoisie"] "|" v[r, "attente"] }' |
	sed -e 's/|Une démarche pour les étrangers[^|]*|/|etrangers|/' -e 's/|Une autre démarche|/|autre|/' \
	    -e 's/|Très satisfait/|tres-satisfait/g' -e 's/|Satisfait/|satisfait/g' \
	    -e 's/|Peu satisfait/|peu-satisfait/g' -e 's/|Pas du tout satisfait/|pas-du-tout-satisfait/g' \
	    -e 's/|Sans avis \/ non concerné/|sans-avis/g' | tr '|' ' ' | sort)
is "$got2" "$want" "the spreadsheet variant reads back, label by label, to the same answers"
code=$(http_get "/referent/campagnes/$cid/affiche.pdf")
like "$(head -c 5 "$HTTP_BODY")" '^%PDF-' "the poster is a PDF ($code)"
cp "$HTTP_BODY" "$QM_TMP/poster.pdf"
text=$(pdftotext -layout "$QM_TMP/poster.pdf" - 2>/dev/null)
like "$text" "75 %" "its text holds courtoisie's rate (30/40 = 75 %)"
like "$(printf '%s' "$text" | tr -d ' \n')" "$QM_URL/enquete/$slug" \
	"and the questionnaire's link at the instance's public address, port included"
# A campaign of the email grid's first version, whose criteria have no
# short names: the poster names them by the newest version's, so that two
# long questions cut short never read the same.
v1=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'mystery-email' AND version = 1),
		'mystery-email', 'Courriels de la première version', current_date - 400, current_date - 370, :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-REF-A' RETURNING id" slug="$slug-v1")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	VALUES (md5(:'s')::uuid, :'c', 'email', :'s');
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	VALUES (md5(:'s')::uuid, :'c', 'courtoisie', 'conforme')" s="$slug-v1" c="$v1" > /dev/null
http_get "/referent/campagnes/$v1/affiche.pdf" > /dev/null
cp "$HTTP_BODY" "$QM_TMP/poster-v1.pdf"
text=$(pdftotext -layout "$QM_TMP/poster-v1.pdf" - 2>/dev/null | tr -s ' \n' '  ')
like "$text" "Signature complète .*Lisibilité" \
	"a first version's poster names its criteria by the newest version's short names"
is "$(grep -c 'Signature nommant\|Réponse courtoise' <<< "$text")" 0 "and none by its first version's question"
sess=$(awk '$6 == "qm_session" { print $7 }' "$HTTP_COOKIES")
http_get "/referent/campagnes/$cid" -H "Host: ailleurs.example" -H "Cookie: qm_session=$sess" > /dev/null
body_has "<a href=\"$QM_URL/enquete/$slug\">" \
	"the page's link too, whatever Host the request named"
pdftoppm -png -r 40 -singlefile "$QM_TMP/poster.pdf" "$QM_TMP/poster" 2>/dev/null
check "it renders to an image" test -s "$QM_TMP/poster.png"

# ---- an email grid: a never-answered email counts once the campaign is closed
# Last year's email campaign: one email answered in 2 working days, one
# never answered: 1 of 2 on time, so the change below is from 50 %.
pid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'mystery-email' ORDER BY version DESC LIMIT 1),
		'mystery-email', 'Courriels d''avant', current_date - 60, current_date - 40, :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-REF-A' RETURNING id" slug="$slug-before")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5(:'slug' || i)::uuid, :'c', 'email', :'slug' || i FROM generate_series(1, 2) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	VALUES (md5(:'slug' || 1)::uuid, :'c', 'delai', '2'),
		(md5(:'slug' || 1)::uuid, :'c', 'envoi', to_char(current_date - 50, 'YYYY-MM-DD') || 'T09:00'),
		(md5(:'slug' || 2)::uuid, :'c', 'envoi', to_char(current_date - 50, 'YYYY-MM-DD') || 'T09:00')" \
	slug="$slug-before" c="$pid" > /dev/null
mid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'mystery-email' ORDER BY version DESC LIMIT 1),
		'mystery-email', 'Courriels de test', current_date - 30, current_date - 1, :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-REF-A' RETURNING id" slug="$slug-mails")
# An email is late once more than 5 working days (Loir-et-Cher's) have
# passed since it was sent: find the last day an unanswered email sent is
# already late today, and the next one, still pending.
today=$(psql_q "SELECT (now() AT TIME ZONE timezone)::date FROM qualimetre.site WHERE code = 'TEST-REF-A'")
late='' k=1
while [ $k -le 20 ]; do
	d=$(date -d "$today - $k days" +%F)
	if [ "$(admin working-days "$(date -d "$d + 1 day" +%F)" "$today" --department 41 | head -n 1)" -gt 5 ]; then
		late=$d
		break
	fi
	k=$((k + 1))
done
pending=$(date -d "$late + 1 day" +%F)
diag "today $today: an email sent on $late is late, one sent on $pending is not yet"
# Two answered emails (2 and 8 working days), three not: sent on $late,
# on $pending and today.
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5(:'slug' || i)::uuid, :'c', 'email', :'slug' || i FROM generate_series(1, 5) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	VALUES (md5(:'slug' || 1)::uuid, :'c', 'delai', '2'), (md5(:'slug' || 2)::uuid, :'c', 'delai', '8'),
		(md5(:'slug' || 1)::uuid, :'c', 'envoi', :'late' || 'T09:00'),
		(md5(:'slug' || 2)::uuid, :'c', 'envoi', :'late' || 'T09:00'),
		(md5(:'slug' || 3)::uuid, :'c', 'envoi', :'late' || 'T17:30'),
		(md5(:'slug' || 4)::uuid, :'c', 'envoi', :'pending' || 'T09:00'),
		(md5(:'slug' || 5)::uuid, :'c', 'envoi', :'today' || 'T08:00')" \
	slug="$slug-mails" c="$mid" late="$late" pending="$pending" today="$today" > /dev/null
http_get "/referent/campagnes/$mid/resultats.csv" > /dev/null
IFS=, read -r _ _ n sat _ < <(grep '^delai,' "$HTTP_BODY")
is "$n/$sat" "3/1" "email delays: 1 of 3 within 5 working days, the one unanswered past its own deadline counted against"
http_get "/referent/campagnes/$mid" > /dev/null
body_has "En attente : 2 courriels n’ont pas encore de réponse et leur délai de 5 jours ouvrés court encore" \
	"the two whose deadline has not passed are pending, said on the page, left out of the rate"
body_has "16,7.{1,3}points \\(" "and the change since last year counts last year's unanswered email too (33,3 % against 50 %)"
body_has "Délai moyen de réponse : 5,0 jours ouvrés ; délai médian : 5,0 jours ouvrés, sur 2 courriels répondus" \
	"the mean and median reply delay of the emails answered (2 and 8 working days)"

# ---- another site's referent
referent_login "$rb" "$pw" > /dev/null
is "$(http_get "/referent/campagnes/$cid")/$(http_get "/referent/campagnes/$cid/resultats.csv")/$(http_get "/referent/campagnes/$cid/reponses.csv")" \
	"404/404/404" "the referent of site B gets 404 for site A's campaign and its exports"
idb=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$rb")
got=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT (SELECT count(*) FROM qualimetre.answer WHERE campaign_id = :'c') || '/' ||
	(SELECT count(*) FROM qualimetre.campaign WHERE id = :'c')" u="$idb" tok="$(session_token "$idb")" c="$cid" | tail -n 1)
is "$got" "0/0" "the referent role's policies themselves hide site A's rows from B"
