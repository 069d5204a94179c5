#!/usr/bin/env bash
# Sites together (/referent/sites-ensemble): a prefecture and its two
# sous-préfectures of a year of their own, side by side for their
# referent: one row per site, the group's row pooling the counts (the sums
# of the sites' counts), the chi-square test's p equal to one computed
# here by hand and to qualimetre-stats', Cochran's warning on small
# counts; the mystery calls' and emails' rule checks (an email left
# unanswered past its delay counts as not conform); the department's
# group; another site's referent sees nothing of them; bad parameters
# refused. Then the admin's national view by kind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 30

year=2013
pw="mot de passe ensemble $$"
ad=ad-ens-$$ ref=ref-ens-$$ other=ref-aut-$$
pref=TP$$ sp1=TS1-$$ sp2=TS2-$$ far=TA$$
pref=${pref:0:16} sp1=${sp1:0:16} sp2=${sp2:0:16} far=${far:0:16}
sat=$(psql_q "SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1")
call=$(psql_q "SELECT id FROM qualimetre.form WHERE key = 'mystery-call' ORDER BY version DESC LIMIT 1")
mail=$(psql_q "SELECT id FROM qualimetre.form WHERE key = 'mystery-email' ORDER BY version DESC LIMIT 1")
qep=$(psql_q "SELECT id FROM qualimetre.referential WHERE key = 'qual-e-pref'")
rings=$(psql_q "SELECT rings_max FROM qualimetre.referential WHERE id = :'r'" r="$qep")

# site CODE NAME [PARENT]: a site of Corse-du-Sud (2A); prints its id.
site()
{
	psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone, parent_id)
		VALUES (:'c', :'n', '2A', NULL, (SELECT id FROM qualimetre.site WHERE code = :'p'))
		RETURNING id" c="$1" n="$2" p="${3:-}"
}
# campaign SITE_ID FORM KIND SLUG: a campaign of March of the year; prints its id.
campaign()
{
	psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug, referential_id)
		VALUES (:'s', :'f', :'k', 'Campagne ensemble de test', make_date(:'y', 3, 1),
			make_date(:'y', 3, 31), :'slug', CASE WHEN :'k' = 'satisfaction' THEN NULL ELSE :'r'::bigint END)
		RETURNING id" s="$1" f="$2" k="$3" slug="$4" y="$year" r="$qep"
}
# answers CAMPAIGN SLUG CHANNEL N QUESTION SQL_VALUE: N responses (made
# when missing) each answering QUESTION with SQL_VALUE, an expression of k.
answers()
{
	psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
		SELECT md5(:'slug' || k)::uuid, :'c', :'ch', :'slug' || k FROM generate_series(1, :'n') k
		ON CONFLICT DO NOTHING;
		INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
		SELECT md5(:'slug' || k)::uuid, :'c', :'q', $6 FROM generate_series(1, :'n') k" \
		c="$1" slug="$2" ch="$3" n="$4" q="$5" > /dev/null
}

pid=$(site "$pref" "Préfecture ensemble $$")
s1id=$(site "$sp1" "Sous-préfecture ensemble A $$" "$pref")
s2id=$(site "$sp2" "Sous-préfecture ensemble B $$" "$pref")
fid=$(site "$far" "Préfecture voisine $$")
# Courtesy: 30 of 40, 20 of 40, 10 of 20 satisfied (and 5 "sans avis" at
# the prefecture); availability: 38 of 40, 3 of 4, 19 of 20.
i=0
for spec in "$pid 40 30 38" "$s1id 40 20 3" "$s2id 20 10 19" "$fid 10 5 5"; do
	set -- $spec
	i=$((i + 1))
	c=$(campaign "$1" "$sat" satisfaction "t-ens-$$-s$i")
	answers "$c" "t-ens-$$-s$i" web "$2" courtoisie "CASE WHEN k <= $3 THEN 'satisfait' ELSE 'peu-satisfait' END"
	[ "$i" = 1 ] && answers "$c" "t-ens-$$-s${i}x" web 5 courtoisie "'sans-avis'"
	n=$2; [ "$i" = 2 ] && n=4
	answers "$c" "t-ens-$$-s$i" web "$n" disponibilite "CASE WHEN k <= $4 THEN 'tres-satisfait' ELSE 'pas-du-tout-satisfait' END"
