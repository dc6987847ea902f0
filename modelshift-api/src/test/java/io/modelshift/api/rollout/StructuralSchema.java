package io.modelshift.api.rollout;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The subset of the Kubernetes structural-schema checks our CRD uses (type, required, minimum/maximum,
 * minItems/maxItems, pattern, enum), enough to prove that the generated schema rejects what it claims to. CEL rules
 * ({@code x-kubernetes-validations}) are not evaluated here.
 */
final class StructuralSchema {

    private StructuralSchema() {
    }

    static List<String> violations(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "", out);
        return out;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) { out.add(path + ": must be an object"); return; }
                for (JsonNode req : schema.path("required")) {
                    if (!value.has(req.asText())) out.add(path + "." + req.asText() + ": Required value");
                }
                JsonNode props = schema.path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (props.has(e.getKey())) check(props.get(e.getKey()), e.getValue(), path + "." + e.getKey(), out);
                }
            }
            case "array" -> {
                if (!value.isArray()) { out.add(path + ": must be an array"); return; }
                if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) out.add(path + ": should have at least " + schema.get("minItems").asInt() + " items");
                if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) out.add(path + ": must have at most " + schema.get("maxItems").asInt() + " items");
                for (int i = 0; i < value.size(); i++) check(schema.path("items"), value.get(i), path + "[" + i + "]", out);
            }
            case "integer", "number" -> {
                if (!value.isNumber() || ("integer".equals(type) && !value.canConvertToLong())) { out.add(path + ": must be " + type); return; }
                if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) out.add(path + ": should be greater than or equal to " + schema.get("minimum").asDouble());
                if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) out.add(path + ": should be less than or equal to " + schema.get("maximum").asDouble());
            }
            case "string" -> {
                if (!value.isTextual()) { out.add(path + ": must be a string"); return; }
                if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) out.add(path + ": should match '" + schema.get("pattern").asText() + "'");
                if (schema.has("enum")) {
                    boolean ok = false;
                    for (JsonNode e : schema.get("enum")) ok |= e.asText().equals(value.asText());
                    if (!ok) out.add(path + ": Unsupported value: \"" + value.asText() + "\"");
                }
            }
            default -> { }
        }
    }
}
