package io.modelshift.localstack.report;

import io.modelshift.localstack.report.MigrationReport.BenchmarkRow;
import io.modelshift.localstack.report.MigrationReport.BreakEven;
import io.modelshift.localstack.report.MigrationReport.CostOption;
import io.modelshift.localstack.report.MigrationReport.LiveRow;
import io.modelshift.localstack.report.MigrationReport.TimelineEntry;
import io.modelshift.localstack.report.MigrationReport.TrafficPoint;
import io.modelshift.localstack.report.MigrationReport.WeightPoint;
import io.modelshift.localstack.report.SvgChart.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.modelshift.localstack.report.SvgChart.esc;

/** The report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no external resources. */
public final class HtmlReport {

    static final String STABLE_COLOR = "#6b7280";
    static final String CANARY_COLOR = "#2563eb";
    static final String ERROR_COLOR = "#dc2626";
    static final List<String> PALETTE = List.of("#2563eb", "#6b7280", "#d97706", "#059669", "#7c3aed");

    private HtmlReport() {
    }

    public static String render(MigrationReport r) {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Migration report</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:1000px;margin:24px auto;padding:0 16px;color:#111}
                table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:4px 8px;
                font-size:13px;text-align:right}th{background:#f3f4f6}td:first-child,th:first-child{text-align:left}
                .decision{font-size:22px;font-weight:bold;padding:8px 12px;display:inline-block;border-radius:6px}
                .PROMOTE{background:#dcfce7}.HOLD{background:#fef9c3}.ROLL_BACK{background:#fee2e2}
                .charts svg{margin:8px 8px 8px 0;border:1px solid #eee}.muted{color:#666;font-size:13px}
                td.text{text-align:left;max-width:420px}
                </style></head><body>
                """);
        h.append("<h1>Migration report: ").append(esc(r.stable())).append(" &rarr; ").append(esc(r.canary()))
                .append("</h1><p class=\"muted\">Route <code>").append(esc(r.route())).append("</code>, scenario <code>")
                .append(esc(r.scenario())).append("</code>, run <code>").append(esc(r.runId())).append("</code>, ")
                .append(esc(r.startedAt())).append(" to ").append(esc(r.finishedAt())).append("</p>");

        h.append("<h2>Recommendation</h2><div id=\"decision\" class=\"decision ")
                .append(r.recommendation().decision().name()).append("\">")
                .append(ReportText.decision(r.recommendation().decision())).append("</div><p>")
                .append(esc(r.recommendation().summary())).append("</p><ul>");
        r.recommendation().reasons().forEach(x -> h.append("<li>").append(esc(x)).append("</li>"));
        h.append("</ul>");

        h.append("<h2>Before and after</h2><h3>Benchmarks (evaluation service)</h3>");
        benchmarks(h, r);
        h.append("<h3>Live traffic through the gateway</h3>");
        live(h, r);
        h.append("<h2>Cost and TCO (cost service)</h2>");
        cost(h, r);
        h.append("<h2>Rollout timeline</h2>");
        timeline(h, r);
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2><ul>");
            r.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
            h.append("</ul>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void benchmarks(StringBuilder h, MigrationReport r) {
        h.append("<table><tr><th>benchmark</th><th>n</th><th>").append(esc(r.stable())).append(" (95% CI)</th><th>")
                .append(esc(r.canary())).append(" (95% CI)</th><th>difference (95% CI)</th><th>McNemar p</th>"
                        + "<th>significant</th></tr>");
        List<BenchmarkRow> measured = new ArrayList<>();
        for (BenchmarkRow b : r.benchmarks()) {
            if (b.error() != null) {
                h.append("<tr><td>").append(esc(b.benchmark())).append("</td><td class=\"text\" colspan=\"6\">"
                        + "not measured: ").append(esc(b.error())).append("</td></tr>");
                continue;
            }
            measured.add(b);
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td>"
                            + "<td>%s</td><td>%s</td></tr>", esc(b.benchmark()), b.n(),
                    ReportText.accuracy(b.stableAccuracy(), b.stableLow(), b.stableHigh()),
                    ReportText.accuracy(b.canaryAccuracy(), b.canaryLow(), b.canaryHigh()), ReportText.difference(b),
                    Recommender.p(b.pValue()), b.significant() ? "yes" : "no"));
        }
        h.append("</table>");
        if (!measured.isEmpty()) {
            List<String> names = measured.stream().map(BenchmarkRow::benchmark).toList();
            h.append("<div class=\"charts\">").append(SvgChart.bars("Accuracy with 95% intervals", names, List.of(
                    Series.bars(r.stable(), STABLE_COLOR, measured.stream().mapToDouble(BenchmarkRow::stableAccuracy)
                                    .toArray(), measured.stream().mapToDouble(BenchmarkRow::stableLow).toArray(),
                            measured.stream().mapToDouble(BenchmarkRow::stableHigh).toArray()),
                    Series.bars(r.canary(), CANARY_COLOR, measured.stream().mapToDouble(BenchmarkRow::canaryAccuracy)
                                    .toArray(), measured.stream().mapToDouble(BenchmarkRow::canaryLow).toArray(),
                            measured.stream().mapToDouble(BenchmarkRow::canaryHigh).toArray())), 1.0, "%"))
                    .append("</div>");
        }
    }

    private static void live(StringBuilder h, MigrationReport r) {
        h.append("<table><tr><th>variant</th><th>requests</th><th>error rate</th><th>p50 latency</th>"
                + "<th>p95 latency</th><th>TTFT p50 (streamed)</th><th>throughput</th><th>tokens/s</th>"
                + "<th>streamed</th><th>Japanese</th></tr>");
        for (LiveRow l : r.live()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%s</td><td>%.0f ms</td>"
                            + "<td>%.0f ms</td><td>%s</td><td>%.2f req/s</td><td>%.1f</td><td>%d</td><td>%d</td></tr>",
                    esc(l.variant()), l.requests(), esc(ReportText.errors(l)), l.p50Ms(), l.p95Ms(),
                    l.ttftP50Ms() == null ? "–" : String.format(Locale.ROOT, "%.0f ms", l.ttftP50Ms()),
                    l.requestsPerSecond(), l.completionTokensPerSecond(), l.streamed(), l.japanese()));
        }
        h.append("</table><div class=\"charts\">");
        if (!r.live().isEmpty()) {
            List<LiveRow> rows = r.live();
            double max = rows.stream().mapToDouble(LiveRow::p95Ms).max().orElse(1) * 1.1;
            h.append(SvgChart.bars("Latency per variant (ms)", rows.stream().map(LiveRow::variant).toList(), List.of(
                    Series.bars("p50", STABLE_COLOR, rows.stream().mapToDouble(LiveRow::p50Ms).toArray(), null, null),
                    Series.bars("p95", CANARY_COLOR, rows.stream().mapToDouble(LiveRow::p95Ms).toArray(), null, null)),
                    Math.max(1, max), " ms"));
        }
        if (!r.traffic().isEmpty()) {
            Map<String, List<double[]>> byVariant = new TreeMap<>();
            List<double[]> errors = new ArrayList<>();
            Map<Double, Long> errorsAt = new TreeMap<>();
            double maxX = 0;
            double maxY = 1;
            for (TrafficPoint p : r.traffic()) {
                byVariant.computeIfAbsent(p.variant(), k -> new ArrayList<>()).add(new double[]{p.seconds(),
                        p.requests()});
                errorsAt.merge(p.seconds(), p.errors(), Long::sum);
                maxX = Math.max(maxX, p.seconds());
                maxY = Math.max(maxY, p.requests());
            }
            errorsAt.forEach((x, e) -> errors.add(new double[]{x, e}));
            List<Series> series = new ArrayList<>();
            int i = 0;
            for (var e : byVariant.entrySet()) {
                String color = e.getKey().equals(r.stable()) ? STABLE_COLOR : e.getKey().equals(r.canary())
                        ? CANARY_COLOR : PALETTE.get(2 + (i++ % 3));
                series.add(Series.line(e.getKey(), color, e.getValue().toArray(double[][]::new), false));
            }
            series.add(Series.line("errors", ERROR_COLOR, errors.toArray(double[][]::new), false));
            h.append(SvgChart.lines("Client requests per 5 s, by variant", series, Math.max(1, maxX), maxY * 1.1,
                    "seconds since the rollout started", ""));
        }
        h.append("</div>");
    }

    private static void cost(StringBuilder h, MigrationReport r) {
        if (r.cost().error() != null) {
            h.append("<p>Not available: ").append(esc(r.cost().error())).append("</p>");
        }
        if (r.cost().workload() != null) {
            h.append("<p class=\"muted\">Workload: ").append(esc(r.cost().workload())).append("</p>");
        }
        if (r.cost().options().isEmpty()) {
            return;
        }
        h.append("<table><tr><th>option</th><th>type</th><th>month 1 (amortised)</th><th>USD per 1M tokens</th></tr>");
        for (CostOption o : r.cost().options()) {
            h.append("<tr><td>").append(esc(o.name())).append("</td><td>").append(esc(o.type())).append("</td><td>")
                    .append(ReportText.usd(o.monthlyUsd())).append("</td><td>").append(ReportText.usd(o.perMillionUsd()))
                    .append("</td></tr>");
        }
        h.append("</table><ul>");
        for (BreakEven b : r.cost().breakEvens()) {
            h.append("<li>Break-even, ").append(esc(b.onPrem())).append(" vs ").append(esc(b.api())).append(": <b>")
                    .append(ReportText.breakEven(b)).append("</b>")
                    .append(b.formula() == null ? "" : " <span class=\"muted\">(" + esc(b.formula()) + ")</span>")
                    .append("</li>");
        }
        h.append("</ul>");
        List<Series> series = new ArrayList<>();
        double maxX = 1;
        double maxY = 1;
        for (int i = 0; i < r.cost().options().size(); i++) {
            CostOption o = r.cost().options().get(i);
            if (o.cumulative().isEmpty()) {
                continue;
            }
            for (double[] p : o.cumulative()) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
            series.add(Series.line(o.name(), PALETTE.get(i % PALETTE.size()), o.cumulative()
                    .toArray(double[][]::new), false));
        }
        if (!series.isEmpty()) {
            h.append("<div class=\"charts\">").append(SvgChart.lines("Cumulative cost (USD, cash)", series, maxX,
                    maxY * 1.05, "months", "$")).append("</div>");
        }
    }

    private static void timeline(StringBuilder h, MigrationReport r) {
        if (!r.weights().isEmpty()) {
            List<WeightPoint> w = r.weights();
            double maxX = Math.max(1, w.getLast().seconds());
            double[][] desired = w.stream().map(p -> new double[]{p.seconds(), p.desired()}).toArray(double[][]::new);
            double[][] observed = w.stream().filter(p -> p.observed() != null)
                    .map(p -> new double[]{p.seconds(), p.observed()}).toArray(double[][]::new);
            double[][] mirror = w.stream().map(p -> new double[]{p.seconds(), p.mirror()}).toArray(double[][]::new);
            h.append("<div class=\"charts\">").append(SvgChart.lines("Canary weight (%)", List.of(
                    Series.line("desired", CANARY_COLOR, desired, true),
                    Series.line("observed", "#059669", observed, false),
                    Series.line("mirror", "#d97706", mirror, true)), maxX, 100, "seconds since the rollout started",
                    "")).append("</div>");
        }
        h.append("<table><tr><th>t (s)</th><th>phase</th><th>step</th><th>weight</th><th>reason</th>"
                + "<th>message</th><th>gate evidence</th></tr>");
        for (TimelineEntry t : r.timeline()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%.0f</td><td>%s</td><td>%d</td><td>%d%%</td>"
                            + "<td class=\"text\">%s</td><td class=\"text\">%s</td><td class=\"text\">%s</td></tr>",
                    t.seconds(), esc(t.phase()), t.step(), t.weight(), esc(t.reason()), esc(t.message()),
                    esc(t.evidence())));
        }
        h.append("</table>");
    }
}
