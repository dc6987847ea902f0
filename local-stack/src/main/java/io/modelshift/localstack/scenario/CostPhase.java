package io.modelshift.localstack.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Asks the cost service for the TCO of the measured workload ({@code POST /v1/tco/scenarios}): the traffic volume
 * and tokens per request the clients actually produced, scaled to a month, served by the new model self-hosted
 * (two replicas, like the two pods here) against the hosted APIs of both models from the price book.
 */
public final class CostPhase {

    /** The cost service's scenario, its answer, and the ledger it kept from the gateway's records. */
    public record Result(JsonNode scenario, JsonNode tco, JsonNode usage, String error) {
    }

    private final JsonHttp http = new JsonHttp(null);
    private final String cost;

    public CostPhase(String costUrl) {
        this.cost = costUrl;
    }

    /**
     * @param capacity one replica's capacity in output tokens/s at full batch, with where it comes from
     */
    public Result run(List<TrafficTally.Outcome> outcomes, double seconds, Capacity capacity) {
        ObjectNode scenario = scenario(outcomes, seconds, capacity);
        JsonNode usage = null;
        try {
            usage = http.get(cost + "/v1/usage");
        } catch (RuntimeException e) {
            usage = JsonHttp.JSON.createObjectNode().put("error", e.getMessage());
        }
        try {
            return new Result(scenario, http.post(cost + "/v1/tco/scenarios", scenario), usage, null);
        } catch (RuntimeException e) {
            return new Result(scenario, null, usage, e.getMessage());
        }
    }

    /** Output tokens per second one replica sustains, and the source of that figure. */
    public record Capacity(double outputTokensPerSecond, String source) {

        /**
         * A simulated pod's capacity from its profile ({@code GET /admin/config}): every sequence slot busy, at the
         * inter-token latency slowed by the profile's load factor. A model of a GPU, not a GPU measurement.
         */
        public static Capacity ofSimulatedPod(JsonNode config) {
            double itl = config.path("itl_ms").asDouble() * Math.max(1, config.path("time_factor_under_load")
                    .asDouble(1));
            double seqs = config.path("max_num_seqs").asDouble();
            return new Capacity(seqs * 1000 / Math.max(1e-3, itl), String.format(java.util.Locale.ROOT,
                    "vllm-simulator profile %s: %d sequences x 1000/%.0f ms per token under load (a model of the "
                            + "GPU server, not a measurement)", config.path("profile").asText(), (int) seqs, itl));
        }
    }

    static ObjectNode scenario(List<TrafficTally.Outcome> outcomes, double seconds, Capacity capacity) {
        List<TrafficTally.Outcome> ok = outcomes.stream().filter(o -> !o.error()).toList();
        double requestsPerSecond = outcomes.size() / Math.max(1, seconds);
        double in = ok.stream().mapToLong(TrafficTally.Outcome::promptTokens).average().orElse(0);
        double out = ok.stream().mapToLong(TrafficTally.Outcome::completionTokens).average().orElse(0);
        double duration = ok.stream().mapToDouble(TrafficTally.Outcome::latencyMs).average().orElse(0) / 1000;
        ObjectNode s = JsonHttp.JSON.createObjectNode().put("name", "Llama 2 70B -> Llama 3 70B (local run)")
                .put("months", 36);
        // the cost service's month: 730 hours (8,760 / 12), as its TCO figures are
        s.putObject("workload").put("requestsPerMonth", Math.max(1, requestsPerSecond * 730 * 3600))
                .put("inputTokensPerRequest", Math.max(1, in)).put("outputTokensPerRequest", Math.max(1, out))
                .put("secondsPerRequest", Math.max(0.001, duration))
                .put("source", String.format("measured: %d client requests over %.0f s through the gateway, "
                        + "scaled to a 730-hour month", outcomes.size(), seconds));
        ArrayNode options = s.putArray("options");
        options.addObject().put("name", "Llama 3 70B self-hosted (2x A100 80GB per replica)").put("type", "onprem")
                .put("model", "llama-3-70b").put("hardware", "a100-80gb").put("replicas", 2)
                .set("overrides", JsonHttp.JSON.createObjectNode().put("gpusPerReplica", 2));
        ((ObjectNode) options.get(0))
                // capacity in input+output tokens/s, from the output capacity and the measured token mix
                .put("throughputTokensPerSecond", capacity.outputTokensPerSecond() * (Math.max(1, in) + Math.max(1, out))
                        / Math.max(1, out))
                .put("throughputSource", capacity.source());
        options.addObject().put("name", "Llama 3 70B hosted API").put("type", "api")
                .put("model", "meta-llama/Meta-Llama-3-70B-Instruct");
        options.addObject().put("name", "Llama 2 70B hosted API").put("type", "api")
                .put("model", "meta-llama/Llama-2-70b-chat-hf");
        return s;
    }
}
