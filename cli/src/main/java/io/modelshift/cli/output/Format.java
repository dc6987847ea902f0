package io.modelshift.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** Number formats shared by the tables. */
public final class Format {

    private Format() {
    }

    /** A 0..1 share as a percentage with one decimal, "-" when absent. */
    public static String percent(JsonNode share) {
        return share == null || !share.isNumber() ? "-" : String.format(Locale.ROOT, "%.1f%%", share.asDouble() * 100);
    }

    public static String usd(JsonNode amount) {
        return amount == null || !amount.isNumber() ? "-" : String.format(Locale.ROOT, "$%,.2f", amount.asDouble());
    }

    public static String number(Double value) {
        if (value == null) {
            return "-";
        }
        double abs = Math.abs(value);
        return abs != 0 && (abs < 0.01 || abs >= 1e6) ? String.format(Locale.ROOT, "%.3g", value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", "");
    }
}
