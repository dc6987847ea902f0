package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * A PromQL instant query. {@code {{route}}} is replaced by the route, {@code {{variant}}} by the canary's variant as
 * the gateway names it in its metrics (the upstream when that names a gateway variant, else the model) and
 * {@code {{model}}} by the canary's model; for relative bounds, again with the stable's to get the baseline.
 * {@link GatewayQueries} has the standard queries on the gateway's metrics.
 *
 * @param url          Prometheus base URL; null = the gateway's {@code modelshift.rollout.prometheus-url}
 * @param query        the value, e.g. a p95 time-to-first-token or an error ratio
 * @param samplesQuery how many samples the value rests on (for {@code minSamples}); null = not checked
 * @param max          absolute upper bound on the canary's value
 * @param min          absolute lower bound
 * @param maxIncrease  relative upper bound: canary &lt;= stable * (1 + maxIncrease), e.g. 0.10 = 10% worse at most
 * @param maxDecrease  relative lower bound: canary &gt;= stable * (1 - maxDecrease), for higher-is-better values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrometheusGate(String url, @Required String query, String samplesQuery, Double max, Double min,
                             @Min(0) Double maxIncrease, @Min(0) Double maxDecrease) {

    public boolean relative() {
        return maxIncrease != null || maxDecrease != null;
    }
}
