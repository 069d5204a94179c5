-- A referential's figures cannot change under a result computed with
-- them: once a campaign is planned under a referential, national or a
-- site's own (sql/016), the thresholds and targets it fixes are frozen,
-- since the campaign's results are computed from them every time they
-- are shown. Its name may still be corrected: a typo changes no figure.
-- A referential with other figures is a new one, for the next campaigns.

-- How many campaigns a referential is used by, whoever may see them:
-- SECURITY DEFINER, so that the answer does not depend on the caller's
-- policies (the trigger must see every campaign).
CREATE FUNCTION qualimetre.referential_campaigns(ref bigint)
	RETURNS bigint
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$SELECT count(*) FROM qualimetre.campaign
		WHERE referential_id = ref$$;
ALTER FUNCTION qualimetre.referential_campaigns(bigint)
	OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.referential_campaigns(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qualimetre.referential_campaigns(bigint)
	TO qualimetre_referent;

CREATE FUNCTION qualimetre.referential_frozen() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF (NEW.key, NEW.site_id, NEW.reply_delay, NEW.reply_target,
	    NEW.rings_max, NEW.rings_target, NEW.picked_up_target)
	    IS DISTINCT FROM (OLD.key, OLD.site_id, OLD.reply_delay,
	    OLD.reply_target, OLD.rings_max, OLD.rings_target,
	    OLD.picked_up_target)
	    AND qualimetre.referential_campaigns(OLD.id) > 0 THEN
		RAISE EXCEPTION 'referential % is used by a campaign: its figures are frozen',
			OLD.id
			USING ERRCODE = 'object_in_use',
			HINT = 'Only its name may change; define another referential for other figures.';
	END IF;
	RETURN NEW;
END
$$;
ALTER FUNCTION qualimetre.referential_frozen() OWNER TO qualimetre_owner;
REVOKE ALL ON FUNCTION qualimetre.referential_frozen() FROM PUBLIC;

CREATE TRIGGER referential_frozen BEFORE UPDATE ON qualimetre.referential
	FOR EACH ROW EXECUTE FUNCTION qualimetre.referential_frozen();
