#!/usr/bin/env bash
# Published results (/resultats/<site>): nothing public before the
# referent publishes; then the public page shows the same figures as the
# referent's results page, the fragment may be framed, the poster comes
# out; a re-publication replaces the snapshot, a withdrawal removes it. A
# referent of another site cannot publish, and the survey role, which
# serves these pages, reads the snapshot and never an answer.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 45

psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	('TEST-PUB-A', 'Préfecture publiée', '41', 'B'), ('TEST-PUB-B', 'Préfecture voisine', '37', 'B')
	ON CONFLICT (code) DO NOTHING"
ra=pub-a-$$ rb=pub-b-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$ra" --role referent --site TEST-PUB-A > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$rb" --role referent --site TEST-PUB-B > /dev/null
# Earlier runs' publications of these sites go first.
psql_q "DELETE FROM qualimetre.publication WHERE site_code IN ('TEST-PUB-A', 'TEST-PUB-B')"
cid=$(survey_with_responses TEST-PUB-A "test-pub-$$")
# Another campaign of the same site, never published, with figures of
# its own: 7 satisfied out of 7.
cid2=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
		'satisfaction', 'Campagne non publiée $$', current_date - 30, current_date - 20, 'test-pub-np-$$'
	FROM qualimetre.site s WHERE s.code = 'TEST-PUB-A' RETURNING id")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5('np$$' || i)::uuid, :'c', 'web', 'np$$' || i FROM generate_series(1, 7) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5('np$$' || i)::uuid, :'c', 'courtoisie', 'tres-satisfait' FROM generate_series(1, 7) i" c="$cid2" > /dev/null
pubs() { psql_q "SELECT count(*) FROM qualimetre.publication WHERE campaign_id IN (:'a', :'b')" a="$cid" b="$cid2"; }
# rows_of: the first data table's rows of the last page, as text, one per
# line, without the change since the previous campaign (not published).
rows_of()
{
	# The rates' table (the campaign's page has its progress's before).
	sed -n '/<caption>Taux de satisfaction par critère/,/<\/table>/{p;/<\/table>/q}' "$HTTP_BODY" |
		grep -o '<tr><th scope="row".*</tr>' |
		sed -e 's/<[^>]*>/|/g' -e 's/||*/|/g' | cut -d'|' -f1-9
}

is "$(http_get /resultats/TEST-PUB-A)" 404 "before publication, the site's public page answers 404"
body_has 'Aucun résultat n’est encore' "saying in French that no result is published yet"
ok "$(! grep -q "Enquête de test" "$HTTP_BODY"; echo $?)" "and naming no campaign"
is "$(http_get /resultats/TEST-PUB-A/integration)/$(http_get "/resultats/TEST-PUB-A/$cid/affiche.pdf")" "404/404" \
	"nor are the fragment and the poster there"

is "$(referent_login "$rb" "$pw")" 303 "the referent of another site logs in"
is "$(http_get "/referent/campagnes/$cid/publier")" 404 "the confirmation page is not hers"
http_get /referent/ > /dev/null
csrf_b=$(input_value _csrf)
is "$(http_post "/referent/campagnes/$cid/publier" "_csrf=$csrf_b")/$(pubs)" "404/0" \
	"and her publication is refused, nothing stored"
tok_b=$(session_token "$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$rb")")
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'t', false);
	INSERT INTO qualimetre.publication (campaign_id, site_id, site_code, site_name, title, opens_on, closes_on,
		responses, published_by)
	SELECT c.id, c.site_id, 'TEST-PUB-A', 'x', 'x', current_date, current_date, 1,
		(SELECT id FROM qualimetre.app_user WHERE login = :'l')
	FROM qualimetre.campaign c WHERE c.id = :'c'" t="$tok_b" l="$rb" c="$cid" 2>&1)
is "$(pubs)" 0 "the database's policy refuses it too, even with SQL of her own"

is "$(referent_login "$ra" "$pw")" 303 "the referent of the site logs in"
is "$(http_get "/referent/campagnes/$cid")" 200 "her campaign's page"
body_has 'ne sont pas publics' "says the results are not public"
body_has "href=\"/referent/campagnes/$cid/publier\">Publier les résultats" "and offers to publish them"
rows_of > "$QM_TMP/referent-rows"
csrf=$(input_value _csrf)
is "$(http_get "/referent/campagnes/$cid/publier")" 200 "the confirmation page"
body_has 'Aucune réponse individuelle, aucun commentaire libre' "says what becomes public and what does not"
body_has '/resultats/TEST-PUB-A/integration' "and names the public addresses"
is "$(http_post "/referent/campagnes/$cid/publier" "")/$(pubs)" "403/0" "a POST without the CSRF token publishes nothing"
is "$(http_post "/referent/campagnes/$cid/publier" "_csrf=$csrf")" 303 "the publication, confirmed"
is "$(http_header Location)" "/referent/campagnes/$cid?publiee#publication" "goes back to the campaign"
is "$(psql_q "SELECT count(*) || '/' || (SELECT count(*) FROM qualimetre.publication_row WHERE campaign_id = :'c')
	FROM qualimetre.publication WHERE campaign_id = :'c'" c="$cid")" "1/12" "a snapshot of the form's twelve criteria is stored"
