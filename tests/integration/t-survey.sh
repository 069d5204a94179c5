#!/usr/bin/env bash
# The questionnaire end to end through nginx: a full submission lands with
# exactly its answers, a second send of the same form stores nothing more,
# every kind of invalid input gets the error page and stores nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 80

slug=test-survey-$$
make_campaign "$slug" -7 30

# ---- the page
code=$(http_get "/enquete/$slug")
is "$code" 200 "GET the questionnaire: 200"
body_has '<html lang="fr"' "the page is in French"
body_has '<fieldset class="fr-fieldset" id="q-courtoisie"' "a fieldset per question"
body_has '<label class="fr-label" for="q-courtoisie-tres-satisfait">Très satisfait</label>' \
	"each choice has its label"
body_has 'data-when-key="motif" data-when-value="etrangers"' \
	"the appointment question depends on the reason for the visit"
body_has '/static/dsfr/qualimetre-dsfr.min.css' "the DSFR comes from our own server"
like "$(http_header Cache-Control)" "no-store" "the page is not cached"
like "$(http_header Content-Security-Policy)" "default-src 'self'" "a strict CSP"
is "$(grep -c 'Set-Cookie' "$HTTP_HEADERS")" 0 "no cookie is set"
token=$(input_value _jeton)
like "$token" '^d\.[0-9]+\.[0-9]{3}\.[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$' \
	"the form carries the token nginx made for it (t-survey-cache.sh)"

# ---- a full submission
comment="Accueil très agréable, merci. <b>Rien</b> à redire & \"bravo\""
full="motif=etrangers&profil=particulier&canal=sur-place"
for q in courtoisie disponibilite handicap difficulte langage orientation \
    signaletique delai-rdv confort confidentialite attente point-numerique; do
	case $q in
	handicap) v=sans-avis ;;
	attente) v=peu-satisfait ;;
	delai-rdv) v=pas-du-tout-satisfait ;;
	*) v=tres-satisfait ;;
	esac
	full+="&$q=$v"
done
full+="&commentaire=$(urlencode "$comment")"
checks()
{
	psql_q "SELECT coalesce(sum(k.count), 0) FROM qualimetre.submission_check k
		JOIN qualimetre.campaign c ON c.id = k.campaign_id
		WHERE c.slug = :'s' AND k.reason = :'r'" s="$slug" r="$1"
}

# ---- sent at once with the page's own token: too fast for a person
before=$(responses "$slug")
code=$(http_post "/enquete/$slug" "$full&_jeton=$token")
is "$code" 400 "16 answers sent a second after the page was served: asked to confirm"
body_has "Confirmez l’envoi de vos réponses" "the page asks the person to confirm"
body_has 'value="etrangers" checked' "with every answer kept"
is "$(responses "$slug")" "$before" "nothing is stored yet"
is "$(checks fast)" 1 "the refusal is counted, as too fast"
confirm=$(input_value _jeton)
ok "$([ -n "$confirm" ] && [ "$confirm" != "$token" ]; echo $?)" "the confirmation carries a new token"
code=$(http_post "/enquete/$slug" "$full&_jeton=$confirm")
is "$code" 303 "confirmed at once: stored"
is "$(psql_q "SELECT confirmed FROM qualimetre.response WHERE form_token = :'t'" t="$confirm")" t \
	"the response says it was confirmed"
is "$(checks fast)" 1 "a confirmation is not refused again"

# ---- a page served three days ago
late=$(fresh_token "$slug" $((3 * 86400)))
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&_jeton=$late")
is "$code" 400 "a form served three days ago: asked to confirm"
body_has "plus de deux jours" "the page says why"
is "$(checks late)" 1 "the refusal is counted, as late"
is "$(answers_of "$late" | wc -l)" 0 "and nothing is stored"

# ---- a token whose time was changed: not ours any more
aged=$(fresh_token "$slug" 0)
c=${aged:28:1}; [ "$c" = A ] && c=B || c=A
aged="${aged:0:28}$c${aged:29}"
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&_jeton=$aged")
is "$code" 400 "a token with a forged time: refused"
body_has 'expiré' "as an expired form, answers kept"
is "$(checks fast)/$(checks late)" "1/1" "and it is not counted as a timing refusal"

