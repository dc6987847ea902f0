package io.modelshift.gateway.rollout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The observed canary share since the desired split last changed: per rollout, the gateway's request counters are
 * read at the change and subtracted later, so old traffic at the previous weight never counts toward the new one.
 */
public class TrafficWindow {

    private record Baseline(String key, long canary, long total) {
    }

    private final Map<String, Baseline> baselines = new ConcurrentHashMap<>();

    /**
     * @param rollout   the rollout's name
     * @param key       what defines the split (canary, desired weight); a new key restarts the window
     * @param canary    requests the canary has served on the route so far
     * @param total     requests the route has served so far
     */
    public Observation observe(String rollout, String key, long canary, long total) {
        Baseline b = baselines.get(rollout);
        if (b == null || !b.key().equals(key) || total < b.total()) {
            baselines.put(rollout, new Baseline(key, canary, total));
            return Observation.NONE;
        }
        return Observation.of(canary - b.canary(), total - b.total());
    }

    public void forget(String rollout) {
        baselines.remove(rollout);
    }
}
