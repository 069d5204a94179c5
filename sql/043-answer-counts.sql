-- Counts kept as answers arrive: a campaign's results, its rhythm and
-- progress, the campaigns' lists, the indicators, the national view and
-- the sites side by side read these sums instead of grouping the answer
-- and response tables (3.5 s at 100,000 responses, where these take a
-- few ms): answers per (question, value), pairs of answers for the
-- breakdowns, responses per campaign and per quarter of an hour.
--
-- EXACT, never an estimate: every change to what counts changes the
-- counts in the same transaction, by triggers owned here:
--
--   - answers inserted, corrected or deleted (a submission, a paper
--     revision, sql/017, a mystery entry corrected, sql/006);
--   - a response updated (its time, channel or language) or deleted
--     (purge, sql/029; a campaign deleted): its answers leave the
--     counts before the response goes (response_drop_answers below);
--   - a period set aside or lifted (sql/014): the web responses in it
--     leave or come back.
--
-- "An answer that counts" is the one the views give: a coded answer
-- (value not NULL) of a response that is not set aside
-- (qualimetre.set_aside_response: a web response inside a window in
-- force). A withdrawn questionnaire has no answer left (sql/017), so
-- withdrawals need nothing here; the responses counted are those of
-- qualimetre.counted_response, less those set aside.
--
-- Sharded: each database session adds to its own rows (shard =
-- pg_backend_pid() % 16), so that concurrent submissions never wait for
-- one hot row; a reader sums over the shards. A shard may go below zero
-- (an answer counted in one session, deleted in another): only the sum
-- means something.
--
-- The breakdowns: the pairs (answer to a breakdown question, answer) of
-- each response, for the questions the results page offers to break
-- down by (a choice that is not a criterion: form_breakdown) and for the
-- questionnaire's language ('_langue', '' for none, as the page names
-- it). A breakdown by another question asked in the address is counted
-- from the answers as before.
--
-- qualimetre.answer_count_rebuild(campaign) recomputes one campaign's
-- counts from the answers: the backfill below, and data loaded with the
-- triggers off (tests/bench/results-data.sh).

-- ---------------------------------------------------------------- tables

CREATE TABLE qualimetre.answer_count (
	campaign_id	bigint NOT NULL
			REFERENCES qualimetre.campaign ON DELETE CASCADE,
	question	text NOT NULL,
	value		text NOT NULL,
	shard		smallint NOT NULL,
	n		bigint NOT NULL,
	PRIMARY KEY (campaign_id, question, value, shard)
);
ALTER TABLE qualimetre.answer_count OWNER TO qualimetre_owner;
-- Room on each page for updates in place (HOT): a submission updates
-- some 80 counts.
ALTER TABLE qualimetre.answer_count SET (fillfactor = 50);

CREATE TABLE qualimetre.answer_pair_count (
	campaign_id	bigint NOT NULL
			REFERENCES qualimetre.campaign ON DELETE CASCADE,
	by_question	text NOT NULL,
	by_value	text NOT NULL,
	question	text NOT NULL,
	value		text NOT NULL,
	shard		smallint NOT NULL,
	n		bigint NOT NULL,
	PRIMARY KEY (campaign_id, by_question, by_value, question, value,
		shard)
);
ALTER TABLE qualimetre.answer_pair_count OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.answer_pair_count SET (fillfactor = 50);

-- The responses that count (counted_response) and, among them, those set
-- aside (set_aside_response): a results page's n is their difference;
-- and those stored after a confirmation (sql/014).
CREATE TABLE qualimetre.response_count (
	campaign_id	bigint NOT NULL
			REFERENCES qualimetre.campaign ON DELETE CASCADE,
	shard		smallint NOT NULL,
	counted		bigint NOT NULL,
	set_aside	bigint NOT NULL,
	confirmed	bigint NOT NULL,
	PRIMARY KEY (campaign_id, shard)
);
ALTER TABLE qualimetre.response_count OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.response_count SET (fillfactor = 50);

-- The responses per quarter of an hour (UTC, its start) and channel: all
-- of them (n), those that count (neither withdrawn nor set aside) and
-- those set aside. The rhythm of a questionnaire (rhythm.c: the web's n
-- and set_aside) and its progress by day (progress.c: counted), in the
-- hours and days of its site whatever its offset (a multiple of 15
-- minutes).
CREATE TABLE qualimetre.response_slot_count (
	campaign_id	bigint NOT NULL
			REFERENCES qualimetre.campaign ON DELETE CASCADE,
	slot		timestamptz NOT NULL,
	channel		text NOT NULL,
	shard		smallint NOT NULL,
	n		bigint NOT NULL,
	counted		bigint NOT NULL,
	set_aside	bigint NOT NULL,
	PRIMARY KEY (campaign_id, slot, channel, shard)
);
ALTER TABLE qualimetre.response_slot_count OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.response_slot_count SET (fillfactor = 50);

-- The quarter of an hour t is in.
CREATE FUNCTION qualimetre.response_slot(t timestamptz) RETURNS timestamptz
	LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
	AS $$ SELECT to_timestamp(floor(extract(epoch FROM t) / 900) * 900) $$;
