/*
 * A form definition as an accessible HTML questionnaire in the DSFR: its
 * questions, the answers sent filled in again, and the errors listed at
 * the top and next to each field. Every value goes through html.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "form.h"
#include "html.h"
#include "http.h"
#include "lang.h"
#include "render.h"
#include "staff.h"
#include "valid.h"
#include "xmalloc.h"

/* The id of the element a question's error links to: its first option
   as s offers it, or its input. */
static void
question_anchor(struct buf *b, const struct answerset *s,
    const struct form_question *q)
{
	const struct form_option	*opts;
	size_t				 n;

	opts = valid_options(s, q, &n);
	buf_puts(b, "q-");
	html_puts(b, q->key);
	if (n > 0 && q->kind != QKIND_TEXT) {
		buf_putc(b, '-');
		html_puts(b, opts[0].value);
	}
}

/* Whether value was among the values sent for this question. */
static int
was_sent(const struct qanswer *a, const char *value)
{
	size_t	i;

	if (a == NULL)
		return 0;
	for (i = 0; i < a->nsent; i++)
		if (strcmp(a->sent[i]->val, value) == 0)
			return 1;
	return 0;
}

/*
 * What is conform under q's effective rule (form_rule_apply), when it has
 * a threshold: a call picked up needs no sentence to say so.
 */
static void
question_rule(struct buf *b, const struct form_question *q)
{
	char	text[128];

	if (!q->has_conform_max || form_rule_text(q, text, sizeof(text)) == -1)
		return;
	buf_puts(b, "\n<span class=\"fr-hint-text qm-rule\">Conforme : ");
	html_puts(b, text);
	buf_puts(b, "</span>");
}

static void
question_label(struct buf *b, const struct form_question *q,
    const char *lang)
{
	html_puts(b, q->label);
	if (q->required) {
		buf_puts(b, " <span class=\"qm-required\"");
		lang_mark(b, lang);
		buf_putc(b, '>');
		html_puts(b, lang_msg(lang, LMSG_REQUIRED));
		buf_puts(b, "</span>");
	}
	if (q->hint != NULL) {
		buf_puts(b, "\n<span class=\"fr-hint-text\">");
		html_puts(b, q->hint);
		buf_puts(b, "</span>");
	}
	question_rule(b, q);
}

/*
 * Marks a conditional question with what it depends on, for the script
 * that hides it while its condition is not met.
 */
static void
when_attributes(struct buf *b, const struct form_question *q)
{
	if (q->when_key == NULL)
		return;
	buf_puts(b, " data-when-key=\"");
	html_puts(b, q->when_key);
	buf_puts(b, "\" data-when-value=\"");
	html_puts(b, q->when_value);
	buf_putc(b, '"');
}

/* A question answered by radio buttons or check boxes, offering the
   options s gives it (s NULL: its own). */
