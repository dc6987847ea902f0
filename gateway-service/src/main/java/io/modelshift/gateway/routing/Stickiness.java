package io.modelshift.gateway.routing;

import java.util.Locale;

/**
 * Where a route reads the stickiness key that keeps one user on one variant.
 *
 * @param kind   the source of the key
 * @param header the header name when {@code kind} is {@link Kind#HEADER}, lower-case
 */
public record Stickiness(Kind kind, String header) {

    public enum Kind { HEADER, USER, API_KEY, NONE }

    public static final Stickiness NONE = new Stickiness(Kind.NONE, null);

    public Stickiness {
        if (kind == Kind.HEADER && (header == null || header.isBlank())) {
            throw new IllegalArgumentException("header stickiness needs a header name");
        }
        header = header == null ? null : header.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code header:x-session-id}, {@code user}, {@code api_key} or {@code none}. */
    public static Stickiness parse(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("none")) {
            return NONE;
        }
        String t = text.trim();
        if (t.regionMatches(true, 0, "header:", 0, 7)) {
            return new Stickiness(Kind.HEADER, t.substring(7).trim());
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "user" -> new Stickiness(Kind.USER, null);
            case "api_key", "api-key", "key" -> new Stickiness(Kind.API_KEY, null);
            default -> throw new IllegalArgumentException(
                    "unknown stickiness '" + text + "': use header:<name>, user, api_key or none");
        };
    }

    @Override
    public String toString() {
        return kind == Kind.HEADER ? "header:" + header : kind.name().toLowerCase(Locale.ROOT);
    }
}
