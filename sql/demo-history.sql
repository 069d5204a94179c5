-- Demo data with a history, so that every page shows real figures at
-- first sight: last year's questionnaire (closed, 152 returns, rates
-- spread like the Loir-et-Cher prefecture's 2021 survey), the first
-- returns of this year's, a closed mystery-call campaign of 20 recorded
-- calls, and an open one planned for the demo enquirer. Run by ./start
-- as postgres after sql/demo.sql and the demo accounts; idempotent: each
-- part is added only when absent. Values are drawn from md5 hashes, so
-- the same figures come back at every install.

-- A pseudo-random integer in [0, 100) from a seed.
CREATE FUNCTION pg_temp.roll(seed text) RETURNS integer
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT (('x' || substr(md5(seed), 1, 8))::bit(32)::bigint % 100)::integer $$;

-- Easter Sunday (Meeus/Jones/Butcher), for the public holidays.
CREATE FUNCTION pg_temp.easter(y integer) RETURNS date
	LANGUAGE plpgsql IMMUTABLE
	AS $$
DECLARE
	a int := y % 19; b int := y / 100; c int := y % 100;
	d int := b / 4; e int := b % 4; f int := (b + 8) / 25;
	g int := (b - f + 1) / 3; h int := (19 * a + b - d - g + 15) % 30;
	i int := c / 4; k int := c % 4; l int := (32 + 2 * e + 2 * i - h - k) % 7;
	m int := (a + 11 * h + 22 * l) / 451;
BEGIN
	RETURN make_date(y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
END
$$;

-- A day for a mystery contact in Loir-et-Cher: not a weekend, not one of
-- the eleven public holidays, not in the school holidays of the demo
-- site's zone (the planner's rule, cgi/calendar/plan.c).
CREATE FUNCTION pg_temp.working(d date) RETURNS boolean
	LANGUAGE sql STABLE
	AS $$
	SELECT extract(isodow FROM d) < 6
	AND NOT EXISTS (SELECT 1 FROM qualimetre.school_holiday h
		JOIN qualimetre.site s ON s.school_zone = h.zone
		WHERE s.code = 'PREF-41' AND d BETWEEN h.first_day AND h.last_day)
	AND to_char(d, 'MM-DD') NOT IN ('01-01', '05-01', '05-08', '07-14',
		'08-15', '11-01', '11-11', '12-25')
	AND d NOT IN (pg_temp.easter(extract(year FROM d)::int) + 1,
		pg_temp.easter(extract(year FROM d)::int) + 39,
		pg_temp.easter(extract(year FROM d)::int) + 50)
	$$;

-- The first n working days from d on (summer holidays included: up to
-- four months on).
CREATE FUNCTION pg_temp.working_days(d date, n integer) RETURNS SETOF date
	LANGUAGE sql STABLE
	AS $$
	SELECT day::date FROM generate_series(d, d + 120, '1 day') AS g(day)
	WHERE pg_temp.working(day::date) ORDER BY day LIMIT n
	$$;

-- The last n working days before d, latest first.
CREATE FUNCTION pg_temp.working_days_before(d date, n integer)
	RETURNS SETOF date
	LANGUAGE sql STABLE
	AS $$
	SELECT day::date FROM generate_series(d - 1, d - 120, '-1 day') AS g(day)
	WHERE pg_temp.working(day::date) ORDER BY day DESC LIMIT n
	$$;

-- A 4-point satisfaction answer: no_opinion % "sans avis", then rate %
-- satisfied among opinions.
CREATE FUNCTION pg_temp.opinion(seed text, rate integer, no_opinion integer)
	RETURNS text
	LANGUAGE sql IMMUTABLE
	AS $$
	SELECT CASE
		WHEN pg_temp.roll(seed || 'o') < no_opinion THEN 'sans-avis'
		WHEN pg_temp.roll(seed || 'r') < rate THEN
			CASE WHEN pg_temp.roll(seed || 't') < 45
			THEN 'tres-satisfait' ELSE 'satisfait' END
		ELSE CASE WHEN pg_temp.roll(seed || 't') < 65
			THEN 'peu-satisfait' ELSE 'pas-du-tout-satisfait' END
	END
	$$;

