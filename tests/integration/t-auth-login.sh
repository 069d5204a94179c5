#!/usr/bin/env bash
# Logins that resist guessing (issue 12, item 7): the login form's token
# is good once, in time, and only with its pre-session cookie; unknown,
# disabled and password-less logins get the same answer in about the same
# time as a wrong password; the lockout holds a pair (login, client
# address), so that another client still logs in.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 21

site=TEST-AUTH-L
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES (:'s', 'Sous-préfecture d’essai', '41', 'B') ON CONFLICT (code) DO NOTHING" s="$site"
a=authl-a-$$ off=authl-off-$$ nopw=authl-nopw-$$
pw="une phrase de passe $$"
for l in "$a" "$off" "$nopw"; do
	printf '%s\n' "$pw" | admin user add --final --login "$l" --role enquirer --site "$site" > /dev/null
done
psql_q "UPDATE qualimetre.app_user SET disabled = true WHERE login = :'l'" l="$off"
psql_q "UPDATE qualimetre.app_user SET password_hash = NULL WHERE login = :'l'" l="$nopw"

# ---- the one-time form token
rm -f "$HTTP_COOKIES"
is "$(http_get /mystere/connexion)" 200 "the login page"
like "$(http_header Set-Cookie)" '^qm_pre=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$' \
	"sets a pre-session cookie (plain name over http)"
tok=$(input_value _jeton)
like "$tok" '^[A-Za-z0-9_-]{43}$' "and carries a 256-bit form token"
is "$(psql_q "SELECT count(*) FROM qualimetre.login_form WHERE token_hash = sha256(convert_to(:'t', 'UTF8'))" t="$tok")" 1 \
	"stored as its hash"
cp "$HTTP_COOKIES" "$QM_TMP/jar-pre"
post() { http_post /mystere/connexion "login=$(urlencode "$1")&password=$(urlencode "$2")&_jeton=$3"; }
rm -f "$HTTP_COOKIES"; http_get /mystere/connexion > /dev/null
is "$(post "$a" "$pw" "$tok")" 400 "the token with another pre-session cookie: refused"
body_has "Le formulaire de connexion a expiré" "as an expired form"
cp "$QM_TMP/jar-pre" "$HTTP_COOKIES"
is "$(post "$a" "$pw" "$tok")" 303 "with its own cookie: logged in"
cp "$QM_TMP/jar-pre" "$HTTP_COOKIES"
is "$(post "$a" "$pw" "$tok")" 400 "the same token a second time: refused"
rm -f "$HTTP_COOKIES"; http_get /mystere/connexion > /dev/null
tok=$(input_value _jeton)
psql_q "UPDATE qualimetre.login_form SET expires_at = now() - interval '1 second' WHERE token_hash = sha256(convert_to(:'t', 'UTF8'))" t="$tok"
is "$(post "$a" "$pw" "$tok")" 400 "an expired token: refused"
is "$(post "$a" "$pw" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")" 400 "a made-up token: refused"

# ---- the same answer, about the same time
# attempt LOGIN: a login with a wrong password from a client address of
# its own (127.X.0.N, X from our pid, so that no earlier run's pair or
# nginx's limit weighs on it); prints the status and the seconds taken.
n=10 net=127.$(($$ % 200 + 20)).0
attempt()
{
	n=$((n + 1))
	rm -f "$HTTP_COOKIES"
	http_get /mystere/connexion --interface "$net.$n" > /dev/null
	local t0 t1 code
	t0=$(date +%s.%N)
	code=$(http_post /mystere/connexion "login=$(urlencode "$1")&password=wrong-$$&_jeton=$(input_value _jeton)" \
		--interface "$net.$n")
	t1=$(date +%s.%N)
	printf '%s %s\n' "$code" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
}
read -r c_known t_known < <(attempt "$a")
msg=$(grep -o 'Identifiant ou mot de passe incorrect[^<]*' "$HTTP_BODY")
read -r c_unknown t_unknown < <(attempt "nobody-$$")
is "$c_unknown/$(grep -o 'Identifiant ou mot de passe incorrect[^<]*' "$HTTP_BODY")" "$c_known/$msg" \
	"an unknown login: the same status and message as a wrong password"
read -r c_off t_off < <(attempt "$off")
is "$c_off/$(grep -o 'Identifiant ou mot de passe incorrect[^<]*' "$HTTP_BODY")" "$c_known/$msg" "a disabled account: the same"
read -r c_nopw t_nopw < <(attempt "$nopw")
is "$c_nopw/$(grep -o 'Identifiant ou mot de passe incorrect[^<]*' "$HTTP_BODY")" "$c_known/$msg" "an account without a password: the same"
# Each takes one argon2id check: none is less than a third of the known
# account's time (a lookup alone would be a few milliseconds).
slow=$(awk -v k="$t_known" -v u="$t_unknown" -v o="$t_off" -v n="$t_nopw" \
	'BEGIN { print (u * 3 > k && o * 3 > k && n * 3 > k) ? 1 : 0 }')
is "$slow" 1 "and about the same time (known $t_known s, unknown $t_unknown s, disabled $t_off s, no password $t_nopw s)"
is "$(psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE login = :'l' OR detail = :'l'" l="nobody-$$")" 0 \
	"the login typed that matched no account is not logged"

# ---- the lockout holds (login, client)
for i in 1 2 3 4 5; do
	psql_q "UPDATE qualimetre.login_failure SET last_failed_at = now() - interval '1 hour'
		WHERE login_hash = sha256(convert_to(:'l', 'UTF8')) AND client = '127.0.0.1'" l="$a"
	staff_login /mystere "$a" "wrong $i" > /dev/null
done
is "$(psql_q "SELECT locked_until > now() FROM qualimetre.login_failure
	WHERE login_hash = sha256(convert_to(:'l', 'UTF8')) AND client = '127.0.0.1'" l="$a")" t \
	"five failures from 127.0.0.1 lock the pair"
is "$(staff_login /mystere "$a" "$pw")" 429 "from there, even the right password waits"
body_has "verrouillé sur ce poste" "and the page says so"
rm -f "$HTTP_COOKIES"
http_get /mystere/connexion --interface 127.0.0.9 > /dev/null
is "$(http_post /mystere/connexion "login=$a&password=$(urlencode "$pw")&_jeton=$(input_value _jeton)" --interface 127.0.0.9)" 303 \
	"from another address, the owner still logs in"
for i in 1 2 3 4 5; do
	psql_q "UPDATE qualimetre.login_failure SET last_failed_at = now() - interval '1 hour'
		WHERE login_hash = sha256(convert_to(:'l', 'UTF8')) AND client = '127.0.0.1'" l="nobody-$$"
	staff_login /mystere "nobody-$$" "wrong $i" > /dev/null
done
is "$(staff_login /mystere "nobody-$$" "$pw")" 429 "an unknown login locks the same way: nothing tells it apart"
is "$(psql_q "SELECT count(*) FROM qualimetre.login_failure WHERE client = '127.0.0.1'
	AND login_hash IN (sha256(convert_to(:'a', 'UTF8')), sha256(convert_to(:'b', 'UTF8')))" a="$a" b="nobody-$$")" 2 \
	"failures are kept by the login's hash only"

tap_done
