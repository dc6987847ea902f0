package io.modelshift.proxy.forwarding;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutlierTest {

    private static final long S = 1_000_000_000L;

    @Test
    void ejectsAfterConsecutiveFailuresOnly() {
        Outlier o = new Outlier(3, S, 30 * S);
        assertFalse(o.onFailure(0));
        assertFalse(o.onFailure(0));
        o.onSuccess(0); // the streak is broken
        assertFalse(o.onFailure(0));
        assertFalse(o.onFailure(0));
        assertTrue(o.onFailure(0));
        assertTrue(o.ejected());
        assertEquals(S, o.backoffNanos());
    }

    @Test
    void readmittedOnlyByAProbeAfterTheBackoffAndBackoffDoubles() {
        Outlier o = new Outlier(1, S, 3 * S);
        o.onFailure(0);
        assertFalse(o.onProbe(true, S / 2), "the back-off is not over");
        assertTrue(o.ejected());
        assertFalse(o.onProbe(false, S), "no answer: ejected again");
        assertEquals(2, o.ejections());
        assertEquals(2 * S, o.backoffNanos());
        assertTrue(o.onProbe(true, 3 * S));
        assertFalse(o.ejected());
        o.onFailure(4 * S);
        assertEquals(3 * S, o.backoffNanos(), "capped");
    }

    @Test
    void forgetsPastEjectionsAfterServingWellForLongerThanTheCap() {
        Outlier o = new Outlier(1, S, 4 * S);
        o.onFailure(0);
        o.onProbe(true, S);
        o.onSuccess(2 * S);
        assertEquals(1, o.ejections());
        o.onSuccess(6 * S);
        assertEquals(0, o.ejections());
        o.onFailure(7 * S);
        assertEquals(S, o.backoffNanos());
    }
}