ALTER FUNCTION qualimetre.response_slot(timestamptz)
	OWNER TO qualimetre_owner;

-- The questions the results page offers to break down by: the choices
-- that are not criteria (cgi/referent/referent.c, campaign_detail),
-- read from each form's definition when it is loaded.
CREATE TABLE qualimetre.form_breakdown (
	form_id		bigint NOT NULL
			REFERENCES qualimetre.form ON DELETE CASCADE,
	question	text NOT NULL,
	PRIMARY KEY (form_id, question)
);
ALTER TABLE qualimetre.form_breakdown OWNER TO qualimetre_owner;

CREATE FUNCTION qualimetre.form_breakdown_questions(p_xml text)
	RETURNS SETOF text
	LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT DISTINCT k::text FROM unnest(xpath(
	    '//f:question[@type="choice" and not(@criterion="true")]/@key',
	    p_xml::xml, ARRAY[ARRAY['f', 'urn:qualimetre:form:1']])) AS k
	$$;
ALTER FUNCTION qualimetre.form_breakdown_questions(text)
	OWNER TO qualimetre_owner;

CREATE FUNCTION qualimetre.form_breakdown_fill() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	BEGIN
		INSERT INTO qualimetre.form_breakdown (form_id, question)
		SELECT f.id, q FROM new_rows f,
		    qualimetre.form_breakdown_questions(f.xml) AS q
		ON CONFLICT DO NOTHING;
		RETURN NULL;
	END
	$$;
ALTER FUNCTION qualimetre.form_breakdown_fill() OWNER TO qualimetre_owner;
CREATE TRIGGER form_breakdown_fill AFTER INSERT ON qualimetre.form
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION qualimetre.form_breakdown_fill();

-- ------------------------------------------------------- what is set aside

-- Whether a response of campaign p_campaign, sent on p_channel at p_at,
-- is set aside: the definition of qualimetre.set_aside_response.
CREATE FUNCTION qualimetre.response_set_aside(p_campaign bigint,
	p_channel text, p_at timestamptz)
	RETURNS boolean
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT p_channel = 'web' AND EXISTS (SELECT 1
		FROM qualimetre.set_aside w
		WHERE w.campaign_id = p_campaign AND w.lifted_at IS NULL
		AND p_at >= lower(w.period) AND p_at < upper(w.period))
	$$;
ALTER FUNCTION qualimetre.response_set_aside(bigint, text, timestamptz)
	OWNER TO qualimetre_owner;

-- The periods in force of a campaign, probed for every response stored.
CREATE INDEX set_aside_in_force_idx ON qualimetre.set_aside (campaign_id)
	WHERE lifted_at IS NULL;

-- ------------------------------------------------------------- the adding

-- Adds sign times each row (response, campaign, language, question,
-- value) to the counts, and each pair of rows of one response and sign
-- whose first is an answer to a breakdown question, and each row under
-- its response's language. The rows are answers that count, value not
-- NULL.
CREATE FUNCTION qualimetre.answer_count_apply(p_sign integer[],
	p_r uuid[], p_c bigint[], p_lang text[], p_q text[], p_v text[])
	RETURNS bigint
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH s AS (SELECT * FROM unnest(p_sign, p_r, p_c, p_lang, p_q, p_v)
		AS s(sign, r, c, lang, q, v)),
	k AS (INSERT INTO qualimetre.answer_count AS k
		(campaign_id, question, value, shard, n)
		SELECT s.c, s.q, s.v, pg_backend_pid() % 16, sum(s.sign)
		FROM s GROUP BY s.c, s.q, s.v HAVING sum(s.sign) <> 0
		ON CONFLICT (campaign_id, question, value, shard)
		DO UPDATE SET n = k.n + excluded.n),
	p AS (INSERT INTO qualimetre.answer_pair_count AS k
		(campaign_id, by_question, by_value, question, value, shard, n)
	SELECT p.c, p.bq, p.bv, p.q, p.v, pg_backend_pid() % 16, sum(p.sign)
	FROM (SELECT g.c, g.q AS bq, g.v AS bv, a.q, a.v, g.sign
		FROM s g
		JOIN qualimetre.campaign c ON c.id = g.c
		JOIN qualimetre.form_breakdown b ON b.form_id = c.form_id
			AND b.question = g.q
		JOIN s a ON a.r = g.r AND a.sign = g.sign
		UNION ALL
		SELECT s.c, '_langue', coalesce(s.lang, ''), s.q, s.v, s.sign
		FROM s) AS p
	GROUP BY p.c, p.bq, p.bv, p.q, p.v HAVING sum(p.sign) <> 0
	ON CONFLICT (campaign_id, by_question, by_value, question, value,
		shard)
	DO UPDATE SET n = k.n + excluded.n RETURNING 1)
	SELECT count(*) FROM p
	$$;
ALTER FUNCTION qualimetre.answer_count_apply(integer[], uuid[], bigint[],
	text[], text[], text[]) OWNER TO qualimetre_owner;

