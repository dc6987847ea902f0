package io.modelshift.proxy.forwarding;

import io.vertx.core.MultiMap;

import java.util.Map;

/** Header copying between client and pod, minus hop-by-hop headers (RFC 9110 7.6.1) and framing. */
final class Headers {

    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate",
        "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
        "content-length"};

    private Headers() {
    }

    /** Request headers to send upstream; {@code accept-encoding} is dropped because the relay reads the stream. */
    static void copyToPod(MultiMap from, MultiMap to) {
        for (Map.Entry<String, String> h : from) {
            String name = h.getKey();
            if (!hopByHop(name) && !"accept-encoding".equalsIgnoreCase(name)) {
                to.add(name, h.getValue());
            }
        }
    }

    static void copyToClient(MultiMap from, MultiMap to) {
        for (Map.Entry<String, String> h : from) {
            if (!hopByHop(h.getKey())) {
                to.add(h.getKey(), h.getValue());
            }
        }
    }

    private static boolean hopByHop(String name) {
        for (String h : HOP_BY_HOP) {
            if (h.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
