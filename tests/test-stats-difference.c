/*
 * stats_difference: Newcombe's hybrid score interval against
 * statsmodels, and the properties of the difference of two rates.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>

#include "stats.h"
#include "tap.h"

/* One expected interval. */
struct ref {
	double		 level;
	long long	 x1, n1, x2, n2;
	double		 lower, upper;
};

/*
 * statsmodels 0.13.5 confint_proportions_2indep(x1, n1, x2, n2,
 * method="newcomb", compare="diff", alpha=1 - level), by
 * tests/data/stats/reference.py: Newcombe's examples (a)-(h), the
 * sizes of a prefecture, n = 1 and n = 1e6.
 */
static const struct ref refs[] = {
	{ 0.95, 56, 70, 48, 80, 0.052431472402364981, 0.33387265403690602 },
	{ 0.95, 9, 10, 3, 10, 0.17052272393450302, 0.8090179735354881 },
	{ 0.95, 6, 7, 2, 7, 0.058227927482312203, 0.80624963752422774 },
	{ 0.95, 5, 56, 0, 29, -0.03813714790353688, 0.19256001385511162 },
	{ 0.95, 0, 10, 0, 20, -0.16112515805281938, 0.2775327998628892 },
	{ 0.95, 0, 10, 0, 10, -0.2775327998628892, 0.2775327998628892 },
	{ 0.95, 10, 10, 0, 20, 0.67908603714191473, 1 },
	{ 0.95, 10, 10, 0, 10, 0.60750935043052423, 1 },
	{ 0.95, 150, 200, 140, 210, -0.0048196016654633161, 0.169384033100692 },
	{ 0.95, 18, 20, 15, 20, -0.093919486822677117, 0.38028964024396 },
	{ 0.95, 0, 1, 1, 1, -1, 0.12210872068194178 },
	{ 0.95, 1, 1, 0, 1, -0.12210872068194178, 1 },
	{ 0.95, 173, 180, 160, 175, -0.0044661691397077374,
	    0.10146864196411741 },
	{ 0.95, 600000, 1000000, 599000, 1000000, -0.00035818454442047972,
	    0.0023581793358063009 },
	{ 0.90, 56, 70, 48, 80, 0.076564191544072069, 0.31364458358294384 },
	{ 0.90, 9, 10, 3, 10, 0.24211240088494457, 0.78962350737212872 },
	{ 0.90, 6, 7, 2, 7, 0.13651580702986815, 0.78780850505133793 },
	{ 0.90, 5, 56, 0, 29, -0.0072550691825138819, 0.17229044004724364 },
	{ 0.90, 0, 10, 0, 20, -0.11915783736096455, 0.21294197008340709 },
	{ 0.90, 0, 10, 0, 10, -0.21294197008340709, 0.21294197008340709 },
	{ 0.90, 10, 10, 0, 20, 0.75598591674342897, 1 },
	{ 0.90, 10, 10, 0, 10, 0.69885457790959982, 1 },
	{ 0.90, 150, 200, 140, 210, 0.0093776727076481242, 0.1558001788188467 },
	{ 0.90, 18, 20, 15, 20, -0.052907120002644192, 0.3439021548864537 },
	{ 0.90, 0, 1, 1, 1, -1, 0.032565477580002833 },
	{ 0.90, 1, 1, 0, 1, -0.032565477580002833, 1 },
	{ 0.90, 173, 180, 160, 175, 0.0042692309974108056,
	    0.091856856147656263 },
	{ 0.90, 600000, 1000000, 599000, 1000000, -0.00013982464323857588,
	    0.0021398209748021068 },
	{ 0.99, 56, 70, 48, 80, 0.0053708692500784028, 0.37180843177577361 },
	{ 0.99, 9, 10, 3, 10, 0.043026966615344442, 0.83740506789473645 },
	{ 0.99, 6, 7, 2, 7, -0.072326726046479384, 0.83156299767335584 },
	{ 0.99, 5, 56, 0, 29, -0.10602776974737906, 0.23529324617716052 },
	{ 0.99, 0, 10, 0, 20, -0.24910540109875343, 0.39885409330490812 },
	{ 0.99, 0, 10, 0, 10, -0.39885409330490812, 0.39885409330490812 },
	{ 0.99, 10, 10, 0, 20, 0.52974678246432894, 1 },
	{ 0.99, 10, 10, 0, 10, 0.43593513184017507, 1 },
	{ 0.99, 150, 200, 140, 210, -0.032494178856939254,
	    0.19557851702097284 },
	{ 0.99, 18, 20, 15, 20, -0.17337209367077328, 0.44818048629502372 },
	{ 0.99, 0, 1, 1, 1, -1, 0.22898334429994716 },
	{ 0.99, 1, 1, 0, 1, -0.22898334429994716, 1 },
	{ 0.99, 173, 180, 160, 175, -0.022559900751089407,
	    0.12138693556045715 },
	{ 0.99, 600000, 1000000, 599000, 1000000, -0.00078495584676750089,
	    0.0027849468505699846 },
};

