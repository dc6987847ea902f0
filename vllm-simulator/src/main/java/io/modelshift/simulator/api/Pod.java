package io.modelshift.simulator.api;

import io.modelshift.simulator.SimulatorConfig;
import io.modelshift.simulator.engine.Scheduler;
import io.modelshift.simulator.metrics.VllmMetrics;
import io.modelshift.simulator.quality.Responder;
import io.vertx.core.Vertx;

/** What the HTTP handlers of one simulated pod work with. */
public interface Pod {

    Vertx vertx();

    /** The current config (swapped atomically by {@link #reconfigure}). */
    SimulatorConfig config();

    /** Applies a JSON merge-patch; throws IllegalArgumentException naming the bad field. */
    SimulatorConfig reconfigure(String jsonPatch);

    Scheduler scheduler();

    VllmMetrics metrics();

    Responder responder();

    /** Seconds since the epoch at which the pod started (the models' {@code created}). */
    long startedAtEpochSeconds();
}
