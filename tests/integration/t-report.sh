#!/usr/bin/env bash
# The annual report (issue 13, item 10): for a year and a site, or the
# referent's sites of a department pooled, the page's synthesis and three
# files: a PDF whose text holds the synthesis, an ODT with every section
# (the complaints', whose data does not exist yet, saying so; the indicators,
# the comments' themes, the self-assessment and the action plan from their
# data), an ODS whose figures are the results page's; the campaign's own resultats.ods beside the CSV;
# another site's referent refused; bad parameters refused beside their field.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 53

dump="$QM_BUILD/tests/odf-dump"
# Sites of this run alone, so that the script can run again.
A=TR$$-A B=TR$$-B X=TR$$-X
for code in $A $B $X; do
	psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
		VALUES (:'c', 'Préfecture du bilan ' || :'c', '41', 'B')
		ON CONFLICT (code) DO NOTHING" c="$code" > /dev/null
done
ref=rep-ref-$$ pw="mot de passe du bilan $$"
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site $A \
	--site $B --name "Référente Bilan $$" > /dev/null
other=rep-x-$$ opw="autre mot de passe du bilan $$"
printf '%s\n' "$opw" | admin user add --final --login "$other" --role referent --site $X \
	> /dev/null
site=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$A")

# campaign SITE_CODE KIND TITLE OPENS CLOSES: prints its id.
campaign()
{
	psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug,
			target_rate)
		SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = :'k' ORDER BY version DESC LIMIT 1),
			:'k', :'t', :'o', :'c', 'rep-' || :'t' || '-' || :'p',
			CASE WHEN :'k' = 'satisfaction' THEN 0.80 END
		FROM qualimetre.site s WHERE s.code = :'s' RETURNING id" s="$1" k="$2" t="$3" o="$4" c="$5" p="$$"
}
# answers CAMPAIGN N QUESTION CASE: N responses, each answering QUESTION with
# the SQL expression CASE of i (1 to N).
answers()
{
	psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
		SELECT md5(:'c' || :'q' || i)::uuid, :'c', 'web', :'c' || :'q' || i
		FROM generate_series(1, :'n'::int) i;
		INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
		SELECT md5(:'c' || :'q' || i)::uuid, :'c', :'q', $4
		FROM generate_series(1, :'n'::int) i" c="$1" n="$2" q="$3" > /dev/null
}

# 2024 then 2025 at site A: courtoisie 20 of 40 satisfied, then 30 of
# 40 with 5 "sans avis": +25 points, significant. A 2025 questionnaire at
# site B (8 of 10) and four calls at site A, too few for the
# label's rules.
prev=$(campaign $A satisfaction precedente 2024-03-02 2024-03-20)
cid=$(campaign $A satisfaction courante 2025-03-02 2025-03-20)
cid2=$(campaign $B satisfaction second-site 2025-04-01 2025-04-20)
calls=$(campaign $A mystery-call appels 2025-06-02 2025-06-13)
answers "$prev" 40 courtoisie "CASE WHEN i <= 20 THEN 'satisfait' ELSE 'peu-satisfait' END"
answers "$cid" 45 courtoisie "CASE WHEN i <= 30 THEN 'satisfait' WHEN i <= 40 THEN 'peu-satisfait'
	ELSE 'sans-avis' END"
answers "$cid2" 10 courtoisie "CASE WHEN i <= 8 THEN 'tres-satisfait' ELSE 'peu-satisfait' END"
answers "$calls" 4 decroche "CASE WHEN i <= 3 THEN 'conforme' ELSE 'non-conforme' END"

# One email at site B: "1 courriel", singular, in the department's synthesis.
mail=$(campaign $B mystery-email courriel 2025-05-05 2025-05-16)
answers "$mail" 1 service "'permis'"
ref_id=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$ref")
site_b=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$B")
# Site A's 2025: an entered delay of 27,5 days against its target of 25;
# comments of the 2025 questionnaire tagged: "Accueil" twice (one of them
# hidden, so not counted), "Attente" once, and "Accueil" once at site B;
# an action overdue decided at a COPIL.
psql_q "INSERT INTO qualimetre.indicator_value (site_id, indicator_id, year, period, value, entered_by)
	SELECT :'s', id, 2025, 1, 27.5, :'u' FROM qualimetre.indicator WHERE key = 'delai-permis';
	INSERT INTO qualimetre.indicator_target (site_id, indicator_id, target, set_by)
	SELECT :'s', id, 25, :'u' FROM qualimetre.indicator WHERE key = 'delai-permis'" \
	s="$site" u="$ref_id" > /dev/null
psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, text)
	SELECT md5(:'c' || 'courtoisie' || i)::uuid, :'c', 'commentaire', 'Commentaire ' || i
	FROM generate_series(1, 3) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, text)
	VALUES (md5(:'c2' || 'courtoisie' || 1)::uuid, :'c2', 'commentaire', 'Commentaire B');
	-- The default themes (sql/033) hold these already on a new site.
	INSERT INTO qualimetre.comment_theme (site_id, label)
	VALUES (:'s', 'Accueil'), (:'s', 'Attente'), (:'sb', 'Accueil')
	ON CONFLICT DO NOTHING;
	INSERT INTO qualimetre.comment_tag (response_id, question, campaign_id, theme_id)
	SELECT md5(:'c' || 'courtoisie' || i)::uuid, 'commentaire', :'c', t.id
	FROM generate_series(1, 3) i JOIN qualimetre.comment_theme t
		ON t.site_id = :'s' AND t.label = CASE WHEN i < 3 THEN 'Accueil' ELSE 'Attente' END;
	INSERT INTO qualimetre.comment_tag (response_id, question, campaign_id, theme_id)
	SELECT md5(:'c2' || 'courtoisie' || 1)::uuid, 'commentaire', :'c2', t.id
	FROM qualimetre.comment_theme t WHERE t.site_id = :'sb' AND t.label = 'Accueil';
	INSERT INTO qualimetre.comment_hidden (response_id, question, campaign_id, reason)
	VALUES (md5(:'c' || 'courtoisie' || 2)::uuid, 'commentaire', :'c', 'Un nom propre')" \
	c="$cid" c2="$cid2" s="$site" sb="$site_b" > /dev/null
psql_q "WITH m AS (INSERT INTO qualimetre.copil_meeting (site_id, held_on, label, created_by)
	VALUES (:'s', '2025-02-10', 'COPIL de février', :'u') RETURNING id)
	INSERT INTO qualimetre.action (site_id, title, description, origin, owner, due_on, status,
	copil_id, created_by, updated_by) SELECT :'s', 'Refaire la signalétique du hall', '', 'audit',
	'Service accueil', '2025-09-30', 'prevue', m.id, :'u', :'u' FROM m" s="$site" u="$ref_id" > /dev/null

is "$(referent_login "$ref" "$pw")" 303 "the referent logs in"
# Site A's self-assessment of 2025-S2 validated, its first engagement
# "partially engaged" (1) where 2 is required.
SA=/referent/autodiagnostic/$site/2025-S2
is "$(http_get "$SA")" 200 "the self-assessment grid of 2025-S2"
sa_body="_csrf=$(input_value _csrf)&action=valider" i=0
for k in $(grep -oE 'name="n-[a-z0-9-]+"' "$HTTP_BODY" | sed 's/name="n-//; s/"//' | sort -u); do
	i=$((i + 1))
	sa_body+="&n-$k=$([ $i = 1 ] && echo 1 || echo 2)&c-$k="
done
is "$(http_post "$SA" "$sa_body")" 303 "validated with one engagement below the required level"
http_get /referent/ > /dev/null
body_has 'href="/referent/bilan">Bilan annuel<' "the home page links to the report"
is "$(http_get /referent/bilan)" 200 "the report's page"
body_has "<option value=\"site-$site\"" "offers the referent's site"
body_has '<option value="dep-41"' "and their department"
q="annee=2025&perimetre=site-$site"
is "$(http_get "/referent/bilan?$q")" 200 "the report of 2025 for the site"
body_has 'Questionnaires de satisfaction : 45 réponses en 2025 \(1 campagne\), contre 40 en 2024\.' \
	"the synthesis gives the responses of both years"
like "$(tr '\n' ' ' < "$HTTP_BODY" | sed 's/<[^>]*>//g')" 'En progrès +Questionnaires de satisfaction — Courtoisie : \+25,0.points' \
	"and what improved significantly"
body_has 'Indicateurs de qualité : [0-9]+ mesurés? face à un objectif, dont 1 en dessous\.' \
	"the synthesis counts the indicators below their target"
body_has 'Commentaires : 2 classements par thème, le plus fréquent « (Accueil|Attente) » \(1\)\.' \
	"the comments' themes, the hidden one left out"
body_has 'Auto-diagnostic : 1 engagement sous le niveau requis au 2e semestre 2025\.' \
	"the self-assessment's gaps of the latest semester validated"
