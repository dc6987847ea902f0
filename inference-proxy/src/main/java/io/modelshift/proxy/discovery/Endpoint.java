package io.modelshift.proxy.discovery;

/**
 * One pod as discovery sees it.
 *
 * @param name  a stable label for metrics and logs (Kubernetes pod name, or host:port)
 * @param ready whether discovery says the pod may take traffic (Ready and not terminating)
 */
public record Endpoint(String name, String host, int port, boolean ready) {

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("an endpoint needs a host");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port + " for " + host);
        }
    }

    public String address() {
        return host + ":" + port;
    }
}
