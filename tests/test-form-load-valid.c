/*
 * form_load on the default satisfaction questionnaire and on a grid in
 * memory: the model the renderer, the validator and the results read.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "form.h"
#include "tap.h"
#include "xmalloc.h"

/* A mystery-call grid in memory, English before French on purpose. */
static const char mem_form[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<form xmlns=\"urn:qualimetre:form:1\" key=\"grille-appel\" "
    "version=\"3\" kind=\"mystery-call\">\n"
    "  <title xml:lang=\"en\">Call grid</title>\n"
    "  <title xml:lang=\"fr\">Grille d'appel</title>\n"
    "  <section id=\"appel\">\n"
    "    <title xml:lang=\"de\">Anruf</title>\n"
    "    <title xml:lang=\"en\">Call</title>\n"
    "    <question key=\"decroche\" type=\"yesno\" required=\"true\" "
    "criterion=\"true\" target=\"0.8\">\n"
    "      <label xml:lang=\"en\">Picked up?</label>\n"
    "      <label xml:lang=\"fr-FR\">  Appel\n\td\xc3\xa9" "croch\xc3\xa9   "
    "?  </label>\n"
    "    </question>\n"
    "    <question key=\"sonneries\" type=\"integer\" min=\"0\" "
    "max=\"20\">\n"
    "      <label>Nombre de sonneries</label>\n"
    "      <when question=\"decroche\" value=\"conforme\"/>\n"
    "    </question>\n"
    "    <question key=\"attente\" type=\"duration\" min=\"-5\" "
    "max=\"3600\">\n"
    "      <label>Attente</label>\n"
    "    </question>\n"
    "  </section>\n"
    "</form>\n";

/* Its SHA-256, computed apart with sha256sum(1). */
#define MEM_FORM_SHA256 \
    "2140a18f00e5f28c762c88258b94c81635566b14f065c9f5b4836481cb62d3c2"

/* The questions of satisfaction.xml, in order, with their section. */
static const struct {
	const char	*key;
	size_t		 section;
} questions[] = {
	{ "motif", 0 }, { "profil", 0 }, { "canal", 0 },
	{ "courtoisie", 1 }, { "disponibilite", 1 }, { "handicap", 1 },
	{ "difficulte", 1 }, { "langage", 1 }, { "orientation", 1 },
	{ "signaletique", 1 }, { "delai-rdv", 1 }, { "confort", 1 },
	{ "confidentialite", 1 }, { "attente", 1 },
	{ "point-numerique", 1 }, { "commentaire", 2 },
};
#define NQUESTIONS	(sizeof(questions) / sizeof(questions[0]))

/* The satisfaction-4 scale. */
static const struct form_option scale4[] = {
	{ "tres-satisfait", "Très satisfait", 1, 0 },
	{ "satisfait", "Satisfait", 1, 0 },
	{ "peu-satisfait", "Peu satisfait", 0, 0 },
	{ "pas-du-tout-satisfait", "Pas du tout satisfait", 0, 0 },
	{ "sans-avis", "Sans avis / non concerné", 0, 1 },
};

static int
str_eq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Whether q offers exactly the values in vals, in order. */
static int
has_values(const struct form_question *q, const char *const *vals, size_t n)
{
	size_t	 i;

	if (q == NULL || q->noptions != n)
		return 0;
	for (i = 0; i < n; i++)
		if (!str_eq(q->options[i].value, vals[i]))
			return 0;
	return 1;
}

/* Whether s is 64 lower-case hexadecimal digits. */
static int
is_sha256_hex(const char *s)
{
	size_t	 i;

	if (s == NULL || strlen(s) != 64)
		return 0;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Reads path whole; NULL when it cannot. The caller frees it. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp;
	char	*buf;
	long	 size;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == -1 || (size = ftell(fp)) <= 0 ||
	    fseek(fp, 0, SEEK_SET) == -1) {
		fclose(fp);
		return NULL;
	}
	buf = xmalloc((size_t)size);
	if (fread(buf, 1, (size_t)size, fp) != (size_t)size) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*len = (size_t)size;
	return buf;
}

