#!/usr/bin/env bash
# A campaign's comments (/referent/campagnes/<id>/commentaires, sql/033):
# newest first, filtered by the level of the answer to a criterion, by
# period and by theme; the site's default themes (sql/033), added,
# renamed, removed (with a confirmation when in use); a comment tagged with
# themes and the counts per theme; a comment hidden from both dialects of
# reponses.csv with its reason and an audit row, then shown again, traced
# too. Bad input (unknown criterion, impossible date, unknown theme, a
# theme of another site, a theme name too long, taken or blank, a comment
# of another site's campaign, no reason, no CSRF token) is refused with
# nothing changed; another site's referent reaches none of it, down to
# the database's policies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

tap_plan 71

tags() # RESPONSE_UUID: the labels of its comment's themes, sorted
{
	psql_q "SELECT coalesce(string_agg(t.label, ',' ORDER BY t.label), '')
		FROM qualimetre.comment_tag g JOIN qualimetre.comment_theme t ON t.id = g.theme_id
		WHERE g.response_id = :'r'" r="$1"
}
theme_id() # SITE_CODE LABEL
{
	psql_q "SELECT t.id FROM qualimetre.comment_theme t JOIN qualimetre.site s ON s.id = t.site_id
		WHERE s.code = :'s' AND t.label = :'l'" s="$1" l="$2"
}
nthemes() # SITE_CODE
{
	psql_q "SELECT count(*) FROM qualimetre.comment_theme t JOIN qualimetre.site s ON s.id = t.site_id
		WHERE s.code = :'s'" s="$1"
}
listed() # the comments' texts on the last page, in order
{
	grep -oE '<blockquote class="fr-mb-2w"><p>[^<]*' "$HTTP_BODY" | sed 's/.*<p>//' | tr '\n' ' '
}

# ---- two sites of their own, a referent each, a campaign each
A=TCM-A-$$ B=TCM-B-$$
psql_q "INSERT INTO qualimetre.site (code, name, department, school_zone) VALUES
	(:'a', 'Préfecture de test (commentaires)', '41', 'B'),
	(:'b', 'Sous-préfecture de test (commentaires)', '41', 'B')" a="$A" b="$B"
ref=cm-ref-$$ refb=cm-refb-$$ pw="mot de passe des commentaires $$"
rc=0
printf '%s\n' "$pw" | admin user add --final --login "$ref" --role referent --site "$A" > /dev/null || rc=1
printf '%s\n' "$pw" | admin user add --final --login "$refb" --role referent --site "$B" > /dev/null || rc=1
ok $rc "a referent of site A, one of site B"
cid=$(survey_with_responses "$A" "cm-a-$$")
cidb=$(survey_with_responses "$B" "cm-b-$$")
r() { psql_q "SELECT md5(:'s' || :'i')::text::uuid" s="$1" i="$2"; }
# Comments on responses 1, 2 (courtoisie: très satisfait), 30, 31 (peu
# satisfait) and 38 (sans avis), sent 5, 4, 3, 2 and 1 days ago.
psql_q "INSERT INTO qualimetre.answer (response_id, campaign_id, question, text)
	SELECT md5(:'s' || i)::uuid, :'c', 'commentaire', 'Commentaire ' || i
	FROM unnest(ARRAY[1, 2, 30, 31, 38]) i;
	UPDATE qualimetre.response SET submitted_at = now() - interval '1 day' * d
	FROM (VALUES (1, 5), (2, 4), (30, 3), (31, 2), (38, 1)) AS v(i, d)
	WHERE id = md5(:'s' || v.i)::uuid;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, text)
	VALUES (md5(:'sb' || 1)::uuid, :'cb', 'commentaire', 'Commentaire du site B')" \
	s="cm-a-$$" c="$cid" sb="cm-b-$$" cb="$cidb" > /dev/null
r30=$(r "cm-a-$$" 30) r31=$(r "cm-a-$$" 31) rb=$(r "cm-b-$$" 1)
P=/referent/campagnes/$cid/commentaires

