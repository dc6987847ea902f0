package io.modelshift.proxy.picking;

import io.modelshift.proxy.ProxyConfig;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.discovery.PodPool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses the pod for one attempt: routable pods not yet tried, minus saturated ones, best score wins. On a first
 * attempt, a pool whose every ready pod is saturated sheds (429); a retry of an admitted request goes to the least
 * bad pod left instead. Saturated means evidence of a full pod or a load unknown for too long, never merely late
 * metrics (see {@link PodScorer}).
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
        for (Pod pod : pods) {
            if (pod.routable() && !tried.contains(pod)) {
                ready.add(pod);
                if (!scorer.saturated(pod, now)) {
                    open.add(pod);
                }
            }
        }
        if (ready.isEmpty()) {
            return new Choice.NoPodReady(pods.size());
        }
        if (open.isEmpty()) {
            if (shed) {
                return new Choice.AllSaturated(ready.size());
            }
            return new Choice.Chosen(scorer.best(ready, now));
        }
        return new Choice.Chosen(scorer.best(open, now));
    }
}
