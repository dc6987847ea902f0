package io.modelshift.gateway.access;

import java.util.Locale;

/** What a key may do: call models, pin variants for QA, or administer routes and rollouts. */
public enum Role {
    CLIENT, TESTER, ADMIN;

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text + "': use client, tester or admin");
        }
    }
}
