package io.modelshift.api.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.api.openai.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficBatchReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String GOOD = """
            {"id":"r1","time":"2026-11-27T10:00:00Z","tenant":"t","route":"llama-70b","variant":"llama-3-70b",
             "status":200,"latencyMs":12.5,"ttftMs":3.0,"promptTokens":10,"completionTokens":20,"stream":true}""";

    @Test
    void aBrokenRecordIsCountedAndTheOthersAreKept() throws Exception {
        String body = """
                {"source":"gw-1","records":[%s,
                 {"time":"2026-11-27T10:00:00Z","route":"no-id"},
                 {"id":"r2","time":"yesterday"},
                 %s,
                 %s]}""".formatted(GOOD, GOOD, GOOD.replace("\"r1\"", "\"r3\""));
        TrafficBatchReader.Read read = TrafficBatchReader.read(JSON.readTree(body));
        assertEquals("gw-1", read.source());
        assertEquals(2, read.unreadable(), "no id, and a time that is not one");
        assertEquals(1, read.repeated(), "r1 twice in one batch");
        assertEquals(java.util.List.of("r1", "r3"), read.records().stream().map(TrafficRecord::id).toList());
        assertTrue(read.records().getFirst().stream());
        assertEquals(20, read.records().getFirst().completionTokens());
    }

    @Test
    void fieldsFromANewerGatewayAreSkippedNotRejected() throws Exception {
        String newer = GOOD.replace("\"stream\":true}", "\"stream\":true,\"fallbackFrom\":\"llama-2-70b\","
                + "\"someFutureField\":{\"x\":1}}");
        TrafficBatchReader.Read read = TrafficBatchReader.read(JSON.readTree("{\"source\":\"gw-2\",\"records\":["
                + newer + "]}"));
        assertEquals(0, read.unreadable());
        assertEquals("llama-2-70b", read.records().getFirst().fallbackFrom());
    }

    @Test
    void aBodyThatIsNoBatchIsRefused() throws Exception {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> TrafficBatchReader.read(JSON.readTree("{\"source\":\"x\"}")));
        assertTrue(e.getMessage().contains("\"records\""), e.getMessage());
        assertEquals(400, e.error().status());
        assertEquals("records", e.error().param());
        assertThrows(InvalidRequestException.class, () -> TrafficBatchReader.read(null));
    }
}
