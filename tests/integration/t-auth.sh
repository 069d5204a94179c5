#!/usr/bin/env bash
# The database's identity comes from the session token (sql/027): as each
# staff role, the old setting naming an administrator opens nothing, a
# random, expired, idle or disabled account's token reads nothing, a real
# one reads what its user may. Then passwords that belong to their owner:
# a temporary password must be changed before anything else, the change
# page's refusals, the change ending the other sessions, and resets.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 39

A=TEST-AUTH-A B=TEST-AUTH-B
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES (:'a', 'Préfecture d’essai A', '41', 'B'), (:'b', 'Préfecture d’essai B', '37', 'B')
	ON CONFLICT (code) DO NOTHING" a="$A" b="$B"
ad=auth-admin-$$ ref=auth-ref-$$ enq=auth-enq-$$ tmp=auth-tmp-$$
pw="une phrase de passe $$"
printf '%s\n' "$pw" | admin user add --final --login "$ad" --role admin > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$A" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$enq" --role enquirer --site "$A" > /dev/null
uid() { psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$1"; }
idad=$(uid "$ad") idref=$(uid "$ref") idenq=$(uid "$enq")
# A mystery campaign on each site, four slots each: the enquirer's on A,
# another enquirer's on B.
printf '%s\n' "$pw" | admin user add --final --login "$enq-b" --role enquirer --site "$B" > /dev/null
calls_with_slots "$A" "auth-$$-a" "$enq" > /dev/null
calls_with_slots "$B" "auth-$$-b" "$enq-b" > /dev/null

# ---- item 5: the identity is the session's
# seen ROLE USER_ID TOKEN: as ROLE with the old setting naming USER_ID
# and the session token TOKEN, the campaigns of the two sites it reads,
# then the slots (mystery role) or the sites it plans (referent role).
seen()
{
	local other="SELECT count(*) FROM qualimetre.slot s JOIN qualimetre.campaign c ON c.id = s.campaign_id
			WHERE c.slug LIKE :'p' || '%'"
	[ "$1" = qualimetre_referent ] &&
		other="SELECT count(*) FROM qualimetre.site WHERE code IN (:'a', :'b') AND qualimetre.user_plans_site(id)"
	psql_as "$1" "SELECT set_config('qualimetre.user_id', :'u', false),
		set_config('qualimetre.session', :'tok', false);
	SELECT (SELECT count(*) FROM qualimetre.campaign WHERE slug LIKE :'p' || '%') || '/' || ($other)" \
		u="$2" tok="$3" p="auth-$$-" a="$A" b="$B" 2>&1 | tail -n 1
}
is "$(seen qualimetre_referent "$idad" "")" 0/0 \
	"referent role, the old setting naming an admin, no token: nothing"
is "$(seen qualimetre_mystery "$idenq" "")" 0/0 \
	"mystery role, the old setting naming the enquirer, no token: nothing"
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.user_id', :'u', false);
	SELECT qualimetre.user_is_admin()::text || '/' || count(*) FROM qualimetre.staff_list(NULL)" u="$idad" | tail -n 1)" \
	"false/0" "the admin's id in the old setting makes nobody an admin, and lists no one"
rnd=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
is "$(seen qualimetre_referent "$idad" "$rnd")" 0/0 "a random token reads nothing"
is "$(seen qualimetre_referent "$idad" "x' OR true --")" 0/0 "nor does a token that is no token"
tad=$(session_token "$idad")
is "$(seen qualimetre_referent "" "$tad")" 2/2 "the admin's real token reads both sites' campaigns"
tref=$(session_token "$idref")
is "$(seen qualimetre_referent "$idad" "$tref")" 1/1 \
	"the referent's token, with the old setting naming the admin: her site only"
tenq=$(session_token "$idenq")
is "$(seen qualimetre_mystery "" "$tenq")" 1/4 "the enquirer's token: the campaign of her slots, her 4 slots"
psql_q "UPDATE qualimetre.session SET expires_at = now() - interval '1 minute', created_at = now() - interval '13 hours'
	WHERE token_hash = sha256(convert_to(:'t', 'UTF8'))" t="$tad"
is "$(seen qualimetre_referent "" "$tad")" 0/0 "the admin's token past its expiry reads nothing"
psql_q "UPDATE qualimetre.session SET last_seen_at = now() - interval '31 minutes'
	WHERE token_hash = sha256(convert_to(:'t', 'UTF8'))" t="$tref"
is "$(seen qualimetre_referent "" "$tref")" 0/0 "an idle session's token reads nothing"
psql_q "UPDATE qualimetre.app_user SET disabled = true WHERE id = :'u'" u="$idenq"
is "$(seen qualimetre_mystery "" "$tenq")" 0/0 "a disabled account's token reads nothing"
psql_q "UPDATE qualimetre.app_user SET disabled = false WHERE id = :'u'" u="$idenq"
like "$(psql_as qualimetre_survey "SELECT qualimetre.session_user_id(:'t')" t="$tenq" 2>&1)" "permission denied" \
	"the survey role may not look tokens up"
# Through the program: the referent's pages still show what she may.
is "$(referent_login "$ref" "$pw")" 303 "the referent logs in"
is "$(http_get /referent/)" 200 "and her home page opens, run on her session's token"

# ---- item 8: a temporary password
printf '%s\n' "$pw" | admin user add --login "$tmp" --role enquirer --site "$A" > /dev/null
is "$(psql_q "SELECT must_change_password FROM qualimetre.app_user WHERE login = :'l'" l="$tmp")" t \
	"user add without --final makes a temporary password"
is "$(staff_login /mystere "$tmp" "$pw")" 303 "its owner logs in"
is "$(http_get /mystere/)/$(http_header Location)" "303//mystere/mot-de-passe" \
	"the home page sends them to the password page"
is "$(http_get /mystere/creneaux/1)/$(http_header Location)" "303//mystere/mot-de-passe" "so does any other page"
is "$(http_get /mystere/mot-de-passe)" 200 "the password page opens"
body_has "choisissez le vôtre pour continuer" "and says why"
csrf=$(input_value _csrf)
cp "$HTTP_COOKIES" "$QM_TMP/jar-first"
# A second session of the same account, elsewhere.
rm -f "$HTTP_COOKIES"; http_get /mystere/connexion > /dev/null
http_post /mystere/connexion "login=$tmp&password=$(urlencode "$pw")&_jeton=$(input_value _jeton)" > /dev/null
cp "$HTTP_COOKIES" "$QM_TMP/jar-second"
cp "$QM_TMP/jar-first" "$HTTP_COOKIES"
hash0=$(psql_q "SELECT password_hash FROM qualimetre.app_user WHERE login = :'l'" l="$tmp")
change() { http_post /mystere/mot-de-passe "_csrf=$1&actuel=$(urlencode "$2")&nouveau=$(urlencode "$3")&confirmation=$(urlencode "$4")"; }
new="mon propre mot de passe $$"
is "$(change "" "$pw" "$new" "$new")" 403 "without the CSRF token: refused"
is "$(change "$csrf" "mauvais mot de passe" "$new" "$new")" 400 "a wrong current password: refused"
body_has "Ce n’est pas votre mot de passe actuel" "next to its field"
is "$(change "$csrf" "$pw" "court" "court")" 400 "a short new password: refused"
body_has "au moins 12 caractères" "saying the rule"
is "$(change "$csrf" "$pw" "xx $tmp xx yy" "xx $tmp xx yy")" 400 "one containing the login: refused"
body_has "ne peut pas contenir l’identifiant" "saying why"
is "$(change "$csrf" "$pw" "$new" "autre chose encore")" 400 "a confirmation that differs: refused"
is "$(change "$csrf" "$pw" "$pw" "$pw")" 400 "the temporary password again: refused"
is "$(psql_q "SELECT password_hash = :'h' AND must_change_password FROM qualimetre.app_user WHERE login = :'l'" l="$tmp" h="$hash0")" t \
	"after the refusals, nothing changed"
is "$(change "$csrf" "$pw" "$new" "$new")" 200 "the right form changes it"
is "$(psql_q "SELECT password_hash <> :'h' AND NOT must_change_password FROM qualimetre.app_user WHERE login = :'l'" l="$tmp" h="$hash0")" t \
	"a new hash, no longer temporary"
is "$(psql_q "SELECT count(*) FROM qualimetre.session s JOIN qualimetre.app_user u ON u.id = s.user_id WHERE u.login = :'l'" l="$tmp")" 1 \
	"the other session is ended, this one kept"
is "$(http_get /mystere/)" 200 "the home page now opens"
cp "$QM_TMP/jar-second" "$HTTP_COOKIES"
is "$(http_get /mystere/)" 303 "the other browser is logged out"
is "$(staff_login /mystere "$tmp" "$pw")/$(sleep 1.2; staff_login /mystere "$tmp" "$new")" 403/303 \
	"the old password opens nothing, the new one does"
is "$(psql_q "SELECT count(*) FROM qualimetre.audit_log a JOIN qualimetre.app_user u ON u.id = a.user_id
	WHERE u.login = :'l' AND a.event IN ('password-changed', 'password-change-failed')" l="$tmp")" 2 \
	"the change and the wrong current password are logged"

# ---- a reset by the administrator makes it temporary again
tad=$(session_token "$idad")
psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'t', false);
	SELECT qualimetre.staff_reset_password(:'u', :'h')" t="$tad" u="$(uid "$tmp")" h="$hash0" > /dev/null
is "$(psql_q "SELECT must_change_password FROM qualimetre.app_user WHERE login = :'l'" l="$tmp")" t \
	"a reset by the administrator leaves a temporary password"
is "$(staff_login /mystere "$tmp" "$pw")/$(http_get /mystere/)" 303/303 "back to the password page at the next login"

tap_done
