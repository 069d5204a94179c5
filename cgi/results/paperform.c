/*
 * The blank questionnaire as an A4 PDF, drawn with cairo: laid out once
 * to count the pages, then drawn, the same code measuring both times.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <qrencode.h>

#include "buf.h"
#include "form.h"
#include "paperform.h"
#include "pdfdraw.h"
#include "xmalloc.h"

#define NBSP		"\xc2\xa0"

/* The page, in points. */
#define MARGIN		48.0
#define CONTENT_W	(PDFDRAW_A4_WIDTH - 2 * MARGIN)
#define TOP		MARGIN
#define FOOTER_Y	(PDFDRAW_A4_HEIGHT - 28.0)	/* its baseline */
#define BOTTOM		(PDFDRAW_A4_HEIGHT - 56.0)	/* of the content */
#define LEAD		1.3		/* line height / font size */
#define TITLE_SIZE	18.0
#define SECTION_SIZE	14.0
#define QUESTION_SIZE	12.0
#define SIZE		PAPERFORM_TEXT_SIZE
#define BOX_GAP		6.0		/* between a box and its label */
#define OPTION_GAP	5.0		/* between two rows of options */
#define QUESTION_GAP	16.0		/* after a question */
#define RULE_GAP	24.0		/* between the ruled lines */
#define RULES_MIN	3
#define RULES_MAX	8
#define CHARS_PER_RULE	90		/* of a free text, to size it */
#define ROW_OPTIONS_MAX	5		/* options side by side at most */
#define LINES_MAX	24		/* of one text */
#define QR_SYMBOL	78.0		/* 2.75 cm */
#define NUMBER_W	24.0		/* "12." before a question */

/* What the layout needs besides the form. */
struct pf {
	cairo_t			*cr;
	const struct form	*f;
	const char		*site, *campaign, *url;
	QRcode			*qr;		/* NULL: no URL */
	int			 draw;		/* 0: measure only */
	double			 y;		/* the next line's top */
	size_t			 page;		/* from 0 */
	size_t			 npages;	/* known once measured */
};

/*
 * Wraps s at width w in the given font, shows it from (x, y), y the top
 * of its first line, when p draws; returns its height.
 */
static double
text(struct pf *p, const char *s, double x, double y, double w, double size,
    int bold, int italic)
{
	char	*lines[LINES_MAX];
	size_t	 n, i;

	pdfdraw_font(p->cr, size, bold, italic);
	n = pdfdraw_wrap(p->cr, s, w, PDFDRAW_BRK_SPACE, lines, LINES_MAX);
	if (p->draw)
		for (i = 0; i < n; i++)
			pdfdraw_show(p->cr, x, y + size + i * size * LEAD,
			    lines[i], PDFDRAW_LEFT);
	pdfdraw_free_lines(lines, n);
	return n * size * LEAD;
}

/* A tick box with its top left corner at x, y. */
static void
tick_box(struct pf *p, double x, double y)
{
	if (!p->draw)
		return;
	cairo_set_line_width(p->cr, 1.0);
	cairo_rectangle(p->cr, x, y, PAPERFORM_BOX, PAPERFORM_BOX);
	cairo_stroke(p->cr);
}

/* A horizontal rule from x to x + w at y. */
static void
rule(struct pf *p, double x, double y, double w)
{
	if (!p->draw)
		return;
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, x, y);
	cairo_line_to(p->cr, x + w, y);
	cairo_stroke(p->cr);
}

/* The height of one option's label in a column w wide. */
static double
option_height(struct pf *p, const char *label, double w)
{
	int	draw = p->draw;
	double	h;

	p->draw = 0;
	h = text(p, label, 0, 0, w - PAPERFORM_BOX - BOX_GAP, SIZE, 0, 0);
	p->draw = draw;
	return h;
}

/*
 * The options of q from (x, y): side by side when there are few and no
 * label needs more than two lines, else one per line. Returns the
 * height.
 */
static double
options(struct pf *p, const struct form_question *q, double x, double y,
    double w)
{
	double	col, h, row = 0, top = y;
	size_t	i;
	int	side = q->noptions > 1 && q->noptions <= ROW_OPTIONS_MAX;

	col = side ? w / q->noptions : w;
	for (i = 0; side && i < q->noptions; i++)
		if (option_height(p, q->options[i].label, col - BOX_GAP) >
		    2 * SIZE * LEAD + 0.01)
			side = 0;
	if (!side)
		col = w;
	for (i = 0; i < q->noptions; i++) {
		tick_box(p, side ? x + i * col : x, y);
		h = text(p, q->options[i].label, (side ? x + i * col : x) +
		    PAPERFORM_BOX + BOX_GAP, y - 1.0, (side ? col - BOX_GAP :
		    col) - PAPERFORM_BOX - BOX_GAP, SIZE, 0, 0);
		h = fmax(h, PAPERFORM_BOX);
		if (side)
			row = fmax(row, h);
		else
			y += h + OPTION_GAP;
	}
	return side ? row + OPTION_GAP : y - top;
}

