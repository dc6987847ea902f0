package io.modelshift.evaluation.runs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /v1/evaluations}: what to evaluate, where, and how. Null fields take the documented defaults.
 *
 * @param target      an OpenAI-compatible base URL (the gateway, a variant's proxy, any server); {@code /v1} optional
 * @param model       the model name sent in each request
 * @param benchmark   gsm8k, mmlu, jmmlu or humaneval
 * @param sampleSize  items to evaluate (a seeded, subject-stratified subset); 0 or null = the whole split
 * @param concurrency requests in flight at once (default 8, at most 256)
 * @param shots       few-shot examples (default 0)
 * @param seed        subset seed (default 1234); also sent to the target
 * @param temperature default 0 (greedy)
 * @param maxTokens   default per benchmark (GSM8K 256, MMLU/JMMLU 32, HumanEval 1024)
 * @param mode        chat (default) or completions
 * @param samples     samples per item (HumanEval pass@k needs n >= k; default 1)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvaluationRequest(String target, String model, String benchmark, Integer sampleSize,
                                Integer concurrency, Integer shots, Long seed, Double temperature, Integer maxTokens,
                                String mode, Integer samples) {

    /** The same request with every default filled in, as stored with the run. */
    public EvaluationRequest withDefaults(int benchmarkMaxTokens) {
        return new EvaluationRequest(target, model, benchmark.toLowerCase(java.util.Locale.ROOT),
                sampleSize == null ? 0 : sampleSize, concurrency == null ? 8 : concurrency, shots == null ? 0 : shots,
                seed == null ? 1234L : seed, temperature == null ? 0.0 : temperature,
                maxTokens == null ? benchmarkMaxTokens : maxTokens,
                mode == null ? "chat" : mode.toLowerCase(java.util.Locale.ROOT), samples == null ? 1 : samples);
    }
}
