/*
 * The frame every page shares, in the State's design system (DSFR): the
 * header, <main> and the footer; short message pages and the fields of
 * staff forms. Knows no form definition (the questionnaire is
 * cgi/questionnaire/render.h). Every value goes through html.h.
 */
#ifndef QUALIMETRE_PAGE_H
#define QUALIMETRE_PAGE_H

#include <stddef.h>

struct buf;

/* What the frame of a page shows around its content. */
struct page_frame {
	const char	*title;		/* <title>, before " – service" */
	const char	*service;	/* header's service name, or NULL */
	const char	*tagline;	/* under it, or NULL for the public one */
	const char	*user;		/* a logged-in staff member's name, shown
					   with a logout button, or NULL */
	const char	*logout_action;	/* where the logout form posts */
	const char	*account_href;	/* the user's own page (their
					   password), linked from their
					   name, or NULL */
	const char	*csrf;		/* the session's CSRF token */
	const char	*lang;		/* the content's language, or NULL
					   for "fr"; the frame's own texts
					   stay French, marked lang="fr" */
};

/* One entry of the language selector: a code and the page's address in
   that language. */
struct page_lang {
	const char	*code;		/* "fr", "en", "ar" */
	const char	*href;
};

/*
 * Opens a page: doctype, head with its title, the DSFR header with the
 * bloc marque, the service name and, for staff, who is logged in and a
 * logout button; then <main>.
 */
void	 page_open(struct buf *, const struct page_frame *);

/* page_open for a public page: title and service name only. */
void	 page_begin(struct buf *, const char *title, const char *service);

/* page_begin for a page whose content is in lang ("en"; NULL: "fr"). */
void	 page_begin_lang(struct buf *, const char *title,
	    const char *service, const char *lang);

/*
 * The language selector of a public page, without the DSFR's script (the
 * public pages load none): a navigation of small DSFR buttons, each of
 * the n languages a plain link to its address, named in its own
 * language; the current one (lang) outlined and aria-current; label
 * names the selector in the page's language.
 */
void	 page_languages(struct buf *, const char *label,
	    const struct page_lang *langs, size_t n, const char *lang);

/* Closes <main>, writes the footer and closes the page. */
void	 page_end(struct buf *);

/*
 * Writes a message block: a heading and a paragraph, both escaped, and
 * a link back when back_href is non-NULL.
 */
void	 page_message(struct buf *, const char *heading, const char *text,
	    const char *back_href, const char *back_text);

/*
 * A staff form field's error attributes: aria-invalid and
 * aria-describedby naming "ID-error" when error is non-NULL, and
 * also_id (another message that concerns the field, such as a period's)
 * when also is non-NULL. Writes nothing when both are NULL.
 */
void	 page_field_described(struct buf *, const char *error, const char *id,
	    const char *also, const char *also_id);

/*
 * A staff form's text, date or number input in its DSFR group: label
 * and hint (our own markup, written as they are), the input with its
 * type, the extra attributes attrs (our own markup, may be ""), the
 * value (escaped, or NULL), and the error attributes and message as
 * page_field_described and page_field_error write them.
 */
void	 page_field_input(struct buf *, const char *id, const char *name,
	    const char *type, const char *attrs, const char *label,
	    const char *hint, const char *value, const char *error,
	    const char *also, const char *also_id);

/*
 * A staff form's select in its DSFR group: label (our own markup), the
 * nopts options as value/label pairs (escaped), the one equal to value
 * selected, and the error as page_field_input writes it.
 */
void	 page_field_select(struct buf *, const char *id, const char *name,
	    const char *label, const char *const *opts, size_t nopts,
	    const char *value, const char *error);

/*
 * Opens a staff form's fieldset of check boxes, radio buttons or dates
 * with the id id: its legend and hint (our own markup; hint may be NULL),
 * labelled by both and by the messages page_fieldset_close writes; in
 * error when error is non-NULL.
 */
void	 page_fieldset_open(struct buf *, const char *id, const char *legend,
	    const char *hint, const char *error);

/*
 * Closes it with its messages group, "ID-messages", holding the error
 * (escaped) when non-NULL, with the id "ID-error" that the inputs'
 * aria-describedby name.
 */
void	 page_fieldset_close(struct buf *, const char *id, const char *error);

/* The link back at the top of a staff page: text (escaped) to href
   (escaped), with its arrow. */
void	 page_back_link(struct buf *, const char *href, const char *text);

/* A small success alert saying text (escaped), after a change. */
void	 page_success(struct buf *, const char *text);

/* A field's error message, under it, with the id "ID-error"; escaped. */
void	 page_field_error(struct buf *, const char *error, const char *id);

/*
 * Writes a date given as YYYY-MM-DD in French ("1er avril 2026"),
 * escaped; anything else is written as it is, escaped.
 */
void	 page_date(struct buf *, const char *iso);

/*
 * page_date in lang: English ("en", lang_is_en) writes "1 April 2026",
 * any other language French.
 */
void	 page_date_lang(struct buf *, const char *iso, const char *lang);

#endif /* QUALIMETRE_PAGE_H */