body_has 'Plan d’actions : 1 action en 2025, dont 1 en retard\.' "the actions and those overdue"
body_has "href=\"/referent/bilan/bilan.pdf\\?annee=2025&amp;perimetre=site-$site\"" "with the PDF's link"
body_has "href=\"/referent/bilan/bilan.ods\\?annee=2025&amp;perimetre=site-$site\"" "and the spreadsheet's"

is "$(http_get "/referent/bilan/bilan.pdf?$q")" 200 "bilan.pdf"
is "$(http_header Content-Type)/$(http_header Content-Disposition)" \
	"application/pdf/attachment; filename=\"bilan-2025-$A.pdf\"" "a PDF, saved under the year and site"
text=$(pdftotext "$HTTP_BODY" - 2>/dev/null | tr '\n' ' ' | tr -s ' ')
like "$text" 'Synthèse .*45 réponses en 2025 \(1 campagne\), contre 40 en 2024' "its text holds the synthesis"
like "$text" 'Réclamations Données pas encore disponibles' \
	"and the section whose data does not exist yet says so"
is "$(grep -o 'pas encore disponible' <<< "$text" | wc -l)" 1 "that one alone"
like "$text" 'Indicateurs de qualité .*Délai moyen de délivrance des permis de conduire \(jours\) 25,0 27,5 non atteint' \
	"the indicators' section gives the entered value and the target"
like "$text" 'Auto-diagnostic .*2e semestre Validé le .*1 engagement sous le niveau requis' \
	"the self-assessment's section its gap"
like "$text" 'Plan d’actions .*Refaire la signalétique du hall' "the action plan its action"

is "$(http_get "/referent/bilan/bilan.odt?$q")" 200 "bilan.odt"
cp "$HTTP_BODY" "$QM_TMP/bilan.odt"
is "$("$dump" "$QM_TMP/bilan.odt" | head -1)" "application/vnd.oasis.opendocument.text" \
	"an OpenDocument text, its mimetype first and stored, content.xml well formed"
is "$("$dump" "$QM_TMP/bilan.odt" | awk -F'\t' '$1 == "h" && $2 == 1 { printf "%s|", $3 }')" \
	"Synthèse|Indicateurs de qualité|Satisfaction des usagers|Contrôles mystère|Commentaires par thème|Réclamations|Auto-diagnostic|Plan d’actions|" \
	"every section in order"

is "$(http_get "/referent/bilan/bilan.ods?$q")" 200 "bilan.ods"
cp "$HTTP_BODY" "$QM_TMP/bilan.ods"
"$dump" "$QM_TMP/bilan.ods" > "$QM_TMP/bilan.cells"
is "$(head -1 "$QM_TMP/bilan.cells")" "application/vnd.oasis.opendocument.spreadsheet" "an OpenDocument spreadsheet"
# cell FILE SHEET ROW-LABEL COLUMN: the value (else the text) of a cell.
cell()
{
	awk -F'\t' -v s="$2" -v l="$3" -v c="$4" '
		$1 == s && $3 == 1 && $6 == l { r[$2] = 1 }
		$1 == s && ($2 in r) && $3 == c { print ($5 != "" ? $5 : $6); exit }' "$1"
}
http_get "/referent/campagnes/$cid/resultats.ods" > /dev/null
is "$(http_header Content-Type)/$(http_header Content-Disposition)" \
	'application/vnd.oasis.opendocument.spreadsheet/attachment; filename="resultats.ods"' \
	"the campaign's resultats.ods"
cp "$HTTP_BODY" "$QM_TMP/resultats.ods"
"$dump" "$QM_TMP/resultats.ods" > "$QM_TMP/resultats.cells"
is "$(awk -F'\t' '$1 == "Résultats" && $2 == 1 { printf "%s;", $6 }' "$QM_TMP/resultats.cells")" \
	"Critère;Libellé;Avis exprimés;Satisfaits ou conformes;Sans avis;Taux;Borne basse;Borne haute;Méthode;Objectif;Verdict;Évolution (points);Évolution significative;" \
	"under French headers"
is "$(for c in 3 4 5 10 11; do printf '%s;' "$(cell "$QM_TMP/resultats.cells" Résultats Courtoisie $c)"; done)" \
	"40;30;5;0.80000000000000004;non concluant;" \
	"courtoisie's opinions, satisfied and sans avis as numbers, its target as a percentage's value, its verdict"
