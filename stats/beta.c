/* The regularized incomplete beta function and its inverse, for large n too. */
#include "config.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

#include "stats.h"
#include "extern.h"

/* ln sqrt(2 pi) */
#define LN_SQRT_2PI	0.918938533204672741780329736406

/*
 * The continued fraction needs about sqrt(a b / (a + b)) / 10 terms near
 * the mean, 5e4 at n = STATS_NMAX: this bound only stops a runaway.
 */
#define CF_MAXITER	10000000L

/* Terms of the binomial sums before giving up. */
#define SUM_MAXTERMS	40000000L

/* Newton steps of stats_ibeta_inv before giving up. */
#define INV_MAXITER	200

/*
 * stirlerr(z) at z = 0, 0.5, 1, ..., 15, computed with mpmath 1.2.1 at
 * 50 digits: the counts of the exact interval are integers and those of
 * the Jeffreys interval half-integers, so the small arguments they need
 * come from here rather than from a cancellation of log-gamma terms.
 * The value at 0 is never used (a, b > 0).
 */
static const double stirlerr_halves[31] = {
	0.0,
	0.153426409720027345291,	/* 0.5 */
	0.0810614667953272582197,	/* 1.0 */
	0.0548141210519176538961,	/* 1.5 */
	0.0413406959554092940938,	/* 2.0 */
	0.0331628735199362874851,	/* 2.5 */
	0.0276779256849983391488,	/* 3.0 */
	0.0237461636562974959713,	/* 3.5 */
	0.0207906721037650931115,	/* 4.0 */
	0.0184884505326731852308,	/* 4.5 */
	0.0166446911898211921632,	/* 5.0 */
	0.0151349732219173788735,	/* 5.5 */
	0.0138761288230707479987,	/* 6.0 */
	0.0128104652429202269243,	/* 6.5 */
	0.0118967099458917700951,	/* 7.0 */
	0.0111045597582069173266,	/* 7.5 */
	0.0104112652619720964975,	/* 8.0 */
	0.00979941612615880329839,	/* 8.5 */
	0.00925546218271273291773,	/* 9.0 */
	0.00876870013413938546296,	/* 9.5 */
	0.00833056343336287125647,	/* 10.0 */
	0.00793411456431402054725,	/* 10.5 */
	0.00757367548795184079497,	/* 11.0 */
	0.00724455430132038317955,	/* 11.5 */
	0.00694284010720952986566,	/* 12.0 */
	0.00666524703270768244236,	/* 12.5 */
	0.00640899418800420706844,	/* 13.0 */
	0.00617171226303945764753,	/* 13.5 */
	0.00595137011275884773562,	/* 14.0 */
	0.00574621651301011568203,	/* 14.5 */
	0.00555473355196280137104,	/* 15.0 */
};

/*
 * Stirling's error, stirlerr(z) = ln Gamma(z + 1) - (z + 1/2) ln z + z
 * - ln sqrt(2 pi), for z > 0 (Loader 2000): from the table at half
 * integers up to 15, from log-gamma for other small z, and from the
 * asymptotic series 1/(12z) - 1/(360z^3) + 1/(1260z^5) - ... above 15,
 * where its first omitted term is below 3e-16 of the result.
 * Returns NaN if GSL's log-gamma fails.
 */
static double
stirlerr(double z)
{
	gsl_sf_result	 lg;
	double		 z2;
	const double	 s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260,
			 s3 = 1.0 / 1680, s4 = 1.0 / 1188;

	if (z <= 15.0) {
		if (z + z == floor(z + z))
			return stirlerr_halves[(int)(z + z)];
		if (gsl_sf_lngamma_e(z + 1.0, &lg) != GSL_SUCCESS)
			return NAN;
		return lg.val - (z + 0.5) * log(z) + z - LN_SQRT_2PI;
	}
	z2 = z * z;
	if (z > 500)
		return (s0 - s1 / z2) / z;
	if (z > 80)
		return (s0 - (s1 - s2 / z2) / z2) / z;
	if (z > 35)
		return (s0 - (s1 - (s2 - s3 / z2) / z2) / z2) / z;
	return (s0 - (s1 - (s2 - (s3 - s4 / z2) / z2) / z2) / z2) / z;
}

