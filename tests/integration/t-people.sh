#!/usr/bin/env bash
# The people pages (/referent/personnes): a list without form controls in
# its cells, each person linked to their page; on it, an admin changes a
# role and the sites at once, anyone who manages the account deactivates,
# reactivates it and resets its password after a confirmation, each
# change audited; bad roles, unknown sites, unknown people, people of
# another site and forged requests are refused and change nothing, by the
# pages and by the SQL functions themselves.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 52

csrf() { http_get "$1" > /dev/null; input_value _csrf; }
temp_pw() { sed -n 's/.*id="mot-de-passe-provisoire">\([A-Za-z0-9_-]*\)<.*/\1/p' "$HTTP_BODY"; }
uid() { psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$1"; }
# The person's role and sites' codes, "referent/A B"; and their hash.
state() { psql_q "SELECT u.role || '/' || coalesce((SELECT string_agg(s.code, ' ' ORDER BY s.code)
	FROM qualimetre.user_site us JOIN qualimetre.site s ON s.id = us.site_id WHERE us.user_id = u.id), '')
	|| '/' || u.disabled FROM qualimetre.app_user u WHERE u.login = :'l'" l="$1"; }
hash() { psql_q "SELECT md5(password_hash) FROM qualimetre.app_user WHERE login = :'l'" l="$1"; }
audit() { psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event = :'e' AND detail = :'d'" e="$1" d="$2"; }

pw="mot de passe des personnes $$"
ad=pp-ad-$$ ref=pp-ref-$$ enq=pp-enq-$$ other=pp-oth-$$
code_a=TPP-A$$ code_b=TPP-B$$
code_a=${code_a:0:16} code_b=${code_b:0:16}
psql_q "INSERT INTO qualimetre.site (code, name, department) VALUES (:'a', 'Préfecture A des personnes', '41'),
	(:'b', 'Préfecture B des personnes', '37')" a="$code_a" b="$code_b"
site_a=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'a'" a="$code_a")
site_b=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'b'" b="$code_b")
printf '%s\n' "$pw" | admin user add --final --login "$ad" --role admin --name "Ada Administratrice" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$code_a" --name "Rémi Référent" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$enq" --role enquirer --site "$code_a" --name "Élise Enquêtrice" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$other" --role enquirer --site "$code_b" --name "Otto Autre" > /dev/null
eid=$(uid "$enq") oid=$(uid "$other") aid=$(uid "$ad")

# ---- the list: one table, links, badges, the last login, no form control
is "$(staff_login /referent "$ad" "$pw")" 303 "the admin logs in"
is "$(http_get /referent/personnes)" 200 "the list of people"
table=$(awk '/<table>/ { on = 1 } on { print } /<\/table>/ { exit }' "$HTTP_BODY")
ok $(! grep -qE '<(form|select|button|input)' <<< "$table"; echo $?) "no form control inside the table"
like "$(grep "data-login=\"$enq\"" <<< "$table")" "href=\"/referent/personnes/$eid\">Élise Enquêtrice</a>.*Enquêteur.*$code_a.*fr-badge--success[^>]*>Actif<.*jamais" \
	"a row: the name linking to the page, the role, the site, an active badge, never logged in"
like "$(grep "data-login=\"$ad\"" <<< "$table")" "Administrateur.*[0-9]{4} à [0-9]{2} h [0-9]{2}" \
	"the admin's own row shows her last login"
body_has 'href="/referent/personnes/nouvelle"' "a link to the page that adds a person"

# ---- the search: by a part of the name, the login or a site's code
logins() { grep -o 'data-login="[^"]*"' "$HTTP_BODY" | cut -d'"' -f2 | sort | tr '\n' ' '; }
found=$(http_get "/referent/personnes?q=$(urlencode "ÉLISE enquêtrice")")/$(logins)
ok "$([[ $found == 200/*"$enq "* && $found != *"$ref "* && $found != *"$other "* && $found != *"$ad "* ]]; echo $?)" \
	"a search by her name, in another case: her, not the others ($found)"
is "$(http_get "/referent/personnes?q=$code_b")/$(logins)" "200/$other " "by a site's code: its people"
is "$(http_get "/referent/personnes?q=$(urlencode '%_')")" 200 "'%' and '_' are plain characters"
body_has 'id="aucun-compte">Aucun compte ne correspond à « %_ »' "and match nobody here"
is "$(http_get "/referent/personnes?q=$(printf 'x%.0s' $(seq 65))")" 400 "a search of 65 characters: 400"
body_has 'Une recherche tient en 64 caractères au plus' "said by the field"

# ---- a person's page
is "$(http_get "/referent/personnes/$eid")" 200 "the enquirer's page"
body_has 'href="/referent/personnes"' "it leads back to the list"
body_has "<h1>Élise Enquêtrice</h1>" "it names her"
body_has "id=\"p-site-$site_a\" value=\"$site_a\" checked" "her site is ticked in the form of her role and sites"
is "$(http_get /referent/personnes/987654321)/$(http_get "/referent/personnes/$eid/effacer")" 404/404 \
	"an unknown person, or an unknown action, is not found"

# ---- role and sites, at once
t=$(csrf "/referent/personnes/$eid")
is "$(http_post "/referent/personnes/$eid" "_csrf=$t&role=referent&site=$site_a&site=$site_b")" 303 \
	"the admin makes her a referent of both sites"
is "$(state "$enq")" "referent/$code_a $code_b/false" "her role and sites are stored"
is "$(audit staff-role "$enq, enquirer -> referent")/$(audit staff-site-add "$enq, site $code_b")" 1/1 \
	"the change of role and the site given are audited"
