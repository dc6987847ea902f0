package io.modelshift.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an object against a CRD's openAPIV3Schema the way the API server's structural schema would: types, required
 * fields, enums, patterns, bounds, and no unknown fields (which the API server would silently prune).
 */
final class CrdSchema {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Every custom resource has these; a CRD's schema does not list them. */
    private static final Set<String> IMPLICIT_ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");
    private final JsonNode schema;

    private CrdSchema(JsonNode schema) {
        this.schema = schema;
    }

    static CrdSchema of(Path crd, String version) throws IOException {
        for (JsonNode v : YAML.readTree(crd.toFile()).path("spec").path("versions")) {
            if (version.equals(v.path("name").asText())) {
                return new CrdSchema(v.path("schema").path("openAPIV3Schema"));
            }
        }
        throw new IllegalArgumentException(crd + " has no version " + version);
    }

    /** The problems found, empty when the object is valid. */
    List<String> violations(Object object) {
        List<String> problems = new ArrayList<>();
        check(YAML.valueToTree(object), schema, "", problems);
        return problems;
    }

    private static void check(JsonNode value, JsonNode s, String path, List<String> problems) {
        if (s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !s.has("properties")) {
            return;
        }
        String type = s.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(path + ": expected an object, got " + value);
                    return;
                }
                for (JsonNode required : s.path("required")) {
                    if (!value.has(required.asText())) {
                        problems.add(path + "." + required.asText() + ": required");
                    }
                }
                JsonNode props = s.path("properties");
                JsonNode additional = s.path("additionalProperties");
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String p = path + "." + field.getKey();
                    if (props.has(field.getKey())) {
                        check(field.getValue(), props.get(field.getKey()), p, problems);
                    } else if (additional.isObject()) {
                        check(field.getValue(), additional, p, problems);
                    } else if (!s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                            && !(path.isEmpty() && IMPLICIT_ROOT_FIELDS.contains(field.getKey()))) {
                        problems.add(p + ": unknown field (the API server would drop it)");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": expected an array, got " + value);
                    return;
                }
                if (s.has("minItems") && value.size() < s.get("minItems").asInt()) {
                    problems.add(path + ": fewer than " + s.get("minItems").asInt() + " items");
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), s.path("items"), path + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected a string, got " + value);
                } else if (s.has("pattern") && !java.util.regex.Pattern.compile(s.get("pattern").asText())
                        .matcher(value.asText()).find()) {
                    problems.add(path + ": " + value + " does not match " + s.get("pattern").asText());
                }
            }
            case "integer", "number" -> {
                if (!value.isNumber() || ("integer".equals(type) && !value.canConvertToLong())) {
                    problems.add(path + ": expected " + type + ", got " + value);
                } else if (s.has("minimum") && value.asDouble() < s.get("minimum").asDouble()
                        || s.has("maximum") && value.asDouble() > s.get("maximum").asDouble()) {
                    problems.add(path + ": " + value + " out of bounds");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected a boolean, got " + value);
                }
            }
            default -> { }
        }
        if (s.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : s.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(path + ": " + value + " not one of " + s.get("enum"));
            }
        }
    }
}