/*
 * The SHA-256 of len bytes, hashed in uneven pieces through the
 * streaming interface: not the code path form.c takes.
 */
static void
sha256_hex(const char *buf, size_t len, char hex[65])
{
	crypto_hash_sha256_state	 st;
	unsigned char			 digest[32];
	size_t				 off, n;

	crypto_hash_sha256_init(&st);
	for (off = 0; off < len; off += n) {
		n = len - off < 7 ? len - off : 7;
		crypto_hash_sha256_update(&st,
		    (const unsigned char *)buf + off, n);
	}
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(hex, 65, digest, sizeof(digest));
}

static void
test_satisfaction(const char *srcdir, const char *schema)
{
	static const char *const motifs[] = {
		"etrangers", "vehicule-permis", "identite", "autre"
	};
	static const char *const profils[] = {
		"particulier", "professionnel", "association", "elu"
	};
	static const char *const canaux[] = {
		"sur-place", "telephone", "site-internet", "courriel"
	};
	const struct form_question	*q, *motif;
	const struct form_section	*s;
	const struct form_option	*o;
	struct form			*f = NULL;
	char				*path, *cause = NULL, *bytes;
	char				 hex[65];
	const char			*src;
	size_t				 i, j, len, srclen;
	int				 ok;

	xasprintf(&path, "%s/forms/satisfaction.xml", srcdir);
	if (!tap_ok(form_load(path, schema, &f, &cause) == 0 && f != NULL,
	    "satisfaction.xml loads"))
		tap_diag("%s", cause != NULL ? cause : "(no cause)");
	if (f == NULL) {
		/* Nothing below can run: fail its cases, keep the plan. */
		for (i = 0; i < 33; i++)
			tap_ok(0, "skipped: satisfaction.xml did not load");
		free(cause);
		free(path);
		return;
	}

	tap_ok(str_eq(form_key(f), "satisfaction"), "key is satisfaction");
	tap_ok(form_version(f) == 2 && form_find(f, "courtoisie") != NULL &&
	    str_eq(form_find(f, "courtoisie")->short_label, "Courtoisie"),
	    "version is 2, with the criteria's short names");
	tap_ok(form_kind(f) == FORMKIND_SATISFACTION &&
	    str_eq(form_kind_name(form_kind(f)), "satisfaction"),
	    "kind is satisfaction");
	tap_ok(str_eq(form_title(f),
	    "Questionnaire de satisfaction sur l'accueil"),
	    "title is the French one");
	tap_ok(form_intro(f) != NULL &&
	    strncmp(form_intro(f), "Votre avis nous aide", 20) == 0 &&
	    strstr(form_intro(f), "  ") == NULL &&
	    strchr(form_intro(f), '\n') == NULL,
	    "intro is French, white space collapsed");

	tap_ok(form_nsections(f) == 3, "3 sections");
	ok = form_nsections(f) == 3;
	if (ok) {
		s = form_section(f, 0);
		ok = str_eq(s->id, "votre-visite") &&
		    str_eq(s->title, "Votre visite") && s->intro == NULL;
		s = form_section(f, 1);
		ok = ok && str_eq(s->id, "votre-avis") &&
		    str_eq(s->title, "Votre avis sur l'accueil") &&
		    s->intro != NULL;
		s = form_section(f, 2);
		ok = ok && str_eq(s->id, "commentaire") &&
		    str_eq(s->title, "Vos suggestions");
	}
	tap_ok(ok, "section ids, French titles and intros");
	tap_ok(form_section(f, 3) == NULL, "form_section out of range is NULL");

	tap_ok(form_nquestions(f) == NQUESTIONS, "16 questions");
	ok = form_nquestions(f) == NQUESTIONS;
	for (i = 0; ok && i < NQUESTIONS; i++) {
		q = form_question(f, i);
		ok = str_eq(q->key, questions[i].key) &&
		    q->section == questions[i].section &&
		    q->label != NULL && *q->label != '\0';
		if (!ok)
			tap_diag("question %zu: %s in section %zu", i, q->key,
			    q->section);
	}
	tap_ok(ok, "question keys, order and sections");
	tap_ok(form_question(f, NQUESTIONS) == NULL,
	    "form_question out of range is NULL");

	motif = form_find(f, "motif");
	tap_ok(motif != NULL && motif->kind == QKIND_CHOICE &&
	    motif->required && !motif->criterion && motif->target == -1 &&
	    motif->scale == NULL && motif->when_key == NULL,
	    "motif is a required choice, not a criterion");
	tap_ok(has_values(motif, motifs, 4), "motif's option values");
	q = form_find(f, "profil");
	tap_ok(q != NULL && q->kind == QKIND_CHOICE && q->required &&
	    has_values(q, profils, 4), "profil: required choice, values");
	q = form_find(f, "canal");
	tap_ok(q != NULL && q->kind == QKIND_CHOICE && q->required &&
	    has_values(q, canaux, 4), "canal: required choice, values");
	o = form_option_find(form_find(f, "profil"), "elu");
	tap_ok(o != NULL && str_eq(o->label, "Un ou une élu·e") &&
	    !o->satisfied && !o->no_opinion, "profil elu's French label");

	ok = 1;
	for (i = 3; i < 15; i++) {
		q = form_question(f, i);
		if (q->kind != QKIND_SCALE || !str_eq(q->scale,
		    "satisfaction-4") || !q->criterion || q->required ||
		    q->target != -1 || q->noptions != 5) {
			tap_diag("%s is not an optional criterion on "
			    "satisfaction-4", q->key);
			ok = 0;
		}
	}
	tap_ok(ok, "12 optional criteria on satisfaction-4");

	q = form_find(f, "courtoisie");
	ok = q != NULL && q->noptions == 5;
	for (j = 0; ok && j < 5; j++)
		ok = str_eq(q->options[j].value, scale4[j].value) &&
		    str_eq(q->options[j].label, scale4[j].label);
	tap_ok(ok, "satisfaction-4 values and French labels");
	ok = q != NULL && q->noptions == 5;
	for (j = 0; ok && j < 5; j++)
		ok = q->options[j].satisfied == scale4[j].satisfied &&
		    q->options[j].no_opinion == scale4[j].no_opinion;
	tap_ok(ok, "satisfied: the top two; no opinion: sans-avis");
	tap_ok(q != NULL && q->options == form_find(f, "attente")->options,
	    "scale questions share the scale's options");
	tap_ok(q != NULL && str_eq(q->label,
	    "Comment jugez-vous la courtoisie des agents ?"),
	    "label over two lines is French, one space between words");
	tap_ok(q != NULL && q->hint == NULL, "no hint: NULL");

	q = form_find(f, "delai-rdv");
	tap_ok(q != NULL && str_eq(q->when_key, "motif") &&
	    str_eq(q->when_value, "etrangers"),
	    "delai-rdv is asked when motif is etrangers");
	tap_ok(q != NULL && q->hint != NULL &&
	    strstr(q->hint, "étrangers") != NULL,
	    "delai-rdv's hint says why");
	ok = 1;
	for (i = 0; i < form_nquestions(f); i++) {
		q = form_question(f, i);
		if (!str_eq(q->key, "delai-rdv") &&
		    (q->when_key != NULL || q->when_value != NULL))
			ok = 0;
	}
	tap_ok(ok, "every other question is always asked");

	q = form_find(f, "commentaire");
	tap_ok(q != NULL && q->kind == QKIND_TEXT && q->maxlen == 2000 &&
	    !q->required && !q->criterion && q->noptions == 0 &&
	    q->options == NULL, "commentaire: optional text, 2000");
	tap_ok(q != NULL && q->hint != NULL &&
	    strstr(q->hint, "donnée personnelle") != NULL,
	    "commentaire's hint warns about personal data");

	tap_ok(form_find(f, "attente") == form_question(f, 13) &&
	    form_find(f, "nope") == NULL && form_find(f, "") == NULL,
	    "form_find");
	o = form_option_find(motif, "etrangers");
	tap_ok(o != NULL && strstr(o->label, "étrangers") != NULL &&
	    form_option_find(motif, "etranger") == NULL &&
	    form_option_find(motif, "conforme") == NULL &&
	    form_option_find(NULL, "etrangers") == NULL,
	    "form_option_find");

	tap_ok(is_sha256_hex(form_sha256(f)), "sha256 is 64 hex digits");
	bytes = slurp(path, &len);
	src = form_source(f, &srclen);
	tap_ok(bytes != NULL && srclen == len && memcmp(src, bytes, len) == 0
	    && src[len] == '\0', "source is the file's bytes");
	if (bytes != NULL)
		sha256_hex(bytes, len, hex);
	if (!tap_ok(bytes != NULL && str_eq(form_sha256(f), hex),
	    "sha256 matches the file hashed apart"))
		tap_diag("%s", form_sha256(f));
	tap_ok(form_source(f, NULL) == src, "form_source takes a NULL length");
	free(bytes);
	form_free(f);
	free(path);
}

