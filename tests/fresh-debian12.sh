#!/usr/bin/env bash
# The README's two commands on a Debian 12 that has nothing: builds a
# minimal bookworm root with debootstrap (--variant=minbase, plus git and
# ca-certificates), clones the committed project into /root/qualimetre
# there, and inside that root runs ./start, fetches the demo
# questionnaire, runs ./start --stop, then ./run-tests. Prints the
# summary line of ./run-tests last, as
#	fresh-debian12: N passed, M failed
# and exits 0 only when ./start served the questionnaire and ./run-tests
# passed. Not part of ./run-tests: run it before resolving an issue that
# touches installation. As root, on a Debian machine with network access
# to Debian's archive and the npm registry; takes 30 to 60 minutes.
#
#   tests/fresh-debian12.sh [--dir PARENT] [--mirror URL] [--keep]
#                           [--start-only] [--rev REV]
#
#   --dir PARENT   where the root is made (mktemp -d under PARENT;
#                  default /var/tmp): about 3 GB
#   --mirror URL   Debian mirror (default http://deb.debian.org/debian;
#                  security updates come from URL's -security sibling)
#   --keep         leave the root on disk (its processes are still ended
#                  and its mounts undone); logs are kept in any case
#   --start-only   stop after ./start, the page and ./start --stop
#   --rev REV      the commit to clone (default HEAD)
#
# The root shares this machine's network, so ports 8080 and 18080 of
# 127.0.0.1 must be free: stop ./start's and ./run-tests' instances first.
# Logs: PARENT/qualimetre-fresh-logs.XXXXXX/ (its path is printed).
#
# What makes such a root differ from a real machine is handled here, not
# by the project: mktemp's mode 0700 (no system user could enter the
# root), this network's CA certificates and npm's cafile setting (copied
# in), services that package scripts would start (policy-rc.d says no),
# /proc, /sys, /dev and /run (mounted here, undone at exit), and the
# processes left inside (ended by pid at exit, found by their root).
set -euo pipefail

SRC=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd -P)
PARENT=/var/tmp
MIRROR=http://deb.debian.org/debian
KEEP=0
START_ONLY=0
REV=HEAD
SUITE=bookworm

usage() { sed -n '/^#   tests\/fresh-debian12/,/^#   --rev/s/^# //p' "$0"; }
say() { printf '\n=== fresh-debian12: %s\n' "$*"; }
die() { printf 'fresh-debian12: error: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case $1 in
	--dir|--mirror|--rev)
		[ $# -ge 2 ] || die "$1 needs a value"
		case $1 in
		--dir) PARENT=$2 ;;
		--mirror) MIRROR=$2 ;;
		--rev) REV=$2 ;;
		esac
		shift 2 ;;
	--keep) KEEP=1; shift ;;
	--start-only) START_ONLY=1; shift ;;
	-h|--help) usage; exit 0 ;;
	*) usage >&2; die "unknown argument: $1" ;;
	esac
done

[ "$(id -u)" = 0 ] || die "run me as root (debootstrap, chroot and mounts need it)"
[ -d "$PARENT" ] || die "--dir $PARENT is not a directory"
git -C "$SRC" rev-parse --verify --quiet "$REV^{commit}" > /dev/null ||
	die "$REV is not a commit of $SRC"

# Both instances of the project listen on these; a root sharing the
# network could not start its own while another one holds them.
for port in 8080 18080; do
	if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
		die "something listens on 127.0.0.1:$port: stop it first (./start --stop, or the ./run-tests in progress)"
	fi
done

if ! command -v debootstrap > /dev/null; then
	say "installing debootstrap on this machine"
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
fi

ROOT=$(mktemp -d "$PARENT/qualimetre-fresh.XXXXXX")
LOGS=$(mktemp -d "$PARENT/qualimetre-fresh-logs.XXXXXX")
chmod 0755 "$ROOT" "$LOGS"
MOUNTS=()
BG_PID=

# ------------------------------------------------------------ clean-up

