package io.modelshift.cli.rollout;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.modelshift.cli.ServiceClient;
import picocli.CommandLine.Option;

import java.util.function.Supplier;

/** Cluster (current kubeconfig context, or --context/--namespace) or local stack (--gateway-url with an admin key). */
public class RolloutTarget {

    @Option(names = {"-n", "--namespace"}, description = "Namespace of the ModelRollout (default: the kubeconfig context's).")
    String namespace;

    @Option(names = "--context", description = "kubeconfig context to use (default: the current one).")
    String context;

    @Option(names = "--gateway-url", defaultValue = "${env:MODELSHIFT_GATEWAY_URL}",
            description = "Use the gateway's admin API instead of a cluster, e.g. http://localhost:8080"
                    + " (env MODELSHIFT_GATEWAY_URL).")
    String gatewayUrl;

    @Option(names = "--admin-key", defaultValue = "${env:MODELSHIFT_ADMIN_KEY}",
            description = "Gateway API key with the admin role (env MODELSHIFT_ADMIN_KEY).")
    String adminKey;

    /** @param cluster the client from the current kubeconfig, created only when needed */
    Rollouts open(Supplier<KubernetesClient> cluster) {
        if (gatewayUrl != null && !gatewayUrl.isBlank()) {
            return new GatewayRollouts(new ServiceClient("gateway", gatewayUrl, adminKey, "--gateway-url"));
        }
        KubernetesClient client = context == null ? cluster.get()
                : new KubernetesClientBuilder().withConfig(Config.autoConfigure(context)).build();
        String ns = namespace != null ? namespace : client.getNamespace() != null ? client.getNamespace() : "default";
        return new ClusterRollouts(client, ns);
    }
}
