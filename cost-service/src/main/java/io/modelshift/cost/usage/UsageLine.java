package io.modelshift.cost.usage;

/**
 * Usage of one tenant on one route and variant over a period.
 *
 * @param upstreamModel    the model name written upstream (one of them, when it changed in the period)
 * @param busySeconds      sum of request latencies, for the time-based utilisation
 */
public record UsageLine(String tenant, String route, String variant, String upstreamModel, long requests,
                        long inputTokens, long outputTokens, double busySeconds) {

    public long tokens() {
        return inputTokens + outputTokens;
    }
}
