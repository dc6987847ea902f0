package io.modelshift.simulator.engine;

import io.modelshift.simulator.SimulatorConfig;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * vLLM's admission in miniature: up to {@code max_num_seqs} running requests (phantom ones included) whose
 * tokens fit the KV cache, a FIFO waiting queue bounded by {@code max_waiting}, and 429 beyond it. Confined to the
 * pod's event loop; the counts are also published in volatile fields for other threads (tests, metrics).
 */
public final class Scheduler {

    /** Where a submitted request went. */
    public enum Admission { RUNNING, WAITING, REJECTED }

    private final Supplier<SimulatorConfig> config;
    private final Set<Generation> running = new LinkedHashSet<>();
    private final ArrayDeque<Generation> waiting = new ArrayDeque<>();
    /** Tokens held by running requests, kept as a running sum (recomputing it per token would be quadratic). */
    private long kvInUse;
    private volatile int runningCount;
    private volatile int waitingCount;
    private volatile long kvTokens;

    public Scheduler(Supplier<SimulatorConfig> config) {
        this.config = config;
    }

    public Admission submit(Generation g) {
        SimulatorConfig c = config.get();
        if (waiting.isEmpty() && fits(c, g)) {
            start(g);
            return Admission.RUNNING;
        }
        if (waiting.size() + c.phantomWaiting() >= c.maxWaiting()) {
            return Admission.REJECTED;
        }
        waiting.addLast(g);
        publish();
        return Admission.WAITING;
    }

    /** A generation finished or was cancelled: free its slot or its queue place, then admit who fits. */
    public void release(Generation g) {
        if (running.remove(g)) {
            kvInUse -= g.kvTokens();
        } else {
            waiting.remove(g);
        }
        admitWaiting();
    }

    /** Admits queued requests that fit now (also called after the config changed). */
    public void admitWaiting() {
        SimulatorConfig c = config.get();
        while (!waiting.isEmpty() && fits(c, waiting.peekFirst())) {
            start(waiting.pollFirst());
        }
        publish();
    }

    /** A running request generated tokens: they occupy KV cache too. */
    public void tokensGenerated(int tokens) {
        kvInUse += tokens;
        kvTokens = kvInUse;
    }

    public int running() {
        return runningCount;
    }

    public int waiting() {
        return waitingCount;
    }

    /** Tokens held by running requests (prompt plus generated so far). */
    public long kvTokens() {
        return kvTokens;
    }

    private boolean fits(SimulatorConfig c, Generation g) {
        if (running.size() + c.phantomRunning() >= c.maxNumSeqs()) {
            return false;
        }
        // vLLM admits a request only when blocks for its prompt are free; an idle engine always takes one.
        return running.isEmpty() || kvInUse + g.promptTokens() <= c.kvCacheCapacityTokens();
    }

    private void start(Generation g) {
        running.add(g);
        kvInUse += g.kvTokens();
        publish();
        g.start(running.size() + config.get().phantomRunning());
    }

    private void publish() {
        runningCount = running.size();
        waitingCount = waiting.size();
        kvTokens = kvInUse;
    }
}
