/*
 * A form definition as the HTML questionnaire that the public and the
 * enquirers fill in, inside a page opened with page.h.
 */
#ifndef QUALIMETRE_RENDER_H
#define QUALIMETRE_RENDER_H

struct answerset;
struct buf;
struct form;
struct form_referential;

/*
 * Writes the questionnaire of form f in lang ("fr", "en": its texts as
 * form_in gives them, the fixed strings from lang.h) posting to action
 * with the hidden token. With answers non-NULL, every answer sent is
 * filled in again,
 * and the errors are listed at the top, linked to their fields, and
 * shown next to each field. alert_title and alert_text, when non-NULL,
 * open the form with a warning (the database was unavailable, the token
 * was refused, ...).
 */
void	 render_questionnaire(struct buf *, const struct form *f,
	    const char *lang, const char *action, const char *token,
	    const struct answerset *answers, const char *alert_title,
	    const char *alert_text);

/*
 * render_questionnaire for a staff form: also carries the session's CSRF
 * token; an empty token leaves the one-time token out (corrections).
 * extra, when non-NULL, is the caller's own markup (its values escaped
 * already) written after the questions, before the submit button: a
 * staff field that is not a question, such as a correction's reason.
 */
void	 render_questionnaire_staff(struct buf *, const struct form *f,
	    const char *action, const char *token, const char *csrf,
	    const struct answerset *answers, const char *alert_title,
	    const char *alert_text, const char *extra);

/*
 * render_questionnaire_staff for a mystery grid run under the referential
 * ref (NULL: the form's own values): under each criterion that follows
 * one of its rules, what is conform under it ("Conforme : moins de 5
 * sonneries"), from form_rule_apply.
 */
void	 render_grid(struct buf *, const struct form *f,
	    const struct form_referential *ref, const char *action,
	    const char *token, const char *csrf,
	    const struct answerset *answers, const char *alert_title,
	    const char *alert_text, const char *extra);

#endif /* QUALIMETRE_RENDER_H */
