-- Recording mystery contacts: an enquirer inserts a response (channel
-- call or email) with its answers in a campaign where they hold slots,
-- while it is open, in one of their own slots or outside any slot; and
-- corrects their own entries until the campaign closes. Row-level
-- security keyed on the logged-in user (qualimetre.current_user_id())
-- enforces all of it in the database, not only in C.

-- Whether the logged-in user may write in this campaign today: a mystery
-- campaign, open at its site's date, where they hold a slot.
CREATE FUNCTION qualimetre.mystery_campaign_writable(p_campaign bigint)
	RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (
		SELECT 1
		FROM qualimetre.campaign c
		JOIN qualimetre.site s ON s.id = c.site_id
		WHERE c.id = p_campaign
		AND c.kind IN ('mystery-call', 'mystery-email')
		AND (now() AT TIME ZONE s.timezone)::date
			BETWEEN c.opens_on AND c.closes_on
		AND EXISTS (SELECT 1 FROM qualimetre.slot sl
			WHERE sl.campaign_id = c.id
			AND sl.enquirer_id = qualimetre.current_user_id()))
	$$;
ALTER FUNCTION qualimetre.mystery_campaign_writable(bigint) OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.mystery_campaign_writable(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.mystery_campaign_writable(bigint) TO qualimetre_mystery;

GRANT INSERT (id, campaign_id, channel, entered_by, form_token, slot_id)
	ON qualimetre.response TO qualimetre_mystery;
GRANT UPDATE (updated_at) ON qualimetre.response TO qualimetre_mystery;
GRANT SELECT, INSERT, DELETE ON qualimetre.answer TO qualimetre_mystery;

CREATE POLICY mystery_records_own_entries ON qualimetre.response
	FOR INSERT TO qualimetre_mystery
	WITH CHECK (
		entered_by = qualimetre.current_user_id()
		AND channel IN ('call', 'email')
		AND qualimetre.mystery_campaign_writable(campaign_id)
		AND (slot_id IS NULL OR EXISTS (
			SELECT 1 FROM qualimetre.slot sl
			WHERE sl.id = slot_id
			AND sl.campaign_id = response.campaign_id
			AND sl.enquirer_id = qualimetre.current_user_id())));

CREATE POLICY mystery_corrects_own_entries ON qualimetre.response
	FOR UPDATE TO qualimetre_mystery
	USING (entered_by = qualimetre.current_user_id()
		AND qualimetre.mystery_campaign_writable(campaign_id))
	WITH CHECK (entered_by = qualimetre.current_user_id());

-- Answers follow their response: readable while it is the user's own,
-- writable while its campaign is open.
CREATE POLICY mystery_reads_own_answers ON qualimetre.answer
	FOR SELECT TO qualimetre_mystery
	USING (EXISTS (SELECT 1 FROM qualimetre.response r
		WHERE r.id = response_id
		AND r.entered_by = qualimetre.current_user_id()));
CREATE POLICY mystery_writes_own_answers ON qualimetre.answer
	FOR INSERT TO qualimetre_mystery
	WITH CHECK (EXISTS (SELECT 1 FROM qualimetre.response r
		WHERE r.id = response_id
		AND r.entered_by = qualimetre.current_user_id()
		AND qualimetre.mystery_campaign_writable(r.campaign_id)));
CREATE POLICY mystery_deletes_own_answers ON qualimetre.answer
	FOR DELETE TO qualimetre_mystery
	USING (EXISTS (SELECT 1 FROM qualimetre.response r
		WHERE r.id = response_id
		AND r.entered_by = qualimetre.current_user_id()
		AND qualimetre.mystery_campaign_writable(r.campaign_id)));
