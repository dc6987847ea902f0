package io.modelshift.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Grafana dashboard "modelshift rollout health": per route, every view the issue lists, valid PromQL. */
class DashboardTest {

    static final Path DASHBOARD = ChartUnderTest.CHART.resolve("dashboards/modelshift-rollout-health.json");

    private final JsonNode dashboard = read();

    static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Files.readString(DASHBOARD));
        } catch (Exception e) {
            throw new IllegalStateException(DASHBOARD + " is not JSON", e);
        }
    }

    /** Every PromQL expression of the dashboard (panel targets and annotations), by where it is. */
    static Map<String, String> expressions(JsonNode dashboard) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            int i = 0;
            for (JsonNode target : panel.path("targets")) {
                out.put("panel '" + panel.path("title").asText() + "' target " + i++, target.path("expr").asText());
            }
        }
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            out.put("annotation '" + annotation.path("name").asText() + "'", annotation.path("expr").asText());
        }
        return out;
    }

    @Test
    void isTheRolloutHealthDashboardPerRoute() {
        assertEquals("modelshift rollout health", dashboard.path("title").asText());
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertEquals(List.of("datasource", "route", "variant"), variables);
        // every panel query is scoped to the chosen route or its variants (except the gateway-wide ones)
        expressions(dashboard).forEach((where, expr) -> assertTrue(expr.contains("$route") || expr.contains("$variant")
                || expr.contains("modelshift_gateway_overhead") || expr.contains("records_dropped"), where + ": " + expr));
    }

    @Test
    void showsEverythingTheIssueAsksFor() {
        Set<String> titles = new TreeSet<>();
        dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));
        for (String wanted : List.of("Traffic weights", "Phase", "Step", "Evaluation verdict", "Requests per second",
                "Error rate by type", "Time to first token p50 / p95 / p99", "Latency p50 / p95 / p99",
                "Tokens per second", "Evaluation accuracy", "Judge win rate (canary vs stable)",
                "Cost per million tokens", "Spend per hour", "Queue length (waiting requests)", "KV-cache usage",
                "Gateway overhead p50 / p99")) {
            assertTrue(titles.contains(wanted), "no panel '" + wanted + "' in " + titles);
        }
        // stable and canary side by side: the comparison panels split by variant
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            if (title.startsWith("Requests") || title.startsWith("Error") || title.startsWith("Time to first")
                    || title.startsWith("Latency") || title.startsWith("Tokens")) {
                panel.path("targets").forEach(t -> assertTrue(t.path("expr").asText().contains("variant")
                        && t.path("legendFormat").asText().contains("{{variant}}"), title));
            }
        }
        List<String> annotations = new ArrayList<>();
        dashboard.path("annotations").path("list").forEach(a -> annotations.add(a.path("name").asText()));
        assertTrue(annotations.contains("Rollout steps"), annotations.toString());
    }

    @Test
    void panelIdsAreUniqueAndPanelsDoNotOverlap() {
        Set<Integer> ids = new TreeSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            assertTrue(ids.add(p.path("id").asInt()), "duplicate panel id " + p.path("id"));
            JsonNode g = p.path("gridPos");
            int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            assertTrue(box[0] + box[2] <= 24, p.path("title") + " is wider than the grid");
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertTrue(!overlap, p.path("title") + " overlaps another panel");
            }
            boxes.add(box);
        }
    }

    @Test
    void everyQueryIsValidPromql(@TempDir Path work) throws Exception {
        String promtool = AlertRulesTest.promtool();
        Assumptions.assumeTrue(promtool != null, "promtool is not installed: the dashboard's PromQL is not parsed");
        // promtool parses rule expressions: wrap each query, with Grafana's variables filled in, into a rule
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int i = 0;
        for (String expr : expressions(dashboard).values()) {
            String filled = expr.replace("$__rate_interval", "5m").replace("$route", "llama-70b")
                    .replace("$variant", ".*");
            rules.append("      - record: dashboard_query_").append(i++).append("\n        expr: '")
                    .append(filled.replace("'", "''")).append("'\n");
        }
        Path file = work.resolve("dashboard-queries.yaml");
        Files.writeString(file, rules);
        AlertRulesTest.Result check = AlertRulesTest.run(promtool, "check", "rules", file.toString());
        assertEquals(0, check.exit(), check.output());
    }
}
