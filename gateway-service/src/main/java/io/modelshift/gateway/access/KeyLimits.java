package io.modelshift.gateway.access;

import io.modelshift.api.openai.OpenAiError;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key request and token rate limits, local to this replica (see the README: with N replicas each enforces the
 * full limit, so configure limit / N, or route a key to one replica).
 *
 * <p>Requests are limited before they are sent. Tokens are known only afterwards, so a request is admitted while the
 * key's token bucket is positive and its actual usage is debited when the answer ends.
 */
public final class KeyLimits {

    private final Map<String, Buckets> buckets = new ConcurrentHashMap<>();

    private record Buckets(TokenBucket requests, TokenBucket tokens) {
    }

    /** Null when admitted, else a 429 error; {@link #retryAfterSeconds} says how long to wait. */
    public Rejection admit(ApiKey key, long nowNanos) {
        if (key.rpm() == 0 && key.tpm() == 0) {
            return null;
        }
        Buckets b = buckets(key, nowNanos);
        if (b.tokens() != null) {
            long wait = b.tokens().waitForPositive(nowNanos);
            if (wait > 0) {
                return new Rejection(OpenAiError.rateLimited("Rate limit reached for key '" + key.id() + "': "
                        + key.tpm() + " tokens per minute.", "rate_limit_exceeded"), seconds(wait));
            }
        }
        if (b.requests() != null) {
            long wait = b.requests().tryTake(1, nowNanos);
            if (wait > 0) {
                return new Rejection(OpenAiError.rateLimited("Rate limit reached for key '" + key.id() + "': "
                        + key.rpm() + " requests per minute.", "rate_limit_exceeded"), seconds(wait));
            }
        }
        return null;
    }

    /** Debits the tokens a finished request used. */
    public void charge(ApiKey key, long tokens, long nowNanos) {
        if (key.tpm() == 0 || tokens <= 0) {
            return;
        }
        buckets(key, nowNanos).tokens().debit(tokens, nowNanos);
    }

    /** Forgets keys that no longer exist (after a keys file reload). */
    public void retain(java.util.Set<String> keyIds) {
        buckets.keySet().retainAll(keyIds);
    }

    private Buckets buckets(ApiKey key, long nowNanos) {
        return buckets.computeIfAbsent(key.id(), id -> new Buckets(
                key.rpm() > 0 ? new TokenBucket(key.rpm(), nowNanos) : null,
                key.tpm() > 0 ? new TokenBucket(key.tpm(), nowNanos) : null));
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** A refused request: the 429 error and the {@code Retry-After} seconds. */
    public record Rejection(OpenAiError error, long retryAfterSeconds) {
    }
}
