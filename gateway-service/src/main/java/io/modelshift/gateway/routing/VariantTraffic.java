package io.modelshift.gateway.routing;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests actually sent per route and variant since start: the "observed weight" the rollout controller compares
 * with the weights it set (fallbacks and pins make the two differ). Shadow copies are not counted.
 */
@Singleton // no client proxy: called on every request
public class VariantTraffic {

    private final Map<String, Map<String, LongAdder>> sent = new ConcurrentHashMap<>();

    public void count(String route, String variant) {
        sent.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(variant, v -> new LongAdder())
                .increment();
    }

    /** Variant name to requests sent on this route; empty when none. */
    public Map<String, Long> observed(String route) {
        Map<String, LongAdder> counts = sent.get(route);
        Map<String, Long> out = new TreeMap<>();
        if (counts != null) {
            counts.forEach((v, n) -> out.put(v, n.sum()));
        }
        return out;
    }

    /** Variant name to its share 0..1 of the route's sent requests; empty when none were sent. */
    public Map<String, Double> observedShare(String route) {
        Map<String, Long> counts = observed(route);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> out = new TreeMap<>();
        if (total > 0) {
            counts.forEach((v, n) -> out.put(v, n / (double) total));
        }
        return out;
    }
}
