package io.modelshift.cost.chargeback;

import io.modelshift.api.openai.InvalidRequestException;

import java.util.Locale;

/**
 * What happens to the cost of idle self-hosted capacity: kept as its own line ({@code NONE}, OpenCost's
 * {@code __none__}), spread over tenants in proportion to their cost ({@code WEIGHTED}, OpenCost's
 * {@code __weighted__}), or split equally between the tenants of the deployment ({@code EVEN}).
 */
public enum IdleSharing {
    NONE, WEIGHTED, EVEN;

    public static IdleSharing parse(String value, IdleSharing fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.badRequest("Unknown idle sharing '" + value + "'. Known: none, weighted, even.",
                    "idle", "invalid_value");
        }
    }
}
