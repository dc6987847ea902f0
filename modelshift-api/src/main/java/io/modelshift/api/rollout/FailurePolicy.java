package io.modelshift.api.rollout;

/**
 * What failing evidence does. {@code Abort}: canary weight back to 0, stable keeps everything. {@code Freeze}: keep
 * the weights as they are and alert (for a new model that cannot be rolled back, e.g. after a prompt-format change).
 */
public enum FailurePolicy {
    Abort, Freeze
}
