package io.modelshift.proxy.discovery;

import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Runs an asynchronous task against every pod of the pool on a Vert.x timer, never starting a pod's task while its
 * previous one is still open: a slow pod gets no pile of requests, its round is simply skipped.
 */
public final class PodRounds {

    private final Vertx vertx;
    private final PodPool pool;
    private final long everyMillis;
    private final BiConsumer<Pod, Runnable> task;
    private final Set<Pod> open = ConcurrentHashMap.newKeySet();
    private long timer = -1;

    /** @param task called with the pod and the callback to run when the task is over */
    public PodRounds(Vertx vertx, PodPool pool, Duration every, BiConsumer<Pod, Runnable> task) {
        this.vertx = vertx;
        this.pool = pool;
        this.everyMillis = Math.max(10, every.toMillis());
        this.task = task;
    }

    public synchronized void start() {
        if (timer < 0) {
            timer = vertx.setPeriodic(0, everyMillis, id -> round());
        }
    }

    public synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    void round() {
        for (Pod pod : pool.pods()) {
            if (open.add(pod)) {
                task.accept(pod, () -> open.remove(pod));
            }
        }
    }
}
