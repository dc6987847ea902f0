package io.modelshift.gateway.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.api.cost.ModelUnitCost;
import io.modelshift.api.rollout.CostGate;
import io.modelshift.api.rollout.EvaluationGate;
import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.GateResult;
import io.modelshift.api.rollout.GateVerdict;
import io.modelshift.api.rollout.NoDataPolicy;
import io.modelshift.api.rollout.PrometheusGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three gate sources over real HTTP (a local fake server), through {@link Gates} and {@link GateJudge}. */
class GateProbesTest {

    private final FakeHttp http = new FakeHttp();
    private final HttpJson client = new HttpJson(Duration.ofSeconds(2));
    private final Instant start = Instant.parse("2026-01-01T10:00:00Z");
    private final GateContext ctx = new GateContext("llama-70b", RolloutHarness.STABLE, RolloutHarness.CANARY, start,
            start, start.plus(Duration.ofMinutes(30)));

    @AfterEach
    void stop() {
        http.close();
    }

    private Gates gates() {
        return new Gates(Map.of(
                "evaluation", new EvaluationProbe(client, http.url()),
                "prometheus", new PrometheusProbe(client, http.url()),
                "cost", new CostProbe(client, http.url(), ModelUnitCost.PATH + "?since={since}", ModelUnitCost.FIGURE,
                        ModelUnitCost.SAMPLES, 1.0)));
    }

    private static String vector(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1767261600,\"" + value + "\"]}]}}";
    }

    @Test
    void prometheusRelativeBoundComparesCanaryWithStable() {
        http.on("/api/v1/query", uri -> new FakeHttp.Answer(200, vector(uri.contains("llama-3-70b") ? "0.91" : "0.80")));
        Gate gate = new Gate("ttft-p95", null, new PrometheusGate(null, "ttft{model=\"{{model}}\",route=\"{{route}}\"}",
                null, 2.0, null, 0.10, null), null, null, null, null);
        GateResult r = gates().measure(gate, ctx);
        assertEquals(GateVerdict.Fail, r.verdict(), r.message());
        assertEquals(0.91, r.value());
        assertEquals(0.80, r.baseline());
        assertEquals(0.88, r.upper(), 1e-9);
        assertTrue(http.requests.contains("/api/v1/query?query=ttft{model=\"llama-3-70b\",route=\"llama-70b\"}"), http.requests.toString());
    }

    @Test
    void everySourceIsAskedAboutTheGatewaysVariantNames() {
        // a canary on a named gateway variant is labelled by that name in records, ledger and metrics; a URL upstream
        // by its model. Asking about the model would find no samples (or, for the cost, a list price)
        http.on("/api/v1/query", uri -> new FakeHttp.Answer(200, vector("0.5")));
        http.on("/v1/verdicts", uri -> new FakeHttp.Answer(200, "{\"outcome\":\"PASS\"}"));
        http.on("/v1/unit-costs/models/llama3-pool", uri -> unitCost("llama3-pool", 1.0, 1_000, null));
        http.on("/v1/unit-costs/models/llama-2-70b", uri -> unitCost("llama-2-70b", 1.0, 1_000, null));
        GateContext named = new GateContext("llama-70b", RolloutHarness.STABLE,
                new io.modelshift.api.rollout.Variant("llama-3-70b", "llama3-pool"), start, start, start);
        Gate gate = new Gate("ttft-p95", null, new PrometheusGate(null,
                "ttft{variant=\"{{variant}}\",model=\"{{model}}\"}", null, null, null, 0.10, null),
                null, null, null, null);
        gates().measure(gate, named);
        assertTrue(http.requests.contains("/api/v1/query?query=ttft{variant=\"llama3-pool\",model=\"llama-3-70b\"}"),
                http.requests.toString());
        assertTrue(http.requests.contains("/api/v1/query?query=ttft{variant=\"llama-2-70b\",model=\"llama-2-70b\"}"),
                http.requests.toString());

        assertEquals(GateVerdict.Pass, gates().measure(new Gate("quality", new EvaluationGate(null), null, null, null,
                null, null), named).verdict());
        assertTrue(http.requests.getLast().startsWith("/v1/verdicts?route=llama-70b&baseline=llama-2-70b&candidate=llama3-pool"),
                http.requests.getLast());
        assertEquals(GateVerdict.Pass, gates().measure(new Gate("cost", null, null, new CostGate(null, 0.25), null, null,
                null), named).verdict());
        assertTrue(http.requests.stream().anyMatch(r -> r.startsWith("/v1/unit-costs/models/llama3-pool?")),
                http.requests.toString());
    }