/*
 * The deviance term bd0(x, m) = x ln(x / m) + m - x >= 0 of Loader
 * (2000), for x > 0 and m >= 0, given both m and the deviation d = m - x,
 * each as precise as the caller can make it: near the mean d comes from
 * a fused multiply-add, exact where m - x would cancel (m carries the
 * rounding error of a product of size x, 3e-5 at x = 1e12); far from it
 * m is the small one, and x + d would lose it. Near m = x the direct
 * formula cancels, so it is summed as the series 2x sum v^(2j+1) /
 * (2j+1) - (x - m) v with v = (x - m) / (x + m), which has no
 * cancellation.
 */
static long double
bd0(double x0, long double m, long double d)
{
	long double	 x = x0, ej, s, s1, v;
	int		 j;

	if (m <= 0.0L)
		return INFINITY;
	if (fabsl(d) < 0.1L * (x + m)) {
		v = -d / (x + m);
		s = -d * v;
		ej = 2 * x * v;
		v = v * v;
		for (j = 1; j < 1000; j++) {
			ej *= v;
			s1 = s + ej / (2 * j + 1);
			if (s1 == s)
				return s1;
			s = s1;
		}
		return s;
	}
	/* Far from the mean the terms differ enough not to cancel. */
	return x * (logl(x) - logl(m)) + d;
}

/*
 * The factor x^a y^b / B(a, b) of the incomplete beta function, with
 * y = 1 - x. With s = a + b, Gamma(z) = sqrt(2 pi / z) (z / e)^z
 * exp(stirlerr(z)) turns it into
 *
 *	sqrt(a b / (2 pi s)) exp(stirlerr(s) - stirlerr(a) - stirlerr(b)
 *	    - bd0(a, s x) - bd0(b, s y)),
 *
 * whose exponent is a sum of small non-negative terms rather than the
 * difference of terms of size a ln x. As s y - b = -(s x - a) exactly,
 * one deviation serves both terms. Returns NaN if stirlerr fails.
 */
static double
ibeta_front(double a, double b, double x)
{
	long double	 d, e, s = (long double)a + b;

	if (x <= 0.0 || x >= 1.0)
		return 0.0;
	d = fma(a + b, x, -a);
	e = (long double)stirlerr(a + b) - stirlerr(a) - stirlerr(b) -
	    bd0(a, s * x, d) - bd0(b, s * (1.0L - x), -d);
	return sqrt(a * b / (2 * M_PI * (a + b))) * (double)expl(e);
}

/*
 * The continued fraction of I_x(a, b) = front / a * cf (Abramowitz and
 * Stegun 26.5.8; Numerical Recipes' betacf), by the modified Lentz
 * method. It converges quickly for x < (a + 1) / (a + b + 2), but near
 * the mean of a large sample its terms shrink slowly, by a factor of
 * about 1 - c / sqrt(a) each: the corrections it stops on then add up to
 * about sqrt(a) times the rounding unit. In long double (the 64-bit
 * mantissa of x86-64, or quad precision on arm64) that is 1e-16 of the
 * result at n = 1e9 and 1e-13 at n = 1e12, where plain double gives
 * 3e-13 and 2e-10. Returns 0 and sets *cf, or STATS_ENOCONV.
 */
static int
ibeta_cf(double a0, double b0, long double x, double *cf)
{
	const long double	 tiny = 1e-300L;
	long double		 a = a0, b = b0;
	long double		 aa, c, d, del, h, m2;
	long			 m;

	c = 1.0L;
	d = 1.0L - (a + b) * x / (a + 1.0L);
	if (fabsl(d) < tiny)
		d = tiny;
	d = 1.0L / d;
	h = d;
	for (m = 1; m <= CF_MAXITER; m++) {
		m2 = 2.0L * m;
		aa = m * (b - m) * x / ((a - 1.0L + m2) * (a + m2));
		d = 1.0L + aa * d;
		if (fabsl(d) < tiny)
			d = tiny;
		c = 1.0L + aa / c;
		if (fabsl(c) < tiny)
			c = tiny;
		d = 1.0L / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0L + m2));
		d = 1.0L + aa * d;
		if (fabsl(d) < tiny)
			d = tiny;
		c = 1.0L + aa / c;
		if (fabsl(c) < tiny)
			c = tiny;
		d = 1.0L / d;
		del = d * c;
		h *= del;
		if (fabsl(del - 1.0L) <= LDBL_EPSILON) {
			*cf = (double)h;
			return 0;
		}
	}
	return STATS_ENOCONV;
}

