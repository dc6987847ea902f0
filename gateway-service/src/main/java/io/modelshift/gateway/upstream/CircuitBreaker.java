package io.modelshift.gateway.upstream;

/**
 * A circuit breaker for one variant. It opens after {@code consecutiveFailures} failures in a row, or when at least
 * {@code failureRatio} of the last {@code window} calls failed; while open every call is refused at once (the request
 * goes to the stable variant instead of paying for a dead backend). After {@code openNanos} one probe call is let
 * through (half-open): its success closes the breaker, its failure opens it again.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, HALF_OPEN, OPEN }

    private final int consecutiveThreshold;
    private final double failureRatio;
    private final boolean[] window;
    private final long openNanos;

    private State state = State.CLOSED;
    private int consecutive;
    private int next;
    private int recorded;
    private int failuresInWindow;
    private long openedAt;
    private boolean probeInFlight;
    private long opens;

    public CircuitBreaker(int consecutiveFailures, double failureRatio, int window, long openNanos) {
        this.consecutiveThreshold = Math.max(1, consecutiveFailures);
        this.failureRatio = failureRatio;
        this.window = new boolean[Math.max(1, window)];
        this.openNanos = openNanos;
    }

    /** Whether a call may go now; in half-open state only one probe at a time. */
    public synchronized boolean tryAcquire(long nowNanos) {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nowNanos - openedAt < openNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                probeInFlight = true;
                return true;
            default:
                if (probeInFlight) {
                    return false;
                }
                probeInFlight = true;
                return true;
        }
    }

    public synchronized void onSuccess() {
        if (state == State.HALF_OPEN) {
            close();
            return;
        }
        consecutive = 0;
        record(false);
    }

    public synchronized void onFailure(long nowNanos) {
        if (state == State.HALF_OPEN) {
            open(nowNanos);
            return;
        }
        if (state == State.OPEN) {
            return;
        }
        consecutive++;
        record(true);
        boolean ratioTripped = recorded == window.length && failuresInWindow >= failureRatio * window.length;
        if (consecutive >= consecutiveThreshold || ratioTripped) {
            open(nowNanos);
        }
    }

    /** A call that was let through but never made (e.g. bulkhead full) gives back the probe slot. */
    public synchronized void release() {
        probeInFlight = false;
    }

    public synchronized State state(long nowNanos) {
        if (state == State.OPEN && nowNanos - openedAt >= openNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    public synchronized long opens() {
        return opens;
    }

    private void record(boolean failed) {
        if (recorded == window.length && window[next]) {
            failuresInWindow--;
        }
        window[next] = failed;
        if (failed) {
            failuresInWindow++;
        }
        next = (next + 1) % window.length;
        recorded = Math.min(recorded + 1, window.length);
    }

    private void open(long nowNanos) {
        state = State.OPEN;
        openedAt = nowNanos;
        probeInFlight = false;
        opens++;
    }

    private void close() {
        state = State.CLOSED;
        consecutive = 0;
        probeInFlight = false;
        java.util.Arrays.fill(window, false);
        recorded = 0;
        next = 0;
        failuresInWindow = 0;
    }
}