static void
test_memory(const char *schema)
{
	static const char *const yesno[] = {
		"conforme", "non-conforme", "sans-objet"
	};
	const struct form_question	*q;
	struct form			*f = NULL, *g = NULL;
	char				*cause = NULL;

	if (!tap_ok(form_load_memory(mem_form, sizeof(mem_form) - 1,
	    "grille in memory", schema, &f, &cause) == 0 && f != NULL,
	    "a grid in memory loads"))
		tap_diag("%s", cause != NULL ? cause : "(no cause)");
	if (f == NULL) {
		free(cause);
		return;
	}
	tap_ok(str_eq(form_key(f), "grille-appel") && form_version(f) == 3 &&
	    form_kind(f) == FORMKIND_MYSTERY_CALL,
	    "key, version 3, kind mystery-call");
	tap_ok(str_eq(form_title(f), "Grille d'appel") &&
	    form_intro(f) == NULL, "French title chosen though second");
	tap_ok(str_eq(form_section(f, 0)->title, "Anruf"),
	    "no French title: the first one");
	q = form_find(f, "decroche");
	tap_ok(q != NULL && str_eq(q->label, "Appel décroché ?"),
	    "fr-FR label chosen, white space trimmed and collapsed");
	tap_ok(q != NULL && q->kind == QKIND_YESNO && q->required &&
	    q->criterion && fabs(q->target - 0.8) < 1e-9,
	    "yesno criterion with target 0.8");
	tap_ok(has_values(q, yesno, 3) && q->options[0].satisfied &&
	    !q->options[0].no_opinion && !q->options[1].satisfied &&
	    !q->options[1].no_opinion && !q->options[2].satisfied &&
	    q->options[2].no_opinion &&
	    str_eq(q->options[1].label, "Non conforme"),
	    "yesno gets conforme, non-conforme, sans-objet");
	q = form_find(f, "sonneries");
	tap_ok(q != NULL && q->kind == QKIND_INTEGER && q->min == 0 &&
	    q->max == 20 && !q->required && q->target == -1 &&
	    str_eq(q->when_key, "decroche") &&
	    str_eq(q->when_value, "conforme"),
	    "integer bounds, when on a yesno value");
	q = form_find(f, "attente");
	tap_ok(q != NULL && q->kind == QKIND_DURATION && q->min == -5 &&
	    q->max == 3600, "duration bounds");
	tap_ok(str_eq(form_sha256(f), MEM_FORM_SHA256),
	    "sha256 matches sha256sum's");
	tap_ok(str_eq(form_qkind_name(QKIND_DATETIME), "datetime") &&
	    str_eq(form_qkind_name(QKIND_SCALE), "scale") &&
	    form_qkind_name(QKIND__MAX) == NULL &&
	    str_eq(form_kind_name(FORMKIND_MYSTERY_EMAIL), "mystery-email") &&
	    form_kind_name(FORMKIND__MAX) == NULL,
	    "kind names");

	/* The cached schema serves a second load. */
	tap_ok(form_load_memory(mem_form, sizeof(mem_form) - 1, "again",
	    schema, &g, &cause) == 0 && g != NULL && g != f,
	    "a second load gives a second form");
	form_free(g);
	form_free(f);
	form_free(NULL);
	tap_ok(1, "form_free(NULL) does nothing");
}

