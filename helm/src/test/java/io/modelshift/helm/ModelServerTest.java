package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vLLM Deployments: GPUs, scheduling, cache, shared memory, probes, and the labels the proxy selects. */
class ModelServerTest {

    private final RenderedChart chart = ChartUnderTest.render();

    static Deployment modelServer(RenderedChart chart, String model) {
        return chart.get(Deployment.class, "ms-modelshift-model-" + model);
    }

    @Test
    void requestsTheGpusOfItsTensorParallelism() {
        Container vllm = modelServer(chart, "llama-3-70b").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(new Quantity("4"), vllm.getResources().getRequests().get("nvidia.com/gpu"));
        assertEquals(new Quantity("4"), vllm.getResources().getLimits().get("nvidia.com/gpu"));
        assertTrue(vllm.getImage().matches("vllm/vllm-openai:v\\d+\\.\\d+\\.\\d+"), vllm.getImage());
        List<String> args = vllm.getArgs();
        assertAll(
                () -> assertEquals("meta-llama/Meta-Llama-3-70B-Instruct", after(args, "--model")),
                () -> assertEquals("4", after(args, "--tensor-parallel-size")),
                () -> assertEquals("8192", after(args, "--max-model-len")),
                () -> assertEquals("8000", after(args, "--port")));
    }

