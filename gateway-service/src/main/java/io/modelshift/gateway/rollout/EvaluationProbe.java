package io.modelshift.gateway.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.GateVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Asks the evaluation service for its verdict: {@code GET /v1/verdicts?route=&baseline=&candidate=&since=} answers
 * {@code {"outcome":"PASS|FAIL|INCONCLUSIVE","reason":...,"baseline_samples":n,"candidate_samples":m,
 * "checks":[{"metric","baseline","candidate","passed",...}]}}. The outcome is taken as is (the service owns the
 * statistics); the sample count is the smaller side's, for {@code minSamples}.
 */
public class EvaluationProbe extends HttpGateProbe {

    public EvaluationProbe(HttpJson http, String defaultUrl) {
        super(http, defaultUrl);
    }

    @Override
    public Measurement measure(Gate gate, GateContext ctx) throws MeasurementException {
        String base = base(gate.evaluation().url());
        JsonNode body = http.get(base + "/v1/verdicts?route=" + HttpJson.enc(ctx.route())
                // the records are labelled with the gateway's variant names, which are the models' only for URL upstreams
                + "&baseline=" + HttpJson.enc(RouteWeights.variantName(ctx.stable()))
                + "&candidate=" + HttpJson.enc(RouteWeights.variantName(ctx.canary()))
                + "&since=" + HttpJson.enc(ctx.since().toString()));
        String text = body.path("outcome").asText(body.path("verdict").asText(""));
        GateVerdict verdict = switch (text.toUpperCase(Locale.ROOT)) {
            case "PASS" -> GateVerdict.Pass;
            case "FAIL" -> GateVerdict.Fail;
            case "INCONCLUSIVE" -> GateVerdict.Inconclusive;
            default -> throw new MeasurementException("the evaluation service answered no outcome"
                    + " (PASS/FAIL/INCONCLUSIVE), got '" + text + "'");
        };
        Long samples = null;
        if (body.has("baseline_samples") && body.has("candidate_samples")) {
            samples = Math.min(body.get("baseline_samples").asLong(), body.get("candidate_samples").asLong());
        } else if (body.has("samples")) {
            samples = body.get("samples").asLong();
        }
        // every check with its figures, so the status (and the migration report) shows the evidence, not only a word
        List<String> checks = new ArrayList<>();
        for (JsonNode check : body.path("checks")) {
            boolean failed = check.has("passed") && !check.get("passed").asBoolean();
            checks.add(check.path("metric").asText("?") + " " + figure(check.path("candidate")) + " vs "
                    + figure(check.path("baseline")) + (failed ? " (not passed)" : ""));
        }
        String reason = body.path("reason").asText("");
        String detail = (reason.isBlank() ? body.path("checks").size() + " checks" : reason)
                + (checks.isEmpty() ? "" : "; candidate vs baseline: " + String.join(", ", checks));
        return new Measurement(null, null, samples, verdict, detail);
    }

    private static String figure(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.4g", value.asDouble()) : value.asText("");
    }
}
