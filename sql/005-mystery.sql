-- Mystery campaigns: the services a campaign tests, the slots planned for
-- its enquirers (one contact per half-day), and the link from a recorded
-- contact to its slot. Enquirers see only their own slots and entries,
-- enforced by row-level security keyed on the logged-in user, which the
-- mystery program sets per transaction (qualimetre.user_id).

CREATE TABLE qualimetre.campaign_service (
	campaign_id	bigint NOT NULL REFERENCES qualimetre.campaign ON DELETE CASCADE,
	key		text NOT NULL CHECK (key ~ '^[a-z][a-z0-9-]{0,63}$'),
	label		text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
	position	integer NOT NULL,
	PRIMARY KEY (campaign_id, key)
);

CREATE TABLE qualimetre.slot (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	campaign_id	bigint NOT NULL REFERENCES qualimetre.campaign ON DELETE CASCADE,
	day		date NOT NULL,
	afternoon	boolean NOT NULL,
	service_key	text NOT NULL,
	enquirer_id	bigint NOT NULL REFERENCES qualimetre.app_user,
	-- One call or one email per half-day.
	UNIQUE (campaign_id, day, afternoon),
	FOREIGN KEY (campaign_id, service_key)
		REFERENCES qualimetre.campaign_service (campaign_id, key)
);
CREATE INDEX slot_enquirer_idx ON qualimetre.slot (enquirer_id, day);

-- A contact is recorded once in its slot; NULL: recorded outside any
-- slot, which the results flag.
ALTER TABLE qualimetre.response
	ADD COLUMN slot_id bigint UNIQUE REFERENCES qualimetre.slot,
	ADD COLUMN updated_at timestamptz;

ALTER TABLE qualimetre.campaign_service OWNER TO qualimetre_owner;
ALTER TABLE qualimetre.slot OWNER TO qualimetre_owner;

-- The logged-in user of the current transaction, or NULL.
CREATE FUNCTION qualimetre.current_user_id() RETURNS bigint
	LANGUAGE sql STABLE
	AS $$ SELECT nullif(current_setting('qualimetre.user_id', true), '')::bigint $$;
ALTER FUNCTION qualimetre.current_user_id() OWNER TO qualimetre_owner;

GRANT SELECT (id, code, name, department, school_zone, timezone)
	ON qualimetre.site TO qualimetre_mystery;
GRANT SELECT (id, key, version, kind, title, xml, sha256)
	ON qualimetre.form TO qualimetre_mystery;
GRANT SELECT (id, site_id, form_id, kind, title, opens_on, closes_on,
	target_count, slug) ON qualimetre.campaign TO qualimetre_mystery;
GRANT SELECT ON qualimetre.campaign_service TO qualimetre_mystery;
GRANT SELECT ON qualimetre.slot TO qualimetre_mystery;

-- An enquirer sees the mystery campaigns they hold a slot in, and only
-- their own slots.
CREATE POLICY mystery_reads_own_campaigns ON qualimetre.campaign
	FOR SELECT TO qualimetre_mystery
	USING (kind IN ('mystery-call', 'mystery-email')
		AND EXISTS (SELECT 1 FROM qualimetre.slot s
			WHERE s.campaign_id = campaign.id
			AND s.enquirer_id = qualimetre.current_user_id()));

ALTER TABLE qualimetre.slot ENABLE ROW LEVEL SECURITY;
CREATE POLICY mystery_reads_own_slots ON qualimetre.slot
	FOR SELECT TO qualimetre_mystery
	USING (enquirer_id = qualimetre.current_user_id());

-- An enquirer reads back their own entries only.
GRANT SELECT (id, campaign_id, slot_id, entered_by, channel, submitted_at,
	updated_at) ON qualimetre.response TO qualimetre_mystery;
CREATE POLICY mystery_reads_own_entries ON qualimetre.response
	FOR SELECT TO qualimetre_mystery
	USING (entered_by = qualimetre.current_user_id());
