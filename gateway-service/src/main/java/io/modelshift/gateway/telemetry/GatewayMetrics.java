package io.modelshift.gateway.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelshift.gateway.routing.Route;
import io.modelshift.gateway.routing.RouteSnapshot;
import io.modelshift.gateway.routing.RouteTable;
import io.modelshift.gateway.routing.Variant;
import io.modelshift.gateway.upstream.CircuitBreaker;
import io.modelshift.gateway.upstream.VariantGuards;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's metrics, all prefixed {@code modelshift_gateway_}. Meters are cached per route and variant so the
 * request path does no registry lookups.
 */
@Singleton // no client proxy: called on every request
public class GatewayMetrics {

    /** How a request ended, as a metric label. */
    public enum Outcome { SUCCESS, CLIENT_ERROR, GATEWAY_ERROR, UPSTREAM_ERROR }

    private final MeterRegistry registry;
    private final Map<String, VariantMeters> meters = new ConcurrentHashMap<>();
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Set<String> weightGauges = ConcurrentHashMap.newKeySet();
    private final Set<String> breakerGauges = ConcurrentHashMap.newKeySet();
    private final Timer overhead;
    private final RouteTable table;
    private final VariantGuards guards;

    public GatewayMetrics(MeterRegistry registry, RouteTable table, VariantGuards guards) {
        this.registry = registry;
        this.table = table;
        this.guards = guards;
        // a Timer, not a DistributionSummary: Micrometer counts a summary's values below 1.0 in no bucket but +Inf,
        // so sub-millisecond buckets of a summary in seconds stay empty
        this.overhead = Timer.builder("modelshift.gateway.overhead")
                .description("Time the gateway itself added to a request")
                .serviceLevelObjectives(micros(100), micros(250), micros(500), micros(1_000), micros(2_500),
                        micros(5_000), micros(10_000), micros(50_000))
                .register(registry);
        table.addListener(this::registerWeights);
        registerWeights(table.snapshot()); // the table may have been loaded before this listener existed
    }

    public VariantMeters of(String route, String variant) {
        String key = route + '\u0000' + variant;
        VariantMeters m = meters.get(key);
        return m != null ? m : meters.computeIfAbsent(key, k -> new VariantMeters(route, variant));
    }

    public void overhead(long nanos) {
        overhead.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1_000);
    }

    public void fallback(String route, String from, String to, String reason) {
        fallbacks.computeIfAbsent(route + '\u0000' + from + '\u0000' + reason, k ->
                Counter.builder("modelshift.gateway.fallbacks").tags("route", route, "from", from, "to", to,
                        "reason", reason).description("Requests moved to the stable variant").register(registry))
                .increment();
    }

    /** Requests refused before routing (auth, limits, bad input), by HTTP status and error code. */
    public void rejected(int status, String code) {
        String c = code == null ? "none" : code;
        rejections.computeIfAbsent(status + c, k -> Counter.builder("modelshift.gateway.rejected")
                .tags("status", Integer.toString(status), "code", c).register(registry)).increment();
    }

    /** Weight and circuit gauges for every variant of the new table. */
    private void registerWeights(RouteSnapshot snapshot) {
        for (Route r : snapshot.routes().values()) {
            for (Variant v : r.variants()) {
                if (weightGauges.add(r.name() + '\u0000' + v.name())) {
                    String route = r.name();
                    String variant = v.name();
                    Gauge.builder("modelshift.gateway.route.weight", table, t -> weight(t, route, variant))
                            .tags("route", route, "variant", variant)
                            .description("Configured weight of a variant in its route").register(registry);
                }
                if (breakerGauges.add(v.name())) {
                    String variant = v.name();
                    Gauge.builder("modelshift.gateway.circuit.state", guards, g -> breakerState(g, variant))
                            .tags("variant", variant)
                            .description("Circuit breaker: 0 closed, 1 half-open, 2 open").register(registry);
                }
            }
        }
    }

    private static double weight(RouteTable t, String route, String variant) {
        Route r = t.snapshot().routes().get(route);
        Variant v = r == null ? null : r.variant(variant);
        return v == null ? Double.NaN : v.weight();
    }

    private static double breakerState(VariantGuards g, String variant) {
        CircuitBreaker.State s = g.of(variant).breaker().state(System.nanoTime());
        return switch (s) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    /** The meters of one route and variant. */
    public final class VariantMeters {
        private final Map<Outcome, Counter> requests = new ConcurrentHashMap<>();
        private final Map<Outcome, Counter> shadows = new ConcurrentHashMap<>();
        private final String route;
        private final String variant;
        private final Timer latency;
        private final Timer ttft;
        private final Counter promptTokens;
        private final Counter completionTokens;

        VariantMeters(String route, String variant) {
            this.route = route;
            this.variant = variant;
            this.latency = Timer.builder("modelshift.gateway.request.duration").tags("route", route, "variant", variant)
                    .description("From request received to last byte sent").publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry);
            this.ttft = Timer.builder("modelshift.gateway.ttft").tags("route", route, "variant", variant)
                    .description("Time to first token (first body byte sent)").publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                    .register(registry);
            this.promptTokens = Counter.builder("modelshift.gateway.tokens").tags("route", route, "variant", variant,
                    "kind", "prompt").register(registry);
            this.completionTokens = Counter.builder("modelshift.gateway.tokens").tags("route", route, "variant",
                    variant, "kind", "completion").register(registry);
        }

        public void request(Outcome outcome, long latencyNanos, long ttftNanos, long prompt, long completion) {
            requests.computeIfAbsent(outcome, o -> Counter.builder("modelshift.gateway.requests")
                    .tags("route", route, "variant", variant, "outcome", o.name().toLowerCase())
                    .description("Requests served").register(registry)).increment();
            latency.record(latencyNanos, TimeUnit.NANOSECONDS);
            if (ttftNanos >= 0) {
                ttft.record(ttftNanos, TimeUnit.NANOSECONDS);
            }
            if (prompt > 0) {
                promptTokens.increment(prompt);
            }
            if (completion > 0) {
                completionTokens.increment(completion);
            }
        }

        public void shadow(Outcome outcome) {
            shadows.computeIfAbsent(outcome, o -> Counter.builder("modelshift.gateway.shadow.requests")
                    .tags("route", route, "variant", variant, "outcome", o.name().toLowerCase())
                    .description("Shadow copies sent").register(registry)).increment();
        }
    }
}
