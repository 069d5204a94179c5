#!/usr/bin/env bash
# The counts kept as answers arrive (sql/043, issue 14 item 3): after each
# change that moves a figure (answers inserted in one statement or in
# several, paper corrections and withdrawals, periods set aside, lifted or
# deleted, a response's time or language changed, answers updated,
# responses deleted), the sums of the rollup are those of a plain GROUP BY
# over the answers and the views (qualimetre.counted_response,
# qualimetre.set_aside_response), to the last answer; and the results page
# read from them is the page read from counts made again from the answers.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 33

SITE=TEST-ROLLUP
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone)
	VALUES ('TEST-ROLLUP', 'Préfecture de test (comptes)', '41', 'B'),
		('TEST-ROLLUP-B', 'Préfecture de test (comptes B)', '41', 'B')
	ON CONFLICT (code) DO NOTHING"
ref=rollup-ref-$$ pw="mot de passe des comptes $$"
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent \
	--site "$SITE" --name "Référente Comptes $$" > /dev/null
refb=rollup-refb-$$
printf '%s\n' "$pw" | admin user add --final --login "$refb" --role referent \
	--site TEST-ROLLUP-B --name "Référent Comptes B $$" > /dev/null
site=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$SITE")
uid=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$ref")

# campaign TITLE OPENS CLOSES: a satisfaction campaign of the site.
campaign()
{
	psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title,
		opens_on, closes_on, slug)
		SELECT :'s', (SELECT id FROM qualimetre.form WHERE key = 'satisfaction'
			ORDER BY version DESC LIMIT 1), 'satisfaction', :'t',
			current_date + :'o'::int, current_date + :'c'::int,
			'rollup-' || :'t' || '-' || :'p'
		RETURNING id" s="$site" t="$1" o="$2" c="$3" p="$$"
}
prev=$(campaign precedente -400 -380)
cid=$(campaign courante -12 5)
at_exit psql_q "DELETE FROM qualimetre.set_aside WHERE campaign_id IN (:'a', :'b');
	DELETE FROM qualimetre.revision WHERE campaign_id IN (:'a', :'b');
	DELETE FROM qualimetre.response WHERE campaign_id IN (:'a', :'b');
	DELETE FROM qualimetre.campaign WHERE id IN (:'a', :'b')" a="$cid" b="$prev"

