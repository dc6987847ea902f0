package io.modelshift.proxy.telemetry;

/** How one attempt on one pod ended (the {@code outcome} label). */
public enum Outcome {
    /** Relayed to the end (2xx/3xx). */
    OK("ok"),
    /** A 4xx from the pod, passed to the client (not the pod's fault). */
    CLIENT_ERROR("client_error"),
    /** 429 from the pod: it was full. */
    REJECTED("rejected"),
    /** Connection refused/reset, timeout or 5xx: counts towards ejection. */
    FAILED("failed"),
    /** The stream carried an error frame or broke after it started. */
    STREAM_ERROR("stream_error"),
    /** The client went away; the upstream request was closed. */
    CANCELLED("cancelled");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
