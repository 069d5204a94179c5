#!/usr/bin/env bash
# The raw export streamed (issue 14, item 3): a campaign whose reponses.csv
# is larger than what a worker gathers before sending (64 KB) comes chunked,
# without Content-Length, whole (every response once, the header first, as
# the project's CSV reader reads it), in both dialects; a small one still
# comes whole with its length; another site's referent still gets nothing.
# And the programs refuse a bad --max-rss.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 19

SITE=TEST-STREAM N=3000
ref=stream-ref-$$ other=stream-other-$$ pw="mot de passe du flux $$"
psql_q "INSERT INTO qualimetre.site (code, name, department)
	VALUES ('TEST-STREAM-2', 'Préfecture de test (autre flux)', '41')
	ON CONFLICT (code) DO NOTHING"
big=$("$QM_SRC/tests/bench/fill-campaign.sh" "$QM_DSN" "$N" "$SITE")
at_exit psql_q "DELETE FROM qualimetre.response WHERE campaign_id = :'c';
	DELETE FROM qualimetre.campaign WHERE id = :'c'" c="$big"
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$SITE" \
	--name "Référente Flux $$" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$other" --role referent \
	--site TEST-STREAM-2 --name "Référent Autre $$" > /dev/null
small=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT (SELECT id FROM qualimetre.site WHERE code = :'s'),
		(SELECT id FROM qualimetre.form WHERE key = 'satisfaction' ORDER BY version DESC LIMIT 1),
		'satisfaction', 'Petite campagne', current_date - 5, current_date + 5, 'stream-small-' || :'p'
	RETURNING id" s="$SITE" p="$$")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token, lang)
	VALUES (gen_random_uuid(), :'c', 'web', 'stream-small-' || :'c', 'fr')" c="$small" > /dev/null
at_exit psql_q "DELETE FROM qualimetre.response WHERE campaign_id = :'c';
	DELETE FROM qualimetre.campaign WHERE id = :'c'" c="$small"

is "$(referent_login "$ref" "$pw")" 303 "the referent logs in"
is "$(http_get "/referent/campagnes/$big/reponses.csv")" 200 "the raw export of $N responses"
is "$(http_header Transfer-Encoding)" chunked "is sent in chunks, as it is written"
is "$(http_header Content-Length)" "" "without a Content-Length"
like "$(http_header Content-Disposition)" 'attachment; filename="reponses.csv"' "as a download"
is "$(head -n 1 "$HTTP_BODY" | tr -d '\r' | cut -d, -f1-6)" \
	"response_id,submitted_at,response_channel,response_corrected_at,set_aside,response_lang" \
	"the header row comes first"
"$QM_BUILD/tests/csv-dump" , < "$HTTP_BODY" > "$QM_TMP/stream.tsv"
check "the project's reader reads it whole" test -s "$QM_TMP/stream.tsv"
awk -F'\t' '$1 > 0 && $2 == 0 { print $3 }' "$QM_TMP/stream.tsv" | sort > "$QM_TMP/stream.ids"
psql_q "SELECT id FROM qualimetre.response WHERE campaign_id = :'c'" c="$big" | sort > "$QM_TMP/db.ids"
is "$(wc -l < "$QM_TMP/stream.ids")" "$N" "one record per response"
check "every response of the campaign, each once" cmp -s "$QM_TMP/stream.ids" "$QM_TMP/db.ids"
is "$(awk -F'\t' '$1 > 0 { n[$1]++ } END { for (r in n) if (n[r] != 22) bad++; print bad + 0 }' "$QM_TMP/stream.tsv")" 0 \
	"every record has the 22 columns of the header"
is "$(http_get "/referent/campagnes/$big/reponses.csv?format=tableur")" 200 "the spreadsheet's dialect"
is "$(head -c 3 "$HTTP_BODY" | od -An -tx1 | tr -d ' ')" efbbbf "begins with the BOM"
is "$(tr -cd '\n' < "$HTTP_BODY" | wc -c)" $((N + 1)) "and has the header and $N records"
is "$(http_get "/referent/campagnes/$small/reponses.csv")" 200 "a small campaign's raw export"
like "$(http_header Content-Length)" '^[0-9]+$' "is sent whole, with its length"

is "$(referent_login "$other" "$pw")" 303 "a referent of another site logs in"
is "$(http_get "/referent/campagnes/$big/reponses.csv")" 404 "and gets no export of this site's campaign"

"$QM_BUILD/cgi/qualimetre-survey" --max-rss lots --socket "$QM_TMP/none.sock" \
	--schema "$QM_SRC/forms/form.rng" --secret "$QM_INSTANCE/secret/form-token.key" \
	> /dev/null 2> "$QM_TMP/max-rss.err" && rc=0 || rc=$?
is "$rc" 2 "a program refuses --max-rss lots as a usage error"
like "$(cat "$QM_TMP/max-rss.err")" "--max-rss must be a whole number of MB" "and says what it takes"
