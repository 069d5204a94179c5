-- Planning mystery campaigns (cgi/planning.c): a referent, or an admin,
-- creates a mystery campaign on a site they are in charge of, with its
-- services and its slots for that site's enquirers, through the mystery
-- program's role. Row-level security keyed on the logged-in user
-- (qualimetre.current_user_id(), sql/005-mystery.sql) enforces in the
-- database who may read and plan what, not only in C. Nothing here lets
-- an enquirer see more than before: every new policy or function asks
-- for a referent of the site or an admin.
--
-- app_user keeps no row-level security: the login lookup reads it before
-- anyone is logged in. The enquirers of a site are read through
-- qualimetre.site_enquirers() instead, which checks the caller.

-- Whether the logged-in user plans campaigns at this site: an admin (any
-- site), or a referent in charge of it (user_site), account enabled.
-- SECURITY DEFINER so that the answer does not depend on what the caller
-- may read of app_user and user_site.
CREATE FUNCTION qualimetre.user_plans_site(p_site bigint)
	RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (
		SELECT 1
		FROM qualimetre.app_user u
		WHERE u.id = qualimetre.current_user_id()
		AND NOT u.disabled
		AND (u.role = 'admin'
			OR (u.role = 'referent' AND EXISTS (
				SELECT 1 FROM qualimetre.user_site us
				WHERE us.user_id = u.id
				AND us.site_id = p_site))))
	$$;

-- Whether the logged-in user plans this campaign: a mystery campaign on
-- a site they plan. SECURITY DEFINER: it must see a campaign created
-- earlier in the same transaction whatever the caller's policies.
CREATE FUNCTION qualimetre.user_plans_campaign(p_campaign bigint)
	RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (
		SELECT 1
		FROM qualimetre.campaign c
		WHERE c.id = p_campaign
		AND c.kind IN ('mystery-call', 'mystery-email')
		AND qualimetre.user_plans_site(c.site_id))
	$$;

-- The enquirers of a site (enabled accounts of role enquirer linked to
-- it), for a caller who plans that site; nothing for anyone else. Only
-- what the planning form shows: never a hash, a lock or a failure count.
CREATE FUNCTION qualimetre.site_enquirers(p_site bigint)
	RETURNS TABLE (id bigint, login text, display_name text)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT u.id, u.login, u.display_name
	FROM qualimetre.app_user u
	JOIN qualimetre.user_site us ON us.user_id = u.id
	WHERE us.site_id = p_site
	AND u.role = 'enquirer'
	AND NOT u.disabled
	AND qualimetre.user_plans_site(p_site)
	ORDER BY u.display_name, u.login
	$$;

-- How many contacts a campaign has recorded, for a caller who plans it;
-- NULL for anyone else. The mystery role reads only its own responses
-- (sql/005-mystery.sql): a count, not the responses, is what a planner
-- needs to follow a campaign.
CREATE FUNCTION qualimetre.mystery_campaign_recorded(p_campaign bigint)
	RETURNS bigint
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT CASE WHEN qualimetre.user_plans_campaign(p_campaign)
		THEN (SELECT count(*) FROM qualimetre.response r
			WHERE r.campaign_id = p_campaign)
		END
	$$;

-- Whether the logged-in user may put a slot on this day of this campaign
-- for this enquirer: they plan the campaign, the day lies in its period,
-- is a weekday outside the school holidays of the site's zone, and the
-- enquirer is an enabled enquirer of the campaign's site. Public holidays
-- are computed in C (cgi/calendar.c), not stored: they are not checked
-- here.
CREATE FUNCTION qualimetre.slot_plannable(p_campaign bigint, p_day date,
    p_enquirer bigint)
	RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (
		SELECT 1
		FROM qualimetre.campaign c
		JOIN qualimetre.site s ON s.id = c.site_id
		WHERE c.id = p_campaign
		AND c.kind IN ('mystery-call', 'mystery-email')
		AND qualimetre.user_plans_site(c.site_id)
		AND p_day BETWEEN c.opens_on AND c.closes_on
		AND extract(isodow FROM p_day) < 6
		AND NOT EXISTS (
			SELECT 1 FROM qualimetre.school_holiday h
			WHERE h.zone = s.school_zone
			AND p_day BETWEEN h.first_day AND h.last_day)
		AND EXISTS (
			SELECT 1
			FROM qualimetre.app_user u
			JOIN qualimetre.user_site us ON us.user_id = u.id
			WHERE u.id = p_enquirer
			AND u.role = 'enquirer'
			AND NOT u.disabled
			AND us.site_id = c.site_id))
	$$;

