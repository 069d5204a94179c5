/*
 * The blank questionnaire printed for the paper boxes: an A4 PDF drawn
 * from the same form definition as the web page and the paper-entry
 * screen, its questions in their order and numbered as there, so that
 * an agent types a returned one in without searching.
 */
#ifndef QUALIMETRE_PAPERFORM_H
#define QUALIMETRE_PAPERFORM_H

struct buf;
struct form;

/* The side of a tick box, in points: 4.5 mm, above the 4 mm asked. */
#define PAPERFORM_BOX		12.75
/* The smallest font size of the document, in points. */
#define PAPERFORM_TEXT_SIZE	11.0

/*
 * Appends to out an A4 portrait PDF of the blank questionnaire f: its
 * title, the site and the campaign's title (either may be NULL), its
 * introduction, the QR code of questionnaire_url and the URL in text
 * when it is not NULL (1 to 1024 bytes), then each section's title and
 * each question in the form's order, numbered from 1 (a computed delay
 * is not asked, hence not printed), with its hint, the condition under
 * which it is asked, one tick box per option (in a row when the labels
 * fit, else one per line) and ruled lines for a free text. A question
 * is never cut by a page break; every page says "page i sur n". Text is
 * DejaVu Sans, PAPERFORM_TEXT_SIZE points at least.
 *
 * Returns 0. On failure returns -1, sets *cause to a message the caller
 * frees, and leaves out as it was.
 */
int	 paperform_pdf(const struct form *f, const char *site,
	    const char *campaign, const char *questionnaire_url,
	    struct buf *out, char **cause);

#endif /* QUALIMETRE_PAPERFORM_H */
