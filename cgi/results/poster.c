/*
 * The A4 poster of a campaign's results, drawn with cairo into a PDF held
 * in memory, and the questionnaire's QR code (libqrencode) for the poster
 * and as inline SVG. Black and white only: grey bars outlined in black,
 * and every mark explained in words, so that it survives a photocopier.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <qrencode.h>

#include "buf.h"
#include "cal.h"
#include "chart.h"
#include "html.h"
#include "pdfdraw.h"
#include "log.h"
#include "poster.h"
#include "results.h"
#include "xmalloc.h"

/* French typography: before % and the high punctuation, and in « ». */
#define NBSP		CHART_NBSP
#define NNBSP		"\xe2\x80\xaf"		/* U+202F narrow no-break */
#define ELLIPSIS	PDFDRAW_ELLIPSIS
#define MIDDOT		"\xc2\xb7"		/* U+00B7 */

/* The page, in points. */
#define MARGIN		42.0
#define CONTENT_W	(POSTER_WIDTH - 2 * MARGIN)
#define LABEL_W		178.0			/* criterion labels */
#define TRACK_X		(MARGIN + LABEL_W + 14.0) /* the 0 % of the bars */
#define TRACK_W		196.0			/* 0 % to 100 % */
#define RATE_R		(POSTER_WIDTH - MARGIN)	/* rates end here */
#define ROW_MAX_H	44.0			/* a row's height at most */

/* The QR code: its dark part at least 3 cm wide, in points. */
#define QR_QUIET	PDFDRAW_QR_QUIET
#define QR_SYMBOL	90.0			/* 3.2 cm */

/* What a page needs to know besides its rows. */
struct poster {
	cairo_t			*cr;		/* drawing on the PDF surface */
	const struct results	*r;		/* what is printed */
	QRcode			*qr;		/* NULL: no QR code */
	const char		*url;		/* encoded in qr */
	cairo_surface_t		*emblem;	/* Marianne, or NULL */
	int			 mystery;	/* mystery calls or emails */
	const char		*unit;		/* "appel mystère"... */
	const char		*units;		/* its plural */
	char			*period;	/* "du 1er avril au 30 juin 2026" */
	int			 any_target;	/* a row has a target */
	int			 any_small;	/* a row is a small sample */
	size_t			 npages;	/* each a whole poster */
};

/* A rate or share in [0, 1] as the poster prints it: "76 %". */
static void
percent(char *out, size_t sz, double v)
{
	snprintf(out, sz, "%ld" NBSP "%%", lround(v * 100.0));
}

/* A share, where "0 %" would hide a few answers: "< 1 %". */
static void
share(char *out, size_t sz, double v)
{
	if (v > 0 && v < 0.005)
		snprintf(out, sz, "<" NBSP "1" NBSP "%%");
	else
		percent(out, sz, v);
}

/* A target, with one decimal when it has one: "80 %", "87,5 %". */
static void
target_percent(char *out, size_t sz, double v)
{
	double	t = v * 100.0;

	if (fabs(t - nearbyint(t)) < 1e-9)
		percent(out, sz, v);
	else
		snprintf(out, sz, "%ld,%ld" NBSP "%%", lround(t * 10) / 10,
		    lround(t * 10) % 10);
}

