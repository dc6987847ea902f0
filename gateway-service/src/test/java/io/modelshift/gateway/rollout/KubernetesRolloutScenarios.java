package io.modelshift.gateway.rollout;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutSpec;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutAction;
import io.modelshift.api.rollout.RolloutPhase;
import io.modelshift.api.rollout.RolloutStep;
import io.modelshift.api.rollout.Transition;
import io.modelshift.api.rollout.Variant;
import io.modelshift.gateway.routing.AtomicRouteTable;
import io.modelshift.gateway.routing.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The controller against a Kubernetes API (the mock server in CRUD mode, with the generated CRD created first).
 * Rollout time comes from a fake clock; the only real waiting is for the informers to see a write (milliseconds).
 */
abstract class KubernetesRolloutScenarios {

    static final String NS = "rollouts";
    static final String NAME = "llama-70b";

    abstract KubernetesClient client();

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final ScriptedProbe prometheus = new ScriptedProbe();
    final List<AutoCloseable> closing = new ArrayList<>();

    /** One gateway replica: its own informer, route table, traffic counters and leadership. */
    final class Replica {
        final AtomicBoolean leads = new AtomicBoolean();
        final AtomicRouteTable table = new AtomicRouteTable();
        final SimulatedTraffic traffic = new SimulatedTraffic(table);
        final KubernetesRolloutStore store;
        final DyingStore dying;
        final RolloutLoop loop;

        Replica(String id, KubernetesClient client, BooleanSupplier leadership) {
            store = new KubernetesRolloutStore(client, NS, leadership == null ? leads::get : leadership, id).start();
            closing.add(store);
            dying = new DyingStore(store);
            RouteWeights weights = new RouteWeights(table);
            loop = new RolloutLoop(dying, new RolloutEngine(new Gates(Map.of("prometheus", prometheus)),
                    RolloutEngine.Settings.DEFAULTS, weights::knows), weights, traffic::observed,
                    new RolloutMetrics(new SimpleMeterRegistry()), clock);
        }

        /** One second: traffic through this replica, a tick, and the informer catching up with the write. */
        void second() {
            traffic.send(NAME, 100);
            loop.tick();
            settle(store);
        }

        Route route() {
            return table.snapshot().routes().get(NAME);
        }
    }

