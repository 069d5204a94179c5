#!/usr/bin/env bash
# The national view with twelve sites of a year of their own: one table,
# a row per site and a column per criterion, sorted by name by default
# and by a criterion's rate on request (aria-sort on the sorted head, the
# sites without opinions last either way); the chart of one criterion, a
# row per site with its dot, rate and rank range; bad parameters refused
# with a 400 and a French message.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 25

# A year no other test uses, so that the page holds our sites only;
# its sites are counted from the database all the same.
year=2017
pw="mot de passe national $$"
ad=ad-nat-$$ ref=ref-nat-$$
printf '%s\n' "$pw" | admin user add --final --login "$ad" --role admin > /dev/null
form=$(psql_q "SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1")

# Site i of 12: 40 responses; courtesy satisfied 8 + 2i times of 40
# (the last site has no opinion on it), availability 38 - 2i times.
for i in $(seq -w 1 12); do
	code=TN$$-$i name="Préfecture nationale de test $$ n° $i"
	code=${code:0:16}
	sid=$(psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
		VALUES (:'c', :'n', '41', 'B') RETURNING id" c="$code" n="$name")
	cid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
		VALUES (:'s', :'f', 'satisfaction', 'Enquête nationale de test', make_date(:'y', 3, 1),
			make_date(:'y', 3, 31), :'slug') RETURNING id" s="$sid" f="$form" y="$year" slug="t-nat-$$-$i")
	psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
		SELECT md5(:'slug' || k)::uuid, :'c', 'web', :'slug' || k FROM generate_series(1, 40) k;
		INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
		SELECT md5(:'slug' || k)::uuid, :'c', 'courtoisie',
			CASE WHEN :'i'::int = 12 THEN 'sans-avis'
			WHEN k <= 8 + 2 * :'i'::int THEN 'satisfait' ELSE 'peu-satisfait' END
		FROM generate_series(1, 40) k;
		INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
		SELECT md5(:'slug' || k)::uuid, :'c', 'disponibilite',
			CASE WHEN k <= 38 - 2 * :'i'::int THEN 'tres-satisfait' ELSE 'pas-du-tout-satisfait' END
		FROM generate_series(1, 40) k" slug="t-nat-$$-$i" c="$cid" i="$i" > /dev/null
done
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "TN$$-01" > /dev/null
nsites=$(psql_q "SELECT count(DISTINCT c.site_id) FROM qualimetre.answer a
	JOIN qualimetre.campaign c ON c.id = a.campaign_id
	WHERE c.kind = 'satisfaction' AND extract(year FROM c.opens_on) = :'y'" y="$year")
ok $([ "$nsites" -ge 12 ]; echo $?) "twelve sites with answers in $year ($nsites in all)" ||
	bail_out "cannot create the sites"

# The main table's lines, its rows, and a row's cell of a criterion.
main_table() { awk '/<table id="sites-table"/ { on = 1 } on { print } on && /<\/table>/ { exit }' "$HTTP_BODY"; }
rows() { main_table | grep '<tr data-site='; }
# rates KEY: each row's rate on KEY, in the table's order, "-" without one.
rates()
{
	rows | sed -n "s/.*<td data-criterion=\"$1\" data-n=\"[0-9]*\" data-satisfied=\"[0-9]*\"\\( data-rate=\"\\([^\"]*\\)\"\\)\\{0,1\\}.*/\\2/p" |
		sed 's/^$/-/'
}
# ordered ASC|DESC: reads rates, passes when those with one are in that
# order and the "-" come last.
ordered()
{
	awk -v dir="$1" '
		$0 == "-" { dash = 1; next }
		dash { bad = 1 }
		n++ && (dir == "desc" ? $0 + 0 > prev : $0 + 0 < prev) { bad = 1 }
		{ prev = $0 + 0 }
		END { exit bad }'
}

staff_login /referent "$ad" "$pw" > /dev/null
is "$(http_get "/referent/national?annee=$year")" 200 "the admin's national view of $year"
is "$(rows | wc -l)" "$nsites" "one table, a row per site"
is "$(main_table | grep -c '<table')" 1 "and one table of sites only"
is "$(rows | head -n 1 | grep -o '<td data-criterion=' | wc -l)" \
	"$(main_table | grep -o '<th scope="col"[^>]*data-sort="[a-z-]*"' | grep -vc 'data-sort="site"')" \
	"a cell per criterion in every row, a head per criterion"
like "$(main_table | grep -o '<th scope="col"[^>]*data-sort="site"')" 'aria-sort="ascending"' \
	"by default, sorted by site, aria-sort on its head"
want=$(psql_q "SELECT string_agg(code, ' ' ORDER BY name COLLATE \"C\", code COLLATE \"C\") FROM qualimetre.site s
	WHERE EXISTS (SELECT 1 FROM qualimetre.campaign c JOIN qualimetre.answer a ON a.campaign_id = c.id
		WHERE c.site_id = s.id AND c.kind = 'satisfaction' AND extract(year FROM c.opens_on) = :'y')" y="$year")
is "$(rows | sed 's/.*<tr data-site="\([^"]*\)".*/\1/' | tr '\n' ' ' | sed 's/ $//')" "$want" \
	"the rows in the order of the sites' names"
like "$(rows | grep "data-site=\"TN$$-05\"")" \
	'data-criterion="courtoisie" data-n="40" data-satisfied="18"[^>]*><strong>45,0.%</strong><span class="qm-note">\[[0-9]+,[0-9].%.; [0-9]+,[0-9].%\]</span><span class="qm-note">40 avis</span>' \
	"a cell shows the rate, its interval and the opinions (site 5: 18 of 40)"
like "$(main_table | grep -o '<th scope="col"[^>]*data-sort="courtoisie"><a href="[^"]*"')" \
	"tri=courtoisie&amp;ordre=desc" "the courtesy head links to the best first"

is "$(http_get "/referent/national?annee=$year&tri=courtoisie&ordre=desc")" 200 "sorted by courtesy, best first"
like "$(main_table | grep -o '<th scope="col"[^>]*data-sort="courtoisie"')" 'aria-sort="descending"' \
	"aria-sort on the courtesy head"
is "$(main_table | grep -o 'aria-sort=' | wc -l)" 1 "and on that head only"
rates courtoisie | ordered desc
ok $? "the rows' courtesy rates never rise, the site without opinions last"
is "$(rows | head -n 1 | sed 's/.*<tr data-site="\([^"]*\)".*/\1/')" "TN$$-11" "site 11 (30 of 40) comes first"
like "$(main_table | grep -o '<th scope="col"[^>]*data-sort="courtoisie"><a href="[^"]*"')" \
	"tri=courtoisie&amp;ordre=asc" "its head now links to the other order"

is "$(http_get "/referent/national?annee=$year&tri=courtoisie&ordre=asc&critere=disponibilite")" 200 \
	"sorted by courtesy, worst first, the chart of availability"
rates courtoisie | ordered asc
ok $? "the rates never fall, the site without opinions still last"

# The chart: a row per site, a dot and a rank range for each opinion.
chart=$(awk '/<svg [^>]*data-rows=/ { on = 1 } on { print } on && /<\/svg>/ { exit }' "$HTTP_BODY")
is "$(printf '%s\n' "$chart" | sed -n 's/.*data-rows="\([0-9]*\)".*/\1/p')" "$nsites" "the chart has a row per site"
is "$(printf '%s\n' "$chart" | grep -c '<circle class="qm-dot"')/$(printf '%s\n' "$chart" | grep -c '<text class="qm-rank"')" \
	"$nsites/$nsites" "a dot and a rank range for every site with opinions on availability"
is "$(awk '/id="classement-table" data-criterion="disponibilite"/ { on = 1 } on && /<tr data-site=/ { print; exit }' "$HTTP_BODY" |
	sed 's/.*<tr data-site="\([^"]*\)".*/\1/')" "TN$$-01" \
	"its table follows, site 1 (36 of 40) first"
like "$(printf '%s\n' "$chart" | grep -m 1 'class="qm-rank"')" '>[0-9]+(–[0-9]+)?</text>' \
	"the rank range is written beside the dot"

# ---- refusals: a 400 with a French message, nothing else
bad=""
for q in "tri=nimporte" "tri=%3Cscript%3E" "ordre=haut" "critere=inconnu" "annee=20x7" "tri=site&tri=site"; do
	code=$(http_get "/referent/national?annee=$year&$q")
	[ "$code" = 400 ] && grep -q 'Adresse invalide' "$HTTP_BODY" || bad="$bad $q:$code"
done
is "$bad" "" "an unknown sort, order, criterion, a bad year or a repeated field get a 400 page"
is "$(http_post "/referent/national" "annee=$year")" 405 "a POST gets 405"
is "$(http_get "/referent/national?annee=1990")/$(grep -c 'Aucune réponse' "$HTTP_BODY")" 200/1 \
	"a year without answers says so"
staff_login /referent "$ref" "$pw" > /dev/null
is "$(http_get "/referent/national?annee=$year")" 403 "a referent is refused the national view"
