package io.modelshift.gateway.upstream;

import java.util.concurrent.atomic.AtomicInteger;

/** Caps the requests in flight to one variant; a full bulkhead refuses at once, it never queues. */
public final class Bulkhead {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Bulkhead(int limit) {
        this.limit = limit;
    }

    public boolean tryAcquire() {
        while (true) {
            int n = inFlight.get();
            if (n >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