is "$(psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event = 'results-published' AND login = :'l'
	AND detail LIKE 'campaign ' || :'c' || ': 40 responses%'" l="$ra" c="$cid")" 1 "audited"
http_get "/referent/campagnes/$cid?publiee" > /dev/null
body_has 'Les résultats sont publiés' "the campaign's page says so"
body_has '&lt;iframe src=&quot;http://127.0.0.1:[0-9]*/resultats/TEST-PUB-A/integration&quot;' \
	"with the <iframe> to copy, at the configured public address"

is "$(http_get /resultats/TEST-PUB-A)" 200 "the public page, without login"
body_has 'Enquête de test test-pub' "shows the published campaign"
rows_of > "$QM_TMP/public-rows"
ok "$(cmp -s "$QM_TMP/referent-rows" "$QM_TMP/public-rows"; echo $?)" \
	"its table holds the figures of the referent's results page, criterion by criterion"
is "$(wc -l < "$QM_TMP/public-rows")/$(grep -c '^|Courtoisie|36|28|77,8' "$QM_TMP/public-rows")" "12/1" \
	"twelve criteria, courtoisie with its figures"
body_has '<svg[^>]*role="img"' "with its accessible chart"
body_has 'méthode de Wilson' "the method in plain French"
body_has "href=\"/resultats/TEST-PUB-A/$cid/affiche.pdf\"" "and the poster to download"
ok "$(! grep -q "Campagne non publiée" "$HTTP_BODY"; echo $?)" "an unpublished campaign of the site never appears"
like "$(http_header Content-Security-Policy)" "frame-ancestors 'none'" "the page may not be framed"

is "$(http_get /resultats/TEST-PUB-A/integration)" 200 "the fragment"
like "$(http_header Content-Security-Policy)" "frame-ancestors \*" "may be framed by any site"
body_has '<th scope="row">Courtoisie</th><td>77,8' "its accessible table gives each rate"
ok "$(! grep -q 'dsfr' "$HTTP_BODY"; echo $?)" "without the DSFR"

is "$(http_get "/resultats/TEST-PUB-A/$cid/affiche.pdf")/$(http_header Content-Type)/$(head -c 5 "$HTTP_BODY")" \
	"200/application/pdf/%PDF-" "the poster, drawn from the snapshot"
is "$(http_get "/resultats/TEST-PUB-A/$cid2/affiche.pdf")/$(http_get /resultats/TEST-PUB-B)/$(http_get /resultats/inconnu)" \
	"404/404/404" "no poster of the unpublished campaign, nothing for another site or a malformed code"

# A correction, then a new publication: the snapshot is replaced.
psql_q "UPDATE qualimetre.answer SET value = 'satisfait' WHERE campaign_id = :'c' AND question = 'courtoisie'
	AND value = 'peu-satisfait'" c="$cid" > /dev/null
is "$(http_post "/referent/campagnes/$cid/publier" "_csrf=$csrf")/$(pubs)" "303/1" "published again after a correction"
http_get /resultats/TEST-PUB-A/integration > /dev/null
body_has '<th scope="row">Courtoisie</th><td>100,0' "the public figures are the new ones"

is "$(http_get "/referent/campagnes/$cid/retirer")" 200 "the withdrawal's confirmation page"
is "$(http_post "/referent/campagnes/$cid/retirer" "_csrf=$csrf")/$(pubs)" "303/0" "the withdrawal, confirmed"
is "$(http_get /resultats/TEST-PUB-A)/$(http_get /resultats/TEST-PUB-A/integration)" "404/404" \
	"the public page and the fragment are gone"
is "$(psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event = 'results-withdrawn' AND login = :'l'" l="$ra")" 1 \
	"audited"

out=$(psql_as qualimetre_survey "SELECT count(*) FROM qualimetre.answer" 2>&1)
like "$out" "permission denied" "the survey role cannot SELECT answers"
out=$(psql_as qualimetre_survey "INSERT INTO qualimetre.publication_row (campaign_id, position, key, label, n, satisfied, no_opinion)
	VALUES (:'c', 0, 'x', 'x', 0, 0, 0)" c="$cid" 2>&1)
like "$out" "permission denied" "nor write a snapshot"