/* A question of a mystery grid: its key, kind and section. */
struct qwant {
	const char	*key;
	enum qkind	 kind;
	size_t		 section;
};

/* The questions of the mystery grids, in order. */
static const struct qwant call_questions[] = {
	{ "moment", QKIND_DATETIME, 0 }, { "service", QKIND_CHOICE, 0 },
	{ "decroche", QKIND_YESNO, 0 }, { "sonneries", QKIND_INTEGER, 1 },
	{ "annonce-service", QKIND_YESNO, 1 }, { "courtoisie", QKIND_YESNO, 1 },
	{ "langage", QKIND_YESNO, 1 }, { "reponse", QKIND_YESNO, 1 },
	{ "transfert", QKIND_YESNO, 1 }, { "attente", QKIND_DURATION, 1 },
	{ "formule-fin", QKIND_YESNO, 1 }, { "commentaire", QKIND_TEXT, 2 },
}, email_questions[] = {
	{ "envoi", QKIND_DATETIME, 0 }, { "service", QKIND_CHOICE, 0 },
	{ "accuse", QKIND_YESNO, 0 }, { "reponse-moment", QKIND_DATETIME, 0 },
	{ "delai", QKIND_DELAY, 0 }, { "reponse-complete", QKIND_YESNO, 1 },
	{ "personnalisee", QKIND_YESNO, 1 }, { "courtoisie", QKIND_YESNO, 1 },
	{ "signature", QKIND_YESNO, 1 }, { "lisible", QKIND_YESNO, 1 },
	{ "commentaire", QKIND_TEXT, 2 },
};

