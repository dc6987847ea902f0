package io.modelshift.gateway.records;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelshift.api.records.TrafficRecord;
import io.modelshift.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ships traffic records to the configured ingest endpoints in batches, off the request path. Requests only
 * {@link #offer} into a bounded queue (a full queue drops the record and counts it); a timer, or a full batch
 * waiting, drains the queue and posts one {@link io.modelshift.api.records.TrafficBatch} to every sink. A sink
 * that is down or slow costs its own batches (counted as dropped), never request latency. Receivers are idempotent
 * on the record id.
 *
 * <p>Each record is encoded as it is offered, about half a microsecond on the request's event loop, so a batch is only
 * joined (one copy of ~150 KB for 500 records, tens of microseconds) and posted, both on an event loop: there is no
 * thread of the shipper's own to wake up or to compete with the event loops for a core. Encoding a whole batch at
 * once took about a millisecond of a core, and the requests that needed the core meanwhile waited: with the gateway
 * alone on a core, its p99 at 6,500 req/s was 1.2-3.3 ms with records on and 0.35 ms with records off
 * ({@code benchmarks/gateway/results/latency-pinned*.txt}).
 */
@Singleton // no client proxy: called on every request
public class RecordShipper {

    private static final Logger LOG = Logger.getLogger(RecordShipper.class);

    private final GatewayConfig config;
    /** Records encoded when offered (see {@link RecordJson}): a batch is then only joined, never encoded at once. */
    private final RecordQueue queue;
    private final List<URI> sinks;
    private final Counter droppedQueueFull;
    private final Counter droppedSink;
    private final Counter sent;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final AtomicLong offered = new AtomicLong();
    private volatile boolean stopped;
    private Vertx vertx;
    private HttpClient client;
    private long timer = -1;

    public RecordShipper(GatewayConfig config, MeterRegistry registry) {
        this.config = config;
        if (config.records().maxTextChars() < 1) {
            throw new IllegalArgumentException("modelshift.gateway.records.max-text-chars must be at least 1, got "
                    + config.records().maxTextChars());
        }
        this.queue = new RecordQueue(config.records().queueCapacity());
        this.sinks = config.records().sinks().orElse(List.of()).stream().filter(s -> !s.isBlank())
                .map(URI::create).toList();
        this.droppedQueueFull = Counter.builder("modelshift.gateway.records.dropped").tag("reason", "queue_full")
                .description("Traffic records dropped").register(registry);
        this.droppedSink = Counter.builder("modelshift.gateway.records.dropped").tag("reason", "sink_failed")
                .description("Traffic records dropped").register(registry);
        this.sent = Counter.builder("modelshift.gateway.records.sent").description("Records accepted by a sink")
                .register(registry);
        Gauge.builder("modelshift.gateway.records.queued", queue, RecordQueue::size).register(registry);
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        if (sinks.isEmpty()) {
            LOG.info("no record sinks configured (modelshift.gateway.records.sinks): records are counted, not sent");
            return;
        }
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.records().sinkTimeout().toMillis()));
        timer = vertx.setPeriodic(config.records().flushInterval().toMillis(), id -> flush());
        LOG.infof("records go to %s every %s, privacy mode %s", sinks, config.records().flushInterval(),
                config.records().privacyMode() ? "ON" : "OFF (text sample rate " + config.records().textSampleRate()
                        + ")");
    }

    /**
     * Ships what is still queued before the gateway exits, so a rolling restart does not lose up to a flush
     * interval of records; waits at most the sink timeout for the sinks to answer. Records offered by requests that
     * are still finishing after this are not sent.
     */
    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        stopped = true;
        if (client == null) {
            return;
        }
        long waitMs = config.records().sinkTimeout().toMillis();
        long deadline = System.nanoTime() + waitMs * 1_000_000;
        while (!flushing.compareAndSet(false, true)) { // a drain on an event loop is still joining its batch
            if (System.nanoTime() > deadline) {
                LOG.warnf("records: %d queued records not sent at shutdown (a drain did not finish)", queue.size());
                return;
            }
            Thread.onSpinWait();
        }
        List<Future<Void>> posts = new ArrayList<>();
        try {
            int queued = queue.size();
            if (queued > 0) {
                LOG.infof("records: sending the %d queued at shutdown", queued);
                posts.addAll(ship(queued, false));
            }
        } finally {
            flushing.set(false);
        }
        try {
            Future.join(posts).toCompletionStage().toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOG.warnf("records: a sink refused the last batches: %s", e.getCause().toString()); // counted as dropped
        } catch (TimeoutException e) {
            LOG.warnf("records: the sinks did not take the last batches within %d ms", waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Never blocks: a full queue drops the record and counts it. */
    public void offer(TrafficRecord record) {
        if (sinks.isEmpty()) {
            return;
        }
        if (queue.isFull() || !queue.offer(RecordJson.record(record))) { // full: not worth encoding
            droppedQueueFull.increment();
        } else if (offered.incrementAndGet() % config.records().batchSize() == 0 && !flushQueued.getAndSet(true)) {
            // a full batch is waiting: send it now rather than at the next tick, so that a burst above
            // queue-capacity records per flush interval is shipped instead of dropped; on this event loop, once the
            // request's own work is done
            Context here = Vertx.currentContext();
            Handler<Void> drainFull = v -> {
                flushQueued.set(false);
                drain(true);
            };
            if (here != null) {
                here.runOnContext(drainFull);
            } else {
                vertx.runOnContext(drainFull);
            }
        }
    }

    /** Sends what is queued now, in batches; one flush at a time. */
    public void flush() {
        drain(false);
    }

    /**
     * Sends at most what was queued when it started (records that arrive meanwhile wait for the next trigger: a
     * loop that drained until the queue was empty would, under steady traffic, keep the event loop posting tiny
     * batches); with {@code fullBatchesOnly}, only while a whole batch is waiting.
     */
    private void drain(boolean fullBatchesOnly) {
        if (stopped || !flushing.compareAndSet(false, true)) {
            return; // stopped: stop() ships what is left
        }
        try {
            ship(queue.size(), fullBatchesOnly);
        } finally {
            flushing.set(false);
        }
    }

    /** Posts up to {@code budget} queued records in batches; the caller holds {@link #flushing}. */
    private List<Future<Void>> ship(int budget, boolean fullBatchesOnly) {
        int size = config.records().batchSize();
        List<Future<Void>> posts = new ArrayList<>();
        List<byte[]> batch = new ArrayList<>(size);
        while (budget > 0 && (!fullBatchesOnly || queue.size() >= size)) {
            int n = queue.drainTo(batch, Math.min(size, budget));
            if (n == 0) {
                break;
            }
            budget -= n;
            posts.addAll(send(batch));
            batch.clear();
        }
        return posts;
    }

    /** Posts one batch to every sink; {@code records} is only read before this returns (the caller reuses it). */
    private List<Future<Void>> send(List<byte[]> records) {
        Buffer body = RecordJson.batch(config.replicaName(), records);
        int count = records.size();
        List<Future<Void>> posts = new ArrayList<>(sinks.size());
        for (URI sink : sinks) {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(sink.toString())
                    .putHeader("content-type", "application/json")
                    .setIdleTimeout(config.records().sinkTimeout().toMillis());
            posts.add(client.request(options)
                    .compose(req -> req.send(body))
                    .compose(resp -> resp.body().map(b -> resp.statusCode()))
                    .andThen(ar -> {
                        if (ar.succeeded() && ar.result() < 300) {
                            sent.increment(count);
                        } else {
                            droppedSink.increment(count);
                            LOG.debugf("sink %s refused a batch of %d: %s", sink, count,
                                    ar.succeeded() ? "HTTP " + ar.result() : ar.cause().toString());
                        }
                    }).mapEmpty());
        }
        return posts;
    }

    public boolean privacyMode() {
        return config.records().privacyMode();
    }

    public double textSampleRate() {
        return config.records().privacyMode() ? 0 : config.records().textSampleRate();
    }

    /** Prompt or completion text as a record carries it: at most {@code records.max-text-chars}. */
    public String recordable(String text) {
        return TextCapture.cap(text, config.records().maxTextChars());
    }
}
