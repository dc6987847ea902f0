package io.modelshift.localstack.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite on one machine: embedded PostgreSQL, two simulated pods and one inference-proxy per model (or real
 * servers), the evaluation and cost services, and the gateway with its rollout controller reading a rollout folder.
 * Each part is a separate process on a free port, started by the {@link Supervisor} in dependency order.
 */
public final class LocalStack {

    public static final String STABLE = "llama-2-70b";
    public static final String CANARY = "llama-3-70b";
    public static final String ROUTE = "llama-70b";
    private static final Duration QUARKUS_START = Duration.ofSeconds(120);
    private static final List<String> QUARKUS_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Artifacts artifacts;
    private final Path runDir;
    private final Supervisor supervisor;
    private final PrintStream console;
    private final FreePorts ports = new FreePorts();
    private final List<String> costProperties = new ArrayList<>();

    public LocalStack(Artifacts artifacts, Path runDir, Supervisor supervisor, PrintStream console) {
        this.artifacts = artifacts;
        this.runDir = runDir;
        this.supervisor = supervisor;
        this.console = console;
    }

    /**
     * Extra {@code -D} system properties for the cost service, e.g. a self-hosted deployment
     * ({@code -Dcost.deployments.llama-3-70b.hardware=a100-80gb}); call before {@link #start}.
     */
    public LocalStack withCostProperties(List<String> properties) {
        costProperties.addAll(properties);
        return this;
    }

    /**
     * Starts everything and answers where it runs.
     *
     * @param datasets   benchmark files for the evaluation service and the simulators' answer keys
     * @param realStable with {@code realCanary}: real servers replace the simulators and proxies (null = simulate);
     *                   their model names are given or read from their {@code /v1/models}
     */
    public StackEndpoints start(Path datasets, String realStable, String realCanary, String stableModel,
                                String canaryModel) {
        return start(datasets, realStable, realCanary, stableModel, canaryModel, true);
    }

