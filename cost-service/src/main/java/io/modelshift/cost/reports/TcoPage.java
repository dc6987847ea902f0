package io.modelshift.cost.reports;

import io.modelshift.cost.tco.CostLine;
import io.modelshift.cost.tco.ScenarioResult;
import io.modelshift.cost.tco.ScenarioResult.Comparison;
import io.modelshift.cost.tco.ScenarioResult.MonthPoint;
import io.modelshift.cost.tco.ScenarioResult.OptionResult;
import io.modelshift.cost.tco.ScenarioResult.SensitivityRow;
import io.modelshift.cost.tco.UnitCost;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The TCO report as one self-contained HTML page: comparison table, break-even chart (inline SVG), details. */
public final class TcoPage {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private TcoPage() {
    }

    public static String render(ScenarioResult r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TCO: ").append(esc(r.name()))
                .append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}.warn{color:#a33}"
                        + "small{color:#666}</style></head><body>");
        h.append("<h1>TCO: ").append(esc(r.name())).append("</h1>");
        h.append("<p>Workload: <b>").append(num(r.workload().tokensPerMonth())).append("</b> tokens/month (")
                .append(esc(r.workload().derivation())).append("), input share ")
                .append(pct(r.workload().inputShare() * 100)).append(", growth ")
                .append(pct(r.workload().monthlyGrowth() * 100)).append("/month")
                .append(r.workload().source() == null ? "" : "; source: " + esc(r.workload().source()))
                .append(". One month = ").append(num(r.hoursPerMonth())).append(" h. Target utilisation ")
                .append(pct(r.targetUtilisation() * 100)).append(". Evaluated ").append(r.evaluatedOn())
                .append(".</p>");
        comparisonTable(h, r);
        h.append("<h2>Cumulative cash cost and break-even</h2>").append(chart(r));
        breakEvenTable(h, r);
        if (!r.warnings().isEmpty()) {
            h.append("<h2>Warnings</h2><ul>");
            r.warnings().forEach(w -> h.append("<li class=\"warn\">").append(esc(w)).append("</li>"));
            h.append("</ul>");
        }
        costLines(h, r);
        sensitivity(h, r);
        h.append("</body></html>");
        return h.toString();
    }

    private static void comparisonTable(StringBuilder h, ScenarioResult r) {
        h.append("<h2>Comparison</h2><table><tr><th class=\"l\">option</th><th>month 1 (amortised)</th>"
                + "<th>first year cash</th><th>first year amortised</th><th>$/1M in</th><th>$/1M out</th>"
                + "<th>$/1M blended</th><th>utilisation (throughput)</th><th>utilisation (time)</th></tr>");
        for (OptionResult o : r.options()) {
            UnitCost u = o.perMillion().get(0);
            h.append("<tr><td class=\"l\">").append(esc(o.name())).append(" <small>").append(o.type())
                    .append("</small></td><td>").append(usd(o.month1().amortised())).append("</td><td>")
                    .append(usd(o.firstYear().cash())).append("</td><td>").append(usd(o.firstYear().amortised()))
                    .append("</td><td>").append(usd(u.input())).append("</td><td>").append(usd(u.output()))
                    .append("</td><td>").append(usd(u.blended())).append("</td><td>")
                    .append(o.utilisation() == null ? "–" : pct(o.utilisation().throughputBased().percent()))
                    .append("</td><td>").append(o.utilisation() == null || o.utilisation().timeBased() == null ? "–"
                            : pct(o.utilisation().timeBased().percent())).append("</td></tr>");
            if (o.perMillion().size() > 1) {
                for (UnitCost other : o.perMillion().subList(1, o.perMillion().size())) {
                    h.append("<tr><td class=\"l\"><small>&nbsp;&nbsp;at ").append(esc(other.basis()))
                            .append("</small></td><td></td><td></td><td></td><td>").append(usd(other.input()))
                            .append("</td><td>").append(usd(other.output())).append("</td><td>")
                            .append(usd(other.blended())).append("</td><td>").append(other.utilisation() == null ? "–" : pct(other.utilisation() * 100))
                            .append("</td><td></td></tr>");
                }
            }
        }
        h.append("</table><small>Self-hosted $/1M: the first row is at the measured utilisation; output tokens cost ")
                .append(num(r.outputWeight())).append("× input tokens in GPU time.</small>");
    }

    private static void breakEvenTable(StringBuilder h, ScenarioResult r) {
        if (r.comparisons().isEmpty()) {
            return;
        }
        h.append("<table><tr><th class=\"l\">self-hosted</th><th class=\"l\">vs API</th><th>break-even month</th>"
                + "<th>break-even volume (tokens/month)</th><th>month-1 saving</th><th class=\"l\">how</th></tr>");
        for (Comparison c : r.comparisons()) {
            h.append("<tr><td class=\"l\">").append(esc(c.onPrem())).append("</td><td class=\"l\">")
                    .append(esc(c.api())).append("</td><td>")
                    .append(c.breakEven().never() ? "never" : num(c.breakEven().months()) + " (month "
                            + c.breakEven().month() + ")").append("</td><td>")
                    .append(c.breakEvenVolume().never() ? "never" : num(c.breakEvenVolume().tokensPerMonth()))
                    .append("</td><td>").append(pct(c.monthlySaving().percent())).append(" <small>(")
                    .append(usd(c.monthlySaving().numerator())).append(" / ").append(usd(c.monthlySaving().denominator()))
                    .append(")</small></td><td class=\"l\"><small>").append(esc(c.breakEven().formula()))
                    .append("</small></td></tr>");
        }
        h.append("</table>");
    }

    private static void costLines(StringBuilder h, ScenarioResult r) {
        h.append("<h2>Month 1 cost lines</h2><table><tr><th class=\"l\">option</th><th class=\"l\">item</th>"
                + "<th>USD</th><th class=\"l\">formula</th></tr>");
        for (OptionResult o : r.options()) {
            for (CostLine l : o.month1().lines()) {
                h.append("<tr><td class=\"l\">").append(esc(o.name())).append("</td><td class=\"l\">")
                        .append(esc(l.item())).append("</td><td>").append(usd(l.usd()))
                        .append("</td><td class=\"l\"><small>").append(esc(l.formula())).append("</small></td></tr>");
            }
            if (o.price() != null) {
                h.append("<tr><td></td><td class=\"l\" colspan=\"3\"><small>price source: ")
                        .append(esc(String.valueOf(o.price().source()))).append(", as of ")
                        .append(o.price().asOf()).append("</small></td></tr>");
            }
        }
        h.append("</table>");
    }

    private static void sensitivity(StringBuilder h, ScenarioResult r) {
        if (r.sensitivity().isEmpty()) {
            return;
        }
        List<String> pairs = List.copyOf(r.sensitivity().get(0).breakEvenMonths().keySet());
        List<String> onPrem = List.copyOf(r.sensitivity().get(0).onPremPerMillion().keySet());
        h.append("<h2>Sensitivity</h2><table><tr><th class=\"l\">input</th><th>×</th>");
        onPrem.forEach(n -> h.append("<th>").append(esc(n)).append(" $/1M</th>"));
        pairs.forEach(p -> h.append("<th>break-even months: ").append(esc(p)).append("</th>"));
        h.append("</tr>");
        for (SensitivityRow row : r.sensitivity()) {
            h.append("<tr><td class=\"l\">").append(esc(row.factor())).append("</td><td>").append(num(row.multiplier()))
                    .append("</td>");
            onPrem.forEach(n -> h.append("<td>").append(usd(row.onPremPerMillion().get(n))).append("</td>"));
            for (String p : pairs) {
                Double m = row.breakEvenMonths().get(p);
                h.append("<td>").append(m == null ? "never" : num(m)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    /** Cumulative cash per option over the horizon; break-even points marked where a self-hosted line crosses. */
    static String chart(ScenarioResult r) {
        int w = 900;
        int hgt = 380;
        int left = 90;
        int right = 220;
        int top = 20;
        int bottom = 40;
        int months = r.options().get(0).cumulative().size();
        double max = 1;
        for (OptionResult o : r.options()) {
            for (MonthPoint p : o.cumulative()) {
                max = Math.max(max, p.cumulativeCash());
            }
            max = Math.max(max, o.capex());
        }
        double yMax = niceCeiling(max);
        double plotW = w - left - right;
        double plotH = hgt - top - bottom;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(hgt)
                .append("\" role=\"img\" aria-label=\"cumulative cost by month\" font-size=\"12\">");
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            double y = top + plotH - plotH * i / 5;
            s.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", left, y, left + plotW, y));
            s.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 6, y + 4, usd(v)));
        }
        int step = months <= 12 ? 1 : months <= 36 ? 6 : 12;
        for (int m = 0; m <= months; m += step) {
            double x = left + plotW * m / months;
            s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>", x, hgt - bottom + 16, m));
        }
        s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">month</text>", left + plotW / 2, hgt - 6));
        s.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>", left, top, left, top + plotH));
        s.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", left, top + plotH,
                left + plotW, top + plotH));
        int i = 0;
        for (OptionResult o : r.options()) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder pts = new StringBuilder(f("%.1f,%.1f", (double) left, top + plotH - plotH * o.capex() / yMax));
            for (MonthPoint p : o.cumulative()) {
                pts.append(f(" %.1f,%.1f", left + plotW * p.month() / months,
                        top + plotH - plotH * p.cumulativeCash() / yMax));
            }
            s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\"")
                    .append(o.type().equals("onprem") ? "" : " stroke-dasharray=\"6 3\"").append(" points=\"")
                    .append(pts).append("\"><title>").append(esc(o.name())).append("</title></polyline>");
            double ly = top + 14 + 18 * i;
            s.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>",
                    left + plotW + 10, ly - 4, left + plotW + 30, ly - 4, colour));
            s.append(f("<text x=\"%.1f\" y=\"%.1f\">", left + plotW + 34, ly)).append(esc(shorten(o.name())))
                    .append("</text>");
            i++;
        }
        Map<String, OptionResult> byName = new java.util.HashMap<>();
        r.options().forEach(o -> byName.put(o.name(), o));
        for (Comparison c : r.comparisons()) {
            Double at = c.breakEven().months();
            if (at == null || at > months) {
                continue;
            }
            double y = cashAt(byName.get(c.onPrem()), at);
            double x = left + plotW * at / months;
            double py = top + plotH - plotH * y / yMax;
            s.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"none\" stroke=\"#000\"/>", x, py));
            s.append(f("<text x=\"%.1f\" y=\"%.1f\">", x + 7, py - 7)).append("break-even vs ")
                    .append(esc(shorten(c.api()))).append(f(": %.1f mo", at)).append("</text>");
        }
        s.append("</svg>");
        return s.toString();
    }

    private static double cashAt(OptionResult o, double month) {
        List<MonthPoint> pts = o.cumulative();
        int m = (int) Math.floor(month);
        double before = m == 0 ? o.capex() : pts.get(Math.min(m, pts.size()) - 1).cumulativeCash();
        if (m >= pts.size()) {
            return before;
        }
        double after = pts.get(m).cumulativeCash();
        return before + (after - before) * (month - m);
    }

    static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= v) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 30) + "…";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String usd(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        if (v.isInfinite()) {
            return "∞";
        }
        if (v == 0) {
            return "$0";
        }
        return Math.abs(v) >= 100 ? f("$%,.0f", v) : Math.abs(v) >= 1 ? f("$%,.2f", v) : f("$%.4f", v);
    }

    private static String pct(double v) {
        return f("%.1f%%", v);
    }

    private static String num(double v) {
        return Math.abs(v) >= 1000 ? f("%,.0f", v) : f("%.2f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
