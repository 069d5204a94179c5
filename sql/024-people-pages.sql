-- The people pages (/referent/personnes and a page per person,
-- cgi/referent/people.c): the list shows when each account last logged
-- in, a person's page changes their role and all their sites in one form,
-- and resets their password. As in sql/010, accounts change only through
-- SECURITY DEFINER functions that check the caller inside and write the
-- audit log; the referent's role gets no new right on app_user.
--
-- staff_set_site (sql/010), one site at a time, gives way to
-- staff_update, which sets the role and the whole list of sites at once:
-- the pages no longer call it, so no role keeps it.

-- The logins of one account, newest first: the list's last login.
CREATE INDEX audit_log_login_idx ON qualimetre.audit_log (user_id, at)
	WHERE event = 'login';

-- staff_list gains the account's creation and last login, and reads one
-- account when p_user is given (NULL: every account the caller sees).
DROP FUNCTION qualimetre.staff_list();
CREATE FUNCTION qualimetre.staff_list(p_user bigint DEFAULT NULL)
	RETURNS TABLE (id bigint, login text, display_name text, role text,
	    disabled boolean, sites text, site_ids text, manageable boolean,
	    created_at timestamptz, last_login timestamptz)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT u.id, u.login, u.display_name, u.role, u.disabled,
	    coalesce(string_agg(s.code, ' ' ORDER BY s.code), ''),
	    coalesce(string_agg(s.id::text, ' ' ORDER BY s.code), ''),
	    qualimetre.user_manages(u.id), u.created_at,
	    (SELECT max(a.at) FROM qualimetre.audit_log a
		WHERE a.user_id = u.id AND a.event = 'login')
	FROM qualimetre.app_user u
	LEFT JOIN qualimetre.user_site us ON us.user_id = u.id
	    AND qualimetre.user_plans_site(us.site_id)
	LEFT JOIN qualimetre.site s ON s.id = us.site_id
	WHERE (p_user IS NULL OR u.id = p_user)
	AND (qualimetre.user_is_admin() OR us.site_id IS NOT NULL)
	GROUP BY u.id
	ORDER BY u.role, u.display_name, u.login
	$$;

-- Sets the role (enquirer or referent) and the sites (at least one) of
-- an enquirer or a referent; an admin's only, and never an admin's
-- account (those are the command's). Writes one audit line per change,
-- as staff_set_site did for a site. Returns whether anything changed;
-- refused with 42501, an empty list with 23514, an unknown site on the
-- foreign key (23503).
CREATE FUNCTION qualimetre.staff_update(p_user bigint, p_role text,
    p_sites bigint[])
	RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	v_me	bigint := qualimetre.current_user_id();
	v_me_login text;
	v_login	text;
	v_role	text;
	v_sites	bigint[];
	v_n	bigint;
	v_changed boolean := false;
BEGIN
	SELECT t.login, t.role INTO v_login, v_role
	FROM qualimetre.app_user t WHERE t.id = p_user FOR UPDATE;
	IF NOT qualimetre.user_is_admin() OR v_role IS NULL
	    OR v_role NOT IN ('enquirer', 'referent')
	    OR p_role IS NULL OR p_role NOT IN ('enquirer', 'referent') THEN
		RAISE EXCEPTION 'staff_update: not allowed'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	SELECT coalesce(array_agg(DISTINCT s ORDER BY s), '{}') INTO v_sites
	FROM unnest(coalesce(p_sites, '{}')) s WHERE s IS NOT NULL;
	IF cardinality(v_sites) = 0 THEN
		RAISE EXCEPTION 'staff_update: no site'
			USING ERRCODE = 'check_violation';
	END IF;
	SELECT me.login INTO v_me_login
	FROM qualimetre.app_user me WHERE me.id = v_me;

	IF v_role <> p_role THEN
		UPDATE qualimetre.app_user SET role = p_role WHERE id = p_user;
		INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
		VALUES (v_me, v_me_login, 'staff-role',
		    format('%s, %s -> %s', v_login, v_role, p_role));
		v_changed := true;
	END IF;

	WITH d AS (DELETE FROM qualimetre.user_site us
		WHERE us.user_id = p_user AND us.site_id <> ALL (v_sites)
		RETURNING us.site_id)
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	SELECT v_me, v_me_login, 'staff-site-remove',
	    format('%s, site %s', v_login, s.code)
	FROM d JOIN qualimetre.site s ON s.id = d.site_id;
	GET DIAGNOSTICS v_n = ROW_COUNT;
	v_changed := v_changed OR v_n > 0;

	WITH i AS (INSERT INTO qualimetre.user_site (user_id, site_id)
		SELECT p_user, s FROM unnest(v_sites) s
		ON CONFLICT DO NOTHING RETURNING site_id)
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	SELECT v_me, v_me_login, 'staff-site-add',
	    format('%s, site %s', v_login, s.code)
	FROM i JOIN qualimetre.site s ON s.id = i.site_id;
	GET DIAGNOSTICS v_n = ROW_COUNT;
	RETURN v_changed OR v_n > 0;
END
$$;

-- Gives an account the caller manages (qualimetre.user_manages: an admin
-- any account but their own, a referent the enquirers of their sites) a
-- new password hash, clears its failures and lock, and ends its open
-- sessions. Returns false when no such account exists; refused with
-- 42501 otherwise.
CREATE FUNCTION qualimetre.staff_reset_password(p_user bigint,
    p_hash text)
	RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	v_me	bigint := qualimetre.current_user_id();
	v_target text;
BEGIN
	IF p_hash IS NULL OR NOT qualimetre.user_manages(p_user) THEN
		RAISE EXCEPTION 'staff_reset_password: not allowed'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	UPDATE qualimetre.app_user SET password_hash = p_hash,
	    failed_logins = 0, last_failed_at = NULL, locked_until = NULL
	WHERE id = p_user
	RETURNING login INTO v_target;
	IF v_target IS NULL THEN
		RETURN false;
	END IF;
	DELETE FROM qualimetre.session WHERE user_id = p_user;
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	SELECT v_me, u.login, 'staff-password-reset', v_target
	FROM qualimetre.app_user u WHERE u.id = v_me;
	RETURN true;
END
$$;

ALTER FUNCTION qualimetre.staff_list(bigint) OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.staff_update(bigint, text, bigint[])
	OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.staff_reset_password(bigint, text)
	OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.staff_list(bigint),
	qualimetre.staff_update(bigint, text, bigint[]),
	qualimetre.staff_reset_password(bigint, text),
	qualimetre.staff_set_site(bigint, bigint, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION qualimetre.staff_set_site(bigint, bigint, boolean)
	FROM qualimetre_referent;
GRANT EXECUTE ON FUNCTION qualimetre.staff_list(bigint),
	qualimetre.staff_update(bigint, text, bigint[]),
	qualimetre.staff_reset_password(bigint, text) TO qualimetre_referent;