/* A count with its thousands apart: "1 234". */
static void
count(char *out, size_t sz, long long v)
{
	char	digits[32];
	size_t	i, len, o = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%lld", v);
	for (i = 0; i < len && o + 4 < sz; i++) {
		if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0) {
			memcpy(out + o, NNBSP, 3);
			o += 3;
		}
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* "1er avril", "2 mai", with the year when with_year. */
static void
day(struct buf *b, const char *iso, int month, int with_year)
{
	int	d = atoi(iso + 8);

	if (d == 1)
		buf_puts(b, "1er");
	else
		buf_printf(b, "%d", d);
	if (month)
		buf_printf(b, " %s", cal_month_name(atoi(iso + 5)));
	if (with_year)
		buf_printf(b, " %d", atoi(iso));
}

/*
 * The period in French, each part said once: "du 2 au 13 mars 2026",
 * "du 1er avril au 30 juin 2026", "du 15 novembre 2025 au 15 janvier
 * 2026", "le 3 mai 2026". Returns a string the caller frees, or NULL and
 * sets *cause.
 */
static char *
period(const char *from, const char *to, char **cause)
{
	struct buf	b = { 0 };
	long		day_from, day_to;
	int		same_year, same_month;

	if (from == NULL || to == NULL || cal_parse(from, &day_from) != 0 ||
	    cal_parse(to, &day_to) != 0) {
		xasprintf(cause, "the campaign's dates are not YYYY-MM-DD");
		return NULL;
	}
	if (day_from > day_to) {
		xasprintf(cause, "the campaign closes (%s) before it opens "
		    "(%s)", to, from);
		return NULL;
	}
	if (day_from == day_to) {
		buf_puts(&b, "le ");
		day(&b, to, 1, 1);
		return b.data;
	}
	same_year = strncmp(from, to, 4) == 0;
	same_month = same_year && strncmp(from, to, 7) == 0;
	buf_puts(&b, "du ");
	day(&b, from, !same_month, !same_year);
	buf_puts(&b, " au ");
	day(&b, to, 1, 1);
	return b.data;
}

/* A value in [0, 1]. */
static int
unit_interval(double v)
{
	return isfinite(v) && v >= 0 && v <= 1;
}

/* Checks what the poster reads of r; returns 0, or -1 and sets *cause. */
static int
check(const struct results *r, char **cause)
{
	const struct results_row	*row;
	size_t				 i;

	if (r == NULL) {
		xasprintf(cause, "no results to print");
		return -1;
	}
	if (r->rows == NULL || r->nrows == 0) {
		xasprintf(cause, "the results hold no criterion to print");
		return -1;
	}
	if (r->campaign == NULL || r->campaign[0] == '\0' ||
	    r->site == NULL || r->site[0] == '\0') {
		xasprintf(cause, "the results lack the campaign's title or "
		    "the site's name");
		return -1;
	}
	if (r->responses < 0) {
		xasprintf(cause, "negative number of responses");
		return -1;
	}
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		if (row->label == NULL || row->label[0] == '\0') {
			xasprintf(cause, "criterion %zu has no label", i + 1);
			return -1;
		}
		if (row->n < 0 || row->no_opinion < 0 ||
		    !unit_interval(row->no_opinion_share)) {
			xasprintf(cause, "criterion %zu: impossible counts",
			    i + 1);
			return -1;
		}
		if (row->n > 0 && !unit_interval(row->rate)) {
			xasprintf(cause, "criterion %zu: rate not in [0, 1]",
			    i + 1);
			return -1;
		}
		/* A missing interval is not drawn; a wrong one is a bug. */
		if (row->n > 0 && (isfinite(row->lower) ||
		    isfinite(row->upper)) && (!unit_interval(row->lower) ||
		    !unit_interval(row->upper) || row->lower > row->upper)) {
			xasprintf(cause, "criterion %zu: interval not in "
			    "[0, 1]", i + 1);
			return -1;
		}
		if (isnan(row->target) ||
		    (row->target >= 0 && !unit_interval(row->target))) {
			xasprintf(cause, "criterion %zu: target not in [0, 1]",
			    i + 1);
			return -1;
		}
	}
	return 0;
}

/* The Marianne emblem's height on the poster, above the bloc's text. */
#define EMBLEM_H	24

/* The emblem at (x, y), EMBLEM_H high, in its own proportions. */
static void
draw_emblem(struct poster *p, double x, double y)
{
	double	w = cairo_image_surface_get_width(p->emblem);
	double	h = cairo_image_surface_get_height(p->emblem);

	cairo_save(p->cr);
	cairo_translate(p->cr, x, y);
	cairo_scale(p->cr, EMBLEM_H / h, EMBLEM_H / h);
	cairo_set_source_surface(p->cr, p->emblem, 0, 0);
	cairo_rectangle(p->cr, 0, 0, w, h);
	cairo_fill(p->cr);
	cairo_restore(p->cr);
}

/*
 * The bloc marque as the DSFR composes it (the emblem, "RÉPUBLIQUE
 * FRANÇAISE", the motto), the site's name and the referential; returns
 * the bottom.
 */
