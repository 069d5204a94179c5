-- Published results (issue 13, item 5): the referent publishes a
-- satisfaction campaign's results; they then appear on the public page
-- /resultats/<site code>, in the fragment a prefecture's website frames
-- and on the poster to download, all served by the survey program.
--
-- Least privilege: at publication, the referent's program stores a
-- snapshot of what it publishes (the campaign's title, period, number of
-- returns, the site's code and name; per criterion its label, counts,
-- rate, interval, target and verdict) in these two tables, the only ones
-- of the results the survey role may read: it never reads an answer or a
-- response. A re-publication replaces the snapshot; withdrawing it
-- deletes it. Nothing is public before the referent's choice: no row.

CREATE TABLE qualimetre.publication (
	campaign_id	bigint PRIMARY KEY
			REFERENCES qualimetre.campaign ON DELETE CASCADE,
	site_id		bigint NOT NULL REFERENCES qualimetre.site,
	site_code	text NOT NULL CHECK (site_code ~ '^[A-Z0-9][A-Z0-9-]{0,15}$'),
	site_name	text NOT NULL CHECK (length(site_name) BETWEEN 1 AND 200),
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	opens_on	date NOT NULL,
	closes_on	date NOT NULL CHECK (closes_on >= opens_on),
	referential	text CHECK (length(referential) BETWEEN 1 AND 200),
	responses	bigint NOT NULL CHECK (responses > 0),
	-- The questionnaire's public address, for the poster's QR code.
	questionnaire_url text CHECK (length(questionnaire_url) BETWEEN 1 AND 1024),
	published_at	timestamptz NOT NULL DEFAULT now(),
	published_by	bigint NOT NULL REFERENCES qualimetre.app_user
);
CREATE INDEX publication_site_idx ON qualimetre.publication (site_code);

CREATE TABLE qualimetre.publication_row (
	campaign_id	bigint NOT NULL
			REFERENCES qualimetre.publication ON DELETE CASCADE,
	position	integer NOT NULL CHECK (position BETWEEN 0 AND 999),
	key		text NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
	label		text NOT NULL CHECK (length(label) BETWEEN 1 AND 1000),
	short_label	text CHECK (length(short_label) BETWEEN 1 AND 200),
	n		bigint NOT NULL CHECK (n >= 0),
	satisfied	bigint NOT NULL CHECK (satisfied BETWEEN 0 AND n),
	no_opinion	bigint NOT NULL CHECK (no_opinion >= 0),
	-- NULL when n is 0.
	rate		double precision CHECK (rate BETWEEN 0 AND 1),
	lower_bound	double precision CHECK (lower_bound BETWEEN 0 AND 1),
	upper_bound	double precision CHECK (upper_bound BETWEEN 0 AND 1),
	-- NULL: no target; verdict: enum stats_verdict, NULL without one.
	target		double precision CHECK (target BETWEEN 0 AND 1),
	verdict		smallint CHECK (verdict BETWEEN 0 AND 9),
	PRIMARY KEY (campaign_id, position)
);

ALTER TABLE qualimetre.publication OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.publication_row OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.publication ENABLE ROW LEVEL SECURITY;
ALTER TABLE qualimetre.publication_row ENABLE ROW LEVEL SECURITY;

-- The public reads every snapshot, and nothing else of the results.
GRANT SELECT ON qualimetre.publication, qualimetre.publication_row
	TO qualimetre_survey;
CREATE POLICY survey_reads_publications ON qualimetre.publication
	FOR SELECT TO qualimetre_survey USING (true);
CREATE POLICY survey_reads_publication_rows ON qualimetre.publication_row
	FOR SELECT TO qualimetre_survey USING (true);

-- A referent publishes and withdraws the satisfaction campaigns of the
-- sites they are in charge of, an admin every site's; the snapshot's
-- site is the campaign's own. The rows are checked against the campaign,
-- not the publication, as both are written by one statement.
GRANT SELECT, INSERT, DELETE ON qualimetre.publication
	TO qualimetre_referent;
-- The rows go with their publication (ON DELETE CASCADE): never read
-- back, never deleted one by one.
GRANT INSERT ON qualimetre.publication_row TO qualimetre_referent;
CREATE POLICY referent_publishes_own_campaigns ON qualimetre.publication
	FOR ALL TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id))
	WITH CHECK (qualimetre.user_plans_site(site_id)
		AND EXISTS (SELECT 1 FROM qualimetre.campaign c
			JOIN qualimetre.site s ON s.id = c.site_id
			WHERE c.id = campaign_id AND c.site_id = site_id
			AND c.kind = 'satisfaction' AND s.code = site_code));
CREATE POLICY referent_publishes_own_rows ON qualimetre.publication_row
	FOR ALL TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)))
	WITH CHECK (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE c.kind = 'satisfaction'
		AND qualimetre.user_plans_site(c.site_id)));
