-- A mystery campaign's progress page counts its slots by day, against
-- the contacts recorded (issue 13, item 2). The referent program only
-- wrote slots (sql/012); it now reads, of the campaigns its user plans,
-- which day each one is on: nor the enquirer, nor the service.
GRANT SELECT (campaign_id, day) ON qualimetre.slot TO qualimetre_referent;
CREATE POLICY referent_reads_planned_slots ON qualimetre.slot
	FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_campaign(campaign_id));
