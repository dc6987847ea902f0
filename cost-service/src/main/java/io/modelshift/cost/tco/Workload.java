package io.modelshift.cost.tco;

/**
 * The traffic of a scenario: tokens per month directly, or requests per month times tokens per request.
 *
 * @param tokensPerMonth         input + output tokens per month
 * @param requestsPerMonth       requests per month
 * @param inputTokensPerRequest  mean prompt tokens (with requestsPerMonth, when tokensPerMonth is absent)
 * @param outputTokensPerRequest mean completion tokens
 * @param inputShare             input tokens / all tokens (default 0.5, or from tokens per request)
 * @param cachedInputShare       share of input tokens billed at the cache-read price (default 0)
 * @param secondsPerRequest      mean request duration, for the time-based utilisation
 * @param monthlyGrowth          volume growth per month, e.g. 0.05 (default 0)
 * @param peakToAverage          peak over mean load, for sizing (default 1)
 * @param source                 where the figures come from, e.g. "case study" or "measured: ledger ..."
 */
public record Workload(Double tokensPerMonth, Double requestsPerMonth, Double inputTokensPerRequest,
                       Double outputTokensPerRequest, Double inputShare, Double cachedInputShare,
                       Double secondsPerRequest, Double monthlyGrowth, Double peakToAverage, String source) {
}
