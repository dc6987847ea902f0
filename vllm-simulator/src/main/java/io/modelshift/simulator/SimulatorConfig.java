package io.modelshift.simulator;

import io.modelshift.simulator.faults.FailureRates;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything one simulated vLLM pod needs: identity, latency and capacity model, failure rates and quality
 * profile. Immutable; {@code with...} methods return a changed copy, and {@code POST /admin/config} swaps in a
 * patched copy at runtime (see {@link ConfigJson}).
 *
 * @param profile                profile the values came from ({@code llama-3-70b}, {@code llama-2-70b}, {@code defaults})
 * @param model                  served model name: {@code GET /v1/models} and the {@code model} check
 * @param podName                value of the {@code x-inference-pod} response header
 * @param host                   address to bind
 * @param port                   port to bind; 0 picks an ephemeral port
 * @param ttftMs                 mean time to first token for a short prompt (fixed prefill overhead), ms
 * @param ttftStdMs              its standard deviation (capped at 30 % of the mean, as llm-d-inference-sim does)
 * @param itlMs                  mean inter-token latency, ms
 * @param itlStdMs               its standard deviation (capped at 30 % of the mean)
 * @param prefillMsPerToken      extra time to first token per prompt token, ms
 * @param timeFactorUnderLoad    latency multiplier reached when running requests reach {@code maxNumSeqs}
 * @param maxNumSeqs             running slots (vLLM {@code --max-num-seqs})
 * @param maxWaiting             bound of the waiting queue; beyond it requests get 429
 * @param maxModelLen            context window in tokens (vLLM {@code --max-model-len})
 * @param kvCacheCapacityTokens  KV-cache capacity in tokens; usage = tokens of running requests / capacity
 * @param ready                  false makes {@code /health} answer 503
 * @param phantomRunning         extra running requests reported in metrics and counted as load
 * @param phantomWaiting         extra waiting requests reported in metrics and counted against the queue bound
 * @param failures               injected failure rates
 * @param latencySpikeMs         delay added to the time to first token by a {@code latency_spike} failure
 * @param accuracy               benchmark name ({@code gsm8k}, {@code mmlu}, {@code humaneval}, {@code jmmlu}) to
 *                               probability of answering a known question correctly
 * @param seed                   seed of the quality profile: which questions are answered correctly
 * @param answerKeys             datasets folder in the standard layout, or null for no quality profile
 * @param sources                where the profile's figures come from
 */
