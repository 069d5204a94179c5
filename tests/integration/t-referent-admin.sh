#!/usr/bin/env bash
# Sites and people in /referent/, and the national view: an admin creates
# a site and a referent on it; the referent creates an enquirer of that
# site but nothing elsewhere, neither through a forged form nor through
# the SQL function itself; a disabled enquirer's sessions stop and her
# logins fail; the national view is the admin's, and its figures match
# an independent computation.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 42

login() { staff_login "$@"; }	# login PREFIX LOGIN PASSWORD
csrf() { http_get "$1" > /dev/null; input_value _csrf; }
temp_pw() { sed -n 's/.*id="mot-de-passe-provisoire">\([A-Za-z0-9_-]*\)<.*/\1/p' "$HTTP_BODY"; }
uid() { psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$1"; }

pw="mot de passe d'essai $$"
ad=ad-ra-$$ eb=enq-rb-$$ code_a=TRA-A$$ code_b=TRA-B$$ code_c=TRA-C$$
code_a=${code_a:0:16} code_b=${code_b:0:16} code_c=${code_c:0:16}
printf '%s\n' "$pw" | admin user add --final --login "$ad" --role admin > /dev/null
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES (:'b', 'Préfecture B de test', '37', 'B')" b="$code_b"
printf '%s\n' "$pw" | admin user add --final --login "$eb" --role enquirer --site "$code_b" > /dev/null
site_b=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'b'" b="$code_b")

# ---- an admin creates a site and a referent on it
is "$(login /referent "$ad" "$pw")" 303 "the admin logs in"
t=$(csrf /referent/sites)
is "$(http_post /referent/sites "_csrf=$t&code=$code_a&name=$(urlencode 'Préfecture A de test')&department=41&zone=B&timezone=Europe%2FParis")" \
	303 "she creates a site"
is "$(psql_q "SELECT name || '/' || department || '/' || school_zone || '/' || timezone FROM qualimetre.site WHERE code = :'a'" a="$code_a")" \
	"Préfecture A de test/41/B/Europe/Paris" "the site is stored"
is "$(psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event = 'site-create' AND detail = :'a' AND login = :'l'" a="$code_a" l="$ad")" \
	1 "and its creation is in the audit log"
site_a=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'a'" a="$code_a")
is "$(http_post /referent/sites "_csrf=$t&code=X$$&name=X&department=20&zone=&timezone=Europe%2FParis")" \
	400 "a department that does not exist is refused"
body_has '<a href="#s-department">' "the error is listed at the top, linked to its field"
is "$(http_post /referent/sites "code=Y$$&name=Y&department=41&zone=&timezone=Europe%2FParis")" \
	403 "a POST without the CSRF token is refused"
ra=ref-ra-$$
t=$(csrf /referent/personnes/nouvelle)
is "$(http_post /referent/personnes/nouvelle "_csrf=$t&login=$ra&name=$(urlencode 'Rémi Référent')&role=referent&site=$site_a")" \
	200 "she creates a referent of the new site"
rpw=$(temp_pw)
like "$rpw" '^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$' \
	"the temporary password is shown once: four groups of four, no look-alike character"
is "$(psql_q "SELECT u.role || '/' || s.code || '/' || (u.password_hash LIKE '\$argon2id\$%')
	FROM qualimetre.app_user u JOIN qualimetre.user_site us ON us.user_id = u.id
	JOIN qualimetre.site s ON s.id = us.site_id WHERE u.login = :'l'" l="$ra")" \
	"referent/$code_a/true" "the referent is stored with her site and an argon2id hash"
like "$(psql_q "SELECT detail FROM qualimetre.audit_log WHERE event = 'staff-create' AND login = :'l' ORDER BY id DESC LIMIT 1" l="$ad")" \
	"^$ra \\(referent\\), sites $code_a\$" "the creation is in the audit log"
