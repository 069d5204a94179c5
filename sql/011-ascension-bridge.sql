-- The Ascension bridge ("pont de l'Ascension"): since the school year
-- 2019-2020 the national school calendar gives every zone the Friday
-- after Ascension off (classes end on Wednesday evening and resume on
-- Monday), so mystery contacts must avoid it like other school
-- holidays. sql/004 left it out. Source: the arrêtés fixing the school
-- calendar (e.g. arrêté du 7 décembre 2022, NOR MENE2229099A, for
-- 2024-2025 and 2025-2026), and the dataset fr-en-calendrier-scolaire
-- ("Pont de l'Ascension"). Ascension is Easter + 39 days; the rows run
-- from Thursday (a public holiday anyway) to Sunday.
-- 2027 and 2028 follow the same rule; like sql/004's 2027-2028 rows,
-- they are NOT CONFIRMED against their arrêté.

INSERT INTO qualimetre.school_holiday (zone, first_day, last_day, label, school_year)
SELECT z.zone, v.thursday, v.thursday + 3, 'Pont de l''Ascension', v.school_year
FROM (VALUES ('A'), ('B'), ('C')) AS z(zone),
	(VALUES (date '2025-05-29', '2024-2025'),
		(date '2026-05-14', '2025-2026'),
		(date '2027-05-06', '2026-2027'),
		(date '2028-05-25', '2027-2028')) AS v(thursday, school_year)
ON CONFLICT (zone, first_day) DO NOTHING;
