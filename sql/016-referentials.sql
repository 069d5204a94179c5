-- The referential a mystery campaign is run under: Qual-e-pref, Qualipref
-- 2.0, Marianne, or a site's own. It fixes the thresholds and targets of
-- the grids' criteria that carry a rule (forms/form.rng, attribute
-- "rule"): the email reply delay in working days and its target, the
-- most rings before a call is picked up and its target, the target of
-- calls picked up. A NULL value leaves the grid's own value in force.
--
-- The figures are those of ../shared/DOMAIN.md and nothing more:
-- Qual-e-pref answers emails within 5 working days and picks calls up
-- "in under 5 rings" (at most 4); Qualipref 2.0 answers 80 % of emails
-- within 10 working days. No target is published for Qual-e-pref, no
-- ring count for Qualipref 2.0, no figure at all for Marianne: those stay
-- NULL, the grid's default.

CREATE TABLE qualimetre.referential (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	-- A national referential has a key; a site's own has its site.
	key		text UNIQUE CHECK (key ~ '^[a-z][a-z0-9-]{0,31}$'),
	site_id		bigint UNIQUE REFERENCES qualimetre.site,
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	-- Offered to the planner; the values of the first grids are not.
	offered		boolean NOT NULL DEFAULT true,
	position	integer NOT NULL DEFAULT 100,
	-- Working days; the bound keeps an email's recording window inside
	-- qualimetre.mystery_recording_days (sql/013).
	reply_delay	integer CHECK (reply_delay BETWEEN 1 AND 20),
	reply_target	numeric CHECK (reply_target BETWEEN 0 AND 1),
	rings_max	integer CHECK (rings_max BETWEEN 0 AND 20),
	rings_target	numeric CHECK (rings_target BETWEEN 0 AND 1),
	picked_up_target numeric CHECK (picked_up_target BETWEEN 0 AND 1),
	CHECK ((key IS NULL) <> (site_id IS NULL))
);
ALTER TABLE qualimetre.referential OWNER TO qualimetre_owner;

INSERT INTO qualimetre.referential (key, name, position, reply_delay,
	reply_target, rings_max, rings_target, picked_up_target, offered)
VALUES
	('qual-e-pref', 'Qual-e-pref', 1, 5, NULL, 4, NULL, NULL, true),
	('qualipref-2', 'Qualipref 2.0', 2, 10, 0.8, NULL, NULL, NULL, true),
	('marianne', 'Marianne', 3, NULL, NULL, NULL, NULL, NULL, true),
	-- What version 1 of the grids says: the campaigns run before
	-- referentials existed keep it, and their results.
	('grilles-v1', 'Valeurs des grilles d’origine', 9, 5, 0.8, 5, 0.8,
	 0.8, false);

-- NULL: the grid's own values (satisfaction campaigns, older fixtures).
ALTER TABLE qualimetre.campaign
	ADD COLUMN referential_id bigint REFERENCES qualimetre.referential;
UPDATE qualimetre.campaign SET referential_id =
	(SELECT id FROM qualimetre.referential WHERE key = 'grilles-v1')
WHERE kind IN ('mystery-call', 'mystery-email');

ALTER TABLE qualimetre.referential ENABLE ROW LEVEL SECURITY;

-- The referent: every national referential, and the own referential of
-- the sites they are in charge of, which they define.
GRANT SELECT ON qualimetre.referential TO qualimetre_referent;
GRANT INSERT (site_id, name, reply_delay, reply_target, rings_max,
	rings_target, picked_up_target) ON qualimetre.referential
	TO qualimetre_referent;
GRANT UPDATE (name, reply_delay, reply_target, rings_max, rings_target,
	picked_up_target) ON qualimetre.referential TO qualimetre_referent;
CREATE POLICY referent_reads_referentials ON qualimetre.referential
	FOR SELECT TO qualimetre_referent
	USING (site_id IS NULL OR qualimetre.user_plans_site(site_id));
CREATE POLICY referent_defines_own_referential ON qualimetre.referential
	FOR INSERT TO qualimetre_referent
	WITH CHECK (site_id IS NOT NULL AND key IS NULL
		AND qualimetre.user_plans_site(site_id));
CREATE POLICY referent_updates_own_referential ON qualimetre.referential
	FOR UPDATE TO qualimetre_referent
	USING (site_id IS NOT NULL AND qualimetre.user_plans_site(site_id))
	WITH CHECK (site_id IS NOT NULL
		AND qualimetre.user_plans_site(site_id));

GRANT SELECT (referential_id), INSERT (referential_id)
	ON qualimetre.campaign TO qualimetre_referent;
-- A campaign is planned under a referential offered, national or its
-- own site's; restrictive, so it adds to sql/009's and sql/012's.
CREATE POLICY referent_plans_under_referential ON qualimetre.campaign
	AS RESTRICTIVE FOR INSERT TO qualimetre_referent
	WITH CHECK (referential_id IS NULL OR EXISTS (
		SELECT 1 FROM qualimetre.referential r
		WHERE r.id = referential_id AND r.offered
		AND (r.site_id IS NULL OR r.site_id = campaign.site_id)));

-- The enquirer: the referential of the campaigns they see, for the rule
-- under each question and the recording window.
GRANT SELECT (referential_id) ON qualimetre.campaign TO qualimetre_mystery;
GRANT SELECT ON qualimetre.referential TO qualimetre_mystery;
CREATE POLICY mystery_reads_campaign_referentials ON qualimetre.referential
	FOR SELECT TO qualimetre_mystery
	USING (EXISTS (SELECT 1 FROM qualimetre.campaign c
		WHERE c.referential_id = referential.id));
