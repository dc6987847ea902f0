package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerationOptionsTest {

    static SimulatedVllm pod;
    static PodClient client;

    @BeforeAll
    static void start() {
        pod = SimulatedVllm.start(SimulatorConfig.defaults());
        client = new PodClient(pod);
    }

    @AfterAll
    static void stop() {
        pod.close();
    }

    private static JsonNode complete(String body) throws Exception {
        var r = client.post("/v1/completions", body);
        assertEquals(200, r.statusCode(), r.body());
        return PodClient.json(r.body());
    }

    @Test
    void nChoicesAreIndexedAndCountedInUsage() throws Exception {
        JsonNode j = PodClient.json(client.post("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Describe a cat\"}],\"n\":3,\"max_tokens\":12,"
                        + "\"ignore_eos\":true}").body());
        assertEquals(3, j.get("choices").size());
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            JsonNode c = j.get("choices").get(i);
            assertEquals(i, c.get("index").asInt());
            assertEquals("length", c.get("finish_reason").asText());
            texts.add(c.get("message").get("content").asText());
        }
        assertTrue(texts.size() > 1, "choices are sampled independently");
        assertEquals(36, j.get("usage").get("completion_tokens").asInt());
    }

    @Test
    void nChoicesStreamEachChoiceWithItsIndex() throws Exception {
        var frames = PodClient.frames(client.postStream("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":2,\"max_tokens\":4,\"ignore_eos\":true,"
                        + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}").body());
        int[] roles = new int[2];
        int[] finishes = new int[2];
        for (String f : frames.subList(0, frames.size() - 2)) {
            JsonNode c = PodClient.json(f).get("choices").get(0);
            int index = c.get("index").asInt();
            if (c.get("delta").has("role")) {
                roles[index]++;
            }
            if (!c.get("finish_reason").isNull()) {
                finishes[index]++;
            }
        }
        assertEquals(1, roles[0]);
        assertEquals(1, roles[1]);
        assertEquals(1, finishes[0]);
        assertEquals(1, finishes[1]);
        assertEquals(8, PodClient.json(frames.get(frames.size() - 2)).get("usage").get("completion_tokens").asInt());
    }

    @Test
    void maxTokensEndsWithLength() throws Exception {
        JsonNode j = complete("{\"prompt\":\"Write an essay\",\"max_tokens\":7,\"ignore_eos\":true}");
        assertEquals("length", j.get("choices").get(0).get("finish_reason").asText());
        assertEquals(7, j.get("usage").get("completion_tokens").asInt());
    }

    @Test
    void naturalEndIsStopWithinMaxTokens() throws Exception {
        JsonNode j = complete("{\"prompt\":\"Say something\",\"max_tokens\":2000,\"seed\":3}");
        assertEquals("stop", j.get("choices").get(0).get("finish_reason").asText());
        int tokens = j.get("usage").get("completion_tokens").asInt();
        assertTrue(tokens >= 8 && tokens <= 1024, "a realistic answer length: " + tokens);
    }

    @Test
    void stopStringEndsTheAnswerBeforeIt() throws Exception {
        String free = complete("{\"prompt\":\"Tell me\",\"seed\":5,\"max_tokens\":300}")
                .get("choices").get(0).get("text").asText();
        int period = free.indexOf('.');
        assertTrue(period > 0, free);
        JsonNode j = complete("{\"prompt\":\"Tell me\",\"seed\":5,\"max_tokens\":300,\"stop\":[\"zz\",\".\"]}");
        JsonNode c = j.get("choices").get(0);
        assertEquals("stop", c.get("finish_reason").asText());
        assertEquals(".", c.get("stop_reason").asText());
        assertEquals(free.substring(0, period), c.get("text").asText());
    }

    @Test
    void seedMakesOutputReproducible() throws Exception {
        String body = "{\"prompt\":\"Tell me a story\",\"seed\":1234,\"max_tokens\":60}";
        String a = complete(body).get("choices").get(0).get("text").asText();
        String b = complete(body).get("choices").get(0).get("text").asText();
        String other = complete("{\"prompt\":\"Tell me a story\",\"seed\":99,\"max_tokens\":60}")
                .get("choices").get(0).get("text").asText();
        assertEquals(a, b);
        assertNotEquals(a, other);
    }

    @Test
    void echoPrependsThePrompt() throws Exception {
        String text = complete("{\"prompt\":\"Hello there\",\"echo\":true,\"max_tokens\":3,\"ignore_eos\":true}")
                .get("choices").get(0).get("text").asText();
        assertTrue(text.startsWith("Hello there"), text);
        assertFalse(text.equals("Hello there"));
    }

    @Test
    void batchedPromptsGiveNChoicesPerPromptInOrder() throws Exception {
        JsonNode j = complete("{\"prompt\":[\"First prompt here\",\"Second\"],\"n\":2,\"max_tokens\":3,"
                + "\"ignore_eos\":true,\"echo\":true}");
        assertEquals(4, j.get("choices").size());
        for (int i = 0; i < 4; i++) {
            JsonNode c = j.get("choices").get(i);
            assertEquals(i, c.get("index").asInt());
            assertTrue(c.get("text").asText().startsWith(i < 2 ? "First prompt here" : "Second"), c.toString());
        }
        assertEquals(3 + 1, j.get("usage").get("prompt_tokens").asInt(), "prompt tokens summed over the batch");
        assertEquals(12, j.get("usage").get("completion_tokens").asInt());
        assertEquals(2, complete("{\"prompt\":[[1,2],[3,4,5]],\"max_tokens\":1}").get("choices").size());
        var frames = PodClient.frames(client.postStream("/v1/completions",
                "{\"prompt\":[\"a\",\"b\",\"c\"],\"max_tokens\":2,\"ignore_eos\":true,\"stream\":true}").body());
        assertEquals(3 * 2 + 1, frames.size());
    }

    @Test
    void tokenIdPromptsAreCountedByLength() throws Exception {
        assertEquals(5, complete("{\"prompt\":[1,2,3,4,5],\"max_tokens\":1}").get("usage").get("prompt_tokens")
                .asInt());
    }
}