    /** As {@link #start}, optionally without the gateway (the back ends alone, for their integration test). */
    public StackEndpoints start(Path datasets, String realStable, String realCanary, String stableModel,
                                String canaryModel, boolean withGateway) {
        // fail before starting anything when a service is not built
        Path gatewayJar = withGateway ? artifacts.quarkusApp("gateway-service") : null;
        Path proxyJar = realStable == null ? artifacts.quarkusApp("inference-proxy") : null;
        Path evalJar = artifacts.quarkusApp("evaluation-service");
        Path costJar = artifacts.quarkusApp("cost-service");
        Path simJar = realStable == null ? artifacts.simulatorJar() : null;
        Path config = mkdirs(runDir.resolve("config"));
        Path rollouts = mkdirs(runDir.resolve("rollouts"));

        console.println("Starting PostgreSQL" + (simJar != null ? " and 4 simulated vLLM pods" : "") + "...");
        int pgPort = ports.next();
        int pgHealth = ports.next();
        Path pgData = runDir.resolve("pgdata");
        supervisor.afterStop(new PostmasterReaper(pgData));
        List<PartSpec> first = new ArrayList<>();
        first.add(new PartSpec("postgres", JavaCommand.mainClass(PostgresMain.class, List.of("-Xmx96m"),
                List.of("--port", str(pgPort), "--health-port", str(pgHealth), "--data", pgData.toString(),
                        "--databases", "modelshift_eval,modelshift_cost")), Map.of(), pgHealth, "/health",
                Duration.ofSeconds(180)));
        Map<String, List<String>> pods = new LinkedHashMap<>();
        if (simJar != null) {
            for (String variant : List.of(STABLE, CANARY)) {
                for (int i = 1; i <= 2; i++) {
                    int port = ports.next();
                    String name = "sim-" + variant + "-" + i;
                    List<String> args = new ArrayList<>(List.of("--profile", variant, "--port", str(port),
                            "--host", "127.0.0.1", "--pod-name", name));
                    if (datasets != null) {
                        args.addAll(List.of("--datasets", datasets.toString()));
                    }
                    first.add(new PartSpec(name, JavaCommand.jar(simJar, List.of("-Xmx192m"), args), Map.of(), port,
                            "/health", Duration.ofSeconds(60)));
                    pods.computeIfAbsent(variant, k -> new ArrayList<>()).add("http://127.0.0.1:" + port);
                }
            }
        }
        supervisor.startAll(first);

        console.println("Starting " + (proxyJar != null ? "the inference proxies, " : "")
                + "the evaluation and the cost services...");
        List<PartSpec> second = new ArrayList<>();
        Map<String, StackEndpoints.VariantTarget> variants = new LinkedHashMap<>();
        if (proxyJar != null) {
            for (String variant : List.of(STABLE, CANARY)) {
                int port = ports.next();
                // ten JVMs share this machine's cores: a pod's health or metrics answer may take longer than the
                // 1 s a GPU node's proxy allows, without the pod being unhealthy
                second.add(quarkus("proxy-" + variant, proxyJar, port, List.of(
                        "-Dmodelshift.proxy.discovery.mode=static",
                        "-Dmodelshift.proxy.pods=" + String.join(",", pods.get(variant)),
                        "-Dmodelshift.proxy.health.probe-timeout=3s",
                        "-Dmodelshift.proxy.picking.scrape-timeout=3s"), Map.of()));
                variants.put(variant, new StackEndpoints.VariantTarget(variant, "http://127.0.0.1:" + port,
                        servedModel(pods.get(variant).getFirst())));
            }
        } else {
            variants.put(STABLE, new StackEndpoints.VariantTarget(STABLE, trimV1(realStable),
                    stableModel != null ? stableModel : servedModel(trimV1(realStable))));
            variants.put(CANARY, new StackEndpoints.VariantTarget(CANARY, trimV1(realCanary),
                    canaryModel != null ? canaryModel : servedModel(trimV1(realCanary))));
        }
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/";
        int evalPort = ports.next();
        Map<String, String> evalEnv = new LinkedHashMap<>(Map.of("EVAL_DB_URL", jdbc + "modelshift_eval",
                "EVAL_DB_USER", "postgres", "EVAL_DB_PASSWORD", "postgres"));
        if (datasets != null) {
            evalEnv.put("MODELSHIFT_DATASETS", datasets.toString());
        }
        second.add(quarkus("evaluation", evalJar, evalPort, List.of(), evalEnv));
        int costPort = ports.next();
        second.add(quarkus("cost", costJar, costPort, costProperties, Map.of("COST_DB_URL", jdbc + "modelshift_cost",
                "COST_DB_USER", "postgres", "COST_DB_PASSWORD", "postgres")));
        supervisor.startAll(second);
        String eval = "http://127.0.0.1:" + evalPort;
        String cost = "http://127.0.0.1:" + costPort;

        GatewayFiles files = GatewayFiles.write(config, ROUTE, new ArrayList<>(variants.values()));
        if (gatewayJar == null) {
            return new StackEndpoints(null, eval, cost, ROUTE, variants, pods, files.clientKeys(), files.adminKey(),
                    rollouts);
        }
        console.println("Starting the gateway (routes, keys and rollout folder in " + runDir + ")...");
        int gatewayPort = ports.next();
        supervisor.startAll(List.of(quarkus("gateway", gatewayJar, gatewayPort, List.of(
                "-Dmodelshift.gateway.routes-file=" + files.routes(),
                "-Dmodelshift.gateway.access.keys-file=" + files.keys(),
                "-Dmodelshift.gateway.reload-interval=1s",
                "-Dmodelshift.gateway.records.sinks=" + eval + "/v1/traffic," + cost + "/v1/usage",
                "-Dmodelshift.gateway.records.flush-interval=1s",
                // simulated answers take seconds: a request that gets no answer is given up after a minute, not
                // the production default of ten (a compressed run has minutes in all)
                "-Dmodelshift.gateway.upstream.total-timeout=60s",
                "-Dmodelshift.rollout.store=file",
                "-Dmodelshift.rollout.dir=" + rollouts,
                "-Dmodelshift.rollout.tick=1s",
                "-Dmodelshift.rollout.evaluation-url=" + eval,
                "-Dmodelshift.rollout.cost-url=" + cost), Map.of())));
        return new StackEndpoints("http://127.0.0.1:" + gatewayPort, eval, cost, ROUTE, variants, pods,
                files.clientKeys(), files.adminKey(), rollouts);
    }

    private PartSpec quarkus(String name, Path jar, int port, List<String> props, Map<String, String> env) {
        List<String> jvm = new ArrayList<>(QUARKUS_JVM);
        jvm.add("-Dquarkus.http.port=" + port);
        jvm.add("-Dquarkus.http.host=127.0.0.1");
        jvm.addAll(props);
        return new PartSpec(name, JavaCommand.jar(jar, jvm, List.of()), env, port, "/q/health/ready", QUARKUS_START);
    }

    /** The model name a simulated pod serves (its first {@code /v1/models} entry). */
    static String servedModel(String podUrl) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(podUrl + "/v1/models")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode models = new ObjectMapper().readTree(r.body());
            return models.path("data").path(0).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the models of " + podUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    static String trimV1(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return u.endsWith("/v1") ? u.substring(0, u.length() - 3) : u;
    }

    private static String str(int n) {
        return String.valueOf(n);
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