# ---- the list
is "$(referent_login "$ref" "$pw")" 303 "the referent of site A logs in"
http_get "/referent/campagnes/$cid" > /dev/null
body_has "href=\"$P\">Lire les commentaires" "the campaign page links to its comments"
is "$(http_get "$P")" 200 "the comments page"
is "$(listed)" "Commentaire 38 Commentaire 31 Commentaire 30 Commentaire 2 Commentaire 1 " \
	"every comment, newest first"
is "$(nthemes "$A")" 9 "the site has the default themes from its creation (sql/033)"
body_has '1 critère\(s\) sur 3 satisfait\(s\) ou conforme\(s\) ; pas satisfait ou non conforme : Temps d’attente, Courtoisie' \
	"each comment with its answers summarised"
body_has 'Sans thème</a> : 5' "five comments without theme"
csrf=$(input_value _csrf)

# ---- filters
is "$(http_get "$P?critere=courtoisie&niveau=insatisfait")" 200 "filtered: not satisfied with courtesy"
is "$(listed)" "Commentaire 31 Commentaire 30 " "the comments of those not satisfied with courtesy"
http_get "$P?critere=courtoisie&niveau=sans-avis" > /dev/null
is "$(listed)" "Commentaire 38 " "those without an opinion on courtesy"
from=$(date -d '5 days ago' +%F) to=$(date -d '4 days ago' +%F)
http_get "$P?du=$from&au=$to" > /dev/null
is "$(listed)" "Commentaire 2 Commentaire 1 " "those of a period"
is "$(http_get "$P?critere=inconnu")" 400 "an unknown criterion is refused"
body_has "Ce critère n’est pas celui d’une question de cette campagne" "with a message"
is "$(http_get "$P?du=2026-02-30")" 400 "an impossible date is refused"
body_has "Saisissez une date qui existe" "with a message"
is "$(http_get "$P?du=$to&au=$from")" 400 "a period ending before it starts is refused"
is "$(http_get "$P?theme=999999999")" 400 "an unknown theme is refused"
is "$(http_get "$P?theme=$(theme_id "$A" Attente)&page=0")" 400 "page 0 is refused"

# ---- tagging
att=$(theme_id "$A" Attente) acc=$(theme_id "$A" Accueil)
is "$(http_post "$P" "_csrf=$csrf&critere=courtoisie&niveau=insatisfait&action=themes&reponse=$r30&question=commentaire&theme-de=$att&theme-de=$acc")" 303 \
	"comment 30 tagged Attente and Accueil"
is "$(http_header Location)" "$P?critere=courtoisie&niveau=insatisfait&fait=themes" "back to the same filters"
is "$(tags "$r30")" "Accueil,Attente" "both tags stored"
http_post "$P" "_csrf=$csrf&action=themes&reponse=$r31&question=commentaire&theme-de=$att" > /dev/null
http_get "$P" > /dev/null
body_has ">Attente</a> : 2" "two comments under Attente"
body_has ">Accueil</a> : 1" "one under Accueil"
body_has ">Sans thème</a> : 3" "three without theme"
http_get "$P?theme=$acc" > /dev/null
is "$(listed)" "Commentaire 30 " "filtered by theme"
http_get "$P?theme=aucun" > /dev/null
is "$(listed)" "Commentaire 38 Commentaire 2 Commentaire 1 " "filtered: without theme"
http_post "$P" "_csrf=$csrf&action=themes&reponse=$r30&question=commentaire&theme-de=$att" > /dev/null
is "$(tags "$r30")" "Attente" "a theme unchecked is taken off"

# ---- bad tags: nothing changes
http_get "$P" > /dev/null
tb=$(theme_id "$B" Attente)
[ -z "$tb" ] && { referent_login "$refb" "$pw" > /dev/null; http_get "/referent/campagnes/$cidb/commentaires" > /dev/null;
	tb=$(theme_id "$B" Attente); referent_login "$ref" "$pw" > /dev/null; http_get "$P" > /dev/null; }
csrf=$(input_value _csrf)
is "$(http_post "$P" "_csrf=$csrf&action=themes&reponse=$r30&question=commentaire&theme-de=999999999")" 400 \
	"an unknown theme is refused"
