-- Paper questionnaires can be corrected or withdrawn by the referent of
-- their site (cgi/referent/revisions.c), with a trace an auditor of the
-- label can check: who, when, why, and the answers as they were before.
-- Web answers are the public's own and never change; mystery entries
-- have their own rules (sql/006).
--
-- One rule for every figure: a withdrawn questionnaire is kept, marked
-- (response.withdrawn_at), and holds no answer any more: its answers move
-- into the revision that withdrew it. The counts of answers (results,
-- breakdowns, the national view, the poster) therefore never see it, and
-- keep their index-only scan of answer (campaign_id, question, value);
-- what counts responses reads qualimetre.counted_response, never
-- qualimetre.response.
--
-- Every change of a paper response carries a revision written in the same
-- transaction by the same user: the policies below allow no UPDATE of the
-- response, DELETE or late INSERT of its answers without one.

ALTER TABLE qualimetre.response ADD COLUMN withdrawn_at timestamptz;

-- One correction or withdrawal of a paper questionnaire.
CREATE TABLE qualimetre.revision (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	response_id	uuid NOT NULL,
	campaign_id	bigint NOT NULL,
	-- 1 for the first revision of the response, then 2...: a correction
	-- made from a page that showed revision n-1 is refused once another
	-- revision n exists (UNIQUE below, and the trigger).
	seq		integer NOT NULL CHECK (seq > 0),
	action		text NOT NULL CHECK (action IN ('corrected', 'withdrawn')),
	reason		text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
	-- Set by the trigger, never by the program.
	revised_at	timestamptz NOT NULL DEFAULT now(),
	revised_by	bigint NOT NULL REFERENCES qualimetre.app_user,
	-- The answers before the revision, as the trigger read them:
	-- [{"question": .., "value": .. or null, "text": .. or null}, ...]
	-- in question, value, text order.
	before		jsonb NOT NULL,
	UNIQUE (response_id, seq),
	FOREIGN KEY (response_id, campaign_id)
		REFERENCES qualimetre.response (id, campaign_id)
);
CREATE INDEX revision_campaign_idx ON qualimetre.revision (campaign_id);
ALTER TABLE qualimetre.revision OWNER TO qualimetre_owner;

-- The answers given as three parallel arrays (question, coded value, free
-- text), in the form revision.before keeps them: what a correction would
-- store, to compare with what is stored.
CREATE FUNCTION qualimetre.answers_json(p_q text[], p_v text[], p_t text[])
	RETURNS jsonb
	LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT coalesce(jsonb_agg(jsonb_build_object('question', a.q,
		'value', a.v, 'text', a.t) ORDER BY a.q, a.v, a.t), '[]')
	FROM unnest(p_q, p_v, p_t) AS a(q, v, t)
	$$;
ALTER FUNCTION qualimetre.answers_json(text[], text[], text[])
	OWNER TO qualimetre_owner;