-- ---------------------------------------------------------------- satisfaction

INSERT INTO qualimetre.campaign
	(site_id, form_id, kind, title, opens_on, closes_on, target_count, slug)
SELECT s.id, f.id, 'satisfaction',
	'Enquête de satisfaction ' || (extract(year FROM current_date)::int - 1),
	make_date(extract(year FROM current_date)::int - 1, 4, 1),
	make_date(extract(year FROM current_date)::int - 1, 6, 30), 150,
	'satisfaction-' || (extract(year FROM current_date)::int - 1) || '-loir-et-cher'
FROM qualimetre.site s,
	(SELECT id FROM qualimetre.form WHERE key = 'satisfaction'
	 ORDER BY version LIMIT 1) f
WHERE s.code = 'PREF-41'
ON CONFLICT (slug) DO NOTHING;

-- Rates per criterion: last year as published (Loir-et-Cher, 2021; the
-- digital access point was not asked there: 85 %), this year a little
-- better where the action plan worked.
CREATE TEMPORARY TABLE demo_rates (question text, last_year int, this_year int, no_opinion int);
INSERT INTO demo_rates VALUES
	('courtoisie', 64, 78, 4), ('disponibilite', 74, 76, 6),
	('handicap', 75, 80, 55), ('difficulte', 75, 77, 40),
	('langage', 79, 83, 5), ('orientation', 96, 95, 5),
	('signaletique', 98, 97, 6), ('delai-rdv', 52, 61, 10),
	('confort', 82, 84, 4), ('confidentialite', 98, 96, 8),
	('attente', 76, 70, 5), ('point-numerique', 85, 88, 45);

-- demo_survey(slug, tag, count, this year?): n responses and their answers.
CREATE FUNCTION pg_temp.demo_survey(p_slug text, tag text, n integer, p_this_year boolean)
	RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	c record;
BEGIN
	SELECT id, opens_on, least(closes_on, current_date) AS last_day INTO c
	FROM qualimetre.campaign WHERE slug = p_slug;
	IF c.id IS NULL OR EXISTS (SELECT 1 FROM qualimetre.response
	    WHERE campaign_id = c.id) THEN
		RETURN;
	END IF;
	INSERT INTO qualimetre.response (id, campaign_id, submitted_at, channel, entered_by, form_token)
	SELECT md5(tag || i)::uuid, c.id,
		(c.opens_on + (pg_temp.roll(tag || i || 'd') * (c.last_day - c.opens_on) / 100))
			+ time '09:00' + make_interval(mins => pg_temp.roll(tag || i || 'm') * 4),
		CASE WHEN pg_temp.roll(tag || i || 'c') < 60 THEN 'paper' ELSE 'web' END,
		CASE WHEN pg_temp.roll(tag || i || 'c') < 60
			THEN (SELECT id FROM qualimetre.app_user WHERE login = 'referent.demo') END,
		'demo-' || tag || '-' || i
	FROM generate_series(1, n) i;
	-- Profile: 72 % foreigners' procedures, 99 % private individuals.
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(tag || i)::uuid, c.id, q.question, q.value
	FROM generate_series(1, n) i,
	LATERAL (VALUES
		('motif', CASE WHEN pg_temp.roll(tag || i || 'motif') < 72 THEN 'etrangers'
			WHEN pg_temp.roll(tag || i || 'motif') < 83 THEN 'autre'
			WHEN pg_temp.roll(tag || i || 'motif') < 92 THEN 'identite'
			ELSE 'vehicule-permis' END),
		('profil', CASE WHEN pg_temp.roll(tag || i || 'profil') < 99
			THEN 'particulier' ELSE 'professionnel' END),
		('canal', CASE WHEN pg_temp.roll(tag || i || 'canal') < 85 THEN 'sur-place'
			WHEN pg_temp.roll(tag || i || 'canal') < 93 THEN 'telephone'
			ELSE 'site-internet' END)) AS q(question, value);
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(tag || i)::uuid, c.id, r.question,
		pg_temp.opinion(tag || i || r.question,
			CASE WHEN p_this_year THEN r.this_year ELSE r.last_year END, r.no_opinion)
	FROM generate_series(1, n) i, demo_rates r
	-- About one person in twelve skips a question; the appointment
	-- question is asked only for foreigners' procedures.
	WHERE pg_temp.roll(tag || i || r.question || 'skip') >= 8
	AND (r.question <> 'delai-rdv' OR pg_temp.roll(tag || i || 'motif') < 72);
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, text)
	SELECT md5(tag || i)::uuid, c.id, 'commentaire',
		(ARRAY['Accueil agréable, merci.',
		 'Beaucoup d''attente avant le rendez-vous.',
		 'Personnel aimable mais délais trop longs pour les titres de séjour.',
		 'Très bonne orientation dès l''entrée.',
		 'Il manque des chaises dans la salle d''attente.'])[1 + pg_temp.roll(tag || i || 'txt') % 5]
	FROM generate_series(1, n) i
	WHERE pg_temp.roll(tag || i || 'comment') < 18;
