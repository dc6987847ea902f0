package io.modelshift.api.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.api.openai.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte-splice fast path of {@link UsageRequest}: same meaning as the tree rewrite, the rest kept byte for byte. */
class UsageRequestSpliceTest {

    private final ObjectMapper json = new ObjectMapper();

    private static String rewrite(String in, String model, boolean usage) {
        return new String(UsageRequest.rewrite(in.getBytes(StandardCharsets.UTF_8), model, usage),
                StandardCharsets.UTF_8);
    }

    @Test
    void replacesOnlyTheModelValueKeepingEveryOtherByte() {
        assertEquals("{ \"messages\": [{\"role\":\"user\",\"content\":\"model: \\\"x\\\"\"}], \"model\" : \"up/\\\"q\\\"-é\","
                        + " \"n\": 1 }",
                rewrite("{ \"messages\": [{\"role\":\"user\",\"content\":\"model: \\\"x\\\"\"}], \"model\" : \"a\\\"b\","
                        + " \"n\": 1 }", "up/\"q\"-é", false));
    }

    @Test
    void addsStreamOptionsBeforeTheClosingBrace() throws Exception {
        String out = rewrite("{\"model\":\"m\",\"stream\":true,\"meta\":{\"model\":\"inner\"}}\n", "up", true);
        assertEquals("{\"model\":\"up\",\"stream\":true,\"meta\":{\"model\":\"inner\"},"
                + "\"stream_options\":{\"include_usage\":true}}\n", out);
        assertEquals("{\"stream_options\":{\"include_usage\":true}}", rewrite("{}", null, true));
        JsonNode tree = json.readTree(rewrite("{\"stream\":true , \"x\":[1,{\"y\":2}] }", null, true));
        assertTrue(tree.get("stream_options").get("include_usage").asBoolean());
        assertEquals(2, tree.get("x").get(1).get("y").asInt());
    }

    @Test
    void fallsBackToTheTreeWhenThereIsSomethingToMergeOrNoStringModel() throws Exception {
        JsonNode merged = json.readTree(rewrite("{\"model\":\"m\",\"stream_options\":{\"x\":1}}", "up", true));
        assertEquals("up", merged.get("model").asText());
        assertEquals(1, merged.get("stream_options").get("x").asInt());
        assertTrue(merged.get("stream_options").get("include_usage").asBoolean());
        assertEquals("up", json.readTree(rewrite("{\"model\":7}", "up", false)).get("model").asText());
        assertEquals("up", json.readTree(rewrite("{\"stream\":true}", "up", false)).get("model").asText());
        JsonNode repeated = json.readTree(rewrite("{\"model\":\"a\",\"model\":\"b\"}", "up", false));
        assertEquals("up", repeated.get("model").asText());
    }

    @Test
    void stillRejectsWhatIsNotAJsonObject() {
        assertThrows(InvalidRequestException.class, () -> rewrite("", "m", false));
        assertThrows(InvalidRequestException.class, () -> rewrite("\"s\"", null, true));
        assertThrows(InvalidRequestException.class, () -> rewrite("{\"model\":\"m\",", "up", true));
        assertThrows(InvalidRequestException.class, () -> rewrite("{\"model\":\"m\" \"x\":1}", "up", false));
    }
}
