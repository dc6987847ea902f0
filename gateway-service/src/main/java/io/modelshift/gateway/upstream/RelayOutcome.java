package io.modelshift.gateway.upstream;

import io.modelshift.api.records.TrafficRecord.ErrorType;
import io.modelshift.gateway.routing.Variant;

/**
 * How a relayed request ended, for its record and metrics.
 *
 * @param variant          the variant that answered (or was last tried)
 * @param status           the HTTP status the client got (499 when the client went away)
 * @param errorType        who failed, if anyone
 * @param errorCode        the error code sent, or null
 * @param fallbackFrom     the variant that failed the request before it moved to the stable one, or null
 * @param ttftNanos        from request received to first body byte sent, or -1
 * @param endNanos         when the last byte was sent ({@link System#nanoTime()})
 * @param overheadNanos    the gateway's own share of the latency
 * @param promptTokens     from upstream usage, or -1
 * @param completionTokens from upstream usage, or -1
 * @param finishReason     the upstream finish reason, or null
 * @param responseBody     the non-streamed answer body (for text capture), or null
 */
public record RelayOutcome(Variant variant, int status, ErrorType errorType, String errorCode, String fallbackFrom,
                           long ttftNanos, long endNanos, long overheadNanos, long promptTokens,
                           long completionTokens, String finishReason, byte[] responseBody) {

    /** Whether the request moved to the stable variant. */
    public boolean fallback() {
        return fallbackFrom != null;
    }
}
