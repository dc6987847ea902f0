package io.modelshift.proxy.forwarding;

import io.modelshift.proxy.discovery.Endpoint;
import io.modelshift.proxy.discovery.Pod;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a probe without an answer says about a pod that was healthy. */
class ProbeVerdictTest {

    private static final long WINDOW = 2_000_000_000L;

    private static Pod pod() {
        return new Pod(new Endpoint("p", "10.0.0.1", 8000, true), new Outlier(2, 1_000_000_000L, 30_000_000_000L));
    }

    @Test
    void aRefusedConnectionTakesThePodOutAtOnce() {
        assertFalse(HealthProber.stillHealthy(new ConnectException("Connection refused"), pod(), 3, WINDOW,
                System.nanoTime()));
    }

    @Test
    void timeoutsTakeThresholdInARow() {
        Pod pod = pod();
        long now = System.nanoTime();
        assertTrue(HealthProber.stillHealthy(new TimeoutException("probe"), pod, 3, WINDOW, now));
        assertTrue(HealthProber.stillHealthy(new ConnectTimeoutException("connect"), pod, 3, WINDOW, now),
                "a connect that timed out is slow, not refused");
        assertFalse(HealthProber.stillHealthy(new TimeoutException("probe"), pod, 3, WINDOW, now));
        pod.probeAnswered();
        assertTrue(HealthProber.stillHealthy(new TimeoutException("probe"), pod, 3, WINDOW, now), "count restarted");
    }

    @Test
    void aPodSendingAnswersIsAliveWhateverItsProbeSays() {
        Pod pod = pod();
        long now = System.nanoTime();
        pod.answering(now - WINDOW / 2);
        for (int i = 0; i < 10; i++) {
            assertTrue(HealthProber.stillHealthy(new TimeoutException("probe"), pod, 3, WINDOW, now));
        }
        // silent for longer than the window: timeouts count again
        long later = now + 2 * WINDOW;
        assertTrue(HealthProber.stillHealthy(new TimeoutException("probe"), pod, 3, WINDOW, later));
        assertTrue(HealthProber.stillHealthy(new TimeoutException("probe"), pod, 3, WINDOW, later));
        assertFalse(HealthProber.stillHealthy(new TimeoutException("probe"), pod, 3, WINDOW, later));
        // but a refused connection is never excused
        pod.answering(later);
        assertFalse(HealthProber.stillHealthy(new ConnectException("Connection refused"), pod, 3, WINDOW, later));
    }
}
