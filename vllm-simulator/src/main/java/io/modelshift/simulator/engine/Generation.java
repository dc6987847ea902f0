package io.modelshift.simulator.engine;

import io.modelshift.simulator.SimulatorConfig;
import io.modelshift.simulator.metrics.VllmMetrics;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One request being generated: waits for a slot, then emits the planned tokens of all its choices step by step on
 * Vert.x timers (time to first token, then one inter-token latency per step), never blocking the event loop.
 * Cancelling it (client gone, injected fault) stops the timers and frees the slot at once.
 */
public final class Generation {

    private final Vertx vertx;
    private final Scheduler scheduler;
    private final Supplier<SimulatorConfig> config;
    private final VllmMetrics metrics;
    private final List<ChoicePlan> choices;
    private final int promptTokens;
    private final double extraFirstTokenDelayMs;
    private final TokenSink sink;
    private final long createdNanos = System.nanoTime();
    private long startedNanos;
    private long firstTokenNanos;
    private long lastTokenNanos;
    private long dueNanos;
    private int step;
    private int emitted;
    private int longest;
    private long timerId = -1;
    private boolean started;
    private boolean done;

    public Generation(Vertx vertx, Scheduler scheduler, Supplier<SimulatorConfig> config, VllmMetrics metrics,
                      List<ChoicePlan> choices, int promptTokens, double extraFirstTokenDelayMs, TokenSink sink) {
        this.vertx = vertx;
        this.scheduler = scheduler;
        this.config = config;
        this.metrics = metrics;
        this.choices = List.copyOf(choices);
        this.promptTokens = promptTokens;
        this.extraFirstTokenDelayMs = extraFirstTokenDelayMs;
        this.sink = sink;
        for (ChoicePlan c : choices) {
            longest = Math.max(longest, c.pieces().size());
        }
    }

    public int promptTokens() {
        return promptTokens;
    }

    /** Prompt plus tokens generated so far, over all choices: what the request holds in the KV cache. */
    public long kvTokens() {
        return promptTokens + (long) emitted;
    }

    public boolean done() {
        return done;
    }

    /** Called by the scheduler when the request gets a running slot. */
    void start(int runningNow) {
        if (done) {
            return;
        }
        started = true;
        startedNanos = System.nanoTime();
        metrics.queueTime((startedNanos - createdNanos) / 1e9);
        double ttft = LatencyModel.ttftMillis(config.get(), promptTokens, runningNow, this::gaussian)
                + extraFirstTokenDelayMs;
        dueNanos = startedNanos + (long) (ttft * 1e6);
        runDueSteps();
    }

    /** Stops the generation (client disconnected or a fault cut it); frees the slot. Idempotent. */
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (started) {
            metrics.aborted(choices.size());
        }
        scheduler.release(this);
    }

    /** Emits every step that is due, then sleeps on a timer until the next one. */
    private void runDueSteps() {
        timerId = -1;
        while (!done) {
            long waitMs = Math.round((dueNanos - System.nanoTime()) / 1e6);
            if (waitMs >= 1) {
                timerId = vertx.setTimer(waitMs, id -> runDueSteps());
                return;
            }
            emitStep();
            if (done) {
                return;
            }
            double itl = LatencyModel.itlMillis(config.get(), scheduler.running() + config.get().phantomRunning(),
                    this::gaussian);
            dueNanos += (long) (itl * 1e6);
        }
    }

    private void emitStep() {
        long now = System.nanoTime();
        if (step == 0) {
            firstTokenNanos = now;
            metrics.firstToken((now - createdNanos) / 1e9, promptTokens);
        } else {
            metrics.interToken((now - lastTokenNanos) / 1e9);
        }
        lastTokenNanos = now;
        for (int c = 0; c < choices.size() && !done; c++) {
            ChoicePlan plan = choices.get(c);
            if (step < plan.pieces().size()) {
                boolean last = step == plan.pieces().size() - 1;
                emitted++;
                scheduler.tokensGenerated(1);
                metrics.generationTokens(1);
                sink.onToken(c, plan.pieces().get(step), step == 0, last ? plan : null);
            }
        }
        step++;
        if (!done && step >= longest) {
            finish(now);
        }
    }

    private void finish(long now) {
        done = true;
        for (ChoicePlan c : choices) {
            metrics.succeeded(c.finishReason());
        }
        metrics.finished((now - createdNanos) / 1e9, (now - firstTokenNanos) / 1e9, promptTokens, emitted);
        scheduler.release(this);
        sink.onComplete();
    }

    private double gaussian() {
        return ThreadLocalRandom.current().nextGaussian();
    }
}
