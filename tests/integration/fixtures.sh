# Campaigns of the integration tests' own, on a site of their own, so that
# each test knows exactly what is stored, and the helpers every test of the
# staff programs uses (admin, staff_login). Sourced after lib.sh.

# referent_login LOGIN PASSWORD: logs in to /referent/ with fresh cookies;
# prints the status (303 when it worked).
referent_login() { staff_login /referent "$@"; }

# make_campaign SLUG OPENS_OFFSET CLOSES_OFFSET [FORM_KEY]: a satisfaction
# campaign on the latest version of the form FORM_KEY ("satisfaction" by
# default), open from today + OPENS_OFFSET days to today + CLOSES_OFFSET
# days (local dates of the site).
make_campaign()
{
	psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
		VALUES ('TEST-IT', 'Préfecture de test', '41', 'B')
		ON CONFLICT (code) DO NOTHING;
		INSERT INTO qualimetre.campaign
			(site_id, form_id, kind, title, opens_on, closes_on, slug)
		SELECT s.id, f.id, 'satisfaction', 'Enquête de test ' || :'slug',
			current_date + :'o'::int, current_date + :'c'::int, :'slug'
		FROM qualimetre.site s,
			(SELECT id FROM qualimetre.form WHERE key = :'k'
			 ORDER BY version DESC LIMIT 1) f
		WHERE s.code = 'TEST-IT'
		ON CONFLICT (slug) DO NOTHING" slug="$1" o="$2" c="$3" \
		k="${4:-satisfaction}"
}

# arabic_fixture SLUG...: loads tests/data/forms/lang-arabic.xml (a test
# fixture in French, English and Arabic script, key test-lang-arabic) with
# the form loader, its warnings in $QM_TMP/loader.err, and makes an open
# campaign on it for each SLUG; all of it is deleted at exit, so that no
# other test sees that form. Returns the loader's status.
arabic_fixture()
{
	local rc=0 slug
	as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_loader" \
		"$QM_BUILD/forms/qualimetre-form" load --schema "$QM_SRC/forms/form.rng" \
		"$QM_SRC/tests/data/forms/lang-arabic.xml" \
		> "$QM_TMP/loader.out" 2> "$QM_TMP/loader.err" || rc=$?
	for slug; do
		make_campaign "$slug" -7 30 test-lang-arabic
	done
	at_exit psql_q "DELETE FROM qualimetre.answer WHERE campaign_id IN
			(SELECT c.id FROM qualimetre.campaign c JOIN qualimetre.form f
			 ON f.id = c.form_id WHERE f.key = 'test-lang-arabic');
		DELETE FROM qualimetre.response WHERE campaign_id IN
			(SELECT c.id FROM qualimetre.campaign c JOIN qualimetre.form f
			 ON f.id = c.form_id WHERE f.key = 'test-lang-arabic');
		DELETE FROM qualimetre.submission_check WHERE campaign_id IN
			(SELECT c.id FROM qualimetre.campaign c JOIN qualimetre.form f
			 ON f.id = c.form_id WHERE f.key = 'test-lang-arabic');
		DELETE FROM qualimetre.campaign WHERE form_id IN
			(SELECT id FROM qualimetre.form WHERE key = 'test-lang-arabic');
		DELETE FROM qualimetre.form WHERE key = 'test-lang-arabic'"
	return $rc
}

# responses SLUG: how many responses the campaign holds.
responses()
{
	psql_q "SELECT count(*) FROM qualimetre.response r
		JOIN qualimetre.campaign c ON c.id = r.campaign_id
		WHERE c.slug = :'slug'" slug="$1"
}

# answers_of TOKEN: the answers stored under a form token, one
# "question=value" a line, sorted.
answers_of()
{
	psql_q "SELECT a.question || '=' || coalesce(a.value, a.text)
		FROM qualimetre.answer a
		JOIN qualimetre.response r ON r.id = a.response_id
		WHERE r.form_token = :'t'
		ORDER BY 1" t="$1"
}

# fresh_token SLUG [AGE]: GETs the questionnaire (which must answer 200)
# and prints a form token for its campaign as if that page had been served
# AGE seconds ago (600 by default: a person's pace), signed with the
# instance's key. A token taken from the page and sent at once would be
# asked to be confirmed as too fast (t-survey.sh tests that).
fresh_token()
{
	local id
	[ "$(http_get "/enquete/$1")" = 200 ] || return 1
	id=$(psql_q "SELECT id FROM qualimetre.campaign WHERE slug = :'s'" s="$1")
	"$QUALIMETRE_TEST_BUILD/tests/bench/mint-tokens" \
		"$QUALIMETRE_TEST_INSTANCE/secret/form-token.key" "$id" 1 "${2:-600}"
}

