package io.modelshift.api.rollout;

/** Regular expressions shared by the CRD schema and the file store's validation, so both reject the same input. */
public final class Patterns {

    /** A DNS-label-like name: routes, gates. */
    public static final String NAME = "^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$";
    /** A model name as an OpenAI client sends it (may contain {@code /} and {@code :}). */
    public static final String MODEL = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$";
    /** Go-style durations the way kubectl users write them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
    public static final String DURATION = "^([0-9]+(ms|s|m|h))+$";

    private Patterns() {
    }
}
