package io.modelshift.localstack.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.localstack.launcher.StackEndpoints;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks both models through the evaluation service ({@code POST /v1/evaluations}, straight to each variant so
 * that benchmark load does not count as rollout traffic), then asks for the paired comparison of each pair of runs.
 */
public final class BenchmarkPhase {

    /** One benchmark's outcome: the evaluation service's comparison, or why there is none. */
    public record Result(String benchmark, JsonNode comparison, String stableRun, String canaryRun, String error) {
    }

    private final JsonHttp http = new JsonHttp(null);
    private final String evaluation;
    private final PrintStream console;

    public BenchmarkPhase(String evaluationUrl, PrintStream console) {
        this.evaluation = evaluationUrl;
        this.console = console;
    }

    public List<Result> run(StackEndpoints.VariantTarget stable, StackEndpoints.VariantTarget canary,
                            Map<String, Integer> sizes, Duration timeout) {
        List<Result> results = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String benchmark : DatasetFolder.BENCHMARKS) {
            int size = sizes.getOrDefault(benchmark, 0);
            if (size == 0) {
                continue;
            }
            String s = null;
            String c = null;
            try {
                s = submit(stable, benchmark, size);
                c = submit(canary, benchmark, size);
                JsonNode sv = await(s, benchmark, stable.name(), deadline);
                JsonNode cv = await(c, benchmark, canary.name(), deadline);
                String failed = failure(sv, stable.name()) + failure(cv, canary.name());
                if (!failed.isEmpty()) {
                    results.add(new Result(benchmark, null, s, c, failed.trim()));
                    continue;
                }
                JsonNode cmp = http.get(evaluation + "/v1/comparisons?baseline=" + s + "&candidate=" + c);
                console.printf("  %-9s %s %.1f%%  ->  %s %.1f%%  (paired difference p=%s)%n", benchmark,
                        stable.name(), 100 * cmp.path("baseline").path("accuracy").asDouble(), canary.name(),
                        100 * cmp.path("candidate").path("accuracy").asDouble(),
                        cmp.path("paired").path("mcnemar_p").asText("n/a"));
                results.add(new Result(benchmark, cmp, s, c, null));
            } catch (RuntimeException e) {
                console.println("  " + benchmark + ": " + e.getMessage());
                results.add(new Result(benchmark, null, s, c, e.getMessage()));
            }
        }
        return results;
    }

    private String submit(StackEndpoints.VariantTarget target, String benchmark, int size) {
        ObjectNode body = JsonHttp.JSON.createObjectNode().put("target", target.baseUrl()).put("model", target.model())
                .put("benchmark", benchmark).put("sample_size", size).put("concurrency", 16).put("seed", 1234);
        return http.post(evaluation + "/v1/evaluations", body).path("id").asText();
    }

    private JsonNode await(String id, String benchmark, String variant, long deadline) {
        long lastPrint = 0;
        while (true) {
            JsonNode run = http.get(evaluation + "/v1/evaluations/" + id);
            String status = run.path("status").asText();
            if (!status.equals("queued") && !status.equals("running")) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark " + benchmark + " on " + variant
                        + " did not finish in time (" + run.path("progress") + ")");
            }
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                JsonNode p = run.path("progress");
                console.printf("  %-9s %-12s %d/%d items, %d errors%n", benchmark, variant, p.path("done").asInt(),
                        p.path("total").asInt(), p.path("errors").asInt());
                lastPrint = System.nanoTime();
            }
            sleep(500);
        }
    }

    private static String failure(JsonNode run, String variant) {
        return run.path("status").asText().equals("succeeded") ? ""
                : variant + " run " + run.path("status").asText() + ": " + run.path("failure_reason").asText("") + " ";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
