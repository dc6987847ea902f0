package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingTest {

    static SimulatedVllm pod;
    static PodClient client;

    @BeforeAll
    static void start() {
        pod = SimulatedVllm.start(SimulatorConfig.defaults().withModel("m-1").withPodName("pod-s"));
        client = new PodClient(pod);
    }

    @AfterAll
    static void stop() {
        pod.close();
    }

    private static List<JsonNode> chunks(List<String> frames) throws Exception {
        assertEquals("[DONE]", frames.get(frames.size() - 1), "a stream ends with [DONE]");
        List<JsonNode> out = new ArrayList<>();
        for (String f : frames.subList(0, frames.size() - 1)) {
            out.add(PodClient.json(f));
        }
        return out;
    }

    @Test
    void chatStreamRoleThenContentThenFinishThenDone() throws Exception {
        HttpResponse<InputStream> r = client.postStream("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"stream\":true,\"max_tokens\":8,"
                        + "\"ignore_eos\":true}");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        assertEquals("pod-s", r.headers().firstValue("x-inference-pod").orElse(null));
        List<JsonNode> chunks = chunks(PodClient.frames(r.body()));
        assertEquals(1 + 8, chunks.size(), "one role chunk, then one chunk per token");
        JsonNode first = chunks.get(0);
        assertEquals("chat.completion.chunk", first.get("object").asText());
        assertEquals("assistant", first.get("choices").get(0).get("delta").get("role").asText());
        assertEquals("", first.get("choices").get(0).get("delta").get("content").asText());
        assertTrue(first.get("choices").get(0).get("finish_reason").isNull());
        String id = first.get("id").asText();
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < chunks.size(); i++) {
            JsonNode c = chunks.get(i);
            assertEquals(id, c.get("id").asText());
            assertFalse(c.get("choices").get(0).get("delta").has("role"));
            text.append(c.get("choices").get(0).get("delta").get("content").asText());
            assertFalse(c.has("usage"), "no usage without stream_options.include_usage");
        }
        JsonNode last = chunks.get(chunks.size() - 1).get("choices").get(0);
        assertEquals("length", last.get("finish_reason").asText());
        assertFalse(text.toString().isBlank());
    }

    @Test
    void includeUsageAddsAFinalChunkWithEmptyChoices() throws Exception {
        HttpResponse<InputStream> r = client.postStream("/v1/completions",
                "{\"prompt\":\"count with me\",\"stream\":true,\"max_tokens\":6,\"ignore_eos\":true,"
                        + "\"stream_options\":{\"include_usage\":true}}");
        List<JsonNode> chunks = chunks(PodClient.frames(r.body()));
        assertEquals(6 + 1, chunks.size());
        for (JsonNode c : chunks.subList(0, 6)) {
            assertEquals("text_completion", c.get("object").asText());
            assertFalse(c.has("usage"));
        }
        JsonNode usage = chunks.get(6);
        assertEquals(0, usage.get("choices").size());
        assertEquals(3, usage.get("usage").get("prompt_tokens").asInt());
        assertEquals(6, usage.get("usage").get("completion_tokens").asInt());
        assertEquals(9, usage.get("usage").get("total_tokens").asInt());
    }

    @Test
    void streamedTextEqualsTheNonStreamedTextForTheSameSeed() throws Exception {
        String body = "{\"prompt\":\"Explain caching\",\"seed\":11,\"max_tokens\":40";
        String whole = PodClient.json(client.post("/v1/completions", body + "}").body())
                .get("choices").get(0).get("text").asText();
        List<JsonNode> chunks = chunks(PodClient.frames(
                client.postStream("/v1/completions", body + ",\"stream\":true}").body()));
        StringBuilder streamed = new StringBuilder();
        chunks.forEach(c -> streamed.append(c.get("choices").get(0).get("text").asText()));
        assertEquals(whole, streamed.toString());
    }

    @Test
    void firstChunkArrivesLongBeforeTheLast() throws Exception {
        try (SimulatedVllm slow = SimulatedVllm.start(SimulatorConfig.defaults().withTtftMillis(20)
                .withItlMillis(25))) {
            long start = System.nanoTime();
            HttpResponse<InputStream> r = new PodClient(slow).postStream("/v1/chat/completions",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"go\"}],\"stream\":true,\"max_tokens\":100,"
                            + "\"ignore_eos\":true}");
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(),
                    StandardCharsets.UTF_8))) {
                String first = PodClient.nextFrame(reader);
                long firstAt = System.nanoTime();
                assertTrue(first.contains("\"role\":\"assistant\""));
                // the client holds the first chunk while the pod is still generating the other 99 tokens
                assertEquals(1, slow.runningRequests(), "the generation is still running");
                String frame;
                String previous = null;
                int frames = 1;
                while ((frame = PodClient.nextFrame(reader)) != null) {
                    previous = frame;
                    frames++;
                }
                long lastAt = System.nanoTime();
                assertEquals("[DONE]", previous);
                assertEquals(1 + 100 + 1, frames);
                double firstMs = (firstAt - start) / 1e6;
                double totalMs = (lastAt - start) / 1e6;
                // 99 inter-token gaps of 25 ms follow the first token: the stream is not buffered.
                assertTrue(totalMs - firstMs > 1000, "first at " + firstMs + " ms, last at " + totalMs + " ms");
            }
        }
    }

    @Test
    void continuousUsageStatsPutUsageOnEveryChunk() throws Exception {
        List<JsonNode> chunks = chunks(PodClient.frames(client.postStream("/v1/completions",
                "{\"prompt\":\"a b\",\"stream\":true,\"max_tokens\":3,\"ignore_eos\":true,"
                        + "\"stream_options\":{\"continuous_usage_stats\":true}}").body()));
        assertEquals(3, chunks.size());
        assertEquals(3, chunks.get(2).get("usage").get("completion_tokens").asInt());
        assertNull(chunks.get(0).get("choices").get(0).get("finish_reason").textValue());
    }
}
