package io.modelshift.evaluation.verdicts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code modelshift.eval.verdict.*}: error level, minimum samples and non-inferiority margins per metric. */
@ConfigMapping(prefix = "modelshift.eval.verdict")
public interface VerdictSettings {

    /** Family error level; every interval is an anytime-valid 1 - alpha confidence sequence. */
    @WithDefault("0.05")
    double alpha();

    /** Requests per variant before any PASS or FAIL. */
    @WithDefault("200")
    int minSamples();

    /** Judged shadow pairs before the win rate counts. */
    @WithDefault("50")
    int minJudged();

    /** Sample size at which the confidence sequences are tightest. */
    @WithDefault("1000")
    int tuneAt();

    /** holm (family-wise error) or bh (Benjamini-Hochberg, false discovery rate). */
    @WithDefault("holm")
    String multiplicity();

    Margins margins();

    /** How much worse the candidate may be and still pass. */
    interface Margins {
        /** Absolute increase of the gateway/upstream error rate. */
        @WithDefault("0.005")
        double errorRate();

        /** Absolute increase of the share of answers cut by max_tokens. */
        @WithDefault("0.02")
        double lengthRate();

        @WithDefault("0.01")
        double emptyRate();

        /** Absolute increase of the share of answers failing a content check. */
        @WithDefault("0.01")
        double contentFailureRate();

        /** Relative increase of the mean time to first token (0.2 = 20% of the baseline's mean). */
        @WithDefault("0.2")
        double ttftRelative();

        /** How far below 0.5 the judge's win rate may be. */
        @WithDefault("0.03")
        double winRate();
    }
}
