-- The language a web response was given in: the questionnaire is offered
-- in French and in every language its form carries (xml:lang), and the
-- results may be broken down by language. The answers themselves are the
-- same codes whatever the language. NULL for what staff type (paper,
-- mystery grids) and for responses given before this migration.
ALTER TABLE qualimetre.response
	ADD COLUMN lang text CHECK (lang ~ '^[a-z]{2,3}$');

-- The survey program writes it with the response; the referent reads it
-- (the raw export) on their own sites, under the policies of sql/008.
GRANT INSERT (lang) ON qualimetre.response TO qualimetre_survey;
GRANT SELECT (lang) ON qualimetre.response TO qualimetre_referent;
