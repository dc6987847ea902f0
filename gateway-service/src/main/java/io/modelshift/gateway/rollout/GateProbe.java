package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.Gate;

/** Asks one kind of source (evaluation service, Prometheus, cost service) for a gate's measurement. */
public interface GateProbe {

    Measurement measure(Gate gate, GateContext context) throws MeasurementException;
}
