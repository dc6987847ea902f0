package io.modelshift.localstack.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.localstack.datasets.DatasetDownload;
import io.modelshift.localstack.datasets.DatasetSource;
import io.modelshift.localstack.launcher.Artifacts;
import io.modelshift.localstack.launcher.LocalStack;
import io.modelshift.localstack.launcher.StackEndpoints;
import io.modelshift.localstack.launcher.Supervisor;
import io.modelshift.localstack.report.MigrationReport;
import io.modelshift.localstack.report.Recommender;
import io.modelshift.localstack.report.ReportAssembly;
import io.modelshift.localstack.report.ReportFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The main job: start the stack, benchmark both models, roll the route from Llama 2 to Llama 3 under synthetic
 * traffic while the rollout controller checks its gates, price the result, and write the migration report.
 */
public final class MigrationScenario {

    /** How the canary pods are degraded in {@code --scenario bad-canary} (the simulator's admin config). */
    static final String BAD_CANARY = """
            {"accuracy": {"gsm8k": 0.35, "mmlu": 0.40, "humaneval": 0.12, "jmmlu": 0.30},
             "failures": {"http_500": 0.15, "latency_spike": 0.2}, "latency_spike_ms": 1500}""";

    /** What the run ended with; {@code rolloutError} says why the rollout did not run (null when it did). */
    public record Outcome(ReportFiles files, MigrationReport report, String rolloutError) {
    }

    private final Options options;
    private final PrintStream console;
    private String rolloutError;

