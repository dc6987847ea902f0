package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the gateway is reachable from outside; model servers only from their own proxy. */
class NetworkPolicyTest {

    private final RenderedChart chart = ChartUnderTest.render("several-models");

    @Test
    void everyPodIsCoveredByExactlyOnePolicy() {
        for (Deployment d : chart.all(Deployment.class)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<String> covering = chart.all(NetworkPolicy.class).stream()
                    .filter(p -> Selectors.matches(p.getSpec().getPodSelector().getMatchLabels(), labels))
                    .map(p -> p.getMetadata().getName()).toList();
            assertEquals(1, covering.size(), d.getMetadata().getName() + " covered by " + covering);
            assertEquals(List.of("Ingress"), chart.get(NetworkPolicy.class, covering.get(0)).getSpec().getPolicyTypes());
        }
    }

    @Test
    void onlyTheGatewayAcceptsTrafficFromAnywhere() {
        for (NetworkPolicy policy : chart.all(NetworkPolicy.class)) {
            boolean open = policy.getSpec().getIngress().stream()
                    .anyMatch(rule -> rule.getFrom() == null || rule.getFrom().isEmpty());
            assertEquals(policy.getMetadata().getName().equals("ms-modelshift-gateway"), open,
                    policy.getMetadata().getName());
        }
    }

    @Test
    void aModelServerAcceptsOnlyItsOwnProxyAndTheMetricsNamespace() {
        for (String model : List.of("llama-2-70b", "llama-3-70b", "llama-3-8b")) {
            NetworkPolicy policy = chart.get(NetworkPolicy.class, "ms-modelshift-model-" + model);
            List<NetworkPolicyPeer> peers = policy.getSpec().getIngress().stream()
                    .map(NetworkPolicyIngressRule::getFrom).flatMap(List::stream).toList();
            List<String> podPeers = chart.all(Deployment.class).stream()
                    .filter(d -> peers.stream().anyMatch(p -> p.getPodSelector() != null && Selectors.matches(
                            p.getPodSelector().getMatchLabels(), d.getSpec().getTemplate().getMetadata().getLabels())))
                    .map(d -> d.getMetadata().getName()).toList();
            assertEquals(List.of("ms-modelshift-proxy-" + model), podPeers, model);
            assertTrue(peers.stream().filter(p -> p.getPodSelector() == null).allMatch(p ->
                    "monitoring".equals(p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))));
        }
    }

    @Test
    void evaluationAndCostAcceptOnlyTheGateway() {
        for (String service : List.of("evaluation", "cost")) {
            NetworkPolicy policy = chart.get(NetworkPolicy.class, "ms-modelshift-" + service);
            List<Map<String, String>> podPeers = policy.getSpec().getIngress().get(0).getFrom().stream()
                    .filter(p -> p.getPodSelector() != null).map(p -> p.getPodSelector().getMatchLabels()).toList();
            assertEquals(List.of(chart.get(Deployment.class, "ms-modelshift-gateway").getSpec().getSelector()
                    .getMatchLabels()), podPeers, service);
        }
    }

    @Test
    void noPoliciesWhenDisabled() {
        assertTrue(ChartUnderTest.render(Map.of("networkPolicy.enabled", false)).all(NetworkPolicy.class).isEmpty());
    }
}
