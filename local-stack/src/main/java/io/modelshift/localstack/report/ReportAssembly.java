package io.modelshift.localstack.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.localstack.report.MigrationReport.BenchmarkRow;
import io.modelshift.localstack.report.MigrationReport.BreakEven;
import io.modelshift.localstack.report.MigrationReport.Cost;
import io.modelshift.localstack.report.MigrationReport.CostOption;
import io.modelshift.localstack.report.MigrationReport.LiveRow;
import io.modelshift.localstack.report.MigrationReport.TimelineEntry;
import io.modelshift.localstack.report.MigrationReport.TrafficPoint;
import io.modelshift.localstack.report.MigrationReport.WeightPoint;
import io.modelshift.localstack.scenario.BenchmarkPhase;
import io.modelshift.localstack.scenario.CostPhase;
import io.modelshift.localstack.scenario.RolloutWatch;
import io.modelshift.localstack.scenario.TrafficTally;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns what the scenario measured (service answers, client outcomes, rollout statuses) into the report. */
public final class ReportAssembly {

    static final long BUCKET_MILLIS = 5000;

    private ReportAssembly() {
    }

    public static List<BenchmarkRow> benchmarks(List<BenchmarkPhase.Result> results) {
        List<BenchmarkRow> rows = new ArrayList<>();
        for (BenchmarkPhase.Result r : results) {
            JsonNode c = r.comparison();
            if (c == null) {
                rows.add(new BenchmarkRow(r.benchmark(), 0, 0, 0, 0, 0, 0, 0, null, null, null, null, false,
                        r.error()));
                continue;
            }
            JsonNode b = c.path("baseline");
            JsonNode k = c.path("candidate");
            JsonNode p = c.path("paired");
            boolean paired = p.isObject();
            rows.add(new BenchmarkRow(r.benchmark(), Math.min(b.path("n").asInt(), k.path("n").asInt()),
                    b.path("accuracy").asDouble(), b.path("interval").path("low").asDouble(),
                    b.path("interval").path("high").asDouble(), k.path("accuracy").asDouble(),
                    k.path("interval").path("low").asDouble(), k.path("interval").path("high").asDouble(),
                    paired ? p.path("difference").path("estimate").asDouble() : null,
                    paired ? p.path("difference").path("low").asDouble() : null,
                    paired ? p.path("difference").path("high").asDouble() : null,
                    paired ? p.path("mcnemar_p").asDouble() : null, paired && p.path("significant").asBoolean(),
                    null));
        }
        return rows;
    }

    public static LiveRow live(TrafficTally.VariantStats s) {
        return new LiveRow(s.variant(), s.requests(), s.errors(), s.errorRate(), s.p50Ms(), s.p95Ms(), s.ttftP50Ms(),
                s.requestsPerSecond(), s.completionTokensPerSecond(), s.streamed(), s.japanese(), s.errorKinds());
    }

    public static Cost cost(CostPhase.Result result) {
        if (result == null) {
            return new Cost(null, List.of(), List.of(), "the cost phase did not run");
        }
        String workload = result.scenario().path("workload").path("source").asText(null);
        if (result.tco() == null) {
            return new Cost(workload, List.of(), List.of(), result.error());
        }
        List<CostOption> options = new ArrayList<>();
        for (JsonNode o : result.tco().path("options")) {
            Double blended = null;
            for (JsonNode u : o.path("perMillion")) {
                if (u.hasNonNull("blended")) {
                    blended = u.path("blended").asDouble();
                    break;
                }
            }
            List<double[]> cumulative = new ArrayList<>();
            for (JsonNode m : o.path("cumulative")) {
                cumulative.add(new double[]{m.path("month").asDouble(), m.path("cumulativeCash").asDouble()});
            }
            options.add(new CostOption(o.path("name").asText(), o.path("type").asText(),
                    o.path("month1").hasNonNull("amortised") ? o.path("month1").path("amortised").asDouble() : null,
                    blended, cumulative));
        }
        List<BreakEven> breakEvens = new ArrayList<>();
        for (JsonNode c : result.tco().path("comparisons")) {
            JsonNode be = c.path("breakEven");
            breakEvens.add(new BreakEven(c.path("onPrem").asText(), c.path("api").asText(),
                    be.hasNonNull("months") ? be.path("months").asDouble() : null, be.path("never").asBoolean(),
                    be.path("formula").asText(null)));
        }
        return new Cost(workload, options, breakEvens, null);
    }

