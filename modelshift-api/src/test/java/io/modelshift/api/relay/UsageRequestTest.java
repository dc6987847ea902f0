package io.modelshift.api.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.api.openai.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesTheUpstreamModelAndAsksForUsageKeepingUnknownFields() throws Exception {
        byte[] in = "{\"model\":\"llama-70b\",\"stream\":true,\"stream_options\":{\"x\":1},\"top_k\":40}"
                .getBytes(StandardCharsets.UTF_8);
        JsonNode out = json.readTree(UsageRequest.rewrite(in, "meta-llama/Meta-Llama-3-70B-Instruct", true));
        assertEquals("meta-llama/Meta-Llama-3-70B-Instruct", out.get("model").asText());
        assertTrue(out.get("stream_options").get("include_usage").asBoolean());
        assertEquals(1, out.get("stream_options").get("x").asInt());
        assertEquals(40, out.get("top_k").asInt());
    }

    @Test
    void leavesTheBodyAloneWhenNothingChanges() {
        byte[] in = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertSame(in, UsageRequest.rewrite(in, null, false));
    }

    @Test
    void rejectsBodiesThatAreNotObjects() {
        assertThrows(InvalidRequestException.class, () -> UsageRequest.rewrite("[1]".getBytes(), "m", false));
        assertThrows(InvalidRequestException.class, () -> UsageRequest.rewrite("{".getBytes(), "m", false));
    }
}
