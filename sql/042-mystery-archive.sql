-- A mystery campaign archived and restored by its planner, as a
-- satisfaction campaign is (sql/032, cgi/referent/lifecycle.c): archived
-- when it is cancelled or its last day has passed, it leaves the
-- referent's main list; restored, it is what it was (cancelled stays).
-- The referent's role otherwise updates a mystery campaign only to cancel
-- it, so the change goes through this function alone, which touches the
-- status columns only and writes the audit log in the same transaction.
-- Returns false when the user does not plan such a campaign or it is not
-- in a state to change. Enquirers record as before: archiving is the
-- referent's list, not the campaign's window (mystery_campaign_writable).
CREATE FUNCTION qualimetre.mystery_campaign_archive(p_campaign bigint,
	p_archive boolean) RETURNS boolean
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_to	text;
	v_from	text;
BEGIN
	IF p_archive IS NULL OR NOT qualimetre.user_plans_campaign(p_campaign)
	THEN
		RETURN false;
	END IF;
	IF p_archive THEN
		UPDATE qualimetre.campaign c SET status = 'archived',
			status_at = now(), status_by = qualimetre.current_user_id()
		FROM qualimetre.site s
		WHERE c.id = p_campaign AND s.id = c.site_id
		AND c.kind IN ('mystery-call', 'mystery-email')
		AND (c.status = 'cancelled' OR (c.status = 'active'
			AND c.closes_on < (now() AT TIME ZONE s.timezone)::date))
		RETURNING CASE WHEN c.cancelled_at IS NOT NULL
			THEN 'cancelled' ELSE 'active' END, 'archived'
		INTO v_from, v_to;
	ELSE
		UPDATE qualimetre.campaign c SET status = CASE
			WHEN c.cancelled_at IS NOT NULL THEN 'cancelled'
			ELSE 'active' END,
			status_at = now(), status_by = qualimetre.current_user_id()
		WHERE c.id = p_campaign
		AND c.kind IN ('mystery-call', 'mystery-email')
		AND c.status = 'archived'
		RETURNING 'archived', c.status INTO v_from, v_to;
	END IF;
	IF v_to IS NULL THEN
		RETURN false;
	END IF;
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	SELECT qualimetre.current_user_id(), (SELECT u.login
		FROM qualimetre.app_user u
		WHERE u.id = qualimetre.current_user_id()),
		CASE WHEN p_archive THEN 'campaign-archive'
		ELSE 'campaign-restore' END,
		format('campaign %s: %s -> %s', p_campaign, v_from, v_to);
	RETURN true;
END;
$$;
ALTER FUNCTION qualimetre.mystery_campaign_archive(bigint, boolean)
	OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.mystery_campaign_archive(bigint, boolean)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.mystery_campaign_archive(bigint, boolean)
	TO qualimetre_referent;
