-- Demo data: the Loir-et-Cher prefecture and this year's satisfaction
-- campaign on the latest "satisfaction" form, open from two weeks ago to
-- 45 days from now. Idempotent: ./start runs it at every start, as
-- postgres, in one transaction (psql --single-transaction).

INSERT INTO qualimetre.site (code, name, department, school_zone)
VALUES ('PREF-41', 'Préfecture de Loir-et-Cher', '41', 'B')
ON CONFLICT (code) DO NOTHING;

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM qualimetre.form WHERE key = 'satisfaction') THEN
		RAISE EXCEPTION 'no form with key "satisfaction" in qualimetre.form: load forms/*.xml first (forms/qualimetre-form load)';
	END IF;
END
$$;

-- A campaign pins the form version it was created with: a later version
-- of the form is used by next year's campaign, not by this one.
INSERT INTO qualimetre.campaign
	(site_id, form_id, kind, title, opens_on, closes_on, target_count, slug)
SELECT s.id, f.id, 'satisfaction',
	'Enquête de satisfaction ' || extract(year FROM current_date)::int,
	current_date - 14, current_date + 45, 150,
	'satisfaction-' || extract(year FROM current_date)::int || '-loir-et-cher'
FROM qualimetre.site s,
	(SELECT id FROM qualimetre.form
	 WHERE key = 'satisfaction'
	 ORDER BY version DESC
	 LIMIT 1) f
WHERE s.code = 'PREF-41'
ON CONFLICT (slug) DO NOTHING;