END
$$;

SELECT pg_temp.demo_survey('satisfaction-' || (extract(year FROM current_date)::int - 1)
	|| '-loir-et-cher', 'last-year-', 152, false);
SELECT pg_temp.demo_survey('satisfaction-' || extract(year FROM current_date)::int
	|| '-loir-et-cher', 'this-year-', 46, true);

-- ---------------------------------------------------------------- mystery calls

INSERT INTO qualimetre.campaign
	(site_id, form_id, kind, title, opens_on, closes_on, target_count, slug,
	 referential_id)
SELECT s.id, f.id, 'mystery-call', t.title, t.opens_on, t.closes_on, 20, t.slug,
	(SELECT id FROM qualimetre.referential WHERE key = 'qual-e-pref')
FROM qualimetre.site s,
	(SELECT id FROM qualimetre.form WHERE key = 'mystery-call'
	 ORDER BY version DESC LIMIT 1) f,
	-- The closed one: the ten working days before this week (outside
	-- the school holidays, like every mystery campaign); the open one:
	-- ten from this week's Monday on.
	(SELECT 'Appels mystère – ' || to_char(min(d), 'MM/YYYY'), min(d), max(d),
		'appels-' || to_char(min(d), 'YYYY-MM') || '-pref-41'
	 FROM pg_temp.working_days_before(date_trunc('week', current_date)::date, 10) d
	 UNION ALL
	 SELECT 'Appels mystère en cours', min(d), max(d),
		'appels-' || to_char(date_trunc('week', current_date), 'YYYY-MM-DD') || '-pref-41'
	 FROM pg_temp.working_days(date_trunc('week', current_date)::date, 10) d
	) AS t(title, opens_on, closes_on, slug)
WHERE s.code = 'PREF-41'
ON CONFLICT (slug) DO NOTHING;

INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
SELECT c.id, v.key, v.label, v.position
FROM qualimetre.campaign c,
	(VALUES ('accueil-general', 'Accueil général', 1),
		('standard', 'Standard (accueil téléphonique)', 2),
		('etrangers', 'Service des étrangers', 3)) AS v(key, label, position)
WHERE c.slug LIKE 'appels-%-pref-41'
ON CONFLICT DO NOTHING;

-- One slot per half-day, morning and afternoon alternating, services in
-- turn, all for the demo enquirer.
INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
SELECT c.id, d.day, d.n % 2 = 1,
	(ARRAY['accueil-general', 'standard', 'etrangers'])[1 + d.n % 3],
	(SELECT id FROM qualimetre.app_user WHERE login = 'enqueteur.demo')
FROM qualimetre.campaign c,
	LATERAL (SELECT day, row_number() OVER (ORDER BY day) - 1 AS n
		FROM pg_temp.working_days(c.opens_on, 10) AS day) d0,
	LATERAL (SELECT d0.day, d0.n * 2 AS n UNION ALL SELECT d0.day, d0.n * 2 + 1) d
