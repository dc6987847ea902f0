package io.modelshift.localstack.report;

import io.modelshift.localstack.report.MigrationReport.BenchmarkRow;
import io.modelshift.localstack.report.MigrationReport.Decision;
import io.modelshift.localstack.report.MigrationReport.LiveRow;
import io.modelshift.localstack.report.MigrationReport.Recommendation;

import java.util.ArrayList;
import java.util.List;

/**
 * Promote, hold or roll back, from the evidence: the rollout controller's outcome first (it acted on its gates),
 * then the offline benchmarks (a significant regression holds a promoted rollout) and the live error rates.
 */
public final class Recommender {

    private Recommender() {
    }

    public static Recommendation decide(String phase, String phaseMessage, List<BenchmarkRow> benchmarks,
                                        LiveRow stable, LiveRow canary) {
        List<String> reasons = new ArrayList<>();
        List<String> regressions = new ArrayList<>();
        List<String> gains = new ArrayList<>();
        for (BenchmarkRow b : benchmarks) {
            if (b.error() != null || b.difference() == null) {
                continue;
            }
            String line = String.format("%s: %.1f%% -> %.1f%% (difference %+.1f points, 95%% CI %+.1f..%+.1f, "
                            + "McNemar p=%s, n=%d)", b.benchmark(), 100 * b.stableAccuracy(), 100 * b.canaryAccuracy(),
                    100 * b.difference(), 100 * b.differenceLow(), 100 * b.differenceHigh(), p(b.pValue()), b.n());
            if (b.significant() && b.difference() < 0) {
                regressions.add(line);
            } else if (b.significant() && b.difference() > 0) {
                gains.add(line);
            }
        }
        if (stable != null && canary != null && canary.requests() > 0) {
            reasons.add(String.format("live traffic: error rate %.1f%% on %s vs %.1f%% on %s; p95 latency %.0f ms vs "
                            + "%.0f ms", 100 * canary.errorRate(), canary.variant(), 100 * stable.errorRate(),
                    stable.variant(), canary.p95Ms(), stable.p95Ms()));
        }
        Decision decision;
        String summary;
        switch (phase == null ? "" : phase) {
            case "Promoted" -> {
                if (regressions.isEmpty()) {
                    decision = Decision.PROMOTE;
                    summary = "Promote: the canary passed every gate of every step and took all the traffic"
                            + (gains.isEmpty() ? "." : ", and it is significantly better on "
                            + gains.size() + " benchmark(s).");
                } else {
                    decision = Decision.HOLD;
                    summary = "Hold: the rollout was promoted on its live gates, but the benchmarks show a "
                            + "significant regression; review before keeping the canary.";
                }
            }
            case "Aborted" -> {
                decision = Decision.ROLL_BACK;
                summary = "Roll back: the rollout controller aborted the rollout on failing evidence and moved all "
                        + "traffic back to the stable model" + (phaseMessage == null || phaseMessage.isBlank() ? "."
                        : " (" + phaseMessage + ").");
            }
            default -> {
                decision = Decision.HOLD;
                summary = "Hold: the rollout did not reach a decision (phase " + (phase == null || phase.isBlank()
                        ? "unknown" : phase) + ")" + (phaseMessage == null || phaseMessage.isBlank() ? "."
                        : ": " + phaseMessage);
            }
        }
        regressions.forEach(r -> reasons.add("significant regression on " + r));
        gains.forEach(g -> reasons.add("significant improvement on " + g));
        return new Recommendation(decision, phase, summary, reasons);
    }

    static String p(Double p) {
        if (p == null) {
            return "n/a";
        }
        return p < 0.001 ? "<0.001" : String.format("%.3f", p);
    }
}
