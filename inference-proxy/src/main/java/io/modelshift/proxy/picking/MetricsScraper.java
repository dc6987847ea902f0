package io.modelshift.proxy.picking;

import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.discovery.PodPool;
import io.modelshift.proxy.discovery.PodRounds;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scrapes every pod's {@code /metrics} on a Vert.x timer (default every 100 ms). A pod whose previous scrape has not
 * answered is skipped; its metrics simply age: late, then unknown (see {@link PodScorer}).
 */
@ApplicationScoped
public class MetricsScraper {

    private static final Logger LOG = Logger.getLogger(MetricsScraper.class);

    private final ControlClient control;
    private final long timeoutMillis;
    private final PodRounds rounds;
    private final Set<Pod> warned = ConcurrentHashMap.newKeySet();

    public MetricsScraper(Vertx vertx, ControlClient control, PodPool pool, ProxyConfig config) {
        this.control = control;
        this.timeoutMillis = config.picking().scrapeTimeout().toMillis();
        this.rounds = new PodRounds(vertx, pool, config.picking().scrapeInterval(), this::scrape);
    }

    void onStart(@Observes StartupEvent event) {
        rounds.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        rounds.stop();
    }

    private void scrape(Pod pod, Runnable done) {
        long sentAt = System.nanoTime();
        long dispatched = pod.dispatched();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(pod.host())
                .setPort(pod.port()).setURI("/metrics").setIdleTimeout(timeoutMillis);
        control.client().request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().compose(body -> resp.statusCode() == 200 ? Future.succeededFuture(body)
                        : Future.failedFuture("HTTP " + resp.statusCode())))
                .onComplete(ar -> {
                    done.run();
                    if (ar.failed()) {
                        LOG.debugf("scrape of %s failed: %s", pod, ar.cause().getMessage());
                        return;
                    }
                    VllmMetricsParser.Load load = VllmMetricsParser.parse(ar.result().toString());
                    if (!load.hasQueueSeries() && warned.add(pod)) {
                        LOG.warnf("%s exposes no vllm:num_requests_* series at /metrics; its load is unknown", pod);
                    }
                    pod.metrics(new PodMetrics(load.waiting(), load.running(), load.kvCacheUsage(), sentAt,
                            dispatched));
                });
    }
}
