-- An admin puts a sous-préfecture under its prefecture on the sites page
-- (/referent/sites), so that sites together (sql/039) groups them. One
-- level, inside one department: a parent is a site of the same department
-- that has no parent itself, a site that is a parent gets none, and no
-- site is its own parent. Refused with check_violation (23514).
GRANT INSERT (parent_id), UPDATE (parent_id)
	ON qualimetre.site TO qualimetre_referent;

-- SECURITY DEFINER: the check does not depend on what the caller reads.
CREATE FUNCTION qualimetre.site_parent_check() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_department	text;
	v_grandparent	bigint;
BEGIN
	IF NEW.parent_id IS NULL THEN
		RETURN NEW;
	END IF;
	IF NEW.parent_id = NEW.id THEN
		RAISE EXCEPTION 'site %: a site is not its own parent', NEW.code
			USING ERRCODE = 'check_violation';
	END IF;
	SELECT department, parent_id INTO v_department, v_grandparent
	FROM qualimetre.site WHERE id = NEW.parent_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'site %: no parent site %', NEW.code,
			NEW.parent_id USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF v_department <> NEW.department THEN
		RAISE EXCEPTION 'site %: its parent is in another department',
			NEW.code USING ERRCODE = 'check_violation';
	END IF;
	IF v_grandparent IS NOT NULL THEN
		RAISE EXCEPTION 'site %: its parent has a parent', NEW.code
			USING ERRCODE = 'check_violation';
	END IF;
	IF EXISTS (SELECT 1 FROM qualimetre.site c
	    WHERE c.parent_id = NEW.id) THEN
		RAISE EXCEPTION 'site %: it is the parent of other sites',
			NEW.code USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END;
$$;
ALTER FUNCTION qualimetre.site_parent_check() OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.site_parent_check() FROM PUBLIC;

CREATE TRIGGER site_parent_check
	BEFORE INSERT OR UPDATE OF parent_id ON qualimetre.site
	FOR EACH ROW EXECUTE FUNCTION qualimetre.site_parent_check();
