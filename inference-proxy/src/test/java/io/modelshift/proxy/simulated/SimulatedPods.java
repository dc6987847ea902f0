package io.modelshift.proxy.simulated;

import io.modelshift.simulator.SimulatedVllm;
import io.modelshift.simulator.SimulatorConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Three in-process vllm-simulator pods (Llama 3 70B profile, fast latencies) behind the proxy under test. */
public class SimulatedPods implements QuarkusTestResourceLifecycleManager {

    public static final String MODEL = "meta-llama/Meta-Llama-3-70B-Instruct";
    public static final List<SimulatedVllm> PODS = new ArrayList<>();

    /** What every test starts from: no phantom load, ready, no failures, quick tokens. */
    public static final String BASELINE = "{\"ready\":true,\"phantom_waiting\":0,\"phantom_running\":0,"
            + "\"ttft_ms\":5,\"itl_ms\":2,\"failures\":{\"http_500\":0,\"http_503\":0,\"http_429\":0,\"reset\":0,"
            + "\"latency_spike\":0,\"stream_error\":0,\"stream_cut\":0}}";

    @Override
    public Map<String, String> start() {
        for (String name : List.of("sim-a", "sim-b", "sim-c")) {
            PODS.add(SimulatedVllm.start(SimulatorConfig.profile("llama-3-70b").withModel(MODEL).withPodName(name)
                    .withTtftMillis(5).withItlMillis(2).withMaxNumSeqs(8).withMaxWaiting(32)));
        }
        return Map.of("modelshift.proxy.pods", PODS.stream().map(SimulatedVllm::baseUrl)
                        .collect(Collectors.joining(",")),
                "modelshift.proxy.admission.max-model-len.\"" + MODEL + "\"", "8192");
    }

    @Override
    public void stop() {
        for (SimulatedVllm pod : PODS) {
            try {
                pod.close();
            } catch (RuntimeException ignored) {
                // already closed by the test that killed it
            }
        }
        PODS.clear();
    }
}
