package io.modelshift.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ServiceMonitor, PodMonitor, PrometheusRule and the dashboard ConfigMap: present, selecting the right targets. */
class MonitoringTest {

    private final RenderedChart chart = ChartUnderTest.render();

    @Test
    void serviceMonitorScrapesTheFourServicesOnQuarkusMetrics() {
        GenericKubernetesResource monitor = chart.get("ServiceMonitor", "ms-modelshift");
        Map<String, String> selector = matchLabels(monitor);
        List<String> scraped = chart.all(Service.class).stream()
                .filter(s -> Selectors.matches(selector, s.getMetadata().getLabels()))
                .map(s -> s.getMetadata().getName()).sorted().toList();
        assertEquals(List.of("ms-modelshift-cost", "ms-modelshift-evaluation", "ms-modelshift-gateway",
                "ms-modelshift-proxy-llama-2-70b", "ms-modelshift-proxy-llama-3-70b"), scraped);
        Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) ((Map<?, ?>) monitor.get("spec")).get("endpoints")).get(0);
        assertEquals("/q/metrics", endpoint.get("path"));
        assertEquals("http", endpoint.get("port"));
    }

    @Test
    void podMonitorScrapesEveryModelServerPod() {
        GenericKubernetesResource monitor = chart.get("PodMonitor", "ms-modelshift-model-servers");
        Map<String, String> selector = matchLabels(monitor);
        List<String> scraped = chart.all(Deployment.class).stream()
                .filter(d -> Selectors.matches(selector, d.getSpec().getTemplate().getMetadata().getLabels()))
                .map(d -> d.getMetadata().getName()).sorted().toList();
        assertEquals(List.of("ms-modelshift-model-llama-2-70b", "ms-modelshift-model-llama-3-70b"), scraped);
    }

    @Test
    void prometheusRuleCarriesTheRulesFileAsIs() throws Exception {
        GenericKubernetesResource rule = chart.get("PrometheusRule", "ms-modelshift");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode file = yaml.readTree(Files.readString(AlertRulesTest.RULES));
        assertEquals(file.get("groups"), yaml.valueToTree(((Map<?, ?>) rule.get("spec")).get("groups")));
    }

    @Test
    void dashboardConfigMapHasTheSidecarLabelAndTheDashboard() throws Exception {
        ConfigMap dashboard = chart.get(ConfigMap.class, "ms-modelshift-dashboard");
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
        String json = dashboard.getData().get("modelshift-rollout-health.json");
        assertEquals(new ObjectMapper().readTree(Files.readString(DashboardTest.DASHBOARD)),
                new ObjectMapper().readTree(json));
    }

    @Test
    void monitoringOffRendersNoneOfIt() {
        RenderedChart off = ChartUnderTest.render("monitoring-off");
        for (String kind : List.of("ServiceMonitor", "PodMonitor", "PrometheusRule")) {
            assertTrue(off.kind(kind).isEmpty(), kind);
        }
        assertTrue(off.all(ConfigMap.class).stream().noneMatch(c -> c.getMetadata().getName().endsWith("dashboard")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> matchLabels(GenericKubernetesResource monitor) {
        Map<String, Object> spec = monitor.get("spec");
        return (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
    }
}