WHERE c.slug LIKE 'appels-%-pref-41'
AND EXISTS (SELECT 1 FROM qualimetre.app_user WHERE login = 'enqueteur.demo')
ON CONFLICT DO NOTHING;

-- Last month's 20 calls, recorded: 78 % picked up (as the prefecture's
-- own indicator), within 5 rings most of the time.
INSERT INTO qualimetre.response (id, campaign_id, submitted_at, channel, entered_by, form_token, slot_id)
SELECT md5('call-' || s.id)::uuid, c.id,
	s.day + CASE WHEN s.afternoon THEN time '14:20' ELSE time '09:40' END,
	'call', s.enquirer_id, 'demo-call-' || s.id, s.id
FROM qualimetre.slot s JOIN qualimetre.campaign c ON c.id = s.campaign_id
WHERE c.closes_on < current_date AND c.slug LIKE 'appels-%-pref-41'
ON CONFLICT DO NOTHING;

INSERT INTO qualimetre.answer (response_id, campaign_id, question, value, text)
SELECT r.id, r.campaign_id, a.question, a.value, a.text
FROM qualimetre.response r
JOIN qualimetre.slot s ON s.id = r.slot_id,
LATERAL (SELECT pg_temp.roll('up' || s.id) < 78 AS up) p,
LATERAL (VALUES
	('moment', to_char(r.submitted_at, 'YYYY-MM-DD"T"HH24:MI'), NULL, true),
	('service', s.service_key, NULL, true),
	('decroche', CASE WHEN p.up THEN 'conforme' ELSE 'non-conforme' END, NULL, true),
	('sonneries', (1 + pg_temp.roll('rings' || s.id) % 8)::text, NULL, p.up),
	('annonce-service', CASE WHEN pg_temp.roll('ann' || s.id) < 85 THEN 'conforme' ELSE 'non-conforme' END, NULL, p.up),
	('courtoisie', CASE WHEN pg_temp.roll('court' || s.id) < 92 THEN 'conforme' ELSE 'non-conforme' END, NULL, p.up),
	('langage', CASE WHEN pg_temp.roll('lang' || s.id) < 90 THEN 'conforme' ELSE 'non-conforme' END, NULL, p.up),
	('reponse', CASE WHEN pg_temp.roll('rep' || s.id) < 75 THEN 'conforme' ELSE 'non-conforme' END, NULL, p.up),
	('transfert', CASE WHEN pg_temp.roll('tr' || s.id) < 60 THEN 'sans-objet'
		WHEN pg_temp.roll('tr2' || s.id) < 70 THEN 'conforme' ELSE 'non-conforme' END, NULL, p.up),
	('attente', (pg_temp.roll('wait' || s.id) * 2)::text, NULL, p.up),
	('formule-fin', CASE WHEN pg_temp.roll('fin' || s.id) < 70 THEN 'conforme' ELSE 'non-conforme' END, NULL, p.up),
	-- Version 2 of the grid: a greeting, a voice menu on the
	-- switchboard, and what an unanswered call reached.
	('message-accueil', CASE WHEN pg_temp.roll('msg' || s.id) < 80 THEN 'conforme' ELSE 'non-conforme' END, NULL, true),
	('svi', CASE WHEN s.service_key = 'standard' THEN 'present' ELSE 'aucun' END, NULL, true),
	('svi-clair', CASE WHEN pg_temp.roll('svi' || s.id) < 75 THEN 'conforme' ELSE 'non-conforme' END, NULL, s.service_key = 'standard'),
	('messagerie', CASE WHEN pg_temp.roll('vm' || s.id) < 50 THEN 'conforme' ELSE 'non-conforme' END, NULL, NOT p.up)
	) AS a(question, value, text, asked)
WHERE r.channel = 'call' AND r.form_token LIKE 'demo-call-%' AND a.asked
AND NOT EXISTS (SELECT 1 FROM qualimetre.answer x WHERE x.response_id = r.id);
