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


tap_plan 92

need_browser

# ---- a site of its own: an enquirer, a referent, and an account for the
# wrong password (so that its back-off delays no other login)
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES ('TEST-BR-STAFF', 'Préfecture de test (navigateur)', '41', 'B')
	ON CONFLICT (code) DO NOTHING"
enq=bs-enq-$$ ref=bs-ref-$$ other=bs-autre-$$ pw="mot de passe du navigateur $$"
rc=0
printf '%s\n' "$pw" | admin user add --final --login "$enq" --role enquirer --site TEST-BR-STAFF \
	--name "Enquêtrice Navigateur $$" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site TEST-BR-STAFF \
	--name "Référent Navigateur $$" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$other" --role enquirer --site TEST-BR-STAFF \
	> /dev/null || rc=1
ok $rc "an enquirer, a referent and a third account on a site of the test's own" ||
	bail_out "cannot create the accounts"

# A mystery-call campaign open from 3 days ago for 30 days, with four
# slots of the enquirer, one per half-day.
calls=bs-calls-$$
slots=$(calls_with_slots TEST-BR-STAFF "$calls" "$enq")
kbd_slot=$(sed -n 1p <<< "$slots") err_slot=$(sed -n 2p <<< "$slots")
is "$(grep -c . <<< "$slots")" 4 "a mystery-call campaign with four slots of the enquirer" ||
	bail_out "cannot create the mystery-call campaign"

cid=$(survey_with_responses TEST-BR-STAFF "bs-survey-$$")
psql_q "UPDATE qualimetre.campaign SET target_rate = 0.80 WHERE id = :'c'" c="$cid" > /dev/null
is "$(psql_q "SELECT count(*) FROM qualimetre.response WHERE campaign_id = :'c'" c="$cid")" 40 \
	"a satisfaction campaign with 40 responses" || bail_out "cannot create the satisfaction campaign"
read -r pcid pid < <(paper_corrected TEST-BR-STAFF "bs-paper-$$" "$ref")
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
