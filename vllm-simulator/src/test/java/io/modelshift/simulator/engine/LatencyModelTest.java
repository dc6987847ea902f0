package io.modelshift.simulator.engine;

import io.modelshift.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyModelTest {

    private final SimulatorConfig config = SimulatorConfig.defaults().withMaxNumSeqs(5).withTtftMillis(200)
            .withItlMillis(25).withPrefillMillisPerToken(0.5).withTimeFactorUnderLoad(3.0);

    @Test
    void loadFactorGrowsLinearlyToTheConfiguredFactorAtMaxNumSeqs() {
        assertEquals(1.0, LatencyModel.loadFactor(config, 1));
        assertEquals(1.5, LatencyModel.loadFactor(config, 2), 1e-9);
        assertEquals(2.0, LatencyModel.loadFactor(config, 3), 1e-9);
        assertEquals(3.0, LatencyModel.loadFactor(config, 5), 1e-9);
        assertEquals(3.0, LatencyModel.loadFactor(config, 50), 1e-9, "capped beyond max_num_seqs");
    }

    @Test
    void prefillGrowsWithPromptLength() {
        assertEquals(200.0, LatencyModel.ttftMillis(config, 0, 1, () -> 0), 1e-9);
        assertEquals(700.0, LatencyModel.ttftMillis(config, 1000, 1, () -> 0), 1e-9);
        assertEquals(1400.0, LatencyModel.ttftMillis(config, 1000, 3, () -> 0), 1e-9);
    }

    @Test
    void noiseHasTheConfiguredSpreadCappedAndClamped() {
        Random random = new Random(1);
        double sum = 0;
        double sumSq = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double v = LatencyModel.noisy(100, 10, random::nextGaussian);
            assertTrue(v >= 30 && v <= 170);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(100, mean, 0.5);
        assertEquals(10, sd, 0.3);
        assertEquals(170, LatencyModel.noisy(100, 80, () -> 10), 1e-9, "std capped at 30 %, value clamped");
        assertEquals(0, LatencyModel.noisy(0, 5, () -> 1), 1e-9);
    }
}
