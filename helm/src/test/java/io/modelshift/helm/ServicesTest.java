package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four modelshift services: probes, resources, hardening, selectors, service accounts, HPA and PDB. */
class ServicesTest {

    private static final List<String> SERVICES = List.of("gateway", "proxy-llama-2-70b", "proxy-llama-3-70b",
            "evaluation", "cost");

    private final RenderedChart chart = ChartUnderTest.render();

    @Test
    void eachServiceIsHardenedProbedAndBounded() {
        for (String service : SERVICES) {
            Deployment deployment = chart.get(Deployment.class, "ms-modelshift-" + service);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            SecurityContexts.assertHardened(pod, container);
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath(), service);
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath(), service);
            assertEquals("/q/health/started", container.getStartupProbe().getHttpGet().getPath(), service);
            assertNotNull(container.getResources().getRequests().get("cpu"), service);
            assertNotNull(container.getResources().getLimits().get("memory"), service);
            assertTrue(container.getImage().startsWith("docker.io/modelshift/"), container.getImage());
            chart.get(ServiceAccount.class, pod.getServiceAccountName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "simulator", "several-models", "hpa-off"})
    void everySelectorMatchesItsPodsAndNothingElse(String valueSet) {
        RenderedChart rendered = valueSet.isEmpty() ? chart : ChartUnderTest.render(valueSet);
        List<Deployment> deployments = rendered.all(Deployment.class);
        for (Deployment d : deployments) {
            assertTrue(Selectors.matches(d.getSpec().getSelector().getMatchLabels(),
                    d.getSpec().getTemplate().getMetadata().getLabels()), d.getMetadata().getName());
        }
        for (Service service : rendered.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            List<String> selected = deployments.stream()
                    .filter(d -> Selectors.matches(selector, d.getSpec().getTemplate().getMetadata().getLabels()))
                    .map(d -> d.getMetadata().getName()).toList();
            assertEquals(List.of(service.getMetadata().getName()), selected, "Service " + service.getMetadata().getName());
            Deployment target = rendered.get(Deployment.class, selected.get(0));
            Set<String> containerPorts = target.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts()
                    .stream().map(p -> p.getName()).collect(Collectors.toSet());
            service.getSpec().getPorts().forEach(p -> assertTrue(containerPorts.contains(p.getTargetPort().getStrVal())));
        }
    }

    @Test
    void gatewayScalesWithAnHpaAndKeepsOneReplicaThroughDisruptions() {
        Deployment gateway = chart.get(Deployment.class, "ms-modelshift-gateway");
        assertNull(gateway.getSpec().getReplicas(), "the HPA owns the replica count");
        HorizontalPodAutoscaler hpa = chart.get(HorizontalPodAutoscaler.class, "ms-modelshift-gateway");
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals("ms-modelshift-gateway", hpa.getSpec().getScaleTargetRef().getName());
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(70, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
        PodDisruptionBudget pdb = chart.get(PodDisruptionBudget.class, "ms-modelshift-gateway");
        assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());
        assertTrue(Selectors.matches(pdb.getSpec().getSelector().getMatchLabels(),
                gateway.getSpec().getTemplate().getMetadata().getLabels()));
        // upgrades never take a gateway pod away before its replacement is ready
        assertEquals(0, gateway.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
    }

    @Test
    void withoutHpaTheGatewayHasFixedReplicasAndNoPdb() {
        RenderedChart off = ChartUnderTest.render("hpa-off");
        assertEquals(3, off.get(Deployment.class, "ms-modelshift-gateway").getSpec().getReplicas());
        assertTrue(off.all(HorizontalPodAutoscaler.class).isEmpty());
        assertTrue(off.all(PodDisruptionBudget.class).isEmpty());
    }

    @Test
    void databaseAndApiKeysComeFromSecretsNeverFromValues() {
        for (String service : List.of("evaluation", "cost")) {
            Container c = chart.get(Deployment.class, "ms-modelshift-" + service).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            for (String name : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD")) {
                var env = c.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst().orElseThrow();
                assertNull(env.getValue(), name);
                assertEquals("modelshift-db", env.getValueFrom().getSecretKeyRef().getName());
            }
        }
        PodSpec gateway = chart.get(Deployment.class, "ms-modelshift-gateway").getSpec().getTemplate().getSpec();
        assertTrue(gateway.getVolumes().stream().anyMatch(v -> v.getSecret() != null
                && "modelshift-api-keys".equals(v.getSecret().getSecretName())));
        assertTrue(chart.objects().stream().map(HasMetadata::getKind).noneMatch("Secret"::equals),
                "the chart never holds a secret");
    }

    @Test
    void gatewayRoutesToTheProxiesAndRecordsToEvaluationAndCost() {
        Container gateway = chart.get(Deployment.class, "ms-modelshift-gateway").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertEquals("http://ms-modelshift-evaluation:8200/v1/traffic,http://ms-modelshift-cost:8300/v1/usage",
                ModelServerTest.env(gateway, "MODELSHIFT_GATEWAY_RECORDS_SINKS"));
        String routes = chart.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "ms-modelshift-gateway-routes")
                .getData().get("routes.yaml");
        assertTrue(routes.contains("url: http://ms-modelshift-proxy-llama-2-70b:8100/v1"), routes);
        assertFalse(routes.contains("llama-3-70b"), "no canary variant until canary.model is set:\n" + routes);
    }
}
