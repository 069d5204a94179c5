#!/usr/bin/env bash
# Runs every tests/integration/t-*.sh against a running test instance and
# counts their TAP cases: "ok" passes; "not ok", a skip, a case missing
# from the plan, a script without a plan or one that exits non-zero fails.
# ./run-tests runs it with the QUALIMETRE_TEST_* variables set; by hand:
#   ./start --instance var/test --port 18080 --build-dir var/test-build
#   QUALIMETRE_TEST_DSN="host=$PWD/var/test/run dbname=qualimetre user=postgres" \
#   QUALIMETRE_TEST_INSTANCE=$PWD/var/test QUALIMETRE_TEST_PORT=18080 \
#   QUALIMETRE_TEST_BUILD=$PWD/var/test-build QUALIMETRE_TEST_SRC=$PWD \
#   tests/integration/run.sh [t-some.sh ...]
# Its last line is "# integration: passed N, failed M"; it exits 1 when M > 0.
set -uo pipefail
export LC_ALL=C.UTF-8

here=$(cd "$(dirname "$0")" && pwd)
for v in QUALIMETRE_TEST_DSN QUALIMETRE_TEST_INSTANCE QUALIMETRE_TEST_PORT \
    QUALIMETRE_TEST_BUILD QUALIMETRE_TEST_SRC; do
	if [ -z "${!v:-}" ]; then
		echo "run.sh: $v is not set (use ./run-tests, or see the top of this file)" >&2
		exit 2
	fi
done
export QUALIMETRE_TEST_DSN QUALIMETRE_TEST_INSTANCE QUALIMETRE_TEST_PORT \
	QUALIMETRE_TEST_BUILD QUALIMETRE_TEST_SRC

# One script may take this long (seconds) before it is killed.
limit=${QUALIMETRE_TEST_TIMEOUT:-600}

scripts=()
if [ $# -gt 0 ]; then
	for t; do
		[[ $t == */* ]] || t=$here/$t
		scripts+=("$t")
	done
else
	for t in "$here"/t-*.sh; do
		[ -e "$t" ] && scripts+=("$t")
	done
fi

passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

[ ${#scripts[@]} -gt 0 ] || echo "# integration: no tests/integration/t-*.sh"

for t in "${scripts[@]}"; do
	name=$(basename "$t")
	echo "# --- $name"
	(cd "$QUALIMETRE_TEST_SRC" && exec timeout -k 10 "$limit" bash "$t") < /dev/null | tee "$out"
	rc=${PIPESTATUS[0]}

	plan=$(grep -m 1 -E '^1\.\.[0-9]+' "$out" || true)
	n_ok=$(grep -cE '^ok( |$)' "$out")
	n_notok=$(grep -cE '^not ok( |$)' "$out")
	n_skip=$(grep -ciE '^ok( [0-9]+)?[^#]*#[[:space:]]*skip' "$out")
	n_todo=$(grep -ciE '^not ok( [0-9]+)?[^#]*#[[:space:]]*todo' "$out")
	p=$((n_ok - n_skip + n_todo))
	f=$((n_notok - n_todo + n_skip))
	why=()
	[ $n_skip -eq 0 ] || why+=("$n_skip skipped (a skip is a failure here)")
	if [ -z "$plan" ]; then
		f=$((f + 1)); why+=("no plan (1..N)")
	else
		planned=${plan#1..}
		planned=${planned%%[!0-9]*}
		seen=$((n_ok + n_notok))
		if [ "$planned" -eq 0 ]; then
			f=$((f + 1)); why+=("planned no case: ${plan}")
		elif [ $seen -lt "$planned" ]; then
			f=$((f + planned - seen)); why+=("ran $seen of $planned planned")
		elif [ $seen -gt "$planned" ]; then
			f=$((f + 1)); why+=("ran $seen, more than the $planned planned")
		fi
	fi
	if [ $rc -ne 0 ]; then
		[ $rc -eq 124 ] && why+=("killed after ${limit}s") || why+=("exit status $rc")
		[ $f -gt 0 ] || f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ ${#why[@]} -eq 0 ]; then
		echo "# $name: $p passed"
	else
		echo "# $name: $p passed, $f failed ($(IFS=';'; echo "${why[*]}" | sed 's/;/; /g'))"
	fi
done

echo "# integration: passed $passed, failed $failed"
[ $failed -eq 0 ]
