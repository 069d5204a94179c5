#!/usr/bin/env bash
# qualimetre backup and restore: the test database written by the role
# qualimetre_backup (row-level security bypassed, nothing else), restored
# into a new PostgreSQL cluster made here, every table's count and the
# answers compared; and each refusal: a role that may not read
# everything, a file that is not a backup, a database that exists, a
# cluster without Qualimètre's roles, a restore by a non-superuser.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 18

# A directory the system user qualimetre writes in (QM_TMP is root's).
work=$(mktemp -d "${TMPDIR:-/tmp}/qm-backup.XXXXXX")
chown qualimetre:qualimetre "$work"
at_exit rm -rf "$work"

# qm_as DSN ARG...: the administrator's command as the system user
# qualimetre, connected by DSN.
qm_as()
{
	local dsn=$1
	shift
	as_qualimetre env QUALIMETRE_DSN="$dsn" "$QM_BUILD/cgi/qualimetre" "$@"
}

# Something of this test's own to find again after the restore.
slug=test-backup-$$
make_campaign "$slug" -7 30
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, lang)
	SELECT md5(:'s' || i)::uuid, c.id, 'web', :'s' || i, 'en'
	FROM qualimetre.campaign c, generate_series(1, 3) i WHERE c.slug = :'s';
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'s' || i)::uuid, c.id, 'courtoisie', 'satisfait'
	FROM qualimetre.campaign c, generate_series(1, 3) i WHERE c.slug = :'s'" s="$slug"

# ---- the backup
dump=$work/qualimetre.dump
as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_backup" \
	"$QM_BUILD/cgi/qualimetre" backup "$dump" > "$QM_TMP/backup.out" 2> "$QM_TMP/backup.err"
is "$?" 0 "qualimetre backup as qualimetre_backup: status 0"
tables=$(psql_q "SELECT count(*) FROM pg_tables WHERE schemaname IN ('qualimetre', 'public')")
like "$(cat "$QM_TMP/backup.out")" "^backup: $dump, [0-9]+ bytes, $tables tables\$" \
	"it says what it wrote: every one of the $tables tables"
is "$(stat -c %a "$dump")" 600 "the file is its owner's alone (it holds the responses)"
is "$(find "$work" -name 'qualimetre.dump.*' | wc -l)" 0 "no partial file left beside it"

qm_as "host=$QM_RUN dbname=qualimetre user=qualimetre_survey" backup "$work/survey.dump" \
	> /dev/null 2> "$QM_TMP/refused.err"
is "$?" 1 "a program's role may not back up: status 1"
is "$(find "$work" -name 'survey.dump*' | wc -l)" 0 "and leaves no file, whole or partial"
like "$(cat "$QM_TMP/refused.err")" 'pg_dump failed: no backup written' "saying so"

# ---- a new cluster, as on a new server
newdata=$work/pgdata newrun=$work/run
mkdir "$newrun"
chown qualimetre:qualimetre "$newrun"
chmod 0700 "$newrun"
as_qualimetre "$QM_PGBIN/initdb" -D "$newdata" -U postgres --auth-local=trust \
	--auth-host=reject -E UTF8 --locale=C.UTF-8 > "$QM_TMP/initdb.log" 2>&1 ||
	bail_out "initdb failed: $(tail -n 3 "$QM_TMP/initdb.log")"
as_qualimetre "$QM_PGBIN/pg_ctl" -D "$newdata" -l "$work/postgresql.log" -w -t 60 \
	-o "-c listen_addresses='' -c unix_socket_directories='$newrun'" start > /dev/null ||
	bail_out "the new cluster did not start"
at_exit as_qualimetre "$QM_PGBIN/pg_ctl" -D "$newdata" -m immediate -w stop
newsu="host=$newrun dbname=postgres user=postgres"

qm_as "$newsu" restore "$dump" > /dev/null 2> "$QM_TMP/noroles.err"
is "$?" 1 "a cluster without Qualimètre's roles: refused"
like "$(cat "$QM_TMP/noroles.err")" 'no Qualimètre roles: run qualimetre setup' "saying what to do first"
is "$(psql -X -At -d "$newsu" -c "SELECT count(*) FROM pg_database WHERE datname = 'qualimetre'")" 0 \
	"and creating no database"

# The roles, as an installation makes them: the migrations, on a database
# of their own.
psql -X -q -d "$newsu" -c "CREATE DATABASE roles_only" ||
	bail_out "could not create a database on the new cluster"
