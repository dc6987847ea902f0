package io.modelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.localstack.launcher.Artifacts;
import io.modelshift.localstack.launcher.FreePorts;
import io.modelshift.localstack.launcher.LocalStack;
import io.modelshift.localstack.launcher.RunningPart;
import io.modelshift.localstack.launcher.StackEndpoints;
import io.modelshift.localstack.launcher.Supervisor;
import io.modelshift.testkit.Datasets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The commands against the real services as processes, started once for the class by the local stack's launcher
 * from this checkout's packaged jars: embedded PostgreSQL, two simulated vLLM pods and an inference proxy per model
 * (llama-2-70b and llama-3-70b profiles), the evaluation and cost services, and the gateway with its file rollout
 * store. The cost service is configured with one self-hosted deployment, so {@code tco} can take its throughput.
 */
@QuarkusTest
class LocalStackCommandsTest {

    /** The cost service's configured deployment: measured 1500 tokens/s per 2 x A100 80GB replica. */
    static final List<String> DEPLOYMENT = List.of("-Dcost.deployments.llama-3-70b.hardware=a100-80gb",
            "-Dcost.deployments.llama-3-70b.gpus-per-replica=2",
            "-Dcost.deployments.llama-3-70b.throughput-tokens-per-second=1500",
            "-Dcost.deployments.llama-3-70b.model=llama-3-70b");
    static final Duration WAIT = Duration.ofSeconds(60);

    static Path runDir;
    static Supervisor supervisor;
    static StackEndpoints stack;

    @Inject
    CommandLine.IFactory factory;

    @BeforeAll
    static void startStack() throws IOException {
        Artifacts artifacts = new Artifacts(Path.of(System.getProperty("modelshift.repo", "..")));
        runDir = Files.createTempDirectory("cli-local-stack");
        supervisor = new Supervisor(runDir, System.out);
        try {
            // the simulators and the evaluation service need the datasets for compare; the rest runs without them
            stack = new LocalStack(artifacts, runDir, supervisor, System.out).withCostProperties(DEPLOYMENT)
                    .start(Datasets.folder().orElse(null), null, null, null, null);
        } catch (RuntimeException e) {
            supervisor.close();
            throw e;
        }
    }

    @AfterAll
    static void stopStack() {
        if (supervisor == null) {
            return;
        }
        List<RunningPart> parts = supervisor.parts();
        supervisor.close();
        for (RunningPart p : parts) {
            assertFalse(p.process().isAlive(), p.name() + " still running");
            assertTrue(FreePorts.isFree(p.port()), p.name() + " left port " + p.port() + " taken");
        }
    }

    // ---------------------------------------------------------------------------------------------- rollouts

    @Test
    void rolloutDrivenThroughTheGatewayAdminApi() throws InterruptedException {
        String route = stack.route();
        Cli.Result missing = gateway("status", route);
        assertEquals(CommandLineSetup.FAILURE, missing.exitCode(), missing.out());
        assertTrue(missing.err().contains(route), missing.err());

        Cli.Result wrongKey = Cli.run(factory, "status", "--gateway-url", stack.gateway(), "--admin-key", "sk-wrong");
        assertEquals(CommandLineSetup.FAILURE, wrongKey.exitCode());
        assertTrue(wrongKey.err().contains("gateway answered 401 to GET /admin/rollouts"), wrongKey.err());

        Cli.Result dryRun = gateway("migrate", "--route", route, "--from", LocalStack.STABLE, "--to", LocalStack.CANARY,
                "--stages", "50,100", "--duration", "10m", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.err());
        JsonNode shown = readYaml(dryRun.out());
        assertEquals("ModelRollout", shown.path("kind").asText(), dryRun.out());
        assertEquals(50, shown.path("spec").path("steps").path(0).path("setWeight").asInt(), dryRun.out());
        assertEquals(CommandLineSetup.FAILURE, gateway("status", route).exitCode(), "--dry-run created the rollout");

        Cli.Result badDuration = gateway("migrate", "--route", route, "--to", LocalStack.CANARY, "--duration", "10x");
        assertEquals(2, badDuration.exitCode());
        assertTrue(badDuration.err().contains("'10x' is not a duration"), badDuration.err());

        Cli.Result created = gateway("migrate", "--route", route, "--from", LocalStack.STABLE, "--to",
                LocalStack.CANARY, "--stages", "50,100", "--duration", "10m");
        assertEquals(0, created.exitCode(), created.err());
        // the controller takes the spec on its next tick (1 s) and waits on step 1: no traffic flows in this test
        String started = awaitStatus(route, "step\\s+1/3");
        assertTrue(started.contains(LocalStack.STABLE + " -> " + LocalStack.CANARY), started);
        Cli.Result list = gateway("status");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().matches("(?s)NAME\\s+ROUTE.*\\n" + route + "\\s+" + route + "\\s+" + LocalStack.STABLE
                + "\\s+" + LocalStack.CANARY + ".*"), list.out());