# Every process whose root directory is ROOT or below it: started inside.
pids_inside()
{
	local p r
	for p in /proc/[0-9]*; do
		r=$(readlink "$p/root" 2> /dev/null) || continue
		case $r in
		"$ROOT"|"$ROOT"/*) echo "${p#/proc/}" ;;
		esac
	done
}

end_processes()
{
	local pids i
	pids=$(pids_inside)
	[ -n "$pids" ] || return 0
	echo "fresh-debian12: ending the processes left in $ROOT:" $pids
	kill -TERM $pids 2> /dev/null || true
	for ((i = 0; i < 100; i++)); do
		pids=$(pids_inside)
		[ -n "$pids" ] || return 0
		sleep 0.1
	done
	echo "fresh-debian12: killing what did not end after SIGTERM:" $pids
	kill -KILL $pids 2> /dev/null || true
	sleep 1
}

undo_mounts()
{
	local i m
	for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
		m=${MOUNTS[i]}
		mountpoint -q "$m" || continue
		umount "$m" 2> /dev/null || umount --lazy "$m" ||
			echo "fresh-debian12: could not unmount $m" >&2
	done
	MOUNTS=()
}

# The script's own output, for cleanup: a signal may come while a step's
# output goes to its log.
exec 3>&1 4>&2

cleanup()
{
	local rc=$? pids
	set +e
	exec 1>&3 2>&4
	# What this script was waiting for, debootstrap say, with its children.
	if [ -n "$BG_PID" ]; then
		pids=$(tree "$BG_PID")
		kill -TERM $pids 2> /dev/null
		sleep 1
	fi
	end_processes
	undo_mounts
	if grep -q " $ROOT/" /proc/mounts; then
		echo "fresh-debian12: $ROOT still has mounts; leaving it on disk" >&2
	elif [ $KEEP = 1 ]; then
		echo "fresh-debian12: the root is kept in $ROOT"
	else
		rm -rf --one-file-system "$ROOT"
	fi
	echo "fresh-debian12: logs in $LOGS"
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# bg COMMAND...: runs COMMAND in the background and waits for it, so
# that a signal to this script ends it at once rather than after COMMAND.
bg()
{
	local rc=0
	"$@" 3>&- 4>&- &
	BG_PID=$!
	wait $BG_PID || rc=$?
	BG_PID=
	return $rc
}

# tree PID: PID and its descendants, parents first.
tree()
{
	local p kids
	echo "$1"
	kids=$(grep -l "^[0-9]* ([^)]*) . $1 " /proc/[0-9]*/stat 2> /dev/null |
		sed 's|^/proc/\([0-9]*\)/stat$|\1|' || true)
	for p in $kids; do
		tree "$p"
	done
}

mount_in()
{
	local target=$ROOT$1
	shift
	mkdir -p "$target"
	mount "$@" "$target"
	MOUNTS+=("$target")
}

# ------------------------------------------------------------ the root

say "debootstrap --variant=minbase $SUITE into $ROOT (log: $LOGS/debootstrap.log)"
if ! bg debootstrap --variant=minbase --include=git,ca-certificates \
    "$SUITE" "$ROOT" "$MIRROR" > "$LOGS/debootstrap.log" 2>&1; then
	tail -n 20 "$LOGS/debootstrap.log" >&2
	die "debootstrap failed"
fi

# As a real installation: the release, its updates and security updates.
cat > "$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $MIRROR-security $SUITE-security main
EOF
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
cp /etc/hosts "$ROOT/etc/hosts"

# Package scripts must not start services inside the root: they would
# be real services of this machine, on its network.
printf '#!/bin/sh\n# fresh-debian12: no service starts in this root.\nexit 101\n' \
	> "$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"

