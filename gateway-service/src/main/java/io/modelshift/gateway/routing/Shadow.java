package io.modelshift.gateway.routing;

/**
 * Shadow traffic of a route: a fraction of requests is also sent to another variant, whose answer only feeds the
 * records (the evaluation service compares the pair).
 *
 * @param fraction      0..1 of the route's requests to copy
 * @param target        the variant that receives the copies; null = the other variant of a two-variant route
 * @param maxConcurrent copies in flight at once per route; beyond it copies are skipped, never queued
 */
public record Shadow(double fraction, String target, int maxConcurrent) {

    public static final Shadow OFF = new Shadow(0, null, 0);

    public Shadow {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("shadow fraction must be within 0..1, got " + fraction);
        }
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("shadow max_concurrent must be >= 0");
        }
    }

    public boolean enabled() {
        return fraction > 0 && maxConcurrent > 0;
    }
}
