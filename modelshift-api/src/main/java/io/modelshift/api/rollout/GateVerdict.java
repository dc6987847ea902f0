package io.modelshift.api.rollout;

/**
 * One gate's answer. {@code Error} means "could not measure" (service down, bad query) and is told apart from
 * {@code Fail} ("measured, and it is bad"): errors never roll back on their own, they count toward the progress
 * deadline.
 */
public enum GateVerdict {
    Pass, Fail, Inconclusive, Error
}
