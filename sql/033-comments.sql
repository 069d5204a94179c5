-- The comments page (/referent/campagnes/<id>/commentaires,
-- cgi/referent/comments.c): the referent reads a campaign's free-text
-- answers, tags them with the themes of the site that they define, and
-- hides from every export a comment that holds personal data.
--
-- A comment is a text answer: (response_id, question), unique for a text
-- since its value is NULL (sql/001). Themes belong to a site; tags and
-- hidings carry the campaign so that the policies read like sql/008's.

CREATE TABLE qualimetre.comment_theme (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	site_id		bigint NOT NULL REFERENCES qualimetre.site ON DELETE CASCADE,
	label		text NOT NULL CHECK (length(label) BETWEEN 1 AND 60
			    AND label !~ '[[:cntrl:]]'),
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX comment_theme_label_idx
	ON qualimetre.comment_theme (site_id, lower(label));
ALTER TABLE qualimetre.comment_theme OWNER TO qualimetre_owner;

-- Every site starts with the default themes: those of the sites there
-- are now, and of each site made later (a trigger), so that no page
-- writes them when it is read. A site whose referent removed every theme
-- does not get them back.
CREATE FUNCTION qualimetre.comment_themes_default(p_site bigint)
	RETURNS void
	LANGUAGE sql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO qualimetre.comment_theme (site_id, label)
	SELECT p_site, v.label FROM (VALUES ('Attente'), ('Signalétique'),
		('Accueil'), ('Rendez-vous'), ('Confort'), ('Courtoisie'),
		('Information'), ('Accessibilité'), ('Démarches en ligne'))
		AS v(label)
	ON CONFLICT DO NOTHING
	$$;
ALTER FUNCTION qualimetre.comment_themes_default(bigint)
	OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.comment_themes_default(bigint) FROM PUBLIC;
SELECT qualimetre.comment_themes_default(id) FROM qualimetre.site;

CREATE FUNCTION qualimetre.comment_themes_new_site() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	PERFORM qualimetre.comment_themes_default(NEW.id);
	RETURN NULL;
END;
$$;
ALTER FUNCTION qualimetre.comment_themes_new_site() OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.comment_themes_new_site() FROM PUBLIC;
CREATE TRIGGER comment_themes_new_site AFTER INSERT ON qualimetre.site
	FOR EACH ROW EXECUTE FUNCTION qualimetre.comment_themes_new_site();

CREATE TABLE qualimetre.comment_tag (
	response_id	uuid NOT NULL,
	question	text NOT NULL CHECK (question ~ '^[a-z][a-z0-9-]{0,63}$'),
	campaign_id	bigint NOT NULL,
	theme_id	bigint NOT NULL
			REFERENCES qualimetre.comment_theme ON DELETE CASCADE,
	PRIMARY KEY (response_id, question, theme_id),
	FOREIGN KEY (response_id, campaign_id)
		REFERENCES qualimetre.response (id, campaign_id)
		ON DELETE CASCADE
);
CREATE INDEX comment_tag_campaign_idx
	ON qualimetre.comment_tag (campaign_id);
CREATE INDEX comment_tag_theme_idx ON qualimetre.comment_tag (theme_id);
ALTER TABLE qualimetre.comment_tag OWNER TO qualimetre_owner;

-- A comment hidden from the exports: why, by whom, when. Unhiding
-- deletes the row; both are written to the audit log by the same
-- statement (cgi/referent/comments.c).
CREATE TABLE qualimetre.comment_hidden (
	response_id	uuid NOT NULL,
	question	text NOT NULL CHECK (question ~ '^[a-z][a-z0-9-]{0,63}$'),
	campaign_id	bigint NOT NULL,
	reason		text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
	hidden_by	bigint REFERENCES qualimetre.app_user ON DELETE SET NULL,
	hidden_by_login	text CHECK (length(hidden_by_login) <= 128),
	hidden_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (response_id, question),
	FOREIGN KEY (response_id, campaign_id)
		REFERENCES qualimetre.response (id, campaign_id)
		ON DELETE CASCADE
);
CREATE INDEX comment_hidden_campaign_idx
	ON qualimetre.comment_hidden (campaign_id);
ALTER TABLE qualimetre.comment_hidden OWNER TO qualimetre_owner;

-- ---------------------------------------------------------------- grants
-- The referent's program only; the survey and mystery roles never read
-- comments back.

GRANT SELECT, INSERT (site_id, label), UPDATE (label), DELETE
	ON qualimetre.comment_theme TO qualimetre_referent;
ALTER TABLE qualimetre.comment_theme ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_themes ON qualimetre.comment_theme
	FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id));
CREATE POLICY referent_adds_own_themes ON qualimetre.comment_theme
	FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.user_plans_site(site_id));
CREATE POLICY referent_edits_own_themes ON qualimetre.comment_theme
	FOR UPDATE TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id))
	WITH CHECK (qualimetre.user_plans_site(site_id));
CREATE POLICY referent_removes_own_themes ON qualimetre.comment_theme
	FOR DELETE TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id));

-- A tag joins a comment of the user's sites to a theme of the same site.
GRANT SELECT, INSERT (response_id, question, campaign_id, theme_id), DELETE
	ON qualimetre.comment_tag TO qualimetre_referent;
ALTER TABLE qualimetre.comment_tag ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_tags ON qualimetre.comment_tag
	FOR SELECT TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
CREATE POLICY referent_tags_own_comments ON qualimetre.comment_tag
	FOR INSERT TO qualimetre_referent
	WITH CHECK (EXISTS (SELECT 1 FROM qualimetre.campaign c
		JOIN qualimetre.comment_theme t ON t.site_id = c.site_id
		WHERE c.id = campaign_id AND t.id = theme_id
		AND qualimetre.user_plans_site(c.site_id)));
CREATE POLICY referent_untags_own_comments ON qualimetre.comment_tag
	FOR DELETE TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));

GRANT SELECT, INSERT (response_id, question, campaign_id, reason,
	hidden_by, hidden_by_login), DELETE
	ON qualimetre.comment_hidden TO qualimetre_referent;
ALTER TABLE qualimetre.comment_hidden ENABLE ROW LEVEL SECURITY;
CREATE POLICY referent_reads_own_hidden ON qualimetre.comment_hidden
	FOR SELECT TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
CREATE POLICY referent_hides_own_comments ON qualimetre.comment_hidden
	FOR INSERT TO qualimetre_referent
	WITH CHECK (hidden_by = qualimetre.current_user_id()
		AND campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
CREATE POLICY referent_unhides_own_comments ON qualimetre.comment_hidden
	FOR DELETE TO qualimetre_referent
	USING (campaign_id IN (SELECT c.id FROM qualimetre.campaign c
		WHERE qualimetre.user_plans_site(c.site_id)));
