package io.modelshift.evaluation.stats;

/** A two-sided interval [low, high] for an estimate. */
public record Interval(double estimate, double low, double high) {

    public boolean excludes(double value) {
        return value < low || value > high;
    }
}
