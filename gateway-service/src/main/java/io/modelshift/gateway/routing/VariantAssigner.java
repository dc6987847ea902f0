package io.modelshift.gateway.routing;

import java.util.concurrent.ThreadLocalRandom;

/** Chooses the variant of a request: a pin if any, else the sticky bucket, else a fresh weighted pick. */
public final class VariantAssigner {

    private VariantAssigner() {
    }

    /**
     * @param route     the route the request resolved to
     * @param pinned    a variant the client pinned (already authorised), or null
     * @param stickyKey the request's stickiness key per the route's {@link Stickiness}, or null when absent
     */
    public static Assignment assign(Route route, Variant pinned, String stickyKey) {
        if (pinned != null) {
            int bucket = stickyKey == null ? -1 : StickyBucketer.bucket(route.salt(), stickyKey);
            return new Assignment(route, pinned, bucket, true);
        }
        if (stickyKey == null || stickyKey.isEmpty()) {
            int random = ThreadLocalRandom.current().nextInt(StickyBucketer.BUCKETS);
            return new Assignment(route, route.variantForBucket(random), -1, false);
        }
        int bucket = StickyBucketer.bucket(route.salt(), stickyKey);
        return new Assignment(route, route.variantForBucket(bucket), bucket, false);
    }
}
