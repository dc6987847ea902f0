package io.modelshift.evaluation.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * McNemar's exact test on the discordant pairs of a paired comparison: b = baseline right and candidate wrong,
 * c = the reverse. Under H0 (same accuracy) c ~ Binomial(b + c, 1/2); two-sided p = min(1, 2 P[X <= min(b, c)]).
 */
public final class McNemar {

    private McNemar() {
    }

    public static double exactP(long b, long c) {
        long n = b + c;
        if (n == 0) {
            return 1.0;
        }
        BinomialDistribution binomial = new BinomialDistribution(null, (int) n, 0.5);
        return Math.min(1.0, 2 * binomial.cumulativeProbability((int) Math.min(b, c)));
    }

    /** The exact one-sided binomial tail P[X >= x] for X ~ Binomial(n, p): the sign test and count tests. */
    public static double upperTail(long x, long n, double p) {
        if (x <= 0) {
            return 1.0;
        }
        if (n <= 0) {
            return 1.0;
        }
        BinomialDistribution binomial = new BinomialDistribution(null, (int) n, p);
        return 1 - binomial.cumulativeProbability((int) x - 1);
    }
}
