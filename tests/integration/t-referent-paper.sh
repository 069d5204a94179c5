#!/usr/bin/env bash
# Corrections and withdrawals of typed paper questionnaires (issue 10, item
# 10): the list from the paper page; a questionnaire opened pre-filled;
# a correction replaces its answers, writes a revision (who, when, why,
# the answers before) and the results follow; a correction that changes
# nothing writes nothing; a withdrawal (reason and confirmation) takes it
# out of the counts and the export, kept and traced; bad inputs, a stale
# page, a web response, another site's referent, a campaign past its
# typing window: a clear refusal and nothing changed, down to the
# database's policies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 65

T="(now() AT TIME ZONE 'Europe/Paris')::date"
dump="$QM_BUILD/tests/csv-dump"
# The answers of a response on one line, "question=value " each.
ans() { answers_of_response "$1"; }
revs() { psql_q "SELECT count(*) FROM qualimetre.revision WHERE response_id = :'r'" r="$1"; }
# courtoisie's opinions and satisfied answers in results.csv: "n/satisfied".
courtesy()
{
	http_get "/referent/campagnes/$c/resultats.csv" > /dev/null
	"$dump" , < "$HTTP_BODY" | awk -F'\t' '
		$1 == 0 { name[$2] = $3; next }
		{ v[$1, name[$2]] = $3 }
		END { for (k in v) { split(k, p, SUBSEP); if (p[2] == "criterion" && v[k] == "courtoisie") r = p[1] }
			print v[r, "n"] "/" v[r, "satisfied"] }'
}

psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	('TEST-PR-A', 'Préfecture PR A', '41', 'B'), ('TEST-PR-B', 'Préfecture PR B', '37', 'B')
	ON CONFLICT (code) DO NOTHING"
psql_q "DELETE FROM qualimetre.revision WHERE campaign_id IN (SELECT c.id FROM qualimetre.campaign c
	JOIN qualimetre.site s ON s.id = c.site_id WHERE s.code LIKE 'TEST-PR-_');
	DELETE FROM qualimetre.response WHERE campaign_id IN (SELECT c.id FROM qualimetre.campaign c
	JOIN qualimetre.site s ON s.id = c.site_id WHERE s.code LIKE 'TEST-PR-_');
	DELETE FROM qualimetre.campaign WHERE site_id IN (SELECT id FROM qualimetre.site WHERE code LIKE 'TEST-PR-_')"
pa=pr-a-$$ pb=pr-b-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$pa" --role referent --site TEST-PR-A --name "Agnès Papier" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$pb" --role referent --site TEST-PR-B > /dev/null
ida=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$pa")
idb=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$pb")
c=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, f.id, 'satisfaction', 'Enquête papier', $T - 5, $T + 5, 'test-pr-a-' || :'p'
	FROM qualimetre.site s, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction'
	ORDER BY version DESC LIMIT 1) f WHERE s.code = 'TEST-PR-A' RETURNING id" p="$$")
# A web response in the same campaign: never correctable.
web=$(psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	VALUES (gen_random_uuid(), :'c', 'web', 'test-pr-web-' || :'p') RETURNING id" c="$c" p="$$")
psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, value) VALUES
	(:'r', :'c', 'motif', 'autre'), (:'r', :'c', 'courtoisie', 'satisfait')" r="$web" c="$c"

# ---- typing three questionnaires
is "$(referent_login "$pa" "$pw")" 303 "the referent of site A logs in"
http_get "/referent/campagnes/$c/papier" > /dev/null
body_has "href=\"/referent/campagnes/$c/papier/saisis\"" "the paper page links to the typed questionnaires"
csrf=$(input_value _csrf)
paper()
{
	http_get "/referent/campagnes/$c/papier" > /dev/null
	http_post "/referent/campagnes/$c/papier" "_csrf=$csrf&_jeton=$(input_value _jeton)&motif=$1&profil=particulier&canal=sur-place&courtoisie=$2&commentaire=$(urlencode "$3")" > /dev/null
	psql_q "SELECT id FROM qualimetre.response WHERE campaign_id = :'c' AND channel = 'paper'
		ORDER BY submitted_at DESC, id DESC LIMIT 1" c="$c"
}
r1=$(paper etrangers satisfait "Très bien")
r2=$(paper identite peu-satisfait "")
r3=$(paper autre tres-satisfait "Doublon")
is "$(psql_q "SELECT count(*) FROM qualimetre.response WHERE campaign_id = :'c' AND channel = 'paper'" c="$c")" 3 \
	"three paper questionnaires typed"
