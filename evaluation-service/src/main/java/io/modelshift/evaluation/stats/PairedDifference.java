package io.modelshift.evaluation.stats;

/**
 * The mean paired difference d_i = candidate_i - baseline_i over shared items with its normal interval,
 * mean +- z sd(d)/sqrt(n) (sample sd, n-1). For 0/1 scores this is the paired Wald interval
 * (c - b)/n +- z sqrt((b + c)/n - delta^2)/sqrt(n) up to the n/(n-1) factor; it also serves pass@k and judge scores.
 */
public final class PairedDifference {

    private PairedDifference() {
    }

    public static Interval interval(double[] differences, double alpha) {
        int n = differences.length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double mean = 0;
        for (double d : differences) {
            mean += d;
        }
        mean /= n;
        if (n == 1) {
            return new Interval(mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double ss = 0;
        for (double d : differences) {
            ss += (d - mean) * (d - mean);
        }
        double se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        double z = Normal.z(alpha);
        return new Interval(mean, mean - z * se, mean + z * se);
    }
}
