-- Sites and people in the referent's program (/referent/sites,
-- /referent/personnes, cgi/referent-admin.c): an admin creates and edits
-- sites and manages every account; a referent creates, disables and
-- enables the enquirers of the sites they are in charge of, and sees
-- only the people of those sites. All of it is enforced here, keyed on
-- the logged-in user (qualimetre.current_user_id(), sql/005), not only
-- by checks in C.
--
-- app_user keeps no row-level security (the login lookup of every staff
-- program reads it before anyone is logged in), and the referent's role
-- gets no INSERT or new UPDATE on it: accounts change only through the
-- SECURITY DEFINER functions below, which check the caller inside and
-- write the audit log. Each is owned by qualimetre_owner, runs with a
-- fixed search_path, and is executable by qualimetre_referent only.
--
-- The national view reads the answers of every site: sql/008's policies
-- already let an admin do so (qualimetre.user_plans_site() is true for an
-- admin on every site); nothing is added for it.

-- Whether the logged-in user is an enabled admin.
CREATE FUNCTION qualimetre.user_is_admin()
	RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT EXISTS (
		SELECT 1 FROM qualimetre.app_user u
		WHERE u.id = qualimetre.current_user_id()
		AND u.role = 'admin'
		AND NOT u.disabled)
	$$;

-- Whether the logged-in user may disable or enable account p_user: an
-- admin, any account but their own (no admin locks themselves out); a
-- referent, an enquirer whose sites are all sites the referent plans
-- (so that a referent never stops an enquirer of another site).
-- Not granted to anyone: used by the functions below.
CREATE FUNCTION qualimetre.user_manages(p_user bigint)
	RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT p_user IS DISTINCT FROM qualimetre.current_user_id()
	AND (qualimetre.user_is_admin()
		OR EXISTS (
			SELECT 1 FROM qualimetre.app_user me, qualimetre.app_user t
			WHERE me.id = qualimetre.current_user_id()
			AND me.role = 'referent' AND NOT me.disabled
			AND t.id = p_user AND t.role = 'enquirer'
			AND EXISTS (SELECT 1 FROM qualimetre.user_site us
				WHERE us.user_id = t.id)
			AND NOT EXISTS (SELECT 1 FROM qualimetre.user_site us
				WHERE us.user_id = t.id
				AND NOT qualimetre.user_plans_site(us.site_id))))
	$$;

-- Creates an account and gives it its sites; returns its id. An admin
-- creates any role; a referent only an enquirer, only on sites they
-- plan. A non-admin account needs at least one site. Refused with
-- SQLSTATE 42501 otherwise; a taken login fails on the unique
-- constraint (23505), an unknown site on the foreign key (23503).
CREATE FUNCTION qualimetre.staff_create(p_login text, p_name text,
    p_role text, p_hash text, p_sites bigint[])
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	v_me	bigint := qualimetre.current_user_id();
	v_login	text;
	v_role	text;
	v_id	bigint;
	v_sites	bigint[];
BEGIN
	SELECT u.login, u.role INTO v_login, v_role
	FROM qualimetre.app_user u WHERE u.id = v_me AND NOT u.disabled;
	SELECT coalesce(array_agg(DISTINCT s ORDER BY s), '{}') INTO v_sites
	FROM unnest(coalesce(p_sites, '{}')) s WHERE s IS NOT NULL;
	IF v_role IS NULL OR v_role = 'enquirer' THEN
		RAISE EXCEPTION 'staff_create: not allowed'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF v_role = 'referent' AND (p_role IS DISTINCT FROM 'enquirer'
	    OR EXISTS (SELECT 1 FROM unnest(v_sites) s
		WHERE NOT qualimetre.user_plans_site(s))) THEN
		RAISE EXCEPTION 'staff_create: a referent creates enquirers '
			'of their own sites only'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF p_role IS DISTINCT FROM 'admin' AND cardinality(v_sites) = 0 THEN
		RAISE EXCEPTION 'staff_create: no site'
			USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO qualimetre.app_user (login, display_name, role,
	    password_hash)
	VALUES (p_login, coalesce(p_name, ''), p_role, p_hash)
	RETURNING id INTO v_id;
	INSERT INTO qualimetre.user_site (user_id, site_id)
	SELECT v_id, s FROM unnest(v_sites) s;
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	VALUES (v_me, v_login, 'staff-create',
	    format('%s (%s), sites %s', p_login, p_role,
		(SELECT coalesce(string_agg(s.code, ' ' ORDER BY s.code), '-')
		FROM qualimetre.site s WHERE s.id = ANY (v_sites))));
	RETURN v_id;
END
$$;

-- Disables (p_disabled true) or enables an account the caller manages
-- (qualimetre.user_manages); disabling also ends its open sessions.
-- Returns whether the account changed; refused with 42501 otherwise.
CREATE FUNCTION qualimetre.staff_set_disabled(p_user bigint,
    p_disabled boolean)
	RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	v_me	bigint := qualimetre.current_user_id();
	v_target text;
