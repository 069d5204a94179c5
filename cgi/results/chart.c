/*
 * Bar charts of a campaign's results as inline SVG, with their data
 * tables, and French numbers (chart.h). The SVG is styled by attributes
 * only: the Content-Security-Policy allows no inline style.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cal.h"
#include "chart.h"
#include "html.h"
#include "results.h"
#include "stats.h"
#include "xmalloc.h"

#define NBSP		CHART_NBSP
#define MINUS		"\xe2\x88\x92"	/* U+2212 minus sign */
#define ELLIPSIS	"\xe2\x80\xa6"	/* U+2026 */
#define EMDASH		"\xe2\x80\x94"	/* U+2014, an empty cell */
#define LAQUO		"\xc2\xab" NBSP	/* French quotes, with their */
#define RAQUO		NBSP "\xc2\xbb"	/* no-break spaces */

/*
 * Geometry in SVG user units. The viewBox is CHART_W wide: drawn 720 px
 * wide, a unit is a pixel and the smallest text is 12 px.
 */
#define CHART_W		720
#define CHART_LABEL_X	292	/* right edge of the criteria's labels */
#define CHART_X0	304	/* x of 0 % */
#define CHART_PW	348	/* from 0 % to 100 % */
#define CHART_TOP	12	/* above the first row */
#define CHART_ROW_H	44	/* a row with a label of one or two lines */
#define CHART_BAR_H	20
#define CHART_TICK	6	/* half height of a whisker's end */
#define CHART_OVER	6	/* the target line's overshoot of a bar */
#define CHART_AXIS_H	30	/* under the rows: the axis's labels */
#define CHART_LEG_H	22	/* one line of the legend */
#define CHART_LEG_X2	372	/* the legend's second column */
#define CHART_FONT	13	/* labels and rates */
#define CHART_SMALL	12	/* axis and legend */
#define CHART_LINE	15	/* from one line of a label to the next */
#define CHART_LINES	3	/* lines of a label at most */
/*
 * Code points on one line of a label: 13 px text averages 6.2 px a
 * character in Marianne (6.5 in Arial), so 42 fill 260 to 273 of the
 * 292 units, with room for capitals and wide letters.
 */
#define CHART_CHARS	42

/* The greys: DSFR's text colour, a mid-grey that prints as one. */
#define INK		"#161616"
#define MUTED		"#3a3a3a"
#define GREY		"#a6a6a6"
#define HATCH_BG	"#e6e6e6"
#define GRID		"#d0d0d0"

/* What the drawing needs of a criterion or a group. */
struct chart_bar {
	const char	*label;		/* untrusted: escaped */
	long long	 n;		/* opinions; no bar when 0 */
	double		 rate, lower, upper;
	double		 target;	/* in [0, 1], or -1 */
	int		 below;		/* verdict STATS_BELOW: hatched */
	int		 small;		/* small sample: starred */
	/* The label's lines, set by chart_wrap: */
	size_t		 off[CHART_LINES]; /* each line's first byte */
	size_t		 len[CHART_LINES]; /* and its length */
	int		 nlines;	/* 1 to CHART_LINES */
	int		 cut;		/* the last line ends with "…" */
};

/* Which legend entries a chart needs. */
struct chart_legend {
	int		 target;	/* a target line is drawn */
	int		 below;		/* a bar is hatched */
	int		 small;		/* a rate is starred */
};

static const char *const chart_verdicts[STATS_VERDICT__MAX] = {
	"dépassé",		/* STATS_ABOVE */
	"atteint",		/* STATS_MET */
	"non atteint",		/* STATS_BELOW */
	"non concluant",	/* STATS_INCONCLUSIVE */
};

int
chart_number(double v, int decimals, char *out, size_t size)
{
	char		 tmp[64], res[CHART_NUMBER_MAX];
	const char	*p, *digits;
	size_t		 ilen, i, len = 0;
	int		 neg, zero;

	if (size == 0)
		return -1;
	out[0] = '\0';
	if (decimals < 0 || decimals > 9)
		return -1;
	if (!isfinite(v)) {
		if (size < sizeof("n.d."))
			return -1;
		memcpy(out, "n.d.", sizeof("n.d."));
		return (int)sizeof("n.d.") - 1;
	}
	if (fabs(v) >= 1e15)
		return -1;
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	neg = tmp[0] == '-';
	digits = tmp + neg;
	/* A negative value that rounds to zero is written "0". */
	zero = 1;
	for (p = digits; *p != '\0'; p++)
		if (*p >= '1' && *p <= '9')
			zero = 0;
	if (neg && !zero) {
		memcpy(res, MINUS, sizeof(MINUS) - 1);
		len = sizeof(MINUS) - 1;
	}
	/* The decimal point is '.', or ',' under another LC_NUMERIC. */
	ilen = strcspn(digits, ".,");
	for (i = 0; i < ilen; i++) {
		if (i > 0 && ilen > 3 && (ilen - i) % 3 == 0) {
			memcpy(res + len, NBSP, sizeof(NBSP) - 1);
			len += sizeof(NBSP) - 1;
		}
		res[len++] = digits[i];
	}
	if (digits[ilen] != '\0') {
		res[len++] = ',';
		for (p = digits + ilen + 1; *p != '\0'; p++)
			res[len++] = *p;
	}
	res[len] = '\0';
	if (len + 1 > size)
		return -1;
	memcpy(out, res, len + 1);
	return (int)len;
}

int
chart_percent(double v, int decimals, char *out, size_t size)
{
	int	n;

	if ((n = chart_number(100.0 * v, decimals, out, size)) < 0)
		return -1;
	if (!isfinite(v))
		return n;
	if ((size_t)n + sizeof(NBSP "%") > size) {
		out[0] = '\0';
		return -1;
	}
	memcpy(out + n, NBSP "%", sizeof(NBSP "%"));
	return n + (int)sizeof(NBSP "%") - 1;
}

const char *
chart_verdict_name(enum stats_verdict v)
{
	if ((int)v < 0 || v >= STATS_VERDICT__MAX)
		return NULL;
	return chart_verdicts[v];
}

void
chart_put_percent(struct buf *b, double v, int decimals)
{
	char	s[CHART_NUMBER_MAX];

	chart_percent(v, decimals, s, sizeof(s));
	buf_puts(b, s);
}

void
chart_put_count(struct buf *b, long long n)
{
	char	s[CHART_NUMBER_MAX];

	chart_number((double)n, 0, s, sizeof(s));
	buf_puts(b, s);
}

void
chart_put_interval(struct buf *b, double lower, double upper, int decimals)
{
	if (isnan(lower) || isnan(upper)) {
		buf_puts(b, EMDASH);
		return;
	}
	buf_putc(b, '[');
	chart_put_percent(b, lower, decimals);
	buf_puts(b, NBSP "; ");
	chart_put_percent(b, upper, decimals);
	buf_putc(b, ']');
}

int
chart_target_decimals(double target)
{
	return fabs(100.0 * target - round(100.0 * target)) < 1e-9 ? 0 : 1;
}

/* Appends a date YYYY-MM-DD as DD/MM/YYYY; anything else escaped. */
static void
chart_put_date(struct buf *b, const char *d)
{
	size_t	i;

	for (i = 0; d != NULL && i < 10; i++)
		if ((i == 4 || i == 7) ? d[i] != '-' :
		    (d[i] < '0' || d[i] > '9'))
			break;
	if (d == NULL || i < 10 || d[10] != '\0') {
		html_puts(b, d);
		return;
	}
	buf_printf(b, "%.2s/%.2s/%.4s", d + 8, d + 5, d);
}

/* An interval method's French name, as it follows "méthode". */
static const char *
chart_method_name(enum stats_method m)
{
	switch (m) {
	case STATS_WILSON:
		return "du score de Wilson";
	case STATS_EXACT:
		return "exacte de Clopper-Pearson";
	case STATS_JEFFREYS:
		return "de Jeffreys";
	case STATS_AGRESTI_COULL:
		return "d'Agresti-Coull";
	case STATS_WALD:
		return "de Wald";
	default:
		return NULL;
	}
}

/* The x of a rate in [0, 1], clamped, on an axis from x0, pw long. */
static double
chart_scale(double v, double x0, double pw)
{
	if (v < 0.0)
		v = 0.0;
	if (v > 1.0)
		v = 1.0;
	return x0 + pw * v;
}

/* The x of a rate in [0, 1]. */
static double
chart_x(double v)
{
	return chart_scale(v, CHART_X0, CHART_PW);
}

