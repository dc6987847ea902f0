package io.modelshift.evaluation.stats;

/**
 * Anytime-valid asymptotic confidence sequences for a mean (Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas,
 * "Time-uniform central limit theory and asymptotic confidence sequences", 2021; the normal-mixture boundary of
 * Robbins 1970): with probability about 1 - alpha the interval
 * <pre>  mean_t +- sd_t * sqrt( 2 (t rho^2 + 1) / (t^2 rho^2) * log( sqrt(t rho^2 + 1) / alpha ) )</pre>
 * covers the true mean at every t simultaneously, so a verdict may be re-checked every minute without inflating
 * false rollbacks. rho is tuned to make the sequence tightest at {@code tuneAt} samples:
 * rho^2 = (-2 log alpha + log(-2 log alpha + 1)) / tuneAt.
 */
public final class ConfidenceSequence {

    private ConfidenceSequence() {
    }

    public static double halfWidth(long n, double sd, double alpha, long tuneAt) {
        if (n <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double rho2 = (-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / Math.max(1, tuneAt);
        double t = n;
        double radius = 2 * (t * rho2 + 1) / (t * t * rho2) * Math.log(Math.sqrt(t * rho2 + 1) / alpha);
        return sd * Math.sqrt(radius);
    }

    public static Interval forMean(Moments m, double alpha, long tuneAt) {
        double half = halfWidth(m.n(), m.sd(), alpha, tuneAt);
        return new Interval(m.mean(), m.mean() - half, m.mean() + half);
    }

    /**
     * Difference of two independent streams' means (candidate - baseline): each mean gets a sequence at alpha/2,
     * and the difference interval is their Minkowski difference, valid at every time by the union bound.
     */
    public static Interval forDifference(Moments candidate, Moments baseline, double alpha, long tuneAt) {
        Interval c = forMean(candidate, alpha / 2, tuneAt);
        Interval b = forMean(baseline, alpha / 2, tuneAt);
        return new Interval(c.estimate() - b.estimate(), c.low() - b.high(), c.high() - b.low());
    }

    /**
     * An anytime-valid p-value for "the difference is at least {@code bound}" (H0) against "below it": the smallest
     * alpha at which the sequence lies entirely below {@code bound}.
     */
    public static double pBelow(Moments candidate, Moments baseline, double bound, long tuneAt) {
        return smallestAlphaBelow(alpha -> forDifference(candidate, baseline, alpha, tuneAt), bound);
    }

    /** The same for one stream (a paired score such as the judge's win rate): H0 mean >= bound. */
    public static double pBelow(Moments stream, double bound, long tuneAt) {
        return smallestAlphaBelow(alpha -> forMean(stream, alpha, tuneAt), bound);
    }

    /** Bisection on a log scale: the sequences only narrow as alpha grows. */
    private static double smallestAlphaBelow(java.util.function.DoubleFunction<Interval> sequence, double bound) {
        double lo = 1e-12;
        double hi = 0.999999;
        if (sequence.apply(hi).high() >= bound) {
            return 1.0;
        }
        if (sequence.apply(lo).high() < bound) {
            return lo;
        }
        for (int i = 0; i < 60; i++) {
            double mid = Math.sqrt(lo * hi);
            if (sequence.apply(mid).high() < bound) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }
}
