package io.modelshift.cli.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** What every rollout command shares: where the rollouts are (cluster or gateway) and where to print. */
abstract class RolloutCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    RolloutTarget target;

    /** The client from the current kubeconfig; created only when a command needs the cluster. */
    @Inject
    Instance<KubernetesClient> cluster;

    Rollouts rollouts() {
        return target.open(cluster::get);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
