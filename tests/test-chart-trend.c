/*
 * The indicators' small trend line (chart_trend): its text alternative
 * holds every period's text, escaped; a period without a value breaks
 * the line in two; the target is a dashed line, absent without one; the
 * points are placed on a scale from 0 to the largest value.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "tap.h"

/* How many times needle occurs in hay. */
static int
occurs(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

int
main(void)
{
	struct buf	 b;
	double		 v[4] = { 0.5, NAN, 1.0, 0.75 };
	const char	*texts[4] = { "T1 : 50 %", "T2 : pas de valeur",
			    "T3 : <100 %>", "T4 : 75 %" };

	tap_plan(8);
	memset(&b, 0, sizeof(b));
	chart_trend(&b, v, 4, 0.8, texts, "Tendance : appels & courriels",
	    "t-1");
	tap_ok(strstr(b.data, "<svg class=\"qm-trend\" role=\"img\"") != NULL &&
	    strstr(b.data, "aria-labelledby=\"t-1-title t-1-desc\"") != NULL,
	    "an image labelled by its title and description");
	tap_ok(strstr(b.data, "<title id=\"t-1-title\">Tendance : appels "
	    "&amp; courriels</title>") != NULL, "the title, escaped");
	tap_ok(strstr(b.data, "<desc id=\"t-1-desc\">T1 : 50 % ; T2 : pas de "
	    "valeur ; T3 : &lt;100 %&gt; ; T4 : 75 %</desc>") != NULL,
	    "the periods' texts as the description, escaped");
	tap_ok(occurs(b.data, "<polyline") == 2, "the gap breaks the line");
	tap_ok(occurs(b.data, "<circle") == 3, "a point per value");
	/* Height 32, margin 4: 1.0 (the top) at y 4, 0.5 at y 16, the
	   target 0.8 at 32 - 4 - 24 * 0.8 = 8.8. */
	tap_ok(strstr(b.data, "cx=\"4.0\" cy=\"16.0\"") != NULL &&
	    strstr(b.data, "cy=\"4.0\"") != NULL, "points on the scale");
	tap_ok(strstr(b.data, "y1=\"8.8\"") != NULL, "the target's line");
	buf_reset(&b);
	chart_trend(&b, v, 4, -1.0, texts, "Tendance", "t-2");
	tap_ok(strstr(b.data, "<line") == NULL, "no target, no line");
	buf_free(&b);
	return tap_done();
}
