package io.modelshift.api.relay;

/**
 * What a relayed response stream told us, for records and metrics.
 *
 * @param promptTokens     from the usage chunk, or -1 when upstream sent none
 * @param completionTokens from the usage chunk, or -1 when upstream sent none
 * @param finishReason     the last non-null {@code finish_reason} seen, or null
 * @param errorFrame       the JSON of a {@code data: {"error":...}} frame, or null
 * @param done             whether {@code data: [DONE]} arrived
 * @param events           the number of SSE events seen
 */
public record StreamOutcome(long promptTokens, long completionTokens, String finishReason, String errorFrame,
                            boolean done, int events) {

    public boolean hasUsage() {
        return promptTokens >= 0 && completionTokens >= 0;
    }

    /** A stream is complete only when it ended with [DONE] and carried no error frame. */
    public boolean complete() {
        return done && errorFrame == null;
    }
}
