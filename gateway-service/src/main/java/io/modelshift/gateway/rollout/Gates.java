package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.GateResult;
import io.modelshift.api.rollout.GateVerdict;
import io.modelshift.api.rollout.RolloutDuration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures gates through their probes. A probe that cannot answer gives an {@code Error} result (told apart from a
 * failing value); a gate inside its initial delay gives {@code Inconclusive}.
 */
public class Gates {

    private final Map<String, GateProbe> probes;

    /** @param probes by gate kind: evaluation, prometheus, cost */
    public Gates(Map<String, GateProbe> probes) {
        this.probes = Map.copyOf(probes);
    }

    public List<GateResult> measure(List<Gate> gates, GateContext context) {
        List<GateResult> out = new ArrayList<>(gates.size());
        for (Gate gate : gates) {
            out.add(measure(gate, context));
        }
        return out;
    }

    public GateResult measure(Gate gate, GateContext ctx) {
        Duration delay = RolloutDuration.parse(gate.initialDelay(), Duration.ZERO);
        Instant from = ctx.rolloutStartedAt().plus(delay);
        if (ctx.now().isBefore(from)) {
            return new GateResult(gate.name(), gate.kind(), GateVerdict.Inconclusive, null, null, null, null, null,
                    "initial delay " + gate.initialDelay() + ": measured from " + from);
        }
        GateProbe probe = probes.get(gate.kind());
        if (probe == null) {
            return error(gate, "no probe configured for " + gate.kind() + " gates");
        }
        try {
            Instant since = ctx.since().isBefore(from) ? from : ctx.since();
            return GateJudge.judge(gate, probe.measure(gate, new GateContext(ctx.route(), ctx.stable(), ctx.canary(),
                    since, ctx.rolloutStartedAt(), ctx.now())));
        } catch (MeasurementException e) {
            return error(gate, e.getMessage());
        } catch (RuntimeException e) {
            return error(gate, "measuring failed: " + e);
        }
    }

    private static GateResult error(Gate gate, String message) {
        return new GateResult(gate.name(), gate.kind(), GateVerdict.Error, null, null, null, null, null,
                "could not measure: " + message);
    }

    /** The worst verdict: Fail, then Error, then Inconclusive, then Pass; Pass for none. */
    public static GateVerdict worst(List<GateResult> results) {
        GateVerdict worst = GateVerdict.Pass;
        for (GateResult r : results) {
            if (rank(r.verdict()) > rank(worst)) {
                worst = r.verdict();
            }
        }
        return worst;
    }

    private static int rank(GateVerdict v) {
        return switch (v) {
            case Pass -> 0;
            case Inconclusive -> 1;
            case Error -> 2;
            case Fail -> 3;
        };
    }
}
