# Campaigns of the integration tests' own, on a site of their own, so that
# each test knows exactly what is stored. Sourced after lib.sh.

# admin ARG...: the administrator's command (cgi/qualimetre) on the test
# instance, as its system user.
admin()
{
	as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_admin" \
		"$QM_BUILD/cgi/qualimetre" "$@"
}

# referent_login LOGIN PASSWORD: logs in to /referent/ with fresh cookies;
# prints the status (303 when it worked).
referent_login()
{
	rm -f "$HTTP_COOKIES"
	http_get /referent/connexion > /dev/null
	http_post /referent/connexion "login=$(urlencode "$1")&password=$(urlencode "$2")&_jeton=$(input_value _jeton)"
}

# make_campaign SLUG OPENS_OFFSET CLOSES_OFFSET: a satisfaction campaign on
# the latest satisfaction form, open from today + OPENS_OFFSET days to
# today + CLOSES_OFFSET days (local dates of the site).
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
			(SELECT id FROM qualimetre.form WHERE key = 'satisfaction'
			 ORDER BY version DESC LIMIT 1) f
		WHERE s.code = 'TEST-IT'
		ON CONFLICT (slug) DO NOTHING" slug="$1" o="$2" c="$3"
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

# fresh_token SLUG: GETs the questionnaire and prints its form token.
fresh_token()
{
	http_get "/enquete/$1" > /dev/null
	input_value _jeton
}

# answers_of_response ID: a response's answers on one line, sorted,
# "question=value " each.
answers_of_response()
{
	psql_q "SELECT string_agg(question || '=' || coalesce(value, text) || ' ', '' ORDER BY question)
		FROM qualimetre.answer WHERE response_id = :'r'" r="$1"
}
