package io.modelshift.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.localstack.launcher.Artifacts;
import io.modelshift.localstack.launcher.FreePorts;
import io.modelshift.localstack.launcher.JavaCommand;
import io.modelshift.localstack.launcher.PostmasterReaper;
import io.modelshift.localstack.report.HeadlessChromium;
import io.modelshift.testkit.Datasets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command in its reduced form ({@code ./run.sh --quick} runs this same main class): the good
 * scenario must end Promoted and the bad canary rolled back, each with its report checked, the HTML opened in
 * headless Chromium, and no process or port left behind. Last, every metric name the Grafana dashboard and the alert
 * rules use must have been served by the running parts of those two runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationEndToEndTest {

    static final Path REPO = Path.of(System.getProperty("modelshift.repo", "..")).toAbsolutePath().normalize();
    static final Pattern READY = Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+)");

    /**
     * Names used by the dashboard or the rules that these runs cannot produce, with the reason; everything else must
     * be served. (The helm module checks these against the services' code.)
     */
    static final Map<String, String> NOT_PRODUCED_LOCALLY = Map.of(
            "modelshift_eval_win_rate", "needs a judge model (modelshift.eval.judge.*); the local stack has none",
            "modelshift_gateway_fallbacks_total", "created at the first fallback (labelled by its reason); the bad "
                    + "canary is rolled back while mirrored, and shadow copies never fall back");

    /** Every metric name any part served at the end of the runs so far. */
    static final Set<String> SERVED = new TreeSet<>();

    @Test
    @Order(1)
    void goodScenarioIsPromoted(@TempDir Path tmp) throws Exception {
        JsonNode report = run("good", tmp);
        assertEquals("PROMOTE", report.path("recommendation").path("decision").asText(), report.toPrettyString());
        assertEquals("Promoted", report.path("recommendation").path("rolloutPhase").asText());
        JsonNode last = report.path("timeline").get(report.path("timeline").size() - 1);
        assertEquals(100, last.path("weight").asInt(), last.toString());
        assertTrue(report.path("live").size() >= 2, "traffic reached both variants: " + report.path("live"));
    }

    @Test
    @Order(2)
    void badCanaryIsRolledBackOnItsOwn(@TempDir Path tmp) throws Exception {
        JsonNode report = run("bad-canary", tmp);
        assertEquals("ROLL_BACK", report.path("recommendation").path("decision").asText(), report.toPrettyString());
        assertEquals("Aborted", report.path("recommendation").path("rolloutPhase").asText());
        assertTrue(report.path("notes").toString().contains("bad-canary"), report.path("notes").toString());
    }

    @Test
    @Order(3)
    void dashboardAndAlertRulesUseOnlyServedMetricNames() throws Exception {
        Assumptions.assumeFalse(SERVED.isEmpty(), "no run above produced metrics");
        Set<String> used = MetricNames.usedBy(REPO.resolve("helm/modelshift"));
        assertTrue(used.size() > 15, "found only " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(SERVED);
        missing.removeAll(NOT_PRODUCED_LOCALLY.keySet());
        assertEquals(Set.of(), missing, "used by the dashboard or the alert rules, never served by a running part");
        Set<String> stale = new TreeSet<>(NOT_PRODUCED_LOCALLY.keySet());
        stale.retainAll(SERVED);
        assertEquals(Set.of(), stale, "served after all: drop them from NOT_PRODUCED_LOCALLY");
    }

    private static JsonNode run(String scenario, Path tmp) throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("modelshift.e2e.skip"), "end-to-end runs skipped "
                + "(-Dmodelshift.e2e.skip=true)");
        Artifacts artifacts = new Artifacts(REPO);
        for (String module : List.of("gateway-service", "inference-proxy", "evaluation-service", "cost-service")) {
            Assumptions.assumeTrue(artifacts.has(module), module + " is not built in this checkout ("
                    + REPO + "): the end-to-end migration cannot run");
        }
        Assumptions.assumeTrue(Files.isDirectory(REPO.resolve("gateway-service/src/main/java/io/modelshift/gateway/"
                + "rollout")), "the gateway-service in this checkout has no rollout controller (/admin/rollouts)");
        Assumptions.assumeTrue(Files.isDirectory(REPO.resolve("evaluation-service/src/main/java/io/modelshift/"
                + "evaluation/runs")), "the evaluation-service in this checkout has no /v1/evaluations (runs package)");
        Path datasets = Datasets.require("gsm8k/test.jsonl").getParent().getParent();
        Path runDir = tmp.resolve(scenario);
        Path console = tmp.resolve(scenario + "-console.log");
        ProcessBuilder pb = new ProcessBuilder(JavaCommand.mainClass(LocalStackMain.class, List.of("-Xmx384m"),
                List.of("--quick", "--scenario", scenario, "--humaneval", "4", "--run-dir", runDir.toString(),
                        "--timeout-minutes", "8"))).redirectErrorStream(true).redirectOutput(console.toFile());
        pb.environment().put("MODELSHIFT_REPO", REPO.toString());
        pb.environment().put("MODELSHIFT_DATASETS", datasets.toString());
        Process launcher = pb.start();
        if (!launcher.waitFor(10, TimeUnit.MINUTES)) {
            launcher.destroy();
            launcher.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the run did not end within 10 minutes:\n" + Files.readString(console));
        }
        String out = Files.readString(console);
        System.out.println(out);
        assertEquals(0, launcher.exitValue(), out);
        assertTrue(out.contains("Migration report: " + runDir.resolve("migration-report.html")), out);

        // nothing left: every part's port is free again, no postmaster
        Matcher m = READY.matcher(out);
        int parts = 0;
        while (m.find()) {
            parts++;
            assertTrue(FreePorts.isFree(Integer.parseInt(m.group(1))), "port " + m.group(1) + " still taken");
        }
        assertEquals(10, parts, "postgres, 4 pods, 2 proxies, evaluation, cost, gateway:\n" + out);
        assertFalse(new PostmasterReaper(runDir.resolve("pgdata")).postmasterAlive());
        assertTrue(Files.isRegularFile(runDir.resolve("logs/gateway.log")));

        SERVED.addAll(MetricNames.servedIn(runDir.resolve("metrics")));
        JsonNode report = new ObjectMapper().readTree(runDir.resolve("migration-report.json").toFile());
        String md = Files.readString(runDir.resolve("migration-report.md"));
        for (String section : List.of("## Recommendation: ", "## Before and after: benchmarks",
                "## Before and after: live traffic", "## Cost and TCO", "## Rollout timeline")) {
            assertTrue(md.contains(section), section + " missing:\n" + md);
        }
        assertTrue(report.path("timeline").size() >= 2, report.path("timeline").toString());
        assertTrue(report.path("benchmarks").size() >= 3, report.path("benchmarks").toString());
        for (JsonNode b : report.path("benchmarks")) {
            if (!b.path("benchmark").asText().equals("humaneval")) {
                assertTrue(b.path("error").isNull() || b.path("error").isMissingNode(), b.toString());
            }
        }
        assertTrue(report.path("cost").path("error").isNull(), report.path("cost").toString());
        assertFalse(report.path("cost").path("breakEvens").isEmpty(), report.path("cost").toString());
        long japanese = 0;
        for (JsonNode l : report.path("live")) {
            japanese += l.path("japanese").asLong();
        }
        assertTrue(japanese > 0, "Japanese prompts were sent");

        if (HeadlessChromium.available()) {
            HeadlessChromium.Render render = HeadlessChromium.open(runDir.resolve("migration-report.html"), tmp);
            assertFalse(render.log().contains("Uncaught"), render.log());
            assertTrue(render.pixelsNear(0x2563eb, 30) > 2000, "charts drawn in the canary colour");
        }
        return report;
    }
}
