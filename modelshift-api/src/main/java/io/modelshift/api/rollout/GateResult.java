package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One gate's measurement with everything that produced the verdict.
 *
 * @param gate     the gate's name
 * @param kind     evaluation, prometheus or cost
 * @param verdict  Pass, Fail, Inconclusive or Error
 * @param value    the canary's value, or null
 * @param baseline the stable's value for relative bounds, or null
 * @param lower    the lowest passing value, or null
 * @param upper    the highest passing value, or null
 * @param samples  samples the value rests on, or null when unknown
 * @param message  why, in words ("p95 ttft 812 ms > 750 ms", "412 samples < minSamples 500")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateResult(String gate, String kind, GateVerdict verdict, Double value, Double baseline, Double lower,
                         Double upper, Long samples, String message) {
}
