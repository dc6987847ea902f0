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
 *   score_i  = wq * (maxQueue - queue_i) / (maxQueue - minQueue)        (1 when all queues are equal)
 *            + wkv * (1 - kv_cache_usage_i)
 *            + wa * (maxInFlight - inFlight_i) / (maxInFlight - minInFlight)   (1 when all equal)
 * </pre>
 *
 * The dispatched-since-scrape term stops a burst from herding onto the pod that looked emptiest at the last scrape.
 * A pod is saturated when its scraped waiting queue reaches the queue threshold, its KV cache the KV threshold, or
 * its metrics are older than the staleness limit (unknown load counts as full); in-flight requests do not count
 * towards saturation because the proxy cannot know how many of them the pod's free batch slots absorb.
 * The highest score wins, ties at random.
 */
public final class PodScorer {

    private static final double TIE = 1e-9;

    private final double queueWeight;
    private final double kvWeight;
    private final double inFlightWeight;
    private final int queueThreshold;
    private final double kvThreshold;
    private final long stalenessNanos;

    public PodScorer(ProxyConfig.Picking config) {
        this(config.queueWeight(), config.kvCacheWeight(), config.inFlightWeight(), config.queueThreshold(),
                config.kvCacheThreshold(), config.staleness().toNanos());
    }

    public PodScorer(double queueWeight, double kvWeight, double inFlightWeight, int queueThreshold,
                     double kvThreshold, long stalenessNanos) {
        this.queueWeight = queueWeight;
        this.kvWeight = kvWeight;
        this.inFlightWeight = inFlightWeight;
        this.queueThreshold = queueThreshold;
        this.kvThreshold = kvThreshold;
        this.stalenessNanos = stalenessNanos;
    }

    /** The estimated waiting queue: what the last scrape saw plus what was sent there since and is still open. */
    public static double queue(Pod pod) {
        return pod.metrics().waiting() + Math.min(pod.dispatchedSinceScrape(), pod.inFlight());
    }

    static double kv(Pod pod) {
        double kv = pod.metrics().kvCacheUsage();
        return Double.isNaN(kv) ? 0 : kv;
    }

    public boolean stale(Pod pod, long now) {
        return pod.metrics().staleAt(now, stalenessNanos);
    }

    public boolean saturated(Pod pod, long now) {
        return stale(pod, now) || pod.metrics().waiting() >= queueThreshold || kv(pod) >= kvThreshold;
    }

    /**
     * Picks the best of the candidates (all assumed routable); stale pods rank below every fresh one.
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
            double score = stale(pod, now) ? -1 : score(queue(pod), kv(pod), pod.inFlight(), minQ, maxQ, minA, maxA);
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

    double score(double queue, double kv, int inFlight, double minQ, double maxQ, int minA, int maxA) {
        double queueScore = maxQ > minQ ? (maxQ - queue) / (maxQ - minQ) : 1;
        double inFlightScore = maxA > minA ? (double) (maxA - inFlight) / (maxA - minA) : 1;
        return queueWeight * queueScore + kvWeight * (1 - kv) + inFlightWeight * inFlightScore;
    }
}
