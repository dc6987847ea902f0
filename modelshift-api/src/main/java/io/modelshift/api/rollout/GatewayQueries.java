package io.modelshift.api.rollout;

/**
 * PromQL for Prometheus gates on the gateway's own metrics, with the placeholders the rollout controller fills in:
 * {@code {{route}}} and {@code {{variant}}} (the gateway's name for the side measured, the label its metrics carry).
 * One copy, used by the CLI's standard gates and checked against a real Prometheus scraping a real gateway.
 */
public final class GatewayQueries {

    private static final String SIDE = "route=\"{{route}}\",variant=\"{{variant}}\"";
    private static final String SENT_AWAY = "modelshift_gateway_fallbacks_total{route=\"{{route}}\",from=\"{{variant}}\"}";
    private static final String SERVED = "modelshift_gateway_requests_total{" + SIDE + "}";
    /** Failures that are the model's or the platform's; a client's bad input is not the canary's fault. */
    private static final String FAILED = "modelshift_gateway_requests_total{" + SIDE
            + ",outcome=~\"gateway_error|upstream_error\"}";

    /** p95 time to first token, in seconds. */
    public static final String TTFT_P95 = "histogram_quantile(0.95, sum by (le) (rate(modelshift_gateway_ttft_seconds_bucket{"
            + SIDE + "}[5m])))";

    /**
     * Share of the requests sent to the side that failed, over 5 minutes. A request that failed on it and was served
     * by the other side counts only in the fallbacks counter, so it is added on both sides of the division; without
     * it a canary rescued by fallbacks would look healthy. {@code or vector(0)}: a counter exists only once it has
     * counted, and a side without failures must read 0, not "no data".
     */
    public static final String ERROR_RATIO = "(" + rate(FAILED) + " + " + rate(SENT_AWAY) + ") / ("
            + rate(SERVED) + " + " + rate(SENT_AWAY) + ")";

    private GatewayQueries() {
    }

    /** Requests sent to the side over {@code window} (e.g. {@code 30m}): the samples behind {@link #ERROR_RATIO}. */
    public static String requests(String window) {
        return "(sum(increase(" + SERVED + "[" + window + "])) or vector(0)) + (sum(increase(" + SENT_AWAY + "["
                + window + "])) or vector(0))";
    }

    private static String rate(String series) {
        return "(sum(rate(" + series + "[5m])) or vector(0))";
    }
}
