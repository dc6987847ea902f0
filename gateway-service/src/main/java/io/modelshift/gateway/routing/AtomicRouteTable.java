package io.modelshift.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The in-memory {@link RouteTable}: one atomic reference to an immutable snapshot. */
@ApplicationScoped
public class AtomicRouteTable implements RouteTable {

    private static final Logger LOG = Logger.getLogger(AtomicRouteTable.class);

    private final AtomicReference<RouteSnapshot> current = new AtomicReference<>(RouteSnapshot.EMPTY);
    private final List<Consumer<RouteSnapshot>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public RouteSnapshot snapshot() {
        return current.get();
    }

    @Override
    public RouteSnapshot apply(RouteUpdate update) {
        while (true) {
            RouteSnapshot before = current.get();
            Route route = before.routes().get(update.route());
            if (route == null) {
                throw new IllegalArgumentException("no route named '" + update.route() + "'");
            }
            Route changed = route.with(update.weights(), update.shadow());
            List<Route> routes = new ArrayList<>(before.routes().values());
            routes.replaceAll(r -> r.name().equals(changed.name()) ? changed : r);
            String source = update.reason() == null ? "update" : update.reason();
            RouteSnapshot after = RouteSnapshot.of(before.version() + 1, source, routes);
            if (current.compareAndSet(before, after)) {
                LOG.infof("route %s updated to weights %s (%s), version %d", changed.name(), weights(changed), source,
                        after.version());
                notifyListeners(after);
                return after;
            }
        }
    }

    @Override
    public RouteSnapshot replaceAll(Collection<Route> routes, String source) {
        while (true) {
            RouteSnapshot before = current.get();
            RouteSnapshot after = RouteSnapshot.of(before.version() + 1, source, keepProtocols(routes, before));
            if (current.compareAndSet(before, after)) {
                LOG.infof("route table version %d from %s: %s", after.version(), source, after.routes().keySet());
                notifyListeners(after);
                return after;
            }
        }
    }

    /**
     * Variants whose protocol is not stated (the rollout controller rebuilds variants from the ModelRollout, which
     * does not carry it) keep the protocol their base URL had in the previous table, so a rollout step never turns
     * an h2c upstream back into HTTP/1.1.
     */
    static Collection<Route> keepProtocols(Collection<Route> routes, RouteSnapshot before) {
        Map<String, UpstreamProtocol> known = new HashMap<>();
        for (Route r : before.routes().values()) {
            for (Variant v : r.variants()) {
                if (v.protocol() != null) {
                    known.putIfAbsent(v.baseUrl(), v.protocol());
                }
            }
        }
        if (known.isEmpty()) {
            return routes;
        }
        List<Route> out = new ArrayList<>(routes.size());
        for (Route r : routes) {
            List<Variant> variants = r.variants().stream()
                    .map(v -> v.protocol() == null && known.containsKey(v.baseUrl())
                            ? v.withProtocol(known.get(v.baseUrl())) : v).toList();
            out.add(variants.equals(r.variants()) ? r
                    : new Route(r.name(), variants, r.stable(), r.stickiness(), r.salt(), r.shadow()));
        }
        return out;
    }

    @Override
    public void addListener(Consumer<RouteSnapshot> listener) {
        listeners.add(listener);
    }

    private void notifyListeners(RouteSnapshot snapshot) {
        for (Consumer<RouteSnapshot> l : listeners) {
            try {
                l.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("a route table listener failed", e);
            }
        }
    }

    private static String weights(Route r) {
        StringBuilder sb = new StringBuilder();
        for (Variant v : r.variants()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(v.name()).append('=').append(v.weight());
        }
        return sb.toString();
    }
}
