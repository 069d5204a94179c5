#!/usr/bin/env bash
# The staff pages in a real Chromium (tests/browser/staff.mjs, playwright-core
# driving Debian's /usr/bin/chromium): logging in with the keyboard only,
# axe-core's WCAG 2.1 A/AA rules on the enquirers' and the referents'
# pages, a mystery call recorded with the keyboard only, the referent's
# chart and tables and the breakdown form, a phone's screen, the pages of
# a paper questionnaire's corrections at 1280 and 360 px. The browser
# side prints its cases; what the database holds is checked here.
# Screenshots go to the scratch directory, removed at exit; set
# QUALIMETRE_TEST_SCREENSHOTS=DIR to keep a copy in DIR.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"


tap_plan 76

for need in /usr/bin/chromium "$QM_SRC/node_modules/playwright-core/package.json" \
    "$QM_SRC/node_modules/axe-core/axe.min.js"; do
	[ -e "$need" ] ||
		bail_out "$need is missing (./run-tests installs chromium; ./start runs npm ci)"
done
command -v node > /dev/null || bail_out "node is not on the PATH"

# ---- a site of its own: an enquirer, a referent, and an account for the
# wrong password (so that its back-off delays no other login)
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES ('TEST-BR-STAFF', 'Préfecture de test (navigateur)', '41', 'B')
	ON CONFLICT (code) DO NOTHING"
enq=bs-enq-$$ ref=bs-ref-$$ other=bs-autre-$$ pw="mot de passe du navigateur $$"
rc=0
printf '%s\n' "$pw" | admin user add --login "$enq" --role enquirer --site TEST-BR-STAFF \
	--name "Enquêtrice Navigateur $$" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --login "$ref" --role referent --site TEST-BR-STAFF \
	--name "Référent Navigateur $$" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --login "$other" --role enquirer --site TEST-BR-STAFF \
	> /dev/null || rc=1
ok $rc "an enquirer, a referent and a third account on a site of the test's own" ||
	bail_out "cannot create the accounts"

# A mystery-call campaign open from 3 days ago for 30 days, with four
# slots of the enquirer, one per half-day.
calls=bs-calls-$$
psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, target_count, slug,
		referential_id)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'mystery-call' ORDER BY version DESC LIMIT 1),
		'mystery-call', 'Appels de test ' || :'slug', current_date - 3, current_date + 30, 4, :'slug',
		(SELECT id FROM qualimetre.referential WHERE key = 'qual-e-pref')
	FROM qualimetre.site s WHERE s.code = 'TEST-BR-STAFF';
	INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
	SELECT id, 'standard', 'Standard (accueil téléphonique)', 1 FROM qualimetre.campaign WHERE slug = :'slug';
	INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
	SELECT c.id, current_date - 3 + h / 2, h % 2 = 1, 'standard',
		(SELECT id FROM qualimetre.app_user WHERE login = :'e')
	FROM qualimetre.campaign c, generate_series(0, 3) h
	WHERE c.slug = :'slug'" slug="$calls" e="$enq"
slots=$(psql_q "SELECT s.id FROM qualimetre.slot s JOIN qualimetre.campaign c ON c.id = s.campaign_id
	WHERE c.slug = :'slug' ORDER BY s.day, s.afternoon" slug="$calls")
kbd_slot=$(sed -n 1p <<< "$slots") err_slot=$(sed -n 2p <<< "$slots")
is "$(grep -c . <<< "$slots")" 4 "a mystery-call campaign with four slots of the enquirer" ||
	bail_out "cannot create the mystery-call campaign"

# A satisfaction campaign with 40 responses: courtoisie, disponibilite and
# attente (three criteria) and motif (the breakdown) for each.
survey=bs-survey-$$
cid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug,
		target_rate)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
		'satisfaction', 'Enquête de test ' || :'slug', current_date - 10, current_date - 1, :'slug', 0.80
	FROM qualimetre.site s WHERE s.code = 'TEST-BR-STAFF' RETURNING id" slug="$survey")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5(:'slug' || i)::uuid, :'c', 'web', :'slug' || i FROM generate_series(1, 40) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || i)::uuid, :'c', 'courtoisie',
		CASE WHEN i <= 18 THEN 'tres-satisfait' WHEN i <= 28 THEN 'satisfait'
		WHEN i <= 36 THEN 'peu-satisfait' ELSE 'sans-avis' END
	FROM generate_series(1, 40) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || i)::uuid, :'c', 'disponibilite',
		CASE WHEN i % 4 = 0 THEN 'pas-du-tout-satisfait' WHEN i % 4 = 1 THEN 'peu-satisfait'
		ELSE 'satisfait' END
	FROM generate_series(1, 40) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || i)::uuid, :'c', 'attente',
		CASE WHEN i <= 12 THEN 'satisfait' ELSE 'pas-du-tout-satisfait' END
	FROM generate_series(1, 40) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || i)::uuid, :'c', 'motif',
		CASE WHEN i % 3 = 0 THEN 'autre' WHEN i % 3 = 1 THEN 'etrangers' ELSE 'identite' END
	FROM generate_series(1, 40) i" slug="$survey" c="$cid" > /dev/null
