package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.RolloutDuration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an SRE writes for a migration's length: {@code 10d}, {@code 36h}, {@code 1d12h}, {@code 90m}, {@code 45s}. */
public final class MigrationDuration implements ITypeConverter<Duration> {

    private static final Pattern DAYS = Pattern.compile("(?:([0-9]+)d)?((?:[0-9]+[hms])*)");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    public static Duration parse(String text) {
        Matcher m = DAYS.matcher(text == null ? "" : text.trim());
        Duration total;
        try {
            if (!m.matches()) {
                throw new IllegalArgumentException();
            }
            // days are ours; the rest is the resource's own format (h, m, s)
            total = Duration.ofDays(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                    .plus(RolloutDuration.parse(m.group(2), Duration.ZERO));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 10d, 36h, 1d12h, 90m or 45s");
        }
        if (total.isZero()) {
            throw new TypeConversionException("'" + text + "' is zero; a duration must be positive");
        }
        return total;
    }

    /** In the resource's format (no days): {@code 80h}, {@code 3h20m}, {@code 45s}. */
    public static String format(Duration d) {
        long seconds = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            out.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0 || out.isEmpty()) {
            out.append(seconds % 60).append('s');
        }
        return out.toString();
    }
}
