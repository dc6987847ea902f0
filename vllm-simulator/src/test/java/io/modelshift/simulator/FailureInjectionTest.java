package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureInjectionTest {

    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":20,"
            + "\"ignore_eos\":true}";
    private static final String STREAM = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":20,"
            + "\"ignore_eos\":true,\"stream\":true}";

    static SimulatedVllm pod;
    static PodClient client;

    @BeforeAll
    static void start() {
        pod = SimulatedVllm.start(SimulatorConfig.defaults().withPodName("pod-f"));
        client = new PodClient(pod);
    }

    @AfterAll
    static void stop() {
        pod.close();
    }

    private static void expectStatus(String failure, int status, String type) throws Exception {
        HttpResponse<String> r = client.post("/v1/chat/completions", CHAT, "x-sim-fail", failure);
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("pod-f", r.headers().firstValue("x-inference-pod").orElse(null));
        JsonNode e = PodClient.json(r.body()).get("error");
        assertEquals(type, e.get("type").asText());
        assertEquals(status, e.get("code").asInt());
    }

    @Test
    void http500() throws Exception {
        expectStatus("http_500", 500, "InternalServerError");
    }

    @Test
    void http503() throws Exception {
        expectStatus("http_503", 503, "InternalServerError");
    }

    @Test
    void http429() throws Exception {
        expectStatus("http_429", 429, "RateLimitError");
    }

    @Test
    void resetClosesTheConnectionWithoutAnswer() {
        assertThrows(IOException.class, () -> client.post("/v1/chat/completions", CHAT, "x-sim-fail", "reset"));
    }

    @Test
    void latencySpikeDelaysTheFirstToken() throws Exception {
        pod.reconfigure("{\"latency_spike_ms\":300}");
        try {
            long plain = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) { // the fastest of three: the build machine is shared
                long t0 = System.nanoTime();
                assertEquals(200, client.post("/v1/chat/completions", CHAT).statusCode());
                plain = Math.min(plain, System.nanoTime() - t0);
            }
            long t0 = System.nanoTime();
            assertEquals(200, client.post("/v1/chat/completions", CHAT, "x-sim-fail", "latency_spike").statusCode());
            long spiked = System.nanoTime() - t0;
            assertTrue(spiked >= 300_000_000L, "spiked " + spiked / 1e6 + " ms");
            assertTrue(spiked - plain > 200_000_000L, "plain " + plain / 1e6 + " ms, spiked " + spiked / 1e6);
        } finally {
            pod.reconfigure("{\"latency_spike_ms\":1000}");
        }
    }

    @Test
    void streamErrorSendsAnErrorFrameThenDone() throws Exception {
        List<String> frames = PodClient.frames(client.postStream("/v1/chat/completions", STREAM,
                "x-sim-fail", "stream_error").body());
        assertEquals("[DONE]", frames.get(frames.size() - 1));
        JsonNode error = PodClient.json(frames.get(frames.size() - 2)).get("error");
        assertEquals("InternalServerError", error.get("type").asText());
        assertEquals(500, error.get("code").asInt());
        assertTrue(frames.size() > 3, "content came before the error");
        assertTrue(PodClient.json(frames.get(1)).has("choices"));
        for (String f : frames.subList(0, frames.size() - 2)) {
            assertTrue(PodClient.json(f).get("choices").get(0).get("finish_reason").isNull(), "never finished");
        }
    }

    @Test
    void streamCutEndsWithoutDone() throws Exception {
        // A raw socket shows exactly what went over the wire (an HTTP client may drop data buffered before the cut).
        byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
        String received;
        try (Socket s = new Socket("127.0.0.1", pod.port())) {
            s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nx-sim-fail: stream_cut\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.setSoTimeout(5000);
            received = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(received.startsWith("HTTP/1.1 200"), received);
        assertTrue(received.contains("data: {"), "some content came before the cut: " + received);
        assertFalse(received.contains("[DONE]"));
        assertFalse(received.endsWith("0\r\n\r\n"), "no last chunk: the stream was cut, not ended");
    }

    @Test
    void nonStreamingMidGenerationFailures() throws Exception {
        assertEquals(500, client.post("/v1/chat/completions", CHAT, "x-sim-fail", "stream_error").statusCode());
        assertThrows(IOException.class, () -> client.post("/v1/chat/completions", CHAT, "x-sim-fail", "stream_cut"));
    }

    @Test
    void unknownFailureHeaderIsABadRequest() throws Exception {
        HttpResponse<String> r = client.post("/v1/chat/completions", CHAT, "x-sim-fail", "meteor");
        assertEquals(400, r.statusCode());
        assertEquals("x-sim-fail", PodClient.json(r.body()).get("error").get("param").asText());
    }

    @Test
    void configuredRatesApplyAndCanBeSwitchedOffAtRuntime() throws Exception {
        try (SimulatedVllm failing = SimulatedVllm.start(SimulatorConfig.defaults())) {
            PodClient c = new PodClient(failing);
            failing.reconfigure("{\"failures\":{\"http_503\":1.0}}");
            for (int i = 0; i < 5; i++) {
                assertEquals(503, c.post("/v1/chat/completions", CHAT).statusCode());
            }
            HttpResponse<String> viaHttp = c.post("/admin/config", "{\"failures\":{\"http_503\":0.5}}");
            assertEquals(200, viaHttp.statusCode(), viaHttp.body());
            assertEquals(0.5, PodClient.json(viaHttp.body()).get("failures").get("http_503").asDouble());
            int failed = 0;
            for (int i = 0; i < 300; i++) {
                failed += c.post("/v1/chat/completions", CHAT).statusCode() == 503 ? 1 : 0;
            }
            assertTrue(failed > 105 && failed < 195, "about half failed: " + failed);
            c.post("/admin/config", "{\"failures\":null}");
            assertEquals(200, c.post("/v1/chat/completions", CHAT).statusCode());
        }
    }
}
