package io.modelshift.evaluation.traffic;

import java.time.Instant;

/** The fields of a stored traffic record that metrics and verdicts read. */
public record StoredRecord(String id, Instant time, String route, String variant, int status, String errorType,
                           double latencyMs, double ttftMs, long promptTokens, long completionTokens,
                           String finishReason, boolean shadow, String shadowPairId, Boolean empty,
                           Boolean languageMismatch, Boolean jsonInvalid, Boolean refusal, Boolean degenerate, Boolean stream) {

    public boolean succeeded() {
        return "NONE".equals(errorType);
    }

    /** Failed through no fault of the client: what the error-rate guard counts. */
    public boolean serverError() {
        return "UPSTREAM".equals(errorType) || "GATEWAY".equals(errorType);
    }

    /**
     * A time to first token that means one: a streamed success (for a plain response the first byte is the whole
     * answer, so mixing the two would compare response mixes, not models). Rows stored before the stream flag
     * existed (null) count as they did then.
     */
    public boolean hasTokenTtft() {
        return succeeded() && ttftMs >= 0 && !Boolean.FALSE.equals(stream);
    }

    public boolean contentFailed() {
        return Boolean.TRUE.equals(empty) || Boolean.TRUE.equals(languageMismatch) || Boolean.TRUE.equals(jsonInvalid)
                || Boolean.TRUE.equals(refusal) || Boolean.TRUE.equals(degenerate);
    }
}
