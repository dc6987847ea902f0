package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;

import java.util.List;

/**
 * An inline analysis: the rollout waits here until every gate passes (after at least {@code duration}), moves to
 * the failure policy when one fails, and pauses when the evidence stays inconclusive past the progress deadline.
 *
 * @param gates    names from {@code spec.gates}; empty = all of them
 * @param duration the least time to observe before passing, e.g. {@code 10m}; null = pass at the first interval
 *                 where every gate passes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisStep(List<String> gates, @Pattern(Patterns.DURATION) String duration) {

    public AnalysisStep {
        gates = gates == null ? List.of() : List.copyOf(gates);
    }
}
