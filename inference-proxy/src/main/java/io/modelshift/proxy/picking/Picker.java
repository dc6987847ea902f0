package io.modelshift.proxy.picking;

import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.discovery.PodPool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Chooses the pod for one attempt: routable pods not yet tried, minus saturated ones, best score wins. On a first
 * attempt, a pool whose every ready pod is saturated sheds (429); a retry of an admitted request goes to the least
 * bad pod left instead. Saturated means evidence of a full pod or a load unknown for too long, never merely late
 * metrics (see {@link PodScorer}). When every pod that passes its health probe is ejected, those pods are used
 * anyway (panic routing) rather than none.
 */
@ApplicationScoped
public class Picker {

    private final PodPool pool;
    private final PodScorer scorer;

    public Picker(PodPool pool, ProxyConfig config) {
        this.pool = pool;
        this.scorer = new PodScorer(config.picking());
    }

    public PodScorer scorer() {
        return scorer;
    }

    /**
     * @param tried pods already tried for this request (excluded)
     * @param shed  whether a saturated pool sheds (first attempt of a generation request) or is used anyway
     */
    public Choice pick(Set<Pod> tried, boolean shed) {
        return choose(pool.pods(), scorer, tried, shed, System.nanoTime());
    }

    static Choice choose(List<Pod> pods, PodScorer scorer, Set<Pod> tried, boolean shed, long now) {
        List<Pod> ready = new ArrayList<>(pods.size());
        List<Pod> open = new ArrayList<>(pods.size());
        sort(pods, Pod::routable, scorer, tried, now, ready, open);
        boolean panic = ready.isEmpty();
        if (panic) {
            // Panic, as Envoy does below its panic threshold: every pod that passes its health probe is ejected.
            // Ejection moves traffic to better pods and there are none; refusing everything would turn a burst of
            // slow connects into a 503 for every request of the back-off.
            sort(pods, Pod::probeReady, scorer, tried, now, ready, open);
        }
        if (ready.isEmpty()) {
            return new Choice.NoPodReady(pods.size());
        }
        if (open.isEmpty()) {
            if (shed) {
                return new Choice.AllSaturated(ready.size());
            }
            return new Choice.Chosen(scorer.best(ready, now), panic);
        }
        return new Choice.Chosen(scorer.best(open, now), panic);
    }

    /** Pods not tried yet that pass {@code usable} go to {@code ready}, and those not saturated to {@code open}. */
    private static void sort(List<Pod> pods, Predicate<Pod> usable, PodScorer scorer, Set<Pod> tried, long now,
                             List<Pod> ready, List<Pod> open) {
        for (Pod pod : pods) {
            if (usable.test(pod) && !tried.contains(pod)) {
                ready.add(pod);
                if (!scorer.saturated(pod, now)) {
                    open.add(pod);
                }
            }
        }
    }
}