# diff: the rows where the rollup and a GROUP BY over the raw tables
# differ, for the test's two campaigns: answers, pairs, responses.
diff_counts()
{
	psql_q "WITH cs AS (SELECT unnest(ARRAY[:'a', :'b']::bigint[]) AS id),
	s AS (SELECT a.response_id r, a.campaign_id c, a.question q, a.value v, rr.lang
		FROM qualimetre.answer a JOIN qualimetre.response rr ON rr.id = a.response_id
		WHERE a.campaign_id IN (SELECT id FROM cs) AND a.value IS NOT NULL
		AND a.response_id NOT IN (SELECT id FROM qualimetre.set_aside_response)),
	raw AS (SELECT c, q, v, count(*) AS n FROM s GROUP BY 1, 2, 3),
	ru AS (SELECT campaign_id, question, value, sum(n) FROM qualimetre.answer_count
		WHERE campaign_id IN (SELECT id FROM cs) GROUP BY 1, 2, 3 HAVING sum(n) <> 0),
	rawp AS (SELECT g.c, g.q bq, g.v bv, a.q, a.v, count(*) AS n FROM s g
		JOIN s a ON a.r = g.r WHERE g.q IN ('motif', 'profil', 'canal')
		GROUP BY 1, 2, 3, 4, 5
		UNION ALL SELECT c, '_langue', coalesce(lang, ''), q, v, count(*)
		FROM s GROUP BY 1, 2, 3, 4, 5),
	rup AS (SELECT campaign_id, by_question, by_value, question, value, sum(n)
		FROM qualimetre.answer_pair_count WHERE campaign_id IN (SELECT id FROM cs)
		GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0),
	rawr AS (SELECT cs.id, (SELECT count(*) FROM qualimetre.counted_response r
			WHERE r.campaign_id = cs.id) AS counted,
		(SELECT count(*) FROM qualimetre.set_aside_response x
			WHERE x.campaign_id = cs.id) AS aside FROM cs),
	rur AS (SELECT cs.id, coalesce(sum(k.counted), 0), coalesce(sum(k.set_aside), 0)
		FROM cs LEFT JOIN qualimetre.response_count k ON k.campaign_id = cs.id
		GROUP BY cs.id),
	raws AS (SELECT r.campaign_id, r.channel, to_char(r.submitted_at AT TIME ZONE 'Europe/Paris',
			'YYYY-MM-DD HH24') AS h, count(*) AS n, count(u.id) AS a,
			count(*) FILTER (WHERE r.withdrawn_at IS NULL AND u.id IS NULL) AS k
		FROM qualimetre.response r LEFT JOIN qualimetre.set_aside_response u ON u.id = r.id
		WHERE r.campaign_id IN (SELECT id FROM cs) GROUP BY 1, 2, 3),
	rus AS (SELECT k.campaign_id, k.channel, to_char(k.slot AT TIME ZONE 'Europe/Paris',
			'YYYY-MM-DD HH24') AS h, sum(k.n) AS n, sum(k.set_aside) AS a,
			sum(k.counted) AS k
		FROM qualimetre.response_slot_count k
		WHERE k.campaign_id IN (SELECT id FROM cs) GROUP BY 1, 2, 3
		HAVING sum(k.n) <> 0 OR sum(k.set_aside) <> 0 OR sum(k.counted) <> 0),
	rawf AS (SELECT r.campaign_id, count(*) FROM qualimetre.response r
		WHERE r.campaign_id IN (SELECT id FROM cs) AND r.confirmed GROUP BY 1),
	ruf AS (SELECT k.campaign_id, sum(k.confirmed) FROM qualimetre.response_count k
		WHERE k.campaign_id IN (SELECT id FROM cs) GROUP BY 1 HAVING sum(k.confirmed) <> 0)
	SELECT (SELECT count(*) FROM raw) > 0, (SELECT count(*) FROM
		(SELECT * FROM raw EXCEPT SELECT * FROM ru
		UNION ALL (SELECT * FROM ru EXCEPT SELECT * FROM raw)) d)
	|| '/' || (SELECT count(*) FROM (SELECT * FROM rawp EXCEPT SELECT * FROM rup
		UNION ALL (SELECT * FROM rup EXCEPT SELECT * FROM rawp)) d)
	|| '/' || (SELECT count(*) FROM (SELECT * FROM rawr EXCEPT SELECT * FROM rur
		UNION ALL (SELECT * FROM rur EXCEPT SELECT * FROM rawr)) d)
	|| '/' || (SELECT count(*) FROM (SELECT * FROM raws EXCEPT SELECT * FROM rus
		UNION ALL (SELECT * FROM rus EXCEPT SELECT * FROM raws)) d)
	|| '/' || (SELECT count(*) FROM (SELECT * FROM rawf EXCEPT SELECT * FROM ruf
		UNION ALL (SELECT * FROM ruf EXCEPT SELECT * FROM rawf)) d)" a="$cid" b="$prev" |
		tr '|' ' '
}

# page PAR: the results page broken down by PAR, its tokens left out.
page()
{
	[ "$(http_get "/referent/campagnes/$cid?par=$1&critere=courtoisie")" = 200 ] || return 1
	grep -v '_csrf' "$HTTP_BODY"
}

# same_pages STEP: the pages by profile and by language read from the
# counts kept are those read from counts made again from the answers.
same_pages()
{
	local p1 p2 l1 l2
	p1=$(page profil) l1=$(page _langue)
	psql_q "SELECT qualimetre.answer_count_rebuild(:'a'),
		qualimetre.answer_count_rebuild(:'b')" a="$cid" b="$prev" > /dev/null
	p2=$(page profil) l2=$(page _langue)
	ok "$([ -n "$p1" ] && [ "$p1" = "$p2" ] && [ "$l1" = "$l2" ] && echo 0)" \
		"$1: the results page is the one counted again from the answers"
}

