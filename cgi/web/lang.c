/* The public pages' languages and the catalogue of their fixed strings. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "buf.h"
#include "lang.h"

/* The languages of the catalogue; any other gets French. */
enum cat {
	CAT_FR,
	CAT_EN,
	CAT__MAX
};

static const char *const catalogue[LMSG__MAX][CAT__MAX] = {
	[LMSG_REQUIRED] = { "(obligatoire)", "(required)" },
	[LMSG_ERRORS_ONE] = {
	    "Vos réponses n’ont pas été envoyées : une réponse est à "
	    "corriger",
	    "Your answers have not been sent: one answer needs correcting" },
	[LMSG_ANONYMOUS] = {
	    "Cette enquête est anonyme : aucune adresse IP, aucun cookie ni "
	    "aucune donnée permettant de vous identifier n’est enregistré "
	    "avec vos réponses. Les questions marquées « obligatoire » "
	    "doivent recevoir une réponse ; pour les autres, vous pouvez "
	    "répondre « Sans avis » ou passer.",
	    "This survey is anonymous: no IP address, no cookie and no data "
	    "that could identify you is stored with your answers. Questions "
	    "marked “required” must be answered; for the others, you may "
	    "answer “No opinion” or skip them." },
	[LMSG_SEND] = { "Envoyer mes réponses", "Send my answers" },
	[LMSG_ERROR_PREFIX] = { "Erreur – ", "Error – " },
	[LMSG_LANGUAGES] = { "Langue du questionnaire",
	    "Language of the survey" },
	[LMSG_BAD_CHARS] = {
	    "Cette réponse contient des caractères non valides.",
	    "This answer contains characters that are not valid." },
	[LMSG_ONE_ONLY] = { "Une seule réponse est possible.",
	    "Only one answer is possible." },
	[LMSG_NOT_OFFERED] = {
	    "Cette réponse ne fait pas partie des choix proposés.",
	    "This answer is not one of the choices offered." },
	[LMSG_ONE_NOT_OFFERED] = {
	    "Une des réponses ne fait pas partie des choix proposés.",
	    "One of the answers is not one of the choices offered." },
	[LMSG_SENT_TWICE] = { "Une réponse a été envoyée deux fois.",
	    "An answer was sent twice." },
	[LMSG_DATE] = {
	    "Saisissez une date valide, au format AAAA-MM-JJ.",
	    "Enter a valid date, in the format YYYY-MM-DD." },
	[LMSG_DATETIME] = {
	    "Saisissez une date et une heure valides, au format "
	    "AAAA-MM-JJTHH:MM.",
	    "Enter a valid date and time, in the format YYYY-MM-DDTHH:MM." },
	[LMSG_TEXT_CHARS] = {
	    "Ce texte contient des caractères non valides : saisissez-le à "
	    "nouveau.",
	    "This text contains characters that are not valid: please type "
	    "it again." },
	[LMSG_UNKNOWN_KIND] = { "Type de question inconnu.",
	    "Unknown type of question." },
	[LMSG_REQUIRED_TYPE] = {
	    "Cette question est obligatoire : répondez-y pour continuer.",
	    "This question is required: answer it to continue." },
	[LMSG_REQUIRED_CHOOSE] = {
	    "Cette question est obligatoire : choisissez une réponse.",
	    "This question is required: choose an answer." },
	[LMSG_UNKNOWN_FIELDS_BAD] = {
	    "Le formulaire envoyé contient des champs inconnus : il ne "
	    "correspond pas à ce questionnaire.",
	    "The form sent contains unknown fields: it does not match this "
	    "survey." },
	[LMSG_EXPIRED_TITLE] = { "Ce formulaire a expiré",
	    "This form has expired" },
	[LMSG_EXPIRED_TEXT] = {
	    "Vos réponses n’ont pas été enregistrées, mais elles sont "
	    "conservées ci-dessous : vérifiez-les, puis envoyez-les à "
	    "nouveau.",
	    "Your answers have not been saved, but they are kept below: "
	    "check them, then send them again." },
	[LMSG_CONFIRM_TITLE] = { "Confirmez l’envoi de vos réponses",
	    "Please confirm sending your answers" },
	[LMSG_CONFIRM_FAST] = {
	    "Vos réponses sont arrivées très peu de temps après l’ouverture "
	    "du questionnaire. Pour écarter les envois automatiques, nous "
	    "vous demandons de les confirmer : elles ne sont pas encore "
	    "enregistrées. Vérifiez-les ci-dessous, puis envoyez-les avec le "
	    "bouton en bas de la page.",
	    "Your answers arrived very shortly after the survey was opened. "
	    "To keep out automated sending, we ask you to confirm them: they "
	    "have not been saved yet. Check them below, then send them with "
	    "the button at the bottom of the page." },
	[LMSG_CONFIRM_LATE] = {
	    "Ce questionnaire a été ouvert il y a plus de deux jours. Vos "
	    "réponses ne sont pas encore enregistrées : vérifiez-les "
	    "ci-dessous, puis envoyez-les avec le bouton en bas de la page.",
	    "This survey was opened more than two days ago. Your answers "
	    "have not been saved yet: check them below, then send them with "
	    "the button at the bottom of the page." },
	[LMSG_NOT_STORED_TITLE] = {
	    "Vos réponses n’ont pas encore été enregistrées",
	    "Your answers have not been saved yet" },
	[LMSG_NOT_STORED_TEXT] = {
	    "Le service est momentanément indisponible. Vos réponses ne sont "
	    "pas perdues : elles sont conservées ci-dessous. Dans quelques "
	    "instants, envoyez-les à nouveau avec le bouton en bas de la "
	    "page.",
	    "The service is temporarily unavailable. Your answers are not "
	    "lost: they are kept below. In a few moments, send them again "
	    "with the button at the bottom of the page." },
	[LMSG_FAILED_TITLE] = {
	    "Vos réponses n’ont pas pu être enregistrées",
	    "Your answers could not be saved" },
	[LMSG_FAILED_TEXT] = {
	    "Une erreur inattendue est survenue ; elle a été signalée. Vos "
	    "réponses sont conservées ci-dessous : envoyez-les à nouveau un "
	    "peu plus tard.",
	    "An unexpected error occurred; it has been reported. Your "
	    "answers are kept below: send them again a little later." },
	[LMSG_STORED_TITLE] = { "Réponses enregistrées", "Answers saved" },
	[LMSG_STORED_TEXT] = {
	    "Vos réponses ont bien été enregistrées. Merci !",
	    "Your answers have been saved. Thank you!" },
	[LMSG_THANKS_TITLE] = { "Merci pour vos réponses",
	    "Thank you for your answers" },
	[LMSG_THANKS_TEXT] = {
	    "Vos réponses ont bien été enregistrées. Elles nous aideront à "
	    "améliorer l’accueil du public. Les résultats de l’enquête "
	    "seront affichés dans le hall d’accueil et publiés sur notre "
	    "site internet.",
	    "Your answers have been saved. They will help us improve our "
	    "reception service. The survey’s results will be displayed in "
	    "the reception hall and published on our website." },
	[LMSG_LIMITED_TITLE] = { "Trop d’envois", "Too many sendings" },
	[LMSG_LIMITED_TEXT] = {
	    "Trop de questionnaires ont été envoyés depuis votre connexion "
	    "en peu de temps. Attendez une minute, puis revenez à la page "
	    "précédente pour envoyer le vôtre.",
	    "Too many surveys have been sent from your connection in a short "
	    "time. Wait a minute, then go back to the previous page to send "
	    "yours." },
	[LMSG_LIMITED_HELD_TITLE] = { "Trop d’envois en peu de temps",
	    "Too many sendings in a short time" },
	[LMSG_LIMITED_HELD_TEXT] = {
	    "Trop de questionnaires ont été envoyés depuis votre connexion "
	    "en peu de temps (plusieurs personnes utilisent peut-être le "
	    "même réseau). Vos réponses n’ont pas encore été enregistrées, "
	    "mais elles ne sont pas perdues : elles sont conservées dans "
	    "cette page. Attendez une minute, puis appuyez sur le bouton "
	    "ci-dessous pour les envoyer à nouveau.",
	    "Too many surveys have been sent from your connection in a short "
	    "time (several people may be using the same network). Your "
	    "answers have not been saved yet, but they are not lost: they "
	    "are kept in this page. Wait a minute, then press the button "
	    "below to send them again." },
	[LMSG_UNAVAILABLE_TITLE] = { "Service momentanément indisponible",
	    "Service temporarily unavailable" },
	[LMSG_UNAVAILABLE_TEXT] = {
	    "Le questionnaire ne peut pas être affiché pour le moment. "
	    "Réessayez dans quelques instants.",
	    "The survey cannot be shown at the moment. Try again in a few "
	    "moments." },
	[LMSG_UNAVAILABLE_HELD_TEXT] = {
	    "Vos réponses n’ont pas encore été enregistrées, mais elles ne "
	    "sont pas perdues : elles sont conservées dans cette page. Dans "
	    "quelques instants, appuyez sur le bouton ci-dessous pour les "
	    "envoyer à nouveau.",
	    "Your answers have not been saved yet, but they are not lost: "
	    "they are kept in this page. In a few moments, press the button "
	    "below to send them again." },
	[LMSG_SEND_AGAIN] = { "Envoyer à nouveau mes réponses",
	    "Send my answers again" },
	[LMSG_UPCOMING_TITLE] = { "Cette enquête n’est pas encore ouverte",
	    "This survey is not open yet" },
	[LMSG_OPEN_FROM] = { "Elle est ouverte du ", "It is open from " },
	[LMSG_DATE_TO] = { " au ", " to " },
	[LMSG_UPCOMING_TEXT] = {
	    " inclus. Revenez à partir de sa date d’ouverture : vos "
	    "réponses ne peuvent pas être enregistrées avant.",
	    " inclusive. Please come back from its opening date: your "
	    "answers cannot be recorded before." },
	[LMSG_ENDED_ON] = { "Cette enquête s’est terminée le ",
	    "This survey ended on " },
	[LMSG_WAS_OPEN_FROM] = { "Elle était ouverte du ",
	    "It was open from " },
	[LMSG_ENDED_TEXT] = {
	    " inclus. Les réponses ne sont plus enregistrées. Merci de "
	    "l’intérêt que vous portez à la qualité de notre accueil.",
	    " inclusive. Answers are no longer recorded. Thank you for your "
	    "interest in the quality of our reception." },
	[LMSG_CURRENT_SURVEY] = { "Répondre à l’enquête en cours",
	    "Answer the current survey" },
};