is "$(psql_q "SELECT count(*) FROM qualimetre.response WHERE campaign_id = :'c'" c="$cid")" 40 \
	"a satisfaction campaign with 40 responses" || bail_out "cannot create the satisfaction campaign"

# A paper questionnaire typed by the referent in a campaign of its own,
# corrected once, for the pages of corrections.
paper=bs-paper-$$
pcid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
		'satisfaction', 'Papier de test ' || :'slug', current_date - 10, current_date + 10, :'slug'
	FROM qualimetre.site s WHERE s.code = 'TEST-BR-STAFF' RETURNING id" slug="$paper")
pid=$(psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, entered_by, form_token)
	SELECT gen_random_uuid(), :'c', 'paper', id, :'slug' FROM qualimetre.app_user WHERE login = :'r'
	RETURNING id" c="$pcid" slug="$paper" r="$ref")
psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, value, text) VALUES
	(:'p', :'c', 'motif', 'etrangers', NULL), (:'p', :'c', 'profil', 'particulier', NULL),
	(:'p', :'c', 'canal', 'sur-place', NULL), (:'p', :'c', 'courtoisie', 'peu-satisfait', NULL),
	(:'p', :'c', 'commentaire', NULL, 'Une attente un peu longue, mais un accueil aimable et des explications claires.');
	SELECT set_config('qualimetre.user_id', id::text, false) FROM qualimetre.app_user WHERE login = :'r';
	INSERT INTO qualimetre.revision (response_id, campaign_id, seq, action, reason)
	VALUES (:'p', :'c', 1, 'corrected', 'Erreur de saisie : « satisfait » était coché sur le papier');
	UPDATE qualimetre.answer SET value = 'satisfait' WHERE response_id = :'p' AND question = 'courtoisie'" \
	p="$pid" c="$pcid" r="$ref" > /dev/null
is "$(psql_q "SELECT count(*) FROM qualimetre.revision WHERE response_id = :'p'" p="$pid")" 1 \
	"a paper questionnaire corrected once" || bail_out "cannot create the paper questionnaire"

# ---- the browser
shots=$QM_TMP/screenshots
started=$(date +%s)
rc=0
QM_BS_PASSWORD=$pw timeout -k 5 115 node "$QM_SRC/tests/browser/staff.mjs" "$QM_URL" "$enq" "$ref" \
	"$other" "$kbd_slot" "$err_slot" "$cid" "$shots" "$pcid" "$pid" \
	> "$QM_TMP/browser.out" 2> "$QM_TMP/browser.err" || rc=$?
diag "the browser program took $(($(date +%s) - started)) s"

expect=
while IFS=$'\t' read -r kind a b; do
	case $kind in
	ok) ok 0 "$a" ;;
	'not ok') ok 1 "$a" ;;
	'#') diag "$a" ;;
	expect) expect+="$a"$'\n' ;;
	*) diag "unexpected line: $kind $a $b" ;;
	esac
done < "$QM_TMP/browser.out"
if ! is "$rc" 0 "the browser program ran to its end"; then
	diag "its standard error:"
	head -n 30 "$QM_TMP/browser.err" | sed 's/^/#   /'
fi
if [ -n "${QUALIMETRE_TEST_SCREENSHOTS:-}" ] && [ -d "$shots" ]; then
	mkdir -p "$QUALIMETRE_TEST_SCREENSHOTS" && cp "$shots"/*.png "$QUALIMETRE_TEST_SCREENSHOTS"/ &&
		diag "screenshots copied to $QUALIMETRE_TEST_SCREENSHOTS"
fi

# ---- what the database holds
slot_responses() # SLOT
{
	psql_q "SELECT count(*) FROM qualimetre.response WHERE slot_id = :'s'" s="$1"
}
is "$(slot_responses "$kbd_slot")" 1 "the call recorded with the keyboard: one response in its slot"
if [ -n "$expect" ]; then
	got=$(psql_q "SELECT a.question || '=' || coalesce(a.value, a.text) FROM qualimetre.answer a
		JOIN qualimetre.response r ON r.id = a.response_id WHERE r.slot_id = :'s'" s="$kbd_slot" |
		LC_ALL=C sort)
	is "$got" "$(printf '%s' "$expect" | LC_ALL=C sort)" \
		"with exactly the answers given by keyboard"
else
	ok 1 "with exactly the answers given by keyboard"
	diag "the browser did not tell the answers it gave"
fi
is "$(slot_responses "$err_slot")" 0 "the grid submitted empty stored nothing"
