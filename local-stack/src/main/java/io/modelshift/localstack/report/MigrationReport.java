package io.modelshift.localstack.report;

import java.util.List;

/**
 * The migration report's content: everything in it was measured in the run (or says that it could not be).
 * Written as JSON as is, and rendered as Markdown and HTML.
 */
public record MigrationReport(String runId, String scenario, String startedAt, String finishedAt, String route,
                             String stable, String canary, Recommendation recommendation,
                             List<BenchmarkRow> benchmarks, List<LiveRow> live, Cost cost,
                             List<TimelineEntry> timeline, List<WeightPoint> weights, List<TrafficPoint> traffic,
                             List<String> notes) {

    public enum Decision { PROMOTE, HOLD, ROLL_BACK }

    /** What to do and the evidence that says so. */
    public record Recommendation(Decision decision, String rolloutPhase, String summary, List<String> reasons) {
    }

    /** One benchmark, stable against canary: accuracies with 95% intervals, paired difference and McNemar p. */
    public record BenchmarkRow(String benchmark, int n, double stableAccuracy, double stableLow, double stableHigh,
                               double canaryAccuracy, double canaryLow, double canaryHigh, Double difference,
                               Double differenceLow, Double differenceHigh, Double pValue, boolean significant,
                               String error) {
    }

    /** Live traffic through the gateway during the rollout, per variant. */
    public record LiveRow(String variant, long requests, long errors, double errorRate, double p50Ms, double p95Ms,
                          Double ttftP50Ms, double requestsPerSecond, double completionTokensPerSecond,
                          long streamed, long japanese, java.util.Map<String, Long> errorKinds) {
    }

    /** The cost service's TCO answer, reduced to what the report shows. */
    public record Cost(String workload, List<CostOption> options, List<BreakEven> breakEvens, String error) {
    }

    public record CostOption(String name, String type, Double monthlyUsd, Double perMillionUsd,
                             List<double[]> cumulative) {
    }

    public record BreakEven(String onPrem, String api, Double months, boolean never, String formula) {
    }

    /** A transition of the rollout (from its status history) with the gate evidence behind it. */
    public record TimelineEntry(double seconds, String at, String phase, int step, int weight, String reason,
                                String message, String evidence) {
    }

    /** Desired and observed canary weight at a moment (seconds since the rollout started). */
    public record WeightPoint(double seconds, double desired, Double observed, int mirror) {
    }

    /** Client requests finished in one time bucket for one variant. */
    public record TrafficPoint(double seconds, String variant, long requests, long errors) {
    }
}
