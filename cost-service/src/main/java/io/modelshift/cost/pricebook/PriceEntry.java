package io.modelshift.cost.pricebook;

import java.time.LocalDate;

/**
 * One priced model of the price book, in LiteLLM's units (USD per token).
 *
 * @param model             the price book key, e.g. {@code gpt-4} or {@code groq/llama-3.3-70b-versatile}
 * @param provider          LiteLLM's {@code litellm_provider}, or null
 * @param inputPerToken     {@code input_cost_per_token}
 * @param outputPerToken    {@code output_cost_per_token}
 * @param cacheReadPerToken {@code cache_read_input_token_cost}, or null when the model has no cache price
 * @param maxInputTokens    {@code max_input_tokens}, or null
 * @param source            where the price comes from (URL or document), or null when the book does not say
 * @param asOf              the date the price was read, or null when the book does not say
 */
public record PriceEntry(String model, String provider, double inputPerToken, double outputPerToken,
                         Double cacheReadPerToken, Long maxInputTokens, String source, LocalDate asOf) {

    public PriceEntry {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a price entry needs a model name");
        }
        requireNonNegative(model, "input_cost_per_token", inputPerToken);
        requireNonNegative(model, "output_cost_per_token", outputPerToken);
        if (cacheReadPerToken != null) {
            requireNonNegative(model, "cache_read_input_token_cost", cacheReadPerToken);
        }
    }

    private static void requireNonNegative(String model, String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("price entry '" + model + "': " + field + " must be a finite number >= 0, got " + value);
        }
    }

    public double inputPerMillion() {
        return inputPerToken * 1e6;
    }

    public double outputPerMillion() {
        return outputPerToken * 1e6;
    }

    /**
     * USD for a month of tokens, as LiteLLM bills it: cached input tokens leave the normal input count and are billed
     * at the cache-read price (the normal input price when the model has none).
     */
    public double cost(double inputTokens, double cachedInputTokens, double outputTokens) {
        double cached = Math.min(Math.max(cachedInputTokens, 0), inputTokens);
        double cacheRate = cacheReadPerToken == null ? inputPerToken : cacheReadPerToken;
        return (inputTokens - cached) * inputPerToken + cached * cacheRate + outputTokens * outputPerToken;
    }
}