BEGIN
	IF p_disabled IS NULL OR NOT qualimetre.user_manages(p_user) THEN
		RAISE EXCEPTION 'staff_set_disabled: not allowed'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	UPDATE qualimetre.app_user SET disabled = p_disabled
	WHERE id = p_user AND disabled <> p_disabled
	RETURNING login INTO v_target;
	IF p_disabled THEN
		DELETE FROM qualimetre.session WHERE user_id = p_user;
	END IF;
	IF v_target IS NULL THEN
		RETURN false;
	END IF;
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	SELECT v_me, u.login,
	    CASE WHEN p_disabled THEN 'staff-disable' ELSE 'staff-enable' END,
	    v_target
	FROM qualimetre.app_user u WHERE u.id = v_me;
	RETURN true;
END
$$;

-- Gives (p_on true) or removes a site of an enquirer or a referent; an
-- admin's only. Returns whether anything changed; refused with 42501.
CREATE FUNCTION qualimetre.staff_set_site(p_user bigint, p_site bigint,
    p_on boolean)
	RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	v_me	bigint := qualimetre.current_user_id();
	v_n	bigint;
BEGIN
	IF p_on IS NULL OR NOT qualimetre.user_is_admin() OR NOT EXISTS (
	    SELECT 1 FROM qualimetre.app_user t
	    WHERE t.id = p_user AND t.role IN ('enquirer', 'referent')) THEN
		RAISE EXCEPTION 'staff_set_site: not allowed'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF p_on THEN
		INSERT INTO qualimetre.user_site (user_id, site_id)
		VALUES (p_user, p_site) ON CONFLICT DO NOTHING;
	ELSE
		DELETE FROM qualimetre.user_site
		WHERE user_id = p_user AND site_id = p_site;
	END IF;
	GET DIAGNOSTICS v_n = ROW_COUNT;
	IF v_n = 0 THEN
		RETURN false;
	END IF;
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	SELECT v_me, me.login,
	    CASE WHEN p_on THEN 'staff-site-add' ELSE 'staff-site-remove' END,
	    format('%s, site %s', t.login, s.code)
	FROM qualimetre.app_user me, qualimetre.app_user t, qualimetre.site s
	WHERE me.id = v_me AND t.id = p_user AND s.id = p_site;
	RETURN true;
END
$$;

-- The people the caller may see: an admin, everyone; a referent, the
-- accounts linked to a site they plan, with only those sites' codes;
-- anyone else, nobody. Never a hash, a lock or a failure count.
-- manageable says whether the caller may disable or enable the account.
CREATE FUNCTION qualimetre.staff_list()
	RETURNS TABLE (id bigint, login text, display_name text, role text,
	    disabled boolean, sites text, site_ids text, manageable boolean)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT u.id, u.login, u.display_name, u.role, u.disabled,
	    coalesce(string_agg(s.code, ' ' ORDER BY s.code), ''),
	    coalesce(string_agg(s.id::text, ' ' ORDER BY s.code), ''),
	    qualimetre.user_manages(u.id)
	FROM qualimetre.app_user u
	LEFT JOIN qualimetre.user_site us ON us.user_id = u.id
	    AND qualimetre.user_plans_site(us.site_id)
	LEFT JOIN qualimetre.site s ON s.id = us.site_id
	WHERE qualimetre.user_is_admin() OR us.site_id IS NOT NULL
	GROUP BY u.id
	ORDER BY u.role, u.display_name, u.login
	$$;

ALTER FUNCTION qualimetre.user_is_admin() OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.user_manages(bigint) OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.staff_create(text, text, text, text, bigint[])
	OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.staff_set_disabled(bigint, boolean)
	OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.staff_set_site(bigint, bigint, boolean)
	OWNER TO qualimetre_owner;
ALTER FUNCTION qualimetre.staff_list() OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.user_is_admin(),
	qualimetre.user_manages(bigint),
	qualimetre.staff_create(text, text, text, text, bigint[]),
	qualimetre.staff_set_disabled(bigint, boolean),
	qualimetre.staff_set_site(bigint, bigint, boolean),
	qualimetre.staff_list() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.user_is_admin(),
	qualimetre.staff_create(text, text, text, text, bigint[]),
	qualimetre.staff_set_disabled(bigint, boolean),
	qualimetre.staff_set_site(bigint, bigint, boolean),
	qualimetre.staff_list() TO qualimetre_referent;

-- Sites: created and edited by an admin only. A referent keeps reading
-- their own sites (sql/008), an admin every site.
GRANT INSERT (code, name, department, school_zone, timezone),
	UPDATE (name, school_zone) ON qualimetre.site TO qualimetre_referent;
CREATE POLICY referent_admin_creates_sites ON qualimetre.site
	FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.user_is_admin());
CREATE POLICY referent_admin_edits_sites ON qualimetre.site
	FOR UPDATE TO qualimetre_referent
	USING (qualimetre.user_is_admin())
	WITH CHECK (qualimetre.user_is_admin());
