package io.modelshift.cost.chargeback;

import io.modelshift.cost.tco.Percent;
import io.modelshift.cost.usage.Period;

/**
 * A tenant's month-to-date spend against its monthly budget.
 *
 * @param projectedUsd spend / elapsed hours × 730 (the service's month)
 * @param used         spend / limit
 * @param state        OK, WARNING (from {@code cost.budget-warning} of the limit, spent or projected) or EXCEEDED
 */
public record BudgetState(String tenant, double limitUsd, double spentUsd, double projectedUsd, Percent used,
                          State state, Period period) {

    public enum State { OK, WARNING, EXCEEDED }
}