static void
question_options(struct buf *b, const struct answerset *s,
    const struct form_question *q, const struct qanswer *a, const char *lang)
{
	const struct form_option	*opts;
	const char			*type, *group;
	const char			*error = a != NULL ? a->error : NULL;
	size_t				 i, nopts;

	opts = valid_options(s, q, &nopts);
	type = q->kind == QKIND_MULTI ? "checkbox" : "radio";
	group = q->kind == QKIND_MULTI ? "fr-checkbox-group" :
	    "fr-radio-group";
	buf_puts(b, "<fieldset class=\"fr-fieldset");
	if (error != NULL)
		buf_puts(b, " fr-fieldset--error");
	buf_puts(b, "\" id=\"q-");
	html_puts(b, q->key);
	buf_puts(b, "\" aria-labelledby=\"q-");
	html_puts(b, q->key);
	buf_puts(b, "-legend q-");
	html_puts(b, q->key);
	buf_puts(b, "-messages\"");
	when_attributes(b, q);
	buf_puts(b, ">\n<legend class=\"fr-fieldset__legend\" id=\"q-");
	html_puts(b, q->key);
	buf_puts(b, "-legend\">");
	question_label(b, q, lang);
	buf_puts(b, "</legend>\n");
	for (i = 0; i < nopts; i++) {
		buf_printf(b, "<div class=\"fr-fieldset__element%s\">\n"
		    "<div class=\"%s\">\n<input type=\"%s\" id=\"q-",
		    q->kind == QKIND_SCALE || q->kind == QKIND_YESNO ?
		    " fr-fieldset__element--inline" : "", group, type);
		html_puts(b, q->key);
		buf_putc(b, '-');
		html_puts(b, opts[i].value);
		buf_puts(b, "\" name=\"");
		html_puts(b, q->key);
		buf_puts(b, "\" value=\"");
		html_puts(b, opts[i].value);
		buf_putc(b, '"');
		if (was_sent(a, opts[i].value))
			buf_puts(b, " checked");
		buf_puts(b, ">\n<label class=\"fr-label\" for=\"q-");
		html_puts(b, q->key);
		buf_putc(b, '-');
		html_puts(b, opts[i].value);
		buf_puts(b, "\">");
		html_puts(b, opts[i].label);
		buf_puts(b, "</label>\n</div>\n</div>\n");
	}
	buf_puts(b, "<div class=\"fr-messages-group\" id=\"q-");
	html_puts(b, q->key);
	buf_puts(b, "-messages\" aria-live=\"polite\">\n");
	if (error != NULL) {
		buf_puts(b, "<p class=\"fr-message fr-message--error\">");
		html_puts(b, error);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</div>\n</fieldset>\n");
}

/* A question answered by typing: text, number, date. */
static void
question_input(struct buf *b, const struct form_question *q,
    const struct qanswer *a, const char *lang)
{
	const char	*error = a != NULL ? a->error : NULL;
	const char	*value = a != NULL && a->nsent > 0 ?
			    a->sent[0]->val : NULL;

	buf_printf(b, "<div class=\"fr-input-group%s\" id=\"q-",
	    error != NULL ? " fr-input-group--error" : "");
	html_puts(b, q->key);
	buf_puts(b, "-group\"");
	when_attributes(b, q);
	buf_puts(b, ">\n<label class=\"fr-label\" for=\"q-");
	html_puts(b, q->key);
	buf_puts(b, "\">");
	question_label(b, q, lang);
	buf_puts(b, "</label>\n");
	if (q->kind == QKIND_TEXT) {
		buf_printf(b, "<textarea class=\"fr-input%s\" rows=\"6\" "
		    "maxlength=\"%zu\"", error != NULL ? " fr-input--error" :
		    "", q->maxlen);
	} else {
		buf_printf(b, "<input class=\"fr-input%s\" ",
		    error != NULL ? " fr-input--error" : "");
		switch (q->kind) {
		case QKIND_DATE:
			buf_puts(b, "type=\"date\"");
			break;
		case QKIND_DATETIME:
			buf_puts(b, "type=\"datetime-local\"");
			break;
		default:
			buf_printf(b, "type=\"number\" inputmode=\"numeric\" "
			    "min=\"%lld\" max=\"%lld\" step=\"1\"",
			    q->min, q->max);
			break;
		}
	}
	buf_puts(b, " id=\"q-");
	html_puts(b, q->key);
	buf_puts(b, "\" name=\"");
	html_puts(b, q->key);
	buf_putc(b, '"');
	if (error != NULL) {
		buf_puts(b, " aria-invalid=\"true\" aria-describedby=\"q-");
		html_puts(b, q->key);
		buf_puts(b, "-error\"");
	}
	if (q->kind == QKIND_TEXT) {
		buf_putc(b, '>');
		if (value != NULL)
			html_puts(b, value);
		buf_puts(b, "</textarea>\n");
	} else {
		if (value != NULL) {
			buf_puts(b, " value=\"");
			html_puts(b, value);
			buf_putc(b, '"');
		}
		buf_puts(b, ">\n");
	}
	if (error != NULL) {
		buf_puts(b, "<p class=\"fr-error-text\" id=\"q-");
		html_puts(b, q->key);
		buf_puts(b, "-error\">");
		html_puts(b, error);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</div>\n");
}

/*
 * A delay the program computes from two dates: nothing to fill in, only
 * a note saying so, where the person would look for it.
 */
static void
question_computed(struct buf *b, const struct form_question *q)
{
	buf_puts(b, "<div class=\"fr-mb-3w\" id=\"q-");
	html_puts(b, q->key);
	buf_puts(b, "-group\">\n<p class=\"fr-mb-0\">");
	html_puts(b, q->label);
	buf_puts(b, "</p>\n<p class=\"fr-hint-text\">Calculé "
	    "automatiquement à l’enregistrement, à partir des dates "
	    "saisies.");
	if (q->hint != NULL) {
		buf_putc(b, ' ');
		html_puts(b, q->hint);
	}
	buf_puts(b, "</p>");
	question_rule(b, q);
	buf_puts(b, "\n</div>\n");
}

static void
error_summary(struct buf *b, const struct form *f,
    const struct answerset *s, const char *lang)
{
	const struct form_question	*q;
	char				*title;
	size_t				 k;

	buf_puts(b, "<div class=\"fr-alert fr-alert--error fr-mb-4w\" "
	    "id=\"erreurs\" role=\"alert\" tabindex=\"-1\">\n"
	    "<h2 class=\"fr-alert__title\"");
	lang_mark(b, lang);
	buf_putc(b, '>');
	if (s->nerrors == 1)
		html_puts(b, lang_msg(lang, LMSG_ERRORS_ONE));
	else {
		xasprintf(&title, LANG_FMT(lang, LMSG_ERRORS_MANY),
		    s->nerrors);
		html_puts(b, title);
		free(title);
	}
	buf_puts(b, "</h2>\n<ul>\n");
	if (s->form_error != NULL) {
		buf_puts(b, "<li>");
		html_puts(b, s->form_error);
		buf_puts(b, "</li>\n");
	}
	for (k = 0; k < s->nq; k++) {
		if (s->q[k].error == NULL)
			continue;
		q = form_question(f, k);
		buf_puts(b, "<li><a href=\"#");
		question_anchor(b, s, q);
		buf_puts(b, "\">");
		html_puts_label(b, q->label);
		buf_puts(b, "</a> : ");
		html_puts(b, s->q[k].error);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</div>\n");
}

static void	 render_form(struct buf *, const struct form *,
		    const char *, const struct form_referential *,
		    const char *, const char *, const char *,
		    const struct answerset *, const char *, const char *,
		    const char *);

void
render_questionnaire(struct buf *b, const struct form *f, const char *lang,
    const char *action, const char *token, const struct answerset *s,
    const char *alert_title, const char *alert_text)
{
	render_form(b, form_in(f, lang), lang, NULL, action, token, NULL, s,
	    alert_title, alert_text, NULL);
}

void
render_questionnaire_staff(struct buf *b, const struct form *f,
    const char *action, const char *token, const char *csrf,
    const struct answerset *s, const char *alert_title,
    const char *alert_text, const char *extra)
{
	render_grid(b, f, NULL, action, token, csrf, s, alert_title,
	    alert_text, extra);
}

void
render_grid(struct buf *b, const struct form *f,
    const struct form_referential *ref, const char *action,
    const char *token, const char *csrf, const struct answerset *s,
    const char *alert_title, const char *alert_text, const char *extra)
{
	render_form(b, f, "fr", ref, action, token, csrf, s, alert_title,
	    alert_text, extra);
}

/*
 * The form f (its texts in lang already) with the fixed strings in
 * lang: render_grid's, for the public page (csrf NULL) or a staff one.
 */
static void
render_form(struct buf *b, const struct form *f, const char *lang,
    const struct form_referential *ref, const char *action,
    const char *token, const char *csrf, const struct answerset *s,
    const char *alert_title, const char *alert_text, const char *extra)
{
	const struct form_question	*q;
	struct form_question		 eq;
	const struct form_section	*sec;
	const struct qanswer		*a;
	size_t				 k, cur = (size_t)-1;

	buf_puts(b, "<h1>");
	html_puts(b, form_title(f));
	buf_puts(b, "</h1>\n");
	if (alert_title != NULL) {
		buf_puts(b, "<div class=\"fr-alert fr-alert--warning "
		    "fr-mb-4w\" role=\"alert\"");
		lang_mark(b, lang);
		buf_puts(b, ">\n<h2 class=\"fr-alert__title\">");
		html_puts(b, alert_title);
		buf_puts(b, "</h2>\n<p>");
		html_puts(b, alert_text);
		buf_puts(b, "</p>\n</div>\n");
	}
	if (s != NULL && s->nerrors > 0)
		error_summary(b, f, s, lang);
	if (form_intro(f) != NULL) {
		buf_puts(b, "<p class=\"fr-text--lead\">");
		html_puts(b, form_intro(f));
		buf_puts(b, "</p>\n");
	}
	if (csrf == NULL) {
		buf_puts(b, "<p class=\"fr-text--sm\"");
		lang_mark(b, lang);
		buf_putc(b, '>');
		html_puts(b, lang_msg(lang, LMSG_ANONYMOUS));
		buf_puts(b, "</p>\n");
	} else
		buf_puts(b, "<p class=\"fr-text--sm\">Les questions marquées "
		    "« obligatoire » doivent recevoir une réponse ; un critère "
		    "qui ne s’applique pas se note « Sans objet ».</p>\n");
	buf_puts(b, "<form method=\"post\" action=\"");
	html_puts(b, action);
	buf_puts(b, "\" novalidate>\n");
	if (token != NULL && *token != '\0') {
		buf_puts(b, "<input type=\"hidden\" name=\""
		    VALID_TOKEN_FIELD "\" value=\"");
		html_puts(b, token);
		buf_puts(b, "\">\n");
	}
	if (csrf != NULL) {
		buf_puts(b, "<input type=\"hidden\" name=\"" STAFF_CSRF_FIELD
		    "\" value=\"");
		html_puts(b, csrf);
		buf_puts(b, "\">\n");
	}
	for (k = 0; k < form_nquestions(f); k++) {
		q = form_question(f, k);
		if (q->section != cur) {
			if (cur != (size_t)-1)
				buf_puts(b, "</section>\n");
			cur = q->section;
			sec = form_section(f, cur);
			buf_puts(b, "<section class=\"fr-mb-6w\" id=\"s-");
			html_puts(b, sec->id);
			buf_puts(b, "\">\n<h2>");
			html_puts(b, sec->title);
			buf_puts(b, "</h2>\n");
			if (sec->intro != NULL) {
				buf_puts(b, "<p>");
				html_puts(b, sec->intro);
				buf_puts(b, "</p>\n");
			}
		}
		a = s != NULL ? &s->q[k] : NULL;
		form_rule_apply(q, ref, &eq);
		switch (eq.kind) {
		case QKIND_SCALE:
		case QKIND_CHOICE:
		case QKIND_MULTI:
		case QKIND_YESNO:
			question_options(b, s, &eq, a, lang);
			break;
		case QKIND_DELAY:
			question_computed(b, &eq);
			break;
		default:
			question_input(b, &eq, a, lang);
			break;
		}
	}
	if (cur != (size_t)-1)
		buf_puts(b, "</section>\n");
	if (extra != NULL)
		buf_puts(b, extra);
	buf_puts(b, "<button class=\"fr-btn\" type=\"submit\"");
	lang_mark(b, lang);
	buf_putc(b, '>');
	html_puts(b, csrf == NULL ? lang_msg(lang, LMSG_SEND) :
	    "Enregistrer");
	buf_puts(b, "</button>\n</form>\n");
}
