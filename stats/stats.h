/*
 * The statistics a quality referent publishes, from counts: satisfaction
 * rates with their confidence intervals, the change since last year, the
 * verdict against an engagement's target, the comparison of sites, and
 * the number of questionnaires a campaign needs. Numbers in, figures
 * out: nothing here knows of HTTP, SQL or forms, prints, or exits.
 *
 * Every function returns 0 on success, or a negative enum stats_err and
 * leaves its output untouched; stats_strerror() describes the code.
 * Counts are long long and must lie in [0, STATS_NMAX]. The functions
 * turn GSL's error handler off while they run (GSL's default handler
 * aborts) and put the caller's back before they return: like GSL itself
 * they are not for concurrent use from several threads.
 *
 * Conventions are those of the libraries people check published figures
 * against, statsmodels' proportion_confint and R's binom.confint; where
 * they differ, we say which we follow. References:
 *
 * [AC98]  A. Agresti and B. A. Coull, "Approximate is better than 'exact'
 *         for interval estimation of binomial proportions", The American
 *         Statistician 52 (1998) 119-126.
 * [BCD01] L. D. Brown, T. T. Cai and A. DasGupta, "Interval estimation
 *         for a binomial proportion", Statistical Science 16 (2001)
 *         101-133.
 * [CP34]  C. J. Clopper and E. S. Pearson, "The use of confidence or
 *         fiducial limits illustrated in the case of the binomial",
 *         Biometrika 26 (1934) 404-413.
 * [Coc77] W. G. Cochran, "Sampling Techniques", 3rd ed., Wiley, 1977,
 *         sections 4.4 and 4.6.
 * [Loa00] C. Loader, "Fast and accurate computation of binomial
 *         probabilities", 2000.
 * [N98a]  R. G. Newcombe, "Two-sided confidence intervals for the single
 *         proportion: comparison of seven methods", Statistics in
 *         Medicine 17 (1998) 857-872.
 * [N98b]  R. G. Newcombe, "Interval estimation for the difference between
 *         independent proportions: comparison of eleven methods",
 *         Statistics in Medicine 17 (1998) 873-890.
 * [Wil27] E. B. Wilson, "Probable inference, the law of succession, and
 *         statistical inference", JASA 22 (1927) 209-212.
 */
#ifndef QUALIMETRE_STATS_H
#define QUALIMETRE_STATS_H

#include <stddef.h>

/*
 * The largest count or population accepted, 10^12: far above any survey,
 * and as far as the exact methods are checked (intervals to 1e-14
 * relative, p-values to 1e-12; their error grows as sqrt(n) units of
 * long double).
 */
#define STATS_NMAX	1000000000000LL

/*
 * What went wrong. Functions return STATS_OK or one of the negative
 * codes; STATS_ERR__MAX is the number of codes, OK included, and sizes
 * tables indexed by -code.
 */
enum stats_err {
	STATS_OK = 0,		/* success */
	STATS_ENEGATIVE = -1,	/* a count is negative */
	STATS_ENOBS = -2,	/* a number of observations is not > 0 */
	STATS_EXGTN = -3,	/* a count exceeds its observations */
	STATS_ETOOBIG = -4,	/* a count or population above STATS_NMAX */
	STATS_ELEVEL = -5,	/* a confidence level outside (0, 1) */
	STATS_EMETHOD = -6,	/* an unknown interval method */
	STATS_ETARGET = -7,	/* a target rate outside [0, 1] */
	STATS_EMARGIN = -8,	/* a margin of error outside (0, 1) */
	STATS_EEXPECTED = -9,	/* an expected rate outside (0, 1) */
	STATS_EPOPULATION = -10, /* a population below 0 */
	STATS_EGROUPS = -11,	/* fewer than two groups to compare */
	STATS_EDEGENERATE = -12, /* all groups agree: no test possible */
	STATS_ERANGE = -13,	/* the result does not fit its type */
	STATS_ENOCONV = -14,	/* a numerical method did not converge */
	STATS_ENULL = -15,	/* a NULL pointer where one is needed */
	STATS_ERR__MAX = 16
};

