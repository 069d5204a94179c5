-- The services of a site (/referent/services): the list a mystery
-- campaign picks the services it tests from, edited by the site's
-- referent, instead of a list fixed in the code (which still offered
-- driving licences, a service prefectures no longer run). A campaign
-- keeps its own copy in campaign_service (sql/005), so that renaming or
-- retiring a service changes no campaign already planned.
--
-- A service is never deleted: once a campaign has tested it, its key
-- stays in answers and slots; it is retired instead, and may be put
-- back. Whether it is reached by telephone, by email or both tells the
-- planner which services a campaign of calls or of emails may test.

CREATE TABLE qualimetre.site_service (
	site_id		bigint NOT NULL REFERENCES qualimetre.site ON DELETE CASCADE,
	key		text NOT NULL CHECK (key ~ '^[a-z][a-z0-9-]{0,63}$'),
	label		text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
	by_phone	boolean NOT NULL DEFAULT true,
	by_email	boolean NOT NULL DEFAULT false,
	position	integer NOT NULL,
	retired		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (site_id, key),
	UNIQUE (site_id, label),
	CHECK (by_phone OR by_email)
);
ALTER TABLE qualimetre.site_service OWNER TO qualimetre_owner;

-- The list every site starts with: the reception ("accueil général",
-- mandatory in Qualipref), the switchboard, the foreigners' service, the
-- digital point, and the general mailbox.
CREATE FUNCTION qualimetre.site_service_defaults(p_site bigint)
	RETURNS void
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO qualimetre.site_service (site_id, key, label, by_phone,
	    by_email, position)
	SELECT p_site, v.key, v.label, v.by_phone, v.by_email, v.position
	FROM (VALUES
		('accueil-general', 'Accueil général', true, true, 1),
		('standard', 'Standard (accueil téléphonique)', true, false, 2),
		('etrangers', 'Service des étrangers', true, true, 3),
		('point-numerique', 'Point numérique', true, true, 4),
		('courriel-general', 'Boîte fonctionnelle générale (courriel)',
		    false, true, 5)
	    ) AS v(key, label, by_phone, by_email, position)
	ON CONFLICT DO NOTHING
	$$;
ALTER FUNCTION qualimetre.site_service_defaults(bigint)
	OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.site_service_defaults(bigint) FROM PUBLIC;

SELECT qualimetre.site_service_defaults(id) FROM qualimetre.site;

-- A new site starts with the same list, whoever creates it.
CREATE FUNCTION qualimetre.site_service_seed()
	RETURNS trigger
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	PERFORM qualimetre.site_service_defaults(NEW.id);
	RETURN NULL;
END
$$;
ALTER FUNCTION qualimetre.site_service_seed() OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.site_service_seed() FROM PUBLIC;
CREATE TRIGGER site_service_seed AFTER INSERT ON qualimetre.site
	FOR EACH ROW EXECUTE FUNCTION qualimetre.site_service_seed();

-- The referent's program reads, adds, renames, moves, retires and puts
-- back the services of the sites the logged-in user plans (an admin:
-- every site); never deletes one. Nobody else needs the table: the
-- enquirers' grid reads the campaign's copy.
GRANT SELECT, INSERT (site_id, key, label, by_phone, by_email, position),
	UPDATE (label, by_phone, by_email, position, retired)
	ON qualimetre.site_service TO qualimetre_referent;
ALTER TABLE qualimetre.site_service ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_services ON qualimetre.site_service
	FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id));
CREATE POLICY referent_adds_own_services ON qualimetre.site_service
	FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.user_plans_site(site_id));
CREATE POLICY referent_edits_own_services ON qualimetre.site_service
	FOR UPDATE TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id))
	WITH CHECK (qualimetre.user_plans_site(site_id));

-- The results of a grid are broken down by the campaign's own services:
-- the referent reads the copies of the campaigns of the sites they plan
-- (sql/012 let them only insert them).
GRANT SELECT ON qualimetre.campaign_service TO qualimetre_referent;
CREATE POLICY referent_reads_campaign_services ON qualimetre.campaign_service
	FOR SELECT TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
