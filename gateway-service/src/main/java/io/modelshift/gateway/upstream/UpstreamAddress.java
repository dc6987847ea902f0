package io.modelshift.gateway.upstream;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A variant's base URL split once into what a Vert.x request needs.
 *
 * @param basePath the path prefix, e.g. {@code /v1}, without a trailing slash
 */
public record UpstreamAddress(String host, int port, boolean ssl, String basePath) {

    private static final Map<String, UpstreamAddress> CACHE = new ConcurrentHashMap<>();

    public static UpstreamAddress of(String baseUrl) {
        return CACHE.computeIfAbsent(baseUrl, UpstreamAddress::parse);
    }

    private static UpstreamAddress parse(String baseUrl) {
        URI uri = URI.create(baseUrl);
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new UpstreamAddress(uri.getHost(), port, ssl, path);
    }

    /** A JSON POST to an OpenAI endpoint of this upstream, e.g. {@code /chat/completions}. */
    public io.vertx.core.http.RequestOptions post(String endpointPath, String requestId) {
        return new io.vertx.core.http.RequestOptions().setMethod(io.vertx.core.http.HttpMethod.POST).setHost(host)
                .setPort(port).setSsl(ssl).setURI(uri(endpointPath))
                .putHeader("content-type", "application/json")
                .putHeader("x-request-id", requestId);
    }

    /** The request URI for an OpenAI endpoint such as {@code /chat/completions}. */
    public String uri(String endpointPath) {
        return basePath + endpointPath;
    }
}
