#!/usr/bin/env bash
# The questionnaire page from nginx's cache: built once by the survey
# program, each visitor's token made by nginx (a door token, whose
# signature openssl recomputes here), every guarantee of a token kept
# (one response per token, bound to its questionnaire, its age judged),
# and no page served for a campaign closed or cancelled a second ago.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 26

slug=test-cache-$$
other=test-cache-other-$$
make_campaign "$slug" -1 30
make_campaign "$other" -1 30
key=$(sed -n 's/^set \$qm_door_key "\([0-9a-f]\{64\}\)";$/\1/p' \
	"$QUALIMETRE_TEST_INSTANCE/secret/door-token.conf")
like "$key" '^[0-9a-f]{64}$' "the instance has a door key for nginx"

# door_mac PATH TOKEN: the signature TOKEN should carry, by openssl.
door_mac()
{
	local d s ms id mac
	IFS=. read -r d s ms id mac <<< "$2"
	printf 'qualimetre door token v1|%s|%s.%s|%s' "$1" "$s" "$ms" "$id" |
		openssl dgst -sha256 -hmac "$key" -binary | basenc --base64url | tr -d '='
}
mac_of() { printf '%s\n' "${1##*.}"; }

log_mark "$QM_LOG/nginx-access.log"
is "$(http_get "/enquete/$slug")" 200 "the questionnaire: 200"
t1=$(input_value _jeton)
like "$t1" '^d\.[0-9]+\.[0-9]{3}\.[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$' \
	"its token is nginx's: time, request id, signature"
is "$(mac_of "$t1")" "$(door_mac "/enquete/$slug" "$t1")" \
	"its signature is the HMAC-SHA-256 openssl computes with the door key"
like "$(http_header Cache-Control)" "no-store" "the browser keeps no copy"
is "$(http_header X-Accel-Expires)" "" "nginx's cache header stays with nginx"
is "$(grep -c 'value="porte"' "$HTTP_BODY")" 0 "no placeholder reaches the visitor"
http_get "/enquete/$slug" > /dev/null
t2=$(input_value _jeton)
ok "$([ -n "$t2" ] && [ "$t2" != "$t1" ]; echo $?)" "the next visitor gets another token"
is "$(mac_of "$t2")" "$(door_mac "/enquete/$slug" "$t2")" "as well signed"
for i in $(seq 1 20); do http_get "/enquete/$slug" > /dev/null; done
hits=$(log_since "$QM_LOG/nginx-access.log" | grep -c "\"GET /enquete/$slug HTTP/1.1\" 200 [0-9]* [0-9.]* HIT$")
ok "$([ "$hits" -ge 10 ]; echo $?)" "22 visits in a burst: $hits served from the cache"
is "$(http_get "/enquete/$slug?lang=en")" 200 "in English too"
body_has '<html lang="en"' "the English page, not the French one kept in the cache"

# ---- the token's guarantees
# A person takes at least a second an answer (and three in all): the four
# answers below may come 4 s after the first token was made.
sleep 4.2
post="motif=identite&profil=particulier&canal=sur-place&courtoisie=satisfait"
is "$(http_post "/enquete/$other" "$post&_jeton=$t1")" 400 \
	"a token of one questionnaire is not taken by another"
body_has "Ce formulaire a expiré" "which says the form expired"
body_has 'value="identite" checked' "and keeps the answers"
forged="${t1%.*}.$(printf '%s' "$(mac_of "$t1")" | tr 'A-Za-z' 'B-ZAb-za')"
is "$(http_post "/enquete/$slug" "$post&_jeton=$forged")" 400 "a forged signature is refused"
is "$(responses "$slug")" 0 "nothing stored so far"
is "$(http_post "/enquete/$slug" "$post&_jeton=$t1")" 303 "the page's own token: thanks"
is "$(http_post "/enquete/$slug" "$post&_jeton=$t1")" 303 "sent again: thanks again"
is "$(responses "$slug")" 1 "stored once"
is "$(answers_of "$t1" | tr '\n' ' ')" "canal=sur-place courtoisie=satisfait motif=identite profil=particulier " \
	"with its answers"
http_get "/enquete/$slug" > /dev/null
t3=$(input_value _jeton)
is "$(http_post "/enquete/$slug" "$post&_jeton=$t3")" 400 \
	"sent as soon as served: asked to confirm, as with any token"
body_has "Confirmez l’envoi de vos réponses" "the confirmation page"

# ---- closed or cancelled: within the second
psql_q "UPDATE qualimetre.campaign SET closes_on = current_date - 1 WHERE slug = :'s'" s="$slug"
sleep 1.1
is "$(http_get "/enquete/$slug")" 410 "closed a second ago: the ended page, not the kept one"
http_get "/enquete/$other" > /dev/null
t4=$(input_value _jeton)
psql_q "UPDATE qualimetre.campaign SET cancelled_at = now(),
	status = 'cancelled', status_reason = 'test' WHERE slug = :'s'" s="$other"
sleep 1.1
is "$(http_get "/enquete/$other")" 410 "cancelled a second ago: the ended page"
sleep 2.1
is "$(http_post "/enquete/$other" "$post&_jeton=$t4")" 410 "and a send from the page kept before is refused"
tap_done
