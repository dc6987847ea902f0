package io.modelshift.evaluation.runs;

import io.modelshift.simulator.SimulatedVllm;
import io.modelshift.simulator.SimulatorConfig;

import java.nio.file.Path;
import java.util.Map;

/** Simulated vLLM pods that know the fixture datasets' answers and answer right with a set accuracy. */
final class SimulatedPods {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private SimulatedPods() {
    }

    static SimulatedVllm start(String model, double accuracy) {
        return SimulatedVllm.start(SimulatorConfig.defaults().withZeroLatency().withModel(model)
                .withAnswerKeys(FIXTURES)
                .withAccuracy(Map.of("gsm8k", accuracy, "mmlu", accuracy, "jmmlu", accuracy, "humaneval", accuracy)));
    }
}