/* The number the questionnaire gives question k: 1 for the first. */
static size_t
number_of(const struct form *f, size_t k)
{
	size_t	i, n = 0;

	for (i = 0; i <= k && i < form_nquestions(f); i++)
		if (form_question(f, i)->kind != QKIND_DELAY)
			n++;
	return n;
}

/* "Seulement si vous avez répondu « X » à la question 3." */
static char *
condition(const struct form *f, const struct form_question *q)
{
	const struct form_question	*on;
	const struct form_option	*o;
	size_t				 k;
	char				*s;

	if (q->when_key == NULL || (on = form_find(f, q->when_key)) == NULL)
		return NULL;
	for (k = 0; k < form_nquestions(f); k++)
		if (form_question(f, k) == on)
			break;
	o = form_option_find(on, q->when_value);
	xasprintf(&s, "Seulement si vous avez répondu «" NBSP "%s" NBSP "» à "
	    "la question %zu.", o != NULL ? o->label : q->when_value,
	    number_of(f, k));
	return s;
}

/* What to write for a question without options, or NULL. */
static char *
answer_line(const struct form_question *q)
{
	char	*s = NULL;

	switch (q->kind) {
	case QKIND_INTEGER:
		xasprintf(&s, "Nombre (de %lld à %lld)" NBSP ": "
		    "______________", q->min, q->max);
		break;
	case QKIND_DATE:
		s = xstrdup("Date" NBSP ": ____ / ____ / ________");
		break;
	case QKIND_DATETIME:
		s = xstrdup("Date" NBSP ": ____ / ____ / ________   "
		    "heure" NBSP ": ____ h ____");
		break;
	case QKIND_DURATION:
		s = xstrdup("Durée" NBSP ": ____ min ____ s");
		break;
	default:
		break;
	}
	return s;
}

/*
 * Question k (numbered num) from p->y: its label, hint, condition and
 * the place for its answer. Returns the height; draws when p draws.
 */
static double
question(struct pf *p, size_t k, size_t num)
{
	const struct form_question	*q = form_question(p->f, k);
	char				 n[16], *s;
	double				 y = p->y, x = MARGIN + NUMBER_W;
	double				 w = CONTENT_W - NUMBER_W;
	size_t				 i, nrules;

	snprintf(n, sizeof(n), "%zu.", num);
	if (p->draw) {
		pdfdraw_font(p->cr, QUESTION_SIZE, 1, 0);
		pdfdraw_show(p->cr, MARGIN, y + QUESTION_SIZE, n,
		    PDFDRAW_LEFT);
	}
	if (q->required || q->kind == QKIND_MULTI) {
		xasprintf(&s, "%s%s", q->label, q->kind == QKIND_MULTI ?
		    " (plusieurs réponses possibles)" : "");
		y += text(p, s, x, y, w, QUESTION_SIZE, 1, 0);
		free(s);
	} else
		y += text(p, q->label, x, y, w, QUESTION_SIZE, 1, 0);
	if ((s = condition(p->f, q)) != NULL) {
		y += text(p, s, x, y, w, SIZE, 0, 1);
		free(s);
	}
	if (q->hint != NULL)
		y += text(p, q->hint, x, y, w, SIZE, 0, 1);
	y += 5.0;
	if (q->noptions > 0)
		y += options(p, q, x, y, w);
	else if (q->kind == QKIND_TEXT) {
		nrules = q->maxlen / CHARS_PER_RULE;
		nrules = nrules < RULES_MIN ? RULES_MIN : nrules > RULES_MAX ?
		    RULES_MAX : nrules;
		for (i = 0; i < nrules; i++) {
			y += RULE_GAP;
			rule(p, x, y, w);
		}
		y += 6.0;
	} else if ((s = answer_line(q)) != NULL) {
		y += text(p, s, x, y + 4.0, w, SIZE, 0, 0) + 8.0;
		free(s);
	}
	return y - p->y + QUESTION_GAP;
}

/* A section's title and introduction from p->y; returns the height. */
static double
section(struct pf *p, const struct form_section *sec)
{
	double	y = p->y + 6.0;

	y += text(p, sec->title, MARGIN, y, CONTENT_W, SECTION_SIZE, 1, 0);
	rule(p, MARGIN, y + 3.0, CONTENT_W);
	y += 10.0;
	if (sec->intro != NULL)
		y += text(p, sec->intro, MARGIN, y, CONTENT_W, SIZE, 0, 0) +
		    6.0;
	return y - p->y;
}

/* The footer of the page, then the next page. */
static void
next_page(struct pf *p)
{
	char	*s;

	if (p->draw) {
		xasprintf(&s, "%s" NBSP "— page %zu sur %zu", p->campaign !=
		    NULL ? p->campaign : form_title(p->f), p->page + 1,
		    p->npages);
		pdfdraw_font(p->cr, SIZE, 0, 0);
		pdfdraw_show(p->cr, PDFDRAW_A4_WIDTH / 2, FOOTER_Y, s,
		    PDFDRAW_CENTRE);
		free(s);
		cairo_show_page(p->cr);
	}
	p->page++;
	p->y = TOP;
}

