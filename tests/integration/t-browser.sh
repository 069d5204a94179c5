#!/usr/bin/env bash
# The public questionnaire in a real Chromium (tests/browser/questionnaire.mjs,
# playwright-core driving Debian's /usr/bin/chromium): the conditional
# question with and without JavaScript, keyboard use, the error summary,
# full and double submissions, axe-core's WCAG 2.1 A/AA rules, a phone's
# screen, the language selector, English and an Arabic fixture (right to
# left) at 1280 and 360 px. The browser side prints its cases; what the database holds is
# checked here. Screenshots go to the scratch directory, removed at exit;
# set QUALIMETRE_TEST_SCREENSHOTS=DIR to keep a copy in DIR.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 72

need_browser

slug=test-browser-$$
for c in js kbd err full double nojs mobile confirm back en; do
	make_campaign "$slug-$c" -7 30
done
# Forms served ten minutes ago, for the cases that answer everything in a
# second (see the top of tests/browser/questionnaire.mjs).
QM_AGED_TOKENS="kbd=$(fresh_token "$slug-kbd");full=$(fresh_token "$slug-full");back=$(fresh_token "$slug-back")"
export QM_AGED_TOKENS
make_campaign "$slug-close" -40 -10
arabic_fixture "$slug-ar" || diag "the Arabic fixture form did not load"

# ---- the browser
log_mark "$QM_LOG/nginx-access.log"
shots=$QM_TMP/screenshots
started=$(date +%s)
rc=0
timeout -k 5 110 node "$QM_SRC/tests/browser/questionnaire.mjs" "$QM_URL" "$slug" "$shots" \
	> "$QM_TMP/browser.out" 2> "$QM_TMP/browser.err" || rc=$?
diag "the browser program took $(($(date +%s) - started)) s"

declare -A token expect posts
while IFS=$'\t' read -r kind a b; do
	case $kind in
	ok) ok 0 "$a" ;;
	'not ok') ok 1 "$a" ;;
	'#') diag "$a" ;;
	token) token[$a]=$b ;;
	expect) expect[$a]+="$b"$'\n' ;;
	posts) posts[$a]=$b ;;
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
# ran CASE DESCRIPTION: true when the browser got as far as sending the
# case's form (it told its token); otherwise one failed case.
ran()
{
	[ -n "${token[$1]:-}" ] && return 0
	ok 1 "$2"
	diag "the browser did not get to send the form of case $1"
	return 1
}
# same_answers CASE DESCRIPTION: the answers stored under the case's token
# are exactly those the browser chose.
same_answers()
{
	ran "$1" "$2" || return 0
	is "$(answers_of "${token[$1]}" | LC_ALL=C sort)" \
		"$(printf '%s' "${expect[$1]:-}" | LC_ALL=C sort)" "$2"
}

same_answers kbd "keyboard: exactly the answers given by keyboard are stored"
ran err "missing answers: nothing stored" &&
	is "$(responses "$slug-err")" 0 "missing answers: nothing stored"
is "$(responses "$slug-full")" 1 "full submission: one response stored"
same_answers full "full submission: exactly the answers chosen are stored"
is "$(responses "$slug-double")" 1 "double submit: one response stored"
same_answers double "double submit: its answers stored once"
is "$(log_since "$QM_LOG/nginx-access.log" | grep -c "\"POST /enquete/$slug-double HTTP")" \
	"${posts[double]:-?}" "double submit: the server received every POST the browser sent (${posts[double]:-?})"
same_answers nojs \
	"without JavaScript: the answer to delai-rdv (motif autre) is not stored, the others are"
same_answers confirm "a send confirmed: exactly its answers are stored, once"
is "$(responses "$slug-back")" 1 "going back after sending: the answers are stored once"
ran confirm "a send confirmed: the response says so" &&
	is "$(psql_q "SELECT confirmed FROM qualimetre.response WHERE form_token = :'t'" t="${token[confirm]}")" t \
		"a send confirmed: the response says so"
