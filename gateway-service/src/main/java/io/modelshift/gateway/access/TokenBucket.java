package io.modelshift.gateway.access;

/**
 * A token bucket refilled continuously at {@code perMinute / 60} tokens a second up to {@code perMinute}. The level
 * may go negative when a debit is larger than what is left (tokens are known only after the answer): the key then
 * waits until the debt is paid.
 */
public final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final double capacity;
    private final double perNano;
    private double level;
    private long lastNanos;

    public TokenBucket(long perMinute, long nowNanos) {
        this.capacity = perMinute;
        this.perNano = perMinute / NANOS_PER_MINUTE;
        this.level = perMinute;
        this.lastNanos = nowNanos;
    }

    /** Takes {@code n} tokens if they are there; returns 0 when taken, else the nanoseconds to wait. */
    public synchronized long tryTake(double n, long nowNanos) {
        refill(nowNanos);
        if (level >= n) {
            level -= n;
            return 0;
        }
        return (long) Math.ceil((n - level) / perNano);
    }

    /** Returns 0 when the level is positive, else the nanoseconds until it is. */
    public synchronized long waitForPositive(long nowNanos) {
        refill(nowNanos);
        return level > 0 ? 0 : (long) Math.ceil((1 - level) / perNano);
    }

    /** Removes tokens unconditionally (actual usage reported after the answer). */
    public synchronized void debit(double n, long nowNanos) {
        refill(nowNanos);
        level -= n;
    }

    public synchronized double level(long nowNanos) {
        refill(nowNanos);
        return level;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            level = Math.min(capacity, level + elapsed * perNano);
            lastNanos = nowNanos;
        }
    }
}
