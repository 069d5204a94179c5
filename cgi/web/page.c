/* The frame of every page in the DSFR, messages and staff form fields. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cal.h"
#include "html.h"
#include "lang.h"
#include "page.h"

void
page_begin(struct buf *b, const char *title, const char *service)
{
	struct page_frame	pf = { 0 };

	pf.title = title;
	pf.service = service;
	page_open(b, &pf);
}

void
page_begin_lang(struct buf *b, const char *title, const char *service,
    const char *lang)
{
	struct page_frame	pf = { 0 };

	pf.title = title;
	pf.service = service;
	pf.lang = lang;
	page_open(b, &pf);
}

/* lang="fr" on a part of the frame when the page is in another
   language. */
static void
frame_lang(struct buf *b, const char *lang)
{
	if (lang != NULL && strcmp(lang, "fr") != 0)
		buf_puts(b, " lang=\"fr\" dir=\"ltr\"");
}

void
page_languages(struct buf *b, const char *label,
    const struct page_lang *langs, size_t n, const char *lang)
{
	const char	*name;
	size_t		 i;
	int		 cur;

	buf_puts(b, "<nav class=\"fr-translate qm-translate fr-mb-2w\" "
	    "role=\"navigation\" aria-label=\"");
	html_puts(b, label);
	buf_puts(b, "\">\n<ul class=\"fr-btns-group fr-btns-group--inline "
	    "fr-btns-group--sm\">\n");
	for (i = 0; i < n; i++) {
		name = lang_name(langs[i].code);
		cur = lang != NULL && strcmp(lang, langs[i].code) == 0;
		/* The current one outlined, as the DSFR's secondary button. */
		buf_puts(b, cur ? "<li><a class=\"fr-btn fr-btn--secondary\" " :
		    "<li><a class=\"fr-btn fr-btn--tertiary\" ");
		buf_puts(b, "hreflang=\"");
		html_puts(b, langs[i].code);
		buf_puts(b, "\" lang=\"");
		html_puts(b, langs[i].code);
		buf_puts(b, lang_rtl(langs[i].code) ? "\" dir=\"rtl" : "");
		buf_puts(b, "\" href=\"");
		html_puts(b, langs[i].href);
		buf_puts(b, "\"");
		if (cur)
			buf_puts(b, " aria-current=\"true\"");
		buf_puts(b, ">");
		html_puts(b, name != NULL ? name : langs[i].code);
		buf_puts(b, "</a></li>\n");
	}
	buf_puts(b, "</ul>\n</nav>\n");
}

