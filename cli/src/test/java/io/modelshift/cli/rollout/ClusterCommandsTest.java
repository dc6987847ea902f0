package io.modelshift.cli.rollout;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelshift.api.rollout.AnalysisResult;
import io.modelshift.api.rollout.GateResult;
import io.modelshift.api.rollout.GateVerdict;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutCondition;
import io.modelshift.api.rollout.RolloutPhase;
import io.modelshift.cli.Cli;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rollout command against the Kubernetes test server (CRUD mode) with the ModelRollout CRD installed. */
@WithKubernetesTestServer
@QuarkusTest
class ClusterCommandsTest {

    static final String NS = "modelshift";

    @Inject
    KubernetesClient client;

    @Inject
    CommandLine.IFactory factory;

    @BeforeEach
    void installCrd() throws Exception {
        if (client.apiextensions().v1().customResourceDefinitions().withName("modelrollouts.modelshift.io").get() == null) {
            try (InputStream crd = getClass().getResourceAsStream("/META-INF/fabric8/" + ModelRollout.CRD_FILE)) {
                client.apiextensions().v1().customResourceDefinitions()
                        .resource(Serialization.unmarshal(crd, CustomResourceDefinition.class)).create();
            }
        }
        client.resources(ModelRollout.class).inNamespace(NS).delete();
    }

    private Cli.Result cli(String... args) {
        return Cli.run(factory, args);
    }

    @Test
    void dryRunPrintsTheRolloutAndCreatesNothing() {
        Cli.Result r = cli("migrate", "--route", "llama-70b", "--from", "llama-2-70b", "--to", "llama-3-70b",
                "--duration", "10d", "--shadow", "10%", "--dry-run", "-n", NS);
        assertEquals(0, r.exitCode(), r.err());
        ModelRollout printed = Serialization.unmarshal(r.out(), ModelRollout.class);
        assertEquals("llama-3-70b", printed.getSpec().canary().model());
        assertEquals("llama-2-70b", printed.getSpec().stable().upstream());
        // shadow + 3 intermediate stages = 4 holds of 60h over 10 days
        assertEquals(List.of("mirror 10% 60h", "analysis [quality]", "setWeight 50", "analysis", "setWeight 70",
                "analysis", "setWeight 90", "analysis", "setWeight 100"),
                printed.getSpec().steps().stream().map(s -> s.label().trim()).toList());
        assertEquals("60h", printed.getSpec().steps().get(3).analysis().duration());
        assertEquals(List.of("quality", "ttft-p95", "error-rate", "cost"),
                printed.getSpec().gates().stream().map(g -> g.name()).toList());
        assertEquals(3, printed.getSpec().backgroundAnalysis().startingStep());
        assertTrue(client.resources(ModelRollout.class).inNamespace(NS).list().getItems().isEmpty());
    }

    @Test
    void migrateCreatesTheRolloutAndTakesTheStableFromIt() {
        Cli.Result r = cli("migrate", "--route", "llama-70b", "--from", "llama-2-70b", "--to", "llama-3-70b",
                "--from-upstream", "http://proxy-llama2:8080/v1", "--stages", "25,100", "--duration", "2h", "-n", NS);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("modelshift status llama-70b --watch"), r.out());
        ModelRollout created = client.resources(ModelRollout.class).inNamespace(NS).withName("llama-70b").get();
        assertEquals("http://proxy-llama2:8080/v1", created.getSpec().stable().upstream());
        assertEquals("2h", created.getSpec().steps().get(1).analysis().duration());

