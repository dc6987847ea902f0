package io.modelshift.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.cli.Cli;
import io.modelshift.cli.FakeService;
import io.modelshift.cli.ServiceClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compare against an in-process evaluation service that runs each evaluation over two polls. */
@QuarkusTest
class CompareCommandTest {

    static final String COMPARISON = """
            {"benchmark":"gsm8k",
             "baseline":{"run":"run-llama-2-70b-gsm8k","model":"llama-2-70b","n":200,"accuracy":0.56,
               "interval":{"estimate":0.56,"low":0.491,"high":0.627}},
             "candidate":{"run":"run-llama-3-70b-gsm8k","model":"llama-3-70b","n":200,"accuracy":0.93,
               "interval":{"estimate":0.93,"low":0.886,"high":0.958}},
             "paired":{"shared_items":200,"both_right":110,"baseline_only":2,"candidate_only":76,"both_wrong":12,
               "difference":{"estimate":0.37,"low":0.30,"high":0.44},"mcnemar_p":1.2e-20,"significant":true}}""";

    @Inject
    CommandLine.IFactory factory;

    @Test
    void runsBothModelsShowsProgressAndPrintsTheTable() throws Exception {
        Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
        try (FakeService eval = new FakeService()) {
            eval.on("POST /v1/evaluations", call -> {
                JsonNode body = read(call.body());
                String id = "run-" + body.path("model").asText() + "-" + body.path("benchmark").asText();
                eval.on("GET /v1/evaluations/" + id, poll -> {
                    boolean done = polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() > 1;
                    return new FakeService.Answer(200, "{\"id\":\"" + id + "\",\"status\":\"" + (done ? "succeeded" : "running")
                            + "\",\"request\":{\"model\":\"" + body.path("model").asText() + "\",\"benchmark\":\"gsm8k\"},"
                            + "\"progress\":{\"done\":" + (done ? 200 : 50) + ",\"total\":200,\"errors\":0,"
                            + "\"mean_latency_ms\":" + (id.contains("llama-3") ? 840 : 910) + "}}");
                });
                // two answered items and one that errored (not counted): 90 tokens in 1.5 s = 60 tokens/s for llama-3
                int tokens = id.contains("llama-3") ? 45 : 30;
                eval.on("GET /v1/evaluations/" + id + "/items?offset=0&limit=1000", 200, "[{\"completion_tokens\":" + tokens
                        + ",\"latency_ms\":750},{\"completion_tokens\":" + tokens + ",\"latency_ms\":750},"
                        + "{\"completion_tokens\":0,\"latency_ms\":30000,\"error\":\"HTTP 500\"}]");
                return new FakeService.Answer(202, "{\"id\":\"" + id + "\",\"status\":\"queued\"}");
            });
            eval.on("GET /v1/comparisons?baseline=run-llama-2-70b-gsm8k&candidate=run-llama-3-70b-gsm8k", 200, COMPARISON);

            Cli.Result r = Cli.run(factory, "compare", "--old", "llama-2-70b", "--new", "llama-3-70b", "--benchmarks",
                    "gsm8k", "--samples", "200", "--target", "http://gateway:8080", "--eval-url", eval.url(), "--poll", "10");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode started = read(eval.calls.get(0).body());
            assertEquals("http://gateway:8080", started.path("target").asText());
            assertEquals(200, started.path("sample_size").asInt());
            assertTrue(r.err().contains("0/2 runs finished, 100/400 items (25%)"), r.err());
            assertTrue(r.err().contains("2/2 runs finished, 400/400 items (100%)"), r.err());
            assertTrue(r.out().matches("(?s).*gsm8k\\s+56.0% \\[49.1, 62.7]\\s+93.0% \\[88.6, 95.8]\\s+\\+37.0 pt \\[\\+30.0, \\+44.0]"
                    + "\\s+1.20e-20\\s+yes, better\\s+910 ms\\s+840 ms\\s+40.0\\s+60.0\\s+200.*"), r.out());

            Cli.Result markdown = Cli.run(factory, "compare", "--old", "llama-2-70b", "--new", "llama-3-70b",
                    "--benchmarks", "gsm8k", "--target", "http://gateway:8080", "--eval-url", eval.url(), "--poll", "10",
                    "-o", "markdown");
            assertTrue(markdown.out().contains("\n\n| BENCHMARK | OLD | NEW |"), markdown.out());
            Cli.Result json = Cli.run(factory, "compare", "--old", "llama-2-70b", "--new", "llama-3-70b",
                    "--benchmarks", "gsm8k", "--target", "http://gateway:8080", "--eval-url", eval.url(), "--poll", "10",
                    "-o", "json");
            assertEquals(0.37, read(json.out()).path(0).path("comparison").path("paired").path("difference")
                    .path("estimate").asDouble());
        }
    }

    @Test
    void unknownBenchmarkAndMissingTargetAreUsageErrors() {
        Cli.Result unknown = Cli.run(factory, "compare", "--old", "a", "--new", "b", "--target", "http://x",
                "--benchmarks", "gsm8k,hellaswag");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown benchmark 'hellaswag'"), unknown.err());
    }

    private static JsonNode read(String json) {
        try {
            return ServiceClient.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
