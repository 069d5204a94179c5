-- A campaign's life after its creation (issue 13, item 1): a satisfaction
-- campaign's title, dates, target and public address are edited while it
-- runs, and a campaign is cancelled or archived, never deleted.
--
-- status: 'active' (the default), 'cancelled' (it accepts no response,
-- its results stay readable) or 'archived' (out of the referent's main
-- list, restored on request). status_at, status_by and status_reason say
-- when, who and why of the last change; cancelled_at stays set through
-- an archiving, so that a cancelled campaign restored is cancelled still.
ALTER TABLE qualimetre.campaign
	ADD COLUMN status text NOT NULL DEFAULT 'active'
		CHECK (status IN ('active', 'cancelled', 'archived')),
	ADD COLUMN status_at timestamptz,
	ADD COLUMN status_by bigint REFERENCES qualimetre.app_user
		ON DELETE SET NULL,
	ADD COLUMN status_reason text
		CHECK (length(status_reason) BETWEEN 1 AND 500),
	ADD COLUMN cancelled_at timestamptz,
	ADD CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL);

-- The addresses a campaign had before its slug was changed: printed QR
-- codes keep working, the survey program answers them with a redirect to
-- the campaign's address of today. A slug is a campaign's or a former
-- one of a single campaign, never both (qualimetre.slug_free()).
CREATE TABLE qualimetre.campaign_former_slug (
	slug		text PRIMARY KEY
			CHECK (slug ~ '^[a-z0-9][a-z0-9-]{2,63}$'),
	campaign_id	bigint NOT NULL REFERENCES qualimetre.campaign
			ON DELETE CASCADE,
	changed_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaign_former_slug_campaign_idx
	ON qualimetre.campaign_former_slug (campaign_id);
ALTER TABLE qualimetre.campaign_former_slug OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.campaign_former_slug ENABLE ROW LEVEL SECURITY;

-- Whether slug may become campaign p_campaign's: no other campaign holds
-- it, now or formerly. SECURITY DEFINER: a referent does not see other
-- sites' campaigns, whose slugs are taken all the same.
CREATE FUNCTION qualimetre.slug_free(p_slug text, p_campaign bigint)
	RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT NOT EXISTS (SELECT 1 FROM qualimetre.campaign c
		WHERE c.slug = p_slug AND c.id <> p_campaign)
	AND NOT EXISTS (SELECT 1 FROM qualimetre.campaign_former_slug f
		WHERE f.slug = p_slug AND f.campaign_id <> p_campaign)
	$$;
ALTER FUNCTION qualimetre.slug_free(text, bigint) OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.slug_free(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.slug_free(text, bigint)
	TO qualimetre_referent;

-- Whether campaign p_campaign is cancelled (or archived after it was).
-- SECURITY DEFINER: the answer does not depend on what the caller reads.
CREATE FUNCTION qualimetre.campaign_cancelled(p_campaign bigint)
	RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (SELECT 1 FROM qualimetre.campaign c
		WHERE c.id = p_campaign AND c.cancelled_at IS NOT NULL)
	$$;
ALTER FUNCTION qualimetre.campaign_cancelled(bigint)
	OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.campaign_cancelled(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.campaign_cancelled(bigint)
	TO qualimetre_survey, qualimetre_referent, qualimetre_mystery;

-- A cancelled campaign accepts no response, from the public, on paper
-- or from an enquirer, even if a check in C were forgotten: restrictive
-- policies, added to every permissive one these roles had.
CREATE POLICY no_response_to_cancelled ON qualimetre.response
	AS RESTRICTIVE FOR INSERT
	TO qualimetre_survey, qualimetre_referent, qualimetre_mystery
	WITH CHECK (NOT qualimetre.campaign_cancelled(campaign_id));

-- The survey program reads a campaign's status (a cancelled one shows
-- its ended page) and the former slugs (a redirect), nothing more.
GRANT SELECT (status, cancelled_at) ON qualimetre.campaign
	TO qualimetre_survey;
GRANT SELECT (slug, campaign_id) ON qualimetre.campaign_former_slug
	TO qualimetre_survey;
CREATE POLICY survey_reads_former_slugs ON qualimetre.campaign_former_slug
	FOR SELECT TO qualimetre_survey
	USING (true);

-- The referent reads the lifecycle of the campaigns of their sites, and
-- changes it, with the slug, on their satisfaction campaigns (the
-- policies of sql/009 keep UPDATE to those); they keep a former slug
-- of those campaigns, and read them back.
GRANT SELECT (status, status_at, status_by, status_reason, cancelled_at),
	UPDATE (slug, status, status_at, status_by, status_reason,
	cancelled_at)
	ON qualimetre.campaign TO qualimetre_referent;
GRANT SELECT, INSERT (slug, campaign_id)
	ON qualimetre.campaign_former_slug TO qualimetre_referent;
CREATE POLICY referent_reads_former_slugs ON qualimetre.campaign_former_slug
	FOR SELECT TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
CREATE POLICY referent_keeps_former_slugs ON qualimetre.campaign_former_slug
	FOR INSERT TO qualimetre_referent
	WITH CHECK (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE c.kind = 'satisfaction'
		AND qualimetre.user_plans_site(c.site_id)));

-- A mystery campaign's slots, seen and changed by its planner (the
-- referent's program, cgi/referent/slots.c): a slot not recorded yet is
-- moved to another half-day or given to another enquirer, on the same
-- terms as when it was planned (qualimetre.slot_plannable(), sql/007:
-- in the period, a weekday outside the school holidays of the site's
-- zone, an enabled enquirer of the site). A recorded slot does not move.
GRANT SELECT (id, campaign_id, day, afternoon, service_key, enquirer_id),
	UPDATE (day, afternoon, enquirer_id)
	ON qualimetre.slot TO qualimetre_referent;
CREATE POLICY referent_reads_planned_slots ON qualimetre.slot
	FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_campaign(campaign_id));
CREATE POLICY referent_moves_slots ON qualimetre.slot
	FOR UPDATE TO qualimetre_referent
	USING (qualimetre.user_plans_campaign(campaign_id)
		AND NOT EXISTS (SELECT 1 FROM qualimetre.response r
			WHERE r.slot_id = slot.id))
	WITH CHECK (qualimetre.slot_plannable(campaign_id, day, enquirer_id));

-- A mystery campaign is cancelled by its planner too: the only change
-- the referent makes to one (WITH CHECK: it comes out cancelled). Its
-- enquirers then record and correct nothing more in it.
CREATE POLICY referent_cancels_mystery_campaigns ON qualimetre.campaign
	FOR UPDATE TO qualimetre_referent
	USING (kind IN ('mystery-call', 'mystery-email')
		AND qualimetre.user_plans_site(site_id)
		AND cancelled_at IS NULL)
	WITH CHECK (kind IN ('mystery-call', 'mystery-email')
		AND qualimetre.user_plans_site(site_id)
		AND status = 'cancelled' AND cancelled_at IS NOT NULL);
CREATE OR REPLACE FUNCTION qualimetre.mystery_campaign_writable(p_campaign bigint)
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
		AND c.cancelled_at IS NULL
		AND (now() AT TIME ZONE s.timezone)::date
			BETWEEN c.opens_on
			AND c.closes_on + qualimetre.mystery_recording_days(c.kind)
		AND EXISTS (SELECT 1 FROM qualimetre.slot sl
			WHERE sl.campaign_id = c.id
			AND sl.enquirer_id = qualimetre.current_user_id()))
	$$;
