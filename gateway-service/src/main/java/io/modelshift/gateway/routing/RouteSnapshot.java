package io.modelshift.gateway.routing;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of all routes at one version. Readers take one snapshot per request, so a concurrent update
 * never shows them half a change.
 *
 * @param version increases by one with every change
 * @param source  what produced this version (file path, rollout step)
 */
public record RouteSnapshot(long version, String source, Map<String, Route> routes, Map<String, Route> routeOfVariant) {

    public static final RouteSnapshot EMPTY = of(0, "empty", List.of());

    public static RouteSnapshot of(long version, String source, Collection<Route> routes) {
        Map<String, Route> byName = new LinkedHashMap<>();
        Map<String, Route> byVariant = new HashMap<>();
        for (Route r : routes) {
            if (byName.put(r.name(), r) != null) {
                throw new IllegalArgumentException("route '" + r.name() + "' is defined twice");
            }
        }
        for (Route r : routes) {
            for (Variant v : r.variants()) {
                if (byName.containsKey(v.name()) && !v.name().equals(r.name())) {
                    throw new IllegalArgumentException("variant '" + v.name() + "' has the name of a route");
                }
                Route other = byVariant.put(v.name(), r);
                if (other != null) {
                    throw new IllegalArgumentException("variant '" + v.name() + "' appears in routes '"
                            + other.name() + "' and '" + r.name() + "'; variant names must be unique");
                }
            }
        }
        return new RouteSnapshot(version, source, Map.copyOf(byName), Map.copyOf(byVariant));
    }

    /** Finds what a client's {@code model} names: a route, or one variant of a route; null when neither. */
    public Target resolve(String model) {
        Route route = routes.get(model);
        if (route != null) {
            return new Target(route, null);
        }
        Route owner = routeOfVariant.get(model);
        return owner == null ? null : new Target(owner, owner.variant(model));
    }

    /** @param pinned the variant the client named directly, or null when it named the route */
    public record Target(Route route, Variant pinned) {
    }
}
