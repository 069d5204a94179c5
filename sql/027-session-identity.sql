-- Hardened staff accounts (issue 12, items 5, 8 and 7).
--
-- 1. Row-level identity from the session token. Until now a staff
--    program told the database who its user was with the setting
--    qualimetre.user_id, which any session of the program's role could
--    set to any id. The program now sets qualimetre.session to the
--    session token it received in the cookie, and current_user_id()
--    finds the live session whose stored hash (SHA-256, as sql/003
--    keeps it) matches: a program acts only for the sessions whose
--    tokens it sees. The old setting is read by nothing any more.
-- 2. Passwords that belong to their owner: an account created or reset
--    with a temporary password must choose its own at its first login
--    (must_change_password); a user changes their password through
--    password_change(), keyed on the same token, which ends their other
--    sessions.
-- 3. Logins: one-time login forms tied to a pre-session cookie
--    (login_form), and failures counted per pair (login typed, client
--    address) rather than per account (login_failure), so that nobody
--    can keep an account locked from elsewhere.

-- The user of the live session whose token is p_token, or NULL: the
-- session exists, has not expired, has not been idle for more than
-- STAFF_IDLE_MINUTES (cgi/web/staff.h: 30) and its account is enabled.
-- SECURITY DEFINER: the programs' roles never need to read the hashes.
CREATE FUNCTION qualimetre.session_user_id(p_token text)
	RETURNS bigint
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT s.user_id
	FROM qualimetre.session s
	JOIN qualimetre.app_user u ON u.id = s.user_id
	WHERE p_token ~ '^[A-Za-z0-9_-]{43}$'
	AND s.token_hash = sha256(convert_to(p_token, 'UTF8'))
	AND s.expires_at > now()
	AND s.last_seen_at > now() - interval '30 minutes'
	AND NOT u.disabled
	$$;
ALTER FUNCTION qualimetre.session_user_id(text) OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.session_user_id(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.session_user_id(text)
	TO qualimetre_mystery, qualimetre_referent, qualimetre_admin;

-- What every policy and function calls: the user of the session whose
-- token the transaction set (set_config('qualimetre.session', token,
-- true), cgi/web/db.c), or NULL. Keeps its owner and grants.
CREATE OR REPLACE FUNCTION qualimetre.current_user_id() RETURNS bigint
	LANGUAGE sql STABLE
	AS $$
	SELECT qualimetre.session_user_id(
		nullif(current_setting('qualimetre.session', true), ''))
	$$;

-- Accounts that exist keep their passwords; from now on an account is
-- created with a temporary one unless its creator says otherwise (the
-- admin command's --final).
ALTER TABLE qualimetre.app_user
	ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE qualimetre.app_user
	ALTER COLUMN must_change_password SET DEFAULT true;
GRANT SELECT (must_change_password) ON qualimetre.app_user
	TO qualimetre_mystery, qualimetre_referent;

-- sql/024's reset, now leaving a temporary password, and lifting the
-- account's lockouts from every client.
CREATE OR REPLACE FUNCTION qualimetre.staff_reset_password(p_user bigint,
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
	    must_change_password = true,
	    failed_logins = 0, last_failed_at = NULL, locked_until = NULL
	WHERE id = p_user
	RETURNING login INTO v_target;
	IF v_target IS NULL THEN
		RETURN false;
	END IF;
	DELETE FROM qualimetre.session WHERE user_id = p_user;
	DELETE FROM qualimetre.login_failure
	WHERE login_hash = sha256(convert_to(v_target, 'UTF8'));
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	SELECT v_me, u.login, 'staff-password-reset', v_target
	FROM qualimetre.app_user u WHERE u.id = v_me;
	RETURN true;
END
$$;

-- The logged-in user (by the session token) chooses a new password:
-- stored, no longer temporary, every other session of theirs ended,
-- logged. The program has checked the current password and the policy.
-- Refused with 42501 without a live session.
CREATE FUNCTION qualimetre.password_change(p_hash text)
	RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	v_me	bigint := qualimetre.current_user_id();
	v_login	text;
	v_n	bigint;
BEGIN
	IF v_me IS NULL OR p_hash IS NULL
	    OR p_hash NOT LIKE '$argon2id$%' THEN
		RAISE EXCEPTION 'password_change: not allowed'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	UPDATE qualimetre.app_user SET password_hash = p_hash,
	    must_change_password = false
	WHERE id = v_me
	RETURNING login INTO v_login;
	DELETE FROM qualimetre.session
	WHERE user_id = v_me
	AND token_hash <> sha256(convert_to(
	    current_setting('qualimetre.session'), 'UTF8'));
	GET DIAGNOSTICS v_n = ROW_COUNT;
	INSERT INTO qualimetre.audit_log (user_id, login, event, detail)
	VALUES (v_me, v_login, 'password-changed',
	    format('%s other session(s) ended', v_n));
	RETURN true;
END
$$;
ALTER FUNCTION qualimetre.password_change(text) OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.password_change(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.password_change(text)
	TO qualimetre_mystery, qualimetre_referent;

-- A login form handed out: its token (hashed) is good once, before
-- expires_at, and only with the pre-session cookie it was given with
-- (hashed too). Rows are purged as new forms are handed out.
CREATE TABLE qualimetre.login_form (
	token_hash	bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	presession_hash	bytea NOT NULL CHECK (length(presession_hash) = 32),
	expires_at	timestamptz NOT NULL
);
CREATE INDEX login_form_expires_idx ON qualimetre.login_form (expires_at);

-- Failed logins per (login typed, client address). The login is kept
-- as its SHA-256 only, so that whatever was typed (a password in the
-- wrong field) is not stored; the same for unknown and known logins,
-- so that the lockout says nothing of which exist.
CREATE TABLE qualimetre.login_failure (
	login_hash	bytea NOT NULL CHECK (length(login_hash) = 32),
	client		text NOT NULL CHECK (length(client) BETWEEN 1 AND 64),
	failures	integer NOT NULL DEFAULT 1 CHECK (failures >= 0),
	last_failed_at	timestamptz NOT NULL DEFAULT now(),
	locked_until	timestamptz,
	PRIMARY KEY (login_hash, client)
);
CREATE INDEX login_failure_at_idx ON qualimetre.login_failure
	(last_failed_at);

ALTER TABLE qualimetre.login_form OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.login_failure OWNER TO qualimetre_owner;
GRANT SELECT, INSERT, DELETE ON qualimetre.login_form
	TO qualimetre_mystery, qualimetre_referent;
GRANT SELECT, INSERT, UPDATE, DELETE ON qualimetre.login_failure
	TO qualimetre_mystery, qualimetre_referent;
-- The admin command lifts a lockout when it sets a password.
GRANT SELECT, DELETE ON qualimetre.login_failure TO qualimetre_admin;