void
page_open(struct buf *b, const struct page_frame *pf)
{
	const char	*service = pf->service;
	const char	*lang = pf->lang != NULL ? pf->lang : "fr";

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
	html_puts(b, lang);
	buf_puts(b, lang_rtl(lang) ? "\" dir=\"rtl" : "");
	buf_puts(b, "\" data-fr-scheme=\"system\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1, shrink-to-fit=no\">\n"
	    "<meta name=\"format-detection\" content=\"telephone=no\">\n"
	    "<meta name=\"robots\" content=\"noindex\">\n"
	    "<title>");
	html_puts(b, pf->title);
	if (service != NULL) {
		buf_puts(b, " – ");
		html_puts(b, service);
	}
	buf_puts(b, "</title>\n"
	    "<link rel=\"stylesheet\" "
	    "href=\"/static/dsfr/qualimetre-dsfr.min.css\">\n"
	    "<link rel=\"stylesheet\" href=\"/static/qualimetre.css\">\n"
	    "<link rel=\"icon\" href=\"/static/dsfr/favicon/favicon.svg\" "
	    "type=\"image/svg+xml\">\n");
	/*
	 * Staff pages have the header's tools, which the DSFR's script moves
	 * into its menu on a narrow screen; the questionnaire has none, and
	 * does without the script.
	 */
	if (pf->user != NULL)
		buf_puts(b, "<script type=\"module\" "
		    "src=\"/static/dsfr/dsfr.module.min.js\"></script>\n"
		    "<script nomodule "
		    "src=\"/static/dsfr/dsfr.nomodule.min.js\" defer></script>\n");
	buf_puts(b, "</head>\n<body>\n"
	    "<div class=\"fr-skiplinks\"");
	frame_lang(b, pf->lang);
	buf_puts(b, ">\n"
	    "<nav class=\"fr-container\" role=\"navigation\" "
	    "aria-label=\"Accès rapide\">\n"
	    "<ul class=\"fr-skiplinks__list\">\n"
	    "<li><a class=\"fr-link\" href=\"#contenu\">Contenu</a></li>\n"
	    "<li><a class=\"fr-link\" href=\"#pied-de-page\">"
	    "Pied de page</a></li>\n"
	    "</ul>\n</nav>\n</div>\n"
	    "<header role=\"banner\" class=\"fr-header\"");
	frame_lang(b, pf->lang);
	buf_puts(b, ">\n"
	    "<div class=\"fr-header__body\">\n<div class=\"fr-container\">\n"
	    "<div class=\"fr-header__body-row\">\n"
	    "<div class=\"fr-header__brand\">\n"
	    "<div class=\"fr-header__brand-top\">\n"
	    "<div class=\"fr-header__logo\">\n"
	    "<p class=\"fr-logo\">République<br>Française</p>\n"
	    "</div>\n");
	if (pf->user != NULL)
		buf_puts(b, "<div class=\"fr-header__navbar\">\n"
		    "<button class=\"fr-btn--menu fr-btn\" type=\"button\" "
		    "data-fr-opened=\"false\" aria-controls=\"menu-en-tete\" "
		    "aria-haspopup=\"dialog\" id=\"bouton-menu\">Menu</button>\n"
		    "</div>\n");
	buf_puts(b, "</div>\n"
	    "<div class=\"fr-header__service\">\n"
	    "<p class=\"fr-header__service-title\">");
	html_puts(b, service != NULL ? service : "Qualimètre");
	buf_puts(b, "</p>\n<p class=\"fr-header__service-tagline\">");
	html_puts(b, pf->tagline != NULL ? pf->tagline :
	    "Votre avis sur l’accueil");
	buf_puts(b, "</p>\n</div>\n</div>\n");
	if (pf->user != NULL) {
		buf_puts(b, "<div class=\"fr-header__tools\">\n"
		    "<div class=\"fr-header__tools-links\">\n"
		    "<ul class=\"fr-btns-group\">\n<li>");
		if (pf->account_href != NULL) {
			buf_puts(b, "<a class=\"fr-btn "
			    "fr-icon-account-circle-line\" href=\"");
			html_puts(b, pf->account_href);
			buf_puts(b, "\" title=\"");
			html_puts(b, pf->user);
			buf_puts(b, " – changer mon mot de passe\">");
			html_puts(b, pf->user);
			buf_puts(b, "</a>");
		} else {
			buf_puts(b, "<span class=\"fr-btn "
			    "fr-icon-account-circle-line\">");
			html_puts(b, pf->user);
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</li>\n<li><form method=\"post\" "
		    "action=\"");
		html_puts(b, pf->logout_action);
		buf_puts(b, "\"><input type=\"hidden\" name=\"_csrf\" "
		    "value=\"");
		html_puts(b, pf->csrf);
		buf_puts(b, "\"><button class=\"fr-btn "
		    "fr-icon-logout-box-r-line\" type=\"submit\">"
		    "Se déconnecter</button></form></li>\n</ul>\n"
		    "</div>\n</div>\n");
	}
	buf_puts(b, "</div>\n</div>\n</div>\n");
	/* The DSFR's script copies the tools into this menu. */
	if (pf->user != NULL)
		buf_puts(b, "<div class=\"fr-header__menu fr-modal\" "
		    "id=\"menu-en-tete\" aria-labelledby=\"bouton-menu\">\n"
		    "<div class=\"fr-container\">\n"
		    "<button class=\"fr-btn--close fr-btn\" type=\"button\" "
		    "aria-controls=\"menu-en-tete\">Fermer</button>\n"
		    "<div class=\"fr-header__menu-links\"></div>\n"
		    "</div>\n</div>\n");
	buf_puts(b, "</header>\n"
	    "<main id=\"contenu\" role=\"main\" tabindex=\"-1\">\n"
	    "<div class=\"fr-container fr-my-6w\">\n"
	    "<div class=\"fr-grid-row fr-grid-row--center\">\n"
	    "<div class=\"fr-col-12 fr-col-md-10 fr-col-lg-8\">\n");
}

