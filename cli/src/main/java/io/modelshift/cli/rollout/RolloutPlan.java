package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.BackgroundAnalysis;
import io.modelshift.api.rollout.FailurePolicy;
import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutSpec;
import io.modelshift.api.rollout.RolloutStep;
import io.modelshift.api.rollout.Variant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration as the SRE states it (route, models, stages, total duration, shadow share, gates), turned into the
 * ModelRollout the controller runs. The duration is split evenly between the holds: an optional shadow phase
 * (mirror, then the quality verdict on the shadow traffic) and an analysis of every gate after each stage but the
 * last, which promotes.
 */
public record RolloutPlan(String route, Variant stable, Variant canary, List<Integer> stages, Duration duration,
                          int shadowPercent, List<Gate> gates) {

    /** Below this an analysis window is too short for the 1-minute analysis interval to gather evidence. */
    static final Duration SHORTEST_HOLD = Duration.ofMinutes(5);

    public RolloutPlan {
        stages = List.copyOf(stages);
        gates = List.copyOf(gates);
    }

    /** The time each hold (shadow, each intermediate stage) gets. */
    public Duration hold() {
        int holds = stages.size() - 1 + (shadowPercent > 0 ? 1 : 0);
        Duration each = duration.dividedBy(Math.max(holds, 1));
        return Duration.ofSeconds(each.toSeconds() - each.toSeconds() % 60);
    }

    public ModelRollout toRollout() {
        String hold = MigrationDuration.format(hold());
        List<RolloutStep> steps = new ArrayList<>();
        boolean hasQuality = gates.stream().anyMatch(g -> g.name().equals("quality"));
        if (shadowPercent > 0) {
            steps.add(RolloutStep.mirror(shadowPercent, hold));
            steps.add(hasQuality ? RolloutStep.analysis(null, "quality") : RolloutStep.analysis(null));
        }
        int firstWeightStep = steps.size() + 1;
        for (int i = 0; i < stages.size(); i++) {
            steps.add(RolloutStep.weight(stages.get(i)));
            if (i < stages.size() - 1) {
                steps.add(RolloutStep.analysis(hold));
            }
        }
        List<String> background = gates.stream().filter(g -> g.prometheus() != null).map(Gate::name).toList();
        ModelRolloutSpec spec = new ModelRolloutSpec(route, stable, canary, null, steps, gates,
                background.isEmpty() ? null : new BackgroundAnalysis(background, firstWeightStep),
                "1m", FailurePolicy.Abort, "30m");
        return new ModelRollout(route, spec);
    }
}
