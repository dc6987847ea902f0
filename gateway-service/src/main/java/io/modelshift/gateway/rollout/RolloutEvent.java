package io.modelshift.gateway.rollout;

/**
 * Something worth telling the operator: a Kubernetes Event on the ModelRollout (or a log line without Kubernetes).
 *
 * @param warning Warning (failures, aborts, freezes, invalid specs) rather than Normal
 * @param reason  CamelCase, e.g. StepStarted, GateFailed, ManualAbort
 * @param message the explanation
 */
public record RolloutEvent(boolean warning, String reason, String message) {

    public String type() {
        return warning ? "Warning" : "Normal";
    }
}
