-- A satisfaction campaign's target rate, the referent's own: the share of
-- satisfied answers each criterion is held against (0.80 for 80 %),
-- giving the verdict met / not met / inconclusive on the results page,
-- the poster and the exports. The questionnaire carries no target of its
-- own: the labels' referentials fix none for satisfaction (DOMAIN.md),
-- each prefecture sets its own in its action plan. A criterion whose form
-- or referential gives a target keeps that one. NULL: no target.
ALTER TABLE qualimetre.campaign ADD COLUMN target_rate numeric(3, 2)
	CHECK (target_rate > 0 AND target_rate <= 1);

-- The referent sets it when creating a campaign and changes it later, on
-- the satisfaction campaigns of their sites only (the policies of
-- sql/009 hold: INSERT and UPDATE keep to those).
GRANT SELECT (target_rate), INSERT (target_rate), UPDATE (target_rate)
	ON qualimetre.campaign TO qualimetre_referent;
