package io.modelshift.simulator.api;

import java.util.List;

/**
 * A validated {@code /v1/chat/completions} or {@code /v1/completions} request: the fields the simulator acts on.
 * Other vLLM parameters ({@code top_k}, {@code min_p}, {@code repetition_penalty}, ...) are checked for range and
 * otherwise accepted without effect, as sampling is not simulated.
 *
 * @param chat           chat endpoint (true) or completions (false)
 * @param model          requested model, or null when absent (vLLM then uses the served model)
 * @param prompts        the prompts: one for chat (message contents in order), one or more (a batch) for completions
 * @param maxTokens      {@code max_completion_tokens} / {@code max_tokens}, or null for "up to the context window"
 * @param n              number of choices
 * @param stop           stop strings
 * @param seed           request seed, or null
 * @param stream         SSE streaming
 * @param includeUsage   {@code stream_options.include_usage}
 * @param continuousUsage {@code stream_options.continuous_usage_stats}
 * @param ignoreEos      run on to {@code max_tokens}
 * @param echo           completions: prepend the prompt to the answer
 */
public record CompletionRequest(boolean chat, String model, List<Prompt> prompts, Integer maxTokens,
                                int n, List<String> stop, Long seed, boolean stream, boolean includeUsage,
                                boolean continuousUsage, boolean ignoreEos, boolean echo) {

    /**
     * One prompt.
     *
     * @param text   its text (empty when sent as token ids)
     * @param tokens its length in tokens, chat template overhead included
     */
    public record Prompt(String text, int tokens) {
    }

    public CompletionRequest {
        prompts = List.copyOf(prompts);
        stop = List.copyOf(stop);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("a request has at least one prompt");
        }
    }

    /** Prompt tokens of the whole request (all prompts of a batch), as {@code usage.prompt_tokens} counts them. */
    public int promptTokens() {
        return prompts.stream().mapToInt(Prompt::tokens).sum();
    }

    /** Choices in the answer: {@code n} per prompt, indexed prompt by prompt as vLLM does. */
    public int choices() {
        return prompts.size() * n;
    }

    /** The prompt a choice answers. */
    public Prompt promptOf(int choice) {
        return prompts.get(choice / n);
    }
}
