package io.modelshift.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.simulator.faults.FailureRates;
import io.modelshift.simulator.faults.FailureType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The snake_case JSON form of a {@link SimulatorConfig}: what {@code GET /admin/config} shows, what
 * {@code POST /admin/config} merges in (RFC 7386 merge-patch: absent fields keep their value), and the format of
 * the shipped profiles.
 */
public final class ConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigJson() {
    }

    public static ObjectNode write(SimulatorConfig c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("profile", c.profile());
        o.put("model", c.model());
        o.put("pod_name", c.podName());
        o.put("ttft_ms", c.ttftMs());
        o.put("ttft_std_ms", c.ttftStdMs());
        o.put("itl_ms", c.itlMs());
        o.put("itl_std_ms", c.itlStdMs());
        o.put("prefill_ms_per_token", c.prefillMsPerToken());
        o.put("time_factor_under_load", c.timeFactorUnderLoad());
        o.put("max_num_seqs", c.maxNumSeqs());
        o.put("max_waiting", c.maxWaiting());
        o.put("max_model_len", c.maxModelLen());
        o.put("kv_cache_capacity_tokens", c.kvCacheCapacityTokens());
        o.put("ready", c.ready());
        o.put("phantom_running", c.phantomRunning());
        o.put("phantom_waiting", c.phantomWaiting());
        ObjectNode failures = o.putObject("failures");
        for (FailureType t : FailureType.values()) {
            failures.put(t.wireName(), c.failures().rate(t));
        }
        o.put("latency_spike_ms", c.latencySpikeMs());
        ObjectNode accuracy = o.putObject("accuracy");
        c.accuracy().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> accuracy.put(e.getKey(), e.getValue()));
        o.put("seed", c.seed());
        o.put("answer_keys", c.answerKeys() == null ? null : c.answerKeys().toString());
        c.sources().forEach(o.putArray("sources")::add);
        return o;
    }

    /**
     * Merges a JSON object into a config.
     *
     * @throws IllegalArgumentException naming the field, when the patch is not an object, has an unknown field or
     *                                  a value of the wrong type or range
     */
    public static SimulatorConfig patch(SimulatorConfig base, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the config patch is not valid JSON: " + e.getOriginalMessage());
        }
        return patch(base, node);
    }

    public static SimulatorConfig patch(SimulatorConfig base, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new IllegalArgumentException("the config patch must be a JSON object");
        }
        return base.edit(d -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                apply(d, f.getKey(), f.getValue());
            }
        });
    }

    private static void apply(SimulatorConfig.Draft d, String field, JsonNode v) {
        switch (field) {
            case "profile" -> d.profile = text(v, field);
            case "model" -> d.model = text(v, field);
            case "pod_name" -> d.podName = text(v, field);
            case "ttft_ms" -> d.ttftMs = number(v, field);
            case "ttft_std_ms" -> d.ttftStdMs = number(v, field);
            case "itl_ms" -> d.itlMs = number(v, field);
            case "itl_std_ms" -> d.itlStdMs = number(v, field);
            case "prefill_ms_per_token" -> d.prefillMsPerToken = number(v, field);
            case "time_factor_under_load" -> d.timeFactorUnderLoad = number(v, field);
            case "max_num_seqs" -> d.maxNumSeqs = integer(v, field);
            case "max_waiting" -> d.maxWaiting = integer(v, field);
            case "max_model_len" -> d.maxModelLen = integer(v, field);
            case "kv_cache_capacity_tokens" -> d.kvCacheCapacityTokens = longValue(v, field);
            case "ready" -> d.ready = bool(v, field);
            case "phantom_running" -> d.phantomRunning = integer(v, field);
            case "phantom_waiting" -> d.phantomWaiting = integer(v, field);
            case "failures" -> d.failures = failures(d.failures, v);
            case "latency_spike_ms" -> d.latencySpikeMs = number(v, field);
            case "accuracy" -> d.accuracy = accuracy(d.accuracy, v);
            case "seed" -> d.seed = longValue(v, field);
            case "answer_keys" -> d.answerKeys = v.isNull() ? null : Path.of(text(v, field));
            case "sources" -> d.sources = sources(v);
            default -> throw new IllegalArgumentException("unknown config field '" + field + "'");
        }
    }

    private static FailureRates failures(FailureRates base, JsonNode v) {
        if (v.isNull()) {
            return FailureRates.NONE;
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("'failures' must be an object of rates");
        }
        FailureRates out = base;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            FailureType type = FailureType.fromWireName(f.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown failure type '" + f.getKey() + "'; known: " + knownFailures()));
            out = out.with(type, f.getValue().isNull() ? 0 : number(f.getValue(), "failures." + f.getKey()));
        }
        return out;
    }

    private static Map<String, Double> accuracy(Map<String, Double> base, JsonNode v) {
        if (v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("'accuracy' must be an object: benchmark name -> 0..1");
        }
        Map<String, Double> out = new HashMap<>(base);
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isNull()) {
                out.remove(f.getKey());
            } else {
                out.put(f.getKey(), number(f.getValue(), "accuracy." + f.getKey()));
            }
        }
        return out;
    }

    private static List<String> sources(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (!v.isArray()) {
            throw new IllegalArgumentException("'sources' must be an array of strings");
        }
        v.forEach(s -> out.add(text(s, "sources[]")));
        return out;
    }

    private static String knownFailures() {
        List<String> names = new ArrayList<>();
        for (FailureType t : FailureType.values()) {
            names.add(t.wireName());
        }
        return String.join(", ", names);
    }

    private static String text(JsonNode v, String field) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static double number(JsonNode v, String field) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static long longValue(JsonNode v, String field) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer");
        }
        return v.asLong();
    }

    private static int integer(JsonNode v, String field) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer in the int range");
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode v, String field) {
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' must be a boolean");
        }
        return v.asBoolean();
    }
}
