package io.modelshift.gateway.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** The Kubernetes scenarios against Quarkus' Kubernetes test server in CRUD mode (the CRD is created first). */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class KubernetesRolloutTest extends KubernetesRolloutScenarios {

    @KubernetesTestServer
    KubernetesServer server;

    @Override
    KubernetesClient client() {
        return server.getClient();
    }
}
