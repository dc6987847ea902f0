package io.modelshift.evaluation.traffic;

import java.time.Instant;

/** The fields of a stored traffic record that metrics and verdicts read. */
public record StoredRecord(String id, Instant time, String route, String variant, int status, String errorType,
                           double latencyMs, double ttftMs, long promptTokens, long completionTokens,
                           String finishReason, boolean shadow, String shadowPairId, Boolean empty,
                           Boolean languageMismatch, Boolean jsonInvalid, Boolean refusal, Boolean degenerate) {

    public boolean succeeded() {
        return "NONE".equals(errorType);
    }

    /** Failed through no fault of the client: what the error-rate guard counts. */
    public boolean serverError() {
        return "UPSTREAM".equals(errorType) || "GATEWAY".equals(errorType);
    }

    public boolean contentFailed() {
        return Boolean.TRUE.equals(empty) || Boolean.TRUE.equals(languageMismatch) || Boolean.TRUE.equals(jsonInvalid)
                || Boolean.TRUE.equals(refusal) || Boolean.TRUE.equals(degenerate);
    }
}
