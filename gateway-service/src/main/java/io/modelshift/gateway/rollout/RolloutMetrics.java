package io.modelshift.gateway.rollout;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.modelshift.api.rollout.GateResult;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutPhase;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code modelshift_rollout_*}: phase (one series per phase, 1 for the current), step, desired, observed and mirror
 * weights, each gate's value with its bounds and verdict, transitions by reason, and whether this replica leads.
 * Dashboards draw a gate's value between its bounds, so a rollback is explained on the same panel.
 */
public class RolloutMetrics {

    /** A settable gauge value; NaN when unknown. */
    private static final class Value {
        volatile double v = Double.NaN;
    }

    private final MeterRegistry registry;
    private final Map<String, Value> values = new ConcurrentHashMap<>();

    public RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void leader(boolean leader) {
        set("modelshift.rollout.leader", "1 when this replica acts on rollouts (leader election)", Tags.empty(), leader ? 1 : 0);
    }

    public void record(ModelRollout mro) {
        ModelRolloutStatus st = mro.getStatus();
        if (st == null || st.getPhase() == null) {
            return;
        }
        Tags t = Tags.of("rollout", mro.getMetadata().getName(), "route", mro.getSpec().route());
        for (RolloutPhase p : RolloutPhase.values()) {
            set("modelshift.rollout.phase", "1 for the rollout's current phase", t.and("phase", p.name()), p == st.getPhase() ? 1 : 0);
        }
        set("modelshift.rollout.step", "current step, 1-based", t, num(st.getCurrentStepIndex()) + 1);
        set("modelshift.rollout.steps", "number of steps", t, num(st.getTotalSteps()));
        // stable and canary name the gateway variants, so alert rules can compare the two sides of a rollout
        set("modelshift.rollout.desired.weight", "canary weight the controller set, percent",
                t.and("stable", RouteWeights.variantName(mro.getSpec().stable()),
                        "canary", RouteWeights.variantName(mro.getSpec().canary())),
                num(st.getDesiredWeight()));
        set("modelshift.rollout.observed.weight", "canary share of the traffic actually sent, percent", t,
                st.getObservedWeight() == null ? Double.NaN : st.getObservedWeight());
        set("modelshift.rollout.mirror.percent", "share of requests mirrored to the canary, percent", t, num(st.getMirrorPercent()));
        if (st.getLastAnalysis() != null) {
            for (GateResult g : st.getLastAnalysis().gates()) {
                Tags gt = t.and("gate", g.gate(), "kind", g.kind());
                set("modelshift.rollout.gate.value", "the gate's last measured canary value", gt, nan(g.value()));
                set("modelshift.rollout.gate.baseline", "the stable's value for relative bounds", gt, nan(g.baseline()));
                set("modelshift.rollout.gate.lower.bound", "lowest passing value", gt, nan(g.lower()));
                set("modelshift.rollout.gate.upper.bound", "highest passing value", gt, nan(g.upper()));
                set("modelshift.rollout.gate.verdict", "0 Pass, 1 Inconclusive, 2 Error, 3 Fail", gt, switch (g.verdict()) {
                    case Pass -> 0;
                    case Inconclusive -> 1;
                    case Error -> 2;
                    case Fail -> 3;
                });
            }
        }
    }

    public void transition(ModelRollout mro, String reason) {
        registry.counter("modelshift.rollout.transitions", Tags.of("rollout", mro.getMetadata().getName(),
                "route", mro.getSpec().route(), "reason", reason)).increment();
    }

    private void set(String name, String help, Tags tags, double v) {
        String key = name + tags;
        values.computeIfAbsent(key, k -> {
            Value holder = new Value();
            Gauge.builder(name, holder, h -> h.v).description(help).tags(tags).register(registry);
            return holder;
        }).v = v;
    }

    private static double num(Integer i) {
        return i == null ? 0 : i;
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }
}
