package io.modelshift.proxy.discovery;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** EndpointSlice discovery against the Kubernetes mock server in CRUD mode. */
@WithKubernetesTestServer(crud = true)
@QuarkusTest
@TestProfile(KubernetesDiscoveryTest.Profile.class)
class KubernetesDiscoveryTest {

    static final String NS = "models";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelshift.proxy.discovery.mode", "kubernetes",
                    "modelshift.proxy.discovery.namespace", NS,
                    "modelshift.proxy.discovery.label-selector", "kubernetes.io/service-name=llama-3-70b",
                    "modelshift.proxy.discovery.port-name", "http");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    PodPool pool;

    private static EndpointSlice slice(String name, String service, io.fabric8.kubernetes.api.model.discovery.v1.Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels("kubernetes.io/service-name", service).endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("metrics").withPort(9090).endPort()
                .addNewPort().withName("http").withPort(8000).endPort()
                .withEndpoints(endpoints).build();
    }

    private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(String ip, String pod, Boolean ready,
                                                                              Boolean terminating) {
        return new EndpointBuilder().withAddresses(ip)
                .withNewConditions().withReady(ready).withTerminating(terminating).endConditions()
                .withNewTargetRef().withKind("Pod").withName(pod).withNamespace(NS).endTargetRef().build();
    }

    /** pod name -> ready, as the pool sees it. */
    private Map<String, Boolean> view() {
        return pool.pods().stream().collect(Collectors.toMap(Pod::name, Pod::discoveredReady));
    }

    @Test
    void followsEndpointsAsTheyComeTurnNotReadyAndGo() {
        var slices = client.discovery().v1().endpointSlices().inNamespace(NS);
        slices.resource(slice("llama-3-70b-abc", "llama-3-70b",
                endpoint("127.0.0.2", "vllm-0", true, false),
                endpoint("127.0.0.3", "vllm-1", null, null))).create();
        slices.resource(slice("other-xyz", "other-model", endpoint("127.0.0.9", "other-0", true, false))).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> view().equals(Map.of("vllm-0", true, "vllm-1", true)));
        assertEquals("127.0.0.2:8000", pool.pods().stream().filter(p -> p.name().equals("vllm-0")).findFirst()
                .orElseThrow().address(), "the named port is used");

        // a second slice of the same service adds a pod; vllm-1 turns not ready, vllm-0 starts terminating
        slices.resource(slice("llama-3-70b-def", "llama-3-70b", endpoint("127.0.0.4", "vllm-2", true, false)))
                .create();
        slices.resource(slice("llama-3-70b-abc", "llama-3-70b",
                endpoint("127.0.0.2", "vllm-0", true, true),
                endpoint("127.0.0.3", "vllm-1", false, false))).update();
        await().atMost(Duration.ofSeconds(10)).until(() -> view().equals(
                Map.of("vllm-0", false, "vllm-1", false, "vllm-2", true)));
        assertEquals(1, pool.pods().stream().filter(Pod::discoveredReady).count());

        // pods removed from the slice, then the slice itself
        slices.resource(slice("llama-3-70b-abc", "llama-3-70b", endpoint("127.0.0.3", "vllm-1", true, false)))
                .update();
        await().atMost(Duration.ofSeconds(10)).until(() -> view().equals(Map.of("vllm-1", true, "vllm-2", true)));
        slices.withName("llama-3-70b-abc").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> view().equals(Map.of("vllm-2", true)));
        slices.withName("llama-3-70b-def").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.pods().isEmpty());
    }
}
