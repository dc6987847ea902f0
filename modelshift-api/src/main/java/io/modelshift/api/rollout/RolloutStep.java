package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One step; exactly one field is set.
 *
 * @param setWeight send this percentage of the route's traffic to the canary; the step ends when the gateway has
 *                  observably sent that share
 * @param pause     wait for a duration, or (no duration) until promoted
 * @param mirror    copy a percentage of requests to the canary (answers discarded, scored by the evaluation
 *                  service) for a duration
 * @param analysis  check gates until they all pass, one fails, or the evidence stays inconclusive
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.setWeight), has(self.pause), has(self.mirror), has(self.analysis)].filter(x, x).size() == 1",
        message = "a step sets exactly one of setWeight, pause, mirror, analysis")
public record RolloutStep(@Min(0) @Max(100) Integer setWeight, PauseStep pause, MirrorStep mirror,
                          AnalysisStep analysis) {

    public static RolloutStep weight(int percent) {
        return new RolloutStep(percent, null, null, null);
    }

    public static RolloutStep pauseFor(String duration) {
        return new RolloutStep(null, new PauseStep(duration), null, null);
    }

    public static RolloutStep pauseUntilPromoted() {
        return pauseFor(null);
    }

    public static RolloutStep mirror(int percent, String duration) {
        return new RolloutStep(null, null, new MirrorStep(percent, duration), null);
    }

    public static RolloutStep analysis(String duration, String... gates) {
        return new RolloutStep(null, null, null, new AnalysisStep(java.util.List.of(gates), duration));
    }

    /** How many of the four kinds are set (must be 1); the file store reports anything else. */
    @JsonIgnore
    public int kindsSet() {
        return (setWeight != null ? 1 : 0) + (pause != null ? 1 : 0) + (mirror != null ? 1 : 0) + (analysis != null ? 1 : 0);
    }

    /** A short human label: {@code setWeight 50}, {@code pause 10m}, {@code mirror 10% 20m}, {@code analysis}. */
    @JsonIgnore
    public String label() {
        if (setWeight != null) return "setWeight " + setWeight;
        if (pause != null) return pause.duration() == null ? "pause until promoted" : "pause " + pause.duration();
        if (mirror != null) return "mirror " + mirror.percent() + "% " + (mirror.duration() == null ? "" : mirror.duration());
        if (analysis != null) return "analysis" + (analysis.gates().isEmpty() ? "" : " " + analysis.gates());
        return "empty step";
    }
}