/*
 * Whether a line may break at the space s[i]: French sets a space
 * before ? ! : ; and », and after «, that keeps to its word.
 */
static int
chart_breakable(const char *s, size_t len, size_t i)
{
	if (i + 1 < len && strchr("?!:;", s[i + 1]) != NULL)
		return 0;
	if (i + 2 < len && memcmp(s + i + 1, "\xc2\xbb", 2) == 0)
		return 0;
	if (i >= 2 && memcmp(s + i - 2, "\xc2\xab", 2) == 0)
		return 0;
	return 1;
}

/*
 * Returns the bytes of the longest start of s (len bytes) that holds at
 * most max code points and ends at a break, all of s when it fits, or
 * max code points when no break fits; *skip gets the bytes to skip to
 * the next line (the break's space included).
 */
static size_t
chart_fit(const char *s, size_t len, size_t max, size_t *skip)
{
	size_t	i, cps = 0, last = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (cps == max)
				break;
			cps++;
		}
		if (s[i] == ' ' && i > 0 && chart_breakable(s, len, i))
			last = i;
	}
	if (i == len) {
		*skip = len;
		return len;
	}
	if (s[i] == ' ' && chart_breakable(s, len, i))
		last = i;
	if (last == 0) {
		*skip = i;
		return i;
	}
	*skip = last + 1;
	return last;
}

/*
 * Splits c's label greedily into lines of at most width code points, cut
 * at spaces; past CHART_LINES lines the last is shortened at a word to
 * end with an ellipsis (c->cut), and the whole text goes in a <title>.
 */
static void
chart_wrap_at(struct chart_bar *c, size_t width)
{
	const char	*s = c->label != NULL ? c->label : "";
	size_t		 len = strlen(s), at = 0, skip;
	int		 k;

	c->cut = 0;
	for (k = 0; k < CHART_LINES; k++) {
		c->off[k] = at;
		c->len[k] = chart_fit(s + at, len - at, width, &skip);
		if (at + skip >= len)
			break;
		if (k == CHART_LINES - 1) {
			c->len[k] = chart_fit(s + at, len - at, width - 1,
			    &skip);
			c->cut = 1;
			break;
		}
		at += skip;
	}
	c->nlines = k + 1;	/* the loop always leaves by a break */
}

/*
 * Wraps c's label in as few lines of CHART_CHARS as it takes, then
 * narrows them while it takes no more, so that the lines come out even
 * ("Comment jugez-vous la courtoisie / des agents ?", not a last line of
 * one word).
 */
static void
chart_wrap(struct chart_bar *c)
{
	struct chart_bar	t;
	size_t			w;
	int			k, split;

	chart_wrap_at(c, CHART_CHARS);
	if (c->cut || c->nlines == 1)
		return;
	for (w = CHART_CHARS - 1; w >= CHART_CHARS / 3; w--) {
		t = *c;
		chart_wrap_at(&t, w);
		/* A line that ends where the next starts split a word. */
		for (split = 0, k = 0; k + 1 < t.nlines; k++)
			if (t.off[k + 1] == t.off[k] + t.len[k])
				split = 1;
		if (t.cut || split || t.nlines != c->nlines)
			break;
		*c = t;
	}
}

/* The height of c's row: a third line of label makes it taller. */
static double
chart_row_h(const struct chart_bar *c)
{
	return c->nlines <= 2 ? CHART_ROW_H :
	    CHART_ROW_H + (c->nlines - 2) * CHART_LINE;
}

/* Draws c's label, right-aligned against the bars, centred on cy. */
static void
chart_label(struct buf *b, const struct chart_bar *c, double cy)
{
	const char	*s = c->label != NULL ? c->label : "";
	double		 y = cy + 4.5 - (c->nlines - 1) * CHART_LINE / 2.0;
	int		 k;

	buf_printf(b, "<text class=\"qm-label\" x=\"%d\" y=\"%.1f\" "
	    "text-anchor=\"end\" fill=\"" INK "\">", CHART_LABEL_X, y);
	if (c->cut) {
		buf_puts(b, "<title>");
		html_puts(b, s);
		buf_puts(b, "</title>");
	}
	if (c->nlines == 1)
		html_put(b, s + c->off[0], c->len[0]);
	else
		for (k = 0; k < c->nlines; k++) {
			buf_printf(b, "<tspan x=\"%d\" y=\"%.1f\">",
			    CHART_LABEL_X, y + k * CHART_LINE);
			html_put(b, s + c->off[k], c->len[k]);
			if (c->cut && k == c->nlines - 1)
				buf_puts(b, ELLIPSIS);
			buf_puts(b, "</tspan>");
		}
	buf_puts(b, "</text>\n");
}

/* The legend's entries: what is drawn, and what it means. */
static size_t
chart_legend_items(const struct chart_legend *lg)
{
	return 2 + (lg->target != 0) + (lg->below != 0);
}

/* The rows' height, from the top of the first to the axis. */
static double
chart_rows_h(const struct chart_bar *bars, size_t nbars)
{
	double	h = 0.0;
	size_t	i;

	for (i = 0; i < nbars; i++)
		h += chart_row_h(&bars[i]);
	return h;
}

/* The SVG's height: rows, axis, legend. */
static double
chart_height(const struct chart_bar *bars, size_t nbars,
    const struct chart_legend *lg)
{
	size_t	lines;

	lines = (chart_legend_items(lg) + 1) / 2 + (lg->small != 0);
	return CHART_TOP + chart_rows_h(bars, nbars) + CHART_AXIS_H +
	    lines * CHART_LEG_H + 4;
}

/* Opens the <svg> element; the caller writes <title> and <desc> next. */
static void
chart_svg_open(struct buf *b, const char *id, const struct chart_bar *bars,
    size_t nbars, const struct chart_legend *lg)
{
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"qm-chart\" viewBox=\"0 0 %d %.0f\" width=\"100%%\" "
	    "role=\"img\" aria-labelledby=\"", CHART_W,
	    chart_height(bars, nbars, lg));
	html_puts(b, id);
	/* The title names the chart; the longer description is read
	   after it, on request, rather than as one long name. */
	buf_puts(b, "-title\" aria-describedby=\"");
	html_puts(b, id);
	buf_printf(b, "-desc\" font-family=\"Marianne, arial, sans-serif\" "
	    "font-size=\"%d\">\n", CHART_FONT);
}

/* Writes the start of an element with its id, id-suffix. */
static void
chart_open_id(struct buf *b, const char *tag, const char *id,
    const char *suffix)
{
	buf_printf(b, "<%s id=\"", tag);
	html_puts(b, id);
	buf_printf(b, "-%s\">", suffix);
}

/* A whisker, its white halo first so it shows on the hatching. */
static void
chart_whisker(struct buf *b, double xl, double xu, double cy)
{
	buf_printf(b, "<path d=\"M%.2f %.2fH%.2fM%.2f %.2fV%.2fM%.2f %.2f"
	    "V%.2f\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"4\"/>\n",
	    xl, cy, xu, xl, cy - CHART_TICK, cy + CHART_TICK, xu,
	    cy - CHART_TICK, cy + CHART_TICK);
	buf_printf(b, "<line class=\"qm-ci\" x1=\"%.2f\" y1=\"%.2f\" "
	    "x2=\"%.2f\" y2=\"%.2f\" stroke=\"" INK "\" "
	    "stroke-width=\"1.5\"/>\n", xl, cy, xu, cy);
	buf_printf(b, "<line class=\"qm-ci-end\" x1=\"%.2f\" y1=\"%.2f\" "
	    "x2=\"%.2f\" y2=\"%.2f\" stroke=\"" INK "\" "
	    "stroke-width=\"1.5\"/>\n", xl, cy - CHART_TICK, xl,
	    cy + CHART_TICK);
	buf_printf(b, "<line class=\"qm-ci-end\" x1=\"%.2f\" y1=\"%.2f\" "
	    "x2=\"%.2f\" y2=\"%.2f\" stroke=\"" INK "\" "
	    "stroke-width=\"1.5\"/>\n", xu, cy - CHART_TICK, xu,
	    cy + CHART_TICK);
}

/* A target's dashed line across its bar. */
static void
chart_target_line(struct buf *b, double x, double y1, double y2)
{
	buf_printf(b, "<line class=\"qm-target\" x1=\"%.2f\" y1=\"%.2f\" "
	    "x2=\"%.2f\" y2=\"%.2f\" stroke=\"" INK "\" stroke-width=\"2\" "
	    "stroke-dasharray=\"5 3\"/>\n", x, y1, x, y2);
}

