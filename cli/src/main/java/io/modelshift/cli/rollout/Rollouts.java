package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.RolloutAction;

import java.util.List;
import java.util.Optional;

/** Where ModelRollouts live: a cluster namespace, or a gateway's admin API. The commands work the same on both. */
public interface Rollouts {

    /** For messages: "namespace modelshift" or "gateway http://localhost:8080". */
    String where();

    List<ModelRollout> list();

    Optional<ModelRollout> find(String name);

    /** Creates the rollout, or replaces its spec (the status is kept; a new canary starts a new rollout). */
    ModelRollout apply(ModelRollout rollout);

    /** Asks the controller for a manual action; it applies it on its next tick. */
    void request(String name, RolloutAction action);

    /** The rollout of a route: the one named after it, else the one whose spec.route is it. */
    default ModelRollout ofRoute(String route) {
        return find(route).or(() -> list().stream().filter(r -> route.equals(r.getSpec().route())).findFirst())
                .orElseThrow(() -> new io.modelshift.cli.CliFailure("no ModelRollout for route '" + route + "' in "
                        + where() + "; known routes: " + list().stream().map(r -> r.getSpec().route()).toList()));
    }
}
