package io.modelshift.gateway.rollout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutAction;
import io.modelshift.api.rollout.RolloutPhase;
import io.modelshift.gateway.routing.AtomicRouteTable;
import io.modelshift.gateway.routing.Route;
import io.modelshift.gateway.routing.Stickiness;
import io.modelshift.gateway.routing.Variant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The controller loop over the YAML-folder store and a real route table: the local run without Kubernetes. */
class FileStoreLoopTest {

    static final String ROLLOUT = """
            apiVersion: modelshift.io/v1alpha1
            kind: ModelRollout
            metadata:
              name: llama-70b
            spec:
              route: llama-70b
              stable: {model: llama-2-70b, upstream: "http://127.0.0.1:9001/v1"}
              canary: {model: llama-3-70b, upstream: "http://127.0.0.1:9002/v1"}
              stickiness: {key: "header:x-session-id"}
              analysisInterval: 1m
              gates:
                - name: latency
                  prometheus: {query: "p95{model='{{model}}'}", maxIncrease: 0.2}
              backgroundAnalysis: {gates: [latency]}
              steps:
                - mirror: {percent: 10, duration: 10m}
                - setWeight: 50
                - pause: {duration: 10m}
                - setWeight: 100
            """;

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final AtomicRouteTable table = new AtomicRouteTable();
    final SimulatedTraffic traffic = new SimulatedTraffic(table);
    final ScriptedProbe prometheus = new ScriptedProbe();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    FileRolloutStore store;
    RolloutLoop loop;

    @BeforeEach
    void setUp() {
        table.replaceAll(List.of(new Route("llama-70b", List.of(new Variant("llama-2-70b", "http://127.0.0.1:9001/v1",
                "llama-2-70b", 100)), null, Stickiness.NONE, "salt-1", null)), "routes.yaml");
        store = new FileRolloutStore(dir);
        loop = loopOver(store);
        prometheus.answer("latency", new Measurement(0.5, 0.5, null, null, null));
    }

    /** A gateway process's controller over a store, sharing this test's route table, traffic and clock. */
    RolloutLoop loopOver(RolloutStore s) {
        RouteWeights weights = new RouteWeights(table);
        RolloutEngine engine = new RolloutEngine(new Gates(Map.of("prometheus", prometheus)),
                RolloutEngine.Settings.DEFAULTS, weights::knows);
        return new RolloutLoop(s, engine, weights, traffic::observed, new RolloutMetrics(registry), clock);
    }

    /** One second of gateway traffic, then a controller tick. */
    void second() {
        traffic.send("llama-70b", 100);
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
    }

    void run(Duration d) {
        for (long s = 0; s < d.toSeconds(); s++) {
            second();
        }
    }

    ModelRolloutStatus status() {
        return store.get("llama-70b").getStatus();
    }

    Route route() {
        return table.snapshot().routes().get("llama-70b");
    }

    @Test
    void aRolloutFromAYamlFileDrivesTheRouteTableToPromoted() throws Exception {
        Files.writeString(dir.resolve("llama-70b.yaml"), ROLLOUT);
        second();
        assertEquals(RolloutPhase.Progressing, status().getPhase());
        assertEquals(0.10, route().shadow().fraction(), 1e-9);
        assertEquals("llama-3-70b", route().shadow().target());
        assertEquals("salt-1", route().salt(), "the route's salt survives, so users keep their buckets");
        assertEquals("header:x-session-id", route().stickiness().toString());
        assertTrue(Files.exists(dir.resolve(".status/llama-70b.yaml")));
        assertEquals(ROLLOUT, Files.readString(dir.resolve("llama-70b.yaml")), "the user's file is never rewritten");

        run(Duration.ofMinutes(10).plusSeconds(5));
        assertEquals(50, status().getDesiredWeight());
        assertEquals(50, route().variant("llama-3-70b").weight());
        assertEquals(50, route().variant("llama-2-70b").weight());
        assertEquals(0.0, route().shadow().fraction());

        run(Duration.ofMinutes(10).plusSeconds(10));
        assertEquals(RolloutPhase.Promoted, status().getPhase());
        assertEquals(100, route().variant("llama-3-70b").weight());
        assertEquals(0, route().variant("llama-2-70b").weight());
        assertEquals(100.0, status().getObservedWeight(), 0.5);
        assertEquals(1.0, registry.get("modelshift.rollout.phase").tag("phase", "Promoted").gauge().value());
        assertEquals(100.0, registry.get("modelshift.rollout.desired.weight").gauge().value());
        assertEquals(0.6, registry.get("modelshift.rollout.gate.upper.bound").tag("gate", "latency").gauge().value(), 1e-9);
        assertTrue(registry.get("modelshift.rollout.transitions").tag("reason", "StepStarted").counter().count() >= 4);
    }

    @Test
    void anAnalysisAfterAMirrorKeepsTheRoutesShadowOnUntilTheVerdict() throws Exception {
        Files.writeString(dir.resolve("llama-70b.yaml"), ROLLOUT.replace("""
                    - mirror: {percent: 10, duration: 10m}
                """, """
                    - mirror: {percent: 50, duration: 8s}
                    - analysis: {gates: [latency]}
                """));
        prometheus.answer("latency", new Measurement(null, null, null, null, "no samples yet")); // Inconclusive
        run(Duration.ofSeconds(30));
        assertEquals("2/5", status().getStep());
        assertEquals(RolloutPhase.Analyzing, status().getPhase());
        assertEquals(0.5, route().shadow().fraction(), 1e-9, "the candidate keeps getting the mirror's copies");
        assertEquals("llama-3-70b", route().shadow().target());

        prometheus.answer("latency", new Measurement(0.5, 0.5, null, null, null));
        run(Duration.ofMinutes(1).plusSeconds(5));
        assertEquals(50, status().getDesiredWeight());
        assertEquals(0.0, route().shadow().fraction(), "setWeight ends the mirror");
    }

