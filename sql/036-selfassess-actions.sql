-- The referent's self-assessment and action plan (issue 13, items 7 and
-- 8; cgi/referent/selfassess.c and actions.c).
--
-- A self-assessment grid is a form of its own kind (forms/form.rng,
-- kind="self-assessment"): the referential's engagements, each with the
-- level it requires. The referent of a site scores it once a semester
-- ("2026-S1"), saving a draft as often as needed, then validates it:
-- validating opens one corrective action per engagement below its
-- required level, never two for the same engagement of the same
-- assessment (action_gap_once).
--
-- The action plan holds corrective and improvement actions, each with
-- its origin and, where there is one, its source (a campaign's
-- criterion, an assessment's engagement), an owner, a due date, a
-- status and the COPIL meeting that decided it. Nothing is deleted:
-- an action given up is "abandonnee". Every change is written to the
-- audit log by the program, in the statement that makes it.
--
-- The annual report reads the two tables through the queries named in
-- cgi/referent/selfassess.h and actions.h.

ALTER TABLE qualimetre.form DROP CONSTRAINT form_kind_check;
ALTER TABLE qualimetre.form ADD CONSTRAINT form_kind_check
	CHECK (kind IN ('satisfaction', 'mystery-call', 'mystery-email',
	    'self-assessment'));

-- One site's self-assessment of one semester, under one grid version.
CREATE TABLE qualimetre.self_assessment (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	site_id		bigint NOT NULL REFERENCES qualimetre.site,
	semester	text NOT NULL CHECK (semester ~ '^20[0-9]{2}-S[12]$'),
	form_id		bigint NOT NULL REFERENCES qualimetre.form,
	created_by	bigint NOT NULL REFERENCES qualimetre.app_user,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_by	bigint NOT NULL REFERENCES qualimetre.app_user,
	updated_at	timestamptz NOT NULL DEFAULT now(),
	-- NULL while a draft; saving again makes it a draft again.
	validated_by	bigint REFERENCES qualimetre.app_user,
	validated_at	timestamptz,
	UNIQUE (site_id, semester),
	UNIQUE (id, site_id),
	CHECK ((validated_by IS NULL) = (validated_at IS NULL))
);
ALTER TABLE qualimetre.self_assessment OWNER TO qualimetre_owner;

-- The level given to one engagement (an option value of the grid's
-- scale, checked by the program against the form), and its evidence.
CREATE TABLE qualimetre.self_assessment_score (
	assessment_id	bigint NOT NULL
			REFERENCES qualimetre.self_assessment ON DELETE CASCADE,
	engagement	text NOT NULL
			CHECK (engagement ~ '^[a-z][a-z0-9-]{0,63}$'),
	level		text CHECK (level ~ '^[a-z0-9-]{1,64}$'),
	comment		text NOT NULL DEFAULT ''
			CHECK (length(comment) <= 2000),
	PRIMARY KEY (assessment_id, engagement)
);
ALTER TABLE qualimetre.self_assessment_score OWNER TO qualimetre_owner;

-- The steering committee's meetings of a site, where actions are decided.
CREATE TABLE qualimetre.copil_meeting (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	site_id		bigint NOT NULL REFERENCES qualimetre.site,
	held_on		date NOT NULL,
	label		text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
	created_by	bigint NOT NULL REFERENCES qualimetre.app_user,
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (site_id, held_on, label),
	UNIQUE (id, site_id)
);
ALTER TABLE qualimetre.copil_meeting OWNER TO qualimetre_owner;

CREATE TABLE qualimetre.action (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	site_id		bigint NOT NULL REFERENCES qualimetre.site,
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	description	text NOT NULL DEFAULT ''
			CHECK (length(description) <= 4000),
	origin		text NOT NULL CHECK (origin IN ('criterion',
			    'self-assessment', 'audit', 'complaint', 'other')),
	-- The source, where it exists: a campaign's criterion...
	campaign_id	bigint REFERENCES qualimetre.campaign,
	criterion	text CHECK (criterion ~ '^[a-z][a-z0-9-]{0,63}$'),
	-- ...or an assessment's engagement, of the same site.
	assessment_id	bigint,
	engagement	text CHECK (engagement ~ '^[a-z][a-z0-9-]{0,63}$'),
	owner		text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
	due_on		date NOT NULL,
	status		text NOT NULL DEFAULT 'prevue' CHECK (status IN
			    ('prevue', 'en-cours', 'realisee', 'abandonnee')),
	copil_id	bigint,
	created_by	bigint NOT NULL REFERENCES qualimetre.app_user,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_by	bigint NOT NULL REFERENCES qualimetre.app_user,
	updated_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (assessment_id, site_id)
	    REFERENCES qualimetre.self_assessment (id, site_id),
	FOREIGN KEY (copil_id, site_id)
	    REFERENCES qualimetre.copil_meeting (id, site_id),
	CHECK ((campaign_id IS NULL) = (criterion IS NULL)),
	CHECK (campaign_id IS NULL OR origin = 'criterion'),
	CHECK ((assessment_id IS NULL) = (engagement IS NULL)),
	CHECK (assessment_id IS NULL OR origin = 'self-assessment')
);
ALTER TABLE qualimetre.action OWNER TO qualimetre_owner;
CREATE INDEX action_site_due_idx ON qualimetre.action (site_id, due_on);
CREATE UNIQUE INDEX action_gap_once ON qualimetre.action
	(assessment_id, engagement) WHERE assessment_id IS NOT NULL;

-- The referent's program only, on the sites the logged-in user plans
-- (an admin: every site). Nothing is deleted.
GRANT SELECT, INSERT (site_id, semester, form_id, created_by, updated_by,
	validated_by, validated_at),
	UPDATE (updated_by, updated_at, validated_by, validated_at)
	ON qualimetre.self_assessment TO qualimetre_referent;
GRANT SELECT, INSERT (assessment_id, engagement, level, comment),
	UPDATE (level, comment)
	ON qualimetre.self_assessment_score TO qualimetre_referent;
GRANT SELECT, INSERT (site_id, held_on, label, created_by)
	ON qualimetre.copil_meeting TO qualimetre_referent;
GRANT SELECT, INSERT (site_id, title, description, origin, campaign_id,
	criterion, assessment_id, engagement, owner, due_on, status, copil_id,
	created_by, updated_by),
	UPDATE (title, description, owner, due_on, status, copil_id,
	updated_by, updated_at)
	ON qualimetre.action TO qualimetre_referent;

ALTER TABLE qualimetre.self_assessment ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_assessments ON qualimetre.self_assessment
	FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id));
