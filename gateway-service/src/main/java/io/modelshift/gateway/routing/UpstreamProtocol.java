package io.modelshift.gateway.routing;

/**
 * How the gateway talks to a variant's upstream. HTTP/1.1 (the default) holds one connection per request in flight,
 * which is what vLLM's own server speaks; h2c (HTTP/2 over cleartext, prior knowledge, no upgrade) multiplexes many
 * requests over a few connections, for upstreams that serve it, such as the inference-proxy (Vert.x).
 */
public enum UpstreamProtocol {
    HTTP_1_1,
    H2C;

    /** The route file's spelling. */
    public String label() {
        return this == H2C ? "h2c" : "http/1.1";
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static UpstreamProtocol parse(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "http/1.1", "http1.1", "http/1" -> HTTP_1_1;
            case "h2c" -> H2C;
            default -> throw new IllegalArgumentException("unknown protocol '" + text + "' (use http/1.1 or h2c)");
        };
    }
}
