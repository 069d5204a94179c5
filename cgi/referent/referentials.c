/* The referentials: the national ones, and each site's own, its page. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "chart.h"
#include "db.h"
#include "fields.h"
#include "html.h"
#include "http.h"
#include "page.h"
#include "referentials.h"
#include "staff.h"
#include "xmalloc.h"

enum stmt {
	S_SITES,
	S_NATIONAL,
	S_SITE,
	S_CREATE,
	S_EDIT,
	S_RENAME,
	S__MAX
};

/* The figures of a referential r, "" where NULL (db_value). */
#define FIGURES \
	" r.name AS ref_name, r.reply_delay, r.reply_target, r.rings_max," \
	" r.rings_target, r.picked_up_target"

/* Who did what, in the audit log, with the site's code and the name. */
#define AUDIT(event) \
	" a AS (INSERT INTO qualimetre.audit_log (user_id, login, event," \
	"  detail) SELECT qualimetre.current_user_id()," \
	"  (SELECT u.login FROM qualimetre.app_user u" \
	"   WHERE u.id = qualimetre.current_user_id()), " event "," \
	"  (SELECT s.code FROM qualimetre.site s WHERE s.id = n.site_id)" \
	"  || ' ' || n.name FROM n)" \
	" SELECT name FROM n"

static const struct db_stmt referentials_stmts[S__MAX] = {
	/* The policies keep these to the sites the user plans; uses
	   counts every campaign under the referential (sql/019). */
	[S_SITES] = { "referentials_sites",
	    "SELECT s.id, s.code, s.name," FIGURES ","
	    " CASE WHEN r.id IS NULL THEN 0"
	    " ELSE qualimetre.referential_campaigns(r.id) END AS uses"
	    " FROM qualimetre.site s"
	    " LEFT JOIN qualimetre.referential r ON r.site_id = s.id"
	    " WHERE qualimetre.user_plans_site(s.id) ORDER BY s.code", 0 },
	/* Those the planner offers, in its order. */
	[S_NATIONAL] = { "referentials_national",
	    "SELECT" FIGURES " FROM qualimetre.referential r"
	    " WHERE r.site_id IS NULL AND r.offered"
	    " ORDER BY r.position, r.name", 0 },
	[S_SITE] = { "referentials_site",
	    "SELECT s.id, s.code, s.name, r.id AS ref_id," FIGURES ","
	    " CASE WHEN r.id IS NULL THEN 0"
	    " ELSE qualimetre.referential_campaigns(r.id) END AS uses"
	    " FROM qualimetre.site s"
	    " LEFT JOIN qualimetre.referential r ON r.site_id = s.id"
	    " WHERE s.id = $1::bigint AND qualimetre.user_plans_site(s.id)",
	    1 },
	[S_CREATE] = { "referentials_create",
	    "WITH n AS (INSERT INTO qualimetre.referential (site_id, name,"
	    "  reply_delay, reply_target, rings_max, rings_target,"
	    "  picked_up_target) VALUES ($1::bigint, $2, $3::integer,"
	    "  $4::numeric, $5::integer, $6::numeric, $7::numeric)"
	    "  RETURNING site_id, name),"
	    AUDIT("'referential-create'"), 7 },
	/* The database refuses it once a campaign uses the referential
	   (sql/019, SQLSTATE 55006). */
	[S_EDIT] = { "referentials_edit",
	    "WITH n AS (UPDATE qualimetre.referential SET name = $2,"
	    "  reply_delay = $3::integer, reply_target = $4::numeric,"
	    "  rings_max = $5::integer, rings_target = $6::numeric,"
	    "  picked_up_target = $7::numeric WHERE site_id = $1::bigint"
	    "  RETURNING site_id, name),"
	    AUDIT("'referential-edit'"), 7 },
	/* The name alone, frozen or not. */
	[S_RENAME] = { "referentials_rename",
	    "WITH n AS (UPDATE qualimetre.referential SET name = $2"
	    "  WHERE site_id = $1::bigint RETURNING site_id, name),"
	    AUDIT("'referential-rename'"), 2 },
};

struct referentials {
	struct db	*db;
	struct staff	*staff;		/* the program's, for the frame */
	size_t		 base;		/* our first statement's number */
};

