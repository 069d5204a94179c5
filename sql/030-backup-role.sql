-- The role qualimetre backup connects as (cgi/command/backup.c): pg_dump
-- must read every row of every table, which row-level security would
-- otherwise filter (pg_dump refuses to run then), and nothing else. It
-- writes nothing and owns nothing.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qualimetre_backup') THEN
		CREATE ROLE qualimetre_backup LOGIN BYPASSRLS;
	END IF;
END
$$;

GRANT pg_read_all_data TO qualimetre_backup;
