package io.modelshift.simulator.api;

import java.util.List;

/**
 * A validated {@code /v1/chat/completions} or {@code /v1/completions} request: the fields the simulator acts on.
 * Other vLLM parameters ({@code top_k}, {@code min_p}, {@code repetition_penalty}, ...) are checked for range and
 * otherwise accepted without effect, as sampling is not simulated.
 *
 * @param chat           chat endpoint (true) or completions (false)
 * @param model          requested model, or null when absent (vLLM then uses the served model)
 * @param promptText     the prompt: message contents in order (chat) or the prompt string
 * @param promptTokens   prompt length in tokens, chat template overhead included
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
public record CompletionRequest(boolean chat, String model, String promptText, int promptTokens, Integer maxTokens,
                                int n, List<String> stop, Long seed, boolean stream, boolean includeUsage,
                                boolean continuousUsage, boolean ignoreEos, boolean echo) {

    public CompletionRequest {
        stop = List.copyOf(stop);
    }
}
