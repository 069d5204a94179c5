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
