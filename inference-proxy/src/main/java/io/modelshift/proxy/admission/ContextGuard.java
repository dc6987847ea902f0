package io.modelshift.proxy.admission;

import io.modelshift.api.openai.OpenAiError;
import io.modelshift.api.openai.RequestPeek;
import io.modelshift.proxy.ProxyConfig;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Refuses, before it reaches a GPU, a request whose estimated prompt plus {@code max_tokens} exceeds the model's
 * context window ({@code max_model_len}). The prompt is estimated from its characters (no tokenizer on the hot
 * path), so the guard only catches requests that are clearly too long; vLLM still checks exactly.
 */
public final class ContextGuard {

    private final Map<String, Integer> maxModelLen;
    private final OptionalInt defaultMaxModelLen;
    private final double charsPerToken;

    public ContextGuard(ProxyConfig.Admission config) {
        this(config.maxModelLen(), config.defaultMaxModelLen(), config.charsPerToken());
    }

    public ContextGuard(Map<String, Integer> maxModelLen, OptionalInt defaultMaxModelLen, double charsPerToken) {
        if (charsPerToken <= 0) {
            throw new IllegalArgumentException("modelshift.proxy.admission.chars-per-token must be positive");
        }
        this.maxModelLen = Map.copyOf(maxModelLen);
        this.defaultMaxModelLen = defaultMaxModelLen;
        this.charsPerToken = charsPerToken;
    }

    /** The context window that applies to this model, or -1 when it is not guarded. */
    public int limitFor(String model) {
        Integer limit = model == null ? null : maxModelLen.get(model);
        if (limit != null) {
            return limit;
        }
        return defaultMaxModelLen.orElse(-1);
    }

    public long estimatedPromptTokens(RequestPeek peek) {
        return (long) Math.ceil(peek.promptChars() / charsPerToken);
    }

    /** @return the 400 to answer with, or null when the request fits */
    public OpenAiError check(RequestPeek peek) {
        int limit = limitFor(peek.model());
        if (limit < 0) {
            return null;
        }
        long prompt = estimatedPromptTokens(peek);
        long completion = peek.maxTokens() == null ? 0 : Math.max(0, peek.maxTokens());
        if (prompt + completion <= limit) {
            return null;
        }
        String message = completion > 0
                ? "This model's maximum context length is " + limit + " tokens. However, you requested about "
                        + (prompt + completion) + " tokens (about " + prompt + " in the prompt, " + completion
                        + " in the completion). Please reduce the length of the prompt or of max_tokens."
                : "This model's maximum context length is " + limit + " tokens. However, your prompt is about "
                        + prompt + " tokens. Please reduce the length of the prompt.";
        return OpenAiError.badRequest(message, completion > 0 && prompt <= limit ? "max_tokens" : "messages",
                "context_length_exceeded");
    }
}
