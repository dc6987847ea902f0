package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityTest {

    private static final String LONG_CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"go\"}],\"max_tokens\":400,"
            + "\"ignore_eos\":true,\"stream\":true}";

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Opens a streaming request on a raw socket and returns once the first SSE bytes arrived. */
    static Socket openStream(SimulatedVllm pod, String body) throws Exception {
        Socket s = new Socket("127.0.0.1", pod.port());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("data: ")) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("stream closed before its first chunk: " + seen);
            }
            seen.append((char) c);
        }
        return s;
    }

    @Test
    void fullQueueAnswers429AndQueuedRequestsRunWhenASlotFrees() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withMaxNumSeqs(1).withMaxWaiting(1)
                .withTtftMillis(5).withItlMillis(20))) {
            PodClient client = new PodClient(pod);
            Socket running = openStream(pod, LONG_CHAT);
            assertEquals(1, pod.runningRequests());
            CompletableFuture<HttpResponse<String>> queued = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":2,\"ignore_eos\":true}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await(() -> pod.waitingRequests() == 1, "one waiting request");

            HttpResponse<String> rejected = client.post("/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":2}");
            assertEquals(429, rejected.statusCode());
            JsonNode error = PodClient.json(rejected.body()).get("error");
            assertEquals("RateLimitError", error.get("type").asText());
            assertEquals(429, error.get("code").asInt());

            running.close(); // the client goes away: its slot frees and the queued request runs
            assertEquals(200, queued.get().statusCode());
            await(() -> pod.runningRequests() == 0 && pod.waitingRequests() == 0, "an idle pod");
        }
    }

    @Test
    void disconnectStopsGenerationAndFreesTheSlot() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withMaxNumSeqs(4)
                .withTtftMillis(5).withItlMillis(50))) {
            Socket s = openStream(pod, LONG_CHAT);
            assertEquals(1, pod.runningRequests());
            s.close();
            await(() -> pod.runningRequests() == 0, "the slot freed after the disconnect");
            long before = metric(pod, "vllm:generation_tokens_total");
            assertTrue(before < 400, "stopped early: " + before + " of 400 tokens");
            Thread.sleep(300);
            assertEquals(before, metric(pod, "vllm:generation_tokens_total"), "no token after the disconnect");
            String text = new PodClient(pod).get("/metrics").body();
            assertTrue(text.contains("vllm:request_success_total{engine=\"0\",model_name=\"sim-model\","
                    + "finished_reason=\"abort\"} 1.0"), text);
        }
    }

    @Test
    void kvCacheBoundsAdmissionAndShowsInMetrics() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withMaxNumSeqs(8)
                .withKvCacheCapacityTokens(40).withTtftMillis(5).withItlMillis(30))) {
            String prompt = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(20) + "\"}],"
                    + "\"max_tokens\":300,\"ignore_eos\":true,\"stream\":true}";
            Socket first = openStream(pod, prompt);
            CompletableFuture.runAsync(() -> {
                try {
                    openStream(pod, prompt).close();
                } catch (Exception ignored) {
                    // the pod closes at the end of the test
                }
            });
            await(() -> pod.waitingRequests() == 1, "the second request waits for KV space");
            assertEquals(1, pod.runningRequests());
            double usage = gauge(pod, "vllm:kv_cache_usage_perc");
            assertTrue(usage > 0.7 && usage <= 1.0, "usage " + usage);
            first.close();
            await(() -> pod.waitingRequests() == 0, "the waiting request admitted");
        }
    }

    @Test
    void phantomLoadFillsSlotsAndMetrics() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withMaxNumSeqs(4)
                .withMaxWaiting(3))) {
            pod.reconfigure("{\"phantom_running\":4,\"phantom_waiting\":3}");
            assertEquals(4.0, gauge(pod, "vllm:num_requests_running"));
            assertEquals(3.0, gauge(pod, "vllm:num_requests_waiting"));
            HttpResponse<String> r = new PodClient(pod).post("/v1/completions", "{\"prompt\":\"x\"}");
            assertEquals(429, r.statusCode(), "a saturated pod sheds");
            pod.reconfigure("{\"phantom_running\":0,\"phantom_waiting\":0}");
            assertEquals(200, new PodClient(pod).post("/v1/completions", "{\"prompt\":\"x\"}").statusCode());
        }
    }

    static long metric(SimulatedVllm pod, String name) throws Exception {
        return (long) gauge(pod, name);
    }

    static double gauge(SimulatedVllm pod, String name) throws Exception {
        for (String line : new PodClient(pod).get("/metrics").body().split("\n")) {
            if (line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("metric absent: " + name);
    }
}
