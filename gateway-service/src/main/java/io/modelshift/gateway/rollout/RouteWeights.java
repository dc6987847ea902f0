package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutSpec;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.gateway.routing.Route;
import io.modelshift.gateway.routing.RouteSnapshot;
import io.modelshift.gateway.routing.RouteTable;
import io.modelshift.gateway.routing.Shadow;
import io.modelshift.gateway.routing.Stickiness;
import io.modelshift.gateway.routing.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts a rollout's status into the route table: the stable and canary variants with weights {@code 100-w} and
 * {@code w}, and the mirror share as the route's shadow. Every replica calls this on every tick, so a route file
 * reload that rewrote the route is corrected within a tick, and a replica that cannot reach the API server keeps
 * the last weights it applied (they are simply not changed).
 *
 * <p>A variant is named after its model when its upstream is a URL; an upstream that is not a URL names a variant
 * the gateway already knows (from the route file), whose URL and upstream model are reused.
 */
public class RouteWeights {

    /** Shadow copies in flight per route when the route does not say. */
    static final int DEFAULT_SHADOW_CONCURRENCY = 16;

    private final RouteTable table;

    public RouteWeights(RouteTable table) {
        this.table = table;
    }

    /** Whether a non-URL upstream names a variant the gateway knows. */
    public boolean knows(String upstream) {
        return table.snapshot().routeOfVariant().containsKey(upstream);
    }

    /** The gateway variant name of a side of the rollout: the label of its traffic and metrics. */
    public static String variantName(io.modelshift.api.rollout.Variant v) {
        return SpecCheck.isUrl(v.upstream()) ? v.model() : v.upstream();
    }

    /**
     * Applies the rollout's desired split; returns false when there is nothing to apply yet (no decision) or the
     * route table already has it.
     *
     * @throws IllegalArgumentException when the table refuses the route (e.g. a variant name used by another route)
     */
    public boolean apply(ModelRollout mro) {
        ModelRolloutStatus st = mro.getStatus();
        if (st == null || st.getDesiredWeight() == null || st.getStable() == null || st.getCanary() == null) {
            return false;
        }
        ModelRolloutSpec spec = mro.getSpec();
        RouteSnapshot snapshot = table.snapshot();
        Route current = snapshot.routes().get(spec.route());
        Route desired = desired(spec.route(), st, current, snapshot, spec.stickiness() == null ? null : spec.stickiness().key());
        if (desired.equals(current)) {
            return false;
        }
        List<Route> routes = new ArrayList<>(snapshot.routes().values());
        routes.removeIf(r -> r.name().equals(desired.name()));
        routes.add(desired);
        table.replaceAll(routes, "rollout " + mro.getMetadata().getName() + " step " + st.getStep() + " "
                + st.getDesiredWeight() + "%");
        return true;
    }

    static Route desired(String name, ModelRolloutStatus st, Route current, RouteSnapshot snapshot, String stickiness) {
        int w = Math.max(0, Math.min(100, st.getDesiredWeight()));
        Variant stable = variant(st.getStable(), 100 - w, snapshot);
        boolean single = st.getCanary().sameAs(st.getStable());
        List<Variant> variants = new ArrayList<>();
        variants.add(single ? stable.withWeight(100) : stable);
        Variant canary = null;
        if (!single) {
            canary = variant(st.getCanary(), w, snapshot);
            variants.add(canary);
        }
        int mirror = st.getMirrorPercent() == null ? 0 : st.getMirrorPercent();
        int concurrency = current != null && current.shadow().maxConcurrent() > 0 ? current.shadow().maxConcurrent()
                : DEFAULT_SHADOW_CONCURRENCY;
        Shadow shadow = mirror > 0 && canary != null ? new Shadow(mirror / 100.0, canary.name(), concurrency) : Shadow.OFF;
        Stickiness stick = stickiness != null ? Stickiness.parse(stickiness)
                : current != null ? current.stickiness() : Stickiness.NONE;
        return new Route(name, variants, stable.name(), stick, current == null ? null : current.salt(), shadow);
    }

    private static Variant variant(io.modelshift.api.rollout.Variant v, int weight, RouteSnapshot snapshot) {
        if (SpecCheck.isUrl(v.upstream())) {
            return new Variant(v.model(), v.upstream(), v.model(), weight);
        }
        Route owner = snapshot.routeOfVariant().get(v.upstream());
        Variant known = owner == null ? null : owner.variant(v.upstream());
        if (known == null) {
            throw new IllegalArgumentException("unknown variant '" + v.upstream() + "'");
        }
        return new Variant(known.name(), known.baseUrl(), Objects.requireNonNullElse(known.upstreamModel(), v.model()), weight);
    }
}
