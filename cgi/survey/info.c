/* The accessibility statement, legal notice and personal data pages. */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "info.h"
#include "page.h"

struct info {
	const char	*name;		/* after INFO_PREFIX */
	const char	*title;
	const char	*html;		/* our own markup, no outside data */
};

static const struct info infos[] = {
	{ "accessibilite", "Déclaration d’accessibilité",
	  "<p>Le service de la préfecture qui conduit cette enquête "
	  "s’engage à rendre ses services numériques accessibles, "
	  "conformément à l’article 47 de la loi n° 2005-102 du 11 février "
	  "2005.</p>\n"
	  "<h2>État de conformité</h2>\n"
	  "<p>Le questionnaire en ligne est <strong>non conforme</strong> "
	  "avec le référentiel général d’amélioration de l’accessibilité "
	  "(RGAA), version 4.1 : tant qu’aucun audit n’a été réalisé, le "
	  "RGAA demande de le déclarer ainsi. Il a pourtant été conçu pour "
	  "être accessible (questions regroupées avec leur intitulé, "
	  "étiquettes liées aux champs, messages d’erreur visibles et "
	  "reliés à leur champ, navigation au clavier, fonctionnement sans "
	  "JavaScript), et il est vérifié à chaque version par des tests "
	  "automatiques (axe-core).</p>\n"
	  "<h2>Établissement de cette déclaration</h2>\n"
	  "<p>Technologies utilisées : HTML, CSS (Système de design de "
	  "l’État), JavaScript facultatif.</p>\n"
	  "<h2>Retour d’information et contact</h2>\n"
	  "<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, "
	  "vous pouvez contacter l’accueil de la préfecture pour être "
	  "orienté vers une alternative accessible ou obtenir le contenu "
	  "sous une autre forme. Le questionnaire existe aussi sur papier, "
	  "dans le hall d’accueil.</p>\n"
	  "<h2>Voies de recours</h2>\n"
	  "<p>Si vous constatez un défaut d’accessibilité vous empêchant "
	  "d’accéder à un contenu ou à une fonctionnalité, que vous nous "
	  "l’avez signalé et que vous n’avez pas obtenu de réponse "
	  "satisfaisante, vous pouvez écrire au Défenseur des droits "
	  "(formulaire en ligne sur defenseurdesdroits.fr), contacter son "
	  "délégué dans votre région, ou lui écrire gratuitement, sans "
	  "affranchissement : Défenseur des droits, Libre réponse 71120, "
	  "75342 Paris CEDEX 07.</p>\n" },
	{ "mentions-legales", "Mentions légales",
	  "<h2>Éditeur</h2>\n"
	  "<p>Ce questionnaire est édité par la préfecture dont le nom "
	  "figure en haut de chaque page, dans le cadre de sa démarche de "
	  "qualité de l’accueil (référentiel Qual-e-pref / Services "
	  "Publics+).</p>\n"
	  "<h2>Directeur de la publication</h2>\n"
	  "<p>Le préfet ou la préfète du département.</p>\n"
	  "<h2>Hébergement</h2>\n"
	  "<p>Le service est hébergé sur les serveurs du ministère de "
	  "l’Intérieur ou de la préfecture, en France.</p>\n"
	  "<h2>Logiciel</h2>\n"
	  "<p>Qualimètre, logiciel de recueil d’enquêtes de satisfaction "
	  "et de contrôles mystère.</p>\n" },
	{ "donnees-personnelles", "Données personnelles et gestion des cookies",
	  "<h2>Une enquête anonyme</h2>\n"
	  "<p>Vos réponses sont enregistrées sans aucune donnée permettant "
	  "de vous identifier : ni nom, ni adresse électronique, ni adresse "
	  "IP, ni identifiant de votre navigateur. Seules sont conservées "
	  "vos réponses et la date de leur envoi.</p>\n"
	  "<p>N’écrivez pas de données personnelles (nom, téléphone, "
	  "numéro de dossier) dans le champ de commentaire : il est lu par "
	  "le service qualité de la préfecture.</p>\n"
	  "<h2>Finalité</h2>\n"
	  "<p>Les réponses servent uniquement à mesurer la satisfaction "
	  "des usagers et à améliorer l’accueil. Les résultats sont "
	  "publiés sous forme de taux globaux.</p>\n"
	  "<h2>Cookies</h2>\n"
	  "<p>Ce questionnaire ne dépose aucun cookie et n’utilise aucun "
	  "outil de mesure d’audience.</p>\n"
	  "<h2>Vos droits</h2>\n"
	  "<p>Vos réponses n’étant rattachées à aucune donnée "
	  "d’identification, elles ne peuvent pas être retrouvées pour "
	  "être consultées ou effacées individuellement. Pour toute "
	  "question, adressez-vous au délégué à la protection des données "
	  "du ministère de l’Intérieur.</p>\n" },
};

int
info_page(struct buf *b, const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(infos) / sizeof(infos[0]); i++) {
		if (strcmp(infos[i].name, name) != 0)
			continue;
		page_begin(b, infos[i].title, NULL);
		buf_puts(b, "<h1>");
		buf_puts(b, infos[i].title);
		buf_puts(b, "</h1>\n");
		buf_puts(b, infos[i].html);
		page_end(b);
		return 0;
	}
	return -1;
}
