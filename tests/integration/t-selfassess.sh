#!/usr/bin/env bash
# The self-assessment and the action plan (issue 13, items 7 and 8;
# sql/036): the Qual-e-pref grid is loaded as a form of kind
# self-assessment; a referent scores a semester, saves a draft, then
# validates it, which opens one corrective action per engagement below
# the required level, and only once however often it is validated again;
# the summary counts the levels and compares with the previous semester.
# The action list shows the overdue actions first; an action is created,
# edited and tied to a COPIL meeting. Bad input (a score outside the
# scale, an unknown engagement, a malformed semester, another site's
# assessment or action, a malformed due date, no CSRF token) is refused
# and nothing is stored; every change is in the audit log; another
# site's referent sees nothing, down to the database's policies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 71

A=TSA-A-$$ B=TSA-B-$$
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	(:'a', 'Préfecture de test (autodiagnostic)', '41', 'B'),
	(:'b', 'Sous-préfecture de test (autodiagnostic)', '41', 'B')" a="$A" b="$B"
site_a=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$A")
site_b=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$B")
ref=sa-ref-$$ ref2=sa-ref2-$$ pw="mot de passe du diagnostic $$"
rc=0
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$A" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$ref2" --role referent --site "$B" > /dev/null || rc=1
ok $rc "a referent of site A, a referent of site B"

scores() # SITE_ID SEMESTER: engagement=level lines, in order
{
	psql_q "SELECT string_agg(sc.engagement || '=' || coalesce(sc.level, ''), ' '
		ORDER BY sc.engagement) FROM qualimetre.self_assessment_score sc
		JOIN qualimetre.self_assessment a ON a.id = sc.assessment_id
		WHERE a.site_id = :'s' AND a.semester = :'m'" s="$1" m="$2"
}
nactions() # SITE_ID [ORIGIN]
{
	psql_q "SELECT count(*) FROM qualimetre.action WHERE site_id = :'s'
		AND (:'o' = '' OR origin = :'o')" s="$1" o="${2:-}"
}
audits() # EVENT
{
	psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE login = :'l' AND event = :'e'" \
		l="$ref" e="$1"
}
# The grid's 20 engagements, each at level $1, but for the first two
# (levels $2 and $3): a body for the POST.
grid() # LEVEL FIRST SECOND ACTION
{
	local keys k i=0 body="_csrf=$csrf&action=$4"
	keys=$(grep -oE 'name="n-[a-z0-9-]+"' "$GRID" | sort -u | sed 's/name="n-//; s/"//' | sort)
	for k in $keys; do
		i=$((i + 1))
		case $i in
		1) [ -n "$2" ] && body+="&n-$k=$2" ;;
		2) [ -n "$3" ] && body+="&n-$k=$3" ;;
		*) [ -n "$1" ] && body+="&n-$k=$1" ;;
		esac
		body+="&c-$k="
	done
	printf '%s\n' "$body"
}

# ---- the grid, a form of its own kind
is "$(psql_q "SELECT kind || ' ' || version FROM qualimetre.form WHERE key = 'autodiagnostic-qualepref'
	ORDER BY version DESC LIMIT 1")" "self-assessment 1" "the Qual-e-pref grid is loaded as a self-assessment form"
! psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT :'s', id, 'self-assessment', 'x', current_date, current_date, 'sa-x-$$'
	FROM qualimetre.form WHERE key = 'autodiagnostic-qualepref'" s="$site_a" 2> /dev/null
ok $? "a campaign cannot be of the self-assessment kind"

# ---- the index
is "$(referent_login "$ref" "$pw")" 303 "the referent of site A logs in"
http_get /referent/ > /dev/null
body_has 'href="/referent/autodiagnostic">Auto-diagnostic' "the home page links to the self-assessment"
is "$(http_get /referent/autodiagnostic)" 200 "the self-assessment index"
! grep -q "$B\|Sous-préfecture de test (autodiagnostic)" "$HTTP_BODY"
ok $? "site B is not offered"
is "$(http_get "/referent/autodiagnostic?site=$site_a&semestre=2026-S3")" 400 "a malformed semester is refused"
body_has 'id="sa-semester-error">Saisissez le semestre au format AAAA-S1 ou AAAA-S2' \
	"with its message next to the field"
is "$(http_get "/referent/autodiagnostic?site=$site_a&semestre=2025-S2")" 303 "opening 2025-S2 of site A"
is "$(http_header Location)" "/referent/autodiagnostic/$site_a/2025-S2" "goes to its page"

# ---- the previous semester, validated with every engagement engaged (2)
P1=/referent/autodiagnostic/$site_a/2025-S2
is "$(http_get "$P1")" 200 "the empty grid"
GRID=$QM_TMP/grid.html
cp "$HTTP_BODY" "$GRID"
csrf=$(input_value _csrf)
is "$(grep -c 'type="radio"' "$GRID")" 80 "20 engagements, 4 levels each"
body_has 'Pas encore enregistré' "not saved yet"
is "$(http_post "$P1" "$(grid 2 2 2 valider)")" 303 "validating 2025-S2, every engagement engaged"
is "$(nactions "$site_a")" 0 "no gap, no action"