ALTER FUNCTION qualimetre.user_plans_site(bigint) OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.user_plans_campaign(bigint) OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.site_enquirers(bigint) OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.mystery_campaign_recorded(bigint)
	OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.slot_plannable(bigint, date, bigint)
	OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.user_plans_site(bigint),
	qualimetre.user_plans_campaign(bigint),
	qualimetre.site_enquirers(bigint),
	qualimetre.mystery_campaign_recorded(bigint),
	qualimetre.slot_plannable(bigint, date, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.user_plans_site(bigint),
	qualimetre.user_plans_campaign(bigint),
	qualimetre.site_enquirers(bigint),
	qualimetre.mystery_campaign_recorded(bigint),
	qualimetre.slot_plannable(bigint, date, bigint) TO qualimetre_mystery;

-- Sites: each role keeps what it read before, but the mystery role now
-- sees only the sites it plans, and the sites of the campaigns it sees
-- (an enquirer's, through their slots).
ALTER TABLE qualimetre.site ENABLE ROW LEVEL SECURITY;
CREATE POLICY survey_reads_sites ON qualimetre.site
	FOR SELECT TO qualimetre_survey
	USING (true);
CREATE POLICY admin_reads_sites ON qualimetre.site
	FOR SELECT TO qualimetre_admin
	USING (true);
CREATE POLICY mystery_reads_planned_sites ON qualimetre.site
	FOR SELECT TO qualimetre_mystery
	USING (qualimetre.user_plans_site(id)
		OR EXISTS (SELECT 1 FROM qualimetre.campaign c
			WHERE c.site_id = site.id));

-- Campaigns: a planner reads and creates the mystery campaigns of the
-- sites they plan, on a form of the same kind.
GRANT INSERT (site_id, form_id, kind, title, opens_on, closes_on,
	target_count, slug) ON qualimetre.campaign TO qualimetre_mystery;
CREATE POLICY mystery_planner_reads_campaigns ON qualimetre.campaign
	FOR SELECT TO qualimetre_mystery
	USING (kind IN ('mystery-call', 'mystery-email')
		AND qualimetre.user_plans_site(site_id));
CREATE POLICY mystery_plans_campaigns ON qualimetre.campaign
	FOR INSERT TO qualimetre_mystery
	WITH CHECK (kind IN ('mystery-call', 'mystery-email')
		AND qualimetre.user_plans_site(site_id)
		AND EXISTS (SELECT 1 FROM qualimetre.form f
			WHERE f.id = form_id AND f.kind = campaign.kind));

-- Services: read with their campaign (the policies above decide which),
-- created by the campaign's planner.
GRANT INSERT (campaign_id, key, label, position)
	ON qualimetre.campaign_service TO qualimetre_mystery;
ALTER TABLE qualimetre.campaign_service ENABLE ROW LEVEL SECURITY;
CREATE POLICY mystery_reads_services ON qualimetre.campaign_service
	FOR SELECT TO qualimetre_mystery
	USING (EXISTS (SELECT 1 FROM qualimetre.campaign c
		WHERE c.id = campaign_id));
CREATE POLICY mystery_plans_services ON qualimetre.campaign_service
	FOR INSERT TO qualimetre_mystery
	WITH CHECK (qualimetre.user_plans_campaign(campaign_id));

-- Slots: created by the campaign's planner, on a possible day, for an
-- enquirer of the site. Reading stays as it was: each enquirer their own.
GRANT INSERT (campaign_id, day, afternoon, service_key, enquirer_id)
	ON qualimetre.slot TO qualimetre_mystery;
CREATE POLICY mystery_plans_slots ON qualimetre.slot
	FOR INSERT TO qualimetre_mystery
	WITH CHECK (qualimetre.slot_plannable(campaign_id, day, enquirer_id));
