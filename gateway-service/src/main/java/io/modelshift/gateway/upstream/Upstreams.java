package io.modelshift.gateway.upstream;

import io.modelshift.api.relay.LoopClients;
import io.modelshift.gateway.config.GatewayConfig;
import io.modelshift.gateway.routing.UpstreamProtocol;
import io.modelshift.gateway.routing.Variant;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pooled keep-alive HTTP clients every upstream call goes through (one per event loop and protocol, see
 * {@link LoopClients}, so a relayed request never changes thread; h2c upstreams get HTTP/2 clients whose requests
 * are streams multiplexed over a few connections), and the deadline sweeper: one periodic timer
 * checks the time-to-first-byte, idle and total deadlines of every call in flight, so a request costs no timer of
 * its own.
 */
@Singleton // no client proxy: called on every request
public class Upstreams {

    /** Receive window of an h2c connection: many streams share it, the 64 KiB default would throttle them. */
    private static final int H2C_CONNECTION_WINDOW = 16 << 20;

    private final GatewayConfig.Upstream config;
    private final Set<Deadlined> inFlight = ConcurrentHashMap.newKeySet();
    private Vertx vertx;
    private LoopClients clients;
    private LoopClients h2cClients;
    private long sweeper = -1;

    public Upstreams(GatewayConfig config) {
        this.config = config.upstream();
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        this.clients = new LoopClients(vertx, baseOptions(),
                new PoolOptions().setHttp1MaxSize(config.maxConnections()).setMaxWaitQueueSize(-1));
        // prior knowledge: the connection starts with the HTTP/2 preface, no HTTP/1.1 upgrade round trip
        this.h2cClients = new LoopClients(vertx, baseOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)
                .setHttp2ConnectionWindowSize(H2C_CONNECTION_WINDOW),
                new PoolOptions().setHttp2MaxSize(config.h2cMaxConnections()).setMaxWaitQueueSize(-1));
        this.sweeper = vertx.setPeriodic(config.deadlineTick().toMillis(), id -> sweep());
    }

    private HttpClientOptions baseOptions() {
        return new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setDecompressionSupported(false);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
        if (clients != null) {
            clients.close();
            h2cClients.close();
        }
    }

    /** The calling event loop's client for a variant's protocol. */
    public HttpClient client(Variant variant) {
        return variant.effectiveProtocol() == UpstreamProtocol.H2C ? h2cClients.current() : clients.current();
    }

    public Vertx vertx() {
        return vertx;
    }

    public GatewayConfig.Upstream config() {
        return config;
    }

    void track(Deadlined call) {
        inFlight.add(call);
    }

    void untrack(Deadlined call) {
        inFlight.remove(call);
    }

    public int inFlight() {
        return inFlight.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Deadlined call : inFlight) {
            call.checkDeadline(now);
        }
    }

    /** A call with deadlines, checked by the sweeper. */
    interface Deadlined {
        void checkDeadline(long nowNanos);
    }
}