/* One row: label, bar, target, whisker, rate; or "pas de réponse". */
static void
chart_row(struct buf *b, const char *id, const struct chart_bar *c,
    double top)
{
	double	cy = top + chart_row_h(c) / 2.0, y = cy - CHART_BAR_H / 2.0;
	double	xr, xl, xu, xt = -1.0, xtext;

	chart_label(b, c, cy);
	if (c->n <= 0 || isnan(c->rate)) {
		buf_printf(b, "<text class=\"qm-none\" x=\"%d\" y=\"%.1f\" "
		    "font-style=\"italic\" fill=\"" MUTED "\">pas de "
		    "réponse</text>\n", CHART_X0 + 8, cy + 4.5);
		return;
	}
	xr = chart_x(c->rate);
	xl = chart_x(c->lower);
	xu = chart_x(c->upper);
	buf_printf(b, "<rect class=\"qm-bar%s\" x=\"%d\" y=\"%.2f\" "
	    "width=\"%.2f\" height=\"%d\" fill=\"", c->below ? " qm-below" :
	    "", CHART_X0, y, xr - CHART_X0, CHART_BAR_H);
	if (c->below) {
		buf_puts(b, "url(#");
		html_puts(b, id);
		buf_puts(b, "-hatch)\" stroke=\"" INK "\" stroke-width=\"2\"/>\n");
	} else
		buf_puts(b, GREY "\" stroke=\"" INK "\" stroke-width=\"1\"/>\n");
	if (c->target >= 0.0) {
		xt = chart_x(c->target);
		chart_target_line(b, xt, y - CHART_OVER,
		    y + CHART_BAR_H + CHART_OVER);
	}
	chart_whisker(b, xl, xu, cy);
	/* The rate follows the bar and its whisker, and steps over a
	   target line it would run into. */
	xtext = (xr > xu ? xr : xu) + 6.0;
	if (xt >= 0.0 && xt > xtext - 4.0 && xt < xtext + 44.0)
		xtext = xt + 6.0;
	buf_printf(b, "<text class=\"qm-rate\" x=\"%.2f\" y=\"%.1f\" "
	    "font-weight=\"bold\" fill=\"" INK "\">", xtext, cy + 4.5);
	chart_put_percent(b, c->rate, 0);
	if (c->small)
		buf_puts(b, NBSP "*");
	buf_puts(b, "</text>\n");
}

/* The legend's glyph and text at (x, cy), entry k. */
static void
chart_legend_item(struct buf *b, const char *id, int k, double x,
    double cy, int conform)
{
	switch (k) {
	case 0:
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"28\" "
		    "height=\"12\" fill=\"" GREY "\" stroke=\"" INK "\"/>",
		    x, cy - 6.0);
		break;
	case 1:
		buf_printf(b, "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f "
		    "%.1fV%.1f\" fill=\"none\" stroke=\"" INK "\" "
		    "stroke-width=\"1.5\"/>", x + 2, cy, x + 26, x + 2,
		    cy - CHART_TICK, cy + CHART_TICK, x + 26, cy - CHART_TICK,
		    cy + CHART_TICK);
		break;
	case 2:
		buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"" INK "\" stroke-width=\"2\" "
		    "stroke-dasharray=\"5 3\"/>", x + 14, cy - 9.0, x + 14,
		    cy + 9.0);
		break;
	default:
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"28\" "
		    "height=\"12\" fill=\"url(#", x, cy - 6.0);
		html_puts(b, id);
		buf_puts(b, "-hatch)\" stroke=\"" INK "\" stroke-width=\"2\"/>");
		break;
	}
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
	    "fill=\"" INK "\">", x + 36, cy + 4.0, CHART_SMALL);
	switch (k) {
	case 0:
		buf_puts(b, conform ? "taux de conformité" :
		    "taux de satisfaction");
		break;
	case 1:
		buf_puts(b, "intervalle de confiance à 95" NBSP "%");
		break;
	case 2:
		buf_puts(b, "objectif");
		break;
	default:
		buf_puts(b, "objectif non atteint");
		break;
	}
	buf_puts(b, "</text>\n");
}

/*
 * Draws everything after <title> and <desc>: the hatching, the axis and
 * its grid, the rows, the legend; and closes the <svg>.
 */
static void
chart_svg_body(struct buf *b, const char *id, const struct chart_bar *bars,
    size_t nbars, const struct chart_legend *lg, int conform)
{
	double	bottom = CHART_TOP + chart_rows_h(bars, nbars), y;
	size_t	i;
	int	k, n, kinds[4];

	buf_puts(b, "<defs><pattern id=\"");
	html_puts(b, id);
	buf_puts(b, "-hatch\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"6\" height=\"6\" fill=\"" HATCH_BG "\"/>"
	    "<line x1=\"1.5\" y1=\"0\" x2=\"1.5\" y2=\"6\" stroke=\"" INK "\" "
	    "stroke-width=\"2\"/></pattern></defs>\n");

	/* Gridlines every 20 %, under the bars. */
	for (k = 0; k <= 5; k++) {
		buf_printf(b, "<line class=\"%s\" x1=\"%.2f\" y1=\"%d\" "
		    "x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
		    "stroke-width=\"1\"/>\n", k == 0 ? "qm-axis" : "qm-grid",
		    chart_x(k / 5.0), CHART_TOP - 4, chart_x(k / 5.0), bottom,
		    k == 0 ? INK : GRID);
		buf_printf(b, "<text class=\"qm-tick\" x=\"%.2f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-size=\"%d\" "
		    "fill=\"" MUTED "\">", chart_x(k / 5.0), bottom + 17.0,
		    CHART_SMALL);
		chart_put_percent(b, k / 5.0, 0);
		buf_puts(b, "</text>\n");
	}

	y = CHART_TOP;
	for (i = 0; i < nbars; i++) {
		chart_row(b, id, &bars[i], y);
		y += chart_row_h(&bars[i]);
	}

	n = 0;
	kinds[n++] = 0;
	kinds[n++] = 1;
	if (lg->target)
		kinds[n++] = 2;
	if (lg->below)
		kinds[n++] = 3;
	y = bottom + CHART_AXIS_H + CHART_LEG_H / 2.0;
	buf_puts(b, "<g class=\"qm-legend\">\n");
	for (k = 0; k < n; k++)
		chart_legend_item(b, id, kinds[k], k % 2 ? CHART_LEG_X2 : 12,
		    y + (k / 2) * CHART_LEG_H, conform);
	if (lg->small)
		buf_printf(b, "<text x=\"12\" y=\"%.1f\" font-size=\"%d\" "
		    "fill=\"" INK "\">*" NBSP "moins de %d réponses" NBSP ": "
		    "résultat à interpréter avec prudence</text>\n",
		    y + ((n + 1) / 2) * CHART_LEG_H + 4.0, CHART_SMALL,
		    RESULTS_SMALL_SAMPLE);
	buf_puts(b, "</g>\n</svg>\n");
}

/* The row's figures as the chart draws them. */
static void
chart_bar_of_row(const struct results_row *row, struct chart_bar *c)
{
	c->label = row->label != NULL ? row->label : row->key;
	c->n = row->n;
	c->rate = row->rate;
	c->lower = row->lower;
	c->upper = row->upper;
	c->target = row->target;
	c->below = row->has_verdict && row->verdict == STATS_BELOW;
	c->small = row->small_sample;
}

/* Whether r is a mystery grid: its rates are of conformity. */
static int
chart_conform(const struct results *r)
{
	return r->kind != NULL && strncmp(r->kind, "mystery", 7) == 0;
}

/*
 * Writes the lowest and highest rates among the bars, with their
 * labels: "Du plus bas au plus haut : 52 % (…) à 98 % (…). " The first
 * of equal rates is named.
 */
static void
chart_desc_range(struct buf *b, const struct chart_bar *bars, size_t n)
{
	size_t	i, lo = n, hi = n;

	for (i = 0; i < n; i++) {
		if (bars[i].n <= 0 || isnan(bars[i].rate))
			continue;
		if (lo == n || bars[i].rate < bars[lo].rate)
			lo = i;
		if (hi == n || bars[i].rate > bars[hi].rate)
			hi = i;
	}
	if (lo == n)
		return;
	if (lo == hi) {
		buf_puts(b, "Taux" NBSP ": ");
		chart_put_percent(b, bars[lo].rate, 0);
		buf_puts(b, ". ");
		return;
	}
	buf_puts(b, "Du plus bas au plus haut" NBSP ": ");
	chart_put_percent(b, bars[lo].rate, 0);
	buf_puts(b, " (");
	html_puts(b, bars[lo].label);
	buf_puts(b, ") à ");
	chart_put_percent(b, bars[hi].rate, 0);
	buf_puts(b, " (");
	html_puts(b, bars[hi].label);
	buf_puts(b, "). ");
}

