package io.modelshift.simulator.quality;

import java.util.Locale;

/** The benchmarks whose answer keys the simulator reads, named as in the config's {@code accuracy} map. */
public enum Benchmark {
    GSM8K, MMLU, HUMANEVAL, JMMLU;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
