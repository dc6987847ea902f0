package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.RolloutAction;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * A manual action exactly as the rollout controller defines it: the {@code modelshift.io/action} annotation in a
 * cluster, {@code POST /admin/rollouts/{name}/actions/{action}} on the gateway. The controller applies it on its
 * next tick and writes the result in {@code status.lastAction}.
 */
abstract class ActionCommand extends RolloutCommand implements Runnable {


    @Parameters(index = "0", description = "The route (or rollout name).")
    String route;

    abstract RolloutAction action();

    @Override
    public void run() {
        Rollouts rollouts = rollouts();
        ModelRollout r = rollouts.ofRoute(route);
        RolloutAction action = action();
        rollouts.request(r.getMetadata().getName(), action);
        PrintWriter out = out();
        out.printf("%s requested on %s (%s); the controller applies it on its next tick.%n", action.value(),
                r.getMetadata().getName(), rollouts.where());
        out.printf("Its result shows as 'last action' in: modelshift status %s%n", route);
        out.flush();
    }
}