void
chart_put_counted(struct buf *b, long long n, const char *noun,
    const char *plural)
{
	chart_put_count(b, n);
	buf_puts(b, " ");
	buf_puts(b, n > 1 ? plural : noun);
}

/* The text alternative of chart_bars's SVG: what a reader sees in it. */
static void
chart_bars_desc(struct buf *b, const struct results *r,
    const struct chart_bar *bars, const struct chart_legend *lg)
{
	size_t	i, none = 0, verdicts[STATS_VERDICT__MAX] = { 0 };
	int	nv = 0;

	buf_puts(b, chart_conform(r) ? "Taux de conformité" :
	    "Taux de satisfaction");
	buf_puts(b, " par critère, avec intervalle de confiance à 95" NBSP "%");
	if (lg->target)
		buf_puts(b, " et objectif");
	buf_puts(b, ". ");
	chart_put_counted(b, r->responses, "réponse", "réponses");
	buf_puts(b, ", ");
	chart_put_counted(b, (long long)r->nrows, "critère", "critères");
	buf_puts(b, ". ");
	chart_desc_range(b, bars, r->nrows);
	for (i = 0; i < r->nrows; i++) {
		if (r->rows[i].n <= 0)
			none++;
		else if (r->rows[i].has_verdict &&
		    r->rows[i].verdict < STATS_VERDICT__MAX) {
			verdicts[r->rows[i].verdict]++;
			nv++;
		}
	}
	if (nv > 0) {
		buf_puts(b, "Objectif dépassé ou atteint" NBSP ": ");
		chart_put_counted(b, (long long)(verdicts[STATS_ABOVE] +
		    verdicts[STATS_MET]), "critère", "critères");
		buf_puts(b, NBSP "; non atteint" NBSP ": ");
		chart_put_count(b, (long long)verdicts[STATS_BELOW]);
		buf_puts(b, NBSP "; non concluant" NBSP ": ");
		chart_put_count(b, (long long)verdicts[STATS_INCONCLUSIVE]);
		buf_puts(b, ". ");
	}
	if (none > 0) {
		chart_put_counted(b, (long long)none, "critère", "critères");
		buf_puts(b, " sans réponse. ");
	}
	buf_puts(b, "Les valeurs sont données dans le tableau qui suit.");
}

void
chart_table_open(struct buf *b, const char *id)
{
	buf_puts(b, "<div class=\"fr-table qm-table-wide\">\n"
	    HTML_TABLE_BOXES "<table");
	if (id != NULL) {
		buf_puts(b, " id=\"");
		html_puts(b, id);
		buf_puts(b, "-table\"");
	}
	buf_puts(b, ">\n");
}

void
chart_table_close(struct buf *b)
{
	buf_puts(b, "</tbody>\n</table>\n" HTML_TABLE_BOXES_END "</div>\n");
}

/* The verdict as the page says it: met (above it too), not met, or
   inconclusive; NULL without a verdict. */
static const char *
chart_badge_name(const struct results_row *row, const char **variant)
{
	if (!row->has_verdict)
		return NULL;
	switch (row->verdict) {
	case STATS_ABOVE:
	case STATS_MET:
		*variant = "success";
		return "atteint";
	case STATS_BELOW:
		*variant = "error";
		return "non atteint";
	case STATS_INCONCLUSIVE:
		*variant = "warning";
		return "non concluant";
	default:
		return NULL;
	}
}

void
chart_put_verdict(struct buf *b, const struct results_row *row, int full)
{
	const char	*name, *variant = NULL;

	if ((name = chart_badge_name(row, &variant)) == NULL) {
		buf_puts(b, full ? "<p class=\"fr-badge fr-badge--no-icon "
		    "fr-badge--sm\">Pas d’objectif fixé</p>" : EMDASH);
		return;
	}
	buf_printf(b, "<p class=\"fr-badge fr-badge--sm fr-badge--%s\">",
	    variant);
	if (full) {
		buf_puts(b, "Objectif ");
		chart_put_percent(b, row->target,
		    chart_target_decimals(row->target));
		buf_puts(b, NBSP ": ");
	}
	buf_puts(b, name);
	buf_puts(b, "</p>");
}

/* Appends a change in points: "+3,2 points", "−1,0 point". */
static void
chart_put_points(struct buf *b, double diff)
{
	char	num[CHART_NUMBER_MAX];

	chart_number(100.0 * diff, 1, num, sizeof(num));
	buf_printf(b, "%s%s" NBSP "point%s", diff > 0 ? "+" : "", num,
	    fabs(100.0 * diff) >= 2.0 ? "s" : "");
}

void
chart_summary(struct buf *b, const struct results *r, const char *id)
{
	const struct results_row	*row;
	size_t				 i;
	int				 conform = chart_conform(r);

	buf_puts(b, "<section class=\"qm-summary\" aria-labelledby=\"");
	html_puts(b, id);
	buf_puts(b, "-title\">\n<h2 id=\"");
	html_puts(b, id);
	buf_puts(b, "-title\">L’essentiel</h2>\n<p class=\"fr-text--sm\">");
	buf_puts(b, conform ? "Taux de conformité" : "Taux de satisfaction");
	buf_puts(b, " par critère, avec son intervalle de confiance à 95" NBSP
	    "%, le verdict par rapport à l’objectif et l’évolution depuis "
	    "la campagne précédente.</p>\n<ul class=\"qm-summary__list\">\n");
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		buf_puts(b, "<li class=\"qm-summary__item\" data-criterion=\"");
		html_puts(b, row->key);
		buf_puts(b, "\">\n<h3 class=\"fr-h6 fr-mb-1v\">");
		html_puts(b, row->short_label != NULL ? row->short_label :
		    row->label != NULL ? row->label : row->key);
		buf_puts(b, "</h3>\n<p class=\"qm-summary__rate fr-mb-1v\">");
		if (row->n > 0) {
			buf_puts(b, "<strong>");
			chart_put_percent(b, row->rate, 0);
			buf_puts(b, "</strong> ");
			buf_puts(b, conform ? "conformes" : "satisfaits");
			buf_puts(b, " <span class=\"qm-summary__ci\">(entre ");
			chart_put_percent(b, row->lower, 0);
			buf_puts(b, " et ");
			chart_put_percent(b, row->upper, 0);
			buf_puts(b, ", sur ");
			chart_put_counted(b, row->n, "réponse", "réponses");
			buf_puts(b, row->small_sample ? " : petit échantillon)" :
			    ")");
			buf_puts(b, "</span>");
		} else
			buf_puts(b, "Pas de réponse");
		buf_puts(b, "</p>\n");
		if (row->n > 0)
			chart_put_verdict(b, row, 1);
		if (row->change.present && !isnan(row->change.diff)) {
			buf_puts(b, "\n<p class=\"fr-text--sm fr-mb-0 "
			    "fr-mt-1v\">Depuis la campagne précédente" NBSP
			    ": ");
			chart_put_points(b, row->change.diff);
			buf_puts(b, row->change.significant ?
			    " (différence significative)" :
			    " (différence non significative)");
			buf_puts(b, "</p>");
		}
		buf_puts(b, "\n</li>\n");
	}
	buf_puts(b, "</ul>\n</section>\n");
}

/* The columns' headers, each a <th scope="col">. */
static void
chart_thead(struct buf *b, const char *first, const char *const *cols)
{
	buf_puts(b, "<thead><tr><th scope=\"col\">");
	html_puts(b, first);
	buf_puts(b, "</th>");
	for (; *cols != NULL; cols++)
		buf_printf(b, "<th scope=\"col\" class=\"fr-cell--multiline\">"
		    "%s</th>", *cols);
	buf_puts(b, "</tr></thead>\n<tbody>\n");
}

