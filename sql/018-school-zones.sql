-- Every zone of the Education ministry's school calendar, and the shipped
-- school holidays re-checked.
--
-- Zones: the dataset fr-en-calendrier-scolaire (data.education.gouv.fr)
-- has A, B and C, Corsica, and the overseas académies: Guadeloupe,
-- Guyane, Martinique, Mayotte, Nouvelle Calédonie, Polynésie, La Réunion,
-- Saint Pierre et Miquelon, Wallis et Futuna. Their codes are those of
-- cgi/calendar/school.c, which maps the dataset's names onto them; a site
-- may pick any of them (or none), and `qualimetre school-holidays import`
-- loads each zone's periods from the dataset's CSV.
--
-- The shipped rows (sql/004, sql/011), re-checked in December 2026:
--   2024-2025, 2025-2026: every period agrees with the arrêté du
--     7 décembre 2022 (NOR MENE2229099A) as académies and schools
--     publish it, and with the dataset's own rows where we could read
--     them quoted (2025-2026: Toussaint and winter of zones A and B);
--   2026-2027: the dataset's rows read (API extract of 17 September
--     2026) give Toussaint, Noël, winter B and C, the Ascension bridge
--     and the start of summer exactly as shipped; winter A and the
--     spring holidays of A, B and C were not among the rows we could
--     read and stay as the arrêté's draft gave them: import the dataset
--     to confirm them;
--   2027-2028: no official source could be read (the rows came from a
--     third-party summary): they are removed, so that the planner says
--     the calendar is missing instead of trusting them. Import the
--     dataset to get them back.

DELETE FROM qualimetre.school_holiday WHERE school_year = '2027-2028';

ALTER TABLE qualimetre.school_holiday
	DROP CONSTRAINT school_holiday_zone_check,
	ADD CONSTRAINT school_holiday_zone_check CHECK (zone IN ('A', 'B', 'C',
	    'CORSE', 'GUADELOUPE', 'GUYANE', 'MARTINIQUE', 'MAYOTTE',
	    'NOUVELLE-CALEDONIE', 'POLYNESIE', 'REUNION',
	    'SAINT-PIERRE-ET-MIQUELON', 'WALLIS-ET-FUTUNA'));

ALTER TABLE qualimetre.site
	DROP CONSTRAINT site_school_zone_check,
	ADD CONSTRAINT site_school_zone_check CHECK (school_zone IN ('A', 'B',
	    'C', 'CORSE', 'GUADELOUPE', 'GUYANE', 'MARTINIQUE', 'MAYOTTE',
	    'NOUVELLE-CALEDONIE', 'POLYNESIE', 'REUNION',
	    'SAINT-PIERRE-ET-MIQUELON', 'WALLIS-ET-FUTUNA'));