/* A site and its own referential (S_SITE). */
struct rf_site {
	PGresult	*res;		/* the strings point into it */
	const char	*id;
	const char	*code;
	const char	*name;
	int		 has;		/* it has its own referential */
	int		 frozen;	/* a campaign is planned under it */
	long		 uses;		/* how many */
};

/* The fields of the form, each with its error slot. */
enum rf_err {
	E_NAME,
	E_REPLY_DELAY,
	E_REPLY_TARGET,
	E_RINGS_MAX,
	E_RINGS_TARGET,
	E_PICKED_UP,
	E__MAX
};
_Static_assert(E__MAX <= FIELDS_SLOTS_MAX, "too many error slots");

/* Their columns in S_SITE, names in the summary, and anchors. */
static const char *const rf_columns[E__MAX] = {
	[E_NAME] = "ref_name",
	[E_REPLY_DELAY] = "reply_delay",
	[E_REPLY_TARGET] = "reply_target",
	[E_RINGS_MAX] = "rings_max",
	[E_RINGS_TARGET] = "rings_target",
	[E_PICKED_UP] = "picked_up_target",
};

static const char *const rf_labels[E__MAX] = {
	[E_NAME] = "Nom du référentiel",
	[E_REPLY_DELAY] = "Délai de réponse aux courriels",
	[E_REPLY_TARGET] = "Objectif des courriels",
	[E_RINGS_MAX] = "Sonneries au plus",
	[E_RINGS_TARGET] = "Objectif des sonneries",
	[E_PICKED_UP] = "Objectif des appels décrochés",
};

static const char *const rf_anchors[E__MAX] = {
	[E_NAME] = "rf-name",
	[E_REPLY_DELAY] = "rf-reply-delay",
	[E_REPLY_TARGET] = "rf-reply-target",
	[E_RINGS_MAX] = "rf-rings-max",
	[E_RINGS_TARGET] = "rf-rings-target",
	[E_PICKED_UP] = "rf-picked-up",
};

/* What a POST asks. */
enum rf_action {
	ACT_SAVE,		/* name and figures */
	ACT_RENAME,		/* the name only */
	ACT__MAX
};

static const char *const rf_actions[ACT__MAX] = {
	[ACT_SAVE] = "enregistrer",
	[ACT_RENAME] = "renommer",
};

/* A POST as sent, checked. Strings point into the request or below. */
struct rf_input {
	int			 action;	/* enum rf_action, -1: none */
	const char		*typed[E__MAX];	/* as sent, or NULL */
	/* As the database takes them; "" for NULL. */
	char			 name[4 * REFERENTIALS_NAME_MAX + 1];
	char			 reply_delay[24];
	char			 reply_target[REFERENTIALS_FRACTION_MAX];
	char			 rings_max[24];
	char			 rings_target[REFERENTIALS_FRACTION_MAX];
	char			 picked_up[REFERENTIALS_FRACTION_MAX];
	struct fields_errors	 errs;		/* slots: enum rf_err */
};

int
referentials_percent(const char *v, char out[REFERENTIALS_FRACTION_MAX])
{
	size_t	n, len;
	long	tenths;

	out[0] = '\0';
	v += strspn(v, " ");
	len = strlen(v);
	while (len > 0 && v[len - 1] == ' ')
		len--;
	if (len == 0)
		return 0;
	/* A "%" after the number, maybe after a space, is allowed. */
	if (v[len - 1] == '%')
		len--;
	while (len > 0 && v[len - 1] == ' ')
		len--;
	n = strspn(v, "0123456789");
	if (n == 0 || n > 3)
		return -1;
	tenths = 10 * strtol(v, NULL, 10);
	if (n < len) {
		if ((v[n] != ',' && v[n] != '.') || n + 2 != len ||
		    v[n + 1] < '0' || v[n + 1] > '9')
			return -1;
		tenths += v[n + 1] - '0';
	}
	if (tenths > 1000)
		return -1;
	snprintf(out, REFERENTIALS_FRACTION_MAX, "%ld.%03ld", tenths / 1000,
	    tenths % 1000);
	return 1;
}

/* Writes ", objectif : 80 %", or the grid's value for a blank target. */
static void
put_target(struct buf *b, const char *target)
{
	char	pc[CHART_NUMBER_MAX];
	double	t;

	buf_puts(b, ", objectif : ");
	if (*target == '\0') {
		buf_puts(b, "valeur de la grille");
		return;
	}
	t = strtod(target, NULL);
	chart_percent(t, chart_target_decimals(t), pc, sizeof(pc));
	html_puts(b, pc);
}

