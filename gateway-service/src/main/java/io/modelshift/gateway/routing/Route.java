package io.modelshift.gateway.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A name clients send as {@code model}, split between variants by weight.
 *
 * <p>Bucket layout: the non-stable variants (canaries) take consecutive bucket ranges from 0 in declaration order,
 * each sized by its share of the total weight; the stable variant takes the rest. So when a canary's share grows its
 * range only extends upwards into stable buckets: users move from stable to canary, never back.
 *
 * @param name       the route name
 * @param variants   at least one variant
 * @param stable     the variant that failed requests fall back to
 * @param stickiness where the stickiness key comes from
 * @param salt       mixed into the bucket hash; defaults to the route name
 * @param shadow     shadow traffic settings
 */
public record Route(String name, List<Variant> variants, String stable, Stickiness stickiness, String salt,
                    Shadow shadow) {

    public Route {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a route needs a name");
        }
        if (variants == null || variants.isEmpty()) {
            throw new IllegalArgumentException("route '" + name + "' needs at least one variant");
        }
        variants = List.copyOf(variants);
        Set<String> names = new HashSet<>();
        long total = 0;
        for (Variant v : variants) {
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("route '" + name + "' lists variant '" + v.name() + "' twice");
            }
            total += v.weight();
        }
        if (total <= 0) {
            throw new IllegalArgumentException("route '" + name + "' has no variant with a positive weight");
        }
        if (stable == null) {
            stable = variants.get(0).name();
        }
        if (!names.contains(stable)) {
            throw new IllegalArgumentException("route '" + name + "': stable variant '" + stable + "' is not listed");
        }
        stickiness = stickiness == null ? Stickiness.NONE : stickiness;
        salt = salt == null || salt.isBlank() ? name : salt;
        shadow = shadow == null ? Shadow.OFF : shadow;
        if (shadow.target() != null && !names.contains(shadow.target())) {
            throw new IllegalArgumentException("route '" + name + "': shadow target '" + shadow.target()
                    + "' is not one of its variants");
        }
        if (shadow.enabled() && shadow.target() == null && variants.size() != 2) {
            throw new IllegalArgumentException("route '" + name + "': shadow needs a target unless the route has"
                    + " exactly two variants");
        }
    }

    public Variant variant(String variantName) {
        for (Variant v : variants) {
            if (v.name().equals(variantName)) {
                return v;
            }
        }
        return null;
    }

    public Variant stableVariant() {
        return variant(stable);
    }

    public int totalWeight() {
        int total = 0;
        for (Variant v : variants) {
            total += v.weight();
        }
        return total;
    }

    /** The variant owning a bucket, per the layout described on the class. */
    public Variant variantForBucket(int bucket) {
        int total = totalWeight();
        long cumulative = 0;
        for (Variant v : variants) {
            if (v.name().equals(stable)) {
                continue;
            }
            cumulative += v.weight();
            if (bucket < cumulative * StickyBucketer.BUCKETS / total) {
                return v;
            }
        }
        return stableVariant();
    }

    /** The variant that receives shadow copies of requests served by {@code served}, or null. */
    public Variant shadowTarget(Variant served) {
        if (!shadow.enabled()) {
            return null;
        }
        if (shadow.target() != null) {
            return shadow.target().equals(served.name()) ? null : variant(shadow.target());
        }
        return variants.get(0).name().equals(served.name()) ? variants.get(1) : variants.get(0);
    }

    /** This route with some variant weights and shadow settings replaced; validation as for a new route. */
    public Route with(Map<String, Integer> weights, Shadow newShadow) {
        for (String v : weights.keySet()) {
            if (variant(v) == null) {
                throw new IllegalArgumentException("route '" + name + "' has no variant '" + v + "'");
            }
        }
        List<Variant> updated = variants.stream()
                .map(v -> weights.containsKey(v.name()) ? v.withWeight(weights.get(v.name())) : v)
                .toList();
        return new Route(name, updated, stable, stickiness, salt, newShadow == null ? shadow : newShadow);
    }
}
