-- A mystery campaign shortened or extended by its planner (issue 13, item
-- 1; cgi/referent/slots.c). The referent's role otherwise updates a
-- mystery campaign only to cancel it (sql/032), so its dates change
-- through this function alone, which keeps the planning's terms: the
-- user plans the campaign, which is not cancelled; the period is whole
-- and shorter than a year (PLAN_DAYS_MAX, cgi/calendar/plan.h); a
-- campaign that has opened keeps its first day; no day already past is
-- cut; every slot, recorded or not, lies inside the new period (move
-- those outside first). Refused with check_violation (23514); returns
-- false when the user does not plan such a campaign. The change and its
-- before and after are in the audit log, in the same transaction.
CREATE FUNCTION qualimetre.mystery_campaign_period(p_campaign bigint,
	p_opens date, p_closes date) RETURNS boolean
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v	record;
	v_today	date;
BEGIN
	IF p_opens IS NULL OR p_closes IS NULL
	    OR NOT qualimetre.user_plans_campaign(p_campaign) THEN
		RETURN false;
	END IF;
	SELECT c.opens_on, c.closes_on, c.kind, c.cancelled_at, s.timezone
	INTO v
	FROM qualimetre.campaign c JOIN qualimetre.site s ON s.id = c.site_id
	WHERE c.id = p_campaign
	FOR UPDATE OF c;
	IF NOT FOUND OR v.kind NOT IN ('mystery-call', 'mystery-email')
	    OR v.cancelled_at IS NOT NULL THEN
		RETURN false;
	END IF;
	v_today := (now() AT TIME ZONE v.timezone)::date;
	IF p_closes < p_opens OR p_closes - p_opens >= 366 THEN
		RAISE EXCEPTION 'campaign %: % to % is not a period', p_campaign,
			p_opens, p_closes USING ERRCODE = 'check_violation';
	END IF;
	IF v.opens_on <= v_today AND p_opens <> v.opens_on THEN
		RAISE EXCEPTION 'campaign %: it has opened, its first day stays',
			p_campaign USING ERRCODE = 'check_violation';
	END IF;
	IF p_opens < v_today AND p_opens <> v.opens_on
	    OR p_closes < v_today THEN
		RAISE EXCEPTION 'campaign %: a day past is not cut or added',
			p_campaign USING ERRCODE = 'check_violation';
	END IF;
	IF EXISTS (SELECT 1 FROM qualimetre.slot sl
	    WHERE sl.campaign_id = p_campaign
	    AND (sl.day < p_opens OR sl.day > p_closes)) THEN
		RAISE EXCEPTION 'campaign %: slots lie outside % to %',
			p_campaign, p_opens, p_closes
			USING ERRCODE = 'check_violation';
	END IF;
	UPDATE qualimetre.campaign SET opens_on = p_opens, closes_on = p_closes
	WHERE id = p_campaign;
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	SELECT qualimetre.current_user_id(), (SELECT u.login
		FROM qualimetre.app_user u
		WHERE u.id = qualimetre.current_user_id()),
		'campaign-period', format('campaign %s: from %s – %s to %s – %s',
		p_campaign, v.opens_on, v.closes_on, p_opens, p_closes);
	RETURN true;
END;
$$;
ALTER FUNCTION qualimetre.mystery_campaign_period(bigint, date, date)
	OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.mystery_campaign_period(bigint, date, date)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.mystery_campaign_period(bigint, date, date)
	TO qualimetre_referent;