    @BeforeEach
    void createCrdAndCleanUp() throws Exception {
        try (InputStream in = ModelRollout.class.getResourceAsStream("/META-INF/fabric8/" + ModelRollout.CRD_FILE)) {
            CustomResourceDefinition crd = client().apiextensions().v1().customResourceDefinitions().load(in).item();
            client().apiextensions().v1().customResourceDefinitions().resource(crd).createOr(NonDeletingOperation::update);
        }
        client().resources(ModelRollout.class).inNamespace(NS).delete();
        prometheus.answer("latency", new Measurement(0.5, 0.5, null, null, null));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    static ModelRolloutSpec spec(List<RolloutStep> steps) {
        return new ModelRolloutSpec(NAME, RolloutHarness.STABLE, RolloutHarness.CANARY, null, steps, List.of(), null,
                "1m", null, "30m");
    }

    ModelRollout create(ModelRolloutSpec spec) {
        ModelRollout mro = new ModelRollout(NAME, spec);
        mro.getMetadata().setNamespace(NS);
        return client().resources(ModelRollout.class).inNamespace(NS).resource(mro).create();
    }

    ModelRollout server() {
        return client().resources(ModelRollout.class).inNamespace(NS).withName(NAME).get();
    }

    ModelRolloutStatus status() {
        return server().getStatus();
    }

    /** Waits (milliseconds, unless the machine is crowded) until the informer has what the API server has. */
    void settle(KubernetesRolloutStore store) {
        long end = System.nanoTime() + 10_000_000_000L;
        String server = null;
        String cached = null;
        while (System.nanoTime() < end) {
            ModelRollout s = server();
            ModelRollout c = store.get(NAME);
            server = s == null ? null : s.getMetadata().getResourceVersion();
            cached = c == null ? null : c.getMetadata().getResourceVersion();
            if (java.util.Objects.equals(server, cached)) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // not a spin: the informer needs the core
        }
        throw new AssertionError("the informer did not catch up in 10 s: server at " + server + ", cache at " + cached);
    }

    /** One second on two replicas that both think they may act (or not): traffic, ticks, informers caught up. */
    void bothTick(Replica a, Replica b) {
        a.traffic.send(NAME, 100);
        b.traffic.send(NAME, 100);
        a.loop.tick();
        b.loop.tick();
        settle(a.store);
        settle(b.store);
    }

    void run(Replica r, Duration d) {
        for (long s = 0; s < d.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            r.second();
        }
    }

    @Test
    void aFullRolloutWritesStatusConditionsAndEvents() {
        Replica a = new Replica("gw-a", client(), null);
        a.leads.set(true);
        create(spec(List.of(RolloutStep.weight(50), RolloutStep.pauseFor("5m"), RolloutStep.weight(100))));
        settle(a.store);
        a.second();
        assertEquals(RolloutPhase.Progressing, status().getPhase());
        assertEquals(50, a.route().variant("llama-3-70b").weight());
        run(a, Duration.ofMinutes(6));
        ModelRolloutStatus st = status();
        assertEquals(RolloutPhase.Promoted, st.getPhase(), st.getMessage());
        assertEquals("True", st.condition("Completed").status(), "kubectl wait --for=condition=Completed returns");
        assertEquals(100, a.route().variant("llama-3-70b").weight());
        List<Event> events = client().v1().events().inNamespace(NS).list().getItems();
        assertTrue(events.stream().anyMatch(e -> e.getReason().equals("StepStarted")
                && e.getInvolvedObject().getName().equals(NAME) && e.getInvolvedObject().getKind().equals("ModelRollout")));
        assertTrue(events.stream().anyMatch(e -> e.getReason().equals("AllStepsDone")));
    }

    @Test
    void annotationActionsAreConsumedAndApplied() {
        Replica a = new Replica("gw-a", client(), null);
        a.leads.set(true);
        create(spec(List.of(RolloutStep.weight(20), RolloutStep.pauseUntilPromoted(), RolloutStep.weight(60),
                RolloutStep.pauseUntilPromoted(), RolloutStep.weight(100))));
        settle(a.store);
        run(a, Duration.ofSeconds(3));
        assertEquals(RolloutPhase.Paused, status().getPhase());

        a.store.requestAction(NAME, RolloutAction.PROMOTE); // kubectl annotate mro llama-70b modelshift.io/action=promote
        settle(a.store);
        a.second();
        assertNull(server().getMetadata().getAnnotations().get(ModelRollout.ACTION_ANNOTATION), "consumed");
        assertEquals("promote", status().getLastAction().action());
        assertEquals(60, status().getDesiredWeight());

        for (String action : List.of("pause", "resume", "abort", "retry", "promote-full")) {
            client().resources(ModelRollout.class).inNamespace(NS).withName(NAME)
                    .edit(r -> { r.getMetadata().getAnnotations().put(ModelRollout.ACTION_ANNOTATION, action); return r; });
            settle(a.store);
            a.second();
            assertEquals(action, status().getLastAction().action());
            assertFalse(status().getLastAction().result().startsWith("refused"), action + ": " + status().getLastAction().result());
        }
        assertEquals(RolloutPhase.Promoted, status().getPhase());

        client().resources(ModelRollout.class).inNamespace(NS).withName(NAME)
                .edit(r -> { r.getMetadata().getAnnotations().put(ModelRollout.ACTION_ANNOTATION, "rollback"); return r; });
        settle(a.store);
        a.second();
        assertTrue(status().getLastAction().result().startsWith("refused: unknown action 'rollback'"), status().getLastAction().result());
    }

    String actionAnnotation() {
        Map<String, String> annotations = server().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ModelRollout.ACTION_ANNOTATION);
    }

    /**
     * A promote requested at a pause, the leader dying right after one write of the action protocol, and another
     * replica taking over: the promote applies exactly once (one step, never two, never none).
     */
    void promoteAppliesOnceThoughTheLeaderDiesAfter(DyingStore.After point) {
        Replica a = new Replica("gw-a", client(), null);
        Replica b = new Replica("gw-b", client(), null);
        a.leads.set(true);
        create(spec(List.of(RolloutStep.weight(20), RolloutStep.pauseUntilPromoted(), RolloutStep.weight(40),
                RolloutStep.pauseUntilPromoted(), RolloutStep.weight(60), RolloutStep.pauseUntilPromoted(),
                RolloutStep.weight(100))));
        settle(a.store);
        run(a, Duration.ofSeconds(3));
        assertEquals("2/7", status().getStep());

        a.store.requestAction(NAME, RolloutAction.PROMOTE);
        settle(a.store);
        a.dying.dieAfter = point;
        clock.advance(Duration.ofSeconds(1));
        a.second(); // the leader dies in the middle of the protocol
        assertNull(a.dying.dieAfter, "the leader died after " + point);
        String stamped = actionAnnotation();
        switch (point) {
            case STAMP -> {
                assertTrue(stamped.matches("promote;id=[0-9a-f-]{36}"), stamped);
                assertEquals("2/7", status().getStep(), "stamped, not applied yet");
            }
            case STATUS -> {
                assertTrue(stamped.startsWith("promote;id="), stamped);
                assertEquals(stamped.substring("promote;id=".length()), status().getLastAction().id());
                assertEquals(40, status().getDesiredWeight(), "applied, the request not yet removed");
            }
            case CLEAR -> {
                assertNull(stamped);
                assertEquals(40, status().getDesiredWeight());
            }
        }

        a.leads.set(false); // the lease passes to b
        b.leads.set(true);
        settle(b.store);
        run(b, Duration.ofSeconds(5));
        ModelRolloutStatus st = status();
        assertEquals("4/7", st.getStep(), st.getMessage());
        assertEquals(40, st.getDesiredWeight(), "promoted exactly once");
        assertEquals(RolloutPhase.Paused, st.getPhase());
        assertNull(actionAnnotation(), "the request is gone");
        assertEquals(1, st.getHistory().stream().filter(t -> t.reason().equals("ManualPromote")).count(), st.getHistory().toString());
        assertEquals("promote", st.getLastAction().action());
        if (stamped != null) {
            assertEquals(stamped.substring("promote;id=".length()), st.getLastAction().id());
        }
    }

