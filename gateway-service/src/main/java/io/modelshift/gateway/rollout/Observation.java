package io.modelshift.gateway.rollout;

/**
 * The traffic the gateway actually sent on the route since the desired weight last changed.
 *
 * @param canaryPercent the canary's share of those requests, 0..100, or null when none were sent
 * @param requests      how many requests the share rests on
 */
public record Observation(Double canaryPercent, long requests) {

    public static final Observation NONE = new Observation(null, 0);

    public static Observation of(long canary, long total) {
        return total <= 0 ? NONE : new Observation(100.0 * canary / total, total);
    }
}
