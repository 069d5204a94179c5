-- Mystery contacts are recorded after the fact: an email's answer comes
-- up to its own deadline, days after the campaign's last day, and a call
-- of the last afternoon is typed the next morning. sql/006 closed every
-- entry on the last day, so an email sent on the last Thursday and
-- answered on time the next Tuesday could never be recorded as answered.
-- The database now keeps a campaign writable for a while after it
-- closes; the program holds each contact to its own exact window (an
-- email: until its answer is due, in working days of the site's
-- department, then a few days to type it in; a call: a few days after
-- it), which needs the public holidays that only the C calendar knows.

-- Days after the last day of a campaign of this kind that entries may
-- still be written: a bound the program's own rule always fits inside.
CREATE FUNCTION qualimetre.mystery_recording_days(p_kind text)
	RETURNS integer
	LANGUAGE sql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT CASE p_kind WHEN 'mystery-email' THEN 45
		WHEN 'mystery-call' THEN 3 ELSE 0 END
	$$;
ALTER FUNCTION qualimetre.mystery_recording_days(text) OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.mystery_recording_days(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.mystery_recording_days(text)
	TO qualimetre_mystery;

CREATE OR REPLACE FUNCTION qualimetre.mystery_campaign_writable(p_campaign bigint)
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
			BETWEEN c.opens_on
			AND c.closes_on + qualimetre.mystery_recording_days(c.kind)
		AND EXISTS (SELECT 1 FROM qualimetre.slot sl
			WHERE sl.campaign_id = c.id
			AND sl.enquirer_id = qualimetre.current_user_id()))
	$$;
