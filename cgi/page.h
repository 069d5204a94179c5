/*
 * The pages of the public side, in the State's design system (DSFR):
 * the layout every page shares, the questionnaire with its answers and
 * errors, and short message pages. Every value goes through html.h.
 */
#ifndef QUALIMETRE_PAGE_H
#define QUALIMETRE_PAGE_H

struct answerset;
struct buf;
struct form;

/*
 * Opens a page: doctype, head with title ("title – service"), the DSFR
 * header with the bloc marque and the service name, and <main>.
 */
void	 page_begin(struct buf *, const char *title, const char *service);

/* Closes <main>, writes the footer and closes the page. */
void	 page_end(struct buf *);

/*
 * Writes the questionnaire of form f posting to action with the hidden
 * token. With answers non-NULL, every answer sent is filled in again,
 * and the errors are listed at the top, linked to their fields, and
 * shown next to each field. alert_title and alert_text, when non-NULL,
 * open the form with a warning (the database was unavailable, the token
 * was refused, ...).
 */
void	 page_questionnaire(struct buf *, const struct form *f,
	    const char *action, const char *token,
	    const struct answerset *answers, const char *alert_title,
	    const char *alert_text);

/*
 * Writes a message block: a heading and a paragraph, both escaped, and
 * a link back when back_href is non-NULL.
 */
void	 page_message(struct buf *, const char *heading, const char *text,
	    const char *back_href, const char *back_text);

/*
 * Writes a date given as YYYY-MM-DD in French ("1er avril 2026"),
 * escaped; anything else is written as it is, escaped.
 */
void	 page_date(struct buf *, const char *iso);

#endif /* QUALIMETRE_PAGE_H */