/* The DSFR table of chart_bars: one row per criterion. */
static void
chart_bars_table(struct buf *b, const struct results *r, const char *id)
{
	static const char *const cols_sat[] = { "Réponses (n)",
	    "Satisfaits", "Taux", "Intervalle à 95" NBSP "%", "Sans avis",
	    "Objectif", "Verdict", NULL };
	static const char *const cols_conf[] = { "Réponses (n)",
	    "Conformes", "Taux", "Intervalle à 95" NBSP "%", "Sans objet",
	    "Objectif", "Verdict", NULL };
	const struct results_row *row;
	const char	*method, *cols[10];
	char		 num[CHART_NUMBER_MAX];
	size_t		 i, k;
	int		 same = 1, change = 0;

	for (i = 1; i < r->nrows; i++)
		if (r->rows[i].method != r->rows[0].method)
			same = 0;
	for (i = 0; i < r->nrows; i++)
		if (r->rows[i].change.present)
			change = 1;
	/* The change since the previous campaign, when there is one. */
	for (k = 0; (chart_conform(r) ? cols_conf : cols_sat)[k] != NULL; k++)
		cols[k] = (chart_conform(r) ? cols_conf : cols_sat)[k];
	if (change)
		cols[k++] = "Évolution depuis la campagne précédente";
	cols[k] = NULL;
	method = r->nrows > 0 && same ?
	    chart_method_name(r->rows[0].method) : NULL;

	chart_table_open(b, id);
	buf_puts(b, "<caption>");
	buf_puts(b, chart_conform(r) ? "Taux de conformité" :
	    "Taux de satisfaction");
	buf_puts(b, " par critère");
	if (r->campaign != NULL) {
		buf_puts(b, ", ");
		html_puts(b, r->campaign);
	}
	buf_puts(b, NBSP ": données du graphique");
	if (method != NULL)
		buf_printf(b, " (intervalle de confiance à 95" NBSP "%%, "
		    "méthode %s)", method);
	buf_puts(b, "</caption>\n");
	chart_thead(b, "Critère", cols);
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		/* The short name keeps the table within the page. */
		buf_puts(b, "<tr><th scope=\"row\" class=\"fr-cell--multiline\">");
		html_puts(b, row->short_label != NULL ? row->short_label :
		    row->label != NULL ? row->label : row->key);
		buf_puts(b, "</th><td>");
		chart_put_count(b, row->n);
		if (row->small_sample)
			buf_puts(b, " (petit échantillon)");
		buf_puts(b, "</td><td>");
		chart_put_count(b, row->satisfied);
		buf_puts(b, "</td><td>");
		if (row->n > 0)
			chart_put_percent(b, row->rate, 1);
		else
			buf_puts(b, "pas de réponse");
		buf_puts(b, "</td><td>");
		chart_put_interval(b, row->lower, row->upper, 1);
		buf_puts(b, "</td><td>");
		chart_put_count(b, row->no_opinion);
		if (row->no_opinion > 0) {
			buf_puts(b, " (");
			chart_put_percent(b, row->no_opinion_share, 1);
			buf_putc(b, ')');
		}
		buf_puts(b, "</td><td>");
		if (row->target >= 0.0)
			chart_put_percent(b, row->target,
			    chart_target_decimals(row->target));
		else
			buf_puts(b, EMDASH);
		buf_puts(b, "</td><td>");
		chart_put_verdict(b, row, 0);
		if (change) {
			buf_puts(b, "</td><td class=\"fr-cell--multiline\">");
			if (row->change.present && !isnan(row->change.diff)) {
				/* In points, with Newcombe's interval. */
				chart_put_points(b, row->change.diff);
				buf_puts(b, " (");
				chart_number(100.0 * row->change.lower, 1, num,
				    sizeof(num));
				buf_puts(b, num);
				buf_puts(b, " à ");
				chart_number(100.0 * row->change.upper, 1, num,
				    sizeof(num));
				buf_puts(b, num);
				buf_puts(b, row->change.significant ? ") : "
				    "significative" : ") : non significative");
			} else
				buf_puts(b, EMDASH);
		}
		buf_puts(b, "</td></tr>\n");
	}
	chart_table_close(b);
}

void
chart_bars(struct buf *b, const struct results *r, const char *id)
{
	struct chart_bar	 bars[64], *c = bars;
	struct chart_legend	 lg = { 0, 0, 0 };
	size_t			 i;
	int			 conform = chart_conform(r);

	/* Forms hold a few dozen criteria: a larger one gets its bars
	   from the heap (xmalloc.h: failure is fatal). */
	if (r->nrows > sizeof(bars) / sizeof(bars[0]))
		c = xcalloc(r->nrows, sizeof(*c));
	for (i = 0; i < r->nrows; i++) {
		chart_bar_of_row(&r->rows[i], &c[i]);
		chart_wrap(&c[i]);
		if (c[i].n > 0 && c[i].target >= 0.0)
			lg.target = 1;
		if (c[i].n > 0 && c[i].below)
			lg.below = 1;
		if (c[i].n > 0 && c[i].small)
			lg.small = 1;
	}

	buf_puts(b, "<figure class=\"qm-figure\" id=\"");
	html_puts(b, id);
	buf_puts(b, "\">\n");
	chart_svg_open(b, id, c, r->nrows, &lg);
	chart_open_id(b, "title", id, "title");
	buf_puts(b, conform ? "Taux de conformité par critère" :
	    "Taux de satisfaction par critère");
	if (r->campaign != NULL) {
		buf_puts(b, " " EMDASH " ");
		html_puts(b, r->campaign);
	}
	buf_puts(b, "</title>\n");
	chart_open_id(b, "desc", id, "desc");
	chart_bars_desc(b, r, c, &lg);
	buf_puts(b, "</desc>\n");
	chart_svg_body(b, id, c, r->nrows, &lg, conform);

	buf_puts(b, "<figcaption>");
	buf_puts(b, conform ? "Taux de conformité par critère" :
	    "Taux de satisfaction par critère");
	if (r->campaign != NULL) {
		buf_puts(b, " " EMDASH " ");
		html_puts(b, r->campaign);
	}
	if (r->site != NULL) {
		buf_puts(b, ", ");
		html_puts(b, r->site);
	}
	if (r->opens_on != NULL && r->closes_on != NULL) {
		buf_puts(b, ", du ");
		chart_put_date(b, r->opens_on);
		buf_puts(b, " au ");
		chart_put_date(b, r->closes_on);
	}
	buf_puts(b, " (");
	chart_put_counted(b, r->responses, "réponse", "réponses");
	buf_puts(b, "). Part des réponses ");
	buf_puts(b, conform ? "conformes" : "satisfaites");
	buf_puts(b, " parmi celles qui donnent un avis" NBSP "; le trait donne "
	    "l'intervalle de confiance à 95" NBSP "%");
	if (lg.target)
		buf_puts(b, ", les tirets l'objectif");
	buf_puts(b, ".</figcaption>\n</figure>\n");
	chart_bars_table(b, r, id);
	if (c != bars)
		free(c);
}

void
chart_put_p(struct buf *b, double p)
{
	char	s[CHART_NUMBER_MAX];
	double	scale;
	int	d;

	if (p < 0.001) {
		buf_puts(b, "p &lt; 0,001");
		return;
	}
	for (d = 3; d < 6; d++) {
		scale = pow(10.0, d);
		if ((round(p * scale) / scale < 0.05) == (p < 0.05))
			break;
	}
	chart_number(p, d, s, sizeof(s));
	buf_puts(b, "p = ");
	buf_puts(b, s);
}

/* Groups with at least one opinion. */
static size_t
chart_answered(const struct results_breakdown *bd)
{
	size_t	i, n = 0;

	for (i = 0; i < bd->ngroups; i++)
		if (bd->groups[i].n > 0)
			n++;
	return n;
}

/*
 * The test's result as a sentence: "χ² = 5,95 ; 2 degrés de liberté ;
 * p = 0,051 : pas de différence significative au seuil de 5 %", or why
 * there is none. Numbers and our own words only: written raw.
 */
static void
chart_test_sentence(struct buf *b, const struct results_breakdown *bd)
{
	char	s[CHART_NUMBER_MAX];

	if (!bd->tested) {
		buf_puts(b, "Pas de test de différence entre les groupes" NBSP ": ");
		buf_puts(b, chart_answered(bd) < 2 ? "il faut au moins deux "
		    "groupes ayant des réponses" : bd->conform ? "les "
		    "réponses sont toutes identiques (toutes conformes, ou "
		    "aucune)" : "les réponses sont toutes identiques (toutes "
		    "satisfaites, ou aucune)");
		buf_putc(b, '.');
		return;
	}
	chart_number(bd->test.chi2, 2, s, sizeof(s));
	buf_printf(b, "χ² = %s" NBSP "; ", s);
	chart_put_counted(b, bd->test.df, "degré de liberté",
	    "degrés de liberté");
	buf_puts(b, NBSP "; ");
	chart_put_p(b, bd->test.p);
	buf_puts(b, bd->test.p < 0.05 ? NBSP ": différence significative "
	    "entre les groupes au seuil de 5" NBSP "%." : NBSP ": pas de "
	    "différence significative au seuil de 5" NBSP "%.");
}

