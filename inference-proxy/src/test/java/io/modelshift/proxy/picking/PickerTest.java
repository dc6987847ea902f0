package io.modelshift.proxy.picking;

import io.modelshift.proxy.discovery.Endpoint;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.forwarding.Outlier;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the picker does with pods whose metrics are fresh, late, unknown, full or not. */
class PickerTest {

    private static final long STALE = 500_000_000L;
    private static final long EXPIRY = 30_000_000_000L;
    private final PodScorer scorer = new PodScorer(2, 2, 1, 5, 0.8, STALE, EXPIRY);

    private static Pod pod(String name, double waiting, double kv, long scrapedAt) {
        Pod pod = new Pod(new Endpoint(name, "10.0.0." + (name.length() + 1), 8000, true),
                new Outlier(2, 1_000_000_000L, 30_000_000_000L));
        pod.metrics(new PodMetrics(waiting, 0, kv, scrapedAt, 0));
        return pod;
    }

    private Choice pick(List<Pod> pods, long now) {
        return Picker.choose(pods, scorer, Set.of(), true, now);
    }

    @Test
    void healthyPodsWithLateMetricsAreStillRouted() {
        long now = System.nanoTime();
        // scrapes 2 s and 20 s late (a busy machine), last seen idle: no evidence of a full pod, so no 429
        Pod a = pod("a", 0, 0.1, now - 2_000_000_000L);
        Pod b = pod("b", 1, 0.2, now - 20_000_000_000L);
        Map<Pod, Integer> picks = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Choice choice = pick(List.of(a, b), now);
            Pod chosen = assertInstanceOf(Choice.Chosen.class, choice).pod();
            assertFalse(((Choice.Chosen) choice).panic());
            picks.merge(chosen, 1, Integer::sum);
            chosen.begin(); // stays open: the proxy's own in-flight count spreads the late pods' load
        }
        assertEquals(2, picks.size(), "both late pods should get traffic: " + picks);
        assertTrue(Math.abs(a.inFlight() - b.inFlight()) <= 20, "in-flight should even out: " + picks);
    }

    @Test
    void genuinelyFullPodsStillShed() {
        long now = System.nanoTime();
        Pod queued = pod("queued", 5, 0.1, now);
        Pod kvFull = pod("kvFull", 0, 0.85, now);
        assertInstanceOf(Choice.AllSaturated.class, pick(List.of(queued, kvFull), now));
        // a late scrape that said full is still the last evidence there is
        Pod lateFull = pod("lateFull", 7, 0.1, now - 3_000_000_000L);
        assertInstanceOf(Choice.AllSaturated.class, pick(List.of(queued, lateFull), now));
        // the retry of an admitted request is not shed: it goes to the least bad pod left
        assertInstanceOf(Choice.Chosen.class, Picker.choose(List.of(queued, lateFull), scorer, Set.of(), false, now));
    }

    @Test
    void loadUnknownForTooLongCountsAsFull() {
        long now = System.nanoTime();
        Pod expired = pod("expired", 0, 0, now - EXPIRY - 1_000_000_000L);
        Pod never = pod("never", 0, 0, 0);
        assertInstanceOf(Choice.AllSaturated.class, pick(List.of(expired, never), now));
        Pod late = pod("late", 0, 0, now - 5_000_000_000L);
        assertSame(late, assertInstanceOf(Choice.Chosen.class, pick(List.of(expired, late, never), now)).pod());
    }

    @Test
    void freshLowLoadPodIsPreferred() {
        long now = System.nanoTime();
        Pod fresh = pod("fresh", 0, 0.1, now);
        Pod late = pod("late", 0, 0.1, now - 2_000_000_000L);
        Pod busy = pod("busy", 3, 0.6, now);
        for (int i = 0; i < 50; i++) {
            assertSame(fresh, assertInstanceOf(Choice.Chosen.class, pick(List.of(late, busy, fresh), now)).pod());
        }
    }

    @Test
    void unroutablePodsAreNeverChosenAnd503WhenNoneIsLeft() {
        long now = System.nanoTime();
        Pod sick = pod("sick", 0, 0, now);
        sick.healthy(false);
        Pod late = pod("late", 0, 0.1, now - 2_000_000_000L);
        assertSame(late, assertInstanceOf(Choice.Chosen.class, pick(List.of(sick, late), now)).pod());
        assertInstanceOf(Choice.NoPodReady.class, pick(List.of(sick), now));
    }

    @Test
    void whenEveryHealthyPodIsEjectedTheyAreUsedAnyway() {
        long now = System.nanoTime();
        Pod ejected = pod("ejected", 0, 0.1, now);
        Pod other = pod("other", 0, 0.1, now);
        ejected.outlier().onFailure(now);
        ejected.outlier().onFailure(now); // two in a row: ejected
        assertTrue(ejected.outlier().ejected());
        assertSame(other, assertInstanceOf(Choice.Chosen.class, pick(List.of(ejected, other), now)).pod(),
                "an ejected pod gets nothing while another is routable");
        // the only pod is ejected but still answers its probe: panic routing rather than 503
        Choice.Chosen panic = assertInstanceOf(Choice.Chosen.class, pick(List.of(ejected), now));
        assertSame(ejected, panic.pod());
        assertTrue(panic.panic(), "a pick among ejected pods is a panic pick (counted)");
        // ... unless its probe fails too, or it was tried already for this request
        assertInstanceOf(Choice.NoPodReady.class, Picker.choose(List.of(ejected), scorer, Set.of(ejected), true, now));
        ejected.healthy(false);
        assertInstanceOf(Choice.NoPodReady.class, pick(List.of(ejected), now));
    }
}