        Cli.Result timeout = gateway("status", route, "--timeout", "3s", "--interval", "1s");
        assertEquals(2, timeout.exitCode(), timeout.out() + timeout.err());
        assertTrue(timeout.err().contains("timed out after 3s waiting for route " + route), timeout.err());

        action("pause", route);
        awaitStatus(route, "phase\\s+Paused", "last action\\s+pause");
        action("resume", route);
        awaitStatus(route, "phase\\s+Progressing", "last action\\s+resume");
        action("promote", route);
        String promoted = awaitStatus(route, "step\\s+2/3", "last action\\s+promote");
        assertTrue(promoted.contains("desired 50%"), promoted);

        action("abort", route);
        Cli.Result aborted = gateway("status", route, "--timeout", WAIT.toSeconds() + "s", "--interval", "1s");
        assertEquals(1, aborted.exitCode(), aborted.out() + aborted.err());
        assertTrue(aborted.out().contains("Aborted") && aborted.out().contains("desired 0%"), aborted.out());
        assertTrue(Pattern.compile("last action\\s+abort").matcher(aborted.out()).find(), aborted.out());

        action("retry", route);
        awaitStatus(route, "phase\\s+Progressing", "last action\\s+retry");
        Cli.Result running = gateway("status", route, "--timeout", "2s", "--interval", "1s");
        assertEquals(2, running.exitCode(), "a retried rollout runs again: " + running.out());

