package io.modelshift.cost.usage;

import io.modelshift.api.openai.InvalidRequestException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A half-open time range {@code [from, to)} of the ledger. */
public record Period(Instant from, Instant to) {

    public Period {
        if (!to.isAfter(from)) {
            throw InvalidRequestException.badRequest("The period must end after it starts: from " + from + ", to " + to, "to",
                    "invalid_period");
        }
    }

    /**
     * From query parameters: {@code month=2026-11} (UTC; the current month ends now: a deployment's cost so far is
     * spread over the tokens served so far, not a whole month's), or {@code from}/{@code to} as ISO instants; by
     * default the current month up to now.
     */
    public static Period parse(String month, String from, String to, Clock clock) {
        try {
            Instant now = clock.instant();
            if (month != null && !month.isBlank()) {
                YearMonth m = YearMonth.parse(month);
                Instant start = m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                Instant end = m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                return new Period(start, now.isAfter(start) && now.isBefore(end) ? now : end);
            }
            Instant start = from == null || from.isBlank() ? monthStart(now) : Instant.parse(from);
            Instant end = to == null || to.isBlank() ? now : Instant.parse(to);
            return new Period(start, end);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.badRequest("Invalid period: " + e.getParsedString()
                    + " (use month=YYYY-MM or from/to as ISO instants like 2026-11-01T00:00:00Z)", "from",
                    "invalid_period");
        }
    }

    public static Instant monthStart(Instant now) {
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public double seconds() {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    public double hours() {
        return seconds() / 3600;
    }
}
