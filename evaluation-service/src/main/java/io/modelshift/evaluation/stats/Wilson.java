package io.modelshift.evaluation.stats;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, method 3): good coverage even for
 * small n or a proportion near 0 or 1, where the Wald interval fails.
 */
public final class Wilson {

    private Wilson() {
    }

    public static Interval interval(long successes, long n, double alpha) {
        if (n <= 0) {
            return new Interval(Double.NaN, 0, 1);
        }
        double z = Normal.z(alpha);
        double p = (double) successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * Newcombe's hybrid score interval for p1 - p2 of two independent proportions (Newcombe 1998, method 10), used
     * for checks where the two models answered different requests.
     */
    public static Interval difference(long x1, long n1, long x2, long n2, double alpha) {
        Interval a = interval(x1, n1, alpha);
        Interval b = interval(x2, n2, alpha);
        double p1 = a.estimate();
        double p2 = b.estimate();
        double d = p1 - p2;
        double low = d - Math.sqrt(sq(p1 - a.low()) + sq(b.high() - p2));
        double high = d + Math.sqrt(sq(a.high() - p1) + sq(p2 - b.low()));
        return new Interval(d, low, high);
    }

    private static double sq(double x) {
        return x * x;
    }
}
