package io.modelshift.gateway.routing;

/**
 * Which variant serves one request, and why.
 *
 * @param route   the route
 * @param variant the variant chosen
 * @param bucket  the sticky bucket 0..9999, or -1 when the request had no stickiness key
 * @param pinned  whether the client chose the variant (override header or variant name as model)
 */
public record Assignment(Route route, Variant variant, int bucket, boolean pinned) {
}
