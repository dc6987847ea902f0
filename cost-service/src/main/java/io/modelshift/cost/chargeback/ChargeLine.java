package io.modelshift.cost.chargeback;

/**
 * One row of a chargeback.
 *
 * @param usageCost cost of the tokens used (self-hosted: at the 100%-utilisation rate; API: at list price)
 * @param idleShare the part of idle self-hosted capacity charged to this row
 * @param total     usageCost + idleShare
 */
public record ChargeLine(String tenant, String route, String variant, long requests, long inputTokens,
                         long outputTokens, double usageCost, double idleShare, double total) {

    public static final String IDLE = "(idle)";

    ChargeLine plus(ChargeLine o) {
        return new ChargeLine(tenant, route, variant, requests + o.requests, inputTokens + o.inputTokens,
                outputTokens + o.outputTokens, usageCost + o.usageCost, idleShare + o.idleShare, total + o.total);
    }

    ChargeLine withIdle(double idle) {
        return new ChargeLine(tenant, route, variant, requests, inputTokens, outputTokens, usageCost,
                idleShare + idle, total + idle);
    }
}
