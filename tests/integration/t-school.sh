#!/usr/bin/env bash
# The school calendar from its official source: `qualimetre
# school-holidays import` loads tests/data/fr-en-calendrier-scolaire.csv
# (an excerpt in the dataset's own format) for every zone it holds, again
# without change, and refuses bad files without changing anything; an
# admin gives a site any zone of the dataset; the planner says so when a
# period falls in a school year its site's zone has no holidays for, or
# when the site has no zone, and creates no campaign there unless the
# referent ticks that they know.
#
# The test adds its own holidays to zone GUYANE (school year 2034-2035,
# which nothing ships) and removes them at the end.
. "$(dirname "$0")/lib.sh"

tap_plan 35

admin()
{
	as_qualimetre env QUALIMETRE_DSN="host=$QM_RUN dbname=qualimetre user=qualimetre_admin" \
		"$QM_BUILD/cgi/qualimetre" "$@"
}
login() # LOGIN PASSWORD
{
	rm -f "$HTTP_COOKIES"
	http_get "/referent/connexion" > /dev/null
	http_post "/referent/connexion" "login=$(urlencode "$1")&password=$(urlencode "$2")&_jeton=$(input_value _jeton)"
}
holidays() { psql_q "SELECT count(*) || '/' || coalesce(max(id), 0) FROM qualimetre.school_holiday"; }
audits() { psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event = 'school-holidays-imported'"; }
campaigns() # SITE_CODE
{
	psql_q "SELECT count(*) FROM qualimetre.campaign c JOIN qualimetre.site s ON s.id = c.site_id
		WHERE s.code = :'s'" s="$1"
}

csv=$QM_SRC/tests/data/fr-en-calendrier-scolaire.csv
tmp=$(mktemp -d)
chmod 755 "$tmp"
at_exit rm -rf "$tmp"
at_exit psql_q "DELETE FROM qualimetre.school_holiday WHERE zone = 'GUYANE' AND school_year = '2034-2035'"

# ---- the import, from standard input as from a file
cp "$csv" "$tmp/cal.csv"
chmod 644 "$tmp/cal.csv"
out=$(admin school-holidays import - < "$csv")
is "$?" 0 "the dataset's excerpt is imported from standard input"
like "$out" "^-: 7 zones, 12 periods \\(15 rows, 2 of teachers, 1 duplicates\\): [0-9]+ added, [0-9]+ updated, [0-9]+ unchanged" \
	"the summary names zones, periods, teachers' rows and duplicates"
like "$out" "CORSE \\(Corse\\): 1 rows" "Corsica is among the zones"
like "$out" "NOUVELLE-CALEDONIE \\(Nouvelle Calédonie\\)" "and an overseas académie"
is "$(psql_q "SELECT first_day || '/' || last_day || '/' || school_year FROM qualimetre.school_holiday
	WHERE zone = 'A' AND first_day = date '2024-10-20'")" "2024-10-20/2024-11-03/2024-2025" \
	"Toussaint 2024, zone A: 20 October to 3 November, as shipped"
is "$(psql_q "SELECT last_day FROM qualimetre.school_holiday WHERE zone = 'REUNION' AND first_day = date '2024-10-20'")" \
	"2024-11-03" "La Réunion's Toussaint is stored"
is "$(psql_q "SELECT count(*) FROM qualimetre.school_holiday WHERE zone = 'A' AND first_day = date '2024-10-19'")" \
	0 "teachers' dates are not"
before=$(holidays) n=$(audits)
out=$(admin school-holidays import "$tmp/cal.csv")
is "$?" 0 "imported again, from a file"
like "$out" ": 0 added, 0 updated, 12 unchanged$" "nothing changes the second time"
is "$(holidays)" "$before" "the table is as it was"
is "$(audits)" $((n + 1)) "one audit row per import"
like "$(psql_q "SELECT detail FROM qualimetre.audit_log WHERE event = 'school-holidays-imported' ORDER BY id DESC LIMIT 1")" \
	"^7 zones, 12 periods .*, 0 added, 0 updated, 12 unchanged$" "with the counts"

# ---- bad files change nothing
n=$(audits)
printf 'date;zone;nom\n2024-10-19;A;Toussaint\n' > "$tmp/bad.csv"
err=$(admin school-holidays import "$tmp/bad.csv" 2>&1 >/dev/null)
is "$?" 1 "another file's header: exit 1"
like "$err" "line 1: not the header of fr-en-calendrier-scolaire.*nothing was imported" "the message names the line"
{ head -n 3 "$csv"; printf 'Vacances de Noël;-;2034-12-15T23:00:00+00:00;2034-13-02T23:00:00+00:00;Cayenne;Guyane;2034-2035\r\n'; } > "$tmp/bad.csv"
err=$(admin school-holidays import "$tmp/bad.csv" 2>&1 >/dev/null)
like "$err" "line 4: bad end date" "a date that does not exist, with its line"
{ head -n 3 "$csv"; printf 'Vacances de Noël;-;2035-01-05T23:00:00+00:00;2034-12-15T23:00:00+00:00;Cayenne;Guyane;2034-2035\r\n'; } > "$tmp/bad.csv"
err=$(admin school-holidays import "$tmp/bad.csv" 2>&1 >/dev/null)
like "$err" "line 4: the end date .* precedes the start date" "an end before its start"
is "$(holidays)/$(audits)" "$before/$n" "no row and no audit from the refused files"
admin school-holidays import "$tmp/nowhere.csv" > /dev/null 2>&1
is "$?" 1 "a missing file: exit 1"

# ---- a site of an overseas zone, set by an admin
pw="mot de passe calendrier $$"
ad=ad-sc-$$ ref=ref-sc-$$ e1=enq-sc-$$ code=TSC-$$
code=${code:0:16}
printf '%s\n' "$pw" | admin user add --final --login "$ad" --role admin > /dev/null
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone, timezone)
	VALUES (:'c', 'Préfecture de test (calendrier)', '973', NULL, 'America/Cayenne')" c="$code"
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$code" > /dev/null
printf '%s\n' "$pw" | admin user add --final --login "$e1" --role enquirer --site "$code" > /dev/null
site=$(psql_q "SELECT id FROM qualimetre.site WHERE code = :'c'" c="$code")
id1=$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$e1")
login "$ad" "$pw" > /dev/null
http_get "/referent/sites/$site" > /dev/null
body_has '<option value="GUYANE">Guyane</option>' "the site page offers every zone of the dataset"
body_has '<option value="NOUVELLE-CALEDONIE">Nouvelle-Calédonie</option>' "overseas ones included"
t=$(input_value _csrf)
is "$(http_post "/referent/sites/$site" "_csrf=$t&name=$(urlencode 'Préfecture de test (calendrier)')&zone=ZONE-Z")/$(psql_q "SELECT coalesce(school_zone, '-') FROM qualimetre.site WHERE id = :'s'" s="$site")" \
	"400/-" "an unknown zone is refused, nothing stored"

