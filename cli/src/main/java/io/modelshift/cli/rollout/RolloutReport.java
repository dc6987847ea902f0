package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.GateResult;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutStep;
import io.modelshift.cli.output.Format;
import io.modelshift.cli.output.Palette;
import io.modelshift.cli.output.TextTable;

import java.util.List;
import java.util.Locale;

/** A rollout in words: phase, step k/N, desired and observed weights, each gate's latest evidence and verdict. */
final class RolloutReport {

    private RolloutReport() {
    }

    static String of(ModelRollout r, Palette p) {
        ModelRolloutStatus s = r.getStatus() == null ? new ModelRolloutStatus() : r.getStatus();
        StringBuilder out = new StringBuilder();
        out.append(p.bold(r.getMetadata().getName())).append("  route ").append(r.getSpec().route()).append("  ")
                .append(r.getSpec().stable().model()).append(" -> ").append(r.getSpec().canary().model()).append('\n');
        out.append(line("phase", p.verdict(s.getPhase() == null ? "Pending" : s.getPhase().name())
                + (s.getPauseReason() == null ? "" : " (" + s.getPauseReason() + ")")));
        out.append(line("step", step(r, s)));
        out.append(line("weights", "desired " + (s.getDesiredWeight() == null ? "-" : s.getDesiredWeight() + "%")
                + "  observed " + (s.getObservedWeight() == null ? "-"
                : String.format(Locale.ROOT, "%.1f%%", s.getObservedWeight()))
                + (s.getMirrorPercent() == null || s.getMirrorPercent() == 0 ? "" : "  mirror " + s.getMirrorPercent() + "%")));
        if (s.getMessage() != null) {
            out.append(line("message", s.getMessage()));
        }
        s.getConditions().stream().filter(c -> c.isTrue()).forEach(c -> out.append(line("condition",
                c.type() + (c.reason() == null ? "" : " (" + c.reason() + ")"))));
        if (s.getLastAction() != null) {
            out.append(line("last action", s.getLastAction().action() + " at " + s.getLastAction().at() + ": "
                    + s.getLastAction().result()));
        }
        if (s.getLastAnalysis() != null) {
            out.append("gates (").append(s.getLastAnalysis().background() ? "background analysis" : "analysis")
                    .append(" at ").append(s.getLastAnalysis().at()).append(": ")
                    .append(p.verdict(String.valueOf(s.getLastAnalysis().verdict()))).append(")\n");
            out.append(indent(gates(s.getLastAnalysis().gates(), p)));
        } else {
            out.append(line("gates", "not measured yet"));
        }
        return out.toString();
    }

    /** One row per rollout, for {@code status} without a route. */
    static String table(List<ModelRollout> rollouts, Palette p) {
        TextTable t = new TextTable("NAME", "ROUTE", "STABLE", "CANARY", "PHASE", "STEP", "WEIGHT", "OBSERVED");
        for (ModelRollout r : rollouts) {
            ModelRolloutStatus s = r.getStatus() == null ? new ModelRolloutStatus() : r.getStatus();
            t.row(r.getMetadata().getName(), r.getSpec().route(), r.getSpec().stable().model(),
                    r.getSpec().canary().model(), p.verdict(s.getPhase() == null ? "Pending" : s.getPhase().name()),
                    s.getStep() == null ? "-" : s.getStep(),
                    s.getDesiredWeight() == null ? "-" : s.getDesiredWeight() + "%",
                    s.getObservedWeight() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.getObservedWeight()));
        }
        return t.render();
    }

    private static String gates(List<GateResult> results, Palette p) {
        TextTable t = new TextTable("GATE", "KIND", "VERDICT", "VALUE", "STABLE", "BOUNDS", "SAMPLES", "WHY");
        for (GateResult g : results) {
            t.row(g.gate(), g.kind(), p.verdict(String.valueOf(g.verdict())), Format.number(g.value()),
                    Format.number(g.baseline()), "[" + Format.number(g.lower()) + ", " + Format.number(g.upper()) + "]",
                    g.samples() == null ? "-" : g.samples().toString(), g.message() == null ? "" : g.message());
        }
        return t.render();
    }

    private static String step(ModelRollout r, ModelRolloutStatus s) {
        List<RolloutStep> steps = r.getSpec().steps();
        Integer i = s.getCurrentStepIndex();
        String label = i == null ? "" : i < steps.size() ? ": " + steps.get(i).label() : ": all steps done";
        return (s.getStep() == null ? "-/" + steps.size() : s.getStep()) + label
                + (s.getStepStartedAt() == null && i != null && i < steps.size()
                && (s.getPhase() == null || !s.getPhase().terminal()) ? " (waiting for traffic)" : "");
    }

    private static String line(String key, String value) {
        return String.format(Locale.ROOT, "%-12s%s%n", key, value);
    }

    private static String indent(String block) {
        return block.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    }
}
