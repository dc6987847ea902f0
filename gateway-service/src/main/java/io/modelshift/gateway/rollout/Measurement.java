package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.GateVerdict;

/**
 * A raw measurement from a gate's source, before the gate's bounds are applied.
 *
 * @param value         the canary's value, or null when the source had no data
 * @param baseline      the stable's value (relative bounds), or null
 * @param samples       the number of samples behind the value, or null when unknown
 * @param sourceVerdict a verdict the source itself gave (the evaluation service), or null
 * @param detail        what the source said, for the status message
 */
public record Measurement(Double value, Double baseline, Long samples, GateVerdict sourceVerdict, String detail) {
}
