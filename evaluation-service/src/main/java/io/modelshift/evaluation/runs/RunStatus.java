package io.modelshift.evaluation.runs;

/** The life of a run; QUEUED and RUNNING runs are resumed after a restart. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