is "$(http_post "$P" "_csrf=$csrf&action=themes&reponse=$r30&question=commentaire&theme-de=$tb")" 400 \
	"a theme of another site is refused"
body_has "Ce thème n’est pas un thème de ce site" "with a message"
is "$(http_post "$P" "_csrf=$csrf&action=themes&reponse=$rb&question=commentaire&theme-de=$att")" 404 \
	"a comment of another site's campaign is not found"
is "$(http_post "/referent/campagnes/$cidb/commentaires" "_csrf=$csrf&action=themes&reponse=$rb&question=commentaire")" 404 \
	"nor is another site's campaign"
is "$(http_post "$P" "action=themes&reponse=$r30&question=commentaire")" 403 "no CSRF token: refused"
is "$(tags "$r30")/$(tags "$rb")" "Attente/" "nothing changed"

# ---- themes
T=$P/themes
is "$(http_get "$T")" 200 "the themes page"
body_has '<td>Attente</td><td>2</td>' "each theme with its comments"
long=$(printf 'x%.0s' $(seq 61))
is "$(http_post "$T" "_csrf=$csrf&action=ajouter&nom=$long")" 400 "a name of 61 characters is refused"
body_has "Le nom du thème doit faire au plus 60 caractères" "with a message"
is "$(http_post "$T" "_csrf=$csrf&action=ajouter&nom=attente")" 400 "a name taken is refused"
is "$(http_post "$T" "_csrf=$csrf&action=ajouter&nom=+")" 400 "a blank name is refused"
is "$(nthemes "$A")" 9 "nothing added"
is "$(http_post "$T" "_csrf=$csrf&action=ajouter&nom=$(urlencode 'Stationnement')")" 303 "a theme added"
st=$(theme_id "$A" Stationnement)
is "$(http_post "$T" "_csrf=$csrf&action=renommer&id=$st&nom=$(urlencode 'Parking et accès')")" 303 "renamed"
is "$(theme_id "$A" 'Parking et accès')" "$st" "under its new name"
is "$(http_post "$T" "_csrf=$csrf&action=renommer&id=$tb&nom=Pirate")" 400 "another site's theme cannot be renamed"
is "$(http_post "$T" "_csrf=$csrf&action=supprimer&id=$st")" 303 "an unused theme removed at once"
is "$(http_post "$T" "_csrf=$csrf&action=supprimer&id=$att")" 200 "a theme in use asks for a confirmation"
body_has "Il est attribué à 2 commentaire" "saying how many comments carry it"
is "$(theme_id "$A" Attente)" "$att" "and is still there"
is "$(http_post "$T" "_csrf=$csrf&action=supprimer&id=$att&confirme=1")" 303 "removed once confirmed"
is "$(nthemes "$A")/$(tags "$r30")" "8/" "gone, with its tags"

# ---- hiding from the exports
is "$(http_post "$P" "_csrf=$csrf&action=masquer&reponse=$r31&question=commentaire&motif=+")" 400 \
	"hiding without a reason is refused"
is "$(psql_q "SELECT count(*) FROM qualimetre.comment_hidden WHERE response_id = :'r'" r="$r31")" 0 "nothing hidden"
is "$(http_post "$P" "_csrf=$csrf&action=masquer&reponse=$r31&question=commentaire&motif=$(urlencode 'Nom et téléphone')")" 303 \
	"comment 31 hidden, with a reason"
is "$(psql_q "SELECT h.reason || '/' || h.hidden_by_login FROM qualimetre.comment_hidden h WHERE h.response_id = :'r'" r="$r31")" \
	"Nom et téléphone/$ref" "its reason and who hid it stored"
is "$(psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event = 'comment-hide' AND login = :'l' AND detail LIKE '%' || :'r' || '%Nom et téléphone'" l="$ref" r="$r31")" \
	1 "an audit row"
