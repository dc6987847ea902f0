package io.modelshift.proxy.picking;

import io.modelshift.proxy.discovery.Endpoint;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.forwarding.Outlier;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodScorerTest {

    private static final long STALE = 500_000_000L;
    private static final long EXPIRY = 30_000_000_000L;
    private final PodScorer scorer = new PodScorer(2, 2, 1, 5, 0.8, STALE, EXPIRY);

    private static Pod pod(String name, double waiting, double kv, long scrapedAt) {
        Pod pod = new Pod(new Endpoint(name, "10.0.0.1", 8000 + name.hashCode() % 100 + 100, true),
                new Outlier(2, 1_000_000_000L, 30_000_000_000L));
        pod.metrics(new PodMetrics(waiting, 0, kv, scrapedAt, 0));
        return pod;
    }

    @Test
    void shortestQueueWinsThenEmptiestKvCache() {
        long now = System.nanoTime();
        Pod busy = pod("busy", 4, 0.1, now);
        Pod idle = pod("idle", 0, 0.1, now);
        Pod full = pod("full", 0, 0.7, now);
        for (int i = 0; i < 50; i++) {
            assertSame(idle, scorer.best(List.of(busy, idle, full), now));
        }
        assertTrue(idle.lastScore() > full.lastScore() && full.lastScore() > busy.lastScore());
    }

    @Test
    void requestsInFlightSinceTheScrapeCountAsQueue() {
        long now = System.nanoTime();
        Pod a = pod("a", 0, 0, now);
        Pod b = pod("b", 1, 0, now);
        a.begin();
        a.begin(); // two requests sent to a after its scrape, still open: a's queue is now estimated at 2
        assertEquals(2, PodScorer.queue(a));
        assertSame(b, scorer.best(List.of(a, b), now));
        a.end();
        a.end(); // they finished: they no longer count
        assertEquals(0, PodScorer.queue(a));
    }

    @Test
    void tiesAreBrokenAtRandom() {
        long now = System.nanoTime();
        List<Pod> pods = List.of(pod("x", 0, 0, now), pod("y", 0, 0, now), pod("z", 0, 0, now));
        Map<Pod, Integer> picks = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            picks.merge(scorer.best(pods, now), 1, Integer::sum);
        }
        assertEquals(3, picks.size());
        picks.values().forEach(n -> assertTrue(n > 800 && n < 1200, "uneven: " + picks));
    }

    @Test
    void lateMetricsAreNotSaturationButUnknownLoadIs() {
        long now = System.nanoTime();
        Pod late = pod("late", 0, 0, now - 2 * STALE);
        Pod lateFull = pod("lateFull", 6, 0, now - 2 * STALE);
        Pod expired = pod("expired", 0, 0, now - EXPIRY - 1);
        Pod never = pod("never", 0, 0, 0);
        Pod loaded = pod("loaded", 3, 0.5, now);
        assertTrue(scorer.late(late, now));
        assertFalse(scorer.saturated(late, now), "late metrics are no evidence of a full pod");
        assertTrue(scorer.saturated(lateFull, now), "its last scrape said full");
        assertTrue(scorer.saturated(expired, now));
        assertTrue(scorer.saturated(never, now));
        assertFalse(scorer.saturated(loaded, now));
        assertSame(loaded, scorer.best(List.of(expired, loaded, never), now), "unknown load ranks last");
    }

    @Test
    void latePodLosesItsQueueAdvantageToAFreshOne() {
        long now = System.nanoTime();
        Pod fresh = pod("fresh", 0, 0.2, now);
        Pod late = pod("late", 0, 0.2, now - 2 * STALE);
        for (int i = 0; i < 50; i++) {
            assertSame(fresh, scorer.best(List.of(late, fresh), now));
        }
        assertTrue(fresh.lastScore() > late.lastScore());
    }

    @Test
    void latePodIsRankedOnTheProxysOwnCounts() {
        long now = System.nanoTime();
        Pod fresh = pod("fresh", 0, 0.7, now);
        for (int i = 0; i < 10; i++) {
            fresh.begin(); // ten streams sent since its scrape and still open
        }
        Pod late = pod("late", 0, 0.1, now - 2 * STALE); // nothing open there, cache nearly empty when last seen
        assertSame(late, scorer.best(List.of(fresh, late), now));
        for (int i = 0; i < 20; i++) {
            late.begin();
        }
        assertSame(fresh, scorer.best(List.of(fresh, late), now), "twice the streams in flight on the late pod");
    }

    @Test
    void saturationThresholds() {
        long now = System.nanoTime();
        assertTrue(scorer.saturated(pod("q", 5, 0, now), now));
        assertTrue(scorer.saturated(pod("kv", 0, 0.8, now), now));
        assertFalse(scorer.saturated(pod("ok", 4, 0.79, now), now));
        assertFalse(scorer.saturated(pod("nokv", 0, Double.NaN, now), now), "no KV series is not full");
    }
}
