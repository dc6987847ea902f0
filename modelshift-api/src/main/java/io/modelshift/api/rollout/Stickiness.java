package io.modelshift.api.rollout;

import io.fabric8.generator.annotation.Pattern;

/**
 * Keeps one client on one variant across requests (a multi-turn chat must not switch models mid-conversation).
 *
 * @param key {@code header:<name>} (e.g. {@code header:x-session-id}), {@code user} (the OpenAI {@code user}
 *            field), {@code api-key}, or {@code none}
 */
public record Stickiness(@Pattern("^(header:[A-Za-z0-9-]{1,64}|user|api-key|none)$") String key) {
}
