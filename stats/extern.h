/*
 * What the files of stats/ share and nobody else calls: the regularized
 * incomplete beta function and its inverse (beta.c), and the checks and
 * normal quantile every computation starts with (common.c).
 */
#ifndef QUALIMETRE_STATS_EXTERN_H
#define QUALIMETRE_STATS_EXTERN_H

/*
 * The regularized incomplete beta function and its complement,
 *
 *	P = I_x(a, b) = 1 / B(a, b) * integral from 0 to x of
 *	    t^(a - 1) (1 - t)^(b - 1) dt,		Q = 1 - P,
 *
 * for a, b > 0 with a + b exact in a double, and 0 <= x <= 1 taken as
 * exact (for x > 1/2 through I_x(a, b) = 1 - I_(1-x)(b, a), as 1 - x is
 * then exact). Whichever of P and Q is on the far side of the mean is
 * computed directly and the other as its complement, so that a small P
 * or Q keeps its relative precision down to the underflow threshold.
 *
 * The factor x^a (1 - x)^b / B(a, b) comes from Loader's saddle-point
 * terms (stirlerr and bd0: C. Loader, "Fast and accurate computation of
 * binomial probabilities", 2000), good to a few ulps at any a and b,
 * where the textbook a ln x + b ln(1 - x) - ln B(a, b) loses 1e-7 at
 * a = 1e9. The rest is the classical continued fraction (Abramowitz and
 * Stegun 26.5.8), in long double by the modified Lentz method: near the
 * mean it takes about sqrt(a b / (a + b)) / 7 terms (4,500 at a + b =
 * 1e9) and loses about sqrt(a) units of long double. Where a << b and x
 * is above the mean (the Poisson side: the upper bounds of small counts
 * among many), the fraction in 1 - x would lose (a + b) units over the
 * distance to the mean, 2e-8 at n = 1e12; there the function is summed
 * as binomial probabilities instead (A&S 26.5.16), with no cancellation
 * (but for a fractional a, Q is then 1 - P, exact to 1e-16 absolute).
 *
 * Returns 0 and sets *p and *q, or STATS_ENOCONV when neither method
 * converges, leaving *p and *q unchanged. Either pointer may be NULL.
 * GSL's error handler must be off.
 */
int	 stats_ibeta(double a, double b, double x, double *p, double *q);

/*
 * The inverse of stats_ibeta in x: sets *x to the point where
 * I_x(a, b) = prob when upper is 0, or where 1 - I_x(a, b) = prob when
 * upper is 1, for a, b > 0 and 0 < prob < 1. The root is found by Newton
 * steps on the logarithm of the tail, kept inside a bracket that bisection
 * narrows whenever a step would leave it, until a step moves ln t by
 * less than 2 rounding units, t the smaller of x and 1 - x: a relative
 * precision in t of about 5e-16 |ln t|, as good as that of the tail.
 *
 * Returns 0, or STATS_ENOCONV (from stats_ibeta, or when 200 steps do not
 * meet the tolerance), leaving *x unchanged. GSL's error handler must be
 * off.
 */
int	 stats_ibeta_inv(double a, double b, double prob, int upper,
	    double *x);

/*
 * Checks a confidence level: returns 0 when 0 < level < 1 (NaN fails),
 * STATS_ELEVEL otherwise.
 */
int	 stats_check_level(double level);

/*
 * Returns z, the two-sided standard normal quantile of level: the point
 * where the upper tail of N(0, 1) is (1 - level) / 2 (1.959963984540054
 * at 0.95). The level must have passed stats_check_level.
 */
double	 stats_zcrit(double level);

#endif /* QUALIMETRE_STATS_EXTERN_H */
