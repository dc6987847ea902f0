package io.modelshift.helm;

import io.modelshift.simulator.SimulatedVllm;
import io.modelshift.simulator.SimulatorConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The modelshift metric names the dashboard and the alert rules use, collected from the services running from their
 * packaged jars against simulated model servers, after real requests. Meters a service only creates on rarer events
 * (a fallback, a finished evaluation run) are checked against its code instead; the test prints which names it saw
 * running and which it did not. A service that is not packaged in this build is skipped, saying so.
 */
class RunningServicesMetricsTest {

    private static final String CHAT = "{\"model\":\"%s\",\"max_tokens\":4,\"stream\":%s,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void inferenceProxyExportsTheNamesUsed() throws Exception {
        Assumptions.assumeTrue(RunningService.runnerOf("inference-proxy").isPresent(),
                "inference-proxy is not packaged in this build: its metric names are not collected from it running");
        Set<String> served;
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults());
             RunningService proxy = RunningService.start("inference-proxy", Map.of(
                     "modelshift.proxy.discovery.mode", "static", "modelshift.proxy.pods", pod.baseUrl()))) {
            awaitStatus(200, proxy.url("/v1/chat/completions"), CHAT.formatted("sim-model", false), Map.of(), proxy);
            awaitStatus(200, proxy.url("/v1/chat/completions"), CHAT.formatted("sim-model", true), Map.of(), proxy);
            served = ScrapedMetrics.scrape(proxy.url("/q/metrics"));
        }
        assertServes("inference-proxy", "modelshift_proxy_", served);
    }

    @Test
    void gatewayExportsTheNamesUsed(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(RunningService.runnerOf("gateway-service").isPresent(),
                "gateway-service is not packaged in this build: its metric names are not collected from it running");
        String key = "helm-metrics-test-key";
        Files.writeString(work.resolve("keys.yaml"), "keys:\n  - {id: helm-test, sha256: " + sha256(key)
                + ", tenant: helm, roles: [client, tester, admin]}\n");
        Set<String> served;
        try (SimulatedVllm stable = SimulatedVllm.start(SimulatorConfig.defaults().withModel("llama-2-70b"));
             SimulatedVllm canary = SimulatedVllm.start(SimulatorConfig.defaults().withModel("llama-3-70b"))) {
            String routes = String.join("\n", "routes:", "  - name: llama-70b", "    stable: llama-2-70b",
                    "    stickiness: header:x-session-id", "    variants:",
                    "      - {name: llama-2-70b, url: " + stable.baseUrl() + "/v1, model: llama-2-70b, weight: 50}",
                    "      - {name: llama-3-70b, url: " + canary.baseUrl() + "/v1, model: llama-3-70b, weight: 50}", "");
            Files.writeString(work.resolve("routes.yaml"), routes);
            try (RunningService gateway = RunningService.start("gateway-service", Map.of(
                    "modelshift.gateway.routes-file", work.resolve("routes.yaml").toString(),
                    "modelshift.gateway.access.keys-file", work.resolve("keys.yaml").toString()))) {
                for (int session = 0; session < 20; session++) {
                    awaitStatus(200, gateway.url("/v1/chat/completions"), CHAT.formatted("llama-70b", session % 2 == 0),
                            Map.of("Authorization", "Bearer " + key, "x-session-id", "s" + session), gateway);
                }
                served = ScrapedMetrics.scrape(gateway.url("/q/metrics"));
            }
        }
        assertServes("gateway-service", "modelshift_gateway_", served);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A service may need a moment (its first pod scrape, its routes file) before it routes: retry for up to 30 s. */
    private static void awaitStatus(int status, String url, String body, Map<String, String> headers,
                                    RunningService service) throws Exception {
        int last = -1;
        for (int i = 0; i < 300 && last != status; i++) {
            last = ScrapedMetrics.post(url, body, headers);
            if (last != status) {
                Thread.sleep(100);
            }
        }
        assertEquals(status, last, "last answer of " + url + "; log:\n" + service.tail());
    }

    /**
     * The names the dashboard and rules use from this module are served by it running, or (meters created only on
     * rarer events) produced by its code; the catalogue's other exported names for it are real too.
     */
    private static void assertServes(String module, String prefix, Set<String> served) throws Exception {
        assertTrue(served.stream().anyMatch(n -> n.startsWith(prefix)), module + " served no " + prefix + " metric: " + served);
        MetricCatalogue catalogue = MetricCatalogue.load();
        Set<String> used = MetricNamesTest.usedNames().keySet().stream()
                .filter(n -> catalogue.entries().containsKey(n) && catalogue.entries().get(n).module().equals(module))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> seen = new TreeSet<>(used);
        seen.retainAll(served);
        Set<String> unseen = new TreeSet<>(used);
        unseen.removeAll(served);
        System.out.println("[metric names] " + module + " running served " + seen + "; not seen running " + unseen);
        Path sources = MetricSources.sourcesOf(module);
        Set<String> inCode = sources == null ? Set.of() : MetricSources.exportedBy(sources);
        Set<String> nowhere = catalogue.entries().values().stream()
                .filter(e -> e.module().equals(module) && e.exported() && !served.contains(e.name())
                        && !inCode.contains(e.name()))
                .map(MetricCatalogue.Entry::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), nowhere, module + ": catalogued as exported but neither served running nor in its code");
    }
}