# ---- the planner without a zone, then without the year
NEW=/referent/planification/nouvelle
form() # FIRST LAST
{
	printf '%s' "_csrf=$csrf&site=$site&kind=appels&title=&first=$1&last=$2&target=20"
	printf '%s' "&service=standard&enquirer=$id1"
}
is "$(login "$ref" "$pw")" 303 "the site's referent logs in"
http_get $NEW > /dev/null
csrf=$(input_value _csrf)
is "$(http_post $NEW "$(form 2034-11-06 2034-11-24)&action=apercu")" 200 "a preview for a site without a zone"
body_has "Ce site n’a pas de zone de vacances scolaires" "says the site has no zone"
body_has "qualimetre school-holidays import" "and how an administrator mends it"
before=$(campaigns "$code")
is "$(http_post $NEW "$(form 2034-11-06 2034-11-24)&action=creer")" 400 "creating it without ticking the box: 400"
body_has 'id="pl-calendar-error">Cochez cette case' "the message is next to the box"
is "$(campaigns "$code")" "$before" "nothing created"

login "$ad" "$pw" > /dev/null
t=$(input_value _csrf)
http_get "/referent/sites/$site" > /dev/null
t=$(input_value _csrf)
http_post "/referent/sites/$site" "_csrf=$t&name=$(urlencode 'Préfecture de test (calendrier)')&zone=GUYANE" > /dev/null
is "$(psql_q "SELECT school_zone FROM qualimetre.site WHERE id = :'s'" s="$site")" GUYANE "the admin gives the site zone Guyane"
login "$ref" "$pw" > /dev/null
http_get $NEW > /dev/null
csrf=$(input_value _csrf)
http_post $NEW "$(form 2034-11-06 2034-11-24)&action=apercu" > /dev/null
body_has "Le calendrier scolaire de l’année 2034-2035 n’est pas chargé pour la zone « Guyane »" \
	"a year its zone has no holidays for: the page names the year and the zone"
is "$(http_post $NEW "$(form 2034-11-06 2034-11-24)&action=creer&calendrier=oui")" 303 \
	"ticking the box creates the campaign, knowingly"
is "$(campaigns "$code")" $((before + 1)) "one campaign"
{ head -n 1 "$csv"; printf 'Vacances de la Toussaint;-;2034-10-20T22:00:00+00:00;2034-11-05T23:00:00+00:00;Guyane;Guyane;2034-2035\r\n'; } > "$tmp/guyane.csv"
admin school-holidays import "$tmp/guyane.csv" > /dev/null
http_post $NEW "$(form 2034-10-30 2034-11-24)&action=apercu" > /dev/null
ok $(grep -c "pl-calendar" "$HTTP_BODY") "once Guyane's 2034-2035 holidays are imported, no warning and no box"
body_has "Vacances scolaires exclues : Vacances de la Toussaint, du 22 octobre 2034 au 5 novembre 2034" \
	"the preview leaves them out"
is "$(grep -cE 'data-day="2034-(10-3[01]|11-0[1-5])"' "$HTTP_BODY")" 0 "no slot falls in them"

tap_done