/*
 * The terms T(c) = Gamma(s) / (Gamma(c + 1) Gamma(s - c)) x^c (1 - x)^(s
 * - c - 1) with s = a + b, the binomial probabilities P(X = c) of
 * Bin(s - 1, x) when c is a whole number, for which I_x(c, s - c) =
 * I_x(c + 1, s - c - 1) + T(c) (Abramowitz and Stegun 26.5.16), so that
 *
 *	I_x(a, b) = T(a) + T(a + 1) + ...	(any a > 0),
 *	1 - I_x(a, b) = T(a - 1) + T(a - 2) + ... + T(0)  (a whole),
 *
 * sums of positive terms. This is the binomial (or Poisson) side of
 * the function, where a << b and the mean s x is within some standard
 * deviations of a: there the continued fraction in 1 - x (the swapped
 * one) cancels to (a + b) rounding units over |s x - a|, 2e-8 at
 * n = 1e12 and a = 2, but these sums do not. The sum starts from T(a -
 * 1) or T(a), computed from ibeta_front, and stops when the geometric
 * bound on what is left is below a rounding unit of the sum. Sets *p and
 * *q, and returns 0, or STATS_ENOCONV after SUM_MAXTERMS terms.
 */
static int
ibeta_sum(double a, double b, double x, double *p, double *q)
{
	long double	 c, r, sum, term, y = 1.0L - x, s = (long double)a + b;
	double		 front;
	long		 k;

	front = ibeta_front(a, b, x);
	if (!isfinite(front))
		return STATS_ENOCONV;
	if (a == floor(a)) {
		/* Downwards from c = a - 1: P(X <= a - 1), the lower tail. */
		c = a - 1.0L;
		term = front / ((long double)b * x);
		sum = term;
		for (k = 0; c > 0.0L && k < SUM_MAXTERMS; k++) {
			r = c * y / ((s - c) * x);
			term *= r;
			c -= 1.0L;
			sum += term;
			if (r < 1.0L &&
			    term * r / (1.0L - r) <= sum * LDBL_EPSILON)
				break;
		}
		if (k == SUM_MAXTERMS)
			return STATS_ENOCONV;
		*q = sum > 1.0L ? 1.0 : (double)sum;
		*p = 1.0 - *q;
		return 0;
	}
	/*
	 * Upwards from c = a, past the mode of the terms. Here x is above
	 * the mean: when T(a) underflows, the mode is far above and the
	 * sum is 1 to the last digit.
	 */
	if (front == 0.0) {
		*p = 1.0;
		*q = 0.0;
		return 0;
	}
	c = a;
	term = front / ((long double)a * y);
	sum = term;
	for (k = 0; k < SUM_MAXTERMS; k++) {
		r = (s - c - 1.0L) * x / ((c + 1.0L) * y);
		term *= r;
		c += 1.0L;
		sum += term;
		if (r < 1.0L &&
		    term * r / (1.0L - r) <= sum * LDBL_EPSILON)
			break;
	}
	if (k == SUM_MAXTERMS)
		return STATS_ENOCONV;
	*p = sum > 1.0L ? 1.0 : (double)sum;
	*q = 1.0 - *p;
	return 0;
}

int
stats_ibeta(double a, double b, double x, double *p, double *q)
{
	long double	 y;
	double		 cf, direct, lambda, pp, qq;
	int		 rc, swap;

	/* Keep x the small one: 1 - x is exact for x >= 1/2. */
	if (x > 0.5 && x < 1.0) {
		if ((rc = stats_ibeta(b, a, 1.0 - x, &qq, &pp)) != 0)
			return rc;
		goto done;
	}
	if (x <= 0.0) {
		pp = 0.0;
		qq = 1.0;
		goto done;
	}
	if (x >= 1.0) {
		pp = 1.0;
		qq = 0.0;
		goto done;
	}
	/* The fraction converges fast on this side of the mean. */
	swap = x >= (a + 1.0) / (a + b + 2.0);
	/*
	 * In 1 - x it loses (a + b) rounding units over the distance from
	 * the mean in counts, lambda: take the sums when that is too much
	 * and they are not too long (the sum upwards takes about lambda
	 * terms; beyond 1e5, the fraction loses less than 1e-12 anyway).
	 */
	lambda = fabs(fma(a + b, x, -a));
	if (swap && (a + b) * LDBL_EPSILON > 1e-16 * fmax(lambda, 1.0) &&
	    (a == floor(a) ? a < SUM_MAXTERMS / 4 : lambda < 1e5)) {
		if ((rc = ibeta_sum(a, b, x, &pp, &qq)) != 0)
			return rc;
		goto done;
	}
	/*
	 * Exact in long double where it is wider than double, for x down to
	 * 2^-11: the fraction in 1 - x would otherwise see x moved by 5e-17,
	 * 1e-10 of a standard deviation at n = 1e12.
	 */
	y = 1.0L - x;
	if (swap)
		rc = ibeta_cf(b, a, y, &cf);
	else
		rc = ibeta_cf(a, b, x, &cf);
	if (rc != 0)
		return rc;
	direct = ibeta_front(a, b, x) * cf / (swap ? b : a);
	if (!isfinite(direct) || direct < 0.0)
		return STATS_ENOCONV;
	if (direct > 1.0)
		direct = 1.0;
	pp = swap ? 1.0 - direct : direct;
	qq = swap ? direct : 1.0 - direct;
done:
	if (p != NULL)
		*p = pp;
	if (q != NULL)
		*q = qq;
	return 0;
}

