package io.modelshift.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.simulator.SimulatorConfig;
import io.vertx.core.http.HttpServerRequest;

/** {@code GET /v1/models}: vLLM's model list with its one served model (vLLM's {@code ModelCard}). */
final class ModelsEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Pod pod;

    ModelsEndpoint(Pod pod) {
        this.pod = pod;
    }

    void handle(HttpServerRequest request) {
        SimulatorConfig c = pod.config();
        long created = pod.startedAtEpochSeconds();
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        ObjectNode card = list.putArray("data").addObject();
        card.put("id", c.model());
        card.put("object", "model");
        card.put("created", created);
        card.put("owned_by", "vllm");
        card.put("root", c.model());
        card.putNull("parent");
        card.put("max_model_len", c.maxModelLen());
        ObjectNode permission = card.putArray("permission").addObject();
        permission.put("id", "modelperm-" + c.podName());
        permission.put("object", "model_permission");
        permission.put("created", created);
        permission.put("allow_create_engine", false);
        permission.put("allow_sampling", true);
        permission.put("allow_logprobs", true);
        permission.put("allow_search_indices", false);
        permission.put("allow_view", true);
        permission.put("allow_fine_tuning", false);
        permission.put("organization", "*");
        permission.putNull("group");
        permission.put("is_blocking", false);
        Endpoints.json(request.response(), 200, list.toString());
    }
}
