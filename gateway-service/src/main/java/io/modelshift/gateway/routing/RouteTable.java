package io.modelshift.gateway.routing;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * The routes every request is served from. The local route file and (in a later issue) the ModelRollout controller
 * both change it through this interface; each change is atomic and produces a new {@link RouteSnapshot}.
 */
public interface RouteTable {

    /** The current routes; cheap, lock-free, never null. */
    RouteSnapshot snapshot();

    /**
     * Applies a change to one route atomically (compare-and-set on the snapshot).
     *
     * @throws IllegalArgumentException when the route or a variant does not exist or the result is invalid
     */
    RouteSnapshot apply(RouteUpdate update);

    /** Replaces every route at once, e.g. after the route file changed. */
    RouteSnapshot replaceAll(Collection<Route> routes, String source);

    /** Called after every change with the new snapshot (on the thread that made the change). */
    void addListener(Consumer<RouteSnapshot> listener);
}
