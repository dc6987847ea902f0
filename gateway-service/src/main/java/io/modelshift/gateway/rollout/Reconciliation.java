package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.ModelRolloutStatus;

import java.util.List;

/**
 * What one reconcile decided: the new status (which carries the desired weight and mirror share every replica
 * applies) and the events to emit.
 *
 * @param status  the status to write
 * @param events  in order
 * @param changed whether the status differs from the one read (skip the write otherwise)
 */
public record Reconciliation(ModelRolloutStatus status, List<RolloutEvent> events, boolean changed) {
}
