package io.modelshift.evaluation.verdicts;

import io.modelshift.evaluation.judge.JudgementStore;
import io.modelshift.evaluation.stats.ConfidenceSequence;
import io.modelshift.evaluation.stats.Interval;
import io.modelshift.evaluation.stats.Moments;
import io.modelshift.evaluation.stats.Multiplicity;
import io.modelshift.evaluation.stats.Wilson;
import io.modelshift.evaluation.traffic.StoredRecord;
import org.apache.commons.math3.special.Beta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides PASS / FAIL / INCONCLUSIVE for a candidate variant against the baseline on live traffic.
 *
 * <ul>
 *   <li>Every interval is an anytime-valid confidence sequence ({@link ConfidenceSequence}), so the controller may
 *       ask every minute without inflating false rollbacks.</li>
 *   <li>PASS: enough samples, and every check non-inferior (its interval on the good side of its margin). Requiring
 *       all of them is an intersection-union test: no correction is needed for PASS.</li>
 *   <li>FAIL: some check is significantly worse than its margin after Holm (or Benjamini-Hochberg) across checks,
 *       using anytime-valid p-values; the error-count check tests equal error rates with an mSPRT that uses the
 *       measured traffic share, not the configured weight.</li>
 *   <li>INCONCLUSIVE otherwise, or below the minimum sample size.</li>
 * </ul>
 */
public final class VerdictEngine {

    private final VerdictSettings settings;

    public VerdictEngine(VerdictSettings settings) {
        this.settings = settings;
    }

    public Verdict decide(String route, String baseline, String candidate, Instant since, List<StoredRecord> records,
                          List<JudgementStore.Row> judged) {
        double alpha = settings.alpha();
        List<StoredRecord> requests = StoredRecord.withFailedAttempts(records);
        List<StoredRecord> b = requests.stream().filter(r -> baseline.equals(r.variant())).toList();
        List<StoredRecord> c = requests.stream().filter(r -> candidate.equals(r.variant())).toList();
        VerdictSettings.Margins margins = settings.margins();
        List<Check> checks = new ArrayList<>();
        List<Boolean> countTest = new ArrayList<>();
        add(checks, countTest, rate("error_rate", b, c, r -> true, StoredRecord::serverError, margins.errorRate(), null));
        add(checks, countTest, rate("length_rate", b, c, StoredRecord::succeeded,
                r -> "length".equals(r.finishReason()), margins.lengthRate(), null));
        add(checks, countTest, rate("empty_rate", b, c, StoredRecord::succeeded,
                r -> Boolean.TRUE.equals(r.empty()), margins.emptyRate(), null));
        Predicate<StoredRecord> checked = r -> r.succeeded() && r.refusal() != null;
        if (b.stream().filter(checked).count() >= settings.minSamples()
                && c.stream().filter(checked).count() >= settings.minSamples()) {
            add(checks, countTest, rate("content_failure_rate", b, c, checked, StoredRecord::contentFailed,
                    margins.contentFailureRate(), "language, JSON, refusal and repetition checks on records with text"));
        }
        add(checks, countTest, ttft(b, c, margins.ttftRelative()));
        if (!judged.isEmpty()) {
            add(checks, countTest, winRate(judged, margins.winRate()));
        }
        double share = b.size() + c.size() == 0 ? 0 : (double) c.size() / (b.size() + c.size());
        checks.add(errorCounts(b, c, share));
        countTest.add(true);

        double[] p = checks.stream().mapToDouble(Check::pValue).toArray();
        boolean bh = "bh".equalsIgnoreCase(settings.multiplicity());
        double[] adjusted = bh ? Multiplicity.benjaminiHochberg(p) : Multiplicity.holm(p);
        List<Check> out = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            out.add(checks.get(i).adjusted(adjusted[i], alpha, countTest.get(i)));
        }

