package io.modelshift.simulator.engine;

import io.modelshift.simulator.SimulatorConfig;

import java.util.function.DoubleSupplier;

/**
 * Latency of one request, after llm-d-inference-sim's model: time to first token = overhead + prompt tokens x
 * prefill time per token, then one inter-token latency per further token; both with Gaussian noise (standard
 * deviation at most 30 % of the mean, values clamped to +-70 % of it) and multiplied by a load factor that grows
 * linearly from 1 (one running request) to {@code time_factor_under_load} (running = {@code max_num_seqs}).
 */
public final class LatencyModel {

    private LatencyModel() {
    }

    /** @param running running requests including this one and the phantom ones */
    public static double loadFactor(SimulatorConfig c, int running) {
        if (c.maxNumSeqs() <= 1 || running <= 1) {
            return 1.0;
        }
        double fill = Math.min(1.0, (running - 1) / (double) (c.maxNumSeqs() - 1));
        return 1.0 + (c.timeFactorUnderLoad() - 1.0) * fill;
    }

    public static double ttftMillis(SimulatorConfig c, int promptTokens, int running, DoubleSupplier gaussian) {
        double prefill = noisy(c.ttftMs(), c.ttftStdMs(), gaussian) + promptTokens * c.prefillMsPerToken();
        return prefill * loadFactor(c, running);
    }

    public static double itlMillis(SimulatorConfig c, int running, DoubleSupplier gaussian) {
        return noisy(c.itlMs(), c.itlStdMs(), gaussian) * loadFactor(c, running);
    }

    static double noisy(double mean, double std, DoubleSupplier gaussian) {
        if (mean <= 0) {
            return 0;
        }
        double sd = Math.min(std, 0.3 * mean);
        if (sd <= 0) {
            return mean;
        }
        double v = mean + sd * gaussian.getAsDouble();
        return Math.max(0.3 * mean, Math.min(1.7 * mean, v));
    }
}
