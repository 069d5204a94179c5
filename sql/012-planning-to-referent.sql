-- Planning mystery campaigns is the referent's work: its pages moved
-- from the enquirers' program (/mystere/planification) to the referent's
-- (/referent/planification). The referent's role gets what planning
-- needs, on the same terms sql/007 gave the mystery role (the sites the
-- logged-in user plans, a form of the campaign's kind, slots only on
-- possible days for an enquirer of the site); the mystery role keeps
-- only what enquirers need: their campaigns, slots and entries.

-- What the planning pages read: who may be given slots, how many
-- contacts are recorded, the school holidays around the period.
GRANT EXECUTE ON FUNCTION qualimetre.user_plans_campaign(bigint),
	qualimetre.site_enquirers(bigint),
	qualimetre.mystery_campaign_recorded(bigint),
	qualimetre.slot_plannable(bigint, date, bigint) TO qualimetre_referent;
GRANT SELECT ON qualimetre.school_holiday TO qualimetre_referent;

-- Campaigns: the INSERT grant of sql/009 covers these columns already;
-- this policy adds mystery campaigns beside satisfaction ones.
CREATE POLICY referent_plans_mystery_campaigns ON qualimetre.campaign
	FOR INSERT TO qualimetre_referent
	WITH CHECK (kind IN ('mystery-call', 'mystery-email')
		AND qualimetre.user_plans_site(site_id)
		AND EXISTS (SELECT 1 FROM qualimetre.form f
			WHERE f.id = form_id AND f.kind = campaign.kind));

-- Services and slots, created with their campaign by its planner.
GRANT INSERT (campaign_id, key, label, position)
	ON qualimetre.campaign_service TO qualimetre_referent;
CREATE POLICY referent_plans_services ON qualimetre.campaign_service
	FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.user_plans_campaign(campaign_id));
GRANT INSERT (campaign_id, day, afternoon, service_key, enquirer_id)
	ON qualimetre.slot TO qualimetre_referent;
CREATE POLICY referent_plans_slots ON qualimetre.slot
	FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.slot_plannable(campaign_id, day, enquirer_id));

-- The mystery role plans nothing any more.
DROP POLICY mystery_plans_campaigns ON qualimetre.campaign;
DROP POLICY mystery_planner_reads_campaigns ON qualimetre.campaign;
DROP POLICY mystery_plans_services ON qualimetre.campaign_service;
DROP POLICY mystery_plans_slots ON qualimetre.slot;
REVOKE INSERT ON qualimetre.campaign, qualimetre.campaign_service,
	qualimetre.slot FROM qualimetre_mystery;
-- It reads the sites of the campaigns it sees (an enquirer's, through
-- their slots), no longer the sites a planner plans.
ALTER POLICY mystery_reads_planned_sites ON qualimetre.site
	USING (EXISTS (SELECT 1 FROM qualimetre.campaign c
		WHERE c.site_id = site.id));
REVOKE EXECUTE ON FUNCTION qualimetre.user_plans_site(bigint),
	qualimetre.user_plans_campaign(bigint),
	qualimetre.site_enquirers(bigint),
	qualimetre.mystery_campaign_recorded(bigint),
	qualimetre.slot_plannable(bigint, date, bigint) FROM qualimetre_mystery;