        Verdict.Outcome outcome;
        String reason;
        int min = settings.minSamples();
        boolean judgeShort = !judged.isEmpty() && judged.size() < settings.minJudged();
        if (b.size() < min || c.size() < min) {
            outcome = Verdict.Outcome.INCONCLUSIVE;
            reason = "too few samples: baseline " + b.size() + ", candidate " + c.size() + " requests (minimum " + min
                    + " each)";
        } else if (out.stream().anyMatch(k -> k.failed(alpha))) {
            outcome = Verdict.Outcome.FAIL;
            reason = "candidate significantly worse on " + String.join(", ", out.stream().filter(k -> k.failed(alpha))
                    .map(Check::metric).toList());
        } else if (judgeShort) {
            outcome = Verdict.Outcome.INCONCLUSIVE;
            reason = "too few judged shadow pairs: " + judged.size() + " (minimum " + settings.minJudged() + ")";
        } else if (out.stream().allMatch(Check::passed)) {
            outcome = Verdict.Outcome.PASS;
            reason = "candidate non-inferior on every check";
        } else {
            outcome = Verdict.Outcome.INCONCLUSIVE;
            reason = "not yet non-inferior on " + String.join(", ", out.stream().filter(k -> !k.passed())
                    .map(Check::metric).toList());
        }
        return new Verdict(outcome, reason, route, baseline, candidate, since, Instant.now(), alpha,
                "anytime-valid asymptotic confidence sequences (tuned at n=" + settings.tuneAt() + "), "
                        + (bh ? "Benjamini-Hochberg" : "Holm") + " across checks, mSPRT error-count test",
                b.size(), c.size(), share, out);
    }

    private static void add(List<Check> checks, List<Boolean> countTest, Check check) {
        if (check != null) {
            checks.add(check);
            countTest.add(false);
        }
    }

    /** A lower-is-better rate: candidate - baseline held below +margin. */
    private Check rate(String metric, List<StoredRecord> b, List<StoredRecord> c, Predicate<StoredRecord> applies,
                       Predicate<StoredRecord> bad, double margin, String note) {
        return lowerIsBetter(metric, moments(b, applies, r -> bad.test(r) ? 1.0 : 0.0),
                moments(c, applies, r -> bad.test(r) ? 1.0 : 0.0), margin, note);
    }

    private Check ttft(List<StoredRecord> b, List<StoredRecord> c, double relative) {
        Moments mb = moments(b, StoredRecord::hasTokenTtft, StoredRecord::ttftMs);
        Moments mc = moments(c, StoredRecord::hasTokenTtft, StoredRecord::ttftMs);
        if (mb.n() < 2 || mc.n() < 2) {
            return null;
        }
        return lowerIsBetter("ttft_ms", mb, mc, relative * mb.mean(),
                "mean time to first token of streamed requests; margin " + relative + " x the baseline's mean");
    }

    private Check lowerIsBetter(String metric, Moments mb, Moments mc, double margin, String note) {
        Interval ci = ConfidenceSequence.forDifference(mc, mb, settings.alpha(), settings.tuneAt());
        double p = mb.n() == 0 || mc.n() == 0 ? 1.0 : ConfidenceSequence.pBelow(mb, mc, -margin, settings.tuneAt());
        return new Check(metric, "lower_is_better", nan0(mb.mean()), nan0(mc.mean()), nan0(ci.estimate()), ci.low(),
                ci.high(), margin, mb.n(), mc.n(), ci.high() < margin, p, null, note);
    }

    /** The judge's win rate for the candidate (tie = 0.5) held above 0.5 - margin. */
    private Check winRate(List<JudgementStore.Row> judged, double margin) {
        Moments m = new Moments();
        judged.forEach(j -> m.add(j.score()));
        Interval ci = ConfidenceSequence.forMean(m, settings.alpha(), settings.tuneAt());
        double p = ConfidenceSequence.pBelow(m, 0.5 - margin, settings.tuneAt());
        return new Check("judge_win_rate", "higher_is_better", 0.5, m.mean(), m.mean() - 0.5, ci.low() - 0.5,
                ci.high() - 0.5, -margin, m.n(), m.n(), ci.low() - 0.5 > -margin, p, null,
                "pairwise LLM judge on shadow pairs, both orders, disagreement = tie");
    }

    /**
     * Of all gateway/upstream errors, does the candidate produce more than its measured share of the traffic? Under
     * equal error rates its error count X of E errors is Binomial(E, share). One-sided mSPRT with a uniform mixture
     * over (share, 1): Lambda = [integral_share^1 t^X (1-t)^(E-X) dt / (1 - share)] / [share^X (1 - share)^(E-X)],
     * anytime p = min(1, 1/Lambda) (Ville's inequality).
     */
    static Check errorCounts(List<StoredRecord> b, List<StoredRecord> c, double share) {
        long x = c.stream().filter(StoredRecord::serverError).count();
        long e = x + b.stream().filter(StoredRecord::serverError).count();
        double p = 1.0;
        if (e > 0 && share > 0 && share < 1) {
            double logMixture = Beta.logBeta(x + 1, e - x + 1)
                    + Math.log(Math.max(1e-300, 1 - Beta.regularizedBeta(share, x + 1, e - x + 1)))
                    - Math.log(1 - share);
            double logNull = x * Math.log(share) + (e - x) * Math.log(1 - share);
            p = Math.min(1.0, Math.exp(-(logMixture - logNull)));
        }
        Interval observed = Wilson.interval(x, e, 0.05);
        double candidateShare = e == 0 ? share : observed.estimate();
        return new Check("error_count_share", "lower_is_better", share, candidateShare, candidateShare - share,
                e == 0 ? -share : observed.low() - share, e == 0 ? 1 - share : observed.high() - share, 0, e - x, x,
                true, p, null, "candidate's share of " + e + " errors against its measured traffic share; "
                + "interval: Wilson (fixed-n), p: anytime mSPRT");
    }

    private static Moments moments(List<StoredRecord> rows, Predicate<StoredRecord> applies,
                                   Function<StoredRecord, Double> value) {
        Moments m = new Moments();
        rows.stream().filter(applies).forEach(r -> m.add(value.apply(r)));
        return m;
    }

    private static double nan0(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