# ---- this semester: a draft, then the validation
P=/referent/autodiagnostic/$site_a/2026-S1
is "$(http_post "$P" "$(grid '' 0 3 enregistrer)")" 303 "a draft with two engagements scored"
is "$(http_header Location)" "$P?fait=enregistre" "saved, saying so"
like "$(scores "$site_a" 2026-S1)" "^e01-information-acces=0 e02-orientation=3 e03-accessibilite= " \
	"the draft keeps the scores given and the others empty"
is "$(psql_q "SELECT validated_at IS NULL FROM qualimetre.self_assessment WHERE site_id = :'s' AND semester = '2026-S1'" s="$site_a")" t \
	"a draft is not validated"
is "$(http_post "$P" "$(grid '' 0 3 valider)")" 400 "validating with engagements left unscored is refused"
body_has 'Pour valider, choisissez le niveau de cet engagement' "each unscored engagement says so"
is "$(nactions "$site_a")" 0 "and no action was opened"
is "$(http_post "$P" "$(grid 2 0 7 enregistrer)")" 400 "a level outside the scale is refused"
body_has 'Ce niveau n’est pas sur l’échelle' "with its message"
is "$(http_post "$P" "$(grid 2 0 3 enregistrer)&n-e99-inconnu=2")" 400 "an unknown engagement is refused"
like "$(scores "$site_a" 2026-S1)" "e03-accessibilite= " "nothing was stored of either"
is "$(http_post "$P" "$(grid 2 1 3 valider)" -o /dev/null)" 303 "validating with one engagement below its required level"
is "$(nactions "$site_a" self-assessment)" 1 "one corrective action for the one gap"
is "$(http_post "$P" "$(grid 2 0 1 valider)")" 303 "validating again with two gaps"
is "$(nactions "$site_a" self-assessment)" 2 "the gap already opened is not opened twice"
is "$(psql_q "SELECT string_agg(engagement || ' ' || due_on || ' ' || status, ',' ORDER BY engagement)
	FROM qualimetre.action WHERE site_id = :'s'" s="$site_a")" \
	"e01-information-acces 2026-12-31 prevue,e02-orientation 2026-12-31 prevue" \
	"each gap's action, due at the end of the next semester, planned"
is "$(http_get "$P")" 200 "the validated assessment"
body_has '<strong>Validé</strong>' "says it is validated"
body_has '<th scope="row">Module 1 – Relation générale à l’usager</th><td>1</td><td>1</td><td>18</td><td>0</td><td>0</td><td>2</td>' \
	"the module's counts per level, none unscored, two below the required level"
body_has 'Depuis le 2<sup>e</sup> semestre 2025 : 0 engagement\(s\) en progrès, 2 en recul, 18 au même niveau' \
	"compared with the previous semester"
is "$(audits selfassess-validate) $(audits selfassess-save)" "3 1" "every save and validation is audited"

# ---- another site's
is "$(http_get "/referent/autodiagnostic/$site_b/2026-S1")" 404 "site B's assessment is not found"
is "$(http_post "/referent/autodiagnostic/$site_b/2026-S1" "$(grid 2 2 2 enregistrer)")" 404 \
	"nor can it be written"
is "$(psql_q "SELECT count(*) FROM qualimetre.self_assessment WHERE site_id = :'s'" s="$site_b")" 0 \
	"nothing was stored for site B"
is "$(http_post "/referent/autodiagnostic/$site_a/2026-S9" "$(grid 2 2 2 enregistrer)")" 404 \
	"a malformed semester in the address is not found, nothing stored"

# ---- the action plan
psql_q "UPDATE qualimetre.action SET due_on = current_date - 3 WHERE site_id = :'s' AND engagement = 'e02-orientation'" s="$site_a"
is "$(http_get /referent/actions/nouvelle)" 200 "the new action form"
csrf=$(input_value _csrf)
is "$(http_post /referent/actions/nouvelle "_csrf=$csrf&site=$site_a&origine=audit&titre=$(urlencode "Refaire la signalétique")&description=&responsable=$(urlencode "Service accueil")&echeance=2026-13-40&statut=prevue&copil=")" 400 \
	"a malformed due date is refused"
body_has 'id="ac-due-error"' "with its message next to the field"
is "$(nactions "$site_a" audit)" 0 "and nothing is stored"
is "$(http_post /referent/actions/nouvelle "_csrf=$csrf&site=$site_b&origine=audit&titre=x&description=&responsable=y&echeance=2027-01-15&statut=prevue&copil=")" 403 \
	"an action on another site is refused by the database"
