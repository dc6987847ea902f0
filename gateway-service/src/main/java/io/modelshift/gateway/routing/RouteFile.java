package io.modelshift.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the routes YAML file (format in the module README):
 * <pre>
 * routes:
 *   - name: llama-70b
 *     stable: llama-2-70b
 *     stickiness: header:x-session-id     # or user, api_key, none
 *     salt: llama-70b-v1
 *     shadow: {fraction: 0.05, target: llama-3-70b, max_concurrent: 16}
 *     variants:
 *       - {name: llama-2-70b, url: http://proxy-l2:8100/v1, model: meta-llama/Llama-2-70b-chat-hf, weight: 90}
 *       - {name: llama-3-70b, url: http://proxy-l3:8100/v1, model: meta-llama/Meta-Llama-3-70B-Instruct, weight: 10,
 *          protocol: h2c}                  # http/1.1 (default) or h2c (HTTP/2 cleartext, for the inference-proxy)
 * </pre>
 */
public final class RouteFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RouteFile() {
    }

    public static List<Route> read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** @throws IllegalArgumentException with the route and field at fault when the content is invalid */
    public static List<Route> parse(String yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        JsonNode routes = root.path("routes");
        if (!routes.isArray()) {
            throw new IllegalArgumentException("the routes file needs a top-level 'routes:' list");
        }
        List<Route> out = new ArrayList<>();
        for (JsonNode r : routes) {
            String name = text(r, "name", "a route");
            List<Variant> variants = new ArrayList<>();
            for (JsonNode v : r.path("variants")) {
                String vname = text(v, "name", "a variant of route '" + name + "'");
                JsonNode weight = v.path("weight");
                if (!weight.isMissingNode() && !weight.canConvertToInt()) {
                    throw new IllegalArgumentException("variant '" + vname + "': weight must be an integer");
                }
                JsonNode protocol = v.path("protocol");
                variants.add(new Variant(vname, text(v, "url", "variant '" + vname + "'"),
                        v.path("model").asText(null), weight.asInt(1), protocol.isMissingNode() || protocol.isNull()
                        ? UpstreamProtocol.HTTP_1_1 : protocolOf(vname, protocol)));
            }
            JsonNode s = r.path("shadow");
            Shadow shadow = s.isMissingNode() || s.isNull() ? Shadow.OFF
                    : new Shadow(s.path("fraction").asDouble(0), s.path("target").asText(null),
                    s.path("max_concurrent").asInt(16));
            out.add(new Route(name, variants, r.path("stable").asText(null),
                    Stickiness.parse(r.path("stickiness").asText(null)), r.path("salt").asText(null), shadow));
        }
        return out;
    }

    private static UpstreamProtocol protocolOf(String variant, JsonNode protocol) {
        try {
            return UpstreamProtocol.parse(protocol.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("variant '" + variant + "': " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(what + " needs a '" + field + "'");
        }
        return v.asText();
    }
}
