package io.modelshift.proxy.picking;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The keep-alive client for the control plane (metrics scrapes and health probes), kept apart from the request
 * client so that a busy request pool never delays a scrape.
 */
@ApplicationScoped
public class ControlClient {

    private final HttpClient client;

    public ControlClient(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(1000).setKeepAliveTimeout(30), new PoolOptions().setHttp1MaxSize(2));
    }

    public HttpClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