/* The services both grids offer. */
static const char *const services[] = {
	"standard", "etrangers", "vehicules", "permis", "identite", "autre"
};

/* Whether f has exactly the n questions of w, in order. */
#define HAS_QUESTIONS(f, w) \
	has_questions((f), (w), sizeof(w) / sizeof((w)[0]))
static int
has_questions(const struct form *f, const struct qwant *w, size_t n)
{
	const struct form_question	*q;
	size_t				 i;

	if (form_nquestions(f) != n)
		return 0;
	for (i = 0; i < n; i++) {
		q = form_question(f, i);
		if (!str_eq(q->key, w[i].key) || q->kind != w[i].kind ||
		    q->section != w[i].section || q->label == NULL) {
			tap_diag("question %zu: %s", i, q->key);
			return 0;
		}
	}
	return 1;
}

/* Loads rel under srcdir, or says why and returns NULL. */
static struct form *
load_rel(const char *srcdir, const char *schema, const char *rel)
{
	struct form	*f = NULL;
	char		*path, *cause = NULL;

	xasprintf(&path, "%s/%s", srcdir, rel);
	if (!tap_ok(form_load(path, schema, &f, &cause) == 0 && f != NULL,
	    "%s loads", rel))
		tap_diag("%s", cause != NULL ? cause : "(no cause)");
	free(cause);
	free(path);
	return f;
}

