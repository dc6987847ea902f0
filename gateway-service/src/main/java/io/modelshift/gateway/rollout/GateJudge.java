package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.GateResult;
import io.modelshift.api.rollout.GateVerdict;
import io.modelshift.api.rollout.NoDataPolicy;
import io.modelshift.api.rollout.PrometheusGate;

import java.util.Locale;

/**
 * Turns a raw {@link Measurement} into a gate's verdict: the no-data policy first, then {@code minSamples} (too few
 * samples never decide), then the bounds (absolute, or relative to the stable's value).
 */
public final class GateJudge {

    private GateJudge() {
    }

    public static GateResult judge(Gate gate, Measurement m) {
        if (m.value() == null && m.sourceVerdict() == null) {
            NoDataPolicy policy = gate.noDataOrDefault();
            GateVerdict v = switch (policy) {
                case Pass -> GateVerdict.Pass;
                case Fail -> GateVerdict.Fail;
                case Inconclusive -> GateVerdict.Inconclusive;
            };
            return result(gate, v, m, null, null, "no data" + detail(m) + " (noData: " + policy + ")");
        }
        long min = gate.minSamplesOrDefault();
        if (min > 0 && (m.samples() == null || m.samples() < min)) {
            String have = m.samples() == null ? "unknown number of samples" : m.samples() + " samples";
            return result(gate, GateVerdict.Inconclusive, m, null, null, have + " < minSamples " + min + detail(m));
        }
        if (gate.evaluation() != null) {
            return result(gate, m.sourceVerdict() == null ? GateVerdict.Inconclusive : m.sourceVerdict(), m, null, null,
                    "evaluation verdict " + m.sourceVerdict() + detail(m));
        }
        if (gate.prometheus() != null) {
            PrometheusGate p = gate.prometheus();
            return bounded(gate, m, p.min(), p.max(), p.maxDecrease(), p.maxIncrease());
        }
        return bounded(gate, m, null, null, null, gate.cost().maxIncrease());
    }

    /** Checks the value against absolute bounds and bounds relative to the baseline, whichever are tighter. */
    private static GateResult bounded(Gate gate, Measurement m, Double min, Double max, Double maxDecrease,
                                      Double maxIncrease) {
        if (m.value() == null) {
            return result(gate, GateVerdict.Inconclusive, m, null, null, "the source gave a verdict but no value");
        }
        boolean relative = maxDecrease != null || maxIncrease != null;
        if (relative && m.baseline() == null) {
            return result(gate, GateVerdict.Inconclusive, m, null, null,
                    "no stable baseline to compare with" + detail(m));
        }
        Double lower = min;
        Double upper = max;
        if (maxDecrease != null) {
            double rel = m.baseline() * (1 - maxDecrease);
            lower = lower == null ? rel : Math.max(lower, rel);
        }
        if (maxIncrease != null) {
            double rel = m.baseline() * (1 + maxIncrease);
            upper = upper == null ? rel : Math.min(upper, rel);
        }
        double v = m.value();
        String base = relative ? " (stable " + fmt(m.baseline()) + ")" : "";
        if (upper != null && v > upper) {
            return result(gate, GateVerdict.Fail, m, lower, upper, fmt(v) + " > upper bound " + fmt(upper) + base);
        }
        if (lower != null && v < lower) {
            return result(gate, GateVerdict.Fail, m, lower, upper, fmt(v) + " < lower bound " + fmt(lower) + base);
        }
        return result(gate, GateVerdict.Pass, m, lower, upper, fmt(v) + " within ["
                + (lower == null ? "-inf" : fmt(lower)) + ", " + (upper == null ? "+inf" : fmt(upper)) + "]" + base);
    }

    private static GateResult result(Gate gate, GateVerdict v, Measurement m, Double lower, Double upper, String msg) {
        return new GateResult(gate.name(), gate.kind(), v, m.value(), m.baseline(), lower, upper, m.samples(), msg);
    }

    private static String detail(Measurement m) {
        return m.detail() == null || m.detail().isBlank() ? "" : ": " + m.detail();
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4g", d);
    }
}