-- Adds sign times each response given with its campaign, language, time,
-- channel, whether it is withdrawn, set aside, confirmed, to the
-- counts of responses; and, when p_answers, sign times each of its
-- answers that count, as the answer table holds them now (a response
-- inserted with its answers in one statement has them added by
-- answer_count_answers, not here).
CREATE FUNCTION qualimetre.answer_count_responses(p_answers boolean,
	p_sign integer[], p_r uuid[], p_c bigint[], p_lang text[],
	p_at timestamptz[], p_channel text[], p_withdrawn boolean[],
	p_aside boolean[], p_confirmed boolean[])
	RETURNS bigint
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH x AS (SELECT * FROM unnest(p_sign, p_r, p_c, p_lang, p_at,
		p_channel, p_withdrawn, p_aside, p_confirmed)
		AS x(sign, r, c, lang, at, channel, withdrawn, aside,
		confirmed)),
	n AS (INSERT INTO qualimetre.response_count AS k
		(campaign_id, shard, counted, set_aside, confirmed)
		SELECT x.c, pg_backend_pid() % 16,
		    coalesce(sum(x.sign) FILTER (WHERE NOT x.withdrawn), 0),
		    coalesce(sum(x.sign) FILTER (WHERE x.aside), 0),
		    coalesce(sum(x.sign) FILTER (WHERE x.confirmed), 0)
		FROM x GROUP BY x.c
		ON CONFLICT (campaign_id, shard) DO UPDATE
		SET counted = k.counted + excluded.counted,
		    set_aside = k.set_aside + excluded.set_aside,
		    confirmed = k.confirmed + excluded.confirmed),
	t AS (INSERT INTO qualimetre.response_slot_count AS k
		(campaign_id, slot, channel, shard, n, counted, set_aside)
		SELECT x.c, qualimetre.response_slot(x.at), x.channel,
		    pg_backend_pid() % 16, sum(x.sign),
		    coalesce(sum(x.sign) FILTER (WHERE NOT x.withdrawn
		    AND NOT x.aside), 0),
		    coalesce(sum(x.sign) FILTER (WHERE x.aside), 0)
		FROM x GROUP BY 1, 2, 3
		ON CONFLICT (campaign_id, slot, channel, shard) DO UPDATE
		SET n = k.n + excluded.n,
		    counted = k.counted + excluded.counted,
		    set_aside = k.set_aside + excluded.set_aside)
	SELECT qualimetre.answer_count_apply(array_agg(x.sign),
		array_agg(x.r), array_agg(x.c), array_agg(x.lang),
		array_agg(a.question), array_agg(a.value))
	FROM x JOIN qualimetre.answer a ON a.response_id = x.r
	WHERE p_answers AND NOT x.aside AND a.value IS NOT NULL
	HAVING count(*) > 0
	$$;
ALTER FUNCTION qualimetre.answer_count_responses(boolean, integer[],
	uuid[], bigint[], text[], timestamptz[], text[], boolean[], boolean[],
	boolean[]) OWNER TO qualimetre_owner;

-- ---------------------------------------------------------------- triggers

-- Answers inserted, updated or deleted: for each response touched, its
-- answers before the statement leave the counts and its answers now
-- come in (pairs need the whole response; counts the difference only).
CREATE FUNCTION qualimetre.answer_count_answers() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	DECLARE
		n_r uuid[] := '{}'; n_q text[] := '{}'; n_v text[] := '{}';
		o_r uuid[] := '{}'; o_q text[] := '{}'; o_v text[] := '{}';
		done bigint;
	BEGIN
		IF TG_OP IN ('INSERT', 'UPDATE') THEN
			SELECT coalesce(array_agg(response_id), '{}'),
			    coalesce(array_agg(question), '{}'),
			    coalesce(array_agg(value), '{}')
			INTO n_r, n_q, n_v
			FROM new_rows WHERE value IS NOT NULL;
		END IF;
		IF TG_OP IN ('UPDATE', 'DELETE') THEN
			SELECT coalesce(array_agg(response_id), '{}'),
			    coalesce(array_agg(question), '{}'),
			    coalesce(array_agg(value), '{}')
			INTO o_r, o_q, o_v
			FROM old_rows WHERE value IS NOT NULL;
		END IF;
		IF cardinality(n_r) + cardinality(o_r) = 0 THEN
			RETURN NULL;
		END IF;
		WITH nw AS (SELECT * FROM unnest(n_r, n_q, n_v) AS t(r, q, v)),
		ol AS (SELECT * FROM unnest(o_r, o_q, o_v) AS t(r, q, v)),
		resp AS (SELECT r.id, r.campaign_id, r.lang
			FROM qualimetre.response r
			WHERE r.id IN (SELECT nw.r FROM nw
			    UNION SELECT ol.r FROM ol)
			AND NOT qualimetre.response_set_aside(r.campaign_id,
			    r.channel, r.submitted_at)),
		aft AS (SELECT a.response_id AS r, a.question AS q, a.value AS v
			FROM qualimetre.answer a
			WHERE a.response_id IN (SELECT id FROM resp)
			AND a.value IS NOT NULL),
		bef AS ((SELECT r, q, v FROM aft
			EXCEPT ALL SELECT r, q, v FROM nw)
			UNION ALL SELECT r, q, v FROM ol),
		s AS (SELECT 1 AS sign, t.* FROM aft t
			UNION ALL SELECT -1, t.* FROM bef t)
		SELECT qualimetre.answer_count_apply(array_agg(s.sign),
			array_agg(s.r), array_agg(resp.campaign_id),
			array_agg(resp.lang), array_agg(s.q), array_agg(s.v))
		INTO done
		FROM s JOIN resp ON resp.id = s.r;
		RETURN NULL;
	END
	$$;