# answers_of_response ID: a response's answers on one line, sorted,
# "question=value " each.
answers_of_response()
{
	psql_q "SELECT string_agg(question || '=' || coalesce(value, text) || ' ', '' ORDER BY question)
		FROM qualimetre.answer WHERE response_id = :'r'" r="$1"
}

# admin ARG...: the administrator's command (cgi/command), as the system
# user qualimetre and the database role qualimetre_admin.
admin()
{
	as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_admin" \
		"$QM_BUILD/cgi/qualimetre" "$@"
}

# staff_login PREFIX LOGIN PASSWORD: logs in to the staff program under
# PREFIX (/referent, /mystere) with a fresh cookie jar; prints the status.
staff_login()
{
	rm -f "$HTTP_COOKIES"
	http_get "$1/connexion" > /dev/null
	http_post "$1/connexion" "login=$(urlencode "$2")&password=$(urlencode "$3")&_jeton=$(input_value _jeton)"
}

# own_password PREFIX CURRENT NEW: on the password page of the staff
# program under PREFIX, with the session in $HTTP_COOKIES (one opened with
# a temporary password), chooses NEW; prints the status (200: changed).
own_password()
{
	http_get "$1/mot-de-passe" > /dev/null
	http_post "$1/mot-de-passe" "_csrf=$(input_value _csrf)&actuel=$(urlencode "$2")&nouveau=$(urlencode "$3")&confirmation=$(urlencode "$3")"
}

# session_token USER_ID: opens a session of the user as a login would
# (its SHA-256 stored, 12 hours) and prints its token, for SQL run as a
# program's role: SELECT set_config('qualimetre.session', :'tok', false).
session_token()
{
	local t
	t=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
	psql_q "INSERT INTO qualimetre.session (token_hash, user_id, csrf_token, expires_at)
		VALUES (sha256(convert_to(:'t', 'UTF8')), :'u', repeat('x', 43), now() + interval '12 hours')" \
		t="$t" u="$1" > /dev/null || return 1
	printf '%s\n' "$t"
}

# calls_with_slots SITE_CODE SLUG ENQUIRER: a mystery-call campaign of the
# site open from 3 days ago for 30 days, with four slots of the enquirer (a
# login), one per half-day. Prints the slots' ids, in order.
calls_with_slots()
{
	psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, target_count, slug,
			referential_id)
		SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'mystery-call' ORDER BY version DESC LIMIT 1),
			'mystery-call', 'Appels de test ' || :'slug', current_date - 3, current_date + 30, 4, :'slug',
			(SELECT id FROM qualimetre.referential WHERE key = 'qual-e-pref')
		FROM qualimetre.site s WHERE s.code = :'site';
		INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
		SELECT id, 'standard', 'Standard (accueil téléphonique)', 1 FROM qualimetre.campaign WHERE slug = :'slug';
		INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
		SELECT c.id, current_date - 3 + h / 2, h % 2 = 1, 'standard',
			(SELECT id FROM qualimetre.app_user WHERE login = :'e')
		FROM qualimetre.campaign c, generate_series(0, 3) h
		WHERE c.slug = :'slug'" site="$1" slug="$2" e="$3" || return 1
	psql_q "SELECT s.id FROM qualimetre.slot s JOIN qualimetre.campaign c ON c.id = s.campaign_id
		WHERE c.slug = :'slug' ORDER BY s.day, s.afternoon" slug="$2"
}

# survey_with_responses SITE_CODE SLUG: a satisfaction campaign of the site,
# closed yesterday, with 40 responses: courtoisie, disponibilite and attente
# (three criteria) and motif (the breakdown) for each. Prints its id.
survey_with_responses()
{
	local cid
	cid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
		SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
			'satisfaction', 'Enquête de test ' || :'slug', current_date - 10, current_date - 1, :'slug'
		FROM qualimetre.site s WHERE s.code = :'site' RETURNING id" site="$1" slug="$2") || return 1
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
		FROM generate_series(1, 40) i" slug="$2" c="$cid" > /dev/null || return 1
	printf '%s\n' "$cid"
}