is "$(courtesy)" "4/3" "results before: 4 opinions on courtesy, 3 satisfied"

# ---- the list
is "$(http_get "/referent/campagnes/$c/papier/saisis")" 200 "the list of typed questionnaires"
is "$(grep -o 'Questionnaire n° [0-9]*' "$HTTP_BODY" | tr '\n' ',')" \
	"Questionnaire n° 1,Questionnaire n° 2,Questionnaire n° 3," "numbered in the order they were typed"
body_has "href=\"/referent/campagnes/$c/papier/$r2\"" "each one links to its page"
body_has "Agnès Papier" "who typed them"
like "$(grep -c 'fr-badge--no-icon">Saisi<' "$HTTP_BODY")" "^3$" "each with its state"
check "the web response is not listed" bash -c "! grep -q '$web' '$HTTP_BODY'"

# ---- one questionnaire, pre-filled
is "$(http_get "/referent/campagnes/$c/papier/$r2")" 200 "questionnaire n° 2 opens"
like "$(grep -o '<input[^>]*value="peu-satisfait"[^>]*>' "$HTTP_BODY" | grep -F 'name="courtoisie"')" "checked" \
	"pre-filled with its answers"
is "$(input_value _revision)" 0 "the page carries the revision it shows"
body_has 'id="rv-motif"' "with a field for the reason"
body_has "Saisi le .* par Agnès Papier" "its history starts with who typed it"

fix()	# RESPONSE COURTOISIE REASON REVISION [CSRF]
{
	http_post "/referent/campagnes/$c/papier/$1" "_csrf=${5-$csrf}&_revision=$4&_motif=$(urlencode "$3")&motif=identite&profil=particulier&canal=sur-place&courtoisie=$2"
}
before2=$(ans "$r2")

# ---- bad corrections: nothing changed
is "$(fix "$r2" nimporte "Erreur de saisie" 0)/$(revs "$r2")" "400/0" "an answer the form does not allow: 400"
body_has "fr-alert--error" "the errors are listed at the top"
is "$(fix "$r2" satisfait "" 0)/$(revs "$r2")" "400/0" "no reason: 400"
body_has 'id="rv-motif-error"[^>]*>Indiquez le motif de la correction' "the message is next to the reason"
is "$(fix "$r2" satisfait "$(head -c 501 /dev/zero | tr '\0' x)" 0)/$(revs "$r2")" "400/0" "a reason of 501 characters: 400"
is "$(fix "$r2" satisfait "Erreur de saisie" 0 "")/$(revs "$r2")" "403/0" "without the CSRF token: 403"
is "$(fix "$r2" satisfait "Erreur de saisie" abc)/$(revs "$r2")" "400/0" "a forged revision number: 400"
is "$(ans "$r2")" "$before2" "the answers are as typed after each refusal"

# ---- a correction
is "$(fix "$r2" satisfait "Erreur de saisie : « satisfait » coché" 0)/$(http_header Location)" \
	"303//referent/campagnes/$c/papier/$r2?corrige" "a correction is saved"
like "$(ans "$r2")" "courtoisie=satisfait " "the answer is replaced"
is "$(psql_q "SELECT seq || '|' || action || '|' || revised_by || '|' || reason || '|'
	|| (before @> '[{\"question\": \"courtoisie\", \"value\": \"peu-satisfait\"}]')
	|| '|' || jsonb_array_length(before) FROM qualimetre.revision WHERE response_id = :'r'" r="$r2")" \
	"1|corrected|$ida|Erreur de saisie : « satisfait » coché|true|4" \
	"its revision: who, why, and the answers as they were"
is "$(courtesy)" "4/4" "the results follow: 4 satisfied now"
http_get "/referent/campagnes/$c/papier/$r2?corrige" > /dev/null
body_has "Correction enregistrée" "the page says it was saved"
body_has "Corrigé le .* par Agnès Papier. Motif : « Erreur de saisie" "its history shows the correction"
like "$(tr -d '\n' < "$HTTP_BODY" | grep -o '<tr><td>[^<]*courtoisie des[^<]*</td><td>[^<]*</td><td>[^<]*</td></tr>')" \
	"<td>Peu satisfait</td><td>Satisfait</td>" "before and after, as labels"
