#!/usr/bin/env bash
# Every staff page in a real Chromium (tests/browser/pages.mjs), at 1280 and
# 360 px: the document no wider than the window, every DSFR icon drawn
# (its ::before or ::after has a content and a mask), and no violation of
# axe-core's WCAG 2.1 A/AA rules. A screenshot of each page at each width
# goes to $QUALIMETRE_TEST_SCREENSHOTS (./run-tests sets it to
# var/screenshots), or to the scratch directory, removed at exit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

# The pages below, three cases each at each of the two widths, the four
# fixtures, the run and the screenshots.
npages=46
tap_plan $((npages * 2 * 3 + 6))

need_browser

# ---- a site of its own, with long names on purpose: an enquirer, a
# referent and an administrator
site=TEST-BR-PAGES
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES (:'s', 'Préfecture de test des pages (sous-préfecture de Romorantin-Lanthenay)', '41', 'B')
	ON CONFLICT (code) DO NOTHING" s="$site"
site_id=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'s'" s="$site")
enq=bp-enq-$$ ref=bp-ref-$$ adm=bp-adm-$$ pw="mot de passe des pages $$"
rc=0
printf '%s\n' "$pw" | admin user add --final --login "$enq" --role enquirer --site "$site" \
	--name "Marie-Antoinette Enquêtrice-Navigatrice $$" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$site" \
	--name "Jean-Baptiste Référent-Qualité $$" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$adm" --role admin --site "$site" \
	--name "Administratrice Nationale $$" > /dev/null || rc=1
ok $rc "an enquirer, a referent and an administrator" || bail_out "cannot create the accounts"

# A mystery-call campaign open from 3 days ago, four slots of the
# enquirer, the first recorded (for its results and the entry's page).
calls=bp-calls-$$
slots=$(calls_with_slots "$site" "$calls" "$enq")
calls_id=$(psql_q "SELECT id FROM qualimetre.campaign WHERE slug = :'s'" s="$calls")
done_slot=$(sed -n 1p <<< "$slots") open_slot=$(sed -n 2p <<< "$slots")
# One slot to come, for the referent's forms that move slots.
psql_q "INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
	SELECT :'c', current_date + 7, false, 'standard', id FROM qualimetre.app_user WHERE login = :'e'" \
	c="$calls_id" e="$enq"
staff_login /mystere "$enq" "$pw" > /dev/null
http_get "/mystere/creneaux/$done_slot" > /dev/null
code=$(http_post "/mystere/creneaux/$done_slot" "moment=$(input_value moment)&service=standard&decroche=conforme&sonneries=3&annonce-service=conforme&courtoisie=conforme&langage=conforme&reponse=conforme&transfert=sans-objet&attente=40&formule-fin=conforme&commentaire=$(urlencode 'Un appel court et aimable')&_jeton=$(input_value _jeton)&_csrf=$(input_value _csrf)")
entry=$(psql_q "SELECT id FROM qualimetre.response WHERE slot_id = :'s'" s="$done_slot")
is "$code/$([ -n "$entry" ] && echo stored)" "303/stored" "a mystery call recorded in the first of four slots" ||
	bail_out "cannot record the mystery call"

# A satisfaction campaign with 40 responses, a paper questionnaire typed
# by the referent and corrected once.
cid=$(survey_with_responses "$site" "bp-survey-$$")
is "$(psql_q "SELECT count(*) FROM qualimetre.response WHERE campaign_id = :'c'" c="$cid")" 40 \
	"a satisfaction campaign with 40 responses" || bail_out "cannot create the satisfaction campaign"
# A target, so that its page shows its progress bar and pace.
psql_q "UPDATE qualimetre.campaign SET target_count = 150 WHERE id = :'c'" c="$cid"
read -r pcid pid < <(paper_corrected "$site" "bp-paper-$$" "$ref")
is "$(psql_q "SELECT count(*) FROM qualimetre.revision WHERE response_id = :'p'" p="$pid")" 1 \
	"a paper questionnaire corrected once" || bail_out "cannot create the paper questionnaire"

enq_id=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$enq")
report_year=$(psql_q "SELECT extract(year FROM opens_on)::int FROM qualimetre.campaign WHERE id = :'c'" c="$cid")

# An overdue action of the referent's, decided at a COPIL meeting.
ref_id=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$ref")
act_id=$(psql_q "WITH m AS (INSERT INTO qualimetre.copil_meeting (site_id, held_on, label, created_by)
	VALUES (:'s', current_date - 30, 'COPIL qualité du trimestre ' || :'n', :'u') RETURNING id)
	INSERT INTO qualimetre.action (site_id, title, description, origin, owner, due_on, copil_id,
	created_by, updated_by) SELECT :'s', 'Refaire la signalétique du hall d’accueil et des guichets',
	'Panneaux, plan du hall et fléchage vers le point numérique.', 'audit',
	'Service de l’accueil et de la relation aux usagers', current_date - 5, m.id, :'u', :'u'
	FROM m RETURNING id" s="$site_id" u="$ref_id" n="$$")

