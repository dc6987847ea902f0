package io.modelshift.proxy.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelshift.proxy.discovery.Pod;
import io.modelshift.proxy.discovery.PodPool;
import io.modelshift.proxy.picking.PodScorer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's Micrometer meters, all prefixed {@code modelshift_proxy_}. Per-pod meters are created when a pod joins
 * and removed when it leaves, and cached so that the hot path does no tag lookups.
 */
@ApplicationScoped
public class ProxyMetrics {

    private final MeterRegistry registry;
    private final PodPool pool;
    private final Map<Pod, PodMeters> perPod = new ConcurrentHashMap<>();
    private final Counter retries;
    private final Counter shedSaturated;
    private final Counter shedNoPod;
    private final Counter rejectedTooLarge;
    private final Counter rejectedContext;
    private final Counter panicPicks;

    public ProxyMetrics(MeterRegistry registry, PodPool pool) {
        this.registry = registry;
        this.pool = pool;
        this.retries = Counter.builder("modelshift.proxy.retries").description("Attempts retried on another pod")
                .register(registry);
        this.shedSaturated = shed("saturated");
        this.shedNoPod = shed("no_ready_pod");
        this.rejectedTooLarge = rejected("body_too_large");
        this.rejectedContext = rejected("context_length");
        this.panicPicks = Counter.builder("modelshift.proxy.panic.picks")
                .description("Attempts sent to an ejected pod because every pod passing its probe was ejected")
                .register(registry);
        Gauge.builder("modelshift.proxy.pods.routable", pool, p -> p.pods().stream().filter(Pod::routable).count())
                .description("Pods that may be picked (ready, healthy, not ejected)").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        pool.addListener(this::changed);
    }

    private Counter shed(String reason) {
        return Counter.builder("modelshift.proxy.shed").tag("reason", reason)
                .description("Requests shed before reaching a pod").register(registry);
    }

    private Counter rejected(String reason) {
        return Counter.builder("modelshift.proxy.rejected").tag("reason", reason)
                .description("Requests refused by admission guards").register(registry);
    }

    private void changed(List<Pod> added, List<Pod> removed) {
        for (Pod pod : added) {
            perPod.computeIfAbsent(pod, this::metersFor);
        }
        for (Pod pod : removed) {
            PodMeters m = perPod.remove(pod);
            if (m != null) {
                m.meters.forEach(registry::remove);
            }
        }
    }

    private PodMeters metersFor(Pod pod) {
        return new PodMeters(registry, pod);
    }

    private PodMeters of(Pod pod) {
        return perPod.computeIfAbsent(pod, this::metersFor);
    }

    public void attempt(Pod pod, Outcome outcome, long latencyNanos) {
        PodMeters m = of(pod);
        m.requests.get(outcome).increment();
        if (latencyNanos >= 0) {
            m.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
        }
    }

