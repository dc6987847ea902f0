package io.modelshift.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelshift.gateway.access.ApiKey;
import io.modelshift.gateway.routing.Route;
import io.modelshift.gateway.routing.RouteTable;
import io.modelshift.gateway.routing.Variant;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code GET /v1/models}: the routes this key may use, and each of their variants, as OpenAI model objects. */
@ApplicationScoped
public class ModelList {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RouteTable table;

    public ModelList(RouteTable table) {
        this.table = table;
    }

    String json(ApiKey key) {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (Route r : table.snapshot().routes().values()) {
            if (!key.mayUse(r.name())) {
                continue;
            }
            ObjectNode route = model(data, r.name(), r.name());
            ArrayNode variants = route.putArray("variants");
            for (Variant v : r.variants()) {
                variants.addObject().put("name", v.name()).put("weight", v.weight())
                        .put("stable", v.name().equals(r.stable()));
            }
            for (Variant v : r.variants()) {
                model(data, v.name(), r.name());
            }
        }
        return root.toString();
    }

    private static ObjectNode model(ArrayNode data, String id, String route) {
        return data.addObject().put("id", id).put("object", "model").put("created", 0)
                .put("owned_by", "modelshift").put("route", route);
    }
}
