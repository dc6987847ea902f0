package io.modelshift.gateway.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured keys, found by the SHA-256 of the presented bearer token. The table is keyed by a hash prefix and the
 * full digest is then compared in constant time ({@link MessageDigest#isEqual}), so response timing says nothing
 * about how much of a stored digest a guess matched. Keys file format (YAML; a Kubernetes Secret is mounted as this
 * file):
 * <pre>
 * keys:
 *   - id: team-a
 *     sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *     tenant: team-a
 *     roles: [client]
 *     rpm: 600
 *     tpm: 200000
 *     max_tokens: 4096
 *     routes: [llama-70b]
 * </pre>
 */
public final class KeyRing {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /**
     * One digest per thread (the event loops): the provider lookup of {@code MessageDigest.getInstance} cost more
     * than hashing the key itself. Every request is still hashed: the gateway keeps no presented key in memory,
     * which a cache keyed by the raw token would (and a cache keyed by anything cheaper than a cryptographic hash
     * of it could be forged).
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(KeyRing::newSha256);

    private final Map<Long, List<ApiKey>> byPrefix = new HashMap<>();
    private final int size;

    public KeyRing(List<ApiKey> keys) {
        Set<String> ids = new HashSet<>();
        for (ApiKey k : keys) {
            if (!ids.add(k.id())) {
                throw new IllegalArgumentException("key id '" + k.id() + "' is used twice");
            }
            byPrefix.computeIfAbsent(prefix(k.sha256()), p -> new ArrayList<>(1)).add(k);
        }
        size = keys.size();
    }

    public int size() {
        return size;
    }

    /** The key whose hash matches the presented token, or null. */
    public ApiKey find(String presented) {
        byte[] digest = sha256(presented);
        List<ApiKey> candidates = byPrefix.get(prefix(digest));
        if (candidates == null) {
            return null;
        }
        for (ApiKey k : candidates) {
            if (MessageDigest.isEqual(k.sha256(), digest)) {
                return k;
            }
        }
        return null;
    }

    public static byte[] sha256(String token) {
        return SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)); // digest() also resets it for reuse
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static long prefix(byte[] digest) {
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (digest[i] & 0xff);
        }
        return p;
    }

    public static KeyRing parse(String yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        List<ApiKey> keys = new ArrayList<>();
        if (root != null && !root.isNull() && !root.isMissingNode()) {
            JsonNode list = root.path("keys");
            if (!list.isArray()) {
                throw new IllegalArgumentException("the keys file needs a top-level 'keys:' list");
            }
            for (JsonNode k : list) {
                String id = k.path("id").asText(null);
                String hex = k.path("sha256").asText("");
                byte[] hash;
                try {
                    hash = HexFormat.of().parseHex(hex.trim().toLowerCase());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("key '" + id + "': sha256 is not hex");
                }
                Set<Role> roles = new HashSet<>();
                for (JsonNode r : k.path("roles")) {
                    roles.add(Role.parse(r.asText()));
                }
                if (roles.isEmpty()) {
                    roles.add(Role.CLIENT);
                }
                Set<String> routes = new HashSet<>();
                for (JsonNode r : k.path("routes")) {
                    routes.add(r.asText());
                }
                String tenant = k.path("tenant").asText(id);
                keys.add(new ApiKey(id, hash, tenant, roles, k.path("rpm").asLong(0), k.path("tpm").asLong(0),
                        k.path("max_tokens").asInt(0), routes));
            }
        }
        return new KeyRing(keys);
    }
}
