package io.modelshift.gateway.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.api.rollout.Gate;

/**
 * Reads the cost per 1M tokens of canary and stable from the cost service. By default that is what each model cost
 * us over the rollout's window ({@code GET /v1/unit-costs/models/{model}?since=}, answered as a
 * {@link io.modelshift.api.cost.ModelUnitCost}: a self-hosted model's amortised cost divided by the tokens it served,
 * an API model's list price), with the canary's tokens as the gate's sample count. The path, the JSON pointers and
 * the scale are configuration ({@code modelshift.rollout.cost-path}, {@code cost-pointer}, {@code cost-samples-pointer},
 * {@code cost-scale}) so the gate can also read another figure (e.g. the price book) without a code change;
 * {@code {model}}, {@code {route}} and {@code {since}} are filled in. The bound is relative, so the unit only matters
 * for display.
 */
public class CostProbe extends HttpGateProbe {

    private final String pathTemplate;
    private final String pointer;
    private final String samplesPointer;
    private final double scale;

    /**
     * @param samplesPointer JSON pointer to the sample count in the answer (absent there: unknown), or null for none
     * @param scale          multiplies the figure read, e.g. 1e6 to turn a price per token into a price per 1M tokens
     */
    public CostProbe(HttpJson http, String defaultUrl, String pathTemplate, String pointer, String samplesPointer,
                     double scale) {
        super(http, defaultUrl);
        this.pathTemplate = pathTemplate;
        this.pointer = pointer;
        this.samplesPointer = samplesPointer == null || samplesPointer.isBlank() || samplesPointer.equals("none")
                ? null : samplesPointer;
        this.scale = scale;
    }

    @Override
    public Measurement measure(Gate gate, GateContext ctx) throws MeasurementException {
        String base = base(gate.cost().url());
        // asked by the gateway's variant name: the ledger's lines and the cost service's deployments are keyed by it
        String canaryName = RouteWeights.variantName(ctx.canary());
        JsonNode canaryAnswer = answer(base, canaryName, ctx);
        Double canary = figure(canaryAnswer);
        Double stable = figure(answer(base, RouteWeights.variantName(ctx.stable()), ctx));
        Long samples = null;
        if (samplesPointer != null && canaryAnswer.at(samplesPointer).isNumber()) {
            samples = canaryAnswer.at(samplesPointer).asLong();
        }
        String detail;
        if (canary == null) {
            String why = canaryAnswer.path("message").asText("");
            detail = "no cost figure for " + canaryName + (why.isBlank() ? "" : " (" + why + ")");
        } else {
            detail = "cost per 1M tokens since " + ctx.since() + (samples == null ? "" : ", canary " + samples + " tokens");
        }
        return new Measurement(canary, stable, samples, null, detail);
    }

    private JsonNode answer(String base, String model, GateContext ctx) throws MeasurementException {
        String path = pathTemplate.replace("{model}", HttpJson.enc(model)).replace("{route}", HttpJson.enc(ctx.route()))
                .replace("{since}", HttpJson.enc(ctx.since().toString()));
        return http.get(base + path);
    }

    private Double figure(JsonNode answer) throws MeasurementException {
        JsonNode v = answer.at(pointer);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new MeasurementException("cost service: " + pointer + " is not a number: " + v);
        }
        return v.asDouble() * scale;
    }
}
