package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.List;

/**
 * What an SRE declares: move {@code route} from {@code stable} to {@code canary} through {@code steps}, checking
 * {@code gates} on the way.
 *
 * @param route              the gateway route (the model name clients ask for), e.g. {@code llama-70b}
 * @param stable             the variant that keeps all traffic the canary does not get
 * @param canary             the candidate; equal to {@code stable} means "nothing to roll out" (a Helm rollback)
 * @param stickiness         how clients are kept on one variant; null = the route's own setting
 * @param steps              ordered, at least one; weights only ever go where the steps say
 * @param gates              named checks, used by {@code analysis} steps and by the background analysis
 * @param backgroundAnalysis gates checked on every interval during the whole rollout
 * @param analysisInterval   how often gates are measured, e.g. {@code 1m} (default)
 * @param failurePolicy      what failing evidence does: {@code Abort} (default) or {@code Freeze}
 * @param progressDeadline   the longest a single step may wait for its weight to be observed or its analysis to
 *                           decide, pauses excluded, e.g. {@code 30m}; past it the failure policy applies
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelRolloutSpec(
        @Required @Pattern(Patterns.NAME) String route,
        @Required Variant stable,
        @Required Variant canary,
        Stickiness stickiness,
        @Required @Size(min = 1, max = 64) List<RolloutStep> steps,
        @Size(max = 32) List<Gate> gates,
        BackgroundAnalysis backgroundAnalysis,
        @Pattern(Patterns.DURATION) String analysisInterval,
        FailurePolicy failurePolicy,
        @Pattern(Patterns.DURATION) String progressDeadline) {

    public ModelRolloutSpec {
        steps = steps == null ? List.of() : List.copyOf(steps);
        gates = gates == null ? List.of() : List.copyOf(gates);
    }

    /** The failure policy with its default applied. */
    public FailurePolicy failurePolicyOrDefault() {
        return failurePolicy == null ? FailurePolicy.Abort : failurePolicy;
    }

    /** The gate with this name, or null. */
    public Gate gate(String name) {
        return gates.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }
}
