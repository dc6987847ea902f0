package io.modelshift.localstack.scenario;

import io.modelshift.localstack.launcher.LocalStack;
import io.modelshift.localstack.launcher.StackEndpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every running part's Prometheus exposition, saved to {@code <run>/metrics/<part>.prom} before the stack stops: what
 * a Prometheus would have scraped at the end of the migration, kept with the report (and what the end-to-end test
 * checks the Grafana dashboard's and the alert rules' metric names against).
 */
public final class MetricsSnapshot {

    private MetricsSnapshot() {
    }

    /** part name -> its metrics URL: the services at /q/metrics, the simulated pods at /metrics as vLLM serves them. */
    static Map<String, String> endpoints(StackEndpoints stack) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("gateway", stack.gateway() + "/q/metrics");
        out.put("evaluation", stack.evaluation() + "/q/metrics");
        out.put("cost", stack.cost() + "/q/metrics");
        for (String variant : List.of(LocalStack.STABLE, LocalStack.CANARY)) {
            List<String> pods = stack.pods().getOrDefault(variant, List.of());
            if (!pods.isEmpty()) {
                // with simulated pods the variant's base URL is its inference-proxy
                out.put("proxy-" + variant, stack.variants().get(variant).baseUrl() + "/q/metrics");
            }
            for (int i = 0; i < pods.size(); i++) {
                out.put("pod-" + variant + "-" + i, pods.get(i) + "/metrics");
            }
        }
        return out;
    }

    /** Writes one file per part; returns what could not be scraped (part: reason), which the report notes. */
    public static List<String> save(StackEndpoints stack, Path runDir) {
        Path dir = runDir.resolve("metrics");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        List<String> failures = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : endpoints(stack).entrySet()) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(e.getValue()))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        failures.add(e.getKey() + ": " + e.getValue() + " answered " + r.statusCode());
                    } else {
                        Files.writeString(dir.resolve(e.getKey() + ".prom"), r.body());
                    }
                } catch (IOException ex) {
                    failures.add(e.getKey() + ": " + e.getValue() + " failed: " + ex.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted while scraping metrics");
        }
        return failures;
    }
}