    public void timeToFirstToken(Pod pod, long nanos) {
        of(pod).ttft.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void tokens(Pod pod, long prompt, long completion) {
        PodMeters m = of(pod);
        if (prompt > 0) {
            m.promptTokens.increment(prompt);
        }
        if (completion > 0) {
            m.completionTokens.increment(completion);
        }
    }

    public void ejected(Pod pod) {
        of(pod).ejections.increment();
    }

    public void readmitted(Pod pod) {
        of(pod).readmissions.increment();
    }

    /** A probe that got no good answer; {@code tolerated} when the pod stayed healthy all the same. */
    public void probeFailed(Pod pod, boolean tolerated) {
        (tolerated ? of(pod).probesTolerated : of(pod).probesFailed).increment();
    }

    public void panicPick() {
        panicPicks.increment();
    }

    public void retried() {
        retries.increment();
    }

    public void shedSaturated() {
        shedSaturated.increment();
    }

    public void shedNoPod() {
        shedNoPod.increment();
    }

    public void tooLarge() {
        rejectedTooLarge.increment();
    }

    public void contextTooLong() {
        rejectedContext.increment();
    }

    private static final class PodMeters {
        final List<Meter> meters = new ArrayList<>();
        final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);
        final Timer latency;
        final Timer ttft;
        final Counter promptTokens;
        final Counter completionTokens;
        final Counter ejections;
        final Counter readmissions;
        final Counter probesTolerated;
        final Counter probesFailed;

        PodMeters(MeterRegistry registry, Pod pod) {
            String name = pod.name();
            for (Outcome o : Outcome.values()) {
                requests.put(o, add(Counter.builder("modelshift.proxy.requests").tag("pod", name)
                        .tag("outcome", o.label()).description("Attempts by pod and outcome").register(registry)));
            }
            latency = add(Timer.builder("modelshift.proxy.upstream.latency").tag("pod", name)
                    .description("Time from sending to a pod until its response was fully relayed")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(5)).register(registry));
            ttft = add(Timer.builder("modelshift.proxy.time.to.first.token").tag("pod", name)
                    .description("Time from sending a streaming request to its first relayed chunk")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(2)).register(registry));
            promptTokens = add(tokens(registry, name, "prompt"));
            completionTokens = add(tokens(registry, name, "completion"));
            ejections = add(Counter.builder("modelshift.proxy.ejections").tag("pod", name)
                    .description("Times the pod was ejected by outlier detection").register(registry));
            readmissions = add(Counter.builder("modelshift.proxy.readmissions").tag("pod", name)
                    .description("Times an ejected pod answered again and was re-admitted").register(registry));
            probesTolerated = add(probes(registry, name, "tolerated"));
            probesFailed = add(probes(registry, name, "unhealthy"));
            add(Gauge.builder("modelshift.proxy.pod.queue", pod, PodScorer::queue).tag("pod", name)
                    .description("Estimated waiting queue (scraped + dispatched since)").register(registry));
            add(Gauge.builder("modelshift.proxy.pod.running", pod, p -> p.metrics().running()).tag("pod", name)
                    .description("Scraped vllm:num_requests_running").register(registry));
            add(Gauge.builder("modelshift.proxy.pod.kv.cache.usage", pod, p -> p.metrics().kvCacheUsage())
                    .tag("pod", name).description("Scraped KV-cache usage, 0..1").register(registry));
            add(Gauge.builder("modelshift.proxy.pod.metrics.age", pod, p -> p.metrics().ageSeconds(System.nanoTime()))
                    .tag("pod", name).baseUnit("seconds")
                    .description("Age of the pod's last metrics scrape (NaN before the first)").register(registry));
            add(Gauge.builder("modelshift.proxy.pod.score", pod, Pod::lastScore).tag("pod", name)
                    .description("Score at the pod's last pick round").register(registry));
            add(Gauge.builder("modelshift.proxy.pod.in.flight", pod, Pod::inFlight).tag("pod", name)
                    .description("Requests this proxy has open on the pod").register(registry));
            add(Gauge.builder("modelshift.proxy.pod.routable", pod, p -> p.routable() ? 1 : 0).tag("pod", name)
                    .description("1 when the pod may be picked").register(registry));
        }

        /** tolerated: slow or broken probe while the pod was answering or below the threshold; else it counted. */
        private static Counter probes(MeterRegistry registry, String pod, String verdict) {
            return Counter.builder("modelshift.proxy.probe.failures").tag("pod", pod).tag("verdict", verdict)
                    .description("Health probes without a good answer, by what they did to the pod")
                    .register(registry);
        }

        private static Counter tokens(MeterRegistry registry, String pod, String type) {
            return Counter.builder("modelshift.proxy.tokens").tag("pod", pod).tag("type", type)
                    .description("Tokens counted from usage, by pod").register(registry);
        }

        private <M extends Meter> M add(M meter) {
            meters.add(meter);
            return meter;
        }
    }
}
