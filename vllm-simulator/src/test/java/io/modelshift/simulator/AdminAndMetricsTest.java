package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminAndMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? "
                    + "(-?[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|\\+Inf|-Inf)");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) "
            + "(counter|gauge|histogram|summary|untyped)");

    /** Parses Prometheus text format 0.0.4 strictly: every sample belongs to a declared family. */
    static Map<String, Double> parse(String text) {
        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                types.put(t.group(1), t.group(2));
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            assertTrue(s.matches(), "not a valid sample line: " + line);
            String name = s.group(1);
            String family = name.replaceFirst("_(bucket|sum|count)$", "");
            assertTrue(types.containsKey(name) || "histogram".equals(types.get(family)),
                    "sample without TYPE: " + line);
            samples.put(name + (s.group(2) == null ? "" : s.group(2)), Double.parseDouble(
                    s.group(3).replace("+Inf", "Infinity")));
        }
        return samples;
    }

    private static double sum(Map<String, Double> m, String prefix) {
        return m.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue)
                .sum();
    }

    @Test
    void metricsParseAndMoveAsRequestsRun() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withModel("m/x"))) {
            PodClient c = new PodClient(pod);
            HttpResponse<String> scrape = c.get("/metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
            Map<String, Double> before = parse(scrape.body());
            String labels = "{engine=\"0\",model_name=\"m/x\"}";
            for (String g : new String[]{"vllm:num_requests_running", "vllm:num_requests_waiting",
                    "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "vllm:prompt_tokens_total",
                    "vllm:generation_tokens_total", "vllm:time_to_first_token_seconds_count",
                    "vllm:inter_token_latency_seconds_count", "vllm:e2e_request_latency_seconds_count"}) {
                assertEquals(0.0, before.get(g + labels), g);
            }
            int prompt = 0;
            for (int i = 0; i < 3; i++) {
                JsonNode r = PodClient.json(c.post("/v1/completions",
                        "{\"prompt\":\"one two three\",\"max_tokens\":4,\"ignore_eos\":true}").body());
                prompt += r.get("usage").get("prompt_tokens").asInt();
            }
            Map<String, Double> after = parse(c.get("/metrics").body());
            assertEquals(prompt, after.get("vllm:prompt_tokens_total" + labels));
            assertEquals(12.0, after.get("vllm:generation_tokens_total" + labels));
            assertEquals(3.0, after.get("vllm:request_success_total{engine=\"0\",model_name=\"m/x\","
                    + "finished_reason=\"length\"}"));
            assertEquals(3.0, after.get("vllm:time_to_first_token_seconds_count" + labels));
            assertEquals(9.0, after.get("vllm:inter_token_latency_seconds_count" + labels));
            assertEquals(3.0, after.get("vllm:e2e_request_latency_seconds_count" + labels));
            assertEquals(3.0, after.get("vllm:e2e_request_latency_seconds_bucket{engine=\"0\",model_name=\"m/x\","
                    + "le=\"+Inf\"}"));
            assertTrue(sum(after, "vllm:e2e_request_latency_seconds_bucket") >= 3.0);
            assertEquals(3.0, after.get("vllm:request_generation_tokens_bucket{engine=\"0\",model_name=\"m/x\","
                    + "le=\"5.0\"}"), "4 generated tokens each fall in the le=5 bucket");
            assertEquals(0.0, after.get("vllm:request_generation_tokens_bucket{engine=\"0\",model_name=\"m/x\","
                    + "le=\"2.0\"}"));
            assertEquals(3.0, after.get("vllm:request_time_per_output_token_seconds_count" + labels));
            assertEquals(3.0, after.get("http_requests_total{handler=\"/v1/completions\",method=\"POST\","
                    + "status=\"2xx\"}"));
            c.post("/v1/completions", "{\"prompt\":5}");
            c.post("/v1/completions", "{\"prompt\":\"x\"}", "x-sim-fail", "http_500");
            Map<String, Double> errors = parse(c.get("/metrics").body());
            assertEquals(1.0, errors.get("http_requests_total{handler=\"/v1/completions\",method=\"POST\","
                    + "status=\"4xx\"}"));
            assertEquals(1.0, errors.get("http_requests_total{handler=\"/v1/completions\",method=\"POST\","
                    + "status=\"5xx\"}"));
        }
    }

    @Test
    void runningGaugeShowsInFlightRequests() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.defaults().withTtftMillis(5)
                .withItlMillis(50))) {
            var s1 = CapacityTest.openStream(pod, "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],"
                    + "\"max_tokens\":200,\"ignore_eos\":true,\"stream\":true}");
            var s2 = CapacityTest.openStream(pod, "{\"messages\":[{\"role\":\"user\",\"content\":\"b\"}],"
                    + "\"max_tokens\":200,\"ignore_eos\":true,\"stream\":true}");
            assertEquals(2.0, CapacityTest.gauge(pod, "vllm:num_requests_running"));
            assertTrue(CapacityTest.gauge(pod, "vllm:kv_cache_usage_perc") > 0);
            s1.close();
            s2.close();
            CapacityTest.await(() -> pod.runningRequests() == 0, "idle");
            assertEquals(0.0, CapacityTest.gauge(pod, "vllm:num_requests_running"));
        }
    }

    @Test
    void adminConfigReadsPatchesAndRejectsBadPatches() throws Exception {
        try (SimulatedVllm pod = SimulatedVllm.start(SimulatorConfig.profile("llama-3-70b").withZeroLatency()
                .withModel("m-a"))) {
            PodClient c = new PodClient(pod);
            JsonNode cfg = PodClient.json(c.get("/admin/config").body());
            assertEquals("llama-3-70b", cfg.get("profile").asText());
            assertEquals("m-a", cfg.get("model").asText());
            assertEquals(0.0, cfg.get("ttft_ms").asDouble());
            assertEquals(64, cfg.get("max_num_seqs").asInt());
            assertEquals(0.93, cfg.get("accuracy").get("gsm8k").asDouble(), 1e-9);
            assertTrue(cfg.get("sources").size() > 3);

            HttpResponse<String> patched = c.post("/admin/config", "{\"ttft_ms\":12.5,\"max_num_seqs\":3,"
                    + "\"accuracy\":{\"mmlu\":0.5}}");
            assertEquals(200, patched.statusCode());
            assertEquals(12.5, pod.config().ttftMs());
            assertEquals(3, pod.config().maxNumSeqs());
            assertEquals(0.5, pod.config().accuracy().get("mmlu"));
            assertEquals(0.93, pod.config().accuracy().get("gsm8k"), 1e-9);

            for (String bad : new String[]{"{\"max_num_seqs\":0}", "{\"nope\":1}", "{\"failures\":{\"x\":1}}",
                    "{\"failures\":{\"http_500\":2}}", "[1]", "{\"ready\":\"yes\"}", "{"}) {
                HttpResponse<String> r = c.post("/admin/config", bad);
                assertEquals(400, r.statusCode(), bad);
                assertEquals("BadRequestError", PodClient.json(r.body()).get("error").get("type").asText());
            }
            assertEquals(3, pod.config().maxNumSeqs(), "a rejected patch changes nothing");

            assertEquals(200, c.get("/health").statusCode());
            pod.reconfigure("{\"ready\":false}");
            assertEquals(503, c.get("/health").statusCode());
            pod.reconfigure("{\"ready\":true}");
            assertEquals(200, c.get("/health").statusCode());
        }
    }
}
