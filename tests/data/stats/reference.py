#!/usr/bin/python3
"""
Prints the reference values embedded in tests/test-stats-*.c, as C table
rows. Not run by the tests: it records how their numbers were produced.

Needs Debian 12's python3-statsmodels (0.13.5), python3-scipy (1.10.1),
python3-mpmath (1.2.1) and r-base-core (R 4.2.2):
	apt-get install python3-statsmodels python3-scipy python3-mpmath \
	    r-base-core
	/usr/bin/python3 tests/data/stats/reference.py
"""
import subprocess

import mpmath as mp
import numpy as np
from scipy import stats
from statsmodels.stats.proportion import (confint_proportions_2indep,
                                          proportion_confint)

mp.mp.dps = 50
METHODS = [("STATS_WILSON", "wilson"), ("STATS_EXACT", "beta"),
           ("STATS_JEFFREYS", "jeffreys"),
           ("STATS_AGRESTI_COULL", "agresti_coull"),
           ("STATS_WALD", "normal")]


def ibeta(a, b, x):
    """I_x(a,b) by the continued fraction at 45 digits; x exact (binary)."""
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    swap = x >= (a + 1) / (a + b + 2)
    if swap:
        a, b, x = b, a, 1 - x
    front = mp.exp(a * mp.log(x) + b * mp.log(1 - x) - mp.log(mp.beta(a, b)))
    tiny = mp.mpf('1e-300'); c = mp.mpf(1); d = 1 - (a + b) * x / (a + 1)
    d = 1 / d; h = d; m = 0
    eps = mp.mpf(10) ** (-40)
    while True:
        m += 1; m2 = 2 * m
        aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2))
        d = 1 + aa * d; c = 1 + aa / c; d = 1 / d; h *= d * c
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2))
        d = 1 + aa * d; c = 1 + aa / c; d = 1 / d; de = d * c; h *= de
        if abs(de - 1) < eps: break
    v = front * h / a
    return (1 - v, v) if swap else (v, 1 - v)


