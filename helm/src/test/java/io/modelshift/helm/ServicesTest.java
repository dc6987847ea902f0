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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void podsOnTheRequestPathDrainBeforeTheyStopAndKeepTheirPodsAcrossChartUpgrades() {
        for (String name : List.of("ms-modelshift-gateway", "ms-modelshift-proxy-llama-2-70b",
                "ms-modelshift-proxy-llama-3-70b")) {
            PodSpec pod = chart.get(Deployment.class, name).getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            assertEquals("5s", ModelServerTest.env(c, "QUARKUS_SHUTDOWN_DELAY"), name);
            assertEquals("60s", ModelServerTest.env(c, "QUARKUS_SHUTDOWN_TIMEOUT"), name);
            assertEquals(75L, pod.getTerminationGracePeriodSeconds(), name + ": the delay and the timeout fit in it");
        }
        // a node drain leaves each model at least one proxy, spread over nodes where possible
        for (String model : List.of("llama-2-70b", "llama-3-70b")) {
            Deployment proxy = chart.get(Deployment.class, "ms-modelshift-proxy-" + model);
            PodDisruptionBudget pdb = chart.get(PodDisruptionBudget.class, "ms-modelshift-proxy-" + model);
            assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());
            assertTrue(Selectors.matches(pdb.getSpec().getSelector().getMatchLabels(),
                    proxy.getSpec().getTemplate().getMetadata().getLabels()));
            assertEquals("kubernetes.io/hostname", proxy.getSpec().getTemplate().getSpec()
                    .getTopologySpreadConstraints().get(0).getTopologyKey());
        }
        // a chart upgrade that changes no pod must not restart one (a model server reloads its weights for minutes)
        for (Deployment d : chart.all(Deployment.class)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertFalse(labels.containsKey("helm.sh/chart") || labels.containsKey("app.kubernetes.io/version"),
                    d.getMetadata().getName() + ": " + labels);
        }
    }

    @Test
    void withoutHpaTheGatewayHasFixedReplicasAndNoPdb() {
        RenderedChart off = ChartUnderTest.render("hpa-off");
        assertEquals(3, off.get(Deployment.class, "ms-modelshift-gateway").getSpec().getReplicas());
        assertTrue(off.all(HorizontalPodAutoscaler.class).isEmpty());
        assertTrue(off.all(PodDisruptionBudget.class).stream()
                .noneMatch(p -> p.getMetadata().getName().equals("ms-modelshift-gateway")));
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
            // each its own database: both services' schema migrations start at version 1
            assertEquals(service + "-jdbc-url", c.getEnv().stream().filter(e -> "QUARKUS_DATASOURCE_JDBC_URL"
                    .equals(e.getName())).findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getKey());
        }
        Exception shared = assertThrows(Exception.class, () -> ChartUnderTest.render(
                Map.of("database.evaluationJdbcUrlKey", "jdbc-url", "database.costJdbcUrlKey", "jdbc-url")));
        assertTrue(shared.getMessage().contains("each need their own database"), shared.getMessage());
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
        // the rollout controller: ModelRollouts from Kubernetes in the release namespace, gates on the services
        assertEquals("kubernetes", ModelServerTest.env(gateway, "MODELSHIFT_ROLLOUT_STORE"));
        assertEquals("http://ms-modelshift-evaluation:8200", ModelServerTest.env(gateway, "MODELSHIFT_ROLLOUT_EVALUATION_URL"));
        assertEquals("http://ms-modelshift-cost:8300", ModelServerTest.env(gateway, "MODELSHIFT_ROLLOUT_COST_URL"));
        assertEquals("metadata.namespace", gateway.getEnv().stream()
                .filter(e -> "MODELSHIFT_ROLLOUT_NAMESPACE".equals(e.getName())).findFirst().orElseThrow()
                .getValueFrom().getFieldRef().getFieldPath());
        String routes = chart.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "ms-modelshift-gateway-routes")
                .getData().get("routes.yaml");
        assertTrue(routes.contains("url: http://ms-modelshift-proxy-llama-2-70b:8100/v1"), routes);
        assertFalse(routes.contains("llama-3-70b"), "no canary variant until canary.model is set:\n" + routes);
    }

    @Test
    void costServiceKnowsEachModelDeploymentsHardware() {
        RenderedChart several = ChartUnderTest.render(Map.of("models[2].cost.hardware", "l40s-48gb",
                "models[2].cost.throughputTokensPerSecond", 2400), "several-models");
        String properties = several.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "ms-modelshift-cost-deployments")
                .getData().get("deployments.properties");
        assertTrue(properties.contains("cost.deployments.llama-3-8b.hardware=l40s-48gb\n"
                + "cost.deployments.llama-3-8b.replicas=1\n"
                + "cost.deployments.llama-3-8b.gpus-per-replica=1\n"
                + "cost.deployments.llama-3-8b.throughput-tokens-per-second=2400"), properties);
        // models without a hardware profile are not priced
        assertFalse(properties.contains("llama-2-70b"), properties);
        Deployment cost = chart.get(Deployment.class, "ms-modelshift-cost");
        Container c = cost.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("/etc/modelshift/cost/deployments.properties", ModelServerTest.env(c, "QUARKUS_CONFIG_LOCATIONS"));
        String defaults = chart.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "ms-modelshift-cost-deployments")
                .getData().get("deployments.properties");
        assertTrue(defaults.contains("cost.deployments.llama-3-70b.hardware=a100-80gb")
                && defaults.contains("cost.deployments.llama-3-70b.gpus-per-replica=4"), defaults);
        assertTrue(cost.getSpec().getTemplate().getMetadata().getAnnotations().containsKey("checksum/deployments"));
    }

    @Test
    void evaluationReadsBenchmarksFromAReadOnlyClaimWhenGiven() {
        Container none = chart.get(Deployment.class, "ms-modelshift-evaluation").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertTrue(none.getEnv().stream().noneMatch(e -> "MODELSHIFT_DATASETS".equals(e.getName())));
        PodSpec pod = ChartUnderTest.render(Map.of("evaluation.datasets.existingClaim", "benchmarks"))
                .get(Deployment.class, "ms-modelshift-evaluation").getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertEquals("/var/lib/modelshift/datasets", ModelServerTest.env(c, "MODELSHIFT_DATASETS"));
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getPersistentVolumeClaim() != null
                && "benchmarks".equals(v.getPersistentVolumeClaim().getClaimName())
                && v.getPersistentVolumeClaim().getReadOnly()));
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> "/var/lib/modelshift/datasets".equals(m.getMountPath())
                && m.getReadOnly()));
        SecurityContexts.assertHardened(pod, c);
    }
}
