package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutAction;

import java.util.List;

/**
 * Where ModelRollouts live: Kubernetes (the CRD) or a folder of YAML files. The controller and the admin API only
 * see this interface, so both behave the same with or without a cluster.
 */
public interface RolloutStore {

    /** Every rollout as last known; never blocks on a remote call (the Kubernetes store answers from its cache). */
    List<ModelRollout> list();

    /** The rollout, or null. */
    ModelRollout get(String name);

    /** Creates or replaces the resource's metadata and spec; an existing status is kept (like the status subresource). */
    ModelRollout apply(ModelRollout rollout);

    /** Deletes it; false when it did not exist. */
    boolean delete(String name);

    /** Asks for a manual action: sets the {@code modelshift.io/action} annotation the controller consumes. */
    void requestAction(String name, RolloutAction action);

    /**
     * First half of the exactly-once protocol: replaces the pending action {@code seen} with its {@code stamped}
     * form ({@code promote} -> {@code promote;id=<uuid>}), atomically (resourceVersion-locked): false when it changed
     * or another replica stamped it first. On success the rollout's annotation and version are updated in place.
     */
    boolean stampAction(ModelRollout rollout, String seen, String stamped);

    /**
     * Last half: removes the pending action when it still is {@code value} (resourceVersion-locked); false when it
     * changed meanwhile or could not be removed now (the next tick finds its id in status and removes it then).
     */
    boolean clearAction(ModelRollout rollout, String value);

    /** Writes the status; false when the resource changed meanwhile (then the controller retries next tick). */
    boolean writeStatus(ModelRollout rollout, ModelRolloutStatus status);

    void emit(ModelRollout rollout, RolloutEvent event);

    /** Whether this replica may act (leader election); every replica applies weights regardless. */
    boolean leader();
}