ALTER FUNCTION qualimetre.answer_count_answers() OWNER TO qualimetre_owner;

-- Answers inserted (a submission: a response and its answers in one
-- statement; a paper revision or a mystery entry adding answers): the
-- statement's answers that count come in, and the pairs they make with
-- the response's other answers, both ways. Written for the submission's
-- path: one statement on the transition table, the response and its
-- campaign's form read once, the periods set aside by one indexed probe
-- per response, no array and no function called per row (the general
-- function above, through answer_count_apply, made a submission about
-- 4.7 times slower).
CREATE FUNCTION qualimetre.answer_count_inserted() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	DECLARE
		sh smallint := pg_backend_pid() % 16;
	BEGIN
		WITH resp AS (SELECT r.id, r.campaign_id AS c,
			coalesce(r.lang, '') AS lang, c.form_id
			FROM qualimetre.response r
			JOIN qualimetre.campaign c ON c.id = r.campaign_id
			WHERE r.id IN (SELECT response_id FROM new_rows)
			AND NOT (r.channel = 'web' AND EXISTS (SELECT 1
			    FROM qualimetre.set_aside w
			    WHERE w.campaign_id = r.campaign_id
			    AND w.lifted_at IS NULL
			    AND r.submitted_at >= lower(w.period)
			    AND r.submitted_at < upper(w.period)))),
		nw AS (SELECT a.response_id AS r, resp.c, resp.lang,
			resp.form_id, a.question AS q, a.value AS v
			FROM new_rows a JOIN resp ON resp.id = a.response_id
			WHERE a.value IS NOT NULL),
		-- The response's answers from before the statement: none
		-- for a submission (one probe of the answer's unique index).
		ex AS (SELECT a.response_id AS r, resp.c, resp.form_id,
			a.question AS q, a.value AS v
			FROM qualimetre.answer a JOIN resp ON resp.id = a.response_id
			WHERE a.value IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM nw WHERE nw.r = a.response_id
			    AND nw.q = a.question AND nw.v = a.value)),
		al AS (SELECT nw.r, nw.q, nw.v, true AS fresh FROM nw
			UNION ALL SELECT ex.r, ex.q, ex.v, false FROM ex),
		g AS (SELECT t.r, t.c, t.q, t.v, t.fresh
			FROM (SELECT nw.r, nw.c, nw.form_id, nw.q, nw.v,
			    true AS fresh FROM nw
			    UNION ALL SELECT ex.r, ex.c, ex.form_id, ex.q, ex.v,
			    false FROM ex) AS t
			JOIN qualimetre.form_breakdown b
			ON b.form_id = t.form_id AND b.question = t.q),
		k AS (INSERT INTO qualimetre.answer_count AS k
			(campaign_id, question, value, shard, n)
			SELECT nw.c, nw.q, nw.v, sh, count(*)
			FROM nw GROUP BY nw.c, nw.q, nw.v
			ON CONFLICT (campaign_id, question, value, shard)
			DO UPDATE SET n = k.n + excluded.n)
		INSERT INTO qualimetre.answer_pair_count AS k
			(campaign_id, by_question, by_value, question, value,
			shard, n)
		SELECT p.c, p.bq, p.bv, p.q, p.v, sh, count(*)
		FROM (SELECT g.c, g.q AS bq, g.v AS bv, a.q, a.v
			FROM g JOIN al a ON a.r = g.r AND (g.fresh OR a.fresh)
			UNION ALL
			SELECT nw.c, '_langue', nw.lang, nw.q, nw.v FROM nw) AS p
		GROUP BY p.c, p.bq, p.bv, p.q, p.v
		ON CONFLICT (campaign_id, by_question, by_value, question, value,
			shard)
		DO UPDATE SET n = k.n + excluded.n;
		RETURN NULL;
	END
	$$;
ALTER FUNCTION qualimetre.answer_count_inserted() OWNER TO qualimetre_owner;

CREATE TRIGGER answer_count_insert AFTER INSERT ON qualimetre.answer
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION qualimetre.answer_count_inserted();
CREATE TRIGGER answer_count_update AFTER UPDATE ON qualimetre.answer
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION qualimetre.answer_count_answers();
CREATE TRIGGER answer_count_delete AFTER DELETE ON qualimetre.answer
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION qualimetre.answer_count_answers();

-- Emptied answers: no count is left (TRUNCATE fires no row event).
CREATE FUNCTION qualimetre.answer_count_truncate() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	BEGIN
		IF TG_TABLE_NAME = 'response' THEN
			TRUNCATE qualimetre.response_count,
			    qualimetre.response_slot_count;
		END IF;
		TRUNCATE qualimetre.answer_count, qualimetre.answer_pair_count;
		RETURN NULL;
	END
	$$;
