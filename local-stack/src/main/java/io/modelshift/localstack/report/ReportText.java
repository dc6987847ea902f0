package io.modelshift.localstack.report;

import io.modelshift.localstack.report.MigrationReport.BenchmarkRow;
import io.modelshift.localstack.report.MigrationReport.BreakEven;
import io.modelshift.localstack.report.MigrationReport.Decision;

import java.util.Locale;

/** Number formats shared by the Markdown and HTML renderings. */
final class ReportText {

    private ReportText() {
    }

    static String decision(Decision d) {
        return switch (d) {
            case PROMOTE -> "PROMOTE";
            case HOLD -> "HOLD";
            case ROLL_BACK -> "ROLL BACK";
        };
    }

    static String accuracy(double value, double low, double high) {
        return String.format(Locale.ROOT, "%.1f%% (%.1f–%.1f)", 100 * value, 100 * low, 100 * high);
    }

    static String difference(BenchmarkRow b) {
        return b.difference() == null ? "–" : String.format(Locale.ROOT, "%+.1f pts (%+.1f..%+.1f)",
                100 * b.difference(), 100 * b.differenceLow(), 100 * b.differenceHigh());
    }

    /** "2.0% (3: http_503 x2, io x1)". */
    static String errors(MigrationReport.LiveRow l) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.1f%% (%d", 100 * l.errorRate(),
                l.errors()));
        if (l.errorKinds() != null && !l.errorKinds().isEmpty()) {
            b.append(": ");
            l.errorKinds().forEach((k, n) -> b.append(k).append(" x").append(n).append(", "));
            b.setLength(b.length() - 2);
        }
        return b.append(')').toString();
    }

    static String usd(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "$%,.2f", v);
    }

    static String breakEven(BreakEven b) {
        if (b.never()) {
            return "never pays back over the horizon";
        }
        return b.months() == null ? "n/a" : String.format(Locale.ROOT, "%.1f months", b.months());
    }
}