# ---- answers arrive: in one statement with their response, as the
# survey program sends them, and in several statements per question
psql_q "SELECT setseed(0.14);
	INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, submitted_at, lang)
	SELECT md5(:'c' || 'w' || i)::uuid, :'c', 'web', 'rollup-' || :'c' || '-w' || i,
		now() - interval '10 days' + i * interval '40 minutes',
		(ARRAY['fr', 'en', NULL])[1 + floor(random() * 3)::int]
	FROM generate_series(1, 300) i;
	UPDATE qualimetre.response SET confirmed = true
	WHERE campaign_id = :'c' AND random() < 0.1;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value, text)
	SELECT md5(:'c' || 'w' || i)::uuid, :'c', q.q,
		CASE WHEN q.q = 'commentaire' THEN NULL
		WHEN q.q = 'motif' THEN (ARRAY['etrangers', 'vehicule-permis', 'identite', 'autre'])[1 + floor(random() * 4)::int]
		WHEN q.q = 'profil' THEN (ARRAY['particulier', 'professionnel', 'association', 'elu'])[1 + floor(random() * 4)::int]
		WHEN q.q = 'canal' THEN (ARRAY['sur-place', 'telephone', 'site-internet', 'courriel'])[1 + floor(random() * 4)::int]
		ELSE (ARRAY['tres-satisfait', 'satisfait', 'peu-satisfait', 'pas-du-tout-satisfait', 'sans-avis'])[1 + floor(random() * 5)::int] END,
		CASE WHEN q.q = 'commentaire' THEN 'Un commentaire ' || i END
	FROM generate_series(1, 300) i,
		unnest(ARRAY['motif', 'profil', 'canal', 'courtoisie', 'disponibilite',
		'attente', 'confort', 'commentaire']) AS q(q)
	WHERE random() < 0.9;
	INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, submitted_at)
	SELECT md5(:'p' || 'w' || i)::uuid, :'p', 'web', 'rollup-' || :'p' || '-w' || i,
		now() - interval '390 days' + i * interval '1 hour'
	FROM generate_series(1, 80) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'p' || 'w' || i)::uuid, :'p', 'courtoisie',
		(ARRAY['satisfait', 'peu-satisfait'])[1 + floor(random() * 2)::int]
	FROM generate_series(1, 80) i" c="$cid" p="$prev" > /dev/null
for i in 1 2 3 4 5; do
	psql_q "WITH r AS (INSERT INTO qualimetre.response
		(id, campaign_id, channel, form_token, lang)
		VALUES (md5(:'c' || 's' || :'i')::uuid, :'c', 'web', 'rollup-' || :'c' || '-s' || :'i', 'en'))
		INSERT INTO qualimetre.answer (response_id, campaign_id, question, value, text)
		SELECT md5(:'c' || 's' || :'i')::uuid, :'c', a.q, a.v, a.t
		FROM unnest(ARRAY['motif', 'profil', 'courtoisie', 'attente', 'commentaire'],
			ARRAY['identite', 'elu', 'satisfait', 'sans-avis', NULL],
			ARRAY[NULL, NULL, NULL, NULL, 'Merci']) AS a(q, v, t)" c="$cid" i="$i"
done
is "$(diff_counts)" "t 0/0/0/0/0" "answers inserted: the counts are a GROUP BY's"
is "$(psql_q "SELECT count(DISTINCT shard) > 0 FROM qualimetre.answer_count WHERE campaign_id = :'c'" c="$cid")" t \
	"kept in shards"

is "$(referent_login "$ref" "$pw")" 303 "the referent logs in"
http_get "/referent/campagnes/$cid" > /dev/null
n=$(psql_q "SELECT count(*) FILTER (WHERE value IN ('tres-satisfait', 'satisfait',
	'peu-satisfait', 'pas-du-tout-satisfait')) FROM qualimetre.answer
	WHERE campaign_id = :'c' AND question = 'courtoisie'" c="$cid")
item=$(tr '\n' ' ' < "$HTTP_BODY" | grep -oE '<li class="qm-summary__item" data-criterion="courtoisie">.*' |
	sed 's|</li>.*||; s/<[^>]*>//g; s/\xc2\xa0/ /g; s/  */ /g')
like "$item" "sur $n réponses" "the page's courtoisie counts the $n opinions the answers hold"
same_pages "answers inserted"
http_get "/referent/campagnes/$cid?par=attente&critere=courtoisie" > /dev/null
body_has 'Détail selon le profil' "a breakdown the page does not offer (a criterion) is still counted, from the answers"
is "$(http_get "/referent/campagnes/$cid?par=inconnue")" 200 "an unknown breakdown: the page, without it"

# ---- paper questionnaires typed, corrected, withdrawn (sql/017)
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, entered_by, form_token)
	SELECT md5(:'c' || 'p' || i)::uuid, :'c', 'paper', :'u', 'rollup-' || :'c' || '-p' || i
	FROM generate_series(1, 12) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'c' || 'p' || i)::uuid, :'c', q, CASE q WHEN 'motif' THEN 'autre'
		WHEN 'profil' THEN 'association' ELSE 'peu-satisfait' END
	FROM generate_series(1, 12) i, unnest(ARRAY['motif', 'profil', 'courtoisie', 'confort']) q" \
	c="$cid" u="$uid"
