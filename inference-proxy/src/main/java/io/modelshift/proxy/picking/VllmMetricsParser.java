package io.modelshift.proxy.picking;

/**
 * Reads the few load series the picker needs from vLLM's Prometheus text exposition, in one pass over the text
 * and without allocating per line. Several engines (data-parallel ranks) in one pod are summed for queue sizes and
 * averaged for KV-cache usage. {@code vllm:gpu_cache_usage_perc} (vLLM before 0.11) is used only when the newer
 * {@code vllm:kv_cache_usage_perc} is absent.
 */
public final class VllmMetricsParser {

    private static final String WAITING = "vllm:num_requests_waiting";
    private static final String RUNNING = "vllm:num_requests_running";
    private static final String KV = "vllm:kv_cache_usage_perc";
    private static final String KV_OLD = "vllm:gpu_cache_usage_perc";

    private VllmMetricsParser() {
    }

    /** What a scrape found; {@code kvCacheUsage} is NaN when the pod exposed neither KV-cache series. */
    public record Load(double waiting, double running, double kvCacheUsage, boolean hasQueueSeries) {
    }

    public static Load parse(CharSequence text) {
        double waiting = 0;
        double running = 0;
        double kv = 0;
        int kvCount = 0;
        double kvOld = 0;
        int kvOldCount = 0;
        boolean queueSeries = false;
        int len = text.length();
        int line = 0;
        while (line < len) {
            int eol = line;
            while (eol < len && text.charAt(eol) != '\n') {
                eol++;
            }
            if (eol > line && text.charAt(line) == 'v') {
                int nameEnd = line;
                while (nameEnd < eol && text.charAt(nameEnd) != '{' && text.charAt(nameEnd) != ' ') {
                    nameEnd++;
                }
                int series = series(text, line, nameEnd);
                if (series >= 0) {
                    double value = value(text, afterLabels(text, nameEnd, eol), eol);
                    if (!Double.isNaN(value)) {
                        switch (series) {
                            case 0 -> {
                                waiting += value;
                                queueSeries = true;
                            }
                            case 1 -> {
                                running += value;
                                queueSeries = true;
                            }
                            case 2 -> {
                                kv += value;
                                kvCount++;
                            }
                            default -> {
                                kvOld += value;
                                kvOldCount++;
                            }
                        }
                    }
                }
            }
            line = eol + 1;
        }
        double kvUsage = kvCount > 0 ? kv / kvCount : kvOldCount > 0 ? kvOld / kvOldCount : Double.NaN;
        return new Load(waiting, running, kvUsage, queueSeries);
    }

    private static int series(CharSequence text, int from, int to) {
        if (matches(text, from, to, WAITING)) {
            return 0;
        }
        if (matches(text, from, to, RUNNING)) {
            return 1;
        }
        if (matches(text, from, to, KV)) {
            return 2;
        }
        return matches(text, from, to, KV_OLD) ? 3 : -1;
    }

    private static boolean matches(CharSequence text, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (text.charAt(from + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips a {@code {label="value",...}} block, honouring quotes and escapes inside label values. */
    private static int afterLabels(CharSequence text, int at, int eol) {
        if (at >= eol || text.charAt(at) != '{') {
            return at;
        }
        boolean quoted = false;
        for (int i = at + 1; i < eol; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '}') {
                return i + 1;
            }
        }
        return eol;
    }

    /** The sample value: the first token after the labels (an optional timestamp may follow). */
    private static double value(CharSequence text, int from, int eol) {
        int start = from;
        while (start < eol && text.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < eol && text.charAt(end) != ' ' && text.charAt(end) != '\r') {
            end++;
        }
        if (end == start) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.subSequence(start, end).toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
