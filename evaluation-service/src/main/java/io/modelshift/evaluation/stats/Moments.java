package io.modelshift.evaluation.stats;

/** Count, mean and sample standard deviation of a stream of values (Welford's update, numerically stable). */
public final class Moments {

    private long n;
    private double mean;
    private double m2;

    public static Moments of(double... values) {
        Moments m = new Moments();
        for (double v : values) {
            m.add(v);
        }
        return m;
    }

    public void add(double value) {
        n++;
        double delta = value - mean;
        mean += delta / n;
        m2 += delta * (value - mean);
    }

    public long n() {
        return n;
    }

    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Sample sd (n-1); for tiny samples a floor of 0 would claim certainty, so sd of a single value is 0.5. */
    public double sd() {
        return n < 2 ? 0.5 : Math.sqrt(m2 / (n - 1));
    }
}