"$QM_SRC/sql/migrate" "host=$newrun dbname=roles_only user=postgres" > "$QM_TMP/migrate.log" 2>&1 ||
	bail_out "sql/migrate failed on the new cluster: $(tail -n 3 "$QM_TMP/migrate.log")"

qm_as "$newsu" restore "$work/pgdata/PG_VERSION" > /dev/null 2> "$QM_TMP/notdump.err"
is "$?" 1 "a file that is not a backup: refused"

qm_as "host=$newrun dbname=postgres user=qualimetre_admin" restore "$dump" > /dev/null 2> "$QM_TMP/nosu.err"
like "$(cat "$QM_TMP/nosu.err")" 'QUALIMETRE_DSN must name a superuser' "a restore by a role that is not a superuser: refused"

# ---- the restore
qm_as "$newsu" restore "$dump" > "$QM_TMP/restore.out" 2> "$QM_TMP/restore.err"
is "$?" 0 "qualimetre restore into the new cluster: status 0"
[ -s "$QM_TMP/restore.err" ] && diag "$(cat "$QM_TMP/restore.err")"

# Every table's rows counted on both sides, by one statement built from the
# catalogue (identifiers quoted by format's %I).
counts=$(psql_q "SELECT string_agg(format('SELECT %L, count(*) FROM %I.%I', schemaname || '.' || tablename,
	schemaname, tablename), ' UNION ALL ' ORDER BY schemaname, tablename) || ' ORDER BY 1'
	FROM pg_tables WHERE schemaname IN ('qualimetre', 'public')")
# What the backup holds, read from pg_restore's own SQL script (a COPY
# block per table, empty ones included), not from the live database,
# which other programs may have written to since.
held=$(pg_restore --data-only -f - "$dump" | awk '
	/^COPY / { t = $2; n = 0; copying = 1; next }
	copying && $0 == "\\." { print t "|" n; copying = 0; next }
	copying { n++ }' | LC_ALL=C sort -t '|' -k 1,1)
after=$(psql -X -At -d "host=$newrun dbname=qualimetre user=postgres" -c "$counts")
is "$after" "$held" "every table has as many rows restored as the backup holds ($tables tables)"
[ "$(psql -X -At -d "$QM_DSN" -c "$counts")" = "$after" ] ||
	diag "the test database has changed since its backup (other programs write to it)"
answers="SELECT md5(string_agg(r.id || r.channel || coalesce(r.lang, '') || a.question || coalesce(a.value, a.text, ''),
	',' ORDER BY r.id, a.question, a.value)) FROM qualimetre.response r JOIN qualimetre.answer a ON a.response_id = r.id"
is "$(psql -X -At -d "host=$newrun dbname=qualimetre user=postgres" -c "$answers")" \
	"$(psql -X -At -d "$QM_DSN" -c "$answers")" "the responses and answers are the same, byte for byte"
# The programs' grants, table and column, and the row-level security (no
# ACL at all is the owner's default one, which a restore writes out).
acl="SELECT c.relname,
	coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::\"char\", c.relowner)),
	c.relrowsecurity, c.relforcerowsecurity,
	(SELECT string_agg(a.attname || '=' || a.attacl::text, ',' ORDER BY a.attnum)
	 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attacl IS NOT NULL),
	(SELECT string_agg(p.polname, ',' ORDER BY p.polname) FROM pg_policy p WHERE p.polrelid = c.oid)
	FROM pg_class c WHERE c.relnamespace = 'qualimetre'::regnamespace ORDER BY 1"
is "$(psql -X -At -d "host=$newrun dbname=qualimetre user=postgres" -c "$acl" | md5sum)" \
	"$(psql -X -At -d "$QM_DSN" -c "$acl" | md5sum)" \
	"with the programs' grants, column by column, and their row-level security policies"

qm_as "$newsu" restore "$dump" > /dev/null 2> "$QM_TMP/exists.err"
like "$(cat "$QM_TMP/exists.err")" 'the database qualimetre exists already and is left as it is' \
	"restored again under the same name: refused, the database left as it is"

qm_as "$newsu" restore "$dump" --database "dbname=postgres host=elsewhere" > /dev/null 2> "$QM_TMP/badname.err"
is "$?/$(cat "$QM_TMP/badname.err")" "2/qualimetre: a database name is 1 to 63 lower-case letters, digits or '_'" \
	"a database name that libpq would read as a connection string: refused"
