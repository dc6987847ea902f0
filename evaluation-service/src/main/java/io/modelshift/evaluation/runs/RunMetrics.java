package io.modelshift.evaluation.runs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code modelshift_eval_accuracy{benchmark,model}} (the latest run's accuracy so far),
 * {@code modelshift_eval_run_progress{run,benchmark,model}} (finished share, while the run is active) and
 * {@code modelshift_eval_items_total{benchmark,model,outcome}}.
 */
@ApplicationScoped
public class RunMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Double>> accuracy = new ConcurrentHashMap<>();
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final Map<String, Counter> items = new ConcurrentHashMap<>();

    private record Progress(AtomicInteger finished, AtomicInteger correct, int total, Gauge gauge) {
    }

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void started(String runId, EvaluationRequest spec, int total, RunStore.Counts before) {
        AtomicInteger finished = new AtomicInteger(before.finished());
        Gauge gauge = Gauge.builder("modelshift.eval.run.progress", finished, f -> total == 0 ? 1.0 : (double) f.get() / total)
                .tags(Tags.of("run", runId, "benchmark", spec.benchmark(), "model", spec.model()))
                .description("Finished share of an active evaluation run").register(registry);
        progress.put(runId, new Progress(finished, new AtomicInteger(before.correct()), total, gauge));
    }

    void item(String runId, EvaluationRequest spec, ItemResult result) {
        String outcome = result.errored() ? "error" : result.correct() ? "correct" : "wrong";
        // one registry lookup per (benchmark, model, outcome), not per item
        items.computeIfAbsent(spec.benchmark() + "\u0000" + spec.model() + "\u0000" + outcome,
                k -> Counter.builder("modelshift.eval.items").tags("benchmark", spec.benchmark(), "model",
                        spec.model(), "outcome", outcome).description("Evaluated items by outcome")
                        .register(registry)).increment();
        Progress p = progress.get(runId);
        if (p == null || result.errored()) {
            return;
        }
        int finished = p.finished().incrementAndGet();
        int correct = result.correct() ? p.correct().incrementAndGet() : p.correct().get();
        accuracy(spec.benchmark(), spec.model()).set((double) correct / Math.max(1, finished));
    }

    /** Sets the accuracy gauge from stored counts (run end, resume, restart). */
    public void accuracy(String benchmark, String model, double value) {
        accuracy(benchmark, model).set(value);
    }

    private AtomicReference<Double> accuracy(String benchmark, String model) {
        return accuracy.computeIfAbsent(benchmark + "\u0000" + model, k -> {
            AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
            Gauge.builder("modelshift.eval.accuracy", ref, AtomicReference::get)
                    .tags("benchmark", benchmark, "model", model)
                    .description("Accuracy of the latest run of a model on a benchmark").register(registry);
            return ref;
        });
    }

    void finished(String runId) {
        Progress p = progress.remove(runId);
        if (p != null) {
            registry.remove(p.gauge());
        }
    }
}
