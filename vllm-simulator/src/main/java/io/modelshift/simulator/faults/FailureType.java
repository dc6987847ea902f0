package io.modelshift.simulator.faults;

import java.util.Locale;
import java.util.Optional;

/** The failures a simulated pod can inject, by the name used in the config and the {@code x-sim-fail} header. */
public enum FailureType {
    /** 500 InternalServerError before any byte of the answer. */
    HTTP_500,
    /** 503 before any byte: the pod is overloaded or not ready. */
    HTTP_503,
    /** 429 before any byte: rate limited. */
    HTTP_429,
    /** The connection is closed without any response. */
    RESET,
    /** The answer starts late: {@code latency_spike_ms} is added to the time to first token. */
    LATENCY_SPIKE,
    /** A stream breaks halfway with an in-stream {@code data: {"error":...}} frame, then {@code [DONE]}. */
    STREAM_ERROR,
    /** A stream stops halfway: the connection closes without {@code [DONE]}. */
    STREAM_CUT;

    /** The snake_case name, e.g. {@code http_500}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FailureType> fromWireName(String name) {
        for (FailureType t : values()) {
            if (t.wireName().equalsIgnoreCase(name.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