void
page_end(struct buf *b)
{
	buf_puts(b, "</div>\n</div>\n</div>\n</main>\n"
	    "<footer class=\"fr-footer\" role=\"contentinfo\" "
	    "id=\"pied-de-page\" lang=\"fr\" dir=\"ltr\">\n"
	    "<div class=\"fr-container\">\n<div class=\"fr-footer__body\">\n"
	    "<div class=\"fr-footer__brand\">\n"
	    "<p class=\"fr-logo\">République<br>Française</p>\n</div>\n"
	    "<div class=\"fr-footer__content\">\n"
	    "<p class=\"fr-footer__content-desc\">Qualimètre : la mesure "
	    "de la qualité de l’accueil du public dans les préfectures "
	    "(référentiels Qual-e-pref et Services Publics+).</p>\n"
	    "<ul class=\"fr-footer__content-list\">\n"
	    "<li class=\"fr-footer__content-item\"><a class=\""
	    "fr-footer__content-link\" href=\"https://info.gouv.fr\">"
	    "info.gouv.fr</a></li>\n"
	    "<li class=\"fr-footer__content-item\"><a class=\""
	    "fr-footer__content-link\" href=\"https://service-public.fr\">"
	    "service-public.fr</a></li>\n"
	    "<li class=\"fr-footer__content-item\"><a class=\""
	    "fr-footer__content-link\" href=\"https://legifrance.gouv.fr\">"
	    "legifrance.gouv.fr</a></li>\n"
	    "<li class=\"fr-footer__content-item\"><a class=\""
	    "fr-footer__content-link\" href=\"https://data.gouv.fr\">"
	    "data.gouv.fr</a></li>\n"
	    "</ul>\n</div>\n</div>\n"
	    "<div class=\"fr-footer__bottom\">\n"
	    "<ul class=\"fr-footer__bottom-list\">\n"
	    "<li class=\"fr-footer__bottom-item\"><a class=\""
	    "fr-footer__bottom-link\" href=\"/informations/accessibilite\">"
	    "Accessibilité : non conforme</a></li>\n"
	    "<li class=\"fr-footer__bottom-item\"><a class=\""
	    "fr-footer__bottom-link\" href=\"/informations/mentions-legales\">"
	    "Mentions légales</a></li>\n"
	    "<li class=\"fr-footer__bottom-item\"><a class=\""
	    "fr-footer__bottom-link\" href=\"/informations/donnees-personnelles"
	    "\">Données personnelles et gestion des cookies</a></li>\n"
	    "</ul>\n</div>\n</div>\n</footer>\n"
	    "<script src=\"/static/questionnaire.js\" defer></script>\n"
	    "</body>\n</html>\n");
}

void
page_date(struct buf *b, const char *iso)
{
	long	day;
	int	y, m, d;

	if (cal_parse(iso, &day) != 0) {
		html_puts(b, iso);
		return;
	}
	cal_ymd(day, &y, &m, &d);
	if (d == 1)
		buf_puts(b, "1<sup>er</sup>");
	else
		buf_printf(b, "%d", d);
	buf_printf(b, " %s %d", cal_month_name(m), y);
}

void
page_date_lang(struct buf *b, const char *iso, const char *lang)
{
	static const char *const months[12] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	long	day;
	int	y, m, d;

	if (!lang_is_en(lang) || cal_parse(iso, &day) != 0) {
		page_date(b, iso);
		return;
	}
	cal_ymd(day, &y, &m, &d);
	buf_printf(b, "%d %s %d", d, months[m - 1], y);
}

void
page_message(struct buf *b, const char *heading, const char *text,
    const char *back_href, const char *back_text)
{
	buf_puts(b, "<h1>");
	html_puts(b, heading);
	buf_puts(b, "</h1>\n<p class=\"fr-text--lead\">");
	html_puts(b, text);
	buf_puts(b, "</p>\n");
	if (back_href != NULL) {
		buf_puts(b, "<p><a class=\"fr-link\" href=\"");
		html_puts(b, back_href);
		buf_puts(b, "\">");
		html_puts(b, back_text);
		buf_puts(b, "</a></p>\n");
	}
}

void
page_field_described(struct buf *b, const char *error, const char *id,
    const char *also, const char *also_id)
{
	if (error == NULL && also == NULL)
		return;
	buf_puts(b, " aria-invalid=\"true\" aria-describedby=\"");
	if (error != NULL) {
		html_puts(b, id);
		buf_puts(b, "-error");
	}
	if (error != NULL && also != NULL)
		buf_putc(b, ' ');
	if (also != NULL)
		html_puts(b, also_id);
	buf_putc(b, '"');
}

