package io.modelshift.gateway.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.modelshift.api.records.TrafficRecord;
import io.modelshift.api.records.TrafficRecord.ErrorType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What encoding one traffic record costs on the request's event loop (run by {@code benchmarks/gateway/jmh.sh},
 * not by the tests): {@link RecordJson#record} against Jackson's data binding writing the same record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordJsonBenchmark {

    private static final ObjectMapper DATA_BINDING = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A typical record of the gateway benchmark: privacy mode on, so no texts. */
    private final TrafficRecord record = new TrafficRecord("req-5f0c2a9e41d3b7a86c1e0f2d", Instant.now(), "team-a",
            "key-bench", "bench", "model-a", "bench-model-a", "chat.completions", false, 200, ErrorType.NONE, null,
            0.412, 0.398, 57, 16, "stop", 4711, null, false, false, null, 0.031, null, null, false);

    @Benchmark
    public byte[] recordJson() {
        return RecordJson.record(record);
    }

    @Benchmark
    public byte[] jacksonDataBinding() throws Exception {
        return DATA_BINDING.writeValueAsBytes(record);
    }
}