    @Test
    void anActionStampedByALeaderThatDiedIsAppliedByTheNext() {
        promoteAppliesOnceThoughTheLeaderDiesAfter(DyingStore.After.STAMP);
    }

    @Test
    void anActionAppliedByALeaderThatDiedBeforeRemovingItIsOnlyRemoved() {
        promoteAppliesOnceThoughTheLeaderDiesAfter(DyingStore.After.STATUS);
    }

    @Test
    void anActionRemovedByALeaderThatThenDiedIsNotRepeated() {
        promoteAppliesOnceThoughTheLeaderDiesAfter(DyingStore.After.CLEAR);
    }

    @Test
    void twoLeadersAtOnceStampAndApplyAnActionOnce() {
        Replica a = new Replica("gw-a", client(), null);
        Replica b = new Replica("gw-b", client(), null);
        a.leads.set(true);
        create(spec(List.of(RolloutStep.weight(20), RolloutStep.pauseUntilPromoted(), RolloutStep.weight(40),
                RolloutStep.pauseUntilPromoted(), RolloutStep.weight(100))));
        settle(a.store);
        run(a, Duration.ofSeconds(3));
        a.store.requestAction(NAME, RolloutAction.PROMOTE);
        settle(a.store);
        settle(b.store);
        b.leads.set(true); // a lease-expiry race: both act on the same cached view
        for (int s = 0; s < 6; s++) {
            clock.advance(Duration.ofSeconds(1));
            bothTick(a, b);
        }
        ModelRolloutStatus st = status();
        assertEquals(40, st.getDesiredWeight(), st.getHistory().toString());
        assertEquals(1, st.getHistory().stream().filter(t -> t.reason().equals("ManualPromote")).count());
        assertNull(actionAnnotation());
    }

    @Test
    void aHelmUpgradeStyleReplacementKeepsTheStatus() {
        Replica a = new Replica("gw-a", client(), null);
        a.leads.set(true);
        ModelRolloutSpec spec = spec(List.of(RolloutStep.weight(50), RolloutStep.pauseFor("1h"), RolloutStep.weight(100)));
        create(spec);
        settle(a.store);
        run(a, Duration.ofSeconds(5));
        assertEquals("2/3", status().getStep());

        // helm upgrade re-applies the whole object: no status, no resourceVersion, a label added
        ModelRollout fromChart = new ModelRollout(NAME, spec(spec.steps()));
        fromChart.getMetadata().setNamespace(NS);
        fromChart.getMetadata().setLabels(Map.of("app.kubernetes.io/managed-by", "Helm"));
        client().resources(ModelRollout.class).inNamespace(NS).resource(fromChart).update();
        settle(a.store);
        assertNotNull(status(), "the status subresource survives a replace of the object");
        run(a, Duration.ofSeconds(5));
        assertEquals("2/3", status().getStep());
        assertEquals(50, status().getDesiredWeight());
        assertFalse(status().getHistory().stream().anyMatch(t -> t.reason().equals("NewRollout") || t.reason().equals("StepsChanged")));
    }

