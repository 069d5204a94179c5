#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with Debian's clang
# (-fsanitize=fuzzer,address,undefined, the project's libraries built
# with coverage in a separate build directory) and runs each for SECONDS
# (default 20), starting from its seed corpus tests/fuzz/corpus/NAME/,
# which holds the regression inputs of every crash found, replayed first.
# Prints TAP: one line per target with the executions it reached, and
# "# fuzz: passed N, failed M" last. Exits 1 when a target crashed,
# leaked or did not build. Deterministic inputs only: no network, no
# database. The corpus a run grows stays in the build directory.
#
#	tests/fuzz/run.sh [SECONDS] [NAME...]
#
# Environment: QUALIMETRE_FUZZ_BUILD (default var/fuzz-build),
# QUALIMETRE_FUZZ_JOBS (make's -j, default 2).
set -uo pipefail

cd "$(dirname "$(readlink -f "$0")")/../.."
SRC=$(pwd -P)
SECONDS_EACH=${1:-20}
[[ $SECONDS_EACH =~ ^[0-9]+$ ]] && [ "$SECONDS_EACH" -gt 0 ] ||
	{ echo "usage: tests/fuzz/run.sh [SECONDS] [NAME...]" >&2; exit 2; }
shift $(( $# > 0 ? 1 : 0 ))
BUILD=${QUALIMETRE_FUZZ_BUILD:-$SRC/var/fuzz-build}
JOBS=${QUALIMETRE_FUZZ_JOBS:-2}
TARGETS=(urlencoded headers token form valid csv)
[ $# -gt 0 ] && TARGETS=("$@")

CC=${QUALIMETRE_FUZZ_CC:-clang}
command -v "$CC" >/dev/null || {
	echo "fuzz: $CC not found: apt-get install clang libclang-rt-14-dev" >&2
	echo "# fuzz: passed 0, failed 1"; exit 1; }
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $SAN"

started=$(date +%s)
mkdir -p "$BUILD"
[ -x "$SRC/configure" ] || ./autogen.sh >/dev/null 2>&1
if ! { [ -f "$BUILD/Makefile" ] && [ "$BUILD/config.status" -nt "$SRC/configure" ]; }; then
	(cd "$BUILD" && "$SRC/configure" -q CC="$CC" CFLAGS="$CFLAGS") \
		> "$BUILD/configure.log" 2>&1 ||
		{ tail -n 20 "$BUILD/configure.log"; echo "# fuzz: passed 0, failed 1"; exit 1; }
fi
LIBS=(cgi/questionnaire/libqmquest.a cgi/results/libqmresults.a
	cgi/web/libqmweb.a forms/libqmform.a stats/libstats.a
	cgi/calendar/libqmcal.a common/libqmcommon.a)
if ! make -C "$BUILD" -s -j"$JOBS" "${LIBS[@]}" > "$BUILD/make.log" 2>&1; then
	tail -n 30 "$BUILD/make.log"
	echo "# fuzz: passed 0, failed 1"; exit 1
fi
PKGS="libxml-2.0 libsodium libpq gsl cairo libqrencode libzip"
INC=(-I"$BUILD" -I"$SRC/common" -I"$SRC/forms" -I"$SRC/stats"
	-I"$SRC/cgi/calendar" -I"$SRC/cgi/web" -I"$SRC/cgi/questionnaire"
	-I"$SRC/cgi/results")
mkdir -p "$BUILD/bin" "$BUILD/work" "$BUILD/crashes"
built=$(date +%s)
echo "# fuzz: libraries built with $CC in $((built - started)) s ($BUILD)"

n=0
passed=0
failed=0
echo "1..${#TARGETS[@]}"
for t in "${TARGETS[@]}"; do
	n=$((n + 1))
	exe=$BUILD/bin/fuzz-$t
	seeds=$SRC/tests/fuzz/corpus/$t
	if [ ! -f "$SRC/tests/fuzz/fuzz-$t.c" ] || [ ! -d "$seeds" ]; then
		echo "not ok $n - fuzz $t: no tests/fuzz/fuzz-$t.c or no corpus/$t/"
		failed=$((failed + 1)); continue
	fi
	# shellcheck disable=SC2086
	if ! "$CC" -std=c11 -Wall -Wextra $CFLAGS -fsanitize=fuzzer \
	    -DFUZZ_TOP_SRCDIR="\"$SRC\"" "${INC[@]}" $(pkg-config --cflags $PKGS) \
	    -o "$exe" "$SRC/tests/fuzz/fuzz-$t.c" "${LIBS[@]/#/$BUILD/}" \
	    $(pkg-config --libs $PKGS) -lm > "$BUILD/fuzz-$t.build.log" 2>&1; then
		cat "$BUILD/fuzz-$t.build.log"
		echo "not ok $n - fuzz $t: did not build"
		failed=$((failed + 1)); continue
	fi
	work=$BUILD/work/$t
	mkdir -p "$work"
	log=$BUILD/fuzz-$t.log
	# The seeds (and regression inputs) run first, then mutations;
	# leaks are checked after every input (-detect_leaks, on by
	# default under ASan).
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	"$exe" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
		-max_len=16384 -print_final_stats=1 \
		-artifact_prefix="$BUILD/crashes/$t-" "$work" "$seeds" \
		> "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ $rc -eq 0 ]; then
		echo "ok $n - fuzz $t: ${execs:-?} executions in $SECONDS_EACH s, no crash"
		passed=$((passed + 1))
	else
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written|^ *#[0-9]+ ' "$log" | head -n 30 | sed 's/^/# /'
		echo "not ok $n - fuzz $t: crashed after ${execs:-?} executions (log: $log; input in $BUILD/crashes/)"
		failed=$((failed + 1))
	fi
done
echo "# fuzz: $(( $(date +%s) - started )) s in all"
echo "# fuzz: passed $passed, failed $failed"
[ $failed -eq 0 ]
