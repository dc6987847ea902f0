package io.modelshift.proxy.discovery;

import io.modelshift.proxy.forwarding.Outlier;
import io.modelshift.proxy.picking.PodMetrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pod of the pool and everything the proxy knows about it. Shared by all event loops: the hot path only reads
 * volatile fields and bumps atomics.
 */
public final class Pod {

    /** How finely {@link #answering} records liveness. */
    private static final long ANSWER_GRANULARITY_NANOS = 50_000_000L;

    private final String name;
    private final String host;
    private final int port;
    private final Outlier outlier;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Requests ever dispatched here; compared with the value at scrape time to see what the scrape missed. */
    private final AtomicLong dispatched = new AtomicLong();
    private volatile boolean discoveredReady;
    private volatile boolean healthy = true;
    /** Probes in a row that timed out or broke; only the pod's probe callbacks touch it, one at a time. */
    private int failedProbes;
    /** {@link System#nanoTime()} when the pod last sent bytes of an answer (headers or a stream chunk); 0 = never. */
    private volatile long lastAnswerNanos;
    private volatile PodMetrics metrics = PodMetrics.NONE;
    private volatile double lastScore = Double.NaN;

    public Pod(Endpoint endpoint, Outlier outlier) {
        this.name = endpoint.name();
        this.host = endpoint.host();
        this.port = endpoint.port();
        this.discoveredReady = endpoint.ready();
        this.outlier = outlier;
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String address() {
        return host + ":" + port;
    }

    public Outlier outlier() {
        return outlier;
    }

    /** Ready in discovery, answering /health, and not ejected: may be picked (saturation aside). */
    public boolean routable() {
        return probeReady() && !outlier.ejected();
    }

    /** Ready in discovery and answering /health, ejected or not. */
    public boolean probeReady() {
        return discoveredReady && healthy;
    }

    public boolean discoveredReady() {
        return discoveredReady;
    }

    void discoveredReady(boolean ready) {
        this.discoveredReady = ready;
    }

    public boolean healthy() {
        return healthy;
    }

    public void healthy(boolean healthy) {
        this.healthy = healthy;
    }

    /** Counts one more probe in a row that timed out or broke, and returns the count. */
    public int probeFailed() {
        return ++failedProbes;
    }

    public void probeAnswered() {
        failedProbes = 0;
    }

    /**
     * The pod sent part of an answer: it is alive, however slow its probe. Called for every stream chunk from every
     * event loop, so the shared field is written at most every {@link #ANSWER_GRANULARITY_NANOS} (the liveness window
     * it serves is seconds long) instead of bouncing its cache line between cores on each token.
     */
    public void answering(long nowNanos) {
        if (nowNanos - lastAnswerNanos > ANSWER_GRANULARITY_NANOS) {
            lastAnswerNanos = nowNanos;
        }
    }

    /** Whether the pod sent part of an answer within the last {@code windowNanos}. */
    public boolean answeredWithin(long windowNanos, long nowNanos) {
        long last = lastAnswerNanos;
        return last != 0 && nowNanos - last <= windowNanos;
    }

    public PodMetrics metrics() {
        return metrics;
    }

    public void metrics(PodMetrics metrics) {
        this.metrics = metrics;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long dispatched() {
        return dispatched.get();
    }

    /** Requests sent since the metrics were scraped: the pod has them, the scrape did not see them. */
    public long dispatchedSinceScrape() {
        return Math.max(0, dispatched.get() - metrics.dispatchedAtScrape());
    }

    public void begin() {
        inFlight.incrementAndGet();
        dispatched.incrementAndGet();
    }

    public void end() {
        inFlight.decrementAndGet();
    }

    public double lastScore() {
        return lastScore;
    }

    public void lastScore(double score) {
        this.lastScore = score;
    }

    @Override
    public String toString() {
        return name + "(" + address() + ")";
    }
}