# paper_corrected SITE_CODE SLUG REFERENT: a satisfaction campaign of the
# site, open, with one paper questionnaire typed by the referent (a login)
# and corrected once. Prints "CAMPAIGN_ID RESPONSE_ID".
paper_corrected()
{
	local pcid pid
	pcid=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
		SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
			'satisfaction', 'Papier de test ' || :'slug', current_date - 10, current_date + 10, :'slug'
		FROM qualimetre.site s WHERE s.code = :'site' RETURNING id" site="$1" slug="$2") || return 1
	pid=$(psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, entered_by, form_token)
		SELECT gen_random_uuid(), :'c', 'paper', id, :'slug' FROM qualimetre.app_user WHERE login = :'r'
		RETURNING id" c="$pcid" slug="$2" r="$3") || return 1
	psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, value, text) VALUES
		(:'p', :'c', 'motif', 'etrangers', NULL), (:'p', :'c', 'profil', 'particulier', NULL),
		(:'p', :'c', 'canal', 'sur-place', NULL), (:'p', :'c', 'courtoisie', 'peu-satisfait', NULL),
		(:'p', :'c', 'commentaire', NULL, 'Une attente un peu longue, mais un accueil aimable et des explications claires.');
		SELECT set_config('qualimetre.session', :'tok', false);
		INSERT INTO qualimetre.revision (response_id, campaign_id, seq, action, reason)
		VALUES (:'p', :'c', 1, 'corrected', 'Erreur de saisie : « satisfait » était coché sur le papier');
		UPDATE qualimetre.answer SET value = 'satisfait' WHERE response_id = :'p' AND question = 'courtoisie'" \
		p="$pid" c="$pcid" r="$3" \
		tok="$(session_token "$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'r'" r="$3")")" \
		> /dev/null || return 1
	printf '%s %s\n' "$pcid" "$pid"
}

# need_browser: bails out unless Chromium, playwright-core, axe-core and
# node are there, for the browser tests (tests/browser/*.mjs).
need_browser()
{
	local need
	for need in /usr/bin/chromium "$QM_SRC/node_modules/playwright-core/package.json" \
	    "$QM_SRC/node_modules/axe-core/axe.min.js"; do
		[ -e "$need" ] ||
			bail_out "$need is missing (./run-tests installs chromium; ./start runs npm ci)"
	done
	command -v node > /dev/null || bail_out "node is not on the PATH"
}

# browser_pages PAGES ENQUIRER REFERENT ADMIN PASSWORD: runs
# tests/browser/pages.mjs on PAGES (lines "WHO NAME PATH [STATUS]", WHO
# one of anon, enquirer, referent, admin) with those accounts, at 1280 and
# 360 px, and prints its cases: three a page at each width (those it did
# not reach count as failed), then whether the program ran to its end and
# left a screenshot of every page at both widths in
# $QUALIMETRE_TEST_SCREENSHOTS (./run-tests sets it), or the scratch
# directory: 6 * pages + 2 cases.
browser_pages()
{
	local pages=$1 enq=$2 ref=$3 adm=$4 pw=$5 shots started rc=0 n=0 npages kind a
	npages=$(grep -c . <<< "$pages")
	shots=${QUALIMETRE_TEST_SCREENSHOTS:-$QM_TMP/screenshots}
	mkdir -p "$shots"
	started=$(date +%s)
	printf '%s\n' "$pages" | QM_BP_PASSWORD=$pw timeout -k 5 900 node "$QM_SRC/tests/browser/pages.mjs" \
		"$QM_URL" "$enq" "$ref" "$adm" "$shots" > "$QM_TMP/browser.out" 2> "$QM_TMP/browser.err" || rc=$?
	diag "the browser program took $(($(date +%s) - started)) s"
	while IFS=$'\t' read -r kind a; do
		case $kind in
		ok) ok 0 "$a"; n=$((n + 1)) ;;
		'not ok') ok 1 "$a"; n=$((n + 1)) ;;
		'#') diag "$a" ;;
		*) diag "unexpected line: $kind $a" ;;
		esac
	done < "$QM_TMP/browser.out"
	for ((; n < npages * 2 * 3; n++)); do
		ok 1 "case $((n + 1)) of the browser not reached"
	done
	if ! is "$rc" 0 "the browser program ran to its end"; then
		diag "its standard error:"
		head -n 30 "$QM_TMP/browser.err" | sed 's/^/#   /'
	fi
	is "$(find "$shots" -name 'page-*.png' -size +1k -newermt "@$started" | wc -l)" $((npages * 2)) \
		"a screenshot of every page at both widths, in $shots"
}
