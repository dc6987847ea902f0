package io.modelshift.evaluation.benchmarks;

import java.util.List;

/**
 * One question of a benchmark.
 *
 * @param id       stable id inside the benchmark, e.g. {@code gsm8k/17}, {@code mmlu/anatomy/4}, {@code HumanEval/0}
 * @param subject  the stratum used for subsets and per-subject scores ({@code all} when the benchmark has none)
 * @param question the question text (for HumanEval: the function prompt)
 * @param choices  the four choices of a multiple-choice item, else empty
 * @param gold     the reference: the GSM8K answer text, the letter A-D, or the HumanEval test code
 * @param entryPoint the HumanEval function under test, else null
 * @param solution the worked solution used when this item serves as a few-shot example, or null
 */
public record BenchmarkItem(String id, String subject, String question, List<String> choices, String gold,
                            String entryPoint, String solution) {

    public BenchmarkItem {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}
