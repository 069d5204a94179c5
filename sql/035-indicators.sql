-- The label's quality indicators (issue 13, item 6): a catalogue of
-- their definitions, a target per site, and the values a referent enters
-- per site and period (cgi/referent/indicators.c). Those Qualimètre
-- measures itself (mystery calls picked up, emails answered within the
-- delay and their mean delay, the satisfaction survey's rates) are
-- computed from the answers by the program and never stored here.
--
-- Targets and entered values are kept as an append-only history: the
-- referent's role may insert them, never update nor delete them, so a
-- correction is a new row and the previous value stays, with who entered
-- it and when, for the label's auditor. The current value is the
-- newest row of its (site, indicator, period).

-- One indicator of the label. source says where its values come from:
-- 'entered' by the referent, or computed by the program from one rule of
-- the grids or from the questionnaire; 'complaints' waits for the
-- complaints' register (another issue).
CREATE TABLE qualimetre.indicator (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	key		text NOT NULL UNIQUE
			CHECK (key ~ '^[a-z][a-z0-9-]{0,39}$'),
	label		text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
	unit		text NOT NULL
			CHECK (unit IN ('proportion', 'days', 'count')),
	better		text NOT NULL CHECK (better IN ('higher', 'lower')),
	source		text NOT NULL CHECK (source IN ('entered',
				'mystery-call-picked-up', 'mystery-email-in-time',
				'mystery-email-mean-delay', 'survey-rate',
				'complaints')),
	periodicity	text NOT NULL CHECK (periodicity IN ('month',
				'quarter', 'semester', 'year')),
	-- The label's default, when it publishes one; a proportion's is a
	-- fraction.
	default_target	numeric CHECK (default_target >= 0
				AND (unit <> 'proportion' OR default_target <= 1)),
	position	integer NOT NULL DEFAULT 100
);
ALTER TABLE qualimetre.indicator OWNER TO qualimetre_owner;

-- The figures of ../shared/DOMAIN.md: emails within 5 working days and
-- calls picked up, 80 % as in the grids; phone-menu (SVI) and website
-- updates within 3 working days, promised for every update. The title
-- delays (18, 5, 28 days in Loir-et-Cher 2022) and the website's
-- connections are measured values, not targets: the referent sets those.
INSERT INTO qualimetre.indicator (key, label, unit, better, source,
	periodicity, default_target, position)
VALUES
	('appels-decroches', 'Appels décrochés (appels mystère)',
	 'proportion', 'higher', 'mystery-call-picked-up', 'quarter', 0.8, 10),
	('courriels-delai', 'Courriels répondus dans le délai (courriels '
	 'mystère)', 'proportion', 'higher', 'mystery-email-in-time',
	 'quarter', 0.8, 20),
	('courriels-delai-moyen', 'Délai moyen de réponse aux courriels '
	 'mystère (jours ouvrés)', 'days', 'lower',
	 'mystery-email-mean-delay', 'quarter', 5, 30),
	('courriers-delai-moyen', 'Délai moyen de réponse aux courriers '
	 '(jours)', 'days', 'lower', 'entered', 'quarter', NULL, 40),
	('satisfaction', 'Questionnaire de satisfaction annuel',
	 'proportion', 'higher', 'survey-rate', 'year', NULL, 50),
	('reclamations-delai', 'Réclamations traitées dans le délai',
	 'proportion', 'higher', 'complaints', 'quarter', 1, 60),
	('svi-maj', 'Mises à jour du serveur vocal (SVI) faites sous 3 '
	 'jours ouvrés', 'proportion', 'higher', 'entered', 'quarter', 1, 70),
	('site-maj', 'Mises à jour du site internet faites sous 3 jours '
	 'ouvrés', 'proportion', 'higher', 'entered', 'quarter', 1, 80),
	('delai-cni-passeport', 'Délai moyen de délivrance des cartes '
	 'd’identité et passeports (jours)', 'days', 'lower', 'entered',
	 'quarter', NULL, 90),
	('delai-immatriculation', 'Délai moyen de délivrance des certificats '
	 'd’immatriculation (jours)', 'days', 'lower', 'entered', 'quarter',
	 NULL, 100),
	('delai-permis', 'Délai moyen de délivrance des permis de conduire '
	 '(jours)', 'days', 'lower', 'entered', 'quarter', NULL, 110),
	('connexions-site', 'Connexions au site internet', 'count', 'higher',
	 'entered', 'month', NULL, 120);

-- How many periods a year has at a periodicity.
CREATE FUNCTION qualimetre.indicator_periods(p_periodicity text)
	RETURNS integer
	LANGUAGE sql IMMUTABLE
	AS $$
	SELECT CASE p_periodicity WHEN 'month' THEN 12 WHEN 'quarter' THEN 4
		WHEN 'semester' THEN 2 WHEN 'year' THEN 1 END
	$$;
ALTER FUNCTION qualimetre.indicator_periods(text) OWNER TO qualimetre_owner;

-- A site's target for an indicator, newest first; a NULL target takes
-- the site back to the catalogue's default.
CREATE TABLE qualimetre.indicator_target (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	site_id		bigint NOT NULL REFERENCES qualimetre.site,
	indicator_id	bigint NOT NULL REFERENCES qualimetre.indicator,
	target		numeric CHECK (target >= 0),
	set_by		bigint NOT NULL DEFAULT qualimetre.current_user_id()
			REFERENCES qualimetre.app_user,
	set_at		timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE qualimetre.indicator_target OWNER TO qualimetre_owner;
CREATE INDEX indicator_target_site_idx
	ON qualimetre.indicator_target (site_id, indicator_id, id);

-- A value entered for a site, an indicator and a period of a year
-- (1 to 12 months, 4 quarters, 2 semesters, or 1), newest first. A
-- proportion is the count within the engagement (value) out of cases; a
-- delay is days (two decimals), a count is whole. A NULL value erases
-- the period's value, leaving the rows before it as history.
CREATE TABLE qualimetre.indicator_value (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	site_id		bigint NOT NULL REFERENCES qualimetre.site,
	indicator_id	bigint NOT NULL REFERENCES qualimetre.indicator,
	year		integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	period		integer NOT NULL CHECK (period BETWEEN 1 AND 12),
	value		numeric CHECK (value >= 0 AND value < 1e9),
	cases		bigint CHECK (cases > 0 AND cases < 1e9),
	entered_by	bigint NOT NULL DEFAULT qualimetre.current_user_id()
			REFERENCES qualimetre.app_user,
	entered_at	timestamptz NOT NULL DEFAULT now(),
	CHECK (cases IS NULL OR (value IS NOT NULL AND value <= cases
		AND value = trunc(value)))
);
ALTER TABLE qualimetre.indicator_value OWNER TO qualimetre_owner;
CREATE INDEX indicator_value_site_idx
	ON qualimetre.indicator_value (site_id, year, indicator_id, period, id);

-- ---------------------------------------------------------------- grants
-- The referent only: the catalogue to read; targets and values of the
-- sites they are in charge of to read and add to, never to change.
ALTER TABLE qualimetre.indicator_target ENABLE ROW LEVEL SECURITY;
ALTER TABLE qualimetre.indicator_value ENABLE ROW LEVEL SECURITY;

GRANT SELECT ON qualimetre.indicator TO qualimetre_referent;
GRANT EXECUTE ON FUNCTION qualimetre.indicator_periods(text)
	TO qualimetre_referent;

GRANT SELECT ON qualimetre.indicator_target TO qualimetre_referent;
GRANT INSERT (site_id, indicator_id, target)
	ON qualimetre.indicator_target TO qualimetre_referent;
CREATE POLICY referent_reads_own_indicator_targets
	ON qualimetre.indicator_target FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id));
