package io.modelshift.localstack.report;

import io.modelshift.localstack.report.MigrationReport.BenchmarkRow;
import io.modelshift.localstack.report.MigrationReport.BreakEven;
import io.modelshift.localstack.report.MigrationReport.Cost;
import io.modelshift.localstack.report.MigrationReport.CostOption;
import io.modelshift.localstack.report.MigrationReport.LiveRow;
import io.modelshift.localstack.report.MigrationReport.TimelineEntry;
import io.modelshift.localstack.report.MigrationReport.TrafficPoint;
import io.modelshift.localstack.report.MigrationReport.WeightPoint;

import java.util.ArrayList;
import java.util.List;

/** A complete report with plausible figures, written for the report tests. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    static MigrationReport promoted() {
        List<BenchmarkRow> benchmarks = List.of(
                new BenchmarkRow("gsm8k", 60, 0.55, 0.43, 0.67, 0.93, 0.84, 0.97, 0.38, 0.25, 0.51, 0.00001, true,
                        null),
                new BenchmarkRow("mmlu", 60, 0.52, 0.40, 0.64, 0.80, 0.68, 0.88, 0.28, 0.13, 0.43, 0.0008, true, null),
                new BenchmarkRow("humaneval", 0, 0, 0, 0, 0, 0, 0, null, null, null, null, false,
                        "sandbox unavailable: bwrap is not installed"),
                new BenchmarkRow("jmmlu", 60, 0.45, 0.33, 0.58, 0.63, 0.50, 0.74, 0.18, 0.02, 0.34, 0.04, true, null));
        LiveRow stable = new LiveRow("llama-2-70b", 420, 2, 2 / 420.0, 950, 1400, 210.0, 4.1, 120, 200, 100, java.util.Map.of("http_503", 2L));
        LiveRow canary = new LiveRow("llama-3-70b", 510, 1, 1 / 510.0, 900, 1300, 205.0, 5.0, 140, 260, 130, java.util.Map.of());
        List<double[]> onprem = new ArrayList<>();
        List<double[]> api = new ArrayList<>();
        for (int m = 0; m <= 36; m++) {
            onprem.add(new double[]{m, 60000 + 3000.0 * m});
            api.add(new double[]{m, 7000.0 * m});
        }
        Cost cost = new Cost("measured: 930 client requests over 120 s through the gateway, scaled to a 730-hour month",
                List.of(new CostOption("Llama 3 70B self-hosted", "onprem", 4800.0, 0.61, onprem),
                        new CostOption("Llama 3 70B hosted API", "api", 7000.0, 0.9, api)),
                List.of(new BreakEven("Llama 3 70B self-hosted", "Llama 3 70B hosted API", 15.0, false,
                        "capex / (api monthly - onprem monthly)")), null);
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(0, "2026-11-27T08:00:00Z", "Progressing", 0, 0, "StepStarted", "mirror 50%", null),
                new TimelineEntry(16, "2026-11-27T08:00:16Z", "Progressing", 2, 50, "StepStarted", "weight 50%",
                        "PASS; quality (evaluation) PASS, n=40"),
                new TimelineEntry(60, "2026-11-27T08:01:00Z", "Promoted", 8, 100, "Completed", "all steps done",
                        "PASS; quality (evaluation) PASS, n=200"));
        List<WeightPoint> weights = new ArrayList<>();
        for (int s = 0; s <= 60; s += 2) {
            int w = s < 16 ? 0 : s < 32 ? 50 : s < 44 ? 70 : s < 56 ? 90 : 100;
            weights.add(new WeightPoint(s, w, s > 2 ? (double) w : null, s < 16 ? 50 : 0));
        }
        List<TrafficPoint> traffic = new ArrayList<>();
        for (int s = 0; s <= 60; s += 5) {
            traffic.add(new TrafficPoint(s, "llama-2-70b", Math.max(0, 20 - s / 3), 0));
            traffic.add(new TrafficPoint(s, "llama-3-70b", s / 3, s == 30 ? 1 : 0));
        }
        return new MigrationReport("20261127T080000Z", "good", "2026-11-27T07:58:00Z", "2026-11-27T08:01:30Z",
                "llama-70b", "llama-2-70b", "llama-3-70b",
                Recommender.decide("Promoted", "all steps done", benchmarks, stable, canary), benchmarks,
                List.of(stable, canary), cost, timeline, weights, traffic,
                List.of("Simulated pods: figures come from the simulator's profiles <not real models>."));
    }
}
