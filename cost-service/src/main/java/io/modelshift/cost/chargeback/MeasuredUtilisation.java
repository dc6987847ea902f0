package io.modelshift.cost.chargeback;

import io.modelshift.cost.tco.Percent;
import io.modelshift.cost.usage.Period;

/**
 * What the ledger says about one variant's load in a period.
 *
 * @param meanTokensPerSecond   served tokens / period seconds
 * @param peakTokensPerSecond   the busiest minute's tokens / 60: a lower bound of the capacity
 * @param throughputBased       served tokens / capacity tokens (self-hosted with a configured throughput only)
 * @param timeBased             busy seconds / (replicas × period seconds): valid for one request at a time,
 *                              overstates the load under continuous batching
 */
public record MeasuredUtilisation(String variant, Period period, long requests, long tokens,
                                  double meanTokensPerSecond, double peakTokensPerSecond, Percent throughputBased,
                                  Percent timeBased) {
}