        action("promote", route, "--full");
        Cli.Result done = gateway("status", route, "--timeout", WAIT.toSeconds() + "s", "--interval", "1s");
        assertEquals(0, done.exitCode(), done.out() + done.err());
        assertTrue(done.out().contains("Promoted") && done.out().contains("desired 100%"), done.out());
        // the gateway itself now sends the route's traffic to the canary. The leader writes the status first and
        // applies the weights at the end of the same tick, so a chat sent in between may still see the old split
        String canary = stack.variants().get(LocalStack.CANARY).model();
        String served = chatThroughGateway(route);
        for (int i = 0; i < 40 && !canary.equals(served); i++) {
            Thread.sleep(250);
            served = chatThroughGateway(route);
        }
        assertEquals(canary, served);
    }

    private void action(String action, String route, String... more) {
        Cli.Result r = gateway(Stream.concat(Stream.of(action, route), Stream.of(more)).toArray(String[]::new));
        assertEquals(0, r.exitCode(), action + ": " + r.err());
    }

    private Cli.Result gateway(String... args) {
        return Cli.run(factory, Stream.concat(Stream.of(args),
                Stream.of("--gateway-url", stack.gateway(), "--admin-key", stack.adminKey())).toArray(String[]::new));
    }

    /** Polls {@code status <route>} until its output has every pattern. */
    private String awaitStatus(String route, String... patterns) {
        Predicate<String> condition = s -> Stream.of(patterns).allMatch(p -> Pattern.compile(p).matcher(s).find());
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Cli.Result r = gateway("status", route);
            last = r.out() + r.err();
            if (r.exitCode() == 0 && condition.test(r.out())) {
                return r.out();
            }
            sleep(500);
        }
        return fail("status never reached the expected state within " + WAIT.toSeconds() + " s; last:\n" + last);
    }

    /** The model that answered one chat completion sent to the route through the gateway with a client key. */
    private String chatThroughGateway(String route) {
        String key = stack.clientKeys().values().iterator().next().getFirst();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.gateway() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + key).header("content-type", "application/json")
                    .header("x-session-id", "cli-test").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + route + "\",\"max_tokens\":4,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return ServiceClient.JSON.readTree(r.body()).path("model").asText();
        } catch (IOException e) {
            return fail("the gateway did not answer a chat completion", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    // ----------------------------------------------------------------------------------------------- compare

    @Test
    void compareBenchmarksBothModelsThroughTheEvaluationService() {
        Datasets.require("gsm8k/test.jsonl");
        Datasets.require("mmlu/test");
        StackEndpoints.VariantTarget old = stack.variants().get(LocalStack.STABLE);
        StackEndpoints.VariantTarget candidate = stack.variants().get(LocalStack.CANARY);
        List<String> common = List.of("compare", "--old", old.model(), "--new", candidate.model(), "--old-target",
                old.baseUrl(), "--new-target", candidate.baseUrl(), "--samples", "20", "--eval-url", stack.evaluation(),
                "--poll", "500");

        Cli.Result json = Cli.run(factory, with(common, "--benchmarks", "gsm8k,mmlu", "--output", "json"));
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.err().contains("4/4 runs finished"), json.err());
        JsonNode rows = read(json.out());
        assertEquals(2, rows.size(), json.out());
        for (JsonNode row : rows) {
            String benchmark = row.path("benchmark").asText();
            JsonNode c = row.path("comparison");
            assertSideMatchesProfile(c.path("baseline"), old.model(), configuredAccuracy(LocalStack.STABLE, benchmark));
            assertSideMatchesProfile(c.path("candidate"), candidate.model(),
                    configuredAccuracy(LocalStack.CANARY, benchmark));
            assertTrue(row.path("baseline_latency_ms").asDouble() > 0, row.toString());
            assertTrue(row.path("candidate_tokens_per_second").asDouble() > 0, row.toString());
        }

        Cli.Result table = Cli.run(factory, with(common, "--benchmarks", "gsm8k"));
        assertEquals(0, table.exitCode(), table.err());
        System.out.print(table.out());
        assertTrue(table.out().contains("OLD  " + old.model()) && table.out().contains("NEW  " + candidate.model()),
                table.out());
        Matcher m = Pattern.compile("(?m)^gsm8k\\s+([0-9.]+)% \\[([0-9.]+), ([0-9.]+)]\\s+([0-9.]+)% \\[([0-9.]+),"
                + " ([0-9.]+)]\\s+[+-][0-9.]+ pt").matcher(table.out());
        assertTrue(m.find(), table.out());
        double oldAccuracy = configuredAccuracy(LocalStack.STABLE, "gsm8k") * 100;
        double newAccuracy = configuredAccuracy(LocalStack.CANARY, "gsm8k") * 100;
        assertTrue(Double.parseDouble(m.group(2)) <= oldAccuracy && oldAccuracy <= Double.parseDouble(m.group(3)),
                "llama-2-70b's configured gsm8k accuracy " + oldAccuracy + " outside the table's interval:\n" + table.out());
        assertTrue(Double.parseDouble(m.group(5)) <= newAccuracy && newAccuracy <= Double.parseDouble(m.group(6)),
                "llama-3-70b's configured gsm8k accuracy " + newAccuracy + " outside the table's interval:\n" + table.out());
    }

    /** The side is the model asked for, and its 95% interval holds the accuracy the simulator is configured with. */
    private static void assertSideMatchesProfile(JsonNode side, String model, double configured) {
        assertEquals(model, side.path("model").asText(), side.toString());
        assertTrue(side.path("n").asInt() >= 15 && side.path("n").asInt() <= 20, side.toString());
        double low = side.path("interval").path("low").asDouble();
        double high = side.path("interval").path("high").asDouble();
        assertTrue(low <= side.path("accuracy").asDouble() && side.path("accuracy").asDouble() <= high, side.toString());
        assertTrue(low <= configured && configured <= high, "configured accuracy " + configured + " outside " + side);
    }

    /** What the simulated pods of a variant are configured to score on a benchmark ({@code GET /admin/config}). */
    private static double configuredAccuracy(String variant, String benchmark) {
        String pod = stack.pods().get(variant).getFirst();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(pod + "/admin/config")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double accuracy = ServiceClient.JSON.readTree(r.body()).path("accuracy").path(benchmark).asDouble(-1);
            assertTrue(accuracy > 0, variant + " has no configured " + benchmark + " accuracy: " + r.body());
            return accuracy;
        } catch (IOException e) {
            return fail("cannot read the configuration of " + pod, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    // ---------------------------------------------------------------------------------------------------- tco

    @Test
    void tcoPricesTheScenarioWithTheRealCostService() {
        List<String> scenario = List.of("tco", "--hardware", "a100-40gb", "--gpus-per-replica", "4", "--model",
                "llama-3-70b", "--tokens-per-month", "100M", "--throughput", "1496", "--throughput-source",
                "vLLM issue #12315", "--compare", "gpt-4,gpt-4o-mini", "--cost-url", stack.cost());
        Cli.Result json = Cli.run(factory, with(scenario, "--output", "json"));
        assertEquals(0, json.exitCode(), json.err());
        JsonNode result = read(json.out());
        assertEquals(3, result.path("options").size(), json.out());
        assertEquals(1496, result.path("options").path(0).path("capacity").path("tokensPerSecondPerReplica").asDouble());
        assertEquals(2, result.path("comparisons").size(), json.out());

        Cli.Result table = Cli.run(factory, scenario.toArray(String[]::new));
        assertEquals(0, table.exitCode(), table.err());
        System.out.print(table.out());
        assertTrue(table.out().contains("a100-40gb llama-3-70b: 1,496.0 tokens/s per replica (vLLM issue #12315)"),
                table.out());
        // each break-even row of the table says what the service computed
        for (JsonNode c : result.path("comparisons")) {
            String when = c.path("breakEven").path("never").asBoolean() ? "never"
                    : "month " + c.path("breakEven").path("month").asInt();
            assertTrue(table.out().matches("(?s).*\\n" + Pattern.quote(c.path("onPrem").asText()) + "\\s+"
                    + Pattern.quote(c.path("api").asText()) + "\\s+" + when + "\\s.*"), when + "\n" + table.out());
        }
        assertTrue(table.out().matches("(?s).*SELF-HOSTED\\s+VS API\\s+BREAK-EVEN\\s+BREAK-EVEN VOLUME.*"), table.out());
    }

    @Test
    void tcoWithoutThroughputTakesTheCostServicesDeployment() {
        Cli.Result r = Cli.run(factory, "tco", "--hardware", "a100-80gb", "--gpus-per-replica", "2", "--model",
                "llama-3-70b", "--tokens-per-month", "500M", "--compare", "gpt-4", "--cost-url", stack.cost(), "-o", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode capacity = read(r.out()).path("options").path(0).path("capacity");
        assertEquals(1500, capacity.path("tokensPerSecondPerReplica").asDouble(), 1e-6, r.out());
        assertTrue(capacity.path("throughputSource").asText().contains("deployment 'llama-3-70b'"), capacity.toString());
        assertTrue(r.err().contains("throughput: 1500.0 tokens/s per replica"), r.err());

        Cli.Result unknown = Cli.run(factory, "tco", "--hardware", "h100-80gb", "--model", "llama-3-70b",
                "--tokens-per-month", "500M", "--cost-url", stack.cost());
        assertEquals(2, unknown.exitCode(), unknown.out());
        assertTrue(unknown.err().contains("knows no measured throughput for llama-3-70b on h100-80gb: give --throughput"),
                unknown.err());
        assertTrue(unknown.err().contains("llama-3-70b (llama-3-70b on a100-80gb, 1500 tokens/s per replica)"),
                unknown.err());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static JsonNode read(String json) {
        try {
            return ServiceClient.JSON.readTree(json);
        } catch (IOException e) {
            return fail("not JSON: " + json, e);
        }
    }

    private static JsonNode readYaml(String yaml) {
        try {
            return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            return fail("not YAML: " + yaml, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Assumptions.abort("interrupted");
        }
    }
}
