package io.modelshift.api.rollout;

import java.time.Duration;
import java.util.regex.Matcher;

/** Parses the resource's durations ({@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}; see {@link Patterns#DURATION}). */
public final class RolloutDuration {

    private static final java.util.regex.Pattern FULL = java.util.regex.Pattern.compile(Patterns.DURATION);
    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h)");

    private RolloutDuration() {
    }

    /** The duration, or {@code fallback} when {@code text} is null or blank; a malformed text throws with the format. */
    public static Duration parse(String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        if (!FULL.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90s, 10m, 1h30m or 500ms");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total;
    }
}
