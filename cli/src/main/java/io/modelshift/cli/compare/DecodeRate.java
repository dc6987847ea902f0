package io.modelshift.cli.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelshift.cli.ServiceClient;

/**
 * Tokens per second of a run: completion tokens over request latency, summed over its answered items (paged from
 * {@code GET /v1/evaluations/{id}/items}). The latency includes the time to first token, so this is the rate a
 * client sees, not the pure decode rate. The evaluation service's run view carries no such figure.
 */
final class DecodeRate {

    static final int PAGE = 1000;

    private DecodeRate() {
    }

    static double of(ServiceClient eval, String runId) {
        long tokens = 0;
        double seconds = 0;
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = eval.get("/v1/evaluations/" + runId + "/items?offset=" + offset + "&limit=" + PAGE);
            for (JsonNode item : page) {
                if (item.path("error").isTextual()) {
                    continue;
                }
                tokens += item.path("completion_tokens").asLong();
                seconds += item.path("latency_ms").asDouble() / 1000;
            }
            if (page.size() < PAGE) {
                return seconds == 0 ? Double.NaN : tokens / seconds;
            }
        }
    }
}