#define NREFS	(sizeof(refs) / sizeof(refs[0]))

int
main(void)
{
	struct stats_interval	 ci, sw, w1, w2;
	const struct ref	*r;
	size_t			 i;
	long long		 n1, n2, x1, x2;
	double			 worst = 0.0;
	int			 bad = 0, bad_prop = 0, rc;

	tap_plan(5);
	for (i = 0; i < NREFS; i++) {
		r = &refs[i];
		rc = stats_difference(r->level, r->x1, r->n1, r->x2, r->n2,
		    &ci);
		if (rc != 0 || !(fabs(ci.lower - r->lower) <= 1e-12) ||
		    !(fabs(ci.upper - r->upper) <= 1e-12)) {
			bad++;
			tap_diag("%.2f %lld/%lld - %lld/%lld: rc %d, [%.17g, "
			    "%.17g], expected [%.17g, %.17g]", r->level,
			    r->x1, r->n1, r->x2, r->n2, rc, ci.lower,
			    ci.upper, r->lower, r->upper);
			continue;
		}
		worst = fmax(worst, fmax(fabs(ci.lower - r->lower),
		    fabs(ci.upper - r->upper)));
	}
	tap_ok(bad == 0, "%zu intervals within 1e-12 of statsmodels "
	    "(largest difference %.2g)", NREFS, worst);

	/*
	 * Over the 20-contact grids and smaller: the interval holds the
	 * difference, lies within [l1 - u2, u1 - l2] (the Wilson bounds),
	 * and changes sign when the two years are swapped.
	 */
	for (n1 = 1; n1 <= 20; n1 += 3)
		for (n2 = 1; n2 <= 20; n2 += 4)
			for (x1 = 0; x1 <= n1; x1++)
				for (x2 = 0; x2 <= n2; x2++) {
					if (stats_difference(0.95, x1, n1, x2,
					    n2, &ci) != 0 ||
					    stats_difference(0.95, x2, n2, x1,
					    n1, &sw) != 0 ||
					    stats_proportion(STATS_WILSON,
					    0.95, x1, n1, &w1) != 0 ||
					    stats_proportion(STATS_WILSON,
					    0.95, x2, n2, &w2) != 0) {
						bad_prop++;
						continue;
					}
					if (!(ci.lower <= ci.estimate &&
					    ci.estimate <= ci.upper) ||
					    ci.lower < w1.lower - w2.upper -
					    1e-15 ||
					    ci.upper > w1.upper - w2.lower +
					    1e-15 ||
					    fabs(ci.lower + sw.upper) > 1e-15 ||
					    fabs(ci.upper + sw.lower) > 1e-15) {
						bad_prop++;
						tap_diag("%lld/%lld - "
						    "%lld/%lld", x1, n1, x2,
						    n2);
					}
				}
	tap_ok(bad_prop == 0, "n <= 20: holds the difference, within the "
	    "Wilson bounds, antisymmetric");

	/* The same rate twice: centred on 0, narrower with more answers. */
	rc = stats_difference(0.95, 80, 100, 80, 100, &ci);
	tap_ok(rc == 0 && ci.estimate == 0.0 &&
	    fabs(ci.lower + ci.upper) < 1e-15 && ci.upper > 0.1,
	    "80/100 - 80/100: 0, [%.4f, %.4f]", ci.lower, ci.upper);
	rc = stats_difference(0.95, 800, 1000, 800, 1000, &sw);
	tap_ok(rc == 0 && sw.upper < ci.upper / 3,
	    "800/1000 - 800/1000 is about sqrt(10) times narrower: "
	    "[%.4f, %.4f]", sw.lower, sw.upper);
	/* Everything to nothing: the bound reaches 1. */
	rc = stats_difference(0.95, 20, 20, 0, 20, &ci);
	tap_ok(rc == 0 && ci.estimate == 1.0 && ci.upper == 1.0 &&
	    ci.lower > 0.7, "20/20 - 0/20: 1, [%.4f, 1]", ci.lower);
	return tap_done();
}
