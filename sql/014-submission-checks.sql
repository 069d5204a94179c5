-- What keeps the public questionnaire from being stuffed, and what lets
-- the referent set aside what looks stuffed, with a trace.
--
-- 1. The form token carries the time the page was served (cgi/web/
--    token.c). A send impossibly fast after it, or days later, is not
--    stored at once: the person is asked to confirm, and the refusal is
--    counted here per campaign, day and reason. No address, no token,
--    nothing about the person: only counts.
-- 2. A response stored after such a confirmation says so.
-- 3. The referent may set aside a time window of a satisfaction
--    campaign's web responses (a burst of 400 answers in ten minutes one
--    night): the answers are kept, left out of the rates, and the
--    decision is recorded with who, when and why. A window is never
--    deleted: it is lifted, with who and when.

CREATE TABLE qualimetre.submission_check (
	campaign_id	bigint NOT NULL REFERENCES qualimetre.campaign,
	-- The day at the campaign's site.
	day		date NOT NULL,
	reason		text NOT NULL CHECK (reason IN ('fast', 'late')),
	count		bigint NOT NULL DEFAULT 1 CHECK (count > 0),
	PRIMARY KEY (campaign_id, day, reason)
);
ALTER TABLE qualimetre.submission_check OWNER TO qualimetre_owner;

ALTER TABLE qualimetre.response
	ADD COLUMN confirmed boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN qualimetre.response.confirmed IS
	'stored after the person confirmed a send refused for its timing';

-- btree_gist: one campaign's windows may not overlap (an EXCLUDE
-- constraint over (campaign_id, period)), checked by the database.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

CREATE TABLE qualimetre.set_aside (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	campaign_id	bigint NOT NULL REFERENCES qualimetre.campaign,
	-- [first, last): responses submitted in it are set aside.
	period		tstzrange NOT NULL
			CHECK (NOT isempty(period) AND NOT lower_inf(period)
			AND NOT upper_inf(period)
			AND upper(period) - lower(period) <= interval '31 days'),
	reason		text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 500),
	decided_by	bigint NOT NULL REFERENCES qualimetre.app_user,
	decided_at	timestamptz NOT NULL DEFAULT now(),
	lifted_by	bigint REFERENCES qualimetre.app_user,
	lifted_at	timestamptz,
	CHECK ((lifted_by IS NULL) = (lifted_at IS NULL)),
	-- Two windows in force may not overlap; a lifted one no longer
	-- counts.
	EXCLUDE USING gist (campaign_id WITH =, period WITH &&)
		WHERE (lifted_at IS NULL)
);
ALTER TABLE qualimetre.set_aside OWNER TO qualimetre_owner;

-- For the windows: a campaign's responses in time order.
CREATE INDEX response_campaign_time_idx
	ON qualimetre.response (campaign_id, submitted_at);

-- The responses the referent has set aside: the web responses inside a
-- window in force. Results, exports and the poster all leave them out of
-- the rates through this one view (a withdrawn paper questionnaire is
-- another matter: sql/017's counted_response leaves it out altogether).
-- security_invoker: the caller's own policies apply.
CREATE VIEW qualimetre.set_aside_response WITH (security_invoker = true) AS
SELECT r.id, r.campaign_id, w.id AS set_aside_id
FROM qualimetre.set_aside w
JOIN qualimetre.response r ON r.campaign_id = w.campaign_id
	AND r.submitted_at >= lower(w.period)
	AND r.submitted_at < upper(w.period)
	AND r.channel = 'web'
WHERE w.lifted_at IS NULL;
ALTER VIEW qualimetre.set_aside_response OWNER TO qualimetre_owner;

-- The survey program counts the refusals of satisfaction campaigns.
GRANT SELECT (campaign_id, day, reason, count),
	INSERT (campaign_id, day, reason),
	UPDATE (count)
	ON qualimetre.submission_check TO qualimetre_survey;
ALTER TABLE qualimetre.submission_check ENABLE ROW LEVEL SECURITY;
CREATE POLICY survey_reads_checks ON qualimetre.submission_check
	FOR SELECT TO qualimetre_survey USING (true);
CREATE POLICY survey_counts_checks ON qualimetre.submission_check
	FOR INSERT TO qualimetre_survey
	WITH CHECK (EXISTS (SELECT 1 FROM qualimetre.campaign c
		WHERE c.id = campaign_id AND c.kind = 'satisfaction'));
CREATE POLICY survey_adds_to_checks ON qualimetre.submission_check
	FOR UPDATE TO qualimetre_survey USING (true) WITH CHECK (true);
GRANT INSERT (confirmed) ON qualimetre.response TO qualimetre_survey;

-- The referent reads the counts and the windows of their sites, sets
-- windows aside and lifts them, as themselves.
GRANT SELECT ON qualimetre.submission_check TO qualimetre_referent;
CREATE POLICY referent_reads_own_checks ON qualimetre.submission_check
	FOR SELECT TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
GRANT SELECT (confirmed) ON qualimetre.response TO qualimetre_referent;

GRANT SELECT, INSERT (campaign_id, period, reason, decided_by),
	UPDATE (lifted_by, lifted_at)
	ON qualimetre.set_aside TO qualimetre_referent;
ALTER TABLE qualimetre.set_aside ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_set_asides ON qualimetre.set_aside
	FOR SELECT TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
-- Only satisfaction campaigns, only windows already over: a window
-- cannot set aside answers that have not come yet.
CREATE POLICY referent_sets_aside ON qualimetre.set_aside
	FOR INSERT TO qualimetre_referent
	WITH CHECK (decided_by = qualimetre.current_user_id()
		AND upper(period) <= now()
		AND campaign_id IN (SELECT c.id FROM qualimetre.campaign c
			WHERE c.kind = 'satisfaction'
			AND qualimetre.user_plans_site(c.site_id)));
CREATE POLICY referent_lifts ON qualimetre.set_aside
	FOR UPDATE TO qualimetre_referent
	USING (lifted_at IS NULL AND campaign_id IN (SELECT c.id
		FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)))
	WITH CHECK (lifted_by = qualimetre.current_user_id());
GRANT SELECT ON qualimetre.set_aside_response TO qualimetre_referent;
