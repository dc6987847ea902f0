package io.modelshift.api.rollout;

import java.util.Arrays;
import java.util.Locale;

/**
 * Manual actions, given as the value of the {@code modelshift.io/action} annotation (or {@code POST
 * /admin/rollouts/{name}/actions/{action}} without Kubernetes). The controller consumes the annotation, so each
 * action applies once.
 */
public enum RolloutAction {
    /** Finish the current step now (a pause, a mirror, an inconclusive analysis) and go to the next. */
    PROMOTE("promote"),
    /** Skip every remaining step, pause and analysis: canary to 100%. */
    PROMOTE_FULL("promote-full"),
    /** Weight back to 0 now; stable keeps everything. */
    ABORT("abort"),
    /** After Aborted or Frozen: start again from step 1. */
    RETRY("retry"),
    /** Hold at the current weight until resumed. */
    PAUSE("pause"),
    /** Continue after a pause (manual or inconclusive evidence) from where it stopped. */
    RESUME("resume");

    private final String value;

    RolloutAction(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Parses an annotation value; throws with the list of valid actions. */
    public static RolloutAction parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.value.equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown action '" + value + "'; use one of "
                        + Arrays.stream(values()).map(RolloutAction::value).toList()));
    }
}
