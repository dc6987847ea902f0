package io.modelshift.evaluation.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** What {@code GET /v1/evaluations/{id}} answers: the request, the state, progress and the scores so far. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(String id, String status, EvaluationRequest request, Progress progress, RunScores scores,
                      String failureReason, Instant createdAt, Instant startedAt, Instant finishedAt) {

    /**
     * @param done         items finished without a target error
     * @param total        items the run will evaluate (subset size times samples)
     * @param errors       items the target failed on (after retries)
     * @param accuracySoFar correct share of the finished items
     * @param itemsPerSecond finishing rate so far
     * @param etaSeconds   remaining items at that rate, null when unknown or finished
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(int done, int total, int errors, double accuracySoFar, double itemsPerSecond,
                           Double etaSeconds, double meanLatencyMs) {
    }

    static RunView of(RunRecord run, RunStore.Counts counts, RunScores scores) {
        double seconds = counts.first() == null || counts.last() == null ? 0
                : Math.max(0.001, (counts.last().toEpochMilli() - counts.first().toEpochMilli()) / 1000.0);
        double rate = seconds == 0 ? 0 : counts.finished() / seconds;
        Double eta = run.status().finished() || rate == 0 ? null : (run.total() - counts.finished()) / rate;
        Progress progress = new Progress(counts.finished(), run.total(), counts.errors(),
                counts.finished() == 0 ? 0 : (double) counts.correct() / counts.finished(), rate, eta,
                counts.meanLatencyMs());
        return new RunView(run.id(), run.status().name().toLowerCase(java.util.Locale.ROOT), run.spec(), progress,
                scores, run.failureReason(), run.createdAt(), run.startedAt(), run.finishedAt());
    }
}
