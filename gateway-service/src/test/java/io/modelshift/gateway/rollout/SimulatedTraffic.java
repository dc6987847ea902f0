package io.modelshift.gateway.rollout;

import io.modelshift.gateway.routing.Route;
import io.modelshift.gateway.routing.RouteTable;
import io.modelshift.gateway.routing.Variant;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Requests "sent" by the gateway: split exactly by the route table's current weights, counted per variant. */
class SimulatedTraffic {

    private final RouteTable table;
    private final Map<String, Map<String, Long>> counts = new ConcurrentHashMap<>();

    SimulatedTraffic(RouteTable table) {
        this.table = table;
    }

    void send(String route, int requests) {
        Route r = table.snapshot().routes().get(route);
        if (r == null) {
            return;
        }
        int total = r.totalWeight();
        Map<String, Long> c = counts.computeIfAbsent(route, k -> new ConcurrentHashMap<>());
        for (Variant v : r.variants()) {
            c.merge(v.name(), (long) requests * v.weight() / total, Long::sum);
        }
    }

    Map<String, Long> observed(String route) {
        return new TreeMap<>(counts.getOrDefault(route, Map.of()));
    }
}