t=$(csrf "/referent/sites/$site_a")
is "$(http_post "/referent/sites/$site_a" "_csrf=$t&name=$(urlencode 'Préfecture A (modifiée)')&zone=C")/$(psql_q "SELECT name || '/' || school_zone FROM qualimetre.site WHERE id = :'s'" s="$site_a")" \
	"303/Préfecture A (modifiée)/C" "she edits the site's name and zone"

# ---- a sous-préfecture put under its prefecture (sql/040): one level,
# one department
t=$(csrf /referent/sites)
is "$(http_post /referent/sites "_csrf=$t&code=$code_c&name=$(urlencode 'Sous-préfecture C de test')&department=41&zone=B&timezone=Europe%2FParis&parent=$site_a")/$(psql_q "SELECT p.code FROM qualimetre.site s JOIN qualimetre.site p ON p.id = s.parent_id WHERE s.code = :'c'" c="$code_c")" \
	"303/$code_a" "she creates a sous-préfecture under the prefecture A"
site_c=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$code_c")
t=$(csrf "/referent/sites/$site_b")
is "$(http_post "/referent/sites/$site_b" "_csrf=$t&name=$(urlencode 'Préfecture B de test')&zone=B&parent=$site_a")/$(psql_q "SELECT coalesce(parent_id::text, 'none') FROM qualimetre.site WHERE id = :'s'" s="$site_b")" \
	"400/none" "a site of another department is refused as its parent, nothing changed"
body_has '<a href="#s-parent">' "the error is listed at the top, linked to the field"
t=$(csrf "/referent/sites/$site_a")
is "$(http_post "/referent/sites/$site_a" "_csrf=$t&name=$(urlencode 'Préfecture A (modifiée)')&zone=C&parent=$site_c")/$(psql_q "SELECT coalesce(parent_id::text, 'none') FROM qualimetre.site WHERE id = :'s'" s="$site_a")" \
	"400/none" "a prefecture with a sous-préfecture is put under none"
is "$(http_post "/referent/sites/$site_a" "_csrf=$t&name=$(urlencode 'Préfecture A (modifiée)')&zone=C&parent=abc")" \
	400 "a parent that is not a site's number is refused"
t=$(csrf "/referent/personnes/$(uid "$eb")")
is "$(http_post "/referent/personnes/$(uid "$eb")" "_csrf=$t&role=enquirer&site=$site_b&site=$site_a")/$(http_post "/referent/personnes/$(uid "$eb")" "_csrf=$t&role=enquirer&site=$site_b")" \
	303/303 "she gives a site to an account and takes it back"
is "$(psql_q "SELECT string_agg(event, ' ' ORDER BY id) FROM qualimetre.audit_log WHERE detail = :'d'" d="$eb, site $code_a")" \
	"staff-site-add staff-site-remove" "both are in the audit log"

# ---- the referent manages the enquirers of her site only
is "$(login /referent "$ra" "$rpw")" 303 "the referent logs in with her temporary password"
is "$(http_get /referent/personnes)/$(own_password /referent "$rpw" "son propre mot de passe $$")" 303/200 \
	"which she must change before anything else"
rpw="son propre mot de passe $$"
is "$(http_get /referent/sites)/$(http_get /referent/national)" "403/403" \
	"sites and the national view are refused to her"
t=$(csrf /referent/personnes/nouvelle)
ea=enq-ra-$$
is "$(http_post /referent/personnes/nouvelle "_csrf=$t&login=$ea&name=Enqu%C3%AAtrice&role=enquirer&site=$site_a")" \
	200 "she creates an enquirer of her site"
epw=$(temp_pw)
is "$(psql_q "SELECT count(*) FROM qualimetre.app_user u JOIN qualimetre.user_site us ON us.user_id = u.id
	WHERE u.login = :'l' AND u.role = 'enquirer' AND us.site_id = :'s'" l="$ea" s="$site_a")" 1 "the enquirer is stored"
