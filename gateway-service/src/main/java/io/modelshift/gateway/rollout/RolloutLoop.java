package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.ActionRequest;
import io.modelshift.api.rollout.AppliedAction;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutAction;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One controller tick over every rollout: the leader consumes actions, reconciles and writes status; every replica
 * applies the decided weights to its route table and exports metrics. Driven by a scheduler in production and
 * called directly, with a fake clock, by tests.
 */
public class RolloutLoop {

    private static final Logger LOG = Logger.getLogger(RolloutLoop.class);
    /** A status whose only change is the observed share or the message is refreshed at most this often. */
    static final Duration REFRESH = Duration.ofSeconds(15);

    private final RolloutStore store;
    private final RolloutEngine engine;
    private final RouteWeights weights;
    private final Function<String, Map<String, Long>> routeTraffic;
    private final RolloutMetrics metrics;
    private final Clock clock;
    private final TrafficWindow window = new TrafficWindow();
    private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();
    private final Map<String, String> lastApplyError = new ConcurrentHashMap<>();

    /** @param routeTraffic route name to requests sent per variant name since start */
    public RolloutLoop(RolloutStore store, RolloutEngine engine, RouteWeights weights,
                       Function<String, Map<String, Long>> routeTraffic, RolloutMetrics metrics, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.weights = weights;
        this.routeTraffic = routeTraffic;
        this.metrics = metrics;
        this.clock = clock;
    }

    public RolloutStore store() {
        return store;
    }

    /** One pass; never throws (a failing rollout is logged and the others still run). */
    public void tick() {
        boolean leader = store.leader();
        metrics.leader(leader);
        List<ModelRollout> rollouts;
        try {
            rollouts = store.list();
        } catch (RuntimeException e) {
            LOG.warnf("cannot list rollouts, keeping the current weights: %s", e.toString());
            return;
        }
        for (ModelRollout mro : rollouts) {
            ModelRollout current = mro;
            if (leader) {
                try {
                    current = reconcile(mro);
                } catch (RuntimeException e) {
                    // e.g. the API server is unreachable: keep routing with the weights last decided
                    LOG.warnf("rollout %s: reconcile failed, weights unchanged: %s", mro.getMetadata().getName(), e.toString());
                }
            }
            try {
                applyWeights(current);
                metrics.record(current);
            } catch (RuntimeException e) {
                LOG.warnf(e, "rollout %s: applying weights failed", mro.getMetadata().getName());
            }
        }
    }

    /**
     * Reconciles one rollout on the leader. A manual action applies exactly once, through three resourceVersion-locked
     * writes: (1) stamp the request with an id ({@code promote} -> {@code promote;id=<uuid>}); (2) apply it and write
     * the status with the id in {@code lastAction.id}; (3) remove the request. A leader that dies after (1) leaves a
     * stamped request whose id is not in status: the next leader applies it. One that dies after (2) leaves a request
     * whose id is in status: the next leader only removes it. A stale leader's stamp or status write is refused.
     */
    private ModelRollout reconcile(ModelRollout mro) {
        String name = mro.getMetadata().getName();
        ActionRequest request = pendingAction(mro);
        if (request == NOT_NOW) {
            return mro;
        }
        RolloutAction action = null;
        String badAction = null;
        if (request != null) {
            try {
                action = RolloutAction.parse(request.action());
            } catch (IllegalArgumentException e) {
                badAction = e.getMessage();
            }
        }
        Instant now = clock.instant();
        Reconciliation r = engine.reconcile(mro, action, observe(mro), now);
        ModelRolloutStatus status = r.status();
        List<RolloutEvent> events = new ArrayList<>(r.events());
        if (badAction != null) {
            status.setLastAction(new AppliedAction(request.action(), now.toString(), "refused: " + badAction));
            events.add(new RolloutEvent(true, "ActionRefused", badAction));
        }
        if (request != null) {
            status.setLastAction(status.getLastAction().withId(request.id()));
        }
        boolean significant = request != null || significant(mro.getStatus(), status);
        Instant last = lastWrite.get(name);
        if (significant || (r.changed() && (last == null || !now.isBefore(last.plus(REFRESH))))) {
            if (!store.writeStatus(mro, status)) {
                LOG.infof("rollout %s changed while reconciling; retrying next tick", name);
                return mro;
            }
            lastWrite.put(name, now);
        }
        mro.setStatus(status);
        if (request != null) {
            store.clearAction(mro, request.value()); // if this fails, the next tick sees the id in status and retries
        }
        for (RolloutEvent e : events) {
            store.emit(mro, e);
            metrics.transition(mro, e.reason());
        }
        return mro;
    }

    /** Marker: the pending action could not be stamped now (raced with another writer); skip this rollout's turn. */
    private static final ActionRequest NOT_NOW = new ActionRequest("", "");

    /**
     * The action to apply this tick, stamped; null when there is none or it was applied already (then its
     * leftover request is removed); {@link #NOT_NOW} when stamping lost a race.
     */
    private ActionRequest pendingAction(ModelRollout mro) {
        Map<String, String> annotations = mro.getMetadata().getAnnotations();
        String raw = annotations == null ? null : annotations.get(ModelRollout.ACTION_ANNOTATION);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        ActionRequest request = ActionRequest.parse(raw);
        if (request.appliedIn(mro.getStatus())) {
            store.clearAction(mro, raw);
            return null;
        }
        if (request.stamped()) {
            return request;
        }
        ActionRequest stamped = request.stamp();
        return store.stampAction(mro, raw, stamped.value()) ? stamped : NOT_NOW;
    }

    /** The canary's share of the route's requests since the split last changed. */
    Observation observe(ModelRollout mro) {
        ModelRolloutStatus st = mro.getStatus();
        if (st == null || st.getCanary() == null || st.getDesiredWeight() == null) {
            return Observation.NONE;
        }
        Map<String, Long> counts = routeTraffic.apply(mro.getSpec().route());
        String canary = RouteWeights.variantName(st.getCanary());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return window.observe(mro.getMetadata().getName(), canary + "@" + st.getDesiredWeight(),
                counts.getOrDefault(canary, 0L), total);
    }

    private void applyWeights(ModelRollout mro) {
        String name = mro.getMetadata().getName();
        try {
            weights.apply(mro);
            lastApplyError.remove(name);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals(lastApplyError.put(name, e.getMessage()))) {
                LOG.warnf("rollout %s: the route table refused the weights: %s", name, e.getMessage());
            }
        }
    }

    /** A change worth writing at once: anything but the observed share and the progress message. */
    static boolean significant(ModelRolloutStatus before, ModelRolloutStatus after) {
        if (before == null) {
            return true;
        }
        ModelRolloutStatus a = before.copy();
        ModelRolloutStatus b = after.copy();
        for (ModelRolloutStatus s : List.of(a, b)) {
            s.setObservedWeight(null);
            s.setMessage(null);
            s.setConditions(s.getConditions().stream().map(c -> new io.modelshift.api.rollout.RolloutCondition(
                    c.type(), c.status(), c.reason(), null, c.lastTransitionTime())).toList());
        }
        return !io.fabric8.kubernetes.client.utils.Serialization.asJson(a)
                .equals(io.fabric8.kubernetes.client.utils.Serialization.asJson(b));
    }
}
