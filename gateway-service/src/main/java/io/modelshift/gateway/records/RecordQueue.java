package io.modelshift.gateway.records;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The encoded records waiting to be shipped: many event loops offer, the shipper drains (on an event loop). Lock-free and
 * bounded: with a lock (it was an ArrayBlockingQueue), an event loop offering a record waited whenever the shipper's
 * thread was descheduled while it held the lock to drain a batch, and requests on that loop waited with it.
 */
final class RecordQueue {

    private final ConcurrentLinkedQueue<byte[]> records = new ConcurrentLinkedQueue<>();
    /** Reserved before a record is added and released after it is taken, so it never exceeds the capacity. */
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    RecordQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("record queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * False, without waiting, when the queue is full. A compare-and-set rather than increment-then-undo: the undo let
     * the count pass the capacity for a moment, and a drain reading it then saw a queue over its bound.
     */
    boolean offer(byte[] record) {
        int taken;
        do {
            taken = size.get();
            if (taken >= capacity) {
                return false;
            }
        } while (!size.compareAndSet(taken, taken + 1));
        records.offer(record);
        return true;
    }

    /** Moves up to {@code max} records into {@code into}; returns how many. */
    int drainTo(List<byte[]> into, int max) {
        int n = 0;
        for (byte[] r; n < max && (r = records.poll()) != null; n++) {
            into.add(r);
        }
        size.addAndGet(-n);
        return n;
    }

    /** Records offered and not yet taken (including one being added right now). */
    int size() {
        return size.get();
    }

    /** A hint, for not encoding a record that {@link #offer} would refuse; offer alone decides. */
    boolean isFull() {
        return size.get() >= capacity;
    }
}