done
# Calls: picked up 18 of 20, 12 of 20, 20 of 20; rings 2 + k % 5 on those
# picked up (conform when within the referential's maximum).
i=0
for spec in "$pid 18" "$s1id 12" "$s2id 20"; do
	set -- $spec
	i=$((i + 1))
	c=$(campaign "$1" "$call" mystery-call "t-ens-$$-c$i")
	answers "$c" "t-ens-$$-c$i" call 20 decroche "CASE WHEN k <= $2 THEN 'conforme' ELSE 'non-conforme' END"
	answers "$c" "t-ens-$$-c$i" call "$2" sonneries "(2 + k % 5)::text"
done
# Emails at the prefecture: 10 sent, 8 answered in 1 to 8 working days,
# 2 never answered (sent in March of the year: long past their delay).
c=$(campaign "$pid" "$mail" mystery-email "t-ens-$$-m1")
answers "$c" "t-ens-$$-m1" email 10 envoi "to_char(make_date($year, 3, 4), 'YYYY-MM-DD') || 'T10:00'"
answers "$c" "t-ens-$$-m1" email 8 delai "k::text"
delay=$(psql_q "SELECT reply_delay FROM qualimetre.referential WHERE id = :'r'" r="$qep")

printf '%s\n' "$pw" | admin user add --final --login "$ad" --role admin > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent \
	--site "$pref" --site "$sp1" --site "$sp2" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$other" --role referent --site "$far" > /dev/null

# The main table's rows, a row's cell of a criterion, the tests' items.
main_table() { awk '/<table id="sites-table"/ { on = 1 } on { print } on && /<\/table>/ { exit }' "$HTTP_BODY"; }
sites_of() { main_table | sed -n 's/.*<tr data-site="\([^"]*\)".*/\1/p' | tr '\n' ' ' | sed 's/ $//'; }
# cell ROW_ERE KEY: "n/satisfied" of that row's cell on KEY.
cell()
{
	main_table | grep -E "$1" |
		sed -n "s/.*<td data-criterion=\"$2\" data-n=\"\([0-9]*\)\" data-satisfied=\"\([0-9]*\)\".*/\1\/\2/p"
}
test_of()
{
	awk -v k="$1" 'index($0, "<li data-criterion=\"" k "\"") { on = 1 }
		on { printf "%s ", $0 } on && /<\/li>/ { exit }' "$HTTP_BODY"
}

# ---- the prefecture's group, satisfaction
staff_login /referent "$ref" "$pw" > /dev/null
is "$(http_get "/referent/sites-ensemble?groupe=$pref&annee=$year")" 200 "the referent's page of the prefecture's group"
is "$(sites_of)" "$pref $sp1 $sp2" "a row per site of the group, by name"
is "$(main_table | grep -c 'data-pooled="1"')" 1 "and the group's row"
is "$(cell 'data-pooled' courtoisie)" "$(psql_q "SELECT sum(n) || '/' || sum(x) FROM (VALUES (40, 30), (40, 20), (20, 10)) v(n, x)")" \
	"pooled courtesy: the sums of the counts (100 opinions, 60 satisfied; « sans avis » left out)"
like "$(main_table | grep 'data-pooled')" 'data-criterion="courtoisie"[^>]*data-rate="0.5999999|data-criterion="courtoisie"[^>]*data-rate="0.6"' \
	"its rate is 60 %, not the mean of the rates (58.3 %)"
body_has 'somme des effectifs de chaque site, et non comme la moyenne des taux' "the page says how the group's row is pooled"
# Pearson's statistic by hand; with three sites, two degrees of freedom
# and p = exp(-chi2 / 2).
want=$(awk 'BEGIN {
	split("30 20 10", x); split("40 40 20", n)
	for (i = 1; i <= 3; i++) { sx += x[i]; sn += n[i] }
	p = sx / sn
	for (i = 1; i <= 3; i++)
		chi2 += (x[i] - n[i] * p) ^ 2 / (n[i] * p) + \
		    ((n[i] - x[i]) - n[i] * (1 - p)) ^ 2 / (n[i] * (1 - p))
	printf "%.10f %.10f\n", chi2, exp(-chi2 / 2) }')
got=$(test_of courtoisie | sed -n 's/.*data-chi2="\([^"]*\)" data-df="2" data-p="\([^"]*\)".*/\1 \2/p')
is "$(printf '%s\n' "$got" | awk '{ printf "%.10f %.10f\n", $1, $2 }')" "$want" \
	"courtesy's chi-square and p as computed by hand ($want)"
is "$(printf '%s\n' "$got" | awk '{ printf "%.12f\n", $2 }')" \
	"$("$QM_BUILD/stats/qualimetre-stats" homogeneity 30/40 20/40 10/20 | awk '{ printf "%.12f\n", $3 }')" \
	"and as qualimetre-stats homogeneity gives it"
