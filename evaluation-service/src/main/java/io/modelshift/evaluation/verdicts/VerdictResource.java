package io.modelshift.evaluation.verdicts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelshift.api.openai.InvalidRequestException;
import io.modelshift.evaluation.judge.JudgementStore;
import io.modelshift.evaluation.traffic.TrafficResource;
import io.modelshift.evaluation.traffic.TrafficStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /v1/verdicts?route=&baseline=&candidate=&since=} for the rollout controller; also publishes
 * {@code modelshift_eval_verdict{route,baseline,candidate}} (1 pass, 0 inconclusive, -1 fail) and
 * {@code modelshift_eval_win_rate{route,baseline,candidate}}.
 */
@Path("/v1/verdicts")
@Produces(MediaType.APPLICATION_JSON)
public class VerdictResource {

    private final TrafficStore traffic;
    private final JudgementStore judgements;
    private final VerdictEngine engine;
    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

    public VerdictResource(TrafficStore traffic, JudgementStore judgements, VerdictSettings settings,
                           MeterRegistry registry) {
        this.traffic = traffic;
        this.judgements = judgements;
        this.engine = new VerdictEngine(settings);
        this.registry = registry;
    }

    @GET
    public Verdict verdict(@QueryParam("route") String route, @QueryParam("baseline") String baseline,
                           @QueryParam("candidate") String candidate, @QueryParam("since") String since) {
        require(route, "route");
        require(baseline, "baseline");
        require(candidate, "candidate");
        if (baseline.equals(candidate)) {
            throw InvalidRequestException.badRequest("baseline and candidate must be different variants", "candidate");
        }
        Instant from = TrafficResource.instant(since, Instant.now().minus(Duration.ofHours(24)));
        List<JudgementStore.Row> judged = judgements.since(route, baseline, candidate, from);
        Verdict v = engine.decide(route, baseline, candidate, from, traffic.since(route, from), judged);
        String[] tags = {"route", route, "baseline", baseline, "candidate", candidate};
        gauge("modelshift.eval.verdict", tags).set(switch (v.outcome()) {
            case PASS -> 1.0;
            case FAIL -> -1.0;
            case INCONCLUSIVE -> 0.0;
        });
        v.checks().stream().filter(k -> k.metric().equals("judge_win_rate")).findFirst()
                .ifPresent(k -> gauge("modelshift.eval.win.rate", tags).set(k.candidate()));
        return v;
    }

    private AtomicReference<Double> gauge(String name, String... tags) {
        return gauges.computeIfAbsent(name + String.join("\u0000", tags), k -> {
            AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
            Gauge.builder(name, ref, AtomicReference::get).tags(tags).register(registry);
            return ref;
        });
    }

    private static void require(String value, String param) {
        if (value == null || value.isBlank()) {
            throw InvalidRequestException.badRequest("Query parameter '" + param + "' is required", param);
        }
    }
}
