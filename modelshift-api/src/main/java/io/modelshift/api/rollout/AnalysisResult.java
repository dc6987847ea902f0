package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The last analysis: the combined verdict (worst of its gates: Fail, then Error, then Inconclusive, then Pass) and
 * each gate's result.
 *
 * @param at         when it was measured (RFC 3339)
 * @param background whether it was the background analysis rather than an analysis step
 * @param verdict    the combined verdict
 * @param gates      every gate's result
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisResult(String at, boolean background, GateVerdict verdict, List<GateResult> gates) {

    public AnalysisResult {
        gates = gates == null ? List.of() : List.copyOf(gates);
    }
}