/* The first page's head: titles, introduction, QR code. */
static void
head(struct pf *p)
{
	double	x, w, y, h;
	char	*lines[4];
	size_t	 n, i;

	p->y += text(p, form_title(p->f), MARGIN, p->y, CONTENT_W, TITLE_SIZE,
	    1, 0);
	if (p->site != NULL)
		p->y += text(p, p->site, MARGIN, p->y, CONTENT_W, 13.0, 1, 0);
	if (p->campaign != NULL)
		p->y += text(p, p->campaign, MARGIN, p->y, CONTENT_W, 13.0, 0,
		    0);
	p->y += 8.0;
	if (form_intro(p->f) != NULL)
		p->y += text(p, form_intro(p->f), MARGIN, p->y, CONTENT_W, SIZE,
		    0, 0) + 6.0;
	p->y += text(p, "Cochez une case par question, sauf si plusieurs "
	    "réponses sont possibles. Pour corriger, noircissez la case "
	    "et cochez-en une autre.", MARGIN, p->y, CONTENT_W, SIZE, 0, 0);
	if (p->qr == NULL) {
		p->y += 12.0;
		return;
	}
	/* The QR code at the left, what it is for at its right. */
	y = p->y + 12.0 + PDFDRAW_QR_QUIET * QR_SYMBOL / p->qr->width;
	if (p->draw)
		pdfdraw_qr(p->cr, p->qr, MARGIN, y, QR_SYMBOL);
	x = MARGIN + QR_SYMBOL + 24.0;
	w = MARGIN + CONTENT_W - x;
	h = text(p, "Vous préférez répondre en ligne" NBSP "? Scannez ce "
	    "code ou saisissez l’adresse" NBSP ":", x, y, w, SIZE, 1, 0);
	pdfdraw_font(p->cr, SIZE, 0, 0);
	n = pdfdraw_wrap(p->cr, p->url, w, PDFDRAW_BRK_URL, lines, 4);
	for (i = 0; i < n; i++)
		if (p->draw)
			pdfdraw_show(p->cr, x, y + h + SIZE + i * SIZE * LEAD,
			    lines[i], PDFDRAW_LEFT);
	pdfdraw_free_lines(lines, n);
	p->y = y + QR_SYMBOL + 18.0;
}

/*
 * Lays out the whole questionnaire, drawing when p->draw; counts the
 * pages into p->npages.
 */
static void
layout(struct pf *p)
{
	const struct form_question	*q;
	size_t				 k, num = 0, sec = (size_t)-1;
	double				 hs, hq;
	int				 draw = p->draw;

	p->page = 0;
	p->y = TOP;
	head(p);
	for (k = 0; k < form_nquestions(p->f); k++) {
		q = form_question(p->f, k);
		if (q->kind == QKIND_DELAY)
			continue;	/* computed, never asked */
		num++;
		/* Measured first: a question is never cut, nor a section's
		   title left alone at the foot of a page. */
		p->draw = 0;
		hs = q->section != sec ? section(p, form_section(p->f,
		    q->section)) : 0;
		hq = question(p, k, num);
		p->draw = draw;
		if (p->y + hs + hq - QUESTION_GAP > BOTTOM && p->y > TOP)
			next_page(p);
		if (q->section != sec) {
			sec = q->section;
			p->y += section(p, form_section(p->f, sec));
		}
		p->y += question(p, k, num);
	}
	p->y = TOP;
	next_page(p);
	p->npages = p->page;
}

int
paperform_pdf(const struct form *f, const char *site, const char *campaign,
    const char *questionnaire_url, struct buf *out, char **cause)
{
	struct pf	 p;
	char		*title = NULL;
	size_t		 start = out->len;
	int		 rc = -1;

	memset(&p, 0, sizeof(p));
	if (f == NULL) {
		xasprintf(cause, "no form");
		goto out;
	}
	p.f = f;
	p.site = site;
	p.campaign = campaign;
	if (questionnaire_url != NULL) {
		if ((p.qr = pdfdraw_qr_encode(questionnaire_url, cause)) ==
		    NULL)
			goto out;
		p.url = questionnaire_url;
	}
	xasprintf(&title, "%s%s%s", form_title(f), site != NULL ? " — " : "",
	    site != NULL ? site : "");
	if ((p.cr = pdfdraw_begin(out, PDFDRAW_A4_WIDTH, PDFDRAW_A4_HEIGHT,
	    title, NULL, cause)) == NULL)
		goto out;
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	layout(&p);		/* counts the pages */
	p.draw = 1;
	layout(&p);
	rc = 0;
out:
	if (pdfdraw_end(p.cr, out, start, rc == -1, cause) == -1)
		rc = -1;
	if (p.qr != NULL)
		QRcode_free(p.qr);
	free(title);
	return rc;
}
