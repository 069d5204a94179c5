#!/usr/bin/env bash
# A short slice of the benchmark (tests/bench/run, issue 14, item 5) on the
# test instance, so that the command that measures keeps working: one round
# of 1 s, a campaign of 2,000 responses. Its figures mean nothing under the
# sanitizers; it must print each of them, lose no submission, export the
# whole campaign, and take back everything it put in the database.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 16

out=$QM_TMP/bench.out
site_before=$(psql_q "SELECT count(*) FROM qualimetre.site WHERE code = 'BENCH-DATA'")
"$QM_SRC/tests/bench/run" --running --instance "$QM_INSTANCE" --build-dir "$QM_BUILD" \
	--port "$QM_PORT" --quick --rounds 1 --seconds 1 > "$out" 2>&1 && rc=0 || rc=$?
is "$rc" 0 "the benchmark ends well"
[ "$rc" = 0 ] || diag "$(tail -n 20 "$out")"

# figure NAME: the "measured" column of the final table's row NAME.
figure()
{
	awk -v n="$1" 'index($0, n) == 1 { s = substr($0, 50); sub(/ .*/, "", s); print s; exit }' "$out"
}
number='^[0-9][0-9.e+]*$'
like "$(figure "questionnaire GET, req/s")" "$number" "the questionnaire's GET rate"
like "$(grep '^questionnaire GET' "$out")" "nginx static file: [0-9]" "beside nginx's static file"
like "$(figure "submission POST, /s")" "$number" "the submissions' rate"
like "$(grep '^submission POST, /s' "$out")" "pgbench [0-9]+ sessions: [0-9]" "beside pgbench at the workers' number of sessions"
like "$(grep 'pgbench 16 sessions' "$out")" "pgbench 16 sessions: [0-9]" "and at 16"
like "$(figure "submission POST p99")" "$number" "the submissions' p99"
is "$(figure "submissions completed but not stored")" 0 "no completed submission missing"
like "$(figure "results page, 2000 responses")" "$number" "the results page's time"
like "$(grep '^national view' "$out")" "^national view over a year, ms +[0-9]" "the national view's time"
like "$(grep '^raw export' "$out")" "\\(2001 lines\\)" "the raw export of 2,000 responses, whole"
like "$(figure "referent worker RSS during the export")" "$number" "the referent worker's memory during the export"
is "$(grep -cE '^(survey|mystery|referent) worker RSS after the load, MB \(largest\) +[0-9]' "$out")" 3 \
	"each program's workers' memory after the load"

is "$(psql_q "SELECT count(*) FROM qualimetre.campaign WHERE slug LIKE 'bench-%'")" 0 \
	"the benchmark's campaigns are gone"
is "$(psql_q "SELECT count(*) FROM qualimetre.site WHERE code = 'BENCH-DATA'")" "$site_before" \
	"and the site it made"
is "$(psql_q "SELECT count(*) FROM qualimetre.app_user WHERE login = 'bench-admin'")" 0 \
	"and its administrator"
