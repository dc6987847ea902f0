package io.modelshift.evaluation.benchmarks;

/**
 * How one response scored.
 *
 * @param extracted  the answer the filter extracted ({@code [invalid]} when none)
 * @param correct    the primary metric (GSM8K: strict-match; MMLU/JMMLU: letter match; HumanEval: tests passed)
 * @param altCorrect the secondary metric (GSM8K: flexible-extract), or null when the benchmark has none
 */
public record Scored(String extracted, boolean correct, Boolean altCorrect) {
}