is "$(diff_counts)" "t 0/0/0/0/0" "paper typed: the counts are a GROUP BY's"
psql_q "BEGIN;
	DELETE FROM qualimetre.answer WHERE response_id IN (md5(:'c' || 'p1')::uuid, md5(:'c' || 'p2')::uuid);
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT r, :'c', q, CASE q WHEN 'motif' THEN 'etrangers' ELSE 'tres-satisfait' END
	FROM unnest(ARRAY[md5(:'c' || 'p1')::uuid, md5(:'c' || 'p2')::uuid]) r,
		unnest(ARRAY['motif', 'courtoisie', 'attente']) q;
	UPDATE qualimetre.response SET updated_at = now()
	WHERE id IN (md5(:'c' || 'p1')::uuid, md5(:'c' || 'p2')::uuid);
	COMMIT" c="$cid"
is "$(diff_counts)" "t 0/0/0/0/0" "paper corrected: the counts are a GROUP BY's"
psql_q "BEGIN;
	DELETE FROM qualimetre.answer WHERE response_id IN (md5(:'c' || 'p3')::uuid, md5(:'c' || 'p4')::uuid);
	UPDATE qualimetre.response SET withdrawn_at = now(), updated_at = now()
	WHERE id IN (md5(:'c' || 'p3')::uuid, md5(:'c' || 'p4')::uuid);
	COMMIT" c="$cid"
is "$(diff_counts)" "t 0/0/0/0/0" "paper withdrawn: the counts are a GROUP BY's"
same_pages "paper corrected and withdrawn"

# ---- periods set aside and lifted (sql/014)
aside() # FROM_HOURS_AGO TO_HOURS_AGO: sets aside that window; prints its id
{
	psql_q "INSERT INTO qualimetre.set_aside (campaign_id, period, reason, decided_by)
		VALUES (:'c', tstzrange(now() - :'f'::int * interval '1 hour',
			now() - :'t'::int * interval '1 hour'), 'Un afflux de test', :'u')
		RETURNING id" c="$cid" f="$1" t="$2" u="$uid"
}
w1=$(aside 200 150)
is "$(diff_counts)" "t 0/0/0/0/0" "a period set aside: the counts are a GROUP BY's"
is "$(psql_q "SELECT count(*) > 50 FROM qualimetre.set_aside_response WHERE campaign_id = :'c'" c="$cid")" t \
	"and it sets aside many responses"
w2=$(aside 100 60)
is "$(diff_counts)" "t 0/0/0/0/0" "a second period: the counts are a GROUP BY's"
same_pages "periods set aside"
psql_q "UPDATE qualimetre.set_aside SET lifted_at = now(), lifted_by = :'u' WHERE id = :'w'" w="$w1" u="$uid"
is "$(diff_counts)" "t 0/0/0/0/0" "a period lifted: the counts are a GROUP BY's"
w3=$(aside 190 160)
is "$(diff_counts)" "t 0/0/0/0/0" "a new period inside the lifted one: the counts are a GROUP BY's"
w4=$(aside 1 -1)
psql_q "WITH r AS (INSERT INTO qualimetre.response
	(id, campaign_id, channel, form_token, lang)
	VALUES (md5(:'c' || 'x')::uuid, :'c', 'web', 'rollup-' || :'c' || '-x', 'en'))
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value, text)
	SELECT md5(:'c' || 'x')::uuid, :'c', a.q, a.v, a.t
	FROM unnest(ARRAY['motif', 'canal', 'courtoisie', 'commentaire'],
		ARRAY['identite', 'telephone', 'satisfait', NULL],
		ARRAY[NULL, NULL, NULL, 'Merci']) AS a(q, v, t)" c="$cid" > /dev/null
is "$(diff_counts)/$(psql_q "SELECT count(*) FROM qualimetre.set_aside_response
	WHERE id = md5(:'c' || 'x')::uuid" c="$cid")" "t 0/0/0/0/0/1" \
	"a submission inside a period in force: set aside, the counts are a GROUP BY's"
psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT r.id, :'c', 'canal', 'courrier' FROM qualimetre.response r
	WHERE r.campaign_id = :'c' AND r.withdrawn_at IS NULL
	AND NOT EXISTS (SELECT 1 FROM qualimetre.answer a
		WHERE a.response_id = r.id AND a.question = 'canal')" c="$cid" > /dev/null
is "$(diff_counts)" "t 0/0/0/0/0" \
	"an answer to a breakdown question added to responses with answers: the counts are a GROUP BY's"
psql_q "DELETE FROM qualimetre.set_aside WHERE id = :'w'" w="$w4"
is "$(diff_counts)" "t 0/0/0/0/0" "that period deleted: the counts are a GROUP BY's"