public record SimulatorConfig(String profile, String model, String podName, String host, int port,
                              double ttftMs, double ttftStdMs, double itlMs, double itlStdMs,
                              double prefillMsPerToken, double timeFactorUnderLoad,
                              int maxNumSeqs, int maxWaiting, int maxModelLen, long kvCacheCapacityTokens,
                              boolean ready, int phantomRunning, int phantomWaiting,
                              FailureRates failures, double latencySpikeMs,
                              Map<String, Double> accuracy, long seed, Path answerKeys, List<String> sources) {

    public SimulatorConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(podName, "podName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(failures, "failures");
        accuracy = Map.copyOf(accuracy);
        sources = List.copyOf(sources);
        requireNonNegative(ttftMs, "ttft_ms");
        requireNonNegative(ttftStdMs, "ttft_std_ms");
        requireNonNegative(itlMs, "itl_ms");
        requireNonNegative(itlStdMs, "itl_std_ms");
        requireNonNegative(prefillMsPerToken, "prefill_ms_per_token");
        requireNonNegative(latencySpikeMs, "latency_spike_ms");
        if (timeFactorUnderLoad < 1.0) {
            throw new IllegalArgumentException("time_factor_under_load must be >= 1, got " + timeFactorUnderLoad);
        }
        if (maxNumSeqs < 1) {
            throw new IllegalArgumentException("max_num_seqs must be >= 1, got " + maxNumSeqs);
        }
        if (maxWaiting < 0 || phantomRunning < 0 || phantomWaiting < 0) {
            throw new IllegalArgumentException("max_waiting, phantom_running and phantom_waiting must be >= 0");
        }
        if (maxModelLen < 16) {
            throw new IllegalArgumentException("max_model_len must be >= 16, got " + maxModelLen);
        }
        if (kvCacheCapacityTokens < 1) {
            throw new IllegalArgumentException("kv_cache_capacity_tokens must be >= 1, got " + kvCacheCapacityTokens);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        accuracy.forEach((benchmark, p) -> {
            if (p == null || p < 0 || p > 1) {
                throw new IllegalArgumentException("accuracy." + benchmark + " must be in [0, 1], got " + p);
            }
        });
    }

    /** A shipped profile: {@code llama-2-70b} or {@code llama-3-70b} (figures and sources in profiles.json). */
    public static SimulatorConfig profile(String name) {
        return Profiles.load(name);
    }

    /** Model {@code sim-model}, zero latency, no answer keys: the quickest pod for a test. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig("defaults", "sim-model", "sim-pod", "127.0.0.1", 0,
                0, 0, 0, 0, 0, 1.0, 256, 1024, 4096, 1_000_000L, true, 0, 0,
                FailureRates.NONE, 1000, Map.of(), 42L, null, List.of());
    }

    /** Time to first token, inter-token latency and prefill all zero (tests, benchmarks). */
    public SimulatorConfig withZeroLatency() {
        return edit(b -> {
            b.ttftMs = 0;
            b.ttftStdMs = 0;
            b.itlMs = 0;
            b.itlStdMs = 0;
            b.prefillMsPerToken = 0;
        });
    }

    public SimulatorConfig withModel(String servedModelName) {
        return edit(b -> b.model = servedModelName);
    }

    public SimulatorConfig withPodName(String name) {
        return edit(b -> b.podName = name);
    }

    public SimulatorConfig withHost(String address) {
        return edit(b -> b.host = address);
    }

    public SimulatorConfig withPort(int listenPort) {
        return edit(b -> b.port = listenPort);
    }

    public SimulatorConfig withMaxNumSeqs(int slots) {
        return edit(b -> b.maxNumSeqs = slots);
    }

    public SimulatorConfig withMaxWaiting(int queueBound) {
        return edit(b -> b.maxWaiting = queueBound);
    }

    public SimulatorConfig withTtftMillis(double mean) {
        return edit(b -> b.ttftMs = mean);
    }

    public SimulatorConfig withItlMillis(double mean) {
        return edit(b -> b.itlMs = mean);
    }

    public SimulatorConfig withPrefillMillisPerToken(double perToken) {
        return edit(b -> b.prefillMsPerToken = perToken);
    }

    public SimulatorConfig withTimeFactorUnderLoad(double factor) {
        return edit(b -> b.timeFactorUnderLoad = factor);
    }

    public SimulatorConfig withMaxModelLen(int tokens) {
        return edit(b -> b.maxModelLen = tokens);
    }

    public SimulatorConfig withKvCacheCapacityTokens(long capacity) {
        return edit(b -> b.kvCacheCapacityTokens = capacity);
    }

    public SimulatorConfig withFailures(FailureRates rates) {
        return edit(b -> b.failures = rates);
    }

    public SimulatorConfig withAccuracy(Map<String, Double> perBenchmark) {
        return edit(b -> b.accuracy = perBenchmark);
    }

    public SimulatorConfig withSeed(long qualitySeed) {
        return edit(b -> b.seed = qualitySeed);
    }

    /** Datasets folder in the standard layout ({@code gsm8k/test.jsonl}, {@code mmlu/test/*.csv}, ...). */
    public SimulatorConfig withAnswerKeys(Path datasetsFolder) {
        return edit(b -> b.answerKeys = datasetsFolder);
    }

    /** A copy with some fields changed; validation runs again in the canonical constructor. */
    SimulatorConfig edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.build();
    }

    /** The mutable form of a config, used only while building a changed copy. */
    static final class Draft {
        String profile;
        String model;
        String podName;
        String host;
        int port;
        double ttftMs;
        double ttftStdMs;
        double itlMs;
        double itlStdMs;
        double prefillMsPerToken;
        double timeFactorUnderLoad;
        int maxNumSeqs;
        int maxWaiting;
        int maxModelLen;
        long kvCacheCapacityTokens;
        boolean ready;
        int phantomRunning;
        int phantomWaiting;
        FailureRates failures;
        double latencySpikeMs;
        Map<String, Double> accuracy;
        long seed;
        Path answerKeys;
        List<String> sources;

        Draft(SimulatorConfig c) {
            profile = c.profile;
            model = c.model;
            podName = c.podName;
            host = c.host;
            port = c.port;
            ttftMs = c.ttftMs;
            ttftStdMs = c.ttftStdMs;
            itlMs = c.itlMs;
            itlStdMs = c.itlStdMs;
            prefillMsPerToken = c.prefillMsPerToken;
            timeFactorUnderLoad = c.timeFactorUnderLoad;
            maxNumSeqs = c.maxNumSeqs;
            maxWaiting = c.maxWaiting;
            maxModelLen = c.maxModelLen;
            kvCacheCapacityTokens = c.kvCacheCapacityTokens;
            ready = c.ready;
            phantomRunning = c.phantomRunning;
            phantomWaiting = c.phantomWaiting;
            failures = c.failures;
            latencySpikeMs = c.latencySpikeMs;
            accuracy = c.accuracy;
            seed = c.seed;
            answerKeys = c.answerKeys;
            sources = c.sources;
        }

        SimulatorConfig build() {
            return new SimulatorConfig(profile, model, podName, host, port, ttftMs, ttftStdMs, itlMs, itlStdMs,
                    prefillMsPerToken, timeFactorUnderLoad, maxNumSeqs, maxWaiting, maxModelLen,
                    kvCacheCapacityTokens, ready, phantomRunning, phantomWaiting, failures, latencySpikeMs, accuracy,
                    seed, answerKeys, sources);
        }
    }

    /** Same JSON merge-patch as {@code POST /admin/config}. */
    public SimulatorConfig patched(String jsonPatch) {
        return ConfigJson.patch(this, jsonPatch);
    }

    private static void requireNonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
