#!/usr/bin/env bash
# nginx's limits at the door (etc/nginx.conf.in): a burst of questionnaires
# from one address is refused beyond the limit with a page that holds every
# answer; a reception-hall tablet's pace never is; staff logins are limited
# too; no address is written to any log. ./run-tests exempts 127.0.0.1, where
# the other tests come from: these come from two other addresses of
# 127.0.0.0/8, which the loopback interface also answers to, chosen anew
# by each run (nginx remembers an address's sends for a minute).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 21

slug=test-limits-$$
make_campaign "$slug" -7 30
id=$(psql_q "SELECT id FROM qualimetre.campaign WHERE slug = :'s'" s="$slug")
mint() { "$QUALIMETRE_TEST_BUILD/tests/bench/mint-tokens" \
	"$QUALIMETRE_TEST_INSTANCE/secret/form-token.key" "$id" "$1" "${2:-600}"; }
a=127.0.$(( $$ % 250 + 2 )).$(( RANDOM % 250 + 2 ))
b=127.0.$(( $$ % 250 + 2 )).$(( (RANDOM % 250 + 2) ))
[ "$b" != "$a" ] || b=127.0.1.1
A=(--interface "$a")
B=(--interface "$b")
log_mark "$QM_LOG/nginx-error.log"
log_mark "$QM_LOG/nginx-access.log"

# ---- reading is never limited
n=0
for i in $(seq 1 25); do
	[ "$(http_get "/enquete/$slug" "${A[@]}")" = 200 ] && n=$((n + 1))
done
is "$n" 25 "25 readings of the questionnaire from one address: all served"

# ---- a burst of 14 questionnaires from one address, at once
answers="motif=autre&profil=particulier&canal=sur-place&courtoisie=satisfait"
mapfile -t tokens < <(mint 14)
declare -A got=()
held=
for t in "${tokens[@]}"; do
	code=$(http_post "/enquete/$slug" "$answers&_jeton=$t" "${A[@]}")
	got[$code]=$(( ${got[$code]:-0} + 1 ))
	if [ "$code" = 429 ] && [ -z "$held" ]; then
		held=$t
		cp "$HTTP_BODY" "$QM_TMP/held.html"
		retry=$(http_header Retry-After)
	fi
done
is "${got[303]:-0}/${got[429]:-0}" "11/3" \
	"14 sends at once: the first 11 stored (a burst of 10 beyond the rate), 3 refused"
is "$(responses "$slug")" 11 "exactly the 11 accepted are stored"
cp "$QM_TMP/held.html" "$HTTP_BODY"
body_has "Trop d’envois en peu de temps" "the refusal says what happened"
body_has "conservées dans cette page" "and that the answers are kept"
body_has "<input type=\"hidden\" name=\"_jeton\" value=\"$held\">" "the page holds the form's token"
body_has '<input type="hidden" name="courtoisie" value="satisfait">' "and every answer"
is "$retry" 60 "Retry-After: 60"
is "$(answers_of "$held" | wc -l)" 0 "a refused send stores nothing"

# ---- the held answers sent again once the rate allows: stored
sleep 6
body=$(sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="\([^"]*\)">.*/\1=\2/p' \
	"$QM_TMP/held.html" | paste -sd '&')
code=$(http_post "/enquete/$slug" "$body" "${A[@]}")
is "$code" 303 "the held page's form, sent again a few seconds later: stored"
is "$(answers_of "$held" | LC_ALL=C sort | tr '\n' ' ')" \
	"canal=sur-place courtoisie=satisfait motif=autre profil=particulier " \
	"with exactly the answers first sent"

# ---- a tablet: each questionnaire sent at once (asked to confirm) then
# confirmed, one every 5 seconds: 8 sends in 15 s, 16 times a hall's pace
# of one a minute
n=0 stored=$(responses "$slug")
for i in 1 2 3 4; do
	t=$(mint 1 0)
	c1=$(http_post "/enquete/$slug" "$answers&_jeton=$t" "${B[@]}")
	c=$(input_value _jeton)
	c2=$(http_post "/enquete/$slug" "$answers&_jeton=$c" "${B[@]}")
	[ "$c1/$c2" = 400/303 ] && n=$((n + 1))
	[ $i = 4 ] || sleep 5
done
is "$n" 4 "a tablet's questionnaires, each confirmed: none refused"
is "$(responses "$slug")" $((stored + 4)) "all 4 stored"

# ---- staff logins: 6 at once pass, the 7th is refused, on every program
n=0
for i in $(seq 1 6); do
	code=$(http_post /referent/connexion "login=personne&password=x&_jeton=x" "${A[@]}")
	[ "$code" != 429 ] && n=$((n + 1))
done
is "$n" 6 "6 logins from one address at once: all answered by the program"
code=$(http_post /referent/connexion "login=personne&password=x&_jeton=x" "${A[@]}")
is "$code" 429 "the 7th: 429"
body_has "Trop de tentatives" "with a page that says why"
is "$(http_post /mystere/connexion "login=personne&password=x&_jeton=x" "${A[@]}")" 429 \
	"the enquirers' login shares the same limit"
is "$(http_get /referent/connexion "${A[@]}")" 200 "the login page itself is still shown"

# ---- nothing of the addresses in the logs
is "$({ log_since "$QM_LOG/nginx-error.log"; log_since "$QM_LOG/nginx-access.log"; } | grep -cF -e "$a" -e "$b")" 0 \
	"no client address in nginx's logs"

# ---- the TLS example carries the same limits, and nginx accepts it
ex=$QM_SRC/etc/nginx-site.conf.example
is "$(grep -c 'limit_req zone=qm_answers burst=10 nodelay;' "$ex")/$(grep -c 'limit_req zone=qm_logins burst=5 nodelay;' "$ex")/$(grep -c 'limit_req_log_level info;' "$ex")" \
	"1/2/1" "the TLS example limits the questionnaire and both logins, logging no address"
tls=$QM_TMP/tls
mkdir -p "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
	-keyout "$tls/key.pem" -out "$tls/cert.pem" 2> /dev/null
{
	# The system's nginx loads the set-misc module from modules-enabled/.
	echo "load_module /usr/lib/nginx/modules/ndk_http_module.so;"
	echo "load_module /usr/lib/nginx/modules/ngx_http_set_misc_module.so;"
	echo "events {}"
	echo "http {"
	echo "include /etc/nginx/mime.types;"
	sed -e "s|/etc/ssl/certs/enquetes.example.gouv.fr.pem|$tls/cert.pem|" \
		-e "s|/etc/ssl/private/enquetes.example.gouv.fr.key|$tls/key.pem|" \
		-e "s|/etc/qualimetre/door-token.conf|$QUALIMETRE_TEST_INSTANCE/secret/door-token.conf|" \
		-e "s|/var/cache/nginx/qualimetre|$tls/cache|" \
		-e "s|/var/log/nginx/|$tls/|g" "$ex"
	echo "}"
} > "$tls/nginx.conf"
nginx -t -q -p "$tls/" -c "$tls/nginx.conf" -e "$tls/error.log" -g "pid $tls/nginx.pid;" 2> "$tls/t.err"
rc=$?
is "$rc" 0 "nginx -t accepts the TLS example (with a throwaway certificate)" ||
	sed 's/^/#   /' "$tls/t.err" | head -5
