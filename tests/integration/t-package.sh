#!/usr/bin/env bash
# The Debian package, as a prefecture's IT service installs it: built by
# dpkg-buildpackage -us -uc -b from a copy of this tree (its git files and
# static/dsfr/, which ./start made), checked by lintian (no error, no warning),
# extracted in a throwaway root (dpkg -x) and compared with
# tests/package-files.txt; its systemd units checked offline
# (systemd-analyze verify and security); its setup run twice on a new
# database of the test cluster. About two minutes, most of it the build.
. "$(dirname "$0")/lib.sh"

tap_plan 22

for c in dpkg-buildpackage dh lintian systemd-analyze; do
	command -v "$c" > /dev/null || bail_out "$c is not installed (./start --with-test-tools installs it)"
done
[ -f "$QM_SRC/static/dsfr/qualimetre-dsfr.min.css" ] || bail_out "static/dsfr/ is missing: run ./start first"

version=$(sed -n '1s/^qualimetre (\([^)]*\)).*/\1/p' "$QM_SRC/debian/changelog")
work=$QM_TMP/pkg
src=$work/qualimetre-$version
root=$work/root
deb=$work/qualimetre_${version}_$(dpkg --print-architecture).deb
mkdir -p "$src"
# The files git knows (committed or not, but not ignored) and the DSFR.
(cd "$QM_SRC" && { git ls-files -z --cached --others --exclude-standard; find static/dsfr -print0; } |
	tar --null --no-recursion -T - -cf -) | tar -C "$src" -xf -

(cd "$src" && DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -us -uc -b) > "$work/build.log" 2>&1
rc=$?
is "$rc" 0 "dpkg-buildpackage -us -uc -b builds the package" || tail -n 30 "$work/build.log" | sed 's/^/#   /'
[ -f "$deb" ] || bail_out "no $deb"

lintian --tag-display-limit 0 "$deb" > "$work/lintian.log" 2>&1
grep -E '^E: ' "$work/lintian.log" | sed 's/^/#   /'
is "$(grep -cE '^E: ' "$work/lintian.log")" 0 "lintian finds no error"
grep -E '^W: ' "$work/lintian.log" | sed 's/^/#   /'
is "$(grep -cE '^W: ' "$work/lintian.log")" 0 "nor any warning (every program has its manual page)"

dpkg -x "$deb" "$root"
(cd "$root" && find . ! -type d -printf '/%P\n' | grep -vE '^/usr/share/qualimetre/(sql/[0-9]{3}-|static/dsfr/)';
	find ./usr/share/qualimetre/static/dsfr -mindepth 1 -maxdepth 1 -printf '/usr/share/qualimetre/static/dsfr/%P\n') |
	LC_ALL=C sort > "$work/files"
grep -v '^#' "$QM_SRC/tests/package-files.txt" | LC_ALL=C sort > "$work/expected"
diff -u "$work/expected" "$work/files" > "$work/files.diff"
ok $? "the package's files are tests/package-files.txt's" || sed 's/^/#   /' "$work/files.diff"
is "$(cd "$root/usr/share/qualimetre/sql" && ls [0-9][0-9][0-9]-*.sql | tr '\n' ' ')" \
	"$(cd "$QM_SRC/sql" && ls [0-9][0-9][0-9]-*.sql | tr '\n' ' ')" "it holds every migration of sql/"
is "$(cd "$root/usr/share/qualimetre/static/dsfr" && find . -type f | wc -l)" \
	"$(cd "$QM_SRC/static/dsfr" && find . -type f ! -name .version | wc -l)" \
	"and the DSFR's files that ./start copied"
is "$(dpkg-deb -f "$deb" Package Architecture | tr '\n' ' ')" "Package: qualimetre Architecture: $(dpkg --print-architecture) " \
	"one binary package for this architecture"
dpkg-deb -e "$deb" "$work/control"
is "$(LC_ALL=C sort "$work/control/conffiles" | tr '\n' ' ')" \
	"/etc/nginx/sites-available/qualimetre /etc/qualimetre/qualimetre.conf " \
	"the nginx site and the programs' environment are conffiles"

# ---- the maintainer scripts
grep -q 'for prog in survey mystery referent loader' "$work/control/postinst" &&
	grep -q 'adduser --quiet --system --group --no-create-home' "$work/control/postinst" &&
	grep -q 'addgroup --quiet --system qualimetre-web' "$work/control/postinst" &&
	grep -q 'adduser --quiet www-data qualimetre-web' "$work/control/postinst"
ok $? "postinst: a system user per program and the loader, www-data in qualimetre-web"
! grep -qiE 'dropdb|drop database|psql' "$work/control/postrm"
ok $? "postrm never drops the database"
grep -q 'deb-systemd-helper' "$work/control/postinst"
ok $? "postinst enables the units (dh_installsystemd)"