    @Test
    void landsOnGpuNodesWithSharedMemoryAndAModelCache() {
        PodSpec pod = modelServer(chart, "llama-2-70b").getSpec().getTemplate().getSpec();
        assertEquals(Map.of("nvidia.com/gpu.present", "true"), pod.getNodeSelector());
        assertTrue(pod.getTolerations().stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey())
                && "NoSchedule".equals(t.getEffect())));
        Volume shm = volume(pod, "shm");
        assertEquals("Memory", shm.getEmptyDir().getMedium());
        assertTrue(pod.getContainers().get(0).getVolumeMounts().stream()
                .anyMatch(m -> "shm".equals(m.getName()) && "/dev/shm".equals(m.getMountPath())));
        String claim = volume(pod, "model-cache").getPersistentVolumeClaim().getClaimName();
        PersistentVolumeClaim pvc = chart.get(PersistentVolumeClaim.class, claim);
        assertEquals(List.of("ReadWriteMany"), pvc.getSpec().getAccessModes());
        assertEquals("keep", pvc.getMetadata().getAnnotations().get("helm.sh/resource-policy"));
        assertFalse(pod.getAutomountServiceAccountToken());
    }

    @Test
    void waitsLongEnoughForA70bModelAndIsReadyOnHealth() {
        Container vllm = modelServer(chart, "llama-3-70b").getSpec().getTemplate().getSpec().getContainers().get(0);
        var startup = vllm.getStartupProbe();
        assertEquals("/health", startup.getHttpGet().getPath());
        int patienceSeconds = startup.getPeriodSeconds() * startup.getFailureThreshold();
        assertTrue(patienceSeconds >= 30 * 60, "startup probe gives up after " + patienceSeconds + " s");
        assertEquals("/health", vllm.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/health", vllm.getLivenessProbe().getHttpGet().getPath());
    }

    @Test
    void theProxyOfAModelWatchesTheEndpointSlicesOfThatModelsServersOnly() {
        for (String model : List.of("llama-2-70b", "llama-3-70b")) {
            Container proxy = chart.get(Deployment.class, "ms-modelshift-proxy-" + model).getSpec().getTemplate()
                    .getSpec().getContainers().get(0);
            assertEquals("kubernetes", env(proxy, "MODELSHIFT_PROXY_DISCOVERY_MODE"));
            // EndpointSlices carry kubernetes.io/service-name: the proxy watches the slices of one headless Service
            Map<String, String> selector = Selectors.parse(env(proxy, "MODELSHIFT_PROXY_DISCOVERY_LABEL_SELECTOR"));
            Service service = chart.get(Service.class, selector.get("kubernetes.io/service-name"));
            assertEquals("None", service.getSpec().getClusterIP());
            assertEquals(env(proxy, "MODELSHIFT_PROXY_DISCOVERY_PORT_NAME"), service.getSpec().getPorts().get(0).getName());
            List<String> selected = chart.all(Deployment.class).stream()
                    .filter(d -> Selectors.matches(service.getSpec().getSelector(),
                            d.getSpec().getTemplate().getMetadata().getLabels()))
                    .map(d -> d.getMetadata().getName()).toList();
            assertEquals(List.of("ms-modelshift-model-" + model), selected);
            Map<String, String> podLabels = modelServer(chart, model).getSpec().getTemplate().getMetadata().getLabels();
            assertEquals(model, podLabels.get("modelshift.io/model"));
            assertEquals("model-server", podLabels.get("modelshift.io/component"));
            // the proxy asks for the short name, which vLLM serves (first served name = its metrics' model_name)
            Container vllm = modelServer(chart, model).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(model, after(vllm.getArgs(), "--served-model-name"));
        }
    }

    @Test
    void severalModelsWithTheirOwnGpuPoolAndAHuggingFaceToken() {
        RenderedChart several = ChartUnderTest.render("several-models");
        assertEquals(3, several.all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().startsWith("ms-modelshift-model-")).count());
        assertEquals(3, several.all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().startsWith("ms-modelshift-proxy-")).count());
        PodSpec small = modelServer(several, "llama-3-8b").getSpec().getTemplate().getSpec();
        assertEquals(Map.of("nvidia.com/gpu.product", "NVIDIA-L40S"), small.getNodeSelector());
        assertEquals(new Quantity("1"), small.getContainers().get(0).getResources().getLimits().get("nvidia.com/gpu"));
        Container big = modelServer(several, "llama-3-70b").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(big.getArgs().containsAll(List.of("--enable-prefix-caching", "--max-num-seqs=128")));
        EnvVar token = big.getEnv().stream().filter(e -> "HF_TOKEN".equals(e.getName())).findFirst().orElseThrow();
        assertEquals("hf-token", token.getValueFrom().getSecretKeyRef().getName());
        assertEquals(2, modelServer(several, "llama-3-70b").getSpec().getReplicas());
    }

    @Test
    void noHuggingFaceTokenUnlessASecretIsNamed() {
        Container vllm = modelServer(chart, "llama-3-70b").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(vllm.getEnv().stream().noneMatch(e -> "HF_TOKEN".equals(e.getName())));
    }

    @Test
    void simulatorModeRunsTheSimulatorWithoutGpus() {
        RenderedChart sim = ChartUnderTest.render("simulator");
        assertTrue(sim.all(PersistentVolumeClaim.class).isEmpty());
        for (String model : List.of("llama-2-70b", "llama-3-70b")) {
            PodSpec pod = modelServer(sim, model).getSpec().getTemplate().getSpec();
            Container simulator = pod.getContainers().get(0);
            assertEquals("docker.io/modelshift/vllm-simulator:0.1.0", simulator.getImage());
            assertEquals(model, after(simulator.getArgs(), "--profile"));
            assertTrue(simulator.getArgs().contains("--zero-latency"));
            assertTrue(pod.getNodeSelector() == null || pod.getNodeSelector().isEmpty());
            assertTrue(pod.getTolerations() == null || pod.getTolerations().isEmpty());
            assertFalse(simulator.getResources().getLimits().containsKey("nvidia.com/gpu"));
            assertEquals("/health", simulator.getReadinessProbe().getHttpGet().getPath());
            SecurityContexts.assertHardened(pod, simulator);
            // the proxy still finds them the same way
            assertEquals("model-server", sim.get(Deployment.class, "ms-modelshift-model-" + model)
                    .getSpec().getTemplate().getMetadata().getLabels().get("modelshift.io/component"));
        }
    }

    private static Volume volume(PodSpec pod, String name) {
        Volume volume = pod.getVolumes().stream().filter(v -> name.equals(v.getName())).findFirst().orElse(null);
        assertNotNull(volume, "no volume " + name);
        return volume;
    }

    static String after(List<String> args, String flag) {
        int i = args.indexOf(flag);
        assertTrue(i >= 0 && i + 1 < args.size(), "no " + flag + " in " + args);
        return args.get(i + 1);
    }

    static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getName()));
    }
}
