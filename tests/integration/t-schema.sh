#!/usr/bin/env bash
# The schema as migrated: migrations recorded, and the survey program's
# role holding only what it needs, enforced by grants and row-level
# security.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 12

got=$(psql_q "SELECT string_agg(version, ',' ORDER BY version) FROM schema_migrations")
like "$got" '^001-schema[^,]*,002-roles' "the migrations are recorded in order"

check "sql/migrate a second time applies nothing and succeeds" \
	"$QM_SRC/sql/migrate" "$QM_DSN"
is "$(psql_q "SELECT count(*) FROM schema_migrations")" \
	"$(ls "$QM_SRC"/sql/[0-9][0-9][0-9]-*.sql | wc -l)" \
	"one row per migration file, none twice"

out=$(psql_as qualimetre_survey "SELECT count(*) FROM qualimetre.answer" 2>&1)
like "$out" "permission denied" "the survey role cannot SELECT from answer"

out=$(psql_as qualimetre_survey "SELECT count(*) FROM qualimetre.response" 2>&1)
like "$out" "permission denied" "the survey role cannot SELECT from response"

out=$(psql_as qualimetre_survey "DELETE FROM qualimetre.response" 2>&1)
like "$out" "permission denied" "the survey role cannot DELETE responses"

out=$(psql_as qualimetre_survey "UPDATE qualimetre.campaign SET closes_on = current_date + 999" 2>&1)
like "$out" "permission denied" "the survey role cannot change a campaign"

out=$(psql_as qualimetre_survey "INSERT INTO qualimetre.form (key, version, kind, title, xml, sha256) VALUES ('x', 1, 'satisfaction', 'x', '<x/>', repeat('0', 64))" 2>&1)
like "$out" "permission denied" "the survey role cannot load a form"

# A mystery campaign is invisible to the survey role.
psql_q "INSERT INTO qualimetre.site (code, name, department) VALUES ('TEST-RLS', 'Site RLS', '57')
	ON CONFLICT (code) DO NOTHING;
	INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, f.id, 'mystery-call', 'Appels mystère', current_date, current_date + 14, 'test-rls-mystere'
	FROM qualimetre.site s, (SELECT min(id) AS id FROM qualimetre.form) f
	WHERE s.code = 'TEST-RLS' ON CONFLICT (slug) DO NOTHING"
is "$(psql_as qualimetre_survey "SELECT count(*) FROM qualimetre.campaign WHERE slug = 'test-rls-mystere'")" \
	0 "row-level security hides mystery campaigns from the survey role"

# The database itself refuses a web response to a closed campaign.
make_campaign test-rls-close -30 -1
out=$(psql_as qualimetre_survey "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT gen_random_uuid(), id, 'web', 'rls-test-token' FROM qualimetre.campaign WHERE slug = 'test-rls-close'" 2>&1)
like "$out" "row-level security" "the policy refuses a response to a closed campaign"

make_campaign test-rls-open -1 10
out=$(psql_as qualimetre_survey "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT gen_random_uuid(), id, 'paper', 'rls-test-paper' FROM qualimetre.campaign WHERE slug = 'test-rls-open'" 2>&1)
like "$out" "row-level security" "the survey role cannot store a paper response"

cols=$(psql_q "SELECT string_agg(column_name, ',' ORDER BY ordinal_position)
	FROM information_schema.columns
	WHERE table_schema = 'qualimetre' AND table_name = 'response'")
is "$cols" "id,campaign_id,submitted_at,channel,entered_by,form_token,slot_id,updated_at,confirmed,withdrawn_at,lang" \
	"a response has no column for an address, a user agent or a cookie"