# ---- the units
units=$root/lib/systemd/system
n=0
for p in survey mystery referent; do
	s=$units/qualimetre-$p.service
	grep -qx "User=qualimetre-$p" "$s" && grep -qx "Requires=qualimetre-$p.socket" "$s" &&
	grep -qx "ListenStream=/run/qualimetre/$p.sock" "$units/qualimetre-$p.socket" &&
	grep -qx "SocketGroup=qualimetre-web" "$units/qualimetre-$p.socket" &&
	grep -qx "SocketMode=0660" "$units/qualimetre-$p.socket" &&
	grep -q "^ExecStart=/usr/sbin/qualimetre-$p " "$s" &&
	grep -qE "server unix:/run/qualimetre/$p.sock( max_fails=0)?;" "$root/etc/nginx/sites-available/qualimetre" &&
	n=$((n + 1))
done
is "$n" 3 "each program: its user, its socket (0660, group qualimetre-web), nginx's upstream on it"
grep -q 'alias /usr/share/qualimetre/static/;' "$root/etc/nginx/sites-available/qualimetre"
ok $? "the nginx site serves the installed static files"

# systemd-analyze verify checks that ExecStart's programs exist: a copy
# of the units pointing into the throwaway root.
mkdir -p "$work/units"
for f in "$units"/*; do
	sed -e "s|/usr/sbin/|$root/usr/sbin/|g" "$f" > "$work/units/$(basename "$f")"
done
(cd "$work/units" && systemd-analyze verify ./*.socket ./*.service) > "$work/verify.log" 2>&1
rc=$?
# Outside a booted systemd, it may say so about the system's own units.
grep -v -e 'sysinit.target' -e 'not booted' "$work/verify.log" > "$work/verify.mine"
ok $(( rc != 0 || $(grep -c . "$work/verify.mine") != 0 )) "systemd-analyze verify accepts the six units" ||
	sed 's/^/#   /' "$work/verify.log"
for p in survey mystery referent; do
	score=$(systemd-analyze security --offline=yes "$units/qualimetre-$p.service" 2>/dev/null |
		sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')
	awk -v s="${score:-99}" 'BEGIN { exit !(s <= 1.0) }'
	ok $? "systemd-analyze security: qualimetre-$p.service exposure ${score:-?} (at most 1.0)"
done

# ---- the packaged programs and setup
"$root/usr/sbin/qualimetre-survey" > "$work/usage" 2>&1
rc=$?
ok $(( rc != 2 )) "the packaged survey program runs (usage, exit 2, without arguments)"
grep -q '/usr/share/qualimetre/sql/setup' "$root/usr/sbin/qualimetre"
ok $? "qualimetre setup runs the packaged sql/setup"

# The packaged setup on a new database of the test cluster: made, then
# up to date; dropped afterwards.
db=qm_package_$$
drop_db() { psql -X -q -d "host=$QM_RUN dbname=postgres user=postgres" -c "DROP DATABASE IF EXISTS $db"; }
at_exit drop_db
export QUALIMETRE_FORM_LOADER=$root/usr/bin/qualimetre-form
"$root/usr/share/qualimetre/sql/setup" --database "$db" "host=$QM_RUN user=postgres" > "$work/setup1" 2>&1
rc=$?
is "$rc/$(psql -X -At -d "host=$QM_RUN dbname=$db user=postgres" \
	-c "SELECT count(*) FROM public.schema_migrations")/$(psql -X -At -d "host=$QM_RUN dbname=$db user=postgres" \
	-c "SELECT count(DISTINCT key) FROM qualimetre.form")" \
	"0/$(ls "$QM_SRC"/sql/[0-9][0-9][0-9]-*.sql | wc -l)/$(ls "$QM_SRC"/forms/*.xml | sed 's/-[0-9]*\.xml$/.xml/' | sort -u | wc -l)" \
	"setup makes the database: every migration, every form" || sed 's/^/#   /' "$work/setup1" | tail -n 10
"$root/usr/share/qualimetre/sql/setup" --database "$db" "host=$QM_RUN user=postgres" > "$work/setup2" 2>&1
rc=$?
grep -q 'qualimetre setup: 0 applied' "$work/setup2"
ok $(( $? != 0 || rc != 0 )) "run again: nothing applied, nothing loaded twice" || sed 's/^/#   /' "$work/setup2" | tail -n 10
"$root/usr/share/qualimetre/sql/setup" "host=$QM_RUN user=postgres dbname=${db}_x" > "$work/setup3" 2>&1
rc=$?
is "$rc/$(psql -X -At -d "host=$QM_RUN dbname=postgres user=postgres" -c "SELECT count(*) FROM pg_database WHERE datname = '${db}_x'")" \
	"1/0" "a DSN naming a database is refused, nothing made"