def r(code):
    """Runs R code, returns its standard output split in lines."""
    out = subprocess.run(["Rscript", "-e", "options(digits=17);" + code],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\n")


def proportion_rows():
    """statsmodels' proportion_confint over the grids of a prefecture."""
    pairs = [(0, 1), (1, 1), (0, 2), (1, 2), (2, 2)]
    pairs += [(x, 20) for x in range(21)]
    pairs += [(0, 29), (1, 29), (28, 29), (29, 29), (15, 148), (74, 148),
              (0, 200), (1, 200), (100, 200), (150, 200), (173, 200),
              (199, 200), (200, 200), (81, 263)]
    print("/* proportion: statsmodels 0.13.5 proportion_confint */")
    for level in (0.95, 0.90, 0.99, 0.80):
        for x, n in pairs if level == 0.95 else pairs[::4]:
            for cname, sm in METHODS:
                lo, up = proportion_confint(x, n, 1 - level, sm)
                # statsmodels keeps the Jeffreys quantile at x = 0 and
                # x = n; Brown, Cai and DasGupta (and R's binom) set the
                # bound to 0 or 1 there, as we do.
                if sm == "jeffreys" and x == 0:
                    lo = 0.0
                if sm == "jeffreys" and x == n:
                    up = 1.0
                print("\t{ %s, %.2f, %d, %d, %.17g, %.17g }," %
                      (cname, level, x, n, lo, up))


def large_rows():
    """R's qbeta (TOMS 708) at n = 1e6, 1e9, 1e12, and mpmath for Wilson."""
    print("/* large n: exact and Jeffreys from R 4.2.2 qbeta; Wilson from "
          "mpmath 1.2.1 at 50 digits */")
    for n in (10**6, 10**9, 10**12):
        for x in (0, 1, 2, n // 1000, 3 * n // 10, n // 2, n - 1, n):
            out = r("x<-%d;n<-%d;cat(sprintf('%%.17g %%.17g %%.17g %%.17g',"
                    "if (x==0) 0 else qbeta(0.025,x,n-x+1),"
                    "if (x==n) 1 else qbeta(0.975,x+1,n-x),"
                    "if (x==0) 0 else qbeta(0.025,x+0.5,n-x+0.5),"
                    "if (x==n) 1 else qbeta(0.975,x+0.5,n-x+0.5)))" % (x, n))
            el, eu, jl, ju = out[0].split()
            z = mp.sqrt(2) * mp.erfinv(mp.mpf("0.95"))
            X, N = mp.mpf(x), mp.mpf(n)
            c = 2 * X + z**2
            d = z * mp.sqrt(z**2 + 4 * X * (N - X) / N)
            wl, wu = (c - d) / (2 * (N + z**2)), (c + d) / (2 * (N + z**2))
            print("\t{ %d, %d, %s, %s, %s, %s, %s, %s }," %
                  (x, n, el, eu, jl, ju, mp.nstr(wl, 20), mp.nstr(wu, 20)))


def difference_rows():
    """statsmodels' confint_proportions_2indep(method='newcomb')."""
    print("/* difference: statsmodels 0.13.5 confint_proportions_2indep "
          "newcomb */")
    cases = [(56, 70, 48, 80), (9, 10, 3, 10), (6, 7, 2, 7), (5, 56, 0, 29),
             (0, 10, 0, 20), (0, 10, 0, 10), (10, 10, 0, 20),
             (10, 10, 0, 10), (150, 200, 140, 210), (18, 20, 15, 20),
             (0, 1, 1, 1), (1, 1, 0, 1), (173, 180, 160, 175),
             (600000, 1000000, 599000, 1000000)]
    for level in (0.95, 0.90, 0.99):
        for x1, n1, x2, n2 in cases:
            lo, up = confint_proportions_2indep(x1, n1, x2, n2,
                                                method="newcomb",
                                                compare="diff",
                                                alpha=1 - level)
            print("\t{ %.2f, %d, %d, %d, %d, %.17g, %.17g }," %
                  (level, x1, n1, x2, n2, lo, up))


def target_rows():
    """scipy's binom.cdf and binom.sf, checked against R's pbinom."""
    print("/* target: P(X'<=x), P(X'>=x): mpmath 1.2.1 at 45 digits, "
          "checked against scipy 1.10.1 and R 4.2.2 */")
    cases = [(0.8, 150, 200), (0.8, 160, 200), (0.8, 170, 200),
             (0.8, 148, 200), (0.8, 16, 20), (0.8, 20, 20), (0.8, 0, 20),
             (0.9, 12, 20), (0.5, 0, 1), (0.5, 1, 1), (0.75, 81, 263),
             (0.3, 81, 263), (0.95, 173, 180), (0.01, 0, 200),
             (0.6, 600500, 1000000), (0.6, 599000, 1000000),
             (0.3, 300010000, 1000000000), (0.3, 299990000, 1000000000),
             (0.3, 300000000, 1000000000), (0.3, 300000500000, 10**12),
             (0.3, 299999000000, 10**12)]
    for t, x, n in cases:
        # The continued fraction at 45 digits, with t's exact binary
        # value, is the reference; scipy's binom.cdf/sf (up to 1e6) and
        # R's pbinom (above) are checked against it. Both round 1 - t,
        # which moves t by 1e-10 standard deviations at n = 1e12: they
        # agree to 1e-13 below n = 1000, 1e-10 at n = 1e6 and 1e9, and
        # 1e-9 at 1e12.
        below = float(ibeta(x + 1, n - x, t)[1]) if x < n else 1.0
        above = float(ibeta(x, n - x + 1, t)[0]) if x > 0 else 1.0
        if n <= 10**6:
            cb, ca = stats.binom.cdf(x, n, t), stats.binom.sf(x - 1, n, t)
        else:
            cb, ca = map(float, r(
                "cat(sprintf('%%.17g %%.17g', pbinom(%d,%d,%r),"
                "pbinom(%d,%d,%r,lower.tail=FALSE)))" %
                (x, n, t, x - 1, n, t))[0].split())
        tol = 1e-13 if n < 1000 else 1e-10 if n <= 10**9 else 1e-9
        assert abs(cb / below - 1) < tol and abs(ca / above - 1) < tol
        print("\t{ %r, %d, %d, %.17g, %.17g }," % (t, x, n, below, above))


def homogeneity_rows():
    """scipy's chi2_contingency(correction=False)."""
    print("/* homogeneity: scipy 1.10.1 chi2_contingency(correction=False) */")
    cases = [[(40, 50), (30, 50), (20, 25)], [(81, 263), (15, 148)],
             [(150, 200), (140, 210), (170, 190), (120, 180)],
             [(18, 20), (15, 20), (19, 20)], [(3, 4), (1, 2)],
             [(1, 1), (0, 1)], [(500000, 1000000), (501000, 1000000)]]
    for g in cases:
        table = np.array([[x, n - x] for x, n in g])
        chi2, p, df, exp = stats.chi2_contingency(table, correction=False)
        print("\t{ %d, { %s }, %.17g, %d, %.17g, %.17g }," %
              (len(g), ", ".join("{ %d, %d }" % xn for xn in g), chi2, df, p,
               exp.min()))


proportion_rows()
large_rows()
difference_rows()
target_rows()
homogeneity_rows()