void
referentials_describe(struct buf *b, const char *reply_delay,
    const char *reply_target, const char *rings_max, const char *rings_target,
    const char *picked_up_target)
{
	long	n;

	if (*reply_delay == '\0')
		buf_puts(b, "délai des courriels : valeur de la grille");
	else {
		n = strtol(reply_delay, NULL, 10);
		buf_printf(b, "courriels sous %ld jour%s ouvré%s", n,
		    n > 1 ? "s" : "", n > 1 ? "s" : "");
	}
	put_target(b, reply_target);
	if (*rings_max == '\0')
		buf_puts(b, " ; sonneries : valeur de la grille");
	else if ((n = strtol(rings_max, NULL, 10)) == 0)
		buf_puts(b, " ; appels décrochés avant la première sonnerie");
	else
		buf_printf(b, " ; appels décrochés en moins de %ld sonneries "
		    "(au plus %ld)", n + 1, n);
	put_target(b, rings_target);
	buf_puts(b, " ; appels décrochés");
	put_target(b, picked_up_target);
}

/* referentials_describe of row i of res, which has FIGURES. */
static void
describe_row(struct buf *b, const PGresult *res, int i)
{
	referentials_describe(b, db_value(res, i, "reply_delay"),
	    db_value(res, i, "reply_target"), db_value(res, i, "rings_max"),
	    db_value(res, i, "rings_target"),
	    db_value(res, i, "picked_up_target"));
}

struct referentials *
referentials_create(struct db *db, struct staff *staff)
{
	struct referentials	*rf;

	rf = xcalloc(1, sizeof(*rf));
	rf->db = db;
	rf->staff = staff;
	rf->base = db_register(db, referentials_stmts, S__MAX);
	return rf;
}

void
referentials_free(struct referentials *rf)
{
	free(rf);
}

/* ---------------------------------------------------------------- load */

static enum db_status
run(struct referentials *rf, const struct staff_user *u, enum stmt s,
    const char *const *params, PGresult **res, char *sqlstate)
{
	return db_exec_as_logged(rf->db, u->session, u->login, rf->base + s,
	    referentials_stmts[s].name, params, res, sqlstate);
}

/*
 * Loads site id and its own referential into *site. Returns 1, 0 when
 * the site is not there or not the user's, -1 when the database is
 * unavailable. The caller frees site->res in every case.
 */
static int
site_load(struct referentials *rf, const struct staff_user *u,
    const char *id, struct rf_site *site)
{
	const char	*params[1] = { id };
	char		 sqlstate[6];

	memset(site, 0, sizeof(*site));
	if (run(rf, u, S_SITE, params, &site->res, sqlstate) != DB_OK)
		return -1;
	if (PQntuples(site->res) == 0)
		return 0;
	site->id = db_value(site->res, 0, "id");
	site->code = db_value(site->res, 0, "code");
	site->name = db_value(site->res, 0, "name");
	site->has = *db_value(site->res, 0, "ref_id") != '\0';
	site->uses = strtol(db_value(site->res, 0, "uses"), NULL, 10);
	site->frozen = site->uses > 0;
	return 1;
}

/* ---------------------------------------------------------------- pages */

static void
message(struct referentials *rf, struct resp *p, const struct staff_user *u,
    int status, const char *title, const char *text)
{
	staff_page_message(rf->staff, p, u, status, title, text,
	    REFERENTIALS_PREFIX, "Référentiels");
}

static void
unavailable(struct referentials *rf, struct resp *p,
    const struct staff_user *u)
{
	message(rf, p, u, 503, "Service momentanément indisponible",
	    "Réessayez dans quelques instants : rien n’a été enregistré.");
}

/* GET REFERENTIALS_PREFIX: the user's sites, then the national ones. */
static void
index_page(struct referentials *rf, const struct staff_user *u,
    struct resp *p)
{
	struct buf	*b = &p->body;
	PGresult	*sites = NULL, *nat = NULL;
	char		 sqlstate[6];
	int		 i, n;

