-- qualimetre purge (issue 12, item 9): what the administrator's command
-- may delete on its schedule, and nothing more. Expired or idle sessions
-- it deletes itself (qualimetre_admin already may, sql/003); audit rows
-- only through audit_purge, which never deletes a row younger than 180
-- days, so that a compromised admin role cannot erase a recent trail.

CREATE FUNCTION qualimetre.audit_purge(p_keep_days integer)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	n	bigint;
BEGIN
	IF p_keep_days IS NULL OR p_keep_days < 180 OR p_keep_days > 3650 THEN
		RAISE EXCEPTION 'audit rows are kept 180 to 3650 days, not %',
			p_keep_days USING ERRCODE = '22023';
	END IF;
	DELETE FROM qualimetre.audit_log
		WHERE at < now() - make_interval(days => p_keep_days);
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

REVOKE ALL ON FUNCTION qualimetre.audit_purge(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.audit_purge(integer) TO qualimetre_admin;

-- What was typed in a login field that matched no account may be a
-- password: from now on the attempt is audited without it, and the rows
-- of before keep the attempt, not the text.
UPDATE qualimetre.audit_log SET login = NULL
	WHERE event = 'login-unknown' AND user_id IS NULL;
