package io.modelshift.cost.tco;

/**
 * Cost per 1M input and output tokens of a self-hosted deployment at a utilisation. Output tokens cost
 * {@code outputWeight} times the GPU time of input tokens (decode vs prefill), so with input share {@code fin} an
 * input token costs {@code blended / (fin + w·(1 − fin))} and an output token {@code w} times that.
 *
 * @param basis       which utilisation, e.g. "measured", "target", "100% floor"
 * @param utilisation served tokens / capacity tokens (null for an API's list price)
 * (input, output and blended are null when nothing is served: no finite cost per token)
 * @param input       USD per 1M input tokens
 * @param output      USD per 1M output tokens
 * @param blended     USD per 1M tokens at the scenario's mix
 * @param formula     how blended was computed
 */
public record UnitCost(String basis, Double utilisation, Double input, Double output, Double blended,
                       String formula) {

    /**
     * @param monthlyCost           amortised monthly cost of the deployment
     * @param capacityTokensPerMonth tokens the deployment serves in a month at 100%
     */
    public static UnitCost onPrem(String basis, double monthlyCost, double capacityTokensPerMonth,
                                  double utilisation, double inputShare, double outputWeight) {
        double served = capacityTokensPerMonth * utilisation;
        String formula = OnPremCost.f(
                "$%.2f / (%.0f capacity tokens × utilisation %.4f) × 1e6", monthlyCost, capacityTokensPerMonth,
                utilisation);
        if (served <= 0) {
            return new UnitCost(basis, utilisation, null, null, null, formula + ": nothing served");
        }
        double blended = monthlyCost / served * 1e6;
        double input = blended / (inputShare + outputWeight * (1 - inputShare));
        return new UnitCost(basis, utilisation, input, input * outputWeight, blended, formula);
    }
}