    @Test
    void leaderFailoverDoesNotStepTwice() {
        Replica a = new Replica("gw-a", client(), null);
        Replica b = new Replica("gw-b", client(), null);
        a.leads.set(true);
        create(spec(List.of(RolloutStep.weight(10), RolloutStep.pauseFor("20s"), RolloutStep.weight(30),
                RolloutStep.pauseFor("20s"), RolloutStep.weight(60), RolloutStep.pauseFor("20s"), RolloutStep.weight(100))));
        settle(a.store);
        settle(b.store);
        for (int s = 0; s < 200 && (status() == null || status().getPhase() != RolloutPhase.Promoted); s++) {
            clock.advance(Duration.ofSeconds(1));
            if (s == 15 || s == 40) { // hand over: the old leader still ticks once with its cache
                a.leads.set(!a.leads.get());
                b.leads.set(!b.leads.get());
            }
            if (s == 60) { // both think they lead for a moment (lease expiry race): optimistic locking must hold
                a.leads.set(true);
                b.leads.set(true);
            }
            bothTick(a, b);
        }
        ModelRolloutStatus st = status();
        assertEquals(RolloutPhase.Promoted, st.getPhase(), st.getMessage());
        List<Integer> started = st.getHistory().stream().filter(t -> t.reason().equals("StepStarted")).map(Transition::step).toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), started, "each step started exactly once: " + started);
        assertEquals(100, a.route().variant("llama-3-70b").weight());
        assertEquals(100, b.route().variant("llama-3-70b").weight(), "the follower applied the weights too");
    }

    @Test
    void aStaleStatusWriteIsRefused() {
        Replica a = new Replica("gw-a", client(), null);
        create(spec(List.of(RolloutStep.weight(10))));
        settle(a.store);
        ModelRollout stale = a.store.get(NAME);
        ModelRolloutStatus first = new ModelRolloutStatus();
        first.setPhase(RolloutPhase.Progressing);
        assertTrue(a.store.writeStatus(a.store.get(NAME), first));
        ModelRolloutStatus second = new ModelRolloutStatus();
        second.setPhase(RolloutPhase.Aborted);
        assertFalse(a.store.writeStatus(stale, second), "a writer with an old resourceVersion gets a conflict");
        assertEquals(RolloutPhase.Progressing, status().getPhase());
    }

    @Test
    void withTheApiServerUnreachableTheGatewayKeepsTheLastWeights() {
        KubernetesClient own = new KubernetesClientBuilder().withConfig(client().getConfiguration()).build();
        Replica a = new Replica("gw-a", own, null);
        a.leads.set(true);
        create(spec(List.of(RolloutStep.weight(40), RolloutStep.pauseFor("1h"), RolloutStep.weight(100))));
        settle(a.store);
        run(a, Duration.ofSeconds(3));
        assertEquals(40, a.route().variant("llama-3-70b").weight());

        own.close(); // this replica loses the API server
        for (int s = 0; s < 30; s++) {
            clock.advance(Duration.ofMinutes(5));
            a.traffic.send(NAME, 100);
            a.loop.tick();
        }
        assertEquals(40, a.route().variant("llama-3-70b").weight(), "still routing with the last weights");
        assertEquals(60, a.route().variant("llama-2-70b").weight());
        assertEquals("2/3", status().getStep(), "nothing was decided without the API server");
    }

    @Test
    void invalidResourcesAreReportedInStatus() {
        Replica a = new Replica("gw-a", client(), null);
        a.leads.set(true);
        create(new ModelRolloutSpec(NAME, RolloutHarness.STABLE, new Variant("llama-3-70b", "llama-3-pool"), null,
                List.of(RolloutStep.weight(150)), List.of(), null, null, null, null));
        settle(a.store);
        a.second();
        ModelRolloutStatus st = status();
        assertEquals(RolloutPhase.Pending, st.getPhase());
        assertTrue(st.getMessage().contains("'llama-3-pool' is neither an http(s) URL nor a variant the gateway knows (unknown variant)"), st.getMessage());
        assertTrue(st.getMessage().contains("setWeight 150 is out of range 0..100"), st.getMessage());
        assertEquals("InvalidSpec", st.condition("Degraded").reason());
        assertNull(a.route(), "nothing routed for an invalid rollout");
        assertTrue(client().v1().events().inNamespace(NS).list().getItems().stream()
                .anyMatch(e -> e.getReason().equals("InvalidSpec") && e.getType().equals("Warning")));
    }

    @Test
    void oneOfTwoReplicasLeadsThroughTheLeaseAndTheOtherTakesOver() throws Exception {
        // a long lease: a stalled renewal must not hand over leadership during the test; that the second replica
        // takes over within 8 s then proves the first released the lease rather than letting it run out
        LeaseLeadership one = new LeaseLeadership(client(), NS, "rollout-test-lease", "gw-1",
                Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofMillis(200));
        LeaseLeadership two = new LeaseLeadership(client(), NS, "rollout-test-lease", "gw-2",
                Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofMillis(200));
        closing.add(two);
        one.start();
        awaitTrue(one, 5);
        two.start();
        Thread.sleep(600);
        assertFalse(two.getAsBoolean(), "only one leader");
        one.close(); // releases the lease
        awaitTrue(two, 8);
        assertEquals("gw-2", client().leases().inNamespace(NS).withName("rollout-test-lease").get().getSpec().getHolderIdentity());
    }

    private static void awaitTrue(BooleanSupplier s, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!s.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no leadership within " + seconds + "s");
            }
            Thread.sleep(50);
        }
    }
}
