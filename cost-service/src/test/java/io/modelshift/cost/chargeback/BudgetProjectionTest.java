package io.modelshift.cost.chargeback;

import io.modelshift.cost.usage.Period;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BudgetProjectionTest {

    @Test
    void spendIsProjectedToTheCalendarMonthsHours() {
        // a self-hosted deployment at $708.04 a month (730 h) accrues $0.96992 an hour
        double perHour = 708.04 / 730;
        Period octoberTenDays = new Period(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-11T00:00:00Z"));
        assertEquals(perHour * 744, BudgetBoard.projectMonth(perHour * 240, octoberTenDays), 1e-9,
                "October has 744 hours: $721.62 at month end, not $708.04");
        Period februaryTenDays = new Period(Instant.parse("2027-02-01T00:00:00Z"), Instant.parse("2027-02-11T00:00:00Z"));
        assertEquals(perHour * 672, BudgetBoard.projectMonth(perHour * 240, februaryTenDays), 1e-9);
    }

    @Test
    void theFirstMinutesOfAMonthDoNotProjectAFortune() {
        Period firstMinute = new Period(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T00:01:00Z"));
        assertEquals(10.0 * 720, BudgetBoard.projectMonth(10.0, firstMinute), 1e-9, "at least one hour elapsed");
    }
}
