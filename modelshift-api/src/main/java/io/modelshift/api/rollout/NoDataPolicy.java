package io.modelshift.api.rollout;

/** What an empty measurement (no series, NaN, no traffic yet) counts as. */
public enum NoDataPolicy {
    Inconclusive, Pass, Fail
}