    public MigrationScenario(Options options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    public Outcome run() {
        Path datasets = DatasetFolder.resolve(options.datasets(), options.sampleSizes(), new DatasetDownload(
                DatasetSource.publicSources(), DatasetDownload.defaultCache(System.getenv()), console));
        mkdirs(options.runDir());
        Instant started = Instant.now();
        List<String> notes = new ArrayList<>();
        console.println("modelshift local migration, scenario '" + options.scenario() + "'; run folder "
                + options.runDir());
        try (Supervisor supervisor = new Supervisor(options.runDir(), console)) {
            StackEndpoints stack = new LocalStack(new Artifacts(options.repo()), options.runDir(), supervisor, console)
                    .start(datasets, options.stableUrl(), options.canaryUrl(), options.stableModel(),
                            options.canaryModel());
            StackEndpoints.VariantTarget stable = stack.variants().get(LocalStack.STABLE);
            StackEndpoints.VariantTarget canary = stack.variants().get(LocalStack.CANARY);
            if (options.badCanary()) {
                JsonHttp http = new JsonHttp(null);
                for (String pod : stack.pods().get(LocalStack.CANARY)) {
                    http.post(pod + "/admin/config", BAD_CANARY);
                }
                notes.add("bad-canary: every " + canary.name() + " pod was degraded through the simulator's "
                        + "/admin/config: " + BAD_CANARY.replaceAll("\\s+", " "));
                console.println("bad-canary: the " + canary.name() + " pods now answer worse, fail 15% of requests "
                        + "and add 1.5 s latency spikes");
            }

            console.println("\n== 1/3 Benchmarks on both models (evaluation service) ==");
            List<BenchmarkPhase.Result> benchmarks = new BenchmarkPhase(stack.evaluation(), console)
                    .run(stable, canary, options.sampleSizes(), options.timeout().dividedBy(2));

            console.println("\n== 2/3 Rollout " + stable.name() + " -> " + canary.name()
                    + ": mirror, 50%, 70%, 90%, 100% (" + options.stepDuration().toSeconds() + " s per step), "
                    + options.clients() + " synthetic clients ==");
            long rolloutStart = System.currentTimeMillis();
            TrafficTally tally = new TrafficTally(rolloutStart);
            RolloutWatch watch = new RolloutWatch(stack.gateway(), stack.adminKey(), stack.route(), console);
            JsonNode finalDoc = null;
            try (ClientPopulation clients = new ClientPopulation(stack.gateway(), stack.route(), stack.clientKeys(),
                    options.clients(), tally)) {
                clients.start();
                RolloutPlan plan = new RolloutPlan(stack.route(), stack.route(), stable.name(), canary.name(),
                        options.stepDuration(), 20);
                Files.writeString(options.runDir().resolve("rollout.yaml"), plan.yaml());
                try {
                    watch.submit(plan.yaml());
                    finalDoc = watch.follow(tally, options.timeout().dividedBy(2),
                            max(Duration.ofSeconds(60), options.stepDuration().multipliedBy(8)), supervisor::checkAlive);
                } catch (JsonHttp.ServiceCallException e) {
                    // no rollout controller to talk to: measure the stable route for a while and say so
                    rolloutError = "the rollout could not be submitted: " + e.getMessage()
                            + (e.getMessage().contains(" answered 404") ? " (this gateway-service has no rollout "
                            + "controller: /admin/rollouts is not served)" : "");
                    console.println("  " + rolloutError);
                    console.println("  measuring the stable route for " + options.stepDuration().toSeconds() * 2
                            + " s instead");
                    Thread.sleep(options.stepDuration().toMillis() * 2);
                    notes.add("NOT DONE: " + rolloutError);
                }
                clients.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            long rolloutEnd = System.currentTimeMillis();
            JsonNode status = finalDoc == null ? JsonHttp.JSON.createObjectNode() : finalDoc.path("status");
            if (finalDoc != null) {
                console.println("  rollout ended: " + status.path("phase").asText("unknown") + " - "
                        + status.path("message").asText(""));
            }

            console.println("\n== 3/3 Cost and TCO (cost service) ==");
            CostPhase.Result cost = new CostPhase(stack.cost()).run(tally.outcomes(),
                    (rolloutEnd - rolloutStart) / 1000.0, capacity(stack, tally, rolloutEnd - rolloutStart));
            if (cost.error() != null) {
                console.println("  " + cost.error());
            }

            List<String> unscraped = MetricsSnapshot.save(stack, options.runDir());
            notes.add("Every part's Prometheus metrics at the end of the run are in metrics/ beside this report.");
            unscraped.forEach(f -> notes.add("Metrics not saved: " + f));
            MigrationReport report = report(started, stack, benchmarks, tally, rolloutStart, rolloutEnd, watch,
                    status, cost, notes);
            ReportFiles files = ReportFiles.write(options.runDir(), report);
            console.println("\nRecommendation: " + report.recommendation().decision() + " - "
                    + report.recommendation().summary());
            console.println("Migration report: " + files.html() + " (also " + files.markdown().getFileName() + ", "
                    + files.json().getFileName() + ")");
            console.println("Stopping the stack...");
            return new Outcome(files, report, rolloutError);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MigrationReport report(Instant started, StackEndpoints stack, List<BenchmarkPhase.Result> benchmarks,
                                   TrafficTally tally, long rolloutStart, long rolloutEnd, RolloutWatch watch,
                                   JsonNode status, CostPhase.Result cost, List<String> notes) {
        List<MigrationReport.LiveRow> live = new ArrayList<>();
        for (Map.Entry<String, long[]> e : tally.counts().entrySet()) {
            live.add(ReportAssembly.live(tally.stats(e.getKey(), rolloutStart, rolloutEnd + 1)));
        }
        String stableName = stack.variants().get(LocalStack.STABLE).name();
        String canaryName = stack.variants().get(LocalStack.CANARY).name();
        List<MigrationReport.BenchmarkRow> rows = ReportAssembly.benchmarks(benchmarks);
        MigrationReport.LiveRow stableLive = live.stream().filter(l -> l.variant().equals(stableName)).findFirst()
                .orElse(null);
        MigrationReport.LiveRow canaryLive = live.stream().filter(l -> l.variant().equals(canaryName)).findFirst()
                .orElse(null);
        notes.add("Live traffic: " + tally.outcomes().size() + " requests from " + options.clients()
                + " clients of " + stack.clientKeys().size() + " tenants (" + stack.clientKeys().values().stream()
                .mapToInt(List::size).sum() + " API keys) through the gateway with the OpenAI Java SDK; sticky "
                + "sessions by x-session-id; half streamed; about a quarter in Japanese.");
        notes.add("Gates: the rollout checks the evaluation service's verdict (quality gate: error rates, time to "
                + "first token, finish reasons, empty answers, with anytime-valid intervals). The local stack has no "
                + "Prometheus, so no latency query gate is declared; and no cost gate: with a fixed pool of "
                + "simulated pods per model, each variant's measured cost per 1M tokens follows its traffic share "
                + "(an idle canary fleet looks expensive while it is mirrored), so this run prices the models in the "
                + "TCO section instead.");
        tally.errorSamples().forEach((kind, message) -> notes.add("Client error " + kind + ", first seen: "
                + message));
        if (options.realServers()) {
            notes.add("Real servers: stable " + options.stableUrl() + ", canary " + options.canaryUrl() + ".");
        } else {
            notes.add("Simulated pods (vllm-simulator profiles llama-2-70b and llama-3-70b): accuracies, latencies "
                    + "and failures come from the simulator's profiles, not from real models.");
        }
        MigrationReport.Recommendation rec = Recommender.decide(status.path("phase").asText(null),
                rolloutError != null ? rolloutError : status.path("message").asText(null), rows, stableLive,
                canaryLive);
        return new MigrationReport(options.runDir().getFileName().toString(), options.scenario(),
                started.toString(), Instant.now().toString(), stack.route(), stableName, canaryName, rec, rows, live,
                ReportAssembly.cost(cost), ReportAssembly.timeline(status, watch.snapshots(), rolloutStart),
                ReportAssembly.weights(watch.snapshots(), rolloutStart),
                ReportAssembly.traffic(tally.outcomes(), rolloutStart), notes);
    }

    /**
     * Simulated pods: their profile's capacity. Real servers: only the load this run offered is known, so the
     * per-replica throughput is that (an underestimate of capacity, and labelled so).
     */
    private CostPhase.Capacity capacity(StackEndpoints stack, TrafficTally tally, long millis) {
        List<String> pods = stack.pods().get(LocalStack.CANARY);
        if (pods != null && !pods.isEmpty()) {
            return CostPhase.Capacity.ofSimulatedPod(new JsonHttp(null).get(pods.getFirst() + "/admin/config"));
        }
        double tokens = tally.outcomes().stream().filter(o -> o.variant().equals(LocalStack.CANARY))
                .mapToLong(TrafficTally.Outcome::completionTokens).sum();
        return new CostPhase.Capacity(Math.max(1, tokens / Math.max(1, millis / 1000.0)),
                "measured: output tokens/s the canary served in this run (offered load, not its capacity)");
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }


    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
