package io.modelshift.gateway.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.PrometheusGate;
import io.modelshift.api.rollout.Variant;

/**
 * Runs a gate's PromQL instant query against Prometheus' HTTP API ({@code /api/v1/query}). {@code {{variant}}} is
 * the canary's variant as the gateway's metrics label it, {@code {{model}}} its model (the stable's for the baseline
 * of relative bounds), {@code {{route}}} the route. An empty vector or NaN is "no data", left to the gate's no-data
 * policy.
 */
public class PrometheusProbe extends HttpGateProbe {


    public PrometheusProbe(HttpJson http, String defaultUrl) {
        super(http, defaultUrl);
    }

    @Override
    public Measurement measure(Gate gate, GateContext ctx) throws MeasurementException {
        PrometheusGate p = gate.prometheus();
        String base = base(p.url());
        Double value = query(base, p.query(), ctx.canary(), ctx.route());
        Double baseline = p.relative() ? query(base, p.query(), ctx.stable(), ctx.route()) : null;
        Double samples = p.samplesQuery() == null ? null : query(base, p.samplesQuery(), ctx.canary(), ctx.route());
        return new Measurement(value, baseline, samples == null ? null : samples.longValue(), null, null);
    }

    Double query(String base, String template, Variant side, String route) throws MeasurementException {
        String promql = template.replace("{{variant}}", RouteWeights.variantName(side))
                .replace("{{model}}", side.model()).replace("{{route}}", route);
        JsonNode body = http.get(base + "/api/v1/query?query=" + HttpJson.enc(promql));
        if (!"success".equals(body.path("status").asText())) {
            throw new MeasurementException("Prometheus refused '" + promql + "': " + body.path("error").asText());
        }
        JsonNode data = body.path("data");
        JsonNode value = switch (data.path("resultType").asText()) {
            case "vector" -> data.path("result").isEmpty() ? null : data.path("result").get(0).path("value");
            case "scalar" -> data.path("result");
            default -> throw new MeasurementException("'" + promql + "' must give a vector or scalar, got "
                    + data.path("resultType").asText());
        };
        if (value == null || value.size() < 2) {
            return null;
        }
        if (data.path("result").size() > 1 && "vector".equals(data.path("resultType").asText())) {
            throw new MeasurementException("'" + promql + "' gave " + data.path("result").size()
                    + " series; aggregate it to one (e.g. sum(...))");
        }
        double v;
        try {
            v = Double.parseDouble(value.get(1).asText());
        } catch (NumberFormatException e) {
            throw new MeasurementException("'" + promql + "' gave a non-number " + value.get(1).asText());
        }
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
