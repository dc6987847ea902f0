package io.modelshift.gateway.rollout;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The controller's clock: the system clock, replaced by a test clock in tests (no test waits in real time). */
@ApplicationScoped
public class RolloutClock {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
