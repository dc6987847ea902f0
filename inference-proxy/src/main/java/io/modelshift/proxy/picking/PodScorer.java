package io.modelshift.proxy.picking;

import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.discovery.Pod;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scores pods the way the Gateway API Inference Extension's endpoint picker does (queue and KV-cache scorers),
 * plus the proxy's own in-flight count, which it knows at once while scraped metrics lag by up to one interval:
 *
 * <pre>
 *   queue_i  = vllm:num_requests_waiting + min(requests dispatched since that scrape, requests in flight)
 *   score_i  = wq * (maxQueue - queue_i) / (maxQueue - minQueue)        (1 when all queues are equal; 0 when late)
 *            + wkv * (1 - kv_cache_usage_i)
 *            + wa * (maxInFlight - inFlight_i) / (maxInFlight - minInFlight)   (1 when all equal)
 * </pre>
 *
 * The dispatched-since-scrape term stops a burst from herding onto the pod that looked emptiest at the last scrape.
 *
 * <p>How old a pod's metrics are decides how far they are trusted. <b>Fresh</b> (at most {@code staleness} old):
 * used as they are. <b>Late</b> (older, up to {@code metrics-expiry}): scrapes fall behind when the pod or the
 * proxy is busy, which is no evidence that the pod is full, so the pod is still routed; it is judged on its last
 * known metrics and the proxy's own in-flight count, and its queue term scores 0 (as if its queue were the longest),
 * so a fresh pod with the same load wins. <b>Unknown</b> (never scraped, or older than {@code metrics-expiry}):
 * counts as saturated, fail closed as the GIE's saturation detector does.
 *
 * <p>A pod is saturated when its load is unknown or its last scraped waiting queue reaches the queue threshold or
 * its KV cache the KV threshold; in-flight requests do not count towards saturation because the proxy cannot know
 * how many of them the pod's free batch slots absorb. The highest score wins, ties at random.
 */
public final class PodScorer {

    private static final double TIE = 1e-9;

    private final double queueWeight;
    private final double kvWeight;
    private final double inFlightWeight;
    private final int queueThreshold;
    private final double kvThreshold;
    private final long stalenessNanos;
    private final long expiryNanos;

    public PodScorer(ProxyConfig.Picking config) {
        this(config.queueWeight(), config.kvCacheWeight(), config.inFlightWeight(), config.queueThreshold(),
                config.kvCacheThreshold(), config.staleness().toNanos(), config.metricsExpiry().toNanos());
    }

    public PodScorer(double queueWeight, double kvWeight, double inFlightWeight, int queueThreshold,
                     double kvThreshold, long stalenessNanos, long expiryNanos) {
        if (expiryNanos < stalenessNanos) {
            throw new IllegalArgumentException("picking.metrics-expiry must not be shorter than picking.staleness");
        }
        this.queueWeight = queueWeight;
        this.kvWeight = kvWeight;
        this.inFlightWeight = inFlightWeight;
        this.queueThreshold = queueThreshold;
        this.kvThreshold = kvThreshold;
        this.stalenessNanos = stalenessNanos;
        this.expiryNanos = expiryNanos;
    }

    /** The estimated waiting queue: what the last scrape saw plus what was sent there since and is still open. */
    public static double queue(Pod pod) {
        return pod.metrics().waiting() + Math.min(pod.dispatchedSinceScrape(), pod.inFlight());
    }

    static double kv(Pod pod) {
        double kv = pod.metrics().kvCacheUsage();
        return Double.isNaN(kv) ? 0 : kv;
    }

    /** Metrics older than {@code staleness}: still used, with less trust. */
    public boolean late(Pod pod, long now) {
        return pod.metrics().olderThan(stalenessNanos, now);
    }

    /** Never scraped, or metrics older than {@code metrics-expiry}: nothing is known about the pod's load. */
    public boolean unknown(Pod pod, long now) {
        return pod.metrics().olderThan(expiryNanos, now);
    }

    /** Evidence that the pod is full (its last scrape, however late), or no evidence at all for too long. */
    public boolean saturated(Pod pod, long now) {
        return unknown(pod, now) || pod.metrics().waiting() >= queueThreshold || kv(pod) >= kvThreshold;
    }

    /**
     * Picks the best of the candidates (all assumed routable); pods whose load is unknown rank below all others.
     *
     * @return the chosen pod, or null when there are no candidates
     */
    public Pod best(List<Pod> candidates, long now) {
        int n = candidates.size();
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return candidates.get(0);
        }
        double minQ = Double.MAX_VALUE;
        double maxQ = -Double.MAX_VALUE;
        int minA = Integer.MAX_VALUE;
        int maxA = Integer.MIN_VALUE;
        for (Pod pod : candidates) {
            double q = queue(pod);
            minQ = Math.min(minQ, q);
            maxQ = Math.max(maxQ, q);
            int a = pod.inFlight();
            minA = Math.min(minA, a);
            maxA = Math.max(maxA, a);
        }
        double best = -Double.MAX_VALUE;
        int ties = 0;
        Pod chosen = null;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (Pod pod : candidates) {
            double score = unknown(pod, now) ? -1
                    : score(queue(pod), late(pod, now), kv(pod), pod.inFlight(), minQ, maxQ, minA, maxA);
            pod.lastScore(score);
            if (score > best + TIE) {
                best = score;
                chosen = pod;
                ties = 1;
            } else if (score >= best - TIE && random.nextInt(++ties) == 0) {
                chosen = pod; // reservoir sampling: each tied pod is equally likely
            }
        }
        return chosen;
    }

    double score(double queue, boolean late, double kv, int inFlight, double minQ, double maxQ, int minA, int maxA) {
        // a late scrape's short queue is no longer an advantage: the pod may have filled up since
        double queueScore = late ? 0 : maxQ > minQ ? (maxQ - queue) / (maxQ - minQ) : 1;
        double inFlightScore = maxA > minA ? (double) (maxA - inFlight) / (maxA - minA) : 1;
        return queueWeight * queueScore + kvWeight * (1 - kv) + inFlightWeight * inFlightScore;
    }
}