    @Test
    void adminStyleActionsAndARouteFileReloadAreHandled() throws Exception {
        Files.writeString(dir.resolve("llama-70b.yaml"), ROLLOUT);
        second();
        store.requestAction("llama-70b", RolloutAction.PROMOTE);
        second();
        assertEquals(50, status().getDesiredWeight());
        assertEquals("promote", status().getLastAction().action());

        // the route file is reloaded and knows nothing of the canary: the next tick puts the rollout's split back
        table.replaceAll(List.of(new Route("llama-70b", List.of(new Variant("llama-2-70b", "http://127.0.0.1:9001/v1",
                "llama-2-70b", 100)), null, Stickiness.NONE, "salt-1", null)), "routes.yaml");
        second();
        assertEquals(50, route().variant("llama-3-70b").weight());

        store.requestAction("llama-70b", RolloutAction.ABORT);
        second();
        assertEquals(RolloutPhase.Aborted, status().getPhase());
        assertEquals(0, route().variant("llama-3-70b").weight());
        assertEquals(100, route().variant("llama-2-70b").weight());
    }

    @Test
    void anAdminActionAppliesOnceAcrossAGatewayThatDiesAtAnyPointOfTheProtocol() throws Exception {
        String humanGates = ROLLOUT.substring(0, ROLLOUT.indexOf("  steps:")) + """
                  steps:
                    - setWeight: 20
                    - pause: {}
                    - setWeight: 40
                    - pause: {}
                    - setWeight: 100
                """;
        for (DyingStore.After point : DyingStore.After.values()) {
            Path folder = Files.createDirectories(dir.resolve(point.name().toLowerCase(java.util.Locale.ROOT)));
            Files.writeString(folder.resolve("llama-70b.yaml"), humanGates);
            DyingStore dying = new DyingStore(new FileRolloutStore(folder));
            loop = loopOver(dying);
            run(Duration.ofSeconds(3));
            assertEquals("2/5", dying.get("llama-70b").getStatus().getStep(), point.name());

            dying.requestAction("llama-70b", RolloutAction.PROMOTE); // POST /admin/rollouts/llama-70b/actions/promote
            dying.dieAfter = point;
            second(); // the gateway dies in the middle of the protocol
            assertEquals(null, dying.dieAfter, point.name());
            String pending = Files.exists(folder.resolve(".status/llama-70b.action"))
                    ? Files.readString(folder.resolve(".status/llama-70b.action")) : null;
            assertEquals(point == DyingStore.After.CLEAR, pending == null, point + ": " + pending);

            FileRolloutStore restarted = new FileRolloutStore(folder); // a new process on the same folder
            loop = loopOver(restarted);
            run(Duration.ofSeconds(5));
            ModelRolloutStatus st = restarted.get("llama-70b").getStatus();
            assertEquals("4/5", st.getStep(), point + ": " + st.getMessage());
            assertEquals(40, st.getDesiredWeight(), point + ": promoted exactly once");
            assertEquals(1, st.getHistory().stream().filter(t -> t.reason().equals("ManualPromote")).count(), point.name());
            assertFalse(Files.exists(folder.resolve(".status/llama-70b.action")), point + ": the request is gone");
            if (pending != null) {
                assertEquals(pending.substring("promote;id=".length()), st.getLastAction().id(), point.name());
            }
        }
    }

    @Test
    void replacingTheFileWithTheSameStepsKeepsTheStatusAndAChangedCanaryRestarts() throws Exception {
        Files.writeString(dir.resolve("llama-70b.yaml"), ROLLOUT);
        run(Duration.ofMinutes(10).plusSeconds(5));
        assertEquals("3/4", status().getStep());
        Files.writeString(dir.resolve("llama-70b.yaml"), ROLLOUT.replace("analysisInterval: 1m", "analysisInterval: 2m"));
        second();
        assertEquals("3/4", status().getStep());

        Files.writeString(dir.resolve("llama-70b.yaml"), ROLLOUT.replace("llama-3-70b", "llama-3.1-70b"));
        second();
        assertEquals("1/4", status().getStep());
        assertEquals("NewRollout", status().getHistory().get(status().getHistory().size() - 2).reason());
        assertEquals(0, route().variant("llama-3.1-70b").weight());
    }

    @Test
    void unreadableFilesAreReportedAndOthersKeepRunning() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "spec: [this is: not, a rollout");
        Files.writeString(dir.resolve("llama-70b.yaml"), ROLLOUT);
        second();
        assertNotNull(status());
        assertTrue(store.fileErrors().get("broken.yaml").startsWith("cannot read"), store.fileErrors().toString());
        Files.writeString(dir.resolve("llama-70b.yaml"), ROLLOUT.replace("setWeight: 50", "setWeight: 150"));
        second();
        assertTrue(status().getMessage().contains("spec.steps[1].setWeight 150 is out of range 0..100"), status().getMessage());
        assertFalse(status().getPhase().terminal());
    }
}
