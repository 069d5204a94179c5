-- Satisfaction campaigns run by the referent (cgi/referent-campaigns.c):
-- a referent, or an admin, creates a satisfaction campaign on a site they
-- are in charge of, opens and closes it (its dates), and types the paper
-- questionnaires collected in the hall. Row-level security keyed on the
-- logged-in user (qualimetre.current_user_id(), set per transaction by
-- the program; qualimetre.user_plans_site(), sql/007) refuses the rest
-- even if a check in C were forgotten. Every policy here is permissive
-- for a new command of qualimetre_referent only: nothing that was
-- refused to another role is allowed now.
--
-- Paper questionnaires may be typed from the campaign's opening until 30
-- days after its closing date (local dates of the site), not later: the
-- forms collected in the hall on the last days are typed afterwards, and
-- a month is ample (cgi/referent-campaigns.h, RCAMPAIGNS_PAPER_GRACE).

-- Whether the logged-in user may type a paper questionnaire into this
-- campaign today: a satisfaction campaign on a site they are in charge
-- of, opened, and closed for at most 30 days. SECURITY DEFINER: the
-- answer does not depend on what the caller may read.
CREATE FUNCTION qualimetre.paper_campaign_writable(p_campaign bigint)
	RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (
		SELECT 1
		FROM qualimetre.campaign c
		JOIN qualimetre.site s ON s.id = c.site_id
		WHERE c.id = p_campaign
		AND c.kind = 'satisfaction'
		AND qualimetre.user_plans_site(c.site_id)
		AND (now() AT TIME ZONE s.timezone)::date
			BETWEEN c.opens_on AND c.closes_on + 30)
	$$;
ALTER FUNCTION qualimetre.paper_campaign_writable(bigint)
	OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.paper_campaign_writable(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.paper_campaign_writable(bigint)
	TO qualimetre_referent;
GRANT EXECUTE ON FUNCTION qualimetre.current_user_id() TO qualimetre_referent;

-- Campaigns: created on the user's sites, of kind satisfaction, on a form
-- of kind satisfaction. The referent reads them back (RETURNING id)
-- through referent_reads_own_campaigns (sql/008).
GRANT INSERT (site_id, form_id, kind, title, opens_on, closes_on,
	target_count, slug) ON qualimetre.campaign TO qualimetre_referent;
CREATE POLICY referent_creates_satisfaction_campaigns ON qualimetre.campaign
	FOR INSERT TO qualimetre_referent
	WITH CHECK (kind = 'satisfaction'
		AND qualimetre.user_plans_site(site_id)
		AND EXISTS (SELECT 1 FROM qualimetre.form f
			WHERE f.id = form_id AND f.kind = 'satisfaction'));

-- Opening, closing, renaming, a new target: the satisfaction campaigns
-- of the user's sites, which stay on those sites. Only these columns:
-- the site, the form, the kind and the public slug never change.
GRANT UPDATE (opens_on, closes_on, title, target_count)
	ON qualimetre.campaign TO qualimetre_referent;
CREATE POLICY referent_updates_own_campaigns ON qualimetre.campaign
	FOR UPDATE TO qualimetre_referent
	USING (kind = 'satisfaction' AND qualimetre.user_plans_site(site_id))
	WITH CHECK (kind = 'satisfaction'
		AND qualimetre.user_plans_site(site_id));

-- Paper responses: typed by the logged-in user, recorded as such, into a
-- campaign they may type into today; never in a slot.
GRANT INSERT (id, campaign_id, channel, entered_by, form_token)
	ON qualimetre.response TO qualimetre_referent;
CREATE POLICY referent_types_paper_responses ON qualimetre.response
	FOR INSERT TO qualimetre_referent
	WITH CHECK (channel = 'paper'
		AND entered_by = qualimetre.current_user_id()
		AND form_token IS NOT NULL
		AND slot_id IS NULL
		AND qualimetre.paper_campaign_writable(campaign_id));

-- Their answers: only those of a paper response the user typed in this
-- very transaction (submitted_at defaults to now(), the transaction's
-- start, and the referent cannot set it), in the same campaign, which
-- they may still type into. An answer cannot be added later to a stored
-- response, nor to anyone else's.
GRANT INSERT (response_id, campaign_id, question, value, text)
	ON qualimetre.answer TO qualimetre_referent;
CREATE POLICY referent_types_paper_answers ON qualimetre.answer
	FOR INSERT TO qualimetre_referent
	WITH CHECK (EXISTS (
		SELECT 1 FROM qualimetre.response r
		WHERE r.id = response_id
		AND r.campaign_id = answer.campaign_id
		AND r.channel = 'paper'
		AND r.entered_by = qualimetre.current_user_id()
		AND r.submitted_at = now())
		AND qualimetre.paper_campaign_writable(campaign_id));