ALTER FUNCTION qualimetre.answer_count_truncate() OWNER TO qualimetre_owner;
CREATE TRIGGER answer_count_truncate AFTER TRUNCATE ON qualimetre.answer
	FOR EACH STATEMENT EXECUTE FUNCTION qualimetre.answer_count_truncate();
CREATE TRIGGER response_count_truncate AFTER TRUNCATE ON qualimetre.response
	FOR EACH STATEMENT EXECUTE FUNCTION qualimetre.answer_count_truncate();

-- A response deleted: its answers go first, while the response still
-- says whether it was set aside and in which language; the foreign key's
-- cascade then finds none. The same as the cascade, as the owner.
CREATE FUNCTION qualimetre.response_drop_answers() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	BEGIN
		DELETE FROM qualimetre.answer a
		WHERE a.response_id = OLD.id
		AND a.campaign_id = OLD.campaign_id;
		RETURN OLD;
	END
	$$;
ALTER FUNCTION qualimetre.response_drop_answers() OWNER TO qualimetre_owner;
CREATE TRIGGER response_drop_answers BEFORE DELETE ON qualimetre.response
	FOR EACH ROW EXECUTE FUNCTION qualimetre.response_drop_answers();

-- Responses updated (their time, channel or language: whether they are
-- set aside, how they break down) or deleted.
CREATE FUNCTION qualimetre.response_count_responses() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	DECLARE
		done bigint;
	BEGIN
		IF TG_OP = 'DELETE' THEN
			-- Their answers are gone already
			-- (response_drop_answers).
			SELECT qualimetre.answer_count_responses(false,
			    array_agg(-1), array_agg(r.id),
			    array_agg(r.campaign_id), array_agg(r.lang),
			    array_agg(r.submitted_at), array_agg(r.channel),
			    array_agg(r.withdrawn_at IS NOT NULL),
			    array_agg(qualimetre.response_set_aside(
			    r.campaign_id, r.channel, r.submitted_at)),
			    array_agg(r.confirmed))
			INTO done FROM old_rows r
			WHERE EXISTS (SELECT 1 FROM qualimetre.campaign c
			    WHERE c.id = r.campaign_id);
		ELSE
			WITH o AS (SELECT o.id, o.campaign_id, o.lang,
				o.submitted_at, o.channel,
				o.withdrawn_at IS NOT NULL AS withdrawn,
				qualimetre.response_set_aside(o.campaign_id,
				    o.channel, o.submitted_at) AS aside,
				o.confirmed
				FROM old_rows o),
			n AS (SELECT n.id, n.campaign_id, n.lang,
				n.submitted_at, n.channel,
				n.withdrawn_at IS NOT NULL AS withdrawn,
				qualimetre.response_set_aside(n.campaign_id,
				    n.channel, n.submitted_at) AS aside,
				n.confirmed
				FROM new_rows n),
			ch AS (SELECT o.id FROM o JOIN n USING (id)
				WHERE (o.campaign_id, o.lang,
				    qualimetre.response_slot(o.submitted_at),
				    o.channel, o.withdrawn, o.aside,
				    o.confirmed)
				    IS DISTINCT FROM (n.campaign_id, n.lang,
				    qualimetre.response_slot(n.submitted_at),
				    n.channel, n.withdrawn, n.aside,
				    n.confirmed)),
			x AS (SELECT -1 AS sign, o.* FROM o
				WHERE o.id IN (SELECT id FROM ch)
				UNION ALL
				SELECT 1, n.* FROM n
				WHERE n.id IN (SELECT id FROM ch))
			SELECT qualimetre.answer_count_responses(true,
			    array_agg(x.sign), array_agg(x.id),
			    array_agg(x.campaign_id), array_agg(x.lang),
			    array_agg(x.submitted_at), array_agg(x.channel),
			    array_agg(x.withdrawn), array_agg(x.aside),
			    array_agg(x.confirmed))
			INTO done FROM x HAVING count(*) > 0;
		END IF;
		RETURN NULL;
	END
	$$;
ALTER FUNCTION qualimetre.response_count_responses()
	OWNER TO qualimetre_owner;

