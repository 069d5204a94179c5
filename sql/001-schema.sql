-- The first cut of the data model (../shared/DESIGN.md): sites, form
-- definitions, campaigns, responses and their answers.
-- Migrations are never edited once landed: add a new file instead.

CREATE SCHEMA qualimetre;

-- A prefecture or sous-préfecture that runs campaigns.
CREATE TABLE qualimetre.site (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE
			CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,15}$'),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	parent_id	bigint REFERENCES qualimetre.site,
	-- INSEE department code: metropolitan, Corsica, overseas.
	department	text NOT NULL
			CHECK (department ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
	-- School-holiday zone; NULL where the academy has its own calendar.
	school_zone	text CHECK (school_zone IN ('A', 'B', 'C')),
	-- Campaign dates are local dates of the site.
	timezone	text NOT NULL DEFAULT 'Europe/Paris',
	created_at	timestamptz NOT NULL DEFAULT now()
);

-- A validated form definition, pinned by the campaigns that use it.
CREATE TABLE qualimetre.form (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	key		text NOT NULL CHECK (key ~ '^[a-z][a-z0-9-]{0,63}$'),
	version		integer NOT NULL CHECK (version > 0),
	kind		text NOT NULL
			CHECK (kind IN ('satisfaction', 'mystery-call', 'mystery-email')),
	title		text NOT NULL,
	xml		text NOT NULL,
	sha256		text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	loaded_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (key, version)
);

-- One run of a form at a site, open from opens_on to closes_on inclusive
-- (local dates of the site).
CREATE TABLE qualimetre.campaign (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	site_id		bigint NOT NULL REFERENCES qualimetre.site,
	form_id		bigint NOT NULL REFERENCES qualimetre.form,
	kind		text NOT NULL
			CHECK (kind IN ('satisfaction', 'mystery-call', 'mystery-email')),
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	opens_on	date NOT NULL,
	closes_on	date NOT NULL,
	target_count	integer CHECK (target_count > 0),
	-- The public link: /enquete/<slug>.
	slug		text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{2,63}$'),
	created_at	timestamptz NOT NULL DEFAULT now(),
	CHECK (closes_on >= opens_on)
);
CREATE INDEX campaign_site_idx ON qualimetre.campaign (site_id);

-- One filled questionnaire or grid. Nothing that identifies a member of
-- the public is stored: no address, no user agent, no cookie.
CREATE TABLE qualimetre.response (
	-- Chosen by the program (UUID v4) so that a response and its answers
	-- are written in one statement.
	id		uuid PRIMARY KEY,
	campaign_id	bigint NOT NULL REFERENCES qualimetre.campaign,
	submitted_at	timestamptz NOT NULL DEFAULT now(),
	channel		text NOT NULL CHECK (channel IN ('web', 'paper', 'call', 'email')),
	-- The staff member who typed a paper questionnaire or a grid.
	entered_by	bigint,
	-- The one-time token of the form that was sent: a second send of
	-- the same form is refused by this constraint.
	form_token	text UNIQUE CHECK (length(form_token) <= 128),
	UNIQUE (id, campaign_id)
);
CREATE INDEX response_campaign_idx ON qualimetre.response (campaign_id);

-- One answer to one question; a multiple choice gives several rows.
-- The campaign is repeated so that a campaign's counts are one index-only
-- scan of (campaign_id, question, value).
CREATE TABLE qualimetre.answer (
	response_id	uuid NOT NULL,
	campaign_id	bigint NOT NULL,
	question	text NOT NULL CHECK (question ~ '^[a-z][a-z0-9-]{0,63}$'),
	-- A coded value (an option, a number, a date), short and counted...
	value		text CHECK (length(value) <= 64),
	-- ...or free text, never indexed.
	text		text CHECK (length(text) <= 10000),
	CHECK ((value IS NULL) <> (text IS NULL)),
	UNIQUE NULLS NOT DISTINCT (response_id, question, value),
	FOREIGN KEY (response_id, campaign_id)
		REFERENCES qualimetre.response (id, campaign_id) ON DELETE CASCADE
);
CREATE INDEX answer_counts_idx ON qualimetre.answer (campaign_id, question, value);