/*
 * A first guess at the point where the lower (upper = 0) or upper tail of
 * Beta(a, b) is prob: the normal approximation, or, when that falls
 * outside (0, 1), the power law of the tail near 0, I_x(a, b) ~ x^a /
 * (a B(a, b)), or its mirror near 1. Never 0 nor 1.
 */
static double
ibeta_guess(double a, double b, double prob, int upper)
{
	gsl_sf_result	 lb;
	double		 mu, sd, z, t;

	mu = a / (a + b);
	sd = sqrt(a * b / (a + b + 1.0)) / (a + b);
	z = upper ? gsl_cdf_ugaussian_Qinv(prob) : gsl_cdf_ugaussian_Pinv(prob);
	t = mu + z * sd;
	if (t > 0.0 && t < 1.0)
		return t;
	if (gsl_sf_lnbeta_e(a, b, &lb) != GSL_SUCCESS)
		return mu;
	if (t <= 0.0) {
		/* The lower tail is prob at x; the upper one is about 1. */
		t = exp((log(upper ? 1.0 - prob : prob) + log(a) + lb.val) / a);
		return t > 0.0 && t < 1.0 ? t : mu;
	}
	t = exp((log(upper ? prob : 1.0 - prob) + log(b) + lb.val) / b);
	return t > 0.0 && t < 1.0 ? 1.0 - t : mu;
}

int
stats_ibeta_inv(double a, double b, double prob, int upper, double *x)
{
	double	 front, g, guess, lo, hi, lprob, p, q, slope, step, t, tail;
	double	 u, unew;
	int	 i, mirror, rc;

	/*
	 * Work on t, the smaller of x and 1 - x at the root, so that a root
	 * near 1 keeps the relative precision of its distance to 1: mirror
	 * the problem, I_x(a, b) = 1 - I_(1-x)(b, a), when the guess is above
	 * one half.
	 */
	guess = ibeta_guess(a, b, prob, upper);
	mirror = guess > 0.5;
	if (mirror) {
		t = a;
		a = b;
		b = t;
		upper = !upper;
		guess = 1.0 - guess;
	}

	/*
	 * Newton's method on g(u) = ln tail(e^u) - ln prob: a tail near 0
	 * is close to a power of t, where g is linear in u = ln t. The
	 * bracket [lo, hi] holds the root throughout; a step that would
	 * leave it is replaced by bisection, geometric in t.
	 */
	lprob = log(prob);
	lo = log(DBL_MIN);
	hi = 0.0;
	u = log(guess);
	for (i = 0; i < INV_MAXITER; i++) {
		t = exp(u);
		if ((rc = stats_ibeta(a, b, t, &p, &q)) != 0)
			return rc;
		tail = upper ? q : p;
		g = log(tail) - lprob;
		/* The lower tail grows with t, the upper one falls. */
		if ((g < 0.0) != (upper != 0))
			lo = u;
		else
			hi = u;
		if (g == 0.0)
			break;
		front = ibeta_front(a, b, t);
		slope = front / ((1.0 - t) * tail) * (upper ? -1.0 : 1.0);
		unew = u - g / slope;
		if (!isfinite(unew) || unew <= lo || unew >= hi)
			unew = 0.5 * (lo + hi);
		step = unew - u;
		u = unew;
		if (fabs(step) <= 2 * DBL_EPSILON * fmax(1.0, fabs(u)) ||
		    hi - lo <= 2 * DBL_EPSILON * fmax(1.0, fabs(u)))
			break;
	}
	if (i == INV_MAXITER)
		return STATS_ENOCONV;
	t = exp(u);
	*x = mirror ? 1.0 - t : t;
	return 0;
}
