package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ModelRollout from values: `helm upgrade --set canary.model=...` starts a migration the CRD accepts. */
class RolloutTest {

    static final Path CRD = ChartUnderTest.CHART.resolve("crds/modelrollouts.modelshift.io-v1.yml");

    @Test
    void noRolloutWhileNoCanaryIsSet() {
        assertTrue(ChartUnderTest.render().kind("ModelRollout").isEmpty());
    }

    @Test
    void settingTheCanaryRendersARolloutFromStableToCanaryThroughTheirProxies() throws Exception {
        RenderedChart chart = ChartUnderTest.render(Map.of("canary.model", "llama-3-70b"));
        GenericKubernetesResource rollout = chart.get("ModelRollout", "llama-70b");
        assertEquals("modelshift.io/v1alpha1", rollout.getApiVersion());
        Map<String, Object> spec = rollout.get("spec");
        assertEquals("llama-70b", spec.get("route"));
        assertEquals(Map.of("model", "llama-2-70b", "upstream", "http://ms-modelshift-proxy-llama-2-70b:8100/v1"),
                spec.get("stable"));
        assertEquals(Map.of("model", "llama-3-70b", "upstream", "http://ms-modelshift-proxy-llama-3-70b:8100/v1"),
                spec.get("canary"));
        assertEquals("Abort", spec.get("failurePolicy"));
        List<?> steps = (List<?>) spec.get("steps");
        assertEquals(Map.of("setWeight", 100), steps.get(steps.size() - 1));
        assertEquals(List.of(), CrdSchema.of(CRD, "v1alpha1").violations(rollout),
                "the chart's ModelRollout must pass the CRD's schema");
        // the route table starts the canary at 0; the controller moves it
        String routes = chart.get(ConfigMap.class, "ms-modelshift-gateway-routes").getData().get("routes.yaml");
        assertTrue(routes.contains("- name: llama-3-70b") && routes.contains("weight: 0"), routes);
    }

    @Test
    void severalModelsAndFreezePolicyStillPassTheCrd() throws Exception {
        RenderedChart chart = ChartUnderTest.render(Map.of("rollout.failurePolicy", "Freeze"), "several-models");
        GenericKubernetesResource rollout = chart.get("ModelRollout", "llama-70b");
        assertEquals("Freeze", ((Map<?, ?>) rollout.get("spec")).get("failurePolicy"));
        assertEquals(List.of(), CrdSchema.of(CRD, "v1alpha1").violations(rollout));
    }

    @Test
    void theCrdCheckCatchesABadRollout() throws Exception {
        GenericKubernetesResource rollout = ChartUnderTest.render("canary").get("ModelRollout", "llama-70b");
        Map<String, Object> spec = rollout.get("spec");
        spec.put("steps", List.of(Map.of("setWeight", 150)));
        spec.put("failurePolicy", "Rollback");
        spec.put("typo", true);
        List<String> problems = CrdSchema.of(CRD, "v1alpha1").violations(rollout);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(".spec.steps[0].setWeight")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(".spec.failurePolicy")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(".spec.typo")), problems::toString);
    }

    @Test
    void aGateOnAServiceTheReleaseLeavesOutIsRefused() {
        Exception e = assertThrows(Exception.class,
                () -> ChartUnderTest.render(Map.of("canary.model", "llama-3-70b", "evaluation.enabled", false)));
        assertTrue(e.getMessage().contains("rollout gate \"evaluation-verdict\" needs the evaluation service"),
                e.getMessage());
        Exception cost = assertThrows(Exception.class,
                () -> ChartUnderTest.render(Map.of("canary.model", "llama-3-70b", "cost.enabled", false)));
        assertTrue(cost.getMessage().contains("rollout gate \"cost-per-million-tokens\" needs the cost service"),
                cost.getMessage());
    }

    @Test
    void aCanaryThatIsNotAModelIsRejectedWithTheKnownModels() {
        Exception e = assertThrows(Exception.class,
                () -> ChartUnderTest.render(Map.of("canary.model", "llama-4-400b")));
        assertTrue(e.getMessage().contains(
                "canary.model \"llama-4-400b\" is not one of the models in values.models (llama-2-70b, llama-3-70b)"),
                e.getMessage());
        Exception same = assertThrows(Exception.class,
                () -> ChartUnderTest.render(Map.of("canary.model", "llama-2-70b")));
        assertTrue(same.getMessage().contains("equals stable.model"), same.getMessage());
    }
}
