#!/bin/sh
# Every #include "..." of the C sources against the layers of
# tests/layers.txt: a file may include a header of its own folder, of a
# layer its own may use, or config.h; never a path. A break is reported
# as FILE:LINE with the layer it reaches into. The checker is also run on
# a small tree with one forbidden include, which it must report.

: "${top_srcdir:=.}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# check ROOT: prints one line per include that breaks the layers of
# ROOT/tests/layers.txt, and "checked N" last.
check()
{
	(cd "$1" && find common forms stats cgi tests -name '*.[ch]' \
	    -type f 2> /dev/null | LC_ALL=C sort) > "$tmp/files"
	(cd "$1" && xargs grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' \
	    < "$tmp/files" /dev/null) > "$tmp/includes"
	awk -v layers="$1/tests/layers.txt" -v files="$tmp/files" '
	# The layer of a path: the one whose folder is its longest prefix.
	function layer_of(path,    n, best, len) {
		best = ""; len = 0
		for (n in folder)
			if (index(path, folder[n] "/") == 1 &&
			    length(folder[n]) > len) {
				best = n; len = length(folder[n])
			}
		return best
	}
	function dir_of(path) {
		sub(/\/[^\/]*$/, "", path)
		return path
	}
	BEGIN {
		while ((getline line < layers) > 0) {
			if (line ~ /^[[:space:]]*(#|$)/)
				continue
			nf = split(line, f, /[[:space:]]+/)
			folder[f[1]] = f[2]
			for (i = 3; i <= nf; i++)
				may[f[1], f[i]] = 1
			order[++nlayers] = f[1]
		}
		while ((getline path < files) > 0) {
			nfiles++
			exists[path] = 1
			name = path; sub(/.*\//, "", name)
			l = layer_of(path)
			if (l == "")
				printf "%s: in no layer of tests/layers.txt\n", path
			if (path ~ /\.h$/) {
				owners[name] = owners[name] " " l
				owner[name] = l
			}
		}
	}
	{
		path = $0; sub(/:.*/, "", path)
		rest = substr($0, length(path) + 2)
		line = rest; sub(/:.*/, "", line)
		hdr = rest; sub(/^[^"]*"/, "", hdr); sub(/".*/, "", hdr)
		l = layer_of(path)
		if (hdr == "config.h" || exists[dir_of(path) "/" hdr])
			next
		if (hdr ~ /\//) {
			printf "%s:%s: includes \"%s\": a path; name the header alone and give its layer an include path\n", path, line, hdr
			next
		}
		if (!(hdr in owner)) {
			printf "%s:%s: includes \"%s\", which no layer holds\n", path, line, hdr
			next
		}
		if (owners[hdr] ~ / .* /) {
			printf "%s:%s: includes \"%s\", held by several layers:%s\n", path, line, hdr, owners[hdr]
			next
		}
		o = owner[hdr]
		if (o == l || may[l, o] || may[l, "*"])
			next
		allowed = ""
		for (i = 1; i <= nlayers; i++)
			if (may[l, order[i]])
				allowed = allowed " " order[i]
		printf "%s:%s: includes \"%s\" of layer %s; layer %s may include only:%s\n", path, line, hdr, o, l, (allowed == "" ? " nothing" : allowed)
	}
	END { print "checked " nfiles }
	' "$tmp/includes"
}

echo "1..3"

check "$top_srcdir" > "$tmp/out"
n=$(sed -n 's/^checked //p' "$tmp/out")
if [ "${n:-0}" -gt 50 ]; then
	echo "ok 1 - the checker read the tree's $n C files"
else
	echo "not ok 1 - the checker read ${n:-no} C files of $top_srcdir"
fi
if grep -v '^checked ' "$tmp/out" > "$tmp/breaks"; then
	echo "not ok 2 - every #include of the tree keeps to tests/layers.txt"
	sed 's/^/# /' "$tmp/breaks"
else
	echo "ok 2 - every #include of the tree keeps to tests/layers.txt"
fi

# A tree where the web layer reaches up into the questionnaire.
t=$tmp/tree
mkdir -p "$t/tests" "$t/common" "$t/cgi/web" "$t/cgi/questionnaire"
cp "$top_srcdir/tests/layers.txt" "$t/tests/"
printf '/* x */\n' > "$t/common/buf.h"
printf '/* x */\n' > "$t/cgi/questionnaire/valid.h"
printf '#include "config.h"\n#include "buf.h"\n#include "valid.h"\n' > "$t/cgi/web/page.c"
check "$t" > "$tmp/out"
if grep -qx 'cgi/web/page.c:3: includes "valid.h" of layer questionnaire; layer web may include only: common calendar' "$tmp/out" &&
    [ "$(grep -vc '^checked ' "$tmp/out")" = 1 ]; then
	echo "ok 3 - a forbidden include is reported with its file and line, and only it"
else
	echo "not ok 3 - a forbidden include is reported with its file and line, and only it"
	sed 's/^/# /' "$tmp/out"
fi
