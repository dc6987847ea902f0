package io.modelshift.cost.tco;

import java.time.LocalDate;
import java.util.Map;

/**
 * One way to serve the workload: {@code type} "api" (priced from the price book by {@code model}, or by an inline
 * {@code price}) or "onprem" (a hardware profile, optionally with field overrides, running {@code model}).
 *
 * @param name                      label; defaults to the model or hardware
 * @param type                      "api" or "onprem"
 * @param model                     price book name (api) or model architecture (onprem; optional, enables the
 *                                  memory-fit check)
 * @param price                     inline API price instead of the price book
 * @param hardware                  hardware profile key (onprem)
 * @param overrides                 hardware profile fields to replace, e.g. {@code {"gpusPerReplica": 4}}
 * @param replicas                  replicas bought up front (default 1; more are bought when the volume needs them)
 * @param throughputTokensPerSecond capacity per replica at the latency SLO (input + output tokens/s)
 * @param throughputSource          where the capacity was measured
 * @param contextTokens             context the KV cache must hold per sequence (default 8192)
 * @param concurrentSequences       sequences in flight per replica for the memory check (default 1)
 */
public record ScenarioOption(String name, String type, String model, InlinePrice price, String hardware,
                             Map<String, Object> overrides, Integer replicas, Double throughputTokensPerSecond,
                             String throughputSource, Integer contextTokens, Integer concurrentSequences) {

    /** An API price given in the scenario, in USD per 1M tokens. */
    public record InlinePrice(Double inputPerMillion, Double outputPerMillion, Double cachedInputPerMillion,
                              String source, LocalDate asOf) {
    }

    public boolean onPrem() {
        return "onprem".equalsIgnoreCase(type);
    }
}
