package io.modelshift.simulator.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ChoicePlanTest {

    @Test
    void naturalEndIsStop() {
        ChoicePlan p = ChoicePlan.of("Hello big world.", 100, List.of(), false, () -> "");
        assertEquals("Hello big world.", p.text());
        assertEquals("stop", p.finishReason());
        assertNull(p.stopReason());
        assertEquals(4, p.pieces().size());
    }

    @Test
    void maxTokensCutsWithLength() {
        ChoicePlan p = ChoicePlan.of("one two three four five", 3, List.of(), false, () -> "");
        assertEquals("one two three", p.text());
        assertEquals("length", p.finishReason());
    }

    @Test
    void stopStringSpanningPiecesIsRemovedWithWhatFollows() {
        ChoicePlan p = ChoicePlan.of("alpha beta gamma delta", 100, List.of("ta gam", "zzz"), false, () -> "");
        assertEquals("alpha be", p.text());
        assertEquals("stop", p.finishReason());
        assertEquals("ta gam", p.stopReason());
        assertEquals(3, p.pieces().size(), "the token that completed the stop string was generated");
    }

    @Test
    void earliestStopWins() {
        ChoicePlan p = ChoicePlan.of("a. b! c", 100, List.of("!", "."), false, () -> "");
        assertEquals("a", p.text());
        assertEquals(".", p.stopReason());
    }

    @Test
    void ignoreEosRunsOnToMaxTokens() {
        ChoicePlan p = ChoicePlan.of("short", 10, List.of(), true, () -> " more words here");
        assertEquals(10, p.pieces().size());
        assertEquals("length", p.finishReason());
    }

    @Test
    void stopOnTheFirstTokenLeavesOneEmptyToken() {
        ChoicePlan p = ChoicePlan.of("Stop here", 100, List.of("Stop"), false, () -> "");
        assertEquals("", p.text());
        assertEquals(1, p.pieces().size());
    }
}
