package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the rollout's history: a phase or step change and why.
 *
 * @param at     when (RFC 3339)
 * @param phase  the phase after the transition
 * @param step   the 1-based step after the transition (0 = before the first)
 * @param weight the desired canary weight after the transition
 * @param reason a CamelCase reason, also the Kubernetes Event's reason (StepStarted, GateFailed, ManualPromote...)
 * @param message the explanation in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transition(String at, RolloutPhase phase, int step, int weight, String reason, String message) {
}
