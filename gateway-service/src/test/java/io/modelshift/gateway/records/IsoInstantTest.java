package io.modelshift.gateway.records;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsoInstantTest {

    @Test
    void writesWhatInstantToStringWrites() {
        long[] seconds = {0, 1, 59, 60, 86_399, 951_782_400L /* 2000-02-29 */, 1_795_000_000L, 253_402_300_799L,
                253_402_300_800L /* year 10000 */, -1, -62_167_219_200L /* year 0 */};
        int[] nanos = {0, 1, 999, 1000, 123_000, 1_000_000, 5_000_000, 120_000_000, 123_456_789, 999_999_999};
        for (long s : seconds) {
            for (int n : nanos) {
                Instant t = Instant.ofEpochSecond(s, n);
                assertEquals(t.toString(), IsoInstant.format(t));
            }
        }
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 100_000; i++) { // consecutive calls hit and miss the cached second
            Instant t = Instant.ofEpochSecond(random.nextLong(1_700_000_000L, 1_700_000_050L),
                    random.nextInt(4) == 0 ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000));
            assertEquals(t.toString(), IsoInstant.format(t));
        }
        Instant now = Instant.now();
        assertEquals(now.toString(), IsoInstant.format(now));
    }
}
