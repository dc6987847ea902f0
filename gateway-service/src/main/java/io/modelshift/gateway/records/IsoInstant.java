package io.modelshift.gateway.records;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (ISO-8601, UTC, the fraction in groups of three
 * digits), reusing the date-and-seconds part while the second does not change: {@code Instant.toString} goes through
 * a {@code DateTimeFormatter} each time, which was about 3 % of the gateway's CPU when every request is recorded.
 */
final class IsoInstant {

    private static final long YEAR_10000 = 253402300800L; // 10000-01-01T00:00:00Z: longer years print differently

    /** The last second formatted; immutable, so any thread may read the one another wrote. */
    private record Second(long epochSecond, String prefix) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private IsoInstant() {
    }

    static String format(Instant t) {
        long second = t.getEpochSecond();
        if (second < 0 || second >= YEAR_10000) {
            return t.toString();
        }
        Second cached = last;
        if (cached.epochSecond() != second) {
            cached = new Second(second, prefix(second));
            last = cached;
        }
        StringBuilder sb = new StringBuilder(cached.prefix().length() + 11).append(cached.prefix());
        int nano = t.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                pad(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                pad(sb, nano / 1000, 6);
            } else {
                pad(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    private static String prefix(long epochSecond) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(19);
        pad(sb, d.getYear(), 4);
        pad(sb.append('-'), d.getMonthValue(), 2);
        pad(sb.append('-'), d.getDayOfMonth(), 2);
        pad(sb.append('T'), d.getHour(), 2);
        pad(sb.append(':'), d.getMinute(), 2);
        pad(sb.append(':'), d.getSecond(), 2);
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int value, int digits) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < digits; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