# ---- a full submission, at a person's pace
token=$(fresh_token "$slug")
before=$(responses "$slug")
code=$(http_post "/enquete/$slug" "$full&_jeton=$token")
is "$code" 303 "a full submission: 303 to the thank-you page"
is "$(http_header Location)" "/enquete/$slug/merci?lang=fr" "redirected to /merci, in the language of the page"
is "$(responses "$slug")" $((before + 1)) "one response stored"
expected=$(printf '%s\n' "attente=peu-satisfait" "canal=sur-place" \
	"commentaire=$comment" "confidentialite=tres-satisfait" \
	"confort=tres-satisfait" "courtoisie=tres-satisfait" \
	"delai-rdv=pas-du-tout-satisfait" "difficulte=tres-satisfait" \
	"disponibilite=tres-satisfait" "handicap=sans-avis" \
	"langage=tres-satisfait" "motif=etrangers" "orientation=tres-satisfait" \
	"point-numerique=tres-satisfait" "profil=particulier" \
	"signaletique=tres-satisfait" | LC_ALL=C sort)
got=$(answers_of "$token" | LC_ALL=C sort)
is "$got" "$expected" "exactly the 16 answers sent are stored"
is "$(psql_q "SELECT channel || ',' || coalesce(entered_by::text, '-') FROM qualimetre.response WHERE form_token = :'t'" t="$token")" \
	"web,-" "stored as a web response, entered by nobody"
is "$(psql_q "SELECT count(DISTINCT a.campaign_id) FROM qualimetre.answer a JOIN qualimetre.response r ON r.id = a.response_id WHERE r.form_token = :'t'" t="$token")" \
	1 "the answers carry their campaign"
code=$(http_get "/enquete/$slug/merci")
is "$code" 200 "the thank-you page: 200"
body_has "Merci" "it thanks"

# ---- the same form sent twice
code=$(http_post "/enquete/$slug" "$full&_jeton=$token")
is "$code" 303 "the same form sent again: the same thank-you"
is "$(responses "$slug")" $((before + 1)) "and nothing more is stored"
is "$(answers_of "$token" | wc -l)" 16 "the first answers are untouched"

# ---- the condition: delai-rdv is not stored when not asked
token=$(fresh_token "$slug")
code=$(http_post "/enquete/$slug" "motif=autre&profil=elu&canal=telephone&delai-rdv=satisfait&_jeton=$token")
is "$code" 303 "an answer to a question not asked is ignored"
is "$(answers_of "$token" | tr '\n' ' ')" "canal=telephone motif=autre profil=elu " \
	"only the asked questions are stored"

# ---- invalid input: the error page, answers kept, nothing stored
stored=$(responses "$slug")
token=$(fresh_token "$slug")

code=$(http_post "/enquete/$slug" "profil=association&canal=courriel&courtoisie=satisfait&commentaire=Bonjour&_jeton=$token")
is "$code" 400 "a missing required answer: 400"
body_has 'id="erreurs"' "an error summary at the top"
body_has '<a href="#q-motif-etrangers">' "linking to the faulty field"
body_has 'fr-fieldset--error" id="q-motif"' "the field is marked in error"
body_has 'value="association" checked' "the answers sent are checked again"
body_has 'value="satisfait" checked' "criteria too"
body_has '>Bonjour</textarea>' "the comment is filled in again"
body_has "value=\"$token\"" "the same token, still unused"
like "$(grep -o '<title>[^<]*' "$HTTP_BODY")" '<title>Erreur' "the title says there is an error"

