package io.modelshift.evaluation.traffic;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Live metrics per route, variant and time window, computed from stored records. */
public final class LiveMetrics {

    private LiveMetrics() {
    }

    /**
     * @param errorRates    failed share by who failed (client, gateway, upstream)
     * @param tokensPerSecond completion tokens over decode time (latency minus time to first token)
     * @param lengthRate    successes cut by {@code finish_reason: length}
     * @param checks        failure rate of each content check among the records it applied to
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Window(String route, String variant, Instant start, Instant end, int requests, int shadow,
                         Map<String, Double> errorRates, Double ttftP50Ms, Double ttftP95Ms, Double latencyP50Ms,
                         Double latencyP95Ms, Double latencyMeanMs, Double tokensPerSecond, Double lengthRate,
                         Double emptyRate, Map<String, Double> checks) {
    }

    public static List<Window> of(List<StoredRecord> records, Duration window) {
        long size = window.toMillis();
        Map<String, List<StoredRecord>> groups = StoredRecord.withFailedAttempts(records).stream().collect(Collectors.groupingBy(
                r -> r.route() + "\u0000" + r.variant() + "\u0000" + Math.floorDiv(r.time().toEpochMilli(), size),
                TreeMap::new, Collectors.toList()));
        List<Window> out = new ArrayList<>();
        groups.forEach((key, rows) -> {
            String[] parts = key.split("\u0000");
            Instant start = Instant.ofEpochMilli(Long.parseLong(parts[2]) * size);
            out.add(window(parts[0], parts[1], start, start.plus(window), rows));
        });
        return out;
    }

    static Window window(String route, String variant, Instant start, Instant end, List<StoredRecord> rows) {
        int n = rows.size();
        Map<String, Double> errors = new TreeMap<>();
        for (String type : List.of("CLIENT", "GATEWAY", "UPSTREAM")) {
            errors.put(type.toLowerCase(java.util.Locale.ROOT),
                    (double) rows.stream().filter(r -> type.equals(r.errorType())).count() / n);
        }
        List<StoredRecord> ok = rows.stream().filter(StoredRecord::succeeded).toList();
        List<StoredRecord> streamed = ok.stream().filter(StoredRecord::hasTokenTtft).toList();
        double[] ttft = streamed.stream().mapToDouble(StoredRecord::ttftMs).sorted().toArray();
        double[] latency = ok.stream().filter(StoredRecord::ownTiming).mapToDouble(StoredRecord::latencyMs).sorted()
                .toArray();
        double tokens = 0;
        double decodeSeconds = 0;
        // decode speed needs the first token's time: a plain response has none, so only streamed requests count
        for (StoredRecord r : streamed) {
            if (r.completionTokens() > 0) {
                tokens += r.completionTokens();
                decodeSeconds += Math.max(0, r.latencyMs() - r.ttftMs()) / 1000.0;
            }
        }
        Map<String, Double> checks = new TreeMap<>();
        checks.put("language_mismatch", rate(ok, StoredRecord::languageMismatch));
        checks.put("json_invalid", rate(ok, StoredRecord::jsonInvalid));
        checks.put("refusal", rate(ok, StoredRecord::refusal));
        checks.put("degenerate", rate(ok, StoredRecord::degenerate));
        checks.values().removeIf(java.util.Objects::isNull);
        return new Window(route, variant, start, end, n, (int) rows.stream().filter(StoredRecord::shadow).count(),
                errors, quantile(ttft, 0.5), quantile(ttft, 0.95), quantile(latency, 0.5), quantile(latency, 0.95),
                latency.length == 0 ? null : Arrays.stream(latency).average().orElse(0),
                decodeSeconds > 0 ? tokens / decodeSeconds : null,
                share(ok, r -> "length".equals(r.finishReason())), share(ok, r -> Boolean.TRUE.equals(r.empty())),
                checks);
    }

    private static Double share(List<StoredRecord> rows, Predicate<StoredRecord> p) {
        return rows.isEmpty() ? null : (double) rows.stream().filter(p).count() / rows.size();
    }

    private static Double rate(List<StoredRecord> rows, java.util.function.Function<StoredRecord, Boolean> check) {
        List<Boolean> applied = rows.stream().map(check).filter(java.util.Objects::nonNull).toList();
        return applied.isEmpty() ? null : (double) applied.stream().filter(b -> b).count() / applied.size();
    }

    /** Linear-interpolation quantile of sorted values (numpy's default), null when empty. */
    static Double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