is "$(http_post /referent/personnes/nouvelle "_csrf=$t&login=forged-$$&name=F&role=enquirer&site=$site_b")" \
	400 "a forged site id of another site is refused"
is "$(http_post /referent/personnes/nouvelle "_csrf=$t&login=promoted-$$&name=P&role=referent&site=$site_a")" \
	400 "creating a referent is refused to her"
is "$(psql_q "SELECT count(*) FROM qualimetre.app_user WHERE login IN (:'a', :'b')" a="forged-$$" b="promoted-$$")" \
	0 "and neither account was created"
rid=$(uid "$ra")
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT qualimetre.staff_create(:'l', 'F', 'enquirer', NULL, ARRAY[:'s']::bigint[])" \
	u="$rid" tok="$(session_token "$rid")" l="sqlforged-$$" s="$site_b" 2>&1)
like "$out" "not allowed|own sites only" "the SQL function itself refuses her a site of another"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT qualimetre.staff_set_disabled(:'e', true)" u="$rid" tok="$(session_token "$rid")" e="$(uid "$eb")" 2>&1)
like "$out" "not allowed" "and refuses her to disable an enquirer of another site"
got=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT string_agg(login, ' ') FROM qualimetre.staff_list()" u="$rid" tok="$(session_token "$rid")" | tail -n 1)
ok $([[ " $got " == *" $ea "* && " $got " != *" $eb "* ]]; echo $?) \
	"she sees the people of her site, not those of another ($got)"
http_get /referent/personnes > /dev/null
ok $(! grep -q "$eb" "$HTTP_BODY"; echo $?) "nor does her page show them"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.site (code, name, department) VALUES ('SQLFORGED', 'X', '41')" u="$rid" tok="$(session_token "$rid")" 2>&1)
like "$out" "row-level security" "the policies refuse her a new site"

# ---- disabling an enquirer ends her sessions and her logins
is "$(login /mystere "$ea" "$epw")/$(own_password /mystere "$epw" "mot de passe de l’enquêtrice $$")" 303/200 \
	"the enquirer logs in to /mystere/ and chooses her password"
epw="mot de passe de l’enquêtrice $$"
cp "$HTTP_COOKIES" "$QM_TMP/enquirer.cookies"
is "$(http_get /mystere/)" 200 "her session works"
login /referent "$ra" "$rpw" > /dev/null
t=$(csrf "/referent/personnes/$(uid "$ea")/desactiver")
is "$(http_post "/referent/personnes/$(uid "$ea")/desactiver" "_csrf=$t")" 303 "the referent disables her, once confirmed"
is "$(psql_q "SELECT u.disabled || '/' || (SELECT count(*) FROM qualimetre.session s WHERE s.user_id = u.id) || '/' ||
	(SELECT count(*) FROM qualimetre.audit_log a WHERE a.event = 'staff-disable' AND a.detail = u.login)
	FROM qualimetre.app_user u WHERE u.login = :'l'" l="$ea")" "true/0/1" \
	"the account is disabled, its sessions deleted, the change audited"
cp "$QM_TMP/enquirer.cookies" "$HTTP_COOKIES"
is "$(http_get /mystere/)" 303 "her open session no longer works"
code=$(login /mystere "$ea" "$epw")
ok $([ "$code" != 303 ]; echo $?) "and she can no longer log in ($code)"

