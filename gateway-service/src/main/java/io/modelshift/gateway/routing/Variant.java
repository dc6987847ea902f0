package io.modelshift.gateway.routing;

/**
 * One model version behind a route.
 *
 * @param name          the variant's own name, unique across all routes (clients may address it directly)
 * @param baseUrl       the upstream's OpenAI base URL, e.g. {@code http://proxy-llama3:8080/v1}
 * @param upstreamModel the model name written into the upstream request body, or null to keep the client's
 * @param weight        the integer weight of this variant in its route's split (0 = no new traffic)
 */
public record Variant(String name, String baseUrl, String upstreamModel, int weight) {

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
    }

    public Variant withWeight(int newWeight) {
        return new Variant(name, baseUrl, upstreamModel, newWeight);
    }
}