like "$(test_of courtoisie)" 'les sites diffèrent significativement \(p = 0,044' "the verdict in plain French"
like "$(test_of disponibilite)" 'pas de différence significative entre les sites \(p = 0,[0-9]+' \
	"availability: no significant difference"
like "$(test_of disponibilite)" 'qm-test-warning.*effectifs? attendus? sur 6' "with Cochran's warning on its small counts"

# ---- the mystery calls and emails
is "$(http_get "/referent/sites-ensemble?groupe=$pref&annee=$year&type=appel")" 200 "the calls of the group"
is "$(cell 'data-pooled' decroche)" "60/50" "pooled calls picked up: 50 of 60"
want=$(psql_q "SELECT count(*) || '/' || count(*) FILTER (WHERE a.value::int <= :'m')
	FROM qualimetre.answer a JOIN qualimetre.campaign c ON c.id = a.campaign_id
	WHERE c.slug LIKE :'s' AND a.question = 'sonneries'" m="$rings" s="t-ens-$$-c%")
is "$(cell 'data-pooled' sonneries)" "$want" "pooled rings within the referential's $rings: $want"
is "$(main_table | grep -o '<th scope="col" data-criterion="[a-z-]*"' | sed 's/.*="\(.*\)"/\1/' | tr '\n' ' ')" \
	"decroche sonneries " "the rule checks only, as columns"
is "$(http_get "/referent/sites-ensemble?groupe=$pref&annee=$year&type=courriel")" 200 "the emails of the group"
is "$(cell "data-site=\"$pref\"" delai)" "10/$delay" \
	"emails within $delay working days: $delay of 10, the 2 never answered counted late"

# ---- the department's group: the referent's three sites only
is "$(http_get "/referent/sites-ensemble?groupe=dep-2A&annee=$year")" 200 "the referent's department"
is "$(sites_of)" "$pref $sp1 $sp2" "its rows: the referent's sites, not the neighbour's"
is "$(grep -o '<option value="[^"]*"' "$HTTP_BODY" | grep -c "value=\"$far\"")" 0 "no group of another referent offered"

# ---- another site's referent sees nothing of them
staff_login /referent "$other" "$pw" > /dev/null
is "$(http_get "/referent/sites-ensemble?groupe=$pref&annee=$year")/$(grep -c "Préfecture ensemble $$\|$sp1" "$HTTP_BODY")" \
	"400/0" "the neighbour asking for the prefecture's group: refused, nothing of it shown"
is "$(http_get "/referent/sites-ensemble?groupe=dep-2A&annee=$year")/$(sites_of)" "200/$far" \
	"the same department shows the neighbour their own site only"
is "$(grep -c "$pref\|$sp1\|$sp2" "$HTTP_BODY")" 0 "and names none of the group's sites"

# ---- refusals
bad=""
for q in "groupe=%3Cscript%3E" "groupe=dep-99x" "type=sondage" "annee=20x7" "groupe=$pref&groupe=$pref"; do
	code=$(http_get "/referent/sites-ensemble?$q")
	[ "$code" = 400 ] && grep -q 'Adresse invalide' "$HTTP_BODY" || bad="$bad $q:$code"
done
is "$bad" "" "a bad group, kind, year or a repeated field get a 400 page"
is "$(http_post "/referent/sites-ensemble" "annee=$year")" 405 "a POST gets 405"

# ---- the national view by kind
staff_login /referent "$ad" "$pw" > /dev/null
is "$(http_get "/referent/national?type=appel&annee=$year")" 200 "the admin's national view of the calls"
nsites=$(psql_q "SELECT count(DISTINCT c.site_id) FROM qualimetre.answer a JOIN qualimetre.campaign c ON c.id = a.campaign_id
	WHERE c.kind = 'mystery-call' AND extract(year FROM c.opens_on) = :'y'" y="$year")
is "$(main_table | grep -c '<tr data-site=')/$(cell "data-site=\"$sp1\"" decroche)" "$nsites/20/12" \
	"a row per site with calls that year; a sous-préfecture's calls picked up, 12 of 20"
like "$(grep -o '<caption>[^<]*' "$HTTP_BODY" | head -n 1)" 'Taux de conformité par site et par règle' \
	"the table speaks of conformity"
is "$(http_get "/referent/national?type=sondage")" 400 "an unknown kind is refused"
is "$(http_get "/referent/national?type=courriel&annee=$year")/$(cell "data-site=\"$pref\"" delai)" "200/10/$delay" \
	"the national view of the emails counts the unanswered ones late too"