static double
draw_header(struct poster *p)
{
	cairo_t		*cr = p->cr;
	struct buf	 b = { 0 };
	char		*lines[2];
	size_t		 n, i;
	double		 y, top;

	/* The text goes down by the emblem's room when there is one. */
	top = p->emblem != NULL ? 10 : 0;
	if (p->emblem != NULL)
		draw_emblem(p, MARGIN, 12);
	cairo_set_source_rgb(cr, 0, 0, 0);
	pdfdraw_font(cr, 13.5, 1, 0);
	pdfdraw_show(cr, MARGIN, 50 + top, "RÉPUBLIQUE", PDFDRAW_LEFT);
	pdfdraw_show(cr, MARGIN, 66 + top, "FRANÇAISE", PDFDRAW_LEFT);
	pdfdraw_font(cr, 9, 0, 1);
	pdfdraw_show(cr, MARGIN, 80 + top, "Liberté", PDFDRAW_LEFT);
	pdfdraw_show(cr, MARGIN, 90 + top, "Égalité", PDFDRAW_LEFT);
	pdfdraw_show(cr, MARGIN, 100 + top, "Fraternité", PDFDRAW_LEFT);

	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, MARGIN + 128, 37 - top);
	cairo_line_to(cr, MARGIN + 128, 107 + top);
	cairo_stroke(cr);

	/* The site, then the label's referential the figures answer to. */
	pdfdraw_font(cr, 17, 1, 0);
	n = pdfdraw_wrap(cr, p->r->site, CONTENT_W - 146, PDFDRAW_BRK_SPACE, lines, 2);
	y = (n == 1 ? 78 : 68) - (p->r->referential != NULL ? 8 : 0);
	for (i = 0; i < n; i++, y += 21)
		pdfdraw_show(cr, MARGIN + 146, y, lines[i], PDFDRAW_LEFT);
	pdfdraw_free_lines(lines, n);
	if (p->r->referential != NULL) {
		buf_printf(&b, "Référentiel" NBSP ": %s", p->r->referential);
		pdfdraw_font(cr, 11, 0, 0);
		n = pdfdraw_wrap(cr, b.data, CONTENT_W - 146, PDFDRAW_BRK_SPACE, lines, 1);
		for (i = 0; i < n; i++)
			pdfdraw_show(cr, MARGIN + 146, y - 4, lines[i], PDFDRAW_LEFT);
		pdfdraw_free_lines(lines, n);
		buf_free(&b);
	}

	cairo_set_line_width(cr, 1.5);
	cairo_move_to(cr, MARGIN, 120);
	cairo_line_to(cr, RATE_R, 120);
	cairo_stroke(cr);
	return 120;
}

/* The titles, the period and the number of responses; returns the bottom. */
static double
draw_titles(struct poster *p, double y)
{
	cairo_t		*cr = p->cr;
	struct buf	 b = { 0 };
	char		*lines[2], num[64];
	size_t		 n, i;

	pdfdraw_font(cr, 29, 1, 0);
	y += 40;
	pdfdraw_show(cr, MARGIN, y, p->mystery ? "Contrôles mystère" NBSP ": résultats"
	    : "Votre avis sur notre accueil", PDFDRAW_LEFT);

	pdfdraw_font(cr, 15.5, 0, 0);
	n = pdfdraw_wrap(cr, p->r->campaign, CONTENT_W, PDFDRAW_BRK_SPACE, lines, 2);
	y += 8;
	for (i = 0; i < n; i++)
		pdfdraw_show(cr, MARGIN, y += 21, lines[i], PDFDRAW_LEFT);
	pdfdraw_free_lines(lines, n);

	buf_puts(&b, p->mystery ? "Contrôles réalisés " : "Enquête menée ");
	buf_puts(&b, p->period);
	buf_puts(&b, " " MIDDOT " ");
	count(num, sizeof(num), p->r->responses);
	if (p->mystery)
		buf_printf(&b, "%s %s", num,
		    p->r->responses > 1 ? p->units : p->unit);
	else if (p->r->responses == 0)
		buf_puts(&b, "aucune réponse");
	else
		buf_printf(&b, "%s %s", num,
		    p->r->responses > 1 ? "réponses" : "réponse");
	pdfdraw_font(cr, 11.5, 0, 0);
	n = pdfdraw_wrap(cr, b.data, CONTENT_W, PDFDRAW_BRK_SPACE, lines, 2);
	y += 4;
	for (i = 0; i < n; i++)
		pdfdraw_show(cr, MARGIN, y += 17, lines[i], PDFDRAW_LEFT);
	pdfdraw_free_lines(lines, n);
	buf_free(&b);
	return y;
}