code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&courtoisie=parfait&_jeton=$token")
is "$code" 400 "a value outside the scale: 400"
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&pirate=1&_jeton=$token")
is "$code" 400 "an unknown field: 400"
body_has "champ inconnu" "and it says so"
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&commentaire=%C3%28&_jeton=$token")
is "$code" 400 "invalid UTF-8: 400"
long=$(head -c 2001 /dev/zero | tr '\0' 'a')
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&commentaire=$long&_jeton=$token")
is "$code" 400 "a comment of 2001 characters: 400"
body_has "2001 caractères" "the message gives the length"
code=$(http_post "/enquete/$slug" "motif=autre&motif=identite&profil=particulier&canal=sur-place&_jeton=$token")
is "$code" 400 "two answers to a single choice: 400"
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&commentaire=%G1&_jeton=$token")
is "$code" 400 "a malformed escape: 400"
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place")
is "$code" 400 "no token: 400"
body_has 'expiré' "the page explains the form expired"
body_has 'value="particulier" checked' "and keeps the answers"
forged="${token:0:75}A"; [ "$forged" = "$token" ] && forged="${token:0:75}B"
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&_jeton=$forged")
is "$code" 400 "a forged token: 400"
other=$(fresh_token "satisfaction-$(date +%Y)-loir-et-cher")
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&_jeton=$other")
is "$code" 400 "another campaign's token: 400"
code=$(HTTP_CONTENT_TYPE=text/plain http_post "/enquete/$slug" "motif=autre&_jeton=$token")
is "$code" 415 "another content type: 415"
big=$(head -c 100000 /dev/zero | tr '\0' 'a')
code=$(http_post "/enquete/$slug" "motif=autre&profil=particulier&canal=sur-place&commentaire=$big&_jeton=$token")
is "$code" 413 "a body over the program's limit (100 KB): 413"
big=$(head -c 300000 /dev/zero | tr '\0' 'a')
code=$(http_post "/enquete/$slug" "commentaire=$big")
is "$code" 413 "a body over nginx's limit (300 KB): 413"
is "$(responses "$slug")" "$stored" "none of the invalid submissions stored anything"

# ---- campaigns that cannot be answered
code=$(http_get "/enquete/cette-enquete-n-existe-pas")
is "$code" 404 "an unknown campaign: 404"
code=$(http_get "/enquete/UPPER_case")
is "$code" 404 "a malformed campaign name: 404"

make_campaign "$slug-close" -40 -10
code=$(http_get "/enquete/$slug-close")
is "$code" 410 "a closed campaign: 410"
body_has "Cette enquête s’est terminée le [0-9]+(<sup>er</sup>)? [a-zéû]+ [0-9]{4}" \
	"the page says in the past that it ended, and when (issue 11, item 9)"
is "$(grep -c 'enquête est terminée' "$HTTP_BODY")" 0 "not in the present tense"
current=$(grep -oE 'href="/enquete/[a-z0-9-]+">Répondre à l’enquête en cours' "$HTTP_BODY" |
	sed -E 's/^href="([^"]+)".*/\1/')
like "$current" '^/enquete/[a-z0-9-]+$' "it links to the site's questionnaire open now"
is "$(http_get "$current")" 200 "which is open"
code=$(http_get "/enquete/$slug-close" -H 'Accept-Language: en-GB,en;q=0.9')
body_has '<html lang="en"' "in English for an English browser"
body_has "This survey ended on [0-9]+ [A-Z][a-z]+ [0-9]{4}</h2>" "it ended, in English, with an English date"
body_has 'href="/enquete/[a-z0-9-]+\?lang=en">Answer the current survey</a>' \
	"the link to the open one, in English, keeps the language"
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES ('TEST-IT-SEUL', 'Sous-préfecture de test', '41', 'B');
	INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT max(id) FROM qualimetre.form WHERE key = 'satisfaction'), 'satisfaction',
		'Enquête seule', current_date - 40, current_date - 10, :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-IT-SEUL'" slug="$slug-seul" > /dev/null
at_exit psql_q "DELETE FROM qualimetre.campaign WHERE slug = :'slug';
	DELETE FROM qualimetre.site WHERE code = 'TEST-IT-SEUL'" slug="$slug-seul"
code=$(http_get "/enquete/$slug-seul")
is "$code/$(grep -c 'enquête en cours' "$HTTP_BODY")" "410/0" \
	"a site with no questionnaire open now: no link"
code=$(http_post "/enquete/$slug-close" "motif=autre&profil=particulier&canal=sur-place&_jeton=$token")
is "$(responses "$slug-close")" 0 "a POST to a closed campaign stores nothing (status $code)"
make_campaign "$slug-tard" 5 30
code=$(http_get "/enquete/$slug-tard")
is "$code" 403 "a campaign not yet open: 403, with its dates"
body_has "Cette enquête n’est pas encore ouverte</h2>" "said so"
is "$(grep -c 'enquête en cours' "$HTTP_BODY")" 0 "with no link to another one"