/* How a proportion's confidence interval is computed. */
enum stats_method {
	STATS_WILSON,		/* Wilson score: the default */
	STATS_EXACT,		/* Clopper-Pearson, from the binomial */
	STATS_JEFFREYS,		/* equal-tailed Beta(x + 1/2, n - x + 1/2) */
	STATS_AGRESTI_COULL,	/* Wald around the Wilson centre */
	STATS_WALD,		/* the textbook p +- z sqrt(p(1 - p)/n) */
	STATS_METHOD__MAX
};

/* An estimate with its two-sided confidence interval. */
struct stats_interval {
	double	 estimate;	/* the rate, or difference of rates */
	double	 lower;		/* lower bound, <= estimate */
	double	 upper;		/* upper bound, >= estimate */
};

/* Where a rate stands against its target. */
enum stats_verdict {
	STATS_ABOVE,		/* significantly above the target */
	STATS_MET,		/* at or above it, not significantly */
	STATS_BELOW,		/* significantly below it */
	STATS_INCONCLUSIVE,	/* below it, not significantly */
	STATS_VERDICT__MAX
};

/* The outcome of stats_target. */
struct stats_target {
	enum stats_verdict verdict;	/* see stats_target */
	double		 p_below;	/* P(X' <= x) for X' ~ Bin(n, target) */
	double		 p_above;	/* P(X' >= x) for X' ~ Bin(n, target) */
};

/* One group of a homogeneity test: x satisfied among n. */
struct stats_group {
	long long	 x;		/* satisfied answers, 0 <= x <= n */
	long long	 n;		/* answers expressing an opinion, > 0 */
};

/* The outcome of stats_homogeneity. */
struct stats_homogeneity {
	double		 chi2;		/* Pearson's statistic */
	long long	 df;		/* degrees of freedom, groups - 1 */
	double		 p;		/* P(chi2(df) >= chi2) */
	double		 min_expected;	/* smallest expected cell count */
	size_t		 nsmall;	/* cells expected below 5 of 2 k */
};

/*
 * The rate x / n and its two-sided interval at the given level (0.95 for
 * 95 %), by method, with z the standard normal quantile of
 * 1 - (1 - level) / 2 and p = x / n:
 *
 * STATS_WILSON [Wil27; N98a method 3; BCD01 2.3]: the p' with
 *	|p - p'| = z sqrt(p'(1 - p') / n), that is
 *	(2x + z^2 -+ z sqrt(z^2 + 4x(n - x)/n)) / (2(n + z^2)).
 *	The lower bound is computed as x^2 / (n (n + z^2) upper), the
 *	product of the roots over the other root, and the upper as one
 *	minus the mirrored lower bound, so that neither cancels: the lower
 *	bound is exactly 0 when x = 0 and the upper exactly 1 when x = n.
 * STATS_EXACT [CP34; N98a method 5; BCD01 4.2.1]: lower = the alpha/2
 *	quantile of Beta(x, n - x + 1), upper = the 1 - alpha/2 quantile of
 *	Beta(x + 1, n - x), alpha = 1 - level; that is, the p where
 *	P(X >= x) and P(X <= x) are alpha/2. Lower = 0 when x = 0 and
 *	upper = 1 when x = n, as statsmodels ("beta") and R do; the other
 *	bound keeps alpha/2, so the boundary intervals are conservative:
 *	at x = 0 the upper bound is 1 - (alpha/2)^(1/n).
 * STATS_JEFFREYS [BCD01 2.3]: the alpha/2 and 1 - alpha/2 quantiles of
 *	Beta(x + 1/2, n - x + 1/2), with lower = 0 when x = 0 and upper = 1
 *	when x = n, as Brown, Cai and DasGupta define it and R's binom
 *	("bayes" with the Jeffreys prior) does. statsmodels ("jeffreys")
 *	keeps the quantile at the boundary; elsewhere the two agree.
 * STATS_AGRESTI_COULL [AC98; BCD01 2.3]: n~ = n + z^2, p~ = (x + z^2/2)
 *	/ n~, p~ -+ z sqrt(p~(1 - p~) / n~), clipped to [0, 1] as in
 *	statsmodels and R's binom.
 * STATS_WALD [BCD01 2.1; N98a method 1]: p -+ z sqrt(p(1 - p) / n),
 *	clipped to [0, 1]; of zero width when x = 0 or x = n. Given for
 *	comparison only: its coverage is poor [BCD01].
 *
 * The quantiles of the beta distribution are found by our own inversion
 * of the incomplete beta function, good to 1e-14 relative at any n up to
 * STATS_NMAX (checked against R's qbeta and mpmath): GSL 2.7's
 * gsl_cdf_beta_Pinv is off by 1.5e-13 at n = 1e6 and returns NaN (its
 * incomplete beta, GSL_EMAXITER) at n = 1e9.
 *
 * Returns 0 and fills *out, or STATS_ENEGATIVE, STATS_ENOBS, STATS_EXGTN,
 * STATS_ETOOBIG, STATS_ELEVEL, STATS_EMETHOD, STATS_ENOCONV, STATS_ENULL.
 */
