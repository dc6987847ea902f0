package io.modelshift.gateway.routing;

/**
 * One model version behind a route.
 *
 * @param name          the variant's own name, unique across all routes (clients may address it directly)
 * @param baseUrl       the upstream's OpenAI base URL, e.g. {@code http://proxy-llama3:8100/v1}
 * @param upstreamModel the model name written into the upstream request body, or null to keep the client's
 * @param weight        the integer weight of this variant in its route's split (0 = no new traffic)
 * @param protocol      how to talk to the upstream; null when not stated (a variant built by the rollout
 *                      controller): the route table then keeps the protocol the same base URL had, else HTTP/1.1
 */
public record Variant(String name, String baseUrl, String upstreamModel, int weight, UpstreamProtocol protocol) {

    public Variant {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a variant needs a name");
        }
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("variant '" + name + "' needs an http(s) url, got " + baseUrl);
        }
        if (weight < 0) {
            throw new IllegalArgumentException("variant '" + name + "' has a negative weight " + weight);
        }
        if (protocol == UpstreamProtocol.H2C && !baseUrl.startsWith("http://")) {
            throw new IllegalArgumentException("variant '" + name + "': h2c is HTTP/2 over cleartext and needs an"
                    + " http:// url, got " + baseUrl);
        }
    }

    /** A variant whose protocol is not stated. */
    public Variant(String name, String baseUrl, String upstreamModel, int weight) {
        this(name, baseUrl, upstreamModel, weight, null);
    }

    public Variant withWeight(int newWeight) {
        return new Variant(name, baseUrl, upstreamModel, newWeight, protocol);
    }

    public Variant withProtocol(UpstreamProtocol newProtocol) {
        return new Variant(name, baseUrl, upstreamModel, weight, newProtocol);
    }

    /** The protocol calls use: the stated one, else HTTP/1.1. */
    public UpstreamProtocol effectiveProtocol() {
        return protocol == null ? UpstreamProtocol.HTTP_1_1 : protocol;
    }
}
