#!/usr/bin/env bash
# qualimetre purge (issue 12, item 9): expired and idle sessions go, live
# ones stay; audit rows older than the days kept go, never those younger
# than 180 days, which the admin role cannot delete any other way; a bad
# --audit-days changes nothing; the purge audits itself.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 12

uid=$(psql_q "SELECT min(id) FROM qualimetre.app_user")
tag="purge-$$"
# Three sessions: expired, idle past STAFF_IDLE_MINUTES (30), live.
psql_q "INSERT INTO qualimetre.session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
	VALUES (sha256(convert_to(:'t' || '-expired', 'UTF8')), :'u', repeat('a', 43), now() - interval '2 days', now() - interval '1 day', now() - interval '1 day'),
	(sha256(convert_to(:'t' || '-idle', 'UTF8')), :'u', repeat('b', 43), now() - interval '1 hour', now() - interval '45 minutes', now() + interval '11 hours'),
	(sha256(convert_to(:'t' || '-live', 'UTF8')), :'u', repeat('c', 43), now() - interval '5 minutes', now(), now() + interval '1 hour')" \
	t="$tag" u="$uid"
psql_q "INSERT INTO qualimetre.audit_log (at, event, detail) VALUES
	(now() - interval '400 days', 'test-purge', :'t' || ' old'),
	(now() - interval '200 days', 'test-purge', :'t' || ' middle'),
	(now() - interval '1 day', 'test-purge', :'t' || ' recent')" t="$tag"
# Two login forms (expired, live) and three failure counts (a day old,
# a day old but still locking, recent).
psql_q "INSERT INTO qualimetre.login_form (token_hash, presession_hash, expires_at) VALUES
	(sha256(convert_to(:'t' || '-form-old', 'UTF8')), sha256(convert_to(:'t', 'UTF8')), now() - interval '1 minute'),
	(sha256(convert_to(:'t' || '-form-live', 'UTF8')), sha256(convert_to(:'t', 'UTF8')), now() + interval '20 minutes');
	INSERT INTO qualimetre.login_failure (login_hash, client, failures, last_failed_at, locked_until) VALUES
	(sha256(convert_to(:'t' || '-fail-old', 'UTF8')), '127.0.0.9', 3, now() - interval '2 days', NULL),
	(sha256(convert_to(:'t' || '-fail-locked', 'UTF8')), '127.0.0.9', 0, now() - interval '25 hours', now() + interval '5 minutes'),
	(sha256(convert_to(:'t' || '-fail-recent', 'UTF8')), '127.0.0.9', 2, now() - interval '1 hour', NULL)" t="$tag"
logins()
{
	psql_q "SELECT (SELECT coalesce(string_agg(k, ',' ORDER BY k), '') FROM unnest(ARRAY['form-live', 'form-old']) k
		WHERE EXISTS (SELECT 1 FROM qualimetre.login_form WHERE token_hash = sha256(convert_to(:'t' || '-' || k, 'UTF8'))))
		|| ';' || (SELECT coalesce(string_agg(k, ',' ORDER BY k), '') FROM unnest(ARRAY['fail-locked', 'fail-old', 'fail-recent']) k
		WHERE EXISTS (SELECT 1 FROM qualimetre.login_failure WHERE login_hash = sha256(convert_to(:'t' || '-' || k, 'UTF8'))))" t="$tag"
}
sessions()
{
	psql_q "SELECT coalesce(string_agg(k, ',' ORDER BY k), '') FROM unnest(ARRAY['expired', 'idle', 'live']) k
		WHERE EXISTS (SELECT 1 FROM qualimetre.session WHERE token_hash = sha256(convert_to(:'t' || '-' || k, 'UTF8')))" t="$tag"
}
audits()
{
	psql_q "SELECT coalesce(string_agg(split_part(detail, ' ', 2), ',' ORDER BY at), '')
		FROM qualimetre.audit_log WHERE event = 'test-purge' AND detail LIKE :'t' || ' %'" t="$tag"
}
is "$(sessions)/$(audits)" "expired,idle,live/old,middle,recent" "three sessions and three audit rows to purge"

out=$(admin purge --audit-days 100 2>&1); a=$?
admin purge --audit-days 1y > /dev/null 2>&1; b=$?
admin purge extra > /dev/null 2>&1; c=$?
is "$a/$b/$c" "2/2/2" "fewer than 180 days, not a number, an extra argument: exit 2"
like "$out" 'from 180 to 3650' "and it says what is allowed"
is "$(sessions)/$(audits)" "expired,idle,live/old,middle,recent" "and nothing was deleted"

out=$(admin purge); rc=$?
is "$rc" 0 "qualimetre purge: exit 0"
like "$out" '^purged [0-9]+ sessions, [0-9]+ login forms, [0-9]+ login failures, [0-9]+ audit rows older than 365 days$' "it says what it purged: $out"
is "$(logins)" "form-live;fail-locked,fail-recent" \
	"expired login forms and day-old failures that no longer lock gone; the others kept"
is "$(sessions)/$(audits)" "live/middle,recent" "expired and idle sessions gone, the live one kept; audit rows older than a year gone"
like "$(psql_q "SELECT detail FROM qualimetre.audit_log WHERE event = 'purge' ORDER BY id DESC LIMIT 1")" \
	'^[0-9]+ sessions, [0-9]+ login forms, [0-9]+ login failures, [1-9][0-9]* audit rows older than 365 days$' "the purge is in the audit log"

admin purge --audit-days 180 > /dev/null
is "$(audits)" "recent" "--audit-days 180: the row of 200 days goes too"

# The admin role deletes audit rows only through audit_purge, never
# younger than 180 days.
psql_as qualimetre_admin "SELECT qualimetre.audit_purge(1)" > /dev/null 2>&1; a=$?
psql_as qualimetre_admin "DELETE FROM qualimetre.audit_log WHERE event = 'test-purge'" > /dev/null 2>&1; b=$?
is "$a/$b/$(audits)" "3/3/recent" "qualimetre_admin cannot purge a day's rows, nor delete audit rows itself"
psql_as qualimetre_survey "SELECT qualimetre.audit_purge(365)" > /dev/null 2>&1
is "$?" 3 "a program's role cannot run the purge"

psql_q "DELETE FROM qualimetre.session WHERE token_hash = sha256(convert_to(:'t' || '-live', 'UTF8'))" t="$tag"
psql_q "DELETE FROM qualimetre.audit_log WHERE event = 'test-purge'"
psql_q "DELETE FROM qualimetre.login_form WHERE presession_hash = sha256(convert_to(:'t', 'UTF8'));
	DELETE FROM qualimetre.login_failure WHERE client = '127.0.0.9'" t="$tag"
tap_done
