package io.modelshift.helm;

import io.modelshift.simulator.SimulatedVllm;
import io.modelshift.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vLLM metric names the dashboard and the alert rules use, collected from a running model server: an in-process
 * vllm-simulator (vLLM's names and labels) after one plain and one streamed chat completion.
 */
class RunningSimulatorMetricsTest {

    @Test
    void everyVllmNameUsedIsServedByARunningModelServer() throws Exception {
        Set<String> served;
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults())) {
            String chat = pod.baseUrl() + "/v1/chat/completions";
            assertEquals(200, ScrapedMetrics.post(chat,
                    "{\"model\":\"sim-model\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            assertEquals(200, ScrapedMetrics.post(chat, "{\"model\":\"sim-model\",\"max_tokens\":4,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            served = ScrapedMetrics.scrape(pod.baseUrl() + "/metrics");
        }
        Set<String> used = MetricNamesTest.usedNames().keySet().stream().filter(n -> n.startsWith("vllm:"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(used.size() >= 3, used.toString());
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(served);
        assertEquals(Set.of(), missing, "used by the dashboard or rules but not served; the simulator serves " + served);
        // and the catalogue's vLLM entries are all real
        Set<String> catalogued = MetricCatalogue.load().entries().keySet().stream().filter(n -> n.startsWith("vllm:"))
                .collect(Collectors.toCollection(TreeSet::new));
        catalogued.removeAll(served);
        assertEquals(Set.of(), catalogued, "catalogued vLLM names the simulator does not serve");
    }
}