/* The call grid: 12 cases. */
static void
test_call(const char *srcdir, const char *schema)
{
	const struct form_question	*q;
	struct form			*f;
	size_t				 i;
	int				 ok;

	if ((f = load_rel(srcdir, schema, "forms/mystery-call.xml")) == NULL) {
		for (i = 0; i < 11; i++)
			tap_ok(0, "skipped: mystery-call.xml did not load");
		return;
	}
	tap_ok(str_eq(form_key(f), "mystery-call") && form_version(f) == 1 &&
	    form_kind(f) == FORMKIND_MYSTERY_CALL,
	    "call: key mystery-call, version 1, kind mystery-call");
	tap_ok(form_nsections(f) == 3 &&
	    str_eq(form_section(f, 0)->title, "L'appel") &&
	    str_eq(form_section(f, 1)->title, "L'accueil") &&
	    str_eq(form_section(f, 2)->title, "Commentaire"),
	    "call: three sections, French titles");
	tap_ok(HAS_QUESTIONS(f, call_questions),
	    "call: 12 keys, kinds and sections in order");
	q = form_find(f, "moment");
	tap_ok(q != NULL && q->required && str_eq(q->label,
	    "Date et heure de l'appel") && q->after_key == NULL,
	    "call: moment is a required datetime");
	q = form_find(f, "service");
	tap_ok(q != NULL && q->required && has_values(q, services, 6) &&
	    str_eq(q->options[0].label, "Standard (accueil téléphonique)"),
	    "call: service, six services");
	q = form_find(f, "decroche");
	tap_ok(q != NULL && q->required && q->criterion &&
	    fabs(q->target - 0.8) < 1e-9 && q->when_key == NULL,
	    "call: decroche, required criterion, target 0.8");
	q = form_find(f, "sonneries");
	tap_ok(q != NULL && q->min == 0 && q->max == 60 && q->criterion &&
	    q->has_conform_max && q->conform_max == 5 &&
	    !q->has_conform_min && fabs(q->target - 0.8) < 1e-9,
	    "call: sonneries 0..60, conform up to 5, target 0.8");
	tap_ok(form_conform(q, 5) == 1 && form_conform(q, 0) == 1 &&
	    form_conform(q, 6) == 0, "call: 5 rings conform, 6 not");
	ok = 1;
	for (i = 0; i < form_nquestions(f); i++) {
		q = form_question(f, i);
		if ((q->section == 1) != (str_eq(q->when_key, "decroche") &&
		    str_eq(q->when_value, "conforme"))) {
			tap_diag("%s: when %s", q->key, q->when_key);
			ok = 0;
		}
	}
	tap_ok(ok, "call: exactly the reception's questions wait for "
	    "decroche = conforme");
	q = form_find(f, "attente");
	tap_ok(q != NULL && q->min == 0 && q->max == 3600 && !q->criterion &&
	    !q->has_conform_min && !q->has_conform_max &&
	    form_conform(q, 10) == -1,
	    "call: attente, seconds, no threshold");
	q = form_find(f, "transfert");
	tap_ok(q != NULL && q->criterion && q->hint != NULL &&
	    strstr(q->hint, "« Sans objet »") != NULL &&
	    form_find(f, "commentaire")->maxlen == 2000,
	    "call: transfert's hint, a comment of 2000");
	form_free(f);
}

