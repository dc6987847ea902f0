package io.modelshift.evaluation.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a stored traffic record that metrics and verdicts read.
 *
 * @param fallbackFrom the variant that failed the request before {@code variant} served it, or null
 */
public record StoredRecord(String id, Instant time, String route, String variant, int status, String errorType,
                           double latencyMs, double ttftMs, long promptTokens, long completionTokens,
                           String finishReason, boolean shadow, String shadowPairId, Boolean empty,
                           Boolean languageMismatch, Boolean jsonInvalid, Boolean refusal, Boolean degenerate, Boolean stream,
                           String fallbackFrom) {

    /**
     * The records with, for each request the gateway moved to another variant after a failure, that failure as a
     * server error of the variant that failed. The gateway records only the variant that served, so without this a
     * canary whose failures the stable rescued would look as healthy as the stable (and one whose breaker is open
     * would have no requests at all).
     */
    public static List<StoredRecord> withFailedAttempts(List<StoredRecord> records) {
        List<StoredRecord> out = new ArrayList<>(records);
        for (StoredRecord r : records) {
            if (r.fallbackFrom() != null) {
                out.add(new StoredRecord(r.id() + "@" + r.fallbackFrom(), r.time(), r.route(), r.fallbackFrom(), 502,
                        "UPSTREAM", -1, -1, r.promptTokens(), 0, null, r.shadow(), null, null, null, null, null, null,
                        r.stream(), null));
            }
        }
        return out;
    }

    /** Whether its times are the serving variant's own: after a fallback they include the failed attempt. */
    public boolean ownTiming() {
        return fallbackFrom == null;
    }

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
        return succeeded() && ttftMs >= 0 && !Boolean.FALSE.equals(stream) && ownTiming();
    }

    public boolean contentFailed() {
        return Boolean.TRUE.equals(empty) || Boolean.TRUE.equals(languageMismatch) || Boolean.TRUE.equals(jsonInvalid)
                || Boolean.TRUE.equals(refusal) || Boolean.TRUE.equals(degenerate);
    }
}
