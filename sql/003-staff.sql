-- Staff accounts shared by every staff program: users with argon2id
-- password hashes, their sites, their sessions, and the audit log of
-- logins. A real install has no default account: the admin command
-- (qualimetre user add) creates them.

CREATE TABLE qualimetre.app_user (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	login		text NOT NULL UNIQUE
			CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
	display_name	text NOT NULL DEFAULT ''
			CHECK (length(display_name) <= 200),
	role		text NOT NULL CHECK (role IN ('enquirer', 'referent', 'admin')),
	-- libsodium's crypto_pwhash_str (argon2id); NULL: no password yet,
	-- the account cannot log in.
	password_hash	text CHECK (password_hash LIKE '$argon2id$%'),
	-- Repeated failures slow logins down, then lock the account.
	failed_logins	integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
	last_failed_at	timestamptz,
	locked_until	timestamptz,
	disabled	boolean NOT NULL DEFAULT false,
	created_at	timestamptz NOT NULL DEFAULT now()
);

-- The sites a user works on (an admin sees every site).
CREATE TABLE qualimetre.user_site (
	user_id		bigint NOT NULL REFERENCES qualimetre.app_user ON DELETE CASCADE,
	site_id		bigint NOT NULL REFERENCES qualimetre.site ON DELETE CASCADE,
	PRIMARY KEY (user_id, site_id)
);

-- A logged-in browser. The cookie holds a 256-bit random token; only its
-- SHA-256 is stored, so a copy of this table opens no session.
CREATE TABLE qualimetre.session (
	token_hash	bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	user_id		bigint NOT NULL REFERENCES qualimetre.app_user ON DELETE CASCADE,
	-- Sent back with every state-changing form of this session.
	csrf_token	text NOT NULL CHECK (length(csrf_token) = 43),
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_seen_at	timestamptz NOT NULL DEFAULT now(),
	-- Absolute expiry; the idle expiry is checked against last_seen_at.
	expires_at	timestamptz NOT NULL,
	CHECK (expires_at > created_at)
);
CREATE INDEX session_user_idx ON qualimetre.session (user_id);

-- Who did what to accounts and sessions: logins, failures, locks.
CREATE TABLE qualimetre.audit_log (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at		timestamptz NOT NULL DEFAULT now(),
	user_id		bigint REFERENCES qualimetre.app_user ON DELETE SET NULL,
	-- The login typed, kept even when no such user exists.
	login		text CHECK (length(login) <= 128),
	event		text NOT NULL CHECK (event ~ '^[a-z][a-z-]{1,39}$'),
	detail		text CHECK (length(detail) <= 1000)
);
CREATE INDEX audit_log_at_idx ON qualimetre.audit_log (at);

-- A paper questionnaire or a grid is typed by a staff member.
ALTER TABLE qualimetre.response
	ADD CONSTRAINT response_entered_by_fkey
	FOREIGN KEY (entered_by) REFERENCES qualimetre.app_user;

ALTER TABLE qualimetre.app_user OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.user_site OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.session OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.audit_log OWNER TO qualimetre_owner;

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qualimetre_mystery') THEN
		CREATE ROLE qualimetre_mystery LOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qualimetre_admin') THEN
		CREATE ROLE qualimetre_admin LOGIN;
	END IF;
END
$$;

-- A staff program logs people in and out: it reads accounts (the hash
-- included, since the check is made in C), counts failures, and keeps
-- sessions; it never creates an account nor changes a role.
GRANT USAGE ON SCHEMA qualimetre TO qualimetre_mystery;
GRANT SELECT (id, login, display_name, role, password_hash, failed_logins,
	last_failed_at, locked_until, disabled)
	ON qualimetre.app_user TO qualimetre_mystery;
GRANT UPDATE (password_hash, failed_logins, last_failed_at, locked_until)
	ON qualimetre.app_user TO qualimetre_mystery;
GRANT SELECT ON qualimetre.user_site TO qualimetre_mystery;
GRANT SELECT, INSERT, DELETE ON qualimetre.session TO qualimetre_mystery;
GRANT UPDATE (last_seen_at) ON qualimetre.session TO qualimetre_mystery;
GRANT INSERT (user_id, login, event, detail) ON qualimetre.audit_log
	TO qualimetre_mystery;

-- The admin command (qualimetre) manages accounts and reference data.
GRANT USAGE ON SCHEMA qualimetre TO qualimetre_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON qualimetre.app_user,
	qualimetre.user_site, qualimetre.session TO qualimetre_admin;
GRANT SELECT (id, code, name, department, school_zone)
	ON qualimetre.site TO qualimetre_admin;
GRANT SELECT, INSERT ON qualimetre.audit_log TO qualimetre_admin;
