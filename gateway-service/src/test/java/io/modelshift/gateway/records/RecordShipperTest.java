package io.modelshift.gateway.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelshift.api.records.TrafficBatch;
import io.modelshift.api.records.TrafficRecord;
import io.modelshift.api.records.TrafficRecord.ErrorType;
import io.modelshift.gateway.config.GatewayConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shipper against a real HTTP sink: full batches go out at once, and what is queued goes out at shutdown. */
class RecordShipperTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private Vertx vertx;
    private HttpServer sink;
    private final List<TrafficBatch> received = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void startSink() throws Exception {
        vertx = Vertx.vertx();
        sink = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            try {
                received.add(JSON.readValue(body.getBytes(), TrafficBatch.class));
                req.response().setStatusCode(202).end();
            } catch (Exception e) {
                req.response().setStatusCode(400).end(e.toString());
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopSink() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFullBatchIsSentWithoutWaitingForTheTimer() {
        RecordShipper shipper = start(Map.of("modelshift.gateway.records.batch-size", "2"));
        vertx.runOnContext(v -> { // as requests do: offered on an event loop
            for (int i = 0; i < 5; i++) {
                shipper.offer(record("req-" + i));
            }
        });
        // the sink holds a batch before the shipper has read its answer and counted it as sent
        await().atMost(10, TimeUnit.SECONDS).until(() -> ids().size() == 4
                && registry.get("modelshift.gateway.records.sent").counter().count() == 4.0);
        assertEquals(List.of("req-0", "req-1", "req-2", "req-3"), ids().stream().sorted().toList()); // 2 POSTs race
        assertEquals(List.of(2, 2), received.stream().map(b -> b.records().size()).toList());
        assertEquals(4.0, registry.get("modelshift.gateway.records.sent").counter().count());
        assertEquals(1.0, registry.get("modelshift.gateway.records.queued").gauge().value()); // req-4 waits
    }

    @Test
    void whatIsQueuedIsSentAtShutdown() {
        RecordShipper shipper = start(Map.of());
        for (int i = 0; i < 3; i++) {
            shipper.offer(record("req-" + i));
        }
        assertEquals(List.of(), ids()); // the next tick is an hour away
        shipper.stop(null);
        assertEquals(List.of("req-0", "req-1", "req-2"), ids());
        assertEquals(3.0, registry.get("modelshift.gateway.records.sent").counter().count());
        shipper.offer(record("late"));
        shipper.flush();
        assertEquals(1.0, registry.get("modelshift.gateway.records.queued").gauge().value()); // not drained any more
    }

    private RecordShipper start(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "5s", as Quarkus reads it
                .withDefaultValue("modelshift.gateway.records.sinks",
                        "http://127.0.0.1:" + sink.actualPort() + "/v1/traffic")
                .withDefaultValue("modelshift.gateway.records.flush-interval", "1h")
                .withDefaultValues(settings)
                .build();
        RecordShipper shipper = new RecordShipper(config.getConfigMapping(GatewayConfig.class), registry);
        shipper.start(null, vertx);
        return shipper;
    }

    private List<String> ids() {
        return received.stream().flatMap(b -> b.records().stream()).map(TrafficRecord::id).toList();
    }

    private static TrafficRecord record(String id) {
        return new TrafficRecord(id, Instant.parse("2026-11-27T10:05:25Z"), "t", "k", "r", "v", "m",
                "chat.completions", false, 200, ErrorType.NONE, null, 1.5, -1, 3, 4, "stop", 17, null, false, false,
                null, 0.01, null, null, false);
    }
}
