package io.modelshift.cost.tco;

import java.util.List;

/**
 * A TCO question: a workload and the options to serve it.
 *
 * @param name              label for reports
 * @param workload          the traffic
 * @param options           APIs and self-hosted deployments to compare (at least one)
 * @param months            horizon of the cumulative cost series (default 36)
 * @param targetUtilisation the utilisation a deployment is sized and priced for (default 0.6)
 * @param outputWeight      GPU time of an output token over an input token (default 2, fitted from TRT-LLM
 *                          Llama-3.3-70B throughput; see the research notes)
 */
public record Scenario(String name, Workload workload, List<ScenarioOption> options, Integer months,
                       Double targetUtilisation, Double outputWeight) {

    public static final int DEFAULT_MONTHS = 36;
    public static final double DEFAULT_TARGET_UTILISATION = 0.6;
    public static final double DEFAULT_OUTPUT_WEIGHT = 2.0;

    public int horizon() {
        return months == null ? DEFAULT_MONTHS : months;
    }

    public double target() {
        return targetUtilisation == null ? DEFAULT_TARGET_UTILISATION : targetUtilisation;
    }

    public double weight() {
        return outputWeight == null ? DEFAULT_OUTPUT_WEIGHT : outputWeight;
    }
}
