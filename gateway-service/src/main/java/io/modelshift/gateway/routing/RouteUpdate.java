package io.modelshift.gateway.routing;

import java.util.Map;

/**
 * A change to one route, as the rollout controller makes it step by step: new weights for some variants and,
 * optionally, new shadow settings. Applied atomically by {@link RouteTable#apply}.
 *
 * @param route   the route to change
 * @param weights variant name to new weight; variants not named keep their weight
 * @param shadow  the new shadow settings, or null to keep the current ones
 * @param reason  why (logged, and kept in the snapshot for status reporting)
 */
public record RouteUpdate(String route, Map<String, Integer> weights, Shadow shadow, String reason) {

    public RouteUpdate {
        weights = weights == null ? Map.of() : Map.copyOf(weights);
    }
}