-- Responses inserted: they have no answer yet, or they come in the same
-- statement and answer_count_inserted adds them; only the responses are
-- counted here, as answer_count_responses would, in one statement on
-- the transition table (the submission's path).
CREATE FUNCTION qualimetre.response_count_inserted() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	DECLARE
		sh smallint := pg_backend_pid() % 16;
	BEGIN
		WITH x AS (SELECT r.campaign_id AS c, r.submitted_at AS at,
			r.channel, r.withdrawn_at IS NOT NULL AS withdrawn,
			r.confirmed,
			r.channel = 'web' AND EXISTS (SELECT 1
			    FROM qualimetre.set_aside w
			    WHERE w.campaign_id = r.campaign_id
			    AND w.lifted_at IS NULL
			    AND r.submitted_at >= lower(w.period)
			    AND r.submitted_at < upper(w.period)) AS aside
			FROM new_rows r),
		n AS (INSERT INTO qualimetre.response_count AS k
			(campaign_id, shard, counted, set_aside, confirmed)
			SELECT x.c, sh, count(*) FILTER (WHERE NOT x.withdrawn),
			    count(*) FILTER (WHERE x.aside),
			    count(*) FILTER (WHERE x.confirmed)
			FROM x GROUP BY x.c
			ON CONFLICT (campaign_id, shard) DO UPDATE
			SET counted = k.counted + excluded.counted,
			    set_aside = k.set_aside + excluded.set_aside,
			    confirmed = k.confirmed + excluded.confirmed)
		INSERT INTO qualimetre.response_slot_count AS k
			(campaign_id, slot, channel, shard, n, counted, set_aside)
		-- qualimetre.response_slot(x.at), inline: a call costs
		-- more than the rest of the statement.
		SELECT x.c,
		    to_timestamp(floor(extract(epoch FROM x.at) / 900) * 900),
		    x.channel, sh, count(*),
		    count(*) FILTER (WHERE NOT x.withdrawn AND NOT x.aside),
		    count(*) FILTER (WHERE x.aside)
		FROM x GROUP BY 1, 2, 3
		ON CONFLICT (campaign_id, slot, channel, shard) DO UPDATE
		SET n = k.n + excluded.n,
		    counted = k.counted + excluded.counted,
		    set_aside = k.set_aside + excluded.set_aside;
		RETURN NULL;
	END
	$$;
ALTER FUNCTION qualimetre.response_count_inserted()
	OWNER TO qualimetre_owner;

CREATE TRIGGER response_count_insert AFTER INSERT ON qualimetre.response
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT
	EXECUTE FUNCTION qualimetre.response_count_inserted();
CREATE TRIGGER response_count_update AFTER UPDATE ON qualimetre.response
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT
	EXECUTE FUNCTION qualimetre.response_count_responses();
CREATE TRIGGER response_count_delete AFTER DELETE ON qualimetre.response
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT
	EXECUTE FUNCTION qualimetre.response_count_responses();

-- Periods set aside, lifted (or deleted with their campaign): the web
-- responses whose state changes leave or come back, with every answer.
-- A response's state before the statement is read from the windows in
-- force then: those now, less the statement's new rows, plus its old.
CREATE FUNCTION qualimetre.answer_count_set_aside() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	DECLARE
		w_id bigint[] := '{}'; w_c bigint[] := '{}';
		w_p tstzrange[] := '{}'; w_l boolean[] := '{}';
		o_c bigint[] := '{}'; o_p tstzrange[] := '{}';
		o_l boolean[] := '{}';
		done bigint;
	BEGIN
		IF TG_OP IN ('INSERT', 'UPDATE') THEN
			SELECT coalesce(array_agg(id), '{}'),
			    coalesce(array_agg(campaign_id), '{}'),
			    coalesce(array_agg(period), '{}'),
			    coalesce(array_agg(lifted_at IS NULL), '{}')
			INTO w_id, w_c, w_p, w_l FROM new_rows;
		END IF;
		IF TG_OP IN ('UPDATE', 'DELETE') THEN
			SELECT coalesce(array_agg(campaign_id), '{}'),
			    coalesce(array_agg(period), '{}'),
			    coalesce(array_agg(lifted_at IS NULL), '{}')
			INTO o_c, o_p, o_l FROM old_rows;
		END IF;
		WITH nw AS (SELECT * FROM unnest(w_id, w_c, w_p, w_l)
			AS t(id, c, p, live)),
		ol AS (SELECT * FROM unnest(o_c, o_p, o_l) AS t(c, p, live)),
		touched AS (SELECT c, p FROM nw UNION SELECT c, p FROM ol),
		r AS (SELECT DISTINCT r.id, r.campaign_id, r.lang,
			r.withdrawn_at IS NOT NULL AS withdrawn, r.submitted_at,
			r.confirmed
			FROM touched t JOIN qualimetre.response r
			ON r.campaign_id = t.c AND r.channel = 'web'
			AND r.submitted_at >= lower(t.p)
			AND r.submitted_at < upper(t.p)),
		st AS (SELECT r.*,
			NOT EXISTS (SELECT 1 FROM qualimetre.set_aside w
			    WHERE w.campaign_id = r.campaign_id
			    AND w.lifted_at IS NULL
			    AND r.submitted_at >= lower(w.period)
			    AND r.submitted_at < upper(w.period))
			AS counted_now,
			NOT (EXISTS (SELECT 1 FROM qualimetre.set_aside w
			    WHERE w.campaign_id = r.campaign_id
			    AND w.lifted_at IS NULL
			    AND w.id NOT IN (SELECT id FROM nw)
			    AND r.submitted_at >= lower(w.period)
			    AND r.submitted_at < upper(w.period))
			OR EXISTS (SELECT 1 FROM ol
			    WHERE ol.c = r.campaign_id AND ol.live
			    AND r.submitted_at >= lower(ol.p)
			    AND r.submitted_at < upper(ol.p)))
			AS counted_before
			FROM r),
		x AS (SELECT -1 AS sign, st.id, st.campaign_id, st.lang,
			st.submitted_at, NOT st.counted_before AS aside,
			st.withdrawn, st.confirmed
			FROM st WHERE st.counted_before <> st.counted_now
			UNION ALL
			SELECT 1, st.id, st.campaign_id, st.lang,
			st.submitted_at, NOT st.counted_now, st.withdrawn,
			st.confirmed
			FROM st WHERE st.counted_before <> st.counted_now)
		SELECT qualimetre.answer_count_responses(true,
			array_agg(x.sign), array_agg(x.id),
			array_agg(x.campaign_id), array_agg(x.lang),
			array_agg(x.submitted_at), array_agg('web'::text),
			array_agg(x.withdrawn), array_agg(x.aside),
			array_agg(x.confirmed))
		INTO done
		FROM x
		WHERE EXISTS (SELECT 1 FROM qualimetre.campaign c
		    WHERE c.id = x.campaign_id);
		RETURN NULL;
	END
	$$;
ALTER FUNCTION qualimetre.answer_count_set_aside() OWNER TO qualimetre_owner;

CREATE TRIGGER answer_count_set_aside_insert AFTER INSERT
	ON qualimetre.set_aside REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION qualimetre.answer_count_set_aside();
CREATE TRIGGER answer_count_set_aside_update AFTER UPDATE
	ON qualimetre.set_aside
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION qualimetre.answer_count_set_aside();
CREATE TRIGGER answer_count_set_aside_delete AFTER DELETE
	ON qualimetre.set_aside REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION qualimetre.answer_count_set_aside();

-- ---------------------------------------------------------------- rebuild

-- Campaign p_campaign's counts computed again from its answers and
-- responses, as the views give them (shard 0). Returns its answers
-- counted. For the backfill, and data loaded without the triggers.
CREATE FUNCTION qualimetre.answer_count_rebuild(p_campaign bigint)
	RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	-- The pairs of a million responses join in memory.
	SET work_mem = '256MB'
	AS $$
	DECLARE
		total bigint;
	BEGIN
		DELETE FROM qualimetre.answer_count
		WHERE campaign_id = p_campaign;
		DELETE FROM qualimetre.answer_pair_count
		WHERE campaign_id = p_campaign;
		DELETE FROM qualimetre.response_count
		WHERE campaign_id = p_campaign;
		DELETE FROM qualimetre.response_slot_count
		WHERE campaign_id = p_campaign;
		INSERT INTO qualimetre.response_count
		    (campaign_id, shard, counted, set_aside, confirmed)
		SELECT p_campaign, 0,
		    (SELECT count(*) FROM qualimetre.counted_response r
		    WHERE r.campaign_id = p_campaign),
		    (SELECT count(*) FROM qualimetre.set_aside_response x
		    WHERE x.campaign_id = p_campaign),
		    (SELECT count(*) FROM qualimetre.response r
		    WHERE r.campaign_id = p_campaign AND r.confirmed);
		INSERT INTO qualimetre.response_slot_count
		    (campaign_id, slot, channel, shard, n, counted, set_aside)
		SELECT p_campaign, qualimetre.response_slot(r.submitted_at),
		    r.channel, 0, count(*), count(*) FILTER (WHERE
		    r.withdrawn_at IS NULL AND u.id IS NULL), count(u.id)
		FROM qualimetre.response r
		LEFT JOIN qualimetre.set_aside_response u ON u.id = r.id
		WHERE r.campaign_id = p_campaign
		GROUP BY 2, 3;
		CREATE TEMPORARY TABLE answer_count_rebuild ON COMMIT DROP AS
		SELECT a.response_id AS r, a.question AS q, a.value AS v,
		    r.lang
		FROM qualimetre.answer a
		JOIN qualimetre.response r ON r.id = a.response_id
		WHERE a.campaign_id = p_campaign AND a.value IS NOT NULL
		AND a.response_id NOT IN (SELECT x.id
		    FROM qualimetre.set_aside_response x
		    WHERE x.campaign_id = p_campaign);
		INSERT INTO qualimetre.answer_count
		    (campaign_id, question, value, shard, n)
		SELECT p_campaign, q, v, 0, count(*)
		FROM answer_count_rebuild GROUP BY q, v;
		GET DIAGNOSTICS total = ROW_COUNT;
		INSERT INTO qualimetre.answer_pair_count
		    (campaign_id, by_question, by_value, question, value,
		    shard, n)
		SELECT p_campaign, g.q, g.v, a.q, a.v, 0, count(*)
		FROM answer_count_rebuild g
		JOIN answer_count_rebuild a ON a.r = g.r
		WHERE g.q IN (SELECT b.question FROM qualimetre.form_breakdown b
		    JOIN qualimetre.campaign c ON c.form_id = b.form_id
		    WHERE c.id = p_campaign)
		GROUP BY g.q, g.v, a.q, a.v;
		INSERT INTO qualimetre.answer_pair_count
		    (campaign_id, by_question, by_value, question, value,
		    shard, n)
		SELECT p_campaign, '_langue', coalesce(lang, ''), q, v, 0,
		    count(*)
		FROM answer_count_rebuild GROUP BY lang, q, v;
		DROP TABLE answer_count_rebuild;
		RETURN total;
	END
	$$;
ALTER FUNCTION qualimetre.answer_count_rebuild(bigint)
	OWNER TO qualimetre_owner;

-- --------------------------------------------------------------- backfill

INSERT INTO qualimetre.form_breakdown (form_id, question)
SELECT f.id, q FROM qualimetre.form f,
	qualimetre.form_breakdown_questions(f.xml) AS q;
DO $$
BEGIN
	PERFORM qualimetre.answer_count_rebuild(c.id)
	FROM qualimetre.campaign c;
END
$$;

-- ---------------------------------------------------------------- grants
-- The triggers run as the owner: the survey and mystery roles get
-- nothing here. The referent reads the counts of their own sites, as
-- they read the answers (sql/008).

REVOKE ALL ON FUNCTION qualimetre.form_breakdown_questions(text),
	qualimetre.form_breakdown_fill(),
	qualimetre.response_set_aside(bigint, text, timestamptz),
	qualimetre.answer_count_apply(integer[], uuid[], bigint[], text[],
	    text[], text[]),
	qualimetre.answer_count_responses(boolean, integer[], uuid[],
	    bigint[], text[], timestamptz[], text[], boolean[], boolean[],
	    boolean[]),
	qualimetre.response_slot(timestamptz),
	qualimetre.answer_count_answers(),
	qualimetre.answer_count_inserted(),
	qualimetre.response_count_inserted(),
	qualimetre.answer_count_truncate(),
	qualimetre.response_drop_answers(),
	qualimetre.response_count_responses(),
	qualimetre.answer_count_set_aside(),
	qualimetre.answer_count_rebuild(bigint) FROM PUBLIC;

-- Who reads which counts: a referent, those of the campaigns of the sites
-- they plan (qualimetre.user_plans_site, sql/007); an admin, all. Each is
-- computed once per statement (an InitPlan in the policies below), where
-- a policy calling user_plans_site would call it for every campaign of
-- every row read.
CREATE FUNCTION qualimetre.user_reads_all_counts() RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (SELECT 1 FROM qualimetre.app_user u
		WHERE u.id = qualimetre.current_user_id() AND NOT u.disabled
		AND u.role = 'admin')
	$$;
ALTER FUNCTION qualimetre.user_reads_all_counts() OWNER TO qualimetre_owner;
CREATE FUNCTION qualimetre.user_count_campaigns() RETURNS bigint[]
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT ARRAY(SELECT c.id FROM qualimetre.app_user u
		JOIN qualimetre.user_site us ON us.user_id = u.id
		JOIN qualimetre.campaign c ON c.site_id = us.site_id
		WHERE u.id = qualimetre.current_user_id() AND NOT u.disabled
		AND u.role = 'referent')
	$$;
ALTER FUNCTION qualimetre.user_count_campaigns() OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.user_reads_all_counts(),
	qualimetre.user_count_campaigns() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.user_reads_all_counts(),
	qualimetre.user_count_campaigns() TO qualimetre_referent;

GRANT SELECT ON qualimetre.form_breakdown TO qualimetre_referent;
GRANT SELECT ON qualimetre.answer_count, qualimetre.answer_pair_count,
	qualimetre.response_count, qualimetre.response_slot_count
	TO qualimetre_referent;
ALTER TABLE qualimetre.answer_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE qualimetre.answer_pair_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE qualimetre.response_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE qualimetre.response_slot_count ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_counts ON qualimetre.answer_count
	FOR SELECT TO qualimetre_referent
	USING ((SELECT qualimetre.user_reads_all_counts())
		OR campaign_id = ANY ((SELECT
		    qualimetre.user_count_campaigns())::bigint[]));
CREATE POLICY referent_reads_own_pair_counts ON qualimetre.answer_pair_count
	FOR SELECT TO qualimetre_referent
	USING ((SELECT qualimetre.user_reads_all_counts())
		OR campaign_id = ANY ((SELECT
		    qualimetre.user_count_campaigns())::bigint[]));
CREATE POLICY referent_reads_own_response_counts ON qualimetre.response_count
	FOR SELECT TO qualimetre_referent
	USING ((SELECT qualimetre.user_reads_all_counts())
		OR campaign_id = ANY ((SELECT
		    qualimetre.user_count_campaigns())::bigint[]));
CREATE POLICY referent_reads_own_slot_counts ON qualimetre.response_slot_count
	FOR SELECT TO qualimetre_referent
	USING ((SELECT qualimetre.user_reads_all_counts())
		OR campaign_id = ANY ((SELECT
		    qualimetre.user_count_campaigns())::bigint[]));

-- The referent's statements are short: compiling one with LLVM (JIT,
-- which a cost estimate of the breakdown by another question may
-- trigger even when that branch reads nothing) takes a second, where
-- the statement takes a few milliseconds.
ALTER ROLE qualimetre_referent SET jit = off;