http_get "/referent/campagnes/$cid/reponses.csv" > /dev/null
! grep -q 'Commentaire 31' "$HTTP_BODY"
ok $? "the text left out of reponses.csv"
body_has '\[masqué\]' "written [masqué] there"
http_get "/referent/campagnes/$cid/reponses.csv?format=tableur" > /dev/null
! grep -q 'Commentaire 31' "$HTTP_BODY" && grep -q 'masqué' "$HTTP_BODY"
ok $? "and out of the spreadsheet dialect"
http_get "$P" > /dev/null
body_has 'Commentaire 31</p></blockquote>' "still readable on the page"
body_has 'Masqué des exports' "marked as such"
is "$(http_post "$P" "_csrf=$csrf&action=afficher&reponse=$r31&question=commentaire")" 303 "shown again"
is "$(psql_q "SELECT count(*) FROM qualimetre.comment_hidden WHERE response_id = :'r'" r="$r31")/$(psql_q "SELECT count(*) FROM qualimetre.audit_log WHERE event = 'comment-unhide' AND login = :'l'" l="$ref")" \
	"0/1" "no longer hidden, traced"
http_get "/referent/campagnes/$cid/reponses.csv" > /dev/null
body_has 'Commentaire 31' "back in reponses.csv"

# ---- a mystery grid's comments: the same page, its levels conform or not
mc=$(psql_q "INSERT INTO qualimetre.campaign (site_id, form_id, kind, title, opens_on, closes_on, slug)
	SELECT s.id, (SELECT id FROM qualimetre.form WHERE key = 'mystery-call' ORDER BY version DESC LIMIT 1),
		'mystery-call', 'Appels de test', current_date - 3, current_date + 3, :'slug'
	FROM qualimetre.site s WHERE s.code = :'a' RETURNING id" a="$A" slug="cm-calls-$$")
psql_q "INSERT INTO qualimetre.response (id, campaign_id, channel, form_token)
	SELECT md5(:'slug' || i)::uuid, :'c', 'call', :'slug' || i FROM generate_series(1, 2) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, value)
	SELECT md5(:'slug' || i)::uuid, :'c', 'courtoisie', CASE i WHEN 1 THEN 'conforme' ELSE 'non-conforme' END
	FROM generate_series(1, 2) i;
	INSERT INTO qualimetre.answer (response_id, campaign_id, question, text)
	SELECT md5(:'slug' || i)::uuid, :'c', 'commentaire', 'Appel ' || i FROM generate_series(1, 2) i" \
	slug="cm-calls-$$" c="$mc" > /dev/null
is "$(http_get "/referent/campagnes/$mc/commentaires?critere=courtoisie&niveau=insatisfait")" 200 \
	"a mystery campaign's comments, filtered on a criterion not conform"
is "$(listed)" "Appel 2 " "the comment of the call not conform"
body_has '· appel mystère</h3>' "its channel named"

# ---- another site's referent, and the database's policies
referent_login "$refb" "$pw" > /dev/null
is "$(http_get "$P")" 404 "site B's referent cannot read site A's comments"
tok=$(session_token "$(psql_q "SELECT id FROM qualimetre.app_user WHERE login = :'l'" l="$refb")")
is "$(psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'t', false) \\g /dev/null
	SELECT (SELECT count(*) FROM qualimetre.comment_theme t JOIN qualimetre.site s ON s.id = t.site_id WHERE s.code = :'a')
	|| '/' || (SELECT count(*) FROM qualimetre.comment_tag WHERE campaign_id = :'c')" t="$tok" a="$A" c="$cid")" \
	"0/0" "nor, in the database, their themes or tags"
psql_as qualimetre_referent "SELECT set_config('qualimetre.session', :'t', false) \\g /dev/null
	INSERT INTO qualimetre.comment_hidden (response_id, question, campaign_id, reason, hidden_by)
	VALUES (:'r', 'commentaire', :'c', 'x', qualimetre.current_user_id())" t="$tok" r="$r30" c="$cid" 2> /dev/null
[ $? -ne 0 ] && [ "$(psql_q "SELECT count(*) FROM qualimetre.comment_hidden WHERE response_id = :'r'" r="$r30")" = 0 ]
ok $? "nor hide one of them"