    /** The status history, each transition with the gate evidence of the analysis closest before it. */
    public static List<TimelineEntry> timeline(JsonNode finalStatus, List<RolloutWatch.Snapshot> snapshots,
                                               long startMillis) {
        List<TimelineEntry> out = new ArrayList<>();
        for (JsonNode t : finalStatus.path("history")) {
            String at = t.path("at").asText();
            long millis = parse(at, startMillis);
            out.add(new TimelineEntry((millis - startMillis) / 1000.0, at, t.path("phase").asText(),
                    t.path("step").asInt(), t.path("weight").asInt(), t.path("reason").asText(null),
                    t.path("message").asText(null), evidenceBefore(snapshots, millis)));
        }
        return out;
    }

    private static String evidenceBefore(List<RolloutWatch.Snapshot> snapshots, long millis) {
        String evidence = null;
        for (RolloutWatch.Snapshot s : snapshots) {
            if (s.atMillis() > millis + 1500) {
                break;
            }
            JsonNode a = s.status().path("lastAnalysis");
            if (a.isObject()) {
                evidence = gates(a);
            }
        }
        return evidence;
    }

    static String gates(JsonNode analysis) {
        StringBuilder b = new StringBuilder(analysis.path("verdict").asText("?"));
        for (JsonNode g : analysis.path("gates")) {
            b.append("; ").append(g.path("gate").asText()).append(" (").append(g.path("kind").asText()).append(") ")
                    .append(g.path("verdict").asText());
            if (g.hasNonNull("value")) {
                b.append(String.format(" value %.4g", g.path("value").asDouble()));
            }
            if (g.hasNonNull("baseline")) {
                b.append(String.format(" vs baseline %.4g", g.path("baseline").asDouble()));
            }
            if (g.hasNonNull("samples")) {
                b.append(", n=").append(g.path("samples").asLong());
            }
            if (g.hasNonNull("message")) {
                b.append(": ").append(g.path("message").asText());
            }
        }
        return b.toString();
    }

    public static List<WeightPoint> weights(List<RolloutWatch.Snapshot> snapshots, long startMillis) {
        return snapshots.stream().map(s -> new WeightPoint((s.atMillis() - startMillis) / 1000.0,
                s.status().path("desiredWeight").asDouble(0),
                s.status().hasNonNull("observedWeight") ? s.status().path("observedWeight").asDouble() : null,
                s.status().path("mirrorPercent").asInt(0))).toList();
    }

    public static List<TrafficPoint> traffic(List<TrafficTally.Outcome> outcomes, long startMillis) {
        Map<Long, Map<String, long[]>> buckets = new TreeMap<>();
        for (TrafficTally.Outcome o : outcomes) {
            long bucket = Math.max(0, (o.atMillis() - startMillis) / BUCKET_MILLIS);
            long[] c = buckets.computeIfAbsent(bucket, k -> new TreeMap<>())
                    .computeIfAbsent(o.variant(), k -> new long[2]);
            c[0]++;
            if (o.error()) {
                c[1]++;
            }
        }
        List<TrafficPoint> out = new ArrayList<>();
        buckets.forEach((bucket, byVariant) -> byVariant.forEach((variant, c) -> out.add(
                new TrafficPoint(bucket * BUCKET_MILLIS / 1000.0, variant, c[0], c[1]))));
        return out;
    }

    private static long parse(String at, long fallback) {
        try {
            return Instant.parse(at).toEpochMilli();
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
