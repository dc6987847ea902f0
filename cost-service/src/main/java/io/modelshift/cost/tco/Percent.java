package io.modelshift.cost.tco;

/** A percentage that shows the two numbers it is computed from: {@code percent = 100 × numerator / denominator}. */
public record Percent(double percent, double numerator, double denominator, String formula) {

    public static Percent of(double numerator, double denominator, String formula) {
        return new Percent(denominator == 0 ? 0 : 100.0 * numerator / denominator, numerator, denominator, formula);
    }
}
