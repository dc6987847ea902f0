package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.Variant;

import java.time.Instant;

/**
 * What a gate measures: canary against stable on a route, over the evidence gathered since {@code since}.
 */
public record GateContext(String route, Variant stable, Variant canary, Instant since, Instant rolloutStartedAt,
                          Instant now) {
}