/* The email grid: 11 cases. */
static void
test_email(const char *srcdir, const char *schema)
{
	const struct form_question	*q;
	struct form			*f;
	size_t				 i;
	int				 ok;

	if ((f = load_rel(srcdir, schema, "forms/mystery-email.xml")) ==
	    NULL) {
		for (i = 0; i < 10; i++)
			tap_ok(0, "skipped: mystery-email.xml did not load");
		return;
	}
	tap_ok(str_eq(form_key(f), "mystery-email") && form_version(f) == 1 &&
	    form_kind(f) == FORMKIND_MYSTERY_EMAIL,
	    "email: key mystery-email, version 1, kind mystery-email");
	tap_ok(HAS_QUESTIONS(f, email_questions),
	    "email: 11 keys, kinds and sections in order");
	q = form_find(f, "envoi");
	tap_ok(q != NULL && q->required && q->after_key == NULL,
	    "email: envoi is a required datetime");
	q = form_find(f, "service");
	tap_ok(q != NULL && q->required && has_values(q, services, 6),
	    "email: service, the same six services");
	q = form_find(f, "reponse-moment");
	tap_ok(q != NULL && !q->required && str_eq(q->after_key, "envoi") &&
	    q->hint != NULL && strstr(q->hint, "Laissez vide") != NULL,
	    "email: reponse-moment optional, after envoi");
	tap_ok(q != NULL && str_eq(q->after_message, "La date de la réponse "
	    "ne peut pas précéder celle de l’envoi."),
	    "email: the French message for an answer before the email");
	q = form_find(f, "delai");
	tap_ok(q != NULL && str_eq(q->delay_from, "envoi") &&
	    str_eq(q->delay_to, "reponse-moment") && q->criterion &&
	    !q->required && q->has_conform_max && q->conform_max == 5 &&
	    !q->has_conform_min && fabs(q->target - 0.8) < 1e-9,
	    "email: delai from envoi to reponse-moment, up to 5, target 0.8");
	tap_ok(q != NULL && q->noptions == 0 && q->options == NULL &&
	    q->when_key == NULL && q->after_key == NULL &&
	    str_eq(q->label, "Délai de réponse en jours ouvrés"),
	    "email: delai has a label, nothing to choose");
	tap_ok(form_conform(q, 5) == 1 && form_conform(q, 6) == 0,
	    "email: 5 working days conform, 6 not");
	ok = 1;
	for (i = 0; i < form_nquestions(f); i++) {
		q = form_question(f, i);
		if (q->kind == QKIND_YESNO && !q->criterion)
			ok = 0;
		if (q->kind != QKIND_DELAY && (q->delay_from != NULL ||
		    q->delay_to != NULL))
			ok = 0;
	}
	tap_ok(ok, "email: every yesno is a criterion; only delai has ends");
	form_free(f);
}

/*
 * Whether every criterion of f has a short label of its own: the poster
 * prints it, so two rows must never read the same (issue 11, item 8).
 */
static int
shorts_distinct(const struct form *f)
{
	const struct form_question	*q, *p;
	size_t				 i, j;

	for (i = 0; i < form_nquestions(f); i++) {
		q = form_question(f, i);
		if (!q->criterion)
			continue;
		if (q->short_label == NULL) {
			tap_diag("%s: no short label", q->key);
			return 0;
		}
		for (j = 0; j < i; j++) {
			p = form_question(f, j);
			if (p->criterion && str_eq(p->short_label,
			    q->short_label)) {
				tap_diag("%s and %s: both \"%s\"", p->key,
				    q->key, q->short_label);
				return 0;
			}
		}
	}
	return 1;
}

/* The newest version of each shipped form: 9 cases. */
static void
test_newest(const char *srcdir, const char *schema)
{
	static const char *const newest[] = { "forms/satisfaction.xml",
	    "forms/mystery-call-3.xml", "forms/mystery-email-3.xml" };
	const struct form_question	*q;
	struct form			*f, *call = NULL;
	size_t				 i;

	for (i = 0; i < sizeof(newest) / sizeof(newest[0]); i++) {
		if ((f = load_rel(srcdir, schema, newest[i])) == NULL) {
			tap_ok(0, "skipped: %s did not load", newest[i]);
			continue;
		}
		tap_ok(shorts_distinct(f), "%s: every criterion has a short "
		    "label, each its own", newest[i]);
		if (i == 1)
			call = f;
		else
			form_free(f);
	}
	if (call == NULL) {
		for (i = 0; i < 3; i++)
			tap_ok(0, "skipped: mystery-call-3.xml did not load");
		return;
	}
	/* Issue 11, item 9: "quelqu'un a décroché : Conforme" read badly. */
	q = form_find(call, "decroche");
	tap_ok(form_version(call) == 3 && q != NULL && q->noptions == 2 &&
	    str_eq(q->options[0].value, "conforme") &&
	    str_eq(q->options[0].label, "Oui") && q->options[0].satisfied &&
	    str_eq(q->options[1].value, "non-conforme") &&
	    str_eq(q->options[1].label, "Non") && !q->options[1].satisfied &&
	    !q->options[1].no_opinion,
	    "call 3: decroche reads Oui / Non, stored as before, no Sans "
	    "objet");
	q = form_find(call, "courtoisie");
	tap_ok(q != NULL && q->noptions == 3 &&
	    str_eq(q->options[0].label, "Conforme") &&
	    str_eq(q->options[2].value, "sans-objet") &&
	    q->options[2].no_opinion,
	    "call 3: the other criteria keep Conforme / Non conforme / Sans "
	    "objet");
	q = form_find(call, "decroche");
	tap_ok(q != NULL && q->rule == FORM_RULE_PICKED_UP &&
	    str_eq(form_find(call, "sonneries")->when_value, "conforme") &&
	    str_eq(form_find(call, "messagerie")->when_value,
	    "non-conforme"), "call 3: its rule and the questions that "
	    "follow it are version 2's");
	form_free(call);
}

