package io.modelshift.evaluation.runs;

import java.time.Instant;

/** A run's stored row. */
public record RunRecord(String id, EvaluationRequest spec, RunStatus status, int total, String failureReason,
                        Instant createdAt, Instant startedAt, Instant finishedAt) {
}
