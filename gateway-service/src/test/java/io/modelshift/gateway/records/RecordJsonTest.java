package io.modelshift.gateway.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.modelshift.api.records.TrafficBatch;
import io.modelshift.api.records.TrafficRecord;
import io.modelshift.api.records.TrafficRecord.ErrorType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void writesWhatDataBindingWritesAndReadsBackTheSameRecords() throws Exception {
        List<TrafficRecord> records = List.of(
                new TrafficRecord("req-1", Instant.parse("2026-11-27T10:05:23.123456789Z"), "team-a", "key-a",
                        "llama-70b", "llama-3-70b", "meta-llama/Meta-Llama-3-70B", "chat.completions", true, 200,
                        ErrorType.NONE, null, 12.345, 0.0001, 57, 123, "stop", 4711, "req-1", false, false, null, 0.139,
                        "héllo \"quoted\"\n日本語", "answer\t\u0001", true),
                new TrafficRecord("req-2", Instant.parse("2026-11-27T10:05:24Z"), "team-b", "key-b", null, null, null,
                        "completions", false, 429, ErrorType.CLIENT, "rate_limit_exceeded", 1e-7, -1, -1, -1, null,
                        -1, null, true, true, "llama-3-70b", 1234567.0, null, null, false));
        byte[] ours = RecordJson.batch("gateway-0", records.stream().map(RecordJson::record).toList()).getBytes();
        byte[] reference = JSON.writeValueAsBytes(new TrafficBatch("gateway-0", records));
        JsonNode tree = JSON.readTree(ours);
        assertEquals(JSON.readTree(reference), tree);
        assertEquals(new TrafficBatch("gateway-0", records), JSON.treeToValue(tree, TrafficBatch.class));
    }

    @Test
    void aRecordWithLongTextsThenASmallOneAreEachEncodedWhole() throws Exception {
        String longText = "x".repeat(200_000); // past the per-thread buffer that is kept between records
        TrafficRecord big = new TrafficRecord("req-4", Instant.parse("2026-11-27T10:05:26Z"), "t", "k", "r", "v", "m",
                "chat.completions", false, 200, ErrorType.NONE, null, 2, 1, 50_000, 10, "stop", 1, null, false, false,
                null, 0.02, longText, longText, false);
        TrafficRecord small = new TrafficRecord("req-5", Instant.parse("2026-11-27T10:05:27Z"), "t", "k", "r", "v",
                "m", "chat.completions", false, 200, ErrorType.NONE, null, 2, 1, 5, 1, "stop", 1, null, false, false,
                null, 0.02, null, null, false);
        for (TrafficRecord r : List.of(big, small, big, small)) {
            assertEquals(r, JSON.readValue(RecordJson.record(r), TrafficRecord.class));
        }
    }

    @Test
    void joinsOneRecordAndNoRecordIntoValidBatches() throws Exception {
        TrafficRecord one = new TrafficRecord("req-3", Instant.parse("2026-11-27T10:05:25Z"), "t", "k", "r", "v",
                "m", "embeddings", false, 200, ErrorType.NONE, null, 1.5, -1, 3, 0, null, 17, null, false, false,
                null, 0.01, null, null, false);
        assertEquals(JSON.readTree(JSON.writeValueAsBytes(new TrafficBatch("g \"1\"", List.of(one)))),
                JSON.readTree(RecordJson.batch("g \"1\"", List.of(RecordJson.record(one))).getBytes()));
        assertEquals(JSON.readTree("{\"source\":\"g\",\"records\":[]}"), JSON.readTree(RecordJson.batch("g", List.of()).getBytes()));
    }
}
