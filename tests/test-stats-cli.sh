#!/bin/sh
# qualimetre-stats on the command line: the one line of numbers it
# prints, with at least 12 significant digits, and for bad input one line
# on standard error naming the problem, nothing on standard output, and
# exit status 2. The cases are in tests/data/stats/cli.tsv.

: "${top_builddir:=.}"
: "${top_srcdir:=.}"
prog="$top_builddir/stats/qualimetre-stats"
cases="$top_srcdir/tests/data/stats/cli.tsv"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
set -f

if [ ! -x "$prog" ] || [ ! -r "$cases" ]; then
	echo "1..0 # SKIP $prog or $cases missing"
	exit 0
fi

# Prints "ok" when every field of $2 matches $1: numbers to 1e-12
# (relative, or absolute near 0), words exactly; and every number that
# is not a whole one has at least 12 significant digits.
compare() {
	awk -v want="$1" -v got="$2" 'BEGIN {
		nw = split(want, w, " "); ng = split(got, g, " ")
		if (nw != ng) { print "fields: " ng " for " nw; exit }
		for (i = 1; i <= nw; i++) {
			if (w[i] !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) {
				if (w[i] != g[i]) { print "field " i; exit }
				continue
			}
			d = w[i] - g[i]; if (d < 0) d = -d
			a = w[i]; if (a < 0) a = -a
			if (d > 1e-12 * a + 1e-15) { print "field " i; exit }
			if (g[i] !~ /[.eE]/) continue
			m = g[i]; sub(/[eE].*/, "", m); gsub(/[-+.]/, "", m)
			z = m; sub(/^0+/, "", z)
			if ((z == "" ? length(m) : length(z)) < 12) {
				print "digits in field " i; exit
			}
		}
		print "ok"
	}'
}

n=$(grep -cv '^#' "$cases")
echo "1..$n"
i=0
fail=0
tab=$(printf '\t')
grep -v '^#' "$cases" | while IFS="$tab" read -r status key want args; do
	i=$((i + 1))
	# The arguments, with their placeholders put back.
	set -- $args
	[ "$args" = '<none>' ] && set --
	for t do
		shift
		case $t in
		'<empty>') t= ;;
		*'<sp>'*) t=$(printf '%s\n' "$t" | sed 's/<sp>/ /g') ;;
		esac
		set -- "$@" "$t"
	done
	"$prog" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	nout=$(wc -l <"$tmp/out")
	nerr=$(wc -l <"$tmp/err")
	why=
	if [ "$rc" != "$status" ]; then
		why="exit $rc, expected $status"
	elif [ "$status" != 0 ]; then
		if [ -s "$tmp/out" ] || [ "$want" != - ]; then
			why="standard output not empty"
		elif [ "$nerr" != 1 ]; then
			why="$nerr lines on standard error"
		elif ! grep -q -- "$key" "$tmp/err"; then
			why="standard error does not say \"$key\""
		fi
	else
		if [ "$nout" != 1 ]; then
			why="$nout lines on standard output"
		elif [ "$key" = - ] && [ -s "$tmp/err" ]; then
			why="standard error not empty"
		elif [ "$key" != - ] && ! grep -q -- "$key" "$tmp/err"; then
			why="standard error does not say \"$key\""
		else
			res=$(compare "$want" "$(cat "$tmp/out")")
			[ "$res" = ok ] || why="output differs: $res"
		fi
	fi
	if [ -z "$why" ]; then
		echo "ok $i - $args: exit $status"
	else
		echo "not ok $i - $args: $why"
		sed 's/^/# out: /' "$tmp/out"
		sed 's/^/# err: /' "$tmp/err"
	fi
done