void
page_fieldset_open(struct buf *b, const char *id, const char *legend,
    const char *hint, const char *error)
{
	buf_printf(b, "<fieldset class=\"fr-fieldset%s\" id=\"%s\" "
	    "aria-labelledby=\"%s-legend %s-messages\">\n"
	    "<legend class=\"fr-fieldset__legend\" id=\"%s-legend\">",
	    error != NULL ? " fr-fieldset--error" : "", id, id, id, id);
	buf_puts(b, legend);
	if (hint != NULL) {
		buf_puts(b, "\n<span class=\"fr-hint-text\">");
		buf_puts(b, hint);
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</legend>\n");
}

void
page_fieldset_close(struct buf *b, const char *id, const char *error)
{
	buf_printf(b, "<div class=\"fr-messages-group\" id=\"%s-messages\" "
	    "aria-live=\"polite\">\n", id);
	if (error != NULL) {
		buf_printf(b, "<p class=\"fr-message fr-message--error\" "
		    "id=\"%s-error\">", id);
		html_puts(b, error);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</div>\n</fieldset>\n");
}

void
page_back_link(struct buf *b, const char *href, const char *text)
{
	buf_puts(b, "<p class=\"fr-mb-2w\"><a class=\"fr-link "
	    "fr-icon-arrow-left-line fr-link--icon-left\" href=\"");
	html_puts(b, href);
	buf_puts(b, "\">");
	html_puts(b, text);
	buf_puts(b, "</a></p>\n");
}

void
page_success(struct buf *b, const char *text)
{
	buf_puts(b, "<div class=\"fr-alert fr-alert--success fr-alert--sm "
	    "fr-mb-4w\" role=\"status\">\n<p>");
	html_puts(b, text);
	buf_puts(b, "</p>\n</div>\n");
}

void
page_field_error(struct buf *b, const char *error, const char *id)
{
	if (error == NULL)
		return;
	buf_puts(b, "<p class=\"fr-error-text\" id=\"");
	html_puts(b, id);
	buf_puts(b, "-error\">");
	html_puts(b, error);
	buf_puts(b, "</p>\n");
}

void
page_field_select(struct buf *b, const char *id, const char *name,
    const char *label, const char *const *opts, size_t nopts,
    const char *value, const char *error)
{
	size_t	i;
	int	bad = error != NULL;

	buf_printf(b, "<div class=\"fr-select-group%s\">\n<label "
	    "class=\"fr-label\" for=\"%s\">%s</label>\n<select "
	    "class=\"fr-select%s\" id=\"%s\" name=\"%s\"", bad ?
	    " fr-select-group--error" : "", id, label, bad ?
	    " fr-select--error" : "", id, name);
	page_field_described(b, error, id, NULL, NULL);
	buf_puts(b, ">\n");
	for (i = 0; i < nopts; i++) {
		buf_puts(b, "<option value=\"");
		html_puts(b, opts[2 * i]);
		buf_putc(b, '"');
		if (value != NULL && strcmp(value, opts[2 * i]) == 0)
			buf_puts(b, " selected");
		buf_putc(b, '>');
		html_puts(b, opts[2 * i + 1]);
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select>\n");
	page_field_error(b, error, id);
	buf_puts(b, "</div>\n");
}

void
page_field_input(struct buf *b, const char *id, const char *name,
    const char *type, const char *attrs, const char *label, const char *hint,
    const char *value, const char *error, const char *also,
    const char *also_id)
{
	int	bad = error != NULL || also != NULL;

	buf_printf(b, "<div class=\"fr-input-group%s\">\n"
	    "<label class=\"fr-label\" for=\"%s\">%s", bad ?
	    " fr-input-group--error" : "", id, label);
	if (hint != NULL) {
		buf_puts(b, "\n<span class=\"fr-hint-text\">");
		buf_puts(b, hint);
		buf_puts(b, "</span>");
	}
	buf_printf(b, "</label>\n<input class=\"fr-input%s\" type=\"%s\" "
	    "id=\"%s\" name=\"%s\"%s", bad ? " fr-input--error" : "", type,
	    id, name, attrs);
	if (value != NULL) {
		buf_puts(b, " value=\"");
		html_puts(b, value);
		buf_putc(b, '"');
	}
	page_field_described(b, error, id, also, also_id);
	buf_puts(b, ">\n");
	page_field_error(b, error, id);
	buf_puts(b, "</div>\n");
}