/* Cochran's rule: the warning when an expected count is below 5. */
static void
chart_test_warning(struct buf *b, const struct results_breakdown *bd)
{
	if (bd->tested)
		chart_homogeneity_warning(b, &bd->test);
}

void
chart_homogeneity_warning(struct buf *b, const struct stats_homogeneity *h)
{
	char	s[CHART_NUMBER_MAX];

	if (h->nsmall == 0)
		return;
	chart_number(h->min_expected, 1, s, sizeof(s));
	buf_puts(b, "<div class=\"fr-alert fr-alert--warning fr-alert--sm "
	    "qm-test-warning\">\n<p>Attention" NBSP ": ");
	chart_put_count(b, (long long)h->nsmall);
	buf_puts(b, h->nsmall > 1 ? " effectifs attendus sur " :
	    " effectif attendu sur ");
	chart_put_count(b, 2 * (h->df + 1));
	buf_puts(b, h->nsmall > 1 ? " sont inférieurs" :
	    " est inférieur");
	buf_printf(b, " à 5 (le plus petit" NBSP ": %s)" NBSP "; la valeur "
	    "de p n'est qu'approximative.</p>\n</div>\n", s);
}

void
chart_breakdown(struct buf *b, const struct results_breakdown *bd,
    const char *criterion_label, const char *by_label, const char *id)
{
	static const char *const cols_sat[] = { "Réponses (n)",
	    "Satisfaits", "Taux", "Intervalle à 95" NBSP "%", NULL };
	static const char *const cols_conf[] = { "Réponses (n)",
	    "Conformes", "Taux", "Intervalle à 95" NBSP "%", NULL };
	const char		*rate = bd->conform ? "taux de conformité" :
				    "taux de satisfaction";
	const char		*method = chart_method_name(bd->method);
	struct chart_bar	 bars[64], *c = bars;
	struct chart_legend	 lg = { 0, 0, 0 };
	const struct results_group *g;
	size_t			 i;

	if (bd->ngroups > sizeof(bars) / sizeof(bars[0]))
		c = xcalloc(bd->ngroups, sizeof(*c));
	for (i = 0; i < bd->ngroups; i++) {
		g = &bd->groups[i];
		c[i].label = g->label != NULL ? g->label : g->value;
		c[i].n = g->n;
		c[i].rate = g->rate;
		c[i].lower = g->lower;
		c[i].upper = g->upper;
		c[i].target = -1.0;
		c[i].below = 0;
		c[i].small = g->n > 0 && g->n < RESULTS_SMALL_SAMPLE;
		if (c[i].small)
			lg.small = 1;
		chart_wrap(&c[i]);
	}

	buf_puts(b, "<figure class=\"qm-figure\" id=\"");
	html_puts(b, id);
	buf_puts(b, "\">\n");
	chart_svg_open(b, id, c, bd->ngroups, &lg);
	chart_open_id(b, "title", id, "title");
	html_puts(b, criterion_label);
	buf_printf(b, " " EMDASH " %s selon " LAQUO, rate);
	html_puts(b, by_label);
	buf_puts(b, RAQUO "</title>\n");
	chart_open_id(b, "desc", id, "desc");
	buf_puts(b, bd->conform ? "Taux de conformité" : "Taux de "
	    "satisfaction");
	buf_puts(b, " par groupe, avec intervalle de confiance à 95" NBSP
	    "%. ");
	chart_put_counted(b, (long long)bd->ngroups, "groupe", "groupes");
	buf_puts(b, ". ");
	chart_desc_range(b, c, bd->ngroups);
	chart_test_sentence(b, bd);
	buf_puts(b, " Les valeurs sont données dans le tableau qui suit.");
	buf_puts(b, "</desc>\n");
	chart_svg_body(b, id, c, bd->ngroups, &lg, bd->conform);
	buf_puts(b, "<figcaption>");
	html_puts(b, criterion_label);
	buf_printf(b, " " EMDASH " %s selon " LAQUO, rate);
	html_puts(b, by_label);
	buf_puts(b, RAQUO ". Le trait donne l'intervalle de confiance "
	    "à 95" NBSP "%.</figcaption>\n</figure>\n");

	buf_puts(b, "<p class=\"qm-test\">");
	chart_test_sentence(b, bd);
	buf_puts(b, "</p>\n");
	chart_test_warning(b, bd);

	chart_table_open(b, id);
	buf_puts(b, "<caption>");
	html_puts(b, criterion_label);
	buf_puts(b, " selon " LAQUO);
	html_puts(b, by_label);
	buf_printf(b, RAQUO NBSP ": données du graphique (intervalle "
	    "de confiance à 95" NBSP "%%, méthode %s)</caption>\n",
	    method != NULL ? method : "du score de Wilson");
	chart_thead(b, "Groupe", bd->conform ? cols_conf : cols_sat);
	for (i = 0; i < bd->ngroups; i++) {
		g = &bd->groups[i];
		buf_puts(b, "<tr><th scope=\"row\" class=\"fr-cell--multiline\">");
		html_puts(b, g->label != NULL ? g->label : g->value);
		buf_puts(b, "</th><td>");
		chart_put_count(b, g->n);
		if (c[i].small)
			buf_puts(b, " (petit échantillon)");
		buf_puts(b, "</td><td>");
		chart_put_count(b, g->satisfied);
		buf_puts(b, "</td><td>");
		if (g->n > 0)
			chart_put_percent(b, g->rate, 1);
		else
			buf_puts(b, "pas de réponse");
		buf_puts(b, "</td><td>");
		chart_put_interval(b, g->lower, g->upper, 1);
		buf_puts(b, "</td></tr>\n");
	}
	chart_table_close(b);
	if (c != bars)
		free(c);
}

/* ---------------------------------------------------------------- days */

#define DAYS_MAX	400	/* columns drawn at most */
#define DAYS_H		180	/* the drawing's height */
#define DAYS_TOP	16	/* room above the highest column */
#define DAYS_AXIS	28	/* under the columns: the first and last day */
#define DAYS_LEFT	48	/* left of the columns: the scale */

void
chart_days(struct buf *b, const char *const *days, const long long *counts,
    const int *flags, size_t n, const char *id)
{
	static const struct chart_days_text	web = {
		"Réponses reçues par jour", "réponse", "réponses",
		"Réponses par internet reçues chaque jour", 1
	};

	chart_days_as(b, days, counts, flags, n, id, &web);
}

