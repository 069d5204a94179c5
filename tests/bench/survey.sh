#!/usr/bin/env bash
# Load test of the public questionnaire on a running instance, through
# nginx on 127.0.0.1 only, bounded in time: GET of the page, then POST of
# whole questionnaires, each a new response. Prints wrk's figures and the
# number of responses stored, then deletes the benchmark's campaign.
#
#   tests/bench/survey.sh [--instance DIR] [--port P] [--build-dir DIR]
#                         [--seconds S] [--connections C]
# Defaults: the ./start instance (var/demo, port 8080, var/build), 10 s,
# 64 connections, 2 threads (DESIGN.md's performance budget: wrk -t2 -c64).
set -euo pipefail
cd "$(dirname "$0")/../.."
SRC=$(pwd -P)

INSTANCE=var/demo PORT=8080 BUILD=var/build SECONDS_=10 CONNS=64 THREADS=2
while [ $# -gt 0 ]; do
	case $1 in
	--instance) INSTANCE=$2; shift 2 ;;
	--port) PORT=$2; shift 2 ;;
	--build-dir) BUILD=$2; shift 2 ;;
	--seconds) SECONDS_=$2; shift 2 ;;
	--connections) CONNS=$2; shift 2 ;;
	*) echo "usage: $0 [--instance DIR] [--port P] [--build-dir DIR] [--seconds S] [--connections C]" >&2; exit 2 ;;
	esac
done
case $SECONDS_ in ''|*[!0-9]*) echo "--seconds: a whole number" >&2; exit 2 ;; esac
[ "$SECONDS_" -le 120 ] || { echo "--seconds: at most 120" >&2; exit 2; }
INSTANCE=$(cd "$INSTANCE" && pwd -P)
BUILD=$(cd "$BUILD" && pwd -P)
command -v wrk > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null

DSN="host=$INSTANCE/run dbname=qualimetre user=postgres"
URL=http://127.0.0.1:$PORT
slug=bench-$$
work=$(mktemp -d)
cleanup()
{
	psql -X -q -d "$DSN" -v slug="$slug" <<'SQL' > /dev/null || true
DELETE FROM qualimetre.response WHERE campaign_id IN
	(SELECT id FROM qualimetre.campaign WHERE slug = :'slug');
DELETE FROM qualimetre.campaign WHERE slug = :'slug';
SQL
	rm -rf "$work"
}
trap cleanup EXIT

campaign=$(psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$DSN" -v slug="$slug" <<'SQL'
INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
SELECT (SELECT min(id) FROM qualimetre.site),
	(SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
	'satisfaction', 'Banc d''essai', current_date - 1, current_date + 1, :'slug'
RETURNING id;
SQL
)

# Enough tokens for the fastest rate we could reach, with room to spare.
ntokens=$((SECONDS_ * 20000))
"$BUILD/tests/bench/mint-tokens" "$INSTANCE/secret/form-token.key" "$campaign" "$ntokens" > "$work/tokens"

body="motif=etrangers&profil=particulier&canal=sur-place"
for q in courtoisie disponibilite handicap difficulte langage orientation \
    signaletique delai-rdv confort confidentialite attente point-numerique; do
	body+="&$q=satisfait"
done
body+="&commentaire=Accueil+rapide+et+aimable"

echo "== GET /enquete/$slug: $THREADS threads, $CONNS connections, ${SECONDS_}s"
curl -sS -o /dev/null -w 'page size: %{size_download} bytes\n' "$URL/enquete/$slug"
wrk -t"$THREADS" -c"$CONNS" -d"${SECONDS_}s" --latency "$URL/enquete/$slug" | tee "$work/get.txt"

echo "== POST /enquete/$slug (16 answers each, a new token each): $THREADS threads, $CONNS connections, ${SECONDS_}s"
QM_TOKENS=$work/tokens QM_THREADS=$THREADS QM_PATH=/enquete/$slug QM_BODY=$body \
	wrk -t"$THREADS" -c"$CONNS" -d"${SECONDS_}s" --latency -s tests/bench/post.lua "$URL" | tee "$work/post.txt"
stored=$(psql -X -A -t -q -d "$DSN" -v slug="$slug" <<'SQL'
SELECT count(*) || ' responses, ' || (SELECT count(*) FROM qualimetre.answer a WHERE a.campaign_id = c.id) || ' answers'
FROM qualimetre.response r JOIN qualimetre.campaign c ON c.id = r.campaign_id
WHERE c.slug = :'slug' GROUP BY c.id;
SQL
)
echo "stored: $stored"
sent=$(awk '/requests in/ { print $1 }' "$work/post.txt")
echo "POSTs completed by wrk: $sent"
