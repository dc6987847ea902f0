package io.modelshift.localstack.report;

import io.modelshift.localstack.report.MigrationReport.BenchmarkRow;
import io.modelshift.localstack.report.MigrationReport.BreakEven;
import io.modelshift.localstack.report.MigrationReport.CostOption;
import io.modelshift.localstack.report.MigrationReport.LiveRow;
import io.modelshift.localstack.report.MigrationReport.TimelineEntry;

import java.util.Locale;

/** The report as Markdown: the same sections as the HTML, tables instead of charts. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(MigrationReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Migration report: ").append(r.stable()).append(" -> ").append(r.canary()).append("\n\n");
        md.append("Route `").append(r.route()).append("`, scenario `").append(r.scenario()).append("`, run `")
                .append(r.runId()).append("` (").append(r.startedAt()).append(" to ").append(r.finishedAt())
                .append(").\n\n");
        md.append("## Recommendation: ").append(ReportText.decision(r.recommendation().decision())).append("\n\n");
        md.append(r.recommendation().summary()).append("\n\n");
        r.recommendation().reasons().forEach(x -> md.append("- ").append(x).append('\n'));
        md.append("\n## Before and after: benchmarks\n\n");
        md.append("| benchmark | n | ").append(r.stable()).append(" (95% CI) | ").append(r.canary())
                .append(" (95% CI) | difference (95% CI) | McNemar p | significant |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (BenchmarkRow b : r.benchmarks()) {
            if (b.error() != null) {
                md.append("| ").append(b.benchmark()).append(" | – | not measured: ").append(one(b.error()))
                        .append(" | | | | |\n");
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", b.benchmark(), b.n(),
                    ReportText.accuracy(b.stableAccuracy(), b.stableLow(), b.stableHigh()),
                    ReportText.accuracy(b.canaryAccuracy(), b.canaryLow(), b.canaryHigh()), ReportText.difference(b),
                    Recommender.p(b.pValue()), b.significant() ? "yes" : "no"));
        }
        md.append("\n## Before and after: live traffic through the gateway\n\n");
        md.append("| variant | requests | error rate | p50 latency | p95 latency | TTFT p50 (streamed) | "
                + "throughput | tokens/s | streamed | Japanese |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LiveRow l : r.live()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.0f ms | %.0f ms | %s | %.2f req/s | "
                            + "%.1f | %d | %d |%n", l.variant(), l.requests(), ReportText.errors(l),
                    l.p50Ms(), l.p95Ms(), l.ttftP50Ms() == null ? "–" : String.format(Locale.ROOT, "%.0f ms",
                            l.ttftP50Ms()), l.requestsPerSecond(), l.completionTokensPerSecond(), l.streamed(),
                    l.japanese()));
        }
        md.append("\n## Cost and TCO (cost service)\n\n");
        if (r.cost().error() != null) {
            md.append("Not available: ").append(one(r.cost().error())).append("\n\n");
        }
        if (r.cost().workload() != null) {
            md.append("Workload: ").append(r.cost().workload()).append(".\n\n");
        }
        if (!r.cost().options().isEmpty()) {
            md.append("| option | type | month 1 (amortised) | USD per 1M tokens |\n|---|---|---:|---:|\n");
            for (CostOption o : r.cost().options()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", o.name(), o.type(),
                        ReportText.usd(o.monthlyUsd()), ReportText.usd(o.perMillionUsd())));
            }
            md.append('\n');
        }
        for (BreakEven b : r.cost().breakEvens()) {
            md.append("- Break-even, ").append(b.onPrem()).append(" vs ").append(b.api()).append(": ")
                    .append(ReportText.breakEven(b)).append('\n');
        }
        md.append("\n## Rollout timeline\n\n| t (s) | phase | step | weight | reason | message | gate evidence |\n"
                + "|---:|---|---:|---:|---|---|---|\n");
        for (TimelineEntry t : r.timeline()) {
            md.append(String.format(Locale.ROOT, "| %.0f | %s | %d | %d%% | %s | %s | %s |%n", t.seconds(), t.phase(),
                    t.step(), t.weight(), one(t.reason()), one(t.message()), one(t.evidence())));
        }
        if (!r.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static String one(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