# ---- responses changed: moved into and out of a period, a language
psql_q "UPDATE qualimetre.response SET submitted_at = now() - interval '80 hours'
	WHERE id IN (md5(:'c' || 'w1')::uuid, md5(:'c' || 'w2')::uuid);
	UPDATE qualimetre.response SET submitted_at = now() - interval '1 hour', lang = 'fr'
	WHERE campaign_id = :'c' AND channel = 'web'
	AND submitted_at BETWEEN now() - interval '90 hours' AND now() - interval '85 hours';
	UPDATE qualimetre.response SET lang = NULL WHERE id = md5(:'c' || 'w3')::uuid" c="$cid"
is "$(diff_counts)" "t 0/0/0/0/0" "responses moved and their language changed: the counts are a GROUP BY's"
psql_q "UPDATE qualimetre.answer SET value = 'satisfait' WHERE campaign_id = :'c'
	AND question = 'courtoisie' AND value = 'peu-satisfait'
	AND response_id IN (SELECT id FROM qualimetre.response WHERE form_token LIKE '%w1_')" c="$cid"
is "$(diff_counts)" "t 0/0/0/0/0" "answers updated: the counts are a GROUP BY's"

# ---- random rounds of everything at once
for round in 1 2 3; do
	psql_q "SELECT setseed(0.$round);
	DELETE FROM qualimetre.answer WHERE campaign_id = :'c' AND random() < 0.03;
	DELETE FROM qualimetre.response WHERE campaign_id = :'c' AND random() < 0.05;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT r.id, :'c', 'signaletique', 'satisfait' FROM qualimetre.response r
	WHERE r.campaign_id = :'c' AND r.withdrawn_at IS NULL AND random() < 0.1
	ON CONFLICT DO NOTHING;
	UPDATE qualimetre.response SET submitted_at = submitted_at + interval '3 hours'
	WHERE campaign_id = :'c' AND channel = 'web' AND random() < 0.1" c="$cid" > /dev/null
	is "$(diff_counts)" "t 0/0/0/0/0" "random round $round: the counts are a GROUP BY's"
done

# ---- deletes: a response set aside, one counted, a period in force
psql_q "DELETE FROM qualimetre.response WHERE id IN (SELECT id FROM qualimetre.set_aside_response
	WHERE campaign_id = :'c' LIMIT 3)" c="$cid"
is "$(diff_counts)" "t 0/0/0/0/0" "responses set aside deleted: the counts are a GROUP BY's"
psql_q "DELETE FROM qualimetre.set_aside WHERE id = :'w'" w="$w2"
is "$(diff_counts)" "t 0/0/0/0/0" "a period in force deleted: the counts are a GROUP BY's"
same_pages "after deletions"

# ---- who reads the counts: the referent of the site only
tok=$(session_token "$uid")
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'t', false);
	SELECT count(*) > 0 FROM qualimetre.answer_count WHERE campaign_id = :'c'" t="$tok" c="$cid" | tail -n 1)" t \
	"the referent reads their campaign's counts"
uidb=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$refb")
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'t', false);
	SELECT (SELECT count(*) FROM qualimetre.answer_count WHERE campaign_id = :'c')
	+ (SELECT count(*) FROM qualimetre.answer_pair_count WHERE campaign_id = :'c')
	+ (SELECT count(*) FROM qualimetre.response_count WHERE campaign_id = :'c')" \
	t="$(session_token "$uidb")" c="$cid" | tail -n 1)" 0 \
	"the referent of another site reads none of them"
out=$(psql_as qualimetre_survey "SELECT count(*) FROM qualimetre.answer_count" 2>&1)
like "$out" "permission denied" "the survey role reads no count"
out=$(psql_as qualimetre_referent "INSERT INTO qualimetre.answer_count VALUES (:'c', 'x', 'y', 0, 1)" c="$cid" 2>&1)
like "$out" "permission denied" "nor does the referent write any"

# ---- the whole campaign emptied: nothing left counted
psql_q "DELETE FROM qualimetre.set_aside WHERE campaign_id = :'c';
	DELETE FROM qualimetre.revision WHERE campaign_id = :'c';
	DELETE FROM qualimetre.response WHERE campaign_id = :'c'" c="$cid"
is "$(psql_q "SELECT (SELECT coalesce(sum(n), 0) FROM qualimetre.answer_count
	WHERE campaign_id = :'c') || '/' || (SELECT coalesce(sum(n), 0)
	FROM qualimetre.answer_pair_count WHERE campaign_id = :'c') || '/'
	|| (SELECT coalesce(sum(counted), 0) || ',' || coalesce(sum(set_aside), 0)
	FROM qualimetre.response_count WHERE campaign_id = :'c')" c="$cid")" \
	"0/0/0,0" "every response deleted: every count is 0"
