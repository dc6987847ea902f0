package io.modelshift.evaluation.reports;

import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: the table, a bar chart of both accuracies with their 95% intervals,
 * and a forest plot of the paired differences around zero. Plain SVG, no scripts, readable without a network.
 */
final class ReportHtml {

    private static final String BASE_COLOUR = "#7a8ca3";
    private static final String CAND_COLOUR = "#2f6fdb";

    private ReportHtml() {
    }

    static String render(ComparisonReport report) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Model comparison: ")
                .append(esc(report.baseline())).append(" vs ").append(esc(report.candidate())).append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.35em .7em;"
                        + "text-align:right}th{background:#f3f5f8}td:first-child,th:first-child{text-align:left}"
                        + ".better{color:#17803d;font-weight:600}.worse{color:#b42318;font-weight:600}"
                        + "figure{margin:1.5em 0}figcaption{font-size:.9em;color:#555}</style></head><body>");
        h.append("<h1>Before / after: ").append(esc(report.baseline())).append(" &rarr; ")
                .append(esc(report.candidate())).append("</h1>");
        h.append("<p>Generated ").append(report.generatedAt()).append(". Accuracies with Wilson 95% intervals; the "
                + "difference is paired on the items both models answered, with a 95% interval and McNemar's exact "
                + "p-value.</p>");
        if (report.rows().isEmpty()) {
            h.append("<p><strong>No benchmark has a finished run for both models.</strong></p></body></html>");
            return h.toString();
        }
        h.append("<table><thead><tr><th>Benchmark</th><th>Baseline</th><th>Candidate</th><th>Difference</th>"
                + "<th>95% interval</th><th>Items</th><th>p (McNemar)</th><th>Significance</th></tr></thead><tbody>");
        for (ComparisonReport.Row r : report.rows()) {
            String css = r.significance().contains("better") ? "better" : r.significance().contains("worse") ? "worse" : "";
            h.append("<tr><td>").append(esc(r.benchmark())).append("</td><td>").append(pct(r.baseline()))
                    .append(" <small>[").append(pct(r.baselineInterval().low())).append(", ")
                    .append(pct(r.baselineInterval().high())).append("]</small></td><td>").append(pct(r.candidate()))
                    .append(" <small>[").append(pct(r.candidateInterval().low())).append(", ")
                    .append(pct(r.candidateInterval().high())).append("]</small></td><td>").append(pp(r.difference()))
                    .append("</td><td>[").append(pp(r.differenceInterval().low())).append(", ")
                    .append(pp(r.differenceInterval().high())).append("]</td><td>").append(r.sharedItems())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.3g", r.pValue())).append("</td><td class=\"")
                    .append(css).append("\">").append(esc(r.significance())).append("</td></tr>");
        }
        h.append("</tbody></table>");
        h.append("<figure>").append(bars(report.rows())).append("<figcaption>Accuracy per benchmark: baseline (grey) "
                + "and candidate (blue), whiskers are Wilson 95% intervals.</figcaption></figure>");
        h.append("<figure>").append(forest(report.rows())).append("<figcaption>Paired difference (candidate - "
                + "baseline) in percentage points with 95% intervals; right of zero is better.</figcaption></figure>");
        return h.append("</body></html>").toString();
    }

    static String bars(List<ComparisonReport.Row> rows) {
        int width = 120 + rows.size() * 110;
        int height = 260;
        int top = 20;
        int plot = 200;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\">");
        for (int tick = 0; tick <= 100; tick += 25) {
            double y = top + plot - plot * tick / 100.0;
            s.append(line(50, y, width - 10, y, "#e5e7eb")).append(text(44, y + 4, tick + "%", "end"));
        }
        for (int i = 0; i < rows.size(); i++) {
            ComparisonReport.Row r = rows.get(i);
            double x = 70 + i * 110;
            s.append(bar(x, top, plot, r.baseline(), r.baselineInterval().low(), r.baselineInterval().high(), BASE_COLOUR));
            s.append(bar(x + 42, top, plot, r.candidate(), r.candidateInterval().low(), r.candidateInterval().high(),
                    CAND_COLOUR));
            s.append(text(x + 40, top + plot + 20, r.benchmark(), "middle"));
        }
        return s.append("</svg>").toString();
    }

    private static String bar(double x, int top, int plot, double value, double low, double high, String colour) {
        double y = top + plot - plot * value;
        double mid = x + 18;
        return "<rect x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"36\" height=\"" + f(plot * value) + "\" fill=\""
                + colour + "\"><title>" + pct(value) + "</title></rect>"
                + line(mid, top + plot - plot * low, mid, top + plot - plot * high, "#111");
    }

    static String forest(List<ComparisonReport.Row> rows) {
        double span = 0.05;
        for (ComparisonReport.Row r : rows) {
            span = Math.max(span, Math.max(Math.abs(r.differenceInterval().low()), Math.abs(r.differenceInterval().high())));
        }
        span = Math.min(1, span * 1.1);
        int width = 520;
        int left = 120;
        int plot = 360;
        int height = 40 + rows.size() * 34;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\">");
        double zero = left + plot / 2.0;
        s.append(line(zero, 10, zero, height - 20, "#999"));
        s.append(text(left, height - 5, pp(-span), "middle")).append(text(zero, height - 5, "0", "middle"))
                .append(text(left + plot, height - 5, pp(span), "middle"));
        for (int i = 0; i < rows.size(); i++) {
            ComparisonReport.Row r = rows.get(i);
            double y = 25 + i * 34;
            double lo = zero + plot / 2.0 * clamp(r.differenceInterval().low() / span);
            double hi = zero + plot / 2.0 * clamp(r.differenceInterval().high() / span);
            double at = zero + plot / 2.0 * clamp(r.difference() / span);
            String colour = r.significance().contains("worse") ? "#b42318" : r.significance().contains("better")
                    ? "#17803d" : "#444";
            s.append(text(left - 10, y + 4, r.benchmark(), "end")).append(line(lo, y, hi, y, colour))
                    .append("<circle cx=\"").append(f(at)).append("\" cy=\"").append(f(y)).append("\" r=\"5\" fill=\"")
                    .append(colour).append("\"><title>").append(pp(r.difference())).append("</title></circle>");
        }
        return s.append("</svg>").toString();
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\""
                + colour + "\" stroke-width=\"2\"/>";
    }

    private static String text(double x, double y, String text, String anchor) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"12\" text-anchor=\"" + anchor + "\">" + esc(text)
                + "</text>";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String pp(double v) {
        return String.format(Locale.ROOT, "%+.1f pp", 100 * v);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
