package io.modelshift.proxy.forwarding;

import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.discovery.PodPool;
import io.modelshift.proxy.discovery.PodRounds;
import io.modelshift.proxy.picking.ControlClient;
import io.modelshift.proxy.telemetry.ProxyMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Probes every pod's {@code /health} (vLLM answers 503 when its engine is dead): a pod that does not answer 200 is
 * taken out until it does, and an ejected pod whose back-off is over is re-admitted by its first good answer.
 */
@ApplicationScoped
public class HealthProber {

    private static final Logger LOG = Logger.getLogger(HealthProber.class);

    private final ControlClient control;
    private final ProxyMetrics metrics;
    private final long timeoutMillis;
    private final PodRounds rounds;

    public HealthProber(Vertx vertx, ControlClient control, PodPool pool, ProxyMetrics metrics, ProxyConfig config) {
        this.control = control;
        this.metrics = metrics;
        this.timeoutMillis = config.health().probeTimeout().toMillis();
        this.rounds = new PodRounds(vertx, pool, config.health().probeInterval(), this::probe);
    }

    void onStart(@Observes StartupEvent event) {
        rounds.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        rounds.stop();
    }

    private void probe(Pod pod, Runnable done) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(pod.host())
                .setPort(pod.port()).setURI("/health").setIdleTimeout(timeoutMillis);
        control.client().request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(ar -> {
                    done.run();
                    boolean ok = ar.succeeded() && ar.result() == 200;
                    if (pod.healthy() != ok) {
                        LOG.infof("pod %s health: %s", pod, ok ? "answering" : ar.succeeded()
                                ? "HTTP " + ar.result() : ar.cause().getMessage());
                    }
                    pod.healthy(ok);
                    if (pod.outlier().onProbe(ok, System.nanoTime())) {
                        LOG.infof("pod %s re-admitted after ejection", pod);
                        metrics.readmitted(pod);
                    }
                });
    }
}
