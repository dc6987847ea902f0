package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.AnalysisStep;
import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.ModelRolloutSpec;
import io.modelshift.api.rollout.Patterns;
import io.modelshift.api.rollout.RolloutDuration;
import io.modelshift.api.rollout.RolloutStep;
import io.modelshift.api.rollout.Variant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything the CRD schema checks, and what it cannot (references between fields, known upstreams), so that a
 * resource from a YAML file or from a cluster without schema validation is reported in status with a clear message
 * instead of half-executed.
 */
public final class SpecCheck {

    private SpecCheck() {
    }

    /**
     * @param knownUpstream whether a non-URL upstream names a variant the gateway knows
     * @return the problems, empty when the spec is valid
     */
    public static List<String> problems(ModelRolloutSpec spec, Predicate<String> knownUpstream) {
        List<String> out = new ArrayList<>();
        if (spec == null) {
            return List.of("spec is missing");
        }
        if (spec.route() == null || !spec.route().matches(Patterns.NAME)) {
            out.add("spec.route '" + spec.route() + "' must match " + Patterns.NAME);
        }
        variant("stable", spec.stable(), knownUpstream, out);
        variant("canary", spec.canary(), knownUpstream, out);
        Set<String> gateNames = new HashSet<>();
        for (int i = 0; i < spec.gates().size(); i++) {
            gate("spec.gates[" + i + "]", spec.gates().get(i), gateNames, out);
        }
        if (spec.steps().isEmpty()) {
            out.add("spec.steps must list at least one step");
        }
        for (int i = 0; i < spec.steps().size(); i++) {
            step("spec.steps[" + i + "]", spec.steps().get(i), gateNames, out);
        }
        if (spec.backgroundAnalysis() != null) {
            refs("spec.backgroundAnalysis.gates", spec.backgroundAnalysis().gates(), gateNames, out);
            int start = spec.backgroundAnalysis().startingStepOrDefault();
            if (start < 1 || start > Math.max(1, spec.steps().size())) {
                out.add("spec.backgroundAnalysis.startingStep " + start + " must be within 1.." + spec.steps().size());
            }
        }
        duration("spec.analysisInterval", spec.analysisInterval(), out);
        duration("spec.progressDeadline", spec.progressDeadline(), out);
        return out;
    }

    private static void variant(String field, Variant v, Predicate<String> knownUpstream, List<String> out) {
        if (v == null) {
            out.add("spec." + field + " is missing");
            return;
        }
        if (v.model() == null || !v.model().matches(Patterns.MODEL)) {
            out.add("spec." + field + ".model '" + v.model() + "' must match " + Patterns.MODEL);
        }
        if (v.upstream() == null || v.upstream().isBlank()) {
            out.add("spec." + field + ".upstream is missing");
        } else if (!isUrl(v.upstream()) && !knownUpstream.test(v.upstream())) {
            out.add("spec." + field + ".upstream '" + v.upstream() + "' is neither an http(s) URL nor a variant the"
                    + " gateway knows (unknown variant)");
        }
    }

    static boolean isUrl(String upstream) {
        return upstream.startsWith("http://") || upstream.startsWith("https://");
    }

    private static void gate(String field, Gate g, Set<String> names, List<String> out) {
        if (g.name() == null || !g.name().matches(Patterns.NAME)) {
            out.add(field + ".name '" + g.name() + "' must match " + Patterns.NAME);
        } else if (!names.add(g.name())) {
            out.add(field + ".name '" + g.name() + "' is used twice");
        }
        if (g.kindsSet() != 1) {
            out.add(field + " must set exactly one of evaluation, prometheus, cost");
        }
        if (g.prometheus() != null) {
            if (g.prometheus().query() == null || g.prometheus().query().isBlank()) {
                out.add(field + ".prometheus.query is missing");
            }
            if (g.minSamplesOrDefault() > 0 && g.prometheus().samplesQuery() == null) {
                out.add(field + ": minSamples needs prometheus.samplesQuery (how many samples the value rests on)");
            }
            if (g.prometheus().max() == null && g.prometheus().min() == null && !g.prometheus().relative()) {
                out.add(field + ".prometheus sets no bound: give max, min, maxIncrease or maxDecrease");
            }
        }
        if (g.cost() != null && (g.cost().maxIncrease() == null || g.cost().maxIncrease() < 0)) {
            out.add(field + ".cost.maxIncrease must be >= 0");
        }
        if (g.minSamples() != null && g.minSamples() < 0) {
            out.add(field + ".minSamples must be >= 0");
        }
        duration(field + ".initialDelay", g.initialDelay(), out);
    }

    private static void step(String field, RolloutStep s, Set<String> gateNames, List<String> out) {
        if (s.kindsSet() != 1) {
            out.add(field + " must set exactly one of setWeight, pause, mirror, analysis");
            return;
        }
        if (s.setWeight() != null && (s.setWeight() < 0 || s.setWeight() > 100)) {
            out.add(field + ".setWeight " + s.setWeight() + " is out of range 0..100");
        }
        if (s.pause() != null) {
            duration(field + ".pause.duration", s.pause().duration(), out);
        }
        if (s.mirror() != null) {
            Integer p = s.mirror().percent();
            if (p == null || p < 0 || p > 100) {
                out.add(field + ".mirror.percent " + p + " is out of range 0..100");
            }
            duration(field + ".mirror.duration", s.mirror().duration(), out);
        }
        if (s.analysis() != null) {
            AnalysisStep a = s.analysis();
            refs(field + ".analysis.gates", a.gates(), gateNames, out);
            if (a.gates().isEmpty() && gateNames.isEmpty()) {
                out.add(field + ".analysis has no gates to check: define spec.gates");
            }
            duration(field + ".analysis.duration", a.duration(), out);
        }
    }

    private static void refs(String field, List<String> refs, Set<String> gateNames, List<String> out) {
        for (String r : refs) {
            if (!gateNames.contains(r)) {
                out.add(field + " names unknown gate '" + r + "' (defined: " + gateNames + ")");
            }
        }
    }

    private static void duration(String field, String text, List<String> out) {
        try {
            RolloutDuration.parse(text, null);
        } catch (IllegalArgumentException e) {
            out.add(field + ": " + e.getMessage());
        }
    }
}