-- A proportion's target is a fraction.
CREATE POLICY referent_sets_own_indicator_targets
	ON qualimetre.indicator_target FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.user_plans_site(site_id)
		AND set_by = qualimetre.current_user_id()
		AND EXISTS (SELECT 1 FROM qualimetre.indicator i
			WHERE i.id = indicator_id
			AND (target IS NULL OR i.unit <> 'proportion'
				OR target <= 1)));

GRANT SELECT ON qualimetre.indicator_value TO qualimetre_referent;
GRANT INSERT (site_id, indicator_id, year, period, value, cases)
	ON qualimetre.indicator_value TO qualimetre_referent;
CREATE POLICY referent_reads_own_indicator_values
	ON qualimetre.indicator_value FOR SELECT TO qualimetre_referent
	USING (qualimetre.user_plans_site(site_id));
-- Only an entered indicator, a period its periodicity has, and the
-- shape its unit wants: a proportion's cases, a count's whole number.
CREATE POLICY referent_enters_own_indicator_values
	ON qualimetre.indicator_value FOR INSERT TO qualimetre_referent
	WITH CHECK (qualimetre.user_plans_site(site_id)
		AND entered_by = qualimetre.current_user_id()
		AND EXISTS (SELECT 1 FROM qualimetre.indicator i
			WHERE i.id = indicator_id AND i.source = 'entered'
			AND period <= qualimetre.indicator_periods(i.periodicity)
			AND (value IS NULL
				OR (i.unit = 'proportion') = (cases IS NOT NULL))
			AND (i.unit <> 'count' OR value = trunc(value))));

