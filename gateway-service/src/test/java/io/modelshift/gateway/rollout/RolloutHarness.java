package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.CostGate;
import io.modelshift.api.rollout.EvaluationGate;
import io.modelshift.api.rollout.FailurePolicy;
import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.GateVerdict;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutSpec;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.PrometheusGate;
import io.modelshift.api.rollout.RolloutAction;
import io.modelshift.api.rollout.RolloutPhase;
import io.modelshift.api.rollout.RolloutStep;
import io.modelshift.api.rollout.BackgroundAnalysis;
import io.modelshift.api.rollout.Variant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives a {@link RolloutEngine} over one resource with a fake clock and a gateway that sends exactly the desired
 * share (unless told otherwise), so tests read like a rollout's timeline.
 */
class RolloutHarness {

    static final Variant STABLE = new Variant("llama-2-70b", "http://proxy-llama2:8080");
    static final Variant CANARY = new Variant("llama-3-70b", "http://proxy-llama3:8080");

    final ScriptedProbe evaluation = new ScriptedProbe();
    final ScriptedProbe prometheus = new ScriptedProbe();
    final ScriptedProbe cost = new ScriptedProbe();
    final RolloutEngine engine = new RolloutEngine(
            new Gates(Map.of("evaluation", evaluation, "prometheus", prometheus, "cost", cost)),
            RolloutEngine.Settings.DEFAULTS, upstream -> upstream.equals("llama-2-70b-pool"));
    final ModelRollout mro;
    final List<RolloutEvent> events = new ArrayList<>();
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    /** What the gateway really sends; null = exactly the desired weight. */
    Double trafficOverride;

    RolloutHarness(ModelRolloutSpec spec) {
        mro = new ModelRollout("llama-70b", spec);
        mro.getMetadata().setGeneration(1L);
    }

    static ModelRolloutSpec spec(List<RolloutStep> steps, FailurePolicy policy) {
        return spec(STABLE, CANARY, steps, policy);
    }

    static ModelRolloutSpec spec(Variant stable, Variant canary, List<RolloutStep> steps, FailurePolicy policy) {
        return new ModelRolloutSpec("llama-70b", stable, canary, null, steps, gates(),
                new BackgroundAnalysis(List.of("ttft-p95"), 1), "1m", policy, "30m");
    }

    static List<Gate> gates() {
        return List.of(
                new Gate("quality", new EvaluationGate(null), null, null, 200L, null, null),
                new Gate("ttft-p95", null, new PrometheusGate(null, "ttft{model=\"{{model}}\"}", null, null, null, 0.10, null),
                        null, null, null, null),
                new Gate("cost", null, null, new CostGate(null, 0.25), null, null, null));
    }

    /** The example: mirror 10% for 30m, quality analysis, 50, analysis 15m, 70, analysis 15m, 90, pause, 100. */
    static List<RolloutStep> llamaSteps() {
        return List.of(RolloutStep.mirror(10, "30m"), RolloutStep.analysis(null, "quality"), RolloutStep.weight(50),
                RolloutStep.analysis("15m"), RolloutStep.weight(70), RolloutStep.analysis("15m"), RolloutStep.weight(90),
                RolloutStep.pauseUntilPromoted(), RolloutStep.weight(100));
    }

    RolloutHarness allGood() {
        evaluation.answer("quality", new Measurement(null, null, 500L, GateVerdict.Pass, "accuracy 0.81 vs 0.80"));
        prometheus.answer("ttft-p95", new Measurement(0.40, 0.42, null, null, null));
        cost.answer("cost", new Measurement(1.10, 1.00, null, null, null));
        return this;
    }

    ModelRolloutStatus tick(Duration advance) {
        return tick(advance, null);
    }

    ModelRolloutStatus tick(Duration advance, RolloutAction action) {
        now = now.plus(advance);
        int desired = status() == null || status().getDesiredWeight() == null ? 0 : status().getDesiredWeight();
        double share = trafficOverride != null ? trafficOverride : desired;
        Observation obs = new Observation(share, 1000);
        Reconciliation r = engine.reconcile(mro, action, obs, now);
        mro.setStatus(r.status());
        events.addAll(r.events());
        return r.status();
    }

    /** Ticks every {@code step} until the phase is reached or {@code max} passed; returns the elapsed time. */
    Duration runUntil(RolloutPhase phase, Duration step, Duration max) {
        Duration elapsed = Duration.ZERO;
        while (status() == null || status().getPhase() != phase) {
            if (elapsed.compareTo(max) >= 0) {
                throw new AssertionError("phase " + phase + " not reached within " + max + "; status: " + status().getPhase()
                        + " " + status().getMessage());
            }
            tick(step);
            elapsed = elapsed.plus(step);
        }
        return elapsed;
    }

    ModelRolloutStatus status() {
        return mro.getStatus();
    }

    List<String> reasons() {
        return status().getHistory().stream().map(t -> t.reason()).toList();
    }
}
