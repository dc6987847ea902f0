package io.modelshift.proxy.picking;

/**
 * The load signals scraped from one pod's /metrics.
 *
 * @param waiting            {@code vllm:num_requests_waiting} (summed over engines)
 * @param running            {@code vllm:num_requests_running} (summed over engines)
 * @param kvCacheUsage       {@code vllm:kv_cache_usage_perc} (or {@code vllm:gpu_cache_usage_perc}), 0..1, averaged
 * @param scrapedAtNanos     {@link System#nanoTime()} when the scrape was sent; 0 = never scraped
 * @param dispatchedAtScrape the pod's dispatch counter when the scrape was sent
 */
public record PodMetrics(double waiting, double running, double kvCacheUsage, long scrapedAtNanos,
                         long dispatchedAtScrape) {

    public static final PodMetrics NONE = new PodMetrics(0, 0, 0, 0, 0);

    public boolean scraped() {
        return scrapedAtNanos != 0;
    }

    /** Older than the limit, or never scraped. */
    public boolean olderThan(long limitNanos, long nowNanos) {
        return !scraped() || nowNanos - scrapedAtNanos > limitNanos;
    }

    /** Seconds since the scrape was sent; NaN when never scraped. */
    public double ageSeconds(long nowNanos) {
        return scraped() ? (nowNanos - scrapedAtNanos) / 1e9 : Double.NaN;
    }
}