CREATE POLICY referent_adds_own_assessments ON qualimetre.self_assessment
	FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.user_plans_site(site_id)
	    AND created_by = qualimetre.current_user_id()
	    AND updated_by = qualimetre.current_user_id()
	    AND (validated_by IS NULL
		OR validated_by = qualimetre.current_user_id())
	    AND EXISTS (SELECT FROM qualimetre.form f
		WHERE f.id = form_id AND f.kind = 'self-assessment'));
CREATE POLICY referent_edits_own_assessments ON qualimetre.self_assessment
	FOR UPDATE TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id))
	WITH CHECK (qualimetre.user_plans_site(site_id)
	    AND updated_by = qualimetre.current_user_id()
	    AND (validated_by IS NULL
		OR validated_by = qualimetre.current_user_id()));

ALTER TABLE qualimetre.self_assessment_score ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_scores ON qualimetre.self_assessment_score
	FOR SELECT TO qualimetre_referent
	USING (assessment_id IN (SELECT a.id FROM qualimetre.self_assessment a
		WHERE qualimetre.user_plans_site(a.site_id)));
CREATE POLICY referent_adds_own_scores ON qualimetre.self_assessment_score
	FOR INSERT TO qualimetre_referent
	WITH CHECK (assessment_id IN (SELECT a.id
		FROM qualimetre.self_assessment a
		WHERE qualimetre.user_plans_site(a.site_id)));
CREATE POLICY referent_edits_own_scores ON qualimetre.self_assessment_score
	FOR UPDATE TO qualimetre_referent
	USING (assessment_id IN (SELECT a.id FROM qualimetre.self_assessment a
		WHERE qualimetre.user_plans_site(a.site_id)))
	WITH CHECK (assessment_id IN (SELECT a.id
		FROM qualimetre.self_assessment a
		WHERE qualimetre.user_plans_site(a.site_id)));

ALTER TABLE qualimetre.copil_meeting ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_copils ON qualimetre.copil_meeting
	FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id));
CREATE POLICY referent_adds_own_copils ON qualimetre.copil_meeting
	FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.user_plans_site(site_id)
	    AND created_by = qualimetre.current_user_id());

ALTER TABLE qualimetre.action ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_actions ON qualimetre.action
	FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id));
-- A criterion's campaign must be of the same site.
CREATE POLICY referent_adds_own_actions ON qualimetre.action
	FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.user_plans_site(site_id)
	    AND created_by = qualimetre.current_user_id()
	    AND updated_by = qualimetre.current_user_id()
	    AND (campaign_id IS NULL OR EXISTS (SELECT
		FROM qualimetre.campaign c
		WHERE c.id = campaign_id AND c.site_id = action.site_id)));
CREATE POLICY referent_edits_own_actions ON qualimetre.action
	FOR UPDATE TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id))
	WITH CHECK (qualimetre.user_plans_site(site_id)
	    AND updated_by = qualimetre.current_user_id());
