package io.modelshift.proxy.forwarding;

import io.modelshift.proxy.ProxyConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The pooled keep-alive Vert.x client that carries requests to the pods (one pool per pod address). */
@ApplicationScoped
public class UpstreamClient {

    private final HttpClient client;

    public UpstreamClient(Vertx vertx, ProxyConfig config) {
        ProxyConfig.Forwarding f = config.forwarding();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(60)
                        .setTcpNoDelay(true)
                        .setPipelining(false)
                        .setDecompressionSupported(false)
                        .setConnectTimeout((int) f.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(f.maxConnectionsPerPod()));
    }

    public HttpClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