    @Test
    void prometheusEmptyResultFollowsTheNoDataPolicyAndBadQueriesAreErrors() {
        http.on("/api/v1/query", uri -> new FakeHttp.Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
        Gate lenient = new Gate("errors", null, new PrometheusGate(null, "errors", null, 0.01, null, null, null), null, null, null, null);
        Gate strict = new Gate("errors", null, new PrometheusGate(null, "errors", null, 0.01, null, null, null), null, null, NoDataPolicy.Fail, null);
        assertEquals(GateVerdict.Inconclusive, gates().measure(lenient, ctx).verdict());
        assertEquals(GateVerdict.Fail, gates().measure(strict, ctx).verdict());

        http.on("/api/v1/query", uri -> new FakeHttp.Answer(400, "{\"status\":\"error\",\"error\":\"parse error at char 3\"}"));
        GateResult r = gates().measure(lenient, ctx);
        assertEquals(GateVerdict.Error, r.verdict());
        assertTrue(r.message().contains("answered 400") && r.message().contains("parse error"), r.message());
    }

    @Test
    void prometheusSamplesQueryFeedsMinSamples() {
        http.on("/api/v1/query", uri -> new FakeHttp.Answer(200, vector(uri.contains("count") ? "120" : "0.002")));
        Gate gate = new Gate("errors", null, new PrometheusGate(null, "rate", "count", 0.01, null, null, null), null, 500L, null, null);
        GateResult r = gates().measure(gate, ctx);
        assertEquals(GateVerdict.Inconclusive, r.verdict());
        assertEquals("120 samples < minSamples 500", r.message());
    }

    @Test
    void evaluationVerdictIsTakenWithItsSamples() {
        http.on("/v1/verdicts", uri -> new FakeHttp.Answer(200, """
                {"outcome":"FAIL","reason":"gsm8k accuracy is worse than the margin","baseline_samples":900,
                 "candidate_samples":800,"checks":[
                  {"metric":"gsm8k.accuracy","baseline":0.81,"candidate":0.62,"candidate_samples":800,"passed":false},
                  {"metric":"error_rate","baseline":0.01,"candidate":0.01,"candidate_samples":5000,"passed":true}]}"""));
        Gate gate = new Gate("quality", new EvaluationGate(null), null, null, 200L, null, null);
        GateResult r = gates().measure(gate, ctx);
        assertEquals(GateVerdict.Fail, r.verdict());
        assertEquals(800L, r.samples());
        assertTrue(r.message().contains("worse than the margin; candidate vs baseline: gsm8k.accuracy 0.6200 vs "
                + "0.8100 (not passed), error_rate 0.01000 vs 0.01000"), r.message());
        String req = http.requests.getLast();
        assertTrue(req.startsWith("/v1/verdicts?route=llama-70b&baseline=llama-2-70b&candidate=llama-3-70b&since=2026-01-01T10:00:00Z"), req);
    }

    @Test
    void evaluationWithoutAVerdictIsAnErrorNotAFailure() {
        http.on("/v1/verdicts", uri -> new FakeHttp.Answer(200, "{\"status\":\"warming up\"}"));
        GateResult r = gates().measure(new Gate("quality", new EvaluationGate(null), null, null, null, null, null), ctx);
        assertEquals(GateVerdict.Error, r.verdict());
    }

    /** The cost service's answer for one model, in the shape it really sends (the shared record). */
    private static FakeHttp.Answer unitCost(String model, Double perMillion, long tokens, String message) {
        try {
            return new FakeHttp.Answer(200, new ObjectMapper().writeValueAsString(new ModelUnitCost(model,
                    ModelUnitCost.SELF_HOSTED, perMillion, 0.27, "2026-01-01T10:00:00Z", "2026-01-01T10:30:00Z",
                    tokens / 500, tokens / 2, tokens / 2, tokens, null, model, 29.1, "deployment " + model, message)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serveUnitCosts(Double canary, long canaryTokens, String canaryMessage) {
        http.on("/v1/unit-costs/models/llama-3-70b", uri -> unitCost("llama-3-70b", canary, canaryTokens, canaryMessage));
        http.on("/v1/unit-costs/models/llama-2-70b", uri -> unitCost("llama-2-70b", 1.00, 900_000, null));
    }

    @Test
    void costGateBoundsTheMeasuredIncreasePerMillionTokensOverTheRolloutsWindow() {
        serveUnitCosts(1.30, 50_000, null);
        GateResult r = gates().measure(new Gate("cost", null, null, new CostGate(null, 0.25), null, null, null), ctx);
        assertEquals(GateVerdict.Fail, r.verdict());
        assertEquals(1.30, r.value());
        assertEquals(1.00, r.baseline());
        assertEquals(1.25, r.upper(), 1e-9);
        assertEquals(50_000L, r.samples(), "the canary's tokens are the sample size");
        assertTrue(r.message().startsWith("1.300 > upper bound 1.250"), r.message());
        assertTrue(http.requests.contains("/v1/unit-costs/models/llama-3-70b?since=2026-01-01T10:00:00Z"), http.requests.toString());
        assertTrue(http.requests.contains("/v1/unit-costs/models/llama-2-70b?since=2026-01-01T10:00:00Z"), http.requests.toString());

        serveUnitCosts(1.10, 50_000, null);
        assertEquals(GateVerdict.Pass, gates().measure(new Gate("cost", null, null, new CostGate(null, 0.25), null, null, null), ctx).verdict());
    }

    @Test
    void costGateWithoutUsageYetOrTooFewTokensDoesNotDecide() {
        serveUnitCosts(null, 0, "no usage yet: the ledger has no tokens served by llama-3-70b");
        GateResult none = gates().measure(new Gate("cost", null, null, new CostGate(null, 0.25), null, null, null), ctx);
        assertEquals(GateVerdict.Inconclusive, none.verdict());
        assertTrue(none.message().contains("no data: no cost figure for llama-3-70b (no usage yet"), none.message());

        serveUnitCosts(9.99, 2_000, null);
        GateResult few = gates().measure(new Gate("cost", null, null, new CostGate(null, 0.25), 100_000L, null, null), ctx);
        assertEquals(GateVerdict.Inconclusive, few.verdict());
        assertTrue(few.message().startsWith("2000 samples < minSamples 100000"), few.message());
    }

    @Test
    void costPathAndPointerStayConfigurable() {
        http.on("/v1/pricebook/llama-3-70b", uri -> new FakeHttp.Answer(200, "{\"outputPerToken\":1.3e-6}"));
        http.on("/v1/pricebook/llama-2-70b", uri -> new FakeHttp.Answer(200, "{\"outputPerToken\":1.0e-6}"));
        Gates priceBook = new Gates(Map.of("cost", new CostProbe(client, http.url(), "/v1/pricebook/{model}",
                "/outputPerToken", "none", 1e6)));
        GateResult r = priceBook.measure(new Gate("cost", null, null, new CostGate(null, 0.25), null, null, null), ctx);
        assertEquals(GateVerdict.Fail, r.verdict());
        assertEquals(1.30, r.value(), 1e-9);
        assertNull(r.samples());
    }

    @Test
    void initialDelayHoldsTheGateAndUnreachableSourcesAreErrors() {
        Gate delayed = new Gate("quality", new EvaluationGate(null), null, null, null, null, "1h");
        GateResult r = gates().measure(delayed, ctx);
        assertEquals(GateVerdict.Inconclusive, r.verdict());
        assertTrue(r.message().startsWith("initial delay 1h"), r.message());
        assertNull(r.value());

        http.close();
        GateResult down = gates().measure(new Gate("quality", new EvaluationGate(null), null, null, null, null, null), ctx);
        assertEquals(GateVerdict.Error, down.verdict());
        assertTrue(down.message().startsWith("could not measure: GET http://127.0.0.1:"), down.message());
    }
}