/* Languages written right to left, by primary subtag. */
static const char *const rtl_langs[] = {
	"ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"
};

/* Each language's name in itself. */
static const struct {
	const char	*code;
	const char	*name;
} lang_names[] = {
	{ "ar", "العربية" },
	{ "de", "Deutsch" },
	{ "en", "English" },
	{ "es", "Español" },
	{ "fr", "Français" },
	{ "it", "Italiano" },
	{ "pt", "Português" },
};

int
lang_is_en(const char *lang)
{
	return lang != NULL && strcmp(lang, "en") == 0;
}

const char *
lang_msg(const char *lang, enum lmsg msg)
{
	if ((size_t)msg >= LMSG__MAX)
		return "";
	return catalogue[msg][lang_is_en(lang) ? CAT_EN : CAT_FR];
}

void
lang_mark(struct buf *b, const char *lang)
{
	if (lang != NULL && strcmp(lang, "fr") != 0 && !lang_is_en(lang))
		buf_puts(b, " lang=\"fr\" dir=\"ltr\"");
}

/* Whether the n bytes at s are two or three lower-case letters. */
static int
is_code(const char *s, size_t n)
{
	size_t	i;

	if (n < 2 || n > LANG_CODE_LEN - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

int
lang_query(const char *query, char code[LANG_CODE_LEN])
{
	const char	*p = query, *end;
	size_t		 n, plen = sizeof(LANG_PARAM) - 1;

	code[0] = '\0';
	while (p != NULL && *p != '\0') {
		end = p + strcspn(p, "&;");
		n = (size_t)(end - p);
		if (n > plen && strncmp(p, LANG_PARAM "=", plen + 1) == 0) {
			if (!is_code(p + plen + 1, n - plen - 1))
				return -1;
			memcpy(code, p + plen + 1, n - plen - 1);
			code[n - plen - 1] = '\0';
			return 0;
		}
		p = *end != '\0' ? end + 1 : end;
	}
	return -1;
}

/* The index in avail of the n-byte tag at s, by primary subtag, or
   navail. */
static size_t
find_tag(const char *s, size_t n, const char *const *avail, size_t navail)
{
	char	code[LANG_CODE_LEN];
	size_t	i, len;

	len = strcspn(s, "-");
	if (len > n)
		len = n;
	if (len < 2 || len > LANG_CODE_LEN - 1)
		return navail;
	for (i = 0; i < len; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			return navail;
		code[i] = (char)(s[i] | 0x20);
	}
	code[len] = '\0';
	for (i = 0; i < navail; i++)
		if (strcmp(avail[i], code) == 0)
			return i;
	return navail;
}

/*
 * The q-value of the n bytes of parameters at s (";q=0.8"), in
 * thousandths: 1000 when there is none, -1 when it is malformed.
 */
static int
qvalue(const char *s, size_t n)
{
	const char	*p, *end = s + n;
	int		 q, digits;

	for (p = s; p < end && (*p == ' ' || *p == '\t'); p++)
		;
	if (p == end)
		return 1000;
	if (*p++ != ';')
		return -1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
		return -1;
	p += 2;
	if (*p != '0' && *p != '1')
		return -1;
	q = (*p++ - '0') * 1000;
	if (p < end && *p == '.') {
		p++;
		for (digits = 0; p < end && digits < 3 && *p >= '0' &&
		    *p <= '9'; digits++, p++)
			q += (*p - '0') * (digits == 0 ? 100 : digits == 1 ?
			    10 : 1);
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p == end && q <= 1000 ? q : -1;
}

const char *
lang_accept(const char *accept, const char *const *avail, size_t navail)
{
	const char	*p = accept, *end;
	size_t		 n, tlen, i, best = navail;
	int		 q, bestq = 0;

	while (p != NULL && *p != '\0') {
		end = p + strcspn(p, ",");
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		n = (size_t)(end - p);
		tlen = strcspn(p, ";, \t");
		if (tlen > n)
			tlen = n;
		i = find_tag(p, tlen, avail, navail);
		q = qvalue(p + tlen, n - tlen);
		if (i < navail && q > bestq) {
			best = i;
			bestq = q;
		}
		p = *end != '\0' ? end + 1 : end;
	}
	return best < navail ? avail[best] : "fr";
}

const char *
lang_choose(const char *query, const char *accept,
    const char *const *avail, size_t navail)
{
	char	code[LANG_CODE_LEN];
	size_t	i;

	if (lang_query(query, code) == 0)
		for (i = 0; i < navail; i++)
			if (strcmp(avail[i], code) == 0)
				return avail[i];
	return lang_accept(accept, avail, navail);
}

int
lang_rtl(const char *lang)
{
	size_t	i;

	for (i = 0; lang != NULL && i < sizeof(rtl_langs) /
	    sizeof(rtl_langs[0]); i++)
		if (strcmp(rtl_langs[i], lang) == 0)
			return 1;
	return 0;
}

const char *
lang_name(const char *lang)
{
	size_t	i;

	for (i = 0; lang != NULL && i < sizeof(lang_names) /
	    sizeof(lang_names[0]); i++)
		if (strcmp(lang_names[i].code, lang) == 0)
			return lang_names[i].name;
	return NULL;
}
