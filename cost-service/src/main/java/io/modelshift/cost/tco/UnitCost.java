package io.modelshift.cost.tco;

/**
 * Cost per 1M input and output tokens of a self-hosted deployment at a utilisation. Output tokens cost
 * {@code outputWeight} times the GPU time of input tokens (decode vs prefill), so with input share {@code fin} an
 * input token costs {@code blended / (fin + w·(1 − fin))} and an output token {@code w} times that.
 *
 * @param basis       which utilisation, e.g. "measured", "target", "100% floor"
 * @param utilisation served tokens / capacity tokens
 * @param input       USD per 1M input tokens
 * @param output      USD per 1M output tokens
 * @param blended     USD per 1M tokens at the scenario's mix
 * @param formula     how blended was computed
 */
public record UnitCost(String basis, double utilisation, double input, double output, double blended,
                       String formula) {

    /**
     * @param monthlyCost           amortised monthly cost of the deployment
     * @param capacityTokensPerMonth tokens the deployment serves in a month at 100%
     */
    public static UnitCost onPrem(String basis, double monthlyCost, double capacityTokensPerMonth,
                                  double utilisation, double inputShare, double outputWeight) {
        double served = capacityTokensPerMonth * utilisation;
        double blended = served <= 0 ? Double.POSITIVE_INFINITY : monthlyCost / served * 1e6;
        double input = blended / (inputShare + outputWeight * (1 - inputShare));
        return new UnitCost(basis, utilisation, input, input * outputWeight, blended, OnPremCost.f(
                "$%.2f / (%.0f capacity tokens × utilisation %.4f) × 1e6", monthlyCost, capacityTokensPerMonth,
                utilisation));
    }
}
