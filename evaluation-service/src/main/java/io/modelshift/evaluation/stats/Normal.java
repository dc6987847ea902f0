package io.modelshift.evaluation.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Standard normal quantiles and tails. */
public final class Normal {

    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private Normal() {
    }

    /** The two-sided critical value, e.g. 1.959964 for alpha 0.05. */
    public static double z(double alpha) {
        return STANDARD.inverseCumulativeProbability(1 - alpha / 2);
    }

    public static double upperTail(double x) {
        return 1 - STANDARD.cumulativeProbability(x);
    }
}