	if (run(rf, u, S_SITES, NULL, &sites, sqlstate) != DB_OK ||
	    run(rf, u, S_NATIONAL, NULL, &nat, sqlstate) != DB_OK) {
		unavailable(rf, p, u);
		goto out;
	}
	p->no_store = 1;
	staff_page_open(rf->staff, p, u, "Référentiels");
	page_back_link(b, "/referent/", "Accueil");
	buf_puts(b, "<h1>Référentiels</h1>\n<p>Une campagne mystère est "
	    "menée sous un référentiel : il fixe les seuils et les objectifs "
	    "de sa grille (délai de réponse aux courriels, nombre de "
	    "sonneries, part des appels décrochés). Une valeur que le "
	    "référentiel ne fixe pas reste celle de la grille.</p>\n"
	    "<h2>Référentiels propres à vos sites</h2>\n");
	if ((n = PQntuples(sites)) == 0)
		buf_puts(b, "<p>Aucun site ne vous est confié.</p>\n");
	else
		buf_puts(b, "<ul>\n");
	for (i = 0; i < n; i++) {
		buf_puts(b, "<li class=\"fr-mb-2w\"><a href=\""
		    REFERENTIALS_PREFIX "/");
		html_puts(b, db_value(sites, i, "id"));
		buf_puts(b, "\">");
		html_puts(b, db_value(sites, i, "name"));
		buf_puts(b, " (");
		html_puts(b, db_value(sites, i, "code"));
		buf_puts(b, ")</a> : ");
		if (*db_value(sites, i, "ref_name") == '\0') {
			buf_puts(b, "aucun</li>\n");
			continue;
		}
		buf_puts(b, "« ");
		html_puts(b, db_value(sites, i, "ref_name"));
		buf_puts(b, " »");
		if (strcmp(db_value(sites, i, "uses"), "0") != 0)
			buf_puts(b, " <span class=\"fr-badge fr-badge--sm "
			    "fr-badge--info\">Figé</span>");
		buf_puts(b, "<br>");
		describe_row(b, sites, i);
		buf_puts(b, "</li>\n");
	}
	if (n > 0)
		buf_puts(b, "</ul>\n");
	buf_puts(b, "<h2>Référentiels nationaux</h2>\n<p>Leurs valeurs sont "
	    "celles que publient les labels ; elles ne se modifient "
	    "pas.</p>\n<ul>\n");
	for (i = 0; i < PQntuples(nat); i++) {
		buf_puts(b, "<li class=\"fr-mb-2w\"><strong>");
		html_puts(b, db_value(nat, i, "ref_name"));
		buf_puts(b, "</strong> : ");
		describe_row(b, nat, i);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n");
	page_end(b);
out:
	PQclear(sites);
	PQclear(nat);
}

/* The figures as stored, read-only, in French. */
static void
frozen_values(struct buf *b, const struct rf_site *site)
{
	buf_puts(b, "<p>Ses valeurs : ");
	describe_row(b, site->res, 0);
	buf_puts(b, ".</p>\n");
}

/* The fields of the figures, as sent or as stored (in). */
static void
figure_fields(struct buf *b, const struct rf_input *in)
{
	page_fieldset_open(b, "rf-emails", "Courriels", NULL, NULL);
	buf_puts(b, "<div class=\"fr-fieldset__element\">\n");
	page_field_input(b, "rf-reply-delay", "reply_delay", "text",
	    " inputmode=\"numeric\" maxlength=\"2\" autocomplete=\"off\"",
	    "Délai de réponse, en jours ouvrés", "De 1 à 20 : une réponse "
	    "arrivée plus tard n’est pas conforme.", in->typed[E_REPLY_DELAY],
	    in->errs.error[E_REPLY_DELAY], NULL, NULL);
	buf_puts(b, "</div>\n<div class=\"fr-fieldset__element\">\n");
	page_field_input(b, "rf-reply-target", "reply_target", "text",
	    " inputmode=\"decimal\" maxlength=\"8\" autocomplete=\"off\"",
	    "Objectif de réponses dans ce délai, en %", "De 0 à 100, une "
	    "décimale au plus (par exemple 80 ou 82,5).",
	    in->typed[E_REPLY_TARGET], in->errs.error[E_REPLY_TARGET], NULL,
	    NULL);
	buf_puts(b, "</div>\n");
	page_fieldset_close(b, "rf-emails", NULL);
	page_fieldset_open(b, "rf-calls", "Appels", NULL, NULL);
	buf_puts(b, "<div class=\"fr-fieldset__element\">\n");
	page_field_input(b, "rf-rings-max", "rings_max", "text",
	    " inputmode=\"numeric\" maxlength=\"2\" autocomplete=\"off\"",
	    "Sonneries au plus avant de décrocher", "De 0 à 20. « Décroché "
	    "en moins de N sonneries » veut dire au plus N − 1 : pour « en "
	    "moins de 5 sonneries », saisissez 4.", in->typed[E_RINGS_MAX],
	    in->errs.error[E_RINGS_MAX], NULL, NULL);
	buf_puts(b, "</div>\n<div class=\"fr-fieldset__element\">\n");
	page_field_input(b, "rf-rings-target", "rings_target", "text",
	    " inputmode=\"decimal\" maxlength=\"8\" autocomplete=\"off\"",
	    "Objectif d’appels décrochés dans ces sonneries, en %", "De 0 à "
	    "100, une décimale au plus.", in->typed[E_RINGS_TARGET],
	    in->errs.error[E_RINGS_TARGET], NULL, NULL);
	buf_puts(b, "</div>\n<div class=\"fr-fieldset__element\">\n");
	page_field_input(b, "rf-picked-up", "picked_up_target", "text",
	    " inputmode=\"decimal\" maxlength=\"8\" autocomplete=\"off\"",
	    "Objectif d’appels décrochés, en %", "De 0 à 100, une décimale "
	    "au plus.", in->typed[E_PICKED_UP], in->errs.error[E_PICKED_UP],
	    NULL, NULL);
	buf_puts(b, "</div>\n");
	page_fieldset_close(b, "rf-calls", NULL);
}

/* The stored values as the form shows them: "82,5" for 0.825. */
static void
stored_input(const struct rf_site *site, struct rf_input *in,
    char pc[E__MAX][CHART_NUMBER_MAX])
{
	const char	*v;
	double		 t;
	int		 e;

	memset(in, 0, sizeof(*in));
	in->action = -1;
	if (!site->has)
		return;
	for (e = 0; e < E__MAX; e++) {
		v = db_value(site->res, 0, rf_columns[e]);
		in->typed[e] = v;
		if (e != E_REPLY_TARGET && e != E_RINGS_TARGET &&
		    e != E_PICKED_UP)
			continue;
		if (*v == '\0')
			continue;
		t = strtod(v, NULL);
		chart_number(100.0 * t, chart_target_decimals(t), pc[e],
		    CHART_NUMBER_MAX);
		in->typed[e] = pc[e];
	}
}

/* The site's page: its referential to define, edit or, once frozen,
   rename (in: as sent, with its errors, or NULL). */
static void
site_page(struct referentials *rf, const struct staff_user *u,
    struct resp *p, const struct rf_site *site, const struct rf_input *in,
    const char *done)
{
	struct rf_input	 now;
	struct buf	*b = &p->body;
	char		 pc[E__MAX][CHART_NUMBER_MAX];

	if (in == NULL) {
		stored_input(site, &now, pc);
		in = &now;
	}
	p->no_store = 1;
	staff_page_open(rf->staff, p, u, in->errs.nerrors > 0 ? "Erreur – "
	    "Référentiel propre du site" : "Référentiel propre du site");
	page_back_link(b, REFERENTIALS_PREFIX, "Référentiels");
	buf_puts(b, "<h1>Référentiel propre : ");
	html_puts(b, site->name);
	buf_puts(b, "</h1>\n");
	if (done != NULL)
		page_success(b, done);
	fields_summary(b, &in->errs, site->has ? "Le référentiel n’a pas été "
	    "modifié" : "Le référentiel n’a pas été créé", rf_labels,
	    rf_anchors, E__MAX, 0);
	buf_puts(b, "<p>Un site peut mener ses campagnes mystère sous un "
	    "référentiel qui lui est propre, à la place d’un référentiel "
	    "national : la planification le propose alors pour ce site. "
	    "Laissez vide une valeur que la grille doit garder.</p>\n");
	if (site->frozen) {
		buf_printf(b, "<div class=\"fr-alert fr-alert--info fr-mb-4w\">"
		    "\n<h2 class=\"fr-alert__title\">Valeurs figées</h2>\n"
		    "<p>%ld campagne%s %s planifiée%s sous ce référentiel : ses "
		    "résultats sont calculés avec ces valeurs, et ceux déjà "
		    "obtenus doivent rester les mêmes. Ses valeurs ne peuvent "
		    "donc plus changer. Son nom peut encore être corrigé, car "
		    "il ne change aucun chiffre.</p>\n</div>\n", site->uses,
		    site->uses > 1 ? "s" : "", site->uses > 1 ? "ont été" :
		    "a été", site->uses > 1 ? "s" : "");
		frozen_values(b, site);
	}
	buf_puts(b, "<form method=\"post\" action=\"" REFERENTIALS_PREFIX
	    "/");
	html_puts(b, site->id);
	buf_puts(b, "\" novalidate>\n");
	staff_csrf_input(b, u);
	page_field_input(b, "rf-name", "name", "text", " maxlength=\"100\" "
	    "required autocomplete=\"off\"", "Nom du référentiel", "Tel que "
	    "la planification et les résultats le montrent (100 caractères "
	    "au plus).", in->typed[E_NAME], in->errs.error[E_NAME], NULL,
	    NULL);
	if (site->frozen)
		buf_puts(b, "<button class=\"fr-btn\" type=\"submit\" "
		    "name=\"action\" value=\"renommer\">Corriger le nom</button>"
		    "\n");
	else {
		figure_fields(b, in);
		buf_printf(b, "<button class=\"fr-btn\" type=\"submit\" "
		    "name=\"action\" value=\"enregistrer\">%s</button>\n",
		    site->has ? "Enregistrer le référentiel" :
		    "Créer le référentiel");
	}
	buf_puts(b, "</form>\n<p class=\"fr-mt-4w\"><a class=\"fr-link\" "
	    "href=\"/referent/planification/nouvelle\">Planifier une campagne "
	    "mystère</a></p>\n");
	page_end(b);
}

/* ---------------------------------------------------------------- input */

static int
v_action(void *arg, const char *v)
{
	struct rf_input	*in = arg;
	int		 a;

	for (a = 0; a < ACT__MAX; a++)
		if (strcmp(v, rf_actions[a]) == 0) {
			in->action = a;
			return 1;
		}
	fields_form_fail(&in->errs, "Action inconnue : rechargez la page.");
	return 0;
}

static int
v_name(void *arg, const char *v)
{
	struct rf_input	*in = arg;

	in->typed[E_NAME] = v;
	return fields_line(&in->errs, E_NAME, v, REFERENTIALS_NAME_MAX,
	    "Le nom du référentiel", in->name, sizeof(in->name));
}

static int
v_reply_delay(void *arg, const char *v)
{
	struct rf_input	*in = arg;
	long		 n;

	in->typed[E_REPLY_DELAY] = v;
	if (!fields_count(&in->errs, E_REPLY_DELAY, v, 20, FIELDS_OPTIONAL,
	    &n, "Saisissez un nombre entier de jours ouvrés de 1 à 20, ou "
	    "laissez le champ vide."))
		return 0;
	if (n > 0)
		snprintf(in->reply_delay, sizeof(in->reply_delay), "%ld", n);
	return 1;
}

static int
v_rings_max(void *arg, const char *v)
{
	struct rf_input	*in = arg;
	long		 n;
	size_t		 z;

	in->typed[E_RINGS_MAX] = v;
	/* fields_count starts at 1; "0", spaces around it, is allowed. */
	z = strspn(v, " ");
	if (v[z] == '0' && v[z + 1 + strspn(v + z + 1, " ")] == '\0') {
		snprintf(in->rings_max, sizeof(in->rings_max), "0");
		return 1;
	}
	if (!fields_count(&in->errs, E_RINGS_MAX, v, 20, FIELDS_OPTIONAL, &n,
	    "Saisissez un nombre entier de sonneries de 0 à 20, ou laissez "
	    "le champ vide."))
		return 0;
	if (n > 0)
		snprintf(in->rings_max, sizeof(in->rings_max), "%ld", n);
	return 1;
}

static int
v_percent(struct rf_input *in, enum rf_err e, const char *v,
    char out[REFERENTIALS_FRACTION_MAX])
{
	in->typed[e] = v;
	if (referentials_percent(v, out) != -1)
		return 1;
	fields_fail(&in->errs, e, "Saisissez un pourcentage de 0 à 100, avec "
	    "une décimale au plus (par exemple 80 ou 82,5), ou laissez le "
	    "champ vide.");
	return 0;
}

static int
v_reply_target(void *arg, const char *v)
{
	struct rf_input	*in = arg;

	return v_percent(in, E_REPLY_TARGET, v, in->reply_target);
}

static int
v_rings_target(void *arg, const char *v)
{
	struct rf_input	*in = arg;

	return v_percent(in, E_RINGS_TARGET, v, in->rings_target);
}

static int
v_picked_up(void *arg, const char *v)
{
	struct rf_input	*in = arg;

	return v_percent(in, E_PICKED_UP, v, in->picked_up);
}

static const struct fields_field rf_fields[] = {
	{ STAFF_CSRF_FIELD, NULL, 0, FIELDS_NO_SLOT },	/* staff_csrf_ok */
	{ "action",		v_action,	0, FIELDS_NO_SLOT },
	{ "name",		v_name,		0, E_NAME },
	{ "reply_delay",	v_reply_delay,	0, E_REPLY_DELAY },
	{ "reply_target",	v_reply_target,	0, E_REPLY_TARGET },
	{ "rings_max",		v_rings_max,	0, E_RINGS_MAX },
	{ "rings_target",	v_rings_target,	0, E_RINGS_TARGET },
	{ "picked_up_target",	v_picked_up,	0, E_PICKED_UP },
};
#define RF_NFIELDS	(sizeof(rf_fields) / sizeof(rf_fields[0]))

/* Checks each field, then what the action needs. */
static void
read_input(const struct req *r, struct rf_input *in)
{
	memset(in, 0, sizeof(*in));
	in->action = -1;
	fields_read(r, rf_fields, RF_NFIELDS, FIELDS_NAME_FIELD, in,
	    &in->errs);
	if (in->action == -1)
		fields_form_fail(&in->errs, "Action inconnue : rechargez la "
		    "page.");
	if (in->errs.error[E_NAME] == NULL && in->name[0] == '\0')
		fields_fail(&in->errs, E_NAME, "Saisissez le nom du "
		    "référentiel.");
}

/* ---------------------------------------------------------------- store */

/* A value for the database: NULL for "". */
static const char *
param(const char *v)
{
	return *v == '\0' ? NULL : v;
}

/* POST REFERENTIALS_PREFIX "/ID": define, edit or rename. */
static void
site_post(struct referentials *rf, const struct staff_user *u,
    const struct req *r, struct resp *p, const struct rf_site *site)
{
	struct rf_input	 in;
	const char	*params[7], *done;
	char		 sqlstate[6];
	PGresult	*res = NULL;
	enum stmt	 st;
	enum db_status	 rc;

	read_input(r, &in);
	if (in.errs.nerrors == 0 && in.action == ACT_RENAME && !site->has)
		fields_form_fail(&in.errs, "Ce site n’a pas encore de "
		    "référentiel propre : rechargez la page.");
	/* Frozen: whatever the figures sent, nothing but the name. */
	if (in.action == ACT_SAVE && site->frozen) {
		message(rf, p, u, 409, "Valeurs figées", "Une campagne a été "
		    "planifiée sous ce référentiel : ses résultats sont "
		    "calculés avec ses valeurs, qui ne peuvent donc plus "
		    "changer. Rien n’a été enregistré ; seul son nom peut "
		    "encore être corrigé.");
		goto out;
	}
	if (in.errs.nerrors > 0) {
		p->status = 400;
		site_page(rf, u, p, site, &in, NULL);
		goto out;
	}
	params[0] = site->id;
	params[1] = in.name;
	params[2] = param(in.reply_delay);
	params[3] = param(in.reply_target);
	params[4] = param(in.rings_max);
	params[5] = param(in.rings_target);
	params[6] = param(in.picked_up);
	if (in.action == ACT_RENAME) {
		st = S_RENAME;
		done = "renomme";
	} else if (site->has) {
		st = S_EDIT;
		done = "modifie";
	} else {
		st = S_CREATE;
		done = "cree";
	}
	rc = run(rf, u, st, params, &res, sqlstate);
	if (rc == DB_UNAVAILABLE)
		unavailable(rf, p, u);
	else if (rc == DB_REFUSED && strcmp(sqlstate, "42501") == 0)
		message(rf, p, u, 403, "Modification refusée", "Ce site ne vous "
		    "est pas confié : rien n’a été enregistré.");
	else if (rc == DB_REFUSED && strcmp(sqlstate, "55006") == 0)
		message(rf, p, u, 409, "Valeurs figées", "Une campagne vient "
		    "d’être planifiée sous ce référentiel : ses valeurs ne "
		    "peuvent plus changer. Rien n’a été enregistré.");
	else if (rc == DB_REFUSED && strcmp(sqlstate, "23505") == 0)
		message(rf, p, u, 409, "Référentiel déjà défini", "Ce site a "
		    "déjà un référentiel propre : rechargez la page pour le "
		    "modifier. Rien n’a été enregistré.");
	else if (rc == DB_REFUSED)
		message(rf, p, u, 400, "Modification refusée", "La base de "
		    "données refuse ces valeurs : rien n’a été enregistré.");
	else if (PQntuples(res) == 0)
		message(rf, p, u, 404, "Référentiel introuvable", "Ce site n’a "
		    "pas de référentiel propre : rien n’a été enregistré.");
	else {
		p->status = 303;
		xasprintf(&p->location, REFERENTIALS_PREFIX "/%s?fait=%s",
		    site->id, done);
	}
	PQclear(res);
out:
	fields_free(&in.errs);
}

/* What ?fait= says was done. */
static const char *
done_text(const struct req *r)
{
	const struct http_field	*f;

	if ((f = http_field_get(r, "fait")) == NULL)
		return NULL;
	if (strcmp(f->val, "cree") == 0)
		return "Le référentiel est créé : la planification le propose "
		    "désormais pour ce site.";
	if (strcmp(f->val, "modifie") == 0)
		return "Le référentiel est modifié.";
	if (strcmp(f->val, "renomme") == 0)
		return "Le nom du référentiel est corrigé.";
	return NULL;
}

int
referentials_handle(struct referentials *rf, const struct staff_user *u,
    struct req *r, struct resp *p)
{
	const size_t	 n = sizeof(REFERENTIALS_PREFIX) - 1;
	struct rf_site	 site;
	char		 id[32], tail;
	int		 found;

