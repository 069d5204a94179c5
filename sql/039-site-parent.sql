-- Sites together (/referent/sites-ensemble) and the national view group
-- a prefecture with its sous-préfectures by the site hierarchy of sql/001:
-- the referent's program reads a site's parent, row-level security still
-- keeping a referent to the sites they are in charge of (sql/008).
GRANT SELECT (parent_id) ON qualimetre.site TO qualimetre_referent;
