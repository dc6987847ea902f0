package io.modelshift.gateway.rollout;

/** A gate probe that asks an HTTP service: the shared client and the service's default base URL. */
abstract class HttpGateProbe implements GateProbe {

    protected final HttpJson http;
    private final String defaultUrl;

    HttpGateProbe(HttpJson http, String defaultUrl) {
        this.http = http;
        this.defaultUrl = defaultUrl;
    }

    /** The gate's own URL when it sets one, else the configured default; without a trailing slash. */
    protected String base(String gateUrl) {
        return HttpJson.trimSlash(gateUrl != null ? gateUrl : defaultUrl);
    }
}