void
chart_days_as(struct buf *b, const char *const *days,
    const long long *counts, const int *flags, size_t n, const char *id,
    const struct chart_days_text *t)
{
	long long	 max = 0, total = 0, top;
	long		 first, last, d;
	size_t		 i, busiest = 0, nflagged = 0, from;
	double		 w, x, h, base = DAYS_H - DAYS_AXIS;
	char		 day[11];

	from = n > DAYS_MAX ? n - DAYS_MAX : 0;
	for (i = from; i < n; i++) {
		total += counts[i];
		if (counts[i] > max) {
			max = counts[i];
			busiest = i;
		}
		nflagged += flags[i] != 0;
	}
	/* The columns stand on a calendar: one per day, empty days too. */
	memcpy(day, days[from], 10);
	day[10] = '\0';
	if (n == 0 || cal_parse(day, &first) == -1)
		return;
	memcpy(day, days[n - 1], 10);
	if (cal_parse(day, &last) == -1 || last < first)
		return;
	top = max < 1 ? 1 : max;
	w = (double)(CHART_W - DAYS_LEFT) / (double)(last - first + 1);

	buf_puts(b, "<figure class=\"qm-figure\" id=\"");
	html_puts(b, id);
	buf_printf(b, "\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"qm-chart\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
	    "role=\"img\" aria-labelledby=\"", CHART_W, DAYS_H);
	html_puts(b, id);
	buf_puts(b, "-title\" aria-describedby=\"");
	html_puts(b, id);
	buf_printf(b, "-desc\" font-family=\"Marianne, arial, sans-serif\" "
	    "font-size=\"%d\">\n", CHART_SMALL);
	chart_open_id(b, "title", id, "title");
	html_puts(b, t->title);
	buf_puts(b, "</title>\n");
	chart_open_id(b, "desc", id, "desc");
	buf_puts(b, "Du ");
	chart_put_date(b, (memcpy(day, days[from], 10), day));
	buf_puts(b, " au ");
	chart_put_date(b, (memcpy(day, days[n - 1], 10), day));
	buf_puts(b, NBSP ": ");
	chart_put_counted(b, total, t->one, t->many);
	buf_puts(b, ", au plus ");
	chart_put_count(b, max);
	buf_puts(b, " le ");
	chart_put_date(b, (memcpy(day, days[busiest], 10), day));
	buf_puts(b, ".");
	if (t->bursts && nflagged == 0)
		buf_puts(b, " Aucun jour ne compte de pic inhabituel.");
	else if (t->bursts) {
		buf_puts(b, " ");
		chart_put_counted(b, (long long)nflagged, "jour compte",
		    "jours comptent");
		buf_puts(b, " un pic inhabituel" NBSP ":");
		for (i = from; i < n; i++)
			if (flags[i]) {
				buf_puts(b, " ");
				chart_put_date(b, (memcpy(day, days[i], 10),
				    day));
			}
		buf_puts(b, ".");
	}
	buf_puts(b, "</desc>\n<defs><pattern id=\"");
	html_puts(b, id);
	buf_puts(b, "-hatch\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)"
	    "\"><rect width=\"6\" height=\"6\" fill=\"" INK "\"/><line "
	    "x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" "
	    "stroke-width=\"2\"/></pattern></defs>\n");
	/* The scale: 0 and the busiest day's count. */
	buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
	    "stroke=\"" GRID "\"/>\n<text x=\"%d\" y=\"%.1f\" "
	    "text-anchor=\"end\" fill=\"" MUTED "\">", DAYS_LEFT, (double)
	    DAYS_TOP, CHART_W, (double)DAYS_TOP, DAYS_LEFT - 6,
	    (double)DAYS_TOP + 4);
	chart_put_count(b, top);
	buf_printf(b, "</text>\n<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
	    "y2=\"%.1f\" stroke=\"" INK "\"/>\n<text x=\"%d\" y=\"%.1f\" "
	    "text-anchor=\"end\" fill=\"" MUTED "\">0</text>\n", DAYS_LEFT,
	    base, CHART_W, base, DAYS_LEFT - 6, base + 4);
	for (i = from; i < n; i++) {
		memcpy(day, days[i], 10);
		if (counts[i] <= 0 || cal_parse(day, &d) == -1)
			continue;
		x = DAYS_LEFT + (double)(d - first) * w;
		h = (base - DAYS_TOP) * (double)counts[i] / (double)top;
		buf_printf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
		    "height=\"%.2f\" fill=\"", x + w * 0.1, base - h,
		    w * 0.8 > 0.5 ? w * 0.8 : 0.5, h);
		if (flags[i]) {
			buf_puts(b, "url(#");
			html_puts(b, id);
			buf_puts(b, "-hatch)");
		} else
			buf_puts(b, GREY);
		buf_puts(b, "\"/>\n");
	}
	buf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"" MUTED "\">",
	    DAYS_LEFT, DAYS_H - 8);
	chart_put_date(b, (memcpy(day, days[from], 10), day));
	buf_printf(b, "</text>\n<text x=\"%d\" y=\"%d\" "
	    "text-anchor=\"end\" fill=\"" MUTED "\">", CHART_W, DAYS_H - 8);
	chart_put_date(b, (memcpy(day, days[n - 1], 10), day));
	buf_puts(b, "</text>\n</svg>\n<figcaption>");
	html_puts(b, t->caption);
	if (t->bursts && nflagged > 0)
		buf_puts(b, NBSP "; hachurés" NBSP ": les jours qui comptent un "
		    "pic inhabituel");
	buf_puts(b, ".</figcaption>\n</figure>\n");
}

/*
 * The dot-and-whisker chart of many rows (chart_dots): one thin row a
 * site, its name on one line, the rate and rank range in two columns at
 * the right. Its own geometry, in the same 720 units.
 */
#define DOTS_LABEL_X	300	/* right edge of the labels */
#define DOTS_X0		312	/* x of 0 % */
#define DOTS_PW		272	/* from 0 % to 100 % */
#define DOTS_RATE_X	612	/* the rate written beside */
#define DOTS_RANK_X	664	/* and the rank range */
#define DOTS_TOP	30	/* above the first row: the columns' heads */
#define DOTS_ROW_H	24
#define DOTS_R		5	/* a dot's radius */
#define DOTS_CHARS	44	/* code points of a label's one line */
#define DOTS_BAND	"#f2f2f2"	/* every other row's background */

/* The x of a rate in [0, 1] on the dots' axis. */
static double
chart_dots_x(double v)
{
	return chart_scale(v, DOTS_X0, DOTS_PW);
}

/* The axis's labels every 20 %, at the height y. */
static void
chart_dots_ticks(struct buf *b, double y)
{
	int	k;

	for (k = 0; k <= 5; k++) {
		buf_printf(b, "<text class=\"qm-tick\" x=\"%.2f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-size=\"%d\" "
		    "fill=\"" MUTED "\">", chart_dots_x(k / 5.0), y,
		    CHART_SMALL);
		chart_put_percent(b, k / 5.0, 0);
		buf_puts(b, "</text>\n");
	}
}

/* Writes "1", or "1–3" with its spoken form for a rank range. */
static void
chart_dots_rank(struct buf *b, int best, int worst)
{
	if (best == worst)
		buf_printf(b, "%d", best);
	else
		buf_printf(b, "%d\xe2\x80\x93%d", best, worst);
}

/* One row: its label, whisker, dot, rate and rank range. */
static void
chart_dots_row(struct buf *b, const struct chart_dot *d, double top,
    int conform)
{
	const char	*s = d->label != NULL ? d->label : "";
	size_t		 len = strlen(s), skip, fit;
	double		 cy = top + DOTS_ROW_H / 2.0;

	buf_printf(b, "<text class=\"qm-label\" x=\"%d\" y=\"%.1f\" "
	    "text-anchor=\"end\" fill=\"" INK "\">", DOTS_LABEL_X, cy + 4.5);
	fit = chart_fit(s, len, DOTS_CHARS, &skip);
	if (fit < len) {
		/* Cut: the whole name in a title, the line ends with "…". */
		fit = chart_fit(s, len, DOTS_CHARS - 1, &skip);
		buf_puts(b, "<title>");
		html_puts(b, s);
		buf_puts(b, "</title>");
		html_put(b, s, fit);
		buf_puts(b, ELLIPSIS);
	} else
		html_puts(b, s);
	buf_puts(b, "</text>\n");
	if (d->n <= 0 || isnan(d->rate)) {
		buf_printf(b, "<text class=\"qm-none\" x=\"%d\" y=\"%.1f\" "
		    "font-style=\"italic\" fill=\"" MUTED "\">%s"
		    "</text>\n", DOTS_X0 + 8, cy + 4.5, conform ?
		    "pas de contact" : "pas d’avis");
		return;
	}
	chart_whisker(b, chart_dots_x(d->lower), chart_dots_x(d->upper), cy);
	buf_printf(b, "<circle class=\"qm-dot\" cx=\"%.2f\" cy=\"%.2f\" "
	    "r=\"%d\" fill=\"" INK "\" stroke=\"#ffffff\" "
	    "stroke-width=\"1.5\"/>\n", chart_dots_x(d->rate), cy, DOTS_R);
	buf_printf(b, "<text class=\"qm-rate\" x=\"%d\" y=\"%.1f\" "
	    "font-weight=\"bold\" fill=\"" INK "\">", DOTS_RATE_X, cy + 4.5);
	chart_put_percent(b, d->rate, 0);
	buf_printf(b, "</text>\n<text class=\"qm-rank\" x=\"%d\" y=\"%.1f\" "
	    "fill=\"" INK "\">", DOTS_RANK_X, cy + 4.5);
	if (d->best > 0)
		chart_dots_rank(b, d->best, d->worst);
	buf_puts(b, "</text>\n");
}

