package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;

import java.util.List;

/**
 * Gates checked on every analysis interval from {@code startingStep} until the rollout ends; a failure applies the
 * failure policy at once, inconclusive evidence never blocks (only an inline {@link AnalysisStep} waits for a pass).
 *
 * @param gates        names from {@code spec.gates}; empty = all of them
 * @param startingStep the 1-based step from which the background analysis runs (default 1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackgroundAnalysis(List<String> gates, @Min(1) Integer startingStep) {

    public BackgroundAnalysis {
        gates = gates == null ? List.of() : List.copyOf(gates);
    }

    public int startingStepOrDefault() {
        return startingStep == null ? 1 : startingStep;
    }
}
