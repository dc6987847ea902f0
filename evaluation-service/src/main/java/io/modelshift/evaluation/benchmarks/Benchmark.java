package io.modelshift.evaluation.benchmarks;

import java.util.List;

/** One benchmark: how its files load, how an item is asked, how an answer is scored. */
public interface Benchmark {

    String name();

    /** The evaluation split, and where few-shot examples come from. */
    Dataset load(DatasetSource source, int shots);

    Prompt prompt(BenchmarkItem item, List<BenchmarkItem> shots, PromptMode mode);

    Scored score(BenchmarkItem item, String response);

    /** The generation limit when a run does not set one. */
    int defaultMaxTokens();

    /** The evaluation items and a few-shot lookup. */
    record Dataset(List<BenchmarkItem> items, ShotPool shots) {
    }

    /** Few-shot examples for an item; never the item itself. */
    @FunctionalInterface
    interface ShotPool {
        List<BenchmarkItem> shotsFor(BenchmarkItem item, int k);

        ShotPool NONE = (item, k) -> List.of();
    }
}
