package io.modelshift.localstack.report;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the HTML report: grouped bars with interval whiskers, and line series. */
public final class SvgChart {

    static final int W = 640;
    static final int H = 260;
    static final int LEFT = 56;
    static final int RIGHT = 150;
    static final int TOP = 28;
    static final int BOTTOM = 36;

    /** One named, coloured series of values (bars) or of (x, y) points (lines). */
    public record Series(String name, String color, double[] values, double[] low, double[] high, double[][] points,
                         boolean stepped) {

        public static Series bars(String name, String color, double[] values, double[] low, double[] high) {
            return new Series(name, color, values, low, high, null, false);
        }

        public static Series line(String name, String color, double[][] points, boolean stepped) {
            return new Series(name, color, null, null, null, points, stepped);
        }
    }

    private SvgChart() {
    }

    public static String bars(String title, List<String> categories, List<Series> series, double yMax, String unit) {
        StringBuilder svg = open(title);
        axes(svg, yMax, unit);
        double plotW = W - LEFT - RIGHT;
        double group = plotW / Math.max(1, categories.size());
        double barW = Math.min(36, group * 0.8 / Math.max(1, series.size()));
        for (int c = 0; c < categories.size(); c++) {
            double gx = LEFT + c * group + (group - barW * series.size()) / 2;
            for (int s = 0; s < series.size(); s++) {
                Series se = series.get(s);
                double v = se.values()[c];
                double x = gx + s * barW;
                double y = y(v, yMax);
                svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                                + "height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>", x, y, barW - 2,
                        y(0, yMax) - y, se.color(), esc(se.name()), esc(categories.get(c)), fmt(v, unit)));
                if (se.low() != null) {
                    double cx = x + (barW - 2) / 2;
                    svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fh8M%.1f %.1fh8\" "
                                    + "stroke=\"#111\" stroke-width=\"1.2\"/>", cx, y(se.low()[c], yMax),
                            y(se.high()[c], yMax), cx - 4, y(se.low()[c], yMax), cx - 4, y(se.high()[c], yMax)));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT + c * group + group / 2, H - BOTTOM + 16, esc(categories.get(c))));
        }
        legend(svg, series);
        return svg.append("</svg>").toString();
    }

    public static String lines(String title, List<Series> series, double xMax, double yMax, String xLabel,
                               String unit) {
        StringBuilder svg = open(title);
        axes(svg, yMax, unit);
        double plotW = W - LEFT - RIGHT;
        for (Series se : series) {
            if (se.points().length == 0) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < se.points().length; i++) {
                double x = LEFT + plotW * se.points()[i][0] / Math.max(1e-9, xMax);
                double y = y(se.points()[i][1], yMax);
                if (i == 0) {
                    d.append(String.format(Locale.ROOT, "M%.1f %.1f", x, y));
                } else if (se.stepped()) {
                    d.append(String.format(Locale.ROOT, "H%.1fV%.1f", x, y));
                } else {
                    d.append(String.format(Locale.ROOT, "L%.1f %.1f", x, y));
                }
            }
            svg.append("<path class=\"series\" fill=\"none\" stroke=\"").append(se.color())
                    .append("\" stroke-width=\"2\" d=\"").append(d).append("\"><title>").append(esc(se.name()))
                    .append("</title></path>");
        }
        for (int i = 0; i <= 4; i++) {
            double xv = xMax * i / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT + plotW * i / 4, H - BOTTOM + 16, fmt(xv, "")));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                LEFT + plotW / 2, H - 4, esc(xLabel)));
        legend(svg, series);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3"
                + ".org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                W, H, W, H, esc(title)));
        svg.append("<style>text{font:11px sans-serif;fill:#333}.t{font-weight:bold;font-size:13px}</style>");
        svg.append(String.format(Locale.ROOT, "<text class=\"t\" x=\"%d\" y=\"16\">%s</text>", LEFT, esc(title)));
        return svg;
    }

    private static void axes(StringBuilder svg, double yMax, String unit) {
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double y = y(v, yMax);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
                            + "stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT,
                    W - RIGHT, y, y, LEFT - 4, y + 4, fmt(v, unit)));
        }
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        for (int i = 0; i < series.size(); i++) {
            int y = TOP + 6 + i * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s<title>%s</title></text>", W - RIGHT + 10, y,
                    series.get(i).color(), W - RIGHT + 28, y + 10, esc(shortName(series.get(i).name())),
                    esc(series.get(i).name())));
        }
    }

    /** Legend labels fit the right margin; the full name is in the tooltip. */
    static String shortName(String name) {
        return name.length() <= 20 ? name : name.substring(0, 19) + "…";
    }

    private static double y(double v, double yMax) {
        double plotH = H - TOP - BOTTOM;
        return TOP + plotH - plotH * Math.max(0, Math.min(v, yMax)) / Math.max(1e-9, yMax);
    }

    static String fmt(double v, String unit) {
        if (unit.equals("%")) {
            return String.format(Locale.ROOT, "%.0f%%", v * 100);
        }
        String n = Math.abs(v) >= 1e6 ? String.format(Locale.ROOT, "%.1fM", v / 1e6)
                : Math.abs(v) >= 1e3 ? String.format(Locale.ROOT, "%.1fk", v / 1e3)
                : String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.1f", v);
        return unit.equals("$") ? "$" + n : n + unit;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
