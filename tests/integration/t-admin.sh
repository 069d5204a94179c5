#!/usr/bin/env bash
# The administrator's command beyond accounts: the calendar it prints and
# the school holidays it edits.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 17

out=$(admin holidays 2026)
is "$(echo "$out" | wc -l)" 11 "11 public holidays in 2026 for most departments"
like "$(echo "$out" | sed -n 2p)" '^2026-04-06 Lundi de Pâques$' "one per line, YYYY-MM-DD name"
out=$(admin holidays 2026 --department 57)
like "$out" '2026-04-03 Vendredi saint' "Moselle adds Good Friday"
like "$out" '2026-12-26 Saint-Étienne' "and 26 December"
like "$(admin holidays 2026 --department 972)" '2026-05-22 Abolition de l' "Martinique adds 22 May"
out=$(admin working-days 2026-05-04 2026-05-15 --department 41)
is "$(echo "$out" | head -n 1)" 8 "4-15 May 2026: 8 working days"
is "$(echo "$out" | tail -n +2 | tr '\n' '|')" "2026-05-08 Victoire 1945|2026-05-09 samedi|2026-05-10 dimanche|2026-05-14 Ascension|" \
	"each day left out, with its reason"
admin working-days 2026-05-15 2026-05-04 > /dev/null 2>&1
is "$?" 2 "a period that ends before it starts: exit 2"

# due-date: reference values computed apart (Easter by the anonymous
# Gregorian algorithm, the holidays of the law, Alsace-Moselle's two).
out=$(admin due-date 2026-05-07 5)
is "$(echo "$out" | tr '\n' '|')" "2026-05-18|2026-05-08 Victoire 1945|2026-05-09 samedi|2026-05-10 dimanche|2026-05-14 Ascension|2026-05-16 samedi|2026-05-17 dimanche|" \
	"due-date: sent on Thursday 7 May 2026, 5 working days: due Monday 18, and why"
is "$(admin due-date 2026-04-02 5 --department 57 | head -n 1)/$(admin due-date 2026-04-02 5 | head -n 1)" \
	"2026-04-13/2026-04-10" "Good Friday counts in Moselle, not in Paris"
is "$(admin due-date 2025-12-24 2 --department 57 | head -n 1)/$(admin due-date 2025-12-24 2 --department 41 | head -n 1)" \
	"2025-12-30/2025-12-29" "and 26 December"
is "$(admin due-date 2026-10-30 10 | head -n 1)/$(admin due-date 2026-12-05 1 | head -n 1)/$(admin due-date 2026-12-03 0)" \
	"2026-11-16/2026-12-07/2026-12-03" "10 working days across 11 November; from a Saturday; 0 days"
admin due-date 2026-12-03 -1 > /dev/null 2>&1; a=$?
admin due-date 2026-02-30 5 > /dev/null 2>&1; b=$?
admin due-date 2026-12-03 5 --department 00 > /dev/null 2>&1
is "$a/$b/$?" "2/2/2" "a negative delay, a date that does not exist, an unknown department: exit 2"

out=$(admin school-holidays add --zone C --first 2028-10-21 --last 2028-11-05 \
	--school-year 2028-2029 --label "Vacances de la Toussaint (test)")
id=$(echo "$out" | cut -f 1)
like "$(admin school-holidays list --zone C)" "2028-10-21	2028-11-05	2028-2029	Vacances de la Toussaint \\(test\\)" \
	"an admin adds school holidays, listed afterwards"
admin school-holidays remove "$id" > /dev/null
is "$(psql_q "SELECT count(*) FROM qualimetre.school_holiday WHERE id = :'i'" i="$id")" 0 "and removes them"
like "$(admin school-holidays list --zone B)" "2026-05-14	2026-05-17	2025-2026	Pont de l'Ascension" \
	"the Ascension bridge is a school holiday, Thursday to Sunday"
admin school-holidays list --zone D > /dev/null 2>&1
is "$?" 2 "an unknown zone: exit 2"
