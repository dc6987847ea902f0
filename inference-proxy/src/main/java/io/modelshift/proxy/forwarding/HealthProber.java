package io.modelshift.proxy.forwarding;

import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.discovery.PodPool;
import io.modelshift.proxy.discovery.PodRounds;
import io.modelshift.proxy.picking.ControlClient;
import io.modelshift.proxy.telemetry.ProxyMetrics;
import io.netty.channel.ConnectTimeoutException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.ConnectException;

/**
 * Probes every pod's {@code /health} (vLLM answers 503 when its engine is dead): a pod that answers anything but 200,
 * or refuses the connection, is taken out at once until it answers 200 again; a probe that times out or breaks is
 * weaker evidence (a pod or proxy busy for a moment, e.g. accepting thousands of connections): it does not count
 * while the pod is sending answers to requests, and otherwise it takes {@code failure-threshold} of them in a row,
 * like a Kubernetes readiness probe's failureThreshold. An ejected pod whose back-off is over is re-admitted by its
 * first good answer.
 */
@ApplicationScoped
public class HealthProber {

    private static final Logger LOG = Logger.getLogger(HealthProber.class);

    private final ControlClient control;
    private final ProxyMetrics metrics;
    private final long timeoutMillis;
    private final int failureThreshold;
    /** A pod that sent answer bytes this recently is alive whatever its probe says: one probe period and timeout. */
    private final long aliveWindowNanos;
    private final PodRounds rounds;

    public HealthProber(Vertx vertx, ControlClient control, PodPool pool, ProxyMetrics metrics, ProxyConfig config) {
        this.control = control;
        this.metrics = metrics;
        this.timeoutMillis = config.health().probeTimeout().toMillis();
        this.failureThreshold = config.health().failureThreshold();
        this.aliveWindowNanos = config.health().probeInterval().plus(config.health().probeTimeout()).toNanos();
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("modelshift.proxy.health.failure-threshold must be at least 1");
        }
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
                    boolean healthy = ok || (!ar.succeeded() && pod.healthy()
                            && stillHealthy(ar.cause(), pod, failureThreshold, aliveWindowNanos, System.nanoTime()));
                    if (ok) {
                        pod.probeAnswered();
                    } else {
                        metrics.probeFailed(pod, healthy);
                    }
                    if (!ok && healthy) {
                        LOG.debugf("pod %s probe failed (%s), still counted healthy", pod, ar.cause().getMessage());
                    }
                    if (pod.healthy() != healthy) {
                        LOG.infof("pod %s health: %s", pod, ok ? "answering" : ar.succeeded()
                                ? "HTTP " + ar.result() : ar.cause().getMessage());
                    }
                    pod.healthy(healthy);
                    if (pod.outlier().onProbe(ok, System.nanoTime())) {
                        LOG.infof("pod %s re-admitted after ejection", pod);
                        metrics.readmitted(pod);
                    }
                });
    }

    /**
     * Whether a healthy pod stays healthy after a probe that got no answer: not when the connection was refused
     * (nothing listens: the pod is gone; a connect that timed out is only slow), yes while it is sending answers to
     * requests (alive, only slow to answer the probe), else until {@code threshold} such probes in a row.
     */
    static boolean stillHealthy(Throwable cause, Pod pod, int threshold, long aliveWindowNanos, long now) {
        if (cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException)) {
            return false;
        }
        if (pod.answeredWithin(aliveWindowNanos, now)) {
            return true;
        }
        return pod.probeFailed() < threshold;
    }
}
