package io.modelshift.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every metric name in the dashboard and the alert rules is one the services export: it is in the catalogue, and
 * for each service module present in this build, the module's code really produces the catalogue's exported names.
 */
class MetricNamesTest {

    private final MetricCatalogue catalogue = MetricCatalogue.load();

    /** metric name -> where it is used. */
    static Map<String, Set<String>> usedNames() throws Exception {
        Map<String, Set<String>> used = new TreeMap<>();
        DashboardTest.expressions(DashboardTest.read()).forEach((where, expr) -> MetricCatalogue.metricNamesIn(expr)
                .forEach(n -> used.computeIfAbsent(n, k -> new TreeSet<>()).add("dashboard " + where)));
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(AlertRulesTest.RULES));
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? rule.get("alert").asText() : rule.path("record").asText();
                MetricCatalogue.metricNamesIn(rule.path("expr").asText())
                        .forEach(n -> used.computeIfAbsent(n, k -> new TreeSet<>()).add("rule " + name));
            }
        }
        return used;
    }

    @Test
    void dashboardAndRulesUseOnlyCataloguedNames() throws Exception {
        Map<String, Set<String>> used = usedNames();
        assertTrue(used.size() > 15, "found only " + used.keySet());
        Map<String, Set<String>> unknown = new TreeMap<>(used);
        unknown.keySet().removeAll(catalogue.entries().keySet());
        assertEquals(Map.of(), unknown, "names no service exports (fix the query or " + MetricCatalogue.FILE + ")");
        Set<String> planned = used.keySet().stream().filter(n -> !catalogue.entries().get(n).exported())
                .collect(Collectors.toCollection(TreeSet::new));
        System.out.println("[metric names] used but still planned (not yet exported by their service): " + planned);
    }

    @Test
    void catalogueMatchesTheCodeOfTheModulesInThisBuild() {
        Map<String, List<MetricCatalogue.Entry>> byModule = catalogue.entries().values().stream()
                .collect(Collectors.groupingBy(MetricCatalogue.Entry::module, TreeMap::new, Collectors.toList()));
        Set<String> checked = new TreeSet<>();
        Set<String> absent = new TreeSet<>();
        for (Map.Entry<String, List<MetricCatalogue.Entry>> module : byModule.entrySet()) {
            Path sources = MetricSources.sourcesOf(module.getKey());
            if (sources == null) {
                absent.add(module.getKey());
                continue;
            }
            Set<String> exported = MetricSources.exportedBy(sources);
            for (MetricCatalogue.Entry e : module.getValue()) {
                if (e.exported()) {
                    assertTrue(exported.contains(e.name()), module.getKey() + " no longer exports " + e.name()
                            + "; its code exports " + exported);
                } else if (exported.contains(e.name())) {
                    System.out.println("[metric names] " + e.name() + " is now exported by " + module.getKey()
                            + ": mark it exported in " + MetricCatalogue.FILE);
                }
            }
            checked.add(module.getKey());
        }
        System.out.println("[metric names] checked against code: " + checked + "; not in this build: " + absent);
        Assumptions.assumeTrue(!checked.isEmpty(), "none of the service modules " + absent
                + " is in this build yet: the catalogue is not checked against their code");
    }

    @Test
    void derivesPrometheusNamesTheWayMicrometerDoes() {
        String code = """
                Counter.builder("modelshift.gateway.requests").tags("route", r).register(registry);
                Timer.builder("modelshift.gateway.ttft").publishPercentileHistogram().register(registry);
                DistributionSummary.builder("modelshift.gateway.overhead").baseUnit("seconds")
                        .serviceLevelObjectives(1e-4, 1e-3).register(registry);
                Gauge.builder("modelshift.gateway.route.weight", table, t -> 1.0).register(registry);
                new Histogram("vllm:time_to_first_token_seconds", BUCKETS);
                gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage.", labels, kv);
                """;
        Set<String> names = MetricSources.namesIn(code);
        assertTrue(names.containsAll(Set.of("modelshift_gateway_requests_total", "modelshift_gateway_ttft_seconds_bucket",
                "modelshift_gateway_ttft_seconds_count", "modelshift_gateway_overhead_seconds_bucket",
                "modelshift_gateway_route_weight", "vllm:time_to_first_token_seconds_bucket",
                "vllm:kv_cache_usage_perc")), names.toString());
        assertTrue(!names.contains("modelshift_gateway_requests_total_total"));
    }
}
