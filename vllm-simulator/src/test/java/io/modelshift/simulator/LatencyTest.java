package io.modelshift.simulator;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The latency model seen from a client: wide margins, because the build machine is shared and busy. */
class LatencyTest {

    /** Milliseconds until the first content token and until the end of the stream. */
    private static double[] timeStream(PodClient client, String content, int maxTokens) throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}],\"max_tokens\":"
                + maxTokens + ",\"ignore_eos\":true,\"stream\":true}";
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = client.postStream("/v1/chat/completions", body);
        double first = -1;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String frame;
            while ((frame = PodClient.nextFrame(reader)) != null) {
                if (first < 0 && frame.contains("\"role\"")) {
                    first = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return new double[]{first, (System.nanoTime() - t0) / 1e6};
    }

    /**
     * The fastest of three timings, element by element: a lower bound holds for every run, but an upper bound is
     * only fair on the best one, since a stall of the test JVM lengthens a single run.
     */
    private static double[] fastestOfThree(PodClient client, String content, int maxTokens) throws Exception {
        double[] best = timeStream(client, content, maxTokens);
        for (int i = 0; i < 2; i++) {
            double[] t = timeStream(client, content, maxTokens);
            best = new double[]{Math.min(best[0], t[0]), Math.min(best[1], t[1])};
        }
        return best;
    }

    @Test
    void timeToFirstTokenGrowsWithPromptLength() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withTtftMillis(50)
                .withItlMillis(5).withPrefillMillisPerToken(1.0))) {
            PodClient client = new PodClient(pod);
            timeStream(client, "warm up", 2);
            double shortTtft = fastestOfThree(client, "hi", 2)[0];
            double longTtft = timeStream(client, "word ".repeat(400), 2)[0];
            assertTrue(shortTtft >= 50 && shortTtft < 1000, "short prompt TTFT " + shortTtft);
            assertTrue(longTtft >= 450, "400-token prompt TTFT " + longTtft + " (50 + 410 x 1 ms expected)");
        }
    }

    @Test
    void interTokenLatencyPacesTheStream() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withTtftMillis(10)
                .withItlMillis(20))) {
            timeStream(new PodClient(pod), "warm up", 2);
            double[] t = fastestOfThree(new PodClient(pod), "go", 21);
            // a lower bound on the whole stream cannot be faked by a client that reads late
            assertTrue(t[1] >= 400 && t[1] < 2000, "10 ms + 20 gaps of 20 ms took " + t[1] + " ms");
        }
    }

    @Test
    void requestsSlowDownAsRunningRequestsApproachMaxNumSeqs() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withTtftMillis(10)
                .withItlMillis(15).withMaxNumSeqs(4).withTimeFactorUnderLoad(3.0))) {
            PodClient client = new PodClient(pod);
            timeStream(client, "warm up", 2);
            double alone = timeStream(client, "go", 30)[1];
            assertTrue(alone >= 10 + 29 * 15, "alone " + alone + " ms");
            List<CompletableFuture<double[]>> together = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                together.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return timeStream(client, "go", 30);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            double slowest = 0;
            for (CompletableFuture<double[]> f : together) {
                slowest = Math.max(slowest, f.get()[1]);
            }
            // alone: factor 1, at least 10 + 29 x 15 = 445 ms; four running: factor up to 3 (linear in running
            // requests). Compared with the model's figure, not the measured one, which a busy machine inflates.
            assertTrue(slowest > 2 * 445, "alone " + alone + " ms, four at once " + slowest + " ms");
        }
    }
}
