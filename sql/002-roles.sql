-- One role per program, each holding only the grants it needs.
-- qualimetre_owner owns the tables and logs in for nothing; the programs'
-- roles log in through the local socket (peer authentication, see the
-- cluster set-up), never with a password in a file.

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qualimetre_owner') THEN
		CREATE ROLE qualimetre_owner NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qualimetre_survey') THEN
		CREATE ROLE qualimetre_survey LOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qualimetre_loader') THEN
		CREATE ROLE qualimetre_loader LOGIN;
	END IF;
END
$$;

ALTER SCHEMA qualimetre OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.site OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.form OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.campaign OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.response OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.answer OWNER TO qualimetre_owner;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA qualimetre FROM PUBLIC;

-- The form loader (forms/qualimetre-form) stores validated definitions.
GRANT USAGE ON SCHEMA qualimetre TO qualimetre_loader;
GRANT SELECT (id, key, version, sha256), INSERT (key, version, kind, title, xml, sha256)
	ON qualimetre.form TO qualimetre_loader;

-- The survey program (/enquete/): reads the public face of satisfaction
-- campaigns and their forms, inserts web responses and their answers.
GRANT USAGE ON SCHEMA qualimetre TO qualimetre_survey;
GRANT SELECT (id, name, timezone) ON qualimetre.site TO qualimetre_survey;
GRANT SELECT (id, key, version, kind, title, xml, sha256)
	ON qualimetre.form TO qualimetre_survey;
GRANT SELECT (id, site_id, form_id, kind, title, opens_on, closes_on, slug)
	ON qualimetre.campaign TO qualimetre_survey;
GRANT INSERT (id, campaign_id, channel, form_token)
	ON qualimetre.response TO qualimetre_survey;
GRANT INSERT (response_id, campaign_id, question, value, text)
	ON qualimetre.answer TO qualimetre_survey;

-- Row-level security: the survey role sees satisfaction campaigns only
-- (mystery campaigns are never public), and the database itself refuses
-- a web response to a campaign that is not open today at its site, even
-- if a check in C were forgotten.
ALTER TABLE qualimetre.campaign ENABLE ROW LEVEL SECURITY;
ALTER TABLE qualimetre.response ENABLE ROW LEVEL SECURITY;
ALTER TABLE qualimetre.answer ENABLE ROW LEVEL SECURITY;

CREATE POLICY survey_reads_public_campaigns ON qualimetre.campaign
	FOR SELECT TO qualimetre_survey
	USING (kind = 'satisfaction');

CREATE POLICY survey_inserts_into_open_campaigns ON qualimetre.response
	FOR INSERT TO qualimetre_survey
	WITH CHECK (
		channel = 'web'
		AND entered_by IS NULL
		AND form_token IS NOT NULL
		AND EXISTS (
			SELECT 1
			FROM qualimetre.campaign c
			JOIN qualimetre.site s ON s.id = c.site_id
			WHERE c.id = campaign_id
			AND (now() AT TIME ZONE s.timezone)::date
				BETWEEN c.opens_on AND c.closes_on));

CREATE POLICY survey_inserts_answers ON qualimetre.answer
	FOR INSERT TO qualimetre_survey
	WITH CHECK (true);