is "$(nactions "$site_b")" 0 "nothing stored for site B"
is "$(http_post /referent/actions/copil "_csrf=$csrf&site=$site_a&date=2026-06-15&intitule=$(urlencode "COPIL qualité de juin")")" 303 \
	"a COPIL meeting is added"
copil=$(psql_q "SELECT id FROM qualimetre.copil_meeting WHERE site_id = :'s'" s="$site_a")
is "$(http_post /referent/actions/nouvelle "_csrf=$csrf&site=$site_a&origine=audit&titre=$(urlencode "Refaire la signalétique")&description=$(urlencode "Panneaux du hall")&responsable=$(urlencode "Service accueil")&echeance=2027-01-15&statut=en-cours&copil=$copil")" 303 \
	"an action from an audit remark, decided at that meeting"
aid=$(psql_q "SELECT id FROM qualimetre.action WHERE site_id = :'s' AND origin = 'audit'" s="$site_a")
is "$(http_get /referent/actions)" 200 "the action list"
is "$(grep -oE 'href="/referent/actions/[0-9]+">[^<]*' "$HTTP_BODY" | sed 's/.*">//' | tr '\n' '|')" \
	"Écart d’auto-diagnostic : Orienter l’usager vers le bon service et le prendre en charge dès son arrivée|Écart d’auto-diagnostic : Informer sur les conditions d’accès et d’accueil (horaires, adresses, moyens de contact) sur place, par téléphone et sur le site internet|Refaire la signalétique|" \
	"overdue first, then by due date"
is "$(http_get "/referent/actions?statut=en-cours&origine=audit")" 200 "filtered by status and origin"
is "$(grep -c 'href="/referent/actions/[0-9]' "$HTTP_BODY")" 1 "only the audit action in progress"
is "$(http_get "/referent/actions?statut=fini")" 400 "an unknown status is refused"
is "$(http_post "/referent/actions/$aid" "_csrf=$csrf&titre=$(urlencode "Refaire la signalétique")&description=&responsable=$(urlencode "Service accueil")&echeance=2027-02-01&statut=realisee&copil=$copil")" 303 \
	"the action is done"
is "$(psql_q "SELECT status || ' ' || due_on FROM qualimetre.action WHERE id = :'i'" i="$aid")" "realisee 2027-02-01" \
	"its status and due date changed"
is "$(audits action-add) $(audits action-edit) $(audits copil-add)" "1 1 1" "each change is audited"

# ---- a criterion below its target
cid=$(survey_with_responses "$A" "sa-survey-$$")
cid_b=$(survey_with_responses "$B" "sa-survey-b-$$")
psql_q "UPDATE qualimetre.campaign SET target_rate = 0.8 WHERE id = :'c'" c="$cid"
is "$(http_get "/referent/campagnes/$cid")" 200 "site A's campaign results"
body_has "href=\"/referent/actions/nouvelle\?campagne=$cid&amp;critere=attente\">Créer une action" \
	"a criterion below its target offers an action"
is "$(http_get "/referent/actions/nouvelle?campagne=$cid&critere=attente")" 200 "the new action, prefilled"
body_has '<input type="hidden" name="critere" value="attente">' "with the campaign's criterion"
body_has "<option value=\"$site_a\" selected>" "and the campaign's site"
is "$(http_post /referent/actions/nouvelle "_csrf=$csrf&site=$site_a&origine=criterion&campagne=$cid&critere=attente&titre=$(urlencode "Réduire l’attente au guichet")&description=&responsable=$(urlencode "Service des étrangers")&echeance=2027-03-01&statut=prevue&copil=")" 303 \
	"an action from the criterion is created"
is "$(psql_q "SELECT campaign_id || ' ' || criterion FROM qualimetre.action WHERE site_id = :'s' AND origin = 'criterion'" s="$site_a")" \
	"$cid attente" "tied to the campaign's criterion"
is "$(http_post /referent/actions/nouvelle "_csrf=$csrf&site=$site_a&origine=criterion&campagne=$cid_b&critere=attente&titre=x&description=&responsable=x&echeance=2027-03-01&statut=prevue&copil=")" 403 \
	"a criterion of another site's campaign is refused"
is "$(nactions "$site_a" criterion)" 1 "and nothing more is stored"

# ---- site B's referent, and the database's policies
is "$(referent_login "$ref2" "$pw")" 303 "the referent of site B logs in"
is "$(http_get "/referent/actions/$aid")" 404 "site A's action is not found"
is "$(http_get /referent/actions)" 200 "site B's list"
! grep -q 'href="/referent/actions/[0-9]' "$HTTP_BODY"
ok $? "holds none of site A's actions"
uid=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$ref2")
tok=$(session_token "$uid")
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'t', false);
	SELECT count(*) FROM qualimetre.action; SELECT count(*) FROM qualimetre.self_assessment_score" t="$tok" | tail -n 2 | tr '\n' ' ')" \
	"0 0 " "the database shows site B's referent none of site A's rows"

tap_done
