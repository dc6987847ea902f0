package io.modelshift.api.records;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One request as the gateway saw it: the unit the evaluation service scores live traffic from and the cost service
 * charges back from. Sent in batches ({@link TrafficBatch}); receivers are idempotent on {@link #id()}.
 *
 * <p>Text fields are null in privacy mode (the default): then no prompt or completion leaves the gateway.
 *
 * @param id               the request id (also the {@code x-request-id} response header)
 * @param time             when the gateway received the request
 * @param tenant           the tenant of the API key
 * @param apiKeyId         the key's id (never the key itself)
 * @param route            the route the client asked for, e.g. {@code llama-70b}
 * @param variant          the variant that served it, e.g. {@code llama-3-70b}
 * @param upstreamModel    the model name written into the upstream request
 * @param endpoint         {@code chat.completions}, {@code completions} or {@code embeddings}
 * @param stream           whether the response was streamed
 * @param status           the HTTP status the client got
 * @param errorType        who failed, if anyone
 * @param errorCode        the error code sent to the client, or null
 * @param latencyMs        from request received to last byte sent
 * @param ttftMs           time to first token (first content byte to the client), or -1 when none
 * @param promptTokens     from upstream usage, or -1 when unknown
 * @param completionTokens from upstream usage, or -1 when unknown
 * @param finishReason     the upstream finish reason, or null
 * @param stickyBucket     the sticky bucket 0..9999, or -1 when the route has no stickiness key
 * @param shadowPairId     shared by a served request and its shadow copy, or null
 * @param shadow           whether this record is the shadow copy (its answer was never shown to a client)
 * @param fallback         whether the request fell back to the stable variant after the chosen one failed
 * @param fallbackFrom     the variant that failed it before {@code variant} served it, or null: that failure is the
 *                         other variant's, though only this record tells of it
 * @param overheadMs       the gateway's own share of the latency
 * @param promptText       the prompt (chat messages rendered as text) when privacy mode is off and sampled
 * @param completionText   the completion when privacy mode is off and sampled
 * @param requestedJson    whether the client asked for JSON output ({@code response_format})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficRecord(
        String id,
        Instant time,
        String tenant,
        String apiKeyId,
        String route,
        String variant,
        String upstreamModel,
        String endpoint,
        boolean stream,
        int status,
        ErrorType errorType,
        String errorCode,
        double latencyMs,
        double ttftMs,
        long promptTokens,
        long completionTokens,
        String finishReason,
        int stickyBucket,
        String shadowPairId,
        boolean shadow,
        boolean fallback,
        String fallbackFrom,
        double overheadMs,
        String promptText,
        String completionText,
        boolean requestedJson) {

    /** Who is to blame for a failed request; {@link #NONE} for a success. */
    public enum ErrorType {
        NONE, CLIENT, GATEWAY, UPSTREAM
    }

    public TrafficRecord {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a traffic record needs an id");
        }
        if (time == null) {
            throw new IllegalArgumentException("a traffic record needs a time");
        }
        if (errorType == null) {
            errorType = status < 400 ? ErrorType.NONE : ErrorType.UPSTREAM;
        }
    }

    public boolean succeeded() {
        return errorType == ErrorType.NONE;
    }

    public long totalTokens() {
        return Math.max(promptTokens, 0) + Math.max(completionTokens, 0);
    }
}