int	 stats_proportion(enum stats_method method, double level, long long x,
	    long long n, struct stats_interval *out);

/*
 * The difference of rates x1 / n1 - x2 / n2 (this year minus last year)
 * and its two-sided interval at the given level by Newcombe's hybrid
 * score method [N98b method 10]: with (l1, u1) and (l2, u2) the Wilson
 * intervals of the two rates at the same level and d = p1 - p2,
 *
 *	lower = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),
 *	upper = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
 *
 * It is what statsmodels' confint_proportions_2indep(method="newcomb")
 * computes. The interval lies within [l1 - u2, u1 - l2], so within
 * [-1, 1], and holds d.
 *
 * Returns 0 and fills *out, or the errors of stats_proportion but
 * STATS_EMETHOD.
 */
int	 stats_difference(double level, long long x1, long long n1,
	    long long x2, long long n2, struct stats_interval *out);

/*
 * Tests the rate x / n against an engagement's target rate, 0 <= target
 * <= 1, by the exact one-sided binomial tests at significance 1 - level,
 * with X' ~ Bin(n, target):
 *
 *	p_below = P(X' <= x) = I_(1-target)(n - x, x + 1) (1 when x = n),
 *		the p-value of "the true rate is below the target";
 *	p_above = P(X' >= x) = I_target(x, n - x + 1) (1 when x = 0),
 *		the p-value of "the true rate is above the target";
 *
 * as scipy's binomtest(alternative="less" / "greater") and R's
 * binom.test do. The verdict is STATS_ABOVE when p_above < 1 - level,
 * else STATS_MET when x / n >= target, else STATS_BELOW when p_below <
 * 1 - level, else STATS_INCONCLUSIVE. The p-values are good to 1e-12
 * relative up to n = STATS_NMAX, down to 1e-300, and 0 below that; the
 * target is taken as the exact value of its double (at n = 1e12, scipy
 * and R, which round 1 - target, differ from it by 1e-9).
 *
 * Returns 0 and fills *out, or STATS_ENEGATIVE, STATS_ENOBS, STATS_EXGTN,
 * STATS_ETOOBIG, STATS_ELEVEL, STATS_ETARGET, STATS_ENOCONV, STATS_ENULL.
 */
int	 stats_target(double target, double level, long long x, long long n,
	    struct stats_target *out);

/*
 * Pearson's chi-square test of homogeneity of the k = ngroups rates
 * g[i].x / g[i].n (the k x 2 table of satisfied and not satisfied), with
 * no continuity correction, as R's prop.test(correct = FALSE) and scipy's
 * chi2_contingency(correction=False): with p = sum x / sum n and
 * E = n_i p and n_i (1 - p) the expected counts,
 *
 *	chi2 = sum over the 2k cells of (O - E)^2 / E
 *	     = sum_i (x_i - n_i p)^2 / (n_i p (1 - p)),
 *
 * df = k - 1 and p = P(chi2(df) >= chi2) from GSL's incomplete gamma
 * function. The approximation is poor when an expected count is below 5
 * (Cochran's rule): min_expected and nsmall let the caller warn.
 *
 * Returns 0 and fills *out, or STATS_EGROUPS when ngroups < 2,
 * STATS_EDEGENERATE when every answer, or none, is satisfied (the
 * statistic is 0 / 0), the count errors of stats_proportion for the first
 * bad group, STATS_ETOOBIG when the total exceeds STATS_NMAX,
 * STATS_ENOCONV or STATS_ENULL.
 */
