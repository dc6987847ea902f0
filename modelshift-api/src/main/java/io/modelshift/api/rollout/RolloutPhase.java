package io.modelshift.api.rollout;

/** Where a rollout stands; {@code Promoted}, {@code Aborted} and {@code Frozen} wait for a human or a new spec. */
public enum RolloutPhase {
    Pending, Progressing, Paused, Analyzing, Promoted, Aborted, Frozen;

    public boolean terminal() {
        return this == Promoted || this == Aborted || this == Frozen;
    }
}
