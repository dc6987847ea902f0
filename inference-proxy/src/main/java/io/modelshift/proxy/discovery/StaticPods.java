package io.modelshift.proxy.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Parses the static pod list ({@code modelshift.proxy.pods=http://127.0.0.1:8000,...}). */
public final class StaticPods {

    private StaticPods() {
    }

    public static List<Endpoint> parse(List<String> urls) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String raw : urls) {
            String url = raw.trim();
            if (url.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("modelshift.proxy.pods: '" + url + "' is not a URL", e);
            }
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("modelshift.proxy.pods: '" + url
                        + "' must be http://host:port (TLS to pods is not supported)");
            }
            if (uri.getPath() != null && !uri.getPath().isEmpty() && !"/".equals(uri.getPath())) {
                throw new IllegalArgumentException("modelshift.proxy.pods: '" + url
                        + "' must have no path: the proxy forwards /v1/... to the pod's root");
            }
            int port = uri.getPort() == -1 ? 80 : uri.getPort();
            endpoints.add(new Endpoint(uri.getHost() + ":" + port, uri.getHost(), port, true));
        }
        return endpoints;
    }
}