# ---- the national view: two sites with known answers this year
year=$(psql_q "SELECT extract(year FROM current_date)::int")
for s in a:30 b:10; do
	site=${s%%:*} sat=${s#*:}
	[ "$site" = a ] && sid=$site_a || sid=$site_b
	slug=test-ra-$site-$$
	cid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
		SELECT :'s', (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
			'satisfaction', 'Enquête nationale de test', make_date(:'y', 1, 5), make_date(:'y', 1, 25), :'slug'
		RETURNING id" s="$sid" y="$year" slug="$slug")
	psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
		SELECT md5(:'slug' || i)::uuid, :'c', 'web', :'slug' || i FROM generate_series(1, 45) i;
		INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
		SELECT md5(:'slug' || i)::uuid, :'c', 'courtoisie',
			CASE WHEN i <= :'x'::int THEN 'satisfait' WHEN i <= 40 THEN 'peu-satisfait'
			ELSE 'sans-avis' END
		FROM generate_series(1, 45) i" slug="$slug" c="$cid" x="$sat" > /dev/null
done
login /referent "$ad" "$pw" > /dev/null
is "$(http_get "/referent/national?annee=$year&critere=courtoisie")" 200 "the admin's national view"
# The table of the chart's criterion, under its chart.
table=$(awk '/id="classement-table" data-criterion="courtoisie"/ { on = 1 } on { print } on && /<\/table>/ { exit }' "$HTTP_BODY")
wilson()
{
	awk -v x="$1" -v n="$2" 'BEGIN {
		z = 1.959963984540054; p = x / n; d = 1 + z * z / n
		c = (p + z * z / (2 * n)) / d
		h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
		printf "%.17g %.17g %.17g\n", p, c - h, c + h }'
}
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 1e-9) }'; }
attr() { printf '%s\n' "$table" | grep "data-site=\"$1\"" | sed -n "s/.* data-$2=\"\\([^\"]*\\)\".*/\\1/p"; }
read -r erate elower eupper <<< "$(wilson 30 40)"
check "site A: 30 of 40, its rate and Wilson interval match to 1e-9" \
	sh -c "$(declare -f near); [ '$(attr "$code_a" n)' = 40 ] && near '$(attr "$code_a" rate)' $erate && near '$(attr "$code_a" lower)' $elower && near '$(attr "$code_a" upper)' $eupper"
row_a=$(printf '%s\n' "$table" | grep "data-site=\"$code_a\"")
like "$row_a" '75,0.%</td><td>\[[0-9]+,[0-9].%.; [0-9]+,[0-9].%\]</td><td>[0-9]+(–[0-9]+)?' \
	"its row shows the rate, the interval and a rank range"
# Every site with answers this year has its row, with a rank range that
# follows the rule computed here from the page's own bounds.
want=$(psql_q "SELECT string_agg(DISTINCT s.code, ' ') FROM qualimetre.answer a
	JOIN qualimetre.campaign c ON c.id = a.campaign_id JOIN qualimetre.site s ON s.id = c.site_id
	WHERE c.kind = 'satisfaction' AND a.question = 'courtoisie' AND extract(year FROM c.opens_on) = :'y'" y="$year")
bad=$(printf '%s\n' "$table" | awk -v want="$want" '
	/data-site=/ && /data-lower=/ {
		match($0, /data-site="[^"]*"/); s = substr($0, RSTART + 11, RLENGTH - 12)
		match($0, /data-lower="[^"]*"/); lo[s] = substr($0, RSTART + 12, RLENGTH - 13) + 0
		match($0, /data-upper="[^"]*"/); hi[s] = substr($0, RSTART + 12, RLENGTH - 13) + 0
		match($0, /data-best="[^"]*"/); best[s] = substr($0, RSTART + 11, RLENGTH - 12) + 0
		match($0, /data-worst="[^"]*"/); worst[s] = substr($0, RSTART + 12, RLENGTH - 13) + 0
	}
	END {
		n = split(want, w, " ")
		for (i = 1; i <= n; i++) if (!(w[i] in lo)) print "missing " w[i]
		for (s in lo) {
			b = 1; k = 0
			for (t in lo) { if (lo[t] > hi[s]) b++; if (hi[t] >= lo[s]) k++ }
			if (b != best[s] || k != worst[s]) print s ": " best[s] "-" worst[s] ", expected " b "-" k
		}
	}')
is "$bad" "" "every site of the year is ranked, each rank range as the rule says ($want)"