http_get "/referent/campagnes/$cid/resultats.csv" > /dev/null
csv_rate=$("$QM_BUILD/tests/csv-dump" , < "$HTTP_BODY" | awk -F'\t' 'BEGIN { r = -1 }
	$2 == 0 && $3 == "courtoisie" { r = $1 } $1 == r && $2 >= 4 && $2 <= 6 { printf "%s/", $3 }')
ods_rate=$(for c in 6 7 8; do printf '%s/' "$(cell "$QM_TMP/resultats.cells" Résultats Courtoisie $c)"; done)
awk -v a="$csv_rate" -v b="$ods_rate" 'BEGIN { split(a, x, "/"); split(b, y, "/");
	for (i = 1; i <= 3; i++) if (x[i] == "" || x[i] - y[i] > 1e-12 || y[i] - x[i] > 1e-12) exit 1 }'
ok $? "resultats.ods's rate and bounds are resultats.csv's ($csv_rate / $ods_rate)"
is "$(for c in 2 3 4 5; do printf '%s/' "$(cell "$QM_TMP/bilan.cells" Satisfaction Courtoisie $c)"; done)" \
	"$(for c in 3 6 7 8; do printf '%s/' "$(cell "$QM_TMP/resultats.cells" Résultats Courtoisie $c)"; done)" \
	"the report's opinions, rate and bounds are the campaign's results"
is "$(cell "$QM_TMP/bilan.cells" Satisfaction Courtoisie 10)" "oui" "the change is significant"
is "$(cell "$QM_TMP/bilan.cells" 'Appels mystère règles' appels 6)" "non respectées" \
	"the calls' rule check: four calls are too few"

is "$(cell "$QM_TMP/bilan.cells" Indicateurs 'Délai moyen de délivrance des permis de conduire (jours)' 3)" 27.5 \
	"the indicator's year value in the spreadsheet"
is "$(cell "$QM_TMP/bilan.cells" Indicateurs 'Délai moyen de délivrance des permis de conduire (jours)' 2)" 25 \
	"and the site's target"
is "$(cell "$QM_TMP/bilan.cells" Thèmes Accueil 2)/$(cell "$QM_TMP/bilan.cells" Thèmes Attente 2)" 1/1 \
	"the themes' counts, the hidden comment left out"
is "$(cell "$QM_TMP/bilan.cells" 'Plan d’actions' 'Refaire la signalétique du hall' 5)" \
	"Prévue (en retard)" "the action's status, overdue"
is "$(cell "$QM_TMP/bilan.cells" 'Auto-diagnostic S2' 'Module 1 – Relation générale à l’usager' 7)" 1 \
	"the self-assessment's module with its engagement below the required level"
"$dump" "$QM_TMP/bilan.odt" > "$QM_TMP/bilan.text"
grep -q $'^p\t\t.* : Engagé partiellement (requis : Engagé)\.$' "$QM_TMP/bilan.text"
ok $? "the ODT names the engagement below its required level"

# The department: both sites' 2025 questionnaires pooled as sums.
http_get "/referent/bilan/bilan.ods?annee=2025&perimetre=dep-41" > /dev/null
is "$(http_header Content-Disposition)" 'attachment; filename="bilan-2025-departement-41.ods"' \
	"the department's report"
cp "$HTTP_BODY" "$QM_TMP/dep.ods"
is "$("$dump" "$QM_TMP/dep.ods" | cell /dev/stdin Satisfaction Courtoisie 2)" 50 \
	"pools the opinions of the referent's two sites (40 + 10)"
is "$("$dump" "$QM_TMP/dep.ods" | cell /dev/stdin Thèmes Accueil 2)" 2 \
	"and the themes' counts of both sites"
is "$("$dump" "$QM_TMP/dep.ods" | awk -F'\t' '$1 ~ /^Plan d’actions/ { s[$1] = 1 }
	END { for (k in s) n++; print n + 0 }')" 1 "one action plan's table: site B has no action"
is "$(http_get "/referent/bilan?annee=2025&perimetre=dep-41")" 200 "the department's page"
body_has 'Courriels mystère : 1 courriel en 2025 \(1 campagne\)\.' "one email, singular"

# Refusals.
is "$(http_get "/referent/bilan?annee=20x5&perimetre=site-$site")" 400 "a bad year is refused"
body_has 'Choisissez une année dans la liste\.' "beside its field"
is "$(referent_login "$other" "$opw")" 303 "another site's referent logs in"
is "$(http_get "/referent/bilan?$q")/$(http_get "/referent/bilan/bilan.pdf?$q")" 404/404 \
	"and is refused the first site's report, page and file"
body_has 'n’est pas un site dont vous avez la charge' "saying why"

tap_done