int	 stats_homogeneity(const struct stats_group *g, size_t ngroups,
	    struct stats_homogeneity *out);

/*
 * The number of questionnaires needed so that the Wald interval of a
 * rate near expected has half-width margin at the given level [Coc77
 * 4.4, 4.6]: with z as in stats_proportion,
 *
 *	n0 = ceil(z^2 expected (1 - expected) / margin^2),
 *
 * and, for a finite population of size population > 0,
 * ceil(n0 / (1 + (n0 - 1) / population)), computed in exact integer
 * arithmetic (never above the population). A population of 0 means an
 * infinite one. Use expected = 0.5 when nothing is known: it gives the
 * largest n.
 *
 * Returns 0 and sets *out, or STATS_EMARGIN, STATS_ELEVEL,
 * STATS_EEXPECTED, STATS_EPOPULATION, STATS_ETOOBIG (population above
 * STATS_NMAX), STATS_ERANGE (n0 above STATS_NMAX), STATS_ENULL.
 */
int	 stats_sample_size(double margin, double level, double expected,
	    long long population, long long *out);

/* The centre of a distribution of whole values, each with its count. */
struct stats_summary {
	long long	 n;		/* observations */
	double		 mean;
	double		 median;	/* the middle value, or the mean of the
					   two middle ones when n is even */
};

/*
 * Summarises nvalues values (in any order, each once), value i seen
 * counts[i] times: how many observations, their mean and their median
 * (as R's mean and median of the expanded data). Returns 0 and fills
 * *out, or STATS_ENEGATIVE (a negative count), STATS_ENOBS (no
 * observation), STATS_ETOOBIG (more than STATS_NMAX) or STATS_ENULL.
 */
int	 stats_summary(const long long *values, const long long *counts,
	    size_t nvalues, struct stats_summary *out);

/* The rhythm of a series of counts per period, as stats_bursts sees it. */
struct stats_rhythm {
	double		 baseline;	/* the usual count of a period that
					   has any: the median of the
					   non-zero counts */
	long long	 threshold;	/* the smallest count flagged */
	size_t		 bursts;	/* the periods flagged */
};

/*
 * Flags the bursts of the n counts of a series (responses per hour): the
 * periods whose count a Poisson law with the series' own rhythm (the
 * median of its non-zero counts) would reach with a probability below
 * alpha, and that hold at least min_count events. Sets flags[i] to 1 or
 * 0 and fills *out. The median of the active periods, not the mean of
 * all, keeps a burst from raising its own baseline and quiet nights
 * from lowering it. Returns 0, or STATS_ENULL, STATS_ELEVEL (alpha not
 * in (0, 1)), STATS_ENEGATIVE, STATS_ETOOBIG (a count above
 * STATS_NMAX) or STATS_ERANGE (out of memory).
 */
int	 stats_bursts(const long long *counts, size_t n, double alpha,
	    long long min_count, int *flags, struct stats_rhythm *out);

/*
 * Checks a count x against its number of observations n: returns 0 when
 * 0 <= x <= n and 0 < n <= STATS_NMAX, or else STATS_ENEGATIVE,
 * STATS_ENOBS, STATS_ETOOBIG or STATS_EXGTN, tested in that order.
 */
int	 stats_check_counts(long long x, long long n);

/*
 * Returns a sentence (lower case, no final period) describing code, a
 * value returned by the functions above; "unknown error" for any other.
 * The string is static.
 */
const char *stats_strerror(int code);

/*
 * Returns the name of method as the command line spells it ("wilson",
 * "exact", "jeffreys", "agresti-coull", "wald"), or NULL when out of
 * range. The string is static.
 */
const char *stats_method_name(enum stats_method method);

/*
 * Sets *out to the method named name (as stats_method_name spells it)
 * and returns 0, or returns STATS_EMETHOD (or STATS_ENULL) and leaves
 * *out unchanged.
 */
int	 stats_method_parse(const char *name, enum stats_method *out);

/*
 * Returns the name of a verdict ("above", "met", "below",
 * "inconclusive"), or NULL when out of range. The string is static.
 */
const char *stats_verdict_name(enum stats_verdict verdict);

#endif /* QUALIMETRE_STATS_H */
