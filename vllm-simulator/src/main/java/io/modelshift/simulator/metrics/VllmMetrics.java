package io.modelshift.simulator.metrics;

import io.modelshift.simulator.SimulatorConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The vLLM metrics a router or a dashboard reads, with vLLM's names, labels ({@code model_name}, {@code engine})
 * and bucket bounds (vllm/v1/metrics/loggers.py), written by hand in the Prometheus text format because the names
 * contain colons. Gauges are read from the scheduler at scrape time; phantom requests from the admin config are
 * added to them.
 */
public final class VllmMetrics {

    /** Tokens one phantom running request is assumed to hold in the KV cache (only used to make a pod look busy). */
    public static final long PHANTOM_KV_TOKENS = 1024;

    private static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
            1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    private static final double[] ITL_BUCKETS = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0};
    private static final double[] REQUEST_BUCKETS = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0,
            40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
    private static final String[] FINISH_REASONS = {"stop", "length", "abort"};

    /** The live counts the gauges show. */
    public interface Load {
        int running();

        int waiting();

        long kvTokens();
    }

    private final Supplier<SimulatorConfig> config;
    private final Load load;
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder generationTokens = new LongAdder();
    private final Map<String, LongAdder> success = new ConcurrentHashMap<>();
    private final Histogram ttft = new Histogram("vllm:time_to_first_token_seconds",
            "Histogram of time to first token in seconds.", TTFT_BUCKETS);
    private final Histogram itl = new Histogram("vllm:inter_token_latency_seconds",
            "Histogram of inter-token latency in seconds.", ITL_BUCKETS);
    private final Histogram e2e = new Histogram("vllm:e2e_request_latency_seconds",
            "Histogram of e2e request latency in seconds.", REQUEST_BUCKETS);
    private final Histogram queue = new Histogram("vllm:request_queue_time_seconds",
            "Histogram of time spent in WAITING phase for request.", REQUEST_BUCKETS);
    private final Histogram tpot = new Histogram("vllm:request_time_per_output_token_seconds",
            "Histogram of time_per_output_token_seconds per request.", ITL_BUCKETS);
    private final Histogram promptPerRequest;
    private final Histogram generationPerRequest;
    /** FastAPI instrumentator's counter, by handler, method and status class ("2xx"): the pod's error rate. */
    private final Map<String, LongAdder> http = new ConcurrentHashMap<>();

    public VllmMetrics(Supplier<SimulatorConfig> config, Load load) {
        this.config = config;
        this.load = load;
        double[] tokenBuckets = oneTwoFive(config.get().maxModelLen());
        this.promptPerRequest = new Histogram("vllm:request_prompt_tokens",
                "Number of prefill tokens processed.", tokenBuckets);
        this.generationPerRequest = new Histogram("vllm:request_generation_tokens",
                "Number of generation tokens processed.", tokenBuckets);
        for (String reason : FINISH_REASONS) {
            success.put(reason, new LongAdder());
        }
    }

    public void queueTime(double seconds) {
        queue.observe(seconds);
    }

    public void firstToken(double seconds, int prompt) {
        ttft.observe(seconds);
        promptTokens.add(prompt);
    }

    public void interToken(double seconds) {
        itl.observe(seconds);
    }

    public void generationTokens(int n) {
        generationTokens.add(n);
    }

    public void succeeded(String finishReason) {
        success.computeIfAbsent(finishReason, r -> new LongAdder()).increment();
    }

    public void aborted(int choices) {
        success.get("abort").add(choices);
    }

    /**
     * A request ended normally.
     *
     * @param decodeSeconds time from its first to its last token
     */
    public void finished(double e2eSeconds, double decodeSeconds, int prompt, int generated) {
        e2e.observe(e2eSeconds);
        promptPerRequest.observe(prompt);
        generationPerRequest.observe(generated);
        if (generated > 1) {
            tpot.observe(decodeSeconds / (generated - 1));
        }
    }

    /** Counts one answered HTTP request of a known handler. */
    public void httpRequest(String handler, String method, int status) {
        String key = "handler=\"" + handler + "\",method=\"" + method + "\",status=\"" + status / 100 + "xx\"";
        http.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Tokens held in the KV cache divided by its capacity, phantom requests included, at most 1. */
    public double kvCacheUsage() {
        SimulatorConfig c = config.get();
        long used = load.kvTokens() + c.phantomRunning() * PHANTOM_KV_TOKENS;
        return Math.min(1.0, used / (double) c.kvCacheCapacityTokens());
    }

    /** The whole exposition, text format 0.0.4. */
    public String scrape() {
        SimulatorConfig c = config.get();
        String labels = "engine=\"0\",model_name=\"" + escape(c.model()) + "\"";
        StringBuilder out = new StringBuilder(8192);
        gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", labels,
                load.running() + c.phantomRunning());
        gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", labels,
                load.waiting() + c.phantomWaiting());
        double kv = kvCacheUsage();
        gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", labels, kv);
        gauge(out, "vllm:gpu_cache_usage_perc",
                "GPU KV-cache usage. 1 means 100 percent usage. Deprecated in 0.9, kept for old routers.", labels, kv);
        counter(out, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", labels,
                promptTokens.sum());
        counter(out, "vllm:generation_tokens_total", "Number of generation tokens processed.", labels,
                generationTokens.sum());
        out.append("# HELP vllm:request_success_total Count of successfully processed requests.\n");
        out.append("# TYPE vllm:request_success_total counter\n");
        success.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.append("vllm:request_success_total{").append(labels).append(",finished_reason=\"")
                        .append(escape(e.getKey())).append("\"} ").append((double) e.getValue().sum()).append('\n'));
        counter(out, "vllm:num_preemptions_total", "Cumulative number of preemption from the engine.", labels, 0);
        counter(out, "vllm:prefix_cache_queries_total",
                "Prefix cache queries, in terms of number of queried tokens (prefix caching is not simulated).",
                labels, promptTokens.sum());
        counter(out, "vllm:prefix_cache_hits_total",
                "Prefix cache hits, in terms of number of cached tokens (prefix caching is not simulated).", labels, 0);
        ttft.write(out, labels);
        itl.write(out, labels);
        tpot.write(out, labels);
        e2e.write(out, labels);
        queue.write(out, labels);
        promptPerRequest.write(out, labels);
        generationPerRequest.write(out, labels);
        out.append("# HELP vllm:cache_config_info Information of the LLMEngine CacheConfig\n");
        out.append("# TYPE vllm:cache_config_info gauge\n");
        out.append("vllm:cache_config_info{block_size=\"16\",engine=\"0\",num_gpu_blocks=\"")
                .append(c.kvCacheCapacityTokens() / 16).append("\"} 1.0\n");
        out.append("# HELP http_requests_total Total number of requests by method, status and handler.\n");
        out.append("# TYPE http_requests_total counter\n");
        http.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.append("http_requests_total{").append(e.getKey()).append("} ")
                        .append((double) e.getValue().sum()).append('\n'));
        return out.toString();
    }

    /** vLLM's build_1_2_5_buckets: 1, 2, 5, 10, 20, 50, ... up to the context window. */
    static double[] oneTwoFive(int max) {
        List<Double> bounds = new ArrayList<>();
        for (long exponent = 1; ; exponent *= 10) {
            for (int m : new int[]{1, 2, 5}) {
                long v = m * exponent;
                if (v > max) {
                    return bounds.stream().mapToDouble(Double::doubleValue).toArray();
                }
                bounds.add((double) v);
            }
        }
    }

    private static void gauge(StringBuilder out, String name, String help, String labels, double value) {
        sample(out, name, "gauge", help, labels, value);
    }

    private static void counter(StringBuilder out, String name, String help, String labels, double value) {
        sample(out, name, "counter", help, labels, value);
    }

    private static void sample(StringBuilder out, String name, String type, String help, String labels,
                               double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
