package io.modelshift.proxy.forwarding;

import io.modelshift.api.relay.LoopClients;
import io.modelshift.proxy.ProxyConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The pooled keep-alive Vert.x clients that carry requests to the pods: one per event loop (see {@link LoopClients}),
 * each with one pool per pod address, so a forwarded request stays on the event loop of its client connection.
 */
@ApplicationScoped
public class UpstreamClient {

    private final LoopClients clients;

    public UpstreamClient(Vertx vertx, ProxyConfig config) {
        ProxyConfig.Forwarding f = config.forwarding();
        this.clients = new LoopClients(vertx, new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(60)
                        .setTcpNoDelay(true)
                        .setPipelining(false)
                        .setDecompressionSupported(false)
                        .setConnectTimeout((int) f.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(f.maxConnectionsPerPod()));
    }

    /** The calling event loop's client. */
    public HttpClient client() {
        return clients.current();
    }

    @PreDestroy
    void close() {
        clients.close();
    }
}
