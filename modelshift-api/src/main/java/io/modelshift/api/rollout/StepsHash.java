package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A short, stable fingerprint of {@code spec.steps}: the same steps always hash the same whatever the YAML's key
 * order or formatting, so the controller can tell "the steps were edited" from "the spec was re-applied".
 */
public final class StepsHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private StepsHash() {
    }

    /** 16 hex characters of the SHA-256 of the steps' canonical JSON. */
    public static String of(List<RolloutStep> steps) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(steps == null ? List.of() : steps);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash rollout steps", e);
        }
    }

    static String canonicalJson(List<RolloutStep> steps) {
        try {
            return new String(CANONICAL.writeValueAsBytes(steps), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
