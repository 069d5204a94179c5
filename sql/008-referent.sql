-- The referent's program (/referent/): a referent reads and publishes
-- the results of the sites they are in charge of, an admin of every
-- site. Row-level security keyed on the logged-in user
-- (qualimetre.current_user_id(), set per transaction by the program)
-- keeps a referent out of other sites' rows even if a check in C were
-- forgotten: qualimetre.user_plans_site() (sql/007) says whether the
-- logged-in user is an admin or a referent of a site.

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qualimetre_referent') THEN
		CREATE ROLE qualimetre_referent LOGIN;
	END IF;
END
$$;

GRANT USAGE ON SCHEMA qualimetre TO qualimetre_referent;
GRANT EXECUTE ON FUNCTION qualimetre.user_plans_site(bigint) TO qualimetre_referent;

-- Logging in and out, as every staff program (sql/003).
GRANT SELECT (id, login, display_name, role, password_hash, failed_logins,
	last_failed_at, locked_until, disabled)
	ON qualimetre.app_user TO qualimetre_referent;
GRANT UPDATE (password_hash, failed_logins, last_failed_at, locked_until)
	ON qualimetre.app_user TO qualimetre_referent;
GRANT SELECT, INSERT, DELETE ON qualimetre.session TO qualimetre_referent;
GRANT UPDATE (last_seen_at) ON qualimetre.session TO qualimetre_referent;
GRANT INSERT (user_id, login, event, detail) ON qualimetre.audit_log
	TO qualimetre_referent;

-- Form definitions are not secret.
GRANT SELECT (id, key, version, kind, title, xml, sha256)
	ON qualimetre.form TO qualimetre_referent;

GRANT SELECT (id, code, name, department, school_zone, timezone)
	ON qualimetre.site TO qualimetre_referent;
CREATE POLICY referent_reads_own_sites ON qualimetre.site
	FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_site(id));

GRANT SELECT (id, site_id, form_id, kind, title, opens_on, closes_on,
	target_count, slug, created_at)
	ON qualimetre.campaign TO qualimetre_referent;
CREATE POLICY referent_reads_own_campaigns ON qualimetre.campaign
	FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id));

-- "campaign_id IN (...)" rather than a correlated EXISTS: the subquery
-- runs once per statement, not once per answer of a large campaign.
GRANT SELECT (id, campaign_id, submitted_at, channel, entered_by, slot_id,
	updated_at) ON qualimetre.response TO qualimetre_referent;
CREATE POLICY referent_reads_own_responses ON qualimetre.response
	FOR SELECT TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));

GRANT SELECT ON qualimetre.answer TO qualimetre_referent;
CREATE POLICY referent_reads_own_answers ON qualimetre.answer
	FOR SELECT TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
