package io.modelshift.cost.tco;

import java.util.List;

/**
 * One month of an option's cost.
 *
 * @param lines     amortisation, energy, facility, maintenance, staff, other, API (the ones that apply)
 * @param cashOpex  what leaves the bank every month (everything but amortisation)
 * @param amortised the total with the purchase spread over its life
 */
public record MonthlyCost(List<CostLine> lines, double cashOpex, double amortised) {
}