	if (strncmp(r->path, REFERENTIALS_PREFIX, n) != 0 ||
	    (r->path[n] != '\0' && r->path[n] != '/'))
		return 0;
	if (r->path[n] == '\0')
		id[0] = '\0';
	else if (sscanf(r->path + n, "/%18[0-9]%c", id, &tail) != 1 ||
	    !http_id_parse(id, NULL)) {
		message(rf, p, u, 404, "Page introuvable", "Cette page n’existe "
		    "pas.");
		return 1;
	}
	if (u->role != STAFF_REFERENT && u->role != STAFF_ADMIN) {
		message(rf, p, u, 403, "Accès réservé", "Les référentiels sont "
		    "gérés par les référents qualité et les administrateurs.");
		return 1;
	}
	if (r->method == HTTP_OTHER || (r->method == HTTP_POST &&
	    id[0] == '\0')) {
		p->status = 405;
		p->allow = id[0] == '\0' ? "GET, HEAD" : "GET, HEAD, POST";
		return 1;
	}
	if (r->method == HTTP_POST && !staff_csrf_ok(u, r)) {
		message(rf, p, u, 403, "Formulaire expiré", "Ce formulaire a "
		    "expiré ou ne vient pas de cette session : rien n’a été "
		    "enregistré. Rechargez la page et recommencez.");
		return 1;
	}
	if (id[0] == '\0') {
		index_page(rf, u, p);
		return 1;
	}
	found = site_load(rf, u, id, &site);
	if (found == -1)
		unavailable(rf, p, u);
	else if (found == 0)
		message(rf, p, u, 404, "Site introuvable", "Ce site n’existe "
		    "pas, ou il ne vous est pas confié : son référentiel ne "
		    "vous est pas accessible.");
	else if (r->method == HTTP_POST)
		site_post(rf, u, r, p, &site);
	else
		site_page(rf, u, p, &site, NULL, done_text(r));
	PQclear(site.res);
	return 1;
}
