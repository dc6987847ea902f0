package io.modelshift.gateway.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.api.rollout.Gate;

/**
 * Reads the cost per 1M tokens of canary and stable from the cost service. The path, the JSON pointer to the figure
 * and its scale are configuration ({@code modelshift.rollout.cost-path}, {@code cost-pointer}, {@code cost-scale}) so
 * the gate follows the cost service's API without a code change; {@code {model}}, {@code {route}} and
 * {@code {since}} are filled in. The default reads the price book's output price per token ({@code GET
 * /v1/pricebook/{model}}) times 1e6. The bound is relative, so the unit only matters for display.
 */
public class CostProbe extends HttpGateProbe {

    private final String pathTemplate;
    private final String pointer;
    private final double scale;

    /** @param scale multiplies the figure read, e.g. 1e6 to turn a price per token into a price per 1M tokens */
    public CostProbe(HttpJson http, String defaultUrl, String pathTemplate, String pointer, double scale) {
        super(http, defaultUrl);
        this.pathTemplate = pathTemplate;
        this.pointer = pointer;
        this.scale = scale;
    }

    @Override
    public Measurement measure(Gate gate, GateContext ctx) throws MeasurementException {
        String base = base(gate.cost().url());
        Double canary = cost(base, ctx.canary().model(), ctx);
        Double stable = cost(base, ctx.stable().model(), ctx);
        return new Measurement(canary, stable, null, null, canary == null ? "no cost figure for " + ctx.canary().model()
                : "cost per 1M tokens");
    }

    private Double cost(String base, String model, GateContext ctx) throws MeasurementException {
        String path = pathTemplate.replace("{model}", HttpJson.enc(model)).replace("{route}", HttpJson.enc(ctx.route()))
                .replace("{since}", HttpJson.enc(ctx.since().toString()));
        JsonNode v = http.get(base + path).at(pointer);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new MeasurementException("cost service: " + pointer + " is not a number: " + v);
        }
        return v.asDouble() * scale;
    }
}
