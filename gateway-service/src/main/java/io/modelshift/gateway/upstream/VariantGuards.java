package io.modelshift.gateway.upstream;

import io.modelshift.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The circuit breaker and bulkhead of each variant, by variant name, created on first use. */
@Singleton // no client proxy: called on every request
public class VariantGuards {

    private final GatewayConfig.Upstream config;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    public VariantGuards(GatewayConfig config) {
        this.config = config.upstream();
    }

    public Guard of(String variant) {
        Guard g = guards.get(variant);
        return g != null ? g : guards.computeIfAbsent(variant, v -> new Guard(
                new CircuitBreaker(config.breaker().consecutiveFailures(), config.breaker().failureRatio(),
                        config.breaker().window(), config.breaker().openDuration().toNanos()),
                new Bulkhead(config.maxConcurrentPerVariant())));
    }

    public Map<String, Guard> all() {
        return guards;
    }

    public record Guard(CircuitBreaker breaker, Bulkhead bulkhead) {

        /** Takes a breaker permit and a bulkhead slot, or neither; returns why not, or null when admitted. */
        public String tryEnter(long nowNanos) {
            if (!breaker.tryAcquire(nowNanos)) {
                return "circuit_open";
            }
            if (!bulkhead.tryAcquire()) {
                breaker.release();
                return "bulkhead_full";
            }
            return null;
        }
    }
}