        // the next migration of the route: no --from, the stable is the model the route serves now
        Cli.Result next = cli("migrate", "--route", "llama-70b", "--to", "llama-3.1-70b", "--duration", "1d", "-n", NS);
        assertEquals(0, next.exitCode(), next.err());
        ModelRollout updated = client.resources(ModelRollout.class).inNamespace(NS).withName("llama-70b").get();
        assertEquals("llama-2-70b", updated.getSpec().stable().model());
        assertEquals("http://proxy-llama2:8080/v1", updated.getSpec().stable().upstream());
        assertEquals("llama-3.1-70b", updated.getSpec().canary().model());
    }

    @Test
    void badInputGetsClearErrors() {
        assertError("'10x' is not a duration", "migrate", "--route", "r", "--from", "a", "--to", "b", "--duration", "10x");
        assertError("--stages must increase", "migrate", "--route", "r", "--from", "a", "--to", "b", "--stages", "70,50,100");
        assertError("--stages must end at 100", "migrate", "--route", "r", "--from", "a", "--to", "b", "--stages", "50,70");
        assertError("is not a route name", "migrate", "--route", "Llama 70B", "--from", "a", "--to", "b");
        assertError("is not a model name", "migrate", "--route", "r", "--from", "a", "--to", "bad model");
        assertError("give --from", "migrate", "--route", "r", "--to", "b", "-n", NS);
        assertError("leaves 2m per stage", "migrate", "--route", "r", "--from", "a", "--to", "b", "--duration", "6m");
        Cli.Result unknown = cli("status", "nope", "-n", NS);
        assertEquals(3, unknown.exitCode());
        assertTrue(unknown.err().contains("no ModelRollout for route 'nope' in namespace modelshift"), unknown.err());
    }

    private void assertError(String expected, String... args) {
        Cli.Result r = cli(args);
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void statusShowsPhaseWeightsAndGateEvidence() {
        ModelRollout r = created();
        ModelRolloutStatus s = status(r, RolloutPhase.Analyzing);
        s.setStep("4/7");
        s.setCurrentStepIndex(3);
        s.setDesiredWeight(50);
        s.setObservedWeight(48.7);
        s.setStepStartedAt("2026-11-27T08:00:00Z");
        s.setLastAnalysis(new AnalysisResult("2026-11-27T08:10:00Z", false, GateVerdict.Inconclusive, List.of(
                new GateResult("ttft-p95", "prometheus", GateVerdict.Pass, 0.61, 0.58, null, 0.638, 900L, "p95 0.61 <= 0.638"),
                new GateResult("quality", "evaluation", GateVerdict.Inconclusive, null, null, null, null, 37L,
                        "37 samples < minSamples 200"))));
        writeStatus(r, s);

        Cli.Result out = cli("status", "llama-70b", "-n", NS);
        assertEquals(0, out.exitCode(), out.err());
        assertTrue(out.out().contains("Analyzing"), out.out());
        assertTrue(out.out().contains("4/7: analysis"), out.out());
        assertTrue(out.out().contains("desired 50%  observed 48.7%"), out.out());
        assertTrue(out.out().contains("37 samples < minSamples 200"), out.out());
        assertTrue(out.out().matches("(?s).*ttft-p95\\s+prometheus\\s+Pass\\s+0.61\\s+0.58\\s+\\[-, 0.638]\\s+900.*"), out.out());

        Cli.Result all = cli("status", "-n", NS);
        assertTrue(all.out().matches("(?s).*llama-70b\\s+llama-70b\\s+llama-2-70b\\s+llama-3-70b\\s+Analyzing\\s+4/7\\s+50%\\s+48.7%.*"),
                all.out());
    }

    @Test
    void statusTimeoutGivesPipelineExitCodes() throws Exception {
        ModelRollout r = created();
        writeStatus(r, status(r, RolloutPhase.Progressing));
        assertEquals(2, cli("status", "llama-70b", "-n", NS, "--timeout", "1s", "--interval", "1s").exitCode());

        // promoted while the command waits
        Thread promoter = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            writeStatus(r, status(r, RolloutPhase.Promoted));
        });
        promoter.start();
        Cli.Result waited = cli("status", "llama-70b", "-n", NS, "--watch", "--timeout", "1m", "--interval", "1s");
        promoter.join();
        assertEquals(0, waited.exitCode(), waited.err());
        assertTrue(waited.out().contains("Promoted"), waited.out());

        ModelRolloutStatus degraded = status(r, RolloutPhase.Paused);
        degraded.setConditions(List.of(new RolloutCondition(RolloutCondition.DEGRADED, "True", "InvalidSpec", "bad", null)));
        writeStatus(r, degraded);
        assertEquals(1, cli("status", "llama-70b", "-n", NS, "--timeout", "1m").exitCode());
        writeStatus(r, status(r, RolloutPhase.Aborted));
        assertEquals(1, cli("status", "llama-70b", "-n", NS, "--timeout", "1m").exitCode());
    }

    @Test
    void actionsAreTheControllersAnnotation() {
        created();
        for (String[] c : new String[][]{{"promote", "promote"}, {"promote --full", "promote-full"}, {"abort", "abort"},
                {"retry", "retry"}, {"pause", "pause"}, {"resume", "resume"}}) {
            List<String> args = new java.util.ArrayList<>(List.of(c[0].split(" ")));
            args.addAll(List.of("llama-70b", "-n", NS));
            Cli.Result r = cli(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(c[1], client.resources(ModelRollout.class).inNamespace(NS).withName("llama-70b").get()
                    .getMetadata().getAnnotations().get(ModelRollout.ACTION_ANNOTATION));
        }
        assertEquals(3, cli("abort", "missing", "-n", NS).exitCode());
    }

    @Test
    void contextFromKubeconfigGivesServerAndNamespace() throws Exception {
        created();
        java.nio.file.Path kubeconfig = java.nio.file.Files.createTempFile("kubeconfig", ".yaml");
        java.nio.file.Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s"}
                users:
                - name: sre
                  user: {token: t}
                contexts:
                - name: other
                  context: {cluster: mock, user: sre, namespace: elsewhere}
                - name: mock-ctx
                  context: {cluster: mock, user: sre, namespace: %s}
                current-context: other
                """.formatted(client.getMasterUrl(), NS));
        // the test server configures every client through kubernetes.* system properties (which win over a
        // kubeconfig); take them away so the context alone decides, as on an SRE's machine
        java.util.Properties saved = (java.util.Properties) System.getProperties().clone();
        saved.stringPropertyNames().stream().filter(k -> k.startsWith("kubernetes.")).forEach(System::clearProperty);
        System.setProperty("kubeconfig", kubeconfig.toString());
        try {
            Cli.Result r = cli("status", "--context", "mock-ctx");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("llama-3-70b"), r.out());
            Cli.Result missing = cli("status", "nope", "--context", "mock-ctx");
            assertTrue(missing.err().contains("in namespace modelshift (" + client.getMasterUrl()), missing.err());
        } finally {
            System.setProperties(saved);
            java.nio.file.Files.delete(kubeconfig);
        }
    }

    private ModelRollout created() {
        assertEquals(0, cli("migrate", "--route", "llama-70b", "--from", "llama-2-70b", "--to", "llama-3-70b",
                "--duration", "1d", "-n", NS).exitCode());
        ModelRollout r = client.resources(ModelRollout.class).inNamespace(NS).withName("llama-70b").get();
        assertNotNull(r);
        assertNull(r.getStatus());
        return r;
    }

    private static ModelRolloutStatus status(ModelRollout r, RolloutPhase phase) {
        ModelRolloutStatus s = new ModelRolloutStatus();
        s.setPhase(phase);
        s.setStable(r.getSpec().stable());
        s.setCanary(r.getSpec().canary());
        return s;
    }

    private void writeStatus(ModelRollout r, ModelRolloutStatus s) {
        ModelRollout current = client.resources(ModelRollout.class).inNamespace(NS).withName("llama-70b").get();
        current.setStatus(s);
        client.resources(ModelRollout.class).inNamespace(NS).resource(current).updateStatus();
    }
}