-- The stored answers of a response, in the same form, as the caller may
-- read them (SECURITY INVOKER: the caller's policies apply).
CREATE FUNCTION qualimetre.response_answers_json(p_response uuid)
	RETURNS jsonb
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT coalesce(jsonb_agg(jsonb_build_object('question', a.question,
		'value', a.value, 'text', a.text)
		ORDER BY a.question, a.value, a.text), '[]')
	FROM qualimetre.answer a WHERE a.response_id = p_response
	$$;
ALTER FUNCTION qualimetre.response_answers_json(uuid)
	OWNER TO qualimetre_owner;

-- Whether the logged-in user wrote a revision of this response in the
-- current transaction (revised_at is the transaction's start), of the
-- given action, or of any when p_action is NULL.
CREATE FUNCTION qualimetre.revised_now(p_response uuid, p_action text)
	RETURNS boolean
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (SELECT 1 FROM qualimetre.revision v
		WHERE v.response_id = p_response
		AND v.revised_at = now()
		AND v.revised_by = qualimetre.current_user_id()
		AND (p_action IS NULL OR v.action = p_action))
	$$;
ALTER FUNCTION qualimetre.revised_now(uuid, text) OWNER TO qualimetre_owner;

-- Whether a revision may be made to this response of this campaign: a
-- paper one, not withdrawn, of a campaign the logged-in user may type
-- paper questionnaires into today (sql/009). SECURITY INVOKER: the
-- caller's policies keep them to their own sites.
CREATE FUNCTION qualimetre.paper_response_revisable(p_response uuid,
	p_campaign bigint)
	RETURNS boolean
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (SELECT 1 FROM qualimetre.response r
		WHERE r.id = p_response
		AND r.campaign_id = p_campaign
		AND r.channel = 'paper'
		AND r.withdrawn_at IS NULL)
		AND qualimetre.paper_campaign_writable(p_campaign)
	$$;
ALTER FUNCTION qualimetre.paper_response_revisable(uuid, bigint)
	OWNER TO qualimetre_owner;

-- The trace is the database's: when, who, what was before, and which
-- revision this is, whatever the program sent.
CREATE FUNCTION qualimetre.revision_fill() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
	BEGIN
		NEW.revised_at := now();
		NEW.revised_by := qualimetre.current_user_id();
		NEW.before := qualimetre.response_answers_json(NEW.response_id);
		IF NEW.seq <> (SELECT count(*) + 1 FROM qualimetre.revision v
		    WHERE v.response_id = NEW.response_id) THEN
			RAISE EXCEPTION 'response % was revised meanwhile',
			    NEW.response_id USING ERRCODE = 'unique_violation';
		END IF;
		RETURN NEW;
	END
	$$;
ALTER FUNCTION qualimetre.revision_fill() OWNER TO qualimetre_owner;
CREATE TRIGGER revision_fill BEFORE INSERT ON qualimetre.revision
	FOR EACH ROW EXECUTE FUNCTION qualimetre.revision_fill();

-- The responses that count: every figure reads this, never the table.
-- security_invoker: the reader's own policies apply.
CREATE VIEW qualimetre.counted_response WITH (security_invoker = true) AS
	SELECT id, campaign_id, submitted_at, channel, entered_by, slot_id,
		updated_at
	FROM qualimetre.response
	WHERE withdrawn_at IS NULL;
ALTER VIEW qualimetre.counted_response OWNER TO qualimetre_owner;

-- ---------------------------------------------------------------- grants
-- The referent only; the survey and mystery roles get nothing here.

REVOKE ALL ON FUNCTION qualimetre.answers_json(text[], text[], text[]),
	qualimetre.response_answers_json(uuid),
	qualimetre.revised_now(uuid, text),
	qualimetre.paper_response_revisable(uuid, bigint),
	qualimetre.revision_fill() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.answers_json(text[], text[], text[]),
	qualimetre.response_answers_json(uuid),
	qualimetre.revised_now(uuid, text),
	qualimetre.paper_response_revisable(uuid, bigint) TO qualimetre_referent;

GRANT SELECT ON qualimetre.counted_response TO qualimetre_referent;
GRANT SELECT (withdrawn_at) ON qualimetre.response TO qualimetre_referent;

-- The trace: read on the user's sites, written only for a paper response
-- of those sites that is not withdrawn, while paper may be typed into
-- its campaign (until 30 days after closing, sql/009); never changed nor
-- deleted.
ALTER TABLE qualimetre.revision ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON qualimetre.revision TO qualimetre_referent;
GRANT INSERT (response_id, campaign_id, seq, action, reason)
	ON qualimetre.revision TO qualimetre_referent;
CREATE POLICY referent_reads_own_revisions ON qualimetre.revision
	FOR SELECT TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
CREATE POLICY referent_revises_paper ON qualimetre.revision
	FOR INSERT TO qualimetre_referent
	WITH CHECK (revised_by = qualimetre.current_user_id()
		AND qualimetre.paper_response_revisable(response_id,
			campaign_id));

-- The response: its updated_at on a correction, withdrawn_at on a
-- withdrawal, each with its revision; a withdrawn one has no answer left.
GRANT UPDATE (updated_at, withdrawn_at) ON qualimetre.response
	TO qualimetre_referent;
CREATE POLICY referent_revises_paper_responses ON qualimetre.response
	FOR UPDATE TO qualimetre_referent
	USING (channel = 'paper' AND withdrawn_at IS NULL
		AND qualimetre.paper_campaign_writable(campaign_id))
	WITH CHECK (channel = 'paper'
		AND CASE WHEN withdrawn_at IS NULL
			THEN qualimetre.revised_now(id, 'corrected')
			ELSE qualimetre.revised_now(id, 'withdrawn')
			AND NOT EXISTS (SELECT 1 FROM qualimetre.answer a
				WHERE a.response_id = response.id) END);

-- The answers: replaced by a correction, removed by a withdrawal, each
-- with its revision of this very transaction.
GRANT DELETE ON qualimetre.answer TO qualimetre_referent;
CREATE POLICY referent_removes_revised_answers ON qualimetre.answer
	FOR DELETE TO qualimetre_referent
	USING (qualimetre.revised_now(response_id, NULL)
		AND qualimetre.paper_campaign_writable(campaign_id));
CREATE POLICY referent_retypes_corrected_answers ON qualimetre.answer
	FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.revised_now(response_id, 'corrected')
		AND qualimetre.paper_response_revisable(response_id,
			campaign_id));
