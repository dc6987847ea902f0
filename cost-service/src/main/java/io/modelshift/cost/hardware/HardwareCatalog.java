package io.modelshift.cost.hardware;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.modelshift.api.openai.InvalidRequestException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hardware profiles and model shapes by key, read from JSON
 * ({@code {"profiles": {id: HardwareProfile fields}, "models": {id: ModelArchitecture fields}}}).
 */
public record HardwareCatalog(String origin, Map<String, HardwareProfile> profiles,
                              Map<String, ModelArchitecture> models) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    public HardwareCatalog {
        profiles = Collections.unmodifiableMap(new TreeMap<>(profiles));
        models = Collections.unmodifiableMap(new TreeMap<>(models));
    }

    public static HardwareCatalog parse(String json, String origin) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, HardwareProfile> profiles = new TreeMap<>();
            Map<String, ModelArchitecture> models = new TreeMap<>();
            root.path("profiles").fields().forEachRemaining(f -> profiles.put(f.getKey(),
                    read(withId(f.getValue(), f.getKey()), HardwareProfile.class)));
            root.path("models").fields().forEachRemaining(f -> models.put(f.getKey(),
                    read(withId(f.getValue(), f.getKey()), ModelArchitecture.class)));
            if (profiles.isEmpty()) {
                throw new IllegalArgumentException("no hardware profiles");
            }
            return new HardwareCatalog(origin, profiles, models);
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidRequestException.badRequest("Malformed hardware catalogue " + origin + ": " + e.getMessage(),
                    "hardware", "invalid_hardware_catalogue");
        }
    }

    public HardwareProfile requireProfile(String id, String param) {
        HardwareProfile profile = id == null ? null : profiles.get(id);
        if (profile == null) {
            throw InvalidRequestException.badRequest("Unknown hardware profile '" + id + "'. Known profiles: "
                    + String.join(", ", profiles.keySet()) + ".", param, "unknown_hardware");
        }
        return profile;
    }

    public Optional<ModelArchitecture> findModel(String name) {
        if (name == null) {
            return Optional.empty();
        }
        ModelArchitecture direct = models.get(name);
        return direct != null ? Optional.of(direct)
                : models.values().stream().filter(m -> m.aliases().contains(name)).findFirst();
    }

    public ModelArchitecture requireModel(String name, String param) {
        return findModel(name).orElseThrow(() -> InvalidRequestException.badRequest("Unknown model architecture '" + name
                + "'. Known models: " + String.join(", ", models.keySet())
                + " (and their aliases, GET /v1/hardware).", param, "model_not_found"));
    }

    /** The profile with some fields replaced, e.g. {@code {"gpuPrice": 9000, "gpusPerReplica": 4}}; checked again. */
    public static HardwareProfile override(HardwareProfile profile, Map<String, Object> overrides, String param) {
        if (overrides == null || overrides.isEmpty()) {
            return profile;
        }
        ObjectNode node = JSON.valueToTree(profile);
        for (Map.Entry<String, Object> o : overrides.entrySet()) {
            if (!node.has(o.getKey()) || "id".equals(o.getKey())) {
                throw InvalidRequestException.badRequest("Unknown hardware field '" + o.getKey() + "'. Known fields: "
                        + String.join(", ", fieldNames(node)) + ".", param + "." + o.getKey(), "unknown_field");
            }
            node.set(o.getKey(), JSON.valueToTree(o.getValue()));
        }
        try {
            return JSON.treeToValue(node, HardwareProfile.class);
        } catch (IOException | IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw InvalidRequestException.badRequest("Invalid hardware override: " + cause.getMessage(), param,
                    "invalid_value");
        }
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (!"id".equals(n)) {
                names.add(n);
            }
        });
        return names;
    }

    private static JsonNode withId(JsonNode node, String id) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("entry '" + id + "' must be an object");
        }
        return ((ObjectNode) node.deepCopy()).put("id", id);
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException(cause.getMessage(), e);
        }
    }
}
