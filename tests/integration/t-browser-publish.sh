#!/usr/bin/env bash
# The published results' pages in a real Chromium (tests/browser/pages.mjs,
# as t-browser-pages.sh runs it), at 1280 and 360 px: the referent's
# confirmation pages, the campaign's page with its publication section and
# the <iframe> to copy, the public page and the framed fragment (without
# login); each no wider than the window, every DSFR icon drawn, no
# violation of axe-core's WCAG 2.1 A/AA rules. A script of its own, so
# that t-browser-pages.sh keeps within its time on a loaded machine.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

# The pages below, three cases each at each of the two widths, the three
# fixtures, the run and the screenshots.
npages=5
tap_plan $((npages * 2 * 3 + 5))

need_browser

site=TEST-BR-PUB
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES (:'s', 'Préfecture de test des résultats publiés (sous-préfecture de Romorantin-Lanthenay)', '41', 'B')
	ON CONFLICT (code) DO NOTHING" s="$site"
enq=bpub-enq-$$ ref=bpub-ref-$$ adm=bpub-adm-$$ pw="mot de passe des pages $$"
rc=0
printf '%s\n' "$pw" | admin user add --final --login "$enq" --role enquirer --site "$site" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$site" \
	--name "Jean-Baptiste Référent-Qualité $$" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$adm" --role admin --site "$site" > /dev/null || rc=1
ok $rc "an enquirer, a referent and an administrator (pages.mjs logs each in)" ||
	bail_out "cannot create the accounts"

psql_q "DELETE FROM qualimetre.publication WHERE site_code = :'s'" s="$site"
cid=$(survey_with_responses "$site" "bpub-survey-$$")
is "$(psql_q "SELECT count(*) FROM qualimetre.response WHERE campaign_id = :'c'" c="$cid")" 40 \
	"a satisfaction campaign with 40 responses" || bail_out "cannot create the satisfaction campaign"
staff_login /referent "$ref" "$pw" > /dev/null
http_get "/referent/campagnes/$cid" > /dev/null
is "$(http_post "/referent/campagnes/$cid/publier" "_csrf=$(input_value _csrf)")" 303 \
	"its results published" || bail_out "cannot publish the results"

# WHO NAME PATH [STATUS], as t-browser-pages.sh gives them.
pages=$(cat <<EOF2
referent	published-campaign	/referent/campagnes/$cid
referent	publish	/referent/campagnes/$cid/publier
referent	withdraw	/referent/campagnes/$cid/retirer
anon	published-results	/resultats/$site
anon	published-fragment	/resultats/$site/integration
EOF2
)
[ "$(grep -c . <<< "$pages")" = "$npages" ] || bail_out "the list holds $(grep -c . <<< "$pages") pages, not $npages"

browser_pages "$pages" "$enq" "$ref" "$adm" "$pw"