# A campaign that ended, cancelled with a long reason, then archived
# (sql/032): the archived list, and its page once restored.
arch=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug,
	status, status_at, status_reason, cancelled_at)
	SELECT :'s', f.id, 'satisfaction', 'Enquête annulée puis archivée', current_date - 60, current_date - 30,
	:'slug', 'archived', now(), 'Fermeture exceptionnelle du hall d’accueil pendant toute la durée des travaux de rénovation', now()
	FROM (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1) f
	RETURNING id" s="$site_id" slug="bp-archived-$$")

# Two comments of dissatisfied people on the satisfaction campaign, one
# of them hidden from the exports (for the comments page).
psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, text)
	SELECT md5(:'s' || i)::uuid, :'c', 'commentaire',
		'Une attente bien trop longue au guichet des titres de séjour, ' || i
	FROM unnest(ARRAY[29, 30]) i;
	INSERT INTO qualimetre.comment_hidden (response_id, question, campaign_id, reason, hidden_by_login)
	VALUES (md5(:'s' || 30)::uuid, 'commentaire', :'c', 'Nom et numéro de téléphone', 'test')" \
	s="bp-survey-$$" c="$cid" > /dev/null

# ---- the pages: WHO NAME PATH [STATUS], WHO one of anon, enquirer,
# referent, admin, STATUS 200 unless given
pages=$(cat <<EOF
anon	questionnaire-ended	/enquete/bp-survey-$$	410
anon	enquirer-login	/mystere/connexion
enquirer	enquirer-slots	/mystere/
enquirer	enquirer-grid	/mystere/creneaux/$open_slot
enquirer	enquirer-outside-slot	/mystere/campagnes/$calls_id/hors-creneau
enquirer	enquirer-entry	/mystere/saisies/$entry
anon	referent-login	/referent/connexion
referent	referent-home	/referent/
referent	results-satisfaction	/referent/campagnes/$cid
referent	results-mystery	/referent/campagnes/$calls_id
referent	rhythm	/referent/campagnes/$cid/rythme
referent	comments	/referent/campagnes/$cid/commentaires?critere=courtoisie&niveau=insatisfait&du=2020-01-01
referent	comment-themes	/referent/campagnes/$cid/commentaires/themes
referent	paper-entry	/referent/campagnes/$pcid/papier
referent	paper-list	/referent/campagnes/$pcid/papier/saisis
referent	paper-correction	/referent/campagnes/$pcid/papier/$pid
referent	campaign-new	/referent/campagnes/nouvelle
referent	campaign-edit	/referent/campagnes/$cid/modifier
referent	campaign-cancel	/referent/campagnes/$cid/annuler
referent	campaigns-archived	/referent/campagnes/archivees
referent	campaign-archived	/referent/campagnes/$arch
referent	mystery-slots	/referent/campagnes/$calls_id/creneaux
referent	planning-list	/referent/planification
referent	planning-new	/referent/planification/nouvelle
referent	services	/referent/services
referent	site-services	/referent/services/$site_id
referent	report	/referent/bilan?annee=$report_year&perimetre=site-$site_id
admin	sites	/referent/sites
admin	site	/referent/sites/$site_id
admin	people	/referent/personnes
admin	person	/referent/personnes/$enq_id
admin	person-new	/referent/personnes/nouvelle
admin	person-disable	/referent/personnes/$enq_id/desactiver
admin	national	/referent/national
admin	national-sorted	/referent/national?tri=courtoisie&ordre=desc&critere=disponibilite
admin	national-calls	/referent/national?type=appel
referent	together	/referent/sites-ensemble
referent	selfassess	/referent/autodiagnostic
referent	selfassess-grid	/referent/autodiagnostic/$site_id/2026-S1
referent	actions	/referent/actions
referent	action	/referent/actions/$act_id
referent	action-new	/referent/actions/nouvelle
referent	copil	/referent/actions/copil
referent	indicators	/referent/indicateurs?site=$site_id
referent	indicators-entry	/referent/indicateurs/saisie?site=$site_id&annee=2025&indicateur=svi-maj
referent	indicators-targets	/referent/indicateurs/objectifs?site=$site_id
EOF
)
[ "$(grep -c . <<< "$pages")" = "$npages" ] || bail_out "the list holds $(grep -c . <<< "$pages") pages, not $npages"

# ---- the browser
browser_pages "$pages" "$enq" "$ref" "$adm" "$pw"
