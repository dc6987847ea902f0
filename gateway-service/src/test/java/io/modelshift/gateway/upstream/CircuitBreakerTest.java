package io.modelshift.gateway.upstream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {

    static final long OPEN = 1_000_000_000L;

    @Test
    void opensAfterConsecutiveFailuresAndRefusesAtOnce() {
        CircuitBreaker b = new CircuitBreaker(3, 0.5, 20, OPEN);
        for (int i = 0; i < 3; i++) {
            assertTrue(b.tryAcquire(0));
            b.onFailure(0);
        }
        assertEquals(CircuitBreaker.State.OPEN, b.state(0));
        assertFalse(b.tryAcquire(10));
    }

    @Test
    void halfOpenLetsOneProbeThroughThenClosesOnSuccess() {
        CircuitBreaker b = new CircuitBreaker(1, 0.5, 20, OPEN);
        b.onFailure(0);
        assertFalse(b.tryAcquire(OPEN - 1));
        assertTrue(b.tryAcquire(OPEN));
        assertFalse(b.tryAcquire(OPEN), "only one probe at a time");
        b.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, b.state(OPEN));
        assertTrue(b.tryAcquire(OPEN));
    }

    @Test
    void failedProbeOpensAgain() {
        CircuitBreaker b = new CircuitBreaker(1, 0.5, 20, OPEN);
        b.onFailure(0);
        assertTrue(b.tryAcquire(OPEN));
        b.onFailure(OPEN);
        assertFalse(b.tryAcquire(OPEN + 1));
        assertEquals(2, b.opens());
    }

    @Test
    void opensOnFailureRatioOverTheWindow() {
        CircuitBreaker b = new CircuitBreaker(100, 0.5, 10, OPEN);
        for (int i = 0; i < 10; i++) {
            assertEquals(CircuitBreaker.State.CLOSED, b.state(0));
            if (i % 2 == 1) { // the 10th call fails: 5 of the last 10 failed
                b.onFailure(0);
            } else {
                b.onSuccess();
            }
        }
        assertEquals(CircuitBreaker.State.OPEN, b.state(0));
    }

    @Test
    void occasionalFailuresKeepItClosed() {
        CircuitBreaker b = new CircuitBreaker(5, 0.5, 10, OPEN);
        for (int i = 0; i < 100; i++) {
            if (i % 4 == 0) {
                b.onFailure(0);
            } else {
                b.onSuccess();
            }
        }
        assertEquals(CircuitBreaker.State.CLOSED, b.state(0));
    }

    @Test
    void bulkheadCapsConcurrency() {
        Bulkhead h = new Bulkhead(2);
        assertTrue(h.tryAcquire());
        assertTrue(h.tryAcquire());
        assertFalse(h.tryAcquire());
        h.release();
        assertTrue(h.tryAcquire());
    }

    @Test
    void overheadIsFormattedInMilliseconds() {
        assertEquals("0.000", Relay.millis(0));
        assertEquals("0.042", Relay.millis(42_000));
        assertEquals("1.234", Relay.millis(1_234_000));
        assertEquals("12.300", Relay.millis(12_300_000));
    }

    @Test
    void upstreamErrorsAreWrappedInTheEnvelope() {
        String vllm = "{\"error\":{\"message\":\"m\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}";
        assertEquals(vllm, Relay.envelope(400, io.vertx.core.buffer.Buffer.buffer(vllm)));
        String flat = Relay.envelope(404, io.vertx.core.buffer.Buffer.buffer(
                "{\"object\":\"error\",\"message\":\"no model\",\"type\":\"NotFoundError\",\"code\":404}"));
        assertTrue(flat.contains("\"error\":{\"message\":\"no model\""), flat);
        String text = Relay.envelope(503, io.vertx.core.buffer.Buffer.buffer("upstream down"));
        assertTrue(text.contains("upstream down") && text.contains("server_error"), text);
    }
}
