package io.modelshift.simulator.quality;

import io.modelshift.simulator.SimulatorConfig;

import java.util.SplittableRandom;

/**
 * Decides what the simulated model says: the benchmark answer (right or wrong per the quality profile) when the
 * prompt asks a question from the answer keys, else plausible prose.
 */
public final class Responder {

    private final AnswerKeys keys;

    /** @param keys the loaded answer keys; {@link AnswerKeys#EMPTY} when the pod has none */
    public Responder(AnswerKeys keys) {
        this.keys = keys;
    }

    public AnswerKeys keys() {
        return keys;
    }

    /**
     * The full answer before {@code max_tokens} and stop strings apply.
     *
     * @param chat   chat endpoint (answers in the chat format) or completions (continue the prompt)
     * @param random this choice's random source (seeded by the request's {@code seed} when it has one)
     */
    public String answer(String prompt, boolean chat, SimulatorConfig config, SplittableRandom random) {
        return keys.find(prompt)
                .map(q -> q.answer(chat, prompt, q.correct(config.seed(), accuracy(config, q.benchmark()))))
                .orElseGet(() -> FillerText.answer(random));
    }

    /** More prose, for {@code ignore_eos} requests that run on past the natural end. */
    public String more(SplittableRandom random) {
        return " " + FillerText.words(random, 64);
    }

    /** The configured accuracy; a benchmark without a figure is answered correctly (say so in the config). */
    private static double accuracy(SimulatorConfig config, Benchmark benchmark) {
        return config.accuracy().getOrDefault(benchmark.wireName(), 1.0);
    }
}
