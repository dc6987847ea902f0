package io.modelshift.cost.usage;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeriodTest {

    private final Clock tenthOfNovember = Clock.fixed(Instant.parse("2026-11-10T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void thePastMonthIsWholeAndTheCurrentOneEndsNow() {
        Period october = Period.parse("2026-10", null, null, tenthOfNovember);
        assertEquals(744, october.hours(), 1e-9);
        Period november = Period.parse("2026-11", null, null, tenthOfNovember);
        assertEquals(Instant.parse("2026-11-10T00:00:00Z"), november.to(), "so far, not the whole month");
        assertEquals(216, november.hours(), 1e-9);
        assertEquals(november, Period.parse(null, null, null, tenthOfNovember), "the default is the same");
    }
}
