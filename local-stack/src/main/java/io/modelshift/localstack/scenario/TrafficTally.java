package io.modelshift.localstack.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the synthetic clients saw, per variant (from the gateway's {@code x-modelshift-variant} answer header):
 * requests, errors, latencies, time to first token, tokens, and a per-second series for the report's charts.
 */
public final class TrafficTally {

    /** One finished client request. */
    public record Outcome(String variant, String tenant, boolean streamed, boolean japanese, boolean error,
                          String errorKind, double latencyMs, Double ttftMs, long promptTokens,
                          long completionTokens, long atMillis) {
    }

    private final long startMillis;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final Map<String, String> errorSamples = new TreeMap<>();

    public TrafficTally(long startMillis) {
        this.startMillis = startMillis;
    }

    public synchronized void add(Outcome o) {
        outcomes.add(o);
    }

    /** Keeps the first message of each error kind, for the report. */
    public synchronized void sampleError(String kind, String message) {
        errorSamples.putIfAbsent(kind, message == null ? "" : message.length() > 300 ? message.substring(0, 300)
                : message);
    }

    public synchronized Map<String, String> errorSamples() {
        return Map.copyOf(errorSamples);
    }

    public synchronized List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public long startMillis() {
        return startMillis;
    }

    /** Requests and errors per variant so far, for the progress line. */
    public synchronized Map<String, long[]> counts() {
        Map<String, long[]> out = new TreeMap<>();
        for (Outcome o : outcomes) {
            long[] c = out.computeIfAbsent(o.variant(), k -> new long[2]);
            c[0]++;
            if (o.error()) {
                c[1]++;
            }
        }
        return out;
    }

    /** Summary statistics of one variant over the outcomes in [fromMillis, toMillis). */
    public synchronized VariantStats stats(String variant, long fromMillis, long toMillis) {
        List<Outcome> sel = outcomes.stream().filter(o -> o.variant().equals(variant)
                && o.atMillis() >= fromMillis && o.atMillis() < toMillis).toList();
        return VariantStats.of(variant, sel, Math.max(1, toMillis - fromMillis) / 1000.0);
    }

    /**
     * @param seconds   the measured window's length, for throughput
     */
    public record VariantStats(String variant, long requests, long errors, double errorRate, double p50Ms,
                               double p95Ms, Double ttftP50Ms, double requestsPerSecond,
                               double completionTokensPerSecond, long streamed, long japanese,
                               Map<String, Long> errorKinds, Map<String, Long> tenants) {

        static VariantStats of(String variant, List<Outcome> sel, double seconds) {
            long errors = sel.stream().filter(Outcome::error).count();
            double[] lat = sel.stream().filter(o -> !o.error()).mapToDouble(Outcome::latencyMs).sorted().toArray();
            double[] ttft = sel.stream().filter(o -> !o.error() && o.ttftMs() != null)
                    .mapToDouble(Outcome::ttftMs).sorted().toArray();
            long tokens = sel.stream().mapToLong(Outcome::completionTokens).sum();
            Map<String, Long> kinds = new TreeMap<>();
            Map<String, Long> tenants = new TreeMap<>();
            for (Outcome o : sel) {
                if (o.error()) {
                    kinds.merge(o.errorKind(), 1L, Long::sum);
                }
                tenants.merge(o.tenant(), 1L, Long::sum);
            }
            return new VariantStats(variant, sel.size(), errors, sel.isEmpty() ? 0 : (double) errors / sel.size(),
                    quantile(lat, 0.5), quantile(lat, 0.95), ttft.length == 0 ? null : quantile(ttft, 0.5),
                    sel.size() / seconds, tokens / seconds, sel.stream().filter(Outcome::streamed).count(),
                    sel.stream().filter(Outcome::japanese).count(), kinds, tenants);
        }
    }

    /** Nearest-rank quantile of sorted values; 0 for none. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
