package io.modelshift.simulator;

import io.modelshift.simulator.api.Endpoints;
import io.modelshift.simulator.api.Pod;
import io.modelshift.simulator.engine.Scheduler;
import io.modelshift.simulator.metrics.VllmMetrics;
import io.modelshift.simulator.quality.AnswerKeys;
import io.modelshift.simulator.quality.Responder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated vLLM pod: an HTTP server on its own single-threaded Vert.x instance (the engine state is confined
 * to that event loop, so no locks). Start several in one JVM for a pool; close each when done.
 */
public final class SimulatedVllm implements Pod, AutoCloseable {

    private static final long STARTUP_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final AtomicReference<SimulatorConfig> config;
    private final Scheduler scheduler;
    private final VllmMetrics metrics;
    private final Responder responder;
    private final long startedAt = System.currentTimeMillis() / 1000;
    private HttpServer server;

    private SimulatedVllm(SimulatorConfig initial) {
        this.config = new AtomicReference<>(initial);
        this.responder = new Responder(AnswerKeys.load(initial.answerKeys()));
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.scheduler = new Scheduler(config::get);
        this.metrics = new VllmMetrics(config::get, new VllmMetrics.Load() {
            @Override
            public int running() {
                return scheduler.running();
            }

            @Override
            public int waiting() {
                return scheduler.waiting();
            }

            @Override
            public long kvTokens() {
                return scheduler.kvTokens();
            }
        });
    }

    /**
     * Starts a pod and waits until it listens.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static SimulatedVllm start(SimulatorConfig config) {
        SimulatedVllm pod = new SimulatedVllm(config);
        try {
            pod.server = pod.vertx.createHttpServer(new HttpServerOptions()
                            .setHost(config.host()).setPort(config.port()).setTcpNoDelay(true))
                    .requestHandler(new Endpoints(pod))
                    .listen().toCompletionStage().toCompletableFuture()
                    .get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return pod;
        } catch (ExecutionException | TimeoutException e) {
            pod.close();
            throw new IllegalStateException("simulated vLLM pod cannot listen on " + config.host() + ":"
                    + config.port() + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pod.close();
            throw new IllegalStateException("interrupted while starting the simulated pod", e);
        }
    }

    /** {@code http://<host>:<port>}; the OpenAI base URL is this plus {@code /v1}. */
    public String baseUrl() {
        String host = config.get().host();
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port();
    }

    public int port() {
        return server.actualPort();
    }

    /** Same JSON merge-patch as {@code POST /admin/config}; returns the new config. */
    @Override
    public SimulatorConfig reconfigure(String jsonPatch) {
        SimulatorConfig next = config.updateAndGet(current -> ConfigJson.patch(current, jsonPatch));
        // More slots or a longer queue may admit waiting requests now; the scheduler lives on the event loop.
        vertx.runOnContext(v -> scheduler.admitWaiting());
        return next;
    }

    /** Requests holding a running slot now (phantom ones not included). */
    public int runningRequests() {
        return scheduler.running();
    }

    /** Requests in the waiting queue now (phantom ones not included). */
    public int waitingRequests() {
        return scheduler.waiting();
    }

    @Override
    public SimulatorConfig config() {
        return config.get();
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public VllmMetrics metrics() {
        return metrics;
    }

    @Override
    public Responder responder() {
        return responder;
    }

    @Override
    public long startedAtEpochSeconds() {
        return startedAt;
    }

    /** Stops listening, drops in-flight requests and releases the threads. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("simulated pod did not stop cleanly", e);
        }
    }
}
