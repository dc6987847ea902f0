package io.modelshift.evaluation.comparisons;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.modelshift.evaluation.runs.ItemResult;
import io.modelshift.evaluation.runs.RunRecord;
import io.modelshift.evaluation.runs.RunScores;
import io.modelshift.evaluation.stats.Interval;
import io.modelshift.evaluation.stats.McNemar;
import io.modelshift.evaluation.stats.PairedDifference;
import io.modelshift.evaluation.stats.PassAtK;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline against candidate on one benchmark: each side's accuracy with its Wilson 95% interval, and on the items
 * both answered the paired difference (candidate - baseline) with its interval and McNemar's exact p-value, for the
 * primary and the secondary metric, plus pass@k differences when several samples per task were drawn.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comparison(String benchmark, Side baseline, Side candidate, Paired paired, Paired pairedAlt,
                         List<PassAtKDifference> passAtK) {

    static final double ALPHA = 0.05;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Side(String run, String model, int n, double accuracy, Interval interval) {
    }

    /**
     * @param sharedItems  items scored in both runs
     * @param bothRight    a
     * @param baselineOnly b: baseline right, candidate wrong
     * @param candidateOnly c: candidate right, baseline wrong
     * @param bothWrong    d
     * @param difference   (c - b) / n with its 95% interval
     * @param mcnemarP     exact two-sided p-value
     * @param significant  p below 0.05
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Paired(int sharedItems, int bothRight, int baselineOnly, int candidateOnly, int bothWrong,
                         Interval difference, double mcnemarP, boolean significant) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PassAtKDifference(int k, double baseline, double candidate, Interval difference, int tasks) {
    }

    public static Comparison of(RunRecord baselineRun, List<ItemResult> baselineItems, RunRecord candidateRun,
                                List<ItemResult> candidateItems) {
        RunScores b = RunScores.of(baselineItems);
        RunScores c = RunScores.of(candidateItems);
        List<ItemResult> bOk = baselineItems.stream().filter(r -> !r.errored()).toList();
        List<ItemResult> cOk = candidateItems.stream().filter(r -> !r.errored()).toList();
        return new Comparison(baselineRun.spec().benchmark(),
                new Side(baselineRun.id(), baselineRun.spec().model(), b.n(), b.accuracy(), b.interval()),
                new Side(candidateRun.id(), candidateRun.spec().model(), c.n(), c.accuracy(), c.interval()),
                paired(bOk, cOk, false), b.altAccuracy() == null ? null : paired(bOk, cOk, true),
                passAtK(bOk, cOk));
    }

    private static Paired paired(List<ItemResult> baseline, List<ItemResult> candidate, boolean alt) {
        Map<String, Boolean> base = new HashMap<>();
        baseline.stream().filter(r -> r.sample() == 0).forEach(r -> base.put(r.itemId(), score(r, alt)));
        int a = 0;
        int bOnly = 0;
        int cOnly = 0;
        int d = 0;
        List<Double> diffs = new ArrayList<>();
        for (ItemResult r : candidate) {
            Boolean before = r.sample() == 0 ? base.get(r.itemId()) : null;
            if (before == null) {
                continue;
            }
            boolean after = score(r, alt);
            if (before && after) {
                a++;
            } else if (before) {
                bOnly++;
            } else if (after) {
                cOnly++;
            } else {
                d++;
            }
            diffs.add((after ? 1.0 : 0.0) - (before ? 1.0 : 0.0));
        }
        double p = McNemar.exactP(bOnly, cOnly);
        Interval diff = PairedDifference.interval(diffs.stream().mapToDouble(Double::doubleValue).toArray(), ALPHA);
        return new Paired(diffs.size(), a, bOnly, cOnly, d, diff, p, p < ALPHA);
    }

    private static boolean score(ItemResult r, boolean alt) {
        return alt ? Boolean.TRUE.equals(r.altCorrect()) : r.correct();
    }

    private static List<PassAtKDifference> passAtK(List<ItemResult> baseline, List<ItemResult> candidate) {
        Map<String, int[]> b = RunScores.tasks(baseline);
        Map<String, int[]> c = RunScores.tasks(candidate);
        List<String> shared = b.keySet().stream().filter(c::containsKey).toList();
        int minN = shared.stream().mapToInt(t -> Math.min(b.get(t)[0], c.get(t)[0])).min().orElse(0);
        if (minN < 2) {
            return null;
        }
        List<PassAtKDifference> out = new ArrayList<>();
        for (int k : RunScores.ks(minN)) {
            double[] d = new double[shared.size()];
            double sb = 0;
            double sc = 0;
            for (int i = 0; i < shared.size(); i++) {
                int[] nb = b.get(shared.get(i));
                int[] nc = c.get(shared.get(i));
                double pb = PassAtK.estimate(nb[0], nb[1], k);
                double pc = PassAtK.estimate(nc[0], nc[1], k);
                sb += pb;
                sc += pc;
                d[i] = pc - pb;
            }
            out.add(new PassAtKDifference(k, sb / shared.size(), sc / shared.size(),
                    PairedDifference.interval(d, ALPHA), shared.size()));
        }
        return out;
    }
}
