package io.modelshift.localstack.scenario;

import io.modelshift.localstack.launcher.Artifacts;
import io.modelshift.localstack.launcher.FreePorts;
import io.modelshift.localstack.launcher.LocalStack;
import io.modelshift.localstack.launcher.RunningPart;
import io.modelshift.localstack.launcher.StackEndpoints;
import io.modelshift.localstack.launcher.Supervisor;
import io.modelshift.localstack.report.MigrationReport;
import io.modelshift.localstack.report.ReportAssembly;
import io.modelshift.testkit.Datasets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack without the gateway, for real: PostgreSQL, four simulated pods, two inference proxies, the evaluation
 * and cost services as processes; the bad-canary degradation, the cost phase and the benchmark phase (small subsets
 * of the real datasets) against them; then nothing may be left running.
 */
class BackendsIntegrationTest {

    private final PrintStream console = System.out;
    private boolean benchmarksChecked;

    @Test
    void benchmarksAndCostAgainstTheRealServices(@TempDir Path run) {
        Artifacts artifacts = new Artifacts(Path.of(System.getProperty("modelshift.repo", "..")));
        for (String module : List.of("inference-proxy", "evaluation-service", "cost-service")) {
            Assumptions.assumeTrue(artifacts.has(module), module + " is not built in this checkout");
        }
        Path datasets = Datasets.require("gsm8k/test.jsonl").getParent().getParent();
        Supervisor supervisor = new Supervisor(run, console);
        List<RunningPart> parts;
        try {
            check(new LocalStack(artifacts, run, supervisor, console).start(datasets, null, null, null, null, false));
        } finally {
            parts = supervisor.parts();
            supervisor.close();
        }
        assertEquals(9, parts.size(), "postgres, 4 pods, 2 proxies, evaluation, cost");
        for (RunningPart p : parts) {
            assertFalse(p.process().isAlive(), p.name() + " still running");
            assertTrue(FreePorts.isFree(p.port()), p.name() + " port " + p.port() + " still taken");
        }
        Assumptions.assumeTrue(benchmarksChecked, "the evaluation-service in this checkout does not serve "
                + "/v1/evaluations: the benchmark phase was not checked (everything else was)");
    }

    private void check(StackEndpoints stack) {
        StackEndpoints.VariantTarget stable = stack.variants().get(LocalStack.STABLE);
        StackEndpoints.VariantTarget canary = stack.variants().get(LocalStack.CANARY);
        assertEquals("meta-llama/Llama-2-70b-chat-hf", stable.model());

        JsonHttp http = new JsonHttp(null);
        for (String pod : stack.pods().get(LocalStack.CANARY)) {
            assertEquals(0.35, http.post(pod + "/admin/config", MigrationScenario.BAD_CANARY)
                    .path("accuracy").path("gsm8k").asDouble());
        }

        long now = System.currentTimeMillis();
        List<TrafficTally.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            outcomes.add(new TrafficTally.Outcome(i % 2 == 0 ? stable.name() : canary.name(), "acme", i % 3 == 0,
                    i % 4 == 0, false, null, 900, 200.0, 40, 30, now + i * 100));
        }
        CostPhase.Capacity capacity = CostPhase.Capacity.ofSimulatedPod(
                http.get(stack.pods().get(LocalStack.CANARY).getFirst() + "/admin/config"));
        assertEquals(64 * 1000 / 75.0, capacity.outputTokensPerSecond(), 1e-6, capacity.source());
        CostPhase.Result cost = new CostPhase(stack.cost()).run(outcomes, 10, capacity);
        assertNull(cost.error(), cost.error());
        MigrationReport.Cost summary = ReportAssembly.cost(cost);
        assertEquals(3, summary.options().size(), summary.toString());
        assertFalse(summary.breakEvens().isEmpty(), summary.toString());
        assertFalse(summary.options().getFirst().cumulative().isEmpty());

        if (notServed(stack.evaluation() + "/v1/evaluations")) {
            console.println("NOT CHECKED: the evaluation-service in this checkout does not serve /v1/evaluations");
            return;
        }
        List<BenchmarkPhase.Result> results = new BenchmarkPhase(stack.evaluation(), console).run(stable, canary,
                Map.of("gsm8k", 10, "mmlu", 10, "humaneval", 0, "jmmlu", 10), Duration.ofMinutes(4));
        assertEquals(List.of("gsm8k", "mmlu", "jmmlu"), results.stream().map(BenchmarkPhase.Result::benchmark)
                .toList());
        for (MigrationReport.BenchmarkRow row : ReportAssembly.benchmarks(results)) {
            assertNull(row.error(), row.benchmark() + ": " + row.error());
            // the canary runs with the bad-canary faults injected above: items that still fail after the evaluation
            // service's retries are excluded from the paired comparison, so n may fall short of the 10 asked for
            assertTrue(row.n() >= 3 && row.n() <= 10, row.toString());
            assertTrue(row.stableLow() <= row.stableAccuracy() && row.stableAccuracy() <= row.stableHigh());
            assertTrue(row.canaryLow() <= row.canaryAccuracy() && row.canaryAccuracy() <= row.canaryHigh());
            assertNotNull(row.pValue(), row.toString());
        }
        benchmarksChecked = true;
    }

    /** True when the service answers 404 to a GET of the collection (the resource does not exist at all). */
    static boolean notServed(String url) {
        try {
            new JsonHttp(null).get(url);
            return false;
        } catch (JsonHttp.ServiceCallException e) {
            return e.getMessage().contains(" answered 404");
        }
    }
}
