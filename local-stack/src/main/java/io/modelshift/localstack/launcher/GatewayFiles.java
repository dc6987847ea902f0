package io.modelshift.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's routes and keys files for the local run (formats in the gateway-service README): one route whose
 * stable variant starts with all the traffic, sticky by the {@code x-session-id} header, and fresh random API keys
 * for three tenants plus an admin key. Only the keys' SHA-256 go into the keys file.
 */
public record GatewayFiles(Path routes, Path keys, Map<String, List<String>> clientKeys, String adminKey) {

    static final Map<String, Integer> KEYS_PER_TENANT = Map.of("acme", 2, "globex", 1, "initech", 1);

    public static GatewayFiles write(Path dir, String route, List<StackEndpoints.VariantTarget> variants) {
        StringBuilder routes = new StringBuilder("routes:\n  - name: ").append(route)
                .append("\n    stable: ").append(variants.getFirst().name())
                .append("\n    stickiness: header:x-session-id\n    salt: ").append(route).append("-local\n    variants:\n");
        for (int i = 0; i < variants.size(); i++) {
            StackEndpoints.VariantTarget v = variants.get(i);
            routes.append("      - {name: ").append(v.name()).append(", url: \"").append(v.baseUrl())
                    .append("/v1\", model: \"").append(v.model()).append("\", weight: ").append(i == 0 ? 100 : 0)
                    .append("}\n");
        }
        SecureRandom random = new SecureRandom();
        Map<String, List<String>> clientKeys = new LinkedHashMap<>();
        StringBuilder keys = new StringBuilder("keys:\n");
        for (String tenant : List.of("acme", "globex", "initech")) {
            List<String> tokens = new java.util.ArrayList<>();
            for (int i = 1; i <= KEYS_PER_TENANT.get(tenant); i++) {
                String token = "sk-local-" + tenant + "-" + hex(random, 12);
                tokens.add(token);
                keys.append("  - {id: ").append(tenant).append("-").append(i).append(", sha256: ")
                        .append(sha256(token)).append(", tenant: ").append(tenant)
                        .append(", roles: [client], routes: [").append(route).append("]}\n");
            }
            clientKeys.put(tenant, List.copyOf(tokens));
        }
        String admin = "sk-local-admin-" + hex(random, 12);
        keys.append("  - {id: local-admin, sha256: ").append(sha256(admin))
                .append(", tenant: platform, roles: [admin, tester, client]}\n");
        try {
            Path r = Files.writeString(dir.resolve("routes.yaml"), routes);
            Path k = Files.writeString(dir.resolve("keys.yaml"), keys);
            return new GatewayFiles(r, k, clientKeys, admin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gateway files in " + dir, e);
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
