#!/usr/bin/env bash
# A satisfaction campaign's life after its creation (issue 13, item 1):
# its title, dates, target and address edited (the old address answers
# 301 to the new one), bad edits refused with nothing changed (dates in
# the wrong order, a closing before responses already received, an
# opening after them, a taken address, a title too long); cancelling
# (with its reason, the survey then refuses it, down to the database),
# archiving (out of the main list, into the archived one) and restoring;
# each change in the audit log; another site's referent gets 404. A
# mystery campaign's slots moved and given to another enquirer, one or
# all of an absent enquirer's, by the planning's rules (a working day of
# the period, one contact per half-day, an enquirer of the site, a
# recorded slot never), refused otherwise with nothing changed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 111

T="(now() AT TIME ZONE 'Europe/Paris')::date"
day() { psql_q "SELECT to_char($T + :'n'::int, 'YYYY-MM-DD')" n="$1"; }
row_of() { psql_q "SELECT title || '|' || (opens_on - $T) || '|' || (closes_on - $T) || '|'
	|| coalesce(target_count::text, 'none') || '|' || slug || '|' || status
	FROM qualimetre.campaign WHERE id = :'c'" c="$1"; }
status_of() { psql_q "SELECT status FROM qualimetre.campaign WHERE id = :'c'" c="$1"; }
audits() { psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event LIKE 'campaign-%'
	AND detail LIKE 'campaign ' || :'c' || ':%'" c="$1"; }
last_audit() { psql_q "SELECT event || ' ' || detail FROM qualimetre.audit_log
	WHERE event LIKE 'campaign-%' AND detail LIKE 'campaign ' || :'c' || ':%'
	ORDER BY id DESC LIMIT 1" c="$1"; }
# campaign SITE_CODE SLUG OPENS CLOSES: a satisfaction campaign; prints its id.
campaign() {
	psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
		SELECT s.id, f.id, 'satisfaction', 'Enquête ' || :'slug', $T + :'o'::int, $T + :'c'::int, :'slug'
		FROM qualimetre.site s, (SELECT id FROM qualimetre.form WHERE key = 'satisfaction'
			ORDER BY version DESC LIMIT 1) f
		WHERE s.code = :'s' RETURNING id" s="$1" slug="$2" o="$3" c="$4"
}
# web_response CAMPAIGN DAYS_AGO: a web response received then.
web_response() {
	psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, submitted_at)
		VALUES (gen_random_uuid(), :'c', 'web', 'lc-' || gen_random_uuid(),
		now() - make_interval(days => :'n'::int))" c="$1" n="$2"
}

psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	('TEST-LC-A', 'Préfecture LC A', '41', 'B'), ('TEST-LC-B', 'Préfecture LC B', '37', 'B')
	ON CONFLICT (code) DO NOTHING"
# Each run starts from no campaign on these sites, so that slugs are known.
psql_q "DELETE FROM qualimetre.response WHERE campaign_id IN (SELECT c.id FROM qualimetre.campaign c
	JOIN qualimetre.site s ON s.id = c.site_id WHERE s.code LIKE 'TEST-LC-_');
	DELETE FROM qualimetre.campaign WHERE site_id IN (SELECT id FROM qualimetre.site WHERE code LIKE 'TEST-LC-_')"
ra=lc-a-$$ rb=lc-b-$$ pw="mot de passe d'essai $$"
printf '%s\n' "$pw" | admin user add --final --login "$ra" --role referent --site TEST-LC-A > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$rb" --role referent --site TEST-LC-B > /dev/null
e1=lc-e1-$$ e2=lc-e2-$$ e3=lc-e3-$$
printf '%s\n' "$pw" | admin user add --final --login "$e1" --role enquirer --site TEST-LC-A --name "Enquêteur Un" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$e2" --role enquirer --site TEST-LC-A --name "Enquêtrice Deux" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$e3" --role enquirer --site TEST-LC-B > /dev/null
uid() { psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$1"; }
ida=$(uid "$ra") ide1=$(uid "$e1") ide2=$(uid "$e2") ide3=$(uid "$e3")
# No school holidays on site A: the days below are weekdays of October
# next year, when France has no public holiday.
psql_q "UPDATE qualimetre.site SET school_zone = NULL WHERE code = 'TEST-LC-A'"

c1=$(campaign TEST-LC-A test-lc-one -5 20)
c2=$(campaign TEST-LC-A test-lc-two -5 20)
c3=$(campaign TEST-LC-A test-lc-three -5 20)
c4=$(campaign TEST-LC-A test-lc-four -40 -10)
cb=$(campaign TEST-LC-B test-lc-bee -5 20)
web_response "$c1" 3 > /dev/null
web_response "$c1" 1 > /dev/null
first=$(day -3) last=$(day -1)

# ---- editing
is "$(referent_login "$ra" "$pw")" 303 "the referent of site A logs in"
is "$(http_get "/referent/campagnes/$c1")" 200 "the campaign's page"
body_has "href=\"/referent/campagnes/$c1/modifier\"" "links to its edit page"
is "$(http_get "/referent/campagnes/$c1/modifier")" 200 "the edit page"
body_has 'value="test-lc-one"' "shows the address as it is"
csrf=$(input_value _csrf)
edit() { http_post "/referent/campagnes/$1/modifier" "_csrf=$csrf&title=$(urlencode "$2")&opens_on=$3&closes_on=$4&target=$5&slug=$6"; }

code=$(edit "$c1" "Enquête de printemps" "$(day -4)" "$(day 25)" 300 test-lc-uno)
is "$code $(http_header Location)" "303 /referent/campagnes/$c1?modifiee" "an edit of every field: 303 to the campaign"
is "$(row_of "$c1")" "Enquête de printemps|-4|25|300|test-lc-uno|active" "title, dates, target and address stored"
is "$(psql_q "SELECT campaign_id FROM qualimetre.campaign_former_slug WHERE slug = 'test-lc-one'")" "$c1" \
	"the old address is kept as a former one"
like "$(last_audit "$c1")" "^campaign-edit campaign $c1: title 'Enquête test-lc-one' -> 'Enquête de printemps'; opens_on .* -> .*; closes_on .*; target_count none -> 300; slug test-lc-one -> test-lc-uno" \
	"the audit log says what changed, before and after"
http_get "/referent/campagnes/$c1?modifiee" > /dev/null
body_has "La campagne est modifiée." "the campaign's page says it"

is "$(http_get /enquete/test-lc-one) $(http_header Location)" "301 /enquete/test-lc-uno" \
	"the old address answers 301 to the new one"
check "no form is served under the old address" test "$(grep -c '<form' "$HTTP_BODY")" = 0
is "$(http_get /enquete/test-lc-one/merci) $(http_header Location)" "301 /enquete/test-lc-uno/merci" \
	"its thank-you page too"
is "$(http_get /enquete/test-lc-uno)" 200 "the new address serves the questionnaire"

# ---- bad edits: 400, a message next to the field, nothing changed
before=$(row_of "$c1") n=$(audits "$c1")
is "$(edit "$c1" "x" "$(day 5)" "$(day 1)" "" test-lc-uno)" 400 "closing before opening: 400"
body_has 'id="lc-period-error"' "the message is next to the dates"
is "$(edit "$c1" "x" "$(day -4)" "$(day -2)" "" test-lc-uno)" 400 "closing before the last web response: 400"
body_has "Des réponses en ligne sont arrivées jusqu’au $last" "the message names the day of the last response"
is "$(edit "$c1" "x" "$(day -2)" "$(day 25)" "" test-lc-uno)" 400 "opening after the first response: 400"
body_has "Des réponses sont arrivées dès le $first" "the message names the day of the first response"
is "$(edit "$c1" "x" "$(day -4)" "$(day 25)" "" test-lc-two)" 400 "the address of another campaign: 400"
body_has "déjà celle d’une autre campagne" "the message is next to the address"
is "$(edit "$c1" "x" "$(day -4)" "$(day 25)" "" test-lc-bee)/$(edit "$c2" "x" "$(day -4)" "$(day 25)" "" test-lc-one)" \
	"400/400" "another site's address, another campaign's former one: 400 each"
is "$(edit "$c1" "$(printf 'a%.0s' $(seq 201))" "$(day -4)" "$(day 25)" "" test-lc-uno)" 400 "a title of 201 characters: 400"
body_has "au plus 200 caractères" "says how long a title may be"
is "$(edit "$c1" "x" "$(day -4)" "$(day 25)" "" "Pas_une-adresse")/$(edit "$c1" "x" "$(day -4)" "2027-02-30" "" test-lc-uno)/$(edit "$c1" "x" "$(day -4)" "$(day 25)" 0 test-lc-uno)" \
	"400/400/400" "a bad address, a date that does not exist, a target of 0: 400 each"
is "$(row_of "$c1")|$(audits "$c1")" "$before|$n" "nothing was changed, nothing logged"
is "$(http_post "/referent/campagnes/$c1/modifier" "title=x&opens_on=$(day -4)&closes_on=$(day 25)&slug=test-lc-uno")/$(row_of "$c1")" \
	"403/$before" "without the CSRF token: 403, nothing changed"

# ---- cancelling
is "$(http_get "/referent/campagnes/$c3/annuler")" 200 "the cancel confirmation page"
body_has 'name="reason"' "asks for a reason"
is "$(http_post "/referent/campagnes/$c3/annuler" "_csrf=$csrf&reason=")/$(status_of "$c3")" "400/active" \
	"without a reason: 400, still active"
body_has "Indiquez le motif de l’annulation" "with a message next to the reason"
is "$(http_post "/referent/campagnes/$c3/annuler" "reason=travaux")/$(status_of "$c3")" "403/active" \
	"without the CSRF token: 403, still active"
code=$(http_post "/referent/campagnes/$c3/annuler" "_csrf=$csrf&reason=$(urlencode "Hall d’accueil fermé pour travaux")")
is "$code $(http_header Location)" "303 /referent/campagnes/$c3?annulee" "cancelled: 303 to the campaign"
is "$(psql_q "SELECT status || '|' || status_reason || '|' || (cancelled_at IS NOT NULL) || '|' || (status_by IS NOT NULL)
	FROM qualimetre.campaign WHERE id = :'c'" c="$c3")" "cancelled|Hall d’accueil fermé pour travaux|true|true" \
	"its status, reason, when and who stored"
like "$(last_audit "$c3")" "^campaign-cancel campaign $c3: active -> cancelled, reason 'Hall d’accueil fermé pour travaux'" \
	"the audit log has it"
http_get "/referent/campagnes/$c3" > /dev/null
body_has "Hall d’accueil fermé pour travaux" "the campaign's page shows the reason"
body_has ">Annulée</p>" "and says Annulée"
http_get /referent/ > /dev/null
check "the home list says Annulée beside it" grep -q "href=\"/referent/campagnes/$c3\">Enquête test-lc-three</a> <span[^>]*>Annulée" "$HTTP_BODY"
is "$(http_get /enquete/test-lc-three)" 410 "the survey shows the ended page of a cancelled campaign"
check "without a form" test "$(grep -c '<form' "$HTTP_BODY")" = 0
out=$(psql_as qualimetre_survey "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	VALUES (gen_random_uuid(), :'c', 'web', 'lc-forged-' || gen_random_uuid())" c="$c3" 2>&1)
like "$out" "row-level security" "the survey role's policies refuse a response to it"
is "$(http_get "/referent/campagnes/$c3/modifier")" 409 "a cancelled campaign is not edited any more"

# ---- archiving
is "$(http_post "/referent/campagnes/$c2/archiver" "_csrf=$csrf")/$(status_of "$c2")" "409/active" \
	"an open campaign is not archived"
body_has "fermez-la ou annulez-la" "says why"
is "$(http_post "/referent/campagnes/$c3/archiver" "_csrf=$csrf") $(http_header Location)/$(status_of "$c3")" \
	"303 /referent/campagnes/$c3?archivee/archived" "a cancelled one is archived"
http_get /referent/ > /dev/null
check "it leaves the main list" test "$(grep -c "href=\"/referent/campagnes/$c3\"" "$HTTP_BODY")" = 0
body_has 'href="/referent/campagnes/archivees"' "which links to the archived campaigns"
is "$(http_get /referent/campagnes/archivees)" 200 "the list of archived campaigns"
body_has "Annulée : Hall d’accueil fermé pour travaux" "holds it, with its reason"
is "$(http_post "/referent/campagnes/$c3/restaurer" "_csrf=$csrf")/$(status_of "$c3")" "303/cancelled" \
	"restored, a cancelled campaign is cancelled still"
is "$(http_post "/referent/campagnes/$c4/archiver" "_csrf=$csrf")/$(http_post "/referent/campagnes/$c4/restaurer" "_csrf=$csrf")/$(status_of "$c4")" \
	"303/303/active" "an ended campaign archived, then restored: active"
like "$(last_audit "$c4")" "^campaign-restore campaign $c4: archived -> active" "each step logged"
is "$(http_post "/referent/campagnes/$c4/restaurer" "_csrf=$csrf")/$(audits "$c4")" "409/2" \
	"restoring what is not archived: 409, nothing logged"

# ---- another site's referent
is "$(referent_login "$rb" "$pw")" 303 "the referent of site B logs in"
is "$(http_get "/referent/campagnes/$c1/modifier")/$(http_get "/referent/campagnes/$c2/annuler")" "404/404" \
	"site A's campaigns are not found"
http_get /referent/campagnes/nouvelle > /dev/null
csrf=$(input_value _csrf)
is "$(http_post "/referent/campagnes/$c4/archiver" "_csrf=$csrf")/$(status_of "$c4")" "404/active" \
	"nor archived by her"
is "$(row_of "$cb")" "Enquête test-lc-bee|-5|20|none|test-lc-bee|active" "her own campaign is untouched"

# ---- a mystery campaign's slots
Y=$(psql_q "SELECT extract(year FROM $T)::int + 1")
# The first Monday of October next year, and the days around it.
mon=$(psql_q "SELECT to_char(d, 'YYYY-MM-DD') FROM generate_series(make_date(:'y', 10, 1), make_date(:'y', 10, 7), '1 day') d
	WHERE extract(isodow FROM d) = 1" y="$Y")
dplus() { psql_q "SELECT to_char(:'d'::date + :'n'::int, 'YYYY-MM-DD')" d="$mon" n="$1"; }
m=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, target_count, slug, referential_id)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'mystery-call' ORDER BY version DESC LIMIT 1),
		'mystery-call', 'Appels mystère LC', $T, make_date(:'y', 10, 31), 4, 'test-lc-calls',
		(SELECT id FROM qualimetre.referential WHERE key = 'qual-e-pref')
	FROM qualimetre.site s WHERE s.code = 'TEST-LC-A' RETURNING id" y="$Y")