http_get "$(http_header Location)" > /dev/null
body_has "Le rôle et les sites ont été enregistrés." "the page says so"
for bad in "role=admin&site=$site_a:Choisissez enquêteur ou référent" \
	"role=enquirer:Cochez au moins un site" \
	"role=enquirer&site=987654321:pas un site dont vous avez la charge" \
	"role=enquirer&site=x1:Un des sites envoyés n’existe pas" \
	"role=enquirer&site=$site_a&bidule=1:champ inconnu"; do
	code=$(http_post "/referent/personnes/$eid" "_csrf=$t&${bad%%:*}")
	ok $([ "$code" = 400 ] && grep -q "${bad#*:}" "$HTTP_BODY"; echo $?) \
		"refused with a clear message: ${bad%%:*} ($code)"
done
is "$(state "$enq")" "referent/$code_a $code_b/false" "and nothing changed"
is "$(http_post "/referent/personnes/$eid" "role=enquirer&site=$site_a")" 403 "a change without the CSRF token is refused"
is "$(http_post "/referent/personnes/$aid" "_csrf=$t&role=enquirer&site=$site_a")/$(state "$ad")" "403/admin//false" \
	"an admin's role and sites are not changed here"
is "$(http_post "/referent/personnes/$eid" "_csrf=$t&role=enquirer&site=$site_a")/$(state "$enq")" "303/enquirer/$code_a/false" \
	"she is an enquirer of site A again"

# ---- deactivate, reactivate, a new password
is "$(http_get "/referent/personnes/$eid/desactiver")" 200 "deactivating asks for a confirmation first"
is "$(state "$enq")" "enquirer/$code_a/false" "which changes nothing"
is "$(http_post "/referent/personnes/$eid/desactiver" "_csrf=$t")/$(state "$enq")" "303/enquirer/$code_a/true" \
	"once confirmed, the account is deactivated"
is "$(http_get "/referent/personnes/$eid/reactiver")" 405 "reactivating is a POST only"
is "$(http_post "/referent/personnes/$eid/reactiver" "_csrf=$t")/$(state "$enq")" "303/enquirer/$code_a/false" \
	"the account is reactivated"
is "$(audit staff-disable "$enq")/$(audit staff-enable "$enq")" 1/1 "both are audited"
staff_login /mystere "$enq" "$pw" > /dev/null
cp "$HTTP_COOKIES" "$QM_TMP/enquirer.cookies"
staff_login /referent "$ad" "$pw" > /dev/null
before=$(hash "$enq")
t=$(csrf "/referent/personnes/$eid/mot-de-passe")
is "$(http_post "/referent/personnes/$eid/mot-de-passe" "_csrf=wrong")/$(hash "$enq")" "403/$before" \
	"a reset with a wrong CSRF token changes nothing"
is "$(http_post "/referent/personnes/$eid/mot-de-passe" "_csrf=$t")" 200 "the admin gives her a new password"
npw=$(temp_pw)
like "$npw" '^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$' "shown once, four groups of four without look-alikes"
is "$(audit staff-password-reset "$enq")/$(psql_q "SELECT count(*) FROM qualimetre.session WHERE user_id = :'u'" u="$eid")" 1/0 \
	"the reset is audited and her sessions are closed"
cp "$QM_TMP/enquirer.cookies" "$HTTP_COOKIES"
is "$(http_get /mystere/)" 303 "her open session no longer works"
is "$(staff_login /mystere "$enq" "$npw")" 303 "the new password works"
code=$(staff_login /mystere "$enq" "$pw")
ok $([ "$code" != 303 ]; echo $?) "the old one fails ($code)"
staff_login /referent "$ad" "$pw" > /dev/null
is "$(http_get "/referent/personnes/$aid/mot-de-passe")" 403 "an admin does not reset her own password here"

# ---- a referent: her enquirers only, no role nor site
staff_login /referent "$ref" "$pw" > /dev/null
is "$(http_get /referent/personnes)" 200 "the referent's list"
ok $(grep -q "data-login=\"$enq\"" "$HTTP_BODY" && ! grep -q "$other" "$HTTP_BODY"; echo $?) \
	"shows her enquirer, not the enquirer of another site"
is "$(http_get "/referent/personnes/$oid")/$(http_get "/referent/personnes/$oid/mot-de-passe")" 404/404 \
	"another site's enquirer is not found, nor can be reset"
http_get "/referent/personnes/$eid" > /dev/null
ok $(! grep -q 'name="role"' "$HTTP_BODY"; echo $?) "her enquirer's page has no form of role and sites"
t=$(input_value _csrf)
is "$(http_post "/referent/personnes/$eid" "_csrf=$t&role=referent&site=$site_a")/$(state "$enq")" "403/enquirer/$code_a/false" \
	"changing a role is refused to her"
rid=$(uid "$ref")
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT qualimetre.staff_update(:'e', 'referent', ARRAY[:'s']::bigint[])" u="$rid" tok="$(session_token "$rid")" e="$eid" s="$site_a" 2>&1)
like "$out" "not allowed" "the SQL function refuses her a change of role"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT qualimetre.staff_reset_password(:'e', '\$argon2id\$x')" u="$rid" tok="$(session_token "$rid")" e="$oid" 2>&1)
like "$out" "not allowed" "and a new password for another site's enquirer"
t=$(csrf "/referent/personnes/$eid/mot-de-passe")
is "$(http_post "/referent/personnes/$eid/mot-de-passe" "_csrf=$t")/$(staff_login /mystere "$enq" "$(temp_pw)")" 200/303 \
	"she gives her own enquirer a new password, which works"
