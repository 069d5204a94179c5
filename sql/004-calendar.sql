-- The school holidays of zones A, B and C (metropolitan France, Corsica
-- excepted), which the slot planner of the mystery campaigns avoids
-- (cgi/plan.h). Public holidays are not stored: cgi/calendar.c computes
-- them for any year.
--
-- Official source: the national school calendar is fixed by arrêté of the
-- minister of Education, published in the Journal officiel (and the
-- Bulletin officiel), and published as open data by the ministry in the
-- dataset "fr-en-calendrier-scolaire" (data.education.gouv.fr, also on
-- data.gouv.fr as "Le calendrier scolaire"; education.gouv.fr/calendrier-
-- scolaire-100148):
--   2024-2025 and 2025-2026: arrêté du 7 décembre 2022 fixant le
--     calendrier scolaire des années 2023-2024, 2024-2025 et 2025-2026
--     (NOR MENE2229099A, JORF n° 0284 du 8 décembre 2022, texte n° 20);
--   2026-2027: the arrêté fixing the calendar of 2026-2027, examined by
--     the Conseil supérieur de l'éducation in the autumn of 2025 and
--     published in the JORF by the end of October 2025 (Légifrance
--     JORFTEXT000052416058); the dates below are those of the dataset and
--     of the draft submitted to the CSE, which agree;
--   2027-2028: an arrêté published in summer 2026 (Légifrance
--     JORFTEXT000054457294), not read: its rows are marked NOT CONFIRMED.
-- Check new years against the dataset before adding them.
--
-- The sources give the day classes end (holidays start "après la classe",
-- usually a Saturday) and the day they resume (the morning of a Monday,
-- or a Tuesday after a public holiday); the dataset's start_date and
-- end_date are those two days. A row stores the days children are on
-- holiday: first_day is the day after classes end, last_day the day
-- before they resume. The summer holidays are stored up to 31 August of
-- their school year. The Friday of the Ascension bridge ("pont de
-- l'Ascension") is not a school holiday period and is not stored.
--
-- An admin corrects or adds rows (qualimetre_admin); the mystery
-- program only reads them.

CREATE TABLE qualimetre.school_holiday (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	zone		text NOT NULL CHECK (zone IN ('A', 'B', 'C')),
	-- The first and last days without classes, both included.
	first_day	date NOT NULL,
	last_day	date NOT NULL,
	label		text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
	-- "2024-2025": the school year the holidays belong to. CASE, as
	-- AND would not keep the cast from seeing a malformed value.
	school_year	text NOT NULL
			CHECK (CASE WHEN school_year ~ '^[0-9]{4}-[0-9]{4}$'
			THEN substr(school_year, 6, 4)::integer =
			    substr(school_year, 1, 4)::integer + 1
			ELSE false END),
	CHECK (last_day >= first_day),
	UNIQUE (zone, first_day)
);

INSERT INTO qualimetre.school_holiday (zone, first_day, last_day, label,
    school_year)
SELECT z.zone, v.classes_end + 1, v.classes_resume - 1, v.label,
    v.school_year
FROM (VALUES
	-- zones, classes end (after class), classes resume (morning)

	-- 2024-2025: arrêté du 7 décembre 2022.
	('ABC', date '2024-10-19', date '2024-11-04', 'Vacances de la Toussaint', '2024-2025'),
	('ABC', date '2024-12-21', date '2025-01-06', 'Vacances de Noël', '2024-2025'),
	('A', date '2025-02-22', date '2025-03-10', 'Vacances d''hiver', '2024-2025'),
	('B', date '2025-02-08', date '2025-02-24', 'Vacances d''hiver', '2024-2025'),
	('C', date '2025-02-15', date '2025-03-03', 'Vacances d''hiver', '2024-2025'),
	('A', date '2025-04-19', date '2025-05-05', 'Vacances de printemps', '2024-2025'),
	-- Resume on Tuesday 22 April: Easter Monday 21 April.
	('B', date '2025-04-05', date '2025-04-22', 'Vacances de printemps', '2024-2025'),
	('C', date '2025-04-12', date '2025-04-28', 'Vacances de printemps', '2024-2025'),
	-- Summer: "resume" 1 September, i.e. stored up to 31 August.
	('ABC', date '2025-07-05', date '2025-09-01', 'Vacances d''été', '2024-2025'),

	-- 2025-2026: arrêté du 7 décembre 2022.
	('ABC', date '2025-10-18', date '2025-11-03', 'Vacances de la Toussaint', '2025-2026'),
	('ABC', date '2025-12-20', date '2026-01-05', 'Vacances de Noël', '2025-2026'),
	('A', date '2026-02-07', date '2026-02-23', 'Vacances d''hiver', '2025-2026'),
	('B', date '2026-02-14', date '2026-03-02', 'Vacances d''hiver', '2025-2026'),
	('C', date '2026-02-21', date '2026-03-09', 'Vacances d''hiver', '2025-2026'),
	('A', date '2026-04-04', date '2026-04-20', 'Vacances de printemps', '2025-2026'),
	('B', date '2026-04-11', date '2026-04-27', 'Vacances de printemps', '2025-2026'),
	('C', date '2026-04-18', date '2026-05-04', 'Vacances de printemps', '2025-2026'),
	('ABC', date '2026-07-04', date '2026-09-01', 'Vacances d''été', '2025-2026'),

	-- 2026-2027: arrêté of October 2025 (dataset and CSE draft).
	('ABC', date '2026-10-17', date '2026-11-02', 'Vacances de la Toussaint', '2026-2027'),
	('ABC', date '2026-12-19', date '2027-01-04', 'Vacances de Noël', '2026-2027'),
	('A', date '2027-02-13', date '2027-03-01', 'Vacances d''hiver', '2026-2027'),
	('B', date '2027-02-20', date '2027-03-08', 'Vacances d''hiver', '2026-2027'),
	('C', date '2027-02-06', date '2027-02-22', 'Vacances d''hiver', '2026-2027'),
	('A', date '2027-04-10', date '2027-04-26', 'Vacances de printemps', '2026-2027'),
	('B', date '2027-04-17', date '2027-05-03', 'Vacances de printemps', '2026-2027'),
	('C', date '2027-04-03', date '2027-04-19', 'Vacances de printemps', '2026-2027'),
	('ABC', date '2027-07-03', date '2027-09-01', 'Vacances d''été', '2026-2027'),

	-- 2027-2028: taken from a third-party summary of the arrêté
	-- JORFTEXT000054457294 (openholidaysapi.data, pull request 184 of
	-- September 2026), neither the arrêté nor the dataset having been
	-- read. Check every row against them and remove these marks.
	('ABC', date '2027-10-23', date '2027-11-08', 'Vacances de la Toussaint', '2027-2028'),	-- NOT CONFIRMED: third-party summary, arrêté not read
	('ABC', date '2027-12-18', date '2028-01-03', 'Vacances de Noël', '2027-2028'),	-- NOT CONFIRMED: third-party summary, arrêté not read
	('A', date '2028-02-19', date '2028-03-06', 'Vacances d''hiver', '2027-2028'),	-- NOT CONFIRMED: third-party summary, arrêté not read
	('B', date '2028-02-05', date '2028-02-21', 'Vacances d''hiver', '2027-2028'),	-- NOT CONFIRMED: third-party summary, arrêté not read
	('C', date '2028-02-12', date '2028-02-28', 'Vacances d''hiver', '2027-2028'),	-- NOT CONFIRMED: third-party summary, arrêté not read
	-- Resume on Tuesday 9 May: 8 May 2028 is a Monday.
	('A', date '2028-04-22', date '2028-05-09', 'Vacances de printemps', '2027-2028'),	-- NOT CONFIRMED: third-party summary, arrêté not read
	('B', date '2028-04-08', date '2028-04-24', 'Vacances de printemps', '2027-2028'),	-- NOT CONFIRMED: third-party summary, arrêté not read
	-- Resume on Tuesday 2 May: 1 May 2028 is a Monday.
	('C', date '2028-04-15', date '2028-05-02', 'Vacances de printemps', '2027-2028'),	-- NOT CONFIRMED: third-party summary, arrêté not read
	-- Classes said to end on Tuesday 4 July 2028, an unusual weekday.
	('ABC', date '2028-07-04', date '2028-09-01', 'Vacances d''été', '2027-2028')	-- NOT CONFIRMED: third-party summary, arrêté not read; end of classes doubtful
) AS v(zones, classes_end, classes_resume, label, school_year)
JOIN (VALUES ('A'), ('B'), ('C')) AS z(zone) ON strpos(v.zones, z.zone) > 0;

ALTER TABLE qualimetre.school_holiday OWNER TO qualimetre_owner;

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

-- The mystery program plans campaigns around the holidays of a site's
-- zone; the admin program keeps the table up to date.
GRANT USAGE ON SCHEMA qualimetre TO qualimetre_mystery, qualimetre_admin;
GRANT SELECT ON qualimetre.school_holiday TO qualimetre_mystery;
GRANT SELECT, INSERT, UPDATE, DELETE ON qualimetre.school_holiday
	TO qualimetre_admin;
