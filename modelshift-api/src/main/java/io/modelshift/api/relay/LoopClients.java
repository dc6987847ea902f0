package io.modelshift.api.relay;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pooled keep-alive {@link HttpClient} per Vert.x event loop, for relays that call upstream from the event loop
 * that serves the client.
 *
 * <p>Why: a single Vert.x 4 client pool hands out its connections without regard to the event loop they live on
 * (its selector picks the most recently used one), so with N event loops most relayed requests write on another
 * loop's connection and get the answer dispatched back: two thread hand-offs per request, each a wake-up that
 * waits for a core on a busy host. A client per loop opens its connections on that loop (the pool connects on the
 * caller's event loop) and only ever uses them from it, so a relayed request never leaves its thread.
 * Calls from other threads (timers, startup) use one shared client.
 */
public final class LoopClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final Map<Thread, HttpClient> byLoop = new ConcurrentHashMap<>();
    private final HttpClient shared;

    /** @param pool the pool of each event loop's client (its size is per event loop) */
    public LoopClients(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
        this.vertx = vertx;
        this.options = options;
        this.pool = pool;
        this.shared = vertx.createHttpClient(options, pool);
    }

    /** The client of the calling event loop (the shared one off event loops). */
    public HttpClient current() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        Thread loop = Thread.currentThread();
        HttpClient client = byLoop.get(loop);
        return client != null ? client : byLoop.computeIfAbsent(loop, t -> vertx.createHttpClient(options, pool));
    }

    /** How many event-loop clients were created so far. */
    public int loops() {
        return byLoop.size();
    }

    public void close() {
        byLoop.values().forEach(HttpClient::close);
        byLoop.clear();
        shared.close();
    }
}
