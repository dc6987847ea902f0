package io.modelshift.evaluation.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of a run's item results: the thread that finds no write in progress stores everything queued so far
 * in one statement; the others queue their result and go on. Under load the batches grow by themselves (whatever
 * arrived during the previous write); a lone item is written at once, so progress and resume stay item-exact apart
 * from the results queued while a write is in progress (redone if the service dies at that moment).
 */
final class ItemWriter {

    private final RunStore store;
    private final String runId;
    private final ConcurrentLinkedQueue<ItemResult> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    ItemWriter(RunStore store, String runId) {
        this.store = store;
        this.runId = runId;
    }

    void save(ItemResult result) {
        queued.add(result);
        // re-check after unlocking: a result queued while we held the lock would otherwise wait for the next item
        while (!queued.isEmpty() && writing.tryLock()) {
            try {
                writeQueued();
            } finally {
                writing.unlock();
            }
        }
    }

    /** Writes whatever is still queued; returns once it is stored (run end). */
    void flush() {
        writing.lock();
        try {
            while (!queued.isEmpty()) {
                writeQueued();
            }
        } finally {
            writing.unlock();
        }
    }

    private void writeQueued() {
        List<ItemResult> batch = new ArrayList<>();
        for (ItemResult r = queued.poll(); r != null; r = queued.poll()) {
            batch.add(r);
        }
        if (!batch.isEmpty()) {
            store.saveAll(runId, batch);
        }
    }
}