/* The thresholds, dates and delays of tests/data/forms/valid-grid.xml. */
static void
test_grid(const char *srcdir, const char *schema)
{
	const struct form_question	*q;
	struct form			*f;
	size_t				 i;

	if ((f = load_rel(srcdir, schema, "tests/data/forms/valid-grid.xml"))
	    == NULL) {
		for (i = 0; i < 7; i++)
			tap_ok(0, "skipped: valid-grid.xml did not load");
		return;
	}
	q = form_find(f, "n");
	tap_ok(q != NULL && q->has_conform_min && q->conform_min == 10 &&
	    !q->has_conform_max && form_conform(q, 10) == 1 &&
	    form_conform(q, 9) == 0 && form_conform(q, 100) == 1,
	    "grid: conform-min alone");
	q = form_find(f, "attente");
	tap_ok(q != NULL && q->kind == QKIND_DURATION && q->criterion &&
	    q->target == -1 && q->conform_min == 0 && q->conform_max == 60 &&
	    form_conform(q, -1) == 0 && form_conform(q, 61) == 0 &&
	    form_conform(q, 60) == 1, "grid: duration between two thresholds");
	q = form_find(f, "jour2");
	tap_ok(q != NULL && q->kind == QKIND_DATE &&
	    str_eq(q->after_key, "jour1") && q->after_message == NULL,
	    "grid: a date after a date, no message of its own");
	q = form_find(f, "reponse");
	tap_ok(q != NULL && str_eq(q->after_message, "La réponse ne peut "
	    "pas précéder l’envoi."),
	    "grid: after-message in French though second, one line");
	q = form_find(f, "ecart");
	tap_ok(q != NULL && q->kind == QKIND_DELAY && !q->criterion &&
	    q->target == -1 && !q->has_conform_min && !q->has_conform_max &&
	    form_conform(q, 3) == -1 && str_eq(q->delay_from, "jour1"),
	    "grid: a delay that is no criterion has no threshold");
	q = form_find(f, "mixte");
	tap_ok(q != NULL && q->section == 1 && str_eq(q->delay_from, "jour1")
	    && str_eq(q->delay_to, "envoi") && form_nquestions(f) == 12,
	    "grid: a delay from a date to a date-time, in another section");
	tap_ok(str_eq(form_qkind_name(QKIND_DELAY), "delay") &&
	    form_conform(NULL, 1) == -1 &&
	    form_conform(form_find(f, "envoi"), 1) == -1,
	    "delay's kind name; form_conform without thresholds");
	form_free(f);
}

int
main(void)
{
	const char	*srcdir;
	char		*schema;

	if ((srcdir = getenv("top_srcdir")) == NULL)
		srcdir = ".";
	xasprintf(&schema, "%s/forms/form.rng", srcdir);
	tap_plan(47 + 12 + 11 + 8 + 9);
	test_satisfaction(srcdir, schema);
	test_memory(schema);
	test_call(srcdir, schema);
	test_email(srcdir, schema);
	test_grid(srcdir, schema);
	test_newest(srcdir, schema);
	free(schema);
	return tap_done();
}