/* The scale over the bars and the rates' heading, ending at y. */
static void
draw_scale(struct poster *p, double y)
{
	cairo_t	*cr = p->cr;
	int	 i;
	double	 x;

	cairo_set_source_rgb(cr, 0, 0, 0);
	pdfdraw_font(cr, 8, 0, 0);
	cairo_set_line_width(cr, 0.6);
	for (i = 0; i <= 4; i++) {
		x = TRACK_X + TRACK_W * i / 4;
		cairo_move_to(cr, x, y - 4);
		cairo_line_to(cr, x, y);
		cairo_stroke(cr);
		if (i % 2 == 0)
			pdfdraw_show(cr, x, y - 7, i == 0 ? "0" NBSP "%" :
			    i == 2 ? "50" NBSP "%" : "100" NBSP "%",
			    PDFDRAW_CENTRE);
	}
	pdfdraw_font(cr, 9, 1, 0);
	pdfdraw_show(cr, RATE_R, y - 7, p->mystery ? "Conformité" : "Satisfaction",
	    PDFDRAW_RIGHT);
}

/*
 * A criterion's bar centred on cy, bh high: the track from 0 to 100 %,
 * the rate grey in a black outline, the interval as a whisker across its
 * end, the target as a dashed tick.
 */
static void
draw_bar(struct poster *p, const struct results_row *row, double cy,
    double bh)
{
	cairo_t		*cr = p->cr;
	const double	 dash[] = { 3.0, 2.0 };
	double		 x;

	cairo_set_line_width(cr, 0.7);
	cairo_rectangle(cr, TRACK_X, cy - bh / 2, TRACK_W, bh);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_stroke(cr);
	if (row->n > 0) {
		cairo_rectangle(cr, TRACK_X, cy - bh / 2, TRACK_W * row->rate,
		    bh);
		cairo_set_source_rgb(cr, 0.68, 0.68, 0.68);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_stroke(cr);
	} else {
		pdfdraw_font(cr, 9.5, 0, 1);
		pdfdraw_show(cr, TRACK_X + 7, cy + 0.36 * 9.5, "pas de réponse",
		    PDFDRAW_LEFT);
	}

	if (row->n > 0 && isfinite(row->lower) && isfinite(row->upper)) {
		cairo_set_line_width(cr, 1.4);
		cairo_move_to(cr, TRACK_X + TRACK_W * row->lower, cy);
		cairo_line_to(cr, TRACK_X + TRACK_W * row->upper, cy);
		cairo_move_to(cr, TRACK_X + TRACK_W * row->lower,
		    cy - bh * 0.32);
		cairo_line_to(cr, TRACK_X + TRACK_W * row->lower,
		    cy + bh * 0.32);
		cairo_move_to(cr, TRACK_X + TRACK_W * row->upper,
		    cy - bh * 0.32);
		cairo_line_to(cr, TRACK_X + TRACK_W * row->upper,
		    cy + bh * 0.32);
		cairo_stroke(cr);
	}

	if (row->target >= 0) {
		x = TRACK_X + TRACK_W * row->target;
		cairo_set_line_width(cr, 1.5);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_move_to(cr, x, cy - bh / 2 - 5);
		cairo_line_to(cr, x, cy + bh / 2 + 3);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

/* Under the bar, what the rate rests on, into b. */
static void
row_notes(const struct poster *p, const struct results_row *row,
    struct buf *b)
{
	char	num[64];
	int	answered = row->n > 0;

	if (answered) {
		count(num, sizeof(num), row->n);
		if (p->mystery)
			buf_printf(b, "%s %s", num,
			    row->n > 1 ? "contrôles" : "contrôle");
		else
			buf_printf(b, "%s avis", num);
		share(num, sizeof(num), row->no_opinion_share);
		buf_printf(b, " " MIDDOT " %s %s",
		    p->mystery ? "sans objet" : "sans avis", num);
	}
	if (row->target >= 0) {
		target_percent(num, sizeof(num), row->target);
		buf_printf(b, "%sobjectif %s", b->len > 0 ? " " MIDDOT " " :
		    "", num);
	}
	if (answered && row->small_sample)
		buf_puts(b, " " MIDDOT " ");
}

/* One criterion in the band from top, h high. */
static void
draw_row(struct poster *p, const struct results_row *row, double top,
    double h)
{
	cairo_t		*cr = p->cr;
	struct buf	 b = { 0 };
	char		*lines[2], num[64];
	double		 cy, bh, rs, y, x, right, size, w;
	size_t		 n, i;
	int		 answered = row->n > 0;

	cy = top + h * 0.42;
	bh = fmin(15, h * 0.36);
	rs = fmin(30, h * 0.76);

	/* The label, its short name if it has one (two long labels may
	   be cut to the same words), one or two lines centred on the bar. */
	cairo_set_source_rgb(cr, 0, 0, 0);
	pdfdraw_font(cr, 11, 0, 0);
	n = pdfdraw_wrap(cr, row->short_label != NULL ? row->short_label :
	    row->label, LABEL_W, PDFDRAW_BRK_SPACE, lines, 2);
	y = cy + 0.36 * 11 - (n - 1) * 13.0 / 2;
	for (i = 0; i < n; i++, y += 13.0)
		pdfdraw_show(cr, MARGIN, y, lines[i], PDFDRAW_LEFT);
	pdfdraw_free_lines(lines, n);

	draw_bar(p, row, cy, bh);
	row_notes(p, row, &b);

	/* The rate in big figures, to be read from across the hall. */
	right = RATE_R;
	if (answered) {
		percent(num, sizeof(num), row->rate);
		pdfdraw_font(cr, rs, 1, 0);
		pdfdraw_show(cr, RATE_R, cy + 0.36 * rs, num, PDFDRAW_RIGHT);
		right -= pdfdraw_measure(cr, num, strlen(num), "") + 8;
	}

	/* The notes, made smaller rather than run under the rate. */
	if (b.len > 0) {
		size = 7.5;
		pdfdraw_font(cr, size, 0, 0);
		w = pdfdraw_measure(cr, b.data, b.len, answered && row->small_sample ?
		    "petit échantillon" : "");
		if (w > right - TRACK_X)
			size = fmax(6, size * (right - TRACK_X) / w);
		pdfdraw_font(cr, size, 0, 0);
		pdfdraw_show(cr, TRACK_X, cy + bh / 2 + 10.5, b.data, PDFDRAW_LEFT);
		/* Then in italics: the rate is not to be read too closely. */
		if (answered && row->small_sample) {
			x = TRACK_X + pdfdraw_measure(cr, b.data, b.len, "");
			pdfdraw_font(cr, size, 0, 1);
			pdfdraw_show(cr, x, cy + bh / 2 + 10.5, "petit échantillon",
			    PDFDRAW_LEFT);
		}
	}
	buf_free(&b);

	/* A hairline between rows guides the eye from label to rate. */
	cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
	cairo_set_line_width(cr, 0.4);
	cairo_move_to(cr, MARGIN, top + h);
	cairo_line_to(cr, RATE_R, top + h);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

/* The legend's marks, drawn in a 20-point gutter left of the text. */
enum mark {
	MARK_BAR,
	MARK_WHISKER,
	MARK_TARGET,
	MARK_SMALL,
	MARK_NONE		/* a note of the campaign's own */
};

static void
draw_mark(cairo_t *cr, enum mark m, double x, double y)
{
	const double	dash[] = { 2.5, 1.5 };

	cairo_set_source_rgb(cr, 0, 0, 0);
	switch (m) {
	case MARK_BAR:
		cairo_set_line_width(cr, 0.6);
		cairo_rectangle(cr, x, y - 7, 16, 7);
		cairo_set_source_rgb(cr, 0.68, 0.68, 0.68);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_stroke(cr);
		break;
	case MARK_WHISKER:
		cairo_set_line_width(cr, 1.2);
		cairo_move_to(cr, x + 1, y - 3.5);
		cairo_line_to(cr, x + 15, y - 3.5);
		cairo_move_to(cr, x + 1, y - 6.5);
		cairo_line_to(cr, x + 1, y - 0.5);
		cairo_move_to(cr, x + 15, y - 6.5);
		cairo_line_to(cr, x + 15, y - 0.5);
		cairo_stroke(cr);
		break;
	case MARK_TARGET:
		cairo_set_line_width(cr, 1.4);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_move_to(cr, x + 8, y - 10);
		cairo_line_to(cr, x + 8, y + 2);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		break;
	default:
		break;
	}
}

/* One paragraph of the footnote: its mark and text. */
struct note {
	enum mark	 mark;
	const char	*text;
};

/* The campaign's own notes the poster has room for. */
#define POSTER_NOTES	3
/* The footnote's paragraphs at most. */
#define NOTES_MAX	(4 + 1 + POSTER_NOTES)

/*
 * The footnote, in at most NOTES_MAX paragraphs; returns their number:
 * the results' own warning and notes first (a result out of the label's
 * rules says so where it is posted), then how to read the chart.
 */
static size_t
notes(const struct poster *p, struct note *out)
{
	size_t	n = 0, i;

	if (p->r->rules == RESULTS_RULES_NOT_MET) {
		out[n].mark = MARK_NONE;
		out[n++].text = "Attention" NBSP ": ces contrôles ne respectent "
		    "pas toutes les règles d’échantillonnage du label "
		    "(nombre, répartition ou calendrier des contacts)" NBSP ";"
		    " les taux sont donnés à titre indicatif.";
	}
	for (i = 0; i < p->r->nnotes && i < POSTER_NOTES; i++) {
		out[n].mark = MARK_NONE;
		out[n++].text = p->r->notes[i];
	}

	out[n].mark = MARK_BAR;
	out[n++].text = p->mystery ?
	    "Taux de conformité" NBSP ": part des contrôles où le critère est "
	    "respecté, parmi ceux où il s’appliquait. Les contrôles "
	    "«" NBSP "sans objet" NBSP "» sont laissés de côté" NBSP "; leur "
	    "part est indiquée sous chaque barre." :
	    "Taux de satisfaction" NBSP ": part des réponses "
	    "«" NBSP "satisfait" NBSP "» et «" NBSP "très satisfait" NBSP "» "
	    "parmi les réponses exprimant un avis. Les réponses "
	    "«" NBSP "sans avis" NBSP "» sont laissées de côté" NBSP "; leur "
	    "part est indiquée sous chaque barre.";
	out[n].mark = MARK_WHISKER;
	out[n++].text = "Le trait indique l’intervalle de confiance à "
	    "95" NBSP "%" NBSP ": la valeur réelle se situe dans cet "
	    "intervalle avec une probabilité de 95" NBSP "%.";
	if (p->any_target) {
		out[n].mark = MARK_TARGET;
		out[n++].text = "Le tiret vertical en pointillés marque "
		    "l’objectif que le service s’est fixé.";
	}
	if (p->any_small) {
		out[n].mark = MARK_SMALL;
		out[n++].text = p->mystery ?
		    "«" NBSP "Petit échantillon" NBSP "»" NBSP ": moins de 30 "
		    "contrôles" NBSP "; le taux est alors peu précis et "
		    "l’intervalle large." :
		    "«" NBSP "Petit échantillon" NBSP "»" NBSP ": moins de 30 "
		    "avis exprimés" NBSP "; le taux est alors peu précis et "
		    "l’intervalle large.";
	}
	return n;
}

#define NOTE_SIZE	8.5
#define NOTE_LEAD	10.5
#define NOTE_GUTTER	24.0
#define NOTE_LINES	4		/* per paragraph, at most */

/* Draws the footnote from top when draw, and returns its height. */
static double
draw_notes(struct poster *p, double top, int draw)
{
	cairo_t		*cr = p->cr;
	struct note	 note[NOTES_MAX];
	char		*lines[NOTE_LINES];
	size_t		 nnotes, i, j, n;
	double		 y = top;

	pdfdraw_font(cr, NOTE_SIZE, 0, 0);
	nnotes = notes(p, note);
	for (i = 0; i < nnotes; i++) {
		n = pdfdraw_wrap(cr, note[i].text, CONTENT_W - NOTE_GUTTER, PDFDRAW_BRK_SPACE,
		    lines, NOTE_LINES);
		if (draw)
			draw_mark(cr, note[i].mark, MARGIN, y + NOTE_SIZE);
		for (j = 0; j < n; j++)
			if (draw)
				pdfdraw_show(cr, MARGIN + NOTE_GUTTER,
				    y + NOTE_SIZE + j * NOTE_LEAD, lines[j],
				    PDFDRAW_LEFT);
		pdfdraw_free_lines(lines, n);
		y += n * NOTE_LEAD + 2;
	}
	return y - top;
}

/* The QR code and the invitation, in the band ending at bottom. */
static double
qr_height(const struct poster *p)
{
	return p->qr == NULL ? 0 : QR_SYMBOL;
}

static void
draw_invitation(struct poster *p, double bottom)
{
	cairo_t	*cr = p->cr;
	char	*lines[3], *en[2], *url[3];
	size_t	 n, nen, nurl, i;
	double	 top = bottom - QR_SYMBOL, x, y, w;

	pdfdraw_qr(cr, p->qr, MARGIN, top, QR_SYMBOL);
	x = MARGIN + QR_SYMBOL + 24;
	w = RATE_R - x;

	pdfdraw_font(cr, 15, 1, 0);
	n = pdfdraw_wrap(cr, "Donnez votre avis" NBSP ": scannez ce code ou "
	    "rendez-vous sur", w, PDFDRAW_BRK_SPACE, lines, 3);
	/* The questionnaire is in English too: so is the invitation. */
	pdfdraw_font(cr, 12, 0, 1);
	nen = pdfdraw_wrap(cr, "Give your opinion: scan this code or go to", w,
	    PDFDRAW_BRK_SPACE, en, 2);
	pdfdraw_font(cr, 13, 0, 0);
	nurl = pdfdraw_wrap(cr, p->url, w, PDFDRAW_BRK_URL, url, 3);
	/* Centred beside the code. */
	y = top + QR_SYMBOL / 2 - (n * 19 + nen * 15 + 6 + nurl * 17) / 2 +
	    14;
	pdfdraw_font(cr, 15, 1, 0);
	for (i = 0; i < n; i++, y += 19)
		pdfdraw_show(cr, x, y, lines[i], PDFDRAW_LEFT);
	pdfdraw_font(cr, 12, 0, 1);
	for (i = 0; i < nen; i++, y += 15)
		pdfdraw_show(cr, x, y, en[i], PDFDRAW_LEFT);
	y += 6;
	pdfdraw_font(cr, 13, 0, 0);
	for (i = 0; i < nurl; i++, y += 17)
		pdfdraw_show(cr, x, y, url[i], PDFDRAW_LEFT);
	pdfdraw_free_lines(lines, n);
	pdfdraw_free_lines(en, nen);
	pdfdraw_free_lines(url, nurl);
}

/* One page with rows first to first + nrows - 1 (0-based). */
static void
draw_page(struct poster *p, size_t page, size_t first, size_t nrows)
{
	cairo_t	*cr = p->cr;
	char	 num[64];
	double	 y, bottom, notes_h, h;
	size_t	 i;

	y = draw_header(p);
	y = draw_titles(p, y);
	y += 30;
	draw_scale(p, y);

	bottom = POSTER_HEIGHT - 34;
	if (p->npages > 1) {
		pdfdraw_font(cr, 8, 0, 0);
		snprintf(num, sizeof(num), "page %zu/%zu", page + 1,
		    p->npages);
		pdfdraw_show(cr, RATE_R, POSTER_HEIGHT - 22, num, PDFDRAW_RIGHT);
	}
	if (p->qr != NULL) {
		draw_invitation(p, bottom);
		bottom -= qr_height(p) + 18;
	}
	notes_h = draw_notes(p, 0, 0);
	bottom -= notes_h + 12;

	/* The footnote follows the rows when they leave room. */
	h = fmin(ROW_MAX_H, (bottom - y) / nrows);
	for (i = 0; i < nrows; i++)
		draw_row(p, &p->r->rows[first + i], y + i * h, h);
	draw_notes(p, fmin(bottom, y + nrows * h) + 12, 1);
}

int
poster_pdf(const struct results *r, const char *questionnaire_url,
    const char *emblem_png, struct buf *out, char **cause)
{
	struct poster	 p;
	char		*title = NULL;
	size_t		 start, page, first, per, extra, i;
	int		 rc = -1;

	memset(&p, 0, sizeof(p));
	start = out->len;
	if (check(r, cause) == -1)
		goto out;
	p.r = r;
	if (r->kind != NULL && strcmp(r->kind, "satisfaction") == 0)
		p.mystery = 0;
	else if (r->kind != NULL && strcmp(r->kind, "mystery-call") == 0) {
		p.mystery = 1;
		p.unit = "appel mystère";
		p.units = "appels mystère";
	} else if (r->kind != NULL && strcmp(r->kind, "mystery-email") == 0) {
		p.mystery = 1;
		p.unit = "courriel mystère";
		p.units = "courriels mystère";
	} else {
		xasprintf(cause, "unknown kind of campaign \"%s\"",
		    r->kind == NULL ? "(none)" : r->kind);
		goto out;
	}
	if ((p.period = period(r->opens_on, r->closes_on, cause)) == NULL)
		goto out;
	if (!p.mystery && questionnaire_url != NULL) {
		if ((p.qr = pdfdraw_qr_encode(questionnaire_url, cause)) == NULL)
			goto out;
		p.url = questionnaire_url;
	}
	/* Without a readable emblem, the bloc is its text alone. */
	if (emblem_png != NULL) {
		p.emblem = cairo_image_surface_create_from_png(emblem_png);
		if (cairo_surface_status(p.emblem) != CAIRO_STATUS_SUCCESS ||
		    cairo_image_surface_get_height(p.emblem) <= 0) {
			cairo_surface_destroy(p.emblem);
			p.emblem = NULL;
		}
	}
	for (i = 0; i < r->nrows; i++) {
		if (r->rows[i].target >= 0)
			p.any_target = 1;
		if (r->rows[i].n > 0 && r->rows[i].small_sample)
			p.any_small = 1;
	}

	xasprintf(&title, "%s" NBSP ": %s (%s)", p.mystery ?
	    "Contrôles mystère" : "Votre avis sur notre accueil", r->campaign,
	    r->site);
	if ((p.cr = pdfdraw_begin(out, POSTER_WIDTH, POSTER_HEIGHT, title,
	    r->site, cause)) == NULL)
		goto out;

	/* Rows shared evenly between the pages, the first ones fuller. */
	p.npages = (r->nrows + POSTER_ROWS_PER_PAGE - 1) /
	    POSTER_ROWS_PER_PAGE;
	per = r->nrows / p.npages;
	extra = r->nrows % p.npages;
	for (page = 0, first = 0; page < p.npages; page++) {
		draw_page(&p, page, first, per + (page < extra));
		first += per + (page < extra);
		if (pdfdraw_page(p.cr, page + 1, cause) == -1)
			goto out;
	}
	rc = 0;
out:
	if (pdfdraw_end(p.cr, out, start, rc == -1, cause) == -1)
		rc = -1;
	if (p.qr != NULL)
		QRcode_free(p.qr);
	if (p.emblem != NULL)
		cairo_surface_destroy(p.emblem);
	free(p.period);
	free(title);
	return rc;
}

/* Adds a run of dark modules to the SVG path in arg, a struct buf. */
static void
svg_run(void *arg, int i, int j, int run)
{
	buf_printf(arg, "M%d %dh%dv1h-%dz", i + QR_QUIET, j + QR_QUIET, run,
	    run);
}

int
poster_qr_svg(const char *url, struct buf *out, char **cause)
{
	QRcode	*qr;
	int	 size;

	if ((qr = pdfdraw_qr_encode(url, cause)) == NULL)
		return -1;
	size = qr->width + 2 * QR_QUIET;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"160\" height=\"160\" "
	    "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Code QR "
	    "du questionnaire" NBSP ": ", size, size);
	html_puts(out, url);
	buf_printf(out, "\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", size, size);
	pdfdraw_qr_runs(qr, svg_run, out);
	buf_puts(out, "\"/></svg>");
	QRcode_free(qr);
	return 0;
}

char *
poster_emblem_path(void)
{
	const char	*path = getenv("QUALIMETRE_POSTER_EMBLEM");
	FILE		*f;

	if (path == NULL || *path == '\0') {
		log_warnx("QUALIMETRE_POSTER_EMBLEM is not set: posters "
		    "without the Marianne emblem");
		return NULL;
	}
	if ((f = fopen(path, "rb")) == NULL) {
		log_warnx("%s (QUALIMETRE_POSTER_EMBLEM): %s: posters "
		    "without the Marianne emblem", path, strerror(errno));
		return NULL;
	}
	fclose(f);
	return xstrdup(path);
}
