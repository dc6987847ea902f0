package io.modelshift.evaluation.runs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.modelshift.evaluation.stats.Interval;
import io.modelshift.evaluation.stats.PassAtK;
import io.modelshift.evaluation.stats.Wilson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The scores of a run's finished items: accuracy (the first sample of each item) with its Wilson 95% interval,
 * the secondary metric (GSM8K flexible-extract), per-subject accuracy with micro and macro averages, and pass@k for
 * every k up to the samples per item (unbiased estimator, mean over tasks).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunScores(int n, int correct, double accuracy, Interval interval, Double altAccuracy,
                        Interval altInterval, Map<String, SubjectScore> subjects, double microAverage,
                        double macroAverage, Map<Integer, Double> passAtK) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SubjectScore(int n, int correct, double accuracy) {
    }

    public static RunScores of(List<ItemResult> results) {
        List<ItemResult> ok = results.stream().filter(r -> !r.errored()).toList();
        List<ItemResult> first = ok.stream().filter(r -> r.sample() == 0).toList();
        int correct = (int) first.stream().filter(ItemResult::correct).count();
        Interval interval = Wilson.interval(correct, first.size(), 0.05);
        List<ItemResult> withAlt = first.stream().filter(r -> r.altCorrect() != null).toList();
        Double alt = null;
        Interval altInterval = null;
        if (!withAlt.isEmpty()) {
            long altCorrect = withAlt.stream().filter(ItemResult::altCorrect).count();
            altInterval = Wilson.interval(altCorrect, withAlt.size(), 0.05);
            alt = altInterval.estimate();
        }
        Map<String, SubjectScore> subjects = new TreeMap<>();
        first.stream().collect(Collectors.groupingBy(ItemResult::subject)).forEach((subject, rows) -> {
            int c = (int) rows.stream().filter(ItemResult::correct).count();
            subjects.put(subject, new SubjectScore(rows.size(), c, (double) c / rows.size()));
        });
        double macro = subjects.values().stream().mapToDouble(SubjectScore::accuracy).average().orElse(Double.NaN);
        return new RunScores(first.size(), correct, first.isEmpty() ? Double.NaN : (double) correct / first.size(),
                interval, alt, altInterval, subjects, first.isEmpty() ? Double.NaN : (double) correct / first.size(),
                macro, passAtK(ok));
    }

    /** Per task: (samples, correct samples). */
    public static Map<String, int[]> tasks(List<ItemResult> ok) {
        Map<String, int[]> tasks = new LinkedHashMap<>();
        for (ItemResult r : ok) {
            int[] nc = tasks.computeIfAbsent(r.itemId(), k -> new int[2]);
            nc[0]++;
            nc[1] += r.correct() ? 1 : 0;
        }
        return tasks;
    }

    /** pass@k for k = 1, 2, 5, 10, 20, 50, 100 up to the smallest sample count over tasks. */
    static Map<Integer, Double> passAtK(List<ItemResult> ok) {
        Map<String, int[]> tasks = tasks(ok);
        Map<Integer, Double> out = new TreeMap<>();
        int minN = tasks.values().stream().mapToInt(nc -> nc[0]).min().orElse(0);
        for (int k : ks(minN)) {
            out.put(k, tasks.values().stream().mapToDouble(nc -> PassAtK.estimate(nc[0], nc[1], k)).average()
                    .orElse(Double.NaN));
        }
        return out;
    }

    public static List<Integer> ks(int minN) {
        List<Integer> ks = new ArrayList<>();
        for (int k : new int[]{1, 2, 5, 10, 20, 50, 100}) {
            if (k <= minN) {
                ks.add(k);
            }
        }
        return ks;
    }
}
