#!/usr/bin/env bash
# The rest of the public face: legal pages, static files, methods, the
# access log that holds no address.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 17

for p in accessibilite mentions-legales donnees-personnelles; do
	code=$(http_get "/informations/$p")
	is "$code" 200 "the page /informations/$p exists"
done
body_has "aucun cookie" "the personal data page says no cookie is used"
code=$(http_get "/informations/nimporte")
is "$code" 404 "an unknown information page: 404"
code=$(http_get "/static/dsfr/qualimetre-dsfr.min.css")
is "$code" 200 "the DSFR stylesheet is served by nginx"
code=$(http_get "/static/questionnaire.js")
is "$code" 200 "our script is served"
# Compressed when the browser accepts it: the public pages and the static
# files; not the staff pages (a session's CSRF token beside what was
# typed: BREACH).
code=$(http_get "/informations/accessibilite" -H 'Accept-Encoding: gzip')
is "$code/$(http_header Content-Encoding)" "200/gzip" "a public page is sent gzipped"
code=$(http_get "/static/dsfr/qualimetre-dsfr.min.css" -H 'Accept-Encoding: gzip')
is "$code/$(http_header Content-Encoding)/$(gzip -dc "$HTTP_BODY" | grep -q 'fr-header__menu' && echo menu)" "200/gzip/menu" \
	"the DSFR subset is sent gzipped, with the header's menu"
code=$(http_get "/referent/connexion" -H 'Accept-Encoding: gzip')
is "$code/$(http_header Content-Encoding)" "200/" "a staff page is not"
slug=test-pages-$$
make_campaign "$slug" 0 0
code=$(http_get "/enquete/$slug" -X PUT)
is "$code" 405 "PUT is not allowed"
code=$(http_get "/enquete/$slug" -I)
is "$code" 200 "HEAD is allowed"
check "a campaign open for one day only, today, is open" test "$(http_get "/enquete/$slug")" = 200
if grep -q '127\.0\.0\.1' "$QM_LOG/nginx-access.log"; then rc=1; else rc=0; fi
ok $rc "the access log holds no client address"

# An address no program serves: the service's own page, not nginx's.
is "$(http_get /cette-page-n-existe-pas)" 404 "an unknown address: 404"
body_has "<h1>Page introuvable</h1>" "on the service's own page"
body_has 'href="/static/dsfr/qualimetre-dsfr.min.css"' "in the State's design"