psql_q "INSERT INTO qualimetre.campaign_service (campaign_id, key, label, position)
	VALUES (:'m', 'standard', 'Standard', 1)" m="$m"
slot() { psql_q "INSERT INTO qualimetre.slot (campaign_id, day, afternoon, service_key, enquirer_id)
	VALUES (:'m', :'d', :'a', 'standard', :'e') RETURNING id" m="$m" d="$1" a="$2" e="$3"; }
s1=$(slot "$mon" false "$ide1") s2=$(slot "$mon" true "$ide1") s3=$(slot "$(dplus 1)" false "$ide2")
s4=$(slot "$(dplus 2)" false "$ide1")
# s4 is recorded already (as if typed ahead: only its row matters here).
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, entered_by, slot_id)
	VALUES (gen_random_uuid(), :'m', 'call', :'e', :'s')" m="$m" e="$ide1" s="$s4"
slot_of() { psql_q "SELECT to_char(day, 'YYYY-MM-DD') || ' ' || afternoon || ' ' || u.login
	FROM qualimetre.slot s JOIN qualimetre.app_user u ON u.id = s.enquirer_id WHERE s.id = :'s'" s="$1"; }
all_slots() { psql_q "SELECT string_agg(id || ' ' || day || ' ' || afternoon || ' ' || enquirer_id, ',' ORDER BY id)
	FROM qualimetre.slot WHERE campaign_id = :'m'" m="$m"; }
slot_audits() { psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event LIKE 'slot-%'
	AND detail LIKE 'campaign ' || :'m' || ':%'" m="$m"; }

is "$(referent_login "$ra" "$pw")" 303 "the referent of site A logs in again"
http_get "/referent/campagnes/$m" > /dev/null
body_has "href=\"/referent/campagnes/$m/creneaux\"" "a mystery campaign's page links to its slots"
is "$(http_get "/referent/campagnes/$m/creneaux")" 200 "the slots page"
body_has "Déplacer un créneau" "offers to move a slot"
csrf=$(input_value _csrf)
move() { http_post "/referent/campagnes/$m/creneaux" "_csrf=$csrf&action=deplacer&slot=$1&day=$2&half=$3"; }
give() { http_post "/referent/campagnes/$m/creneaux" "_csrf=$csrf&action=confier&slot=$1&enquirer=$2"; }
give_all() { http_post "/referent/campagnes/$m/creneaux" "_csrf=$csrf&action=confier-tout&from=$1&to=$2"; }

is "$(move "$s1" "$(dplus 3)" apres-midi) $(http_header Location)" "303 /referent/campagnes/$m/creneaux?deplace" \
	"a slot moved to another working day"
is "$(slot_of "$s1")" "$(dplus 3) true $e1" "its day and half-day changed, its enquirer kept"
like "$(psql_q "SELECT detail FROM qualimetre.audit_log WHERE event = 'slot-move' ORDER BY id DESC LIMIT 1")" \
	"^campaign $m: slot $s1 moved from $mon morning to $(dplus 3) afternoon$" "the move is in the audit log, before and after"

before=$(all_slots) n=$(slot_audits)
is "$(move "$s2" "$(dplus 5)" matin)" 400 "to a Saturday: 400"
body_has "n’est pas un jour ouvré" "says it is not a working day"
is "$(move "$s2" "$(dplus 1)" matin)" 400 "to a half-day that has its contact: 400"
body_has "un seul contact par demi-journée" "says one contact a half-day"
is "$(move "$s2" "$Y-11-02" matin)" 400 "after the campaign's end: 400"
body_has "Choisissez un jour de la campagne" "says which days are the campaign's"
is "$(move "$s4" "$(dplus 7)" matin)" 400 "a recorded slot: 400"
body_has "déjà enregistré" "says it is recorded"
is "$(move "$s2" "$(day -1)" matin)/$(move "$s2" "$(dplus 7)" soir)/$(move 999999999 "$(dplus 7)" matin)" "400/400/400" \
	"a past day, a bad half-day, a slot of no campaign: 400 each"
is "$(give "$s2" "$ide3")" 400 "a slot given to another site's enquirer: 400"
body_has "Choisissez un enquêteur du site" "says whom it may go to"
is "$(give "$s4" "$ide2")/$(give_all "$ide2" "$ide2")" "400/400" "a recorded slot given, or an enquirer's slots to herself: 400 each"
is "$(http_post "/referent/campagnes/$m/creneaux" "action=deplacer&slot=$s2&day=$(dplus 7)&half=matin")" 403 \
	"without the CSRF token: 403"
is "$(all_slots)|$(slot_audits)" "$before|$n" "no slot changed, nothing logged"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	UPDATE qualimetre.slot SET day = :'d' WHERE id = :'s'" tok="$(session_token "$ida")" d="$(dplus 5)" s="$s2" 2>&1)
like "$out" "row-level security" "the referent role's policy itself refuses a slot on a Saturday"
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	UPDATE qualimetre.slot SET day = :'d' WHERE id = :'s' RETURNING id" tok="$(session_token "$ida")" d="$(dplus 7)" s="$s4" | tail -n +2)" \
	"" "and leaves a recorded slot where it is"

is "$(give "$s2" "$ide2") $(http_header Location)" "303 /referent/campagnes/$m/creneaux?confie" "a slot given to another enquirer of the site"
is "$(slot_of "$s2")" "$mon true $e2" "it is hers now"
like "$(psql_q "SELECT detail FROM qualimetre.audit_log WHERE event = 'slot-give' ORDER BY id DESC LIMIT 1")" \
	"^campaign $m: slot $s2 given from $e1 to $e2$" "the audit log says from whom to whom"
is "$(give_all "$ide1" "$ide2") $(http_header Location)" "303 /referent/campagnes/$m/creneaux?confies=1" \
	"all the remaining slots of an absent enquirer given: one left"
is "$(slot_of "$s1")|$(slot_of "$s4")" "$(dplus 3) true $e2|$(dplus 2) false $e1" "her remaining slot moved, her recorded one kept"
is "$(give_all "$ide1" "$ide2")" 400 "nothing left to give: 400"
body_has "aucun créneau à venir" "says so"

# ---- a mystery campaign shortened and extended (sql/041)
period() { http_post "/referent/campagnes/$m/creneaux" "_csrf=$csrf&action=periode&opens_on=$1&closes_on=$2"; }
dates() { psql_q "SELECT opens_on || ' ' || closes_on FROM qualimetre.campaign WHERE id = :'m'" m="$m"; }
opened=$(psql_q "SELECT opens_on FROM qualimetre.campaign WHERE id = :'m'" m="$m")
is "$(period "$opened" "$Y-11-30") $(http_header Location)" "303 /referent/campagnes/$m/creneaux?periode" \
	"the campaign extended by a month"
is "$(dates)" "$opened $Y-11-30" "its last day moved, its first kept"
like "$(psql_q "SELECT detail FROM qualimetre.audit_log WHERE event = 'campaign-period' ORDER BY id DESC LIMIT 1")" \
	"^campaign $m: from $opened – $Y-10-31 to $opened – $Y-11-30\$" "the change is in the audit log, before and after"
before=$(dates)
is "$(period "$opened" "$mon")" 400 "shortened to a day that leaves slots outside: 400"
body_has "hors de cette période" "says which slots to move first"
is "$(period "$mon" "$Y-11-30")/$(period "$opened" "$(day -1)")/$(period "$Y-11-30" "$Y-11-01")" "400/400/400" \
	"a new first day once opened, a last day past, a last day before the first: 400 each"
is "$(dates)" "$before" "the dates did not change"
out=$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT qualimetre.mystery_campaign_period(:'m', :'o', :'c')" tok="$(session_token "$ida")" m="$m" o="$opened" c="$mon" 2>&1)
like "$out" "slots lie outside" "the database itself refuses a period that leaves slots outside"
is "$(period "$opened" "$Y-10-31")/$(dates)" "303/$opened $Y-10-31" "shortened back to its first end"

# ---- a mystery campaign cancelled: its enquirers record nothing more
writable() { psql_as qualimetre_mystery "SELECT set_config('qualimetre.session', :'tok', false);
	SELECT qualimetre.mystery_campaign_writable(:'m')" tok="$(session_token "$ide2")" m="$m" | tail -n 1; }
is "$(writable)" t "before, its enquirer may record in it"
http_get "/referent/campagnes/$m" > /dev/null
body_has "href=\"/referent/campagnes/$m/annuler\"" "its page links to its cancellation"
is "$(http_get "/referent/campagnes/$m/annuler")" 200 "the cancel confirmation page of a mystery campaign"
body_has "Les enquêteurs ne pourront plus enregistrer" "says what it means for the enquirers"
is "$(http_post "/referent/campagnes/$m/annuler" "_csrf=$csrf&reason=$(urlencode "Enquêteurs indisponibles")")/$(status_of "$m")" \
	"303/cancelled" "cancelled"
is "$(writable)" f "its enquirer may record nothing more in it"
before=$(all_slots)
is "$(move "$s3" "$(dplus 7)" matin)/$(all_slots)" "409/$before" "its slots do not move any more"
is "$(http_get "/referent/campagnes/$m/modifier")" 409 "nor is a mystery campaign edited on the satisfaction page"
is "$(http_post "/referent/campagnes/$m/archiver" "_csrf=$csrf") $(http_header Location)/$(status_of "$m")" \
	"303 /referent/campagnes/$m?archivee/archived" "the cancelled mystery campaign archived (sql/042)"
like "$(psql_q "SELECT detail FROM qualimetre.audit_log WHERE event = 'campaign-archive' ORDER BY id DESC LIMIT 1")" \
	"^campaign $m: cancelled -> archived\$" "the archiving is in the audit log"
is "$(http_post "/referent/campagnes/$m/restaurer" "_csrf=$csrf")/$(status_of "$m")" "303/cancelled" \
	"restored, it is cancelled still"
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'tok', false) IS NULL;
	SELECT qualimetre.mystery_campaign_archive(:'m', false)" tok="$(session_token "$ida")" m="$m" | tail -n 1)" f \
	"the database restores nothing that is not archived"

is "$(referent_login "$rb" "$pw")" 303 "the referent of site B logs in again"
is "$(http_get "/referent/campagnes/$m/creneaux")" 404 "site A's slots are not found"