/* The text alternative of the SVG: what a reader sees in it. */
static void
chart_dots_desc(struct buf *b, const struct chart_dot *dots, size_t n,
    const char *table_id, int conform)
{
	size_t	i, none = 0, hi = n, lo = n;

	buf_puts(b, conform ? "Taux de conformité" : "Taux de satisfaction");
	buf_puts(b, " de chaque site, du plus haut au plus "
	    "bas, avec l’intervalle de confiance à 95" NBSP "% et le rang "
	    "possible. ");
	chart_put_counted(b, (long long)n, "site", "sites");
	buf_puts(b, ". ");
	for (i = 0; i < n; i++) {
		if (dots[i].n <= 0 || isnan(dots[i].rate)) {
			none++;
			continue;
		}
		if (hi == n || dots[i].rate > dots[hi].rate)
			hi = i;
		if (lo == n || dots[i].rate < dots[lo].rate)
			lo = i;
	}
	if (hi < n) {
		buf_puts(b, "Du plus haut au plus bas" NBSP ": ");
		chart_put_percent(b, dots[hi].rate, 0);
		buf_puts(b, " (");
		html_puts(b, dots[hi].label);
		buf_puts(b, ") à ");
		chart_put_percent(b, dots[lo].rate, 0);
		buf_puts(b, " (");
		html_puts(b, dots[lo].label);
		buf_puts(b, "). ");
	}
	if (none > 0) {
		chart_put_counted(b, (long long)none, "site", "sites");
		buf_puts(b, conform ? " sans contact. " : " sans avis. ");
	}
	if (table_id != NULL)
		buf_puts(b, "Les valeurs sont données dans le tableau qui suit.");
}

void
chart_dots(struct buf *b, const struct chart_dot *dots, size_t n,
    const char *title, const char *id, const char *table_id, int conform)
{
	double	bottom = DOTS_TOP + (double)n * DOTS_ROW_H, y;
	size_t	i;
	int	k;

	buf_puts(b, "<figure class=\"qm-figure qm-dots\" id=\"");
	html_puts(b, id);
	/* Drawn at its size on a phone, it scrolls within its box. */
	buf_puts(b, "\">\n<div class=\"qm-chart-scroll\" tabindex=\"0\">\n");
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"qm-chart\" viewBox=\"0 0 %d %.0f\" width=\"100%%\" "
	    "role=\"img\" aria-labelledby=\"", CHART_W,
	    bottom + CHART_AXIS_H + CHART_LEG_H + 4.0);
	html_puts(b, id);
	buf_puts(b, "-title\" aria-describedby=\"");
	html_puts(b, id);
	buf_printf(b, "-desc\" font-family=\"Marianne, arial, sans-serif\" "
	    "font-size=\"%d\" data-rows=\"%zu\">\n", CHART_FONT, n);
	chart_open_id(b, "title", id, "title");
	html_puts(b, title);
	buf_puts(b, "</title>\n");
	chart_open_id(b, "desc", id, "desc");
	chart_dots_desc(b, dots, n, table_id, conform);
	buf_puts(b, "</desc>\n");

	/* The rows' bands first, then the grid over them. */
	y = DOTS_TOP;
	buf_puts(b, "<g class=\"qm-rows\">\n");
	for (i = 0; i < n; i++, y += DOTS_ROW_H)
		if (i % 2 == 1)
			buf_printf(b, "<rect x=\"0\" y=\"%.1f\" width=\"%d\" "
			    "height=\"%d\" fill=\"" DOTS_BAND "\"/>\n", y,
			    CHART_W, DOTS_ROW_H);
	buf_puts(b, "</g>\n");
	for (k = 0; k <= 5; k++)
		buf_printf(b, "<line class=\"%s\" x1=\"%.2f\" y1=\"%d\" "
		    "x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
		    "stroke-width=\"1\"/>\n", k == 0 ? "qm-axis" : "qm-grid",
		    chart_dots_x(k / 5.0), DOTS_TOP - 4, chart_dots_x(k / 5.0),
		    bottom, k == 0 ? INK : GRID);
	/* The axis at the top as at the bottom: a long chart is read from
	   either end. */
	chart_dots_ticks(b, DOTS_TOP - 10.0);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
	    "font-weight=\"bold\" fill=\"" INK "\">Taux</text>\n"
	    "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"bold\" "
	    "fill=\"" INK "\">Rang</text>\n", DOTS_RATE_X, DOTS_TOP - 10,
	    CHART_SMALL, DOTS_RANK_X, DOTS_TOP - 10, CHART_SMALL);
	y = DOTS_TOP;
	for (i = 0; i < n; i++, y += DOTS_ROW_H)
		chart_dots_row(b, &dots[i], y, conform);
	chart_dots_ticks(b, bottom + 17.0);

	y = bottom + CHART_AXIS_H + CHART_LEG_H / 2.0;
	buf_printf(b, "<g class=\"qm-legend\">\n<circle cx=\"26\" "
	    "cy=\"%.1f\" r=\"%d\" fill=\"" INK "\"/><text x=\"48\" "
	    "y=\"%.1f\" font-size=\"%d\" fill=\"" INK "\">%s</text>\n",
	    y, DOTS_R, y + 4.0, CHART_SMALL, conform ? "taux de conformité" :
	    "taux de satisfaction");
	chart_legend_item(b, id, 1, CHART_LEG_X2 - 160, y, 0);
	buf_puts(b, "</g>\n</svg>\n</div>\n<figcaption>");
	html_puts(b, title);
	buf_puts(b, conform ? ". Le point donne le taux de conformité de "
	    "chaque site, " : ". Le point donne le taux de satisfaction de "
	    "chaque site, ");
	buf_puts(b, "le trait son intervalle de confiance à 95" NBSP "%, la "
	    "dernière colonne son rang possible.");
	if (table_id != NULL) {
		buf_puts(b, " <a href=\"#");
		html_puts(b, table_id);
		buf_puts(b, "\">Les mêmes valeurs en tableau</a>.");
	}
	buf_puts(b, "</figcaption>\n</figure>\n");
}

/* The trend line's box and margin, in SVG units. */
#define TREND_W		120
#define TREND_H		32
#define TREND_PAD	4

void
chart_trend(struct buf *b, const double *v, size_t n, double target,
    const char *const *texts, const char *title, const char *id)
{
	double	top = target > 0.0 ? target : 0.0, x, y;
	size_t	i;
	int	open = 0;

	for (i = 0; i < n; i++)
		if (!isnan(v[i]) && v[i] > top)
			top = v[i];
	if (top <= 0.0)
		top = 1.0;
	buf_puts(b, "<svg class=\"qm-trend\" role=\"img\" viewBox=\"0 0 ");
	buf_printf(b, "%d %d\" width=\"%d\" height=\"%d\" aria-labelledby=\"",
	    TREND_W, TREND_H, TREND_W, TREND_H);
	html_puts(b, id);
	buf_puts(b, "-title ");
	html_puts(b, id);
	buf_puts(b, "-desc\"><title id=\"");
	html_puts(b, id);
	buf_puts(b, "-title\">");
	html_puts(b, title);
	buf_puts(b, "</title><desc id=\"");
	html_puts(b, id);
	buf_puts(b, "-desc\">");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, " ; ");
		html_puts(b, texts[i]);
	}
	buf_puts(b, "</desc>");
	if (target >= 0.0) {
		y = TREND_H - TREND_PAD - (TREND_H - 2 * TREND_PAD) *
		    target / top;
		buf_printf(b, "<line x1=\"0\" x2=\"%d\" y1=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#666\" stroke-dasharray=\"3 2\"/>",
		    TREND_W, y, y);
	}
	/* One polyline per run of periods with values: a gap stays one. */
	for (i = 0; i < n; i++) {
		if (isnan(v[i])) {
			if (open)
				buf_puts(b, "\"/>");
			open = 0;
			continue;
		}
		x = n > 1 ? TREND_PAD + (TREND_W - 2.0 * TREND_PAD) *
		    (double)i / (double)(n - 1) : TREND_W / 2.0;
		y = TREND_H - TREND_PAD - (TREND_H - 2 * TREND_PAD) * v[i] /
		    top;
		if (!open)
			buf_puts(b, "<polyline fill=\"none\" "
			    "stroke=\"#000091\" stroke-width=\"2\" points=\"");
		buf_printf(b, "%s%.1f,%.1f", open ? " " : "", x, y);
		open = 1;
	}
	if (open)
		buf_puts(b, "\"/>");
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		x = n > 1 ? TREND_PAD + (TREND_W - 2.0 * TREND_PAD) *
		    (double)i / (double)(n - 1) : TREND_W / 2.0;
		y = TREND_H - TREND_PAD - (TREND_H - 2 * TREND_PAD) * v[i] /
		    top;
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" "
		    "fill=\"#000091\"/>", x, y);
	}
	buf_puts(b, "</svg>");
}
