package io.modelshift.evaluation.client;

/** A model's answer with its cost: usage tokens (-1 when not reported), latency and the attempts it took. */
public record Completion(String text, int promptTokens, int completionTokens, double latencyMs, int attempts) {
}
