package io.modelshift.gateway.access;

import java.util.Set;

/**
 * One API key as configured: only its SHA-256 is ever stored.
 *
 * @param id        a public name for the key, used in records and metrics (never the key itself)
 * @param sha256    the SHA-256 of the key's UTF-8 bytes
 * @param tenant    who is charged for its traffic
 * @param roles     what it may do
 * @param rpm       requests per minute, 0 = unlimited
 * @param tpm       tokens (prompt + completion) per minute, 0 = unlimited
 * @param maxTokens the largest {@code max_tokens} a request may ask for, 0 = no cap
 * @param routes    the routes it may use; empty = all
 */
public record ApiKey(String id, byte[] sha256, String tenant, Set<Role> roles, long rpm, long tpm, int maxTokens,
                     Set<String> routes) {

    public ApiKey {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a key needs an id");
        }
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("key '" + id + "' needs a sha256 of 64 hex digits");
        }
        if (rpm < 0 || tpm < 0 || maxTokens < 0) {
            throw new IllegalArgumentException("key '" + id + "': rpm, tpm and max_tokens must be >= 0");
        }
        roles = Set.copyOf(roles);
        routes = routes == null ? Set.of() : Set.copyOf(routes);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean mayPinVariants() {
        return has(Role.TESTER) || has(Role.ADMIN);
    }

    public boolean mayUse(String route) {
        return routes.isEmpty() || routes.contains(route);
    }
}