is "$(fix "$r2" satisfait "Rien à changer" 1)/$(http_header Location)/$(revs "$r2")" \
	"303//referent/campagnes/$c/papier/$r2?inchange/1" "a correction that changes nothing writes nothing"
is "$(fix "$r2" tres-satisfait "Depuis une page ancienne" 0)/$(revs "$r2")" "409/1" \
	"a correction from a page older than the last revision: 409"
like "$(ans "$r2")" "courtoisie=satisfait " "and the answers stay as corrected"

# ---- the export says which were corrected
http_get "/referent/campagnes/$c/reponses.csv" > /dev/null
got=$("$dump" , < "$HTTP_BODY" | awk -F'\t' '
	$1 == 0 { name[$2] = $3; next }
	{ v[$1, name[$2]] = $3; rows[$1] = 1 }
	END { for (r in rows) print v[r, "response_id"] " " (v[r, "response_corrected_at"] == "" ? "-" : "corrected") }' | sort)
is "$got" "$(printf '%s\n' "$r1 -" "$r2 corrected" "$r3 -" "$web -" | sort)" \
	"reponses.csv marks the corrected questionnaire"

# ---- withdrawing
is "$(http_get "/referent/campagnes/$c/papier/$r3/retrait")" 200 "the withdrawal asks for confirmation"
body_has 'name="confirmer"' "with a box to tick"
wd()	# RESPONSE REASON CONFIRM REVISION [CSRF]
{
	http_post "/referent/campagnes/$c/papier/$1/retrait" "_csrf=${5-$csrf}&_revision=$4&_motif=$(urlencode "$2")$3"
}
withdrawn() { psql_q "SELECT (withdrawn_at IS NOT NULL) || '/' || (SELECT count(*) FROM qualimetre.answer WHERE response_id = :'r')
	FROM qualimetre.response WHERE id = :'r'" r="$1"; }
is "$(wd "$r3" "Doublon du n° 1" "" 0)/$(withdrawn "$r3")" "400/false/5" "not confirmed: 400, nothing withdrawn"
body_has 'id="rv-confirmer-error"' "the message is next to the box"
is "$(wd "$r3" "" "&confirmer=oui" 0)/$(withdrawn "$r3")" "400/false/5" "no reason: 400, nothing withdrawn"
body_has "Indiquez le motif du retrait" "the message names the reason"
is "$(wd "$r3" "Doublon du n° 1" "&confirmer=oui" 0 "")/$(withdrawn "$r3")" "403/false/5" "without the CSRF token: 403"
is "$(wd "$r3" "Doublon du n° 1" "&confirmer=oui" 0)/$(http_header Location)/$(withdrawn "$r3")" \
	"303//referent/campagnes/$c/papier/$r3?retire/true/0" "withdrawn: marked, its answers out of the counts"
is "$(psql_q "SELECT action || '|' || reason || '|' || jsonb_array_length(before) || '|'
	|| (before @> '[{\"question\": \"commentaire\", \"text\": \"Doublon\"}]')
	FROM qualimetre.revision WHERE response_id = :'r'" r="$r3")" "withdrawn|Doublon du n° 1|5|true" \
	"the revision keeps its answers as they were"
is "$(psql_q "SELECT count(*) FROM qualimetre.response WHERE id = :'r'" r="$r3")" 1 "the response itself is kept"
is "$(courtesy)" "3/3" "the counts drop: 3 opinions left"
http_get "/referent/campagnes/$c/reponses.csv" > /dev/null
check "the export leaves it out" bash -c "! grep -q '$r3' '$HTTP_BODY' && grep -q '$r1' '$HTTP_BODY'"
http_get "/referent/campagnes/$c" > /dev/null
body_has "3 réponses" "the campaign page counts 3 responses"
http_get "/referent/campagnes/$c/papier/saisis" > /dev/null
body_has 'fr-badge--error fr-badge--no-icon">Retiré<' "the list shows it withdrawn"
body_has "Corrigé \(1 fois\)" "and the other one corrected"
http_get "/referent/campagnes/$c/papier/$r3" > /dev/null
body_has "Retiré le .* Motif : « Doublon du n° 1" "its history shows the withdrawal with its reason"
is "$(fix "$r3" satisfait "Plus tard" 1)/$(wd "$r3" "Encore" "&confirmer=oui" 1)/$(revs "$r3")" "409/409/1" \
	"a withdrawn questionnaire cannot be corrected nor withdrawn again"

# ---- a web response
is "$(http_get "/referent/campagnes/$c/papier/$web")/$(fix "$web" peu-satisfait "Essai" 0)/$(wd "$web" "Essai" "&confirmer=oui" 0)/$(ans "$web")" \
	"404/404/404/courtoisie=satisfait motif=autre " "a web response cannot be opened, corrected or withdrawn (404)"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.revision (response_id, campaign_id, seq, action, reason)
	VALUES (:'r', :'c', 1, 'corrected', 'x')" u="$ida" tok="$(session_token "$ida")" r="$web" c="$c" 2>&1)
like "$out" "row-level security" "the policies refuse a revision of a web response"

# ---- the database refuses a change without its revision
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	DELETE FROM qualimetre.answer WHERE response_id = :'r' RETURNING 1" u="$ida" tok="$(session_token "$ida")" r="$r1" | tail -n +2 | grep -c .)/$(revs "$r1")" \
	"0/0" "A cannot delete answers without a revision"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	UPDATE qualimetre.response SET withdrawn_at = now() WHERE id = :'r'" u="$ida" tok="$(session_token "$ida")" r="$r1" 2>&1)
like "$out" "row-level security" "nor mark a response withdrawn"
out=$(psql_as qualimetre_survey "SELECT count(*) FROM qualimetre.revision" 2>&1)
like "$out" "permission denied" "the survey role cannot read the trace"
out=$(psql_as qualimetre_mystery "SELECT count(*) FROM qualimetre.counted_response" 2>&1)
like "$out" "permission denied" "nor can the mystery role read the counted responses"

# ---- another site's referent
referent_login "$pb" "$pw" > /dev/null
http_get /referent/ > /dev/null
csrfb=$(input_value _csrf)
before1=$(ans "$r1")
is "$(http_get "/referent/campagnes/$c/papier/saisis")/$(http_get "/referent/campagnes/$c/papier/$r1")" "404/404" \
	"the referent of site B cannot see A's questionnaires (404)"
body_has "n’est pas sur un site dont vous avez la charge" "with a clear message"
is "$(fix "$r1" peu-satisfait "Par B" 0 "$csrfb")/$(wd "$r1" "Par B" "&confirmer=oui" 0 "$csrfb")" "404/404" \
	"nor correct or withdraw one (404)"
is "$(ans "$r1")/$(revs "$r1")/$(withdrawn "$r1")" "$before1/0/false/5" "nothing changed"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	INSERT INTO qualimetre.revision (response_id, campaign_id, seq, action, reason)
	VALUES (:'r', :'c', 1, 'withdrawn', 'x')" u="$idb" tok="$(session_token "$idb")" r="$r1" c="$c" 2>&1)
like "$out" "row-level security" "the policies refuse B's revision of A's questionnaire"

# ---- past the typing window: read only
old=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT site_id, form_id, 'satisfaction', 'Ancienne', $T - 90, $T - 31, 'test-pr-a-old-' || :'p'
	FROM qualimetre.campaign WHERE id = :'c' RETURNING id" c="$c" p="$$")
ro=$(psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, entered_by, form_token, submitted_at)
	VALUES (gen_random_uuid(), :'o', 'paper', :'u', 'test-pr-old-' || :'p', now() - interval '40 days') RETURNING id" o="$old" u="$ida" p="$$")
psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, value) VALUES (:'r', :'o', 'motif', 'autre')" r="$ro" o="$old"
referent_login "$pa" "$pw" > /dev/null
http_get /referent/ > /dev/null
csrf=$(input_value _csrf)
is "$(http_get "/referent/campagnes/$old/papier/$ro")" 200 "a questionnaire of a campaign closed 31 days ago opens"
body_has "ne peut plus être corrigé" "read only, saying why"
is "$(http_post "/referent/campagnes/$old/papier/$ro" "_csrf=$csrf&_revision=0&_motif=x&motif=etrangers&profil=elu&canal=courriel")/$(revs "$ro")/$(ans "$ro")" \
	"403/0/motif=autre " "a correction there is refused, nothing changed"
