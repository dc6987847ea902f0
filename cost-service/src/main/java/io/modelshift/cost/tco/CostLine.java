package io.modelshift.cost.tco;

/** One item of a monthly cost, with the formula and numbers that produced it. */
public record CostLine(String item, double usd, String formula) {
}
