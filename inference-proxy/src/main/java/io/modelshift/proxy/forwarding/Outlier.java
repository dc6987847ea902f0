package io.modelshift.proxy.forwarding;

/**
 * Outlier detection for one pod: consecutive failed requests eject it for a back-off that doubles with each
 * ejection (capped); once the back-off is over, the pod stays out until a health probe answers, then it is
 * re-admitted. A pod that serves well for longer than the cap forgets its past ejections.
 */
public final class Outlier {

    private final int threshold;
    private final long baseNanos;
    private final long maxNanos;
    private volatile boolean ejected;
    private int consecutiveFailures;
    private int ejections;
    private long ejectedUntil;
    private long readmittedAt;

    public Outlier(int threshold, long baseNanos, long maxNanos) {
        if (threshold < 1) {
            throw new IllegalArgumentException("consecutive-failures must be at least 1");
        }
        this.threshold = threshold;
        this.baseNanos = baseNanos;
        this.maxNanos = maxNanos;
    }

    public boolean ejected() {
        return ejected;
    }

    /** Records a failed request; returns true when this failure ejected the pod. */
    public synchronized boolean onFailure(long now) {
        if (ejected) {
            return false;
        }
        if (++consecutiveFailures < threshold) {
            return false;
        }
        eject(now);
        return true;
    }

    public synchronized void onSuccess(long now) {
        consecutiveFailures = 0;
        if (!ejected && ejections > 0 && now - readmittedAt > maxNanos) {
            ejections = 0;
        }
    }

    /**
     * Records a health probe; an ejected pod whose back-off is over is re-admitted when the probe succeeded and
     * ejected again (for longer) when it did not.
     *
     * @return true when the pod was re-admitted
     */
    public synchronized boolean onProbe(boolean answered, long now) {
        if (!ejected || now < ejectedUntil) {
            return false;
        }
        if (!answered) {
            eject(now);
            return false;
        }
        ejected = false;
        consecutiveFailures = 0;
        readmittedAt = now;
        return true;
    }

    /** The back-off of the current (or last) ejection. */
    public synchronized long backoffNanos() {
        return backoff(ejections);
    }

    public synchronized int ejections() {
        return ejections;
    }

    private void eject(long now) {
        ejections++;
        ejectedUntil = now + backoff(ejections);
        consecutiveFailures = 0;
        ejected = true;
    }

    private long backoff(int n) {
        if (n <= 0) {
            return 0;
        }
        long b = baseNanos;
        for (int i = 1; i < n && b < maxNanos; i++) {
            b *= 2;
        }
        return Math.min(b, maxNanos);
    }
}