# This network's certificate authorities, as a machine on it has them.
n=0
for crt in /usr/local/share/ca-certificates/*.crt; do
	[ -e "$crt" ] || continue
	cp "$crt" "$ROOT/usr/local/share/ca-certificates/"
	n=$((n + 1))
done

mount_in /proc -t proc proc
mount_in /sys -t sysfs -o ro sysfs
mount_in /dev --bind /dev
mount_in /dev/pts --bind /dev/pts
mount_in /dev/shm -t tmpfs -o mode=1777,nosuid,nodev shm
mount_in /run -t tmpfs -o mode=0755,nosuid,nodev run

# in_root COMMAND: runs COMMAND with bash in the root, with the
# environment of a root login there, not this one's.
in_root()
{
	chroot "$ROOT" /usr/bin/env -i HOME=/root USER=root LOGNAME=root 3>&- 4>&- \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		LANG=C.UTF-8 TERM=dumb SHELL=/bin/bash /bin/bash -c "$1"
}

[ $n = 0 ] || in_root 'update-ca-certificates' > "$LOGS/ca.log" 2>&1 ||
	die "update-ca-certificates failed in the root (log: $LOGS/ca.log)"
say "copied $n certificate authorit$( [ $n = 1 ] && echo y || echo ies) of this network"

# npm's own cafile setting, where this machine's npm has one: the
# project's ./start installs Debian's npm, which reads /etc/npmrc.
cafile=
if command -v npm > /dev/null; then
	cafile=$(npm config get cafile 2> /dev/null || true)
	[ "$cafile" != null ] && [ "$cafile" != undefined ] || cafile=
fi
if [ -n "$cafile" ]; then
	[ -e "$ROOT$cafile" ] || die "npm's cafile $cafile has no counterpart in the root"
	printf 'cafile=%s\n' "$cafile" > "$ROOT/etc/npmrc"
	say "npm's cafile in the root: $cafile"
fi

say "cloning $REV ($(git -C "$SRC" rev-parse --short "$REV")) into /root/qualimetre"
git clone --quiet --no-hardlinks "$SRC" "$ROOT/root/qualimetre"
git -C "$ROOT/root/qualimetre" checkout --quiet --detach "$REV"
# CI runs with the project's shared/ folder beside the clone.
if [ -d "$SRC/../shared" ]; then
	cp -R "$SRC/../shared" "$ROOT/root/shared"
	chmod -R a-w "$ROOT/root/shared"
fi

# ------------------------------------------------------------ the README

say "./start (log: $LOGS/start.log)"
started=$(date +%s)
rc=0
bg in_root 'cd /root/qualimetre && ./start' > "$LOGS/start.log" 2>&1 || rc=$?
echo "./start exited $rc after $(($(date +%s) - started)) s"
if [ $rc != 0 ]; then
	tail -n 30 "$LOGS/start.log"
	echo "fresh-debian12: ./start failed"
	exit 1
fi
url=$(tail -n 1 "$LOGS/start.log")
case $url in
http://127.0.0.1:8080/enquete/*) ;;
*) tail -n 10 "$LOGS/start.log"; die "./start's last line is not the questionnaire's address: $url" ;;
esac

say "fetching $url from inside the root"
page_ok=0
code=$(in_root "curl -s -o /tmp/questionnaire.html -w '%{http_code}' --max-time 10 '$url'" || true)
cp "$ROOT/tmp/questionnaire.html" "$LOGS/questionnaire.html" 2> /dev/null || true
if [ "$code" = 200 ] && grep -q '<form' "$LOGS/questionnaire.html" &&
    grep -q 'name="_jeton"' "$LOGS/questionnaire.html"; then
	page_ok=1
	echo "HTTP 200, $(wc -c < "$LOGS/questionnaire.html") bytes, a form with its token"
else
	echo "fresh-debian12: the questionnaire did not come: HTTP $code (body in $LOGS/questionnaire.html)"
fi

say "./start --stop"
in_root 'cd /root/qualimetre && ./start --stop' > "$LOGS/stop.log" 2>&1 ||
	{ cat "$LOGS/stop.log"; die "./start --stop failed"; }
left=$(pids_inside)
[ -z "$left" ] || die "./start --stop left processes running in the root:" $left
echo "nothing runs in the root any more"
[ $page_ok = 1 ] || exit 1

if [ $START_ONLY = 1 ]; then
	echo "fresh-debian12: ./start served the questionnaire (--start-only: ./run-tests not run)"
	exit 0
fi

say "./run-tests (log: $LOGS/run-tests.log)"
started=$(date +%s)
rc=0
bg in_root 'cd /root/qualimetre && ./run-tests' > "$LOGS/run-tests.log" 2>&1 || rc=$?
echo "./run-tests exited $rc after $(($(date +%s) - started)) s"
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/run-tests.log" | tail -n 1 || true)
if [ $rc != 0 ]; then
	grep -E '^(not ok|run-tests: FAILED)' "$LOGS/run-tests.log" | head -n 40 || true
fi
echo
echo "fresh-debian12: ${summary:-no summary line from ./run-tests}"
[ $rc = 0 ] && [ -n "$summary" ]
