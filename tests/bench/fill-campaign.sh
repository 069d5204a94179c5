#!/usr/bin/env bash
# Fills a new satisfaction campaign with N web responses of 16 answers
# each, as the questionnaire stores them, straight in SQL (for the
# benchmark's results pages and raw export), and prints the campaign's id.
#
#   tests/bench/fill-campaign.sh DSN N [SITE]
#
# DSN is a superuser's (keyword=value). The campaign is on the site whose
# code is SITE (default BENCH-DATA, made when missing), of the newest satisfaction form, open
# from 60 days ago to 300 days ahead (one year's national view holds
# it); its answers are spread over the options, with a comment each.
# Inserted in slices of 100,000 responses, each in its
# own transaction, so that a large N does not hold one huge one.
set -euo pipefail

[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: $0 DSN N [SITE]" >&2; exit 2; }
DSN=$1 N=$2 SITE=${3:-BENCH-DATA}
case $N in ''|*[!0-9]*) echo "$0: N: a whole number" >&2; exit 2 ;; esac
[ "$N" -ge 1 ] && [ "$N" -le 10000000 ] || { echo "$0: N: 1 to 10,000,000" >&2; exit 2; }

q() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$DSN" "$@"; }

campaign=$(q -v n="$N" -v site="$SITE" <<'SQL'
INSERT INTO qualimetre.site (code, name, department)
VALUES (:'site', 'Préfecture du banc d''essai', '41')
ON CONFLICT (code) DO NOTHING;
INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on,
	closes_on, slug)
SELECT (SELECT id FROM qualimetre.site WHERE code = :'site'),
	(SELECT id FROM qualimetre.form WHERE key = 'satisfaction'
	 ORDER BY version DESC LIMIT 1),
	'satisfaction', 'Banc d''essai : ' || :'n' || ' réponses',
	current_date - 60, current_date + 300,
	'bench-data-' || md5(random()::text)
RETURNING id;
SQL
)

done_=0
while [ "$done_" -lt "$N" ]; do
	slice=$((N - done_ < 100000 ? N - done_ : 100000))
	q -v c="$campaign" -v from="$done_" -v n="$slice" <<'SQL'
BEGIN;
CREATE TEMPORARY TABLE bench_r ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, g,
	now() - make_interval(secs => (g * 4.3)::int % (59 * 86400)) AS at
FROM generate_series(:from + 1, :from + :n) AS g;
INSERT INTO qualimetre.response (id, campaign_id, submitted_at, channel,
	form_token, lang)
SELECT id, :c, at, 'web', 'bench-' || :c || '-' || g, 'fr' FROM bench_r;
INSERT INTO qualimetre.answer (response_id, campaign_id, question, value, text)
SELECT r.id, :c, q.key,
	CASE WHEN q.key = 'commentaire' THEN NULL
	ELSE (q.opts)[1 + (hashint4(r.g * 31 + q.n) & 2147483647)
		% array_length(q.opts, 1)] END,
	CASE WHEN q.key = 'commentaire' THEN 'Accueil rapide et aimable, numéro ' || r.g END
FROM bench_r r
CROSS JOIN (VALUES
	(1, 'motif', '{etrangers,vehicule-permis,identite,autre}'::text[]),
	(2, 'profil', '{particulier,professionnel,association,elu}'),
	(3, 'canal', '{sur-place,telephone,site-internet,courriel}'),
	(4, 'courtoisie', NULL), (5, 'disponibilite', NULL),
	(6, 'handicap', NULL), (7, 'difficulte', NULL), (8, 'langage', NULL),
	(9, 'orientation', NULL), (10, 'signaletique', NULL),
	(11, 'delai-rdv', NULL), (12, 'confort', NULL),
	(13, 'confidentialite', NULL), (14, 'attente', NULL),
	(15, 'point-numerique', NULL), (16, 'commentaire', NULL)) AS q0(n, key, o)
CROSS JOIN LATERAL (SELECT q0.n, q0.key, coalesce(q0.o,
	'{tres-satisfait,satisfait,satisfait,peu-satisfait,pas-du-tout-satisfait,sans-avis}'::text[])
	AS opts) AS q;
COMMIT;
SQL
	done_=$((done_ + slice))
done
q -c "ANALYZE qualimetre.response; ANALYZE qualimetre.answer;"
printf '%s\n' "$campaign"
