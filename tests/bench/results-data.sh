#!/usr/bin/env bash
# Data for the results benchmarks (issue 14, item 3), made quickly in the
# database itself (generate_series), on the site BENCH-RESULTS (and
# BENCH-NAT-NNN), which nothing else uses:
#
#   tests/bench/results-data.sh DSN N
#	a satisfaction campaign of N web responses of 16 answers each (the
#	form's 15 choices and scales, and a comment), open this year,
#	spread over its 30 days, in French, English or none; prints its id.
#   tests/bench/results-data.sh --national DSN SITES N
#	a year of national data: SITES sites of department 95, each with
#	one such campaign of N responses in the current year; prints the
#	year. The national view (/referent/national) then reads them all.
#   tests/bench/results-data.sh --delete DSN
#	deletes everything the two above made.
#
# DSN is a libpq connection string of a role that may disable triggers
# (postgres, as ./start makes it): the rows are written with
# session_replication_role = replica, so that neither the foreign keys
# nor sql/043's triggers run per row, then each campaign's counts are
# made by qualimetre.answer_count_rebuild (the same function the
# migration backfilled with): exact, in one pass. 1,000,000 responses
# (16 M answers) take a few minutes on a 2-core machine.
set -euo pipefail

usage()
{
	echo "usage: $0 DSN N | --national DSN SITES N | --delete DSN" >&2
	exit 2
}
number() # NAME VALUE MAX
{
	case $2 in ''|*[!0-9]*) echo "$1: a whole number" >&2; exit 2 ;; esac
	[ "$2" -ge 1 ] && [ "$2" -le "$3" ] || { echo "$1: 1 to $3" >&2; exit 2; }
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DSN" "$@"; }

# campaign SITE_CODE SITE_NAME N: one campaign of N responses; prints its id.
campaign()
{
	q -v code="$1" -v name="$2" -v n="$3" <<'SQL'
INSERT INTO qualimetre.site (code, name, department, school_zone)
VALUES (:'code', :'name', '95', 'C') ON CONFLICT (code) DO NOTHING;
WITH c AS (INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on,
	closes_on, slug)
SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction'
	ORDER BY version DESC LIMIT 1), 'satisfaction',
	'Banc d’essai des résultats', date_trunc('year', now())::date + 10,
	date_trunc('year', now())::date + 40,
	'banc-resultats-' || lower(:'code') || '-' || txid_current()
FROM qualimetre.site s WHERE s.code = :'code' RETURNING id)
SELECT id FROM c \gset
BEGIN;
SET LOCAL session_replication_role = replica;
SELECT setseed(0.5) \g /dev/null
INSERT INTO qualimetre.response (id, campaign_id, channel, form_token,
	submitted_at, lang)
SELECT md5(:'id' || '-' || i)::uuid, :'id', 'web',
	'banc-' || :'id' || '-' || i,
	date_trunc('year', now()) + interval '10 days'
	    + (i::float8 / :'n') * interval '30 days',
	(ARRAY['fr', 'en', NULL])[1 + i % 3]
FROM generate_series(1, :'n'::int) i;
INSERT INTO qualimetre.answer (response_id, campaign_id, question, value,
	text)
SELECT md5(:'id' || '-' || i)::uuid, :'id', q.q,
	CASE WHEN q.q = 'commentaire' THEN NULL
	WHEN q.q = 'motif' THEN (ARRAY['etrangers', 'vehicule-permis',
	    'identite', 'autre'])[1 + (i * 7 + 3) % 4]
	WHEN q.q = 'profil' THEN (ARRAY['particulier', 'professionnel',
	    'association', 'elu'])[1 + (i * 13) % 4]
	WHEN q.q = 'canal' THEN (ARRAY['sur-place', 'telephone',
	    'site-internet', 'courriel'])[1 + (i * 5 + 1) % 4]
	ELSE (ARRAY['tres-satisfait', 'satisfait', 'peu-satisfait',
	    'pas-du-tout-satisfait', 'sans-avis'])[1 + floor(random() * 5)::int]
	END,
	CASE WHEN q.q = 'commentaire' THEN 'Un commentaire' END
FROM generate_series(1, :'n'::int) i,
	unnest(ARRAY['motif', 'profil', 'canal', 'courtoisie', 'disponibilite',
	'handicap', 'difficulte', 'langage', 'orientation', 'signaletique',
	'delai-rdv', 'confort', 'confidentialite', 'attente',
	'point-numerique', 'commentaire']) AS q(q);
COMMIT;
SELECT qualimetre.answer_count_rebuild(:'id') \g /dev/null
ANALYZE qualimetre.response;
ANALYZE qualimetre.answer;
SELECT :'id';
SQL
}

case ${1:-} in
--national)
	[ $# -eq 4 ] || usage
	DSN=$2
	number SITES "$3" 999
	number N "$4" 10000000
	for i in $(seq 1 "$3"); do
		code=$(printf 'BENCH-NAT-%03d' "$i")
		campaign "$code" "Préfecture du banc d’essai $i" "$4" > /dev/null
	done
	q -c "SELECT extract(year FROM now())::int"
	;;
--delete)
	[ $# -eq 2 ] || usage
	DSN=$2
	q <<'SQL'
BEGIN;
CREATE TEMPORARY TABLE bench ON COMMIT DROP AS SELECT c.id FROM
	qualimetre.campaign c JOIN qualimetre.site s ON s.id = c.site_id
	WHERE s.code = 'BENCH-RESULTS' OR s.code LIKE 'BENCH-NAT-%';
SET LOCAL session_replication_role = replica;
DELETE FROM qualimetre.answer WHERE campaign_id IN (SELECT id FROM bench);
DELETE FROM qualimetre.response WHERE campaign_id IN (SELECT id FROM bench);
DELETE FROM qualimetre.answer_count WHERE campaign_id IN (SELECT id FROM bench);
DELETE FROM qualimetre.answer_pair_count
	WHERE campaign_id IN (SELECT id FROM bench);
DELETE FROM qualimetre.response_count WHERE campaign_id IN (SELECT id FROM bench);
SET LOCAL session_replication_role = origin;
DELETE FROM qualimetre.campaign WHERE id IN (SELECT id FROM bench);
DELETE FROM qualimetre.site WHERE code = 'BENCH-RESULTS'
	OR code LIKE 'BENCH-NAT-%';
COMMIT;
SQL
	;;
''|-*)
	usage
	;;
*)
	[ $# -eq 2 ] || usage
	DSN=$1
	number N "$2" 10000000
	campaign BENCH-RESULTS "Préfecture du banc d’essai des résultats" "$2"
	;;
esac
