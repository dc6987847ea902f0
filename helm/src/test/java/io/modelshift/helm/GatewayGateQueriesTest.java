package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modelshift.api.rollout.GatewayQueries;
import io.modelshift.simulator.SimulatedVllm;
import io.modelshift.simulator.SimulatorConfig;
import io.modelshift.simulator.faults.FailureRates;
import io.modelshift.simulator.faults.FailureType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rollout gates' standard queries on the gateway's metrics ({@link GatewayQueries}: the CLI's gates, and the
 * chart's copies) measured as the controller measures them: by a real Prometheus scraping a real gateway that serves
 * real traffic. A healthy canary must read 0 errors, not "no data" (which would hold every rollout as inconclusive);
 * a failing canary must read its failures even when the gateway rescued them by falling back to the stable (which
 * its requests counter does not show). Skipped, saying so, without the prometheus binary or a packaged gateway.
 */
class GatewayGateQueriesTest {

    private static final String CHAT = "{\"model\":\"%s\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final int SESSIONS = 120;

    @Test
    void theChartsGatesAreTheStandardQueries() {
        RenderedChart chart = ChartUnderTest.render(Map.of("canary.model", "llama-3-70b"));
        GenericKubernetesResource rollout = chart.get("ModelRollout", "llama-70b");
        Map<String, Object> spec = rollout.get("spec");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> gates = (List<Map<String, Object>>) spec.get("gates");
        assertEquals(GatewayQueries.ERROR_RATIO, prometheus(gates, "canary-error-rate").get("query"));
        assertEquals(GatewayQueries.requests("5m"), prometheus(gates, "canary-error-rate").get("samplesQuery"));
        assertEquals(GatewayQueries.TTFT_P95, prometheus(gates, "canary-ttft-p95").get("query"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> prometheus(List<Map<String, Object>> gates, String name) {
        return (Map<String, Object>) gates.stream().filter(g -> name.equals(g.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("the chart has no gate " + name)).get("prometheus");
    }

    @Test
    void theStandardQueriesMeasureARealGatewayThroughARealPrometheus(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(RunningService.runnerOf("gateway-service").isPresent(),
                "gateway-service is not packaged in this build: the gate queries are not run against it");
        Assumptions.assumeTrue(PrometheusServer.binary().isPresent(), "prometheus is not installed (Debian package "
                + "`prometheus`; .ci/run installs it): the gate queries are not run on a real Prometheus");
        String key = "gate-queries-test-key";
        Files.writeString(work.resolve("keys.yaml"), "keys:\n  - {id: gates, sha256: " + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)))
                + ", tenant: gates, roles: [client]}\n");
        SimulatorConfig fast = SimulatorConfig.defaults().withTtftMillis(20).withItlMillis(2);
        // 30% of the failing canary's answers are 500s: the gateway serves those requests from the stable. Its breaker
        // is kept shut: once open it sends the canary's share away for 10 s, and the ratio would be the breaker's
        try (SimulatedVllm goodStable = SimulatedVllm.start(fast.withModel("good-stable"));
             SimulatedVllm goodCanary = SimulatedVllm.start(fast.withModel("good-canary"));
             SimulatedVllm badStable = SimulatedVllm.start(fast.withModel("bad-stable"));
             SimulatedVllm badCanary = SimulatedVllm.start(fast.withModel("bad-canary")
                     .withFailures(new FailureRates(Map.of(FailureType.HTTP_500, 0.3))))) {
            Files.writeString(work.resolve("routes.yaml"), String.join("\n", "routes:",
                    route("good", goodStable, goodCanary), route("bad", badStable, badCanary), ""));
            try (RunningService gateway = RunningService.start("gateway-service", Map.of(
                    "modelshift.gateway.routes-file", work.resolve("routes.yaml").toString(),
                    "modelshift.gateway.access.keys-file", work.resolve("keys.yaml").toString(),
                    "modelshift.gateway.upstream.breaker.consecutive-failures", "1000",
                    "modelshift.gateway.upstream.breaker.failure-ratio", "1.0"));
                 PrometheusServer prometheus = PrometheusServer.scraping(gateway.url("").substring("http://".length()),
                         "/q/metrics", work)) {
                awaitValue(prometheus, "max(up)", 1.0);
                Map<String, String> auth = Map.of("Authorization", "Bearer " + key, "x-session-id", "s0");
                for (String route : List.of("good", "bad")) { // routing once proves the route file is loaded
                    awaitOk(gateway, CHAT.formatted(route), auth);
                }
                for (int burst = 0; burst < 3; burst++) { // over several scrapes, as rate() needs
                    for (int s = burst; s < SESSIONS; s += 3) {
                        for (String route : List.of("good", "bad")) {
                            int status = ScrapedMetrics.post(gateway.url("/v1/chat/completions"), CHAT.formatted(route),
                                    Map.of("Authorization", "Bearer " + key, "x-session-id", "s" + s));
                            assertEquals(200, status, "the stable serves what the canary fails; log:\n" + gateway.tail());
                        }
                    }
                    Thread.sleep(1_200);
                }
                // every request the gateway served is in Prometheus: served + sent away = sent, per route
                for (String route : List.of("good", "bad")) {
                    awaitValue(prometheus, "sum(modelshift_gateway_requests_total{route=\"" + route + "\"})",
                            SESSIONS + 1.0);
                }

                assertEquals(Optional.of(0.0), measure(prometheus, GatewayQueries.ERROR_RATIO, "good", "good-canary"),
                        "a healthy canary reads 0, not no data");
                assertEquals(Optional.of(0.0), measure(prometheus, GatewayQueries.ERROR_RATIO, "bad", "bad-stable"));
                double failing = measure(prometheus, GatewayQueries.ERROR_RATIO, "bad", "bad-canary").orElseThrow();
                double sentAway = prometheus.query("sum(modelshift_gateway_fallbacks_total{route=\"bad\",from=\"bad-canary\"})")
                        .orElseThrow(() -> new AssertionError("no fallbacks from the failing canary"));
                assertTrue(sentAway > 0 && failing >= 0.05 && failing <= 0.6,
                        "the failing canary's error ratio " + failing + " (" + sentAway + " requests sent to the stable); "
                                + gatewayLines(gateway, "route=\"bad\""));
                double samples = measure(prometheus, GatewayQueries.requests("5m"), "bad", "bad-canary").orElseThrow();
                assertTrue(samples >= 20 && samples <= 2 * SESSIONS, "requests sent to the failing canary: " + samples);
                double ttft = measure(prometheus, GatewayQueries.TTFT_P95, "good", "good-canary").orElseThrow();
                assertTrue(ttft > 0.015 && ttft < 5, "p95 time to first token " + ttft + " s");
                System.out.printf("gate queries on Prometheus: failing canary error ratio %.3f over %.0f requests "
                        + "(%.0f sent to the stable), healthy canary 0, p95 TTFT %.3f s%n", failing, samples, sentAway, ttft);
            }
        }
    }

    private static String route(String name, SimulatedVllm stable, SimulatedVllm canary) {
        return String.join("\n", "  - name: " + name, "    stable: " + name + "-stable",
                "    stickiness: header:x-session-id", "    variants:",
                "      - {name: " + name + "-stable, url: " + stable.baseUrl() + "/v1, model: " + name + "-stable, weight: 50}",
                "      - {name: " + name + "-canary, url: " + canary.baseUrl() + "/v1, model: " + name + "-canary, weight: 50}");
    }

    /** The gateway's own counters for a diagnosis. */
    private static String gatewayLines(RunningService gateway, String containing) throws Exception {
        return String.join("\n", ScrapedMetrics.exposition(gateway.url("/q/metrics")).lines()
                .filter(l -> l.contains(containing) && !l.contains("_bucket")).toList());
    }

    /** The query as the rollout controller sends it for this side of the route. */
    private static Optional<Double> measure(PrometheusServer prometheus, String query, String route, String variant)
            throws Exception {
        return prometheus.query(query.replace("{{route}}", route).replace("{{variant}}", variant));
    }

    private static void awaitOk(RunningService gateway, String body, Map<String, String> headers) throws Exception {
        int last = -1;
        for (int i = 0; i < 300 && last != 200; i++) {
            last = ScrapedMetrics.post(gateway.url("/v1/chat/completions"), body, headers);
            if (last != 200) {
                Thread.sleep(100);
            }
        }
        assertEquals(200, last, "the gateway never routed " + body + "; log:\n" + gateway.tail());
    }

    private static void awaitValue(PrometheusServer prometheus, String promql, double expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Optional<Double> last = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            last = prometheus.query(promql);
            if (last.isPresent() && last.get() == expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(promql + " never reached " + expected + " (last " + last + "):\n" + prometheus.tail());
    }
}
